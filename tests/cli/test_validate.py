"""`rehabplan validate` on bad profiles: exact messages, exit code 2, no traceback."""

import subprocess
import sys

import pytest
import yaml

from tests.support import GOOD

CASES = {
    "unknown condition": (
        GOOD.replace("[patellofemoral_pain]", "[runners_knee]"),
        [
            "conditions[0]: 'runners_knee' is not allowed; use one of: patellofemoral_pain, "
            "iliotibial_band_syndrome, patellar_tendinopathy, knee_osteoarthritis, degenerative_meniscus, "
            "posterior_knee_pain, prevention"
        ],
    ),
    "pain 11": (
        GOOD.replace("during_run: 5", "during_run: 11"),
        ["pain.during_run: 11 is out of range; give 0-10 (0 no pain, 10 the worst imaginable)"],
    ),
    "300 minutes a day": (
        GOOD.replace("sat: 60", "sat: 300"),
        ["availability.sat: 300 is out of range; give 0-240 minutes (0 = not available)"],
    ),
    "no available day": (
        GOOD.replace("{mon: 45, wed: 45, sat: 60}", "{mon: 0}"),
        ["availability: {mon: 0} has no available day; give at least one day some minutes, for example `sat: 45`"],
    ),
    "a Tuesday start": (
        GOOD + "plan: {start: 2026-11-24}\n",
        ["plan.start: '2026-11-24' is a Tuesday; plans start on a Monday, for example 2026-11-23 or 2026-11-30"],
    ),
    "misspelt key": (
        GOOD.replace("availability:", "availabilty:"),
        [
            "availability: is required; add it",
            "availabilty: {mon: 45, wed: 45, sat: 60} is not a known field; did you mean availability?",
        ],
    ),
    "misspelt weekday": (
        GOOD.replace("wed: 45", "weds: 45"),
        ["availability.weds: 45 is not a known field; did you mean wed?"],
    ),
    "wrong type": (
        GOOD.replace("age: 34", "age: thirty-four"),
        ["age: 'thirty-four' is the wrong type; give a whole number"],
    ),
    "number as text": (
        GOOD.replace("mon: 45", "mon: '45'"),
        ["availability.mon: '45' is the wrong type; give a whole number"],
    ),
    "prevention mixed with an injury": (
        GOOD.replace("[patellofemoral_pain]", "[prevention, patellofemoral_pain]"),
        [
            "conditions: ['prevention', 'patellofemoral_pain'] mixes prevention with patellofemoral_pain; "
            "prevention is for a runner with no current injury, so list either prevention alone or the "
            "injury conditions"
        ],
    ),
    "misspelt side": (
        GOOD.replace("side: right", "side: rigth"),
        ["side: 'rigth' is not allowed; did you mean right? use one of: left, right, both"],
    ),
    "unknown equipment": (
        GOOD + "equipment: [band]\n",
        [
            "equipment[0]: 'band' is not allowed; use one of: resistance_band, dumbbells, kettlebell, step, "
            "gym_machines, bike, pool, elliptical, treadmill, foam_roller, nordic_anchor, strap, mat, "
            "floor, wall, chair, stairs"
        ],
    ),
    "weeks out of range": (
        GOOD + "plan: {weeks: 60}\n",
        ["plan.weeks: 60 is out of range; give 1-52 weeks"],
    ),
    "impossible date": (
        GOOD + "plan: {start: 2026-13-01}\n",
        ["plan.start: '2026-13-01' is not a date; write it as YYYY-MM-DD, for example 2026-11-23"],
    ),
    "missing required fields": (
        "age: 40\nconditions: [knee_osteoarthritis]\n",
        ["pain: is required; add it", "walk_30min_pain_free: is required; add it", "availability: is required; add it"],
    ),
    "repeated weakness": (
        GOOD + "weaknesses: [quadriceps, glutes, quadriceps]\n",
        ["weaknesses: ['quadriceps', 'glutes', 'quadriceps'] lists quadriceps more than once; give each word once"],
    ),
    "minutes without runs": (
        GOOD + "running: {baseline_weekly_minutes: 120}\n",
        [
            "running: {baseline_weekly_minutes: 120} gives weekly minutes but 0 runs a week; set "
            "baseline_runs_per_week (1-14), or 0 minutes for a new runner"
        ],
    ),
    "missing logo file": (
        GOOD + "clinician: {name: A. Physio, logo: logo.png}\n",
        [
            "clinician.logo: 'logo.png' is not a file next to the profile; give the path of a PNG, JPEG "
            "or SVG image, relative to the profile file"
        ],
    ),
}

WHOLE_FILE = {
    "empty file": ("", "profile.yaml", "{p}: the file is empty; write its fields in YAML or JSON"),
    "invalid YAML": (
        "age: 34\nconditions: [patellofemoral_pain\nside: right\n",
        "profile.yaml",
        "{p}: line 3, column 5: not valid YAML ("
        + ("did not find expected ',' or ']'" if yaml.__with_libyaml__ else "expected ',' or ']', but got ':'")
        + "); fix the syntax there",
    ),
    "duplicate key": (GOOD + "age: 35\n", "profile.yaml", "{p}: line 8, column 1: age is given twice; keep only one"),
    "a list, not a mapping": (
        "- age: 34\n",
        "profile.yaml",
        "{p}: the profile must be a mapping of fields (name: ..., age: ...), not a list; "
        "`rehabplan examples` lists complete ones",
    ),
    "invalid JSON": (
        '{"age": 34,}',
        "profile.json",
        "{p}: line 1, column 12: not valid JSON (Expecting property name enclosed in double quotes); "
        "fix the syntax there",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_profile_gets_exact_messages(case, write, cli):
    text, expected = CASES[case]
    path = write(text)
    result = cli("validate", path)
    assert result.exit_code == 2, result.output
    count = len(expected)
    header = f"{path}: {count} problem{'s' if count > 1 else ''} in the profile"
    assert result.stderr.splitlines() == [header] + [f"{path}: {line}" for line in expected]
    assert result.stdout == ""


@pytest.mark.parametrize("case", sorted(WHOLE_FILE))
def test_unreadable_profile_gets_one_message(case, write, cli):
    text, name, expected = WHOLE_FILE[case]
    path = write(text, name)
    result = cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [expected.format(p=path)]


def test_missing_file(tmp_path, cli):
    path = tmp_path / "nope.yaml"
    result = cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr == f"{path}: no such file; give the path of a YAML or JSON file\n"


def test_every_problem_is_reported_at_once(write, cli):
    text = (
        GOOD.replace("during_run: 5", "during_run: 11")
        .replace("sat: 60", "sat: 300")
        .replace("side: right", "side: up")
        + "plan: {start: 2026-11-25, weeks: 0}\n"
    )
    result = cli("validate", write(text))
    assert result.exit_code == 2
    assert "5 problems in the profile" in result.stderr.splitlines()[0]
    fields = [line.split(": ")[1] for line in result.stderr.splitlines()[1:]]
    assert fields == ["side", "pain.during_run", "availability.sat", "plan.start", "plan.weeks"]


def test_good_profile(write, cli):
    result = cli("validate", write(GOOD + "plan: {start: 2030-01-07}\n"))
    assert result.exit_code == 0, result.output
    assert "valid. Test Runner: patellofemoral pain, right knee, 8 weeks from 2030-01-07." in result.stdout


def test_notes_for_red_flags_and_the_walk_gate(write, cli):
    text = GOOD.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false") + "red_flags: [locking]\n"
    result = cli("validate", write(text))
    assert result.exit_code == 0
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert notes[0].startswith("note: Red flag at intake:") and notes[0].endswith("(urgent)")
    assert "No running yet" in notes[1]


@pytest.mark.parametrize("start, noted", [("2026-11-16", False), ("2026-11-09", True)])
def test_a_start_this_week_is_not_in_the_past(write, start, noted):
    """Why: init offers this week's Monday, and `init` then says to run validate on it."""
    from datetime import date

    from rehabplan.api import check_profile

    notes = check_profile(write(GOOD + f"plan: {{start: {start}}}\n"), today=date(2026, 11, 18)).notes
    assert (f"The plan start {start} is in the past." in notes) is noted


def test_a_real_process_prints_no_traceback(write):
    path = write(GOOD.replace("age: 34", "age: 200") + "plan: {start: 2026-02-30}\n")
    proc = subprocess.run([sys.executable, "-m", "rehabplan", "validate", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{path}: age: 200 is out of range; give 12-100 years" in proc.stderr
