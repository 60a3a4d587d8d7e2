"""The running rules of the independent validator (see ``rehabplan.validate.checks``).

The gate and the running each phase allows, the walk-run ladder (R-RTR-*), the spacing of
runs, and weekly running volume, intensity and terrain (R-LD-*, the conditions' running
limits), re-derived from the ladder and the protocols.
"""

from rehabplan.plan_model import Day, RunSession, Week
from rehabplan.validate.context import Context, at
from rehabplan.vocab import RUN_MODES  # most cautious first


def runs_on(day: Day) -> list[RunSession]:
    return [s for s in day.sessions if s.type == "run"]


def ran(week: Week) -> int:
    """Running (not walking) minutes of a week, from its run intervals."""
    return sum(iv.minutes * iv.repeats for d in week.days for s in runs_on(d) for iv in s.intervals if iv.mode == "run")


def run_count(week: Week) -> int:
    return sum(len(runs_on(d)) for d in week.days)


def full_runs(ctx: Context, week: Week) -> int:
    """Runs of a ladder week done in full: every round of its stage (R-RTR-04)."""
    if week.run_stage is None or not 1 <= week.run_stage <= len(ctx.ladder.stages):
        return 0
    repeats = ctx.ladder.stages[week.run_stage - 1].repeats
    return sum(
        1
        for d in week.days
        for s in runs_on(d)
        if any(iv.mode == "run" and iv.repeats >= repeats for iv in s.intervals)
    )


def check_running_gate(ctx: Context) -> list[str]:
    """R-RTR-01: no running until a brisk walk of the rule's ``walk_minutes`` is pain-free (at
    intake, or reported so by a check-in of an earlier week)."""
    walk = ctx.ladder.rule("R-RTR-01").values["walk_minutes"]
    return [
        f"{at(w, d)}a run, but a {walk}-minute walk is not yet pain-free [R-RTR-01]"
        for w, d in ctx.days
        if runs_on(d) and not ctx.walk_ok(w.number)
    ]


def check_phase_running(ctx: Context) -> list[str]:
    """Each protocol phase says how much running it allows, and the most cautious of the week's
    phases holds: no runs in a walk-only phase (tendon holds, a settling meniscus, ...), and
    walk-run phases run on the ladder, with a stage."""
    found = []
    for week in ctx.plan.weeks:
        phases = [
            (c, p)
            for c, p in week.phases.items()
            if c in ctx.protocols and p in [ph.id for ph in ctx.protocols[c].phases]
        ]
        if not phases or not run_count(week):
            continue
        condition, phase_id = min(phases, key=lambda cp: RUN_MODES.index(ctx.protocols[cp[0]].phase(cp[1]).running))
        mode = ctx.protocols[condition].phase(phase_id).running
        if mode == "walk_only":
            found.append(
                f"{at(week)}{run_count(week)} run(s) while {condition} is in its walk-only "
                f"phase {phase_id} [phase running]"
            )
        elif mode == "walk_run" and week.run_stage is None:
            found.append(
                f"{at(week)}continuous running while {condition} phase {phase_id} allows walk-run only [phase running]"
            )
    return found


def check_ladder_sessions(ctx: Context) -> list[str]:
    """The walk-run ladder: each run of a ladder week is its stage's intervals (run and walk
    minutes as listed, between the stage's fewest and most rounds; the top stage has no walk)."""
    found = []
    stages = ctx.ladder.stages
    for week in ctx.plan.weeks:
        if week.run_stage is None:
            continue
        if not 1 <= week.run_stage <= len(stages):
            found.append(f"{at(week)}run_stage {week.run_stage} is not a ladder stage [ladder]")
            continue
        stage = stages[week.run_stage - 1]
        for day in week.days:
            for run in runs_on(day):
                runs = [iv for iv in run.intervals if iv.mode == "run"]
                walks = [iv for iv in run.intervals if iv.mode == "walk"]
                rounds = runs[0].repeats if len(runs) == 1 else None
                want_walks = [(stage.walk_min, rounds)] if stage.walk_min else []
                if (
                    len(runs) != 1
                    or runs[0].minutes != stage.run_min
                    or rounds is None
                    or not stage.min_repeats <= rounds <= stage.repeats
                    or [(w.minutes, w.repeats) for w in walks] != want_walks
                ):
                    shown = ", ".join(f"{iv.mode} {iv.minutes} x{iv.repeats}" for iv in run.intervals)
                    found.append(
                        f"{at(week, day)}intervals {shown} do not match stage {stage.index} (run "
                        f"{stage.run_min:g}, walk {stage.walk_min:g}, {stage.min_repeats}-{stage.repeats} "
                        f"rounds) [ladder]"
                    )
    return found


def check_stage_progression(ctx: Context) -> list[str]:
    """R-RTR-04 and R-RTR-05: the ladder starts at stage 1 and, week to week, a stage stays or
    rises by one (or drops by the step back a check-in decided, R-PM-03), and only after at least
    R-RTR-04's ``min_completions_per_stage`` full runs at it (all its rounds); running becomes
    continuous (no stage) only after as many full runs at the top stage (once the ladder is done, a
    week back at the top stage,
    while another condition still holds walk-run, may end at any time). A runner without injury
    who already runs (prevention with a baseline) runs continuously from the start, no stage."""
    found = []
    top = len(ctx.ladder.stages)
    needed = ctx.ladder.rule("R-RTR-04").values["min_completions_per_stage"]
    backs = {d.week + 1: -d.stage_change for d in ctx.plan.decisions if d.action == "step_back"}
    prev, finished, done = None, False, 0
    for week in ctx.plan.weeks:
        stage = week.run_stage
        if stage is None and not run_count(week) and prev is not None:
            continue  # a week without runs (a check-in's rest from running) moves no stage
        if ctx.running_now:
            if stage is not None:
                found.append(f"{at(week)}stage {stage} for a runner who already runs continuously [R-RTR-04]")
            continue
        if prev is None:
            if stage is None and run_count(week) and not finished:
                found.append(f"{at(week)}continuous running before the walk-run ladder is done [R-RTR-04]")
            elif stage is not None and stage != (top if finished else 1):
                found.append(f"{at(week)}the ladder starts at stage 1, not {stage} [R-RTR-04]")
        elif stage != prev:
            rises = stage == prev + 1 <= top or (stage is None and prev == top)
            stepped_back = stage is not None and prev is not None and prev - backs.get(week.number, 0) <= stage < prev
            if not rises and not stepped_back:
                found.append(f"{at(week)}stage {prev} -> {stage}; a stage stays or rises by one [R-RTR-05]")
            elif done < needed and not finished:  # back at the top after the ladder: no new count
                found.append(
                    f"{at(week)}moves past stage {prev} after {done} full run(s) at it (all its rounds); "
                    f"at least {needed} [R-RTR-04]"
                )
            finished = finished or (stage is None and prev == top)
        done = (done if stage == prev else 0) + full_runs(ctx, week)
        prev = stage
    return found


def check_first_week_bouts(ctx: Context) -> list[str]:
    """R-RTR-07: in the first week of running after an injury, no running bout over 5 minutes
    (a runner without injury who already runs is not returning from symptoms)."""
    if ctx.running_now:
        return []
    limit = ctx.ladder.rule("R-RTR-07").values["max_bout_minutes_week1"]
    first = next((w for w in ctx.plan.weeks if run_count(w)), None)
    if first is None:
        return []
    return [
        f"{at(first, d)}a {iv.minutes}-minute running bout in the first week of running; at most {limit} [R-RTR-07]"
        for d in first.days
        for s in runs_on(d)
        for iv in s.intervals
        if iv.mode == "run" and iv.minutes > limit
    ]


def check_run_spacing(ctx: Context) -> list[str]:
    """One run a day, and no runs on consecutive days (Sunday to Monday too): R-RTR-02 on the
    walk-run ladder; for a knee returning from injury for the whole plan (project rule: a
    recovering knee keeps a day between runs), and a condition's running limit that asks for
    more than 24 hours between runs names its rule (the tendon: R-PT-04's 48 hours)."""
    found = [f"{at(w, d)}{len(runs_on(d))} runs on one day [run spacing]" for w, d in ctx.days if len(runs_on(d)) > 1]
    for (before_week, before), (week, day) in ctx.pairs():
        if not (runs_on(before) and runs_on(day)):
            continue
        rules = []
        if before_week.run_stage is not None or week.run_stage is not None:
            rules.append("R-RTR-02")
        if not ctx.profile.is_prevention:
            rules.append("run spacing")
        rules += [
            lim.rule
            for proto in ctx.protocols.values()
            for lim in proto.running
            if (lim.min_hours_between_runs or 0) > 24 and lim.first_week <= week.number <= (lim.last_week or 52)
        ]
        if rules:
            found.append(
                f"{at(week, day)}a run the day after the run on {before.weekday} {before.date} [{', '.join(rules)}]"
            )
    return found


def check_runs_per_window(ctx: Context) -> list[str]:
    """R-RTR-03: on the walk-run ladder, at most 4 runs in any 7 consecutive days (windows that
    reach back into the week before count)."""
    limit = ctx.ladder.rule("R-RTR-03").values["max_runs_per_7_days"]
    found = []
    for week, day in ctx.days:
        if week.run_stage is None or not runs_on(day):
            continue
        count = sum(len(runs_on(d)) for _, d in ctx.days if 0 <= (day.date - d.date).days < 7)
        if count > limit:
            found.append(f"{at(week, day)}{count} runs in the 7 days ending here; at most {limit} [R-RTR-03]")
    return found


def new_runner_ceiling(ctx: Context) -> int:
    """R-LD-05 for a new runner: the usual runs a week (R-RTR-03) at the ladder's top stage."""
    top = ctx.ladder.stages[-1]
    return ctx.ladder.rule("R-RTR-03").values["usual_runs_per_week"] * top.running_minutes(top.repeats)


def check_running_volume(ctx: Context) -> list[str]:
    """R-LD-05: weekly running never above the pre-injury baseline (a new runner: the usual runs
    at the ladder's top stage). R-LD-01 and R-LD-02 once running is continuous: at most +10 % on
    the last week of continuous running and +30 % on the one before (weeks without runs left
    out; the ladder's stages are exempt, its top stage counts), with no floor: a week a check-in
    cut rises from its cut value."""
    baseline = ctx.profile.running.baseline_weekly_minutes
    ceiling = baseline if baseline > 0 else new_runner_ceiling(ctx)
    top = ctx.ladder.stages[-1]
    weekly = ctx.ladder.rule("R-LD-01").values["max_weekly_increase_pct"]
    fortnightly = ctx.ladder.rule("R-LD-02").values["max_two_week_increase_pct"]
    history = [baseline, baseline] if ctx.running_now else []
    found = []
    for week in ctx.plan.weeks:
        minutes = ran(week)
        if (baseline > 0 or week.run_stage is None) and minutes > ceiling:
            found.append(f"{at(week)}{minutes} running minutes; at most {ceiling} [R-LD-05]")
        if week.run_stage is None and minutes and history:
            cap = history[-1] * (100 + weekly) // 100
            if minutes > cap:
                found.append(
                    f"{at(week)}{minutes} running minutes after {history[-1]}; at most {cap} (+{weekly} %) [R-LD-01]"
                )
            two_week_cap = history[-2] * (100 + fortnightly) // 100 if len(history) >= 2 else None
            if two_week_cap is not None and minutes > two_week_cap:
                found.append(
                    f"{at(week)}{minutes} running minutes, {history[-2]} two weeks back; at "
                    f"most {two_week_cap} (+{fortnightly} %) [R-LD-02]"
                )
        if minutes and (week.run_stage is None or week.run_stage == top.index):
            history.append(minutes)
    return found


def check_run_style(ctx: Context) -> list[str]:
    """R-LD-04: no tempo, interval or hill runs until the week before reached the rule's share of
    the baseline (half).
    Terrain: each condition's running limits for the week (R-ITB-02 flat only, R-LD-04 for the
    kneecap, ...)."""
    baseline = ctx.profile.running.baseline_weekly_minutes
    pct = ctx.ladder.rule("R-LD-04").values["min_pct_of_baseline_for_intensity"]
    share = "half" if pct == 50 else f"{pct} % of"
    found = []
    before = baseline if ctx.running_now else 0
    for week in ctx.plan.weeks:
        limits = [
            lim
            for proto in ctx.protocols.values()
            for lim in proto.running
            if lim.terrain and lim.first_week <= week.number <= (lim.last_week or 52)
        ]
        for day in week.days:
            for run in runs_on(day):
                if run.run_intensity != "easy" and before * 100 < baseline * pct:
                    found.append(
                        f"{at(week, day)}{run.run_intensity} run after a {before}-minute week; "
                        f"needs {share} the {baseline}-minute baseline [R-LD-04]"
                    )
                for lim in limits:
                    if run.terrain not in lim.terrain:
                        found.append(
                            f"{at(week, day)}{run.terrain} terrain; this week allows "
                            f"{', '.join(lim.terrain)} [{lim.rule}]"
                        )
        before = ran(week)
    return found


RUNNING_CHECKS = (
    check_running_gate,
    check_phase_running,
    check_ladder_sessions,
    check_stage_progression,
    check_first_week_bouts,
    check_run_spacing,
    check_runs_per_window,
    check_running_volume,
    check_run_style,
)
