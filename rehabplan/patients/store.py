"""Patients, profile versions, check-ins, issued plans and session logs, kept in SQLite.

This module, ``connection.py`` (how the file is opened and written) and ``migrations.py`` (its
schema, numbered migrations) are the only places that speak SQL.

The store keeps JSON text the caller produced and hands it back unchanged; it knows nothing of
the pydantic models. It enforces identity and history (the patient exists, one current check-in
per week, nothing is overwritten); the caller validates content (pain 0-10, week in the plan).

API::

    default_db_path(environ=None) -> Path
    Store.open(path, clock=None, read_only=False) -> Store  # also a context manager; .close()
    store.add_patient(name, profile_json, profile_file=None, unique=False) -> int  # id; profile version 1
    store.patients() -> list[PatientRow];  store.patient(patient_id) -> PatientRow
    store.add_profile_version(patient_id, profile_json) -> int
    store.profile(patient_id, version=None) -> ProfileRow                     # latest when None
    store.add_checkin(patient_id, week, checkin_json, replace=False) -> CheckinRow
    store.checkins(patient_id, include_superseded=False) -> list[CheckinRow]  # by week, then time
    store.add_plan(patient_id, profile_version, plan_json, checkin_ids) -> int  # plan version
    store.issue_plan(patient_id, profile_version, plan_json, checkin_ids) -> (int, bool)  # unless unchanged
    store.plans(patient_id) -> list[PlanRow];  store.plan(patient_id, version=None) -> PlanRow
    store.add_session_log(patient_id, day, week, planned, completed, pain_during, flags_json,
                          note=None) -> SessionLogRow                         # a guided session's answers
    store.session_logs(patient_id) -> list[SessionLogRow]                     # by date, then time
    store.integrity_check() -> list[str]                                      # [] when healthy

Why a clock: timestamps are UTC ISO text from ``clock()``, so tests and replays are not tied to
wall time.
"""

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from rehabplan.errors import InvalidInput, NotFound
from rehabplan.patients import connection
from rehabplan.patients.rows import CheckinRow, PatientRow, PlanRow, ProfileRow, SessionLogRow

DB_NAME = "rehabplan.db"
Clock = Callable[[], datetime]


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$REHABPLAN_HOME/rehabplan.db`` when set, else the platform's user data folder."""
    environ = os.environ if environ is None else environ
    home = environ.get("REHABPLAN_HOME")
    if home:
        return Path(home).expanduser() / DB_NAME
    # lazy: platformdirs costs about 20 ms, and only a default path needs it
    import platformdirs

    return Path(platformdirs.user_data_dir("rehabplan", appauthor=False)) / DB_NAME


_PATIENT = """SELECT p.id, p.name, p.created_at,
    (SELECT max(version) FROM profiles WHERE patient_id = p.id),
    (SELECT count(*) FROM checkins WHERE patient_id = p.id AND replaced_at IS NULL),
    (SELECT count(*) FROM plans WHERE patient_id = p.id),
    p.profile_file
    FROM patients AS p"""
_CHECKIN = """SELECT c.id, c.patient_id, c.week, c.checkin_json, c.recorded_at,
    (SELECT o.id FROM checkins AS o WHERE o.patient_id = c.patient_id AND o.superseded_by = c.id),
    c.superseded_by, c.replaced_at
    FROM checkins AS c"""
_PLAN = "SELECT patient_id, version, profile_version, plan_json, created_at FROM plans"
_SESSION_LOG = """SELECT id, patient_id, date, week, planned, completed, pain_during, flags_json, note,
    recorded_at FROM session_logs"""


class Store:
    """One open database. Methods raise ``NotFound`` / ``InvalidInput`` and change nothing on a bad request."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock):
        self._conn, self.path, self._clock = conn, path, clock

    @classmethod
    def open(cls, path: Path, clock: Clock | None = None, read_only: bool = False) -> "Store":
        """Connect (creating the folder and file if needed) and bring the schema up to date;
        ``read_only`` for commands that only read, so they work on a file the user cannot write."""
        path = Path(path)
        return cls(connection.connect(path, read_only), path, clock or (lambda: datetime.now(UTC)))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # patients and profiles

    def add_patient(
        self, name: str | None, profile_json: str, profile_file: str | None = None, unique: bool = False
    ) -> int:
        """Store a new patient with profile version 1; return the patient id. With ``unique``, a
        profile some patient already has (in any version) is refused, naming that patient."""
        with self._write("the new patient") as conn:
            if unique:
                same = conn.execute(
                    "SELECT min(patient_id) FROM profiles WHERE profile_json = ?", (_json(profile_json),)
                ).fetchone()[0]
                if same is not None:
                    row = self._require_patient(conn, same)
                    raise InvalidInput(
                        f"patient {same} ({row.label}) was added from this same profile; "
                        f"`rehabplan patient show {same}` shows them, or add --force to store another patient from it"
                    )
            now = self._now()
            patient_id = conn.execute(
                "INSERT INTO patients (name, created_at, profile_file) VALUES (?, ?, ?)", (name, now, profile_file)
            ).lastrowid
            assert patient_id is not None  # an INSERT sets it
            conn.execute("INSERT INTO profiles VALUES (?, 1, ?, ?)", (patient_id, _json(profile_json), now))
            return patient_id

    def patients(self) -> list[PatientRow]:
        """Every patient, by id, with their latest profile version and how many check-ins and plans."""
        with self._read() as conn:
            return [_patient(row) for row in conn.execute(_PATIENT + " ORDER BY p.id")]

    def patient(self, patient_id: int) -> PatientRow:
        """One patient, or ``NotFound`` naming the id."""
        with self._read() as conn:
            return self._require_patient(conn, patient_id)

    def add_profile_version(self, patient_id: int, profile_json: str) -> int:
        """Keep a changed profile as the patient's next version; return its number."""
        with self._write("the new profile version") as conn:
            version = self._require_patient(conn, patient_id).profile_version + 1
            conn.execute(
                "INSERT INTO profiles VALUES (?, ?, ?, ?)",
                (patient_id, version, _json(profile_json), self._now()),
            )
            return version

    def profile(self, patient_id: int, version: int | None = None) -> ProfileRow:
        """One profile version (the latest when ``version`` is None)."""
        with self._read() as conn:
            latest = self._require_patient(conn, patient_id).profile_version
            row = conn.execute(
                "SELECT patient_id, version, profile_json, created_at FROM profiles"
                " WHERE patient_id = ? AND version = ?",
                (patient_id, latest if version is None else version),
            ).fetchone()
            if row is None:
                raise NotFound(
                    f"patient {patient_id} has no profile version {version}; versions available: {_range_text(latest)}"
                )
            return ProfileRow(row[0], row[1], row[2], _time(row[3]))

    # check-ins

    def add_checkin(self, patient_id: int, week: int, checkin_json: str, replace: bool = False) -> CheckinRow:
        """Record a week's check-in. A week already recorded needs ``replace``; the old one stays in the history."""
        with self._write("the check-in") as conn:
            self._require_patient(conn, patient_id)
            old = conn.execute(
                "SELECT id, recorded_at FROM checkins WHERE patient_id = ? AND week = ? AND replaced_at IS NULL",
                (patient_id, week),
            ).fetchone()
            if old is not None and not replace:
                raise InvalidInput(
                    f"week {week}: patient {patient_id} already has a check-in for this week "
                    f"(recorded {old[1][:10]}); use --replace to record this one instead "
                    "(the old one stays in the history)"
                )
            now = self._now()
            if old is not None:  # mark it replaced first: one current check-in per week
                conn.execute("UPDATE checkins SET replaced_at = ? WHERE id = ?", (now, old[0]))
            new_id = conn.execute(
                "INSERT INTO checkins (patient_id, week, checkin_json, recorded_at) VALUES (?, ?, ?, ?)",
                (patient_id, week, _json(checkin_json), now),
            ).lastrowid
            if old is not None:
                conn.execute("UPDATE checkins SET superseded_by = ? WHERE id = ?", (new_id, old[0]))
            return _checkin(conn.execute(_CHECKIN + " WHERE c.id = ?", (new_id,)).fetchone())

    def checkins(self, patient_id: int, include_superseded: bool = False) -> list[CheckinRow]:
        """The patient's current check-ins (and replaced ones if asked), by week, then time recorded."""
        with self._read() as conn:
            self._require_patient(conn, patient_id)
            where = "" if include_superseded else " AND c.replaced_at IS NULL"
            rows = conn.execute(
                _CHECKIN + " WHERE c.patient_id = ?" + where + " ORDER BY c.week, c.recorded_at, c.id",
                (patient_id,),
            )
            return [_checkin(row) for row in rows]

    # plans

    def add_plan(self, patient_id: int, profile_version: int, plan_json: str, checkin_ids: list[int]) -> int:
        """Keep an issued plan with the profile version and check-ins it was built from; return its version."""
        with self._write("the plan") as conn:
            return self._insert_plan(conn, patient_id, profile_version, plan_json, checkin_ids)

    def issue_plan(
        self, patient_id: int, profile_version: int, plan_json: str, checkin_ids: list[int]
    ) -> tuple[int, bool]:
        """``add_plan`` unless the plan is byte-identical to the latest one: (its version, whether it is new).

        Why in the write transaction: concurrent `plan --patient` runs on the same inputs build
        the same plan; deciding "unchanged" where no other writer can come between stores it once.
        """
        with self._write("the plan") as conn:
            latest = conn.execute(
                "SELECT version, plan_json FROM plans WHERE patient_id = ? ORDER BY version DESC LIMIT 1",
                (patient_id,),
            ).fetchone()
            if latest is not None and latest[1] == _json(plan_json):
                return latest[0], False
            return self._insert_plan(conn, patient_id, profile_version, plan_json, checkin_ids), True

    def _insert_plan(
        self, conn: sqlite3.Connection, patient_id: int, profile_version: int, plan_json: str, checkin_ids: list[int]
    ) -> int:
        latest = self._require_patient(conn, patient_id).profile_version
        if not 1 <= profile_version <= latest:
            raise NotFound(
                f"patient {patient_id} has no profile version {profile_version}; "
                f"versions available: {_range_text(latest)}"
            )
        ids = sorted(set(checkin_ids))
        owned = {
            row[0]
            for row in conn.execute(
                f"SELECT id FROM checkins WHERE patient_id = ? AND id IN ({','.join('?' * len(ids))})",
                (patient_id, *ids),
            )
        }
        if missing := [i for i in ids if i not in owned]:
            raise NotFound(f"patient {patient_id} has no check-in {', '.join(map(str, missing))}")
        (version,) = conn.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM plans WHERE patient_id = ?", (patient_id,)
        ).fetchone()
        conn.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?)",
            (patient_id, version, profile_version, _json(plan_json), self._now()),
        )
        conn.executemany("INSERT INTO plan_checkins VALUES (?, ?, ?)", [(patient_id, version, i) for i in ids])
        return version

    def plans(self, patient_id: int) -> list[PlanRow]:
        """Every plan issued to the patient, oldest first."""
        with self._read() as conn:
            self._require_patient(conn, patient_id)
            rows = conn.execute(_PLAN + " WHERE patient_id = ? ORDER BY version", (patient_id,)).fetchall()
            return [self._plan(conn, row) for row in rows]

    def plan(self, patient_id: int, version: int | None = None) -> PlanRow:
        """One issued plan (the latest when ``version`` is None), its JSON byte for byte as stored."""
        with self._read() as conn:
            count = self._require_patient(conn, patient_id).plans
            if count == 0:
                raise NotFound(
                    f"patient {patient_id} has no plans yet; `rehabplan plan --patient {patient_id}` makes one"
                )
            wanted = count if version is None else version
            row = conn.execute(_PLAN + " WHERE patient_id = ? AND version = ?", (patient_id, wanted)).fetchone()
            if row is None:
                raise NotFound(
                    f"patient {patient_id} has no plan version {version}; versions available: {_range_text(count)}"
                )
            return self._plan(conn, row)

    # session logs

    def add_session_log(
        self,
        patient_id: int,
        day: date,
        week: int,
        planned: int,
        completed: int,
        pain_during: int,
        flags_json: str,
        note: str | None = None,
    ) -> SessionLogRow:
        """Keep what a guided session recorded at its end; a day may be logged more than once."""
        with self._write("the session log") as conn:
            self._require_patient(conn, patient_id)
            log_id = conn.execute(
                "INSERT INTO session_logs (patient_id, date, week, planned, completed, pain_during,"
                " flags_json, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    patient_id,
                    day.isoformat(),
                    week,
                    planned,
                    completed,
                    pain_during,
                    _json(flags_json),
                    note,
                    self._now(),
                ),
            ).lastrowid
            return _session_log(conn.execute(_SESSION_LOG + " WHERE id = ?", (log_id,)).fetchone())

    def session_logs(self, patient_id: int) -> list[SessionLogRow]:
        """The patient's session logs, by date, then time recorded."""
        with self._read() as conn:
            self._require_patient(conn, patient_id)
            rows = conn.execute(_SESSION_LOG + " WHERE patient_id = ? ORDER BY date, recorded_at, id", (patient_id,))
            return [_session_log(row) for row in rows]

    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks; empty when the database is sound."""
        with self._read() as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            problems = [] if problems == ["ok"] else problems
            problems += [
                f"{table} row {rowid}: refers to a missing {parent} row"
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
            ]
            return problems

    # internals

    def _require_patient(self, conn: sqlite3.Connection, patient_id: int) -> PatientRow:
        row = conn.execute(_PATIENT + " WHERE p.id = ?", (patient_id,)).fetchone()
        if row is None:
            raise _no_patient(patient_id)
        return _patient(row)

    def _plan(self, conn: sqlite3.Connection, row: tuple) -> PlanRow:
        ids = conn.execute(
            "SELECT checkin_id FROM plan_checkins WHERE patient_id = ? AND plan_version = ? ORDER BY checkin_id",
            (row[0], row[1]),
        )
        return PlanRow(row[0], row[1], row[2], row[3], _time(row[4]), tuple(i for (i,) in ids))

    def _now(self) -> str:
        moment = self._clock()
        if moment.tzinfo is None:
            raise ValueError("the store's clock must return an aware datetime")
        return moment.astimezone(UTC).isoformat(timespec="microseconds")

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; ``what`` names what is stored, for the message if it fails."""
        with connection.translated(self.path, f"{what} was not stored"), connection.immediate(self._conn) as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with (
            connection.translated(self.path, "the database could not be read"),
            connection.snapshot(self._conn) as conn,
        ):
            yield conn


def _json(text: str) -> str:
    """The caller's JSON text, unchanged. Why check the type: bytes would be stored as a BLOB."""
    if not isinstance(text, str):
        raise TypeError(f"the store keeps JSON text (str), not {type(text).__name__}")
    return text


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _patient(row: tuple) -> PatientRow:
    return PatientRow(row[0], row[1], _time(row[2]), row[3], row[4], row[5], row[6])


def _checkin(row: tuple) -> CheckinRow:
    return CheckinRow(
        row[0], row[1], row[2], row[3], _time(row[4]), row[5], row[6], None if row[7] is None else _time(row[7])
    )


def _session_log(row: tuple) -> SessionLogRow:
    return SessionLogRow(
        row[0], row[1], date.fromisoformat(row[2]), row[3], row[4], row[5], row[6], row[7], row[8], _time(row[9])
    )


def _no_patient(patient_id: int) -> NotFound:
    return NotFound(f"no patient {patient_id}; `rehabplan patient list` shows the ids")


def _range_text(latest: int) -> str:
    return "none" if latest < 1 else ", ".join(str(v) for v in range(1, latest + 1))
