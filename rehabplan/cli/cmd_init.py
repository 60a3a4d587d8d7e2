"""`rehabplan init`: a short questionnaire (or an answers file) that writes a commented profile.

The questions, their checks and the profile text live in rehabplan/intake/questionnaire.py; this
module only asks, shows the reasons for a wrong answer, and writes the file.
"""

import shlex
import sys
from pathlib import Path

import click

from rehabplan.adapt.referral import flag_lines
from rehabplan.cli.group import main
from rehabplan.cli.options import INTERRUPTED
from rehabplan.cli.talk import alert, info
from rehabplan.cli.terminal import alert_now, ask, line_editing
from rehabplan.errors import InvalidInput, UsageError
from rehabplan.intake import questionnaire
from rehabplan.intake.answer_file import read_answers
from rehabplan.intake.questionnaire import Answers, Question
from rehabplan.output import write_atomically

REFERRAL = "Your plan will be a referral: rehabplan plans no exercise for this knee until a clinician has checked it."


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("profile.yaml"),
    show_default=True,
    help="The profile file to write.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Take the answers from this YAML file of question keys (see docs/init.md) instead of asking.",
)
@click.option("--defaults", is_flag=True, help="Take every default without asking: a demo profile.")
def init(output: Path, force: bool, answers_path: Path | None, defaults: bool) -> None:
    """Answer a few questions and get a profile to plan from.

    Safety questions come first, then your knee, your week and your running. Press Enter to
    take the answer shown in [brackets]; a wrong answer is asked again with the reason. The
    profile is a commented YAML file: edit it any time, then `rehabplan validate` it.

    \b
    Examples:
      rehabplan init
      rehabplan init -o jamie.yaml
      rehabplan init --answers answers.yaml -o jamie.yaml
      rehabplan init --defaults -o demo.yaml
    """
    if answers_path is not None and defaults:
        raise UsageError("--answers FILE and --defaults both give the answers; use one of them")
    _check_output(output, force)
    if defaults:
        answers = questionnaire.default_answers()
    elif answers_path is not None:
        answers, skipped = read_answers(answers_path)
        if skipped:
            info(
                f"note: {answers_path} does not answer {', '.join(skipped)}; "
                "took the default answers (docs/init.md lists them)"
            )
    else:
        try:
            answers = _interview()
        except click.Abort as stop:  # Ctrl-C (exit 130, as everywhere) or the end of the input (1)
            click.echo("\ninit stopped: nothing was written", err=True)
            sys.exit(INTERRUPTED if isinstance(stop.__context__, KeyboardInterrupt) else 1)
    write_atomically(output, questionnaire.profile_yaml(answers, output.name))
    info(f"wrote {output}")
    flags = questionnaire.answered_flags(answers)
    for line in flag_lines(flags) + ([REFERRAL] if flags else []):
        alert(line)
    path = shlex.quote(str(output))
    steps = {
        f"rehabplan validate {path}": "check it and read its notes",
        f"rehabplan plan {path} -o plan.pdf": "make your plan handout",
    }
    width = max(map(len, steps))
    info("Next:")
    for command, what in steps.items():
        info(f"  {command:<{width}}   {what}")


def _check_output(output: Path, force: bool) -> None:
    """Before any question: nobody should answer thirty questions to learn the file cannot be written."""
    folder = output.parent
    if not folder.is_dir():
        raise InvalidInput(f"-o {output}: the folder {folder} does not exist; create it or choose another path")
    if output.is_dir():
        raise InvalidInput(f"-o {output}: is a folder; give a file name such as {output / 'profile.yaml'}")
    if output.exists() and not force:
        raise UsageError(
            f"-o {output}: the file already exists; choose another name with -o, or add --force to replace it"
        )


def _interview() -> Answers:
    line_editing()
    click.echo(
        "rehabplan init: a few questions about your knee, your week and your running.\n"
        "Press Enter to take the answer shown in [brackets]. Educational, not a diagnosis."
    )
    answers: Answers = {}
    section = None
    asked = questionnaire.questions()
    for question in asked:
        if question.section != section:
            if section == "safety" and questionnaire.answered_flags(answers):
                click.echo(f"\n{REFERRAL}\nAnswer the rest anyway, so the profile has your details for the clinician.")
            section = question.section
            click.echo(f"\n{questionnaire.SECTIONS[section]}")
        answers[question.key] = _ask(question, answers)
        if question.section == "safety" and answers[question.key]:
            alert_now(flag_lines([question.key.removeprefix("red_flags.")]))
    by_key = {q.key: q for q in asked}
    while issues := questionnaire.issues(answers):
        for issue in issues:
            click.echo(f"\nThese answers do not fit together: {issue.message}")
            for key in issue.keys:
                answers[key] = _ask(by_key[key], answers, questionnaire.as_text(answers[key]))
    return answers


def _ask(question: Question, answers: Answers, default: str | None = None):
    """Prompt until the answer reads; the reason for a wrong one is shown and it is asked again."""
    width = max((len(word) for word, _ in question.choices), default=0)
    for number, (word, label) in enumerate(question.choices, 1):
        click.echo(f"  {number:>2}  {word:<{width}}  {label}")
    return ask(question.prompt, question.parse, question.default_text(answers) if default is None else default)
