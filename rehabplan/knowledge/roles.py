"""Roles and the session templates built from them, as data (docs/library.md).

A role is what an exercise does in a session (side-of-hip strength, a static thigh hold, a
landing drill ...). ``rehabplan/data/roles.yaml`` gives each role its plain label, the muscle
groups it loads, the weak areas it answers and a ladder of exercises, easiest first. Each
condition file's ``sessions:`` are templates of 1-6 slots, one role per slot, with the
condition's reason, priority and, where the protocol gives one, its own ladder and dose ladder.

A ladder is a list of rungs, easiest first; a rung is one exercise id or a list of equivalent
ones (the first preferred: ``[leg_press, split_squat]`` is "leg press, or a split squat without a
machine"). The models hold every rung as a list. Cross-references to exercises, roles and the
exercise kinds are checked by ``rehabplan.library``.
"""

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, model_validator

from rehabplan.errors import LibraryError
from rehabplan.knowledge.catalog import Dose
from rehabplan.paths import data_dir
from rehabplan.strict import StrictModel, problems_from
from rehabplan.vocab import ROLES, Equipment, Role, Target, TemplateType, Weakness, When
from rehabplan.yamlio import read_library_document

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RuleId = Annotated[str, Field(pattern=r"^R-[A-Z]+-\d\d$")]
Line = Annotated[str, Field(min_length=3, max_length=200)]
Count = Annotated[int, Field(ge=1, le=7)]


def _as_rung(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Rung = Annotated[list[Id], BeforeValidator(_as_rung), Field(min_length=1, max_length=4)]
Ladder = Annotated[list[Rung], Field(max_length=12)]


def ladder_ids(ladder: list[list[str]]) -> list[str]:
    """Every exercise of a ladder, rung by rung."""
    return [ex for rung in ladder for ex in rung]


def rung_of(ladder: list[list[str]], exercise_id: str) -> int | None:
    """The 0-based rung that holds ``exercise_id`` (None: not on the ladder)."""
    return next((i for i, rung in enumerate(ladder) if exercise_id in rung), None)


class RoleInfo(StrictModel):
    label: Annotated[str, Field(min_length=3, max_length=60)]
    targets: list[Target]  # the muscle groups it loads (spacing, R-ST-01); none for balance
    weakness: list[Weakness] = []  # the profile's weak areas this role answers
    ladder: Annotated[Ladder, Field(min_length=1)]
    why: Annotated[str, Field(min_length=10, max_length=140)]  # generic: names no condition
    source: Id


class SlotDose(Dose):
    """One step of a slot's dose ladder; ``weeks``: weeks at this step before the next one
    (None: the engine's usual number)."""

    weeks: Annotated[int, Field(ge=1, le=12)] | None = None


class PerWeek(StrictModel):
    min: Count
    preferred: Count
    max: Count | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "PerWeek":
        if self.preferred < self.min or (self.max is not None and self.max < self.preferred):
            raise ValueError("give min <= preferred <= max")
        return self


class Slot(StrictModel):
    """One exercise place in a session: its role, and why this condition needs it."""

    role: Role
    priority: Annotated[int, Field(ge=1, le=5)]  # 1 kept first; on a short day the largest drop first
    why: Line  # for THIS condition: printed as the exercise's reason
    source: Id | None = None  # else the template's
    phases: list[Id] = []  # only in these of the template's phases (empty: all of them)
    when: When | None = None  # only for this person (see SessionTemplate.when)
    picks: Annotated[int, Field(ge=1, le=3)] = 1  # different exercises from the ladder in the slot
    ladder: Ladder = []  # this condition's own ladder (empty: the role's)
    start: Id | None = None  # the first rung when the template begins (else the first allowed)
    phase_start: dict[Id, Id] = {}  # from the start of that phase, at least this rung
    dose: Annotated[list[SlotDose], Field(max_length=6)] = []  # empty: each exercise's own dosage
    dose_table: Literal["nordic"] | None = None  # sets, reps and sessions a week from general_rules.yaml

    @model_validator(mode="after")
    def _coherent(self) -> "Slot":
        if self.dose and self.dose_table:
            raise ValueError("give dose or dose_table, not both")
        if self.ladder:
            ids = ladder_ids(self.ladder)
            if len(set(ids)) != len(ids):
                raise ValueError("an exercise appears twice in the ladder")
            for where, ex in [("start", self.start), *(("phase_start", e) for e in self.phase_start.values())]:
                if ex is not None and ex not in ids:
                    raise ValueError(f"{where} {ex!r} is not on the slot's ladder")
        return self


class SessionTemplate(StrictModel):
    """A session a clinician would write for some phases of a condition (docs/library.md)."""

    id: Id
    name: Annotated[str, Field(min_length=3, max_length=60)]
    type: TemplateType
    phases: Annotated[list[Id], Field(min_length=1)]
    when: When | None = None  # jumping_sport: only when the profile says so; age_65_plus: age >= 65
    equipment: list[Equipment] = []  # prescribed only when the person owns all of these
    per_week: PerWeek
    per_week_in: dict[Id, PerWeek] = {}  # another number a week in these phases (ITB: twice once running)
    min_hours_apart: Annotated[int, Field(ge=24, le=168)] | None = None  # between two of these sessions
    every_free_day: bool = False  # on every available day without an `apart_from` session
    apart_from: list[Id] = []  # templates never on the same day
    rule: RuleId
    source: Id
    why: Line
    slots: Annotated[list[Slot], Field(min_length=1, max_length=6)]

    @model_validator(mode="after")
    def _coherent(self) -> "SessionTemplate":
        roles = [s.role for s in self.slots]
        if len(set(roles)) != len(roles):
            raise ValueError("each role fills one slot of a template; use picks for more exercises")
        for slot in self.slots:
            stray = (set(slot.phases) | set(slot.phase_start)) - set(self.phases)
            if stray:
                raise ValueError(f"slot {slot.role} names phases the template is not in: {sorted(stray)}")
        if self.id in self.apart_from:
            raise ValueError("a template cannot be apart from itself")
        stray = set(self.per_week_in) - set(self.phases)
        if stray:
            raise ValueError(f"per_week_in names phases the template is not in: {sorted(stray)}")
        return self

    def counts(self, phase_id: str) -> PerWeek:
        """Sessions a week in ``phase_id``."""
        return self.per_week_in.get(phase_id, self.per_week)


def role_exercises(role: str) -> frozenset[str]:
    """Every exercise on ``role``'s ladder (``hamstring_eccentric``: the Nordic curls, R-NH-01)."""
    return frozenset(ladder_ids(load_roles()[role].ladder))


@cache
def load_roles() -> dict[str, RoleInfo]:
    """Every role of the vocabulary, in vocabulary order; a missing or unknown one is refused."""
    raw = read_library_document(data_dir() / "roles.yaml")
    if not isinstance(raw, dict):
        raise LibraryError(["roles.yaml: must be a mapping of role to its fields"])
    problems = [f"roles.yaml: no entry for the role {r}" for r in ROLES if r not in raw]
    problems += [f"roles.yaml: {k!r} is not a role; the roles: {', '.join(ROLES)}" for k in raw if k not in ROLES]
    roles: dict[str, RoleInfo] = {}
    for name in ROLES:
        if name not in raw:
            continue
        try:
            roles[name] = RoleInfo.model_validate(raw[name])
        except ValidationError as err:
            problems.extend(p.render(f"roles.yaml: {name}") for p in problems_from(err, RoleInfo))
    if problems:
        raise LibraryError(problems)
    return roles
