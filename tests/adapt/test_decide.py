"""The check-in decision table, case by case and at every boundary (R-PM-03, R-PM-04, R-PM-05)."""

import pytest

from rehabplan.adapt.decide import WeekContext, decide, intake_morning, no_improvement, swelling_may_hold
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Pain
from rehabplan.knowledge.progression import load_progression

ON_LADDER = WeekContext(planned_sessions=6, planned_runs=3, stage=3, prior_morning=2)
CONTINUOUS = WeekContext(planned_sessions=6, planned_runs=3, stage=None, prior_morning=2)


def week(**fields) -> CheckIn:
    base = {"week": 2, "sessions_done": 6, "runs_done": 3, "pain_during_run": 2, "pain_next_morning": 2}
    return CheckIn.model_validate({**base, **fields})


@pytest.mark.parametrize(
    "pain, action", [(0, "advance"), (3, "advance"), (4, "hold"), (5, "hold"), (6, "step_back"), (10, "step_back")]
)
def test_pain_during_boundaries(pain, action):
    assert decide(week(pain_during_run=pain), ON_LADDER).action == action


def test_worst_of_run_and_exercise_pain_counts():
    assert decide(week(pain_during_run=2, pain_during_exercise=4), ON_LADDER).action == "hold"
    assert decide(week(pain_during_run=None, pain_during_exercise=6), ON_LADDER).action == "step_back"


@pytest.mark.parametrize("morning, action", [(0, "advance"), (2, "advance"), (3, "hold"), (4, "step_back")])
def test_next_morning_against_the_prior(morning, action):
    """Equal is fine, one higher holds, two or more higher steps back."""
    assert decide(week(pain_next_morning=morning), ON_LADDER).action == action


def test_the_hold_band_in_the_reason_is_read_from_the_check_in_rules(monkeypatch):
    rules = load_progression().model_copy(update={"amber_max_pain": 6})
    monkeypatch.setattr("rehabplan.adapt.decide.load_progression", lambda: rules)
    assert decide(week(pain_during_run=6), ON_LADDER).reasons[0] == "pain during activity was 6/10 (4-6 means hold)"


def test_first_check_in_compares_with_intake_pain():
    assert intake_morning(Pain(at_rest=1, during_run=5, next_morning=2)) == 2
    assert intake_morning(Pain(at_rest=1, during_run=5, next_morning=None)) == 1
    assert intake_morning(Pain(at_rest=1, during_run=5)) == 1
    first = WeekContext(6, 3, 1, prior_morning=intake_morning(Pain(at_rest=1, during_run=5)))
    assert decide(week(pain_next_morning=1), first).action == "advance"
    assert decide(week(pain_next_morning=2), first).action == "hold"
    assert decide(week(pain_next_morning=3), first).action == "step_back"


def test_green_advances_one_stage_and_one_dosage_step():
    decision = decide(week(), ON_LADDER)
    assert (decision.action, decision.zone, decision.stage_change, decision.dosage_change) == ("advance", "green", 1, 1)
    assert decision.reasons == ("pain during activity 2/10 and next-morning pain 2/10, no higher than 2",)


def test_amber_holds_everything_and_names_each_reason():
    decision = decide(week(pain_during_run=4, pain_next_morning=3, sessions_done=4, runs_done=1), ON_LADDER)
    assert (decision.action, decision.stage_change, decision.dosage_change) == ("hold", 0, 0)
    assert decision.reasons == (
        "pain during activity was 4/10 (4-5 means hold)",
        "next-morning pain rose from 2 to 3",
        "4 of 6 sessions done",
        "stage 3 done 1 time; each stage needs 2",
    )


@pytest.mark.parametrize(
    "runs, reason",
    [(1, "stage 3 done 1 time; each stage needs 2"), (2, "2 of 3 runs done"), (3, None)],
)
def test_each_stage_needs_two_runs_and_a_missed_run_holds(runs, reason):
    """R-RTR-04, and runs are key sessions: one of three missed holds the stage."""
    decision = decide(week(runs_done=runs, sessions_done=6), ON_LADDER)
    assert (decision.action, decision.reasons[-1]) == ("hold", reason) if reason else decision.action == "advance"


def test_runs_done_left_out_counts_the_planned_runs_only_when_every_session_was_done():
    assert decide(week(runs_done=None), ON_LADDER).action == "advance"
    assert (
        decide(week(runs_done=None, sessions_done=5), ON_LADDER).reasons[-1]
        == "stage 3 done 0 times; each stage needs 2"
    )


def test_red_steps_back_a_stage_and_a_dosage_step():
    decision = decide(week(pain_during_run=7, pain_next_morning=5), ON_LADDER)
    assert (decision.action, decision.zone, decision.stage_change, decision.dosage_change) == (
        "step_back",
        "red",
        -1,
        -1,
    )
    assert decision.reasons == (
        "pain during activity reached 7/10 (6 or more is too much)",
        "next-morning pain rose from 2 to 5",
    )
    assert decision.running_cut_pct == 0


def test_red_in_continuous_running_cuts_running_minutes():
    decision = decide(week(pain_during_run=6), CONTINUOUS)
    assert (decision.stage_change, decision.running_cut_pct) == (0, 20)


def test_worse_two_weeks_running_is_red():
    earlier = [week(week=1, pain_next_morning=1)]
    context = WeekContext(6, 3, 3, prior_morning=1)
    one_rise = decide(week(week=2, pain_next_morning=2), context, earlier)
    assert one_rise.action == "hold"
    earlier = [week(week=1, pain_next_morning=1), week(week=2, pain_next_morning=2)]
    second = decide(week(week=3, pain_next_morning=3), WeekContext(6, 3, 3, prior_morning=2), earlier)
    assert second.action == "step_back"
    assert second.reasons == ("next-morning pain rose for 2 weeks running, now 3",)


@pytest.mark.parametrize(
    "fields, urgency, title",
    [
        ({"swelling": True}, "soon", "Swelling that will not settle"),
        ({"giving_way": True}, "soon", "Knee gives way"),
        ({"locking": True}, "urgent", "Knee locks or will not straighten"),
        ({"red_flags": ["calf_swelling"]}, "urgent", "Swollen, warm or tender calf or back of knee"),
        ({"red_flags": ["hot_swollen_joint"], "giving_way": True}, "emergency", "Hot, red, swollen knee"),
    ],
)
def test_any_red_flag_stops_with_its_urgency(fields, urgency, title):
    decision = decide(week(pain_during_run=0, pain_next_morning=0, **fields), ON_LADDER)
    assert (decision.action, decision.zone, decision.urgency) == ("stop", "flag", urgency)
    assert (decision.stage_change, decision.dosage_change) == (0, 0)
    assert any(reason.startswith(title + ":") for reason in decision.reasons)


@pytest.mark.parametrize(
    "series, review",
    [
        ([3, 3, 3, 3], True),
        ([3, 4, 3, 3], True),
        ([3, 2, 3, 3], False),
        ([0, 0, 0, 0], False),
        ([3, 3, 3], False),
        ([5, 3, 3, 3], False),
    ],
)
def test_no_improvement_over_three_check_ins_recommends_review(series, review):
    *earlier, last = [week(week=i + 1, pain_next_morning=p) for i, p in enumerate(series)]
    assert no_improvement(earlier, last, 3) is review
    assert decide(last, WeekContext(6, 3, 3, prior_morning=series[-2]), earlier).review is review


# Ten sessions planned, six of them key (three runs, three strength), four mobility.
WITH_MOBILITY = WeekContext(planned_sessions=10, planned_runs=3, stage=None, prior_morning=2, planned_key=6)


@pytest.mark.parametrize(
    "done, runs, action, reason",
    [
        (10, 3, "advance", None),
        (8, 3, "advance", None),  # the two missed may both have been stretches
        (6, 3, "advance", None),
        (8, None, "advance", None),
        (5, 3, "hold", "5 of 10 sessions done: at least 1 of the 6 runs and strength sessions missed"),
        (8, 2, "hold", "2 of 3 runs done"),
    ],
)
def test_adherence_is_judged_on_key_sessions_not_mobility(done, runs, action, reason):
    """R-PM-03 "sessions missed": amber only when runs or strength work were certainly missed."""
    decision = decide(week(sessions_done=done, runs_done=runs), WITH_MOBILITY)
    assert decision.action == action
    assert decision.reasons[-1] == reason if reason else decision.zone == "green"


def test_runs_left_out_count_as_done_on_the_ladder_when_only_mobility_can_have_been_missed():
    ladder = WeekContext(planned_sessions=10, planned_runs=3, stage=2, prior_morning=2, planned_key=6)
    assert decide(week(sessions_done=7, runs_done=None), ladder).action == "advance"
    assert (
        decide(week(sessions_done=5, runs_done=None), ladder).reasons[-1] == "stage 2 done 0 times; each stage needs 2"
    )


OA = WeekContext(planned_sessions=6, planned_runs=3, stage=3, prior_morning=2, swelling_holds=True)
HOLD_REASON = (
    "the knee swelled: with knee osteoarthritis, swelling that settles means hold; swelling 2 check-ins running "
    "means see a clinician"
)


def test_osteoarthritis_swelling_that_settles_holds_and_twice_running_refers():
    """R-OA-05: a flare that settles is expected with knee osteoarthritis; swelling that persists is not."""
    once = decide(week(week=2, swelling=True), OA, [week(week=1)])
    assert (once.action, once.zone, once.reasons, once.stage_change, once.dosage_change) == (
        "hold",
        "amber",
        (HOLD_REASON,),
        0,
        0,
    )
    twice = decide(week(week=3, swelling=True), OA, [week(week=1), week(week=2, swelling=True)])
    assert (twice.action, twice.urgency, twice.flags) == ("stop", "soon", ("persistent_swelling",))
    again = decide(week(week=4, swelling=True), OA, [week(week=2, swelling=True), week(week=3)])
    assert again.action == "hold"  # settled in between: not running


def test_osteoarthritis_persistent_swelling_flag_refers_at_once():
    decision = decide(week(red_flags=["persistent_swelling"], swelling=True), OA)
    assert (decision.action, decision.flags) == ("stop", ("persistent_swelling",))


def test_other_conditions_keep_swelling_as_a_stop():
    """R-PM-03: any reported swelling stops and refers (a conservative project choice)."""
    decision = decide(week(swelling=True), ON_LADDER)
    assert (decision.action, decision.urgency, decision.flags) == ("stop", "soon", ("persistent_swelling",))


@pytest.mark.parametrize(
    "conditions, holds",
    [
        (["knee_osteoarthritis"], True),
        (["knee_osteoarthritis", "patellar_tendinopathy"], False),
        (["patellofemoral_pain"], False),
        ([], False),
    ],
)
def test_swelling_holds_only_when_every_condition_allows_it(conditions, holds):
    assert swelling_may_hold(conditions) is holds


@pytest.mark.parametrize(
    "series, review",
    [
        ([1, 1, 1, 1], False),
        ([1, 1, 1, 1, 1, 1], False),
        ([1, 2, 2, 2], True),
        ([2, 2, 2, 2], True),
        ([1, 1, 1, 2], True),
    ],
)
def test_the_review_prompt_stays_quiet_at_steady_low_morning_pain(series, review):
    """R-PM-05 with review_quiet_morning_pain 1: a steady 1/10 is a settled knee."""
    *earlier, last = [week(week=i + 1, pain_next_morning=p) for i, p in enumerate(series)]
    assert decide(last, WeekContext(6, 3, 3, prior_morning=series[-2]), earlier).review is review
