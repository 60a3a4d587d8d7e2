"""The database file: connection settings, transactions, and the schema as numbered migrations.

``store.py`` says what is kept; this module says how the file is opened and changed.

Why these settings (measured with concurrent processes: tests/patients/test_store_concurrency.py):
WAL so readers never block the writer; a
30 s busy timeout so concurrent commands wait instead of failing; every write in
``BEGIN IMMEDIATE`` with ``isolation_level=None``, because Python's implicit transactions lost
75 % of concurrent updates and deferred ones fail with "database is locked".
Why ``synchronous=FULL`` (not NORMAL): NORMAL in WAL survives a crashed process but may lose the
last commits on power loss. A command that said "check-in recorded" or printed a plan should
keep that promise; the price is one fsync per command, invisible next to building a plan.

Migration *n* takes the schema from version ``n - 1`` to ``n`` (``PRAGMA user_version``). All
pending ones run in one ``BEGIN IMMEDIATE`` transaction that also sets ``user_version``, so a
crash leaves the old version or the new one, never a mix. Never edit a shipped migration; add
one. ``tests/patients/test_migrations.py`` upgrades a database from every earlier version.
Why statements as tuples, not one script: ``executescript`` commits the open transaction first.

1. Tables: patients, profile versions, check-ins, issued plans and the check-ins each plan used.
2. Replace history: a replaced check-in stays, marked ``replaced_at`` / ``superseded_by``; at
   most one current check-in per patient and week (a partial unique index). Weeks that schema 1
   already holds twice keep their newest check-in current and chain the older ones to it.
3. Append-only guards: triggers refuse deletes and rewrites, so nothing stored is overwritten.
   The only update allowed is marking a current check-in as replaced, once.
4. Session logs: what a guided session (`rehabplan today --guide`) recorded at its end, one row
   per session day answered; append-only from the start.
5. The profile file a patient was added from (its name only), shown for a profile without a
   name; empty for patients added before.
"""

import errno
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from functools import cache
from pathlib import Path

from rehabplan.errors import CannotFit, InvalidInput, UserError

BUSY_TIMEOUT_S = 30.0
_APPEND_ONLY = "RAISE(ABORT, 'rehabplan store is append-only: {what}')"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: tables
        """CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            name TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE profiles (
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            profile_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (patient_id, version)
        )""",
        """CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            week INTEGER NOT NULL CHECK (week >= 1),
            checkin_json TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX checkins_by_patient ON checkins (patient_id, week)",
        """CREATE TABLE plans (
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            profile_version INTEGER NOT NULL,
            plan_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (patient_id, version),
            FOREIGN KEY (patient_id, profile_version) REFERENCES profiles (patient_id, version)
        )""",
        """CREATE TABLE plan_checkins (
            patient_id INTEGER NOT NULL,
            plan_version INTEGER NOT NULL,
            checkin_id INTEGER NOT NULL REFERENCES checkins(id),
            PRIMARY KEY (patient_id, plan_version, checkin_id),
            FOREIGN KEY (patient_id, plan_version) REFERENCES plans (patient_id, version)
        )""",
    ),
    (  # 2: replace history
        "ALTER TABLE checkins ADD COLUMN replaced_at TEXT",
        "ALTER TABLE checkins ADD COLUMN superseded_by INTEGER REFERENCES checkins(id)",
        # Schema 1 had no replace rule: a week recorded twice becomes a chain, newest current.
        """UPDATE checkins SET superseded_by = (
            SELECT min(later.id) FROM checkins AS later
            WHERE later.patient_id = checkins.patient_id AND later.week = checkins.week
              AND later.id > checkins.id
        )""",
        """UPDATE checkins SET replaced_at = (
            SELECT later.recorded_at FROM checkins AS later WHERE later.id = checkins.superseded_by
        ) WHERE superseded_by IS NOT NULL""",
        """CREATE UNIQUE INDEX checkins_current_week ON checkins (patient_id, week)
            WHERE replaced_at IS NULL""",
    ),
    (  # 3: append-only guards
        *(
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT {_APPEND_ONLY.format(what=f"{table} rows are never deleted")}; END"""
            for table in ("patients", "profiles", "checkins", "plans", "plan_checkins")
        ),
        *(
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT {_APPEND_ONLY.format(what=f"{table} rows are never changed")}; END"""
            for table in ("patients", "profiles", "plans", "plan_checkins")
        ),
        f"""CREATE TRIGGER checkins_only_replace BEFORE UPDATE ON checkins
            WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
              OR NEW.week IS NOT OLD.week OR NEW.checkin_json IS NOT OLD.checkin_json
              OR NEW.recorded_at IS NOT OLD.recorded_at
              OR (OLD.replaced_at IS NOT NULL AND NEW.replaced_at IS NOT OLD.replaced_at)
              OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS NOT OLD.superseded_by)
            BEGIN SELECT {_APPEND_ONLY.format(what="a check-in can only be marked replaced")}; END""",
    ),
    (  # 4: session logs
        """CREATE TABLE session_logs (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            date TEXT NOT NULL,
            week INTEGER NOT NULL CHECK (week >= 1),
            planned INTEGER NOT NULL CHECK (planned >= 1),
            completed INTEGER NOT NULL CHECK (completed BETWEEN 0 AND planned),
            pain_during INTEGER NOT NULL CHECK (pain_during BETWEEN 0 AND 10),
            flags_json TEXT NOT NULL,
            note TEXT,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX session_logs_by_patient ON session_logs (patient_id, date)",
        f"""CREATE TRIGGER session_logs_no_delete BEFORE DELETE ON session_logs
            BEGIN SELECT {_APPEND_ONLY.format(what="session_logs rows are never deleted")}; END""",
        f"""CREATE TRIGGER session_logs_no_update BEFORE UPDATE ON session_logs
            BEGIN SELECT {_APPEND_ONLY.format(what="session_logs rows are never changed")}; END""",
    ),
    (  # 5: the profile file's name
        "ALTER TABLE patients ADD COLUMN profile_file TEXT",
    ),
)

LATEST = len(MIGRATIONS)


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """Open ``path`` (creating the folder and file if needed) with the settings above, schema up to date.

    ``read_only`` opens an existing, up-to-date database without write access (``mode=ro``), so
    commands that only read work on a file or folder the user may not write to.
    """
    if read_only and path.is_file():
        conn = _connect_read_only(path)
        if conn is not None:
            return conn
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        in_the_way = isinstance(exc, (FileExistsError, NotADirectoryError))
        raise InvalidInput(
            f"{path}: cannot create the folder {path.parent} "
            f"({'a file is in the way' if in_the_way else exc.strerror}); "
            "choose another place with --db or REHABPLAN_HOME"
        ) from None
    try:
        if not path.exists():  # health data: readable by the owner only (WAL files follow suit)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise CannotFit(
                f"{path}: cannot create the database ({exc.strerror}); "
                "free some space, or choose another place with --db or REHABPLAN_HOME"
            ) from None
        raise InvalidInput(
            f"{path}: cannot create the database ({exc.strerror}); choose another place with --db or REHABPLAN_HOME"
        ) from None
    with translated(path):
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        with translated(path):
            conn.execute("PRAGMA foreign_keys = ON")
            _check_ours(conn, path)  # before changing anything in a file that is not ours
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            if user_version(conn) != LATEST:  # the common case needs no write lock
                with immediate(conn):
                    _check_ours(conn, path)  # again, now that no one else can migrate
                    apply(conn, user_version(conn))
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection | None:
    """The database opened read-only, or None when its schema needs an upgrade first.

    Why ``immutable`` as a fallback: reading a WAL database needs its index file (``-shm``) next
    to it, and a read-only folder (or a full disk) may not have one nor allow making it. Then no
    rehabplan can be writing to the file either (a writer needs that folder and room too), so
    reading the file as it is on disk is safe, as long as no write-ahead log is left over from a
    crash (``_wal_pending``): that would be ignored, so then the error stands.
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    with translated(path):
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        with translated(path):
            try:
                version = user_version(conn)
            except sqlite3.OperationalError as exc:
                if not exc.sqlite_errorname.startswith(_NO_WAL_INDEX):
                    raise
                if _wal_pending(path):
                    raise InvalidInput(
                        f"{path}: cannot read the database ({exc}): it cannot be written here, and its "
                        f"{path.name}-wal holds changes not yet merged into it; run any rehabplan command "
                        "on it once where it can be written, or choose another file with --db or REHABPLAN_HOME"
                    ) from None
                conn.close()
                conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
                version = user_version(conn)
            _check_ours(conn, path)
    except BaseException:
        conn.close()
        raise
    if version != LATEST:
        conn.close()
        return None
    return conn


_NO_WAL_INDEX = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR_SHM")


def _wal_pending(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (it stays so), waiting like the busy timeout would.

    Why the loop: processes opening a new file together race to switch it, and SQLite answers
    the losers "busy" at once instead of waiting (the switch needs the file to itself).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not exc.sqlite_errorname.startswith("SQLITE_BUSY") or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database from a newer rehabplan or from another program, and one whose tables
    are not those of its schema version (damaged, or its ``user_version`` changed by hand)."""
    version = user_version(conn)
    if version > LATEST:
        raise InvalidInput(
            f"{path}: the database was written by a newer rehabplan (schema version {version}; "
            f"this one knows up to {LATEST}); upgrade rehabplan, or choose another database "
            "with --db or REHABPLAN_HOME"
        )
    found = _objects(conn)
    if version == 0 and found:
        raise InvalidInput(
            f"{path}: is a SQLite database from another program, not a rehabplan one; "
            "choose another file with --db or REHABPLAN_HOME"
        )
    if version < 0:
        raise damaged(path, f"schema version {version}")
    expected = expected_objects(MIGRATIONS[:version])
    if found != expected:
        missing = sorted(expected - found)
        detail = (
            f"without the {missing[0][0]} {missing[0][1]}"
            if missing
            else "but it has tables of a later one"
            if found <= expected_objects(MIGRATIONS)
            else f"with an unknown {min(found - expected)[0]} {min(found - expected)[1]}"
        )
        raise damaged(path, f"schema version {version}{',' if not missing else ''} {detail}")


def _objects(conn: sqlite3.Connection) -> frozenset[tuple[str, str]]:
    """The schema's tables, indexes and triggers as (type, name), SQLite's own left out."""
    return frozenset(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"))


@cache
def expected_objects(migrations: tuple[tuple[str, ...], ...]) -> frozenset[tuple[str, str]]:
    """The (type, name) of every object these migrations create, from an in-memory database."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        for statement in (s for m in migrations for s in m):
            conn.execute(statement)
        return _objects(conn)


def damaged(path: Path, detail: object) -> InvalidInput:
    return InvalidInput(
        f"{path}: is not a rehabplan database, or it is damaged ({detail}); "
        "choose another file with --db or REHABPLAN_HOME, or restore it from a backup"
    )


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def apply(conn: sqlite3.Connection, current: int, target: int | None = None) -> None:
    """Run migrations ``current + 1 .. target`` (default: all); the caller holds a ``BEGIN IMMEDIATE``."""
    for number in range(current + 1, (LATEST if target is None else target) + 1):
        for statement in MIGRATIONS[number - 1]:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(number)}")


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction: all of it commits, or none of it (errors roll back)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            _roll_back(conn)
        raise


def _roll_back(conn: sqlite3.Connection) -> None:
    """Why errors are let go: the first error is the one to report (a full disk, say), and a
    transaction that cannot be rolled back now is rolled back by SQLite when the file is next
    opened; nothing of it is ever committed."""
    with suppress(sqlite3.Error):
        conn.execute("ROLLBACK")


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction, so the queries of one call see one state of the database."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            _roll_back(conn)


def _disk_full(path: Path) -> bool:
    """Why ask: SQLite reports a full disk as an I/O error when it cannot grow its WAL index."""
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


@contextmanager
def translated(path: Path, failed: str | None = None) -> Iterator[None]:
    """Turn a damaged, unreadable, read-only, full or locked database into a user error naming
    the file; ``failed`` says what did not happen ("the check-in was not stored"). Other SQLite
    errors are bugs and keep their traceback."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "")
        what = failed or "the database could not be opened"
        if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            raise damaged(path, exc) from None
        if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and _disk_full(path)):
            raise CannotFit(f"{path}: the disk is full, so {what} ({exc}); free some space, then try again") from None
        if name.startswith("SQLITE_IOERR"):
            raise CannotFit(
                f"{path}: the disk could not be read or written, so {what} ({exc}); "
                "check that it has free space and is still connected, then try again"
            ) from None
        if name.startswith("SQLITE_READONLY") and failed:
            raise InvalidInput(
                f"{path}: the database is read-only, so {failed} ({exc}); "
                "check its permissions, or choose another file with --db or REHABPLAN_HOME"
            ) from None
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")):
            raise InvalidInput(
                f"{path}: cannot open the database for writing ({exc}); "
                "check its permissions, or choose another file with --db or REHABPLAN_HOME"
            ) from None
        if name.startswith("SQLITE_BUSY"):
            raise UserError(
                f"{path}: another rehabplan command kept the database busy for "
                f"{BUSY_TIMEOUT_S:g} s; wait for it to finish, then try again"
            ) from None
        raise
