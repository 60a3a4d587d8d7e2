"""The week's exercise pool: what the person may do (equipment, contraindications, the phases'
avoid lists) and, for each required dose, the best few exercises by fit for the phase and
the condition."""

from rehabplan.knowledge.catalog import Exercise
from rehabplan.knowledge.protocols import Phase
from rehabplan.problem.types import Candidate, Problem, Requirement, State, matches

LOAD_KINDS = ("strength", "balance")
# Targets that are not muscle groups: no 48-hour spacing (R-ST-01 is about muscle groups).
UNSPACED_TARGETS = frozenset({"balance"})
CANDIDATES_PER_TARGET = 2
MOBILITY_PER_TARGET = 2


def allowed(problem: Problem, ex: Exercise, phases: dict[str, Phase], weeks_in_phase: dict[str, int]) -> bool:
    """Equipment the person owns, and nothing a current phase avoids or contraindicates.

    Why: contraindications and the phases' avoid lists (R-PFP-03, R-PT-02, R-PT-03, R-ITB-03,
    R-POST-01, ...) keep load off tissue that is not ready; R-NH-02 keeps Nordic curls for people
    with an anchor.
    """
    if not ex.doable_with(problem.owned):
        return False
    for condition, phase in phases.items():
        if ex.contraindicated(condition, phase.id):
            return False
        for avoid in phase.avoid:
            if avoid.first_weeks is not None and weeks_in_phase[condition] >= avoid.first_weeks:
                continue
            if ex.id in avoid.exercises or ex.kind in avoid.kinds:
                return False
            cap = avoid.max_loaded_knee_flexion_deg
            if cap is not None and ex.kind != "mobility" and (ex.knee_flexion_max_deg or 0) > cap:
                return False
    return True


def _bucket(ex: Exercise) -> str | None:
    if ex.kind == "mobility":
        return "mobility"
    if ex.kind == "plyometric":
        return "plyometric"
    if ex.kind in LOAD_KINDS:
        return "load"
    return None


LEVELS = {"low": 0, "moderate": 1, "high": 2}


def desired_level(phases: dict[str, Phase], problem: Problem) -> int:
    """Early phases favour low-intensity exercises, later ones moderate and high."""
    positions = []
    for proto in problem.protocols:
        idx = [p.id for p in proto.phases].index(phases[proto.name].id)
        positions.append(min(2, idx) if len(proto.phases) > 2 else min(2, idx + 1))
    return min(positions)


def week_candidates(
    problem: Problem, phases: dict[str, Phase], requirements: list[Requirement], state: State
) -> tuple[Candidate, ...]:
    """The exercise pool for the week: for each requirement, the best few allowed exercises.

    The fit cost prefers the phase's intensity level, exercises written for the person's
    condition, exercises that serve several required targets at once, and the progression of an
    exercise whose dosage ladder is finished.
    """
    want = desired_level(phases, problem)
    weeks_in_phase: dict[str, int] = {proto.name: state.weeks_in_phase[i] for i, proto in enumerate(problem.protocols)}
    load_targets = {r.target for r in requirements if r.kind == "load"}
    finished = {ex_id for ex_id, used in state.exercise_weeks if used >= 2 * len(problem.catalog.get(ex_id).dosage)}
    progressions = {problem.catalog.get(e).progression for e in finished} - {None}
    usable = [
        ex
        for ex in problem.catalog  # slot-only exercises wait for the session templates
        if not ex.slot_only and allowed(problem, ex, phases, weeks_in_phase)
    ]
    pool: dict[str, Candidate] = {}
    for req in requirements:
        if req.kind == "aerobic":
            continue
        options = []
        for ex in usable:
            bucket = "isometric" if req.kind == "isometric" else _bucket(ex)
            if bucket is None:
                continue
            if req.kind == "isometric" and not (ex.contraction == "isometric" and "quadriceps" in ex.targets):
                continue
            cand = _candidate(problem, ex, bucket, want, load_targets, progressions, finished)
            if matches(req, cand, problem.catalog):
                options.append(cand)
        keep = MOBILITY_PER_TARGET if req.kind == "mobility" else CANDIDATES_PER_TARGET
        if req.kind == "isometric":
            keep = 2
        for cand in sorted(options, key=lambda c: (c.fit_cost, c.id))[:keep]:
            pool.setdefault(f"{cand.bucket}:{cand.id}", cand)
    return tuple(pool[k] for k in sorted(pool))


def _candidate(problem, ex, bucket, want, load_targets, progressions, finished) -> Candidate:
    level = LEVELS[ex.intensity_level]
    conditions = problem.profile.conditions
    cost = 3 * abs(level - want)
    cost += 0 if any(c in ex.conditions for c in conditions) else 4
    cost -= 2 * (len(load_targets & set(ex.targets)) - 1) if bucket == "load" else 0
    cost -= 3 if ex.id in progressions else 0
    cost += 3 if ex.id in finished and ex.progression else 0
    spaced = ()
    if bucket in ("load", "plyometric") and level >= 1:
        spaced = tuple(t for t in ex.targets if t not in UNSPACED_TARGETS)
    return Candidate(
        id=ex.id,
        bucket=bucket,
        minutes=ex.minutes,
        targets=tuple(ex.targets),
        spaced_targets=spaced if bucket != "isometric" else (),
        level=level,
        fit_cost=max(0, cost + 6),
        nordic=ex.id == "nordic_hamstring_curl",
    )


def placeable_keys(problem: Problem, requirements, candidates, mode) -> set[str]:
    """Requirements at least one exercise (or, for aerobic work, a modality) can serve."""
    keys = set()
    for req in requirements:
        if req.kind == "aerobic":
            keys.add(req.key)  # brisk walking is always possible
        elif any(matches(req, c, problem.catalog) for c in candidates):
            keys.add(req.key)
    return keys
