"""`rehabplan plan --format ics`: one calendar event per session on its day, at the runner's time,
stable event ids across regenerations, the same bytes for the same plan."""

import json
from collections import Counter
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from icalendar import Calendar

from rehabplan.api import example_path, plan_profile, render_plan
from rehabplan.english import amount
from rehabplan.intake.checkin import parse_checkins
from rehabplan.planning.pipeline import make_plan
from rehabplan.render.ics import plan_calendar
from tests.support import GOOD
from tests.support.render import START, example_plan

ROOT = Path(__file__).resolve().parents[2]
GREEN1 = {"week": 1, "sessions_done": 10, "runs_done": 2, "pain_during_run": 2, "pain_next_morning": 1}
HOLD2 = {"week": 2, "sessions_done": 10, "runs_done": 3, "pain_during_run": 2, "pain_next_morning": 2}


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def sessions(plan):
    """(date, session) for every session of the plan, in calendar order."""
    return [(day.date, s) for week in plan.weeks for day in week.days for s in day.sessions]


def regenerated(*checkins):
    """The example's plan with these check-ins applied (solved once per distinct list)."""
    return _regenerated(json.dumps(checkins))


@cache
def _regenerated(key: str):
    checkins = json.loads(key)
    profile = plan_profile(example_path("runners_knee"), start=START)
    return make_plan(profile, parse_checkins(checkins, "test") if checkins else None)


def uids_by_session(plan) -> dict[str, str]:
    """UID -> the session's content (date, type, minutes, items and all)."""
    found = {}
    for event, (day, session) in zip(events(plan_calendar(plan)), sessions(plan)):
        found[str(event["uid"])] = f"{day} {session.model_dump_json()}"
    return found


@pytest.mark.parametrize("name", ["runners_knee", "behind_knee", "jumpers_knee", "knee_oa"])
def test_one_event_per_session_on_its_day_with_its_minutes(name):
    plan = example_plan(name)
    found = events(plan_calendar(plan))
    assert len(found) == len(sessions(plan)) > 0
    for event, (day, session) in zip(found, sessions(plan)):
        start = event.decoded("dtstart")
        assert start.date() == day and start.tzinfo is None  # floating local time
        assert event.decoded("duration") == timedelta(minutes=session.minutes)
        assert f", {session.minutes} min" in str(event["summary"])
    assert len({str(e["uid"]) for e in found}) == len(found)


def test_a_day_s_sessions_run_back_to_back_from_the_default_time():
    by_day: dict = {}
    for event in events(plan_calendar(example_plan("runners_knee"))):
        by_day.setdefault(event.decoded("dtstart").date(), []).append(event)
    assert max(len(day) for day in by_day.values()) >= 2
    for day, found in by_day.items():
        clock = datetime.combine(day, datetime.strptime("18:00", "%H:%M").time())
        for event in found:
            assert event.decoded("dtstart") == clock
            clock += event.decoded("duration")


def test_the_description_names_every_exercise_with_its_dose_and_the_pain_rule():
    plan = example_plan("runners_knee")
    for event, (_, session) in zip(events(plan_calendar(plan)), sessions(plan)):
        text = str(event["description"])
        assert "Pain rule: " in text
        for item in session.items:
            assert f"- {item.name}: {amount(item.sets, item.reps, item.hold_s, item.minutes)}" in text
            if item.rest_s:
                assert f"rest {item.rest_s} s" in text
        if session.type == "run":
            assert "Running in all: " in text and "Warm-up walk" in text
        if session.type in ("walk", "cross_training"):
            assert f"effort {session.effort} out of 10" in text


def test_the_summary_names_the_stage_and_the_activity():
    summaries = {str(e["summary"]) for e in events(plan_calendar(example_plan("runners_knee")))}
    assert "Knee plan: Walk-run stage 1, 45 min" in summaries
    assert any(s.startswith("Knee plan: Strength, ") for s in summaries)
    assert any(s.startswith("Knee plan: Mobility, ") for s in summaries)


def test_the_calendar_header():
    calendar = Calendar.from_ical(plan_calendar(example_plan("runners_knee")))
    assert str(calendar["prodid"]) == "-//rehabplan//EN" and str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-calname"]) == "Knee plan: Jamie Rivera"


def test_same_plan_same_bytes():
    plan = example_plan("it_band")
    assert plan_calendar(plan) == plan_calendar(plan)
    assert render_plan(plan, "ics", "a4") == plan_calendar(plan)
    stamps = {e.decoded("dtstamp") for e in events(plan_calendar(plan))}
    assert stamps == {datetime.fromisoformat(f"{START}T00:00:00+00:00")}


def test_regenerating_keeps_the_ids_of_unchanged_sessions():
    before, after = uids_by_session(regenerated(GREEN1)), uids_by_session(regenerated(GREEN1, HOLD2))
    same_content = sum((Counter(before.values()) & Counter(after.values())).values())
    kept = [uid for uid, content in before.items() if after.get(uid) == content]
    assert len(kept) == same_content >= len(before) // 2  # every unchanged session keeps its event id
    assert before.keys() <= after.keys()  # and the sessions that changed keep theirs too
    assert {e["sequence"] for e in events(plan_calendar(regenerated(GREEN1, HOLD2)))} == {2}


def test_the_profile_time_and_the_time_option(write, cli, tmp_path):
    path = write(GOOD + 'plan: {start: 2026-11-23, weeks: 2, session_time: "6:45"}\n')
    out = tmp_path / "plan.ics"
    result = cli("plan", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 2 weeks from 2026-11-23" in result.stderr
    first = events(out.read_bytes())[0]
    assert first.decoded("dtstart") == datetime(2026, 11, 23, 6, 45)
    result = cli("plan", path, "--format", "ics", "--time", "20:15")
    assert result.exit_code == 0, result.output
    assert events(result.stdout_bytes)[0].decoded("dtstart") == datetime(2026, 11, 23, 20, 15)


def test_an_absent_session_time_leaves_the_plan_json_as_it_was(write, cli):
    plain = cli("plan", write(GOOD + "plan: {start: 2026-11-23, weeks: 1}\n")).stdout
    assert '"plan": {\n      "start": "2026-11-23",\n      "weeks": 1\n    },' in plain
    timed = cli("plan", write(GOOD + 'plan: {start: 2026-11-23, weeks: 1, session_time: "07:30"}\n')).stdout
    assert '"session_time": "07:30"' in timed


@pytest.mark.parametrize(
    "args, message",
    [
        (["--time", "25:00", "-o", "plan.ics"], "--time: '25:00' is not a time of day; give HH:MM, for example 07:30"),
        (
            ["--time", "07:30", "-o", "plan.json"],
            "--time sets when calendar events start, so it does not apply to json; write -o FILE.ics or --format ics",
        ),
        (
            ["-o", "plan.ics", "--format", "pdf"],
            "-o plan.ics does not match --format pdf; name the file *.pdf or drop --format",
        ),
    ],
)
def test_bad_time_options(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli("plan", "--example", "runners_knee", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "value, message",
    [
        ('"25:00"', "plan.session_time: '25:00' is not a time of day; give HH:MM, for example 07:30"),
        (
            "18:00",
            'plan.session_time: 1080 is not a time of day; give HH:MM in quotes, for example "18:00" '
            "(YAML reads an unquoted 18:00 as the number 1080)",
        ),
        ("evening", "plan.session_time: 'evening' is not a time of day; give HH:MM, for example 07:30"),
    ],
)
def test_a_bad_profile_session_time(write, cli, value, message):
    result = cli("plan", write(GOOD + f"plan: {{session_time: {value}}}\n"), "-o", "plan.ics")
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_referral_at_intake_is_one_all_day_event(write, cli, tmp_path):
    path = write(GOOD + "red_flags: [locking]\nplan: {start: 2026-11-23}\n")
    out = tmp_path / "plan.ics"
    assert cli("plan", path, "-o", out).exit_code == 0
    [event] = events(out.read_bytes())
    assert str(event["summary"]) == "Knee plan: see a clinician before starting"
    assert str(event.decoded("dtstart")) == "2026-11-23" and str(event.decoded("dtend")) == "2026-11-24"
    assert "Urgent: be seen today." in str(event["description"])


def test_a_referral_from_a_check_in_follows_the_weeks_done():
    plan = regenerated(GREEN1, {**HOLD2, "locking": True})
    found = events(plan_calendar(plan))
    assert len(found) == len(sessions(plan)) + 1
    referral = found[-1]
    assert str(referral["summary"]) == "Knee plan: see a clinician before going on"
    assert referral.decoded("dtstart") == plan.weeks[-1].days[-1].date + timedelta(days=1)
    kept = {str(e["uid"]) for e in events(plan_calendar(regenerated(GREEN1)))}
    assert Counter(str(e["uid"]) in kept for e in found)[True] == len(found) - 1


def test_a_stored_patient_s_plan_as_a_calendar(cli, write, tmp_path, monkeypatch):
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    db = tmp_path / "rehabplan.db"
    profile = write(GOOD + 'plan: {start: 2026-11-23, weeks: 2, session_time: "06:30"}\n')
    assert cli("patient", "add", profile, "--db", db).exit_code == 0
    result = cli("plan", "--patient", "1", "--db", db, "--format", "ics")
    assert result.exit_code == 0, result.output
    assert events(result.stdout_bytes)[0].decoded("dtstart") == datetime(2026, 11, 23, 6, 30)
    refused = cli("plan", "--patient", "1", "--db", db, "--format", "ics", "--time", "07:00")
    assert refused.exit_code == 2 and "so --time does not apply" in refused.stderr
