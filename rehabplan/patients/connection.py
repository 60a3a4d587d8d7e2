"""The database file: opening it with the right settings, transactions, and SQLite's errors as
user errors naming the file. ``migrations.py`` brings its schema up to date; ``store.py`` says
what is kept.

Why these settings (measured with concurrent processes: tests/patients/test_store_concurrency.py):
WAL so readers never block the writer; a
30 s busy timeout so concurrent commands wait instead of failing; every write in
``BEGIN IMMEDIATE`` with ``isolation_level=None``, because Python's implicit transactions lost
75 % of concurrent updates and deferred ones fail with "database is locked".
Why ``synchronous=FULL`` (not NORMAL): NORMAL in WAL survives a crashed process but may lose the
last commits on power loss. A command that said "check-in recorded" or printed a plan should
keep that promise; the price is one fsync per command, invisible next to building a plan.
"""

import errno
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from rehabplan.errors import CannotFit, InvalidInput, UserError
from rehabplan.patients import migrations

BUSY_TIMEOUT_S = 30.0


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
            migrations.check_ours(conn, path)  # before changing anything in a file that is not ours
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            if migrations.user_version(conn) != migrations.LATEST:  # the common case needs no write lock
                with immediate(conn):
                    migrations.check_ours(conn, path)  # again, now that no one else can migrate
                    migrations.apply(conn, migrations.user_version(conn))
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
                version = migrations.user_version(conn)
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
                version = migrations.user_version(conn)
            migrations.check_ours(conn, path)
    except BaseException:
        conn.close()
        raise
    if version != migrations.LATEST:
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
            raise migrations.damaged(path, exc) from None
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
