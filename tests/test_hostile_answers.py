"""Hostile input on the answers side: the export, the store, the board's download, the
forward and the results. Each case says the behaviour it must show: one clear line (or a
page in the kit's language), never a traceback, nothing changed that was not asked for,
and no cell a spreadsheet runs."""

from __future__ import annotations

import csv
import io
import threading
import time
from datetime import UTC, datetime

import pytest
import sqlalchemy
import yaml

import generator.answers.store as store_module
from generator.answers.links import Target
from generator.answers.model import VOTE
from generator.answers.store import Store, StoreFault, default_url
from tests.conftest import run
from tests.serverkit import TOKEN, code, csrf, serve_kit

ELEMENT = Target("open", "elementen", "element-3", 1)
QUESTION = "Wordt er geïnvesteerd in de werkrelaties tussen professionals?"


def _stored(kit, *items) -> None:
    store = Store(default_url(kit))
    for target, answers in items:
        store.add(target, answers)
    store.close()


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def _export(kit, *options):
    return run(["answers", "export", "--session", "open", *options], kit)


def _one_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_hostile_card_title_and_question_are_inert_in_the_export(kit):
    """Content is text too: a card title or question that starts like a formula is
    exported with a ' before it, as an answer would be."""
    path = kit / "content" / "elementen.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    for card in content["cards"]:
        if card["id"] == "element-3":
            card["title"] = '=HYPERLINK("http://example.org")'
            card["questions"] = ["+Wat werkt?;=1+1"]
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    _stored(kit, (ELEMENT, [("+Wat werkt?;=1+1", "goed")]))
    result = _export(kit)
    assert result.exit_code == 0, result.output
    (row,) = _rows(result.stdout_bytes)[1:]
    assert row[3] == '\'=HYPERLINK("http://example.org")'
    assert row[5] == "'+Wat werkt?;'=1+1"


def test_a_vote_that_is_no_colour_is_exported_as_it_is_and_inert(kit):
    """A vote written into the database by hand (not ja, twijfel or nee) is shown as it
    was stored, with its formula made harmless."""
    _stored(kit, (Target("open", "succesfactoren", "factor-1", 1), [(VOTE, "=cmd|'/C calc'!A0")]))
    result = _export(kit)
    (row,) = _rows(result.stdout_bytes)[1:]
    assert row[5:7] == ["Stem", "'=cmd|'/C calc'!A0"]


def test_an_empty_session_exports_the_header_only(kit):
    _stored(kit, (ELEMENT, [(QUESTION, "in een andere sessie")]))
    result = run(["answers", "export", "--session", "leeg"], kit)
    assert result.exit_code == 0
    assert _rows(result.stdout_bytes) == [
        ["sessie", "materiaal", "nummer", "titel", "team", "vraag", "antwoord", "versie", "tijd"]
    ]
    assert "0 answers exported" in result.stderr


def test_answers_not_written_by_the_server_give_one_line_naming_the_row(kit):
    """A row edited by hand whose answers are not the stored JSON: the export, the
    results and the board each name the row, no traceback."""
    _stored(kit, (ELEMENT, [(QUESTION, "goed")]))
    engine = sqlalchemy.create_engine(default_url(kit))
    with engine.begin() as conn:
        conn.exec_driver_sql('UPDATE submissions SET answers = \'{"niet": "een lijst"\'')
    engine.dispose()
    for args in (
        ["answers", "export", "--session", "open"],
        ["results", "--session", "open"],
    ):
        result = run(args, kit)
        assert result.exit_code == 1, result.output
        line = _one_line(result)
        assert "open/elementen/element-3, team 1, version 1" in line, line
    served = serve_kit(kit)
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    assert trainer.get("/board").status_code == 503
    served.store.close()


def test_a_submission_time_no_calendar_can_show_is_exported_in_utc(kit, monkeypatch):
    """A time edited to the year 9999 cannot be shown in local time: it is shown in
    UTC, and the export goes on."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: past the year 9999
    time.tzset()
    try:
        _stored(kit, (ELEMENT, [(QUESTION, "goed")]))
        engine = sqlalchemy.create_engine(default_url(kit))
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE submissions SET submitted_at = '9999-12-31 23:00:00'")
        engine.dispose()
        result = _export(kit)
        assert result.exit_code == 0, result.output
        assert _rows(result.stdout_bytes)[1][8] == "9999-12-31 23:00:00+00:00"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_database_of_an_unknown_kind_is_one_line(kit):
    """--db naming a database whose driver is not installed: one line, no traceback."""
    result = _export(kit, "--db", "mysql://trainer:geheim@localhost/antwoorden")
    assert result.exit_code == 1
    line = _one_line(result)
    assert "cannot use the answer database" in line
    assert "expected sqlite:///FILE or postgresql+psycopg://" in line
    assert "geheim" not in line  # the password is not shown


def test_a_file_that_is_no_database_is_refused_and_left_as_it_was(kit):
    """--db pointing at the kit file: one line, and the file is not touched (no WAL,
    no journal beside it)."""
    before = (kit / "workshop.yaml").read_bytes()
    result = _export(kit, "--db", f"sqlite:///{kit / 'workshop.yaml'}")
    assert result.exit_code == 1
    assert "file is not a database" in _one_line(result)
    assert (kit / "workshop.yaml").read_bytes() == before
    assert sorted(p.name for p in kit.glob("workshop.yaml*")) == ["workshop.yaml"]


def test_a_database_another_program_keeps_locked_is_given_up_on_in_time(kit, monkeypatch):
    """A database browser holding a write lock: a phone's answer is refused after the
    busy timeout (once, not once per try), with a line that says what to do; once the
    program lets go, answers are stored again."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    store = Store(default_url(kit))
    store.add(ELEMENT, [(QUESTION, "eerst")])
    other = sqlalchemy.create_engine(default_url(kit)).raw_connection()
    other.isolation_level = None
    other.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    with pytest.raises(StoreFault) as raised:
        store.add(ELEMENT, [(QUESTION, "nu")])
    waited = time.monotonic() - started
    # each of the 20 tries waiting out the busy timeout again would take 6 s
    assert waited < 20 * 0.3 / 2, waited
    assert "database is locked" in str(raised.value)
    assert "another program keeps it busy" in str(raised.value) and not raised.value.full
    other.execute("ROLLBACK")
    other.close()
    assert store.add(ELEMENT, [(QUESTION, "nu")]).version == 2
    store.close()


def test_phones_waiting_on_a_locked_database_are_all_told_within_the_timeout(kit, monkeypatch):
    """Eight phones at once on a locked database: none waits for the others' timeouts
    (the process's write lock is not held longer than SQLite's wait)."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    store = Store(default_url(kit), pool_size=8)
    store.add(ELEMENT, [(QUESTION, "eerst")])
    other = sqlalchemy.create_engine(default_url(kit)).raw_connection()
    other.isolation_level = None
    other.execute("BEGIN EXCLUSIVE")
    took: list[float] = []

    def phone(team: int) -> None:
        started = time.monotonic()
        try:
            store.add(Target("open", "elementen", "element-3", team), [(QUESTION, "x")])
        except StoreFault:
            took.append(time.monotonic() - started)

    phones = [threading.Thread(target=phone, args=(team,)) for team in range(1, 9)]
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join()
    other.execute("ROLLBACK")
    other.close()
    assert len(took) == 8
    # one after another, the last would wait 8 timeouts (2.4 s) or far more
    assert max(took) < 8 * 0.3 / 2, took
    store.close()


@pytest.mark.parametrize("session", ["../../etc/passwd", "open\r\nSet-Cookie: x=1", "elders"])
def test_the_board_download_refuses_a_session_it_does_not_serve(kit, session):
    """The session named in the download's address is never put in the file name (or
    a header) unless the server serves it."""
    served = serve_kit(kit)
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    response = trainer.get("/board/export.csv", query_string={"session": session})
    assert response.status_code == 404
    assert "Content-Disposition" not in response.headers
    served.store.close()


@pytest.mark.parametrize("fmt", ["xlsx", "excel\r\nX-Evil: 1", "", "EXCEL"])
def test_the_board_download_refuses_a_format_it_does_not_make(kit, fmt):
    served = serve_kit(kit)
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    response = trainer.get("/board/export.csv", query_string={"format": fmt})
    assert response.status_code == 400 and "X-Evil" not in response.headers
    served.store.close()


def test_a_phone_that_posts_on_while_the_disk_is_full_loses_nothing_stored_before(kit):
    """Fifty posts into a full disk (a phone sending again and again): each is refused
    whole, none half-stored, and the versions go on from where they were."""
    from tests.test_faults import LONG, full_disk

    served = serve_kit(kit)
    phone = served.app.test_client()
    element = code("elementen", "element-1")
    token = csrf(phone.get(f"/k/{element}").get_data(as_text=True))
    form = {"csrf_token": token, **{f"q{i}": LONG for i in range(1, 5)}}
    assert phone.post(f"/k/{element}", data=form).status_code == 303
    with full_disk(served.store):
        assert {phone.post(f"/k/{element}", data=form).status_code for _ in range(50)} == {503}
    assert phone.post(f"/k/{element}", data=form).status_code == 303
    stored = served.store.submissions("open")
    assert [s.version for s in stored] == [1, 2]
    assert all(len(s.answers) == 4 and s.answers[0][1] == LONG.strip() for s in stored)
    served.store.close()


def test_the_time_is_stored_in_utc_whatever_the_servers_zone(kit, monkeypatch):
    """A server in another zone stores UTC; the export shows this machine's local time,
    so a laptop in Amsterdam and a server in UTC agree on the moment."""
    monkeypatch.setenv("TZ", "America/St_Johns")  # UTC-3:30, a half-hour zone
    time.tzset()
    try:
        _stored(kit, (ELEMENT, [(QUESTION, "goed")]))
        stored = Store(default_url(kit))
        (item,) = stored.submissions("open")
        stored.close()
        assert item.submitted_at.utcoffset().total_seconds() == 0
        shown = _rows(_export(kit).stdout_bytes)[1][8]
        moment = datetime.fromisoformat(shown)
        assert shown.endswith(("-03:30", "-02:30"))
        assert moment.astimezone(UTC) == item.submitted_at.replace(microsecond=0)
    finally:
        monkeypatch.undo()
        time.tzset()
