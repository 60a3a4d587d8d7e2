"""Every input problem reads in rehabplan's words (field, value, fix), never pydantic's, and a plan
start date past what a calendar can hold is an input error, not a traceback."""

import copy

import pytest
import yaml

from rehabplan.batch.run import run_batch
from rehabplan.errors import InvalidInput
from rehabplan.intake.checkin import parse_checkins
from rehabplan.intake.profile import parse_profile
from tests.support import GOOD

RANGE = "is out of range; give a Monday in the years 2000-2099"
CONDITIONS = (
    "patellofemoral_pain, iliotibial_band_syndrome, patellar_tendinopathy, knee_osteoarthritis, "
    "degenerative_meniscus, posterior_knee_pain, prevention"
)


def problems(data, parse=parse_profile) -> list[str]:
    with pytest.raises(InvalidInput) as err:
        parse(data, "p.yaml")
    return err.value.lines()[1:]


def with_(**fields) -> dict:
    return {**yaml.safe_load(GOOD), **fields}


@pytest.mark.parametrize("start", ["9999-12-27", "2100-01-04", "1999-12-27", "0001-01-01"])
def test_a_start_outside_2000_2099_is_refused(start):
    assert problems(with_(plan={"start": start})) == [f"p.yaml: plan.start: '{start}' {RANGE}"]


@pytest.mark.parametrize("start", ["2000-01-03", "2099-12-28"])
def test_the_first_and_last_mondays_of_the_range_make_plans(start, cli, write):
    result = cli("plan", write(GOOD + f"plan: {{start: {start}, weeks: 52}}\n"), "--format", "ics")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["plan", "today"])
def test_a_start_option_past_the_range_is_refused(command, cli, write):
    result = cli(command, write(GOOD), "--start", "9999-12-27")
    assert (result.exit_code, result.stderr) == (2, f"--start: 9999-12-27 {RANGE}\n")


def test_batch_reports_the_start_date_not_an_internal_error(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "far.yaml").write_text(GOOD + "plan: {start: 9999-12-27}\n", encoding="utf-8")
    item = run_batch(folder, tmp_path / "out", "json", "a4", jobs=1).items[0]
    assert item.messages == (
        f"{folder / 'far.yaml'}: 1 problem in the profile",
        f"{folder / 'far.yaml'}: plan.start: '9999-12-27' {RANGE}",
    )
    assert item.detail is None


def test_an_empty_conditions_list_lists_the_words():
    assert problems(with_(conditions=[])) == [
        f"p.yaml: conditions: the list is empty; give at least one of: {CONDITIONS}"
    ]


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"name": ""}, "name: '' is empty; write some text, or leave the field out"),
        ({"name": "x" * 81}, f"name: '{'x' * 57}...' is 81 characters long; keep it to 80"),
        (
            {"clinician": {"notes": "x" * 1001}},
            f"clinician.notes: '{'x' * 57}...' is 1001 characters long; keep it to 1000",
        ),
        ({1: "x"}, "1 is not a field name; write field names as words, like `age: 34`"),
        (
            {"availability": {"mon": 30, 2: 30}},
            "availability: 2 is not a field name; write field names as words, like `age: 34`",
        ),
    ],
)
def test_pydantic_wordings_are_rewritten(fields, expected):
    assert problems({**with_(), **fields}) == [f"p.yaml: {expected}"]


# Wrong values of every shape, for every field: the message is rehabplan's, whatever the field.
WRONG = [
    None,
    True,
    0,
    -1,
    10**6,
    2.5,
    float("nan"),
    "",
    "x" * 2000,
    "\x1b[2J",
    [],
    [1],
    ["x"] * 30,
    {},
    {"x": 1},
    {1: 2},
    [[[]]],
]
PYDANTIC = (
    "Input should",
    "should be",
    "should have",
    "Value error",
    "validation",
    "Keys should",
    "String should",
    "List should",
    "Field required",
)
PROFILE_PATHS = [
    "name",
    "age",
    "sex",
    "height_cm",
    "weight_kg",
    "conditions",
    "side",
    "pain",
    "pain.at_rest",
    "pain.next_morning",
    "walk_30min_pain_free",
    "jumping_sport",
    "weaknesses",
    "tightness",
    "availability",
    "availability.mon",
    "equipment",
    "cross_training",
    "running",
    "running.baseline_weekly_minutes",
    "running.baseline_weekly_km",
    "goal",
    "red_flags",
    "plan",
    "plan.start",
    "plan.weeks",
    "plan.session_time",
    "clinician",
    "clinician.name",
    "clinician.notes",
    "clinician.logo",
]
CHECKIN_FIELDS = [
    "week",
    "sessions_done",
    "runs_done",
    "pain_during_run",
    "pain_next_morning",
    "swelling",
    "red_flags",
    "note",
]


def set_path(data: dict, path: str, value) -> dict:
    data = copy.deepcopy(data)
    *heads, last = path.split(".")
    place = data
    for head in heads:
        place = place.setdefault(head, {}) if isinstance(place.get(head, {}), dict) else place
    place[last] = value
    return data


def plain(lines: list[str]) -> None:
    for line in lines:
        assert not any(words in line for words in PYDANTIC), line
        assert "\x1b" not in line


@pytest.mark.parametrize("path", PROFILE_PATHS)
def test_every_profile_field_reads_in_rehabplan_words(path):
    base = with_(plan={"start": "2026-11-23"}, clinician={"name": "A. Physio"})
    for value in WRONG:
        try:
            parse_profile(set_path(base, path, value), "p.yaml")
        except InvalidInput as err:
            plain(err.lines())


@pytest.mark.parametrize("field", CHECKIN_FIELDS)
def test_every_checkin_field_reads_in_rehabplan_words(field):
    for value in WRONG:
        try:
            parse_checkins({"week": 1, "sessions_done": 2, "pain_next_morning": 1, field: value}, "c.yaml")
        except InvalidInput as err:
            plain(err.lines())
