"""The ``rehabplan`` group: every command's shared options (``-q``/``-v`` after the command's
name too, ``--db`` before it), one error boundary that turns a ``UserError`` into its message
and exit code and Ctrl-C into exit 130, and the console entry point ``run``. The commands
register themselves on ``main`` (cmd_*.py); rehabplan/cli/__init__.py imports them all.
"""

import os
import sys
from pathlib import Path

import click

from rehabplan import __version__
from rehabplan.cli.options import INTERRUPTED
from rehabplan.cli.talk import Talk, plain, set_talk, unstage
from rehabplan.errors import UsageError, UserError
from rehabplan.safetext import printable


class _Command(click.Command):
    """A command that takes ``-q``/``-v`` after its name as well as before it, and ``--db``
    before its name as well as after it (when it keeps patients). Contradictions are refused."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params += [
            click.Option(["-q", "--quiet"], is_flag=True, hidden=True),
            click.Option(["-v", "--verbose"], is_flag=True, hidden=True),
        ]

    def invoke(self, ctx: click.Context):
        set_talk(ctx.params.pop("quiet") or Talk.quiet, ctx.params.pop("verbose") or Talk.verbose)
        before = ctx.find_root().params.get("db")
        if "db" in ctx.params and before is not None:
            if ctx.params["db"] is not None and ctx.params["db"] != before:
                raise UsageError(f"--db is given twice, as {before} and {ctx.params['db']}; give it once")
            ctx.params["db"] = before
        return super().invoke(ctx)


class _Group(click.Group):
    """Turns every ``UserError`` into its message on stderr and its exit code, and Ctrl-C into
    exit 130, never a traceback. Its commands also take the shared options after their name."""

    group_class = type  # sub-groups (patient, exercises, conditions) behave the same
    command_class = _Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            unstage()
            for line in err.lines():  # they quote what people wrote: escape control characters
                click.echo(printable(plain(line), newlines=True), err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            # Why: every output file is written atomically and the store commits whole
            # transactions, so a stop at any point leaves nothing half-written.
            unstage()
            click.echo("\nstopped: nothing was written", err=True)
            sys.exit(INTERRUPTED)
        finally:
            unstage()


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rehabplan")
@click.option(
    "-q", "--quiet", is_flag=True, help="Print only errors and safety alerts on stderr (here or after the command)."
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also print what was read and written, timings and rule codes (here or after the command).",
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="The rehabplan database, for the commands that keep patients (here or after the command).",
)
def main(quiet: bool, verbose: bool, db: Path | None) -> None:
    """rehabplan: a runner's knee problem turned into a dated rehab and return-to-run plan.

    Educational, not a diagnosis: see a clinician, especially after an injury.

    \b
    Examples:
      rehabplan init -o profile.yaml
      rehabplan plan profile.yaml -o plan.pdf
      rehabplan --quiet plan --example runners_knee -o plan.json
    """
    Talk.quiet = Talk.verbose = False
    set_talk(quiet, verbose)
