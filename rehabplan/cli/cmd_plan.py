"""`rehabplan plan`: a plan from a profile, an example or a stored patient, as JSON, HTML or PDF."""

import sys
from pathlib import Path

import click

from rehabplan import api, textview
from rehabplan.cli import DB, PAPER, main, profile_path
from rehabplan.errors import UsageError
from rehabplan.render.paper import default_paper

SUFFIX_FORMATS = {".json": "json", ".pdf": "pdf", ".html": "html", ".htm": "html"}


@main.command()
@click.argument("profile", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Plan a bundled example profile instead (see `rehabplan examples`).")
@click.option("--patient", "patient_id", type=int, metavar="ID",
              help="Plan a stored patient from their latest profile and check-ins, and keep the plan.")
@click.option("--version", "version", type=int, metavar="K", help="With --patient: print issued plan K again, unchanged.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the plan to this file (default: standard output).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "pdf", "html"]),
    help="Output format (default: from the -o file name's ending, else json).",
)
@click.option("--paper", type=PAPER, help="Paper size for pdf and html (default: letter in US/Canada-style locales, else a4).")
@click.option("--weeks", type=int, help="Plan length in weeks, 1-52 (overrides the profile).")
@click.option("--start", metavar="DATE", help="First day of the plan, a Monday as YYYY-MM-DD (overrides the profile).")
@click.option("--checkins", "checkins_path", type=click.Path(path_type=Path),
              help="Apply these check-ins (a YAML or JSON list): reported weeks stay, the rest adapts.")
@DB
def plan(profile, example, patient_id, version, output, fmt, paper, weeks, start, checkins_path, db) -> None:
    """Build a dated rehab and return-to-run plan from a profile or a stored patient.

    \b
    Examples:
      rehabplan plan --example runners_knee -o plan.json
      rehabplan plan my_profile.yaml -o handout.pdf
      rehabplan plan my_profile.yaml --format html --paper letter -o handout.html
      rehabplan plan my_profile.yaml --checkins checkins.yaml -o handout.pdf
      rehabplan plan --patient 1 -o handout.pdf
      rehabplan plan --patient 1 --version 2 -o earlier.pdf
    """
    fmt = _output_format(output, fmt)
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise UsageError("--format pdf: a PDF cannot be shown in the terminal; add -o FILE.pdf")
    paper = paper or default_paper()
    if patient_id is not None:
        _plan_patient(patient_id, version, output, fmt, paper, db, profile, example, weeks, start, checkins_path)
        return
    if version is not None:
        raise UsageError("--version K reprints a stored patient's plan; add --patient ID")
    path = profile_path(profile, example)
    settings = api.plan_profile(path, weeks=weeks, start=start)
    checkins = api.plan_checkins(checkins_path, settings) if checkins_path else None
    api.prepare_render(fmt, paper)
    result = api.make_plan(settings, checkins)
    _emit(api.render_plan(result, fmt, paper, base_dir=path.parent), output)
    if output is not None:
        click.echo(textview.plan_summary(result, str(output)), err=True)
    for line in textview.plan_alerts(result):
        click.echo(line, err=True)


def _plan_patient(patient_id, version, output, fmt, paper, db, *profile_options) -> None:
    names = ("PROFILE", "--example", "--weeks", "--start", "--checkins")
    given = [name for name, value in zip(names, profile_options) if value is not None]
    if given:
        raise UsageError(f"--patient plans from the stored profile and check-ins, so {given[0]} does not apply; "
                         f"change the stored profile with `rehabplan patient update {patient_id} PROFILE`")
    issued = api.patient_plan(db, patient_id, fmt, paper, version)
    _emit(issued.data, output)
    click.echo(textview.issued_summary(patient_id, issued, str(output) if output else None, version is not None), err=True)
    for week in issued.outside:
        click.echo(f"note: the check-in for week {week} is past the plan's last week and was not applied", err=True)
    if version is None:
        for line in textview.plan_alerts(issued.plan):
            click.echo(line, err=True)


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from rehabplan.output import write_atomically

    write_atomically(output, data)


def _output_format(output: Path | None, fmt: str | None) -> str:
    suffix = output.suffix.lower() if output is not None else ""
    if suffix == ".ics":
        raise UsageError(f"-o {output}: calendar (.ics) export is not available in this version; use .json, .pdf or .html")
    inferred = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        return inferred or "json"
    if inferred is not None and inferred != fmt:
        raise UsageError(f"-o {output} does not match --format {fmt}; name the file *.{fmt} or drop --format")
    return fmt
