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

When the database fails (a full disk, a file that is no database any more, a dropped
table, a lock another program keeps), the write's transaction is rolled back whole and
the failure is one StoreFault that names the cause and the file: the command line shows
it as one line, the answer server prints it (`report`, once a minute) and asks the
phone to send again. A connection that failed is closed, never handed out again.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

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
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from ..errors import BuildError
from .links import Target
from .model import Submission, latest

DEFAULT_FILE = "answers.sqlite3"
WRITE_TRIES = 20  # a write that met a conflict or a lock is tried again, this many times
BUSY_TIMEOUT_MS = 10_000  # how long SQLite waits for another process's write
REPORT_EVERY = 60.0  # seconds between two lines about the same fault on the terminal
BUSY_HINT = "; another program keeps it busy (a database browser?): close it"
SQLITE_FULL = 13  # sqlite3_errorcode of "database or disk is full"
PG_DISK_FULL = "53100"  # PostgreSQL's SQLSTATE disk_full ("could not extend file")
T = TypeVar("T")

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
KEYS = ("session", "material", "form", "team")  # the form and team a submission answers
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


class StoreFault(BuildError):
    """The answer database cannot be written or read: the disk is full, the file is not
    a database (any more), a table is gone, the server cannot be reached. One line for
    the trainer (the command line shows it without a traceback; the answer server prints
    it and shows the phone a page that asks to send again). Nothing is half-stored: the
    write's transaction was rolled back, so a resubmission once the fault is gone is
    stored whole."""

    def __init__(self, message: str, full: bool, cause: str):
        super().__init__(message)
        self.full = full
        self.cause = cause  # the database's own words


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
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            # ImportError: a database SQLAlchemy knows whose driver is not installed
            raise BuildError(
                f"cannot use the answer database '{_shown(parsed)}': {exc}; expected "
                f"sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
            ) from None
        self.database = _database(parsed)
        self._reported: dict[str, float] = {}  # a fault's line -> when it was last printed
        if self.sqlite:
            _prepare_sqlite(self.engine)
        try:
            self._retry(lambda: _migrate(self.engine))
            self._retry(lambda: metadata.create_all(self.engine))
        except StoreFault as fault:
            if fault.full:
                raise
            raise BuildError(
                f"cannot open the answer database {self.database}: {fault.cause}"
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    def report(self, fault: StoreFault, out=None) -> None:
        """Tell the trainer's terminal about a fault, once a minute per fault, so that a
        room of phones sending into a full disk gives one line, not fifty tracebacks."""
        line = str(fault)
        now = time.monotonic()
        if now - self._reported.get(line, -REPORT_EVERY) < REPORT_EVERY:
            return
        self._reported[line] = now
        print(f"error: {line}", file=out or sys.stderr, flush=True)

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

    def count_scan(self, target: Target) -> bool:
        """A link was opened (with a forward template, the only thing the server sees).
        Counting is not worth stopping a phone for: a scan that cannot be stored is
        reported to the trainer and left out (False)."""

        def write() -> None:
            with self._writing() as conn:
                conn.execute(
                    insert(scans_table).values(**_columns(target), scanned_at=datetime.now(UTC))
                )

        try:
            self._retry(write)
        except StoreFault as fault:
            self.report(fault)
            return False
        return True

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
        rows = self._read(lambda conn: conn.execute(query).all())
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
        row = self._read(lambda conn: conn.execute(query).first())
        return _submission(row) if row else None

    def scans(self, session: str) -> Counter[Target]:
        t = scans_table
        query = (
            select(t.c.session, t.c.material, t.c.form, t.c.team, func.count())
            .where(t.c.session == session)
            .group_by(t.c.session, t.c.material, t.c.form, t.c.team)
        )
        rows = self._read(lambda conn: conn.execute(query).all())
        return Counter({Target(*row[:4]): row[4] for row in rows})

    # --- transactions ------------------------------------------------------------------------
    def _writing(self):
        return _Writing(self)

    def _retry(self, write: Callable[[], T]) -> T:
        """Run a write again after a version conflict or a busy database, with a short
        random pause so competing writers do not meet again; any other failure of the
        database (and one that lasts) is a StoreFault. A database another program keeps
        locked is given up on after BUSY_TIMEOUT_MS in all, so a phone is told within
        seconds instead of each try waiting that long again."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        for attempt in range(WRITE_TRIES):
            last = attempt == WRITE_TRIES - 1
            try:
                return write()
            except IntegrityError as exc:
                if last:
                    raise self._fault(exc, writing=True) from None
            except OperationalError as exc:
                if last or not _is_busy(exc) or time.monotonic() > deadline:
                    raise self._fault(exc, writing=True) from None
            except DBAPIError as exc:  # not a database, a driver's refusal: trying again won't do
                raise self._fault(exc, writing=True) from None
            time.sleep(random.uniform(0.001, 0.01) * (attempt + 1))
        raise AssertionError("unreachable")

    def _read(self, read: Callable[[Connection], T]) -> T:
        try:
            with self.engine.connect() as conn:
                return read(conn)
        except DBAPIError as exc:
            raise self._fault(exc, writing=False) from None

    def _fault(self, exc: DBAPIError, writing: bool) -> StoreFault:
        """What went wrong, in one line: a full disk says where to free space."""
        cause = _cause(exc)
        if _is_full(exc):
            where = (
                f"the disk that holds {self.database}"
                if self.sqlite
                else f"the database server's disk ({self.database})"
            )
            message = f"the answers database is full: free space on {where} ({cause})"
            return StoreFault(message, True, cause)
        if _is_busy(exc):
            cause += BUSY_HINT
        verb = "write to" if writing else "read"
        return StoreFault(
            f"cannot {verb} the answers database {self.database}: {cause}", False, cause
        )


class _Writing:
    """A write transaction: the process's SQLite write lock and BEGIN IMMEDIATE, or a
    plain PostgreSQL transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.conn: Connection | None = None
        self.transaction = None

    def __enter__(self) -> Connection:
        # another thread of this process holds it while it waits for SQLite's lock: no
        # longer than that wait, so that a room's phones are not told one after another
        lock = self.store._write_lock
        if lock and not lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise StoreFault(
                f"cannot write to the answers database {self.store.database}: database is "
                f"locked{BUSY_HINT}",
                False,
                "database is locked",
            )
        try:
            self.conn = self.store.engine.connect()
            self.conn.execution_options(workshop_write=True)
            self.transaction = self.conn.begin()
        except BaseException:
            self._release()
            raise
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:
        failed = kind is not None
        try:
            if not failed:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        except DBAPIError:
            # a database that failed a statement may have ended the transaction itself
            # (SQLite does on a full disk): its rollback then fails too ("cannot rollback
            # - no transaction is active") and would hide the cause, which goes on
            failed = True
            if kind is None:
                raise
        finally:
            self._release(failed)

    def _release(self, failed: bool = True) -> None:
        if self.conn is not None:
            if failed:  # a connection in an unknown state is not handed out again
                self.conn.invalidate()
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


def _is_full(exc: DBAPIError) -> bool:
    orig = exc.orig
    if getattr(orig, "sqlite_errorcode", None) == SQLITE_FULL:
        return True
    if getattr(orig, "sqlstate", None) == PG_DISK_FULL:
        return True
    return "disk is full" in str(orig).lower() or "no space left" in str(orig).lower()


def _cause(exc: DBAPIError) -> str:
    """The driver's own words, on one line (PostgreSQL's come with a DETAIL line)."""
    text = " ".join(str(exc.orig).split())
    return text[:300] or type(exc.orig).__name__


def _database(url) -> str:
    """The database as the trainer knows it: the SQLite file, or the server's address
    without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


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
    return Submission(
        row.session, row.material, row.form, row.team, row.version, when, _answers(row)
    )


def _answers(row) -> tuple[tuple[str, str], ...]:
    """The stored JSON, [[question, answer], ...]; anything else was not written by us."""
    try:
        pairs = json.loads(row.answers)
        return tuple((str(q), str(a)) for q, a in pairs)
    except (ValueError, TypeError) as exc:
        place = f"{row.session}/{row.material}/{row.form}, team {row.team}, version {row.version}"
        raise StoreFault(
            f"cannot read the answers database: the answers of {place} are not the "
            f"[[question, answer], ...] it stores ({exc}); restore the database from a copy "
            f"or delete that row",
            False,
            str(exc),
        ) from None


def _shown(url) -> str:
    return url.render_as_string(hide_password=True)
