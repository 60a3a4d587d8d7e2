"""`rehabplan plan`: a plan from a profile, an example or a stored patient, as JSON, HTML, PDF or a
calendar (ICS)."""

import sys
import time
from pathlib import Path

import click

from rehabplan import api
from rehabplan.cli.group import main
from rehabplan.cli.options import DB, PAPER, check_paper, profile_path
from rehabplan.cli.plan_text import issued_summary, plan_overview, plan_summary, referral_lines, warning_lines
from rehabplan.cli.talk import alert, detail, info, stage, unstage, warn
from rehabplan.english import plural
from rehabplan.errors import InvalidInput, UsageError
from rehabplan.intake.profile import TIME_FIX, clock_time
from rehabplan.output import write_atomically
from rehabplan.render.paper import default_paper

SUFFIX_FORMATS = {".json": "json", ".pdf": "pdf", ".html": "html", ".htm": "html", ".ics": "ics"}


def _time(ctx, param, value: str | None) -> str | None:
    """``--time``: a 24-hour ``HH:MM``, checked as the options are read (before any planning)."""
    if value is None:
        return None
    found = clock_time(value)
    if found is None:
        raise InvalidInput(f"--time: {value!r} {TIME_FIX}")
    return found


@main.command()
@click.argument("profile", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Plan a bundled example profile instead (see `rehabplan examples`).")
@click.option(
    "--patient",
    "patient_id",
    type=int,
    metavar="ID",
    help="Plan a stored patient from their latest profile and check-ins, and keep the plan.",
)
@click.option(
    "--version", "version", type=int, metavar="K", help="With --patient: print issued plan K again, unchanged."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the plan to this file: .pdf, .html, .json or .ics (- for standard output). Without it: "
    "the JSON to a pipe, a short summary on a terminal.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "pdf", "html", "ics"]),
    help="Output format (default: from the -o file name's ending, else json).",
)
@click.option(
    "--paper", type=PAPER, help="Paper size for pdf and html (default: letter in US/Canada-style locales, else a4)."
)
@click.option("--weeks", type=int, help="Plan length in weeks, 1-52 (overrides the profile).")
@click.option("--start", metavar="DATE", help="First day of the plan, a Monday as YYYY-MM-DD (overrides the profile).")
@click.option(
    "--checkins",
    "checkins_path",
    type=click.Path(path_type=Path),
    help="Apply these check-ins (a YAML or JSON list): reported weeks stay, the rest adapts.",
)
@click.option(
    "--time",
    "time_of_day",
    metavar="HH:MM",
    callback=_time,
    help="For ics: when each day's sessions start (overrides the profile's plan.session_time; default 18:00).",
)
@DB
def plan(
    profile, example, patient_id, version, output, fmt, paper, weeks, start, checkins_path, time_of_day, db
) -> None:
    """Build a dated rehab and return-to-run plan from a profile or a stored patient.

    \b
    Examples:
      rehabplan plan --example runners_knee -o plan.json
      rehabplan plan my_profile.yaml -o handout.pdf
      rehabplan plan my_profile.yaml --format html --paper letter -o handout.html
      rehabplan plan my_profile.yaml --checkins checkins.yaml -o handout.pdf
      rehabplan plan my_profile.yaml --time 07:30 -o plan.ics
      rehabplan plan --patient 1 -o handout.pdf
      rehabplan plan --patient 1 --version 2 -o earlier.pdf
    """
    dash = output is not None and str(output) == "-"  # -o -: standard output, as without -o
    output = None if dash else output
    overview = fmt is None and output is None and not dash and stdout_is_terminal()
    fmt = _output_format(output, fmt)
    if fmt == "pdf" and output is None and stdout_is_terminal():
        raise UsageError("--format pdf: a PDF cannot be shown in the terminal; add -o FILE.pdf")
    if time_of_day is not None and fmt != "ics":
        raise UsageError(
            f"--time sets when calendar events start, so it does not apply to {fmt}; write -o FILE.ics or --format ics"
        )
    check_paper(paper, fmt)
    paper = paper or default_paper()
    if patient_id is not None:
        _plan_patient(
            patient_id,
            version,
            output,
            fmt,
            paper,
            db,
            overview,
            profile,
            example,
            weeks,
            start,
            checkins_path,
            time_of_day,
        )
        return
    if version is not None:
        raise UsageError("--version K reprints a stored patient's plan; add --patient ID")
    path = profile_path(profile, example)
    settings = api.plan_profile(path, weeks=weeks, start=start)
    detail(f"profile: {path} ({settings.plan.weeks} weeks from {settings.plan.start.isoformat()})")
    checkins = api.plan_checkins(checkins_path, settings) if checkins_path else None
    if checkins:
        detail(f"check-ins: {checkins_path} (weeks {', '.join(str(c.week) for c in checkins)})")
    api.prepare_render(fmt, paper)
    started = time.perf_counter()
    stage(f"planning {settings.plan.weeks} week{'s' if settings.plan.weeks > 1 else ''}...")
    result = api.build_plan(settings, checkins)
    solver = f"solver {result.solver.status}" if result.solver else "no solver: a referral"
    detail(f"planned {plural(len(result.weeks), 'week')} in {time.perf_counter() - started:.2f} s ({solver})")
    if overview:
        _overview(result)
        _tell(result)
        return
    started = time.perf_counter()
    data = api.render_plan(result, fmt, paper, base_dir=path.parent, time_of_day=time_of_day, progress=stage)
    detail(f"rendered {fmt} in {time.perf_counter() - started:.2f} s ({len(data)} bytes)")
    _emit(data, output)
    if output is not None:
        info(plan_summary(result, str(output)))
    _tell(result)


def _tell(plan) -> None:
    for line in referral_lines(plan):
        alert(line)
    for line in warning_lines(plan):
        warn(line)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _overview(plan) -> None:
    """On a terminal, without -o: a few lines about the plan and how to get it, not 100 kB of JSON."""
    unstage()
    click.echo("\n".join(plan_overview(plan)))


def _plan_patient(patient_id, version, output, fmt, paper, db, overview, *profile_options) -> None:
    names = ("PROFILE", "--example", "--weeks", "--start", "--checkins", "--time")
    given = [name for name, value in zip(names, profile_options) if value is not None]
    if given:
        raise UsageError(
            f"--patient plans from the stored profile and check-ins, so {given[0]} does not apply; "
            f"change the stored profile with `rehabplan patient update {patient_id} PROFILE`"
        )
    started = time.perf_counter()
    issued = api.patient_plan(db, patient_id, fmt, paper, version, progress=stage)
    detail(f"patient {patient_id}: {fmt} ready in {time.perf_counter() - started:.2f} s ({len(issued.data)} bytes)")
    if overview:
        _overview(issued.plan)
    else:
        _emit(issued.data, output)
    info(issued_summary(patient_id, issued, str(output) if output else None, version is not None))
    for week in issued.outside:
        info(f"note: the check-in for week {week} is past the plan's last week and was not applied")
    if version is None:
        _tell(issued.plan)


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        unstage()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    stage(f"writing {output}...")
    write_atomically(output, data)


def _output_format(output: Path | None, fmt: str | None) -> str:
    """The format from --format or the file's ending. Why refuse an unknown ending: `-o
    plan.docx` wrote JSON into a file a word processor then could not open."""
    suffix = output.suffix.lower() if output is not None else ""
    inferred = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        if output is not None and inferred is None and not _device(output):
            ending = f"the ending {output.suffix}" if output.suffix else "a name without an ending"
            raise UsageError(
                f"-o {output}: {ending} does not say which format to write; name the file *.pdf "
                "(handout), *.html, *.json (data) or *.ics (calendar), or add --format"
            )
        return inferred or "json"
    if inferred is not None and inferred != fmt:
        raise UsageError(f"-o {output} does not match --format {fmt}; name the file *.{fmt} or drop --format")
    return fmt


def _device(path: Path) -> bool:
    """/dev/stdout, /dev/null, a named pipe: written through, in JSON unless --format says otherwise."""
    return path.exists() and not path.is_file() and not path.is_dir()
