"""Where `rehabplan plan` writes and in which format: a summary instead of 100 kB of JSON on a
terminal, JSON to a pipe, `-o -` for standard output, an unknown ending refused, and options
that do not apply to the format (--paper, --time) refused by one rule."""

import json
import os

import pytest

from rehabplan.cli import cmd_plan
from tests.support import GOOD
from tests.support.terminal import on_a_terminal

START = "2026-11-23"
OVERVIEW = """\
8 weeks from 2026-11-23 to 2027-01-17, for Jamie Rivera
Phases: Settle and start loading (weeks 1-2); Build strength (weeks 3-8)
Sessions: 6-7 a week; running from 18 min in week 1 to 60 min in week 8

Write it with -o plan.pdf (handout), -o plan.json (data) or -o plan.ics (calendar);
pipe it to get JSON.
"""
WARNINGS = (  # the example's own, on stderr: short days for stretching, running below half its usual week
    "warning: Short days: outer-thigh (IT band) mobility fits on ",
    "warning: Short days: thigh stretching fits on ",
    "warning: Short day: on Saturdays (60 minutes) the Hip and knee strength session leaves out some of these",
    "warning: Running ends at 60 of your usual 150 minutes a week (40 %) in week 8: ",
)


@pytest.fixture
def terminal(monkeypatch):
    """Standard output is a terminal (CliRunner's is not)."""
    monkeypatch.setattr(cmd_plan, "stdout_is_terminal", lambda: True)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_on_a_terminal_a_summary_instead_of_the_json(cli, terminal, here):
    result = cli("plan", "--example", "runners_knee", "--start", START)
    assert (result.exit_code, result.stdout) == (0, OVERVIEW)
    lines = result.stderr.splitlines()
    assert len(lines) == len(WARNINGS) and all(line.startswith(w) for line, w in zip(lines, WARNINGS))
    assert list(here.iterdir()) == []


def test_a_real_terminal_gets_the_summary():
    code, seen = on_a_terminal("plan", "--example", "runners_knee", "--start", START, stream="stdout")
    assert code == 0
    assert seen.decode().replace("\r\n", "\n") == OVERVIEW


def test_the_summary_keeps_warnings_and_the_referral_on_stderr(cli, terminal, write):
    path = write(GOOD + f"plan: {{start: {START}, weeks: 2}}\nrunning: {{baseline_weekly_minutes: 0}}\n")
    result = cli("plan", path)
    assert result.exit_code == 0
    assert result.stdout.startswith("2 weeks from 2026-11-23 to 2026-12-06, for Test Runner\n")
    assert result.stderr.startswith("warning: You have no running baseline")

    flagged = write(GOOD + "red_flags: [cannot_bear_weight]\n", "flagged.yaml")
    result = cli("plan", flagged)
    assert result.exit_code == 0
    assert result.stdout.startswith("A referral, not an exercise plan: see a clinician first (below).\n")
    assert result.stderr.startswith("REFERRAL (")


def test_a_stored_patient_on_a_terminal(cli, terminal, write, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    db = tmp_path / "rehabplan.db"
    assert cli("patient", "add", write(GOOD + f"plan: {{start: {START}, weeks: 3}}\n"), "--db", db).exit_code == 0
    result = cli("plan", "--patient", "1", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith("3 weeks from 2026-11-23 to 2026-12-13, for Test Runner\n")
    assert result.stdout.endswith("pipe it to get JSON.\n")
    assert result.stderr.startswith("patient 1: new plan version 1 (no check-ins applied); 3 weeks\n")


def test_asking_for_a_format_prints_it_even_on_a_terminal(cli, terminal):
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["weeks"][0]["number"] == 1
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["weeks"][0]["number"] == 1


def test_a_pipe_gets_the_json_as_before(cli):
    result = cli("plan", "--example", "runners_knee", "--weeks", "1")
    assert result.exit_code == 0 and json.loads(result.stdout)["status"] == "ok"


def test_dash_is_standard_output_not_a_file(cli, here):
    piped = cli("plan", "--example", "runners_knee", "--weeks", "1", "--start", START)
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "--start", START, "-o", "-")
    assert (result.exit_code, result.stdout, result.stderr) == (0, piped.stdout, piped.stderr)
    assert "wrote" not in result.stderr
    ics = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", "-", "--format", "ics")
    assert ics.exit_code == 0 and ics.stdout.startswith("BEGIN:VCALENDAR")
    assert list(here.iterdir()) == []


def test_dash_with_a_pdf_on_a_terminal_is_refused(cli, terminal, here):
    result = cli("plan", "--example", "runners_knee", "-o", "-", "--format", "pdf")
    assert (result.exit_code, result.stderr) == (
        2,
        "--format pdf: a PDF cannot be shown in the terminal; add -o FILE.pdf\n",
    )


@pytest.mark.parametrize(
    "name, ending",
    [
        ("plan.docx", "the ending .docx"),
        ("plan.txt", "the ending .txt"),
        ("plan", "a name without an ending"),
    ],
)
def test_an_ending_that_names_no_format_is_refused(cli, here, name, ending):
    result = cli("plan", "--example", "runners_knee", "-o", name)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        (
            f"-o {name}: {ending} does not say which format to write; name the file *.pdf (handout), *.html, "
            "*.json (data) or *.ics (calendar), or add --format\n"
        ),
    )
    assert list(here.iterdir()) == []


def test_any_name_with_an_explicit_format(cli, here):
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", "plan.txt", "--format", "json")
    assert result.exit_code == 0 and json.loads((here / "plan.txt").read_text(encoding="utf-8"))["status"] == "ok"


def test_a_device_without_an_ending_is_still_written_as_json(cli):
    result = cli("plan", "--example", "runners_knee", "--weeks", "1", "-o", os.devnull)
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    "args, fmt",
    [
        (["--paper", "a4"], "json"),
        (["--paper", "letter", "-o", "plan.json"], "json"),
        (["--paper", "a4", "-o", "plan.ics"], "ics"),
        (["--paper", "a4", "--format", "ics"], "ics"),
    ],
)
def test_paper_with_json_or_a_calendar_is_refused_like_time(cli, here, args, fmt):
    result = cli("plan", "--example", "runners_knee", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        (
            f"--paper sets the handout's page size, so it does not apply to {fmt}; "
            "drop it, or write a handout with --format pdf\n"
        ),
    )
    assert list(here.iterdir()) == []


def test_paper_with_a_stored_patient_and_with_a_batch(cli, write, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    message = (
        "--paper sets the handout's page size, so it does not apply to json; "
        "drop it, or write a handout with --format pdf\n"
    )
    result = cli("plan", "--patient", "1", "--paper", "a4", "--db", tmp_path / "rehabplan.db")
    assert (result.exit_code, result.stderr) == (2, message)
    profiles = write(GOOD).parent
    result = cli("batch", profiles, "-o", tmp_path / "plans", "--format", "json", "--paper", "a4")
    assert (result.exit_code, result.stderr) == (2, message)
    assert not (tmp_path / "plans").exists()
