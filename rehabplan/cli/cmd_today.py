"""`rehabplan today`: the day's sessions from a plan, and `--guide` to be walked through them."""

import sys
import time
from datetime import date
from pathlib import Path

import click

from rehabplan import api, guide
from rehabplan.cli import DB, info, main, profile_path
from rehabplan.errors import InvalidInput, UsageError
from rehabplan.safetext import control_problem, printable

INTERRUPTED = 130  # the shell's code for a command stopped with Ctrl-C


class RealClock:
    """Wall time for the guide. Tests replace ``CLOCK`` with one that only records."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


CLOCK = RealClock()


@main.command()
@click.argument("profile", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Use a bundled example profile instead (see `rehabplan examples`).")
@click.option("--patient", "patient_id", type=int, metavar="ID",
              help="A stored patient: their latest plan, and the session log is kept.")
@click.option("--date", "day", metavar="DATE", help="Another day than today, as YYYY-MM-DD.")
@click.option("--start", metavar="DATE", help="With a profile: first day of the plan, a Monday (overrides the profile).")
@click.option("--guide", "guided", is_flag=True,
              help="Walk through the sessions: a countdown for every hold and rest, then the check-in questions.")
@DB
def today(profile, example, patient_id, day, start, guided, db) -> None:
    """Show today's sessions, or be guided through them with a timer for every hold and rest.

    \b
    Examples:
      rehabplan today --patient 1
      rehabplan today --patient 1 --guide
      rehabplan today my_profile.yaml --date 2026-11-24
      rehabplan today --example jumpers_knee --start 2026-11-02 --date 2026-11-02 --guide
    """
    when = _day(day)
    plan = _patient_plan(patient_id, db, profile, example, start) if patient_id is not None \
        else api.make_plan(api.plan_profile(profile_path(profile, example), start=start))
    view = guide.today_sessions(plan, when)
    click.echo(guide.today_text(view))
    if view.status != "train":
        if guided:
            click.echo("Nothing to guide today.")
        return
    if not guided:
        click.echo("Add --guide to be walked through it, with a timer for every hold and rest.")
        return
    terminal = Terminal()
    try:
        click.echo("")
        guide.run_guide(guide.steps(view.sessions), CLOCK, terminal.out, terminal.wait_enter, terminal.tick)
        log = guide.ask_checkin(view, terminal.ask)
    except (KeyboardInterrupt, click.Abort):
        terminal.clear()
        click.echo("\nGuide stopped: nothing recorded.", err=True)
        sys.exit(INTERRUPTED)
    _report(log, view, patient_id, db)


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--date: {text!r} is not a date; give YYYY-MM-DD, for example 2026-11-23") from None


def _patient_plan(patient_id: int, db: Path | None, *profile_options):
    """The patient's latest issued plan; the first one is made and kept if none was issued yet."""
    given = [name for name, value in zip(("PROFILE", "--example", "--start"), profile_options) if value is not None]
    if given:
        raise UsageError(f"--patient uses the stored patient's latest plan, so {given[0]} does not apply; "
                         f"change the stored profile with `rehabplan patient update {patient_id} PROFILE`")
    stored = guide.stored_plan(db, patient_id)
    if stored is None:
        issued = api.patient_plan(db, patient_id, "json", "a4")
        info(f"patient {patient_id}: no plan issued yet; made plan version {issued.version}")
        return issued.plan
    if stored.unapplied:
        info(f"note: {stored.unapplied} check-in{'s' if stored.unapplied > 1 else ''} recorded since plan "
             f"version {stored.version} {'are' if stored.unapplied > 1 else 'is'} not applied yet; "
             f"`rehabplan plan --patient {patient_id}` applies them")
    return stored.plan


def _report(log: guide.SessionLog, view: guide.TodayView, patient_id: int | None, db: Path | None) -> None:
    advice = guide.advice(log)
    if advice.alerts:
        click.echo(click.style("\nSTOP: you answered yes to a warning sign. Stop, and see a clinician:",
                               fg="red", bold=True))
        for alert in advice.alerts:
            click.echo(click.style(f"  {alert}", fg="red", bold=True))
    colour = {"green": "green", "amber": "yellow", "red": "red"}[advice.zone]
    click.echo(click.style(advice.pain, fg=colour, bold=advice.zone != "green"))
    signs = ", ".join(f.replace("_", " ") for f in log.flags) or "none"
    click.echo(f"Session log: {log.date.isoformat()}, week {log.week}: {log.completed} of {log.planned} "
               f"sessions done, pain during {log.pain_during}/10, warning signs: {signs}"
               + (f", note: {printable(log.note)}" if log.note else ""))
    runs = any(s.type == "run" for s in view.sessions)
    fields = f"--week {log.week} --sessions-done N --pain-{'during-run' if runs else 'during-exercise'} N " \
             "--pain-next-morning N"
    if patient_id is not None:
        guide.record_log(db, patient_id, log)
        info(f"patient {patient_id}: session log recorded")
        click.echo(f"At the end of week {log.week}, record the week: rehabplan checkin {patient_id} {fields}")
    else:
        click.echo("Not stored: a profile has no record to keep it in (`rehabplan patient add PROFILE` makes one). "
                   f"At the end of week {log.week}, record the week: rehabplan checkin ID {fields}")


class Terminal:
    """The guide's output and questions through click. On a real terminal a countdown ticks on
    one line, overwritten every second; elsewhere (a pipe, a test) only its "done" line shows."""

    def __init__(self) -> None:
        self.live = sys.stdout.isatty()
        self.ticking = False

    def out(self, text: str) -> None:
        self.clear()
        click.echo(text)

    def tick(self, text: str) -> None:
        if self.live:
            click.echo(f"\r{text}\x1b[K", nl=False)
            self.ticking = True

    def clear(self) -> None:
        if self.ticking:
            click.echo("\r\x1b[K", nl=False)
            self.ticking = False

    def wait_enter(self, text: str) -> None:
        self.clear()
        click.prompt(text, default="", show_default=False, prompt_suffix=" ")

    def ask(self, question: guide.Question):
        """One check-in answer; click says what is wrong with a bad one and asks again."""
        self.clear()
        if question.kind == "yes_no":
            return click.confirm(question.text, default=None)
        if question.kind == "number":
            return click.prompt(question.text, type=click.IntRange(0, question.high))
        while problem := _text_problem(answer := click.prompt(question.text, default="", show_default=False),
                                       question.high):
            click.echo(f"Error: {problem}.")
        return answer


def _text_problem(answer: str, high: int) -> str | None:
    """Why a typed answer cannot be kept (too long, or an arrow key's escape sequence in it)."""
    if len(answer) > high:
        return f"keep it to {high} characters"
    problem = control_problem(answer)
    return f"the answer {problem}" if problem else None
