"""The answer store: what teams submitted, and how often a link was scanned.

SQLAlchemy Core over SQLite (the default: one file in the kit folder) or PostgreSQL (a
`postgresql+psycopg://` URL, so several server processes can share one database).
Submissions are only ever appended: a resubmission is the next version of the card's
answers for that team, and results count the latest. Nothing personal is stored: no
addresses, no browsers, no names; only the codes a link stands for, the answers and the
time.

Writing safely under load: on SQLite one writer at a time (a lock in the process, and
BEGIN IMMEDIATE with a busy timeout between processes), so a version number is read and
written in one transaction; on PostgreSQL a per-card advisory lock does the same across
processes, and the unique (session, material, form, team, version) constraint catches
anything that slips through, after which the write is retried. One transaction a
submission: a room of phones sends a few a second, far below what one process stores
(BENCHMARKS.md, "Answer server").
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError

from ..errors import BuildError
from .links import Target
from .model import Submission, latest

DEFAULT_FILE = "answers.sqlite3"
EXPORT_COLUMNS = (
    *("session", "deck", "card", "team"),
    *("question", "answer", "version", "submitted_at"),
)
WRITE_TRIES = 20  # a write that met a conflict or a lock is tried again, this many times
BUSY_TIMEOUT_MS = 10_000  # how long SQLite waits for another process's write
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula

metadata = MetaData()
submissions_table = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session", String(40), nullable=False),
    Column("material", String(64), nullable=False),  # the material's name: a deck, a worksheet
    Column("form", String(64), nullable=False),  # the form's id in it: a card, the worksheet
    Column("team", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("answers", Text, nullable=False),  # JSON: [[question, answer], ...]
    UniqueConstraint("session", "material", "form", "team", "version", name="one_version"),
)
scans_table = Table(
    "scans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session", String(40), nullable=False, index=True),
    Column("material", String(64), nullable=False),
    Column("form", String(64), nullable=False),
    Column("team", Integer, nullable=False),
    Column("scanned_at", DateTime(timezone=True), nullable=False),
)
KEYS = ("session", "material", "form", "team")  # what a submission is to
# the next version of a card's answers, read and appended in one statement (made once:
# building it per submission took longer than running it)
_APPEND = (
    insert(submissions_table)
    .from_select(
        [*KEYS, "version", "submitted_at", "answers"],
        select(
            *(bindparam(key, type_=submissions_table.c[key].type) for key in KEYS),
            func.coalesce(func.max(submissions_table.c.version), 0) + 1,
            bindparam("submitted_at", type_=submissions_table.c.submitted_at.type),
            bindparam("answers", type_=submissions_table.c.answers.type),
        ).where(*(submissions_table.c[key] == bindparam(key) for key in KEYS)),
    )
    .returning(submissions_table.c.version)
)
_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def default_url(kit_root: Path) -> str:
    return f"sqlite:///{(kit_root / DEFAULT_FILE).resolve()}"


class Store:
    """One answer database. Safe to share between the threads of a server."""

    def __init__(self, url: str, pool_size: int = 16):
        self.url = url
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise BuildError(
                f"cannot use the answer database '{url}': expected sqlite:///FILE or "
                f"postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
            ) from None
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):  # mysql://, oracle://
            raise BuildError(
                f"cannot use the answer database '{_shown(parsed)}': expected sqlite:///FILE "
                f"or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
            )
        self.sqlite = parsed.get_backend_name() == "sqlite"
        self._write_lock = threading.Lock() if self.sqlite else None
        # an in-memory SQLite lives in one connection: no pool to size
        pooled = not self.sqlite or parsed.database not in (None, "", ":memory:")
        sizes = {"pool_size": pool_size, "max_overflow": pool_size} if pooled else {}
        try:
            self.engine = create_engine(parsed, **sizes)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:  # a driver not installed
            raise BuildError(
                f"cannot use the answer database '{_shown(parsed)}': {exc}; expected "
                f"sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
            ) from None
        if self.sqlite:
            _prepare_sqlite(self.engine)
        try:
            self._retry(lambda: _migrate(self.engine))
            self._retry(lambda: metadata.create_all(self.engine))
        except OperationalError as exc:
            raise BuildError(
                f"cannot open the answer database '{_shown(parsed)}': {exc.orig}"
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------------------
    def add(self, target: Target, answers: Sequence[tuple[str, str]]) -> Submission:
        """Store the next version of this team's answers to this card: one transaction,
        in which the card is locked (SQLite's write lock, PostgreSQL's advisory lock of
        the card and team), its last version read and the next one appended."""
        stored = tuple((str(q), str(a)) for q, a in answers)
        row = {**_columns(target), "answers": json.dumps(stored, ensure_ascii=False)}

        def write() -> Submission:
            now = datetime.now(UTC)
            with self._writing() as conn:
                if not self.sqlite:
                    conn.execute(_ADVISORY_LOCK, {"key": _key(target)})
                version = conn.execute(_APPEND, {**row, "submitted_at": now}).scalar_one()
            return Submission(*_fields(target), version, now, stored)

        return self._retry(write)

    def count_scan(self, target: Target) -> None:
        """A link was opened (with a forward template, the only thing the server sees)."""

        def write() -> None:
            with self._writing() as conn:
                conn.execute(
                    insert(scans_table).values(**_columns(target), scanned_at=datetime.now(UTC))
                )

        self._retry(write)

    def purge(self, session: str) -> int:
        """Delete a session's submissions and scans; the number of submissions deleted."""

        def write() -> int:
            with self._writing() as conn:
                conn.execute(delete(scans_table).where(scans_table.c.session == session))
                return conn.execute(
                    delete(submissions_table).where(submissions_table.c.session == session)
                ).rowcount

        return self._retry(write)

    # --- reading ---------------------------------------------------------------------------
    def submissions(self, session: str) -> list[Submission]:
        """Every version of every submission of the session, oldest first per card."""
        t = submissions_table
        query = (
            select(t.c.session, t.c.material, t.c.form, t.c.team, t.c.version, t.c.submitted_at)
            .add_columns(t.c.answers)
            .where(t.c.session == session)
            .order_by(t.c.material, t.c.form, t.c.team, t.c.version)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_submission(row) for row in rows]

    def latest(self, session: str) -> list[Submission]:
        return latest(self.submissions(session))

    def last(self, target: Target) -> Submission | None:
        """This team's newest answers to this card, to fill the form in again."""
        t = submissions_table
        query = (
            select(t.c.session, t.c.material, t.c.form, t.c.team, t.c.version, t.c.submitted_at)
            .add_columns(t.c.answers)
            .where(*_is(t, target))
            .order_by(t.c.version.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _submission(row) if row else None

    def scans(self, session: str) -> Counter[Target]:
        t = scans_table
        query = (
            select(t.c.session, t.c.material, t.c.form, t.c.team, func.count())
            .where(t.c.session == session)
            .group_by(t.c.session, t.c.material, t.c.form, t.c.team)
        )
        with self.engine.connect() as conn:
            return Counter({Target(*row[:4]): row[4] for row in conn.execute(query)})

    def export_rows(self, session: str) -> Iterator[tuple]:
        """One row per answer of every version, in EXPORT_COLUMNS order."""
        for item in self.submissions(session):
            when = item.submitted_at.isoformat(timespec="seconds")
            for question, answer in item.answers:
                yield (*_fields(item), question, answer, item.version, when)

    def export_csv(self, session: str, out: TextIO) -> int:
        """The session as CSV (cells a spreadsheet would run as a formula get a leading
        apostrophe); the number of rows written."""
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        count = 0
        for row in self.export_rows(session):
            writer.writerow([_inert(value) for value in row])
            count += 1
        return count

    # --- transactions ------------------------------------------------------------------------
    def _writing(self):
        return _Writing(self)

    def _retry(self, write):
        """Run a write again after a version conflict or a busy database, with a short
        random pause so competing writers do not meet again."""
        for attempt in range(WRITE_TRIES):
            try:
                return write()
            except IntegrityError:
                if attempt == WRITE_TRIES - 1:
                    raise
            except OperationalError as exc:
                if attempt == WRITE_TRIES - 1 or not _is_busy(exc):
                    raise
            time.sleep(random.uniform(0.001, 0.01) * (attempt + 1))
        raise AssertionError("unreachable")


class _Writing:
    """A write transaction: the process's SQLite write lock and BEGIN IMMEDIATE, or a
    plain PostgreSQL transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.conn: Connection | None = None
        self.transaction = None

    def __enter__(self) -> Connection:
        if self.store._write_lock:
            self.store._write_lock.acquire()
        try:
            self.conn = self.store.engine.connect()
            self.conn.execution_options(workshop_write=True)
            self.transaction = self.conn.begin()
        except BaseException:
            self._release()
            raise
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        finally:
            self._release()

    def _release(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.store._write_lock:
            self.store._write_lock.release()


# columns renamed since answers were first stored: (table, old name, new name). A store
# written by an earlier version is brought up to date when it is opened, answers kept.
RENAMED = (
    ("submissions", "deck", "material"),
    ("submissions", "card", "form"),
    ("scans", "deck", "material"),
    ("scans", "card", "form"),
)


def _migrate(engine) -> None:
    """Rename the columns an earlier version wrote, in one transaction (SQLite and
    PostgreSQL both rename in place: rows, the unique constraint and indexes follow)."""
    with engine.begin() as conn:
        found = inspect(conn)
        tables = set(found.get_table_names())
        for table, old, new in RENAMED:
            if table in tables and old in {c["name"] for c in found.get_columns(table)}:
                conn.exec_driver_sql(f'ALTER TABLE {table} RENAME COLUMN "{old}" TO "{new}"')
                found.clear_cache()


def _prepare_sqlite(engine) -> None:
    """WAL (readers never wait for the writer), a busy timeout, and transactions begun by
    us: IMMEDIATE for writes, so two writers never both read the same last version."""

    @event.listens_for(engine, "connect")
    def connect(dbapi_connection, record) -> None:
        dbapi_connection.isolation_level = None  # the driver begins nothing by itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # NORMAL in WAL: a commit survives the server crashing, only a power cut may lose
        # the last moments; a workshop's answers are worth that speed
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(conn) -> None:
        immediate = conn.get_execution_options().get("workshop_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _is_busy(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "locked" in message or "busy" in message or "deadlock" in message


def _key(target: Target) -> int:
    """A 63-bit number per card and team for PostgreSQL's advisory lock."""
    digest = hashlib.blake2b("\x1f".join(map(str, _fields(target))).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1


def _fields(item) -> tuple[str, str, str, int]:
    return (item.session, item.material, item.form, item.team)


def _columns(target: Target) -> dict:
    return dict(zip(KEYS, _fields(target), strict=True))


def _is(table: Table, target: Target) -> list:
    return [table.c[name] == value for name, value in _columns(target).items()]


def _submission(row) -> Submission:
    when = row.submitted_at
    # SQLite keeps no zone (we only ever write UTC); PostgreSQL answers in its own zone
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    answers = tuple((str(q), str(a)) for q, a in json.loads(row.answers))
    return Submission(row.session, row.material, row.form, row.team, row.version, when, answers)


def _inert(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _shown(url) -> str:
    return url.render_as_string(hide_password=True)
