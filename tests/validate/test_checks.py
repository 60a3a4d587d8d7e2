"""The independent validator: real plans pass, and each broken rule is named in the violation.

The bundled examples' plans (made by the solver) must give no violations, and generic mutations
of them must be caught. The rule-by-rule tests build small plans by hand, so they pin the
validator without depending on the solver's choices: ``blank`` gives a valid plan with no
sessions, each test places the sessions it needs, and ``build`` recomputes the derived totals
(week minutes, rest-day flags) so that only the rule under test can break. Every rule family
has a case that breaks it (the violation names the rule) and a case that is just allowed.
"""

import datetime
import json
import re
import subprocess
import sys
from collections.abc import Callable

import pytest

from rehabplan.api import example_path, list_examples
from rehabplan.intake.profile import load_profile, parse_profile
from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.protocols import get_protocol, load_ladder
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan
from rehabplan.validate.checks import PlanViolation, check_plan, violations
from rehabplan.validate.context import Context

START = datetime.date(2026, 11, 23)
EXAMPLES = [e.name for e in list_examples()]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BUSY = ("run", "strength", "plyometric", "cross_training", "walk")
RUNNER = {
    "conditions": ["prevention"],  # no injury, runs 120 minutes a week
    "running": {"baseline_weekly_minutes": 120, "baseline_runs_per_week": 3},
}
BASE = {
    "age": 40,
    "conditions": ["patellofemoral_pain"],
    "side": "right",
    "pain": {"at_rest": 1, "during_run": 4},
    "walk_30min_pain_free": True,
    "availability": {"mon": 60, "tue": 60, "wed": 60, "thu": 60, "fri": 60, "sat": 60},
    "running": {"baseline_weekly_minutes": 150, "baseline_runs_per_week": 3},
    "plan": {"start": START.isoformat(), "weeks": 3},
}


# --- building plans --------------------------------------------------------------------------


def blank(weeks: int = 3, phases: dict[str, str] | None = None, **profile) -> dict:
    """A valid plan (as a dict) with no sessions; each condition in ``phases`` or its first phase."""
    data = parse_profile(
        BASE | profile | {"plan": {"start": START.isoformat(), "weeks": weeks}}, "test profile"
    ).model_dump(mode="json")
    out = []
    for k in range(weeks):
        start = START + datetime.timedelta(weeks=k)
        out.append(
            {
                "number": k + 1,
                "start": start,
                "phase": "",
                "run_stage": None,
                "running_minutes": 0,
                "phase_id": "",
                "phases": {},
                "training_minutes": 0,
                "days": [
                    {
                        "date": start + datetime.timedelta(days=i),
                        "weekday": wd,
                        "available": data["availability"][wd] > 0,
                        "budget_minutes": data["availability"][wd],
                        "rest_day": True,
                        "sessions": [],
                    }
                    for i, wd in enumerate(WEEKDAYS)
                ],
            }
        )
    plan = {
        "schema_version": 1,
        "status": "ok",
        "warnings": [],
        "referral": None,
        "changes": [],
        "notes": [],
        "solver": None,
        "profile": data,
        "protocol": None,
        "weeks": out,
    }
    for condition in data["conditions"]:
        phase = (phases or {}).get(condition, get_protocol(condition).phases[0].id)
        set_phase(plan, condition, phase)
    return plan


def set_phase(d: dict, condition: str, phase_id: str, weeks: range | None = None) -> None:
    proto = get_protocol(condition)
    for week in d["weeks"]:
        if weeks is None or week["number"] in weeks:
            week["phases"][condition] = phase_id
            if condition == d["profile"]["conditions"][0]:
                week.update(phase_id=phase_id, phase=proto.phase(phase_id).name)


def build(d: dict, refresh: bool = True) -> Plan:
    """The plan of ``d``, with week totals and rest-day flags recomputed unless ``refresh`` is off."""
    if refresh:
        for week in d["weeks"]:
            sessions = [s for day in week["days"] for s in day["sessions"]]
            week["running_minutes"] = sum(s["running_minutes"] for s in sessions if s["type"] == "run")
            week["training_minutes"] = sum(s["minutes"] for s in sessions)
            for day in week["days"]:
                day["rest_day"] = not any(s["type"] in BUSY for s in day["sessions"])
    return Plan.model_validate(d)


def found(d: dict, refresh: bool = True) -> list[str]:
    return violations(build(d, refresh))


def tags(messages: list[str]) -> set[str]:
    """The rule ids named at the end of each violation: "... [R-RTR-02, R-PT-04]"."""
    out = set()
    for message in messages:
        match = re.search(r"\[([^\]]+)\]$", message)
        assert match, f"no rule id in {message!r}"
        out.update(match.group(1).split(", "))
    return out


def day(d: dict, week: int, weekday: str) -> dict:
    return d["weeks"][week - 1]["days"][WEEKDAYS.index(weekday)]


def put(d: dict, week: int, weekday: str, *sessions: dict) -> None:
    day(d, week, weekday)["sessions"].extend(sessions)


def item(exercise_id: str, **dose) -> dict:
    """A plan item for a library exercise at its first dose."""
    ex = load_catalog().get(exercise_id)
    first = ex.dosage[0]
    return {
        "id": ex.id,
        "name": ex.name,
        "targets": list(ex.targets),
        "contraction": ex.contraction,
        "intensity_level": ex.intensity_level,
        "equipment": list(ex.equipment),
        "side": "both",
        "sets": first.sets,
        "reps": first.reps,
        "hold_s": first.hold_s,
        "minutes": first.minutes,
        "rest_s": first.rest_s,
        "tempo": first.tempo,
        "load_guidance": first.load_guidance,
        "knee_flexion_max_deg": ex.knee_flexion_max_deg,
        "progression_rule": ex.progression_rule,
        "pain_rule": "Pain 0-3/10 is fine.",
        "why": ex.why,
        "dosage_step": 1,
        "dosage_steps": len(ex.dosage),
        **dose,
    }


def exercises(kind: str, *items: str | dict, warm_up: int = 0) -> dict:
    """A strength, plyometric, isometric or mobility session; minutes from the library."""
    dicts = [item(i) if isinstance(i, str) else i for i in items]
    minutes = warm_up + sum(load_catalog().get(i["id"]).minutes for i in dicts)
    return {
        "type": kind,
        "minutes": minutes,
        "intensity": "moderate",
        "warm_up_minutes": warm_up,
        "cool_down_minutes": 0,
        "items": dicts,
        "rules": [],
    }


def cross(modality: str = "walk", minutes: int = 20) -> dict:
    return {
        "type": "walk" if modality == "walk" else "cross_training",
        "minutes": minutes,
        "intensity": "easy",
        "warm_up_minutes": 0,
        "cool_down_minutes": 0,
        "items": [],
        "rules": [],
        "modality": modality,
        "effort": 4,
        "load_guidance": "Easy, chatty pace.",
    }


def run(minutes: int, **extra) -> dict:
    """A continuous run (no ladder stage) with the ladder's 10-minute warm-up and 5-minute cool-down."""
    return {
        "type": "run",
        "minutes": 10 + minutes + 5,
        "intensity": "moderate",
        "warm_up_minutes": 10,
        "cool_down_minutes": 5,
        "items": [],
        "rules": [],
        "stage": None,
        "intervals": [{"mode": "run", "minutes": minutes, "repeats": 1}],
        "running_minutes": minutes,
        "terrain": "flat",
        "run_intensity": "easy",
        **extra,
    }


def ladder_run(stage: int, repeats: int | None = None) -> dict:
    """A walk-run session at ``stage`` (full rounds unless ``repeats`` is given)."""
    st = load_ladder().stages[stage - 1]
    repeats = st.repeats if repeats is None else repeats
    run_min, walk_min = int(st.run_min), int(st.walk_min)
    intervals = [{"mode": "run", "minutes": run_min, "repeats": repeats}]
    if walk_min:
        intervals.append({"mode": "walk", "minutes": walk_min, "repeats": repeats})
    return run(0) | {
        "minutes": 15 + repeats * (run_min + walk_min),
        "stage": stage,
        "intervals": intervals,
        "running_minutes": repeats * run_min,
    }


def at_stage(d: dict, week: int, stage: int | None, *weekdays: str, **extra) -> None:
    """Week ``week`` at ladder ``stage``, with a run at that stage on each of ``weekdays``."""
    d["weeks"][week - 1]["run_stage"] = stage
    for wd in weekdays:
        put(d, week, wd, ladder_run(stage) | extra)


def ladder(extra_weeks: int = 1, **profile) -> dict:
    """Stages 1-7 in weeks 1-7, two runs each (mon, thu), then ``extra_weeks`` with no stage."""
    d = blank(7 + extra_weeks, **profile)
    for condition in d["profile"]["conditions"]:
        phases = get_protocol(condition).phases
        set_phase(d, condition, next(p for p in phases if p.running == "walk_run").id, range(1, 8))
        after = next((p for p in phases if p.running == "continuous"), phases[-1])
        set_phase(d, condition, after.id, range(8, 8 + extra_weeks))
    for stage in range(1, 8):
        at_stage(d, stage, stage, "mon", "thu")
    return d


def session(d: dict, week: int, weekday: str, kind: str) -> dict:
    return next(s for s in day(d, week, weekday)["sessions"] if s["type"] == kind)


# --- real plans -----------------------------------------------------------------------------


def _profile(name: str, **changes):
    profile = load_profile(example_path(name))
    plan = profile.plan.model_copy(update={"start": START})
    return profile.model_copy(update={"plan": plan, **changes})


@pytest.fixture(scope="module")
def plans() -> Callable[[str], Plan]:
    """The plan of a bundled example (start 2026-11-23), made once per module."""
    cache: dict[str, Plan] = {}

    def get(name: str) -> Plan:
        if name not in cache:
            cache[name] = make_plan(_profile(name))
        return cache[name]

    return get


def edit(plan: Plan, change: Callable[[dict], None]) -> Plan:
    """A copy of a real plan changed by ``change`` (on its dict), totals recomputed."""
    data = plan.model_dump()
    change(data)
    return build(data)


def first(plan: dict, wanted: Callable[[dict], bool]) -> tuple[int, int]:
    """(week index, day index) of the first day ``wanted`` accepts."""
    return next((w, i) for w, week in enumerate(plan["weeks"]) for i, dd in enumerate(week["days"]) if wanted(dd))


def next_day(plan: dict, w: int, i: int) -> dict:
    return plan["weeks"][w + (i == 6)]["days"][(i + 1) % 7]


@pytest.mark.parametrize("name", EXAMPLES)
def test_bundled_example_plans_have_no_violations(plans, name):
    assert violations(plans(name)) == []
    check_plan(plans(name))


def test_a_plan_read_back_from_json_is_still_valid(plans):
    plan = plans("jumpers_knee")
    assert violations(Plan.model_validate_json(plan.to_json())) == []


def test_mutated_real_plans_are_caught(plans):
    """One generic break per family on a real plan, wherever the solver put things."""

    def strength_twice(d):  # the first moderate or high strength session, again the next day
        w, i = first(
            d,
            lambda dd: any(
                s["type"] == "strength" and any(it["intensity_level"] != "low" for it in s["items"])
                for s in dd["sessions"]
            ),
        )
        strength = next(s for s in d["weeks"][w]["days"][i]["sessions"] if s["type"] == "strength")
        next_day(d, w, i)["sessions"].append(strength)

    def run_twice(d):  # the first run, again the next day
        w, i = first(d, lambda dd: any(s["type"] == "run" for s in dd["sessions"]))
        next_day(d, w, i)["sessions"].append(d["weeks"][w]["days"][i]["sessions"][0])

    def no_rest(d):  # a walk on every day of week 1
        for dd in d["weeks"][0]["days"]:
            dd["sessions"].append(cross("walk", 1))

    def over_budget(d):  # the first available day gets one minute more than it has
        w, i = first(d, lambda dd: dd["available"])
        dd = d["weeks"][w]["days"][i]
        used = sum(s["minutes"] for s in dd["sessions"])
        dd["sessions"].append(cross("walk", dd["budget_minutes"] + 1 - used))

    assert "R-ST-01" in tags(violations(edit(plans("runners_knee"), strength_twice)))
    assert "R-RTR-02" in tags(violations(edit(plans("runners_knee"), run_twice)))
    assert "run spacing" in tags(violations(edit(plans("jumpers_knee"), run_twice)))
    assert "R-PT-04" in tags(violations(edit(plans("jumpers_knee"), run_twice)))
    assert "week 1: no full rest day [R-LD-08]" in violations(edit(plans("knee_oa"), no_rest))
    assert "budget" in tags(violations(edit(plans("it_band"), over_budget)))


def test_no_runs_before_a_pain_free_30_minute_walk_in_a_real_plan(plans):
    plan = plans("runners_knee")
    gated = plan.model_copy(update={"profile": plan.profile.model_copy(update={"walk_30min_pain_free": False})})
    found_ = violations(gated)
    assert tags(found_) == {"R-RTR-01"}  # the runs, and the graded walks the plan does not give
    runs = [f for f in found_ if "a run, but a 30-minute walk is not yet pain-free" in f]
    assert len(runs) == sum(s.type == "run" for w in plan.weeks for d in w.days for s in d.sessions) > 0


def test_check_plan_raises_listing_every_violation(plans):
    broken = plans("runners_knee").model_dump()
    broken["weeks"][0]["days"][0]["rest_day"] = not broken["weeks"][0]["days"][0]["rest_day"]
    broken = Plan.model_validate(broken)
    with pytest.raises(PlanViolation) as err:
        check_plan(broken)
    assert err.value.violations == violations(broken) != []
    assert "week 1 mon 2026-11-23: rest_day is" in str(err.value)


def run_module(path):
    """``python -m rehabplan.validate PATH``, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "rehabplan.validate", str(path)], capture_output=True, text=True)


def test_module_entry_point_exit_codes(plans, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(plans("runners_knee").to_json(), encoding="utf-8")
    d = blank()
    put(d, 1, "mon", cross("walk", 61))
    bad = tmp_path / "bad.json"
    bad.write_text(build(d).to_json(), encoding="utf-8")

    ok = run_module(good)
    assert (ok.returncode, ok.stdout) == (0, f"{good}: no violations\n"), ok.stderr
    broken = run_module(bad)
    assert (broken.returncode, broken.stdout) == (
        1,
        "week 1 mon 2026-11-23: 61 session minutes exceed the 60-minute budget [budget]\n",
    ), broken.stderr


def test_module_entry_point_names_a_stored_profiles_problems(tmp_path):
    """A plan whose only fault is its profile is a violation (exit 1), as before the plan held a
    typed profile; a plan with no profile mapping at all is not a plan file (exit 2)."""
    d = blank()
    d["profile"]["age"] = 200
    bad_age = tmp_path / "bad_age.json"
    bad_age.write_text(json.dumps(d, default=str), encoding="utf-8")
    d["profile"] = 5
    no_profile = tmp_path / "no_profile.json"
    no_profile.write_text(json.dumps(d, default=str), encoding="utf-8")

    found = run_module(bad_age)
    assert (found.returncode, found.stdout, found.stderr) == (
        1,
        "plan: the stored profile is not valid: age: 200 is out of range; give 12-100 years [structure]\n",
        "",
    )
    refused = run_module(no_profile)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith(f"{no_profile}: not a plan JSON file: 1 validation error for Plan\nprofile\n")


def test_the_validator_does_not_use_the_solver_or_the_problem():
    code = (
        "import sys, rehabplan.validate.checks\n"
        "bad = {'ortools', 'rehabplan.problem', 'rehabplan.solver', "
        "'rehabplan.planning'}\n"
        "print(sorted(bad & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_referral_plan_is_valid_only_without_weeks(plans):
    referral = make_plan(_profile("runners_knee", red_flags=["night_pain"]))
    assert referral.status == "referral"
    assert violations(referral) == []
    with_weeks = referral.model_copy(update={"weeks": plans("runners_knee").weeks})
    assert tags(violations(with_weeks)) == {"R-PM-03"}
    assert tags(violations(referral.model_copy(update={"referral": None}))) == {"R-PM-03"}


# --- 1 structure ----------------------------------------------------------------------------


def test_a_blank_plan_is_valid():
    assert found(blank()) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["weeks"][1].update(start=d["weeks"][1]["start"] + datetime.timedelta(days=7)),
        lambda d: d["weeks"].pop(),
        lambda d: d["weeks"][1].update(number=3),
        lambda d: day(d, 2, "tue").update(weekday="wed"),
        lambda d: day(d, 2, "tue").update(date=day(d, 2, "wed")["date"]),
        lambda d: day(d, 2, "tue").update(budget_minutes=30),
        lambda d: day(d, 2, "sun").update(available=True),
        lambda d: d["weeks"][1]["days"].pop(),
        lambda d: d["weeks"][1]["phases"].update(patellofemoral_pain="recovery"),
        lambda d: d["weeks"][1]["phases"].update(knee_osteoarthritis="start"),
        lambda d: d["weeks"][1].update(phase="Something else"),
        lambda d: d.update(referral={"urgency": "routine", "reasons": [], "message": "See a physio."}),
    ],
    ids=[
        "start",
        "week count",
        "number",
        "weekday",
        "date",
        "budget",
        "available",
        "six days",
        "unknown phase",
        "extra condition",
        "phase name",
        "referral",
    ],
)
def test_structure_breaks_are_reported(change):
    d = blank()
    change(d)
    assert tags(found(d)) == {"structure"}


def test_a_run_carries_its_weeks_stage():
    d = blank(weeks=1)
    at_stage(d, 1, 1, "mon")
    day(d, 1, "mon")["sessions"][0]["stage"] = 2
    assert "week 1 mon 2026-11-23: run at stage 2 in a week at stage 1 [structure]" in found(d)


# --- 2 budget and minutes -------------------------------------------------------------------


def test_a_day_budget_exactly_met_is_allowed_one_minute_more_is_not():
    d = blank()
    put(d, 1, "wed", exercises("strength", "clamshell", warm_up=5), cross("walk", 49))
    assert found(d) == []
    session(d, 1, "wed", "walk")["minutes"] = 50
    assert found(d) == ["week 1 wed 2026-11-25: 61 session minutes exceed the 60-minute budget [budget]"]


def test_no_session_on_an_unavailable_day():
    d = blank()
    put(d, 1, "sun", exercises("mobility", "quadriceps_stretch"))
    assert found(d) == ["week 1 sun 2026-11-29: 1 session(s) on an unavailable day [budget]"]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: session(d, 1, "mon", "strength").update(minutes=12),
        lambda d: session(d, 1, "wed", "run").update(minutes=46),
        lambda d: session(d, 1, "wed", "run").update(running_minutes=7),
        lambda d: session(d, 1, "wed", "run").update(warm_up_minutes=5, minutes=40),
        lambda d: d["weeks"][0].update(running_minutes=7),
        lambda d: d["weeks"][0].update(training_minutes=1),
    ],
    ids=["strength", "run", "running", "warm-up", "week running", "week training"],
)
def test_session_and_week_minutes_must_add_up(change):
    d = blank(weeks=1)
    put(d, 1, "mon", exercises("strength", "clamshell", warm_up=5))  # 5 + 6 minutes
    at_stage(d, 1, 1, "wed")  # 10 + 6 x (1 + 4) + 5 minutes, 6 of them running
    build(d)  # totals right
    change(d)
    assert tags(found(d, refresh=False)) == {"minutes"}


# --- 3 equipment ----------------------------------------------------------------------------


def test_items_need_the_profiles_equipment():
    d = blank(conditions=["prevention"])  # no equipment; hamstring curls need a band or a gym machine
    put(d, 1, "mon", exercises("strength", "hamstring_curl"))
    assert found(d) == [
        "week 1 mon 2026-11-23: hamstring_curl: needs ['resistance_band', 'gym_machines'], "
        "not in the profile's equipment [equipment]"
    ]
    d["profile"]["equipment"] = ["resistance_band"]
    assert found(d) == []


def test_nordic_curls_need_an_anchor():
    d = blank(conditions=["prevention"])
    put(d, 1, "mon", exercises("strength", item("nordic_hamstring_curl", sets=2, reps=5), warm_up=5))
    assert tags(found(d)) == {"R-NH-02"}
    d["profile"]["equipment"] = ["nordic_anchor"]
    assert found(d) == []


@pytest.mark.parametrize(
    "profile, ok",
    [
        ({}, False),
        ({"cross_training": ["swim"]}, True),
        ({"equipment": ["pool"]}, True),
    ],
)
def test_cross_training_needs_access(profile, ok):
    d = blank(**profile)
    put(d, 1, "mon", cross("swim", 30))
    assert found(d) == (
        []
        if ok
        else [
            "week 1 mon 2026-11-23: swim is neither listed in cross_training "
            "nor possible with the profile's equipment [equipment]"
        ]
    )


# --- 4 contraindications and phase avoid lists ----------------------------------------------


def test_jumps_are_avoided_in_the_tendon_hold_phase():
    d = blank(conditions=["patellar_tendinopathy"])  # phase "isometric"
    put(d, 1, "mon", exercises("plyometric", "jump_squat", warm_up=10))
    assert tags(found(d)) == {"R-PT-03", "contraindication"}
    set_phase(d, "patellar_tendinopathy", "energy_storage")
    assert found(d) == []


def test_avoided_exercises_of_a_phase():
    d = blank(conditions=["patellar_tendinopathy"])
    put(d, 1, "mon", exercises("strength", "eccentric_step_down"))
    assert found(d) == [
        "week 1 mon 2026-11-23: eccentric_step_down: patellar_tendinopathy phase isometric "
        "avoids it (Deep or lowering-focused single-leg knee bends) [R-PT-02]"
    ]


def test_knee_bend_60_degrees_in_the_first_two_weeks_of_slow_heavy_work():
    d = blank(
        conditions=["patellar_tendinopathy"],
        phases={"patellar_tendinopathy": "isotonic"},
        equipment=["resistance_band"],
    )
    for week in (1, 2, 3):  # hamstring curls bend the knee to 90 degrees
        put(d, week, "mon", exercises("strength", "hamstring_curl"))
    assert found(d) == [
        f"week {w} mon {day(d, w, 'mon')['date']}: hamstring_curl: knee bend 90 degrees; "
        "patellar_tendinopathy phase isotonic allows 60 in its first 2 weeks [R-PT-02]"
        for w in (1, 2)
    ]


def test_loaded_knee_bend_limit_of_a_phase():
    d = blank(conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "isotonic"}, weeks=3)
    put(d, 3, "mon", exercises("strength", "bulgarian_split_squat"))  # 100 degrees; the phase allows 90
    assert found(d) == [
        "week 3 mon 2026-12-07: bulgarian_split_squat: knee bend 100 degrees; "
        "patellar_tendinopathy phase isotonic allows 90 [R-PT-02]"
    ]


def test_contraindicated_exercise():
    d = blank(conditions=["iliotibial_band_syndrome"], equipment=["resistance_band"])  # "minimal_load"
    put(d, 1, "mon", exercises("strength", "lateral_band_walk"))
    assert found(d) == [
        "week 1 mon 2026-11-23: lateral_band_walk: contraindicated for "
        "iliotibial_band_syndrome in phase minimal_load [contraindication]"
    ]
    set_phase(d, "iliotibial_band_syndrome", "extension_loading")
    assert found(d) == []


# --- 5 R-ST-01 ------------------------------------------------------------------------------


def test_same_muscle_group_loaded_on_consecutive_days():
    d = blank(conditions=["prevention"])
    put(d, 1, "mon", exercises("strength", "eccentric_step_down"))  # moderate: quadriceps, glutes, hips
    put(d, 1, "wed", exercises("strength", "eccentric_step_down"))
    assert found(d) == []  # two days apart
    put(d, 1, "tue", exercises("strength", "wall_sit"))  # moderate: quadriceps, glutes
    assert found(d) == [
        "week 1 tue 2026-11-24: glutes, quadriceps loaded again the day after mon 2026-11-23 [R-ST-01]",
        "week 1 wed 2026-11-25: glutes, quadriceps loaded again the day after tue 2026-11-24 [R-ST-01]",
    ]


def test_strength_spacing_holds_from_sunday_to_monday():
    d = blank(conditions=["prevention"], availability=BASE["availability"] | {"sun": 30})
    put(d, 1, "sun", exercises("strength", "side_plank"))  # moderate: core, hips
    put(d, 2, "mon", exercises("strength", "side_plank"))
    assert found(d) == [
        "week 2 mon 2026-11-30: core, hip_abductors loaded again the day after sun 2026-11-29 [R-ST-01]"
    ]


@pytest.mark.parametrize(
    "kind, ids",
    [
        ("strength", ["mini_squat", "clamshell"]),  # low intensity
        ("isometric", ["wall_sit"]),  # pain-relief holds
        ("mobility", ["quadriceps_stretch"]),
    ],
)
def test_exempt_work_on_consecutive_days_is_allowed(kind, ids):
    d = blank(conditions=["prevention"])
    for wd in ("mon", "tue", "wed"):
        put(d, 1, wd, exercises(kind, *ids))
    assert found(d) == []


# --- 6 running gate ---------------------------------------------------------------------------


def test_no_runs_before_a_pain_free_30_minute_walk():
    d = blank(weeks=1, walk_30min_pain_free=False)
    put(d, 1, "mon", cross("walk", 30))
    assert found(d) == []
    at_stage(d, 1, 1, "wed")
    assert found(d) == ["week 1 wed 2026-11-25: a run, but a 30-minute walk is not yet pain-free [R-RTR-01]"]


def test_no_runs_in_a_walk_only_phase():
    d = blank(weeks=1, conditions=["patellar_tendinopathy"])  # "isometric": walk only
    at_stage(d, 1, 1, "mon")
    assert found(d) == [
        "week 1: 1 run(s) while patellar_tendinopathy is in its walk-only phase isometric [phase running]"
    ]


# --- 7 walk-run ladder ----------------------------------------------------------------------


def test_a_full_ladder_then_continuous_running_is_valid():
    d = ladder(extra_weeks=1)
    put(d, 8, "mon", run(30))
    put(d, 8, "wed", run(30))
    assert found(d) == []


@pytest.mark.parametrize("repeats, ok", [(2, False), (3, True), (6, True), (7, False)])
def test_rounds_within_the_stages_range(repeats, ok):
    d = blank(weeks=1)
    d["weeks"][0]["run_stage"] = 1
    put(d, 1, "mon", ladder_run(1, repeats))  # stage 1: 3-6 rounds
    assert found(d) == (
        []
        if ok
        else [
            f"week 1 mon 2026-11-23: intervals run 1 x{repeats}, walk 4 x{repeats} do not match stage 1 "
            "(run 1, walk 4, 3-6 rounds) [ladder]"
        ]
    )


def test_the_top_stage_has_no_walk_breaks():
    d = ladder()
    top = session(d, 7, "thu", "run")
    top["intervals"].append({"mode": "walk", "minutes": 1, "repeats": 1})
    top["minutes"] += 1
    assert tags(found(d)) == {"ladder"}


def test_runs_two_days_apart_are_allowed_consecutive_days_are_not():
    d = blank(weeks=1)
    at_stage(d, 1, 1, "mon", "wed")
    assert found(d) == []
    put(d, 1, "thu", ladder_run(1))
    assert found(d) == ["week 1 thu 2026-11-26: a run the day after the run on wed 2026-11-25 [R-RTR-02, run spacing]"]


def test_run_spacing_holds_from_sunday_to_monday():
    d = blank(weeks=2, availability=BASE["availability"] | {"sun": 60})
    at_stage(d, 1, 1, "fri", "sun")
    at_stage(d, 2, 2, "mon")
    assert found(d) == ["week 2 mon 2026-11-30: a run the day after the run on sun 2026-11-29 [R-RTR-02, run spacing]"]


def test_at_most_4_runs_in_7_days_on_the_ladder():
    d = blank(weeks=1)
    at_stage(d, 1, 1, "mon", "tue", "wed", "thu")
    assert "R-RTR-03" not in tags(found(d))
    put(d, 1, "fri", ladder_run(1))
    assert "week 1 fri 2026-11-27: 5 runs in the 7 days ending here; at most 4 [R-RTR-03]" in found(d)


def test_a_stage_rises_only_after_2_runs_at_it():
    d = blank(weeks=2)
    at_stage(d, 1, 1, "mon", "thu")
    at_stage(d, 2, 2, "mon")
    assert found(d) == []
    day(d, 1, "thu")["sessions"] = []
    assert found(d) == ["week 2: moves past stage 1 after 1 full run(s) at it (all its rounds); at least 2 [R-RTR-04]"]


def test_runs_at_a_stage_count_over_consecutive_weeks():
    d = blank()
    at_stage(d, 1, 1, "mon")
    at_stage(d, 2, 1, "mon")
    at_stage(d, 3, 2, "mon")
    assert found(d) == []


@pytest.mark.parametrize(
    "second, message",
    [
        (3, "week 2: stage 1 -> 3; a stage stays or rises by one [R-RTR-05]"),
        (None, "week 2: stage 1 -> None; a stage stays or rises by one [R-RTR-05]"),
    ],
)
def test_stages_rise_one_at_a_time(second, message):
    d = blank(weeks=2)
    at_stage(d, 1, 1, "mon", "thu")
    d["weeks"][1]["run_stage"] = second
    put(d, 2, "tue", run(20))
    assert message in found(d)


def test_a_week_without_runs_moves_no_stage():
    """A check-in's rest from running: stage 1, a week of cross-training, stage 1 again."""
    d = blank()
    at_stage(d, 1, 1, "mon", "thu")
    at_stage(d, 3, 1, "mon", "thu")
    assert not [f for f in found(d) if "[R-RTR-0" in f]


def test_a_stage_never_steps_back():
    d = blank()
    at_stage(d, 1, 1, "mon", "thu")
    at_stage(d, 2, 2, "mon", "thu")
    at_stage(d, 3, 1, "mon", "thu")
    assert found(d) == ["week 3: stage 2 -> 1; a stage stays or rises by one [R-RTR-05]"]


def test_the_ladder_starts_at_stage_1():
    d = blank(weeks=1)
    at_stage(d, 1, 2, "mon")
    assert found(d) == ["week 1: the ladder starts at stage 1, not 2 [R-RTR-04]"]


def test_continuous_running_only_after_2_runs_at_the_top_stage():
    d = ladder()
    put(d, 8, "mon", run(30))
    day(d, 7, "thu")["sessions"] = []
    assert found(d) == ["week 8: moves past stage 7 after 1 full run(s) at it (all its rounds); at least 2 [R-RTR-04]"]
    d = blank(weeks=1, phases={"patellofemoral_pain": "return"})
    put(d, 1, "mon", run(20))
    assert found(d) == [
        "week 1: continuous running before the walk-run ladder is done [R-RTR-04]",
        "week 1 mon 2026-11-23: a 20-minute running bout in the first week of running; at most 5 [R-RTR-07]",
    ]


def test_after_the_ladder_a_week_back_at_the_top_stage_is_allowed():
    d = ladder(extra_weeks=2)
    put(d, 8, "mon", run(30))
    at_stage(d, 9, 7, "mon")
    assert found(d) == []


def test_a_runner_without_injury_has_no_ladder():
    d = blank(weeks=2, **RUNNER)
    put(d, 1, "mon", run(40))  # continuous from the first week: no symptoms to return from
    assert found(d) == []
    d["weeks"][1]["run_stage"] = 1
    put(d, 2, "mon", ladder_run(1))
    assert found(d) == ["week 2: stage 1 for a runner who already runs continuously [R-RTR-04]"]


def test_a_new_runner_without_injury_climbs_the_ladder():
    d = blank(weeks=1, conditions=["prevention"], running={"baseline_weekly_minutes": 0, "baseline_runs_per_week": 0})
    at_stage(d, 1, 1, "mon", "thu")
    assert found(d) == []


def test_first_week_of_running_bouts_at_most_5_minutes():
    d = blank(weeks=2, conditions=["patellar_tendinopathy"])  # walk-only in week 1, running in week 2
    set_phase(d, "patellar_tendinopathy", "isotonic", weeks=range(2, 3))
    d["weeks"][1]["run_stage"] = 1
    put(d, 2, "mon", ladder_run(1, 3))
    long_bout = session(d, 2, "mon", "run")
    long_bout["intervals"][0]["minutes"] = 6
    long_bout.update(minutes=15 + 3 * 10, running_minutes=18)
    assert found(d) == [
        "week 2 mon 2026-11-30: intervals run 6 x3, walk 4 x3 do not match stage 1 (run 1, walk 4, 3-6 "
        "rounds) [ladder]",
        "week 2 mon 2026-11-30: a 6-minute running bout in the first week of running; at most 5 [R-RTR-07]",
    ]


# --- 8 no back-to-back runs for an injured knee -----------------------------------------------


def test_back_to_back_continuous_runs_only_for_prevention():
    d = ladder()
    put(d, 8, "fri", run(30))
    put(d, 8, "sat", run(30))
    assert found(d) == ["week 8 sat 2027-01-16: a run the day after the run on fri 2027-01-15 [run spacing]"]
    d = blank(**RUNNER)
    put(d, 1, "fri", run(30))
    put(d, 1, "sat", run(30))
    assert found(d) == []


def test_the_tendon_keeps_48_hours_between_runs():
    d = ladder(conditions=["patellar_tendinopathy"])
    put(d, 8, "fri", run(30))
    put(d, 8, "sat", run(30))
    assert found(d) == ["week 8 sat 2027-01-16: a run the day after the run on fri 2027-01-15 [run spacing, R-PT-04]"]


# --- 9 rest days ----------------------------------------------------------------------------


def test_every_week_needs_a_full_rest_day():
    week = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 60)
    d = blank(availability=week)
    for wd in week:
        put(d, 1, wd, cross("walk", 20))
    assert found(d) == ["week 1: no full rest day [R-LD-08]"]
    day(d, 1, "sun")["sessions"] = [
        exercises("mobility", "quadriceps_stretch"),
        exercises("isometric", "wall_sit"),
    ]  # still a rest day
    assert found(d) == []


def test_the_rest_day_flag_marks_exactly_the_rest_days():
    d = blank()
    put(d, 1, "mon", cross("walk", 20))
    build(d)
    day(d, 1, "mon")["rest_day"] = True
    day(d, 1, "tue")["rest_day"] = False
    assert found(d, refresh=False) == [
        "week 1 mon 2026-11-23: rest_day is true but the day has a training session [R-LD-08]",
        "week 1 tue 2026-11-24: rest_day is false but the day has no training session [R-LD-08]",
    ]


# --- 10 running volume ----------------------------------------------------------------------


def _continuous(d: dict, week: int, *minutes: int) -> None:
    for wd, m in zip(("mon", "wed", "fri"), minutes):
        put(d, week, wd, run(m))


def test_weekly_running_rises_at_most_10_percent():
    d = ladder(extra_weeks=3)  # week 7 (top stage): 60 minutes
    _continuous(d, 8, 22, 22, 22)  # 66: +10 %
    _continuous(d, 9, 24, 24, 24)  # 72: +9 %
    _continuous(d, 10, 26, 26, 27)  # 79: +10 %
    assert found(d) == []
    session(d, 10, "fri", "run").update(run(28))
    assert found(d) == ["week 10: 80 running minutes after 72; at most 79 (+10 %) [R-LD-01]"]


def test_there_is_no_floor_from_the_ladders_top_stage():
    """Three runs at the top stage (90 minutes) are not allowed after a 60-minute week: running
    rises from where it is (a week cut by a check-in rises from its cut value)."""
    d = ladder(extra_weeks=1)
    _continuous(d, 8, 30, 30, 30)
    assert found(d) == ["week 8: 90 running minutes after 60; at most 66 (+10 %) [R-LD-01]"]


def test_weekly_running_rises_at_most_30_percent_over_two_weeks():
    d = ladder(extra_weeks=3)
    _continuous(d, 8, 25, 25)  # 50
    _continuous(d, 9, 25, 30)  # 55: +10 %
    _continuous(d, 10, 30, 30, 10)  # 70: +10 % on 55 allows 60, +30 % on 50 allows 65
    assert found(d) == [
        "week 10: 70 running minutes after 55; at most 60 (+10 %) [R-LD-01]",
        "week 10: 70 running minutes, 50 two weeks back; at most 65 (+30 %) [R-LD-02]",
    ]


def test_weekly_running_never_above_the_baseline():
    d = ladder(running={"baseline_weekly_minutes": 60, "baseline_runs_per_week": 2})
    _continuous(d, 8, 30, 30)
    assert found(d) == []
    session(d, 8, "wed", "run").update(run(31))
    assert found(d) == ["week 8: 61 running minutes; at most 60 [R-LD-05]"]


def test_a_new_runner_stays_at_or_below_90_minutes_after_the_ladder():
    d = ladder(extra_weeks=2, running={"baseline_weekly_minutes": 0, "baseline_runs_per_week": 0})
    _continuous(d, 8, 30, 30, 30)
    _continuous(d, 9, 30, 30, 31)
    assert "week 9: 91 running minutes; at most 90 [R-LD-05]" in found(d)


def test_a_runner_without_injury_builds_from_the_baseline():
    d = blank(**RUNNER)
    _continuous(d, 1, 40, 40, 40)  # 120: the baseline itself
    _continuous(d, 2, 40, 40, 40)
    assert found(d) == []


def test_intensity_only_after_half_the_baseline():
    tempo = {"run_intensity": "tempo"}
    d = blank(weeks=1)  # baseline 150: intervals, tempo and hills once a week has reached 75 minutes
    at_stage(d, 1, 1, "mon", **tempo)
    assert found(d) == [
        "week 1 mon 2026-11-23: tempo run after a 0-minute week; needs half the 150-minute baseline [R-LD-04]"
    ]
    d = blank(**RUNNER)
    _continuous(d, 1, 40, 40, 40)  # 120 minutes
    session(d, 1, "mon", "run").update(tempo)  # a runner without injury: last week was the baseline
    put(d, 2, "mon", run(30, **tempo))  # after 120 minutes
    put(d, 3, "mon", run(30, run_intensity="hills"))  # after 30 minutes
    assert found(d) == [
        "week 3 mon 2026-12-07: hills run after a 30-minute week; needs half the 120-minute baseline [R-LD-04]"
    ]


def test_terrain_limits_of_a_condition():
    d = ladder(conditions=["iliotibial_band_syndrome"])  # flat ground only in weeks 1-4 (R-ITB-02)
    session(d, 5, "mon", "run")["terrain"] = "hills"
    assert found(d) == []
    session(d, 4, "mon", "run")["terrain"] = "hills"
    assert found(d) == ["week 4 mon 2026-12-14: hills terrain; this week allows flat [R-ITB-02]"]


# --- 12 patellar tendinopathy ----------------------------------------------------------------


def test_slow_heavy_thigh_work_on_at_most_3_days():
    d = blank(conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "isotonic"})
    for wd in ("mon", "wed", "fri"):
        put(d, 1, wd, exercises("strength", "eccentric_step_down"))  # 60 degrees, eccentric
    assert found(d) == []
    put(d, 1, "sat", exercises("strength", "mini_squat"))  # low intensity: no R-ST-01
    assert found(d) == ["week 1: slow heavy thigh work on 4 days; at most 3 [R-PT-02]"]


def _jumps(d: dict, week: int, weekday: str) -> None:
    put(d, week, weekday, exercises("plyometric", "jump_squat", warm_up=10))


def test_jump_sessions_at_least_3_days_apart():
    d = blank(conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "energy_storage"})
    _jumps(d, 1, "tue")
    _jumps(d, 1, "fri")
    assert found(d) == []
    _jumps(d, 2, "mon")
    assert found(d) == []  # fri to mon: 3 days
    _jumps(d, 2, "wed")
    assert found(d) == [
        "week 2 wed 2026-12-02: jump session 2 day(s) after the one on mon 2026-11-30; at least 3 [R-PT-04]"
    ]


def test_48_hours_between_runs_and_jumps():
    d = blank(weeks=1, conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "energy_storage"})
    _jumps(d, 1, "tue")
    at_stage(d, 1, 1, "thu")
    assert found(d) == []
    put(d, 1, "wed", ladder_run(1))
    assert tags(found(d)) == {"R-PT-04", "R-RTR-02", "run spacing"}
    assert (
        "week 1 wed 2026-11-25: run or jump session the day after one on tue 2026-11-24; 48 hours "
        "between them [R-PT-04]" in found(d)
    )
    day(d, 1, "wed")["sessions"] = []
    put(d, 1, "tue", ladder_run(1, 3))
    assert found(d) == ["week 1 tue 2026-11-24: a run and a jump session on one day [R-PT-04]"]


def _tendon_rule(rule_id: str):
    return next(r for r in get_protocol("patellar_tendinopathy").rules if r.id == rule_id)


def test_the_tendon_checks_read_their_numbers_from_the_rules(monkeypatch):
    d = blank(conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "isotonic"})
    for wd in ("mon", "wed", "fri"):
        put(d, 1, wd, exercises("strength", "eccentric_step_down"))
    monkeypatch.setitem(_tendon_rule("R-PT-02").values, "max_sessions_per_week", 2)
    assert found(d) == ["week 1: slow heavy thigh work on 3 days; at most 2 [R-PT-02]"]

    d = blank(weeks=1, conditions=["patellar_tendinopathy"], phases={"patellar_tendinopathy": "energy_storage"})
    _jumps(d, 1, "mon")
    _jumps(d, 1, "thu")
    at_stage(d, 1, 1, "sat")
    assert found(d) == []
    spacing = _tendon_rule("R-PT-04").values
    monkeypatch.setitem(spacing, "energy_storage_min_hours_apart", 96)
    monkeypatch.setitem(spacing, "run_or_plyo_min_hours_apart", 72)
    assert found(d) == [
        "week 1 thu 2026-11-26: jump session 3 day(s) after the one on mon 2026-11-23; at least 4 [R-PT-04]",
        "week 1 sat 2026-11-28: run or jump session 2 days after one on thu 2026-11-26; "
        "72 hours between them [R-PT-04]",
    ]


def test_the_nordic_curls_are_the_hamstring_eccentric_roles_exercises():
    plan = build(blank(weeks=1, conditions=["prevention"]))
    assert Context.of(plan).nordic == {"nordic_hamstring_curl"}


# --- 13 Nordic curls ------------------------------------------------------------------------


def _nordic(sets: int = 2, reps: int = 5, warm_up: int = 5) -> dict:
    return exercises("strength", item("nordic_hamstring_curl", sets=sets, reps=reps), warm_up=warm_up)


def _nordic_plan() -> dict:
    return blank(conditions=["prevention"], equipment=["nordic_anchor"])


def test_nordic_dose_follows_the_table():
    d = _nordic_plan()
    put(d, 1, "mon", _nordic(2, 5))  # Nordic week 1: 1 session of 2 x 5
    put(d, 3, "mon", _nordic(2, 6))  # the person's second Nordic week (week 2 had none): 2 x 6
    assert found(d) == []
    session(d, 1, "mon", "strength")["items"][0]["reps"] = 6
    assert found(d) == ["week 1 mon 2026-11-23: Nordic curls 2 x 6; Nordic week 1 allows 2 x 5 [R-NH-01]"]
    session(d, 1, "mon", "strength")["items"][0].update(sets=3, reps=5)
    assert tags(found(d)) == {"R-NH-01"}


def test_nordic_sessions_per_week_and_spacing():
    d = _nordic_plan()
    put(d, 1, "mon", _nordic())
    put(d, 1, "wed", _nordic())
    assert found(d) == ["week 1: 2 Nordic curl sessions; Nordic week 1 allows 1 [R-NH-01]"]
    d = _nordic_plan()
    put(d, 1, "mon", _nordic())
    put(d, 2, "mon", _nordic(2, 6))
    put(d, 2, "tue", _nordic(2, 6))
    assert "week 2 tue 2026-12-01: Nordic curls the day after mon 2026-11-30 [R-NH-01]" in found(d)


def test_nordic_curls_after_a_warm_up():
    d = _nordic_plan()
    put(d, 1, "mon", _nordic(warm_up=0))
    assert found(d) == ["week 1 mon 2026-11-23: Nordic curls without a warm-up that day [R-NH-01]"]
    day(d, 1, "mon")["sessions"].insert(0, exercises("strength", "clamshell", warm_up=5))
    assert found(d) == []  # the day's first strength session has the warm-up


# --- 14 items ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, rule",
    [
        (lambda s: s.update(items=[], minutes=s["warm_up_minutes"]), "items"),
        (lambda s: s["items"][0].update(pain_rule=" "), "R-HO-01"),
        (lambda s: s["items"][0].update(sets=None), "R-HO-01"),
        (lambda s: s["items"][0].update(intensity_level="high"), "items"),
        (lambda s: s["items"][0].update(id="moonwalk"), "items"),
        (lambda s: s.update(items=s["items"] + [item("quadriceps_stretch")], minutes=s["minutes"] + 4), "items"),
    ],
    ids=["no items", "pain rule", "no sets", "copied field", "unknown", "stretch in strength"],
)
def test_item_rules(change, rule):
    d = blank()
    put(d, 1, "mon", exercises("strength", "clamshell", warm_up=5))
    change(session(d, 1, "mon", "strength"))
    assert rule in tags(found(d))


def test_a_timed_item_needs_no_sets():
    d = blank(equipment=["foam_roller"])
    timed = item("foam_roll_lateral_thigh") | {"sets": None, "hold_s": None, "minutes": 2}
    put(d, 1, "mon", exercises("mobility", timed))
    assert found(d) == []


def test_a_hold_session_is_one_isometric_exercise():
    d = blank()
    put(d, 1, "mon", exercises("isometric", "wall_sit", "wall_sit"))
    assert found(d) == ["week 1 mon 2026-11-23: hold session with 2 exercises; it is one [R-ISO-01]"]
    day(d, 1, "mon")["sessions"] = [exercises("isometric", "clamshell")]
    assert found(d) == ["week 1 mon 2026-11-23: clamshell: an isotonic exercise in a hold session [items]"]


def test_at_most_one_cross_training_session_a_day():
    d = blank()
    put(d, 1, "mon", cross("walk", 20))
    assert found(d) == []
    put(d, 1, "mon", cross("walk", 20))
    assert found(d) == ["week 1 mon 2026-11-23: 2 walk or cross-training sessions; at most one a day [items]"]
