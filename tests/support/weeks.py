"""A small week made by hand, for the tests of what reads a plan's weeks (the handout's week
view, today's sessions): a walk-run session on Monday and Thursday, the same strength session on
Monday and Wednesday, a walk on Saturday and Sunday; Tuesday is not one of the person's days,
Friday and Sunday are rest days (Sunday with its walk: an easy day)."""

from datetime import date, timedelta

from rehabplan.plan_model import CrossSession, Day, ExerciseSession, Interval, Item, RunSession, Week
from rehabplan.vocab import WEEKDAYS

START = date(2026, 11, 23)
RUN = RunSession(
    type="run",
    minutes=30,
    intensity="easy",
    warm_up_minutes=10,
    cool_down_minutes=5,
    stage=2,
    intervals=[Interval(mode="run", minutes=2, repeats=3), Interval(mode="walk", minutes=3, repeats=3)],
    running_minutes=6,
    terrain="mixed",
    run_intensity="easy",
)
STEP_DOWN = Item(
    id="eccentric_step_down",
    name="Eccentric step-down",
    targets=["quadriceps"],
    contraction="eccentric",
    intensity_level="moderate",
    equipment=["step"],
    side="right",
    sets=2,
    reps=8,
    hold_s=None,
    minutes=None,
    rest_s=60,
    tempo="3-0-1",
    load_guidance="Body weight",
    knee_flexion_max_deg=60,
    progression_rule="",
    pain_rule="",
    why="Loads the thigh slowly.",
    dosage_step=2,
    dosage_steps=3,
)
STRENGTH = ExerciseSession(type="strength", minutes=20, intensity="moderate", warm_up_minutes=5, items=[STEP_DOWN])
WALK = CrossSession(type="walk", minutes=20, intensity="easy", modality="walk", effort=3, load_guidance="Brisk, flat.")
SESSIONS = {"mon": [RUN, STRENGTH], "tue": [], "wed": [STRENGTH], "thu": [RUN], "fri": [], "sat": [WALK], "sun": [WALK]}
BUDGETS = {"mon": 60, "tue": 0, "wed": 45, "thu": 45, "fri": 30, "sat": 60, "sun": 30}


def week(start: date = START, number: int = 3) -> Week:
    days = [
        Day(
            date=start + timedelta(days=i),
            weekday=wd,
            available=BUDGETS[wd] > 0,
            budget_minutes=BUDGETS[wd],
            rest_day=wd in ("fri", "sun"),
            sessions=SESSIONS[wd],
        )
        for i, wd in enumerate(WEEKDAYS)
    ]
    return Week(
        number=number,
        start=start,
        phase="Build strength",
        run_stage=2,
        running_minutes=12,
        phase_id="build",
        phases={"patellofemoral_pain": "build"},
        training_minutes=170,
        days=days,
    )
