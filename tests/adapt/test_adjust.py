"""What each check-in decision changes in the state carried into the next week
(adapt/adjust.py, R-PM-03, R-PM-04): the walk-run stage, the exercises' dose steps (weeks of
use), a week off running, or the running cut. Pure: states and weeks made by hand."""

from dataclasses import replace

import pytest

from rehabplan.adapt.adjust import adjust
from rehabplan.adapt.decide import Decision
from rehabplan.problem.types import DaySchedule, State, WeekSchedule

# The state after week 3 as planned: the plan assumed progress (stage 3 -> 4, one more week of
# use for each exercise it did). Week 3 used the step-down twice and the bridge once.
AFTER = State(
    week=4,
    phase_index=(1,),
    weeks_in_phase=(2,),
    stage=4,
    completions=1,
    ladder_done=False,
    running_minutes=(20, 24, 30),
    exercise_weeks=(("bridge", 1), ("eccentric_step_down", 3), ("side_plank", 2)),
)
DAYS = (
    DaySchedule(run=True, repeats=3, load=("eccentric_step_down",)),
    DaySchedule(),
    DaySchedule(load=("eccentric_step_down", "bridge")),
)


def week(stage: int | None = 3) -> WeekSchedule:
    return WeekSchedule(
        number=3,
        phases={"patellofemoral_pain": "build"},
        run_mode="walk_run" if stage else "continuous",
        stage=stage,
        advanced=True,
        days=DAYS + (DaySchedule(),) * 4,
        status="OPTIMAL",
        objective=0,
        bound=0,
    )


def decision(action: str, stage_change: int = 0, dosage_change: int = 0, cut: int = 0) -> Decision:
    zone = {"advance": "green", "hold": "amber", "step_back": "red", "stop": "flag"}[action]
    return Decision(3, action, zone, ("why",), stage_change, dosage_change, cut)


def test_advance_keeps_the_state_the_plan_assumed():
    assert adjust(AFTER, week(), decision("advance", 1, 1)) is AFTER


@pytest.mark.parametrize("action", ["hold", "stop"])
def test_hold_repeats_the_stage_and_the_doses(action):
    held = adjust(AFTER, week(), decision(action))
    assert held == replace(
        AFTER,
        stage=3,  # the reported week's stage again, counted from its first run
        completions=0,
        exercise_weeks=(("bridge", 0), ("eccentric_step_down", 2), ("side_plank", 2)),  # unused: as it was
    )


def test_step_back_drops_a_stage_and_a_dose_step():
    back = adjust(AFTER, week(), decision("step_back", -1, -1))
    assert back == replace(
        AFTER,
        stage=2,
        completions=0,
        # one week of use undone, and two more for the step down (R-PM-04); never below 0
        exercise_weeks=(("bridge", 0), ("eccentric_step_down", 0), ("side_plank", 2)),
    )


def test_step_back_from_the_first_stage_is_a_week_without_runs():
    back = adjust(replace(AFTER, stage=2), week(stage=1), decision("step_back", -1, -1))
    assert (back.stage, back.completions, back.ladder_done, back.rest_from_running) == (1, 0, False, 1)


def test_a_red_week_of_continuous_running_cuts_the_running():
    continuous = replace(AFTER, stage=None, ladder_done=True, continuous_minutes=(24, 30))
    cut = adjust(continuous, week(stage=None), decision("step_back", 0, -1, cut=20))
    assert (cut.running_minutes, cut.continuous_minutes) == ((20, 24, 24), (24, 24))  # 30 min less 20 %
    assert (cut.stage, cut.ladder_done) == (None, True)


def test_a_cut_with_no_running_yet_changes_only_the_doses():
    resting = replace(AFTER, stage=None, running_minutes=())
    cut = adjust(resting, week(stage=None), decision("step_back", 0, -1, cut=20))
    assert cut == replace(resting, exercise_weeks=(("bridge", 0), ("eccentric_step_down", 0), ("side_plank", 2)))
