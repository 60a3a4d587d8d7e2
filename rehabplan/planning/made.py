"""How the plan was made, as facts (the plan's ``made``): where each condition starts, the rung
each role starts at, which weak area went to which slot, the walk test and graded walking,
running against the baseline (and why it ends below 80 % of it), what rose when, and the
weekly minimums and slots short days left out. The handout words them; so do the warnings.
"""

import math
from collections import defaultdict

from rehabplan.knowledge.roles import load_roles
from rehabplan.plan_model import (
    WEEKDAY_ORDER,
    Made,
    MadeDroppedSlot,
    MadePhase,
    MadeRole,
    MadeRunning,
    MadeShortfall,
    MadeWalk,
    MadeWeakArea,
    Week,
)
from rehabplan.problem.running import no_consecutive_runs, usual_runs
from rehabplan.problem.types import Problem, SlotSpec, WeekProblem, WeekSchedule

SHORTFALL_WORDS = {"count": "session", "weak": "weak_area", "run_floor": "running"}
DOSE_WORDS = {"mobility": "stretching", "aerobic": "aerobic", "walk": "walks"}
STEP = 5  # minutes are suggested in steps of 5


def made(problem: Problem, solution, weeks: list[Week], progressions: list[list[str]], passed_week: int | None) -> Made:
    problems, schedules = solution.problems, solution.weeks
    return Made(
        start=[
            MadePhase(condition=c, phase=p.id, phase_name=p.name)
            for c, p in (problems[0].phases.items() if problems else ())
        ],
        roles=_roles(problems, schedules),
        weak_areas=_weak_areas(problem, problems, schedules),
        walk=MadeWalk(
            passed_at_intake=problem.profile.walk_30min_pain_free,
            passed_week=passed_week,
            graded_weeks=[wp.number for wp in problems if wp.walking],
            walk_minutes=[wp.walking for wp in problems if wp.walking],
        ),
        running=running_facts(problem, problems, schedules),
        progressions={
            kind: [w.number for w, rose in zip(weeks, progressions) if kind in rose]
            for kind in sorted({k for rose in progressions for k in rose})
        },
        shortfalls=_shortfalls(schedules),
        dropped_slots=dropped_slots(problems, schedules, weeks),
    )


def _roles(problems: tuple[WeekProblem, ...], schedules: tuple[WeekSchedule, ...]) -> list[MadeRole]:
    """Each (session, role) the plan uses, where it first appears."""
    labels = {name: r.label for name, r in load_roles().items()}
    seen: dict[tuple[str, str], MadeRole] = {}
    for wp, week in zip(problems, schedules):
        names = {t.id: t.name for t in wp.templates}
        slots = {(t.id, s.role): s for t in wp.templates for s in t.slots}
        for day in week.days:
            for pick in day.sessions:
                for role, exercise in pick.items:
                    key = (pick.template, role)
                    if key in seen:
                        continue
                    slot = slots[key]
                    seen[key] = MadeRole(
                        session=pick.template,
                        session_name=names[pick.template],
                        role=role,
                        label=labels[role],
                        exercise=exercise,
                        rung=slot.level.rung + 1,
                        rungs=len(slot.ladder),
                        week=wp.number,
                    )
    return list(seen.values())


def _weak_areas(problem: Problem, problems, schedules) -> list[MadeWeakArea]:
    roles = load_roles()
    out = []
    for area in problem.profile.weaknesses:
        role, session = None, None
        for wp in problems:
            slots = [(s.role, t.id) for t in wp.templates if t.type != "isometric" for s in t.slots]
            found = [rs for rs in slots if area in roles[rs[0]].weakness] or [
                rs for rs in slots if area in roles[rs[0]].targets
            ]
            if found:
                role, session = found[0]
                break
        days = [
            sum(1 for d in week.days if any(r == role for p in d.sessions for r, _e in p.items)) for week in schedules
        ]
        out.append(MadeWeakArea(area=area, role=role, session=session, days_per_week=min(days) if days else 0))
    return out


def running_facts(problem: Problem, problems, schedules) -> MadeRunning:
    """Running against the baseline, and why the plan ends below its goal (running_goal in
    return_to_run.yaml: 80 % of the baseline), in numbers."""
    baseline = problem.profile.running.baseline_weekly_minutes
    goal = problem.ladder.running_goal.target_pct
    minutes = [sum(d.run_minutes for d in w.days) for w in schedules]
    final = minutes[-1] if minutes else 0
    pct = 100 * final // baseline if baseline else None

    def at(share: int) -> int | None:
        return next((w.number for w, m in zip(schedules, minutes) if baseline and m * 100 >= share * baseline), None)

    return MadeRunning(
        baseline_minutes=baseline,
        baseline_runs=problem.profile.running.baseline_runs_per_week,
        ceiling_minutes=problem.running_ceiling or 0,
        first_run_week=next((w.number for w in schedules if w.runs), None),
        continuous_week=next((w.number for w in schedules if w.runs and w.run_mode == "continuous"), None),
        final_minutes=final,
        final_pct=pct,
        first_week_at_80pct=at(goal),
        first_week_at_baseline=at(100),
        why_not=why_not(problem, problems, schedules) if pct is not None and pct < goal else [],
    )


def running_capacity(problem: Problem) -> tuple[int, int, bool]:
    """The most running minutes a week the person's days could hold, even with no other session
    on them: the runner's usual number of runs on the roomiest days (not on consecutive days, Sunday
    to Monday included, where a recovering knee keeps a day between runs), each the day's minutes
    less the short walks, at most the longest run. Returns (minutes, runs, apart)."""
    ladder = problem.ladder
    runs = problem.profile.running.baseline_runs_per_week or usual_runs(problem)
    apart = no_consecutive_runs(problem, "continuous")
    walks = ladder.short_warm_up_min + ladder.short_cool_down_min
    step = ladder.continuous_runs.step_min
    room = [min(ladder.continuous_runs.max_run_min, max(0, b - walks)) // step * step for b in problem.budgets]
    days = len(room)
    best = 0
    for chosen in range(1 << days):
        picked = [d for d in range(days) if chosen >> d & 1]
        if len(picked) > runs or (apart and any((d + 1) % days in picked for d in picked) and days > 1):
            continue
        best = max(best, sum(room[d] for d in picked if room[d] >= ladder.continuous_runs.min_run_min))
    return best, runs, apart


def why_not(problem: Problem, problems, schedules) -> list[str]:
    """Why running ends below its goal, from the plan's own numbers."""
    if not schedules:
        return []
    last_wp, last = problems[-1], schedules[-1]
    n = len(schedules)
    walk = problem.ladder.rule("R-RTR-01").values["walk_minutes"]
    if not any(w.runs for w in schedules):
        if not problem.profile.walk_30min_pain_free:
            return [f"no running in these {n} weeks: a brisk {walk}-minute walk is not yet pain-free (R-RTR-01)"]
        return [f"no running in these {n} weeks: the conditions' phases keep running off until week {n + 1} or later"]
    baseline = problem.profile.running.baseline_weekly_minutes
    target = baseline * problem.ladder.running_goal.target_pct // 100
    capacity, runs, apart = running_capacity(problem)
    reasons = []
    if capacity < target:
        spacing = " on non-consecutive days" if apart else ""
        reasons.append(
            f"your days hold at most about {capacity} minutes of running a week ({runs} runs{spacing}), "
            "even on days with nothing else"
        )
    if last.stage is not None:
        top = len(problem.ladder.stages)
        stage = problem.ladder.stages[last.stage - 1]
        full = problem.ladder.short_warm_up_min + problem.ladder.short_cool_down_min
        full += stage.repeats * int(stage.run_min + stage.walk_min)
        roomy = sum(1 for b in problem.budgets if b >= full)
        reasons.insert(
            0,
            f"the walk-run ladder is at stage {last.stage} of {top} in week {n}: each stage needs "
            f"{last_wp.stage_completions} full sessions and one progression a week at most (R-RTR-04, R-RTR-10)",
        )
        if roomy < last_wp.stage_completions:
            reasons.append(
                f"a full stage-{last.stage} session takes {full} minutes with short walks, and "
                f"{roomy} of your days {'has' if roomy == 1 else 'have'} that much"
            )
        return reasons
    final = sum(d.run_minutes for d in last.days)
    if last_wp.running_cap is not None and final < last_wp.running_cap - last_wp.run_limits.step * max(1, last.runs):
        return reasons + [
            f"your days hold about {final} minutes of running a week alongside the strength sessions "
            f"({last.runs} runs{' on non-consecutive days' if apart else ''})"
        ]
    start = next(w for w in schedules if w.runs and w.run_mode == "continuous")
    first = sum(d.run_minutes for d in start.days)
    rise = problem.ladder.rule("R-LD-01").values["max_weekly_increase_pct"]
    growth = (
        f"continuous running starts in week {start.number} at {first} minutes and rises at most {rise} % a "
        f"week, taking turns with the exercise doses (R-LD-01, R-RTR-10): {final} minutes by week {n}"
    )
    if capacity >= target and final:
        more = math.ceil(math.log(target / final) / math.log(1 + rise / 100))
        growth += f", and {target} minutes is at least {more} more week{'s' if more > 1 else ''} of rises away"
    return [*reasons, growth]


def _shortfalls(schedules) -> list[MadeShortfall]:
    grouped: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for week in schedules:
        for family, given, minimum in week.short:
            grouped[family, given, minimum].append(week.number)
    out = []
    for (family, given, minimum), numbers in sorted(grouped.items()):
        kind, _, key = family.partition(":")
        what = SHORTFALL_WORDS.get(kind, kind)
        if kind == "dose":
            what = DOSE_WORDS[key.split(":")[0]]
            key = key.split(":", 1)[-1]
        out.append(MadeShortfall(what=what, key=key or kind, weeks=numbers, given=given, minimum=minimum))
    return out


def dropped_slots(problems, schedules, weeks: list[Week]) -> list[MadeDroppedSlot]:
    """Slots short days left out, by weekday, session and reason (every slot any week left out
    there): for want of minutes, with the day's minutes that would fit the most it left out on
    one day (its spare minutes plus the shortest exercise each slot allows, in steps of 5); or
    because the day before or after loads the same muscles (48 hours, R-ST-01), where more
    minutes would not help."""
    grouped: dict[tuple[int, str, str], dict] = {}
    for wp, week, planned in zip(problems, schedules, weeks):
        slots: dict[tuple[str, str], SlotSpec] = {(t.id, s.role): s for t in wp.templates for s in t.slots}
        loaded = _spaced_targets(wp, week)
        by_day: dict[tuple[int, str, str], list[str]] = defaultdict(list)
        for d, template, role in week.dropped:
            spaced = {t for o in slots[template, role].options for t in o.spaced_targets}
            near = loaded.get(d - 1, set()) | loaded.get(d + 1, set())
            by_day[d, template, "spacing" if spaced & near else "minutes"].append(role)
        for (d, template, because), roles in by_day.items():
            day = planned.days[d]
            spare = day.budget_minutes - sum(s.minutes for s in day.sessions)
            need = day.budget_minutes + sum(slots[template, r].cheapest for r in roles) - spare
            entry = grouped.setdefault((d, template, because), {"roles": [], "weeks": [], "need": 0})
            entry["roles"] += [r for r in roles if r not in entry["roles"]]
            entry["weeks"].append(week.number)
            if because == "minutes":
                entry["need"] = max(entry["need"], -(-need // STEP) * STEP)
    return [
        MadeDroppedSlot(
            weekday=WEEKDAY_ORDER[d],
            session=template,
            roles=entry["roles"],
            weeks=entry["weeks"],
            minutes_needed=entry["need"],
            because="spacing" if because == "spacing" else "minutes",
        )
        for (d, template, because), entry in sorted(grouped.items())
    ]


def _spaced_targets(wp: WeekProblem, week: WeekSchedule) -> dict[int, set[str]]:
    """The muscle groups each day of the week loads at moderate or high intensity (R-ST-01),
    last Sunday as day -1."""
    options = {(t.id, o.id): o for t in wp.templates for s in t.slots for o in s.options}
    out = {
        d: {t for pick in day.sessions for _role, e in pick.items for t in options[pick.template, e].spaced_targets}
        for d, day in enumerate(week.days)
    }
    out[-1] = set(wp.previous.recent[-1].spaced_targets) if wp.previous.recent else set()
    return out
