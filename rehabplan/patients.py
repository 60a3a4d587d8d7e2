"""Stored patients and their check-ins: what `rehabplan patient ...` and `rehabplan checkin` do.

The store keeps JSON text; this module validates what goes in (a profile, a check-in for a
week that exists and has begun) so that a bad request changes nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rehabplan.checkin import CheckIn
from rehabplan.errors import InvalidInput
from rehabplan.profile import Profile, load_profile


@dataclass(frozen=True)
class PatientDetail:
    """One patient: their latest profile, the profile versions, check-ins and plans issued."""

    row: object
    profile: Profile
    profile_versions: int
    checkins: list
    plans: list


def open_store(db: Path | None):
    from rehabplan.store import Store, default_db_path

    return Store.open(db or default_db_path())


def add_patient(db: Path | None, profile_path: Path) -> int:
    profile = load_profile(profile_path)
    with open_store(db) as store:
        return store.add_patient(profile.name, profile.model_dump_json())


def update_patient(db: Path | None, patient_id: int, profile_path: Path) -> int:
    """A new profile version for the patient; the earlier ones stay."""
    profile = load_profile(profile_path)
    with open_store(db) as store:
        store.patient(patient_id)
        return store.add_profile_version(patient_id, profile.model_dump_json())


def list_patients(db: Path | None) -> list:
    with open_store(db) as store:
        return store.patients()


def show_patient(db: Path | None, patient_id: int) -> PatientDetail:
    with open_store(db) as store:
        row = store.patient(patient_id)
        latest = store.profile(patient_id)
        return PatientDetail(
            row=row,
            profile=Profile.model_validate_json(latest.profile_json),
            profile_versions=latest.version,
            checkins=store.checkins(patient_id),
            plans=store.plans(patient_id),
        )


def record_checkin(db: Path | None, patient_id: int, checkin: CheckIn, replace: bool = False,
                   today: date | None = None):
    """Store a check-in after checking its week is in the plan and has begun."""
    with open_store(db) as store:
        profile = Profile.model_validate_json(store.profile(patient_id).profile_json)
        check_week(checkin.week, profile, today or date.today())
        return store.add_checkin(patient_id, checkin.week, checkin.model_dump_json(), replace=replace)


def check_week(week: int, profile: Profile, today: date) -> None:
    """Why: a check-in reports on a plan week that has started; a later week cannot be
    reported yet, and a week past the plan's end has nothing to report on."""
    if week > profile.plan.weeks:
        raise InvalidInput(f"--week: {week} is after the plan's last week ({profile.plan.weeks}); "
                           f"give 1-{profile.plan.weeks}")
    starts = profile.plan.start + timedelta(weeks=week - 1)
    if starts > today:
        current = (today - profile.plan.start).days // 7 + 1
        latest = "no week has started yet" if current < 1 else f"the current week is {current}"
        raise InvalidInput(f"--week: week {week} starts on {starts.isoformat()}, which is in the future; "
                           f"{latest}")
