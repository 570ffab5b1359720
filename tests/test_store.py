"""The answer store on SQLite and on a real PostgreSQL: versions, latest, scans, purge,
export, and writers at the same time losing nothing."""

import re
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy

from generator.answers.links import Target
from generator.answers.model import COMMENT, VOTE
from generator.answers.store import Store
from generator.errors import BuildError

FIRST_TIME = datetime(2026, 1, 1, tzinfo=UTC)
FACTOR = Target("s1", "succesfactoren", "factor-1", 1)
ELEMENT = Target("s1", "elementen", "element-2", 3)


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    yield store
    store.close()


def test_resubmission_is_a_new_version_and_latest_counts(store):
    first = store.add(FACTOR, [(VOTE, "ja")])
    second = store.add(FACTOR, [(VOTE, "nee"), (COMMENT, "toch niet")])
    other_team = store.add(Target("s1", "succesfactoren", "factor-1", 2), [(VOTE, "twijfel")])
    assert (first.version, second.version, other_team.version) == (1, 2, 1)
    assert [s.version for s in store.submissions("s1")] == [1, 2, 1]
    newest = store.latest("s1")
    assert [(s.team, s.answer(VOTE)) for s in newest] == [(1, "nee"), (2, "twijfel")]
    assert store.last(FACTOR).answers == ((VOTE, "nee"), (COMMENT, "toch niet"))
    assert store.last(ELEMENT) is None
    assert second.submitted_at.tzinfo is not None
    assert store.submissions("s1")[1].submitted_at.utcoffset().total_seconds() == 0


def test_sessions_are_apart_and_purge_deletes_one(store):
    store.add(FACTOR, [(VOTE, "ja")])
    store.add(FACTOR, [(VOTE, "ja")])
    store.add(Target("s2", "elementen", "element-1", 1), [("Vraag?", "antwoord")])
    store.count_scan(FACTOR)
    assert store.purge("s1") == 2
    assert store.submissions("s1") == [] and store.scans("s1") == {}
    assert len(store.submissions("s2")) == 1


def test_scans_are_counted_per_target(store):
    for _ in range(3):
        store.count_scan(FACTOR)
    store.count_scan(ELEMENT)
    assert store.scans("s1") == {FACTOR: 3, ELEMENT: 1}
    assert store.scans("other") == {}


def test_nothing_personal_is_stored(store):
    columns = {
        c["name"]
        for table in ("submissions", "scans")
        for c in sqlalchemy.inspect(store.engine).get_columns(table)
    }
    assert columns == {
        *("id", "session", "material", "form", "team"),
        *("version", "submitted_at", "answers", "scanned_at"),
    }


def test_writers_at_once_get_unique_versions(db_url):
    """Two stores on one database (as two server processes), 8 threads each, all writing
    the same two cards: every submission stored, versions 1..n per card and team."""
    stores = [Store(db_url, pool_size=8), Store(db_url, pool_size=8)]
    errors = []

    def write(store: Store, index: int) -> None:
        try:
            for n in range(10):
                team = 1 + (index + n) % 2
                store.add(Target("s1", "elementen", "element-1", team), [("q", f"{index}-{n}")])
        except Exception as exc:  # collected: a thread's exception would be lost
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(stores[i % 2], i)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = stores[0].submissions("s1")
    assert len(stored) == 160
    for team in (1, 2):
        versions = sorted(s.version for s in stored if s.team == team)
        assert versions == list(range(1, 81))
    assert len({s.answers for s in stored}) == 160
    for store in stores:
        store.close()


def test_unique_version_is_enforced_by_the_database(store):
    """The last line of defence if two processes ever computed the same version."""
    store.add(FACTOR, [(VOTE, "ja")])
    table = sqlalchemy.Table("submissions", sqlalchemy.MetaData(), autoload_with=store.engine)
    row = dict(session="s1", material="succesfactoren", form="factor-1", team=1, version=1)
    with pytest.raises(sqlalchemy.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(table.insert().values(**row, submitted_at=FIRST_TIME, answers="[]"))


@pytest.mark.parametrize(
    "url, expected",
    [
        ("nonsense", "expected sqlite:///FILE or postgresql+psycopg://"),
        ("mysql+nodriver://x/y", "expected sqlite:///FILE or postgresql+psycopg://"),
        ("sqlite:////nonexistent-folder/x/answers.sqlite3", "cannot open the answer database"),
    ],
)
def test_bad_database_urls_are_one_message(url, expected):
    with pytest.raises(BuildError, match=re.escape(expected)):
        Store(url)


# A store written by version 0.1 (tests/fixtures/store/answers-0.1.sqlite3, made by that
# version's Store): columns `deck` and `card`, two versions of a vote, a text answer and a
# scan. The same tables as 0.1's SQLAlchemy made them on PostgreSQL.
OLD_STORE = Path(__file__).parent / "fixtures" / "store" / "answers-0.1.sqlite3"
OLD_POSTGRES = (
    "CREATE TABLE submissions (id SERIAL PRIMARY KEY, session VARCHAR(40) NOT NULL, "
    "deck VARCHAR(64) NOT NULL, card VARCHAR(64) NOT NULL, team INTEGER NOT NULL, "
    "version INTEGER NOT NULL, submitted_at TIMESTAMP WITH TIME ZONE NOT NULL, "
    "answers TEXT NOT NULL, CONSTRAINT one_version UNIQUE (session, deck, card, team, version))",
    "CREATE TABLE scans (id SERIAL PRIMARY KEY, session VARCHAR(40) NOT NULL, "
    "deck VARCHAR(64) NOT NULL, card VARCHAR(64) NOT NULL, team INTEGER NOT NULL, "
    "scanned_at TIMESTAMP WITH TIME ZONE NOT NULL)",
    "INSERT INTO submissions (session, deck, card, team, version, submitted_at, answers) "
    "VALUES ('open', 'succesfactoren', 'factor-1', 1, 1, now(), "
    '\'[["vote", "nee"], ["comment", "Nog niet geregeld"]]\'), '
    "('open', 'succesfactoren', 'factor-1', 1, 2, now(), "
    '\'[["vote", "twijfel"], ["comment", "Wordt aan gewerkt"]]\'), '
    "('open', 'elementen', 'element-3', 2, 1, now(), "
    '\'[["Wordt er ge\u00efnvesteerd in de werkrelaties?", "Ja, maandelijks overleg"]]\')',
    "INSERT INTO scans (session, deck, card, team, scanned_at) "
    "VALUES ('open', 'elementen', 'element-3', 2, now())",
)


def _old_store(db_url: str, tmp_path) -> str:
    if db_url.startswith("sqlite"):
        copy = tmp_path / "old.sqlite3"
        shutil.copyfile(OLD_STORE, copy)
        return f"sqlite:///{copy}"
    engine = sqlalchemy.create_engine(db_url)
    with engine.begin() as conn:
        for statement in OLD_POSTGRES:
            conn.exec_driver_sql(statement)
    engine.dispose()
    return db_url


def test_a_store_written_by_version_0_1_keeps_its_answers(db_url, tmp_path):
    store = Store(_old_store(db_url, tmp_path))
    try:
        columns = {c["name"] for c in sqlalchemy.inspect(store.engine).get_columns("submissions")}
        assert {"material", "form"} <= columns and not {"deck", "card"} & columns
        found = store.submissions("open")
        assert [(s.material, s.form, s.team, s.version) for s in found] == [
            ("elementen", "element-3", 2, 1),
            ("succesfactoren", "factor-1", 1, 1),
            ("succesfactoren", "factor-1", 1, 2),
        ]
        assert found[0].answers == (
            ("Wordt er geïnvesteerd in de werkrelaties?", "Ja, maandelijks overleg"),
        )
        assert store.last(Target("open", "succesfactoren", "factor-1", 1)).answer(VOTE) == "twijfel"
        assert store.scans("open") == {Target("open", "elementen", "element-3", 2): 1}
        # new answers go on from the old versions, under the same unique constraint
        again = store.add(Target("open", "succesfactoren", "factor-1", 1), [(VOTE, "ja")])
        assert again.version == 3
    finally:
        store.close()
    reopened = Store(store.url)  # a migrated store opens as it is
    assert len(reopened.submissions("open")) == 4
    reopened.close()
