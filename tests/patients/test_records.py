"""What goes into a patient's record (patients/records.py): patients and profile versions, the
inputs of their next plan, issued plans, and check-ins checked before they are stored. No
solver: where a plan is needed, the planner is a stand-in."""

import json

import pytest

from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.intake.checkin import CheckIn, Refused
from rehabplan.patients import records
from rehabplan.patients.records import PatientDetail
from rehabplan.patients.rows import CheckinRow, PatientRow, PlanRow
from rehabplan.patients.store import Store
from tests.support.patients import PROFILE


def checkin(week: int, **fields) -> CheckIn:
    return CheckIn(week=week, sessions_done=fields.pop("sessions_done", 3), pain_next_morning=1, **fields)


@pytest.fixture
def patient(db, write) -> int:
    """Patient 1, six weeks from Monday 2026-11-02; "today" is 2026-11-18 (week 3)."""
    return records.add_patient(db, write(PROFILE, "runner.yaml")).id


def test_add_patient_returns_the_row_and_refuses_the_same_file_twice(db, write):
    path = write(PROFILE, "runner.yaml")
    row = records.add_patient(db, path)
    assert isinstance(row, PatientRow)
    assert (row.id, row.name, row.profile_file, row.profile_version, row.checkins, row.plans) == (
        1,
        "Test Runner",
        "runner.yaml",
        1,
        0,
        0,
    )
    with pytest.raises(InvalidInput) as again:
        records.add_patient(db, path)
    assert again.value.message == (
        f"{path}: patient 1 (Test Runner) was added from this same profile; "
        "`rehabplan patient show 1` shows them, or add --force to store another patient from it"
    )
    assert records.add_patient(db, path, force=True).id == 2


def test_show_patient_hands_back_the_latest_profile_and_the_stores_rows(db, write, patient):
    assert records.update_patient(db, patient, write(PROFILE.replace("weeks: 6", "weeks: 4"), "v2.yaml")) == 2
    with Store.open(db) as store:
        store.add_checkin(patient, 2, checkin(2).model_dump_json())
        store.add_checkin(patient, 1, checkin(1).model_dump_json())
        store.add_plan(patient, 2, '{"plan": 1}', [])
    detail = records.show_patient(db, patient)
    assert isinstance(detail, PatientDetail) and isinstance(detail.row, PatientRow)
    assert (detail.profile.plan.weeks, detail.profile_versions) == (4, 2)
    assert all(isinstance(c, CheckinRow) for c in detail.checkins)
    assert [c.week for c in detail.checkins] == [1, 2]
    assert [(type(p), p.version, p.plan_json) for p in detail.plans] == [(PlanRow, 1, '{"plan": 1}')]


def test_plan_inputs_leave_out_check_ins_past_a_shortened_plan(db, write, patient):
    with Store.open(db) as store:
        ids = [store.add_checkin(patient, week, checkin(week).model_dump_json()).id for week in (1, 3, 5)]
    records.update_patient(db, patient, write(PROFILE.replace("weeks: 6", "weeks: 3"), "v2.yaml"))
    inputs = records.plan_inputs(db, patient)
    assert (inputs.profile.plan.weeks, inputs.profile_version) == (3, 2)
    assert [c.week for c in inputs.checkins] == [1, 3]
    assert (inputs.checkin_ids, inputs.outside) == (ids[:2], [5])


def test_an_identical_plan_is_not_issued_twice(db, patient):
    inputs = records.plan_inputs(db, patient)
    first = records.issue_plan(db, patient, inputs, '{"plan": "a"}')
    same = records.issue_plan(db, patient, inputs, '{"plan": "a"}')
    other = records.issue_plan(db, patient, inputs, '{"plan": "b"}')
    assert [(i.version, i.new) for i in (first, same, other)] == [(1, True), (1, False), (2, True)]
    assert records.issued_plan(db, patient, 1).plan_json == '{"plan": "a"}'


def test_the_current_plan_is_the_latest_one_built_from_the_same_inputs(db, patient):
    assert records.current_plan(db, patient, "in", "lib") is None  # none issued yet
    plan_json = json.dumps({"solver": {"input_hash": "in", "library_hash": "lib"}})
    records.issue_plan(db, patient, records.plan_inputs(db, patient), plan_json)
    assert records.current_plan(db, patient, "in", "lib") == records.Issued(1, plan_json, new=False)
    assert records.current_plan(db, patient, "new check-in", "lib") is None
    assert records.current_plan(db, patient, "in", "newer library") is None


class Planned(Exception):
    """The stand-in planner was asked for a plan."""


def planner(profile, earlier):
    raise Planned(profile.plan.weeks, [c.week for c in earlier])


def test_a_check_in_before_any_plan_is_checked_against_the_plan_the_profile_would_get(db, patient):
    with Store.open(db) as store:
        store.add_checkin(patient, 1, checkin(1).model_dump_json())
    with pytest.raises(Planned) as asked:
        records.record_checkin(db, patient, checkin(2), planner)
    assert asked.value.args == (6, [1])  # the profile's plan, with the earlier check-ins


def test_a_week_that_has_not_started_is_refused_before_any_planning(db, patient):
    with pytest.raises(Refused) as refused:
        records.record_checkin(db, patient, checkin(4), planner)
    assert refused.value.message == (  # named by the option, as `rehabplan checkin` takes it
        "--week: 4 runs 23 Nov – 29 Nov 2026 and has not started yet; record it at the end of that week, "
        "on Sunday 29 November 2026 or after; week 3 is under way: record it at its end, on Sunday 22 November 2026 "
        "or after"
    )


@pytest.mark.parametrize(
    "weeks, message",
    [
        (
            [2],
            (
                "patient 7: the check-in stored for week 2 does not fit the plan; record it again with "
                "`rehabplan checkin 7 --week 2 ... --replace`"
            ),
        ),
        (
            [3, 2],
            (
                "patient 7: the check-ins stored for weeks 2, 3 do not fit the plan; record each again with "
                "`rehabplan checkin 7 --week 2 ... --replace`"
            ),
        ),
    ],
)
def test_stored_check_ins_that_no_longer_fit(weeks, message):
    problems = {w: [FieldProblem("sessions_done", 9, "is more than the 3 sessions planned")] for w in weeks}
    refusal = records.stored_refusal(7, problems)
    assert refusal.message == message
    assert [p.path for p in refusal.problems] == [f"week {w}: sessions_done" for w in sorted(weeks)]
