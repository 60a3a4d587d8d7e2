"""Every check-in is checked against the plan it reports on, from every way in (`checkin` options
and --file, `plan PROFILE --checkins`, stored check-ins for `plan --patient` and `history`), with
the same messages: a week inside the plan, no more sessions or runs than that week planned."""

import json
import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from rehabplan.api import plan_profile
from rehabplan.intake.checkin import CheckIn
from rehabplan.patients.store import Store
from rehabplan.planning.pipeline import make_plan
from tests.support import GOOD
from tests.support.patients import dump

PROFILE = GOOD + "plan: {start: 2026-11-02, weeks: 6}\n"  # today is in week 3 (FixedDate)
NO_RUNS = PROFILE.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false")


def profile_from(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        return plan_profile(path)


@cache
def planned(text: str, week: int = 1) -> tuple[int, int]:
    """Sessions and runs the plan for this profile text has in ``week``."""
    plan = make_plan(profile_from(text))
    sessions = [s.type for d in plan.weeks[week - 1].days for s in d.sessions]
    return len(sessions), sessions.count("run")


def too_many(count: int, week: int = 1) -> str:
    return f"is more than the {count} sessions week {week} of your plan has; count the planned ones you did, 0-{count}"


def test_checkin_before_any_plan_is_checked_against_the_plan_the_profile_gives(cli, write, db):
    sessions, _ = planned(PROFILE)
    cli("patient", "add", write(PROFILE), "--db", db)
    before = dump(db)
    result = cli(
        "checkin", "1", "--week", "1", "--sessions-done", str(sessions + 4), "--pain-next-morning", "1", "--db", db
    )
    assert (result.exit_code, result.stderr) == (2, f"--sessions-done: {sessions + 4} {too_many(sessions)}\n")
    week = write(f"week: 1\nsessions_done: {sessions + 4}\npain_next_morning: 1\n", "w1.yaml")
    from_file = cli("checkin", "1", "--file", week, "--db", db)
    assert (from_file.exit_code, from_file.stderr) == (
        2,
        f"{week}: sessions_done: {sessions + 4} {too_many(sessions)}\n",
    )
    assert dump(db) == before
    assert (
        cli(
            "checkin", "1", "--week", "1", "--sessions-done", str(sessions), "--pain-next-morning", "1", "--db", db
        ).exit_code
        == 0
    )


def test_runs_in_a_week_without_runs_and_two_problems_at_once(cli, write, db):
    sessions, runs = planned(NO_RUNS)
    assert runs == 0
    cli("patient", "add", write(NO_RUNS), "--db", db)
    one = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "1",
        "--runs-done",
        "1",
        "--pain-next-morning",
        "1",
        "--db",
        db,
    )
    assert (one.exit_code, one.stderr) == (
        2,
        "--runs-done: 1 is more than week 1 of your plan has: it has no runs; give 0 or leave it out\n",
    )
    two = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        str(sessions + 1),
        "--runs-done",
        "1",
        "--pain-next-morning",
        "1",
        "--db",
        db,
    )
    assert two.exit_code == 2 and two.stderr.splitlines() == [
        "check-in: 2 problems",
        f"--sessions-done: {sessions + 1} {too_many(sessions)}",
        "--runs-done: 1 is more than week 1 of your plan has: it has no runs; give 0 or leave it out",
    ]


def test_pain_during_a_run_is_kept_even_in_a_week_without_runs(cli, write, db):
    """Why: pain is safety information; it can only make the decision more careful."""
    cli("patient", "add", write(NO_RUNS), "--db", db)
    result = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "1",
        "--pain-during-run",
        "7",
        "--pain-next-morning",
        "1",
        "--db",
        db,
    )
    assert result.exit_code == 0


def test_plan_with_check_ins_refuses_counts_above_the_plan(cli, write, tmp_path):
    sessions, runs = planned(PROFILE)
    out = tmp_path / "plan.json"
    checkins = write(
        f"- {{week: 1, sessions_done: {sessions + 34}, runs_done: {runs + 1}, pain_next_morning: 1}}\n", "c.yaml"
    )
    result = cli("plan", write(PROFILE), "--checkins", checkins, "-o", out)
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        "--checkins: 2 problems",
        f"--checkins: sessions_done: {sessions + 34} {too_many(sessions)}",
        f"--checkins: runs_done: {runs + 1} is more than the {runs} runs week 1 of your plan has; "
        f"count the planned ones you did, 0-{runs}",
    ]
    assert not out.exists()


def test_plan_with_check_ins_refuses_weeks_past_the_plan_before_planning(cli, write, monkeypatch):
    from rehabplan import api

    monkeypatch.setattr(api, "build_plan", lambda *args: pytest.fail("planned before checking the weeks"))
    late = write("- {week: 9, sessions_done: 1, pain_next_morning: 1}\n", "late.yaml")
    result = cli("plan", write(PROFILE), "--checkins", late)
    assert (result.exit_code, result.stderr) == (2, f"{late}: week: 9 is after the plan's last week (6); give 1-6\n")


def test_plan_with_check_ins_does_not_look_at_the_clock(cli, write):
    """Why: a stateless plan depends only on its files and options; the same ones give the same
    plan on any day, so a check-in for a week after today is not refused here."""
    checkins = write("- {week: 1, sessions_done: 1, pain_next_morning: 1}\n", "c.yaml")
    result = cli("plan", write(PROFILE), "--start", "2099-01-05", "--weeks", "2", "--checkins", checkins)
    assert result.exit_code == 0, result.output


@pytest.fixture
def stored_off_plan(cli, write, db):
    """A patient whose week 1 check-in counts more sessions than the plan has, as an earlier
    rehabplan (or a direct write) could have stored it."""
    sessions, _ = planned(PROFILE)
    cli("patient", "add", write(PROFILE), "--db", db)
    with Store.open(db) as store:
        store.add_checkin(1, 1, json.dumps({"week": 1, "sessions_done": sessions + 4, "pain_next_morning": 1}))
    return sessions


def test_plan_for_a_patient_refuses_a_stored_check_in_that_does_not_fit(cli, db, stored_off_plan):
    sessions = stored_off_plan
    before = dump(db)
    result = cli("plan", "--patient", "1", "--db", db)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "patient 1: the check-in stored for week 1 does not fit the plan; record it again with "
        "`rehabplan checkin 1 --week 1 ... --replace`",
        f"week 1: sessions_done: {sessions + 4} {too_many(sessions)}",
    ]
    assert dump(db) == before
    fixed = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        str(sessions),
        "--pain-next-morning",
        "1",
        "--replace",
        "--db",
        db,
    )
    assert fixed.exit_code == 0
    assert cli("plan", "--patient", "1", "--db", db).exit_code == 0


def test_history_does_not_decide_a_stored_check_in_that_does_not_fit(cli, db, stored_off_plan):
    sessions = stored_off_plan
    with Store.open(db) as store:  # a plan issued before the check-in
        store.add_plan(1, 1, make_plan(profile_from(PROFILE)).to_json(), [])
    shown = cli("history", "1", "--db", db).stdout
    assert "advance" not in shown
    assert (
        f"week 1: not decided: sessions_done: {sessions + 4} {too_many(sessions)}; "
        "`rehabplan checkin 1 --week 1 ... --replace` records it again."
    ) in " ".join(shown.split())


def test_a_count_of_one_reads_in_the_singular():
    from rehabplan.adapt.fit import checkin_problems

    checkin = CheckIn(week=1, sessions_done=2, runs_done=2, pain_next_morning=1)
    week = SimpleNamespace(
        number=1, days=[SimpleNamespace(sessions=[SimpleNamespace(type="run"), SimpleNamespace(type="strength")])]
    )
    profile = SimpleNamespace(plan=SimpleNamespace(weeks=4, start=date(2026, 11, 2)))
    [problem] = checkin_problems(checkin, profile, SimpleNamespace(weeks=[week]))
    assert problem.message.startswith("is more than the 1 run week 1 of your plan has")
