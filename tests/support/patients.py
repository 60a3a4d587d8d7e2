"""A patient store for the tests: ``db`` (an empty store whose "today" is ``TODAY``), the
profile the patient tests add, and ``dump`` (the whole database as SQL, to show a refused
request changed nothing)."""

import sqlite3
from datetime import date

import pytest

from rehabplan.patients import records
from tests.support import GOOD

PROFILE = GOOD + "plan: {start: 2026-11-02, weeks: 6}\n"
TODAY = date(2026, 11, 18)  # a Wednesday in week 3


class FixedDate(date):
    @classmethod
    def today(cls):
        return TODAY


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "date", FixedDate)
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    return tmp_path / "store" / "rehabplan.db"


def dump(path) -> str:
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())
