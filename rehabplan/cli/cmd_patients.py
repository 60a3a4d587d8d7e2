"""`rehabplan patient ...`, `checkin` and `history`: the stored patients."""

from pathlib import Path

import click

from rehabplan import api
from rehabplan.cli.group import main
from rehabplan.cli.options import DB, FORMAT, echo_json
from rehabplan.cli.patient_text import history_view, patient_detail, patients_table
from rehabplan.cli.talk import alert, info, plain
from rehabplan.patients.history import history_json, patient_history


@main.group()
def patient() -> None:
    """Stored patients: profiles, check-ins and every plan issued.

    \b
    Examples:
      rehabplan patient add jamie.yaml
      rehabplan patient show 1
    """


@patient.command("add")
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Store a new patient even if one was added from the same profile.")
@DB
def patient_add(profile: Path, force: bool, db: Path | None) -> None:
    """Store a patient from a profile file and print their id.

    \b
    Example:
      id=$(rehabplan patient add jamie.yaml)
    """
    row = api.add_patient(db, profile, force=force)
    click.echo(row.id)  # only the id on stdout: scripts read it
    where = f" --db {db}" if db else ""
    info(f"Added patient {row.id} ({row.label}). Next: rehabplan plan --patient {row.id}{where} -o plan.pdf")


@patient.command("list")
@DB
def patient_list(db: Path | None) -> None:
    """List the stored patients.

    \b
    Example:
      rehabplan patient list
    """
    click.echo(patients_table(api.list_patients(db)))


@patient.command("show")
@click.argument("patient_id", type=int)
@DB
def patient_show(patient_id: int, db: Path | None) -> None:
    """Show one patient: profile, check-ins and plans issued.

    \b
    Example:
      rehabplan patient show 1
    """
    click.echo(patient_detail(api.show_patient(db, patient_id)))


@patient.command("update")
@click.argument("patient_id", type=int)
@click.argument("profile", type=click.Path(path_type=Path))
@DB
def patient_update(patient_id: int, profile: Path, db: Path | None) -> None:
    """Store a new profile version for a patient (the earlier versions stay).

    \b
    Example:
      rehabplan patient update 1 jamie_new_days.yaml
    """
    version = api.update_patient(db, patient_id, profile)
    info(f"patient {patient_id}: profile version {version}")


@main.command()
@click.argument("patient_id", type=int)
@click.option("--file", "path", type=click.Path(path_type=Path), help="Read the check-in from a YAML or JSON file.")
@click.option("--week", type=int, help="The plan week it reports on.")
@click.option("--sessions-done", type=int, help="Sessions completed that week.")
@click.option("--runs-done", type=int, help="Runs completed that week.")
@click.option("--pain-during-run", type=int, help="Worst pain during runs, 0-10.")
@click.option("--pain-during-exercise", type=int, help="Worst pain during exercises, 0-10.")
@click.option("--pain-next-morning", type=int, help="Worst pain the morning after, 0-10.")
@click.option("--swelling/--no-swelling", default=None, help="Any swelling of the knee.")
@click.option("--giving-way/--no-giving-way", default=None, help="The knee gave way.")
@click.option("--locking/--no-locking", default=None, help="The knee locked or got stuck.")
@click.option(
    "--walk-30min-pain-free/--no-walk-30min-pain-free",
    default=None,
    help="A brisk 30-minute walk was (or was not) pain-free and without a limp; the first yes starts running.",
)
@click.option("--red-flag", "red_flags", multiple=True, metavar="WORD", help="A warning sign, by its word (repeat it).")
@click.option("--note", help="Anything else.")
@click.option("--replace", is_flag=True, help="Replace this week's check-in (the old one stays in the history).")
@DB
def checkin(patient_id, path, replace, db, **fields) -> None:
    """Record how a plan week went.

    \b
    Examples:
      rehabplan checkin 1 --week 2 --sessions-done 5 --pain-during-run 3 --pain-next-morning 2 --no-swelling
      rehabplan checkin 1 --file week2.yaml
    """
    reported = api.read_checkin(path, fields)
    recorded = api.record_checkin(db, patient_id, reported, replace=replace, source=str(path) if path else None)
    info(f"patient {patient_id}: check-in for week {recorded.row.week} recorded")
    for line in recorded.alert:  # a safety alert at once, not only in the next plan (R-PM-03)
        alert(line)


@main.command()
@click.argument("patient_id", type=int)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@DB
def history(patient_id: int, fmt: str, db: Path | None) -> None:
    """Show a stored patient's check-ins, the decision on each and the pain trend.

    \b
    Example:
      rehabplan history 1
    """
    found = patient_history(db, patient_id)
    if fmt == "json":
        echo_json(history_json(found))
    else:
        click.echo(plain(history_view(found)))
