"""One week of the handout (render/view_week.py): the day cells, the run cards, the session
cards with each exercise once, and the cross-training lines, from a small week made by hand."""

import pytest

from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.plan_model import Interval
from rehabplan.render.view_week import run_block, stage_line, week_view
from tests.support.weeks import RUN, week

STAGES = {2: "run 2 min, walk 3 min"}


@pytest.fixture(scope="module")
def view() -> dict:
    return week_view(week(), load_catalog(), load_texts(), STAGES, ["patellofemoral_pain"])


def test_the_week_heading(view):
    assert {k: view[k] for k in ("number", "dates", "phase", "stage", "running_minutes", "sessions")} == {
        "number": 3,
        "dates": "23 Nov – 29 Nov 2026",
        "phase": "Build strength",
        "stage": "Walk-run stage 2: run 2 min, walk 3 min",
        "running_minutes": 12,
        "sessions": 6,
    }


def test_day_cells_tell_a_rest_day_from_a_day_off_and_an_easy_day(view):
    notes = {d["weekday"]: d["note"] for d in view["days"]}
    assert notes == {
        "Mon": "",
        "Tue": "Not available",
        "Wed": "",
        "Thu": "",
        "Fri": "Rest day",
        "Sat": "",
        "Sun": "Easy day: no running or loading",
    }
    assert view["days"][0] == {
        "weekday": "Mon",
        "date": "23 Nov",
        "chips": [
            {"label": "Run", "tone": "run", "minutes": 30},
            {"label": "Strength", "tone": "strength", "minutes": 20},
        ],
        "note": "",
        "minutes": 50,
    }


def test_the_same_run_on_two_days_is_one_card(view):
    assert view["cards"] == [
        {
            "label": "Run",
            "tone": "run",
            "days": "Mon and Thu",
            "minutes": 30,
            "run": {
                "columns": [
                    {"head": "Warm-up walk", "value": "10 min"},
                    {"head": "Run", "value": "2 min"},
                    {"head": "Walk", "value": "3 min"},
                    {"head": "Rounds", "value": "× 3"},
                    {"head": "Cool-down walk", "value": "5 min"},
                    {"head": "Running in all", "value": "6 min"},
                ],
                "terrain": "Mostly flat, no steep downhills",
                "pace": "Easy pace: you can talk in full sentences",
                "stage": 2,
            },
        }
    ]


def test_continuous_running_has_no_rounds_and_no_stage():
    steady = RUN.model_copy(
        update={"stage": None, "warm_up_minutes": 0, "intervals": [Interval(mode="run", minutes=25, repeats=1)]}
    )
    block = run_block(steady, load_texts())
    assert [(c["head"], c["value"]) for c in block["columns"]] == [
        ("Run", "25 min"),
        ("Cool-down walk", "5 min"),
        ("Running in all", "6 min"),
    ]
    assert block["stage"] is None


def test_a_session_card_lists_each_exercise_once_with_its_days(view):
    [block] = view["blocks"]
    assert {k: v for k, v in block.items() if k != "exercises"} == {
        "type": "strength",
        "label": "Strength",
        "tone": "strength",
        "when": "Mon 20 min, warm-up 5 min; Wed 20 min, warm-up 5 min",
    }
    [row] = block["exercises"]
    assert row["picture"].startswith('<img class="figure" src="data:image/svg+xml;base64,')
    assert {k: v for k, v in row.items() if k != "picture"} == {
        "id": "eccentric_step_down",
        "name": "Eccentric step-down",
        "days": "Mon and Wed",
        "amount": "2 × 8 reps",
        "details": ["Right leg, the sore side", "rest 60 s", "3 s down, 0 s pause, 1 s up", "knee bend up to 60°"],
        "load": "Body weight",
        "cues": ["Slow on the way down; that is where the work is", "Knee tracks over the second toe, not inwards"],
        "why": load_catalog().get("eccentric_step_down").why_for_conditions(["patellofemoral_pain"]),
        "step": "step 2 of 3",
    }


def test_cross_training_guidance_is_given_once_per_activity(view):
    assert view["cross"] == [
        {"day": "Sat", "what": "Brisk walking 20 min, effort 3 out of 10", "guidance": "Brisk, flat."},
        {"day": "Sun", "what": "Brisk walking 20 min, effort 3 out of 10", "guidance": ""},
    ]


@pytest.mark.parametrize(
    "stage, running, line",
    [
        (2, 6, "Walk-run stage 2: run 2 min, walk 3 min"),
        (None, 40, "Continuous running, building gently"),
        (None, 0, "No running this week"),
    ],
)
def test_stage_line(stage, running, line):
    assert stage_line(stage, running, STAGES) == line
