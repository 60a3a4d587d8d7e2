"""Plain text for the terminal, shared by the *_text.py views: wrapped lines, word lists and
tables. No click, no logic."""

import textwrap
from collections.abc import Sequence

WIDTH = 96


def wrap(text: str, indent: str = "  ", width: int = WIDTH) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def words(items: Sequence[str]) -> str:
    return ", ".join(item.replace("_", " ") for item in items) or "none"


def knee(side: str) -> str:
    """``right knee``, ``left knee`` or ``both knees``."""
    return "both knees" if side == "both" else f"{side} knee"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
