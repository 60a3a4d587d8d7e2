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

FORMAT = click.Choice(["table", "json"])


class _Group(click.Group):
    """Turns every ``UserError`` into its message on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            for line in err.lines():
                click.echo(line, err=True)
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rehabplan")
def main() -> None:
    """rehabplan: a runner's knee problem turned into a dated rehab and return-to-run plan.

    Educational, not a diagnosis: see a clinician, especially after an injury.
    """


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
from rehabplan.cli import cmd_library, cmd_patients, cmd_plan  # noqa: E402,F401
