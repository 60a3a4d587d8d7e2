"""The profile model: defaults, normalisation, and that any input gives a profile or a clear error."""

import json
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rehabplan.api import list_examples
from rehabplan.errors import InvalidInput
from rehabplan.intake.profile import Profile, load_profile, next_monday, parse_profile
from tests.support import GOOD


def test_next_monday_is_strictly_after_today():
    assert next_monday(date(2026, 11, 21)) == date(2026, 11, 23)  # Saturday
    assert next_monday(date(2026, 11, 23)) == date(2026, 11, 30)  # a Monday: the following one
    assert next_monday(date(2026, 11, 29)) == date(2026, 11, 30)  # Sunday


def test_defaults(write):
    profile = load_profile(write(GOOD))
    assert profile.plan.weeks == 8
    assert profile.plan.start.weekday() == 0 and profile.plan.start > date.today()
    assert profile.running.baseline_weekly_minutes == 0
    assert profile.availability.by_day() == {"mon": 45, "tue": 0, "wed": 45, "thu": 0, "fri": 0, "sat": 60, "sun": 0}
    assert profile.equipment == [] and profile.red_flags == [] and profile.clinician is None


def test_household_items_are_accepted_and_dropped(write):
    profile = load_profile(write(GOOD + "equipment: [chair, resistance_band, stairs]\n"))
    assert profile.equipment == ["resistance_band"]


def test_json_profile_with_a_date_string(write):
    data = yaml.safe_load(GOOD)
    data["plan"] = {"start": "2027-03-01", "weeks": 12}
    profile = load_profile(write(json.dumps(data), "p.json"))
    assert profile.plan.start == date(2027, 3, 1) and profile.plan.weeks == 12


def test_logo_relative_to_the_profile(write, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    profile = load_profile(write(GOOD + "clinician: {clinic: Riverside, logo: logo.png}\n"))
    assert profile.clinician.logo == "logo.png"


def test_prevention_is_a_profile_without_an_injury():
    assert parse_profile({**yaml.safe_load(GOOD), "conditions": ["prevention"]}, "p").is_prevention
    assert not parse_profile({**yaml.safe_load(GOOD), "conditions": ["patellofemoral_pain"]}, "p").is_prevention


@pytest.mark.parametrize("example", list_examples(), ids=lambda e: e.name)
def test_every_example_validates(example):
    profile = load_profile(example.path)
    assert profile.name and profile.goal
    assert any(profile.availability.by_day().values())


def test_examples_cover_every_condition():
    covered = {c for e in list_examples() for c in e.conditions}
    assert covered == set(Profile.model_fields["conditions"].annotation.__args__[0].__args__)


# Any JSON-like document: the loader returns a profile or raises InvalidInput, nothing else.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 400) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
base = yaml.safe_load(GOOD)
keys = st.sampled_from(sorted(Profile.model_fields))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=6), st.lists(keys, max_size=3))
def test_any_document_gives_a_profile_or_a_clear_error(overrides, removed):
    data = {k: v for k, v in {**base, **overrides}.items() if k not in removed}
    try:
        parse_profile(data, "fuzz.yaml")
    except InvalidInput as err:
        assert err.problems, "an invalid profile names at least one problem"
        for problem in err.problems:
            assert problem.message and "Traceback" not in problem.message


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_top_level_value_gives_a_clear_error(value):
    try:
        parse_profile(value, "fuzz.yaml")
    except InvalidInput as err:
        assert err.message.startswith("fuzz.yaml")
