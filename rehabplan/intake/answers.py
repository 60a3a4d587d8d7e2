"""Reading one typed answer: yes or no, a whole number in a range, a line of text, words from a
list. Each parser returns the value or raises ValueError with the reason and what to give, in
the words the person sees; init's questionnaire and the guide's end questions both use them.
"""

import difflib
import re
from collections.abc import Callable
from typing import Any

from rehabplan.safetext import control_problem


def as_word(text: str) -> str:
    """``Hip flexors`` -> ``hip_flexors``: how a typed word is compared with a vocabulary."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in ("y", "yes", "true"):
        return True
    if word in ("n", "no", "false"):
        return False
    raise ValueError(f"{text.strip()!r} is not yes or no; answer yes or no")


def whole(low: int, high: int, what: str, hint: str = "") -> Callable[[str], int]:
    """A whole number in [low, high]; ``what`` and ``hint`` say what it counts, for the message."""

    def parse(text: str) -> int:
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise ValueError(f"{text.strip()!r} is not a whole number; give {what}, {low}-{high}{hint}")
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range; give {what}, {low}-{high}{hint}")
        return value

    return parse


def optional(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """Nothing (or "skip") means not given."""
    return lambda text: None if text.strip().lower() in ("", "skip") else parse(text)


def line_of_text(limit: int, what: str) -> Callable[[str], str | None]:
    def parse(text: str) -> str | None:
        text = text.strip()
        if not text:
            return None
        if len(text) > limit:
            raise ValueError(f"{what} is {len(text)} characters long; keep it to {limit}")
        if problem := control_problem(text):  # an arrow key without line editing types ESC [ D
            raise ValueError(f"{what} {problem}")
        return text

    return parse


def pick(words: tuple[str, ...], what: str, several: bool) -> Callable[[str], Any]:
    """Words (or their numbers in the list shown); several comma-separated, or "none", if allowed."""

    def one(item: str) -> str:
        word = as_word(item)
        if word.isdigit() and 1 <= int(word) <= len(words):
            return words[int(word) - 1]
        if word in words:
            return word
        guess = difflib.get_close_matches(word, words, n=1, cutoff=0.7)
        hint = f"did you mean {guess[0]}? " if guess else ""
        numbers = f"a number 1-{len(words)} or " if several else ""
        raise ValueError(f"{item.strip()!r} is not one of the {what}; {hint}give {numbers}one of: {', '.join(words)}")

    def parse(text: str) -> Any:
        if not several:
            return one(text)
        items = [item for item in text.split(",") if item.strip()]
        if not items or [as_word(i) for i in items] == ["none"]:
            return []
        return list(dict.fromkeys(one(item) for item in items))

    return parse
