"""`rehabplan validate`, `schema`, `examples`, `exercises` and `conditions`: profiles and the library."""

from pathlib import Path

import click

from rehabplan import api
from rehabplan.cli.group import main
from rehabplan.cli.library_text import (
    condition_detail,
    conditions_table,
    examples_table,
    exercise_detail,
    exercise_table,
)
from rehabplan.cli.options import FORMAT, PAPER, echo_json, profile_path
from rehabplan.cli.talk import info, stage
from rehabplan.cli.text import knee, words
from rehabplan.output import write_atomically
from rehabplan.render.paper import default_paper
from rehabplan.safetext import printable
from rehabplan.vocab import CONDITIONS, EQUIPMENT, HOUSEHOLD, KINDS, TARGETS


@main.command()
@click.argument("profile", type=click.Path(path_type=Path), required=False)
@click.option("--example", metavar="NAME", help="Check a bundled example profile instead (see `rehabplan examples`).")
def validate(profile: Path | None, example: str | None) -> None:
    """Check a profile file and list every problem, each with its fix.

    \b
    Examples:
      rehabplan validate profile.yaml
      rehabplan validate --example runners_knee
    """
    path = profile_path(profile, example)
    report = api.check_profile(path)
    p = report.profile
    who = printable(p.name) if p.name else "the profile"
    label = f"example {example}" if example else str(path)
    click.echo(
        f"{label}: valid. {who}: {words(p.conditions)}, {knee(p.side)}, "
        f"{p.plan.weeks} weeks from {p.plan.start.isoformat()}."
    )
    for note in report.notes:
        click.echo(f"note: {note}")


@main.command()
def schema() -> None:
    """Print the profile's JSON Schema (for editor completion).

    \b
    Example:
      rehabplan schema > rehabplan-profile.schema.json
    """
    echo_json(api.profile_schema())


@main.command()
@click.option("--path", "path_of", metavar="NAME", help="Print the file path of one example.")
def examples(path_of: str | None) -> None:
    """List the bundled example profiles.

    \b
    Examples:
      rehabplan examples
      cp "$(rehabplan examples --path runners_knee)" my_profile.yaml
    """
    if path_of:
        click.echo(api.example_path(path_of))
        return
    click.echo(examples_table(api.list_examples()))


@main.group()
def exercises() -> None:
    """The exercise library: list, show, and the picture contact sheet.

    \b
    Examples:
      rehabplan exercises list --kind strength
      rehabplan exercises show clamshell
    """


@exercises.command("list")
@click.option("--target", type=click.Choice(TARGETS), help="Only exercises for this target.")
@click.option("--condition", type=click.Choice(CONDITIONS), help="Only exercises that suit this condition.")
@click.option(
    "--equipment",
    multiple=True,
    type=click.Choice(EQUIPMENT + HOUSEHOLD + ("none",)),
    help="Only exercises doable with these items (repeat it; 'none' = household items only).",
)
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of exercise.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def exercises_list(target, condition, equipment, kind, fmt) -> None:
    """List exercises, optionally filtered.

    \b
    Examples:
      rehabplan exercises list --target hip_abductors --equipment resistance_band
      rehabplan exercises list --condition patellar_tendinopathy --format json
    """
    owned = None if not equipment else [e for e in equipment if e != "none"]
    found = api.list_exercises(target=target, condition=condition, equipment=owned, kind=kind)
    if fmt == "json":
        echo_json([ex.model_dump(mode="json") for ex in found])
    else:
        click.echo(exercise_table(found))


@exercises.command("sheet")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="The PDF (or .html) file to write."
)
@click.option("--paper", type=PAPER, help="Paper size (default: from the locale, else a4).")
def exercises_sheet(output: Path, paper: str | None) -> None:
    """Print every exercise picture on a contact sheet, for review.

    \b
    Example:
      rehabplan exercises sheet -o sheet.pdf
    """
    fmt = "html" if output.suffix.lower() in (".html", ".htm") else "pdf"
    stage("making the contact sheet...")
    write_atomically(output, api.exercise_sheet(fmt, paper or default_paper()))
    info(f"wrote {output}")


@exercises.command("show")
@click.argument("exercise_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def exercises_show(exercise_id: str, fmt: str) -> None:
    """Show one exercise in full.

    \b
    Example:
      rehabplan exercises show glute_bridge
    """
    ex = api.get_exercise(exercise_id)
    refs = api.sources_of(ex)
    if fmt == "json":
        echo_json({**ex.model_dump(mode="json"), "references": {k: r.model_dump(mode="json") for k, r in refs.items()}})
    else:
        click.echo(exercise_detail(ex, refs))


@main.group()
def conditions() -> None:
    """The condition protocols: phases, doses, rules and sources.

    \b
    Examples:
      rehabplan conditions list
      rehabplan conditions show iliotibial_band_syndrome
    """


@conditions.command("list")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def conditions_list(fmt: str) -> None:
    """List the conditions rehabplan has protocols for.

    \b
    Example:
      rehabplan conditions list
    """
    found = api.list_conditions()
    if fmt == "json":
        echo_json([{"name": p.name, "title": p.title, "phases": [ph.id for ph in p.phases]} for p in found])
        return
    click.echo(conditions_table(found))


@conditions.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def conditions_show(name: str, fmt: str) -> None:
    """Show a condition's protocol: phases, doses, rules, red flags and sources.

    \b
    Example:
      rehabplan conditions show patellofemoral_pain
    """
    detail = api.get_condition(name)
    if fmt == "json":
        echo_json(
            {
                **detail.protocol.model_dump(mode="json"),
                "return_to_run": detail.ladder.model_dump(mode="json"),
                "pain_rule": detail.pain_rule.model_dump(mode="json"),
                "red_flag_actions": {k: v.model_dump(mode="json") for k, v in detail.red_flags.items()},
                "references": {k: r.model_dump(mode="json") for k, r in api.sources_of(detail.protocol).items()},
            }
        )
    else:
        click.echo(condition_detail(detail))
