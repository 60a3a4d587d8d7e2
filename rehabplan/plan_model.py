"""The plan: the output models (docs/plan.md), the source of truth for every output.

Field names and order follow docs/plan.md; fields it marks as extensions are marked "extension"
below too and never replace a contract field. A plan written as JSON reads back into
the same model (``Plan.model_validate_json``), which the check-in issue relies on.
"""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, model_serializer

from rehabplan.intake.profile import Profile
from rehabplan.strict import StrictModel
from rehabplan.vocab import (
    WEEKDAYS,
    Condition,
    Contraction,
    CrossTraining,
    IntensityLevel,
    RunMode,
    Side,
    Target,
    Terrain,
    Urgency,
    Weekday,
)

SCHEMA_VERSION = 1

Effort = Literal["easy", "moderate", "hard"]
RunIntensity = Literal["easy", "tempo", "intervals", "hills"]
Progression = Literal["run_stage", "running_minutes", "doses"]  # what rose at a week boundary


class Item(StrictModel):
    """One exercise prescription inside a session."""

    id: str
    name: str
    targets: list[Target]
    contraction: Contraction
    intensity_level: IntensityLevel
    equipment: list[str]
    side: Side
    sets: int | None
    reps: int | None
    hold_s: int | None
    minutes: int | None  # extension: timed items (foam rolling)
    rest_s: int
    tempo: str | None
    load_guidance: str
    knee_flexion_max_deg: int | None
    progression_rule: str
    pain_rule: str
    why: str
    dosage_step: int  # extension: 1-based step of the dose ladder in use (the slot's or the exercise's)
    dosage_steps: int  # extension: how many steps that ladder has
    role: str | None = None  # extension: the session slot's role (docs/library.md)
    session: str | None = None  # extension: the session template the slot comes from


class Interval(StrictModel):
    mode: Literal["run", "walk"]
    minutes: int
    repeats: int


class _SessionBase(StrictModel):
    minutes: int  # total, warm-up and cool-down included
    intensity: Effort
    warm_up_minutes: int = 0  # extension
    cool_down_minutes: int = 0  # extension
    items: list[Item] = []
    rules: list[str] = []  # extension: ids of the clinical rules that shaped this session


class ExerciseSession(_SessionBase):
    type: Literal["strength", "isometric", "plyometric", "mobility"]
    name: str | None = None  # extension: the session template's name ("Hip and knee strength")


class RunSession(_SessionBase):
    type: Literal["run"]
    stage: int | None  # walk-run ladder stage; None once running is continuous past the ladder
    intervals: list[Interval]
    running_minutes: int  # extension
    terrain: Terrain
    run_intensity: RunIntensity


class CrossSession(_SessionBase):
    type: Literal["walk", "cross_training"]
    modality: CrossTraining
    effort: Annotated[int, Field(ge=1, le=10)]  # RPE
    load_guidance: str  # extension


Session = Annotated[ExerciseSession | RunSession | CrossSession, Field(discriminator="type")]


class Day(StrictModel):
    date: date
    weekday: Weekday
    available: bool
    budget_minutes: int
    rest_day: bool  # extension: no running, strength, jumping or cross-training
    sessions: list[Session]


class Week(StrictModel):
    number: int
    start: date
    phase: str
    run_stage: int | None
    running_minutes: int
    phase_id: str  # extension: id of the first condition's phase
    phases: dict[str, str]  # extension: condition -> phase id, one per condition
    training_minutes: int  # extension: all session minutes
    days: list[Day]
    # extension: what rose at the boundary before this week (one at a time, R-RTR-10)
    progression: Progression | None = None


class Referral(StrictModel):
    urgency: Urgency
    reasons: list[str]
    message: str


class SolverInfo(StrictModel):
    status: str  # OPTIMAL when every weekly model was solved to optimality
    objective: int
    best_bound: int  # extension: sum of the weekly models' best bounds
    seed: int
    ortools_version: str
    input_hash: str
    library_hash: str
    method: str
    num_workers: int
    max_deterministic_time: float
    weeks: list[str]  # per-week solver status
    degraded: list[str]  # requirements relaxed because they could not fit


class RunStageInfo(StrictModel):
    index: int
    intervals: list[Interval]
    repeats: int
    min_repeats: int
    minutes: int  # session minutes at full repeats, warm-up and cool-down included
    running_minutes: int
    note: str


class PhaseInfo(StrictModel):
    condition: Condition
    id: str
    name: str
    goal: str
    running: RunMode
    weeks: list[int]  # plan weeks in this phase (empty if the plan does not reach it)


class ProtocolInfo(StrictModel):
    conditions: list[Condition]
    phases: list[PhaseInfo]
    run_stages: list[RunStageInfo]


class CheckinDecision(StrictModel):
    """Extension: what one week's check-in decided (rehabplan.adapt.decide), in reported order."""

    week: int
    action: Literal["advance", "hold", "step_back", "stop"]
    zone: Literal["green", "amber", "red", "flag"]
    reasons: list[str]
    stage_change: int
    dosage_change: int
    running_cut_pct: int
    urgency: Urgency | None
    review: bool
    pain_during: int | None = None  # the check-in's worst pain during runs or exercises
    pain_next_morning: int | None = None
    walk_30min_pain_free: bool | None = None  # the check-in's walk test (R-RTR-01), if it gave one


class MadePhase(StrictModel):
    """Where a condition starts."""

    condition: Condition
    phase: str
    phase_name: str


class MadeRole(StrictModel):
    """A slot of a first session of its kind: the exercise it starts with and its place on the
    slot's ladder."""

    session: str  # template id
    session_name: str
    role: str
    label: str  # plain words (roles.yaml)
    exercise: str
    rung: int  # 1-based
    rungs: int
    week: int  # the first week it appears


class MadeWeakArea(StrictModel):
    """A weak area the person listed and the session slot that trains it (None: none could)."""

    area: str
    role: str | None
    session: str | None
    days_per_week: int  # the fewest days a week it is trained in the plan


class MadeWalk(StrictModel):
    """The brisk 30-minute walk test (R-RTR-01) and graded walking."""

    passed_at_intake: bool
    passed_week: int | None  # the check-in week that reported it pain-free
    graded_weeks: list[int]  # weeks of graded walking
    walk_minutes: list[int]  # the walk length of each of those weeks


class MadeRunning(StrictModel):
    """Running against the runner's usual week."""

    baseline_minutes: int
    baseline_runs: int
    ceiling_minutes: int  # never above this (R-LD-05): the baseline, or the ladder's top for a new runner
    first_run_week: int | None
    continuous_week: int | None  # the first week of continuous running
    final_minutes: int
    final_pct: int | None  # of the baseline (None: no baseline)
    first_week_at_80pct: int | None
    first_week_at_baseline: int | None
    why_not: list[str]  # why the plan ends below 80 % of the baseline, as numbers in words


class MadeShortfall(StrictModel):
    """A weekly minimum the plan does not meet in some weeks (it is in the warnings too)."""

    what: str  # "session" | "weak_area" | "stretching" | "aerobic" | "walks" | "running"
    key: str  # template id, role, tight area ...
    weeks: list[int]
    given: int
    minimum: int


class MadeDroppedSlot(StrictModel):
    """A slot a short day leaves out of its session, and the minutes that day would need."""

    weekday: Weekday
    session: str
    roles: list[str]
    weeks: list[int]
    minutes_needed: int  # the day's minutes that would fit the slots (0: more minutes would not)
    because: Literal["minutes", "spacing"] = "minutes"  # spacing: the same muscles the day before or after (R-ST-01)


class Made(StrictModel):
    """Extension: how the plan was made, as facts (the handout's "How this plan was made for
    you" words them)."""

    start: list[MadePhase]
    roles: list[MadeRole]
    weak_areas: list[MadeWeakArea]
    walk: MadeWalk
    running: MadeRunning
    progressions: dict[str, list[int]]  # what rose -> the weeks it rose before
    shortfalls: list[MadeShortfall]
    dropped_slots: list[MadeDroppedSlot]


class Plan(StrictModel):
    schema_version: int
    status: Literal["ok", "referral"]
    warnings: list[str]
    referral: Referral | None
    changes: list[str]
    notes: list[str]  # extension: plain-language education that goes with the plan
    solver: SolverInfo | None
    profile: Profile  # as given, with the defaults filled in (docs/plan.md)
    protocol: ProtocolInfo | None
    weeks: list[Week]
    decisions: list[CheckinDecision] = []  # extension: check-ins applied, oldest first
    made: Made | None = None  # extension: how the plan was made, as facts

    @model_serializer(mode="wrap")
    def _without_unset_made(self, handler: Any) -> dict[str, Any]:
        """Why: a plan made before ``made`` existed (or a referral) reads back and prints byte
        for byte as it was written."""
        data = handler(self)
        if self.made is None:
            data.pop("made", None)
        return data

    def to_json(self) -> str:
        """The canonical JSON text: same plan, same bytes."""
        return self.model_dump_json(indent=2) + "\n"


WEEKDAY_ORDER = WEEKDAYS  # kept for planning/assemble.py until the engine rewrite; new code uses vocab.WEEKDAYS
