"""The second, lexicographic stage of a week: fill the time available without exceeding it.

The first model fixes which sessions happen and what they hold, the length of each continuous
run, and each walk-run session and cross-training session at its shortest. This small model
then lengthens them: more walk-run rounds (up to the stage's full number; a run the structure
made full keeps all its rounds) and longer cross-training (within its dosage range), never
beyond a day's budget. Splitting the week this way keeps each model tiny and fast to solve to
optimality.
"""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from rehabplan.solver.engine import solve
from rehabplan.solver.model import WeekModel
from rehabplan.vocab import CrossTraining

WEIGHTS = {
    "walk_run_round": -6,  # per round beyond the stage's minimum
    "aerobic_minute": -1,  # per minute of cross-training or walking
}
CROSS_STEP = 5  # cross-training grows in 5-minute steps


@dataclass(frozen=True)
class Durations:
    rounds: dict[int, int]  # day -> walk-run rounds
    running: dict[int, int]  # day -> running minutes
    cross: dict[int, tuple[CrossTraining, int]]  # day -> (modality, minutes)
    objective: int
    bound: int


def fill(
    m: WeekModel, fixed_minutes: dict[int, int], runs: list[int], cross: dict[int, CrossTraining], solver, structure
) -> Durations:
    """Lengthen the week's walk-run sessions and cross-training into the minutes left on each
    day. ``fixed_minutes`` is each day's time without its runs and cross-training; ``structure``
    reads the solved structure's variables."""
    cp = cp_model.CpModel()
    wp, stage = m.wp, m.stage
    extra: dict[int, list] = {d: [] for d in m.days}
    rounds, cross_units = {}, {}
    goal = []
    for d in runs:
        if stage is None:
            extra[d].append(m.run_structure(d, structure))
            continue
        walks = m.run_structure(d, structure) - structure(m.run[d]) * m.shortest_run()
        walks -= structure(m.run_full[d]) * (m.full_run() - m.shortest_run())
        low = stage.repeats if structure(m.run_full[d]) else stage.min_repeats
        r = cp.new_int_var(low, stage.repeats, f"rounds_{d}")
        rounds[d] = r
        extra[d].append(walks + r * int(stage.run_min + stage.walk_min))
        goal.append(WEIGHTS["walk_run_round"] * r)
    modalities = {x.word: x for x in wp.modalities}
    for d, word in cross.items():
        mod = modalities[word]
        c = cp.new_int_var(mod.min_minutes // CROSS_STEP, mod.max_minutes // CROSS_STEP, f"cross_{d}")
        cross_units[d] = c
        extra[d].append(CROSS_STEP * c)
        goal.append(WEIGHTS["aerobic_minute"] * CROSS_STEP * c)
    for d, terms in extra.items():
        if terms:
            cp.add(fixed_minutes[d] + sum(terms) <= wp.budgets[d])
    if wp.running_cap is not None and rounds and stage is not None:
        cp.add(sum(r * int(stage.run_min) for r in rounds.values()) <= wp.running_cap)
    cp.minimize(sum(goal))
    status = solve(solver, cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"week {wp.number}: filling the time failed ({solver.status_name(status)})")
    value = solver.value
    running = {
        d: value(rounds[d]) * int(stage.run_min) if stage is not None else int(structure(m.running_minutes(d)))
        for d in runs
    }
    return Durations(
        rounds={d: value(r) for d, r in rounds.items()},
        running=running,
        cross={d: (cross[d], CROSS_STEP * value(c)) for d, c in cross_units.items()},
        objective=int(solver.objective_value),
        bound=int(solver.best_objective_bound),
    )
