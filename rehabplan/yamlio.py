"""Reading YAML and JSON documents safely, with messages a person can act on.

Why the limits: a profile or a check-in is a few levels deep and a few hundred values long
(the bundled library files too), but a 1 KB YAML "alias bomb" (each list repeating the one
before it with ``*alias``) stands for billions of values, and anything that walks it (a check,
an error message) runs for hours. So a document may stand for at most ``MAX_VALUES`` values once
its aliases are expanded, and be nested at most ``MAX_DEPTH`` levels; a deeper JSON file is
refused the same way, before Python's recursion limit is met.
"""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from rehabplan.errors import InvalidInput, LibraryError
from rehabplan.safetext import printable

MAX_DEPTH = 32
MAX_VALUES = 10_000
TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep; a profile or check-in needs only a few, "
    "so check the brackets and indentation"
)


class _Refused(yaml.MarkedYAMLError):
    """A document that parses but is not accepted; its problem is the whole message."""


def loader_on(base: type) -> type:
    """The loader rehabplan reads with, on PyYAML's C (``CSafeLoader``) or Python (``SafeLoader``)
    safe loader: it refuses a key given twice (YAML would keep the last) and documents past the
    size limits (before building them), turns a value its tag cannot build (``!!int abc``) into a
    YAML error at its line, and keeps dates as text, so the models report an impossible date like
    2026-13-01 with its field path."""

    class Loader(base):
        def get_single_node(self) -> yaml.Node | None:
            node = super().get_single_node()
            if node is not None:
                _check_shape(node, _node_children, lambda n: n.start_mark)
            return node

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, KeyError, IndexError) as err:  # !!int abc, !!bool maybe, ...
                raise yaml.constructor.ConstructorError(
                    problem=f"cannot read this value: {_reason(err)}", problem_mark=node.start_mark
                ) from None

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_scalar)
    return Loader


def _reason(err: Exception) -> str:
    """Python's words for a value it cannot build; its advice on sys.set_int_max_str_digits does
    not help a person writing a profile."""
    if isinstance(err, ValueError) and "digits" in str(err):
        return "a number with over 4000 digits"
    return str(err)[:120]


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise _Refused(
                problem="a key is a list or mapping; write field names as words, like `age: 34`",
                problem_mark=key_node.start_mark,
            ) from None
        if key in seen:
            raise _Refused(problem=f"{key} is given twice; keep only one", problem_mark=key_node.start_mark)
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


# libyaml's C parser when PyYAML was built with it (about 4x faster on the library); same rules.
_Loader = loader_on(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _node_children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else ()


def _value_children(value: Any) -> Iterable[Any]:
    if isinstance(value, dict):
        return value.values()
    return value if isinstance(value, list) else ()


def _check_shape(root: Any, children: Callable[[Any], Iterable[Any]], mark: Callable[[Any], Any]) -> None:
    """Walk the document as it would be built, aliases expanded, and raise ``_Refused`` at the
    first value past ``MAX_DEPTH`` levels, past ``MAX_VALUES`` values once aliases are expanded,
    or inside itself (an alias to the list that holds it). The walk stops there, so it takes at
    most ``MAX_VALUES`` steps past the document's own size."""
    seen: set[int] = set()
    on_path: set[int] = set()
    count = aliases = 0

    def visit(item: Any, depth: int) -> None:
        nonlocal count, aliases
        key = id(item)
        if key in on_path:
            raise _Refused(
                problem="an alias (*name) stands for a value that holds it; write the value out",
                problem_mark=mark(item),
            )
        if depth > MAX_DEPTH:
            raise _Refused(problem=TOO_DEEP, problem_mark=mark(item))
        count += 1
        inside = list(children(item))
        if not inside:
            return
        if key in seen:
            aliases += 1
        seen.add(key)
        if aliases and count > MAX_VALUES:
            raise _Refused(
                problem=f"too many aliases (with each *alias written out, the document holds "
                f"over {MAX_VALUES} values); write the values out instead",
                problem_mark=mark(item),
            )
        on_path.add(key)
        for child in inside:
            visit(child, depth + 1)
        on_path.discard(key)

    visit(root, 1)


def parse_text(text: str, source: str, as_json: bool = False) -> Any:
    """Parse YAML (or JSON) text; raise ``InvalidInput`` naming the line of a syntax error."""
    if not text.strip():
        raise InvalidInput(f"{source}: the file is empty; write its fields in YAML or JSON")
    if as_json:
        return _parse_json(text, source)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:  # PyYAML's pure-Python parser (no libyaml) on deep nesting
        raise InvalidInput(f"{source}: {TOO_DEEP}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = printable(getattr(err, "problem", None) or str(err))
        if isinstance(err, _Refused):
            raise InvalidInput(f"{source}: {where}{problem}") from None
        raise InvalidInput(f"{source}: {where}not valid YAML ({problem}); fix the syntax there") from None


def _parse_json(text: str, source: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"{source}: line {err.lineno}, column {err.colno}: not valid JSON ({err.msg}); fix the syntax there"
        ) from None
    except RecursionError:
        raise InvalidInput(f"{source}: {TOO_DEEP}") from None
    except ValueError as err:  # a number of thousands of digits
        raise InvalidInput(f"{source}: cannot be read ({_reason(err)}); fix the value") from None
    try:
        _check_shape(data, _value_children, lambda _: None)
    except _Refused:  # JSON has no aliases: only its depth can be refused
        raise InvalidInput(f"{source}: {TOO_DEEP}") from None
    return data


def read_document(path: Path) -> Any:
    """Read a YAML or JSON file (JSON when the name ends in .json)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file; give the path of a YAML or JSON file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a folder; give the path of a YAML or JSON file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: is not UTF-8 text; save it as UTF-8 YAML or JSON") from None
    except OSError as err:
        raise InvalidInput(f"{path}: cannot be read ({err.strerror}); check the path and its permissions") from None
    return parse_text(text, str(path), as_json=path.suffix.lower() == ".json")


def read_library_document(path: Path) -> Any:
    """Read a bundled data file: a problem here is a bug in rehabplan, not the user's input."""
    try:
        return read_document(path)
    except InvalidInput as err:
        raise LibraryError([err.message]) from None
