"""The library commands as a user runs them: complete, readable output and clear errors."""

import json

from rehabplan.knowledge.catalog import load_catalog
from rehabplan.vocab import CONDITIONS


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("rehabplan, version ")


def test_exercises_list_json_is_complete(cli):
    result = cli("exercises", "list", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == len(load_catalog()) >= 45
    required = {
        "id",
        "name",
        "kind",
        "targets",
        "contraction",
        "intensity_level",
        "equipment",
        "knee_flexion_max_deg",
        "unilateral",
        "minutes",
        "dosage",
        "progression",
        "regression",
        "progression_rule",
        "conditions",
        "contraindications",
        "instructions",
        "cues",
        "mistakes",
        "why",
        "sources",
    }
    for record in records:
        assert required <= set(record), record["id"]
        assert record["dosage"][0]["load_guidance"]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)


def test_exercises_list_filters(cli):
    result = cli("exercises", "list", "--target", "hip_abductors", "--equipment", "none", "--format", "json")
    records = json.loads(result.stdout)
    assert records and all("hip_abductors" in r["targets"] and not r["equipment_any_of"] for r in records)
    assert all(set(r["equipment"]) <= {"floor", "wall", "chair", "stairs"} for r in records)
    table = cli("exercises", "list", "--condition", "patellar_tendinopathy")
    assert table.exit_code == 0 and "isometric_knee_extension" in table.stdout
    assert table.stdout.rstrip().endswith("exercises")
    one = cli("exercises", "list", "--kind", "warmup")
    assert one.stdout.endswith("\n\n1 exercise\n")  # not "1 exercises"


def test_exercises_list_rejects_an_unknown_target(cli):
    result = cli("exercises", "list", "--target", "biceps")
    assert result.exit_code == 2
    assert "Invalid value for '--target': 'biceps' is not one of" in result.stderr


def test_exercises_show(cli):
    result = cli("exercises", "show", "clamshell")
    assert result.exit_code == 0
    for heading in ("How to do it:", "Cues:", "Common mistakes:", "Dosage, step by step:", "Progression:", "Sources:"):
        assert heading in result.stdout
    assert "Harder: Clamshell in side plank (side_plank_clamshell)" in result.stdout


def test_exercises_show_json_includes_references(cli):
    record = json.loads(cli("exercises", "show", "nordic_hamstring_curl", "--format", "json").stdout)
    assert "petersen2011" in record["references"]
    assert record["references"]["petersen2011"]["citation"].startswith("Petersen J")


def test_unknown_exercise(cli):
    result = cli("exercises", "show", "burpee")
    assert result.exit_code == 2
    assert result.stderr == "no exercise 'burpee'; `rehabplan exercises list` shows the ids\n"


def test_conditions_list(cli):
    result = cli("conditions", "list")
    assert result.exit_code == 0
    for name in CONDITIONS:
        assert name in result.stdout


def test_conditions_show_patellar_tendinopathy(cli):
    result = cli("conditions", "show", "patellar_tendinopathy")
    assert result.exit_code == 0
    out = result.stdout
    for section in (
        "PHASES",
        "PRIORITY TARGETS",
        "RULES",
        "RETURN TO RUNNING",
        "PAIN RULE",
        "WHAT TO TELL THE RUNNER",
        "STOP AND SEE A CLINICIAN",
        "SOURCES",
    ):
        assert section in out, section
    for text in (
        "[isometric]",
        "[isotonic]",
        "[energy_storage]",
        "[return_to_sport]",
        "R-PT-01",
        "R-PT-04",
        "[EMERGENCY]",
        "GREEN 0-3",
        "AMBER 4-5",
        "RED 6-10",
        "Rio E",
    ):
        assert text in out, text


def test_conditions_show_json(cli):
    data = json.loads(cli("conditions", "show", "iliotibial_band_syndrome", "--format", "json").stdout)
    assert data["name"] == "iliotibial_band_syndrome"
    assert data["return_to_run"]["stages"] and data["pain_rule"]["zones"]
    assert set(data["references"]) >= {"mckay2020"}


def test_unknown_condition(cli):
    result = cli("conditions", "show", "runners_knee")
    assert result.exit_code == 2
    assert result.stderr.startswith("no condition 'runners_knee'; use one of: patellofemoral_pain")


def test_schema_is_json_schema(cli):
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "rehabplan patient profile"
    assert schema["additionalProperties"] is False
    assert {"conditions", "availability", "pain"} <= set(schema["required"])
    pain = schema["$defs"]["Pain"]["properties"]["during_run"]
    assert (pain["minimum"], pain["maximum"]) == (0, 10)


def test_examples(cli):
    result = cli("examples")
    assert result.exit_code == 0 and "runners_knee" in result.stdout and "healthy_runner" in result.stdout
    path = cli("examples", "--path", "knee_oa").stdout.strip()
    assert path.endswith("knee_oa.yaml")
    checked = cli("validate", "--example", "knee_oa")
    assert checked.exit_code == 0
    assert checked.stdout.startswith(
        "example knee_oa: valid. Margaret Hughes: knee osteoarthritis, left knee, 12 weeks"
    )


def test_validate_needs_exactly_one_input(cli, tmp_path):
    assert cli("validate").stderr == "give a profile file or --example NAME (one of them)\n"
    both = cli("validate", tmp_path / "x.yaml", "--example", "knee_oa")
    assert both.exit_code == 2
