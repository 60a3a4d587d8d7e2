"""Everything clinical, computed up front into plain integer data for the solver.

The plan is solved week by week (a rolling horizon, see ``rehabplan.solver``). ``Problem`` holds
what does not change over the plan (days, budgets, protocols, the exercise pool); ``week_problem``
turns it and the carried-over ``State`` into one ``WeekProblem``: the week's phases, the
exercises allowed this week, the doses required and the running allowed. Nothing here imports
OR-Tools.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from rehabplan.catalog import Catalog, Exercise, load_catalog
from rehabplan.profile import Profile
from rehabplan.protocols import (
    GeneralRules,
    Ladder,
    Phase,
    Protocol,
    get_protocol,
    load_general_rules,
    load_ladder,
)
from rehabplan.state import State
from rehabplan.vocab import WEEKDAYS

RUN_MODES = ("walk_only", "walk_run", "continuous")
LOAD_KINDS = ("strength", "balance")
# What counts as "isotonic" (moving, slow heavy) work in a dose: lifting and lowering.
MOVING_CONTRACTIONS = ("isotonic", "eccentric")
# Targets that are not muscle groups: no 48-hour spacing (R-ST-01 is about muscle groups).
UNSPACED_TARGETS = frozenset({"balance"})
# Cross-training words (profile) -> the library exercise that delivers them.
MODALITY_EXERCISE = {
    "bike": "stationary_bike",
    "swim": "swimming",
    "pool_run": "pool_running",
    "elliptical": "elliptical",
    "walk": "brisk_walking",
}
MODALITY_EQUIPMENT = {"bike": "bike", "swim": "pool", "pool_run": "pool", "elliptical": "elliptical"}
USUAL_LADDER_RUNS = 3  # R-RTR-03: "three runs a week is the usual amount"
NEW_RUNNER_CEILING_MIN = 90  # 3 runs of 30 minutes: the top of the walk-run ladder
CANDIDATES_PER_TARGET = 2
MOBILITY_PER_TARGET = 2

LABELS = {
    "hip_abductors": "side-of-hip (hip abductor) strength",
    "hip_external_rotators": "hip rotator strength",
    "glutes": "buttock (glute) strength",
    "quadriceps": "thigh (quadriceps) strength",
    "hamstrings": "back-of-thigh (hamstring) strength",
    "calves": "calf strength",
    "core": "trunk (core) strength",
    "balance": "balance and control work",
    "it_band": "outer-thigh (IT band) mobility",
    "hip_flexors": "hip flexor mobility",
}
MOBILITY_LABELS = {
    "hamstrings": "hamstring stretching",
    "quadriceps": "thigh stretching",
    "calves": "calf stretching",
}


@dataclass(frozen=True)
class Requirement:
    """A minimum weekly dose: sessions that train ``target`` in the way ``kind`` says.

    kind: "load" (strength or balance exercises), "isometric" (pain-relief holds, a session of
    their own), "plyometric", "mobility" or "aerobic" (any run, walk or cross-training).
    ``essential`` requirements keep at least one session a week whatever happens; the others may
    be relaxed, lowest ``priority`` (the largest number) first, with a warning.
    """

    key: str
    target: str
    kind: str
    contraction: str | None
    min_per_week: int
    preferred: int
    priority: int
    rule: str
    why: str
    label: str
    essential: bool = False


@dataclass(frozen=True)
class Candidate:
    """An exercise the solver may place this week, with its integer facts."""

    id: str
    bucket: str  # load | plyometric | isometric | mobility
    minutes: int
    targets: tuple[str, ...]
    spaced_targets: tuple[str, ...]  # muscle groups it loads at moderate or high intensity
    level: int  # 0 low, 1 moderate, 2 high
    fit_cost: int  # lower is a better match for the phase and the condition
    nordic: bool = False


@dataclass(frozen=True)
class Modality:
    word: str  # bike | swim | pool_run | elliptical | walk
    exercise: str
    min_minutes: int
    max_minutes: int
    liked: bool


@dataclass(frozen=True)
class WeekProblem:
    """One week to solve: days, what is allowed, what is required, and what came before."""

    number: int
    start: date
    budgets: tuple[int, ...]  # 7 days, 0 = not available
    phases: dict[str, Phase]
    run_mode: str  # walk_only | walk_run | continuous
    stage: int | None  # ladder stage this week (None: no running or past the ladder)
    can_advance: bool  # the ladder may step up after this week
    completions: int  # runs already done at ``stage`` before this week
    ladder_done: bool
    max_runs_per_week: int
    max_runs_per_7_days: int  # R-RTR-03, on the ladder
    running_cap: int | None  # most running minutes this week (None: no cap)
    target_run_minutes: int  # continuous running: the length a run aims for this week
    no_consecutive_runs: bool
    run_plyo_spacing: bool  # R-PT-04: 48 h between any two run or jump sessions
    plyo_gap_days: int  # jump sessions at least this many days apart (1 = not same/next day)
    quad_isotonic_max: int | None  # R-PT-02
    nordic_max_sessions: int
    candidates: tuple[Candidate, ...]
    requirements: tuple[Requirement, ...]
    modalities: tuple[Modality, ...]
    aerobic_bonus: bool  # running is still low: reward cross-training on non-run days
    previous: "State"
    unplaceable: tuple[str, ...] = ()  # requirements with no exercise available this week


@dataclass(frozen=True)
class Problem:
    """What stays fixed over the plan."""

    profile: Profile
    catalog: Catalog
    protocols: tuple[Protocol, ...]
    ladder: Ladder
    general: GeneralRules
    start: date
    weeks: int
    budgets: tuple[int, ...]
    owned: frozenset[str]
    modalities: tuple[Modality, ...]
    running_ceiling: int | None  # R-LD-05: baseline weekly minutes (new runners: the ladder top)
    warnings: tuple[str, ...] = field(default=())

    def day_dates(self, week: int) -> list[date]:
        first = self.start + timedelta(weeks=week - 1)
        return [first + timedelta(days=i) for i in range(7)]


def build_problem(profile: Profile, catalog: Catalog | None = None) -> Problem:
    """Gather the fixed facts for ``profile``: budgets, protocols, equipment and running ceiling."""
    catalog = catalog or load_catalog()
    budgets = tuple(profile.availability.by_day()[d] for d in WEEKDAYS)
    owned = frozenset(profile.equipment)
    warnings: list[str] = []
    baseline = profile.running.baseline_weekly_minutes
    ceiling = baseline if baseline > 0 else NEW_RUNNER_CEILING_MIN
    if baseline == 0 and profile.walk_30min_pain_free:
        warnings.append(
            "You have no running baseline, so the walk-run ladder is your build-up and weekly "
            f"running stays at or below {NEW_RUNNER_CEILING_MIN} minutes in this plan (R-LD-05)."
        )
    return Problem(
        profile=profile,
        catalog=catalog,
        protocols=tuple(get_protocol(c) for c in profile.conditions),
        ladder=load_ladder(),
        general=load_general_rules(),
        start=profile.plan.start,
        weeks=profile.plan.weeks,
        budgets=budgets,
        owned=owned,
        modalities=_modalities(profile, catalog),
        running_ceiling=ceiling,
        warnings=tuple(warnings),
    )


def _modalities(profile: Profile, catalog: Catalog) -> tuple[Modality, ...]:
    """Cross-training the person can do: what they listed (taken to mean they have access to
    it), what their equipment allows, and brisk walking, which needs nothing."""
    liked = set(profile.cross_training)
    owned = set(profile.equipment)
    words = [w for w in MODALITY_EXERCISE if w in liked or MODALITY_EQUIPMENT.get(w) in owned or w == "walk"]
    found = []
    for word in words:
        ex = catalog.get(MODALITY_EXERCISE[word])
        mins = sorted(d.minutes for d in ex.dosage if d.minutes)
        found.append(Modality(word, ex.id, mins[0], mins[-1], word in liked))
    return tuple(found)


def run_mode(problem: Problem, phases: dict[str, Phase], ladder_done: bool) -> str:
    """The most cautious running mode among the conditions' current phases.

    Why: R-RTR-01 (no running until a pain-free 30-minute brisk walk) overrides every phase, and
    continuous running needs the walk-run ladder finished first (a new runner, too).
    """
    if not problem.profile.walk_30min_pain_free:
        return "walk_only"
    mode = min((ph.running for ph in phases.values()), key=RUN_MODES.index)
    if mode == "continuous" and not ladder_done and not running_now(problem):
        return "walk_run"
    return mode


def running_now(problem: Problem) -> bool:
    """A runner with no injury who already runs (prevention with a baseline) skips the ladder."""
    return problem.profile.is_prevention and problem.profile.running.baseline_weekly_minutes > 0


def week_problem(problem: Problem, state: State) -> WeekProblem:
    """The week after ``state``: phases, running, doses and the exercise pool."""
    phases = {
        proto.name: proto.phases[state.phase_index[i]] for i, proto in enumerate(problem.protocols)
    }
    mode = "walk_only" if state.rest_from_running else run_mode(problem, phases, state.ladder_done)
    stage = None
    if mode == "walk_run" and not state.ladder_done:
        stage = state.stage or 1
    elif mode == "walk_run" and state.ladder_done:
        stage = len(problem.ladder.stages)
    top = len(problem.ladder.stages)
    requirements = _requirements(problem, phases)
    candidates = _candidates(problem, phases, requirements, state)
    placeable = _placeable(problem, requirements, candidates, mode)
    cap = _running_cap(problem, mode, state)
    return WeekProblem(
        number=state.week,
        start=problem.day_dates(state.week)[0],
        budgets=problem.budgets,
        phases=phases,
        run_mode=mode,
        stage=stage,
        can_advance=stage is not None and not state.ladder_done and stage <= top,
        completions=state.completions if stage == state.stage else 0,
        ladder_done=state.ladder_done,
        max_runs_per_week=_max_runs(problem, mode),
        max_runs_per_7_days=problem.ladder.rule("R-RTR-03").values["max_runs_per_7_days"],
        running_cap=cap,
        target_run_minutes=_target_run(problem, mode, cap),
        no_consecutive_runs=_no_consecutive_runs(problem, mode),
        run_plyo_spacing=rule_value(problem, "R-PT-04", "run_or_plyo_min_hours_apart") is not None,
        plyo_gap_days=(rule_value(problem, "R-PT-04", "energy_storage_min_hours_apart") or 48) // 24,
        quad_isotonic_max=rule_value(problem, "R-PT-02", "max_sessions_per_week"),
        nordic_max_sessions=_nordic_sessions(problem, state),
        candidates=candidates,
        requirements=tuple(r for r in requirements if r.key in placeable),
        modalities=_week_modalities(problem, phases),
        aerobic_bonus=mode != "continuous",
        previous=state,
        unplaceable=tuple(r.key for r in requirements if r.key not in placeable),
    )


def rule_value(problem: Problem, rule_id: str, key: str) -> int | None:
    """A number from a rule of the person's conditions' protocols (None: no such rule)."""
    for proto in problem.protocols:
        for rule in proto.rules:
            if rule.id == rule_id and key in rule.values:
                return rule.values[key]
    return None


def _max_runs(problem: Problem, mode: str) -> int:
    """R-RTR-03: on the ladder, the usual 3 runs a week (never more than 4 in any 7 days, which
    the sliding windows check); afterwards the person's own number of runs a week, at most 4."""
    if mode == "walk_only":
        return 0
    if mode == "walk_run":
        return USUAL_LADDER_RUNS
    usual = problem.profile.running.baseline_runs_per_week or 3
    return max(1, min(usual, 4))


def _no_consecutive_runs(problem: Problem, mode: str) -> bool:
    """R-RTR-02 on the ladder; afterwards for every condition but prevention (project choice:
    a recovering knee keeps a day between runs for the whole plan)."""
    if mode == "walk_run":
        return True
    return not problem.profile.is_prevention


def _running_cap(problem: Problem, mode: str, state: State) -> int | None:
    """R-LD-01, R-LD-02, R-LD-05: the most running minutes this week.

    Why: once running is continuous, +10 % a week and +30 % over two weeks at most, counted
    from earlier weeks of continuous running only (the walk-run stages are exempt), and never
    above the baseline. What the ladder's top stage allows (3 runs of 30 minutes) is always
    allowed, so a short week never locks running at a tiny volume.
    """
    ceiling = problem.running_ceiling
    if mode != "continuous":
        return ceiling if problem.profile.running.baseline_weekly_minutes > 0 else None
    history = list(state.continuous_minutes)
    if running_now(problem) and len(history) < 2:
        history = [problem.profile.running.baseline_weekly_minutes] * (2 - len(history)) + history
    floor = top_stage_volume(problem)
    weekly = 100 + problem.ladder.rule("R-LD-01").values["max_weekly_increase_pct"]
    fortnightly = 100 + problem.ladder.rule("R-LD-02").values["max_two_week_increase_pct"]
    cap = ceiling if ceiling is not None else 10_000
    if history:
        cap = min(cap, max(floor, history[-1] * weekly // 100))
    if len(history) >= 2:
        cap = min(cap, max(floor, history[-2] * fortnightly // 100))
    return cap


def _target_run(problem: Problem, mode: str, cap: int | None) -> int:
    """The run length a continuous week aims for: the week's cap shared over the usual runs, in
    5-minute steps, between 20 and 120 minutes."""
    if mode != "continuous" or cap is None:
        return 20
    runs = _max_runs(problem, mode)
    return max(20, min(120, cap // runs // 5 * 5))


def top_stage_volume(problem: Problem) -> int:
    """Running minutes of a week at the ladder's top stage: 3 runs (R-RTR-03's usual number)."""
    top = problem.ladder.stages[-1]
    volume = int(top.run_min) * top.repeats * 3
    return min(volume, problem.running_ceiling) if problem.running_ceiling else volume


def _nordic_sessions(problem: Problem, state: State) -> int:
    """R-NH-01: the Nordic table's sessions for the person's next Nordic week."""
    return problem.general.nordic_row(state.nordic_weeks + 1)["sessions_per_week"]


def _week_modalities(problem: Problem, phases: dict[str, Phase]) -> tuple[Modality, ...]:
    """Cross-training not avoided by any current phase (IT band: no outdoor cycling early)."""
    avoided = {ex for ph in phases.values() for a in ph.avoid for ex in a.exercises}
    return tuple(
        m for m in problem.modalities
        if m.exercise not in avoided
        and not any(problem.catalog.get(m.exercise).contraindicated(c, ph.id) for c, ph in phases.items())
    )


def _requirements(problem: Problem, phases: dict[str, Phase]) -> list[Requirement]:
    """The week's doses: each condition's priority targets for its phase (in the protocol's
    order), then every listed weakness (R-ST-02), tight area (R-MOB-01) and, for knee
    osteoarthritis, weekly aerobic work (R-OA-02)."""
    found: dict[str, Requirement] = {}
    priority = 0
    profile = problem.profile
    available_days = sum(1 for b in problem.budgets if b > 0)
    for proto in problem.protocols:
        phase = phases[proto.name]
        first = True
        for dose in proto.priority_targets:
            if dose.phases and phase.id not in dose.phases:
                continue
            kind = {"isometric": "isometric", "plyometric": "plyometric"}.get(dose.contraction or "", "load")
            if proto.name != "patellar_tendinopathy" and kind == "isometric":
                kind = "load"  # only the tendon's pain-relief holds are sessions of their own
            key = f"{kind}:{dose.target}" + (f":{dose.contraction}" if kind == "load" and dose.contraction else "")
            minimum = dose.min_sessions_per_week
            if kind == "isometric":
                minimum = min(minimum, available_days)
            req = Requirement(
                key=key, target=dose.target, kind=kind,
                contraction=dose.contraction if kind == "load" else None,
                min_per_week=minimum,
                preferred=max(minimum, dose.preferred_sessions_per_week or minimum),
                priority=priority, rule=dose.rule, why=dose.why,
                label=_label(dose.target, kind), essential=first,
            )
            priority += 1
            first = False
            found[key] = _merge(found.get(key), req)
    for weakness in profile.weaknesses:
        key = f"load:{weakness}"
        req = Requirement(
            key=key, target=weakness, kind="load", contraction=None, min_per_week=2, preferred=2,
            priority=priority, rule="R-ST-02",
            why="You listed this as a weak area; training it twice a week builds strength.",
            label=_label(weakness, "load"),
        )
        priority += 1
        found[key] = _merge(found.get(key), req)
    for area in profile.tightness:
        key = f"mobility:{area}"
        found[key] = Requirement(
            key=key, target=area, kind="mobility", contraction=None, min_per_week=3, preferred=3,
            priority=100 + priority, rule="R-MOB-01",
            why="You listed this area as tight; regular stretching or rolling eases it.",
            label=_label(area, "mobility"),
        )
        priority += 1
    if "knee_osteoarthritis" in profile.conditions:
        found["aerobic"] = Requirement(
            key="aerobic", target="aerobic", kind="aerobic", contraction=None, min_per_week=1,
            preferred=2, priority=50, rule="R-OA-02",
            why="Low-impact aerobic exercise every week helps arthritic knees.",
            label="aerobic exercise (walking, cycling, swimming or running)",
        )
    return sorted(found.values(), key=lambda r: (r.priority, r.key))


def _merge(old: Requirement | None, new: Requirement) -> Requirement:
    if old is None:
        return new
    return Requirement(
        key=old.key, target=old.target, kind=old.kind, contraction=old.contraction,
        min_per_week=max(old.min_per_week, new.min_per_week),
        preferred=max(old.preferred, new.preferred),
        priority=min(old.priority, new.priority), rule=old.rule, why=old.why, label=old.label,
        essential=old.essential or new.essential,
    )


def _label(target: str, kind: str) -> str:
    if kind == "mobility":
        return MOBILITY_LABELS.get(target, LABELS.get(target, target))
    if kind == "isometric":
        return "daily static thigh holds for tendon pain"
    if kind == "plyometric":
        return "jump (spring) training"
    return LABELS.get(target, target.replace("_", " "))


def matches(req: Requirement, cand: Candidate, catalog: Catalog) -> bool:
    """Does an exercise count as a session of this requirement?"""
    if req.target not in cand.targets:
        return False
    if req.kind == "mobility":
        return cand.bucket == "mobility"
    if req.kind == "isometric":
        return cand.bucket == "isometric"
    if req.kind == "plyometric":
        return cand.bucket == "plyometric"
    if cand.bucket != "load":
        return False
    if req.contraction == "isotonic":
        return catalog.get(cand.id).contraction in MOVING_CONTRACTIONS
    if req.contraction:
        return catalog.get(cand.id).contraction == req.contraction
    return True


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


def _candidates(
    problem: Problem, phases: dict[str, Phase], requirements: list[Requirement], state: State
) -> tuple[Candidate, ...]:
    """The exercise pool for the week: for each requirement, the best few allowed exercises.

    The fit cost prefers the phase's intensity level, exercises written for the person's
    condition, exercises that serve several required targets at once, and the progression of an
    exercise whose dosage ladder is finished.
    """
    want = desired_level(phases, problem)
    weeks_in_phase = {
        proto.name: state.weeks_in_phase[i] for i, proto in enumerate(problem.protocols)
    }
    load_targets = {r.target for r in requirements if r.kind == "load"}
    finished = {
        ex_id for ex_id, used in state.exercise_weeks
        if used >= 2 * len(problem.catalog.get(ex_id).dosage)
    }
    progressions = {problem.catalog.get(e).progression for e in finished} - {None}
    usable = [
        ex for ex in problem.catalog  # slot-only exercises wait for the session templates
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
        id=ex.id, bucket=bucket, minutes=ex.minutes, targets=tuple(ex.targets),
        spaced_targets=spaced if bucket != "isometric" else (), level=level,
        fit_cost=max(0, cost + 6), nordic=ex.id == "nordic_hamstring_curl",
    )


def _placeable(problem: Problem, requirements, candidates, mode) -> set[str]:
    """Requirements at least one exercise (or, for aerobic work, a modality) can serve."""
    keys = set()
    for req in requirements:
        if req.kind == "aerobic":
            keys.add(req.key)  # brisk walking is always possible
        elif any(matches(req, c, problem.catalog) for c in candidates):
            keys.add(req.key)
    return keys
