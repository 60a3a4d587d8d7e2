"""The plan model (rehabplan/plan_model.py): its profile is the typed ``Profile``, and a plan
written by an earlier rehabplan (when the profile was a plain mapping) reads back byte for byte."""

from rehabplan.intake.profile import Clinician, Profile
from rehabplan.patients.store import Store
from rehabplan.plan_model import Plan
from rehabplan.planning.pipeline import referral_plan
from tests.support.checkins import checked_plan

# A referral plan as rehabplan wrote it before ``Plan.profile`` was typed: a name with a line
# break (stored before names were checked), floats, a session time, no ``jumping_sport``.
OLD_PLAN = r"""{
  "schema_version": 1,
  "status": "referral",
  "warnings": [],
  "referral": {
    "urgency": "soon",
    "reasons": [
      "Night pain or constant pain at rest (soon): Stop running. See your GP within a week or two to check for causes other than overuse, such as arthritis or infection."
    ],
    "message": "Do not start a rehab or running plan yet. Stop running. See your GP within a week or two to check for causes other than overuse, such as arthritis or infection. Make a new plan once a clinician has checked your knee."
  },
  "changes": [],
  "notes": [],
  "solver": null,
  "profile": {
    "name": "Zoë\nRivera",
    "age": 41,
    "sex": "female",
    "height_cm": 168.0,
    "weight_kg": 61.5,
    "conditions": [
      "patellofemoral_pain"
    ],
    "side": "left",
    "pain": {
      "at_rest": 1,
      "during_run": 5,
      "next_morning": null
    },
    "walk_30min_pain_free": true,
    "weaknesses": [],
    "tightness": [],
    "availability": {
      "mon": 45,
      "tue": 0,
      "wed": 0,
      "thu": 0,
      "fri": 0,
      "sat": 60,
      "sun": 0
    },
    "equipment": [
      "resistance_band"
    ],
    "cross_training": [],
    "running": {
      "baseline_weekly_minutes": 120,
      "baseline_runs_per_week": 3,
      "baseline_weekly_km": 18.0
    },
    "goal": null,
    "red_flags": [
      "night_pain"
    ],
    "plan": {
      "start": "2026-11-23",
      "weeks": 4,
      "session_time": "07:30"
    },
    "clinician": {
      "name": "A. Physio",
      "clinic": null,
      "contact": null,
      "logo": "/clinic/logo.png",
      "notes": null
    }
  },
  "protocol": null,
  "weeks": [],
  "decisions": []
}
"""


def test_a_plan_written_before_reads_back_byte_for_byte():
    plan = Plan.model_validate_json(OLD_PLAN)
    assert plan.to_json() == OLD_PLAN
    profile = plan.profile
    assert isinstance(profile, Profile) and isinstance(profile.clinician, Clinician)
    assert (profile.name, profile.height_cm, profile.plan.session_time, profile.jumping_sport) == (
        "Zoë\nRivera",
        168.0,
        "07:30",
        False,
    )


def test_a_solved_plan_round_trips():
    text = checked_plan().to_json()
    assert Plan.model_validate_json(text).to_json() == text


def test_jumping_sport_is_written_only_when_true():
    profile = Plan.model_validate_json(OLD_PLAN).profile
    assert '"jumping_sport"' not in referral_plan(profile).to_json()
    jumping = referral_plan(profile.model_copy(update={"jumping_sport": True})).to_json()
    assert '"walk_30min_pain_free": true,\n    "jumping_sport": true,\n    "weaknesses"' in jumping


def test_the_store_reprints_a_plan_written_before(cli, db, tmp_path):
    with Store.open(db) as store:
        patient = store.add_patient("Zoë\nRivera", Plan.model_validate_json(OLD_PLAN).profile.model_dump_json())
        store.issue_plan(patient, 1, OLD_PLAN, [])
    reprint = cli("plan", "--patient", patient, "--version", 1, "--db", db)
    assert (reprint.exit_code, reprint.stdout) == (0, OLD_PLAN)
    calendar = cli("plan", "--patient", patient, "--version", 1, "--db", db, "-o", tmp_path / "plan.ics")
    assert calendar.exit_code == 0, calendar.output
    assert "DTSTART;VALUE=DATE:20261123" in (tmp_path / "plan.ics").read_text(encoding="utf-8")
