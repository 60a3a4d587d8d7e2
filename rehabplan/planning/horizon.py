"""The week loop: one CP-SAT model per week, solved in order (a rolling horizon).

Why weekly: each week's model is small, so it solves to optimality in a few milliseconds with
one worker, which keeps the plan reproducible (one worker, fixed seed and a deterministic time
limit: same input, same plan). What a week hands on to the next (stage, spacing across
Sunday-Monday, running minutes, exercise use) is carried in ``State`` (rehabplan.problem.state).

When a week cannot hold every minimum dose, the solver relaxes the lowest-priority dose in the
conflict (the plan warns about it); if even the essentials cannot fit, ``CannotFit`` says
which requirements conflict and the smallest change to the person's days that would make them
fit (docs/scheduler.md, "When it cannot fit").
"""

from dataclasses import dataclass

from rehabplan.errors import CannotFit
from rehabplan.planning.cannot_fit import cannot_fit_message
from rehabplan.problem.build import week_problem
from rehabplan.problem.state import initial_state, next_state
from rehabplan.problem.types import Problem, State, WeekProblem, WeekSchedule
from rehabplan.solver.diagnose import smallest_change
from rehabplan.solver.week import Infeasible, solve_week


@dataclass(frozen=True)
class Solution:
    """Every week of the plan as solved, with the state before it and its problem."""

    weeks: tuple[WeekSchedule, ...]
    states: tuple[State, ...]  # the state before each week
    problems: tuple[WeekProblem, ...]

    def head(self, weeks: int) -> "Solution":
        """The first ``weeks`` weeks, exactly as solved."""
        return Solution(self.weeks[:weeks], self.states[:weeks], self.problems[:weeks])


def solve_plan(
    problem: Problem,
    keep: Solution | None = None,
    state: State | None = None,
    reference: tuple[WeekSchedule, ...] = (),
) -> Solution:
    """Solve every week in order, carrying the state from one week to the next.

    With ``keep`` (weeks already issued) and ``state`` (the state after them, which a check-in
    may have adjusted), only the weeks after ``keep`` are solved; each of those stays as close
    as it can to the week with the same number in ``reference`` (the plan issued before).

    Weeks whose models are identical (same text, so the same solution with one worker and a
    fixed seed) are solved once: long plans repeat their later weeks.
    """
    cache: dict[str, WeekSchedule] = {}
    keep = keep or Solution((), (), ())
    state = state or initial_state(len(problem.protocols), problem.profile.walk_30min_pain_free)
    weeks, states, problems = list(keep.weeks), list(keep.states), list(keep.problems)
    previous = {w.number: w for w in reference}
    while state.week <= problem.weeks:
        wp = week_problem(problem, state)
        week = _solve_week(problem, wp, cache, previous.get(wp.number))
        states.append(state)
        problems.append(wp)
        weeks.append(week)
        state = next_state(problem, state, wp, week)
    return Solution(tuple(weeks), tuple(states), tuple(problems))


def _solve_week(problem: Problem, wp: WeekProblem, cache: dict, reference: WeekSchedule | None) -> WeekSchedule:
    """One week solved; a week that cannot hold even its essentials stops the plan with words."""
    try:
        return solve_week(problem, wp, cache, reference)
    except Infeasible as conflict:
        change = smallest_change(problem, conflict.week, conflict.dropped)
        raise CannotFit(cannot_fit_message(conflict.week, conflict.core, change)) from None
