"""The README stays true: its command reference matches the real commands, and its tour and
clinic examples run as written.

The examples run in a fresh folder with a fresh store, on the real date: `init` takes every
default (Enter at each question), as a reader trying the tour would, and its default start is
this week's Monday, so `checkin --week 1` reports on a week that has started whatever the day.
The same tour also runs on each day of one week, with the date injected.
"""

import os
import re
import shlex
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from rehabplan.cli import main
from rehabplan.cli.reference import current_in, reference_markdown
from rehabplan.today import day as today_day

README = Path(__file__).resolve().parents[1] / "README.md"


def block_after(marker: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker} -->\n```sh\n(.*?)```", text, re.DOTALL)
    assert found, f"README.md has no sh block after <!-- {marker} -->"
    return [line for line in found.group(1).splitlines() if line.strip()]


def test_the_command_reference_matches_the_commands():
    assert current_in(README.read_text(encoding="utf-8")) == reference_markdown(), (
        "README.md's command reference is out of date: run python -m rehabplan.cli.reference --write"
    )


def test_the_picture_and_the_two_set_up_commands_are_there():
    text = README.read_text(encoding="utf-8")
    picture = re.search(r"!\[[^\]]+\]\(([^)]+\.png)\)", text)
    assert picture and (README.parent / picture.group(1)).is_file()
    assert "pip install ." in block_after("main-command")[0] and "rehabplan plan" in block_after("main-command")[0]
    assert "pytest" in block_after("test-command")[0]


class Today(date):
    """``date`` with ``today()`` set by a test (the modules that ask for today's date use it)."""

    day = date(2026, 11, 23)

    @classmethod
    def today(cls):
        return cls.day


@pytest.fixture
def on_day(monkeypatch):
    """Set "today" for init's default start, the check-in's week check, `today` and validate."""
    import rehabplan.api
    import rehabplan.cli.cmd_today
    import rehabplan.intake.questionnaire
    import rehabplan.patients.records

    for module in (rehabplan.api, rehabplan.cli.cmd_today, rehabplan.patients.records, rehabplan.intake.questionnaire):
        monkeypatch.setattr(module, "date", Today)

    def _on(day: date) -> None:
        Today.day = day

    return _on


def run_lines(lines: list[str], folder: Path, env: dict) -> list:
    results = []
    for line in lines:
        args = shlex.split(line, comments=True)
        if args[0] != "rehabplan":
            done = subprocess.run(["bash", "-c", line], cwd=folder, capture_output=True, text=True)
            assert done.returncode == 0, f"{line}: {done.stderr}"
            continue
        result = _in_folder(CliRunner(), args[1:], folder, env)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        results.append((line, result))
    return results


def _in_folder(runner: CliRunner, args: list[str], folder: Path, env: dict):
    before = os.getcwd()
    os.chdir(folder)
    try:
        return runner.invoke(main, args, env=env, input="\n" * 200, catch_exceptions=False)
    finally:
        os.chdir(before)


def test_the_tour_and_the_clinic_example_run_as_written(tmp_path):
    env = {"REHABPLAN_HOME": str(tmp_path / "home"), "LC_ALL": "C.UTF-8"}
    results = dict(run_lines(block_after("tour") + block_after("clinic"), tmp_path, env))
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "plan.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert "new plan version 2 (check-ins for week 1)" in results["rehabplan plan --patient 1 -o plan.pdf"].stderr
    assert "advance (green)" in results["rehabplan history 1"].stdout
    assert (tmp_path / "plans" / "jamie.json").is_file()


@pytest.mark.parametrize("weekday", range(7), ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
def test_the_tour_works_on_every_day_of_the_week(tmp_path, on_day, weekday):
    """Why: someone reads the README on any day; on the day they do, the tour must work as written."""
    day = date(2026, 11, 23) + timedelta(days=weekday)
    on_day(day)
    env = {"REHABPLAN_HOME": str(tmp_path / "home"), "LC_ALL": "C.UTF-8"}
    lines = [line.replace(".pdf", ".json") for line in block_after("tour")]  # the same steps, quicker to write
    results = dict(run_lines(lines, tmp_path, env))
    assert "start: 2026-11-23" in (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    shown = results["rehabplan today --patient 1"].stdout
    assert shown.startswith(f"{today_day.weekday(day)} {day.day} November 2026: week 1 of 8")
    assert "To see it now: rehabplan today --patient 1 --date " in shown or "Add --guide" in shown
    assert "advance (green)" in results["rehabplan history 1"].stdout


def test_the_profile_example_validates(tmp_path):
    from rehabplan.intake.profile import load_profile

    text = README.read_text(encoding="utf-8")
    example = re.search(r"## Your profile.*?```yaml\n(.*?)```", text, re.DOTALL).group(1)
    path = tmp_path / "profile.yaml"
    path.write_text(example, encoding="utf-8")
    assert load_profile(path).availability.by_day()["sat"] == 60


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_lines_work(shell):
    text = README.read_text(encoding="utf-8")
    assert f"_REHABPLAN_COMPLETE={shell}_source rehabplan" in text
    done = subprocess.run(
        [sys.executable, "-c", "from rehabplan.cli import main; main(prog_name='rehabplan')"],
        env={**os.environ, "_REHABPLAN_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "rehabplan" in done.stdout and "_REHABPLAN_COMPLETE" in done.stdout
