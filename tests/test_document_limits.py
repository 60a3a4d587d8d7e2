"""Reading YAML and JSON bounds its work: an alias bomb, an alias to itself or deep nesting is
refused with its line at once, and an error message renders only the part of a value it shows."""

import itertools
import json

import pytest
import yaml

from rehabplan import yamlio
from rehabplan.batch.run import run_batch
from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.yamlio import MAX_DEPTH, TOO_DEEP, parse_text
from tests.support import GOOD

TOO_MANY = (
    "too many aliases (with each *alias written out, the document holds over 10000 values); "
    "write the values out instead"
)


def alias_bomb(levels: int = 10, key: str = "name") -> str:
    """About 500 bytes of YAML that stand for 9**levels values (a "billion laughs")."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\n{key}: *a{levels - 1}\n"


def refused(text: str, source: str = "p.yaml", as_json: bool = False) -> str:
    with pytest.raises(InvalidInput) as err:
        parse_text(text, source, as_json=as_json)
    return err.value.message


@pytest.fixture(params=["libyaml", "python"])
def loader(request, monkeypatch):
    """Both of PyYAML's loaders: the C one when it was built with libyaml, else the Python one."""
    if request.param == "python":
        monkeypatch.setattr(yamlio, "_Loader", yamlio.loader_on(yaml.SafeLoader))
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")


def test_an_alias_bomb_is_refused_at_its_line(loader):
    assert refused(alias_bomb()) == f"p.yaml: line 1, column 5: {TOO_MANY}"


def test_a_few_aliases_are_fine(loader):
    data = parse_text("home: &days {mon: 30, wed: 30}\navailability: *days\n", "p.yaml")
    assert data["availability"] == {"mon": 30, "wed": 30}


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &m {b: {c: *m}}\n"])
def test_an_alias_inside_its_own_value_is_refused(loader, text):
    assert (
        refused(text) == "p.yaml: line 1, column 4: an alias (*name) stands for a value that holds it; "
        "write the value out"
    )


def test_deep_nesting_is_refused(loader):
    message = refused("[" * 100_000 + "]" * 100_000)
    assert message in (
        f"p.yaml: {TOO_DEEP}",  # PyYAML's Python parser meets the recursion limit first
        "p.yaml: line 1, column 1001: not valid YAML (exceeded maximum nesting depth); fix the syntax there",
    )
    assert refused("a: " + "[" * 40 + "]" * 40 + "\n") == f"p.yaml: line 1, column {3 + MAX_DEPTH}: {TOO_DEEP}"


def test_nesting_up_to_the_limit_is_read(loader):
    assert parse_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, "p.yaml") is not None


@pytest.mark.parametrize("text", ["[" * 100_000, "[" * 100_000 + "]" * 100_000, "[" * 40 + "]" * 40])
def test_deep_json_is_refused_not_a_recursion_error(text):
    assert refused(text, "p.json", as_json=True) == (
        "p.json: nested more than 32 levels deep; a profile or check-in needs only a few, so check the brackets "
        "and indentation"
    )


@pytest.mark.parametrize(
    "text, problem",
    [
        ("age: !!int abc", "cannot read this value: invalid literal for int() with base 10: 'abc'"),
        ("age: !!bool maybe", "cannot read this value: 'maybe'"),
        ("age: !!float ''", "cannot read this value: string index out of range"),
        ("age: !!int " + "9" * 5000, "cannot read this value: a number with over 4000 digits"),
    ],
)
def test_a_value_its_tag_cannot_build_is_a_yaml_error(text, problem):
    assert refused(text) == f"p.yaml: line 1, column 6: not valid YAML ({problem}); fix the syntax there"


def test_a_list_as_a_key_is_refused():
    assert (
        refused("? [a, b]\n: 1\n")
        == "p.yaml: line 1, column 3: a key is a list or mapping; write field names as words, like `age: 34`"
    )


def test_a_json_number_of_thousands_of_digits_is_refused():
    assert (
        refused("[" + "1" * 5000 + "]", "p.json", as_json=True)
        == "p.json: cannot be read (a number with over 4000 digits); fix the value"
    )


def test_validate_refuses_an_alias_bomb(write, cli):
    path = write(GOOD.replace("name: Test Runner\n", "") + alias_bomb())
    result = cli("validate", path)
    assert (result.exit_code, result.stderr) == (2, f"{path}: line 7, column 5: {TOO_MANY}\n")


def test_checkin_file_refuses_an_alias_bomb(write, cli, tmp_path):
    db = tmp_path / "r.db"
    cli("patient", "add", write(GOOD), "--db", db)
    path = write("week: 1\nsessions_done: 2\npain_next_morning: 1\n" + alias_bomb(key="note"), "c.yaml")
    result = cli("checkin", "1", "--file", path, "--db", db)
    assert (result.exit_code, result.stderr) == (2, f"{path}: line 4, column 5: {TOO_MANY}\n")


def test_batch_summary_names_the_alias_bomb(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(alias_bomb(key="weaknesses"), encoding="utf-8")
    result = run_batch(folder, tmp_path / "out", "json", "a4", jobs=1)
    assert result.items[0].messages == (f"{folder / 'bomb.yaml'}: line 1, column 5: {TOO_MANY}",)


class Endless(list):
    """A list that never ends: rendering all of it would never finish."""

    def __iter__(self):
        return itertools.count()


def test_a_message_renders_only_what_it_shows():
    assert (
        FieldProblem("weaknesses", Endless(), "is wrong").render()
        == "weaknesses: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1...] is wrong"
    )
    assert (
        FieldProblem("a", {"b": Endless()}, "is wrong").render()
        == "a: {b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1...} is wrong"
    )


def test_short_values_render_as_before():
    shown = [
        FieldProblem("x", value, "m").render()
        for value in ({"a": "b", "c": [1, None, True]}, "x" * 70, [{"k": "v"}], 2.5, 10**5000)
    ]
    assert shown == [
        "x: {a: 'b', c: [1, null, true]} m",
        f"x: '{'x' * 57}...' m",
        "x: [{k: 'v'}] m",
        "x: 2.5 m",
        "x: a number of about 5001 digits m",
    ]


def test_the_bundled_library_reads_within_the_limits():
    from rehabplan.knowledge.catalog import load_catalog
    from rehabplan.knowledge.protocols import load_protocols

    assert load_catalog().exercises and load_protocols()
    assert json.loads(json.dumps(parse_text(GOOD, "p.yaml")))["age"] == 34
