"""The functions the CLI (and any other caller) uses. They return data; callers present it.

Heavy libraries (OR-Tools through the planning pipeline, Jinja2 and WeasyPrint through the
renderer, icalendar) are imported only inside the functions that need them, each marked
``# lazy:``, so `validate`, `exercises`, `conditions`, `checkin` and `history` start quickly.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rehabplan.adapt.fit import checkin_problems
from rehabplan.adapt.referral import alert_lines, red_flag_alert
from rehabplan.errors import InvalidInput, NotFound, UsageError
from rehabplan.intake.checkin import CheckIn, Refused, checkin_from_options, load_checkins, refusal, reported_flags
from rehabplan.intake.profile import Profile, load_profile, start_problem
from rehabplan.knowledge.catalog import Exercise, load_catalog
from rehabplan.knowledge.lint import source_keys
from rehabplan.knowledge.protocols import (
    Ladder,
    PainRule,
    Protocol,
    RedFlagInfo,
    get_protocol,
    load_ladder,
    load_pain_rule,
    load_protocols,
    load_red_flags,
)
from rehabplan.knowledge.references import Reference, load_references
from rehabplan.paths import examples_dir
from rehabplan.patients import records
from rehabplan.patients.records import (  # noqa: F401 (the CLI's)
    Recorded,
    add_patient,
    current_plan,
    issue_plan,
    issued_plan,
    list_patients,
    plan_inputs,
    show_patient,
    stored_refusal,
    update_patient,
)
from rehabplan.plan_model import Plan
from rehabplan.planning.intake_words import prevention_note
from rehabplan.planning.provenance import input_hash, library_hash
from rehabplan.yamlio import read_document

Progress = Callable[[str], None]  # told what a slow step is doing, for a stage line


@dataclass(frozen=True)
class ProfileReport:
    """A valid profile and what the person should know before a plan is built from it."""

    profile: Profile
    notes: list[str]


@dataclass(frozen=True)
class Example:
    name: str
    description: str
    conditions: list[str]
    path: Path


@dataclass(frozen=True)
class ConditionDetail:
    """Everything `conditions show` prints: the protocol with the shared rules it relies on."""

    protocol: Protocol
    ladder: Ladder
    pain_rule: PainRule
    red_flags: dict[str, RedFlagInfo]
    references: dict[str, Reference]


def check_profile(path: Path, today: date | None = None) -> ProfileReport:
    """Validate a profile file; raise ``InvalidInput`` listing every problem."""
    profile = load_profile(path)
    return ProfileReport(profile, profile_notes(profile, today or date.today()))


def profile_notes(profile: Profile, today: date) -> list[str]:
    """Safety and planning notes for a valid profile (red flags first)."""
    notes = []
    flags = load_red_flags()
    for flag in profile.red_flags:
        info = flags[flag]
        notes.append(f"Red flag at intake: {info.title}. {info.action} ({info.urgency})")
    if not profile.walk_30min_pain_free:
        notes.append(
            "No running yet: running starts once a 30-minute brisk walk is pain-free and "
            "without a limp; until then the plan uses walking, cross-training and strength work."
        )
    notes.extend(prevention_note(profile))
    if profile.plan.start < today - timedelta(days=today.weekday()):  # this week's Monday is init's default
        notes.append(f"The plan start {profile.plan.start.isoformat()} is in the past.")
    return notes


def plan_profile(path: Path, weeks: int | None = None, start: str | None = None) -> Profile:
    """Load a profile for planning, with the command line's --weeks and --start applied."""
    profile = load_profile(path)
    settings = profile.plan
    if weeks is not None:
        if not 1 <= weeks <= 52:
            raise InvalidInput(f"--weeks: {weeks} is out of range; give 1-52 weeks")
        settings = settings.model_copy(update={"weeks": weeks})
    if start is not None:
        settings = settings.model_copy(update={"start": _monday(start)})
    return profile.model_copy(update={"plan": settings})


def _monday(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--start: {text!r} is not a date; give YYYY-MM-DD, for example 2026-11-23") from None
    problem = start_problem(day)
    if problem:
        raise InvalidInput(f"--start: {text} {problem}")
    return day


def build_plan(profile: Profile, checkins: list[CheckIn] | None = None) -> Plan:
    """The plan for a valid profile, with any check-ins applied (imports the solver only now:
    it is the slow part). A check-in that counts more sessions or runs than its week as
    planned is refused (``OffPlan``): the plan is not for it."""
    # lazy: the pipeline loads the solver, and OR-Tools costs about 0.25 s at start-up
    from rehabplan.planning.pipeline import make_plan as plan

    result = plan(profile, checkins)
    problems = {c.week: found for c in checkins or [] if (found := checkin_problems(c, profile, result))}
    if problems:
        raise OffPlan(problems, alert_lines(result.referral) if result.referral else [])
    return result


class OffPlan(Refused):
    """Check-ins that do not fit the plan built from them, by week (see ``build_plan``), named
    ``--checkins`` for `plan PROFILE --checkins FILE`; a referral the plan came to still follows."""

    def __init__(self, problems: dict[int, list], alert: list[str]):
        found = refusal([p for week in sorted(problems) for p in problems[week]], "--checkins", alert)
        super().__init__(found.message, found.problems, found.source, alert)
        self.by_week = problems


@dataclass(frozen=True)
class PatientPlan:
    """A stored patient's plan: the plan, its stored version, and whether it was new."""

    plan: "Plan"
    version: int
    new: bool
    data: bytes
    outside: list[int]  # check-in weeks past the profile's plan, not applied


def patient_plan(
    db: Path | None,
    patient_id: int,
    fmt: str,
    paper: str,
    version: int | None = None,
    progress: "Progress | None" = None,
) -> PatientPlan:
    """Build, store and render a stored patient's plan from their latest profile and current
    check-ins; with ``version``, render an issued plan again instead (JSON byte for byte).
    ``progress`` hears what the slow steps are doing ("planning 12 weeks...")."""
    if version is not None:
        stored = issued_plan(db, patient_id, version)
        plan = Plan.model_validate_json(stored.plan_json)
        return PatientPlan(plan, version, False, _stored_bytes(stored.plan_json, plan, fmt, paper, progress), [])
    inputs = plan_inputs(db, patient_id)
    prepare_render(fmt, paper)
    issued = current_plan(db, patient_id, input_hash(inputs.profile, inputs.checkins), library_hash())
    if issued is not None:  # nothing new reported: the latest plan, without solving again
        plan = Plan.model_validate_json(issued.plan_json)
    else:
        if progress:
            progress(f"planning {inputs.profile.plan.weeks} week{'s' if inputs.profile.plan.weeks > 1 else ''}...")
        try:
            plan = build_plan(inputs.profile, inputs.checkins)
        except OffPlan as off:
            raise stored_refusal(patient_id, off.by_week, off.alert) from None
        plan_json = plan.to_json()
        data = _stored_bytes(plan_json, plan, fmt, paper, progress)  # before storing: a refused logo stores nothing
        issued = issue_plan(db, patient_id, inputs, plan_json)
        return PatientPlan(plan, issued.version, issued.new, data, inputs.outside)
    return PatientPlan(
        plan, issued.version, issued.new, _stored_bytes(issued.plan_json, plan, fmt, paper, progress), inputs.outside
    )


def record_checkin(
    db: Path | None,
    patient_id: int,
    checkin: "CheckIn",
    replace: bool = False,
    today: date | None = None,
    source: str | None = None,
) -> Recorded:
    """Store a stored patient's check-in once it fits their plan (patients.records.record_checkin);
    with no plan issued yet, the plan `plan --patient` would issue is made to check it against.
    Returns the stored row with the red-flag alert to show at once (``Recorded``)."""
    return records.record_checkin(db, patient_id, checkin, _first_plan, replace=replace, today=today, source=source)


def _first_plan(profile: Profile, checkins: list[CheckIn]) -> Plan:
    # lazy: the pipeline loads the solver, and OR-Tools costs about 0.25 s at start-up
    from rehabplan.planning.pipeline import make_plan as plan

    return plan(profile, checkins)


def _stored_bytes(plan_json: str, plan: "Plan", fmt: str, paper: str, progress: "Progress | None") -> bytes:
    """A stored plan's JSON byte for byte, or the plan rendered (its logo path is absolute)."""
    return plan_json.encode("utf-8") if fmt == "json" else render_plan(plan, fmt, paper, progress=progress)


def plan_checkins(path: Path, profile: Profile) -> list[CheckIn]:
    """Check-ins from a file, each for a week of this plan (checked before planning; the counts
    are checked against the plan by ``build_plan``)."""
    found = load_checkins(path)
    problems = [p for c in found for p in checkin_problems(c, profile)]
    if problems:
        raise refusal(problems, str(path))
    return found


def prepare_render(fmt: str, paper: str) -> None:
    """Start loading the PDF renderer in the background, so it overlaps planning."""
    if fmt == "pdf":
        # lazy: the PDF renderer loads WeasyPrint (about 0.5 s)
        from rehabplan.render.pdf import warm_up

        warm_up(paper)


def render_plan(
    plan: "Plan",
    fmt: str,
    paper: str,
    base_dir: Path | None = None,
    time_of_day: str | None = None,
    progress: "Progress | None" = None,
) -> bytes:
    """The plan as ``fmt`` ("json", "html", "pdf" or "ics") bytes; WeasyPrint is imported only
    for PDF, icalendar only for ICS.

    ``base_dir`` is the profile's folder, where the clinician's logo file is read; None for a
    stored patient's plan, whose logo path the store keeps absolute (rehabplan/intake/logo.py).
    ``time_of_day`` (``HH:MM``) starts the calendar's sessions; default: the profile's
    ``plan.session_time``, else 18:00. ``progress`` hears the PDF's slow steps.
    """
    if fmt == "json":
        return plan.to_json().encode("utf-8")
    if fmt == "ics":
        # lazy: icalendar, only for a calendar
        from rehabplan.render.ics import plan_calendar

        return plan_calendar(plan, time_of_day)
    # lazy: the handout loads Jinja2, and WeasyPrint for PDF
    from rehabplan.render.handout import handout_html, handout_pdf

    if fmt == "html":
        return handout_html(plan, paper, base_dir).encode("utf-8")
    return handout_pdf(plan, paper, base_dir, progress)


def exercise_sheet(fmt: str, paper: str) -> bytes:
    """Every exercise picture in the library on one contact sheet, for review."""
    # lazy: the contact sheet loads Jinja2, and WeasyPrint for PDF
    from rehabplan.render.handout import sheet_html, sheet_pdf

    if fmt == "html":
        return sheet_html(load_catalog(), paper).encode("utf-8")
    return sheet_pdf(load_catalog(), paper)


def read_checkin(path: Path | None, options: dict) -> "CheckIn":
    """The check-in from ``--file`` or from the field options (one or the other)."""
    given = {k: v for k, v in options.items() if v is not None and v != ()}
    if path is not None and given:
        raise UsageError("give the check-in as --file or as options (--week ...), not both")
    if path is None and not given:
        raise UsageError("give the check-in: --file FILE, or --week N --sessions-done N --pain-next-morning N ...")
    try:
        if path is None:
            return checkin_from_options(options)
        found = load_checkins(path)
        if len(found) != 1:
            raise InvalidInput(f"{path}: holds {len(found)} check-ins; `rehabplan checkin` records one")
        return found[0]
    except InvalidInput as err:  # a refused check-in still raises its red flags at once
        flags = reported_flags(given if path is None else _raw_document(path))
        if not flags or isinstance(err, Refused):
            raise
        raise Refused(err.message, err.problems, err.source, red_flag_alert(flags, checkin=True)) from None


def _raw_document(path: Path) -> Any:
    """A file's data before any check (None when it cannot even be read)."""
    try:
        return read_document(path)
    except InvalidInput:
        return None


def profile_schema() -> dict[str, Any]:
    """The profile's JSON Schema, for editor completion."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "rehabplan patient profile"
    return schema


def list_examples() -> list[Example]:
    examples = []
    for path in sorted(examples_dir().glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        profile = load_profile(path)
        examples.append(Example(path.stem, first.lstrip("# ").strip(), list(profile.conditions), path))
    return examples


def example_path(name: str) -> Path:
    path = examples_dir() / f"{name}.yaml"
    if not path.is_file():
        names = ", ".join(e.name for e in list_examples())
        raise NotFound(f"no example {name!r}; use one of: {names}")
    return path


def list_exercises(
    target: str | None = None,
    condition: str | None = None,
    equipment: Iterable[str] | None = None,
    kind: str | None = None,
) -> list[Exercise]:
    """Exercises matching the filters; ``equipment`` means "doable with only these items"."""
    return load_catalog().select(target=target, condition=condition, equipment=equipment, kind=kind)


def get_exercise(exercise_id: str) -> Exercise:
    return load_catalog().get(exercise_id)


def list_conditions() -> list[Protocol]:
    return list(load_protocols().values())


def get_condition(name: str) -> ConditionDetail:
    return ConditionDetail(
        protocol=get_protocol(name),
        ladder=load_ladder(),
        pain_rule=load_pain_rule(),
        red_flags=load_red_flags(),
        references=load_references(),
    )


def sources_of(exercise_or_protocol: Any) -> dict[str, Reference]:
    """The references one record cites, in citation order."""
    refs = load_references()
    keys = dict.fromkeys([*exercise_or_protocol.sources, *source_keys(exercise_or_protocol.model_dump())])
    return {key: refs[key] for key in keys if key in refs}
