"""Conventions every command keeps: help with an example, --version, --quiet and --verbose,
errors on stderr with the contract's exit codes and never a traceback."""

import click
import pytest

from rehabplan import __version__
from rehabplan.cli import main


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from commands(command, path + (name,))


@pytest.mark.parametrize("path, command", list(commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(cli, path, command):
    result = cli(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, f"rehabplan {' '.join(path)} --help has no example"
    assert command.help and len(command.help.split("\n")[0]) <= 100


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout == f"rehabplan, version {__version__}\n"


def test_quiet_keeps_only_errors_and_alerts(cli, write, tmp_path):
    out = tmp_path / "plan.json"
    loud = cli("plan", "--example", "jumpers_knee", "-o", out)
    assert loud.exit_code == 0 and loud.stderr.startswith("wrote ")
    quiet = cli("--quiet", "plan", "--example", "jumpers_knee", "-o", out)
    assert quiet.exit_code == 0 and quiet.stderr == ""
    flagged = write(
        "name: T\nage: 40\nconditions: [patellofemoral_pain]\npain: {at_rest: 1, during_run: 4}\n"
        "walk_30min_pain_free: true\navailability: {mon: 30}\nred_flags: [calf_swelling]\n"
    )
    referral = cli("-q", "plan", flagged, "-o", out)
    assert referral.exit_code == 0 and referral.stderr.startswith("REFERRAL (urgent): Do not start")


def test_verbose_says_what_was_read_and_how_long(cli, tmp_path):
    result = cli("--verbose", "plan", "--example", "runners_knee", "-o", tmp_path / "plan.json")
    assert result.exit_code == 0
    assert "profile: " in result.stderr and "planned 8 weeks in " in result.stderr


def test_quiet_and_verbose_together_is_a_usage_error(cli):
    result = cli("-q", "-v", "examples")
    assert result.exit_code == 2 and result.stderr == "--quiet and --verbose contradict each other; give one of them\n"


@pytest.mark.parametrize(
    "args, code",
    [
        (["plan"], 2),  # neither a profile nor an example
        (["plan", "--example", "nope"], 2),
        (["exercises", "show", "no_such_exercise"], 2),
        (["conditions", "show", "broken_leg"], 2),
    ],
)
def test_errors_go_to_stderr_with_the_contract_exit_code(cli, args, code):
    result = cli(*args)
    assert result.exit_code == code and result.stdout == "" and result.stderr
    assert "Traceback" not in result.stderr
