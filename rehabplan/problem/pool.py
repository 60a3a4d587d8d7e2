"""What the person may do this week: equipment, contraindications, the current phases' avoid
lists and knee-bend limits, and what the previous phase held back (``allowed``); and the week's
stretching and rolling candidates for tight areas (``mobility_candidates``)."""

from dataclasses import dataclass

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.protocols import Avoid, Phase
from rehabplan.problem.types import Candidate, Problem, Requirement

MOBILITY_PER_TARGET = 2


@dataclass(frozen=True)
class Allowance:
    """The week's limits per condition: its phase, weeks in it, the phase before it and the
    exercises its templates name in a slot ladder (those may come back after that phase)."""

    phases: dict[str, Phase]
    weeks_in_phase: dict[str, int]
    previous: dict[str, Phase | None]
    named: dict[str, frozenset[str]]


def allowed(problem: Problem, ex: Exercise, limits: Allowance) -> bool:
    """Equipment the person owns, and nothing a current phase avoids or contraindicates; nor
    what the phase before avoided, unless the current phase names it in a slot ladder.

    Why: contraindications and the phases' avoid lists (R-PFP-03, R-PT-02, R-PT-03, R-ITB-03,
    R-POST-01, ...) keep load off tissue that is not ready; R-NH-02 keeps Nordic curls for people
    with an anchor. An exercise a phase held back stays out after it unless the next phase's
    protocol brings it in by name (the tendon's eccentric step-down never comes back by accident).
    """
    if not ex.doable_with(problem.owned):
        return False
    for condition, phase in limits.phases.items():
        if ex.contraindicated(condition, phase.id):
            return False
        weeks = limits.weeks_in_phase[condition]
        if any(_avoids(a, ex) for a in phase.avoid if a.first_weeks is None or weeks < a.first_weeks):
            return False
        before = limits.previous.get(condition)
        held_back = before is not None and any(_avoids(a, ex) for a in before.avoid if a.first_weeks is None)
        if held_back and ex.id not in limits.named[condition]:
            return False
    return True


def held_back_by(problem: Problem, ex: Exercise, limits: Allowance) -> str:
    """Why ``ex`` is not allowed this week, in the data's words: the condition and phase whose
    contraindication or avoid list rules it out, or the equipment it needs."""
    titles: dict[str, str] = {proto.name: proto.title for proto in problem.protocols}
    for condition, phase in limits.phases.items():
        for c in ex.contraindications:
            if c.condition == condition and (not c.phases or phase.id in c.phases):
                return f"{titles[condition]}, {phase.name}: {c.reason}"
        weeks = limits.weeks_in_phase[condition]
        for a in phase.avoid:
            if (a.first_weeks is None or weeks < a.first_weeks) and _avoids(a, ex):
                return f"{titles[condition]}, {phase.name}: {a.what}"
        before = limits.previous.get(condition)
        if before is None or ex.id in limits.named[condition]:
            continue
        for a in before.avoid:
            if a.first_weeks is None and _avoids(a, ex):
                return f"{titles[condition]}, after {before.name}: {a.what}"
    return "it needs equipment you do not have"


def _avoids(avoid: Avoid, ex: Exercise) -> bool:
    if ex.id in avoid.exercises or ex.kind in avoid.kinds:
        return True
    cap = avoid.max_loaded_knee_flexion_deg
    return cap is not None and ex.kind != "mobility" and (ex.knee_flexion_max_deg or 0) > cap


def mobility_candidates(problem: Problem, requirements: list[Requirement], limits: Allowance) -> tuple[Candidate, ...]:
    """For each tight area, the best two stretching or rolling exercises the person may do:
    written for their condition first, then the shortest."""
    conditions = problem.profile.conditions
    pool: dict[str, Candidate] = {}
    for req in requirements:
        if req.kind != "mobility":
            continue
        options = [
            ex
            for ex in problem.catalog
            if ex.kind == "mobility" and not ex.slot_only and req.target in ex.targets and allowed(problem, ex, limits)
        ]
        ranked = sorted(options, key=lambda e: (0 if set(e.conditions) & set(conditions) else 1, e.minutes, e.id))
        for rank, ex in enumerate(ranked[:MOBILITY_PER_TARGET]):
            pool.setdefault(ex.id, Candidate(ex.id, ex.minutes, tuple(ex.targets), fit_cost=rank))
    return tuple(pool[k] for k in sorted(pool))
