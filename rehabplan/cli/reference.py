"""The README's command reference, written from the real click commands.

    python -m rehabplan.cli.reference            # print it
    python -m rehabplan.cli.reference --write    # replace it in README.md

Why generated: a hand-kept reference drifts from the commands. tests/test_readme.py fails when
README.md's reference differs from what this prints, so a new option cannot go undocumented.
"""

import sys
from pathlib import Path

import click

from rehabplan.cli.group import main

START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def walk(group: click.Group, path: tuple[str, ...] = ()):
    for name in sorted(group.commands):
        command = group.commands[name]
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from walk(command, path + (name,))


def reference_markdown() -> str:
    """Every command: its one-line purpose, its usage and its options, in name order."""
    out = [_section(("rehabplan",), main, top=True)]
    for path, command in walk(main):
        out.append(_section(("rehabplan", *path), command))
    return "\n".join(out)


def _section(path: tuple[str, ...], command: click.Command, top: bool = False) -> str:
    ctx = click.Context(command, info_name=" ".join(path))
    usage = " ".join(command.collect_usage_pieces(ctx))
    purpose = (command.help or "").split("\n\n")[0].replace("\n", " ")
    lines = [f"#### `{' '.join(path)}`", "", _markdown(purpose), ""]
    if not top:
        lines += ["```", f"{' '.join(path)} {usage}".rstrip(), "```", ""]
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record is None or "--help" in record[0]:
            continue
        names, text = record
        rows.append(f"| `{names.replace('|', '/')}` | {_markdown(text).replace('|', '/')} |")
    if rows:
        lines += ["| option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines)


def _markdown(text: str) -> str:
    """Plain help text made safe in Markdown (a ``*.yaml`` must not start italics)."""
    return text.replace("*", "\\*")


def replace_in(readme: str, reference: str) -> str:
    """README text with the reference between its markers replaced."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference}{END}{tail}"


def current_in(readme: str) -> str:
    return readme.split(START, 1)[1].split(END, 1)[0].lstrip("\n")


if __name__ == "__main__":
    text = reference_markdown()
    if "--write" in sys.argv[1:]:
        path = Path(__file__).resolve().parents[2] / "README.md"
        path.write_text(replace_in(path.read_text(encoding="utf-8"), text), encoding="utf-8")
        print(f"updated {path}", file=sys.stderr)
    else:
        print(text, end="")
