"""When the answer database fails: a full disk (SQLite's max_page_count held at the
file's size, so the database cannot grow by a page, as on a disk with no space left), a
file replaced by garbage, a dropped table. The trainer gets one line that names the
cause, the phone a page in its language that asks to send again, and nothing is lost:
once the fault is gone, the resubmission is stored and the earlier answers are intact."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
import requests
import sqlalchemy
from sqlalchemy import event

import generator.cli.serve as serve_module
from generator.answers.links import Target
from generator.answers.model import VOTE
from generator.answers.store import Store, StoreFault, default_url
from tests.conftest import REPO, run
from tests.serverkit import SECRET, TOKEN, code, csrf, serve_kit, waitress_on_loopback

ELEMENT_1 = code("elementen", "element-1", team=1)
ELEMENT_TARGET = Target("open", "elementen", "element-1", 1)
FACTOR_2 = code("succesfactoren", "factor-2", team=1)
LONG = "Een lang antwoord dat veel ruimte vraagt. " * 45  # near MAX_ANSWER: new pages
FULL_LINE = re.compile(
    r"^error: the answers database is full: free space on the disk that holds "
    r".*answers\.sqlite3 \(database or disk is full\)$"
)


@contextmanager
def full_disk(store: Store):
    """The disk is full: every connection may not grow the database by a page."""

    def limit(dbapi_connection, record) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages}")
        cursor.close()

    event.listen(store.engine, "connect", limit)
    store.engine.dispose()  # the pool's connections were opened without the limit
    try:
        yield
    finally:
        event.remove(store.engine, "connect", limit)
        store.engine.dispose()


def garbage(path) -> None:
    """The database file overwritten in place (a disk error, a copy gone wrong)."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.write(b"this is no database any more " * (size // 29 + 1))


def send_long(phone, team_code: str = ELEMENT_1, word: str = ""):
    token = csrf(phone.get(f"/k/{team_code}").get_data(as_text=True))
    return phone.post(
        f"/k/{team_code}",
        data={"csrf_token": token, **{f"q{i}": f"{word}{LONG}" for i in range(1, 5)}},
    )


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- a full disk ------------------------------------------------------------------------------


def test_a_full_disk_tells_the_trainer_in_one_line_and_the_phone_to_send_again(kit, capsys):
    served = serve_kit(kit)  # not testing: errors are handled as in production
    phone = served.app.test_client()
    assert send_long(phone, word="Eerst. ").status_code == 303
    token = csrf(phone.get(f"/k/{ELEMENT_1}").get_data(as_text=True))
    capsys.readouterr()
    with full_disk(served.store):
        for _ in range(3):  # a room of phones sending into the full disk
            response = phone.post(
                f"/k/{ELEMENT_1}",
                data={"csrf_token": token, **{f"q{i}": f"Nu. {LONG}" for i in range(1, 5)}},
            )
            assert response.status_code == 503
        page = response.get_data(as_text=True)
        assert response.headers["Retry-After"] == "60"
        assert '<html lang="nl">' in page and "/style.css" in page  # the branded page
        assert "Niet opgeslagen" in page and "Er is niets opgeslagen." in page
        assert "verstuur jullie antwoord nog een keer" in page
        assert "database" not in page and "Traceback" not in page
        err = capsys.readouterr().err
        lines = error_lines(err)
        assert len(lines) == 1 and FULL_LINE.match(lines[0]), err
        assert str(kit / "answers.sqlite3") in lines[0]
    # space again: the team sends once more, and nothing is lost
    response = phone.post(
        f"/k/{ELEMENT_1}",
        data={"csrf_token": token, **{f"q{i}": f"Nu. {LONG}" for i in range(1, 5)}},
    )
    assert response.status_code == 303
    stored = served.store.submissions("open")
    assert [s.version for s in stored] == [1, 2]
    assert stored[0].answers[0][1].startswith("Eerst. ") and len(stored[0].answers) == 4
    assert stored[1].answers[0][1].startswith("Nu. ") and len(stored[1].answers) == 4
    assert "error" not in capsys.readouterr().err
    served.store.close()


def test_a_rollback_that_fails_after_a_full_disk_does_not_hide_the_cause(kit, monkeypatch, caplog):
    """A database that ends the transaction itself when the disk is full refuses the
    rollback after it ("cannot rollback - no transaction is active"): the trainer
    still reads what happened, and the pool logs no traceback either."""
    store = Store(default_url(kit))
    store.add(ELEMENT_TARGET, [("q1", "Eerst")])
    dialect = store.engine.dialect

    def rollback(dbapi_connection) -> None:
        import sqlite3

        raise sqlite3.OperationalError("cannot rollback - no transaction is active")

    with full_disk(store):
        monkeypatch.setattr(dialect, "do_rollback", rollback)
        with pytest.raises(StoreFault) as raised:
            store.add(ELEMENT_TARGET, [(f"q{i}", LONG) for i in range(1, 5)])
        monkeypatch.undo()
    assert raised.value.full
    assert str(raised.value).startswith("the answers database is full: free space on")
    assert "cannot rollback" not in str(raised.value)
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]
    assert store.add(ELEMENT_TARGET, [("q1", "Daarna")]).version == 2
    store.close()


@pytest.mark.slow
def test_a_full_disk_behind_a_real_waitress(kit, capfd):
    """As the trainer's terminal shows it: Waitress itself logs nothing, the app one line."""
    served = serve_kit(kit)
    with waitress_on_loopback(served.app) as base:
        phone = requests.Session()
        page = phone.get(f"{base}/k/{ELEMENT_1}").text
        form = {"csrf_token": csrf(page), **{f"q{i}": LONG for i in range(1, 5)}}
        assert phone.post(f"{base}/k/{ELEMENT_1}", data=form).status_code == 200
        capfd.readouterr()
        with full_disk(served.store):
            refused = phone.post(f"{base}/k/{ELEMENT_1}", data=form, allow_redirects=False)
        assert refused.status_code == 503 and "Er is niets opgeslagen." in refused.text
        again = phone.post(f"{base}/k/{ELEMENT_1}", data=form)
        assert again.status_code == 200 and "Dank je wel!" in again.text
    err = capfd.readouterr().err
    assert len(error_lines(err)) == 1 and FULL_LINE.match(error_lines(err)[0]), err
    assert [s.version for s in served.store.submissions("open")] == [1, 2]
    served.store.close()


# --- a broken database -----------------------------------------------------------------------


def test_a_database_file_replaced_by_garbage_gives_one_line_everywhere(kit, capsys, monkeypatch):
    served = serve_kit(kit)
    phone = served.app.test_client()
    assert send_long(phone).status_code == 303
    token = csrf(phone.get(f"/k/{FACTOR_2}").get_data(as_text=True))
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    served.store.engine.dispose()  # the last connection closed: the WAL is written back
    garbage(kit / "answers.sqlite3")
    capsys.readouterr()

    sent = phone.post(f"/k/{FACTOR_2}", data={"csrf_token": token, VOTE: "ja"})
    assert sent.status_code == 503 and "Er is niets opgeslagen." in sent.get_data(as_text=True)
    opened = phone.get(f"/k/{FACTOR_2}")
    assert opened.status_code == 503
    assert "Even niet bereikbaar" in opened.get_data(as_text=True)
    shown = trainer.get("/board")
    assert shown.status_code == 503
    assert "venster waarin workshop serve draait" in shown.get_data(as_text=True)
    assert trainer.get("/board/export.csv").status_code == 503
    lines = error_lines(capsys.readouterr().err)
    assert lines == [
        f"error: cannot write to the answers database {kit / 'answers.sqlite3'}: "
        f"file is not a database",
        f"error: cannot read the answers database {kit / 'answers.sqlite3'}: "
        f"file is not a database",
    ]
    served.store.close()

    # and the commands that read it: one line each, no traceback
    expected = "file is not a database"
    for args in (
        ["answers", "export", "--session", "open"],
        ["answers", "purge", "--session", "open", "--yes"],
        ["results", "--session", "open"],
    ):
        result = run(args, kit)
        assert result.exit_code == 1, (args, result.output)
        assert expected in result.output and "Traceback" not in result.output, args
        assert len(error_lines(result.output)) == 1, result.output
    monkeypatch.setattr(serve_module, "run", lambda serving: None)
    result = run(["serve"], kit)
    assert result.exit_code == 1 and expected in result.output


def test_a_dropped_table_gives_one_line_and_the_phone_a_page(kit, db_url, capsys):
    served = serve_kit(kit, db_url=db_url)
    phone = served.app.test_client()
    token = csrf(phone.get(f"/k/{FACTOR_2}").get_data(as_text=True))
    engine = sqlalchemy.create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE submissions")
    engine.dispose()
    capsys.readouterr()
    sent = phone.post(f"/k/{FACTOR_2}", data={"csrf_token": token, VOTE: "ja"})
    assert sent.status_code == 503 and "Er is niets opgeslagen." in sent.get_data(as_text=True)
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: cannot write to the answers database ")
    assert "submissions" in line
    served.store.close()


def test_a_forwarding_server_still_forwards_when_it_cannot_count_the_scan(kit, capsys):
    template = "https://forms.example.org/f?kaart={card_title}&team={team}"
    served = serve_kit(kit, forward=template)
    phone = served.app.test_client()
    served.store.engine.dispose()  # the last connection closed: the WAL is written back
    garbage(kit / "answers.sqlite3")
    for _ in range(2):
        response = phone.get(f"/k/{FACTOR_2}")
        assert response.status_code == 302
    assert response.location == "https://forms.example.org/f?kaart=Durf%20en%20pioniersgeest&team=1"
    (line,) = error_lines(capsys.readouterr().err)  # once, not per phone
    assert "cannot write to the answers database" in line
    served.store.close()


# --- the real `workshop serve` ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_workshop_serve_with_a_dropped_table_says_one_line_and_keeps_serving(kit):
    (kit / ".workshop-secret").write_text(SECRET.decode() + "\n", encoding="ascii")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "WORKSHOP_BOARD_TOKEN": TOKEN}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=kit,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                page = requests.get(f"{base}/k/{FACTOR_2}", timeout=5)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.communicate()
                time.sleep(0.1)
        form = {"csrf_token": csrf(page.text), VOTE: "nee"}
        assert requests.post(f"{base}/k/{FACTOR_2}", data=form, timeout=10).status_code == 200
        with sqlite3.connect(kit / "answers.sqlite3") as other:  # someone drops the table
            other.execute("DROP TABLE submissions")
        other.close()
        refused = requests.post(f"{base}/k/{FACTOR_2}", data=form, timeout=10)
        assert refused.status_code == 503, refused.text
        assert "Er is niets opgeslagen." in refused.text
        assert requests.get(f"{base}/", timeout=10).status_code == 200  # still serving
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    (line,) = [line for line in err.splitlines() if line.startswith("error: ")]
    assert line.startswith("error: cannot write to the answers database ")
    assert line.endswith("no such table: submissions"), err
    assert "Traceback" not in err, err


# --- what the phone sees ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_team_on_a_full_disk_sees_a_page_at_phone_size_goes_back_and_sends_again(kit, browser):
    """In a real chromium at phone size: the refusal is the kit's page, in Dutch; going
    back keeps what the team typed, and once there is space again their send is stored."""
    from selenium.webdriver.common.by import By

    from tests.test_browser import _after_click, _fits_a_phone

    served = serve_kit(kit)
    # another team's long comment fills most of the table's first page: the next answer
    # needs a page of its own, which the full disk does not give
    other = Target("open", "succesfactoren", "factor-3", 2)
    served.store.add(other, [(VOTE, "ja"), ("comment", "x" * 3000)])
    comment = "We kennen elkaar nog te weinig. " * 40
    with waitress_on_loopback(served.app) as base:
        browser.delete_all_cookies()
        browser.get(f"{base}/k/{FACTOR_2}")
        browser.find_element(By.ID, "comment").send_keys(comment)
        with full_disk(served.store):
            browser.find_element(By.ID, "vote-nee").click()
            title = _after_click(browser, "error-title")
            assert title.text == "Niet opgeslagen"
            assert (
                "verstuur jullie antwoord nog een keer"
                in browser.find_element(By.ID, "error-text").text
            )
            _fits_a_phone(browser, "full-disk")
        browser.back()
        kept = _after_click(browser, "comment")
        assert kept.get_attribute("value").strip() == comment.strip()
        browser.find_element(By.ID, "vote-nee").click()
        assert _after_click(browser, "thanks").is_displayed()
    stored = served.store.submissions("open")
    assert [(s.form, s.version) for s in stored] == [("factor-2", 1), ("factor-3", 1)]
    assert stored[0].answer(VOTE) == "nee" and stored[0].answer("comment") == comment.strip()
    served.store.close()
