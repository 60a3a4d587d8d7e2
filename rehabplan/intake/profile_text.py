"""The profile file `rehabplan init` writes: YAML with every field explained in plain words.

Deterministic: the same answers give the same text. The answers are keyed by profile field
("pain.at_rest", "availability.mon", "red_flags.locking"), as rehabplan.intake.questionnaire reads them.
"""

import json
import textwrap
from datetime import date
from typing import Any

from rehabplan.intake.profile import MAX_DAY_MINUTES
from rehabplan.knowledge.protocols import load_red_flags
from rehabplan.vocab import CROSS_TRAINING, EQUIPMENT, INJURY_CONDITIONS, RED_FLAGS, TIGHTNESS, WEAKNESSES, WEEKDAYS

Answers = dict[str, Any]


def as_text(value: Any) -> str:
    """An answer as it would be typed (for re-asking with the answer as default, and answer files)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def answered_flags(answers: Answers) -> list[str]:
    """The red flags answered yes, in vocabulary order."""
    return [flag for flag in RED_FLAGS if answers.get(f"red_flags.{flag}")]


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return as_text(value)


def _field(key: str, value: Any, indent: str = "") -> str:
    """A field line; an optional field not given is left as a commented line to fill in."""
    return f"{indent}# {key}:" if value is None else f"{indent}{key}: {_value(value)}"


def profile_yaml(answers: Answers, filename: str = "profile.yaml") -> str:
    """The profile as YAML, each field explained in plain words; the same answers give the same text."""
    a = answers
    infos = load_red_flags()
    flags = answered_flags(a)
    out = [
        "# A rehabplan profile, written by `rehabplan init`: your knee, your week and your running.",
        f"# Check it:     rehabplan validate {filename}",
        f"# Make a plan:  rehabplan plan {filename} -o plan.pdf",
        "# Edit any answer below, then check it again: validate names any problem and its fix.",
        "",
        *_comment(
            "Safety screening. Any flag listed here makes the plan a referral to a clinician "
            f"instead of exercise. The flags: {', '.join(RED_FLAGS)}."
        ),
        *[f"#   {flag}: {infos[flag].title} ({infos[flag].urgency})" for flag in flags],
        f"red_flags: {_value(flags)}",
        "",
        "# Your name, printed on the handout (optional: to add it, remove the # and type it after name:).",
        _field("name", a["name"]),
        "# Age in years (12-100).",
        f"age: {a['age']}",
        *_comment(
            "Optional: sex (female, male or other), height_cm and weight_kg. With height and "
            "weight, a new runner whose BMI is over 30 gets a gentler start."
        ),
        "# sex:",
        "# height_cm:",
        "# weight_kg:",
        "",
        *_comment(
            f"The knee problem(s), one or more of: {', '.join(INJURY_CONDITIONS)}; or prevention "
            "alone for a runner with no injury. `rehabplan conditions list` explains each."
        ),
        f"conditions: {_value(a['conditions'])}",
        "# Which knee: left, right or both.",
        f"side: {a['side']}",
        "# Knee pain, 0-10 (0 no pain, 10 the worst imaginable).",
        "pain:",
        "  # at rest, today",
        f"  at_rest: {a['pain.at_rest']}",
        "  # the worst during a typical recent run",
        f"  during_run: {a['pain.during_run']}",
        "  # the morning after a run (optional)",
        _field("next_morning", a["pain.next_morning"], "  "),
        *_comment(
            "Can you walk briskly for 30 minutes without pain or a limp? With false, running "
            "stays off and the plan uses walking, cross-training and strength work."
        ),
        f"walk_30min_pain_free: {_value(a['walk_30min_pain_free'])}",
        *_comment(f"Muscles found weak, strengthened first. Words: {', '.join(WEAKNESSES)}."),
        f"weaknesses: {_value(a['weaknesses'])}",
        *_comment(f"Muscles that feel tight, stretched in the plan. Words: {', '.join(TIGHTNESS)}."),
        f"tightness: {_value(a['tightness'])}",
        "",
        f"# Minutes you can give each weekday; 0 = rest day (at most {MAX_DAY_MINUTES}).",
        "availability:",
        *[f"  {day}: {a[f'availability.{day}']}" for day in WEEKDAYS],
        *_comment(
            f"What you have to train with: {', '.join(EQUIPMENT)}. Floor, wall, chair and stairs are always assumed."
        ),
        f"equipment: {_value(a['equipment'])}",
        *_comment(f"Exercise you enjoy on non-running days: {', '.join(CROSS_TRAINING)}."),
        f"cross_training: {_value(a['cross_training'])}",
        "",
        "# Your running before the knee problem; 0 minutes and 0 runs = a new runner.",
        "running:",
        f"  baseline_weekly_minutes: {a['running.baseline_weekly_minutes']}",
        f"  baseline_runs_per_week: {a['running.baseline_runs_per_week']}",
        "  # the distance a week in km (optional, if you know it)",
        "  # baseline_weekly_km:",
        *_comment(
            "Do you also play a sport with jumping, landing or cutting (basketball, volleyball, "
            "football, netball ...)? With true, a kneecap-tendon plan ends with hops, landings and cutting."
        ),
        f"jumping_sport: {_value(a['jumping_sport'])}",
        "# What you want from the plan, in your words (optional, up to 200 characters).",
        _field("goal", a["goal"]),
        "",
        "# The plan starts on a Monday (YYYY-MM-DD) and runs for 1-52 weeks.",
        "plan:",
        f"  start: {a['plan.start'].isoformat()}",
        f"  weeks: {a['plan.weeks']}",
    ]
    return "\n".join(out) + "\n"
