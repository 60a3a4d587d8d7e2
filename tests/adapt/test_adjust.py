"""What each check-in decision changes in the state carried into the next week
(adapt/adjust.py, R-PM-03, R-PM-04): the walk-run stage, each role's dose step and rung, a week
off running, the running cut and the walk test. Pure: states and weeks made by hand."""

from dataclasses import replace

import pytest

from rehabplan.adapt.adjust import adjust
from rehabplan.adapt.decide import Decision
from rehabplan.problem.types import DaySchedule, RoleLevel, SessionPick, State, WeekSchedule

STEP_DOWN = RoleLevel(exercise="eccentric_step_down", rung=3, step=2, weeks=1)
BRIDGE = RoleLevel(exercise="bridge", rung=0, step=0, weeks=1)
CLAM = RoleLevel(exercise="clamshell", rung=1, step=0, weeks=2)

# The state week 3 started from, and the state after it as projected: the plan assumed progress
# (stage 3 -> 4, the step-down one dose step up, a week more at the others).
BEFORE = State(
    week=3,
    phase_index=(1,),
    weeks_in_phase=(1,),
    stage=3,
    completions=0,
    running_minutes=(20, 24),
    mobility=(("quadriceps_stretch", 0, 1),),
    roles=(
        ("strength:hip_abduction", CLAM),
        ("strength:hip_extension", BRIDGE),
        ("strength:quadriceps_closed_chain", STEP_DOWN),
    ),
)
AFTER = replace(
    BEFORE,
    week=4,
    phase_index=(1,),
    weeks_in_phase=(2,),
    stage=4,
    running_minutes=(20, 24, 30),
    mobility=(("quadriceps_stretch", 1, 0),),
    roles=(
        ("strength:hip_abduction", replace(CLAM, weeks=3)),
        ("strength:hip_extension", replace(BRIDGE, weeks=2)),
        ("strength:quadriceps_closed_chain", replace(STEP_DOWN, step=3, weeks=0)),
    ),
    progression="doses",
    doses_rose=3,
)
SESSION = SessionPick("hip_and_knee", (("quadriceps_closed_chain", "eccentric_step_down"), ("hip_extension", "bridge")))
DAYS = (DaySchedule(run=True, repeats=3, sessions=(SESSION,)), DaySchedule(), DaySchedule(sessions=(SESSION,)))


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


def roles(state: State) -> dict[str, RoleLevel]:
    return dict(state.roles)


def test_advance_keeps_the_state_the_plan_assumed():
    """Including the stretches' weeks of use (their holds lengthen every two weeks)."""
    assert adjust(AFTER, BEFORE, week(), decision("advance", 1, 1)) is AFTER


@pytest.mark.parametrize("action", ["hold", "stop"])
def test_hold_repeats_the_week_and_takes_back_what_rose(action):
    held = adjust(AFTER, BEFORE, week(), decision(action))
    assert (held.stage, held.completions, held.ladder_done, held.progression) == (3, 0, False, None)
    assert held.phase_index == BEFORE.phase_index and held.weeks_in_phase == (2,)
    # the levels the week started from, counted again from this week
    assert roles(held)["strength:quadriceps_closed_chain"] == replace(STEP_DOWN, weeks=0)
    assert roles(held)["strength:hip_extension"] == replace(BRIDGE, weeks=0)
    assert held.mobility == BEFORE.mobility  # stretching holds do not lengthen either


def test_step_back_drops_a_stage_and_a_dose_step():
    back = adjust(AFTER, BEFORE, week(), decision("step_back", -1, -1))
    assert (back.stage, back.completions, back.progression) == (2, 0, None)
    assert roles(back)["strength:quadriceps_closed_chain"] == replace(STEP_DOWN, step=1, weeks=0)


def test_step_back_at_a_first_dose_step_moves_to_the_easier_rung():
    back = adjust(AFTER, BEFORE, week(), decision("step_back", -1, -1))
    assert roles(back)["strength:hip_abduction"] == RoleLevel(exercise=None, rung=0)  # clamshell -> the rung below
    assert roles(back)["strength:hip_extension"] == replace(BRIDGE, weeks=0)  # already the easiest: stays


def test_step_back_from_the_first_stage_is_a_week_without_runs():
    back = adjust(replace(AFTER, stage=2), BEFORE, week(stage=1), decision("step_back", -1, -1))
    assert (back.stage, back.completions, back.ladder_done, back.rest_from_running) == (1, 0, False, 1)


def test_a_red_week_of_continuous_running_cuts_the_running_with_no_floor():
    continuous = replace(AFTER, stage=None, ladder_done=True, continuous_minutes=(24, 30))
    cut = adjust(continuous, BEFORE, week(stage=None), decision("step_back", 0, -1, cut=20))
    assert (cut.running_minutes, cut.continuous_minutes) == ((20, 24, 24), (24, 24))  # 30 min less 20 %
    assert (cut.stage, cut.ladder_done) == (None, True)


def test_a_cut_with_no_running_yet_changes_only_the_doses():
    resting = replace(AFTER, stage=None, running_minutes=())
    cut = adjust(resting, BEFORE, week(stage=None), decision("step_back", 0, -1, cut=20))
    assert cut.running_minutes == () and cut.stage is None
    assert roles(cut)["strength:quadriceps_closed_chain"] == replace(STEP_DOWN, step=1, weeks=0)


@pytest.mark.parametrize("walk_ok", [True, False])
def test_the_walk_test_a_check_in_reports_opens_or_closes_running(walk_ok):
    assert adjust(AFTER, BEFORE, week(), decision("advance", 1, 1), walk_ok).walk_ok is walk_ok
    assert adjust(AFTER, BEFORE, week(), decision("hold"), walk_ok).walk_ok is walk_ok
