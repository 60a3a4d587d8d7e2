"""How the commands talk: stage lines on a terminal's stderr only (a pipe's stderr stays exactly
as it was), no rule codes or solver words unless --verbose (the JSON keeps them), and -q, -v and
--db accepted before or after the command."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.support import GOOD
from tests.support.terminal import on_a_terminal

START = "2026-11-23"
NEW_RUNNER = GOOD + f"plan: {{start: {START}, weeks: 2}}\nrunning: {{baseline_weekly_minutes: 0}}\n"
CODED = (
    "warning: You have no running baseline, so the walk-run ladder is your build-up and weekly running "
    "stays at or below 90 minutes in this plan{}."
)
SHORT_DAY = (  # a run and a strength session share the 60-minute Saturday
    "warning: Short day: on Saturdays (60 minutes) the Hip and knee strength session leaves out some of these: "
    "hip rotator strength; trunk control in weeks 1-2. 70 minutes on Saturday would fit them (availability.sat: 70)."
)


def test_stage_lines_on_a_terminal_are_overwritten_then_cleared(tmp_path):
    out = tmp_path / "plan.pdf"
    code, seen = on_a_terminal("plan", "--example", "behind_knee", "--weeks", "1", "--start", START, "-o", str(out))
    assert code == 0, seen
    stages, _, rest = seen.partition(b"\r\x1b[K")
    planning, laying_out, making, writing, end = stages.split(b"\x1b[K")
    assert (planning, laying_out, writing, end) == (
        b"\rplanning 1 week...",
        b"\rlaying out the handout...",
        f"\rwriting {out}...".encode(),
        b"",
    )
    assert re.fullmatch(rb"\rmaking the PDF \(\d+ pages\)\.\.\.", making)
    assert rest.decode().startswith(f"wrote {out}: 1 week from 2026-11-23 to 2026-11-29\r\n")


def test_a_stored_patient_plan_shows_its_stages_too(tmp_path, write):
    env = {**os.environ, "REHABPLAN_HOME": str(tmp_path / "home")}
    subprocess.run(
        [sys.executable, "-m", "rehabplan", "patient", "add", str(write(NEW_RUNNER))],
        env=env,
        check=True,
        capture_output=True,
    )
    code, seen = on_a_terminal("plan", "--patient", "1", "-o", str(tmp_path / "plan.pdf"), env=env)
    assert code == 0, seen
    assert seen.startswith(b"\rplanning 2 weeks...\x1b[K\rlaying out the handout...\x1b[K")


def test_quiet_shows_no_stage_lines(tmp_path):
    code, seen = on_a_terminal(
        "plan", "--example", "behind_knee", "--weeks", "1", "-q", "-o", str(tmp_path / "plan.pdf")
    )
    assert (code, seen) == (0, b"")


def test_a_pipe_gets_no_stage_lines(cli, tmp_path):
    out = tmp_path / "plan.pdf"
    result = cli("plan", "--example", "behind_knee", "--weeks", "1", "--start", START, "-o", out)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"wrote {out}: 1 week from 2026-11-23 to 2026-11-29\nwarning: No running")
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


def test_warnings_without_rule_codes_or_solver_words_unless_verbose(cli, write, tmp_path):
    out = tmp_path / "plan.json"
    result = cli("plan", write(NEW_RUNNER), "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out}: 2 weeks from 2026-11-23 to 2026-12-06\n{CODED.format('')}\n{SHORT_DAY}\n"
    assert json.loads(out.read_text(encoding="utf-8"))["warnings"][0].endswith("in this plan (R-LD-05).")

    verbose = cli("plan", write(NEW_RUNNER), "-o", out, "--verbose")
    assert CODED.format(" (R-LD-05)") in verbose.stderr.splitlines()
    assert "(solver OPTIMAL)" in verbose.stderr


def test_the_stored_patient_plan_speaks_plainly_too(cli, write, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    db = tmp_path / "rehabplan.db"
    assert cli("patient", "add", write(NEW_RUNNER), "--db", db).exit_code == 0
    result = cli("plan", "--patient", "1", "--db", db)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [CODED.format(""), SHORT_DAY]


def test_quiet_and_verbose_after_the_command(cli, write, tmp_path):
    out = tmp_path / "plan.json"
    assert cli("plan", write(NEW_RUNNER), "-o", out, "-q").stderr == ""
    assert cli("plan", write(NEW_RUNNER), "-o", out, "--quiet").stderr == ""
    assert cli("plan", write(NEW_RUNNER), "-o", out, "-v").stderr.startswith("profile: ")
    assert cli("exercises", "list", "-q").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "plan", "--example", "runners_knee", "-v"],
        ["-v", "plan", "--example", "runners_knee", "--quiet"],
        ["plan", "--example", "runners_knee", "-q", "-v"],
    ],
)
def test_quiet_and_verbose_still_contradict_wherever_they_are(cli, args):
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "--quiet and --verbose contradict each other; give one of them\n",
    )


def test_db_before_or_after_the_command(cli, write, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    assert cli("--db", first, "patient", "add", write(NEW_RUNNER)).stdout == "1\n"
    assert cli("patient", "list", "--db", first).stdout.startswith("id")
    assert cli("--db", first, "patient", "list").stdout.startswith("id")
    assert cli("--db", first, "patient", "list", "--db", first).stdout.startswith("id")
    assert cli("--db", first, "patient", "list", "-q").stdout.startswith("id")
    assert not second.exists()
    result = cli("--db", first, "patient", "list", "--db", second)
    assert (result.exit_code, result.stderr) == (2, f"--db is given twice, as {first} and {second}; give it once\n")
    assert not second.exists()


def test_a_batch_failure_speaks_plainly_and_its_summary_file_keeps_the_code(cli, tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    tight = GOOD.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 5}") + f"plan: {{start: {START}, weeks: 1}}\n"
    (profiles / "tight.yaml").write_text(tight, encoding="utf-8")
    plans = tmp_path / "plans"
    result = cli("batch", profiles, "-o", plans, "--format", "json", "--jobs", "1")
    assert result.exit_code == 1
    assert "hip and knee strength session a week.\n" in result.stderr and "R-PFP-01" not in result.stderr
    assert "(R-PFP-01)" in (plans / "batch-summary.txt").read_text(encoding="utf-8")
