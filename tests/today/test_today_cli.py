"""`rehabplan today` and `today --guide`: the day's sessions, the guided session played on a fake
clock, and the session log it records at the end."""

import os
import select
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from rehabplan.cli import cmd_today  # registers the command on main
from rehabplan.today import guide
from tests.support.today import ALL_WELL, HOLDS, FakeClock, logs


def test_guide_counts_down_every_hold_and_rest_and_records_the_checkin(run, db, clock):
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input=ALL_WELL)
    assert result.exit_code == 0, result.output
    assert clock.sleeps == [1.0] * sum(seconds for seconds, _ in HOLDS) and sum(clock.sleeps) == 5 * 45 + 4 * 120
    done = [line for line in result.stdout.splitlines() if line.endswith(": done")]
    assert done == [f"{label} {guide.duration(seconds)}: done" for seconds, label in HOLDS]
    assert "Session 1 of 1: Tendon holds, 12 min\nPress Enter to start \n" in result.stdout
    assert "Did you do today's session? [y/n]: y\n" in result.stdout
    assert "Pain 2/10: Green (0-3): safe. Carry on." in result.stdout
    assert (
        "Session log: 2026-11-02, week 1: 1 of 1 sessions done, pain during 2/10, warning signs: none, "
        "note: Stairs fine" in result.stdout
    )
    assert "rehabplan checkin 1 --week 1 --sessions-done N --pain-during-exercise N" in result.stdout
    assert result.stderr == "patient 1: no plan issued yet; made plan version 1\npatient 1: session log recorded\n"
    (row,) = logs(db)
    assert (row.date, row.week, row.planned, row.completed, row.pain_during, row.flags_json, row.note) == (
        date(2026, 11, 2),
        1,
        1,
        1,
        2,
        "[]",
        "Stairs fine",
    )


SIDES = ("left", "right")  # strength trains both legs, each in turn


def test_rep_sets_wait_for_enter_and_the_warm_up_counts_down(run, db, clock):
    answers = "\n" * 13 + "n\n3\nn\ny\nn\nn\n\n"  # start, warm-up done, ten sets; not done, a giving-way knee
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-09", "--db", db, input=answers)
    assert result.exit_code == 0, result.output
    assert sum(clock.sleeps) == 8 * 60 + 4 * 120 + 60  # the warm-up, the step-up's rests, the calf raise's
    assert [line for line in result.stdout.splitlines() if line.startswith("Set ")] == [
        *(f"Set {n} of 4, {side} side: 15 reps — press Enter when done " for n in range(1, 5) for side in SIDES),
        *(f"Set {n} of 2: 15 reps — press Enter when done " for n in (1, 2)),  # calf raises on both feet
    ]
    alert = (
        "RED FLAG (soon): Knee gives way. Stop running. See a physiotherapist or doctor within a week. "
        "Until then keep only to exercises that do not make the knee buckle."
    )
    assert f"Did the knee give way or buckle? [y/n]: y\n{alert}\nDid the knee lock or get stuck?" in result.output
    assert f"STOP: you answered yes to a warning sign. Stop, and see a clinician:\n  {alert}\n" in result.stdout
    assert (
        "Record the warning sign now, so the plan says what to do: rehabplan checkin 1 --week 2 "
        "--sessions-done N --pain-during-exercise N --pain-next-morning N --giving-way\n" in result.stdout
    )
    (row,) = logs(db)
    assert (row.week, row.completed, row.pain_during, row.flags_json, row.note) == (2, 0, 3, '["giving_way"]', None)


def test_bad_answers_are_asked_again(run, db, clock):
    answers = "\n" + "perhaps\ny\n11\nfive\n5\nn\nn\nn\nn\n\n"
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input=answers)
    assert result.exit_code == 0, result.output
    assert (
        "Did you do today's session? [y/n]: perhaps\nError: 'perhaps' is not yes or no; answer yes or no\n"
        in result.stdout
    )
    assert "Error: 11 is out of range; give a pain score, 0-10\n" in result.stdout
    assert "Error: 'five' is not a whole number; give a pain score, 0-10\n" in result.stdout
    assert "0<=x" not in result.stdout and "integer range" not in result.stdout
    assert "Amber (4-5): acceptable only if it settles by the next morning. Hold:" in result.stdout
    assert logs(db)[0].pain_during == 5


def test_the_stored_plan_is_used_once_issued(run, db, clock):
    first = run("today", "--patient", "1", "--db", db)
    assert first.exit_code == 0 and "made plan version 1" in first.stderr
    again = run("today", "--patient", "1", "--db", db)
    assert again.exit_code == 0 and again.stderr == "" and again.stdout == first.stdout
    assert (
        run(
            "checkin",
            "1",
            "--week",
            "1",
            "--sessions-done",
            "1",
            "--pain-next-morning",
            "1",
            "--db",
            db,
            "--red-flag",
            "no_improvement",
        ).exit_code
        == 0
    )
    noted = run("today", "--patient", "1", "--db", db)
    assert noted.stderr == (
        "note: 1 check-in recorded since plan version 1 is not applied yet; `rehabplan plan --patient 1` applies them\n"
    )


def test_ctrl_c_stops_cleanly_and_records_nothing(run, db, monkeypatch):
    monkeypatch.setattr(cmd_today, "CLOCK", FakeClock(stop_after=40))
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input=ALL_WELL)
    assert result.exit_code == 130
    assert result.stderr.endswith("\nGuide stopped: nothing recorded.\n") and "Traceback" not in result.output
    assert "Set 2 of 5" not in result.stdout and logs(db) == []


def test_input_ending_before_the_questions_records_nothing(run, db, clock):
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input="\ny\n")
    assert result.exit_code == 130 and "Guide stopped: nothing recorded." in result.stderr
    assert sum(clock.sleeps) == 5 * 45 + 4 * 120 and logs(db) == []


def test_today_without_guide_prints_the_day(run, profile, clock):
    result = run("today", profile)  # "today" is Wednesday 4 November 2026
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:5] == [
        "Wednesday 4 November 2026: week 1 of 2, Pain-relief holds",
        "1 session, 12 min in all: an easy day, no running or loading",
        "",
        "1. Tendon holds, 12 min",
        "   Leg extension hold (machine), 5 × 45 s hold, rest 120 s",
    ]
    assert result.stdout.endswith("Add --guide to be walked through it, with a timer for every hold and rest.\n")
    assert clock.sleeps == []


def test_a_rest_day_names_the_next_session(run, profile, clock):
    result = run("today", profile, "--date", "2026-11-05", "--guide")
    assert result.exit_code == 0
    assert result.stdout == (
        "Thursday 5 November 2026: week 1 of 2, Pain-relief holds\n"
        "Nothing planned today: not one of your training days. Next session: Monday 9 November 2026 (Strength).\n"
        "Nothing to guide today.\n"
        f"To do the next session now: rehabplan today {profile} --date 2026-11-09 --guide\n"
    )


@pytest.mark.parametrize(
    "day, words",
    [
        (
            "2026-10-26",
            "Monday 26 October 2026 is before the plan, which starts on Monday 2 November 2026. "
            "Next session: Monday 2 November 2026 (Tendon holds).\n"
            "To see it now: rehabplan today {profile} --date 2026-11-02\n",
        ),
        ("2026-11-16", "Monday 16 November 2026 is after the plan, which ended on Sunday 15 November 2026.\n"),
    ],
)
def test_a_day_outside_the_plan(run, profile, clock, day, words):
    result = run("today", profile, "--date", day)
    assert (result.exit_code, result.stdout) == (0, words.format(profile=profile))


def test_before_a_stored_plan_the_hint_repeats_the_command(run, db, clock):
    """Why: the README tour's `today --patient 1` on the day someone reads it may come before
    the plan's first session; the hint says when it is and how to see it now."""
    result = run("today", "--patient", "1", "--db", db, "--date", "2026-11-01", "--guide")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "Next session: Monday 2 November 2026 (Tendon holds).\nNothing to guide today.\n"
        f"To do the next session now: rehabplan today --patient 1 --db {db} "
        "--date 2026-11-02 --guide\n"
    )


def test_a_profile_guide_prints_the_log_but_keeps_nothing(run, profile, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("REHABPLAN_HOME", str(tmp_path / "home"))
    result = run("today", profile, "--guide", "--date", "2026-11-02", input=ALL_WELL)
    assert result.exit_code == 0, result.output
    assert "Session log: 2026-11-02, week 1: 1 of 1 sessions done" in result.stdout
    assert (
        "Not stored: a profile has no record to keep it in (`rehabplan patient add PROFILE` makes one). "
        "At the end of week 1, record the week: rehabplan checkin ID --week 1" in result.stdout
    )
    assert not (tmp_path / "home").exists()


def test_an_example_with_a_start(run, clock):
    result = run("today", "--example", "jumpers_knee", "--start", "2026-11-02", "--date", "2026-11-17")
    assert result.exit_code == 0
    assert "1. Run, 45 min: walk-run stage 1" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2026-13-01"], "--date: '2026-13-01' is not a date; give YYYY-MM-DD, for example 2026-11-23\n"),
        (["--date", "tomorrow"], "--date: 'tomorrow' is not a date; give YYYY-MM-DD, for example 2026-11-23\n"),
        (["--patient", "7"], "no patient 7; `rehabplan patient list` shows the ids\n"),
        (
            ["--patient", "1", "--example", "jumpers_knee"],
            "--patient uses the stored patient's latest plan, so --example does not apply; "
            "change the stored profile with `rehabplan patient update 1 PROFILE`\n",
        ),
        ([], "give a profile file or --example NAME (one of them)\n"),
    ],
)
def test_bad_requests_exit_2_with_a_clear_message(run, db, clock, args, message):
    result = run("today", *args, "--db", db)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert logs(db) == []


def test_a_real_ctrl_c_after_planning_stops_cleanly(profile):
    """Why a real process: after solving, OR-Tools leaves SIGINT at the C default, which would end
    the guide without a word; only a real signal shows Python's handler is back (solver/engine.py)."""
    code = "import rehabplan.cli.cmd_today; from rehabplan.cli import main; main()"
    args = [sys.executable, "-c", code, "today", str(profile), "--date", "2026-11-02", "--guide"]
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        seen, deadline = b"", time.monotonic() + 60
        while b"Press Enter to start" not in seen and time.monotonic() < deadline:
            if select.select([process.stdout], [], [], 1)[0]:
                seen += os.read(process.stdout.fileno(), 4096)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert b"Press Enter to start" in seen
    assert process.returncode == 130, err
    assert err.decode().endswith("Guide stopped: nothing recorded.\n") and b"Traceback" not in err


def test_quiet_keeps_the_status_lines_off_stderr(run, db, clock):
    result = run("--quiet", "today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input=ALL_WELL)
    assert result.exit_code == 0 and result.stderr == ""
    assert len(logs(db)) == 1


def test_the_guide_asks_again_for_a_note_with_an_arrow_key_in_it(run, db, clock):
    """Without line editing, an arrow key types ESC [ A into the answer (free text is checked as in
    tests/intake/test_free_text.py)."""
    answers = "\n".join(["", "y", "2", "n", "n", "n", "n", "Stairs\x1b[A fine", "Stairs fine"]) + "\n"
    result = run("today", "--patient", "1", "--guide", "--date", "2026-11-02", "--db", db, input=answers)
    assert result.exit_code == 0, result.output
    assert "Error: the note contains a control character (ESC, U+001B) at position 7; remove it" in result.stdout
    assert logs(db)[0].note == "Stairs fine"
