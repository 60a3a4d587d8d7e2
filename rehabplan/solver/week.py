"""One week's CP-SAT model, built and solved: every constraint family (constraints.py), the
soft goals (objective.py), then the time left filled (fill.py).

When a week cannot hold every weekly minimum (a session's sessions a week, a weak area's two
days, a tight area's stretching), the one the solver names as part of the conflict with the
lowest priority is relaxed (the plan warns about it), until the week fits;
if even the essentials cannot fit, ``Infeasible`` carries the families in the solver's core as
data (rehabplan.planning.cannot_fit words them, with the smallest change that would fit from
diagnose.py).
"""

import hashlib
from dataclasses import replace

from ortools.sat.python import cp_model

from rehabplan.problem.types import DaySchedule, Problem, SessionPick, WeekProblem, WeekSchedule
from rehabplan.solver.constraints import FAMILIES
from rehabplan.solver.engine import new_solver, solve
from rehabplan.solver.fill import fill
from rehabplan.solver.model import WeekModel
from rehabplan.solver.objective import build_objective

RELAXABLE = ("count:", "weak:", "dose:", "run_floor")
# Which weekly minimum gives way first when a week cannot hold them all: the largest number. A
# session that is not the week's first (the Nordic table, the holds around slow heavy work, the
# calf and hip work beside the tendon holds) gives way before a weak area's two days, the
# runner's usual running and the week's first session.
SECONDARY_PRIORITY = 40
WEAK_PRIORITY = 30
FLOOR_PRIORITY = 20
TEMPLATE_PRIORITY = 10


class Infeasible(Exception):
    """Not even a week's essential doses fit: the week, the constraint families in the solver's
    infeasible core (``budget:5``, ``count:hip_and_knee``, ``rest_day`` ...) and the minimums
    already relaxed. Data, not words: rehabplan.planning says it to the person."""

    def __init__(self, week: WeekProblem, core: list[str], dropped: frozenset[str]):
        super().__init__(f"week {week.number} cannot fit; conflicting families: {', '.join(core)}")
        self.week = week
        self.core = core
        self.dropped = dropped


def new_model(problem: Problem, wp: WeekProblem, explain: bool, dropped=frozenset()) -> WeekModel:
    stage = problem.ladder.stages[wp.stage - 1] if wp.stage is not None else None
    m = WeekModel(wp=wp, stage=stage, explain=explain, dropped=frozenset(dropped))
    for family in FAMILIES:
        family(m)
    return m


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
    problem: Problem,
    wp: WeekProblem,
    cache: dict | None = None,
    reference: WeekSchedule | None = None,
) -> WeekSchedule:
    """Solve one week, relaxing minimum doses the solver shows cannot fit (lowest priority
    first) and raising ``Infeasible`` (the conflict as data) when even the essentials cannot. With
    ``reference``, changes from that earlier version of the week are penalised."""
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
            relaxable = [f for f in core if f.startswith(RELAXABLE)]
            if not relaxable:
                raise Infeasible(wp, core, frozenset(dropped))
            dropped.add(max(relaxable, key=lambda f: (_priority(wp, f), f)))
            ok, core = feasible(problem, wp, dropped)


def _week_key(wp: WeekProblem, dropped) -> str:
    """What a week's result depends on beyond its model text (the stage two weeks share can
    differ even when their sessions take the same minutes)."""
    return repr(
        (
            sorted(dropped),
            wp.budgets,
            wp.running_cap,
            wp.target_run_minutes,
            wp.stage,
            wp.run_mode,
            wp.completions,
            wp.can_advance,
            sorted((c, p.id) for c, p in wp.phases.items()),
        )
    )


def _priority(wp: WeekProblem, family: str) -> int:
    if family == "run_floor":
        return FLOOR_PRIORITY
    kind, key = family.split(":", 1)
    if kind == "count":
        rank = next(t.priority for t in wp.templates if t.id == key)
        return TEMPLATE_PRIORITY if rank == 0 else SECONDARY_PRIORITY + rank
    if kind == "weak":
        return WEAK_PRIORITY
    return next(r.priority for r in wp.requirements if r.key == key)


def _extract(
    m: WeekModel, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus, dropped: tuple[str, ...]
) -> WeekSchedule:
    """Read the week's structure, then fill the time (``fill``) and assemble the schedule."""
    value = solver.value
    sessions: dict[int, list[SessionPick]] = {d: [] for d in range(7)}
    left_out = []
    for (d, template), on in sorted(m.sess.items()):
        if not value(on):
            continue
        items = []
        for k, slot in enumerate(m.templates[template].slots):
            if not value(m.fill[d, template, k]):
                left_out.append((d, template, slot.role))
                continue
            items += [(slot.role, o.id) for o in slot.options if value(m.pick[d, template, k, o.id])]
        sessions[d].append(SessionPick(template, tuple(items)))
    mobility = {d: tuple(c.id for c in m.wp.candidates if (d, c.id) in m.x and value(m.x[d, c.id])) for d in range(7)}
    cross = {d: word for (d, word), on in sorted(m.cross.items()) if value(on)}
    runs = [d for d in sorted(m.run) if value(m.run[d])]
    fixed = {d: int(value(m.minutes[d])) - m.reserved(d, value) for d in m.days}
    durations = fill(m, fixed, runs, cross, new_solver(), value)
    days = []
    for d in range(7):
        warm = (m.wp.warm_up * value(m.warm[d]) if d in m.warm else 0) + (
            (m.wp.jump_warm_up - m.wp.warm_up) * value(m.warm_extra[d]) if d in m.warm_extra else 0
        )
        days.append(
            DaySchedule(
                run=d in durations.running,
                repeats=durations.rounds.get(d, 0),
                run_minutes=durations.running.get(d, 0),
                short_run_walks=bool(value(m.run_short[d])) if d in durations.running else False,
                cross=durations.cross.get(d),
                sessions=tuple(sessions[d]),
                mobility=mobility.get(d, ()),
                warm_up=warm,
            )
        )
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
        relaxed=dropped,
        short=tuple(_short(m, value)),
        dropped=tuple(left_out),
    )


def _short(m: WeekModel, value) -> list[tuple[str, int, int]]:
    """Weekly minimums the week does not meet: (family, given, minimum)."""
    out = []
    days = len(m.days)
    for t in m.wp.templates:
        got = sum(value(m.sess[d, t.id]) for d in m.days)
        if got < min(t.per_week_min, days):
            out.append((f"count:{t.id}", got, t.per_week_min))
    for role in sorted({s.role for t in m.wp.templates for s in t.slots if s.weak}):
        got = sum(
            1
            for d in m.days
            if any(value(m.fill[d, t.id, k]) for t in m.wp.templates for k, s in enumerate(t.slots) if s.role == role)
        )
        if got < min(m.wp.weak_area_days, days):
            out.append((f"weak:{role}", got, m.wp.weak_area_days))
    for req in m.wp.requirements:
        got = sum(1 for d in m.days if any(value(v) for v in m.sources(d, req)))
        if got < min(req.min_per_week, days):
            out.append((f"dose:{req.key}", got, req.min_per_week))
    if m.wp.running_floor and m.run_len:
        got = sum(int(value(m.running_minutes(d))) for d in m.days)
        if got < m.wp.running_floor:
            out.append(("run_floor", got, m.wp.running_floor))
    return out
