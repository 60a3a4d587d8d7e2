"""The rows the store hands back: plain, frozen records of what it keeps (rehabplan.patients.store).

JSON columns come back as the exact text stored; times are aware UTC datetimes.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PatientRow:
    id: int
    name: str | None
    created_at: datetime
    profile_version: int  # the latest
    checkins: int  # current check-ins (replaced ones not counted)
    plans: int
    profile_file: str | None = None  # the name of the file the patient was added from

    @property
    def label(self) -> str:
        """The patient's name, or for a profile without one the file it came from."""
        if self.name:
            return self.name
        return f"no name: {self.profile_file}" if self.profile_file else "no name"


@dataclass(frozen=True)
class ProfileRow:
    patient_id: int
    version: int
    profile_json: str
    created_at: datetime


@dataclass(frozen=True)
class CheckinRow:
    id: int
    patient_id: int
    week: int
    checkin_json: str
    recorded_at: datetime
    replaces: int | None  # the check-in this one replaced
    superseded_by: int | None  # the check-in that replaced this one
    replaced_at: datetime | None

    @property
    def current(self) -> bool:
        return self.replaced_at is None


@dataclass(frozen=True)
class PlanRow:
    patient_id: int
    version: int
    profile_version: int
    plan_json: str  # exactly as stored
    created_at: datetime
    checkin_ids: tuple[int, ...]  # the check-ins the plan was built from


@dataclass(frozen=True)
class SessionLogRow:
    id: int
    patient_id: int
    date: date  # the plan day the session was done on
    week: int
    planned: int  # sessions planned that day
    completed: int  # sessions done
    pain_during: int
    flags_json: str  # exactly as given: the red-flag words answered yes
    note: str | None
    recorded_at: datetime
