"""The store's rows (patients/rows.py): what a patient is called, and which check-ins are current."""

from datetime import UTC, datetime

import pytest

from rehabplan.patients.rows import CheckinRow, PatientRow

ADDED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "name, profile_file, label",
    [
        ("Jamie Rivera", "jamie.yaml", "Jamie Rivera"),
        (None, "jamie.yaml", "no name: jamie.yaml"),
        (None, None, "no name"),  # added before the store kept the file's name (schema 5)
        ("", None, "no name"),
    ],
)
def test_a_patient_is_labelled_by_name_else_by_the_file(name, profile_file, label):
    row = PatientRow(1, name, ADDED, profile_version=1, checkins=0, plans=0, profile_file=profile_file)
    assert row.label == label


def test_a_check_in_is_current_until_it_is_replaced():
    first = CheckinRow(1, 1, 2, '{"week": 2}', ADDED, replaces=None, superseded_by=None, replaced_at=None)
    assert first.current
    replaced = CheckinRow(1, 1, 2, '{"week": 2}', ADDED, replaces=None, superseded_by=2, replaced_at=ADDED)
    assert not replaced.current
