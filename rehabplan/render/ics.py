"""A plan as an iCalendar file (RFC 5545): one event per session, on its day, at a time of day.

Why floating times (no time zone): the plan is about the runner's own evening or morning, and a
floating ``DTSTART:20261123T180000`` shows at 18:00 wherever the calendar is; the file also
stays the same on every machine, which a system time zone would break.

Why these UIDs: a calendar that imports the file again after the plan was regenerated (a new
check-in) updates events with the same UID instead of adding copies. So a UID is built from what
survives regeneration: the plan's identity (name, start date, conditions; not the input hash,
which changes with every check-in), the day, the session type and its place among that day's
sessions of the type. A session that changed keeps its UID and carries the new content.

The file is the same bytes for the same plan: DTSTAMP is the plan's start date at 00:00 UTC and
SEQUENCE the number of check-ins applied, never the clock.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from rehabplan.english import amount, side_words, tempo
from rehabplan.knowledge.catalog import Catalog, load_catalog
from rehabplan.knowledge.handout_texts import HandoutTexts, load_texts
from rehabplan.plan_model import CrossSession, Day, Item, Plan, RunSession, Session, Week
from rehabplan.render.view_week import run_block
from rehabplan.safetext import printable

DEFAULT_TIME = "18:00"
TITLE = "Knee plan"


def plan_calendar(plan: Plan, time_of_day: str | None = None) -> bytes:
    """The plan's sessions as calendar events, starting at ``time_of_day`` (``HH:MM``; default:
    the profile's ``plan.session_time``, else 18:00), a day's sessions back to back.

    A referral adds one all-day event, "see a clinician", on the day the plan would have
    started (red flag at intake: then it is the only event) or gone on (red flag in a check-in).
    """
    texts, catalog = load_texts(), load_catalog()
    settings = plan.profile.plan
    start = time.fromisoformat(time_of_day or settings.session_time or DEFAULT_TIME)
    stamp = datetime.combine(settings.start, time(0, 0), UTC)
    context = _Context(plan_identity(plan), stamp, len(plan.decisions))
    name = plan.profile.name  # a stored name from before names were checked may hold a line break
    calendar = Calendar()
    calendar.add("prodid", "-//rehabplan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{TITLE}: {printable(name)}" if name else TITLE)
    for week in plan.weeks:
        for day in week.days:
            for event in day_events(week, day, start, context, texts, catalog, gate_lines(plan, week)):
                calendar.add_component(event)
    if plan.referral is not None:
        calendar.add_component(referral_event(plan, context, texts))
    return calendar.to_ical()


@dataclass(frozen=True)
class _Context:
    """What every event of one calendar shares."""

    identity: str
    stamp: datetime
    sequence: int

    def event(self, uid_parts: tuple, summary: str, categories: list[str], description: str) -> Event:
        event = Event()
        event.add("uid", "-".join(str(p) for p in uid_parts) + f"-{self.identity}@rehabplan")
        event.add("dtstamp", self.stamp)
        event.add("sequence", self.sequence)
        event.add("summary", summary)
        event.add("categories", categories)
        event.add("description", description)
        return event


def plan_identity(plan: Plan) -> str:
    """16 hex digits naming this person's plan across regenerations (not the check-ins)."""
    profile = plan.profile
    key = [profile.name, profile.plan.start.isoformat(), list(profile.conditions)]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def gate_lines(plan: Plan, week: Week) -> list[str]:
    """The gates that hold ``week`` back (R-PM-07): what a check-in must show, and meanwhile."""
    words = {g.id: f"{g.criterion} {g.if_not_met}" for g in plan.gates}
    return [words[g] for g in week.gates if g in words]


def day_events(
    week: Week,
    day: Day,
    start: time,
    context: _Context,
    texts: HandoutTexts,
    catalog: Catalog,
    gates: list[str] | None = None,
) -> list[Event]:
    """One event per session, the first at ``start``, the others straight after it; ``gates``:
    the week's gates in words, at the end of each description."""
    events: list[Event] = []
    seen: Counter[str] = Counter()
    clock = datetime.combine(day.date, start)
    for session in day.sessions:
        seen[session.type] += 1
        title = session_title(session, texts)
        lines = [f"Week {week.number}: {week.phase}."]
        if day.rest_day:
            lines.append("Easy day: no running or loading.")
        lines += session_lines(session, texts, catalog)
        lines += gates or []
        event = context.event(
            (day.date.isoformat(), session.type, seen[session.type]),
            f"{TITLE}: {title}, {session.minutes} min",
            [TITLE, texts.session_types[session.type].label],
            "\n".join(lines),
        )
        event.add("dtstart", clock)
        event.add("duration", timedelta(minutes=session.minutes))
        events.append(event)
        clock += timedelta(minutes=session.minutes)
    return events


def session_title(session: Session, texts: HandoutTexts) -> str:
    """``Walk-run stage 2``, ``Cycling``, ``Strength``: what the runner sees in the calendar."""
    if isinstance(session, RunSession) and session.stage is not None:
        return f"Walk-run stage {session.stage}"
    if isinstance(session, CrossSession):
        return texts.modalities[session.modality].split(" (")[0]
    return texts.session_types[session.type].label


def session_lines(session: Session, texts: HandoutTexts, catalog: Catalog) -> list[str]:
    """The session in plain lines: the run's intervals, the activity and its effort, or each
    exercise with its dose; then the pain rule that goes with it."""
    lines = []
    if isinstance(session, RunSession):
        block = run_block(session, texts)
        lines += [f"{c['head']}: {c['value']}" for c in block["columns"]]
        lines += [f"{block['terrain']}.", f"{block['pace']}."]
    elif isinstance(session, CrossSession):
        lines.append(f"{texts.modalities[session.modality]} {session.minutes} min, effort {session.effort} out of 10.")
        lines.append(session.load_guidance)
    elif session.warm_up_minutes:
        lines.append(f"Warm-up: {session.warm_up_minutes} min first (part of the {session.minutes} min).")
    lines += [line for item in session.items for line in item_lines(item, catalog)]
    rules = list(dict.fromkeys(item.pain_rule for item in session.items)) or [texts.pain_memory]
    lines += [f"Pain rule: {rule}" for rule in rules]
    return lines


def item_lines(item: Item, catalog: Catalog) -> list[str]:
    """``- Step-up (low step): 2 × 10 reps (each leg in turn; rest 60 s; ...)`` and its load."""
    side = side_words(item.side, catalog.get(item.id).unilateral)
    details = [side[0].lower() + side[1:], f"rest {item.rest_s} s" if item.rest_s else "", tempo(item.tempo)]
    if item.knee_flexion_max_deg is not None:
        details.append(f"knee bend up to {item.knee_flexion_max_deg}°")
    dose = amount(item.sets, item.reps, item.hold_s, item.minutes)
    return [f"- {item.name}: {dose} ({'; '.join(d for d in details if d)})", f"  {item.load_guidance}"]


def referral_event(plan: Plan, context: _Context, texts: HandoutTexts) -> Event:
    """An all-day "see a clinician" event on the first day the plan would have gone on."""
    referral = plan.referral
    assert referral is not None  # called only for a plan with one
    if plan.weeks:
        day, what = plan.weeks[-1].days[-1].date + timedelta(days=1), "going on"
    else:
        day, what = plan.profile.plan.start, "starting"
    lines = [f"{texts.urgency[referral.urgency]}.", referral.message, *(f"- {r}" for r in referral.reasons)]
    event = context.event(
        (day.isoformat(), "referral", 1),
        f"{TITLE}: see a clinician before {what}",
        [TITLE, "Referral"],
        "\n".join(lines),
    )
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event
