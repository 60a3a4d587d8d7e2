"""The plan: the output models (docs/plan.md), the source of truth for every output.

Field names and order follow docs/plan.md; fields it marks as extensions are marked "extension"
below too and never replace a contract field. A plan written as JSON reads back into
the same model (``Plan.model_validate_json``), which the check-in issue relies on.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

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
    dosage_step: int  # extension: 1-based rung of the exercise's dosage ladder
    dosage_steps: int  # extension: how many rungs the ladder has


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

    def to_json(self) -> str:
        """The canonical JSON text: same plan, same bytes."""
        return self.model_dump_json(indent=2) + "\n"


WEEKDAY_ORDER = WEEKDAYS  # kept for planning/assemble.py until the engine rewrite; new code uses vocab.WEEKDAYS
