"""The problem's types: plain, frozen, integer data that the solver reads and writes.

``Problem`` holds what does not change over the plan (days, budgets, protocols, the exercise
pool); ``WeekProblem`` is one week to solve: the week's phases, the exercises allowed, the doses
required and the running allowed. ``WeekSchedule`` is the solver's answer for one week, and
``State`` everything the next week's model needs from the past (rehabplan.problem.state).
The solver imports this module and nothing else of the package (docs/architecture.md).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.catalog import Catalog
from rehabplan.knowledge.protocols import GeneralRules, Ladder, Phase, Protocol
from rehabplan.vocab import CrossTraining

# What counts as "isotonic" (moving, slow heavy) work in a dose: lifting and lowering.
MOVING_CONTRACTIONS = ("isotonic", "eccentric")


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
    word: CrossTraining
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


@dataclass(frozen=True)
class DaySchedule:
    run: bool = False
    repeats: int = 0  # walk-run rounds (ladder stages)
    run_minutes: int = 0  # running minutes (continuous running)
    walk_minutes: int = 0
    cross: tuple[CrossTraining, int] | None = None  # (modality word, minutes)
    load: tuple[str, ...] = ()  # strength and balance exercise ids
    plyometric: tuple[str, ...] = ()
    isometric: tuple[str, ...] = ()
    mobility: tuple[str, ...] = ()
    warm_up: int = 0  # minutes of warm-up before the day's strength or jump session

    @property
    def exercises(self) -> tuple[str, ...]:
        return self.load + self.plyometric + self.isometric + self.mobility


@dataclass(frozen=True)
class WeekSchedule:
    number: int
    phases: dict[str, str]  # condition -> phase id
    run_mode: str
    stage: int | None
    advanced: bool  # the ladder steps up after this week (or is finished, from the top stage)
    days: tuple[DaySchedule, ...]
    status: str
    objective: int
    bound: int  # the solver's best bound (equal to the objective when optimal)
    relaxed: tuple[str, ...] = ()  # requirement keys that could not be fully met
    short: tuple[tuple[str, int, int], ...] = ()  # (requirement key, sessions given, minimum)

    @property
    def runs(self) -> int:
        return sum(d.run for d in self.days)


@dataclass(frozen=True)
class DayRecord:
    """What spacing rules need to know about a past day."""

    run: bool = False
    ladder: bool = False  # a walk-run ladder week (R-RTR-02 spaces its runs)
    plyometric: bool = False
    spaced_targets: frozenset[str] = frozenset()
    nordic: bool = False


@dataclass(frozen=True)
class State:
    week: int  # the next week to plan, 1-based
    phase_index: tuple[int, ...]  # per condition, in the profile's order
    weeks_in_phase: tuple[int, ...]
    stage: int | None = None
    completions: int = 0
    ladder_done: bool = False
    recent: tuple[DayRecord, ...] = ()  # the last 6 days, oldest first
    running_minutes: tuple[int, ...] = ()  # one entry per planned week
    continuous_minutes: tuple[int, ...] = ()  # running minutes of the weeks of continuous running
    exercise_weeks: tuple[tuple[str, int], ...] = ()  # (exercise id, weeks used so far)
    last_week_exercises: frozenset[str] = frozenset()
    phase_exercises: frozenset[str] = frozenset()  # used so far in the first condition's phase
    previous_phase_exercises: frozenset[str] = frozenset()  # used in the phase before it
    nordic_weeks: int = 0
    rest_from_running: int = 0  # weeks without runs a check-in decided (a red week at stage 1)

    def weeks_used(self, exercise_id: str) -> int:
        return dict(self.exercise_weeks).get(exercise_id, 0)


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
