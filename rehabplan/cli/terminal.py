"""Talking with a person at a terminal: questions asked until the answer reads, line editing,
and single keys during the guide's countdowns (Enter skips, p pauses).

Off a terminal (a pipe, a test) nothing here touches the terminal: questions read whole
lines, and countdowns only sleep.
"""

import contextlib
import os
import select
import sys
from collections.abc import Callable
from typing import Any

import click

from rehabplan.today import guide


def line_editing() -> None:
    """Arrow keys, Home/End and history in answers: Python's ``input`` (which click's prompts
    use) edits lines with readline once it is imported; without it, arrows come out as ``^[[D``."""
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):  # a Python built without it: plain line input
            import readline  # noqa: F401


def flush_input() -> None:
    """Drop keys typed ahead, so a key pressed during a countdown never answers the next question."""
    if sys.stdin.isatty():
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)


def ask(prompt: str, parse: Callable[[str], Any], default: str | None = None) -> Any:
    """Prompt until ``parse`` accepts the answer; its ValueError is shown (``Error: ...``) and
    the question asked again. Enter takes ``default`` (shown in brackets unless empty); with
    None, Enter alone asks again."""

    def read(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None

    return click.prompt(prompt, default=default, show_default=bool(default), value_proc=read)


def alert_now(lines: list[str]) -> None:
    """A safety alert in the middle of a conversation: red on stderr, printed even with --quiet."""
    for line in lines:
        click.secho(line, fg="red", bold=True, err=True)


class Terminal:
    """The guide's output, questions and keys through click. On a real terminal a countdown
    ticks on one line, overwritten every second, and reads single keys (Enter skips, p pauses);
    elsewhere only its "done" line shows and it cannot be skipped."""

    KEYS = {b"\n": guide.SKIP, b"\r": guide.SKIP, b"p": guide.PAUSE, b"P": guide.PAUSE}

    def __init__(self) -> None:
        self.live = sys.stdout.isatty()
        self.keyboard = self.live and sys.stdin.isatty()
        self.ticking = False
        self.saved: list | None = None  # the terminal's settings while single keys are read
        line_editing()

    def out(self, text: str) -> None:
        self.clear()
        click.echo(text)

    def tick(self, text: str) -> None:
        if self.live:
            click.echo(f"\r{text}\x1b[K", nl=False)
            self.ticking = True

    def clear(self) -> None:
        """End a ticking line and give the terminal back its usual line input."""
        if self.ticking:
            click.echo("\r\x1b[K", nl=False)
            self.ticking = False
        if self.saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self.saved)
            self.saved = None

    def key(self, seconds: float) -> str | None:
        """Wait up to ``seconds`` for a key: ``guide.SKIP``, ``guide.PAUSE`` or None."""
        import termios
        import tty

        fd = sys.stdin.fileno()
        if self.saved is None:
            self.saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)  # keys one at a time, not echoed; Ctrl-C still stops
        if not select.select([fd], [], [], seconds)[0]:
            return None
        return self.KEYS.get(os.read(fd, 1))

    def wait_enter(self, text: str) -> None:
        self.clear()
        flush_input()
        click.prompt(text, default="", show_default=False, prompt_suffix=" ")

    def ask(self, question) -> Any:
        """One check-in answer; a bad one is explained in words and asked again."""
        self.clear()
        flush_input()
        prompt = f"{question.text} [y/n]" if question.kind == "yes_no" else question.text
        return ask(prompt, question.parse, "" if question.kind == "text" else None)
