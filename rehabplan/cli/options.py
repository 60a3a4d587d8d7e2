"""What the commands share: option types, the database option, the exit code for Ctrl-C, JSON
on stdout, and the checks of options that do not fit together."""

import json
from pathlib import Path

import click

from rehabplan import api
from rehabplan.errors import UsageError

FORMAT = click.Choice(["table", "json"])

INTERRUPTED = 130  # the shell's code for a command stopped with Ctrl-C


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


PAPER = click.Choice(["a4", "letter"])


def check_paper(paper: str | None, fmt: str) -> None:
    """``--paper`` sizes a handout's pages; with JSON or a calendar it would be silently
    ignored, so it is refused, as ``--time`` is for anything but a calendar."""
    if paper is not None and fmt not in ("pdf", "html"):
        raise UsageError(
            f"--paper sets the handout's page size, so it does not apply to {fmt}; "
            "drop it, or write a handout with --format pdf"
        )


DB = click.option(
    "--db",
    type=click.Path(path_type=Path),
    envvar=None,
    help="The rehabplan database (default: $REHABPLAN_HOME/rehabplan.db, else your user data folder).",
)


def profile_path(profile: Path | None, example: str | None) -> Path:
    if profile is not None and example is None:
        return profile
    if example is not None and profile is None:
        return api.example_path(example)
    raise UsageError("give a profile file or --example NAME (one of them)")
