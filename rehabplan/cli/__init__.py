"""The command line: parse, call one api function, print. The only package that imports click.

This module holds the group, the error handling and the options the commands share; each
``cmd_*`` module adds its commands to ``main`` when imported (at the end of this file).
"""

import json
import os
import sys
from pathlib import Path

import click

from rehabplan import __version__, api
from rehabplan.errors import UsageError, UserError
from rehabplan.safetext import printable

FORMAT = click.Choice(["table", "json"])


class _Group(click.Group):
    """Turns every ``UserError`` into its message on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            for line in err.lines():  # they quote what people wrote: escape control characters
                click.echo(printable(line, newlines=True), err=True)
            sys.exit(err.exit_code)


def run() -> None:
    """The console entry point: ``main``, then a quick exit once everything is written.

    Why: after a PDF, tearing down the interpreter with OR-Tools and WeasyPrint loaded takes
    about 0.3 s and does nothing useful (every output file is already fsynced and renamed into
    place). Standard streams are flushed first; other commands exit normally.
    """
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if "weasyprint" not in sys.modules and "ortools" not in sys.modules:
            raise
        if done.code is not None and not isinstance(done.code, int):
            click.echo(done.code, err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


class Talk:
    """How much the commands say on stderr: ``--quiet`` keeps only errors and safety alerts,
    ``--verbose`` adds what was read, where it was written and how long each stage took."""

    quiet = False
    verbose = False


def info(text: str) -> None:
    """A progress or summary line (``wrote plan.pdf ...``): not with --quiet."""
    if not Talk.quiet:
        click.echo(text, err=True)


def warn(text: str) -> None:
    """A plan warning: not with --quiet (the plan file carries it too)."""
    info(text)


def alert(text: str) -> None:
    """A safety alert (a referral, a red flag): always printed, even with --quiet."""
    click.echo(text, err=True)


def detail(text: str) -> None:
    """Only with --verbose."""
    if Talk.verbose:
        click.echo(text, err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rehabplan")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and safety alerts on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Also print what was read and written, and timings.")
def main(quiet: bool, verbose: bool) -> None:
    """rehabplan: a runner's knee problem turned into a dated rehab and return-to-run plan.

    Educational, not a diagnosis: see a clinician, especially after an injury.

    \b
    Examples:
      rehabplan init -o profile.yaml
      rehabplan plan profile.yaml -o plan.pdf
      rehabplan --quiet plan --example runners_knee -o plan.json
    """
    if quiet and verbose:
        raise UsageError("--quiet and --verbose contradict each other; give one of them")
    Talk.quiet, Talk.verbose = quiet, verbose


PAPER = click.Choice(["a4", "letter"])


DB = click.option(
    "--db", type=click.Path(path_type=Path), envvar=None,
    help="The rehabplan database (default: $REHABPLAN_HOME/rehabplan.db, else your user data folder).",
)


def profile_path(profile: Path | None, example: str | None) -> Path:
    if (profile is None) == (example is None):
        raise UsageError("give a profile file or --example NAME (one of them)")
    return profile if profile is not None else api.example_path(example)


# the commands: each module registers its own on ``main``
from rehabplan.cli import cmd_batch, cmd_init, cmd_library, cmd_patients, cmd_plan, cmd_today  # noqa: E402,F401
