"""The whole library cross-checked: every reference resolves, every rule is sourced, coverage holds."""

from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.lint import check_library
from rehabplan.knowledge.protocols import load_protocols
from rehabplan.knowledge.references import load_references
from rehabplan.vocab import INTENSITY_LEVELS


def test_library_has_no_problems():
    assert check_library() == []


def test_priority_targets_have_bare_exercises_at_every_level():
    """Checked independently of library.py: >=3 with no equipment, and one per intensity level."""
    catalog = load_catalog()
    for name, protocol in load_protocols().items():
        for dose in protocol.priority_targets:
            training = [ex for ex in catalog if dose.target in ex.targets and ex.kind != "mobility"]
            assert len([ex for ex in training if not ex.needs and not ex.equipment_any_of]) >= 3, (name, dose.target)
            assert {ex.intensity_level for ex in training} == set(INTENSITY_LEVELS), (name, dose.target)


def test_references_are_cited():
    refs = load_references()
    assert all(ref.citation for ref in refs.values())
    used = {key for ex in load_catalog() for key in ex.sources}
    assert used <= set(refs)


def test_check_library_reports_a_broken_progression(monkeypatch):
    catalog = load_catalog()
    broken = catalog.exercises["glute_bridge"].model_copy(update={"progression": "no_such_exercise"})
    monkeypatch.setitem(catalog.exercises, "glute_bridge", broken)
    assert "exercises/glute_bridge.yaml: progression 'no_such_exercise' is not an exercise" in check_library()
