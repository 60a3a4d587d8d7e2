"""Reading YAML and JSON documents safely, with messages a person can act on."""

import json
from pathlib import Path
from typing import Any

import yaml

from rehabplan.errors import InvalidInput, LibraryError


# libyaml's C parser when PyYAML was built with it (about 4x faster on the library); same rules.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeBase):
    """SafeLoader that refuses a key given twice (YAML would keep the last) and keeps dates as
    text, so the models report an impossible date like 2026-13-01 with its field path."""


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise _DuplicateKey(problem=f"{key} is given twice; keep only one", problem_mark=key_node.start_mark)
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_scalar)


def parse_text(text: str, source: str, as_json: bool = False) -> Any:
    """Parse YAML (or JSON) text; raise ``InvalidInput`` naming the line of a syntax error."""
    if not text.strip():
        raise InvalidInput(f"{source}: the file is empty; write its fields in YAML or JSON")
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise InvalidInput(
                f"{source}: line {err.lineno}, column {err.colno}: not valid JSON ({err.msg}); "
                "fix the syntax there"
            ) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        if isinstance(err, _DuplicateKey):
            raise InvalidInput(f"{source}: {where}{problem}") from None
        raise InvalidInput(
            f"{source}: {where}not valid YAML ({problem}); fix the syntax there"
        ) from None


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
