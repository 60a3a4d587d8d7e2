"""Where the bundled data lives, from a source checkout and from an installed wheel.

Why: exercises/ and templates/ sit at the top of the repository (one file per exercise, easy to
review), and the wheel carries them inside the package under ``_bundled/``.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _top_level(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"rehabplan data folder {name!r} is missing from the installation")


def exercises_dir() -> Path:
    return _top_level("exercises")


def templates_dir() -> Path:
    return _top_level("templates")


def data_dir() -> Path:
    """Protocols, references and example profiles: package data."""
    return _PACKAGE / "data"


def conditions_dir() -> Path:
    return data_dir() / "conditions"


def examples_dir() -> Path:
    return data_dir() / "examples"
