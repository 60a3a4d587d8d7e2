"""Dates, doses, sides and plurals in plain English, the same on every machine (no locale lookups).

A foundation module: the handout (render/), the terminal (cli/, today/) and the check-in
decisions (adapt/) all word dates and counts the same way, so none of them imports another
stage for it (docs/architecture.md).
"""

from datetime import date
from itertools import pairwise

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
DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


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


def short_day(weekday: str) -> str:
    return DAYS[weekday][:3]


def days_list(weekdays: list[str]) -> str:
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
