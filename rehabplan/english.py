"""Dates, doses, sides and plurals in plain English, the same on every machine (no locale lookups).

A foundation module: the handout (render/), the terminal (cli/, today/) and the check-in
decisions (adapt/) all word dates and counts the same way, so none of them imports another
stage for it (docs/architecture.md).
"""

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from rehabplan.vocab import WEEKDAYS, Weekday

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The day words are vocab.WEEKDAYS (Monday first, as date.weekday() counts); these are their names.
DAYS = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True))


def day_name(index: int) -> str:
    """``Monday`` for 0 .. ``Sunday`` for 6 (``date.weekday()``, the solver's day numbers)."""
    return DAYS[WEEKDAYS[index]]


def day_month(day: date) -> str:
    """``23 Nov``"""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def long_date(day: date) -> str:
    """``23 November 2026``"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(first: date, last: date) -> str:
    """``23 Nov - 29 Nov 2026``, or across years ``28 Dec 2026 - 3 Jan 2027``."""
    if first.year == last.year:
        return f"{day_month(first)} – {day_month(last)} {last.year}"
    return f"{day_month(first)} {first.year} – {day_month(last)} {last.year}"


def short_day(weekday: Weekday) -> str:
    return DAYS[weekday][:3]


def days_list(weekdays: Sequence[Weekday]) -> str:
    """``Mon, Wed and Fri``"""
    names = [short_day(w) for w in weekdays]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def amount(sets: int | None, reps: int | None, hold_s: int | None, minutes: int | None) -> str:
    """``3 × 10 reps``, ``5 × 45 s hold`` or ``2 min``."""
    if minutes is not None:
        return f"{minutes} min"
    if reps is not None:
        return f"{sets} × {reps} reps"
    return f"{sets} × {hold_s} s hold"


def side_words(side: str, unilateral: bool) -> str:
    if not unilateral:
        return "Both legs together"
    if side == "both":
        return "Each leg in turn"
    return f"{side.capitalize()} leg, the sore side"


def tempo(value: str | None) -> str:
    """``3-1-1`` (the library's order: lowering, pause, lifting) in words."""
    if not value:
        return ""
    down, pause, up = value.split("-")
    return f"{down} s down, {pause} s pause, {up} s up"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


PROPER_WORDS = ("Nordic",)  # capitalised inside a sentence too


def in_sentence(name: str) -> str:
    """A name inside a sentence: ``hip and knee strength`` for "Hip and knee strength", but
    ``Nordic hamstring programme`` as it is."""
    first = name.split(" ", 1)[0]
    return name if first in PROPER_WORDS else name[:1].lower() + name[1:]


def count_word(count: int) -> str:
    """``two`` for 2 (up to ten; ``no`` for 0), else the digits: for a rule's number inside a sentence."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def times(count: int) -> str:
    """``once``, ``twice``, ``three times``."""
    return {1: "once", 2: "twice"}.get(count, f"{count_word(count)} times")


def number(value: float) -> str:
    """``4`` for 4.0, ``0.5`` for 0.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def weeks_phrase(weeks: list[int]) -> str:
    """``week 3``, ``weeks 1-4, 7``."""
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    runs, start = [], weeks[0]
    for a, b in pairwise([*weeks, 0]):  # 0: no week follows the last
        if b != a + 1:
            runs.append(f"{start}-{a}" if a != start else f"{a}")
            start = b
    return "weeks " + ", ".join(runs)
