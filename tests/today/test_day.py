"""One day of a plan (today/day.py): which day it is in the plan, its sessions or why it has
none, when the next ones are, and the day as text. A two-week plan of a week made by hand."""

from datetime import date, timedelta

import pytest

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.protocols import load_pain_rule
from rehabplan.plan_model import Plan, Referral
from rehabplan.today.day import today_sessions, today_text, weekday
from tests.support.weeks import RUN, START, STRENGTH, WALK, week

PROFILE = Profile.model_validate(
    {
        "age": 34,
        "conditions": ["patellofemoral_pain"],
        "pain": {"at_rest": 1, "during_run": 5},
        "walk_30min_pain_free": True,
        "availability": {"mon": 60, "wed": 45, "thu": 45, "fri": 30, "sat": 60, "sun": 30},
        "plan": {"start": START, "weeks": 2},
    }
)
PLAN = Plan(
    schema_version=1,
    status="ok",
    warnings=[],
    referral=None,
    changes=[],
    notes=[],
    solver=None,
    profile=PROFILE,
    protocol=None,
    weeks=[week(START, 1), week(START + timedelta(weeks=1), 2)],
)
PAIN_RULE = load_pain_rule().exercise_line


def test_a_training_day():
    view = today_sessions(PLAN, START)
    assert (view.status, view.week, view.weeks, view.phase, view.available, view.easy) == (
        "train",
        1,
        2,
        "Build strength",
        True,
        False,
    )
    assert view.sessions == (RUN, STRENGTH)
    assert (view.first, view.last) == (START, date(2026, 12, 6))
    assert (view.next_day, view.next_sessions) == (date(2026, 11, 25), ("strength",))
    assert today_text(view).splitlines() == [
        "Monday 23 November 2026: week 1 of 2, Build strength",
        "2 sessions, 50 min in all",
        "",
        "1. Run, 30 min: walk-run stage 2",
        "   Warm-up walk 10 min; run 2 min, walk 3 min, 3 rounds; cool-down walk 5 min",
        "   Easy pace: you can talk in full sentences. Mostly flat, no steep downhills.",
        "2. Strength, 20 min",
        "   Warm-up 5 min first",
        "   Eccentric step-down, 2 × 8 reps, rest 60 s",
        (
            "     Right leg, the sore side. 3 s down, 0 s pause, 1 s up. Body weight. "
            "Slow on the way down; that is where the work is."
        ),
        "",
        PAIN_RULE,
    ]


def test_a_rest_day_with_a_walk_is_an_easy_training_day():
    view = today_sessions(PLAN, date(2026, 11, 29))
    assert (view.status, view.easy, view.sessions) == ("train", True, (WALK,))
    assert today_text(view).splitlines() == [
        "Sunday 29 November 2026: week 1 of 2, Build strength",
        "1 session, 20 min in all: an easy day, no running or loading",
        "",
        "1. Walk, 20 min: Brisk walking, effort 3 out of 10",
        "   Brisk, flat.",
        "",
        PAIN_RULE,
    ]


@pytest.mark.parametrize(
    "day, available, why",
    [
        (
            date(2026, 11, 24),
            False,
            "not one of your training days. Next session: Wednesday 25 November 2026 (Strength).",
        ),
        (date(2026, 11, 27), True, "a rest day. Next session: Saturday 28 November 2026 (Walk)."),
    ],
)
def test_a_day_without_sessions_says_why_and_when_the_next_ones_are(day, available, why):
    view = today_sessions(PLAN, day)
    assert (view.status, view.available, view.sessions) == ("rest", available, ())
    assert today_text(view).splitlines()[1] == f"Nothing planned today: {why}"


def test_days_outside_the_plan():
    before = today_sessions(PLAN, date(2026, 11, 20))
    assert (before.status, before.week, before.next_day) == ("before", None, START)
    assert today_text(before) == (
        "Friday 20 November 2026 is before the plan, which starts on Monday 23 November 2026. "
        "Next session: Monday 23 November 2026 (Run, Strength)."
    )
    after = today_sessions(PLAN, date(2026, 12, 7))
    assert (after.status, after.next_day, after.next_sessions) == ("after", None, ())
    assert today_text(after) == "Monday 7 December 2026 is after the plan, which ended on Sunday 6 December 2026."


def test_a_referral_offers_no_sessions_on_any_day():
    referral = Referral(urgency="soon", reasons=["Night pain"], message="See your GP within a week.")
    plan = PLAN.model_copy(update={"status": "referral", "referral": referral})
    view = today_sessions(plan, START)
    assert (view.status, view.sessions, view.referral) == ("referral", (), referral)
    assert today_text(view) == (
        "Monday 23 November 2026: this plan ends in a referral (soon), so it has no sessions to do.\n"
        "See your GP within a week."
    )


def test_weekday_names():
    assert [weekday(START + timedelta(days=i)) for i in (0, 3, 6)] == ["Monday", "Thursday", "Sunday"]
