"""What the plan says besides its weeks: warnings (no running yet and graded walking, weekly
minimums the days cannot hold with the change that would fit them, slots short days leave out,
runs that do not fit, running that ends below the baseline and why) and the notes that go with
every plan. Every sentence is worded here, from the solver's data and the plan's ``made`` facts.
"""

from rehabplan.english import DAYS, count_word, in_sentence, weeks_phrase
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.knowledge.roles import load_roles
from rehabplan.plan_model import Made
from rehabplan.planning.cannot_fit import change_words, family_words
from rehabplan.problem.types import Problem, WeekProblem, WeekSchedule
from rehabplan.solver.diagnose import smallest_change


def warnings(problem: Problem, solution, made: Made) -> list[str]:
    out = []
    profile = problem.profile
    baseline = profile.running.baseline_weekly_minutes
    if baseline == 0 and profile.walk_30min_pain_free:
        out.append(
            "You have no running baseline, so the walk-run ladder is your build-up and weekly "
            f"running stays at or below {problem.running_ceiling} minutes in this plan (R-LD-05)."
        )
    if made.walk.graded_weeks:
        out.append(_walking_warning(problem, made))
    out += _shortfall_warnings(problem, solution)
    out += _dropped_slot_warnings(problem, solution, made)
    out += _running_warnings(problem, solution)
    out += _baseline_warnings(problem, made)
    out += _unplaceable(problem, solution)
    out += _left_out(solution)
    out += daily_holds_warning(solution.problems[0], solution.weeks[0]) if solution.problems else []
    return out


def _walking_warning(problem: Problem, made: Made) -> str:
    walks = problem.ladder.graded_walking
    test = problem.ladder.rule("R-RTR-01").values["walk_minutes"]
    if made.walk.passed_week is not None:
        first = f"week {made.running.first_run_week}" if made.running.first_run_week else "a later plan"
        return (
            f"Graded walking in {weeks_phrase(made.walk.graded_weeks)} ({walks.rule}); your check-in for "
            f"week {made.walk.passed_week} reported a pain-free {test}-minute walk, so the walk-run ladder "
            f"starts at stage 1 in {first}."
        )
    return (
        f"No running yet: you cannot yet walk briskly for {test} minutes without pain or a limp "
        f"({walks.rule}). The plan builds your walking instead: walks of {walks.start_min} minutes, "
        f"{walks.step_min} minutes longer each week up to {walks.target_min} "
        f"({weeks_phrase(made.walk.graded_weeks)}), while the strength work moves on as usual. Once a "
        f"{test}-minute walk is pain-free, record it with `rehabplan checkin --walk-30min-pain-free` (or set "
        "walk_30min_pain_free: true and make a new plan): the walk-run ladder then starts at stage 1."
    )


def _shortfall_warnings(problem: Problem, solution) -> list[str]:
    """Weekly minimums the days cannot hold, one warning each: sessions, weak areas, walks,
    aerobic work (with the smallest change that would fit, checked by the solver on the week
    that gives least), stretching and running; weeks whose minimum differs (the Nordic table's
    rows) apart."""
    grouped: dict[tuple[str, int], list] = {}
    for wp, week in zip(solution.problems, solution.weeks):
        for family, given, minimum in week.short:
            grouped.setdefault((family, minimum), []).append((given, wp, week, minimum))
    out = []
    for (family, _minimum), hits in sorted(grouped.items()):
        given, wp, week, minimum = min(hits, key=lambda h: (h[0], h[2].number))
        numbers = [w.number for _, _, w, _ in hits]
        most = max(h[0] for h in hits)
        gives = f"{given}" if most == given else f"{given} to {most}"
        if family.startswith("dose:mobility"):
            req = next(r for r in wp.requirements if f"dose:{r.key}" == family)
            out.append(
                f"Short days: {req.label} fits on {gives} day{'s' if most != 1 else ''} a week instead of "
                f"{minimum} ({req.rule}) in {weeks_phrase(numbers)}; strength and running come first. "
                "Add a stretch on another day if you can: it takes a few minutes."
            )
            continue
        keep = set(week.relaxed) - {family}
        change = smallest_change(problem, wp, keep, must_hold=family) if family in week.relaxed else None
        fix = f" To fit it: {change_words(wp, change)}." if change else ""
        out.append(
            f"Under-dosed in {weeks_phrase(numbers)}: {family_words(wp, family)}; the plan gives {gives}, "
            f"because the days you have cannot hold more alongside the rest of the plan.{fix}"
        )
    return out


def _dropped_slot_warnings(problem: Problem, solution, made: Made) -> list[str]:
    labels = {name: r.label.lower() for name, r in load_roles().items()}
    names = {t.id: t.name for wp in solution.problems for t in wp.templates}
    budgets = dict(zip(DAYS, problem.budgets))
    out = []
    for drop in made.dropped_slots:
        day = DAYS[drop.weekday]
        left = "; ".join(labels[r] for r in drop.roles)
        some = "" if len(drop.roles) == 1 else "some of these: "
        if drop.because == "spacing":
            hours = problem.general.rule("R-ST-01").values["min_hours_between"]
            out.append(
                f"On {day}s the {names[drop.session]} session leaves out {some}{left} in "
                f"{weeks_phrase(drop.weeks)}: the day before or after works the same muscles, and they need "
                f"{hours} hours between (R-ST-01)."
            )
            continue
        out.append(
            f"Short day: on {day}s ({budgets[drop.weekday]} minutes) the {names[drop.session]} session leaves "
            f"out {some}{left} in {weeks_phrase(drop.weeks)}. {drop.minutes_needed} minutes on {day} would fit "
            f"{'it' if len(drop.roles) == 1 else 'them'} (availability.{drop.weekday}: {drop.minutes_needed})."
        )
    return out


def _running_warnings(problem: Problem, solution) -> list[str]:
    """Weeks where running was allowed but no run fitted, or too few full sessions to move up."""
    ladder = problem.ladder
    allowed = [(wp, w) for wp, w in zip(solution.problems, solution.weeks) if wp.run_mode != "walk_only"]
    if not allowed:
        return []
    empty = [w.number for _, w in allowed if w.runs == 0]
    walks = ladder.short_warm_up_min + ladder.short_cool_down_min
    if empty:
        wp = allowed[0][0]
        stage = ladder.stages[(wp.stage or 1) - 1]
        shortest = walks + stage.min_repeats * int(stage.run_min + stage.walk_min)
        return [
            f"No run fits in {weeks_phrase(empty)}: the shortest walk-run session takes {shortest} "
            f"minutes ({ladder.short_warm_up_min} minutes' walk before, {stage.min_repeats} rounds, "
            f"{ladder.short_cool_down_min} after). Give at least one day of {shortest} minutes or more "
            "to start the return to running."
        ]
    stuck = [(wp, w) for wp, w in allowed if w.stage is not None and wp.can_advance and not w.advanced and w.runs]
    slow = [(wp, w) for wp, w in stuck if wp.completions + _full(problem, w) < wp.stage_completions]
    if not slow:
        return []
    wp, w = slow[-1]
    stage = ladder.stages[w.stage - 1]
    full = walks + stage.repeats * int(stage.run_min + stage.walk_min)
    return [
        f"The walk-run ladder moves up only after {wp.stage_completions} full sessions at a stage (all "
        f"its rounds, R-RTR-04), and your days hold fewer in {weeks_phrase([x.number for _, x in slow])}, "
        f"so running comes back more slowly. A full stage-{w.stage} session takes {full} minutes with "
        f"{ladder.short_warm_up_min}-minute walks; a second day with that much time (not the day after "
        "another run) would speed it up."
    ]


def _full(problem: Problem, week) -> int:
    stage = problem.ladder.stages[week.stage - 1]
    return sum(1 for d in week.days if d.run and d.repeats >= stage.repeats)


def _baseline_warnings(problem: Problem, made: Made) -> list[str]:
    """A plan that ends below half the baseline (or, over 20 weeks or more, below its goal of
    80 % of it: running_goal in return_to_run.yaml) says so and why."""
    running, goal = made.running, problem.ladder.running_goal
    if running.final_pct is None or not running.why_not or (made.walk.graded_weeks and not running.first_run_week):
        return []
    long_plan = problem.weeks >= goal.long_plan_weeks
    if running.final_pct >= goal.explain_below_pct and not (long_plan and running.final_pct < goal.target_pct):
        return []
    return [
        f"Running ends at {running.final_minutes} of your usual {running.baseline_minutes} minutes a week "
        f"({running.final_pct} %) in week {problem.weeks}: " + "; ".join(running.why_not) + "."
    ]


def _left_out(solution) -> list[str]:
    """Sessions a condition's phase prescribes but another condition (or the equipment) rules
    out every exercise of: the safer reading wins, and the plan says so."""
    hits: dict[tuple[str, str], list[int]] = {}
    for wp in solution.problems:
        for name, why in wp.left_out:
            hits.setdefault((name, why), []).append(wp.number)
    return [
        f"No {in_sentence(name)} in {weeks_phrase(weeks)}: none of its exercises is allowed then ({why})."
        for (name, why), weeks in hits.items()
    ]


def _unplaceable(problem: Problem, solution) -> list[str]:
    """Tight areas no stretch fits in some weeks: held back by the phase, or no equipment."""
    hits: dict[str, list[WeekProblem]] = {}
    for wp in solution.problems:
        for key in wp.unplaceable:
            hits.setdefault(key, []).append(wp)
    return [_unplaceable_warning(problem, wps[0], key, [w.number for w in wps]) for key, wps in hits.items()]


def _unplaceable_warning(problem: Problem, wp: WeekProblem, key: str, weeks: list[int]) -> str:
    target = key.rsplit(":", maxsplit=1)[-1]
    label = target.replace("_", " ") + " stretching"
    when = weeks_phrase(weeks)
    fitting = [ex for ex in problem.catalog if ex.kind == "mobility" and target in ex.targets]
    for ex in fitting:
        for condition, phase in wp.phases.items():
            for c in ex.contraindications:
                if c.condition == condition and (not c.phases or phase.id in c.phases):
                    return f"No {label} in {when} ({phase.name} phase): {c.reason}."
    needs = sorted({e for ex in fitting for e in ex.needs} - problem.owned)
    extra = f"; adding one of these widens the choice: {', '.join(needs)}" if needs else ""
    return f"No exercise in the library fits {label} with your equipment in {when}{extra}."


def daily_holds_warning(wp: WeekProblem, week: WeekSchedule) -> list[str]:
    """Holds meant for every day without slow heavy work (R-PT-01) on a week with fewer
    available days: on which of them the plan puts them."""
    daily = [t for t in wp.templates if t.every_free_day]
    days = sum(1 for b in wp.budgets if b > 0)
    if not daily or days >= len(wp.budgets):
        return []
    t = daily[0]
    held = sum(1 for d in week.days if t.id in d.templates())
    where = ("it" if days == 1 else "those") if held == days else f"{count_word(held)} of them"
    where = "none of them" if not held else where
    others = "" if held == days else ", slow heavy work takes the others"
    return [
        f"The {in_sentence(t.name)} are meant for every day without slow heavy work ({t.rule}); your week has "
        f"{days} day{'s' if days > 1 else ''}, so the plan puts them on {where}{others}. If you "
        "can, do them on the other days as well."
    ]


def notes(problem: Problem) -> list[str]:
    pain = load_pain_rule()
    out = [
        pain.summary,
        pain.next_morning,
        "How this plan was set: every condition starts at its first phase and the walk-run "
        "ladder at stage 1; exercises and doses were chosen for your conditions, weak and tight "
        "areas, equipment and the minutes you gave each day. It is an unsupervised home "
        "programme: your weekly check-ins decide whether to move on, hold or step back.",
    ]
    rule = next((r for proto in problem.protocols for r in proto.rules if r.id == "R-OA-03"), None)
    if rule is not None:  # the condition that carries R-OA-03: knee arthritis
        out.append(
            "With knee arthritis a mild rise in pain when you start exercising is expected and "
            f"fine: up to {rule.values['max_pain_during']}/10, settling within "
            f"{rule.values['settle_within_hours']} hours (R-OA-03)."
        )
    return out
