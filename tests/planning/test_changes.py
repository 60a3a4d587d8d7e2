"""The plan's ``changes`` (planning/changes.py): each check-in's decision in a sentence, and how
much of the re-planned weeks stayed as they were. Decisions and weeks made by hand."""

import pytest

from rehabplan.adapt.decide import Decision
from rehabplan.planning.changes import change_lines, moved
from rehabplan.problem.types import DaySchedule, SessionPick, WeekSchedule

WHY = ("pain rose",)


def decided(week: int, action: str, stage_change: int = 0, cut: int = 0, review: bool = False) -> Decision:
    zone = {"advance": "green", "hold": "amber", "step_back": "red", "stop": "flag"}[action]
    return Decision(week, action, zone, WHY, stage_change, 0, cut, review=review)


@pytest.mark.parametrize(
    "decision, stages, line",
    [
        (
            decided(1, "advance", 1),
            {1: 2, 2: 3},
            "Week 1 was in the green zone (pain rose): the plan carries on as planned.",
        ),
        (decided(2, "hold"), {2: 2, 3: 2}, "Run stage held at 2 after week 2: pain rose."),
        (
            decided(2, "hold"),
            {2: None, 3: None},
            "Running and exercise doses held after week 2: pain rose.",
        ),
        (
            decided(3, "step_back", -1),
            {3: 3, 4: 2},
            "Run stage stepped back from 3 to 2 after week 3, with exercise doses one step easier: pain rose.",
        ),
        (
            decided(3, "step_back", -1),
            {3: 1, 4: 1},
            (
                "After week 3, runs are swapped for walking and cross-training in week 4, then the ladder "
                "starts again at stage 1, with exercise doses one step easier: pain rose."
            ),
        ),
        (
            decided(4, "step_back", -1),
            {4: 1},  # the last week: nothing after it to swap
            "Run stage kept at 1, the first stage, after week 4, with exercise doses one step easier: pain rose.",
        ),
        (
            decided(3, "step_back", cut=20),
            {3: None, 4: None},
            "Weekly running cut by 20 % after week 3, with exercise doses one step easier: pain rose.",
        ),
        (
            decided(3, "step_back"),
            {3: None, 4: None},
            "Exercise doses stepped back after week 3, with exercise doses one step easier: pain rose.",
        ),
        (
            decided(2, "stop"),
            {1: 1, 2: 1},
            "Week 2 reported a warning sign, so running and loading stop: pain rose",
        ),
    ],
)
def test_each_decision_in_one_sentence(decision, stages, line):
    assert change_lines([decision], stages) == [line]


REVIEW = (
    "Pain has not improved over the last three check-ins (week 2): book a review with your physiotherapist or GP "
    "(R-PM-05)."
)


def test_what_moved_and_a_review_follow_their_decision():
    lines = change_lines(
        [decided(1, "advance", 1), decided(2, "hold", review=True)],
        {1: 1, 2: 2, 3: 2},
        {2: "Week 3 re-planned: every run stays on its day, and 4 of 4 exercise slots are as before."},
    )
    assert lines[1:] == [
        "Run stage held at 2 after week 2: pain rose.",
        "Week 3 re-planned: every run stays on its day, and 4 of 4 exercise slots are as before.",
        REVIEW,
    ]


def schedule(number: int, *days: DaySchedule) -> WeekSchedule:
    padded = days + (DaySchedule(),) * (7 - len(days))
    return WeekSchedule(number, {}, "walk_run", 2, False, padded, "OPTIMAL", 0, 0)


def strength(*exercises: str) -> tuple[SessionPick, ...]:
    return (SessionPick("hip_and_knee", tuple(("hip_extension", e) for e in exercises)),)


RUN_SQUAT = DaySchedule(run=True, sessions=strength("squat"))
BRIDGE = DaySchedule(sessions=strength("bridge", "clam"))


def test_a_re_plan_that_kept_every_run():
    old = (schedule(3, RUN_SQUAT, BRIDGE), schedule(4, RUN_SQUAT, BRIDGE))
    new = (schedule(3, RUN_SQUAT, DaySchedule(sessions=strength("bridge"))), schedule(4, RUN_SQUAT, BRIDGE))
    assert (
        moved(old, new) == "Weeks 3-4 re-planned: every run stays on its day, and 5 of 5 exercise slots are as before."
    )


def test_a_re_plan_that_moved_a_run():
    old = (schedule(5, RUN_SQUAT, BRIDGE),)
    moved_run = DaySchedule(run=True, sessions=strength("bridge", "lunge"))
    new = (schedule(5, DaySchedule(sessions=strength("squat")), moved_run),)
    assert moved(old, new) == (
        "Week 5 re-planned: 0 of 1 runs stay on their day (1 on another day), and 2 of 3 exercise slots are as before."
    )
