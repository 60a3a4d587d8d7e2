"""Check-in rules weighted as a clinician would, end to end (R-PM-03, R-PM-05, R-OA-05): through
`plan PROFILE --checkins` and through the store (`checkin`, then `plan --patient`), which must
decide the same. Knee osteoarthritis swelling that settles holds; the review prompt stays quiet
at a steady low next-morning pain; a week that missed only mobility sessions is green."""

import json
import re
from functools import cache

from rehabplan.api import example_path, plan_profile
from rehabplan.planning.pipeline import make_plan

START = "2026-10-12"  # tests.support.patients.TODAY (2026-11-18) is in week 6
SWELLING_HOLDS = (
    "the knee swelled: with knee osteoarthritis, swelling that settles means hold; swelling 2 check-ins running "
    "means see a clinician"
)


def example_text(name: str) -> str:
    """The bundled example, starting on START."""
    text, found = re.subn(
        r"\nplan:\n  weeks: (\d+)\n", rf"\nplan: {{start: {START}, weeks: \1}}\n", example_path(name).read_text()
    )
    assert found == 1
    return text


@cache
def week_types(name: str, week: int) -> list[str]:
    """The session types the example's plan, without check-ins, has in ``week``."""
    plan = make_plan(plan_profile(example_path(name), start=START))
    return [s.type for d in plan.weeks[week - 1].days for s in d.sessions]


def all_done(name: str, week: int, **fields) -> dict:
    types = week_types(name, week)
    return {"week": week, "sessions_done": len(types), "runs_done": types.count("run"), **fields}


def both_ways(cli, write, db, name: str, checkins: list[dict]):
    """The plan JSON from `plan PROFILE --checkins` and from the store, and each `checkin` result."""
    profile = write(example_text(name), f"{name}.yaml")
    stateless = cli("plan", profile, "--checkins", write(json.dumps(checkins), "checkins.yaml"))
    assert stateless.exit_code == 0, stateless.output
    assert cli("patient", "add", profile, "--db", db).exit_code == 0
    assert cli("--quiet", "plan", "--patient", "1", "--db", db).exit_code == 0
    recorded = [cli("checkin", "1", "--file", write(json.dumps(c), f"w{c['week']}.yaml"), "--db", db) for c in checkins]
    assert all(r.exit_code == 0 for r in recorded), [r.output for r in recorded]
    stored = cli("plan", "--patient", "1", "--db", db)
    assert stored.exit_code == 0, stored.output
    plan, kept = json.loads(stateless.stdout), json.loads(stored.stdout)
    assert (plan["decisions"], plan["referral"]) == (kept["decisions"], kept["referral"])
    return plan, recorded


def test_osteoarthritis_swelling_that_settles_holds_both_ways(cli, write, db):
    swollen = all_done("knee_oa", 1, pain_during_run=2, pain_next_morning=2, swelling=True)
    plan, recorded = both_ways(cli, write, db, "knee_oa", [swollen])
    assert recorded[0].stderr == "patient 1: check-in for week 1 recorded\n"  # no referral alert
    assert plan["status"] == "ok" and plan["referral"] is None
    assert [(d["action"], d["zone"], d["reasons"]) for d in plan["decisions"]] == [("hold", "amber", [SWELLING_HOLDS])]
    assert plan["changes"][0] == f"Run stage held at 1 after week 1: {SWELLING_HOLDS}."


def test_osteoarthritis_swelling_two_check_ins_running_refers(cli, write, db):
    first = all_done("knee_oa", 1, pain_during_run=2, pain_next_morning=2, swelling=True)
    again = {"week": 2, "sessions_done": 1, "pain_next_morning": 2, "swelling": True}
    plan, recorded = both_ways(cli, write, db, "knee_oa", [first, again])
    assert recorded[0].stderr == "patient 1: check-in for week 1 recorded\n"
    assert (
        recorded[1]
        .stderr.splitlines()[1]
        .startswith("REFERRAL (soon): Stop running and stop adding load after week 2: a warning sign was reported.")
    )
    assert (plan["status"], plan["referral"]["urgency"]) == ("referral", "soon")
    assert plan["referral"]["reasons"][0].startswith("Swelling that will not settle (soon):")


def test_swelling_still_refers_with_other_conditions(cli, write):
    """R-PM-03: with patellofemoral pain any reported swelling stops and refers."""
    swollen = all_done("runners_knee", 1, pain_during_run=2, pain_next_morning=2, swelling=True)
    result = cli("plan", write(example_text("runners_knee")), "--checkins", write(json.dumps([swollen]), "c.yaml"))
    plan = json.loads(result.stdout)
    assert (result.exit_code, plan["status"], plan["referral"]["urgency"]) == (0, "referral", "soon")


def test_the_review_prompt_stays_quiet_at_steady_low_next_morning_pain(cli, write, db):
    """R-PM-05: next-morning pain steady at 1 for four check-ins is a settled knee, not a stuck one."""
    steady = [all_done("runners_knee", w, pain_during_run=1, pain_next_morning=1) for w in (1, 2, 3, 4)]
    plan, _ = both_ways(cli, write, db, "runners_knee", steady)
    assert [(d["action"], d["review"]) for d in plan["decisions"]] == [("advance", False)] * 4
    assert not any("R-PM-05" in line for line in plan["changes"])
    stuck = [{**c, "pain_next_morning": 2} for c in steady]  # steady at 2: still a review
    profile = write(example_text("runners_knee"), "again.yaml")
    stuck_plan = json.loads(cli("plan", profile, "--checkins", write(json.dumps(stuck), "stuck.yaml")).stdout)
    assert [d["review"] for d in stuck_plan["decisions"]] == [False, False, False, True]


def test_a_week_that_missed_only_mobility_is_green(cli, write, db):
    """R-PM-03 "sessions missed" counts runs and strength work, not stretches."""
    types = week_types("runners_knee", 1)
    assert types.count("mobility") >= 1
    skipped_stretches = all_done(
        "runners_knee", 1, sessions_done=len(types) - types.count("mobility"), pain_during_run=2, pain_next_morning=2
    )
    plan, _ = both_ways(cli, write, db, "runners_knee", [skipped_stretches])
    assert [(d["action"], d["zone"]) for d in plan["decisions"]] == [("advance", "green")]
    key = sum(1 for t in types if t in ("run", "strength", "isometric", "plyometric"))
    missed_key = {**skipped_stretches, "sessions_done": key - 1}
    held = json.loads(
        cli(
            "plan",
            write(example_text("runners_knee"), "h.yaml"),
            "--checkins",
            write(json.dumps([missed_key]), "k.yaml"),
        ).stdout
    )
    assert held["decisions"][0]["reasons"] == [
        f"{key - 1} of {len(types)} sessions done: at least 1 of the {key} runs and strength sessions missed"
    ]
