"""`rehabplan today` for the tests: a patient whose plan starts with pain-relief holds, a clock
that never sleeps (``clock``, replacing the command's), "today" fixed in week 1, and a store
with that patient (``db``)."""

from datetime import date

import pytest
from click.testing import CliRunner

from rehabplan.cli import (
    cmd_today,  # registers the command on main
    main,
)
from rehabplan.patients.store import Store

# Patellar tendinopathy, left knee, Mondays and Wednesdays, a gym: week 1 is pain-relief holds
# (5 x 45 s on the sore leg, 2 min rest), week 2 a slow heavy strength session with a warm-up.
PROFILE = """\
name: Test Runner
age: 34
conditions: [patellar_tendinopathy]
side: left
pain: {at_rest: 1, during_run: 5}
walk_30min_pain_free: true
availability: {mon: 20, wed: 20}
equipment: [gym_machines]
plan: {start: 2026-11-02, weeks: 2}
"""
HOLDS = [step for n in range(1, 6) for step in ((45, f"Set {n} of 5, left side: hold"), (120, "Rest"))][:-1]
ALL_WELL = "\n".join(["", "y", "2", "n", "n", "n", "n", "Stairs fine"]) + "\n"  # Enter to start, then the answers


class FakeClock:
    """Never sleeps: records every sleep and moves its own time on by it."""

    def __init__(self, stop_after: int | None = None):
        self.time, self.sleeps, self.stop_after = 0.0, [], stop_after

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        if self.stop_after is not None and len(self.sleeps) == self.stop_after:
            raise KeyboardInterrupt  # Ctrl-C in the middle of a countdown
        self.sleeps.append(seconds)
        self.time += seconds


class FixedDate(date):
    @classmethod
    def today(cls):
        return date(2026, 11, 4)  # a Wednesday of week 1


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(cmd_today, "CLOCK", fake)
    monkeypatch.setattr(cmd_today, "date", FixedDate)
    return fake


@pytest.fixture
def run():
    def _run(*args, input: str | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input)

    return _run


@pytest.fixture
def profile(write):
    return write(PROFILE)


@pytest.fixture
def db(tmp_path, run, profile, monkeypatch):
    """A store with patient 1 from PROFILE and no plan issued yet."""
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    path = tmp_path / "store" / "rehabplan.db"
    assert run("patient", "add", profile, "--db", path).stdout == "1\n"
    return path


def logs(db) -> list:
    with Store.open(db) as store:
        return store.session_logs(1)
