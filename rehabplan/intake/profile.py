"""The patient profile (docs/profile.md): the model, its defaults and its loader.

Why strict: a profile drives a clinical plan, so a misspelt key or "45" for 45 is reported,
never guessed at. Every problem is reported at once, each with its field path and fix.
"""

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.intake.logo import LogoRefused, read_logo
from rehabplan.strict import NEW_INPUT, StrictModel, at_least_one, bounded, free_text, is_new_input, problems_from
from rehabplan.vocab import (
    CONDITIONS,
    HOUSEHOLD,
    INJURY_CONDITIONS,
    WEEKDAYS,
    Condition,
    CrossTraining,
    Gear,
    RedFlag,
    Sex,
    Side,
    Tightness,
    Weakness,
)
from rehabplan.yamlio import read_document

PainScore = Annotated[int, *bounded(0, 10, "(0 no pain, 10 the worst imaginable)")]
DayMinutes = Annotated[int, *bounded(0, 240, "minutes (0 = not available)")]
Age = Annotated[int, *bounded(12, 100, "years")]
HeightCm = Annotated[float, *bounded(100, 230, "cm")]
WeightKg = Annotated[float, *bounded(25, 250, "kg")]
Conditions = Annotated[list[Condition], *at_least_one(CONDITIONS)]
WeeklyMinutes = Annotated[int, *bounded(0, 1500, "minutes a week")]
RunsPerWeek = Annotated[int, *bounded(0, 14, "runs a week")]
WeeklyKm = Annotated[float, *bounded(0, 300, "km a week")]
PlanWeeks = Annotated[int, *bounded(1, 52, "weeks")]
Name = Annotated[str, *free_text(80, min_length=1)]
LogoPath = Annotated[str, *free_text(260, min_length=1)]
Goal = Annotated[str, *free_text(200, lines=True)]
Notes = Annotated[str, *free_text(1000, lines=True)]
MAX_DAY_MINUTES = 240


def next_monday(today: date | None = None) -> date:
    """The first Monday after today (a plan never starts in the past or mid-week)."""
    today = today or date.today()
    return today + timedelta(days=7 - today.weekday())


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or a JSON "YYYY-MM-DD" string; anything else fails with the fix."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "rehabplan_date", "is not a date; write it as YYYY-MM-DD, for example 2026-11-23"
            ) from None
    if isinstance(value, date) and type(value) is not date:  # a datetime: time of day given
        raise PydanticCustomError("rehabplan_date", "has a time of day; give only the date, YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _unique(values: list, words: str) -> list:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(repeated)} more than once; give each {words} once")
    return values


class Pain(StrictModel):
    """Pain on the 0-10 numeric rating scale."""

    at_rest: PainScore
    during_run: PainScore
    next_morning: PainScore | None = None


class Availability(StrictModel):
    """Minutes available per weekday; absent or 0 means not available."""

    mon: DayMinutes = 0
    tue: DayMinutes = 0
    wed: DayMinutes = 0
    thu: DayMinutes = 0
    fri: DayMinutes = 0
    sat: DayMinutes = 0
    sun: DayMinutes = 0

    @model_validator(mode="after")
    def _some_day(self) -> "Availability":
        if not any(self.by_day().values()):
            raise ValueError("has no available day; give at least one day some minutes, for example `sat: 45`")
        return self

    def by_day(self) -> dict[str, int]:
        return {day: getattr(self, day) for day in WEEKDAYS}


class Running(StrictModel):
    """Running before the problem started; 0 minutes means a new runner."""

    baseline_weekly_minutes: WeeklyMinutes = 0
    baseline_runs_per_week: RunsPerWeek = 0
    baseline_weekly_km: WeeklyKm | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Running":
        if self.baseline_weekly_minutes > 0 and self.baseline_runs_per_week == 0:
            raise ValueError(
                "gives weekly minutes but 0 runs a week; set baseline_runs_per_week (1-14), "
                "or 0 minutes for a new runner"
            )
        if self.baseline_weekly_minutes == 0 and self.baseline_runs_per_week > 0:
            raise ValueError("gives runs a week but 0 weekly minutes; set baseline_weekly_minutes too")
        return self


TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$"
TIME_FIX = "is not a time of day; give HH:MM, for example 07:30"


class PlanSettings(StrictModel):
    start: IsoDate = Field(default_factory=next_monday)
    weeks: PlanWeeks = 8
    # local HH:MM when the calendar's sessions start (render/ics.py, docs/calendar.md)
    session_time: Annotated[str | None, Field(json_schema_extra={"pattern": TIME_PATTERN})] = None

    @field_validator("start")
    @classmethod
    def _monday(cls, value: date, info: ValidationInfo) -> date:
        problem = start_problem(value) if is_new_input(info) else not_a_monday(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("session_time", mode="before")
    @classmethod
    def _time_of_day(cls, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
            # YAML 1.1 reads an unquoted 18:00 as 18 * 60 + 0 = 1080 (base 60)
            text = f"{value // 60:02d}:{value % 60:02d}"
            raise PydanticCustomError(
                "rehabplan_time",
                'is not a time of day; give HH:MM in quotes, for example "{text}" '
                "(YAML reads an unquoted {text} as the number {value})",
                {"text": text, "value": value},
            )
        found = clock_time(value) if isinstance(value, str) else None
        if found is None:
            raise PydanticCustomError("rehabplan_time", TIME_FIX)
        return found

    @model_serializer(mode="wrap")
    def _without_unset_time(self, handler: Any) -> dict[str, Any]:
        """Why: with no session time, a profile dumps (and hashes) as it did before the field
        existed, so earlier plans and stored patients' plans stay byte for byte the same."""
        data = handler(self)
        if self.session_time is None:
            data.pop("session_time", None)
        return data


def clock_time(text: str) -> str | None:
    """A 24-hour time of day as ``HH:MM`` (``"7:30"`` gives ``"07:30"``); None if it is not one."""
    match = re.fullmatch(TIME_PATTERN, text)
    return f"{int(match[1]):02d}:{match[2]}" if match else None


FIRST_YEAR, LAST_YEAR = 2000, 2099


def start_problem(value: date) -> str | None:
    """What is wrong with a plan's start date: outside the years a plan may start in, or not a
    Monday. Why a range: a plan runs up to 52 weeks on from its start, and dates past year 9999
    do not exist; a year outside 2000-2099 is a typing slip, not a plan."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"is out of range; give a Monday in the years {FIRST_YEAR}-{LAST_YEAR}"
    return not_a_monday(value)


def not_a_monday(value: date) -> str | None:
    """The message for a start date that is not a Monday, with the Mondays either side."""
    if value.weekday() == 0:
        return None
    monday = value - timedelta(days=value.weekday())
    return (
        f"is a {value.strftime('%A')}; plans start on a Monday, "
        f"for example {monday.isoformat()} or {(monday + timedelta(days=7)).isoformat()}"
    )


class Clinician(StrictModel):
    """For physiotherapist handouts: printed on the cover."""

    name: Name | None = None
    clinic: Name | None = None
    contact: Name | None = None
    logo: LogoPath | None = None
    notes: Notes | None = None


class Profile(StrictModel):
    name: Name | None = None
    age: Age
    sex: Sex | None = None
    height_cm: HeightCm | None = None
    weight_kg: WeightKg | None = None
    conditions: Conditions
    side: Side = "both"
    pain: Pain
    walk_30min_pain_free: bool
    # plays a sport with jumping, landing or cutting (basketball, volleyball, football, netball ...)
    jumping_sport: bool = False  # extension
    weaknesses: list[Weakness] = []
    tightness: list[Tightness] = []
    availability: Availability
    equipment: list[Gear] = []
    cross_training: list[CrossTraining] = []
    running: Running = Running()
    goal: Goal | None = None
    red_flags: list[RedFlag] = []
    plan: PlanSettings = Field(default_factory=PlanSettings)
    clinician: Clinician | None = None

    @field_validator("conditions")
    @classmethod
    def _conditions(cls, value: list[str]) -> list[str]:
        _unique(value, "condition")
        if "prevention" in value and len(value) > 1:
            injuries = ", ".join(c for c in value if c in INJURY_CONDITIONS)
            raise ValueError(
                f"mixes prevention with {injuries}; prevention is for a runner with no current "
                "injury, so list either prevention alone or the injury conditions"
            )
        return value

    @field_validator("weaknesses", "tightness", "cross_training", "red_flags")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        return _unique(value, "word")

    @field_validator("equipment")
    @classmethod
    def _equipment(cls, value: list[str]) -> list[str]:
        """Floor, wall, chair and stairs are always assumed; accept them but do not keep them."""
        _unique(value, "item")
        return [item for item in value if item not in HOUSEHOLD]

    @model_serializer(mode="wrap")
    def _without_default_jumping(self, handler: Any) -> dict[str, Any]:
        """Why: a profile without a jumping sport dumps (and hashes) as it did before the field
        existed, so earlier plans and stored patients' plans stay byte for byte the same."""
        data = handler(self)
        if not self.jumping_sport:
            data.pop("jumping_sport", None)
        return data

    @property
    def is_prevention(self) -> bool:
        """A runner with no current injury: none of the profile's conditions is an injury.

        Why the vocabulary: which condition words name an injury is a closed list
        (``vocab.INJURY_CONDITIONS``), and the protocols agree with it: a condition that is no
        injury never holds running back (every phase of prevention.yaml runs continuously;
        tests/knowledge/test_protocols.py checks both ways)."""
        return not any(c in INJURY_CONDITIONS for c in self.conditions)


def parse_profile(data: Any, source: str, base_dir: Path | None = None, new_input: bool = True) -> Profile:
    """Validate profile data; raise ``InvalidInput`` listing every problem with its fix.

    ``new_input=False`` for a profile rehabplan stored earlier (in a plan, in the store): rules
    added since (``strict.is_new_input``) do not apply to it."""
    if not isinstance(data, dict):
        raise InvalidInput(
            f"{source}: the profile must be a mapping of fields (name: ..., age: ...), "
            f"not {_kind(data)}; `rehabplan examples` lists complete ones"
        )
    problems: list[FieldProblem] = []
    profile = None
    try:
        profile = Profile.model_validate(data, context=NEW_INPUT if new_input else None)
    except ValidationError as err:
        problems.extend(problems_from(err, Profile))
    problems.extend(_logo_problems(data, base_dir))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidInput(f"{source}: {count} in the profile", tuple(problems), source)
    assert profile is not None  # it validated, else there would be a problem
    return profile


def load_profile(path: Path) -> Profile:
    """Read and validate a profile file (YAML, or JSON when it ends in .json)."""
    return parse_profile(read_document(path), str(path), path.parent)


def _logo_problems(data: dict, base_dir: Path | None) -> list[FieldProblem]:
    """The logo is read and checked now (rehabplan/intake/logo.py), so `validate` reports it and a
    stored patient never keeps a link or a file that is not an image."""
    logo = (data.get("clinician") or {}).get("logo") if isinstance(data.get("clinician"), dict) else None
    if not isinstance(logo, str) or not logo or base_dir is None:
        return []
    try:
        read_logo(logo, base_dir)
    except LogoRefused as why:
        return [FieldProblem("clinician.logo", logo, str(why))]
    return []


def _kind(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "plain text"
    return f"a single value ({data!r})"
