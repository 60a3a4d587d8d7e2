"""How much the commands say on stderr (``--quiet``, ``--verbose``), and the stage line a slow
command shows on a terminal. Every line a command prints about its work goes through here."""

import re
import sys

import click

from rehabplan.errors import UsageError


class Talk:
    """How much the commands say on stderr: ``--quiet`` keeps only errors and safety alerts,
    ``--verbose`` adds what was read, where it was written and how long each stage took, and
    the rule codes behind warnings."""

    quiet = False
    verbose = False
    staged = 0  # the length of the stage line now showing on the terminal (0: none)


RULE_CODES = re.compile(r" ?[(\[]R-[A-Z]+-\d+(?:, R-[A-Z]+-\d+)*[)\]]")


def plain(text: str) -> str:
    """The line without rule codes such as "(R-LD-05)", unless --verbose. Why: the codes mean
    nothing to a runner or most physiotherapists; the plan JSON and --verbose keep them."""
    return text if Talk.verbose else RULE_CODES.sub("", text)


def info(text: str) -> None:
    """A progress or summary line (``wrote plan.pdf ...``): not with --quiet."""
    if not Talk.quiet:
        unstage()
        click.echo(plain(text), err=True)


def warn(text: str) -> None:
    """A plan warning: not with --quiet (the plan file carries it too)."""
    info(text)


def alert(text: str) -> None:
    """A safety alert (a referral, a red flag): always printed, even with --quiet."""
    unstage()
    click.echo(plain(text), err=True)


def detail(text: str) -> None:
    """Only with --verbose."""
    if Talk.verbose:
        unstage()
        click.echo(text, err=True)


def stage(text: str) -> None:
    """What a slow command is doing now ("planning 12 weeks..."), on one line of a terminal's
    stderr that the next stage overwrites; nothing on a pipe or a file, or with --quiet."""
    if Talk.quiet or not sys.stderr.isatty():
        return
    click.echo(f"\r{text}\x1b[K", err=True, nl=False)
    Talk.staged = len(text)


def unstage() -> None:
    """Clear the stage line, so the next line starts on a clean one."""
    if Talk.staged:
        click.echo("\r\x1b[K", err=True, nl=False)
        Talk.staged = 0


def set_talk(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise UsageError("--quiet and --verbose contradict each other; give one of them")
    Talk.quiet, Talk.verbose = quiet, verbose
