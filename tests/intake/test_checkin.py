"""The check-in model (docs/progression.md) and reading check-ins from files."""

import pytest

from rehabplan.errors import InvalidInput
from rehabplan.intake.checkin import load_checkins, parse_checkins

EVERY_FIELD = """\
week: 2
sessions_done: 5
runs_done: 2
pain_during_run: 3
pain_during_exercise: 2
pain_next_morning: 2
swelling: false
giving_way: false
locking: false
red_flags: []
note: "Stairs easier"
"""


def test_contract_example_reads(write):
    (checkin,) = load_checkins(write(EVERY_FIELD, "checkin.yaml"))
    assert (checkin.week, checkin.sessions_done, checkin.pain_during, checkin.flags) == (2, 5, 3, [])


def test_a_list_is_read_in_week_order(write):
    path = write(
        "- {week: 3, sessions_done: 4, pain_next_morning: 1}\n- {week: 1, sessions_done: 6, pain_next_morning: 2}\n",
        "checkins.yaml",
    )
    assert [c.week for c in load_checkins(path)] == [1, 3]


def test_yes_no_answers_become_red_flag_words_but_swelling_stays_a_fact():
    """Why: "the knee swelled" is not yet `persistent_swelling`; with knee osteoarthritis it holds
    the plan (R-OA-05), so whether it is a red flag is the decision's (adapt.decide.red_flags_of)."""
    (checkin,) = parse_checkins(
        {
            "week": 1,
            "sessions_done": 3,
            "pain_next_morning": 1,
            "swelling": True,
            "locking": True,
            "red_flags": ["calf_swelling"],
        },
        "c",
    )
    assert (checkin.flags, checkin.swelling) == (["calf_swelling", "locking"], True)


@pytest.mark.parametrize(
    "data, lines",
    [
        (
            {"week": 0, "sessions_done": 5, "pain_next_morning": 12},
            [
                "c.yaml: 2 problems in the check-in",
                "c.yaml: week: 0 is out of range; give 1-52 (the plan week it reports on)",
                "c.yaml: pain_next_morning: 12 is out of range; give 0-10 (0 no pain, 10 the worst imaginable)",
            ],
        ),
        (
            {"week": 1, "sessions_done": 5, "pain_next_mornig": 2, "pain_next_morning": 1},
            [
                "c.yaml: 1 problem in the check-in",
                "c.yaml: pain_next_mornig: 2 is not a known field; did you mean pain_next_morning?",
            ],
        ),
        (
            {"week": 1, "sessions_done": 5},
            [
                "c.yaml: 1 problem in the check-in",
                "c.yaml: pain_next_morning: is required; add it",
            ],
        ),
        (
            [
                {"week": 2, "sessions_done": 1, "pain_next_morning": 1},
                {"week": 2, "sessions_done": 2, "pain_next_morning": 1},
            ],
            [
                "c.yaml: 1 problem in the check-ins",
                "c.yaml: week: 2 is reported twice; keep one check-in per week",
            ],
        ),
        ({"week": 1, "sessions_done": 5, "pain_next_morning": 1, "red_flags": ["sore"]}, None),
        (
            "just text",
            [
                "c.yaml: a check-in is a mapping of fields (week: 2, sessions_done: 5, ...), or a list of them; "
                "see CONTRACT section 2 or the log page of the handout"
            ],
        ),
    ],
)
def test_bad_check_ins_name_the_field_value_and_fix(data, lines):
    with pytest.raises(InvalidInput) as caught:
        parse_checkins(data, "c.yaml")
    if lines is None:
        assert "red_flags[0]: 'sore' is not allowed; use one of: cannot_bear_weight" in "\n".join(caught.value.lines())
    else:
        assert caught.value.lines() == lines
