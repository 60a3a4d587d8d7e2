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
from rehabplan.vocab import CrossTraining, TemplateType


@dataclass(frozen=True)
class Requirement:
    """A minimum weekly dose that is not a session template: stretching or rolling of a tight
    area (kind "mobility", R-MOB-01), weekly aerobic work ("aerobic", R-OA-02) or graded walks
    ("walk", R-RTR-01). Each may be relaxed, lowest ``priority`` (the largest number) first,
    with a warning."""

    key: str
    target: str
    kind: str
    min_per_week: int
    preferred: int
    priority: int
    rule: str
    why: str
    label: str


@dataclass(frozen=True)
class Candidate:
    """A stretching or rolling exercise the solver may place this week (mobility)."""

    id: str
    minutes: int
    targets: tuple[str, ...]
    fit_cost: int  # lower is a better match


@dataclass(frozen=True)
class Option:
    """An exercise a slot may hold this week: one of its rung's exercises."""

    id: str
    minutes: int
    spaced_targets: tuple[str, ...]  # muscle groups it loads at moderate or high intensity (R-ST-01)
    cost: int  # 0 for the rung's preferred exercise
    nordic: bool = False  # counts against the Nordic table (R-NH-01)


@dataclass(frozen=True)
class RoleLevel:
    """Where a role stands on its ladder: the rung's exercise (None after a step back: use
    ``rung``), the 0-based rung of the slot's ladder, the 0-based dose step and the weeks the
    role has been trained at that step."""

    exercise: str | None
    rung: int
    step: int = 0
    weeks: int = 0


@dataclass(frozen=True)
class SlotSpec:
    """One slot of a week's session: the solver reads role, priority, picks, options and
    cheapest; the plan's assembly reads the rest."""

    role: str
    priority: int  # 1 kept first; on a short day the largest numbers drop first
    picks: int  # exercises the slot holds when filled
    options: tuple[Option, ...]
    cheapest: int  # minutes of the shortest exercise the slot's ladder allows this week
    weak: bool  # a weak area's slot (R-ST-02: at least 2 days a week)
    level: RoleLevel
    key: str  # "type:role": the carried level's key
    origin: str  # the id of the condition template the slot comes from
    condition: str | None  # the condition whose template wrote the slot (None: a weak area's)
    why: str
    source: str
    ladder: tuple[tuple[str, ...], ...]  # the slot's ladder, every rung
    doses: tuple = ()  # the slot's own dose ladder (knowledge.roles.SlotDose); empty: the exercise's
    dose_table: str | None = None
    steps: int = 1  # dose steps of the ladder in use (the slot's, the Nordic table's or the exercise's)
    next_rung: int | None = None  # the next usable rung above this one (None: the top)

    @property
    def can_rise(self) -> bool:
        """A higher dose step or rung exists."""
        return self.level.step + 1 < self.steps or self.next_rung is not None


@dataclass(frozen=True)
class TemplateSpec:
    """A session the week prescribes (a condition's template, or the same type's templates of
    several conditions merged), with its slots."""

    id: str
    name: str
    type: TemplateType
    per_week_min: int
    per_week_preferred: int
    per_week_max: int
    gap_days: int  # two of these sessions at least this many days apart (1: any two days)
    apart_from: tuple[str, ...]  # templates never on the same day
    every_free_day: bool  # on every available day without an ``apart_from`` session
    slots: tuple[SlotSpec, ...]
    rule: str
    source: str
    why: str
    essential: bool  # at least one a week whatever happens
    priority: int  # relaxing its weekly minimum: the largest number first

    @property
    def loading(self) -> bool:
        """Strength and jumps load muscles (a warm-up first, not on the rest day); holds do not."""
        return self.type != "isometric"


@dataclass(frozen=True)
class Modality:
    word: CrossTraining
    exercise: str
    min_minutes: int
    max_minutes: int
    liked: bool


@dataclass(frozen=True)
class RunLimits:
    """The running numbers a week's model needs, from the ladder data (return_to_run.yaml)."""

    warm_up: int
    cool_down: int
    short_warm_up: int  # on a short day (R-RTR: the walks shrink so a run fits)
    short_cool_down: int
    min_run: int  # a continuous run: at least, at most and in steps of (minutes)
    max_run: int
    step: int


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
    completions: int  # full runs already done at ``stage`` before this week
    ladder_done: bool
    max_runs_per_week: int
    max_runs_per_7_days: int  # R-RTR-03, on the ladder
    running_cap: int | None  # most running minutes this week (None: no cap)
    running_floor: int  # least running minutes this week (a runner without injury, R-PRE-01; 0: none)
    target_run_minutes: int  # continuous running: the length a run aims for this week
    no_consecutive_runs: bool
    run_plyo_spacing: bool  # R-PT-04: 48 h between any two run or jump sessions
    nordic_max_sessions: int
    stage_completions: int  # R-RTR-04: full runs at a stage before the next
    session_items: tuple[int, int]  # R-HO-03: a session's fewest (when the day allows) and most exercises
    weak_area_days: int  # R-ST-02: days a week a weak area is trained
    templates: tuple[TemplateSpec, ...]
    candidates: tuple[Candidate, ...]  # mobility
    requirements: tuple[Requirement, ...]
    modalities: tuple[Modality, ...]
    run_limits: RunLimits
    warm_up: int  # minutes of the warm-up before a strength session
    jump_warm_up: int  # the full warm-up, before jumps or Nordic curls
    aerobic_bonus: bool  # running is still low: reward cross-training on non-run days
    previous: "State"
    walking: int = 0  # graded walking this week: the walk length (0: not walking by grade)
    unplaceable: tuple[str, ...] = ()  # requirements with no exercise available this week
    left_out: tuple[tuple[str, str], ...] = ()  # sessions no exercise of theirs is allowed for: (name, why)


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
class SessionPick:
    """A session the solver placed on a day: its template and (role, exercise) per item, in
    slot order."""

    template: str
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DaySchedule:
    run: bool = False
    repeats: int = 0  # walk-run rounds (ladder stages)
    run_minutes: int = 0  # running minutes (continuous running)
    walk_minutes: int = 0
    short_run_walks: bool = False  # the run's warm-up and cool-down walks shortened (a short day)
    cross: tuple[CrossTraining, int] | None = None  # (modality word, minutes)
    sessions: tuple[SessionPick, ...] = ()
    mobility: tuple[str, ...] = ()
    warm_up: int = 0  # minutes of warm-up before the day's strength or jump session

    @property
    def exercises(self) -> tuple[str, ...]:
        return tuple(e for s in self.sessions for _role, e in s.items) + self.mobility

    def templates(self) -> frozenset[str]:
        return frozenset(s.template for s in self.sessions)


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
    relaxed: tuple[str, ...] = ()  # families relaxed: "count:<template>", "weak:<role>", "dose:<key>"
    short: tuple[tuple[str, int, int], ...] = ()  # (what, given, minimum): templates, weak areas, doses
    dropped: tuple[tuple[int, str, str], ...] = ()  # (day, template, role) slots left out of a session

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
    templates: frozenset[str] = frozenset()  # session templates held that day


@dataclass(frozen=True)
class State:
    week: int  # the next week to plan, 1-based
    phase_index: tuple[int, ...]  # per condition, in the profile's order
    weeks_in_phase: tuple[int, ...]
    stage: int | None = None
    completions: int = 0  # full runs at ``stage`` so far
    ladder_done: bool = False
    recent: tuple[DayRecord, ...] = ()  # the last 6 days, oldest first
    running_minutes: tuple[int, ...] = ()  # one entry per planned week
    continuous_minutes: tuple[int, ...] = ()  # running minutes of the weeks of continuous running
    # stretching and rolling: (exercise id, dose step, weeks used at that step); a step rises with
    # the other doses (one progression at a time, R-RTR-10) once the stretch was used at it
    mobility: tuple[tuple[str, int, int], ...] = ()
    last_week_exercises: frozenset[str] = frozenset()
    roles: tuple[tuple[str, RoleLevel], ...] = ()  # "type:role" -> where it stands for the next week
    walk_ok: bool = True  # the brisk 30-minute walk is pain-free (R-RTR-01): running may start
    walk_weeks: int = 0  # weeks of graded walking so far
    progression: str | None = None  # what rose at the boundary before the next week (R-RTR-10)
    run_rose: int = 0  # the last week after which running rose (0: never)
    doses_rose: int = 0  # the last week after which exercise doses rose
    steps_rose: int = 0  # the last week after which the roles on the plan's cadence rose (or a phase moved)
    run_held: bool = False  # running could start but waits a week (another progression went first)
    run_stalled: bool = False  # running minutes were let rise and did not (the days hold no more)
    rest_from_running: int = 0  # weeks without runs a check-in decided (a red week at stage 1)

    def mobility_step(self, exercise_id: str) -> int:
        return next((step for e, step, _weeks in self.mobility if e == exercise_id), 0)

    def level(self, key: str) -> RoleLevel | None:
        return dict(self.roles).get(key)
