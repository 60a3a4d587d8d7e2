"""`rehabplan plan`: the bundled examples, the plan JSON contract (docs/plan.md),
reproducibility, edge-case profiles and bad options (exact messages, exit codes, no traceback)."""

import json
import subprocess
import sys
from datetime import date, timedelta
from functools import cache

import pytest
from click.testing import CliRunner

from rehabplan.api import example_path, list_examples
from rehabplan.cli import main
from rehabplan.intake.profile import load_profile
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import make_plan
from rehabplan.vocab import HOUSEHOLD
from tests.support import GOOD

START = "2026-11-23"
EXAMPLES = [
    "runners_knee",
    "it_band",
    "jumpers_knee",
    "knee_oa",
    "meniscus",
    "behind_knee",
    "healthy_runner",
    "clinic_handout",
]

BASE = GOOD + "plan: {start: 2026-11-23, weeks: 4}\n"
EVERY_DAY_90 = "{mon: 90, tue: 90, wed: 90, thu: 90, fri: 90, sat: 90, sun: 90}"


def run(*args):
    """Run the CLI in-process; a crash (anything but a clean exit) fails the test at once."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def plan_of(*args) -> dict:
    result = run("plan", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@cache
def example_text(name: str) -> str:
    result = run("plan", "--example", name, "--start", START)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# ---- the contract tree --------------------------------------------------------------------------
# A spec is a type (or tuple of types; int never accepts a bool), a frozenset (a closed
# vocabulary), a dict (an object with at least these keys), a one-element list (a list whose
# elements all match), a function (a predicate) or a ``Variant`` (a spec chosen from the value
# itself). Extra keys are extensions and allowed.


def _iso_date(value) -> bool:
    try:
        return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _monday(value) -> bool:
    return _iso_date(value) and date.fromisoformat(value).weekday() == 0


OPT_INT = (int, type(None))
INTERVAL = {"mode": frozenset({"run", "walk"}), "minutes": int, "repeats": int}
ITEM = {
    "id": str,
    "name": str,
    "targets": [str],
    "contraction": frozenset({"isometric", "isotonic", "eccentric", "plyometric", "stretch"}),
    "intensity_level": frozenset({"low", "moderate", "high"}),
    "equipment": [str],
    "side": frozenset({"left", "right", "both"}),
    "sets": OPT_INT,
    "reps": OPT_INT,
    "hold_s": OPT_INT,
    "rest_s": int,
    "tempo": (str, type(None)),
    "load_guidance": str,
    "knee_flexion_max_deg": OPT_INT,
    "progression_rule": str,
    "pain_rule": str,
    "why": str,
}
SESSION = {
    "type": frozenset({"run", "walk", "strength", "isometric", "plyometric", "mobility", "cross_training"}),
    "minutes": int,
    "intensity": frozenset({"easy", "moderate", "hard"}),
    "items": [ITEM],
}
RUN_EXTRA = {
    "stage": OPT_INT,
    "intervals": [INTERVAL],
    "terrain": frozenset({"flat", "hills", "downhill", "mixed"}),
    "run_intensity": frozenset({"easy", "tempo", "intervals", "hills"}),
}
CROSS_EXTRA = {
    "modality": frozenset({"bike", "swim", "pool_run", "elliptical", "walk"}),
    "effort": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 10,
}


class Variant:
    """A value checked against ``spec(value)``: a session's keys depend on its type, and the
    referral is null or an object."""

    def __init__(self, spec):
        self.spec = spec


def _session_keys(value) -> dict:
    if not isinstance(value, dict):
        return SESSION
    extra = {"run": RUN_EXTRA, "walk": CROSS_EXTRA, "cross_training": CROSS_EXTRA}.get(value.get("type"), {})
    return {**SESSION, **extra}


DAY = {
    "date": _iso_date,
    "weekday": frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun"}),
    "available": bool,
    "budget_minutes": int,
    "sessions": [Variant(_session_keys)],
}
WEEK = {
    "number": int,
    "start": _monday,
    "phase": str,
    "run_stage": OPT_INT,
    "running_minutes": int,
    "days": [DAY],  # seven of them: check_calendar
}
PLAN = {
    "schema_version": int,
    "status": frozenset({"ok", "referral"}),
    "warnings": [str],
    "referral": Variant(
        lambda v: (
            type(None)
            if v is None
            else {
                "urgency": frozenset({"emergency", "urgent", "soon", "routine"}),
                "reasons": [str],
                "message": str,
            }
        )
    ),
    "changes": [str],
    "solver": {"status": str, "objective": int, "seed": int, "ortools_version": str, "input_hash": str},
    "profile": dict,
    "protocol": {
        "conditions": [str],
        "phases": list,
        "run_stages": [{"index": int, "intervals": [INTERVAL], "repeats": int, "minutes": int}],
    },
    "weeks": [WEEK],
}


def check(value, spec, where: str = "plan") -> None:
    """Assert that ``value`` follows ``spec``."""
    if isinstance(spec, Variant):
        check(value, spec.spec(value), where)
    elif isinstance(spec, dict):
        assert isinstance(value, dict), f"{where}: {value!r} is not an object"
        missing = sorted(set(spec) - set(value))
        assert not missing, f"{where}: missing {missing}"
        for key, sub in spec.items():
            check(value[key], sub, f"{where}.{key}")
    elif isinstance(spec, list):
        assert isinstance(value, list), f"{where}: {value!r} is not a list"
        for i, element in enumerate(value):
            check(element, spec[0], f"{where}[{i}]")
    elif isinstance(spec, frozenset):
        assert value in spec, f"{where}: {value!r} is not one of {sorted(spec)}"
    elif isinstance(spec, (type, tuple)):
        types = spec if isinstance(spec, tuple) else (spec,)
        assert isinstance(value, types), f"{where}: {value!r} is not {spec}"
        assert not (isinstance(value, bool) and bool not in types), f"{where}: {value!r} is a bool"
    else:
        assert spec(value), f"{where}: {value!r} fails {spec.__name__}"


def check_calendar(plan: dict, start: str = START) -> None:
    """Weeks are consecutive Mondays from the start; days run Monday-Sunday with their dates;
    an unavailable day is empty; no day goes over its budget; running minutes add up."""
    first = date.fromisoformat(start)
    for n, week in enumerate(plan["weeks"], start=1):
        monday = first + timedelta(weeks=n - 1)
        assert (week["number"], week["start"]) == (n, monday.isoformat())
        assert [d["weekday"] for d in week["days"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        assert [d["date"] for d in week["days"]] == [(monday + timedelta(days=i)).isoformat() for i in range(7)]
        for day in week["days"]:
            assert day["available"] == (day["budget_minutes"] > 0)
            assert day["available"] or day["sessions"] == [], day
            assert sum(s["minutes"] for s in day["sessions"]) <= day["budget_minutes"], day
        running = sum(
            i["minutes"] * i["repeats"]
            for d in week["days"]
            for s in d["sessions"]
            if s["type"] == "run"
            for i in s["intervals"]
            if i["mode"] == "run"
        )
        assert week["running_minutes"] == running, f"week {n}: running_minutes {week['running_minutes']} != {running}"
        if week["run_stage"] is None:
            assert all(s["stage"] is None for d in week["days"] for s in d["sessions"] if s["type"] == "run")


def sessions(plan: dict):
    return [s for w in plan["weeks"] for d in w["days"] for s in d["sessions"]]


# ---- the bundled examples -------------------------------------------------------------------------


def test_the_examples_listed_are_the_ones_tested():
    assert sorted(e.name for e in list_examples()) == sorted(EXAMPLES)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_gives_a_plan(name):
    plan = json.loads(example_text(name))
    profile = load_profile(example_path(name))
    assert plan["status"] == ("referral" if profile.red_flags else "ok")
    assert len(plan["weeks"]) == (0 if profile.red_flags else profile.plan.weeks)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_follows_the_contract(name):
    text = example_text(name)
    plan = json.loads(text)
    check(plan, PLAN)
    check_calendar(plan)
    assert plan["schema_version"] == 1
    assert plan["solver"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert len(plan["solver"]["input_hash"]) == 64
    assert plan["protocol"]["conditions"] == plan["profile"]["conditions"]
    assert [s["index"] for s in plan["protocol"]["run_stages"]] == list(range(1, 8))
    assert Plan.model_validate_json(text).to_json() == text  # reads back into the same plan


def test_a_run_session_carries_its_stage_and_intervals():
    plan = json.loads(example_text("runners_knee"))
    runs = [s for s in sessions(plan) if s["type"] == "run"]
    assert runs, "the runners_knee example has runs"
    first = runs[0]
    assert first["stage"] == 1 and first["items"] == []
    assert [i["mode"] for i in first["intervals"]] == ["run", "walk"]
    assert first["intervals"][0]["minutes"] == 1  # stage 1: run 1 minute, walk 4


# ---- reproducibility ------------------------------------------------------------------------------


def test_same_input_same_bytes_in_process(write):
    path = write(BASE)
    first, second = run("plan", path), run("plan", path)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert make_plan(load_profile(path)).to_json() == first.stdout


def test_same_input_same_bytes_in_fresh_processes():
    args = [sys.executable, "-m", "rehabplan", "plan", "--example", "jumpers_knee", "--start", START]
    one = subprocess.run(args, capture_output=True, text=True, check=True)
    two = subprocess.run(args, capture_output=True, text=True, check=True)
    assert one.stdout == two.stdout == example_text("jumpers_knee")
    assert "Traceback" not in one.stderr + two.stderr


def test_output_file_holds_the_same_json(tmp_path):
    out = tmp_path / "plan.json"
    result = run("plan", "--example", "it_band", "--start", START, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == example_text("it_band")


def test_a_one_week_plan_is_one_week(tmp_path):
    out = tmp_path / "plan.json"
    result = run("plan", "--example", "it_band", "--start", START, "--weeks", "1", "-o", out)
    assert result.exit_code == 0 and f"wrote {out}: 1 week from {START} to " in result.stderr


def test_one_training_day_is_one_day_in_the_warning(write):
    profile = write(
        "age: 34\nconditions: [patellar_tendinopathy]\nside: left\npain: {at_rest: 1, during_run: 5}\n"
        "walk_30min_pain_free: true\navailability: {mon: 40}\n"
    )
    result = run("plan", profile, "--start", START, "--weeks", "1")
    assert "your week has 1 day, so the plan puts them on it." in result.stderr


# ---- edge cases -------------------------------------------------------------------------------------


def test_one_day_of_15_minutes_is_a_short_session_with_a_fix(write):
    result = run("plan", write(BASE.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 15}")))
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "ok"
    short = [w for w in plan["warnings"] if w.startswith("Short day: on Saturdays (15 minutes) the Hip and knee")]
    assert short and all("minutes on Saturday would fit them (availability.sat: " in w for w in short)
    assert any(line.startswith("warning: Short day: ") for line in result.stderr.splitlines())
    check_calendar(plan)


def test_one_day_of_5_minutes_cannot_fit(write):
    """The rule code behind a requirement is shown with --verbose only."""
    path = write(BASE.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 5}"))
    result = run("plan", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "no safe plan fits week 1 with the days you have (Saturday 5 min).",
        "These requirements cannot all be met together: Saturday's 5 minutes; at least one hip and knee "
        "strength session a week.",
        "Smallest change that fits: give Saturday 15 minutes instead of 5 (availability.sat: 15).",
    ]
    verbose = run("plan", path, "--verbose")
    assert (
        verbose.exit_code == 1 and "at least one hip and knee strength session a week (R-PFP-01).\n" in verbose.stderr
    )


def test_no_equipment_uses_household_items_only(write):
    text = BASE + (
        "weaknesses: [hip_abductors, quadriceps, hamstrings, calves, core]\n"
        "tightness: [it_band, hamstrings, calves, hip_flexors]\n"
    )
    plan = plan_of(write(text))
    assert plan["status"] == "ok" and plan["profile"]["equipment"] == []
    items = [i for s in sessions(plan) for i in s["items"]]
    assert items
    for item in items:
        assert set(item["equipment"]) <= set(HOUSEHOLD), item["id"]
    assert {s["modality"] for s in sessions(plan) if s["type"] in ("walk", "cross_training")} <= {"walk"}


def test_seven_days_of_90_minutes_keep_a_rest_day(write):
    text = BASE.replace("{mon: 45, wed: 45, sat: 60}", EVERY_DAY_90).replace("weeks: 4", "weeks: 12") + (
        "cross_training: [bike, swim, elliptical, walk]\n"
        "equipment: [bike, pool, elliptical, dumbbells, resistance_band, step]\n"
        "running: {baseline_weekly_minutes: 200, baseline_runs_per_week: 5}\n"
    )
    plan = plan_of(write(text))
    assert plan["status"] == "ok"
    check_calendar(plan)
    busy = {"run", "strength", "plyometric", "cross_training", "walk"}
    for week in plan["weeks"]:
        rest = [d for d in week["days"] if not busy & {s["type"] for s in d["sessions"]}]
        assert rest, f"week {week['number']} has no rest day"
        assert all(d["rest_day"] for d in rest)
        assert all(sum(s["minutes"] for s in d["sessions"]) <= 90 for d in week["days"])


def test_a_52_week_plan(write):
    plan = plan_of(write(BASE), "--weeks", 52)
    assert plan["status"] == "ok"
    assert [w["number"] for w in plan["weeks"]] == list(range(1, 53))
    assert plan["weeks"][-1]["start"] == "2027-11-15"
    check_calendar(plan)


def test_two_conditions_at_once(write):
    text = BASE.replace("[patellofemoral_pain]", "[patellofemoral_pain, iliotibial_band_syndrome]")
    plan = plan_of(write(text))
    assert plan["status"] == "ok"
    assert plan["protocol"]["conditions"] == ["patellofemoral_pain", "iliotibial_band_syndrome"]
    for week in plan["weeks"]:
        assert sorted(week["phases"]) == ["iliotibial_band_syndrome", "patellofemoral_pain"]
    assert {p["condition"] for p in plan["protocol"]["phases"]} == {
        "patellofemoral_pain",
        "iliotibial_band_syndrome",
    }


def test_a_new_runner_climbs_the_ladder_and_stays_at_90_minutes(write):
    text = BASE.replace("{mon: 45, wed: 45, sat: 60}", EVERY_DAY_90).replace("weeks: 4", "weeks: 16")
    plan = plan_of(write(text))
    assert plan["status"] == "ok"
    assert plan["warnings"][0] == (
        "You have no running baseline, so the walk-run ladder is your build-up and weekly running "
        "stays at or below 90 minutes in this plan (R-LD-05)."
    )
    minutes = [w["running_minutes"] for w in plan["weeks"]]
    assert max(minutes) <= 90
    assert minutes[0] > 0 and plan["weeks"][0]["run_stage"] == 1
    assert plan["weeks"][-1]["run_stage"] is None  # the ladder is finished


def test_no_pain_free_walk_no_running(write):
    plan = plan_of(write(BASE.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false")))
    assert plan["status"] == "ok"
    assert not [s for s in sessions(plan) if s["type"] == "run"]
    assert all(w["running_minutes"] == 0 and w["run_stage"] is None for w in plan["weeks"])
    assert [w for w in plan["warnings"] if "(R-RTR-01)" in w and w.startswith("No running yet")]
    walks = [[s["minutes"] for d in w["days"] for s in d["sessions"] if s["type"] == "walk"] for w in plan["weeks"]]
    assert [max(w) for w in walks] == [10, 15, 20, 25]  # graded walking, 5 minutes more a week


def test_red_flags_at_intake_give_a_referral(write):
    text = BASE + "red_flags: [night_pain, locking, cannot_bear_weight]\n"
    result = run("plan", write(text))
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    check(plan, {k: v for k, v in PLAN.items() if k not in ("solver", "protocol")})
    assert plan["status"] == "referral" and plan["weeks"] == []
    assert plan["referral"]["urgency"] == "emergency"  # cannot_bear_weight, the most urgent
    assert [r.split(" (")[1].split(")")[0] for r in plan["referral"]["reasons"]] == ["emergency", "urgent", "soon"]
    assert plan["referral"]["message"].startswith("Do not start a rehab or running plan yet.")
    assert result.stderr.startswith("REFERRAL (emergency): ")


# ---- bad options ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["--weeks", "0"], "--weeks: 0 is out of range; give 1-52 weeks"),
        (["--weeks", "53"], "--weeks: 53 is out of range; give 1-52 weeks"),
        (
            ["--start", "2026-11-24"],
            "--start: 2026-11-24 is a Tuesday; plans start on a Monday, for example 2026-11-23 or 2026-11-30",
        ),
        (["--start", "nonsense"], "--start: 'nonsense' is not a date; give YYYY-MM-DD, for example 2026-11-23"),
    ],
)
def test_bad_options(write, args, message):
    result = run("plan", write(BASE), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message + "\n"


@pytest.mark.parametrize("args", [[], ["PROFILE", "--example", "runners_knee"]])
def test_a_profile_or_an_example_one_of_them(write, args):
    args = [write(BASE) if a == "PROFILE" else a for a in args]
    result = run("plan", *args)
    assert result.exit_code == 2
    assert result.stderr == "give a profile file or --example NAME (one of them)\n"


def test_output_into_a_missing_folder(write, tmp_path):
    target = tmp_path / "missing" / "plan.json"
    result = run("plan", write(BASE), "-o", target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"-o {target}: the folder {target.parent} does not exist; create it or choose another path\n"
    )
    assert not target.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml"]


def test_unknown_example_and_missing_profile(tmp_path):
    result = run("plan", "--example", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("no example 'nope'; use one of: behind_knee, clinic_handout,")
    missing = tmp_path / "nope.yaml"
    result = run("plan", missing)
    assert result.exit_code == 2
    assert result.stderr == f"{missing}: no such file; give the path of a YAML or JSON file\n"


def test_a_real_process_reports_cannot_fit_without_a_traceback(write):
    path = write(BASE.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 5}"))
    proc = subprocess.run([sys.executable, "-m", "rehabplan", "plan", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert "Saturday's 5 minutes" in proc.stderr and "Smallest change that fits" in proc.stderr


def test_written_plan_has_normal_permissions(tmp_path):
    out = tmp_path / "plan.json"
    result = run("plan", "--example", "runners_knee", "--start", START, "-o", out)
    assert result.exit_code == 0
    assert out.stat().st_mode & 0o644 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temporary file left behind


def test_ctrl_c_after_solving_is_a_keyboard_interrupt_not_a_silent_death():
    """CP-SAT leaves the OS default SIGINT behind; every solve puts Python's handler back (solver/engine.py)."""
    import subprocess
    import sys

    code = (
        "import os, signal, time\n"
        "from rehabplan.api import build_plan, example_path, plan_profile\n"
        "build_plan(plan_profile(example_path('runners_knee'), weeks=1))\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT); time.sleep(2)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "interrupted\n"), done.stderr
