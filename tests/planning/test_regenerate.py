"""Check-ins applied to a plan: a scripted sequence gives the expected stages and `changes`,
reported weeks stay byte-identical, and a red flag turns the plan into a referral."""

import re

import pytest
import yaml

from rehabplan.intake.checkin import parse_checkins
from rehabplan.intake.profile import parse_profile
from rehabplan.planning.pipeline import make_plan
from tests.support import GOOD
from tests.support.checkins import GREEN1, GREEN4, HOLD2, RED3, START, profile


def regenerated(*checkins):
    return make_plan(profile(), parse_checkins(list(checkins), "test") if checkins else None)


def stages(plan):
    return [w.run_stage for w in plan.weeks]


def test_advance_hold_step_back_recover():
    # runners_knee's running pain 5 (amber, R-PM-06): 2 runs a week, each stage held for 4 full runs;
    # one progression a week: the stage holds in the weeks the doses rise (R-RTR-10)
    assert stages(regenerated()) == [1, 1, 2, 2, 2, 2, 3, 3]
    assert [w.progression for w in regenerated().weeks] == [
        None,
        "doses",
        "run_stage",
        None,
        "doses",
        None,
        "run_stage",
        "doses",
    ]
    plan = regenerated(GREEN1, HOLD2, RED3, GREEN4)
    assert stages(plan) == [1, 1, 1, None, 1, 1, 2, 2]
    assert [d.action for d in plan.decisions] == ["advance", "hold", "step_back", "advance"]
    assert plan.changes == [
        "Week 1 was in the green zone (pain during activity 2/10 and next-morning pain 1/10, no higher than 2): "
        "the plan carries on as planned.",
        "Run stage held at 1 after week 2: next-morning pain rose from 1 to 2.",
        "Weeks 3-8 re-planned: every run stays on its day, and 60 of 84 exercise slots are as before.",
        "After week 3, runs are swapped for walking and cross-training from week 4, with each exercise one rung "
        "easier (or back to its first dose), and nothing goes up until a green check-in: pain during activity "
        "reached 6/10 (6 or more is too much).",
        "Weeks 4-8 re-planned: 0 of 10 runs stay on their day, and 49 of 95 exercise slots are as before.",
        "Week 4 was in the green zone (pain during activity 1/10 and next-morning pain 1/10, no higher than 2): "
        "it confirms progress after the red week, so the plan moves on.",
        "Weeks 5-8 re-planned: runs come back on eight days, and 54 of 54 exercise slots are as before.",
        "Pain has not improved over the last three check-ins (week 4): book a review with your physiotherapist "
        "or GP (R-PM-05).",
    ]
    assert plan.status == "ok"
    # nothing rises after the hold and the step back until the green week 4; then one thing at a time
    assert [w.progression for w in plan.weeks] == [None, "doses", None, None, "run_stage", "doses", "run_stage", None]
    assert [w.gates for w in plan.weeks][3] == ["progress"]


@pytest.mark.parametrize("known", [1, 2, 3])
def test_weeks_up_to_the_latest_check_in_are_byte_identical(known):
    script = [GREEN1, HOLD2, RED3, GREEN4]
    before = regenerated(*script[: known - 1]) if known > 1 else regenerated()
    after = regenerated(*script[:known])
    for old, new in zip(before.weeks[:known], after.weeks[:known]):
        assert old.model_dump_json() == new.model_dump_json()


def slots(plan, after):
    return {(w.number, d.date, i.id) for w in plan.weeks[after:] for d in w.days for s in d.sessions for i in s.items}


def test_re_planned_weeks_stay_close_to_the_plan_issued_before(monkeypatch):
    """The change-minimising term: without it the same re-plan moves runs and exercises."""
    before = regenerated(GREEN1)
    close = regenerated(GREEN1, HOLD2)
    kept = len(slots(before, 2) & slots(close, 2))
    from rehabplan.solver import objective

    for key in ("moved_run", "moved_cross", "moved_exercise"):
        monkeypatch.setitem(objective.WEIGHTS, key, 0)
    loose = regenerated(GREEN1, HOLD2)
    assert kept > len(slots(before, 2) & slots(loose, 2))
    runs = lambda plan: {d.date for w in plan.weeks[2:] for d in w.days for s in d.sessions if s.type == "run"}  # noqa: E731
    assert runs(close) == runs(before)  # (runners_knee's 2 amber runs a week may stay put without the term too)


def test_same_check_ins_same_plan():
    assert regenerated(GREEN1, HOLD2).to_json() == regenerated(GREEN1, HOLD2).to_json()


def test_hold_keeps_exercise_doses():
    plan = regenerated(GREEN1, HOLD2)
    doses = lambda week: {(i.id, i.dosage_step) for d in week.days for s in d.sessions for i in s.items}  # noqa: E731
    assert {s for _, s in doses(plan.weeks[2])} <= {s for _, s in doses(plan.weeks[1])} | {1}


@pytest.mark.parametrize(
    "flag, urgency",
    [({"locking": True}, "urgent"), ({"red_flags": ["hot_swollen_joint"]}, "emergency"), ({"swelling": True}, "soon")],
)
def test_red_flag_check_in_gives_a_referral_with_its_urgency(flag, urgency):
    plan = regenerated(GREEN1, {**HOLD2, **flag})
    assert plan.status == "referral" and plan.referral.urgency == urgency
    assert [w.number for w in plan.weeks] == [1, 2]
    assert plan.changes[-1].startswith("Week 2 reported a warning sign, so running and loading stop:")


def test_cli_applies_check_ins_and_refuses_weeks_past_the_plan(cli, write):
    good = write("- {week: 1, sessions_done: 6, runs_done: 2, pain_during_run: 2, pain_next_morning: 1}\n", "c.yaml")
    result = cli("plan", "--example", "runners_knee", "--start", START, "--checkins", good)
    assert result.exit_code == 0 and '"changes": [\n    "Week 1 was in the green zone' in result.stdout
    late = write("- {week: 9, sessions_done: 1, pain_next_morning: 1}\n", "late.yaml")
    bad = cli("plan", "--example", "runners_knee", "--checkins", late)
    assert bad.exit_code == 2 and bad.stderr == f"{late}: week: 9 is after the plan's last week (8); give 1-8\n"


def test_a_missed_key_session_holds_instead():
    """Week 4 (no runs after the red week 3) plans 9 sessions, 3 of them key (strength)."""
    plan = regenerated(GREEN1, HOLD2, RED3, {**GREEN4, "sessions_done": 1, "runs_done": 0})
    assert plan.decisions[-1].action == "hold"
    assert plan.changes[-3] == (
        "Running and exercise doses held after week 4: 1 of 9 sessions done: at least 2 of the 3 runs and "
        "strength sessions missed."
    )
    assert plan.changes[-2].startswith("Weeks 5-8 re-planned: no runs, as before")
    assert stages(plan)[4] is None  # after the red week 3, running waits for a green check-in (R-PM-08)


def test_a_red_week_at_the_first_stage_swaps_runs_for_cross_training_until_a_green_checkin():
    red = {"week": 1, "sessions_done": 10, "runs_done": 2, "pain_during_run": 6, "pain_next_morning": 2}
    plan = regenerated(red)
    week2, week3 = plan.weeks[1], plan.weeks[2]
    types = lambda week: {s.type for d in week.days for s in d.sessions}  # noqa: E731
    assert "run" not in types(week2) and types(week2) & {"cross_training", "walk"}
    assert week2.run_stage is None and week3.run_stage is None and "run" not in types(week3)
    assert plan.changes[0] == (
        "After week 1, runs are swapped for walking and cross-training from week 2, with each exercise one rung "
        "easier (or back to its first dose), and nothing goes up until a green check-in: pain during activity "
        "reached 6/10 (6 or more is too much)."
    )
    assert re.match(r"Weeks 2-8 re-planned: (\d+) of (\d+) runs stay on their day", plan.changes[1])


def test_a_check_in_that_reports_the_walk_pain_free_opens_running_one_progression_at_a_time():
    """R-RTR-01: the walk test passed in week 1 opens the walk-run ladder; the doses already rise
    after week 1, so running starts the week after (R-RTR-10)."""
    # running pain 3 (green at intake): the ladder's own pace, one stage a week (R-PM-06)
    text = GOOD.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false").replace(
        "during_run: 5", "during_run: 3"
    )
    walker = parse_profile(yaml.safe_load(text + f"plan: {{start: {START}, weeks: 4}}\n"), "walker")
    walked = {"week": 1, "sessions_done": 3, "pain_next_morning": 1, "walk_30min_pain_free": True}
    plan = make_plan(walker, parse_checkins([walked], "test"))
    assert [(w.run_stage, w.progression) for w in plan.weeks] == [
        (None, None),
        (None, "doses"),
        (1, "run_stage"),
        (2, "run_stage"),
    ]
    assert (plan.made.walk.passed_week, plan.made.walk.graded_weeks, plan.made.running.first_run_week) == (1, [1], 3)
    assert plan.warnings[0] == (
        "Graded walking in week 1 (R-RTR-01); your check-in for week 1 reported a pain-free 30-minute walk, so "
        "the walk-run ladder starts at stage 1 in week 3."
    )
    assert plan.changes[1].startswith("Weeks 2-4 re-planned: runs come back on four days, and ")
