"""One day of a plan: its sessions, or why it has none and when the next ones are, as data
(``today_sessions``) and as text for the terminal (``today_text``); a stored patient's latest
plan (``stored_plan``). What `rehabplan today` shows; `--guide` plays the day (today/guide.py).
"""

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from rehabplan.english import day_name, long_date, plural
from rehabplan.knowledge.handout_texts import HandoutTexts, load_texts
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.patients.records import open_store
from rehabplan.plan_model import CrossSession, Plan, Referral, RunSession, Session
from rehabplan.today.guide import dose_line, how_line, run_pattern

Status = Literal["train", "rest", "before", "after", "referral"]


@dataclass(frozen=True)
class TodayView:
    """One day of a plan: its sessions, or why there are none, and when the next ones are."""

    day: date
    status: Status  # train: sessions today; rest: a plan day without any; before/after: outside the plan
    week: int | None = None
    weeks: int = 0
    phase: str | None = None
    available: bool = True  # a day the person can train (False: not one of their days)
    easy: bool = False  # a rest day that still has gentle sessions: no running or loading
    sessions: tuple[Session, ...] = ()
    first: date | None = None  # the plan's first and last day
    last: date | None = None
    next_day: date | None = None  # the next day with sessions, if any
    next_sessions: tuple[str, ...] = ()  # their types
    referral: Referral | None = None


def today_sessions(plan: Plan, day: date) -> TodayView:
    """The sessions ``plan`` has on ``day``, or why it has none.

    Why a referral has no sessions: a plan that ends in a referral says stop and see a
    clinician, so nothing is offered for training, whatever the day.
    """
    if plan.referral is not None:
        return TodayView(day, "referral", referral=plan.referral)
    days = [(week, d) for week in plan.weeks for d in week.days]
    upcoming = next((d for _, d in days if d.date > day and d.sessions), None)
    first, last = days[0][1].date, days[-1][1].date
    before = TodayView(
        day,
        "before",
        weeks=len(plan.weeks),
        first=first,
        last=last,
        next_day=upcoming.date if upcoming else None,
        next_sessions=tuple(s.type for s in upcoming.sessions) if upcoming else (),
    )
    if day < first:
        return before
    if day > last:
        return replace(before, status="after")
    week, today = next((w, d) for w, d in days if d.date == day)
    return replace(
        before,
        status="train" if today.sessions else "rest",
        week=week.number,
        phase=week.phase,
        available=today.available,
        easy=today.rest_day and bool(today.sessions),
        sessions=tuple(today.sessions),
    )


# words for the terminal


def today_text(view: TodayView) -> str:
    """The day as readable text: each session, each exercise with its dose and how to do it."""
    texts = load_texts()
    head = f"{weekday(view.day)} {long_date(view.day)}"
    if view.referral is not None:  # status "referral"
        return (
            f"{head}: this plan ends in a referral ({view.referral.urgency}), so it has no sessions to do.\n"
            f"{view.referral.message}"
        )
    upcoming = _upcoming(view, texts)
    assert view.first is not None and view.last is not None  # every view but a referral has them
    if view.status == "before":
        return f"{head} is before the plan, which starts on {weekday(view.first)} {long_date(view.first)}. {upcoming}"
    if view.status == "after":
        return f"{head} is after the plan, which ended on {weekday(view.last)} {long_date(view.last)}."
    lines = [f"{head}: week {view.week} of {view.weeks}, {view.phase}"]
    if view.status == "rest":
        why = "a rest day" if view.available else "not one of your training days"
        return "\n".join(lines + [f"Nothing planned today: {why}. {upcoming}".rstrip()])
    total = sum(s.minutes for s in view.sessions)
    easy = ": an easy day, no running or loading" if view.easy else ""
    lines += [f"{plural(len(view.sessions), 'session')}, {total} min in all{easy}", ""]
    for number, session in enumerate(view.sessions, 1):
        lines += _session_lines(number, session, texts)
    lines += ["", load_pain_rule().exercise_line]
    return "\n".join(lines)


def _session_lines(number: int, session: Session, texts: HandoutTexts) -> list[str]:
    label = texts.session_types[session.type].label
    if isinstance(session, RunSession):
        stage = f"walk-run stage {session.stage}" if session.stage else "continuous running"
        parts = [
            f"warm-up walk {session.warm_up_minutes} min" if session.warm_up_minutes else "",
            run_pattern(session).lower(),
            f"cool-down walk {session.cool_down_minutes} min" if session.cool_down_minutes else "",
        ]
        return [
            f"{number}. {label}, {session.minutes} min: {stage}",
            "   " + "; ".join(p for p in parts if p).capitalize(),
            f"   {texts.run_intensity[session.run_intensity]}. {texts.terrain[session.terrain]}.",
        ]
    if isinstance(session, CrossSession):
        return [
            f"{number}. {label}, {session.minutes} min: {texts.modalities[session.modality]}, "
            f"effort {session.effort} out of 10",
            f"   {session.load_guidance}",
        ]
    lines = [f"{number}. {label}, {session.minutes} min"]
    if session.warm_up_minutes:
        lines.append(f"   Warm-up {session.warm_up_minutes} min first")
    for item in session.items:
        lines += [f"   {dose_line(item)}", f"     {how_line(item)}"]
    return lines


def _upcoming(view: TodayView, texts: HandoutTexts) -> str:
    if view.next_day is None:
        return ""
    labels = ", ".join(dict.fromkeys(texts.session_types[t].label for t in view.next_sessions))
    return f"Next session: {weekday(view.next_day)} {long_date(view.next_day)} ({labels})."


def weekday(day: date) -> str:
    return day_name(day.weekday())


# stored patients


@dataclass(frozen=True)
class StoredPlan:
    plan: Plan
    version: int
    unapplied: int  # check-ins recorded since the plan was issued


def stored_plan(db: Path | None, patient_id: int) -> StoredPlan | None:
    """The patient's latest issued plan, or None when none was issued yet."""
    with open_store(db) as store:
        plans = store.plans(patient_id)
        current = {c.id for c in store.checkins(patient_id)}
    if not plans:
        return None
    latest = plans[-1]
    return StoredPlan(
        Plan.model_validate_json(latest.plan_json), latest.version, len(current - set(latest.checkin_ids))
    )
