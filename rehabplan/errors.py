"""One tree of user-facing errors, caught in one place (the CLI).

A ``UserError`` is something the person can fix: it carries a message naming the input, the
bad value and the fix, and an exit code (2 invalid input, 1 a valid request that cannot be met).
Anything else that escapes is a bug and keeps its traceback.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rehabplan.safetext import printable


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with an input: where (a dotted field path), what was given, and the fix."""

    path: str
    value: Any
    message: str

    def render(self, source: str | None = None) -> str:
        where = ": ".join(printable(part) for part in (source, self.path) if part)
        shown = "" if self.value is MISSING else f"{_show(self.value)} "
        return f"{where}: {shown}{self.message}" if where else f"{shown}{self.message}"


class _Missing:
    """The value of a field that was not given at all (``None`` could be a given value)."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


SHOWN = 60  # characters of a bad value a message shows


def _show(value: Any) -> str:
    """A short, unambiguous rendering of a bad value for a message, control characters escaped.

    Why lazily: a value can be huge (a YAML alias bomb expands to millions of items), so it is
    rendered only until the message has enough of it, never in full and then cut.
    """
    if isinstance(value, str):
        return _shown_str(value)
    text = ""
    for piece in _pieces(value, depth=0):
        text += piece
        if len(text) > SHOWN:
            return text[: SHOWN - 4] + "..." + _closing(value)
    return text


def _shown_str(value: str) -> str:
    return repr(value if len(value) <= SHOWN else value[: SHOWN - 3] + "...")


def _closing(value: Any) -> str:
    return "}" if isinstance(value, dict) else "]" if isinstance(value, (list, tuple)) else ""


def _pieces(value: Any, depth: int) -> Iterator[str]:
    """The rendering of ``value`` a piece at a time (inner values below a few levels as ``...``)."""
    if isinstance(value, str):
        yield _shown_str(value)
    elif isinstance(value, (dict, list, tuple)):
        yield "{" if isinstance(value, dict) else "["
        if depth >= 8 and value:
            yield "..."
        else:
            for index, item in enumerate(value.items() if isinstance(value, dict) else value):
                yield ", " if index else ""
                if isinstance(value, dict):
                    yield f"{printable(str(item[0]))}: "
                yield from _pieces(item[1] if isinstance(value, dict) else item, depth + 1)
        yield _closing(value)
    elif value is None:
        yield "null"
    elif isinstance(value, bool):
        yield "true" if value else "false"
    elif isinstance(value, int) and value.bit_length() > 14_000:  # str() refuses past 4300 digits
        yield f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    else:
        yield printable(str(value))[: SHOWN + 1]


class UserError(Exception):
    """An error the user can fix; the CLI prints it to stderr and exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, message: str, problems: tuple[FieldProblem, ...] = (), source: str | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems
        self.source = source

    def lines(self) -> list[str]:
        if not self.problems:
            return [self.message]
        return [self.message] + [p.render(self.source) for p in self.problems]


class InvalidInput(UserError):
    """A file, option or value that does not follow the contract (exit code 2)."""


class UsageError(UserError):
    """Options that do not fit together (exit code 2)."""


class NotFound(UserError):
    """A named thing (exercise, condition, example) that does not exist (exit code 2)."""


class CannotFit(UserError):
    """A valid request that cannot be met, with the reason and what would make it fit (exit 1)."""

    exit_code = 1


class LibraryError(Exception):
    """The bundled data (exercises, protocols, references) is inconsistent: a bug, not user input."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("the rehabplan library data is invalid:\n  " + "\n  ".join(problems))
