"""The second, lexicographic stage of a week: fill the time available without exceeding it.

The first model fixes which sessions happen and what they hold, with each run and
cross-training session at its shortest. This small model then lengthens them: more walk-run
rounds (up to the stage's full number), longer continuous runs (within the week's running cap,
kept even across the week) and longer cross-training (within its dosage range), never beyond a
day's budget. Splitting the week this way keeps each model tiny and fast to solve to optimality.
"""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from rehabplan.solver.engine import solve
from rehabplan.solver.model import MAX_CONTINUOUS_RUN_MIN, MIN_CONTINUOUS_RUN_MIN, WeekModel
from rehabplan.vocab import CrossTraining

WEIGHTS = {
    "walk_run_round": -6,  # per round beyond the stage's minimum
    "running_minute": -2,  # per minute of continuous running
    "aerobic_minute": -1,  # per minute of cross-training or walking
    "uneven_runs": 1,  # per minute between the week's longest and shortest continuous run
}


@dataclass(frozen=True)
class Durations:
    rounds: dict[int, int]  # day -> walk-run rounds
    running: dict[int, int]  # day -> running minutes
    cross: dict[int, tuple[CrossTraining, int]]  # day -> (modality, minutes)
    objective: int
    bound: int


def fill(
    m: WeekModel, fixed_minutes: dict[int, int], runs: list[int], cross: dict[int, CrossTraining], solver
) -> Durations:
    """Lengthen the week's runs and cross-training into the minutes left on each day.

    ``fixed_minutes`` is each day's time without its runs and cross-training.
    """
    cp = cp_model.CpModel()
    wp, stage = m.wp, m.stage
    extra: dict[int, list] = {d: [] for d in m.days}
    rounds, units, cross_units = {}, {}, {}
    goal = []
    for d in runs:
        if stage is not None:
            r = cp.new_int_var(stage.min_repeats, stage.repeats, f"rounds_{d}")
            rounds[d] = r
            extra[d].append(m.run_overhead + r * int(stage.run_min + stage.walk_min))
            goal.append(WEIGHTS["walk_run_round"] * r)
        else:
            u = cp.new_int_var(MIN_CONTINUOUS_RUN_MIN // 5, MAX_CONTINUOUS_RUN_MIN // 5, f"run5_{d}")
            units[d] = u
            extra[d].append(m.run_overhead + 5 * u)
            goal.append(WEIGHTS["running_minute"] * 5 * u)
    modalities = {x.word: x for x in wp.modalities}
    for d, word in cross.items():
        mod = modalities[word]
        c = cp.new_int_var(mod.min_minutes // 5, mod.max_minutes // 5, f"cross5_{d}")
        cross_units[d] = c
        extra[d].append(5 * c)
        goal.append(WEIGHTS["aerobic_minute"] * 5 * c)
    for d, terms in extra.items():
        if terms:
            cp.add(fixed_minutes[d] + sum(terms) <= wp.budgets[d])
    if wp.running_cap is not None and runs:
        run_terms = (
            [r * int(stage.run_min) for r in rounds.values()] if stage is not None else [5 * u for u in units.values()]
        )
        cp.add(sum(run_terms) <= wp.running_cap)
    if len(units) >= 2:
        longest = cp.new_int_var(0, MAX_CONTINUOUS_RUN_MIN // 5, "longest")
        shortest = cp.new_int_var(0, MAX_CONTINUOUS_RUN_MIN // 5, "shortest")
        for u in units.values():
            cp.add(longest >= u)
            cp.add(shortest <= u)
        goal.append(WEIGHTS["uneven_runs"] * 5 * (longest - shortest))
    cp.minimize(sum(goal))
    status = solve(solver, cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"week {wp.number}: filling the time failed ({solver.status_name(status)})")
    value = solver.value
    running = {d: value(rounds[d]) * int(stage.run_min) if stage is not None else 5 * value(units[d]) for d in runs}
    return Durations(
        rounds={d: value(r) for d, r in rounds.items()},
        running=running,
        cross={d: (cross[d], 5 * value(c)) for d, c in cross_units.items()},
        objective=int(solver.objective_value),
        bound=int(solver.best_objective_bound),
    )
