"""The exercise library: one YAML file per exercise in exercises/, id = file name.

Every record is validated when the library loads; the cross-references (progressions,
regressions, sources, contraindicated phases) are checked by ``rehabplan.knowledge.lint``.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, model_validator

from rehabplan.errors import LibraryError, NotFound
from rehabplan.knowledge.poses import Figure
from rehabplan.paths import exercises_dir
from rehabplan.strict import StrictModel, problems_from
from rehabplan.vocab import (
    HOUSEHOLD,
    Condition,
    Contraction,
    CrossTraining,
    Equipment,
    Gear,
    IntensityLevel,
    Kind,
    Target,
)
from rehabplan.yamlio import read_library_document

Text = Annotated[str, Field(min_length=3, max_length=400)]
Line = Annotated[str, Field(min_length=3, max_length=160)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RuleId = Annotated[str, Field(pattern=r"^R-[A-Z]+-\d\d$")]
Why = Annotated[str, Field(min_length=10, max_length=140)]


class OlderAdults(StrictModel):
    """How a dose changes for a person aged ``from_age`` or over (applied only for them).

    Why data: the age advice reaches only the people it is for; the dose's own
    ``load_guidance`` says nothing about age (R-MOB-02 for stretch holds).
    """

    from_age: Annotated[int, Field(ge=50, le=100)] = 65
    sets: Annotated[int, Field(ge=1, le=10)] | None = None
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    hold_s: Annotated[int, Field(ge=5, le=600)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=300)] | None = None
    note: Line
    rule: RuleId
    source: Id

    @model_validator(mode="after")
    def _changes_something(self) -> "OlderAdults":
        if all(v is None for v in (self.sets, self.reps, self.hold_s, self.rest_s)):
            raise ValueError("give at least one of sets, reps, hold_s or rest_s")
        return self


class Dose(StrictModel):
    """One rung of the dosage ladder: what to do in a session at this step."""

    sets: Annotated[int, Field(ge=1, le=10)] | None = None
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    hold_s: Annotated[int, Field(ge=5, le=600)] | None = None
    minutes: Annotated[int, Field(ge=1, le=120)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=300)] = 0
    tempo: Annotated[str, Field(pattern=r"^\d+-\d+-\d+$")] | None = None
    effort_rpe: Annotated[int, Field(ge=1, le=10)] | None = None
    load_guidance: Line
    older_adults: OlderAdults | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> "Dose":
        measures = [m for m in (self.reps, self.hold_s, self.minutes) if m is not None]
        if len(measures) != 1:
            raise ValueError("give exactly one of reps, hold_s or minutes")
        if (self.reps is not None or self.hold_s is not None) and self.sets is None:
            raise ValueError("reps and hold_s need sets")
        older = self.older_adults
        if older and ((older.hold_s and self.hold_s is None) or (older.reps and self.reps is None)):
            raise ValueError("older_adults changes hold_s or reps only where the dose itself has them")
        return self


class Contraindication(StrictModel):
    """Not for this condition in these phases (all phases when the list is empty)."""

    condition: Condition
    phases: list[Id] = []
    reason: Line
    source: Id


class Exercise(StrictModel):
    id: Id
    name: Annotated[str, Field(min_length=3, max_length=60)]
    kind: Kind
    targets: list[Target]
    contraction: Contraction
    intensity_level: IntensityLevel
    equipment: list[Gear] = []
    equipment_any_of: list[Equipment] = []
    modality: CrossTraining | None = None
    knee_flexion_max_deg: Annotated[int, Field(ge=0, le=160)] | None = None
    unilateral: bool
    minutes: Annotated[int, Field(ge=1, le=90)]
    dosage: Annotated[list[Dose], Field(min_length=1, max_length=5)]
    progression: Id | None = None
    regression: Id | None = None
    harder: Line | None = None
    easier: Line | None = None
    progression_rule: Text
    conditions: list[Condition]
    contraindications: list[Contraindication] = []
    instructions: Annotated[list[Text], Field(min_length=3, max_length=6)]
    cues: Annotated[list[Line], Field(min_length=2, max_length=4)]
    mistakes: Annotated[list[Line], Field(min_length=1, max_length=4)]
    why: Why  # generic: names no condition (the library check looks)
    why_for: dict[Condition, Why] = {}  # the reason for one condition, where it differs
    sources: Annotated[list[Id], Field(min_length=1)]
    figure: Figure | None = None
    # Chosen only through a session-template slot whose ladder names it (roles.yaml, a
    # condition's `sessions:`), never by matching targets alone.
    slot_only: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> "Exercise":
        if self.kind in ("strength", "plyometric", "balance", "mobility") and not self.targets:
            raise ValueError(f"a {self.kind} exercise needs at least one target")
        if (self.kind == "cross_training") != (self.modality is not None):
            raise ValueError("modality is given for cross_training exercises and only for them")
        if self.progression is None and self.harder is None:
            raise ValueError("give progression (an exercise id) or harder (a line of text)")
        if self.regression is None and self.easier is None:
            raise ValueError("give regression (an exercise id) or easier (a line of text)")
        if self.id in (self.progression, self.regression):
            raise ValueError("an exercise cannot progress or regress to itself")
        return self

    @property
    def needs(self) -> frozenset[str]:
        """Equipment the person must own (household items excluded)."""
        return frozenset(e for e in self.equipment if e not in HOUSEHOLD)

    def doable_with(self, owned: Iterable[str]) -> bool:
        """True when the listed equipment (plus floor, wall, chair, stairs) is enough."""
        have = set(owned) | set(HOUSEHOLD)
        if not self.needs <= have:
            return False
        return not self.equipment_any_of or bool(set(self.equipment_any_of) & have)

    @property
    def needs_no_equipment(self) -> bool:
        return self.doable_with(())

    def why_for_conditions(self, conditions: Iterable[str]) -> str:
        """The reason to print for a person with ``conditions``: the first condition-specific
        one, else the generic ``why``."""
        return next((self.why_for[c] for c in conditions if c in self.why_for), self.why)

    def contraindicated(self, condition: str, phase: str) -> bool:
        return any(c.condition == condition and (not c.phases or phase in c.phases) for c in self.contraindications)


def equipment_text(ex: Exercise) -> str:
    """What the person needs, in words (``resistance band, dumbbells or kettlebell``), for the
    terminal and the handout alike."""
    parts = [e.replace("_", " ") for e in sorted(ex.needs)]
    if ex.equipment_any_of:
        parts.append(" or ".join(e.replace("_", " ") for e in ex.equipment_any_of))
    return ", ".join(parts) or "none"


@dataclass(frozen=True)
class Catalog:
    """The validated exercise library, in id order."""

    exercises: dict[str, Exercise]

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: str) -> bool:
        return exercise_id in self.exercises

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise NotFound(f"no exercise {exercise_id!r}; `rehabplan exercises list` shows the ids") from None

    def routine(self, kind: str) -> Exercise:
        """The library's routine of ``kind``: ``warmup`` (before strength and jump sessions) or
        ``cooldown``; the first in id order if there are several."""
        found = next((ex for ex in self if ex.kind == kind), None)
        if found is None:
            raise LibraryError([f"exercises/: no exercise of kind {kind}; the plan needs one"])
        return found

    def select(
        self,
        target: str | None = None,
        condition: str | None = None,
        equipment: Iterable[str] | None = None,
        kind: str | None = None,
    ) -> list[Exercise]:
        """Exercises matching every filter given; ``equipment`` means "doable with only these"."""
        owned = None if equipment is None else list(equipment)
        return [
            ex
            for ex in self
            if (target is None or target in ex.targets)
            and (condition is None or condition in ex.conditions)
            and (owned is None or ex.doable_with(owned))
            and (kind is None or ex.kind == kind)
        ]


def load_catalog_from(folder: Path) -> Catalog:
    """Load and validate every exercises/*.yaml; raise ``LibraryError`` listing all problems."""
    exercises: dict[str, Exercise] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        raw = read_library_document(path)
        if not isinstance(raw, dict):
            problems.append(f"{path.name}: must be a mapping of fields")
            continue
        if "id" in raw:
            problems.append(f"{path.name}: id: leave it out; the file name is the id")
            continue
        try:
            exercises[path.stem] = Exercise.model_validate({"id": path.stem, **raw})
        except ValidationError as err:
            problems.extend(p.render(path.name) for p in problems_from(err, Exercise))
    if problems:
        raise LibraryError(problems)
    return Catalog(exercises)


@cache
def load_catalog() -> Catalog:
    """The bundled library (cached: it does not change while the program runs)."""
    return load_catalog_from(exercises_dir())
