"""The schema as numbered migrations, and the check that a file holds our schema.

``connection.py`` opens the file and runs ``apply`` when its schema is behind.

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

import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path

from rehabplan.errors import InvalidInput

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


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
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
