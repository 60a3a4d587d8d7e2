"""The command line: parse, call one api function, print. The only package that imports click.

This module holds the group, the error handling and the options the commands share; each
``cmd_*`` module adds its commands to ``main`` when imported (at the end of this file).
"""

import json
import os
import re
import sys
from pathlib import Path

import click

from rehabplan import __version__, api
from rehabplan.errors import UsageError, UserError
from rehabplan.safetext import printable

FORMAT = click.Choice(["table", "json"])


INTERRUPTED = 130  # the shell's code for a command stopped with Ctrl-C


class _Command(click.Command):
    """A command that takes ``-q``/``-v`` after its name as well as before it, and ``--db``
    before its name as well as after it (when it keeps patients). Contradictions are refused."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params += [click.Option(["-q", "--quiet"], is_flag=True, hidden=True),
                        click.Option(["-v", "--verbose"], is_flag=True, hidden=True)]

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


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rehabplan")
@click.option("-q", "--quiet", is_flag=True,
              help="Print only errors and safety alerts on stderr (here or after the command).")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print what was read and written, timings and rule codes (here or after the command).")
@click.option("--db", type=click.Path(path_type=Path),
              help="The rehabplan database, for the commands that keep patients (here or after the command).")
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


def set_talk(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise UsageError("--quiet and --verbose contradict each other; give one of them")
    Talk.quiet, Talk.verbose = quiet, verbose


PAPER = click.Choice(["a4", "letter"])


def check_paper(paper: str | None, fmt: str) -> None:
    """``--paper`` sizes a handout's pages; with JSON or a calendar it would be silently
    ignored, so it is refused, as ``--time`` is for anything but a calendar."""
    if paper is not None and fmt not in ("pdf", "html"):
        raise UsageError(f"--paper sets the handout's page size, so it does not apply to {fmt}; "
                         "drop it, or write a handout with --format pdf")


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
