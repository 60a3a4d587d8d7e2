"""A scripted run of check-ins on the runners_knee example: green, hold, red (step back), green."""

from functools import cache

from rehabplan.api import example_path, plan_profile
from rehabplan.intake.checkin import parse_checkins
from rehabplan.planning.pipeline import make_plan

START = "2026-11-02"
GREEN1 = {"week": 1, "sessions_done": 6, "runs_done": 3, "pain_during_run": 2, "pain_next_morning": 1}
HOLD2 = {"week": 2, "sessions_done": 6, "runs_done": 3, "pain_during_run": 2, "pain_next_morning": 2}
RED3 = {"week": 3, "sessions_done": 7, "runs_done": 2, "pain_during_run": 6, "pain_next_morning": 2}
GREEN4 = {"week": 4, "sessions_done": 7, "runs_done": 2, "pain_during_run": 1, "pain_next_morning": 1}


@cache
def profile():
    return plan_profile(example_path("runners_knee"), start=START)


@cache
def checked_plan():
    """runners_knee after the first three check-ins: a plan with a progress page."""
    return make_plan(profile(), parse_checkins([GREEN1, HOLD2, RED3], "test"))
