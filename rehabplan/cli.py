"""The command line: parse, call one api function, print. The only module that imports click."""

import json
import os
import sys
from pathlib import Path

import click

from rehabplan import __version__, api, textview
from rehabplan.errors import UsageError, UserError
from rehabplan.render.paper import default_paper
from rehabplan.vocab import CONDITIONS, EQUIPMENT, HOUSEHOLD, KINDS, TARGETS

FORMAT = click.Choice(["table", "json"])


class _Group(click.Group):
    """Turns every ``UserError`` into its message on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            for line in err.lines():
                click.echo(line, err=True)
            sys.exit(err.exit_code)


def run() -> None:
    """The console entry point: ``main``, then a quick exit once everything is written.

    Why: after a PDF, tearing down the interpreter with OR-Tools and WeasyPrint loaded takes
    about 0.3 s and does nothing useful (every output file is already fsynced and renamed into
    place). Standard streams are flushed first; other commands exit normally.
    """
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if "weasyprint" not in sys.modules and "ortools" not in sys.modules:
            raise
        if done.code is not None and not isinstance(done.code, int):
            click.echo(done.code, err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rehabplan")
def main() -> None:
    """rehabplan: a runner's knee problem turned into a dated rehab and return-to-run plan.

    Educational, not a diagnosis: see a clinician, especially after an injury.
    """


@main.command()
@click.argument("profile", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Check a bundled example profile instead (see `rehabplan examples`).")
def validate(profile: Path | None, example: str | None) -> None:
    """Check a profile file and list every problem, each with its fix."""
    path = _profile_path(profile, example)
    report = api.check_profile(path)
    p = report.profile
    who = p.name or "the profile"
    label = f"example {example}" if example else str(path)
    click.echo(
        f"{label}: valid. {who}: {textview.words(p.conditions)}, {p.side} side, "
        f"{p.plan.weeks} weeks from {p.plan.start.isoformat()}."
    )
    for note in report.notes:
        click.echo(f"note: {note}")


def _profile_path(profile: Path | None, example: str | None) -> Path:
    if (profile is None) == (example is None):
        raise UsageError("give a profile file or --example NAME (one of them)")
    return profile if profile is not None else api.example_path(example)


SUFFIX_FORMATS = {".json": "json", ".pdf": "pdf", ".html": "html", ".htm": "html"}
PAPER = click.Choice(["a4", "letter"])


DB = click.option(
    "--db", type=click.Path(path_type=Path), envvar=None,
    help="The rehabplan database (default: $REHABPLAN_HOME/rehabplan.db, else your user data folder).",
)


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
    path = _profile_path(profile, example)
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


@main.group()
def patient() -> None:
    """Stored patients: profiles, check-ins and every plan issued."""


@patient.command("add")
@click.argument("profile", type=click.Path(path_type=Path))
@DB
def patient_add(profile: Path, db: Path | None) -> None:
    """Store a patient from a profile file and print their id.

    \b
    Example:
      rehabplan patient add jamie.yaml
    """
    click.echo(api.add_patient(db, profile))


@patient.command("list")
@DB
def patient_list(db: Path | None) -> None:
    """List the stored patients."""
    click.echo(textview.patients_table(api.list_patients(db)))


@patient.command("show")
@click.argument("patient_id", type=int)
@DB
def patient_show(patient_id: int, db: Path | None) -> None:
    """Show one patient: profile, check-ins and plans issued."""
    click.echo(textview.patient_detail(api.show_patient(db, patient_id)))


@patient.command("update")
@click.argument("patient_id", type=int)
@click.argument("profile", type=click.Path(path_type=Path))
@DB
def patient_update(patient_id: int, profile: Path, db: Path | None) -> None:
    """Store a new profile version for a patient (the earlier versions stay)."""
    version = api.update_patient(db, patient_id, profile)
    click.echo(f"patient {patient_id}: profile version {version}", err=True)


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
    row = api.record_checkin(db, patient_id, api.read_checkin(path, fields), replace=replace)
    click.echo(f"patient {patient_id}: check-in for week {row.week} recorded", err=True)


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
    from rehabplan.history import history_json, patient_history

    found = patient_history(db, patient_id)
    if fmt == "json":
        _json(history_json(found))
    else:
        click.echo(textview.history_view(found))


@main.command()
def schema() -> None:
    """Print the profile's JSON Schema (for editor completion)."""
    _json(api.profile_schema())


@main.command()
@click.option("--path", "path_of", metavar="NAME", help="Print the file path of one example.")
def examples(path_of: str | None) -> None:
    """List the bundled example profiles."""
    if path_of:
        click.echo(api.example_path(path_of))
        return
    click.echo(textview.examples_table(api.list_examples()))


@main.group()
def exercises() -> None:
    """The exercise library."""


@exercises.command("list")
@click.option("--target", type=click.Choice(TARGETS), help="Only exercises for this target.")
@click.option("--condition", type=click.Choice(CONDITIONS), help="Only exercises that suit this condition.")
@click.option(
    "--equipment", multiple=True, type=click.Choice(EQUIPMENT + HOUSEHOLD + ("none",)),
    help="Only exercises doable with these items (repeat it; 'none' = household items only).",
)
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of exercise.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def exercises_list(target, condition, equipment, kind, fmt) -> None:
    """List exercises, optionally filtered."""
    owned = None if not equipment else [e for e in equipment if e != "none"]
    found = api.list_exercises(target=target, condition=condition, equipment=owned, kind=kind)
    if fmt == "json":
        _json([ex.model_dump(mode="json") for ex in found])
    else:
        click.echo(textview.exercise_table(found))


@exercises.command("sheet")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The PDF (or .html) file to write.")
@click.option("--paper", type=PAPER, help="Paper size (default: from the locale, else a4).")
def exercises_sheet(output: Path, paper: str | None) -> None:
    """Print every exercise picture on a contact sheet, for review.

    \b
    Example:
      rehabplan exercises sheet -o sheet.pdf
    """
    from rehabplan.output import write_atomically

    fmt = "html" if output.suffix.lower() in (".html", ".htm") else "pdf"
    write_atomically(output, api.exercise_sheet(fmt, paper or default_paper()))
    click.echo(f"wrote {output}", err=True)


@exercises.command("show")
@click.argument("exercise_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def exercises_show(exercise_id: str, fmt: str) -> None:
    """Show one exercise in full."""
    ex = api.get_exercise(exercise_id)
    refs = api.sources_of(ex)
    if fmt == "json":
        _json({**ex.model_dump(mode="json"), "references": {k: r.model_dump(mode="json") for k, r in refs.items()}})
    else:
        click.echo(textview.exercise_detail(ex, refs))


@main.group()
def conditions() -> None:
    """The condition protocols."""


@conditions.command("list")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def conditions_list(fmt: str) -> None:
    """List the conditions rehabplan has protocols for."""
    found = api.list_conditions()
    if fmt == "json":
        _json([{"name": p.name, "title": p.title, "phases": [ph.id for ph in p.phases]} for p in found])
        return
    click.echo(textview.conditions_table(found))


@conditions.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def conditions_show(name: str, fmt: str) -> None:
    """Show a condition's protocol: phases, doses, rules, red flags and sources."""
    detail = api.get_condition(name)
    if fmt == "json":
        _json({
            **detail.protocol.model_dump(mode="json"),
            "return_to_run": detail.ladder.model_dump(mode="json"),
            "pain_rule": detail.pain_rule.model_dump(mode="json"),
            "red_flag_actions": {k: v.model_dump(mode="json") for k, v in detail.red_flags.items()},
            "references": {k: r.model_dump(mode="json") for k, r in api.sources_of(detail.protocol).items()},
        })
    else:
        click.echo(textview.condition_detail(detail))
