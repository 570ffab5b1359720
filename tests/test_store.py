"""The answer store on SQLite and on a real PostgreSQL: versions, latest, scans, purge,
export, and writers at the same time losing nothing."""

import io
import re
import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy

from generator.answers.links import Target
from generator.answers.model import COMMENT, VOTE
from generator.answers.store import EXPORT_COLUMNS, Store
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


def test_export_rows_and_csv(store):
    store.add(ELEMENT, [("Wat werkt?", "Korte lijnen, één aanspreekpunt"), ("En?", "=1+1")])
    rows = list(store.export_rows("s1"))
    assert [r[:7] for r in rows] == [
        ("s1", "elementen", "element-2", 3, "Wat werkt?", "Korte lijnen, één aanspreekpunt", 1),
        ("s1", "elementen", "element-2", 3, "En?", "=1+1", 1),
    ]
    out = io.StringIO()
    assert store.export_csv("s1", out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS)
    assert lines[1].startswith('s1,elementen,element-2,3,Wat werkt?,"Korte lijnen, één')
    assert ",'=1+1,1," in lines[2]  # a spreadsheet does not run it as a formula


def test_nothing_personal_is_stored(store):
    columns = {
        c["name"]
        for table in ("submissions", "scans")
        for c in sqlalchemy.inspect(store.engine).get_columns(table)
    }
    assert columns == {
        *("id", "session", "deck", "card", "team"),
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
    row = dict(session="s1", deck="succesfactoren", card="factor-1", team=1, version=1)
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
