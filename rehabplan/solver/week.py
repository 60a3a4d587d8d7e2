"""The only package that imports OR-Tools: one CP-SAT model per week, solved in order.

Why weekly (a rolling horizon): each week's model is small, so it solves to optimality in a few
milliseconds with one worker, which keeps the plan reproducible (one worker, fixed seed and a
deterministic time limit: same input, same plan). What a week hands on to the next (stage,
spacing across Sunday-Monday, running minutes, exercise use) is carried in ``State``.

When a week cannot hold every minimum dose, the requirement the solver names as part of the
conflict with the lowest priority is relaxed (with a warning), until the week fits; if even the
essentials cannot fit, ``CannotFit`` says which requirements conflict and the smallest change
to the person's days that would make them fit.
"""

import hashlib
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from rehabplan.errors import CannotFit
from rehabplan.problem.build import week_problem
from rehabplan.problem.running import running_now
from rehabplan.problem.types import Problem, WeekProblem
from rehabplan.solver.constraints import FAMILIES
from rehabplan.solver.engine import solve
from rehabplan.solver.model import WeekModel
from rehabplan.solver.fill import fill
from rehabplan.solver.objective import build_objective
from rehabplan.problem.state import initial_state, next_state
from rehabplan.problem.types import DaySchedule, State, WeekSchedule

SEED = 20261121
MAX_DETERMINISTIC_TIME = 5.0  # per week, in CP-SAT's deterministic units (about seconds)
SAFETY_WALL_SECONDS = 60.0  # never reached in practice; a guard against a runaway solve
METHOD = "weekly rolling horizon; each week solved to optimality, one worker, fixed seed"


@dataclass(frozen=True)
class Solution:
    weeks: tuple[WeekSchedule, ...]
    states: tuple[State, ...]  # the state before each week
    problems: tuple[WeekProblem, ...]

    def head(self, weeks: int) -> "Solution":
        """The first ``weeks`` weeks, exactly as solved."""
        return Solution(self.weeks[:weeks], self.states[:weeks], self.problems[:weeks])


def ortools_version() -> str:
    import ortools

    return ortools.__version__


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
    state = state or initial_state(len(problem.protocols))
    weeks, states, problems = list(keep.weeks), list(keep.states), list(keep.problems)
    previous = {w.number: w for w in reference}
    phases = [list(p.phases) for p in problem.protocols]
    spaced = {}
    for wp in problems:
        spaced.update(_spaced(wp))
    top = len(problem.ladder.stages)
    while state.week <= problem.weeks:
        wp = week_problem(problem, state)
        spaced.update(_spaced(wp))
        week = solve_week(problem, wp, cache, previous.get(wp.number))
        states.append(state)
        problems.append(wp)
        weeks.append(week)
        state = next_state(
            state, week, phases, problem.profile.walk_30min_pain_free, running_now(problem),
            spaced, top,
        )
    return Solution(tuple(weeks), tuple(states), tuple(problems))



def _spaced(wp: WeekProblem) -> dict[str, tuple[str, ...]]:
    return {c.id: c.spaced_targets for c in wp.candidates if c.bucket != "isometric"}


def new_model(problem: Problem, wp: WeekProblem, explain: bool, dropped=frozenset()) -> WeekModel:
    ladder = problem.ladder
    stage = ladder.stages[wp.stage - 1] if wp.stage is not None else None
    warm = problem.catalog.get("warm_up_routine").dosage
    m = WeekModel(
        wp=wp, stage=stage, warm_up=warm[0].minutes, jump_warm_up=warm[-1].minutes,
        run_overhead=ladder.warm_up_min + ladder.cool_down_min, matcher=problem.catalog,
        explain=explain, dropped=frozenset(dropped),
    )
    for family in FAMILIES:
        family(m)
    return m


def new_solver(explain: bool = False) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = MAX_DETERMINISTIC_TIME
    solver.parameters.max_time_in_seconds = SAFETY_WALL_SECONDS
    # Measured on the bundled examples (benchmarks/plan.py): core-based optimisation without
    # the LP relaxation proves these small weekly models optimal fastest with one worker
    # (0.94 s against 2.5 s with the defaults for all eight examples at 12 weeks).
    solver.parameters.optimize_with_core = True
    solver.parameters.linearization_level = 0
    return solver


def feasible(problem: Problem, wp: WeekProblem, dropped=frozenset()) -> tuple[bool, list[str]]:
    """Solve without an objective, every family guarded by an assumption literal; return
    whether the week fits and, if not, the families in the solver's infeasible core."""
    m = new_model(problem, wp, explain=True, dropped=dropped)
    names = sorted(m.guards)
    m.cp.add_assumptions([m.guards[n] for n in names])
    solver = new_solver(explain=True)
    status = solve(solver, m.cp)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True, []
    if status != cp_model.INFEASIBLE:
        raise RuntimeError(f"week {wp.number}: the feasibility check stopped with {solver.status_name(status)}")
    by_index = {m.guards[n].index: n for n in names}
    core = sorted(by_index[i] for i in solver.sufficient_assumptions_for_infeasibility())
    return False, core


def solve_week(
    problem: Problem, wp: WeekProblem, cache: dict | None = None, reference: WeekSchedule | None = None,
) -> WeekSchedule:
    """Solve one week, relaxing minimum doses the solver shows cannot fit (lowest priority
    first) and failing with an explanation when even the essentials cannot. With
    ``reference``, changes from that earlier version of the week are penalised."""
    from rehabplan.solver import diagnose as explain

    cache = {} if cache is None else cache
    dropped: set[str] = set()
    while True:
        m = new_model(problem, wp, explain=False, dropped=dropped)
        build_objective(m, reference)
        key = hashlib.sha256(f"{_week_key(wp, dropped)}|{m.cp.proto}".encode()).hexdigest()
        if key in cache:
            return replace(cache[key], number=wp.number, phases={c: p.id for c, p in wp.phases.items()})
        solver = new_solver()
        status = solve(solver, m.cp)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            cache[key] = _extract(m, solver, status, tuple(sorted(dropped)))
            return cache[key]
        if status != cp_model.INFEASIBLE:
            raise RuntimeError(f"week {wp.number}: the solver stopped with {solver.status_name(status)}")
        ok, core = feasible(problem, wp, dropped)
        while not ok:
            relaxable = [f for f in core if f.startswith("dose:")]
            if not relaxable:
                raise CannotFit(explain.cannot_fit_message(problem, wp, core, dropped))
            dropped.add(max(relaxable, key=lambda f: (_priority(wp, f), f)))
            ok, core = feasible(problem, wp, dropped)


def _week_key(wp: WeekProblem, dropped) -> str:
    """What a week's result depends on beyond its model text (the stage two weeks share can
    differ even when their sessions take the same minutes)."""
    return repr((
        sorted(dropped), wp.budgets, wp.running_cap, wp.target_run_minutes, wp.stage, wp.run_mode,
        wp.completions, wp.can_advance, sorted((c, p.id) for c, p in wp.phases.items()),
    ))


def _priority(wp: WeekProblem, family: str) -> int:
    key = family.split(":", 1)[1]
    return next(r.priority for r in wp.requirements if r.key == key)


def _extract(m: WeekModel, solver: cp_model.CpSolver, status: int, dropped: tuple[str, ...]) -> WeekSchedule:
    """Read the week's structure, then fill the time (``fill``) and assemble the schedule."""
    value = solver.value
    picked = {(d, b): [] for d in range(7) for b in ("load", "plyometric", "isometric", "mobility")}
    for (day, cid, b), v in sorted(m.x.items()):
        if value(v):
            picked[day, b].append(cid)
    cross = {d: word for (d, word), on in sorted(m.cross.items()) if value(on)}
    runs = [d for d in sorted(m.run) if value(m.run[d])]
    fixed = {d: int(value(m.minutes[d])) - m.reserved(d, value) for d in m.days}
    durations = fill(m, fixed, runs, cross, new_solver())
    days = []
    for d in range(7):
        days.append(DaySchedule(
            run=d in durations.running,
            repeats=durations.rounds.get(d, 0),
            run_minutes=durations.running.get(d, 0),
            cross=durations.cross.get(d),
            load=tuple(picked[d, "load"]),
            plyometric=tuple(picked[d, "plyometric"]),
            isometric=tuple(picked[d, "isometric"]),
            mobility=tuple(picked[d, "mobility"]),
            warm_up=(m.warm_up * value(m.warm[d]) if d in m.warm else 0)
            + ((m.jump_warm_up - m.warm_up) * value(m.warm_extra[d]) if d in m.warm_extra else 0),
        ))
    short = []
    for req in m.wp.requirements:
        got = sum(1 for d in m.days if any(value(v) for v in m.sources(d, req)))
        if got < req.min_per_week:
            short.append((req.key, got, req.min_per_week))
    return WeekSchedule(
        number=m.wp.number,
        phases={c: p.id for c, p in m.wp.phases.items()},
        run_mode=m.wp.run_mode,
        stage=m.wp.stage,
        advanced=bool(value(m.advance)) if m.advance is not None else False,
        days=tuple(days),
        status=solver.status_name(status),
        objective=int(solver.objective_value) + durations.objective,
        bound=int(solver.best_objective_bound) + durations.bound,
        relaxed=tuple(f.split(":", 1)[1] for f in dropped),
        short=tuple(short),
    )
