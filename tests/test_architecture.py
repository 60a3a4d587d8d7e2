"""The house by stages, checked: every module's imports, read with ``ast`` (function-level ones
included), held against the direction table of docs/architecture.md.

It fails on an arrow against the table, on any cycle between modules, on click, OR-Tools,
Jinja2 (with markupsafe), WeasyPrint, icalendar or sqlite3 imported outside their one package,
on a function-level import of rehabplan or of a heavy library without a ``# lazy:`` comment
saying what it keeps off a light command's path, and on a module over 400 lines. The last test
builds a small package with a wrong-way import and a cycle and shows the checker reports both.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
MAX_LINES = 400

# ---- the table (docs/architecture.md, "What may import what") ------------------------------------

FOUNDATION = (
    "rehabplan",
    "rehabplan.errors",
    "rehabplan.safetext",
    "rehabplan.vocab",
    "rehabplan.paths",
    "rehabplan.strict",
    "rehabplan.yamlio",
    "rehabplan.english",
    "rehabplan.output",
)
# Each module belongs to the layer of the longest entry that names it or a package above it.
LAYERS = {
    "foundation": FOUNDATION,
    "knowledge": ("rehabplan.knowledge",),
    "intake": ("rehabplan.intake",),
    "plan model": ("rehabplan.plan_model",),
    "problem": ("rehabplan.problem",),
    "solver": ("rehabplan.solver",),
    "validate": ("rehabplan.validate",),
    "adapt": ("rehabplan.adapt",),
    "planning": ("rehabplan.planning",),
    "patients": ("rehabplan.patients",),
    "render": ("rehabplan.render",),
    "today": ("rehabplan.today",),
    "api": ("rehabplan.api",),
    "batch": ("rehabplan.batch",),
    "cli": ("rehabplan.cli", "rehabplan.__main__"),
}
DATA = {"foundation", "knowledge", "intake", "plan model"}
# The layers each layer may import besides itself.
ALLOWED = {
    "foundation": set(),
    "knowledge": {"foundation"},
    "intake": {"foundation", "knowledge"},
    "plan model": {"foundation", "knowledge", "intake"},
    "problem": {"foundation", "knowledge", "intake"},
    "solver": {"foundation", "knowledge", "problem"},
    "validate": DATA,
    "adapt": DATA | {"problem"},
    "planning": DATA | {"problem", "solver", "validate", "adapt"},
    "patients": DATA | {"adapt"},
    "render": DATA,
    "today": DATA | {"adapt", "patients"},
    "api": DATA | {"adapt", "planning", "patients", "render"},
    "batch": {"foundation", "api"},
    "cli": DATA | {"adapt", "patients", "render", "today", "api", "batch"},
}
# Where a layer may import only some modules of another.
ONLY = {
    ("solver", "problem"): {"rehabplan.problem.types"},
    ("adapt", "problem"): {"rehabplan.problem.types"},
}
# The one layer that may import each of these libraries.
HOMES = {
    "click": "cli",
    "ortools": "solver",
    "jinja2": "render",
    "markupsafe": "render",
    "weasyprint": "render",
    "icalendar": "render",
    "sqlite3": "patients",
}
HEAVY = frozenset(HOMES)  # slow to import: kept off the light commands' paths (docs/architecture.md)


# ---- reading the imports -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # a module of the package read, or an outside library's top-level name
    line: int
    lazy: bool  # inside a function
    explained: bool  # "# lazy:" on the line, or a line before it that starts with it


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def read_imports(root: Path, package: str) -> dict[str, list[Import]]:
    """Every module of ``package`` (under ``root``) and the imports in it, in file order."""
    files = {module_name(path, root): path for path in sorted((root / package).rglob("*.py"))}
    found = {}
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        found[name] = list(_imports(ast.parse(text), name, path.name == "__init__.py", files, text.splitlines()))
    return found


def _imports(tree: ast.AST, name: str, is_package: bool, files: dict, lines: list[str]):
    def visit(node: ast.AST, lazy: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                here, before = lines[child.lineno - 1], lines[child.lineno - 2] if child.lineno > 1 else ""
                explained = "# lazy:" in here or before.strip().startswith("# lazy:")
                for target in dict.fromkeys(_targets(child, name, is_package, files)):
                    yield Import(name, target, child.lineno, lazy, explained)
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from visit(child, inner)

    yield from visit(tree, False)


def _targets(node: ast.Import | ast.ImportFrom, name: str, is_package: bool, files: dict) -> list[str]:
    if isinstance(node, ast.Import):
        return [_deepest(alias.name, files) for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the module's own package upwards
        parts = name.split(".") if is_package else name.split(".")[:-1]
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join(parts + ([base] if base else []))
    targets = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        targets.append(submodule if submodule in files else _deepest(base, files))
    return targets


def _deepest(dotted: str, files: dict) -> str:
    """The deepest module of the package read that ``dotted`` names, else the library's name."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in files:
            return ".".join(parts[:end])
    return parts[0]


def layer_of(module: str, layers: dict[str, tuple[str, ...]]) -> str | None:
    """The layer of the longest entry naming ``module`` or a package above it (a top-level
    package's own name only names its ``__init__``)."""
    best: tuple[int, str] | None = None
    for layer, entries in layers.items():
        for entry in entries:
            names = module == entry or ("." in entry and module.startswith(entry + "."))
            if names and (best is None or len(entry) > best[0]):
                best = (len(entry), layer)
    return best[1] if best else None


# ---- the checks -------------------------------------------------------------------------------------


def wrong_way(imports: dict, layers: dict, allowed: dict, only: dict) -> list[str]:
    """Arrows against the table, and modules in no layer."""
    found = []
    for module, edges in sorted(imports.items()):
        here = layer_of(module, layers)
        if here is None:
            found.append(f"{module} is in no layer: add it to the table (see docs/architecture.md)")
            continue
        for edge in edges:
            there = layer_of(edge.target, layers) if edge.target in imports else None
            if there is None or there == here:
                continue
            narrow = only.get((here, there))
            if there not in allowed[here] or (narrow is not None and edge.target not in narrow):
                found.append(
                    f"{module} imports {edge.target} (line {edge.line}): {here} may not depend on "
                    f"{there} (see docs/architecture.md)"
                )
    return found


def cycles(imports: dict) -> list[str]:
    """Each group of modules that import each other, directly or round a loop (Tarjan)."""
    graph = {
        m: sorted({e.target for e in edges if e.target in imports and e.target != m}) for m, edges in imports.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
            if len(group) > 1:
                found.append("import cycle: " + " <-> ".join(sorted(group)))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(found)


def outside_home(imports: dict, layers: dict, homes: dict) -> list[str]:
    """A library imported outside the one layer that may import it."""
    found = []
    for module, edges in sorted(imports.items()):
        for edge in edges:
            home = homes.get(edge.target)
            if home is not None and layer_of(module, layers) != home:
                found.append(f"{module} imports {edge.target} (line {edge.line}): only the {home} layer may")
    return found


def unexplained_lazy(imports: dict, heavy: frozenset) -> list[str]:
    """Function-level imports of the package or of a heavy library without a '# lazy:' comment,
    and 'lazy' imports of a module that loads no heavy library (they only hide an arrow)."""
    found = []
    for module, edges in sorted(imports.items()):
        for edge in edges:
            ours = edge.target in imports
            if not edge.lazy or not (ours or edge.target in heavy):
                continue
            if not edge.explained:
                found.append(
                    f"{module} line {edge.line}: a function-level import of {edge.target} needs a "
                    "'# lazy: ...' comment naming the heavy library it keeps off a light path"
                )
            elif ours and not (_libraries(imports, edge.target) & heavy):
                found.append(
                    f"{module} line {edge.line}: {edge.target} loads no heavy library; import it "
                    "at the top of the module"
                )
    return found


def _libraries(imports: dict, start: str) -> set[str]:
    """Every outside library ``start`` may import, directly or through modules of the package."""
    seen, todo, libraries = set(), [start], set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for edge in imports[module]:
            if edge.target in imports:
                todo.append(edge.target)
            else:
                libraries.add(edge.target)
    return libraries


def too_long(root: Path, package: str, limit: int) -> list[str]:
    found = []
    for path in sorted((root / package).rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append(f"{path.relative_to(root)}: {count} lines; split it (at most {limit})")
    return found


# ---- the real package --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def imports() -> dict[str, list[Import]]:
    return read_imports(ROOT, "rehabplan")


def test_every_import_points_the_allowed_way(imports):
    assert wrong_way(imports, LAYERS, ALLOWED, ONLY) == []


def test_no_module_imports_itself_round_a_loop(imports):
    assert cycles(imports) == []


def test_each_heavy_library_stays_in_its_package(imports):
    assert outside_home(imports, LAYERS, HOMES) == []


def test_a_function_level_import_says_what_it_keeps_off_the_light_path(imports):
    assert unexplained_lazy(imports, HEAVY) == []


def test_no_module_is_over_400_lines():
    assert too_long(ROOT, "rehabplan", MAX_LINES) == []


def test_the_table_is_the_one_docs_architecture_shows():
    """docs/architecture.md prints the same table, one row per layer: its modules, then the
    layers it may import."""
    text = DOC.read_text(encoding="utf-8")
    rows = re.search(r"<!-- import-table:start -->\n(.*?)<!-- import-table:end -->", text, re.DOTALL)
    assert rows, "docs/architecture.md has no import table between its markers"
    shown = {}
    for line in rows.group(1).splitlines()[2:]:
        layer, _modules, may = (cell.strip() for cell in line.strip().strip("|").split("|"))
        shown[layer] = set() if may == "-" else {word.strip() for word in may.split(",")}
    assert shown == ALLOWED


# ---- the checker, on a package made up for it ----------------------------------------------------------


def test_the_checker_reports_a_wrong_way_import_a_cycle_and_an_unexplained_lazy_import(tmp_path):
    files = {
        "toy/__init__.py": "",
        "toy/low/__init__.py": "",
        "toy/low/base.py": "from toy.high.top import shout\n",  # wrong way: low may not import high
        "toy/high/__init__.py": "",
        "toy/high/top.py": "from toy.low import base\n\ndef shout():\n    return base\n",
        "toy/high/left.py": "import toy.high.right\n",  # a cycle inside one layer
        "toy/high/right.py": "def f():\n    from toy.high import left\n    return left\n",  # no '# lazy:'
        "toy/high/fine.py": ("def g():\n    # lazy: the renderer\n    import click\n    return click\n"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = read_imports(tmp_path, "toy")
    layers = {"low": ("toy", "toy.low"), "high": ("toy.high",)}

    assert wrong_way(found, layers, {"low": set(), "high": {"low"}}, {}) == [
        "toy.low.base imports toy.high.top (line 1): low may not depend on high (see docs/architecture.md)",
    ]
    assert cycles(found) == [
        "import cycle: toy.high.left <-> toy.high.right",
        "import cycle: toy.high.top <-> toy.low.base",
    ]
    assert unexplained_lazy(found, frozenset({"click"})) == [
        "toy.high.right line 2: a function-level import of toy.high.left needs a '# lazy: ...' comment "
        "naming the heavy library it keeps off a light path",
    ]
    assert outside_home(found, layers, {"click": "low"}) == [
        "toy.high.fine imports click (line 3): only the low layer may",
    ]
    assert wrong_way(found, {"low": ("toy.low",)}, {"low": set()}, {})[0] == (
        "toy is in no layer: add it to the table (see docs/architecture.md)"
    )


def test_a_lazy_import_that_keeps_nothing_heavy_away_is_reported(tmp_path):
    (tmp_path / "toy").mkdir()
    (tmp_path / "toy/__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "toy/light.py").write_text("import json\n", encoding="utf-8")
    (tmp_path / "toy/caller.py").write_text(
        "def f():\n    from toy import light  # lazy: nothing\n    return light\n", encoding="utf-8"
    )
    assert unexplained_lazy(read_imports(tmp_path, "toy"), frozenset({"click"})) == [
        "toy.caller line 2: toy.light loads no heavy library; import it at the top of the module",
    ]


def test_a_module_over_the_limit_is_reported(tmp_path):
    (tmp_path / "toy").mkdir()
    (tmp_path / "toy/long.py").write_text("x = 1\n" * 401, encoding="utf-8")
    assert too_long(tmp_path, "toy", MAX_LINES) == ["toy/long.py: 401 lines; split it (at most 400)"]
