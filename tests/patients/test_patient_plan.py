"""`rehabplan plan --patient ID [--version K]` and `rehabplan history ID`: plans built from the
stored profile and check-ins, kept, reprinted byte for byte; the history with its decisions."""

import json

import pytest

from rehabplan.patients import records
from tests.support import GOOD
from tests.support.patients import FixedDate, dump

PROFILE = GOOD + "plan: {start: 2026-11-02, weeks: 6}\n"
WEEK1 = [
    "--week",
    "1",
    "--sessions-done",
    "4",
    "--runs-done",
    "2",
    "--pain-during-run",
    "2",
    "--pain-next-morning",
    "1",
]
WEEK2 = [
    "--week",
    "2",
    "--sessions-done",
    "4",
    "--runs-done",
    "2",
    "--pain-during-run",
    "2",
    "--pain-next-morning",
    "3",
]


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "date", FixedDate)
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    return tmp_path / "store" / "rehabplan.db"


@pytest.fixture
def patient(cli, write, db):
    assert cli("patient", "add", write(PROFILE), "--db", db).stdout == "1\n"
    return db


def plan_json(cli, db, *args):
    result = cli("plan", "--patient", "1", "--db", db, *args)
    assert result.exit_code == 0, result.output
    return result


def test_each_new_check_in_gives_a_new_stored_version(cli, patient):
    first = plan_json(cli, patient)
    assert first.stderr.startswith("patient 1: new plan version 1 (no check-ins applied); 6 weeks")
    again = plan_json(cli, patient)
    assert "plan version 1 unchanged: nothing new reported since" in again.stderr
    assert again.stdout == first.stdout
    cli("checkin", "1", *WEEK1, "--db", patient)
    second = plan_json(cli, patient)
    assert second.stderr.startswith("patient 1: new plan version 2 (check-ins for week 1)")
    data = json.loads(second.stdout)
    assert [d["action"] for d in data["decisions"]] == ["advance"]
    assert data["decisions"][0]["pain_next_morning"] == 1
    from rehabplan.patients.store import Store

    with Store.open(patient) as store:
        assert [(p.version, len(p.checkin_ids)) for p in store.plans(1)] == [(1, 0), (2, 1)]


def test_an_unchanged_patient_is_not_solved_again(cli, patient, monkeypatch):
    first = plan_json(cli, patient)
    from rehabplan import api

    class Solved(Exception):
        pass

    def solve(*args):
        raise Solved

    monkeypatch.setattr(api, "build_plan", solve)
    assert plan_json(cli, patient).stdout == first.stdout
    cli("checkin", "1", *WEEK1, "--db", patient)
    assert isinstance(cli("plan", "--patient", "1", "--db", patient).exception, Solved)  # new input: it must solve


def test_reported_weeks_stay_byte_identical_across_versions(cli, patient):
    cli("checkin", "1", *WEEK1, "--db", patient)
    before = json.loads(plan_json(cli, patient).stdout)
    cli("checkin", "1", *WEEK2, "--db", patient)
    after = json.loads(plan_json(cli, patient).stdout)
    assert after["decisions"][-1]["action"] == "step_back"
    assert json.dumps(after["weeks"][:2]) == json.dumps(before["weeks"][:2])
    assert json.dumps(after["weeks"][2:]) != json.dumps(before["weeks"][2:])
    assert any(line.startswith("Weeks 3-6 re-planned") for line in after["changes"])


def test_version_reprints_json_byte_for_byte_even_after_the_profile_changed(cli, write, patient, tmp_path):
    original = plan_json(cli, patient).stdout
    cli("patient", "update", "1", write(PROFILE.replace("weeks: 6", "weeks: 4"), "v2.yaml"), "--db", patient)
    cli("checkin", "1", *WEEK1, "--db", patient)
    assert json.loads(plan_json(cli, patient).stdout)["profile"]["plan"]["weeks"] == 4
    reprint = plan_json(cli, patient, "--version", "1")
    assert reprint.stdout == original
    assert reprint.stderr.startswith("patient 1: plan version 1 as issued (no check-ins applied)")


def test_version_reprints_the_pdf_byte_for_byte(cli, patient, tmp_path):
    cli("checkin", "1", *WEEK1, "--db", patient)
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    plan_json(cli, patient, "-o", first)
    plan_json(cli, patient, "--version", "1", "-o", again)
    assert first.read_bytes() == again.read_bytes()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--patient", "7"], "no patient 7; `rehabplan patient list` shows the ids"),
        (["--patient", "1", "--version", "3"], "patient 1 has no plan version 3; versions available: 1"),
        (
            ["--patient", "1", "--weeks", "4"],
            "--patient plans from the stored profile and check-ins, so --weeks does not apply",
        ),
        (["--patient", "1", "--example", "runners_knee"], "so --example does not apply"),
        (
            ["--example", "runners_knee", "--version", "1"],
            "--version K reprints a stored patient's plan; add --patient ID",
        ),
    ],
)
def test_bad_plan_requests_exit_2_and_change_nothing(cli, patient, args, message):
    plan_json(cli, patient)
    before = dump(patient)
    result = cli("plan", *args, "--db", patient)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert dump(patient) == before


def test_history_shows_check_ins_decisions_and_the_trend(cli, patient):
    plan_json(cli, patient)
    cli("checkin", "1", *WEEK1, "--db", patient)
    plan_json(cli, patient)
    cli("checkin", "1", *WEEK2, "--note", "Stairs sore", "--db", patient)
    shown = cli("history", "1", "--db", patient)
    assert shown.exit_code == 0
    rows = shown.stdout.splitlines()
    assert rows[0] == (
        "Patient 1: Test Runner. Patellofemoral pain, right knee; 6 weeks from 2026-11-02; latest plan: version 2."
    )
    table = {r.split()[0]: r.split() for r in rows[4:7]}
    assert table["intake"][1:5] == ["5", "1", "at", "rest"]
    assert table["1"][1:] == [
        "2026-11-02",
        "4",
        "of",
        "4",
        "2",
        "2",
        "-",
        "1",
        "#.........",
        "same",
        "advance",
        "(green)",
    ]
    assert table["2"][-6:] == ["###.......", "worse", "step", "back", "(red)", "pending"]
    assert "week 2: step back, next-morning pain rose from 1 to 3" in shown.stdout
    assert "note: Stairs sore" in shown.stdout
    assert "Pending: week 2 is not in the latest plan yet; `rehabplan plan --patient 1` applies it." in shown.stdout
    plan_json(cli, patient)
    assert "Pending" not in cli("history", "1", "--db", patient).stdout


def test_history_json_and_replaced_check_ins(cli, patient):
    cli("checkin", "1", *WEEK1, "--db", patient)
    cli("checkin", "1", *WEEK1[:-1], "2", "--replace", "--db", patient)
    data = json.loads(cli("history", "1", "--format", "json", "--db", patient).stdout)
    assert data["plan_version"] is None
    assert [(c["week"], c["pain_next_morning"], c["decision"]) for c in data["checkins"]] == [(1, 2, None)]
    assert [r["week"] for r in data["replaced"]] == [1]
    text = cli("history", "1", "--db", patient).stdout
    assert "week 1: not decided yet" in text and "Replaced: the week 1 check-in recorded" in text


def test_history_of_an_unknown_patient(cli, db):
    result = cli("history", "3", "--db", db)
    assert result.exit_code == 2 and result.stderr == "no patient 3; `rehabplan patient list` shows the ids\n"


def test_stored_profile_keeps_the_logo_findable(cli, write, db, tmp_path):
    logo = write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "logo.svg")
    profile = write(PROFILE + "clinician: {name: Dr Lee, logo: logo.svg}\n")
    cli("patient", "add", profile, "--db", db)
    shown = records.show_patient(db, 1)
    assert shown.profile.clinician.logo == str(logo.resolve())


def test_a_check_in_cannot_count_more_sessions_than_the_plan_has(cli, patient):
    planned = json.loads(plan_json(cli, patient).stdout)["weeks"][0]
    sessions = sum(len(d["sessions"]) for d in planned["days"])
    runs = sum(1 for d in planned["days"] for s in d["sessions"] if s["type"] == "run")
    before = dump(patient)
    too_many = cli(
        "checkin", "1", "--week", "1", "--sessions-done", str(sessions + 1), "--pain-next-morning", "1", "--db", patient
    )
    assert too_many.exit_code == 2 and too_many.stderr == (
        f"--sessions-done: {sessions + 1} is more than the {sessions} sessions week 1 of your plan has; "
        f"count the planned ones you did, 0-{sessions}\n"
    )
    extra_run = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        str(sessions),
        "--runs-done",
        str(runs + 1),
        "--pain-next-morning",
        "1",
        "--db",
        patient,
    )
    assert (
        extra_run.exit_code == 2 and f"--runs-done: {runs + 1} is more than the {runs} runs week 1" in extra_run.stderr
    )
    assert dump(patient) == before
    assert (
        cli(
            "checkin", "1", "--week", "1", "--sessions-done", str(sessions), "--pain-next-morning", "1", "--db", patient
        ).exit_code
        == 0
    )


def columns(text: str) -> dict[str, dict[str, str]]:
    """The history table as {first cell: {column header: cell}}, cut at the dashes under each header."""
    import re

    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("----"))
    spans = [m.span() for m in re.finditer(r"-+", lines[at])]
    cut = lambda line: [line[a : b if n + 1 < len(spans) else None].strip() for n, (a, b) in enumerate(spans)]  # noqa: E731
    headers = cut(lines[at - 1])
    rows = {}
    for line in lines[at + 1 :]:
        if not line.strip():
            break
        cells = cut(line.ljust(len(lines[at])))
        rows[cells[0]] = dict(zip(headers, cells))
    return rows


@pytest.mark.parametrize(
    "pain, run, morning",
    [
        ("{at_rest: 1, during_run: 5}", "5", "1 at rest"),
        ("{at_rest: 1, during_run: 5, next_morning: 2}", "5", "2"),
    ],
)
def test_history_intake_row_says_which_pain_it_shows(cli, write, db, pain, run, morning):
    cli("patient", "add", write(PROFILE.replace("{at_rest: 1, during_run: 5}", pain)), "--db", db)
    cli("checkin", "1", *WEEK1, "--db", db)
    shown = cli("history", "1", "--db", db)
    intake = columns(shown.stdout)["intake"]
    assert (intake["pain run"], intake["morning"]) == (run, morning)
    data = json.loads(cli("history", "1", "--format", "json", "--db", db).stdout)
    assert data["intake_pain"] == json.loads(
        json.dumps({"at_rest": 1, "during_run": 5, "next_morning": 2 if "next_morning" in pain else None})
    )


def test_history_speaks_without_rule_codes_unless_verbose(cli, write, db):
    """The review prompt says what to do; its rule code is for --verbose (and the JSON)."""
    cli("patient", "add", write(GOOD + "plan: {start: 2026-10-19, weeks: 6}\n"), "--db", db)  # today is in week 5
    plan_json(cli, db)
    for week in ("1", "2", "3", "4"):
        cli(
            "checkin",
            "1",
            "--week",
            week,
            "--sessions-done",
            "4",
            "--pain-during-run",
            "2",
            "--pain-next-morning",
            "2",
            "--db",
            db,
        )
    shown = cli("history", "1", "--db", db).stdout
    assert "book a review with your physiotherapist" in shown and "R-PM-05" not in shown
    assert "(R-PM-05)" in cli("-v", "history", "1", "--db", db).stdout
