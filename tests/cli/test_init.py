"""`rehabplan init` driven through its real prompts: a session gives a valid profile, a wrong
answer is asked again with the reason, a red flag is recorded and shown; --defaults,
--answers and the output file rules (exact messages, exit codes, no traceback)."""

from datetime import date

import pytest
from click.testing import CliRunner

from rehabplan.cli import cmd_init, main  # importing cmd_init registers `init` on main
from rehabplan.intake import questionnaire
from rehabplan.intake.profile import load_profile


def typed(**answers) -> str:
    """The keyboard input for a whole session: for each question in order, its answers (a list
    when a wrong one comes first) or Enter. Keys use __ for the dots: pain__at_rest."""
    given = {key.replace("__", "."): value for key, value in answers.items()}
    lines = []
    for question in questionnaire.questions():
        value = given.pop(question.key, "")
        lines.extend(value if isinstance(value, list) else [value])
    assert not given, f"no such questions: {given}"
    return "\n".join(lines) + "\n"


def run(*args, input: str | None = None):
    result = CliRunner().invoke(main, ["init", *map(str, args)], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


FULL = dict(
    name="Jamie Rivera",
    age="34",
    conditions="1, iliotibial band syndrome",
    side="right",
    pain__at_rest="1",
    pain__during_run="5",
    pain__next_morning="2",
    walk_30min_pain_free="y",
    weaknesses="hip abductors, 4",
    tightness="none",
    availability__mon="45",
    availability__tue="0",
    availability__wed="45",
    availability__thu="0",
    availability__fri="45",
    availability__sat="60",
    availability__sun="0",
    equipment="resistance_band, step, chair",
    cross_training="bike, swim",
    running__baseline_weekly_minutes="150",
    running__baseline_runs_per_week="3",
    goal="Back to 25 km a week",
    plan__start="2026-11-30",
    plan__weeks="10",
)


def test_a_full_session_writes_a_valid_profile(tmp_path):
    out = tmp_path / "jamie.yaml"
    result = run("-o", out, input=typed(**FULL))
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.name == "Jamie Rivera" and profile.age == 34 and profile.side == "right"
    assert profile.conditions == ["patellofemoral_pain", "iliotibial_band_syndrome"]
    assert (profile.pain.at_rest, profile.pain.during_run, profile.pain.next_morning) == (1, 5, 2)
    assert profile.weaknesses == ["hip_abductors", "quadriceps"] and profile.tightness == []
    assert profile.availability.by_day() == {"mon": 45, "tue": 0, "wed": 45, "thu": 0, "fri": 45, "sat": 60, "sun": 0}
    assert profile.equipment == ["resistance_band", "step"] and profile.cross_training == ["bike", "swim"]
    assert profile.goal == "Back to 25 km a week" and profile.red_flags == []
    assert profile.plan.start == date(2026, 11, 30) and profile.plan.weeks == 10
    assert out.read_text(encoding="utf-8").startswith("# A rehabplan profile, written by `rehabplan init`")
    assert result.stderr.splitlines() == [
        f"wrote {out}",
        "Next:",
        f"  rehabplan validate {out}{' ' * 11}check it and read its notes",
        f"  rehabplan plan {out} -o plan.pdf   make your plan handout",
    ]


def test_pressing_enter_throughout_gives_the_defaults(tmp_path):
    out = tmp_path / "profile.yaml"
    result = run("-o", out, input=typed())
    assert result.exit_code == 0, result.output
    profile = load_profile(out)
    assert profile.conditions == ["patellofemoral_pain"] and profile.plan.start == questionnaire.this_monday()
    assert "Your age in years [35]: " in result.stdout
    assert "Safety first: warning signs that need a clinician" in result.stdout


def test_the_choices_are_shown_numbered_in_plain_words(tmp_path):
    result = run("-o", tmp_path / "p.yaml", input=typed())
    assert "   1  patellofemoral_pain       Pain around the kneecap (patellofemoral pain)" in result.stdout
    assert "   1  hip_abductors          side of the hip (lifts the leg out to the side)" in result.stdout


@pytest.mark.parametrize(
    "key, wrong, right, reason",
    [
        ("age", "abc", "34", "'abc' is not a whole number; give your age in years, 12-100"),
        (
            "pain__at_rest",
            "12",
            "2",
            "12 is out of range; give a pain score, 0-10 (0 no pain, 10 the worst imaginable)",
        ),
        ("availability__tue", "400", "30", "400 is out of range; give minutes on Tuesday, 0-240 (0 = rest day)"),
        (
            "conditions",
            "runners_knee",
            "1",
            "'runners_knee' is not one of the knee problems; give a number 1-7 or one of: "
            "patellofemoral_pain, iliotibial_band_syndrome, patellar_tendinopathy, knee_osteoarthritis, "
            "degenerative_meniscus, posterior_knee_pain, prevention",
        ),
        (
            "plan__start",
            "2026-11-24",
            "2026-11-30",
            "2026-11-24 is a Tuesday; plans start on a Monday, for example 2026-11-23 or 2026-11-30",
        ),
        ("red_flags__locking", "sometimes", "no", "'sometimes' is not yes or no; answer yes or no"),
    ],
)
def test_a_wrong_answer_is_asked_again_with_the_reason(tmp_path, key, wrong, right, reason):
    out = tmp_path / "p.yaml"
    result = run("-o", out, input=typed(**{key: [wrong, right]}))
    assert result.exit_code == 0, result.output
    assert f"Error: {reason}\n" in result.stdout
    prompt = next(q.prompt for q in questionnaire.questions() if q.key == key.replace("__", "."))
    assert result.stdout.count(prompt) == 2
    load_profile(out)


def test_answers_that_do_not_fit_together_are_asked_again(tmp_path):
    out = tmp_path / "p.yaml"
    answers = typed(running__baseline_weekly_minutes="150", running__baseline_runs_per_week="0")
    result = run("-o", out, input=answers + "\n3\n")  # minutes kept (Enter), then 3 runs a week
    assert result.exit_code == 0, result.output
    assert (
        "These answers do not fit together: running: {baseline_weekly_minutes: 150, "
        "baseline_runs_per_week: 0} gives weekly minutes but 0 runs a week; set "
        "baseline_runs_per_week (1-14), or 0 minutes for a new runner"
    ) in result.stdout
    assert "Minutes of running a week before the knee problem (0 if you are new to running) [150]: " in result.stdout
    assert "Runs a week before the knee problem (0-14) [0]: " in result.stdout
    running = load_profile(out).running
    assert (running.baseline_weekly_minutes, running.baseline_runs_per_week) == (150, 3)


def test_no_available_day_asks_every_day_again(tmp_path):
    out = tmp_path / "p.yaml"
    zeros = {f"availability__{day}": "0" for day in ("tue", "thu", "sat")}
    result = run("-o", out, input=typed(**zeros) + "\n\n\n\n\n40\n\n")
    assert result.exit_code == 0, result.output
    assert "has no available day; give at least one day some minutes" in result.stdout
    assert load_profile(out).availability.by_day()["sat"] == 40


HOT = (
    "RED FLAG (emergency): Hot, red, swollen knee. Stop all exercise. Go to A&E or an emergency department now; "
    "a hot, red, swollen joint may be infected, which needs treatment within hours."
)
GIVES_WAY = (
    "RED FLAG (soon): Knee gives way. Stop running. See a physiotherapist or doctor within a week. Until "
    "then keep only to exercises that do not make the knee buckle."
)


def prompt_of(key: str) -> str:
    return next(q.prompt for q in questionnaire.questions() if q.key == key)


def test_a_red_flag_is_recorded_and_its_urgency_shown(tmp_path):
    out = tmp_path / "p.yaml"
    result = run("-o", out, input=typed(red_flags__giving_way="yes", red_flags__hot_swollen_joint="yes"))
    assert result.exit_code == 0, result.output
    assert load_profile(out).red_flags == ["hot_swollen_joint", "giving_way"]
    shown = result.stdout.split("You and your knee.")[0]
    assert "Your plan will be a referral" in shown
    assert "Answer the rest anyway" in shown
    assert result.stderr.splitlines()[-6:-4] == [HOT, GIVES_WAY]  # again after the file is written, most urgent first
    assert "Your plan will be a referral" in result.stderr


def test_each_yes_is_answered_at_once_with_its_urgency(tmp_path):
    """Why: a yes to a warning sign means stop and get help; it must not wait for the rest of
    the questions (a swollen calf may be a clot)."""
    result = run("-o", tmp_path / "p.yaml", input=typed(red_flags__hot_swollen_joint="yes", red_flags__giving_way="y"))
    assert result.exit_code == 0, result.output
    assert (
        f"{prompt_of('red_flags.hot_swollen_joint')} [no]: yes\n{HOT}\n{prompt_of('red_flags.fever')}" in result.output
    )
    assert (
        f"{prompt_of('red_flags.giving_way')} [no]: y\n{GIVES_WAY}\n{prompt_of('red_flags.persistent_swelling')}"
        in result.output
    )


def test_the_alert_at_once_is_kept_with_quiet(tmp_path):
    result = CliRunner().invoke(
        main, ["--quiet", "init", "-o", str(tmp_path / "p.yaml")], input=typed(red_flags__giving_way="yes")
    )
    assert result.exit_code == 0, result.output
    assert f"{prompt_of('red_flags.giving_way')} [no]: yes\n{GIVES_WAY}\n" in result.output


def test_defaults_ask_nothing(tmp_path):
    out = tmp_path / "demo.yaml"
    result = run("--defaults", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    profile = load_profile(out)
    assert profile.red_flags == [] and profile.plan.weeks == 8


def test_answers_from_a_file(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "age: 41\nconditions: [iliotibial_band_syndrome]\nside: left\n"
        "availability: {mon: 45, wed: 45, sat: 75}\nred_flags.locking: yes\n",
        encoding="utf-8",
    )
    out = tmp_path / "p.yaml"
    result = run("--answers", answers, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    profile = load_profile(out)
    assert profile.age == 41 and profile.side == "left" and profile.red_flags == ["locking"]
    assert profile.availability.by_day()["sat"] == 75
    assert result.stderr.startswith(f"note: {answers} does not answer red_flags.cannot_bear_weight, ")
    assert "RED FLAG (urgent): Knee locks or will not straighten. Stop running" in result.stderr


def test_a_bad_answers_file_is_exit_2_and_writes_nothing(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("age: abc\navailability.sat: 400\n", encoding="utf-8")
    out = tmp_path / "p.yaml"
    result = run("--answers", answers, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{answers}: 2 problems in the answers; no profile written",
        f"{answers}: age: 'abc' is not a whole number; give your age in years, 12-100",
        f"{answers}: availability.sat: 400 is out of range; give minutes on Saturday, 0-240 (0 = rest day)",
    ]
    assert not out.exists()


def test_a_missing_answers_file_is_exit_2(tmp_path):
    result = run("--answers", tmp_path / "nope.yaml", "-o", tmp_path / "p.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: no such file; give the path of a YAML or JSON file\n"


def test_an_existing_file_is_not_replaced_without_force(tmp_path):
    out = tmp_path / "p.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = run("-o", out, input=typed())
    assert result.exit_code == 2
    assert result.stderr == (
        f"-o {out}: the file already exists; choose another name with -o, or add --force to replace it\n"
    )
    assert result.stdout == ""  # refused before any question
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("-o", out, "--force", "--defaults").exit_code == 0
    load_profile(out)


def test_a_missing_folder_is_refused_before_any_question(tmp_path):
    out = tmp_path / "no" / "p.yaml"
    result = run("-o", out, input=typed())
    assert result.exit_code == 2
    assert result.stderr == f"-o {out}: the folder {out.parent} does not exist; create it or choose another path\n"


def test_answers_and_defaults_together_are_refused(tmp_path):
    result = run("--defaults", "--answers", tmp_path / "a.yaml", "-o", tmp_path / "p.yaml")
    assert result.exit_code == 2
    assert result.stderr == "--answers FILE and --defaults both give the answers; use one of them\n"


def test_cut_short_writes_nothing(tmp_path):
    out = tmp_path / "p.yaml"
    result = run("-o", out, input="no\nno\n")
    assert result.exit_code == 1
    assert not out.exists()


def test_init_is_a_command_of_main():
    assert main.commands["init"] is cmd_init.init


def test_help_has_examples():
    result = CliRunner().invoke(main, ["init", "--help"])
    assert result.exit_code == 0
    assert "Examples:\n    rehabplan init\n    rehabplan init -o jamie.yaml\n" in result.output


def test_quiet_keeps_only_the_red_flag(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("red_flags.calf_swelling: yes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--quiet", "init", "--answers", str(answers), "-o", str(tmp_path / "p.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "RED FLAG (urgent): Swollen, warm or tender calf or back of knee. Stop all exercise."
    )
    assert "wrote" not in result.stderr and "Next:" not in result.stderr and "note:" not in result.stderr


def test_the_end_of_the_input_stops_without_writing(tmp_path):
    from click.testing import CliRunner

    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(main, ["init", "-o", str(out)], input="no\n")
    assert result.exit_code == 1 and "init stopped: nothing was written" in result.output
    assert not out.exists()


def test_ctrl_c_stops_init_with_exit_130_and_writes_nothing(tmp_path, monkeypatch):
    """Ctrl-C exits 130 as in every other command; the end of the input stays exit 1."""
    import click
    from click.testing import CliRunner

    from rehabplan.cli import cmd_init

    def interrupted():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise click.Abort() from None  # what click.prompt does with Ctrl-C

    monkeypatch.setattr(cmd_init, "_interview", interrupted)
    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(main, ["init", "-o", str(out)])
    assert result.exit_code == 130 and "init stopped: nothing was written" in result.output
    assert not out.exists()


SLR = (
    "RED FLAG (emergency): Cannot lift the leg with the knee straight. Stop all exercise. Go to A&E or an "
    "emergency department today; not being able to lift the straight leg can mean the quadriceps or kneecap "
    "(patellar) tendon has torn."
)


def test_init_asks_for_a_straight_leg_raise_and_a_yes_is_an_emergency(tmp_path):
    """Why: a torn quadriceps or patellar tendon is an emergency (red_flags.yaml, glos_knee_pathway)."""
    out = tmp_path / "p.yaml"
    result = run("-o", out, input=typed(red_flags__cannot_straight_leg_raise="yes"))
    assert result.exit_code == 0, result.output
    assert prompt_of("red_flags.cannot_straight_leg_raise") == (
        "Lying on your back, are you unable to lift the leg off the bed with the knee held straight "
        "(a straight-leg raise)? (yes/no)"
    )
    assert f"{prompt_of('red_flags.cannot_straight_leg_raise')} [no]: yes\n{SLR}\n" in result.output
    assert load_profile(out).red_flags == ["cannot_straight_leg_raise"]
