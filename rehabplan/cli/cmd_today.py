"""`rehabplan today`: the day's sessions from a plan, and `--guide` to be walked through them."""

import shlex
import sys
import time
from datetime import date
from pathlib import Path

import click

from rehabplan import api
from rehabplan.cli.group import main
from rehabplan.cli.options import DB, INTERRUPTED, profile_path
from rehabplan.cli.talk import info
from rehabplan.cli.terminal import Terminal, alert_now
from rehabplan.errors import InvalidInput, UsageError
from rehabplan.plan_model import Plan
from rehabplan.safetext import printable
from rehabplan.today import guide, session_log
from rehabplan.today.day import TodayView, stored_plan, today_sessions, today_text


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
@click.option(
    "--patient",
    "patient_id",
    type=int,
    metavar="ID",
    help="A stored patient: their latest plan, and the session log is kept.",
)
@click.option("--date", "day", metavar="DATE", help="Another day than today, as YYYY-MM-DD.")
@click.option(
    "--start", metavar="DATE", help="With a profile: first day of the plan, a Monday (overrides the profile)."
)
@click.option(
    "--guide",
    "guided",
    is_flag=True,
    help="Walk through the sessions: a countdown for every hold and rest, then the check-in questions.",
)
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
    plan = (
        _patient_plan(patient_id, db, profile, example, start)
        if patient_id is not None
        else api.build_plan(api.plan_profile(profile_path(profile, example), start=start))
    )
    view = today_sessions(plan, when)
    click.echo(today_text(view))
    if view.status != "train":
        if guided:
            click.echo("Nothing to guide today.")
        if view.next_day is not None and view.status in ("before", "rest"):
            again = f"{_command(patient_id, profile, example, start, db)} --date {view.next_day.isoformat()}"
            click.echo(f"To do the next session now: {again} --guide" if guided else f"To see it now: {again}")
        return
    if not guided:
        click.echo("Add --guide to be walked through it, with a timer for every hold and rest.")
        return
    terminal = Terminal()
    try:
        click.echo("")
        guide.run_guide(
            guide.steps(view.sessions),
            CLOCK,
            terminal.out,
            terminal.wait_enter,
            terminal.tick,
            terminal.key if terminal.keyboard else None,
        )
        log = session_log.ask_checkin(view, terminal.ask, alert_now)
    except (KeyboardInterrupt, click.Abort):
        terminal.clear()
        click.echo("\nGuide stopped: nothing recorded.", err=True)
        sys.exit(INTERRUPTED)
    finally:
        terminal.clear()
    _report(log, view, patient_id, db)


def _command(patient_id, profile, example, start, db) -> str:
    """This `rehabplan today` command again, for a hint to copy."""
    words = ["rehabplan", "today"]
    if patient_id is not None:
        words += ["--patient", str(patient_id)]
    else:
        words += [str(profile)] if profile is not None else ["--example", example]
        words += ["--start", start] if start else []
    words += ["--db", str(db)] if db else []
    return shlex.join(words)


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--date: {text!r} is not a date; give YYYY-MM-DD, for example 2026-11-23") from None


def _patient_plan(patient_id: int, db: Path | None, *profile_options: Path | str | None) -> Plan:
    """The patient's latest issued plan; the first one is made and kept if none was issued yet."""
    given = [name for name, value in zip(("PROFILE", "--example", "--start"), profile_options) if value is not None]
    if given:
        raise UsageError(
            f"--patient uses the stored patient's latest plan, so {given[0]} does not apply; "
            f"change the stored profile with `rehabplan patient update {patient_id} PROFILE`"
        )
    stored = stored_plan(db, patient_id)
    if stored is None:
        issued = api.patient_plan(db, patient_id, "json", "a4")
        info(f"patient {patient_id}: no plan issued yet; made plan version {issued.version}")
        return issued.plan
    if stored.unapplied:
        info(
            f"note: {stored.unapplied} check-in{'s' if stored.unapplied > 1 else ''} recorded since plan "
            f"version {stored.version} {'are' if stored.unapplied > 1 else 'is'} not applied yet; "
            f"`rehabplan plan --patient {patient_id}` applies them"
        )
    return stored.plan


def _report(log: session_log.SessionLog, view: TodayView, patient_id: int | None, db: Path | None) -> None:
    advice = session_log.advice(log)
    if advice.alerts:
        click.secho("\nSTOP: you answered yes to a warning sign. Stop, and see a clinician:", fg="red", bold=True)
        for line in advice.alerts:
            click.secho(f"  {line}", fg="red", bold=True)
    colour = {"green": "green", "amber": "yellow", "red": "red"}[advice.zone]
    click.secho(advice.pain, fg=colour, bold=advice.zone != "green")
    signs = ", ".join(f.replace("_", " ") for f in log.flags) or "none"
    click.echo(
        f"Session log: {log.date.isoformat()}, week {log.week}: {log.completed} of {log.planned} "
        f"sessions done, pain during {log.pain_during}/10, warning signs: {signs}"
        + (f", note: {printable(log.note)}" if log.note else "")
    )
    command = session_log.checkin_command(
        log, "ID" if patient_id is None else str(patient_id), [s.type for s in view.sessions]
    )
    when = (
        "Record the warning sign now, so the plan says what to do"
        if log.flags
        else f"At the end of week {log.week}, record the week"
    )
    if patient_id is not None:
        session_log.record_log(db, patient_id, log)
        info(f"patient {patient_id}: session log recorded")
        click.echo(f"{when}: {command}")
    else:
        click.echo(
            f"Not stored: a profile has no record to keep it in (`rehabplan patient add PROFILE` makes one). "
            f"{when}: {command}"
        )
