"""What the store says when the disk is full, the file is read-only or its schema is unknown:
one line naming the database, what failed and the fix; the right exit code; nothing half-written."""

import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

import rehabplan.patients.history  # noqa: F401 (imported before a child process drops its rights)
from rehabplan.cli import main
from rehabplan.errors import InvalidInput, UserError
from rehabplan.patients import connection, migrations, records
from rehabplan.patients.store import Store
from tests.support import GOOD
from tests.support.patients import dump

PROFILE = GOOD + "plan: {start: 2026-11-02, weeks: 2}\n"
CHECKIN = ["--week", "1", "--sessions-done", "2", "--pain-next-morning", "1"]


def page_count(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA page_count").fetchone()[0]


class FullDisk:
    """``cap()``: from now on the database cannot grow by a single page (``PRAGMA max_page_count``
    on every connection the store opens), as on a full disk. ``fill(table)`` then uses up the
    room left in that table's last pages with the smallest rows it takes."""

    def __init__(self, db, monkeypatch):
        self.db, self.pages = db, None
        connect = connection.connect

        def capped(path, *args, **kwargs):
            conn = connect(path, *args, **kwargs)
            if self.pages is not None:
                conn.execute(f"PRAGMA max_page_count = {self.pages}")
            return conn

        monkeypatch.setattr(connection, "connect", capped)

    def cap(self) -> None:
        self.pages = page_count(self.db)

    def fill(self, table: str) -> None:
        with Store.open(self.db) as store:
            filler = store.add_patient("filler", "{}") if table == "checkins" else None
            for n in range(1, 10_000):
                try:
                    if table == "checkins":
                        store.add_checkin(filler, n, "{}")
                    else:
                        store.add_patient(None, "{}")
                except UserError:
                    return
        raise AssertionError("the database never filled up")


@pytest.fixture
def full_disk(db, monkeypatch):
    return FullDisk(db, monkeypatch)


def test_patient_add_on_a_full_disk_exits_1_and_stores_nothing(cli, write, db, full_disk):
    cli("patient", "add", write(PROFILE), "--db", db)
    full_disk.cap()
    full_disk.fill("patients")
    before = dump(db)
    result = cli("patient", "add", write(PROFILE.replace("Test Runner", "Sam"), "sam.yaml"), "--db", db)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{db}: the disk is full, so the new patient was not stored "
        "(database or disk is full); free some space, then try again\n"
    )
    assert dump(db) == before


def test_checkin_on_a_full_disk_exits_1_and_stores_nothing(cli, write, db, full_disk):
    cli("patient", "add", write(PROFILE), "--db", db)
    full_disk.cap()
    full_disk.fill("checkins")
    before = dump(db)
    result = cli("checkin", "1", *CHECKIN, "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{db}: the disk is full, so the check-in was not stored "
        "(database or disk is full); free some space, then try again\n"
    )
    assert dump(db) == before


def test_plan_for_a_patient_on_a_full_disk_exits_1_and_writes_no_file(cli, write, db, full_disk, tmp_path):
    cli("patient", "add", write(PROFILE), "--db", db)
    full_disk.cap()
    before = dump(db)
    result = cli("plan", "--patient", "1", "-o", tmp_path / "plan.json", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{db}: the disk is full, so the plan was not stored "
        "(database or disk is full); free some space, then try again\n"
    )
    assert dump(db) == before and not (tmp_path / "plan.json").exists()


def test_a_failed_write_leaves_no_half_patient(db, full_disk):
    """The patient row fits, its profile does not: the whole add is rolled back."""
    Store.open(db).close()
    full_disk.cap()
    with Store.open(db) as store:
        with pytest.raises(UserError):
            store.add_patient("Ann", json.dumps({"note": "x" * 20_000}))
        assert store.patients() == []


def test_a_disk_full_while_creating_the_file_exits_1(db, monkeypatch):
    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "open", no_space)
    with pytest.raises(UserError) as caught:
        Store.open(db)
    assert caught.value.exit_code == 1
    assert caught.value.message == (
        f"{db}: cannot create the database (No space left on device); "
        "free some space, or choose another place with --db or REHABPLAN_HOME"
    )


@pytest.mark.parametrize(
    "version, detail",
    [
        (-1, "schema version -1"),
        (2, "schema version 2, but it has tables of a later one"),
    ],
)
def test_a_user_version_that_does_not_match_the_tables_is_a_damaged_database(cli, write, db, version, detail):
    cli("patient", "add", write(PROFILE), "--db", db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    before = dump(db)
    for args in (["patient", "list"], ["patient", "add", write(PROFILE)], ["checkin", "1", *CHECKIN]):
        result = cli(*args, "--db", db)
        assert result.exit_code == 2
        assert result.stderr == (
            f"{db}: is not a rehabplan database, or it is damaged ({detail}); "
            "choose another file with --db or REHABPLAN_HOME, or restore it from a backup\n"
        )
    assert dump(db) == before


def test_a_missing_table_is_a_damaged_database(db):
    Store.open(db).close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP TABLE plan_checkins")
    with pytest.raises(InvalidInput) as caught:
        Store.open(db, read_only=True)
    assert caught.value.message == (
        f"{db}: is not a rehabplan database, or it is damaged (schema version {migrations.LATEST} "
        "without the table plan_checkins); choose another file with --db or REHABPLAN_HOME, "
        "or restore it from a backup"
    )


def test_a_read_only_store_reads_and_refuses_writes_naming_the_file(db):
    """Runs as root too: ``mode=ro`` refuses writes whoever you are."""
    with Store.open(db) as store:
        store.add_patient("Ann", "{}")
    before = dump(db)
    with Store.open(db, read_only=True) as store:
        assert [p.name for p in store.patients()] == ["Ann"]
        with pytest.raises(InvalidInput) as caught:
            store.add_checkin(1, 1, "{}")
    assert caught.value.message == (
        f"{db}: the database is read-only, so the check-in was not stored (attempt to write a readonly "
        "database); check its permissions, or choose another file with --db or REHABPLAN_HOME"
    )
    assert dump(db) == before


def test_read_only_commands_open_the_database_read_only(cli, write, db, monkeypatch):
    """Runs as root too: every other way of opening the file fails, so these commands must use ``mode=ro``."""
    cli("patient", "add", write(PROFILE), "--db", db)
    cli("plan", "--patient", "1", "--db", db)
    connect = sqlite3.connect

    def read_only_file(target, *args, **kwargs):
        if "mode=ro" not in str(target) and target != ":memory:":
            raise sqlite3.OperationalError("unable to open database file")
        return connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_file)
    for args in (
        ["patient", "list"],
        ["patient", "show", "1"],
        ["history", "1"],
        ["history", "1", "--format", "json"],
        ["plan", "--patient", "1", "--version", "1"],
    ):
        result = cli(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)


def as_another_user(run):
    """``run()`` with the permissions of an ordinary user: in a child process that drops root's
    rights (so this works when the tests run as root, as in CI), else directly. The child can
    only use modules imported before it starts."""
    if os.geteuid() != 0:
        return run()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            answer = json.dumps(run())
        except BaseException as exc:  # noqa: BLE001 - the child reports any failure through the pipe
            answer = json.dumps(["child failed", repr(exc)])
        os.write(writer, answer.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        answer = pipe.read()
    os.waitpid(child, 0)
    return json.loads(answer)


@pytest.fixture
def shared():
    """A database with one patient, and a profile, in a folder anyone may read but no one may write.

    Not under pytest's tmp_path: its folders are private to the user running the tests."""
    base = Path(tempfile.mkdtemp())
    base.chmod(0o755)
    profile = base / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    folder = base / "shared"
    folder.mkdir()
    path = folder / "rehabplan.db"
    with Store.open(path) as store:
        store.add_patient("Ann", records.stored_profile(profile).model_dump_json())
    profile.chmod(0o644)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o700)
    shutil.rmtree(base)


def run_cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return [result.exit_code, result.stdout, result.stderr]


def test_a_read_only_folder_and_file_still_list_show_and_history(shared):
    before = shared.read_bytes()
    for args in (["patient", "list"], ["patient", "show", "1"], ["history", "1"]):
        code, _, err = as_another_user(lambda args=args: run_cli(*args, "--db", shared))
        assert (code, err) == (0, ""), args
    assert "Ann" in as_another_user(lambda: run_cli("patient", "list", "--db", shared))[1]
    code, _, err = as_another_user(
        lambda: run_cli("patient", "add", shared.parent.parent / "profile.yaml", "--db", shared)
    )
    assert code == 2 and err.startswith(f"{shared}: cannot open the database for writing (")
    assert err.endswith("check its permissions, or choose another file with --db or REHABPLAN_HOME\n")
    assert shared.read_bytes() == before and os.listdir(shared.parent) == ["rehabplan.db"]


def test_a_read_only_folder_with_unmerged_changes_is_not_read_without_them(shared):
    """Reading the file as it is would leave out what its write-ahead log holds: refuse instead."""
    folder = shared.parent
    folder.chmod(0o755)
    (folder / "rehabplan.db-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(60))
    (folder / "rehabplan.db-wal").chmod(0o444)
    folder.chmod(0o555)
    code, out, err = as_another_user(lambda: run_cli("patient", "list", "--db", shared))
    assert (code, out) == (2, "")
    assert err.startswith(f"{shared}: cannot read the database (")  # then SQLite's words
    assert err.endswith(
        "): it cannot be written here, and its rehabplan.db-wal holds changes not yet merged into it; "
        "run any rehabplan command on it once where it can be written, or choose another file with "
        "--db or REHABPLAN_HOME\n"
    )


@pytest.mark.parametrize(
    "free, message",
    [
        (0, "the disk is full, so the check-in was not stored (disk I/O error); free some space, then try again"),
        (
            10**9,
            "the disk could not be read or written, so the check-in was not stored (disk I/O error); check that it "
            "has free space and is still connected, then try again",
        ),
    ],
)
def test_an_io_error_says_whether_the_disk_is_full(db, monkeypatch, free, message):
    """SQLite reports a full disk as an I/O error when it cannot grow its WAL index."""
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9 - free, free))
    with pytest.raises(UserError) as caught, connection.translated(db, "the check-in was not stored"):
        raise error
    assert (caught.value.exit_code, caught.value.message) == (1, f"{db}: {message}")
