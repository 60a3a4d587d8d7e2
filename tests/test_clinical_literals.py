"""No condition name or exercise id as a literal in the engine's Python (docs/architecture.md):
which condition a rule belongs to, which exercise is a Nordic curl or the warm-up, comes from
rehabplan/data and exercises/ (a protocol's rules, a role's ladder, an exercise's kind).

The test parses each module with ``ast`` and fails on any string constant (an f-string's literal
parts included) equal to a condition word (vocab.CONDITIONS) or an exercise id of the library,
naming file:line. Text that merely mentions one ("R-PT-02 (patellar tendinopathy): ...") is fine.
"""

import ast
from pathlib import Path

from rehabplan.knowledge.catalog import load_catalog
from rehabplan.vocab import CONDITIONS

PACKAGE = Path(__file__).resolve().parent.parent / "rehabplan"
ENGINE = ("adapt", "validate", "planning", "today", "problem", "solver")
# Not checked yet: none (the engine rewrite read the last of them, cross-training's exercises,
# from the library's ``modality``).
NOT_YET: tuple[str, ...] = ()


def _modules(entries: tuple[str, ...], skip: tuple[str, ...] = ()) -> list[Path]:
    paths = []
    for entry in entries:
        where = PACKAGE / entry
        paths += sorted(where.rglob("*.py")) if where.is_dir() else [where]
    return [p for p in paths if not p.relative_to(PACKAGE).as_posix().startswith(skip)]


def clinical_literals(paths: list[Path], words: set[str]) -> list[str]:
    """``file:line: 'word'`` for every string constant that is one of ``words``."""
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words:
                where = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path
                found.append(f"{where}:{node.lineno}: {node.value!r}")
    return sorted(found)


def _words() -> set[str]:
    return set(CONDITIONS) | set(load_catalog().exercises)


def test_no_condition_or_exercise_literal_in_the_engine():
    assert clinical_literals(_modules(ENGINE, NOT_YET), _words()) == []


def test_the_not_yet_list_names_real_places():
    """A renamed or removed module comes off NOT_YET."""
    assert all((PACKAGE / entry).exists() for entry in NOT_YET)


def test_the_check_names_file_and_line(tmp_path):
    module = tmp_path / "rules.py"
    module.write_text(
        '"""Nordic curls (nordic_hamstring_curl)."""\n\n'
        'NORDIC = "nordic_hamstring_curl"\nOA = f"knee_osteoarthritis{1}"\n',
        encoding="utf-8",
    )
    assert clinical_literals([module], _words()) == [
        f"{module}:3: 'nordic_hamstring_curl'",
        f"{module}:4: 'knee_osteoarthritis'",
    ]
