"""The wheel carries the library data, and the installed package finds it from any directory."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("rehabplan-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    exercises = [n for n in names if n.startswith("rehabplan/_bundled/exercises/") and n.endswith(".yaml")]
    assert len(exercises) == len(list((ROOT / "exercises").glob("*.yaml")))
    for data in (
        "rehabplan/data/references.yaml",
        "rehabplan/data/return_to_run.yaml",
        "rehabplan/data/conditions/prevention.yaml",
        "rehabplan/data/examples/runners_knee.yaml",
    ):
        assert data in names


def test_installed_package_runs_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from rehabplan.cli import main; "
        "main(['exercises', 'show', 'glute_bridge'])"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(site)], cwd=elsewhere, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Glute bridge")
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import rehabplan.paths as p; print(p.exercises_dir())",
            str(site),
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert check.stdout.strip() == str(site / "rehabplan" / "_bundled" / "exercises")


def test_light_commands_do_not_import_the_solver_or_renderer():
    code = (
        "import sys; from rehabplan.cli import main\n"
        "try: main(['validate', '--example', 'runners_knee'])\n"
        "except SystemExit: pass\n"
        "print('ortools' in sys.modules, 'weasyprint' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip().splitlines()[-1] == "False False"


def test_installed_package_prints_a_handout(wheel, tmp_path):
    """The templates and the handout texts travel in the wheel: a PDF renders from the install."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("handout.html.j2", "parts.html.j2", "handout.css", "sheet.html.j2"):
        assert f"rehabplan/_bundled/templates/{template}" in names
    assert "rehabplan/data/handout.yaml" in names
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from rehabplan.cli import main; "
        "main(['plan', '--example', 'behind_knee', '--weeks', '1', '-o', 'h.pdf'])"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF-")


def test_plan_to_json_does_not_import_the_renderer(tmp_path):
    code = (
        "import sys; from rehabplan.cli import main\n"
        "try: main(['plan', '--example', 'runners_knee', '--weeks', '1', '-o', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "print('weasyprint' in sys.modules, 'jinja2' in sys.modules, 'icalendar' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "p.json")], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.stdout.strip().splitlines()[-1] == "False False False"
