"""The end of a guided session: its check-in questions, the advice on the answers, the
`rehabplan checkin` command that records the week, and the session log kept for a patient.

Why its own module: `rehabplan.today.guide` plays the session; this reads what the person says
about it. Like the guide it never reads the keyboard itself: ``ask_checkin`` is handed a
function that asks one question, and one that raises a red flag the moment it is answered.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from rehabplan.adapt.referral import flag_lines
from rehabplan.intake.answers import line_of_text, whole, yes_no
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.patients.records import open_store
from rehabplan.patients.rows import SessionLogRow
from rehabplan.today.day import TodayView


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: Literal["yes_no", "number", "text"]
    high: int = 0  # number: answers 0-high; text: at most high characters
    what: str = ""  # number: what it counts, for the message on a wrong answer

    def parse(self, text: str) -> Any:
        """The answer typed, or ValueError with the reason and what to give (as init's questions)."""
        if self.kind == "yes_no":
            return yes_no(text)
        if self.kind == "number":
            return whole(0, self.high, self.what)(text)
        return line_of_text(self.high, "the note")(text) or ""


@dataclass(frozen=True)
class SessionLog:
    """What a guided session recorded at its end."""

    date: date
    week: int
    planned: int  # sessions planned that day
    completed: int  # sessions done
    pain_during: int  # worst knee pain during them, 0-10
    flags: tuple[str, ...]  # red-flag words answered yes
    note: str | None


# Why these words: the same mapping as a weekly check-in's swelling / giving_way / locking, and
# the `rehabplan checkin` option that records each. A leg that cannot be lifted straight is asked
# too: a torn quadriceps or patellar tendon shows first after loading, and it is an emergency.
FLAG_QUESTIONS = (
    ("persistent_swelling", "Any swelling of the knee?", "--swelling"),
    ("giving_way", "Did the knee give way or buckle?", "--giving-way"),
    ("locking", "Did the knee lock or get stuck?", "--locking"),
    (
        "cannot_straight_leg_raise",
        "Lying on your back, are you unable to lift the leg with the knee held straight?",
        "--red-flag cannot_straight_leg_raise",
    ),
)
PAIN = "a pain score"


def ask_checkin(
    view: TodayView, ask: Callable[[Question], Any], alert: Callable[[list[str]], None] = lambda lines: None
) -> SessionLog:
    """Ask the session's check-in questions through ``ask`` (which validates each answer and
    returns it as its kind says: a bool, an int or text).

    A yes to a warning sign calls ``alert`` at once with its stop message and urgency. Why at
    once: it means stop and get help, which should not wait for the last question.
    """
    planned = len(view.sessions)
    assert view.week is not None  # a day with sessions is in a plan week
    which = "today's session" if planned == 1 else f"all {planned} of today's sessions"
    done = planned if ask(Question("all_done", f"Did you do {which}?", "yes_no")) else 0
    if not done and planned > 1:
        done = ask(
            Question(
                "completed",
                f"How many of the {planned} sessions did you finish? (0-{planned - 1})",
                "number",
                planned - 1,
                "the sessions you finished",
            )
        )
    pain = ask(
        Question(
            "pain_during",
            f"Worst knee pain during {'it' if planned == 1 else 'them'}, 0-10 (0 none, 10 the worst imaginable)?",
            "number",
            10,
            PAIN,
        )
    )
    flags = []
    for flag, text, _ in FLAG_QUESTIONS:
        if ask(Question(flag, text, "yes_no")):
            flags.append(flag)
            alert(flag_lines([flag]))
    note = ask(Question("note", "Anything to note? (Enter to skip)", "text", 500))
    return SessionLog(view.day, view.week, planned, done, pain, tuple(flags), str(note or "").strip() or None)


@dataclass(frozen=True)
class Advice:
    alerts: tuple[str, ...]  # one per red flag, most urgent first: stop, and see a clinician
    zone: Literal["green", "amber", "red"]
    pain: str  # the pain rule's words for the zone


def advice(log: SessionLog) -> Advice:
    """The red flags' actions with their urgency, and what the pain rule says about the pain."""
    zone = load_pain_rule().zone(log.pain_during)
    return Advice(tuple(flag_lines(log.flags)), zone.name, f"Pain {log.pain_during}/10: {zone.label}. {zone.action}")


def checkin_command(log: SessionLog, patient: str, sessions: Sequence[str]) -> str:
    """The `rehabplan checkin` command for the week, carrying the warning signs just answered
    yes (``--giving-way``), so copying it records them. ``sessions``: the day's session types."""
    pain = "--pain-during-run" if "run" in sessions else "--pain-during-exercise"
    options = {flag: option for flag, _, option in FLAG_QUESTIONS}
    flags = [options.get(flag, f"--red-flag {flag}") for flag in log.flags]
    return " ".join(
        [f"rehabplan checkin {patient} --week {log.week} --sessions-done N {pain} N --pain-next-morning N", *flags]
    )


def record_log(db: Path | None, patient_id: int, log: SessionLog) -> SessionLogRow:
    """Keep a session log in the patient's record."""
    with open_store(db) as store:
        return store.add_session_log(
            patient_id,
            log.date,
            log.week,
            log.planned,
            log.completed,
            log.pain_during,
            json.dumps(list(log.flags)),
            log.note,
        )
