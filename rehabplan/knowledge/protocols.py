"""Condition protocols, the return-to-run ladder, red flags and the pain rule, held as data.

Each file in rehabplan/data/ is validated here; every rule carries its source key and, where
the clinical reference gives one, its rule id (R-...). See docs/library.md.
"""

from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from rehabplan.errors import LibraryError, NotFound
from rehabplan.knowledge.roles import SessionTemplate
from rehabplan.paths import conditions_dir, data_dir
from rehabplan.strict import StrictModel, problems_from
from rehabplan.vocab import (
    CONDITIONS,
    Condition,
    Contraction,
    EducationTopic,
    Kind,
    RedFlag,
    RunMode,
    Target,
    Terrain,
    Urgency,
)
from rehabplan.yamlio import read_library_document

Line = Annotated[str, Field(min_length=3, max_length=200)]
Text = Annotated[str, Field(min_length=3, max_length=600)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RuleId = Annotated[str, Field(pattern=r"^R-[A-Z]+-\d\d$")]


class Rule(StrictModel):
    """A clinical rule with its numbers, for the solver and for the handout."""

    id: RuleId
    text: Text
    hard: bool
    values: dict[str, int] = {}
    source: Id


class Criterion(StrictModel):
    """A phase entry or exit criterion: words for people, numbers for the program."""

    text: Line
    max_pain_during: Annotated[int, Field(ge=0, le=10)] | None = None
    min_weeks_in_phase: Annotated[int, Field(ge=1, le=12)] | None = None
    needs_walk_30min: bool = False
    # "running": the criterion opens running only (the walk test, R-RTR-01); strength work moves
    # on without it. "phase": the phase waits for it.
    gate: Literal["phase", "running"] = "phase"
    source: Id


class Avoid(StrictModel):
    """Exercises or movements to keep out of a phase, and why."""

    what: Line
    exercises: list[Id] = []
    kinds: list[Kind] = []
    max_loaded_knee_flexion_deg: Annotated[int, Field(ge=0, le=150)] | None = None
    first_weeks: Annotated[int, Field(ge=1, le=12)] | None = None  # only in the phase's first weeks
    reason: Line
    rule: RuleId | None = None
    source: Id


class Phase(StrictModel):
    """A protocol phase; ``typical_weeks`` is how long it usually lasts, [shortest, longest]."""

    id: Id
    name: Annotated[str, Field(min_length=3, max_length=40)]
    typical_weeks: Annotated[list[Annotated[int, Field(ge=1, le=52)]], Field(min_length=2, max_length=2)]
    goal: Line
    running: RunMode
    entry: list[Criterion]
    exit: list[Criterion]
    avoid: list[Avoid] = []


class TargetDose(StrictModel):
    """A priority target and its minimum weekly dose (R-ST-02 and the condition's own rule)."""

    target: Target
    min_sessions_per_week: Annotated[int, Field(ge=1, le=7)]
    preferred_sessions_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    contraction: Contraction | None = None
    phases: list[Id] = []
    rule: RuleId
    why: Line
    source: Id


class RunningLimit(StrictModel):
    text: Line
    terrain: list[Terrain] = []
    first_week: Annotated[int, Field(ge=1, le=52)] = 1
    last_week: Annotated[int, Field(ge=1, le=52)] | None = None
    min_hours_between_runs: Annotated[int, Field(ge=24, le=96)] | None = None
    rule: RuleId
    source: Id


class SourcedText(StrictModel):
    text: Text
    source: Id


class EducationItem(SourcedText):
    """A point of the condition's education page: items of one topic sit together under one heading."""

    topic: EducationTopic
    heading: Annotated[str, Field(min_length=3, max_length=60)]


class ConditionFlag(StrictModel):
    flag: RedFlag
    why: Line
    source: Id


class Protocol(StrictModel):
    name: Condition
    title: Annotated[str, Field(min_length=3, max_length=80)]
    also_called: list[str] = []
    summary: Text
    phases: Annotated[list[Phase], Field(min_length=1)]
    priority_targets: Annotated[list[TargetDose], Field(min_length=1)]
    rules: list[Rule] = []
    running: list[RunningLimit] = []
    education: Annotated[list[EducationItem], Field(min_length=2)]
    red_flags: list[ConditionFlag] = []
    sessions: list[SessionTemplate] = []  # the sessions a clinician would write, per phase
    sources: Annotated[list[Id], Field(min_length=1)]

    @model_validator(mode="after")
    def _phase_ids(self) -> "Protocol":
        ids = [p.id for p in self.phases]
        templates = [t.id for t in self.sessions]
        _unique(ids, "phase ids")
        _unique(templates, "session template ids")
        for dose in self.priority_targets:
            _known(dose.phases, ids, f"priority target {dose.target} names unknown phases")
        for template in self.sessions:
            _known(template.phases, ids, f"session {template.id} names unknown phases")
            _known(template.apart_from, templates, f"session {template.id}: apart_from names unknown sessions")
        return self

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def templates(self, phase_id: str) -> list[SessionTemplate]:
        """The session templates prescribed in ``phase_id``, in file order."""
        return [t for t in self.sessions if phase_id in t.phases]


def _unique(values: list[str], what: str) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"{what} must be unique")


def _known(names: list[str], known: list[str], what: str) -> None:
    unknown = set(names) - set(known)
    if unknown:
        raise ValueError(f"{what} {sorted(unknown)}")


class RunStage(StrictModel):
    index: Annotated[int, Field(ge=1)]
    run_min: Annotated[float, Field(gt=0, le=60)]
    walk_min: Annotated[float, Field(ge=0, le=10)]
    repeats: Annotated[int, Field(ge=1, le=20)]
    min_repeats: Annotated[int, Field(ge=1, le=20)]
    note: Line | None = None

    @property
    def round_minutes(self) -> int:
        """One round, run and walk (the ladder's minutes are whole)."""
        return int(self.run_min + self.walk_min)

    def running_minutes(self, rounds: int) -> int:
        """Running (not walking) minutes of a session of ``rounds`` rounds."""
        return rounds * int(self.run_min)

    @property
    def continuous(self) -> bool:
        return self.walk_min == 0


Minutes = Annotated[int, Field(ge=1, le=180)]


class ContinuousRuns(StrictModel):
    """How long one continuous run may be, in ``step_min`` steps (R-LD-01: the week's total
    is what rises)."""

    min_run_min: Minutes
    max_run_min: Minutes
    step_min: Annotated[int, Field(ge=1, le=15)]


class RunningGoal(StrictModel):
    """Where a plan's running is going (project choices, issue 14): a plan of ``long_plan_weeks``
    or more that starts with a pain-free walk aims at ``target_pct`` of the runner's usual weekly
    minutes by its end; one that ends below ``explain_below_pct`` (or a long one below its
    target) says why."""

    target_pct: Annotated[int, Field(ge=50, le=100)]
    explain_below_pct: Annotated[int, Field(ge=10, le=100)]
    long_plan_weeks: Annotated[int, Field(ge=4, le=52)]


class GradedWalking(StrictModel):
    """Walks while the brisk 30-minute walk is not yet pain-free (R-RTR-01): ``start_min``
    growing by ``step_min`` a week up to ``target_min``, on at least ``min_sessions_per_week``
    days, pain-gated by ``guidance``."""

    start_min: Minutes
    step_min: Annotated[int, Field(ge=1, le=15)]
    target_min: Minutes
    min_sessions_per_week: Annotated[int, Field(ge=1, le=7)]
    guidance: Line
    rule: RuleId
    source: Id

    def minutes(self, week: int) -> int:
        """The walk length of the ``week``-th week of walking (1-based)."""
        return min(self.target_min, self.start_min + self.step_min * (week - 1))


class Ladder(StrictModel):
    """The walk-run ladder, its entry gate and its rules (R-RTR-*), then continuous running (R-LD-*)."""

    name: Line
    summary: Text
    warm_up_min: Annotated[int, Field(ge=0, le=20)]
    cool_down_min: Annotated[int, Field(ge=0, le=20)]
    short_warm_up_min: Annotated[int, Field(ge=0, le=20)]
    short_cool_down_min: Annotated[int, Field(ge=0, le=20)]
    continuous_runs: ContinuousRuns
    running_goal: RunningGoal
    graded_walking: GradedWalking
    gate: SourcedText
    stages: Annotated[list[RunStage], Field(min_length=3)]
    rules: list[Rule]
    continuous_rules: list[Rule]
    sources: list[Id]

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules + self.continuous_rules if r.id == rule_id)

    def session_minutes(self, stage: RunStage, rounds: int) -> int:
        """A walk-run session of ``rounds`` rounds at ``stage``, warm-up and cool-down included:
        the one place these minutes are added up."""
        return self.warm_up_min + rounds * stage.round_minutes + self.cool_down_min

    @model_validator(mode="after")
    def _ordered(self) -> "Ladder":
        if [s.index for s in self.stages] != list(range(1, len(self.stages) + 1)):
            raise ValueError("stage indexes must be 1, 2, 3, ... in order")
        return self


class RedFlagInfo(StrictModel):
    title: Line
    question: Line
    urgency: Urgency
    action: Line
    source: Id


class PainZone(StrictModel):
    name: Literal["green", "amber", "red"]
    low: Annotated[int, Field(ge=0, le=10)]
    high: Annotated[int, Field(ge=0, le=10)]
    label: Line
    action: Line


class PainRule(StrictModel):
    """The traffic-light pain-monitoring rule (R-PM-01, R-PM-03)."""

    summary: Line
    zones: Annotated[list[PainZone], Field(min_length=3, max_length=3)]
    next_morning: Line
    exercise_line: Line
    sources: list[Id]

    def zone(self, pain: int) -> PainZone:
        return next(z for z in self.zones if z.low <= pain <= z.high)


class WeakAreaSlot(StrictModel):
    """The slot a weak area gets when the week's strength session does not train it (R-ST-02)."""

    priority: Annotated[int, Field(ge=1, le=5)]
    why: Line
    rule: RuleId
    source: Id


class GeneralRules(StrictModel):
    """Rules that hold whatever the condition: strength spacing, loads, the Nordic table."""

    rules: list[Rule]
    nordic_table: list[dict[str, int]]
    weak_area_slot: WeakAreaSlot
    disclaimer: list[SourcedText]

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def nordic_row(self, week: int) -> dict[str, int]:
        """The Nordic table row for the person's ``week``-th week of Nordic curls (R-NH-01)."""
        for row in self.nordic_table:
            if row["from_week"] <= week <= row["to_week"]:
                return row
        return self.nordic_table[-1]


M = TypeVar("M", bound=BaseModel)


def load_data(model: type[M], path: Path) -> M:
    """Validate one data file against ``model``; a bad file is a LibraryError naming each field."""
    try:
        return model.model_validate(read_library_document(path))
    except ValidationError as err:
        raise LibraryError([p.render(path.name) for p in problems_from(err, model)]) from None


@cache
def load_protocols() -> dict[str, Protocol]:
    """All condition protocols, keyed by condition word, in vocabulary order."""
    protocols: dict[str, Protocol] = {}
    for name in CONDITIONS:
        path = conditions_dir() / f"{name}.yaml"
        if not path.exists():
            raise LibraryError([f"conditions/{name}.yaml is missing"])
        protocol = load_data(Protocol, path)
        if protocol.name != name:
            raise LibraryError([f"{path.name}: name {protocol.name!r} must match the file name"])
        protocols[name] = protocol
    return protocols


def get_protocol(name: str) -> Protocol:
    protocols = load_protocols()
    if name not in protocols:
        raise NotFound(f"no condition {name!r}; use one of: {', '.join(CONDITIONS)}")
    return protocols[name]


@cache
def load_ladder() -> Ladder:
    return load_data(Ladder, data_dir() / "return_to_run.yaml")


@cache
def load_red_flags() -> dict[str, RedFlagInfo]:
    raw = read_library_document(data_dir() / "red_flags.yaml")
    try:
        return {k: RedFlagInfo.model_validate(v) for k, v in raw.items()}
    except ValidationError as err:
        raise LibraryError([p.render("red_flags.yaml") for p in problems_from(err, RedFlagInfo)]) from None


@cache
def load_pain_rule() -> PainRule:
    return load_data(PainRule, data_dir() / "pain_rule.yaml")


@cache
def load_general_rules() -> GeneralRules:
    return load_data(GeneralRules, data_dir() / "general_rules.yaml")
