"""What the plan says besides its weeks: warnings (no running yet, under-dosed requirements with
the change that would fit them, runs that do not fit, exercises a phase holds back) and the
notes that go with every plan. Every sentence is worded here, from the solver's data.
"""

from rehabplan.english import count_word, weeks_phrase
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.planning.cannot_fit import change_words
from rehabplan.problem.types import Problem, WeekProblem
from rehabplan.solver.diagnose import smallest_change


def warnings(problem: Problem, solution) -> list[str]:
    out = list(problem.warnings)
    profile = problem.profile
    if not profile.walk_30min_pain_free:
        walk = problem.ladder.rule("R-RTR-01").values["walk_minutes"]
        out.append(
            f"No running in this plan: you cannot yet walk briskly for {walk} minutes without pain or a "
            "limp (R-RTR-01). The plan gives walking, cross-training and strength work instead. "
            "Once you can, set walk_30min_pain_free: true and make a new plan; the walk-run "
            "ladder then starts at stage 1."
        )
    short: dict[str, list] = {}
    for wp, week in zip(solution.problems, solution.weeks):
        for key, got, _minimum in week.short:
            short.setdefault(key, []).append((wp, week, got))
        for key in wp.unplaceable:
            short.setdefault(f"none:{key}", []).append((wp, week, 0))
    for key, hits in short.items():
        if key.startswith("none:"):
            out.append(_unplaceable_warning(problem, hits[0][0], key[5:], [w.number for _, w, _ in hits]))
            continue
        for got in sorted({g for _, _, g in hits}):
            same = [(wp, w) for wp, w, g in hits if g == got]
            wp, week = same[0]
            change = smallest_change(problem, wp, {f"dose:{k}" for k in week.relaxed}, must_hold=f"dose:{key}")
            fix = change_words(wp, change) if change else None
            out.append(relaxed_warning(wp, key, got, [w.number for _, w in same], fix))
    out += _running_warnings(problem, solution)
    out += daily_holds_warning(solution.problems[0]) if solution.problems else []
    return out


def daily_holds_warning(wp: WeekProblem) -> list[str]:
    """The daily pain-relief holds (R-PT-01) on fewer days than a week has."""
    iso = [r for r in wp.requirements if r.kind == "isometric"]
    if not iso or iso[0].min_per_week >= 7:
        return []
    days = iso[0].min_per_week
    minutes = sorted({c.minutes for c in wp.candidates if c.bucket == "isometric" and iso[0].target in c.targets})
    holds = f"{'-'.join(str(m) for m in minutes)}-minute holds" if minutes else "holds"
    return [
        f"The pain-relief thigh holds are meant to be daily (R-PT-01); your week has "
        f"{days} day{'s' if days > 1 else ''}, so the plan puts them on "
        f"{'those' if days > 1 else 'it'}. If you can, do the {holds} on the other days as well."
    ]


def _running_warnings(problem: Problem, solution) -> list[str]:
    """Weeks where running was allowed but no run fitted, or too few runs to move up a stage."""
    ladder = problem.ladder
    allowed = [(wp, w) for wp, w in zip(solution.problems, solution.weeks) if wp.run_mode != "walk_only"]
    if not allowed:
        return []
    empty = [w.number for _, w in allowed if w.runs == 0]
    if empty:
        wp = allowed[0][0]
        stage = ladder.stages[(wp.stage or 1) - 1]
        shortest = ladder.session_minutes(stage, stage.min_repeats)
        return [
            f"No run fits in {weeks_phrase(empty)}: the shortest walk-run session takes {shortest} "
            f"minutes ({ladder.warm_up_min} warm-up, {stage.min_repeats} rounds, "
            f"{ladder.cool_down_min} cool-down). Give at least one day of {shortest} minutes or more "
            "to start the return to running."
        ]
    needed = ladder.rule("R-RTR-04").values["min_completions_per_stage"]
    slow = [w for wp, w in allowed if wp.can_advance and w.runs < needed and wp.completions + w.runs < needed]
    if slow:
        most = max(w.runs for w in slow)
        fits = f"Only {count_word(most)} run{'s fit' if most > 1 else ' fits'}"
        return [
            f"{fits} in {weeks_phrase([w.number for w in slow])}, and each walk-run stage needs "
            f"{count_word(needed)} runs before the next (R-RTR-04), so the return to running is slower. "
            "A second day with time for a run (not the day after another run) would speed it up."
        ]
    return []


def _unplaceable_warning(problem: Problem, wp, key: str, weeks: list[int]) -> str:
    """Why a requirement has no exercise this week: held back by the phase, or no equipment."""
    kind, target = key.split(":")[:2]
    label = target.replace("_", " ") + (" stretching" if kind == "mobility" else " work")
    when = weeks_phrase(weeks)
    kinds = ("mobility",) if kind == "mobility" else ("strength", "balance")
    fitting = [ex for ex in problem.catalog if ex.kind in kinds and target in ex.targets]
    for ex in fitting:
        for condition, phase in wp.phases.items():
            for c in ex.contraindications:
                if c.condition == condition and (not c.phases or phase.id in c.phases):
                    return f"No {label} in {when} ({phase.name} phase): {c.reason}."
    needs = sorted({e for ex in fitting for e in ex.needs} - problem.owned)
    extra = f"; adding one of these widens the choice: {', '.join(needs)}" if needs else ""
    return f"No exercise in the library fits {label} with your equipment in {when}{extra}."


def relaxed_warning(wp: WeekProblem, key: str, given: int, weeks: list[int], fix: str | None) -> str:
    """A warning for a dose the plan had to give less of than its minimum."""
    req = next(r for r in wp.requirements if r.key == key)
    when = weeks_phrase(weeks)
    text = (
        f"Under-dosed: {req.label} gets {given} session{'s' if given != 1 else ''} a week "
        f"instead of at least {req.min_per_week} ({req.rule}) in {when}, because the days you "
        "have cannot hold more alongside the rest of the plan."
    )
    if fix:
        text += f" To fit it: {fix}."
    return text


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
