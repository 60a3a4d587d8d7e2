"""The `rehabplan init` questionnaire without a terminal: each answer's reading and its messages,
the checks across answers, answers files, and the commented profile the answers make."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from rehabplan.errors import InvalidInput
from rehabplan.intake import questionnaire as q
from rehabplan.intake.answer_file import read_answers
from rehabplan.intake.profile import load_profile
from rehabplan.vocab import CROSS_TRAINING, EQUIPMENT, RED_FLAGS, TIGHTNESS, WEAKNESSES

TODAY = date(2026, 11, 18)  # a Wednesday: the default start is this week's Monday, 2026-11-16
DOCS = Path(__file__).resolve().parents[2] / "docs" / "init.md"


def question(key: str) -> q.Question:
    return next(question for question in q.questions(TODAY) if question.key == key)


def reason(key: str, text: str) -> str:
    with pytest.raises(ValueError) as err:  # noqa: PT011 - the callers check the whole message
        question(key).parse(text)
    return str(err.value)


def full_answers() -> q.Answers:
    """Every question answered, none left to its default."""
    answers = q.default_answers(TODAY)
    answers.update(
        {
            "red_flags.locking": True,
            "red_flags.night_pain": True,
            "name": 'Jamie "JR" Rivera: Ølstykke 5km',
            "age": 34,
            "conditions": ["patellofemoral_pain", "iliotibial_band_syndrome"],
            "side": "right",
            "pain.at_rest": 1,
            "pain.during_run": 5,
            "pain.next_morning": 2,
            "walk_30min_pain_free": False,
            "weaknesses": ["hip_abductors", "quadriceps"],
            "tightness": ["it_band"],
            "availability.mon": 45,
            "availability.wed": 45,
            "availability.sun": 90,
            "equipment": ["resistance_band", "step"],
            "cross_training": ["bike", "swim"],
            "running.baseline_weekly_minutes": 150,
            "running.baseline_runs_per_week": 3,
            "goal": "Back to 25 km a week, # and a 10 km race",
            "plan.start": date(2026, 11, 30),
            "plan.weeks": 12,
        }
    )
    return answers


def write_profile(tmp_path: Path, answers: q.Answers):
    path = tmp_path / "profile.yaml"
    path.write_text(q.profile_yaml(answers), encoding="utf-8")
    return load_profile(path)


# ---- one answer at a time ----------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("yes", True), ("Y", True), (" true ", True), ("no", False), ("N", False)])
def test_yes_no_reads_the_usual_words(text, value):
    assert question("walk_30min_pain_free").parse(text) is value


def test_yes_no_rejects_anything_else_with_the_fix():
    assert reason("red_flags.locking", "maybe") == "'maybe' is not yes or no; answer yes or no"


@pytest.mark.parametrize(
    "key, text, value",
    [
        ("age", "34", 34),
        ("age", " 12 ", 12),
        ("pain.at_rest", "0", 0),
        ("pain.during_run", "10", 10),
        ("availability.mon", "240", 240),
        ("running.baseline_weekly_minutes", "0", 0),
        ("plan.weeks", "52", 52),
    ],
)
def test_numbers_in_range_are_read(key, text, value):
    assert question(key).parse(text) == value


@pytest.mark.parametrize(
    "key, text, message",
    [
        ("age", "abc", "'abc' is not a whole number; give your age in years, 12-100"),
        ("age", "34.5", "'34.5' is not a whole number; give your age in years, 12-100"),
        ("age", "5", "5 is out of range; give your age in years, 12-100"),
        ("pain.at_rest", "12", "12 is out of range; give a pain score, 0-10 (0 no pain, 10 the worst imaginable)"),
        ("pain.during_run", "-1", "-1 is out of range; give a pain score, 0-10 (0 no pain, 10 the worst imaginable)"),
        ("availability.mon", "45x", "'45x' is not a whole number; give minutes on Monday, 0-240 (0 = rest day)"),
        ("availability.sat", "400", "400 is out of range; give minutes on Saturday, 0-240 (0 = rest day)"),
        ("running.baseline_runs_per_week", "15", "15 is out of range; give runs a week, 0-14"),
        ("plan.weeks", "0", "0 is out of range; give weeks, 1-52"),
    ],
)
def test_numbers_are_rejected_with_the_reason_and_the_range(key, text, message):
    assert reason(key, text) == message


def test_next_morning_pain_may_be_skipped():
    assert question("pain.next_morning").parse("") is None
    assert question("pain.next_morning").parse("skip") is None
    assert question("pain.next_morning").parse("3") == 3


def test_conditions_take_numbers_words_and_plain_spelling():
    parse = question("conditions").parse
    assert parse("1") == ["patellofemoral_pain"]
    assert parse("patellar tendinopathy, 2") == ["patellar_tendinopathy", "iliotibial_band_syndrome"]
    assert parse("Knee-Osteoarthritis") == ["knee_osteoarthritis"]
    assert parse("1, patellofemoral_pain") == ["patellofemoral_pain"]  # a repeat is kept once


def test_an_unknown_condition_names_the_choices_and_the_likely_word():
    assert reason("conditions", "patelofemoral pain") == (
        "'patelofemoral pain' is not one of the knee problems; did you mean patellofemoral_pain? give a "
        "number 1-7 or one of: patellofemoral_pain, iliotibial_band_syndrome, patellar_tendinopathy, "
        "knee_osteoarthritis, degenerative_meniscus, posterior_knee_pain, prevention"
    )
    assert reason("conditions", "8").startswith("'8' is not one of the knee problems; give a number 1-7")


def test_conditions_need_one_and_keep_prevention_alone():
    assert reason("conditions", "none") == (
        "no knee problem given; give at least one (choose prevention if your knee is fine)"
    )
    assert reason("conditions", "prevention, 1") == (
        "prevention is for a runner with no current injury; give prevention alone, or only the knee problems you have"
    )


def test_side_is_one_word():
    assert question("side").parse("Left") == "left"
    assert reason("side", "lefft") == (
        "'lefft' is not one of the sides; did you mean left? give one of: left, right, both"
    )


@pytest.mark.parametrize("key", ["weaknesses", "tightness", "cross_training", "equipment"])
def test_lists_allow_none(key):
    assert question(key).parse("none") == []
    assert question(key).parse("None") == []


def test_lists_read_numbers_and_words():
    assert question("weaknesses").parse("hip abductors, 4") == ["hip_abductors", "quadriceps"]
    assert question("tightness").parse("it band") == ["it_band"]
    assert question("cross_training").parse("5, swim") == ["walk", "swim"]
    assert reason("weaknesses", "hips") == (
        "'hips' is not one of the muscles; give a number 1-7 or one of: hip_abductors, "
        "hip_external_rotators, glutes, quadriceps, hamstrings, calves, core"
    )


def test_household_equipment_is_accepted_and_left_out():
    assert question("equipment").parse("chair, resistance band, stairs, 13") == ["resistance_band", "mat"]
    assert question("equipment").parse("chair") == []
    assert reason("equipment", "barbell").startswith("'barbell' is not one of the equipment words; give a number 1-13")


def test_the_start_is_a_monday():
    assert question("plan.start").parse("2026-11-30") == date(2026, 11, 30)
    assert reason("plan.start", "2026-11-24") == (
        "2026-11-24 is a Tuesday; plans start on a Monday, for example 2026-11-23 or 2026-11-30"
    )
    assert reason("plan.start", "next week").startswith(
        "'next week' is not a date; write it as YYYY-MM-DD, for example "
    )
    assert reason("plan.start", "2026-13-01").startswith("'2026-13-01' is not a date")


def test_text_answers_are_one_short_line():
    assert question("name").parse("  Jamie  ") == "Jamie"
    assert question("name").parse("") is None
    assert reason("name", "x" * 81) == "the name is 81 characters long; keep it to 80"
    assert reason("goal", "a\tb") == "the goal contains a control character (TAB, U+0009) at position 2; remove it"


# ---- the questions as a whole ------------------------------------------------------------------


def test_red_flag_screening_comes_first_one_question_per_flag():
    asked = q.questions(TODAY)
    keys = [question.key for question in asked]
    assert len(set(keys)) == len(keys)
    flags = [key.removeprefix("red_flags.") for key in keys if key.startswith("red_flags.")]
    assert flags == [f for f in RED_FLAGS if f not in q.CHECKIN_ONLY_FLAGS]
    assert keys[: len(flags)] == [f"red_flags.{f}" for f in flags]
    assert all(question.section == "safety" for question in asked[: len(flags)])
    assert question("red_flags.cannot_bear_weight").prompt == (
        "Are you unable to stand on the leg, or to take four steps on it? (yes/no)"
    )


def test_every_default_reads_and_every_section_has_words():
    for question in q.questions(TODAY):
        assert question.section in q.SECTIONS
    answers = q.default_answers(TODAY)
    assert answers["plan.start"] == date(2026, 11, 16)
    assert not q.answered_flags(answers)
    assert q.issues(answers) == []


def test_labels_cover_every_vocabulary_word():
    assert set(q.LABELS["weaknesses"]) == set(WEAKNESSES)
    assert set(q.LABELS["tightness"]) == set(TIGHTNESS)
    assert set(q.LABELS["equipment"]) == set(EQUIPMENT)
    assert set(q.LABELS["cross_training"]) == set(CROSS_TRAINING)
    assert (
        dict(question("conditions").choices)["patellofemoral_pain"] == "Pain around the kneecap (patellofemoral pain)"
    )


def test_runs_a_week_default_follows_the_minutes():
    runs = question("running.baseline_runs_per_week")
    assert runs.default_text({"running.baseline_weekly_minutes": 0}) == "0"
    assert runs.default_text({"running.baseline_weekly_minutes": 120}) == "3"


def test_docs_name_every_question_key():
    text = DOCS.read_text(encoding="utf-8")
    missing = [question.key for question in q.questions(TODAY) if f"`{question.key}`" not in text]
    assert not missing


# ---- checks across answers ---------------------------------------------------------------------


def test_minutes_without_runs_points_back_at_both_running_questions():
    answers = {**q.default_answers(TODAY), "running.baseline_runs_per_week": 0}
    [issue] = q.issues(answers)
    assert issue.keys == ("running.baseline_weekly_minutes", "running.baseline_runs_per_week")
    assert issue.message == (
        "running: {baseline_weekly_minutes: 90, baseline_runs_per_week: 0} gives weekly minutes but 0 "
        "runs a week; set baseline_runs_per_week (1-14), or 0 minutes for a new runner"
    )


def test_no_available_day_points_back_at_every_day():
    answers = {**q.default_answers(TODAY), **{f"availability.{d}": 0 for d in ("tue", "thu", "sat")}}
    [issue] = q.issues(answers)
    assert issue.keys == tuple(f"availability.{d}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    assert "has no available day; give at least one day some minutes" in issue.message


@pytest.mark.parametrize(
    "today, this_monday",
    [
        (date(2026, 11, 16), date(2026, 11, 16)),  # a Monday: today
        (date(2026, 11, 18), date(2026, 11, 16)),  # Wednesday
        (date(2026, 11, 22), date(2026, 11, 16)),  # Sunday: still this week's
    ],
)
def test_the_plan_starts_this_week_unless_next_week_is_chosen(today, this_monday):
    """Why: today falls in week 1, so the first day already has its sessions (README tour)."""
    start = next(x for x in q.questions(today) if x.key == "plan.start")
    assert start.default_text({}) == this_monday.isoformat()
    assert start.prompt == (
        "First day of the plan, a Monday (YYYY-MM-DD): this week's puts today in week 1; "
        f"{(this_monday + timedelta(days=7)).isoformat()} starts next week"
    )


# ---- the profile file --------------------------------------------------------------------------


def test_the_default_profile_loads(tmp_path):
    profile = write_profile(tmp_path, q.default_answers(TODAY))
    assert profile.conditions == ["patellofemoral_pain"]
    assert profile.availability.by_day() == q.DEFAULT_MINUTES
    assert profile.plan.start == date(2026, 11, 16) and profile.plan.weeks == 8
    assert profile.name is None and profile.pain.next_morning is None and profile.red_flags == []


def test_a_full_profile_loads_with_every_answer(tmp_path):
    profile = write_profile(tmp_path, full_answers())
    assert profile.name == 'Jamie "JR" Rivera: Ølstykke 5km'
    assert profile.goal == "Back to 25 km a week, # and a 10 km race"
    assert profile.red_flags == ["locking", "night_pain"]
    assert profile.conditions == ["patellofemoral_pain", "iliotibial_band_syndrome"]
    assert profile.side == "right" and profile.age == 34 and not profile.walk_30min_pain_free
    assert (profile.pain.at_rest, profile.pain.during_run, profile.pain.next_morning) == (1, 5, 2)
    assert profile.weaknesses == ["hip_abductors", "quadriceps"] and profile.tightness == ["it_band"]
    assert profile.availability.by_day() == {"mon": 45, "tue": 30, "wed": 45, "thu": 45, "fri": 0, "sat": 60, "sun": 90}
    assert profile.equipment == ["resistance_band", "step"] and profile.cross_training == ["bike", "swim"]
    assert (profile.running.baseline_weekly_minutes, profile.running.baseline_runs_per_week) == (150, 3)
    assert profile.plan.start == date(2026, 11, 30) and profile.plan.weeks == 12


def test_the_profile_explains_its_fields_in_comments():
    text = q.profile_yaml(full_answers(), "jamie.yaml")
    lines = text.splitlines()
    assert lines[:3] == [
        "# A rehabplan profile, written by `rehabplan init`: your knee, your week and your running.",
        "# Check it:     rehabplan validate jamie.yaml",
        "# Make a plan:  rehabplan plan jamie.yaml -o plan.pdf",
    ]
    assert "# Minutes you can give each weekday; 0 = rest day (at most 240)." in lines
    assert "#   locking: Knee locks or will not straighten (urgent)" in lines
    assert "red_flags: [locking, night_pain]" in lines
    assert "# Knee pain, 0-10 (0 no pain, 10 the worst imaginable)." in lines
    assert sum(line.lstrip().startswith("#") for line in lines) > 30
    assert max(len(line) for line in lines) <= 100


def test_optional_answers_not_given_are_left_to_fill_in():
    lines = q.profile_yaml(q.default_answers(TODAY)).splitlines()
    assert "# name:" in lines and "# goal:" in lines and "  # next_morning:" in lines


def test_the_profile_text_is_deterministic():
    assert q.profile_yaml(full_answers()) == q.profile_yaml(full_answers())
    assert q.profile_yaml(q.default_answers(TODAY)) == q.profile_yaml(q.default_answers(TODAY))


def test_the_profile_is_plain_yaml():
    data = yaml.safe_load(q.profile_yaml(full_answers()))
    assert data["availability"]["sun"] == 90 and data["plan"]["weeks"] == 12


# ---- answers files -----------------------------------------------------------------------------


def test_an_answers_file_reads_like_the_prompts(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "red_flags.locking: yes\nage: 41\nconditions: [2, patellar tendinopathy]\nside: left\n"
        "pain: {at_rest: 0, during_run: 6}\nwalk_30min_pain_free: true\navailability.mon: '45'\n"
        "plan.start: 2026-11-30\n",
        encoding="utf-8",
    )
    answers, skipped = read_answers(path, TODAY)
    assert answers["red_flags.locking"] is True and answers["age"] == 41
    assert answers["conditions"] == ["iliotibial_band_syndrome", "patellar_tendinopathy"]
    assert answers["pain.during_run"] == 6
    assert [answers[f"availability.{d}"] for d in ("mon", "tue", "sat")] == [45, 0, 0]  # days left out rest
    assert answers["plan.start"] == date(2026, 11, 30)
    assert "name" in skipped and "age" not in skipped and "pain.at_rest" not in skipped
    assert "availability.tue" not in skipped
    assert answers["running.baseline_runs_per_week"] == 3  # the defaults still fit together


def test_a_bad_answers_file_lists_every_problem(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("age: abc\npain.at_rest: 12\navailabilty.mon: 45\nconditions: [runners_knee]\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_answers(path, TODAY)
    assert err.value.lines() == [
        f"{path}: 4 problems in the answers; no profile written",
        f"{path}: availabilty.mon: is not a question of rehabplan init; did you mean availability.mon?",
        f"{path}: age: 'abc' is not a whole number; give your age in years, 12-100",
        f"{path}: conditions: 'runners_knee' is not one of the knee problems; give a number 1-7 or one of: "
        "patellofemoral_pain, iliotibial_band_syndrome, patellar_tendinopathy, knee_osteoarthritis, "
        "degenerative_meniscus, posterior_knee_pain, prevention",
        f"{path}: pain.at_rest: 12 is out of range; give a pain score, 0-10 (0 no pain, 10 the worst imaginable)",
    ]


def test_answers_that_do_not_fit_together_are_reported(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("running: {baseline_weekly_minutes: 120, baseline_runs_per_week: 0}\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_answers(path, TODAY)
    assert err.value.lines()[1] == (
        f"{path}: running: {{baseline_weekly_minutes: 120, baseline_runs_per_week: 0}} gives weekly minutes "
        "but 0 runs a week; set baseline_runs_per_week (1-14), or 0 minutes for a new runner"
    )


def test_an_answers_file_must_be_a_mapping(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("- age: 34\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_answers(path, TODAY)
    assert err.value.message == (
        f"{path}: the answers must be a mapping of question keys to answers, like `age: 34`; "
        "docs/init.md lists the keys"
    )
