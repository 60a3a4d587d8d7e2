"""The exercise library: the real data loads, and the record model refuses bad records."""

import textwrap

import pytest

from rehabplan.errors import LibraryError
from rehabplan.knowledge.catalog import load_catalog, load_catalog_from

# Every exercise the source articles and the foundation issue name, by id.
NAMED = """
glute_bridge single_leg_bridge hip_thrust clamshell side_lying_hip_abduction standing_side_leg_raise
lateral_band_walk step_up_low step_up_high eccentric_step_down split_squat reverse_lunge mini_squat
squat wall_sit spanish_squat single_leg_squat single_leg_romanian_deadlift deadlift hamstring_curl
nordic_hamstring_curl calf_raise single_leg_calf_raise bent_knee_calf_raise plank side_plank bird_dog
pallof_press isometric_knee_extension pogo_hops jump_squat split_jump single_leg_hop
single_leg_balance star_excursion hip_flexor_stretch quadriceps_stretch hamstring_stretch
gastrocnemius_stretch soleus_stretch glute_stretch ankle_dorsiflexion_mobility foam_roll_lateral_thigh
foam_roll_calves stationary_bike outdoor_cycling swimming pool_running elliptical brisk_walking
warm_up_routine cool_down_routine
""".split()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_the_library_is_large_enough(catalog):
    assert len(catalog) >= 45


def test_every_named_exercise_exists(catalog):
    assert [name for name in NAMED if name not in catalog] == []


def test_every_kind_is_present(catalog):
    kinds = {ex.kind for ex in catalog}
    assert kinds == {"strength", "plyometric", "balance", "mobility", "cross_training", "warmup", "cooldown"}


def test_cross_training_covers_every_modality(catalog):
    modalities = {ex.modality for ex in catalog.select(kind="cross_training")}
    assert modalities == {"bike", "swim", "pool_run", "elliptical", "walk"}


def test_records_are_complete(catalog):
    for ex in catalog:
        assert 3 <= len(ex.instructions) <= 6, ex.id
        assert ex.why and ex.progression_rule and ex.sources, ex.id
        for dose in ex.dosage:
            assert dose.load_guidance, ex.id


def test_filters(catalog):
    bare = catalog.select(equipment=[])
    assert bare and all(not ex.needs and not ex.equipment_any_of for ex in bare)
    assert "nordic_hamstring_curl" not in {ex.id for ex in bare}
    assert "nordic_hamstring_curl" in {ex.id for ex in catalog.select(equipment=["nordic_anchor"])}
    quads = catalog.select(target="quadriceps", condition="patellofemoral_pain")
    assert quads and all("quadriceps" in ex.targets and "patellofemoral_pain" in ex.conditions for ex in quads)


def test_doable_with_any_of(catalog):
    deadlift = catalog.get("deadlift")
    assert deadlift.equipment_any_of
    assert deadlift.doable_with(deadlift.equipment_any_of[:1])
    assert not deadlift.doable_with([])


RECORD = """\
name: Test press
kind: strength
targets: [quadriceps]
contraction: isotonic
intensity_level: low
unilateral: false
minutes: 5
dosage:
  - {sets: 2, reps: 10, rest_s: 60, load_guidance: "Body weight"}
harder: "Add a weight"
easier: "Smaller range"
progression_rule: "When 2 x 10 is easy and pain stays 0-3, add a set."
conditions: [prevention]
instructions: ["Stand tall.", "Bend the knees.", "Stand up again."]
cues: ["Knees over toes", "Slow down"]
mistakes: ["Rushing"]
why: "A test record that is otherwise valid."
sources: [acsm2009]
"""


@pytest.mark.parametrize(
    "change, message",
    [
        ("kind: strength", "kind: 'strong' is not allowed; use one of: strength, plyometric"),
        (
            "- {sets: 2, reps: 10,",
            "dosage[0]: {sets: 2, reps: 10, hold_s: 30, rest_s: 60, load_guidanc...} "
            "give exactly one of reps, hold_s or minutes",
        ),
        ('harder: "Add a weight"\n', "give progression (an exercise id) or harder (a line of text)"),
        ("minutes: 5", "minutes: 'five' is the wrong type; give a whole number"),
    ],
)
def test_bad_records_are_refused_with_the_file_and_field(tmp_path, change, message):
    replacement = {
        "kind: strength": "kind: strong",
        "- {sets: 2, reps: 10,": "- {sets: 2, reps: 10, hold_s: 30,",
        'harder: "Add a weight"\n': "",
        "minutes: 5": "minutes: five",
    }[change]
    (tmp_path / "test_press.yaml").write_text(RECORD.replace(change, replacement, 1))
    with pytest.raises(LibraryError) as err:
        load_catalog_from(tmp_path)
    assert any(line.startswith("test_press.yaml: ") and message in line for line in err.value.problems), (
        err.value.problems
    )


def test_an_id_key_is_refused(tmp_path):
    (tmp_path / "x_press.yaml").write_text("id: other\n" + RECORD)
    with pytest.raises(LibraryError, match="leave it out; the file name is the id"):
        load_catalog_from(tmp_path)


def test_a_valid_record_loads(tmp_path):
    (tmp_path / "test_press.yaml").write_text(textwrap.dedent(RECORD))
    catalog = load_catalog_from(tmp_path)
    assert catalog.get("test_press").needs_no_equipment
