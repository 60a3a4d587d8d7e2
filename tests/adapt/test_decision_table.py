"""docs/progression.md's table of decision rules holds the same numbers as data/progression.yaml,
and every number the data holds is in it (R-PM-03, R-PM-04, R-PM-05, R-OA-05)."""

import re
from pathlib import Path

from rehabplan.knowledge.progression import load_progression
from rehabplan.knowledge.references import load_references

DOC = Path(__file__).parents[2] / "docs" / "progression.md"


def table() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("<!-- decision-rules:start -->")[1].split("<!-- decision-rules:end -->")[0]


def data_numbers() -> dict[str, str]:
    """Every number and word list in progression.yaml, by dotted key, as the table writes it."""
    found = {}
    for key, value in load_progression().model_dump(exclude={"rules", "sources"}, exclude_unset=True).items():
        for name, item in value.items() if isinstance(value, dict) else [(None, value)]:
            shown = ", ".join(item) if isinstance(item, list) else str(item)
            found[f"{key}.{name}" if name else key] = shown
    return found


def test_the_table_says_what_the_data_holds():
    shown = dict(re.findall(r"`([a-z_.]+)` = ([a-z0-9_, ]+?)(?=,? `|\s*\|)", table()))
    assert shown == data_numbers()


def test_the_sources_column_names_the_datas_sources():
    rows = [line.split("|")[1:-1] for line in table().strip().splitlines()[2:]]
    named = {word for row in rows for word in re.findall(r"`([a-z0-9_]+)`", row[4])}
    assert named - {"persistent_swelling"} == set(load_progression().sources)
    assert set(load_progression().sources) <= set(load_references())
