"""The guide's fixtures for every test here: a patient store with a plan that starts with holds
(``db`` replaces the empty store of tests/conftest.py), a clock that never sleeps."""

from tests.support.today import clock, db, profile, run  # noqa: F401 (fixtures)
