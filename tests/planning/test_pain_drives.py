"""Pain drives the plan (issue 15; docs/progression.md "Intake pain", "Gates", "A step back"):
scenarios through the CLI with ``--checkins`` and through the store with ``plan --patient``."""

import json

import pytest

from rehabplan.api import example_path
from rehabplan.plan_model import Plan
from rehabplan.validate.checks import violations

BASE = """\
name: Test Runner
age: 34
sex: female
conditions: [patellofemoral_pain]
side: right
pain: {at_rest: 0, during_run: 2, next_morning: 0}
walk_30min_pain_free: true
weaknesses: [hip_abductors]
availability: {mon: 60, wed: 60, fri: 60, sat: 90}
equipment: [resistance_band, dumbbells, step]
running: {baseline_weekly_minutes: 150, baseline_runs_per_week: 3}
plan: {weeks: 16, start: 2026-11-02}
"""
SEVERE = BASE.replace("at_rest: 0, during_run: 2, next_morning: 0", "at_rest: 4, during_run: 8, next_morning: 6")
AMBER = BASE.replace("during_run: 2", "during_run: 5")


def sessions(week) -> list[dict]:
    return [s for d in week["days"] for s in d["sessions"]]


def checkin(week: dict, during: int, morning: int) -> dict:
    """A check-in that did everything the week asked, with these pains."""
    runs = sum(s["type"] == "run" for s in sessions(week))
    found = {"week": week["number"], "sessions_done": len(sessions(week)), "pain_next_morning": morning}
    found["pain_during_exercise"] = during
    if runs:
        found |= {"runs_done": runs, "pain_during_run": during}
    return found


@pytest.fixture
def plan(cli, write, tmp_path):
    """``plan(profile_text_or_path, [(week, during, morning), ...], *options)``: the plan JSON
    after those check-ins, each built from the plan as it stood before it (one at a time)."""

    def _plan(profile, reports=(), *options) -> dict:
        path = profile if not isinstance(profile, str) else write(profile)
        out = tmp_path / "plan.json"
        done: list[dict] = []
        for i in range(len(reports) + 1):
            args = ["plan", path, "-o", out, "--format", "json", *options]
            if done:
                args += ["--checkins", write(json.dumps(done), "checkins.json")]
            result = cli(*args)
            assert result.exit_code == 0, result.output
            current = json.loads(out.read_text())
            if i < len(reports):
                week, during, morning = reports[i]
                done.append(checkin(current["weeks"][week - 1], during, morning))
        assert violations(Plan.model_validate_json(json.dumps(current))) == []
        return current

    return _plan


def test_severe_and_mild_intake_pain_give_different_first_weeks(plan):
    mild, severe, amber = plan(BASE), plan(SEVERE), plan(AMBER)
    first = [sum(s["type"] == "run" for s in sessions(p["weeks"][0])) for p in (mild, severe, amber)]
    assert first[0] == 3 and first[1] == 0 and 1 <= first[2] <= 2
    assert all("running_start" in w.get("gates", []) for w in severe["weeks"])  # no check-in yet: no running
    assert not any(s["type"] == "run" for w in severe["weeks"] for s in sessions(w))
    assert severe["made"]["intake"]["running_band"] == "red"
    assert severe["made"]["intake"]["first_phase_extra_weeks"] == 1
    assert amber["made"]["intake"]["stage_completions"] == 4
    assert any("Running pain at intake was 8/10 (above 5)" in n for n in severe["notes"])
    gate = severe["gates"][0]
    assert (gate["id"], gate["from_week"], gate["opened_week"]) == ("running_start", 1, None)


def test_a_confirming_checkin_lets_a_red_intake_run_after_the_first_weeks(plan):
    after = plan(SEVERE, [(1, 3, 3)])
    runs = [sum(s["type"] == "run" for s in sessions(w)) for w in after["weeks"]]
    assert runs[:2] == [0, 0] and any(runs[2:])
    assert after["decisions"][0]["opened"] == ["running_start"]
    assert after["gates"][0]["opened_week"] == 1


def test_a_red_checkin_in_continuous_running_cuts_and_nothing_rises_until_green(plan):
    after = plan(BASE, [(12, 2, 0), (13, 7, 4)])
    minutes = [w["running_minutes"] for w in after["weeks"]]
    assert minutes[13] <= minutes[12] * 80 // 100
    assert max(minutes[13:]) <= minutes[13]
    assert all(w.get("gates") == ["progress"] and w["progression"] is None for w in after["weeks"][13:])
    assert after["decisions"][1]["closed"] == ["progress"]
    assert any("nothing goes up until a green check-in" in c for c in after["changes"])


def test_a_red_week_without_runs_keeps_running_off(plan):
    after = plan(BASE, [(1, 7, 3), (2, 7, 3)])
    runs = [sum(s["type"] == "run" for s in sessions(w)) for w in after["weeks"]]
    assert runs[0] > 0 and runs[1:] == [0] * 15
    assert "running stays off" in after["changes"][-2]


def test_a_green_checkin_after_a_red_week_advances_one_thing(plan):
    after = plan(BASE, [(1, 7, 3), (2, 2, 2)])
    assert "gates" not in after["weeks"][2] and after["weeks"][2]["progression"] is not None


def test_a_base_tendinopathy_plan_prints_the_jumping_gate_and_no_jumping(plan, cli, tmp_path):
    projected = plan(example_path("jumpers_knee"), (), "--weeks", "16")
    assert not any(s["type"] == "plyometric" for w in projected["weeks"] for s in sessions(w))
    gated = [w["number"] for w in projected["weeks"] if "jumping" in w.get("gates", [])]
    assert gated and gated == [w["number"] for w in projected["weeks"] if w["phase_id"] == "isotonic"]
    html, ics = tmp_path / "p.html", tmp_path / "p.ics"
    for out in (html, ics):
        assert cli("plan", example_path("jumpers_knee"), "--weeks", "16", "-o", out).exit_code == 0
    words = "Jumping starts after a week with pain of 3/10 or less"
    assert words in html.read_text() and words in ics.read_text().replace("\r\n ", "")


def test_a_flare_after_jumping_removes_jumping_and_brings_back_daily_holds(plan):
    after = plan(example_path("jumpers_knee"), [(3, 2, 1), (8, 7, 5)], "--weeks", "12")
    assert after["weeks"][7]["phase_id"] == "energy_storage"
    assert any(s["type"] == "plyometric" for s in sessions(after["weeks"][7]))
    for week in after["weeks"][8:]:
        assert week["phase_id"] == "isotonic" and {"jumping", "progress"} <= set(week.get("gates", []))
        assert not any(s["type"] == "plyometric" for s in sessions(week))
        assert any(s["type"] == "isometric" for s in sessions(week))
    assert after["decisions"][1]["back_to"] == {"patellar_tendinopathy": "isotonic"}


def test_the_validator_refuses_a_rise_after_a_red_week_and_a_missing_gate(plan):
    after = Plan.model_validate_json(json.dumps(plan(BASE, [(12, 2, 0), (13, 7, 4)])))
    data = json.loads(after.to_json())
    week = data["weeks"][14]
    del week["gates"]
    next(s for d in week["days"] for s in d["sessions"] if s["type"] == "run")["intervals"][0]["minutes"] = 90
    broken = Plan.model_validate_json(json.dumps(data))
    found = violations(broken)
    assert any("running minutes, more than the 100 of the red week 13 [R-PM-08]" in f for f in found), found
    assert any("week 15: the week does not show the gate that holds it" in f for f in found), found


def test_plan_for_a_stored_patient_steps_back_the_same_way(cli, write, db, plan):
    direct = plan(BASE, [(1, 7, 3), (2, 7, 3)])
    assert cli("patient", "add", write(BASE), "--db", db).exit_code == 0
    for week in (1, 2):
        report = checkin(direct["weeks"][week - 1], 7, 3)
        assert cli("checkin", "1", "--file", write(json.dumps(report), f"c{week}.json"), "--db", db).exit_code == 0
    stored = cli("plan", "--patient", "1", "--db", db, "--format", "json")
    assert stored.exit_code == 0, stored.output
    assert json.loads(stored.stdout)["weeks"] == direct["weeks"]


def test_low_loading_pain_starts_a_tendon_at_slow_heavy_work_and_high_at_daily_holds(plan):
    text = example_path("jumpers_knee").read_text()
    mild = plan(text.replace("during_run: 5", "during_run: 2").replace("next_morning: 3", "next_morning: 1"))
    severe = plan(text)
    assert (mild["weeks"][0]["phase_id"], severe["weeks"][0]["phase_id"]) == ("isotonic", "isometric")
    assert mild["made"]["intake"]["skipped_first_phase"] == ["patellar_tendinopathy"]
    assert any(s["type"] == "isometric" for s in sessions(mild["weeks"][0]))  # holds on the days between


def test_prevention_with_running_pain_gets_a_note_at_validate_and_a_conservative_plan(cli, write, plan):
    text = example_path("healthy_runner").read_text()
    sore = write(text.replace("during_run: 0", "during_run: 4"))
    checked = cli("validate", sore)
    assert "`prevention` is for pain-free runners" in checked.stderr + checked.stdout
    made = plan(sore)
    assert made["notes"][0].startswith("Running hurts (4/10 at intake), but `prevention` is for pain-free runners.")
    assert made["weeks"][0]["run_stage"] == 1  # the walk-run ladder, not the usual running
