"""A red flag is a safety alert the moment it is reported: `checkin` (options or --file) and
`plan PROFILE --checkins` print the stop message and its urgency, even with --quiet, in the
same words as the plan's referral (R-PM-03)."""

import json

import pytest

from rehabplan.adapt.referral import flag_lines, red_flag_alert
from rehabplan.api import plan_profile
from rehabplan.cli.plan_text import referral_lines
from rehabplan.intake.checkin import parse_checkins
from rehabplan.planning.pipeline import make_plan
from tests.support import GOOD

PROFILE = GOOD + "plan: {start: 2026-11-02, weeks: 3}\n"
CALF = (
    "Swollen, warm or tender calf or back of knee (urgent): Stop all exercise. Get a same-day medical check "
    "(GP, urgent care or A&E) to rule out a blood clot (DVT). Call your local emergency number (999 / 112 / 911) "
    "if you are short of breath."
)
LOCKING = (
    "Knee locks or will not straighten (urgent): Stop running and do not add load. Get an urgent appointment "
    "at an acute knee or fracture clinic (via your GP, a health line such as NHS 111 in the UK, or urgent care)."
)
GIVING_WAY = (
    "Knee gives way (soon): Stop running. See a physiotherapist or doctor within a week. Until then keep "
    "only to exercises that do not make the knee buckle."
)
AFTER_WEEK_1 = [  # both urgent: in the order of data/red_flags.yaml
    "REFERRAL (urgent): Stop running and stop adding load after week 1: a warning sign was reported. Stop running "
    "and do not add load. Get an urgent appointment at an acute knee or fracture clinic (via your GP, a health line "
    "such as NHS 111 in the UK, or urgent care). Make a new plan once a clinician has checked your knee.",
    f"  - {LOCKING}",
    f"  - {CALF}",
]


def test_the_alert_puts_the_most_urgent_flag_first_with_its_urgency_and_action():
    assert red_flag_alert(["calf_swelling", "locking"], week=1) == red_flag_alert(["locking", "calf_swelling"], week=1)
    assert red_flag_alert(["calf_swelling", "locking", "locking"], week=1) == AFTER_WEEK_1
    assert red_flag_alert(["giving_way", "calf_swelling"], week=1)[1:] == [f"  - {CALF}", f"  - {GIVING_WAY}"]


def test_the_alert_says_what_the_plans_referral_says(write):
    checkins = parse_checkins(
        [{"week": 1, "sessions_done": 2, "pain_next_morning": 1, "locking": True, "red_flags": ["calf_swelling"]}],
        "c.yaml",
    )
    plan = make_plan(plan_profile(write(PROFILE)), checkins)
    assert referral_lines(plan) == red_flag_alert(checkins[0].flags, week=1) == AFTER_WEEK_1
    at_intake = make_plan(plan_profile(write(PROFILE + "red_flags: [giving_way, fever]\n")))
    assert referral_lines(at_intake) == red_flag_alert(["giving_way", "fever"])
    assert red_flag_alert(["giving_way"])[0] == (
        "REFERRAL (soon): Do not start a rehab or running plan yet. Stop running. See a physiotherapist or doctor "
        "within a week. Until then keep only to exercises that do not make the knee buckle. Make a new plan once a "
        "clinician has checked your knee."
    )


@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_checkin_with_a_red_flag_prints_the_referral_at_once(cli, write, db, quiet):
    cli("patient", "add", write(PROFILE), "--db", db)
    result = cli(
        *quiet,
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "2",
        "--pain-next-morning",
        "1",
        "--locking",
        "--red-flag",
        "calf_swelling",
        "--db",
        db,
    )
    assert (result.exit_code, result.stdout) == (0, "")  # it was recorded
    said = [] if quiet else ["patient 1: check-in for week 1 recorded"]
    assert result.stderr.splitlines() == said + AFTER_WEEK_1


def test_checkin_from_a_file_with_a_red_flag_prints_the_referral(cli, write, db):
    cli("patient", "add", write(PROFILE), "--db", db)
    week = write(
        "week: 1\nsessions_done: 2\npain_next_morning: 1\nlocking: true\nred_flags: [calf_swelling]\n", "w1.yaml"
    )
    result = cli("--quiet", "checkin", "1", "--file", week, "--db", db)
    assert result.exit_code == 0 and result.stderr.splitlines() == AFTER_WEEK_1


def test_a_check_in_without_a_red_flag_prints_no_alert(cli, write, db):
    cli("patient", "add", write(PROFILE), "--db", db)
    result = cli(
        "--quiet", "checkin", "1", "--week", "1", "--sessions-done", "2", "--pain-next-morning", "1", "--db", db
    )
    assert (result.exit_code, result.stderr) == (0, "")


def test_plan_with_check_ins_prints_the_referral_even_quiet(cli, write, tmp_path):
    checkins = write(
        "- {week: 1, sessions_done: 2, pain_next_morning: 1, locking: true, red_flags: [calf_swelling]}\n", "c.yaml"
    )
    result = cli("--quiet", "plan", write(PROFILE), "--checkins", checkins, "-o", tmp_path / "plan.json")
    assert result.exit_code == 0 and result.stderr.splitlines() == AFTER_WEEK_1


def test_a_refused_check_in_still_prints_its_red_flag(cli, write, db):
    """A typo in a count must not hide a warning sign: the check-in is refused (exit 2), and the
    referral is printed all the same."""
    cli("patient", "add", write(PROFILE), "--db", db)
    result = cli(
        "--quiet",
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "40",
        "--pain-next-morning",
        "1",
        "--locking",
        "--red-flag",
        "calf_swelling",
        "--db",
        db,
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("--sessions-done: 40 is more than the ") and lines[1:] == AFTER_WEEK_1


def test_plan_with_a_refused_check_in_still_prints_the_referral(cli, write):
    checkins = write(
        "- {week: 1, sessions_done: 40, pain_next_morning: 1, locking: true, red_flags: [calf_swelling]}\n", "c.yaml"
    )
    result = cli("--quiet", "plan", write(PROFILE), "--checkins", checkins)
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("--checkins: sessions_done: 40 is more than the ") and lines[1:] == AFTER_WEEK_1


def test_the_stop_message_names_every_flag_most_urgent_first():
    lines = flag_lines(["giving_way", "fever", "locking", "giving_way"])
    assert [line.split(":")[0] for line in lines] == ["RED FLAG (emergency)", "RED FLAG (urgent)", "RED FLAG (soon)"]
    assert lines[1] == (
        "RED FLAG (urgent): Knee locks or will not straighten. Stop running and do not add load. "
        "Get an urgent appointment at an acute knee or fracture clinic (via your GP, a health "
        "line such as NHS 111 in the UK, or urgent care)."
    )
    assert flag_lines([]) == []


NOW = (
    "REFERRAL (urgent): Stop running and stop adding load now: a warning sign was reported. Stop running and do "
    "not add load. Get an urgent appointment at an acute knee or fracture clinic (via your GP, a health line "
    "such as NHS 111 in the UK, or urgent care). Make a new plan once a clinician has checked your knee."
)


@pytest.mark.parametrize("how", ["options", "file"])
def test_a_check_in_refused_for_a_typo_still_raises_its_red_flag(cli, write, db, how):
    """A pain of 12 next to a locked knee: the check-in is refused, and the locked knee is still said at once."""
    cli("patient", "add", write(PROFILE), "--db", db)
    if how == "options":
        args = ["--week", "1", "--sessions-done", "2", "--pain-next-morning", "12", "--locking"]
    else:
        args = [
            "--file",
            write(
                "week: 1\nsessions_done: 2\npain_next_morning: 12\nlocking: true\nred_flags: [nonsense]\n", "w1.yaml"
            ),
        ]
    result = cli("--quiet", "checkin", "1", *args, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "12 is out of range" in result.stderr and lines[-2:] == [NOW, f"  - {LOCKING}"]
    assert json.loads(cli("history", "1", "--format", "json", "--db", db).stdout)["checkins"] == []  # not recorded


SLR_ACTION = (
    "Stop all exercise. Go to A&E or an emergency department today; not being able to lift the straight leg can "
    "mean the quadriceps or kneecap (patellar) tendon has torn."
)
SLR_REASON = f"  - Cannot lift the leg with the knee straight (emergency): {SLR_ACTION}"


def test_a_straight_leg_raise_that_fails_at_intake_is_an_emergency_referral(cli, write, tmp_path):
    """clinical-rules R-PM-03 and red_flags.yaml: a torn quadriceps or patellar tendon goes to A&E."""
    profile = write(PROFILE + "red_flags: [cannot_straight_leg_raise]\n")
    result = cli("plan", profile, "-o", tmp_path / "plan.json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-2:] == [
        f"REFERRAL (emergency): Do not start a rehab or running plan yet. {SLR_ACTION} Make a new plan once a "
        "clinician has checked your knee.",
        SLR_REASON,
    ]
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert (plan["status"], plan["referral"]["urgency"], plan["weeks"]) == ("referral", "emergency", [])


def test_a_straight_leg_raise_that_fails_in_a_check_in_refers_as_an_emergency(cli, write, db, tmp_path):
    cli("patient", "add", write(PROFILE), "--db", db)
    result = cli(
        "--quiet", "checkin", "1", "--week", "1", "--sessions-done", "2", "--pain-next-morning", "1",
        "--red-flag", "cannot_straight_leg_raise", "--db", db,
    )  # fmt: skip
    after_week_1 = [
        "REFERRAL (emergency): Stop running and stop adding load after week 1: a warning sign was reported. "
        f"{SLR_ACTION} Make a new plan once a clinician has checked your knee.",
        SLR_REASON,
    ]
    assert (result.exit_code, result.stderr.splitlines()) == (0, after_week_1)
    stored = cli("--quiet", "plan", "--patient", "1", "--db", db, "-o", tmp_path / "stored.json")
    assert stored.exit_code == 0 and stored.stderr.splitlines() == after_week_1
    checkins = write(
        "- {week: 1, sessions_done: 2, pain_next_morning: 1, red_flags: [cannot_straight_leg_raise]}\n", "c.yaml"
    )
    stateless = cli("--quiet", "plan", write(PROFILE), "--checkins", checkins, "-o", tmp_path / "plan.json")
    assert stateless.exit_code == 0 and stateless.stderr.splitlines() == after_week_1
    for name in ("stored.json", "plan.json"):
        plan = json.loads((tmp_path / name).read_text())
        assert (plan["status"], plan["referral"]["urgency"], [w["number"] for w in plan["weeks"]]) == (
            "referral",
            "emergency",
            [1],
        )
