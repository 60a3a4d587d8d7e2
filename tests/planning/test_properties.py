"""Any valid profile gives a plan the independent validator accepts, or a clear explanation.

The strategy draws profiles the contract allows (no red flags: those give a referral, tested in
tests/cli/test_plan.py), from tight weeks of one short day to seven long ones.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehabplan.errors import CannotFit
from rehabplan.intake.profile import parse_profile
from rehabplan.planning.pipeline import make_plan
from rehabplan.validate.checks import violations
from rehabplan.vocab import CROSS_TRAINING, EQUIPMENT, INJURY_CONDITIONS, TIGHTNESS, WEAKNESSES, WEEKDAYS

START = date(2026, 11, 23)


def subset(words: tuple[str, ...]):
    """A subset of ``words``, kept in vocabulary order (profiles list each word once)."""
    return st.sets(st.sampled_from(words)).map(lambda chosen: [w for w in words if w in chosen])


conditions = st.one_of(
    st.just(["prevention"]),
    st.lists(st.sampled_from(INJURY_CONDITIONS), min_size=1, max_size=2, unique=True),
)


@st.composite
def availability(draw) -> dict[str, int]:
    """1-7 days of 0-120 minutes, at least one of them more than 0."""
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    minutes = {d: draw(st.integers(0, 120)) for d in days}
    if not any(minutes.values()):
        minutes[days[0]] = draw(st.integers(1, 120))
    return {d: minutes[d] for d in WEEKDAYS if d in minutes}


@st.composite
def running(draw) -> dict[str, int]:
    """Baseline minutes 0-300 with runs 0-6 to match: 0 runs exactly when 0 minutes."""
    minutes = draw(st.integers(0, 300))
    runs = draw(st.integers(1, 6)) if minutes else 0
    return {"baseline_weekly_minutes": minutes, "baseline_runs_per_week": runs}


pain = st.fixed_dictionaries(
    {"at_rest": st.integers(0, 10), "during_run": st.integers(0, 10)},
    optional={"next_morning": st.integers(0, 10)},
)

profiles = st.fixed_dictionaries(
    {
        "age": st.integers(12, 100),
        "conditions": conditions,
        "side": st.sampled_from(["left", "right", "both"]),
        "pain": pain,
        "walk_30min_pain_free": st.booleans(),
        "weaknesses": subset(WEAKNESSES),
        "tightness": subset(TIGHTNESS),
        "availability": availability(),
        "equipment": subset(EQUIPMENT),
        "cross_training": subset(CROSS_TRAINING),
        "running": running(),
        "red_flags": st.just([]),
        "plan": st.fixed_dictionaries({"start": st.just(START.isoformat()), "weeks": st.integers(1, 12)}),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles)
def test_every_valid_profile_gives_a_valid_plan_or_an_explanation(data):
    profile = parse_profile(data, "hypothesis profile")
    try:
        plan = make_plan(profile)
    except CannotFit as err:
        assert err.message.strip()
        assert err.exit_code == 1
        assert "Smallest change" in err.message or "Give more days" in err.message, err.message
        assert err.message.startswith("no safe plan fits week ")
        return
    assert plan.status == "ok"
    assert len(plan.weeks) == profile.plan.weeks
    assert plan.weeks[0].start == START
    assert violations(plan) == []


reports = st.lists(
    st.tuples(st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=4
)  # (pain during activity, next morning) for weeks 1, 2, ...


def _checkin(week, during: int, morning: int) -> dict:
    planned = [s for d in week.days for s in d.sessions]
    runs = sum(s.type == "run" for s in planned)
    found = {"week": week.number, "sessions_done": len(planned), "pain_during_exercise": during}
    found["pain_next_morning"] = morning
    return found | ({"runs_done": runs, "pain_during_run": during} if runs else {})


def _levels(week) -> dict[tuple[str, str], tuple[int, int]]:
    """(session type, role) -> (rung on the role's ladder, dose step): the highest in the week."""
    from rehabplan.knowledge.roles import load_roles, rung_of

    out: dict[tuple[str, str], tuple[int, int]] = {}
    for day in week.days:
        for s in day.sessions:
            for item in s.items:
                if item.role is not None:
                    rung = rung_of(load_roles()[item.role].ladder, item.id)
                    level = (rung if rung is not None else -1, item.dosage_step)
                    out[(s.type, item.role)] = max(out.get((s.type, item.role), level), level)
    return out


def _nothing_rises_after_red(data, pains) -> None:
    from rehabplan.intake.checkin import parse_checkins

    profile = parse_profile(data, "hypothesis profile")
    try:
        plan = make_plan(profile)
    except CannotFit:
        return
    given_: list[dict] = []
    for week, (during, morning) in enumerate(pains, start=1):
        if plan.status != "ok" or week >= len(plan.weeks):
            break
        given_.append(_checkin(plan.weeks[week - 1], during, morning))
        plan = make_plan(profile, parse_checkins(given_, "hypothesis"))
    decisions = sorted(plan.decisions, key=lambda d: d.week)
    weeks = {w.number: w for w in plan.weeks}
    for n, d in enumerate(decisions):
        if d.action != "step_back" or d.week not in weeks:
            continue
        red = weeks[d.week]
        green = next((g.week for g in decisions[n + 1 :] if g.action == "advance"), max(weeks))
        for number in range(d.week + 1, green + 1):
            week = weeks[number]
            assert week.running_minutes <= red.running_minutes, (d.week, number)
            if red.run_stage is not None and week.run_stage is not None:
                assert week.run_stage <= red.run_stage, (d.week, number)
            before = _levels(red)
            for key, level in _levels(week).items():
                assert key not in before or level <= before[key], (d.week, number, key)


def _short(data: dict) -> dict:
    return {**data, "plan": {**data["plan"], "weeks": 6}}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, pains=reports)
def test_no_week_after_a_red_checkin_rises_above_it(data, pains):
    """For any valid profile and check-ins: until a green check-in, no week after a red one has
    more running minutes, a higher stage or a higher dose than the red week (R-PM-08)."""
    _nothing_rises_after_red(_short(data), pains)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, pains=reports)
def test_no_week_after_a_red_checkin_rises_above_it_long_run(data, pains):
    _nothing_rises_after_red(_short(data), pains)
