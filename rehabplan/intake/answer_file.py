"""`rehabplan init --answers FILE`: the answers read from a YAML or JSON file of question keys,
each checked as the question it answers would check it (docs/init.md)."""

import difflib
from datetime import date
from pathlib import Path
from typing import Any

from rehabplan.errors import MISSING, FieldProblem, InvalidInput
from rehabplan.intake.profile_text import Answers, as_text
from rehabplan.intake.questionnaire import answer, issues, questions
from rehabplan.vocab import WEEKDAYS
from rehabplan.yamlio import read_document


def read_answers(path: Path, today: date | None = None) -> tuple[Answers, list[str]]:
    """Answers from a YAML or JSON file of question keys; returns them and the keys left to default.

    Nested mappings are read as dotted keys (``pain: {at_rest: 1}`` is ``pain.at_rest: 1``).
    As in a profile, once any day's minutes are given, a day left out is a rest day (0), not
    its default. Every bad or unknown key is reported at once, with the value and the fix.
    """
    data = read_document(path)
    if not isinstance(data, dict):
        raise InvalidInput(
            f"{path}: the answers must be a mapping of question keys to answers, "
            "like `age: 34`; docs/init.md lists the keys"
        )
    given = _flatten(data)
    days = [f"availability.{day}" for day in WEEKDAYS]
    if any(day in given for day in days):
        given = {**dict.fromkeys(days, 0), **given}
    asked = questions(today)
    keys = [q.key for q in asked]
    problems = [
        FieldProblem(key, MISSING, f"is not a question of rehabplan init; {_suggest(key, keys)}")
        for key in given
        if key not in keys
    ]
    answers: Answers = {}
    for question in asked:
        try:
            answers[question.key] = answer(question, as_text(given.get(question.key)), answers)
        except ValueError as err:
            problems.append(FieldProblem(question.key, MISSING, str(err)))
    if not problems:
        problems = [i.problem for i in issues(answers)]
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidInput(f"{path}: {count} in the answers; no profile written", tuple(problems), str(path))
    return answers, [key for key in keys if given.get(key) in (None, "")]


def _flatten(data: dict, prefix: str = "") -> dict[str, Any]:
    flat = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        flat.update(_flatten(value, f"{name}.") if isinstance(value, dict) else {name: value})
    return flat


def _suggest(key: str, keys: list[str]) -> str:
    guess = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    if guess:
        return f"did you mean {guess[0]}?"
    return "the keys are profile field paths such as age, pain.at_rest, availability.mon (docs/init.md lists them)"
