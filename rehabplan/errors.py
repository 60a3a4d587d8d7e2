"""One tree of user-facing errors, caught in one place (the CLI).

A ``UserError`` is something the person can fix: it carries a message naming the input, the
bad value and the fix, and an exit code (2 invalid input, 1 a valid request that cannot be met).
Anything else that escapes is a bug and keeps its traceback.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a dotted field path), what was given, and the fix."""

    path: str
    value: Any
    message: str

    def render(self, source: str | None = None) -> str:
        where = ": ".join(part for part in (source, self.path) if part)
        shown = "" if self.value is MISSING else f"{_show(self.value)} "
        return f"{where}: {shown}{self.message}" if where else f"{shown}{self.message}"


class _Missing:
    """The value of a field that was not given at all (``None`` could be a given value)."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


def _show(value: Any) -> str:
    """A short, unambiguous rendering of a bad value for a message."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 60 else text[:56] + "...}"
    if isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
        return text if len(text) <= 60 else text[:56] + "...]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class UserError(Exception):
    """An error the user can fix; the CLI prints it to stderr and exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, message: str, problems: tuple[Problem, ...] = (), source: str | None = None):
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
