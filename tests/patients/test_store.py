"""The store: every method, exact error messages, bad requests leave the database unchanged."""

import json
import os
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rehabplan.errors import InvalidInput, NotFound, UserError
from rehabplan.patients import connection, migrations
from rehabplan.patients import store as store_module
from rehabplan.patients.store import CheckinRow, PatientRow, PlanRow, ProfileRow, SessionLogRow, Store, default_db_path

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PROFILE = '{"name": "Ann", "age": 34}'


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


class Clock:
    """A fixed clock that moves one minute per reading."""

    def __init__(self):
        self.ticks = 0

    def __call__(self) -> datetime:
        self.ticks += 1
        return at(self.ticks - 1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "rehabplan.db"


@pytest.fixture
def store(db: Path):
    with Store.open(db, clock=Clock()) as opened:
        yield opened


def dump(path: Path) -> str:
    """Everything in the database, from a separate connection (sees what was committed)."""
    with closing(sqlite3.connect(path)) as conn:
        return "\n".join(conn.iterdump())


def checkin(week: int, **fields) -> str:
    return json.dumps({"week": week, "sessions_done": 4, **fields})


# patients and profiles


def test_add_patient_and_list(store):
    assert store.add_patient("Ann", PROFILE) == 1
    assert store.add_patient(None, "{}") == 2
    assert store.patients() == [
        PatientRow(1, "Ann", at(0), profile_version=1, checkins=0, plans=0),
        PatientRow(2, None, at(1), profile_version=1, checkins=0, plans=0),
    ]
    assert store.patient(2) == PatientRow(2, None, at(1), 1, 0, 0)
    assert store.profile(1) == ProfileRow(1, 1, PROFILE, at(0))


def test_no_patients_yet(store):
    assert store.patients() == []


def test_profile_versions_are_kept(store):
    pid = store.add_patient("Ann", PROFILE)
    assert store.add_profile_version(pid, '{"age": 35}') == 2
    assert store.add_profile_version(pid, '{"age": 36}') == 3
    assert store.profile(pid) == ProfileRow(pid, 3, '{"age": 36}', at(2))
    assert store.profile(pid, 1).profile_json == PROFILE
    assert store.profile(pid, 2).profile_json == '{"age": 35}'
    assert store.patient(pid).profile_version == 3


def test_unknown_profile_version(store, db):
    pid = store.add_patient("Ann", PROFILE)
    store.add_profile_version(pid, "{}")
    before = dump(db)
    with pytest.raises(NotFound) as caught:
        store.profile(pid, 7)
    assert caught.value.message == "patient 1 has no profile version 7; versions available: 1, 2"
    assert caught.value.exit_code == 2
    assert dump(db) == before


UNKNOWN_PATIENT_CALLS = {
    "patient": lambda s: s.patient(7),
    "add_profile_version": lambda s: s.add_profile_version(7, "{}"),
    "profile": lambda s: s.profile(7),
    "add_checkin": lambda s: s.add_checkin(7, 1, checkin(1)),
    "add_checkin_replace": lambda s: s.add_checkin(7, 1, checkin(1), replace=True),
    "checkins": lambda s: s.checkins(7),
    "add_plan": lambda s: s.add_plan(7, 1, "{}", []),
    "plans": lambda s: s.plans(7),
    "plan": lambda s: s.plan(7),
    "add_session_log": lambda s: s.add_session_log(7, date(2026, 11, 23), 1, 2, 2, 0, "[]"),
    "session_logs": lambda s: s.session_logs(7),
}


@pytest.mark.parametrize("call", UNKNOWN_PATIENT_CALLS.values(), ids=UNKNOWN_PATIENT_CALLS.keys())
def test_unknown_patient(store, db, call):
    store.add_patient("Ann", PROFILE)
    before = dump(db)
    with pytest.raises(NotFound) as caught:
        call(store)
    assert caught.value.message == "no patient 7; `rehabplan patient list` shows the ids"
    assert dump(db) == before


# check-ins


def test_checkins_in_week_order(store):
    pid = store.add_patient("Ann", PROFILE)
    other = store.add_patient("Bob", PROFILE)
    second = store.add_checkin(pid, 2, checkin(2))
    first = store.add_checkin(pid, 1, checkin(1))
    store.add_checkin(other, 1, checkin(1, note="Bob's"))
    assert first == CheckinRow(2, pid, 1, checkin(1), at(3), replaces=None, superseded_by=None, replaced_at=None)
    assert first.current
    assert store.checkins(pid) == [first, second]
    assert store.checkins(pid, include_superseded=True) == [first, second]
    assert [c.checkin_json for c in store.checkins(other)] == [checkin(1, note="Bob's")]
    assert store.patient(pid).checkins == 2


def test_second_checkin_for_a_week_needs_replace(store, db):
    pid = store.add_patient("Ann", PROFILE)
    store.add_checkin(pid, 2, checkin(2))
    before = dump(db)
    with pytest.raises(InvalidInput) as caught:
        store.add_checkin(pid, 2, checkin(2, note="again"))
    assert caught.value.message == (
        "week 2: patient 1 already has a check-in for this week (recorded 2026-11-23); "
        "use --replace to record this one instead (the old one stays in the history)"
    )
    assert caught.value.exit_code == 2
    assert dump(db) == before


def test_replace_keeps_the_old_checkin_in_the_history(store):
    pid = store.add_patient("Ann", PROFILE)
    old = store.add_checkin(pid, 2, checkin(2, pain_next_morning=5))
    week3 = store.add_checkin(pid, 3, checkin(3))
    new = store.add_checkin(pid, 2, checkin(2, pain_next_morning=2), replace=True)
    assert new == CheckinRow(new.id, pid, 2, checkin(2, pain_next_morning=2), at(3), old.id, None, None)
    old_now = CheckinRow(old.id, pid, 2, old.checkin_json, at(1), None, superseded_by=new.id, replaced_at=at(3))
    assert not old_now.current
    assert store.checkins(pid) == [new, week3]
    assert store.checkins(pid, include_superseded=True) == [old_now, new, week3]
    assert store.patient(pid).checkins == 2


def test_replacing_twice_makes_a_chain(store):
    pid = store.add_patient("Ann", PROFILE)
    a = store.add_checkin(pid, 1, checkin(1, note="a"))
    b = store.add_checkin(pid, 1, checkin(1, note="b"), replace=True)
    c = store.add_checkin(pid, 1, checkin(1, note="c"), replace=True)
    history = store.checkins(pid, include_superseded=True)
    assert [(r.id, r.replaces, r.superseded_by) for r in history] == [
        (a.id, None, b.id),
        (b.id, a.id, c.id),
        (c.id, b.id, None),
    ]
    assert store.checkins(pid) == [c]


def test_replace_without_an_earlier_checkin_just_records(store):
    pid = store.add_patient("Ann", PROFILE)
    row = store.add_checkin(pid, 4, checkin(4), replace=True)
    assert row.replaces is None and store.checkins(pid) == [row]


# plans


def test_plans_are_versioned_and_kept_byte_for_byte(store):
    pid = store.add_patient("Ann", PROFILE)
    first_json = '{"weeks": [],  "note": "caf\u00e9 \u2014 \U0001f3c3", "x": 1.50}\n'
    assert store.add_plan(pid, 1, first_json, []) == 1
    week1 = store.add_checkin(pid, 1, checkin(1))
    store.add_profile_version(pid, '{"age": 35}')
    assert store.add_plan(pid, 2, '{"v": 2}', [week1.id, week1.id]) == 2
    assert store.plan(pid, 1) == PlanRow(pid, 1, 1, first_json, at(1), checkin_ids=())
    assert store.plan(pid, 1).plan_json.encode("utf-8") == first_json.encode("utf-8")
    assert store.plan(pid) == PlanRow(pid, 2, 2, '{"v": 2}', at(4), (week1.id,))
    assert store.plans(pid) == [store.plan(pid, 1), store.plan(pid, 2)]
    assert store.patient(pid).plans == 2


def test_plans_for_another_patient_are_numbered_separately(store):
    ann, bob = store.add_patient("Ann", PROFILE), store.add_patient("Bob", PROFILE)
    store.add_plan(ann, 1, '{"who": "ann"}', [])
    assert store.add_plan(bob, 1, '{"who": "bob"}', []) == 1
    assert store.plan(bob).plan_json == '{"who": "bob"}'
    assert store.plans(bob) == [store.plan(bob, 1)]


def test_a_plan_keeps_the_checkins_it_used_after_they_are_replaced(store):
    pid = store.add_patient("Ann", PROFILE)
    old = store.add_checkin(pid, 1, checkin(1))
    store.add_plan(pid, 1, "{}", [old.id])
    store.add_checkin(pid, 1, checkin(1, note="corrected"), replace=True)
    assert store.plan(pid).checkin_ids == (old.id,)


def test_unknown_plan_version(store, db):
    pid = store.add_patient("Ann", PROFILE)
    store.add_plan(pid, 1, "{}", [])
    store.add_plan(pid, 1, "{}", [])
    before = dump(db)
    with pytest.raises(NotFound) as caught:
        store.plan(pid, 3)
    assert caught.value.message == "patient 1 has no plan version 3; versions available: 1, 2"
    assert dump(db) == before


def test_no_plans_yet(store):
    pid = store.add_patient("Ann", PROFILE)
    assert store.plans(pid) == []
    for version in (None, 1):
        with pytest.raises(NotFound) as caught:
            store.plan(pid, version)
        assert caught.value.message == "patient 1 has no plans yet; `rehabplan plan --patient 1` makes one"


def test_add_plan_with_unknown_profile_version(store, db):
    pid = store.add_patient("Ann", PROFILE)
    before = dump(db)
    with pytest.raises(NotFound) as caught:
        store.add_plan(pid, 2, "{}", [])
    assert caught.value.message == "patient 1 has no profile version 2; versions available: 1"
    assert dump(db) == before


def test_add_plan_with_someone_elses_checkin(store, db):
    ann, bob = store.add_patient("Ann", PROFILE), store.add_patient("Bob", PROFILE)
    mine = store.add_checkin(ann, 1, checkin(1))
    theirs = store.add_checkin(bob, 1, checkin(1))
    before = dump(db)
    with pytest.raises(NotFound) as caught:
        store.add_plan(ann, 1, "{}", [mine.id, theirs.id, 99])
    assert caught.value.message == f"patient 1 has no check-in {theirs.id}, 99"
    assert dump(db) == before


# session logs


def test_session_logs_by_date_then_time(store):
    pid = store.add_patient("Ann", PROFILE)
    other = store.add_patient("Bob", PROFILE)
    later = store.add_session_log(pid, date(2026, 11, 25), 1, 2, 2, 3, "[]")
    earlier = store.add_session_log(pid, date(2026, 11, 23), 1, 3, 1, 5, '["giving_way"]', note="stairs hurt")
    again = store.add_session_log(pid, date(2026, 11, 23), 1, 3, 3, 0, "[]")  # a day may be logged twice
    store.add_session_log(other, date(2026, 11, 23), 1, 1, 1, 0, "[]")
    assert earlier == SessionLogRow(
        2,
        pid,
        date(2026, 11, 23),
        week=1,
        planned=3,
        completed=1,
        pain_during=5,
        flags_json='["giving_way"]',
        note="stairs hurt",
        recorded_at=at(3),
    )
    assert later.note is None and later.recorded_at == at(2)
    assert store.session_logs(pid) == [earlier, again, later]
    assert [r.patient_id for r in store.session_logs(other)] == [other]


def test_no_session_logs_yet(store):
    assert store.session_logs(store.add_patient("Ann", PROFILE)) == []


@pytest.mark.parametrize(
    "values",
    [
        dict(week=0),
        dict(planned=0, completed=0),
        dict(completed=3),
        dict(completed=-1),
        dict(pain_during=11),
    ],
)
def test_session_log_values_outside_the_schema_are_bugs(store, db, values):
    """Why not user errors: the guide validates every answer before it reaches the store."""
    pid = store.add_patient("Ann", PROFILE)
    given = dict(week=1, planned=2, completed=2, pain_during=0) | values
    before = dump(db)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.add_session_log(pid, date(2026, 11, 23), flags_json="[]", **given)
    assert dump(db) == before


# integrity and history


def test_integrity_check_of_a_sound_database(store):
    pid = store.add_patient("Ann", PROFILE)
    store.add_checkin(pid, 1, checkin(1))
    assert store.integrity_check() == []


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM patients",
        "DELETE FROM checkins",
        "DELETE FROM plans",
        "UPDATE profiles SET profile_json = '{}'",
        "UPDATE plans SET plan_json = '{}'",
        "UPDATE checkins SET checkin_json = '{}'",
        "UPDATE checkins SET week = 9",
        "UPDATE checkins SET replaced_at = '2030-01-01T00:00:00+00:00' WHERE replaced_at IS NOT NULL",
        "DELETE FROM session_logs",
        "UPDATE session_logs SET pain_during = 0",
    ],
)
def test_nothing_stored_is_overwritten_even_by_hand(store, db, statement):
    pid = store.add_patient("Ann", PROFILE)
    first = store.add_checkin(pid, 1, checkin(1))
    store.add_checkin(pid, 1, checkin(1, note="again"), replace=True)
    store.add_plan(pid, 1, "{}", [first.id])
    store.add_session_log(pid, date(2026, 11, 23), 1, 2, 2, 4, "[]")
    before = dump(db)
    with closing(sqlite3.connect(db)) as conn, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement)
    assert dump(db) == before


def test_data_survives_reopening(db):
    with Store.open(db, clock=Clock()) as first:
        pid = first.add_patient("Ann", PROFILE)
        first.add_checkin(pid, 1, checkin(1))
        first.add_plan(pid, 1, '{"a": 1}', [])
    with Store.open(db) as second:
        assert second.patient(pid).checkins == 1
        assert second.plan(pid).plan_json == '{"a": 1}'


def test_timestamps_are_utc(db):
    local = timezone(timedelta(hours=2))
    with Store.open(db, clock=lambda: datetime(2026, 11, 23, 10, 0, tzinfo=local)) as store:
        store.add_patient("Ann", PROFILE)
        assert store.patient(1).created_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT created_at FROM patients").fetchone()[0] == "2026-11-23T08:00:00.000000+00:00"


def test_the_default_clock_is_the_wall_clock_in_utc(db):
    with Store.open(db) as store:
        before = datetime.now(UTC)
        store.add_patient("Ann", PROFILE)
        assert before <= store.patient(1).created_at <= datetime.now(UTC)


def test_programming_errors_are_not_user_errors(db):
    with (
        Store.open(db, clock=lambda: datetime(2026, 11, 23)) as store,
        pytest.raises(ValueError, match="aware datetime"),
    ):
        store.add_patient("Ann", PROFILE)
    with Store.open(db) as store:
        with pytest.raises(TypeError, match="JSON text"):
            store.add_patient("Ann", b"{}")
        assert store.patients() == []


# the database file


def test_default_db_path_with_rehabplan_home(tmp_path, monkeypatch):
    assert default_db_path({"REHABPLAN_HOME": str(tmp_path)}) == tmp_path / "rehabplan.db"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_path({"REHABPLAN_HOME": "~/rp"}) == tmp_path / "rp" / "rehabplan.db"
    monkeypatch.setenv("REHABPLAN_HOME", str(tmp_path / "env"))
    assert default_db_path() == tmp_path / "env" / "rehabplan.db"


def test_default_db_path_without_rehabplan_home(tmp_path, monkeypatch):
    import platformdirs

    calls = []

    def user_data_dir(appname, appauthor=None, **_):
        calls.append((appname, appauthor))
        return str(tmp_path / "data" / appname)

    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)
    assert default_db_path({}) == tmp_path / "data" / "rehabplan" / "rehabplan.db"
    assert default_db_path({"REHABPLAN_HOME": ""}) == tmp_path / "data" / "rehabplan" / "rehabplan.db"
    monkeypatch.delenv("REHABPLAN_HOME", raising=False)
    assert default_db_path() == tmp_path / "data" / "rehabplan" / "rehabplan.db"
    assert calls == [("rehabplan", False)] * 3


def test_open_creates_the_folder_private_to_the_owner(tmp_path):
    path = tmp_path / "a" / "b" / "rehabplan.db"
    with Store.open(path) as store:
        assert store.path == path
        store.add_patient("Ann", PROFILE)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(path.parent).st_mode & 0o777 == 0o700
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST


def test_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(InvalidInput) as caught:
        Store.open(path)
    assert caught.value.message == (
        f"{path}: is not a rehabplan database, or it is damaged (file is not a database); "
        "choose another file with --db or REHABPLAN_HOME, or restore it from a backup"
    )
    assert path.read_text() == "shopping list\n" * 100


def test_a_damaged_database(db):
    with Store.open(db) as store:
        for n in range(5):
            store.add_patient(f"patient {n}", PROFILE)
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xa5" * 3996  # the schema page
    db.write_bytes(bytes(data))
    with pytest.raises(InvalidInput) as caught:
        Store.open(db)
    assert caught.value.message == (
        f"{db}: is not a rehabplan database, or it is damaged (database disk image is malformed); "
        "choose another file with --db or REHABPLAN_HOME, or restore it from a backup"
    )


def test_a_database_from_another_program(db):
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    before = db.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        Store.open(db)
    assert caught.value.message == (
        f"{db}: is a SQLite database from another program, not a rehabplan one; "
        "choose another file with --db or REHABPLAN_HOME"
    )
    assert db.read_bytes() == before


def test_a_folder_given_as_the_database(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        Store.open(tmp_path)
    assert caught.value.message == (
        f"{tmp_path}: cannot open the database for writing (unable to open database file); "
        "check its permissions, or choose another file with --db or REHABPLAN_HOME"
    )


def test_a_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "file").write_text("")
    path = tmp_path / "file" / "rehabplan.db"
    with pytest.raises(InvalidInput) as caught:
        Store.open(path)
    assert caught.value.message == (
        f"{path}: cannot create the folder {path.parent} (a file is in the way); "
        "choose another place with --db or REHABPLAN_HOME"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    path = locked / "rehabplan.db"
    with pytest.raises(InvalidInput) as caught:
        Store.open(path)
    assert caught.value.message == (
        f"{path}: cannot create the database (Permission denied); choose another place with --db or REHABPLAN_HOME"
    )


def test_a_database_kept_busy_by_another_command(db, monkeypatch):
    store = Store.open(db)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    with Store.open(db) as impatient, closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(UserError) as caught:
            impatient.add_patient("Ann", PROFILE)
        other.execute("ROLLBACK")
    assert caught.value.message == (
        f"{db}: another rehabplan command kept the database busy for 0.2 s; wait for it to finish, then try again"
    )
    assert store.patients() == []  # readers are not blocked, and nothing was written
    store.close()


def test_store_module_is_the_only_sql_speaker():
    """Why: one place to look for every query (STYLE.md); other modules call the store's methods."""
    package = Path(store_module.__file__).parent
    speakers = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "import sqlite3" in p.read_text(encoding="utf-8")
    )
    assert speakers == ["connection.py", "migrations.py", "store.py"]
