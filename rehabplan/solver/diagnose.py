"""Infeasibility as data: the smallest change to the person's days that makes a week fit, found
by re-solving the same week with more minutes on one day or one more day, smallest change
first. Which families conflict comes from the solver's core (week.Infeasible); the words for
both are rehabplan.planning.cannot_fit's.
"""

from dataclasses import dataclass, replace

from rehabplan.problem.types import Problem, WeekProblem
from rehabplan.solver.week import feasible

STEP = 5
MAX_DAY = 120


@dataclass(frozen=True)
class DayChange:
    """Give day ``day`` (0 Monday .. 6 Sunday) ``minutes`` minutes: more than it has, or a day
    the person has not offered yet."""

    day: int
    minutes: int


def smallest_change(problem: Problem, wp: WeekProblem, dropped, must_hold: str | None = None) -> DayChange | None:
    """The fewest extra minutes on one day (an available day or a new one) that make the week
    fit, checked by the solver; ``must_hold`` is a relaxed dose that must then fit as well."""
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
            return DayChange(d, minutes)
    return None
