"""Stored patients, their check-ins and issued plans: what `rehabplan patient ...`,
`rehabplan checkin` and `rehabplan plan --patient` do with the store.

The store keeps JSON text; this module validates what goes in (a profile, a check-in for a
week that exists and has begun) so that a bad request changes nothing. Planning itself is not
here: the caller builds the plan from ``plan_inputs`` and hands its JSON to ``issue_plan``.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rehabplan.adapt.decide import red_flags_of, swelling_may_hold
from rehabplan.adapt.fit import checkin_problems
from rehabplan.adapt.referral import red_flag_alert
from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.intake.checkin import CheckIn, Refused, refusal
from rehabplan.intake.profile import Profile, load_profile
from rehabplan.patients.rows import CheckinRow, PatientRow, PlanRow
from rehabplan.plan_model import Plan

if TYPE_CHECKING:  # the store itself is imported where it is opened (it loads sqlite3)
    from rehabplan.patients.store import Store

PlanMaker = Callable[[Profile, list[CheckIn]], Plan]  # a profile and check-ins -> their plan


@dataclass(frozen=True)
class PatientDetail:
    """One patient: their latest profile, the profile versions, check-ins and plans issued."""

    row: PatientRow
    profile: Profile
    profile_versions: int
    checkins: list[CheckinRow]  # current ones, by week
    plans: list[PlanRow]


def open_store(db: Path | None, read_only: bool = False) -> "Store":
    """The store at ``db`` (default: $REHABPLAN_HOME or the user data folder); ``read_only`` for
    commands that only read, so they also work on a database the user cannot write to."""
    # lazy: sqlite3 costs about 7 ms at start-up, on every command that never opens the store
    from rehabplan.patients.store import Store, default_db_path

    return Store.open(db or default_db_path(), read_only=read_only)


@dataclass(frozen=True)
class PlanInputs:
    """What a stored patient's next plan is built from."""

    profile: Profile
    profile_version: int
    checkins: list[CheckIn]  # current ones, by week, for weeks inside the profile's plan
    checkin_ids: list[int]
    outside: list[int]  # weeks of check-ins past the profile's plan (after an update shortened it)


@dataclass(frozen=True)
class Recorded:
    """A check-in as stored, and the safety alert it raises at once ([] for none)."""

    row: CheckinRow
    alert: list[str]


@dataclass(frozen=True)
class Issued:
    """A plan as stored: its version, and whether this request stored it."""

    version: int
    plan_json: str
    new: bool


def stored_profile(profile_path: Path) -> Profile:
    """The profile as a patient's record keeps it: the logo path made absolute, so a stored
    plan still finds it when printed from another folder. Loading the profile has checked the
    logo (inside the profile's folder, no link, a real image); the store is the only place an
    absolute logo path comes from, and printing checks it again (rehabplan/intake/logo.py)."""
    profile = load_profile(profile_path)
    if profile.clinician and (logo := profile.clinician.logo):
        clinician = profile.clinician.model_copy(update={"logo": str((profile_path.parent / logo).resolve())})
        profile = profile.model_copy(update={"clinician": clinician})
    return profile


def add_patient(db: Path | None, profile_path: Path, force: bool = False) -> PatientRow:
    """Store a patient from a profile file; return their row. A profile already stored (adding
    the same file twice) is refused unless ``force``."""
    profile = stored_profile(profile_path)
    with open_store(db) as store:
        try:
            patient_id = store.add_patient(
                profile.name, profile.model_dump_json(), Path(profile_path).name, unique=not force
            )
        except InvalidInput as err:
            raise InvalidInput(f"{profile_path}: {err.message}") from None
        return store.patient(patient_id)


def update_patient(db: Path | None, patient_id: int, profile_path: Path) -> int:
    """A new profile version for the patient; the earlier ones stay."""
    profile = stored_profile(profile_path)
    with open_store(db) as store:
        store.patient(patient_id)
        return store.add_profile_version(patient_id, profile.model_dump_json())


def list_patients(db: Path | None) -> list[PatientRow]:
    with open_store(db, read_only=True) as store:
        return store.patients()


def show_patient(db: Path | None, patient_id: int) -> PatientDetail:
    with open_store(db, read_only=True) as store:
        row = store.patient(patient_id)
        latest = store.profile(patient_id)
        return PatientDetail(
            row=row,
            profile=Profile.model_validate_json(latest.profile_json),
            profile_versions=latest.version,
            checkins=store.checkins(patient_id),
            plans=store.plans(patient_id),
        )


def record_checkin(
    db: Path | None,
    patient_id: int,
    checkin: CheckIn,
    first_plan: PlanMaker,
    replace: bool = False,
    today: date | None = None,
    source: str | None = None,
) -> Recorded:
    """Store a check-in after checking it against the patient's plan (adapt.fit.checkin_problems):
    its week is in the plan and has begun, and it counts no more sessions or runs than that week
    planned. The plan is the latest one issued for the current profile, or, when there is none,
    the one `plan --patient` would issue: ``first_plan(profile, earlier_checkins)`` makes it
    (the caller's planner: only this path solves, and the store never imports the planner).
    ``source`` names the file the check-in came from, for the messages (None: the options).

    The alert, stored or refused, names the red flags as the plan's decision will (swelling
    with knee osteoarthritis only the second check-in running: adapt.decide.red_flags_of)."""
    with open_store(db) as store:
        latest = store.profile(patient_id)
        issued = store.plan(patient_id) if store.patient(patient_id).plans else None
        if issued is not None and issued.profile_version != latest.version:
            issued = None
        rows = sorted((r for r in store.checkins(patient_id) if r.week < checkin.week), key=lambda r: r.week)
        earlier = [CheckIn.model_validate_json(r.checkin_json) for r in rows]
    profile = Profile.model_validate_json(latest.profile_json)
    flags = red_flags_of(checkin, earlier, swelling_may_hold(profile.conditions))
    alert = red_flag_alert(flags, checkin.week)
    problems = checkin_problems(checkin, profile, today=today or date.today(), patient_id=patient_id)
    if not problems:
        plan = Plan.model_validate_json(issued.plan_json) if issued else first_plan(profile, earlier)
        problems = checkin_problems(checkin, profile, plan)
    if problems:
        raise refusal(problems, source, alert)
    with open_store(db) as store:
        row = store.add_checkin(patient_id, checkin.week, checkin.model_dump_json(), replace=replace)
    return Recorded(row, alert)


def stored_refusal(patient_id: int, problems: dict[int, list[FieldProblem]], alert: Sequence[str] = ()) -> Refused:
    """Stored check-ins that do not fit the plan (recorded by an earlier rehabplan, or before the
    profile changed): the fix is to record each again."""
    first, weeks = min(problems), ", ".join(str(w) for w in sorted(problems))
    what = f"check-in stored for week {weeks} does" if len(problems) == 1 else f"check-ins stored for weeks {weeks} do"
    return Refused(
        f"patient {patient_id}: the {what} not fit the plan; record {'it' if len(problems) == 1 else 'each'} "
        f"again with `rehabplan checkin {patient_id} --week {first} ... --replace`",
        tuple(FieldProblem(f"week {w}: {p.path}", p.value, p.message) for w in sorted(problems) for p in problems[w]),
        alert=alert,
    )


def plan_inputs(db: Path | None, patient_id: int) -> PlanInputs:
    """The latest profile and the current check-ins of a stored patient."""
    with open_store(db) as store:
        latest = store.profile(patient_id)
        rows = store.checkins(patient_id)
    profile = Profile.model_validate_json(latest.profile_json)
    inside = [r for r in rows if r.week <= profile.plan.weeks]
    return PlanInputs(
        profile=profile,
        profile_version=latest.version,
        checkins=[CheckIn.model_validate_json(r.checkin_json) for r in inside],
        checkin_ids=[r.id for r in inside],
        outside=[r.week for r in rows if r.week > profile.plan.weeks],
    )


def issue_plan(db: Path | None, patient_id: int, inputs: PlanInputs, plan_json: str) -> Issued:
    """Store a newly built plan as the patient's next version, unless it is byte-identical to
    the latest one issued (nothing new was reported): then that version is the answer."""
    with open_store(db) as store:
        version, new = store.issue_plan(patient_id, inputs.profile_version, plan_json, inputs.checkin_ids)
    return Issued(version, plan_json, new)


def current_plan(db: Path | None, patient_id: int, input_hash: str, library_hash: str) -> Issued | None:
    """The latest issued plan if it was built from exactly these inputs (same profile, check-ins,
    rehabplan version and library), so it need not be solved again; else None."""
    with open_store(db) as store:
        plans = store.plans(patient_id)
    if not plans:
        return None
    solver = json.loads(plans[-1].plan_json).get("solver") or {}
    if solver.get("input_hash") == input_hash and solver.get("library_hash") == library_hash:
        return Issued(plans[-1].version, plans[-1].plan_json, new=False)
    return None


def issued_plan(db: Path | None, patient_id: int, version: int) -> Issued:
    """An earlier plan exactly as it was stored."""
    with open_store(db, read_only=True) as store:
        return Issued(version, store.plan(patient_id, version).plan_json, new=False)
