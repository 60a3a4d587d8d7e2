"""`rehabplan patient add|list|show|update` and `rehabplan checkin`: stored, validated, and a
bad request leaves the database exactly as it was."""

import sqlite3

import pytest

from tests.support.patients import PROFILE, dump


def test_add_list_show_update(cli, write, db):
    profile = write(PROFILE)
    added = cli("patient", "add", profile, "--db", db)
    assert (added.exit_code, added.stdout) == (0, "1\n")
    listed = cli("patient", "list", "--db", db)
    assert "Test Runner" in listed.stdout and listed.stdout.splitlines()[0].split() == [
        "id",
        "name",
        "added",
        "profile",
        "check-ins",
        "plans",
    ]
    updated = cli("patient", "update", "1", write(PROFILE.replace("weeks: 6", "weeks: 8"), "v2.yaml"), "--db", db)
    assert updated.exit_code == 0 and "profile version 2" in updated.stderr
    shown = cli("patient", "show", "1", "--db", db)
    assert "profile version 2; 8 weeks from 2026-11-02" in shown.stdout


def test_checkin_from_options_and_from_a_file(cli, write, db):
    cli("patient", "add", write(PROFILE), "--db", db)
    first = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "4",
        "--pain-during-run",
        "3",
        "--pain-next-morning",
        "2",
        "--no-swelling",
        "--note",
        "Stairs easier",
        "--db",
        db,
    )
    assert first.exit_code == 0, first.output
    assert first.stderr == "patient 1: check-in for week 1 recorded\n"
    from_file = cli(
        "checkin", "1", "--file", write("week: 2\nsessions_done: 3\npain_next_morning: 1\n", "w2.yaml"), "--db", db
    )
    assert from_file.exit_code == 0
    shown = cli("patient", "show", "1", "--db", db).stdout
    assert "week 1: 4 sessions, pain during 3, next morning 2" in shown
    assert "week 2: 3 sessions, pain during -, next morning 1" in shown


def test_replace_keeps_the_old_one(cli, write, db):
    cli("patient", "add", write(PROFILE), "--db", db)
    args = ["checkin", "1", "--week", "1", "--sessions-done", "4", "--pain-next-morning", "2", "--db", db]
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 2 and "--replace" in again.stderr
    assert cli(*args, "--replace").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
    assert "(replaced an earlier one)" in cli("patient", "show", "1", "--db", db).stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--week", "12", "--sessions-done", "1", "--pain-next-morning", "1"],
            "--week: 12 is after the plan's last week (6); give 1-6",
        ),
        (
            ["--week", "4", "--sessions-done", "1", "--pain-next-morning", "1"],
            "--week: 4 runs 23 Nov – 29 Nov 2026 and has not started yet; record it at the end of that week, on "
            "Sunday 29 November 2026 or after; week 3 is under way: record it at its end, on Sunday 22 November 2026 "
            "or after",
        ),
        (
            ["--week", "0", "--sessions-done", "1", "--pain-next-morning", "12"],
            "check-in: 2 problems\n--week: 0 is out of range; give 1-52 (the plan week it reports on)\n"
            "--pain-next-morning: 12 is out of range; give 0-10 (0 no pain, 10 the worst imaginable)",
        ),
        (["--week", "1"], "check-in: 2 problems\n--sessions-done: is required; add it"),
        ([], "give the check-in: --file FILE, or --week N --sessions-done N --pain-next-morning N ..."),
    ],
)
def test_bad_check_ins_change_nothing(cli, write, db, args, message):
    cli("patient", "add", write(PROFILE), "--db", db)
    before = dump(db)
    result = cli("checkin", "1", *args, "--db", db)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert dump(db) == before


def test_a_week_before_the_plan_says_when_and_what_to_do_now(cli, write, db):
    """Why: a newcomer trying the README tour before their plan starts needs the date and a next step."""
    cli("patient", "add", write(PROFILE.replace("2026-11-02", "2026-11-23")), "--db", db)
    result = cli("checkin", "1", "--week", "1", "--sessions-done", "1", "--pain-next-morning", "1", "--db", db)
    assert (result.exit_code, result.stderr) == (
        2,
        (
            "--week: 1 runs 23 Nov – 29 Nov 2026 and has not started yet; record it at the end of that week, on "
            "Sunday 29 November 2026 or after; until then, `rehabplan today --patient 1` shows the first session\n"
        ),
    )


def test_unknown_patient_and_malformed_file(cli, write, db):
    cli("patient", "add", write(PROFILE), "--db", db)
    before = dump(db)
    unknown = cli("checkin", "7", "--week", "1", "--sessions-done", "1", "--pain-next-morning", "1", "--db", db)
    assert unknown.exit_code == 2 and unknown.stderr == "no patient 7; `rehabplan patient list` shows the ids\n"
    broken = cli("checkin", "1", "--file", write("week: [1\n", "bad.yaml"), "--db", db)
    assert broken.exit_code == 2 and "bad.yaml" in broken.stderr and "Traceback" not in broken.output
    assert dump(db) == before


def test_checkin_and_history_commands_do_not_load_the_solver_or_renderer(write, tmp_path):
    """Once a plan is issued: `checkin` checks a check-in against the stored plan. (Before any
    plan, it solves the plan the profile gives: see tests/planning/test_checkins.py.)"""
    import subprocess
    import sys

    profile = write(PROFILE)
    db = str(tmp_path / "x.db")
    for args in (["patient", "add", str(profile)], ["plan", "--patient", "1", "-o", str(tmp_path / "plan.json")]):
        subprocess.run([sys.executable, "-m", "rehabplan", *args, "--db", db], check=True, capture_output=True)
    commands = [
        ["patient", "add", str(write(PROFILE.replace("Test Runner", "Sam"), "sam.yaml"))],
        ["patient", "list"],
        ["patient", "show", "1"],
        ["checkin", "1", "--week", "1", "--sessions-done", "4", "--pain-next-morning", "1"],
        ["history", "1"],
        ["history", "1", "--format", "json"],
    ]
    code = (
        "import sys, json; from rehabplan.cli import main\n"
        "codes = []\n"
        "for args in json.loads(sys.argv[1]):\n"
        "    try: main(args + ['--db', sys.argv[2]])\n"
        "    except SystemExit as done: codes.append(done.code)\n"
        "print(codes, 'ortools' in sys.modules, 'weasyprint' in sys.modules, 'jinja2' in sys.modules)"
    )
    import json

    proc = subprocess.run([sys.executable, "-c", code, json.dumps(commands), db], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[0, 0, 0, 0, 0, 0] False False False", proc.stderr


def test_add_prints_just_the_id_on_stdout_and_what_next_on_stderr(cli, write, db):
    added = cli("patient", "add", write(PROFILE), "--db", db)
    assert (added.exit_code, added.stdout) == (0, "1\n")
    assert added.stderr == f"Added patient 1 (Test Runner). Next: rehabplan plan --patient 1 --db {db} -o plan.pdf\n"
    quiet = cli("--quiet", "patient", "add", write(PROFILE.replace("Test Runner", "Sam")), "--db", db)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "2\n", "")


def test_the_same_profile_twice_is_refused_without_force(cli, write, db):
    profile = write(PROFILE)
    cli("patient", "add", profile, "--db", db)
    before = dump(db)
    again = cli("patient", "add", profile, "--db", db)
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == (
        f"{profile}: patient 1 (Test Runner) was added from this same profile; "
        "`rehabplan patient show 1` shows them, or add --force to store another patient from it\n"
    )
    assert dump(db) == before
    forced = cli("patient", "add", profile, "--force", "--db", db)
    assert (forced.exit_code, forced.stdout) == (0, "2\n")
    other = cli("patient", "add", write(PROFILE.replace("age: 34", "age: 35"), "older.yaml"), "--db", db)
    assert (other.exit_code, other.stdout) == (0, "3\n")


def test_a_patient_without_a_name_is_shown_by_their_file_name(cli, write, db):
    profile = write(PROFILE.replace("name: Test Runner\n", ""), "anon.yaml")
    added = cli("patient", "add", profile, "--db", db)
    assert added.stderr.startswith("Added patient 1 (no name: anon.yaml). Next:")
    listed = cli("patient", "list", "--db", db).stdout.splitlines()
    assert listed[2].split()[:4] == ["1", "(no", "name:", "anon.yaml)"]
    assert cli("patient", "show", "1", "--db", db).stdout.startswith("Patient 1: (no name: anon.yaml), added ")
    assert cli("history", "1", "--db", db).stdout.startswith("Patient 1: (no name: anon.yaml). Patellofemoral")
