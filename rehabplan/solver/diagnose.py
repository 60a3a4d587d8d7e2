"""Infeasibility in plain words, from the solver's own core.

When a week cannot hold its essential doses, the feasibility model (no objective, one worker,
every constraint family behind an assumption literal) returns the families that conflict. This
module names them for a person and finds the smallest change to their days that would fit, by
re-solving the same week with more minutes on one day or one more day, smallest change first.
"""

from dataclasses import replace

from rehabplan.problem.types import Problem, WeekProblem
from rehabplan.vocab import WEEKDAYS

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STEP = 5
MAX_DAY = 120

FAMILY_WORDS = {
    "rest_day": "one full rest day a week (R-LD-08)",
    "strength_spacing": "48 hours between strength sessions for the same muscles (R-ST-01)",
    "run_spacing": "no runs on consecutive days (R-RTR-02)",
    "runs_per_week": "the number of runs allowed a week (R-RTR-03)",
    "runs_per_7_days": "at most 4 runs in any 7 days (R-RTR-03)",
    "stage_rules": "each walk-run stage done twice before the next (R-RTR-04)",
    "running_volume": "the weekly running limit (R-LD-01, R-LD-02, R-LD-05)",
    "tendon_rules": "the tendon's spacing rules (R-PT-02, R-PT-04)",
    "nordic": "the Nordic curl table (R-NH-01)",
    "one_session": "one hold session and one cross-training session a day (R-ISO-01)",
}


def family_words(wp: WeekProblem, family: str) -> str:
    if family.startswith("budget:"):
        d = int(family.split(":")[1])
        return f"{DAY_NAMES[d]}'s {wp.budgets[d]} minutes"
    if family.startswith(("dose:", "floor:")):
        kind, key = family.split(":", 1)
        req = next(r for r in wp.requirements if r.key == key)
        if kind == "floor":
            return f"at least one session of {req.label} a week ({req.rule})"
        days = "1 day" if req.min_per_week == 1 else f"{req.min_per_week} days"
        return f"{req.label} on at least {days} a week ({req.rule})"
    return FAMILY_WORDS.get(family, family)


def _days_phrase(wp: WeekProblem) -> str:
    days = [f"{DAY_NAMES[d]} {wp.budgets[d]} min" for d in range(7) if wp.budgets[d] > 0]
    return ", ".join(days)


def cannot_fit_message(problem: Problem, wp: WeekProblem, core: list[str], dropped) -> str:
    """Why week ``wp.number`` cannot hold a safe plan, and the smallest change that would."""
    parts = [family_words(wp, f) for f in core]
    lines = [
        f"no safe plan fits week {wp.number} with the days you have ({_days_phrase(wp)}).",
        "These requirements cannot all be met together: " + "; ".join(parts) + ".",
    ]
    change = smallest_change(problem, wp, dropped)
    if change:
        lines.append(f"Smallest change that fits: {change}.")
    else:
        lines.append("Give more days or more minutes in `availability`, then try again.")
    return "\n".join(lines)


def smallest_change(problem: Problem, wp: WeekProblem, dropped, must_hold: str | None = None) -> str | None:
    """The fewest extra minutes on one day (an available day or a new one) that make the week
    fit, checked by the solver; ``must_hold`` is a relaxed dose that must then fit as well."""
    from rehabplan.solver.week import feasible

    keep = frozenset(dropped) - ({must_hold} if must_hold else set())
    options = []
    for d in range(7):
        have = wp.budgets[d]
        start = max(15, have + STEP) if have == 0 else have + STEP
        for minutes in range(start - start % STEP, MAX_DAY + 1, STEP):
            if minutes > have:
                options.append((minutes - have, d, minutes))
    for _extra, d, minutes in sorted(options):
        budgets = tuple(minutes if i == d else b for i, b in enumerate(wp.budgets))
        ok, _core = feasible(problem, replace(wp, budgets=budgets), keep)
        if ok:
            day = WEEKDAYS[d]
            if wp.budgets[d] == 0:
                return f"add {DAY_NAMES[d]} with {minutes} minutes (availability.{day}: {minutes})"
            return (
                f"give {DAY_NAMES[d]} {minutes} minutes instead of {wp.budgets[d]} "
                f"(availability.{day}: {minutes})"
            )
    return None


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


def weeks_phrase(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    runs, start = [], weeks[0]
    for a, b in zip(weeks, weeks[1:] + [None]):
        if b != a + 1:
            runs.append(f"{start}-{a}" if a != start else f"{a}")
            start = b
    return "weeks " + ", ".join(runs)


