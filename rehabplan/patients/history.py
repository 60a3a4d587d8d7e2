"""A stored patient's history: check-ins, the decision on each, and the pain trend.

What `rehabplan history ID` shows. Decisions come from the latest issued plan when it applied
the check-in; a check-in recorded since is decided here as a preview, with the same pure rules
(rehabplan.adapt.decide) against the week the latest plan asked for, and marked pending until
`rehabplan plan --patient ID` applies it. No solver and no renderer: this must start quickly.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rehabplan.adapt.decide import decide, intake_morning, recorded, week_context
from rehabplan.adapt.fit import checkin_problems
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Profile
from rehabplan.patients.records import open_store
from rehabplan.patients.rows import PatientRow
from rehabplan.plan_model import CheckinDecision, Plan, Week


@dataclass(frozen=True)
class Entry:
    """One reported week."""

    week: int
    start: date
    checkin: CheckIn
    recorded: date
    planned_sessions: int | None  # what the latest plan asked of that week
    decision: CheckinDecision | None  # None: no plan to decide against yet, or it does not fit it
    applied: bool  # False: a preview until the plan is regenerated
    problems: tuple[str, ...] = ()  # why it does not fit the latest plan (adapt.fit.checkin_problems)


@dataclass(frozen=True)
class Replaced:
    week: int
    recorded: date
    replaced: date


@dataclass(frozen=True)
class History:
    patient_id: int
    name: str | None
    row: PatientRow
    profile: Profile
    intake_morning: int
    plan_version: int | None  # the latest issued plan
    entries: list[Entry]
    replaced: list[Replaced]


def patient_history(db: Path | None, patient_id: int) -> History:
    with open_store(db, read_only=True) as store:
        row = store.patient(patient_id)
        profile = Profile.model_validate_json(store.profile(patient_id).profile_json)
        current = store.checkins(patient_id)
        everything = store.checkins(patient_id, include_superseded=True)
        latest = store.plan(patient_id) if row.plans else None
    plan = Plan.model_validate_json(latest.plan_json) if latest else None
    applied_ids = set(latest.checkin_ids) if latest else set()
    decided = {d.week: d for d in plan.decisions} if plan else {}
    weeks = {w.number: w for w in plan.weeks} if plan else {}
    intake_pain = profile.pain
    entries: list[Entry] = []
    earlier: list[CheckIn] = []
    for r in current:
        checkin = CheckIn.model_validate_json(r.checkin_json)
        week = weeks.get(r.week)
        applied = r.id in applied_ids and r.week in decided
        problems = (
            () if applied or week is None else tuple(p.render() for p in checkin_problems(checkin, profile, plan))
        )
        decision = decided[r.week] if applied else None if problems else _preview(checkin, week, earlier, profile)
        entries.append(
            Entry(
                week=r.week,
                start=profile.plan.start + timedelta(weeks=r.week - 1),
                checkin=checkin,
                recorded=r.recorded_at.date(),
                planned_sessions=_sessions(week) if week else None,
                decision=decision,
                applied=applied,
                problems=problems,
            )
        )
        earlier.append(checkin)
    replaced = [
        Replaced(r.week, r.recorded_at.date(), r.replaced_at.date()) for r in everything if r.replaced_at is not None
    ]
    return History(
        patient_id,
        row.name,
        row,
        profile,
        intake_morning(intake_pain),
        latest.version if latest else None,
        entries,
        replaced,
    )


def _sessions(week: Week) -> int:
    return sum(len(d.sessions) for d in week.days)


def _preview(checkin: CheckIn, week: Week | None, earlier: list[CheckIn], profile: Profile) -> CheckinDecision | None:
    """The decision the next regeneration will take on this check-in, from the week as planned."""
    if week is None:
        return None
    context = week_context(week, earlier, profile.pain, profile.conditions)
    return recorded(decide(checkin, context, earlier), checkin)


def history_json(history: History) -> dict:
    """The history as plain data, for `rehabplan history ID --format json`."""
    return {
        "patient": history.patient_id,
        "name": history.name,
        "profile_file": history.row.profile_file,
        "plan_version": history.plan_version,
        "intake_next_morning_pain": history.intake_morning,  # what the first check-in is compared with
        "intake_pain": history.profile.pain.model_dump(mode="json"),
        "checkins": [
            {
                "week": e.week,
                "week_start": e.start.isoformat(),
                "recorded": e.recorded.isoformat(),
                "planned_sessions": e.planned_sessions,
                **e.checkin.model_dump(mode="json"),
                "decision": e.decision.model_dump(mode="json") if e.decision else None,
                "applied": e.applied,
                "problems": list(e.problems),
            }
            for e in history.entries
        ],
        "replaced": [
            {"week": r.week, "recorded": r.recorded.isoformat(), "replaced": r.replaced.isoformat()}
            for r in history.replaced
        ],
    }
