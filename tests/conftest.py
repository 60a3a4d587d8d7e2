import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from rehabplan.cli import main
from tests.support.patients import db  # noqa: F401 (a fixture: an empty patient store)


@pytest.fixture
def write(tmp_path: Path):
    """Write a file into a fresh folder and return its path."""

    def _write(text: str, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli():
    """Run the CLI in-process; stdout and stderr kept apart."""

    def _run(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args])

    return _run


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden handout HTML files in tests/golden from the current output.",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")
