"""`workshop serve`, `workshop answers export/purge`, and a real Waitress on 127.0.0.1
with 50 phones sending at once, on SQLite and PostgreSQL."""

import csv
import gc
import http.client
import io
import socket
import threading
import warnings

import pytest
import requests
from flask import Flask

import generator.cli.serve as serve_module
from generator.answers.links import Target
from generator.answers.model import VOTE
from generator.errors import BuildError
from generator.kit.project import Project
from tests.conftest import edit_kit, run
from tests.serverkit import SECRET, code, csrf, serve_kit, waitress_on_loopback


@pytest.fixture
def secret_kit(kit):
    (kit / ".workshop-secret").write_text(SECRET.decode() + "\n", encoding="ascii")
    return kit


@pytest.fixture
def no_listening(monkeypatch):
    """`workshop serve` up to listening: what it prints, without blocking."""
    started = []
    monkeypatch.setattr(serve_module, "listen", lambda serving: None)
    monkeypatch.setattr(
        serve_module, "run", lambda serving, server=None: started.append(serving) or "stopped"
    )
    monkeypatch.setattr(serve_module, "find_lan_address", lambda: "192.0.2.20")
    return started


def test_serve_prints_the_phone_and_board_addresses_with_qr_codes(secret_kit, no_listening):
    edit_kit(secret_kit, answers={"url": "http://192.0.2.20:8123"})  # printed for this server
    result = run(["serve", "--port", "8123", "--session", "2026-11-noord"], secret_kit)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "sessions 2026-11-noord, open, teams 1-200" in out
    assert "phones: http://192.0.2.20:8123" in out
    assert "board (for the trainer only): http://192.0.2.20:8123/board?token=" in out
    assert "answers are stored in answers.sqlite3" in out
    assert out.count("▀▀▀▀▀▀▀▀▀▀") >= 2  # the bottom edge of two QR codes
    assert "warning" not in out
    (serving,) = no_listening
    assert (serving.host, serving.port) == ("0.0.0.0", 8123)
    token = serving.board.split("token=")[1]
    assert len(token) >= 32
    client = serving.app.test_client()
    assert client.get(f"/board?token={token}").status_code == 303
    assert (
        client.get(f"/k/{code('elementen', 'element-1', 150, '2026-11-noord')}").status_code == 200
    )


def test_serve_warns_on_localhost_and_without_a_network(secret_kit, no_listening, monkeypatch):
    result = run(["serve", "--host", "127.0.0.1"], secret_kit)
    assert "warning: listening on 127.0.0.1 only: phones cannot reach it" in result.output
    monkeypatch.setattr(serve_module, "find_lan_address", lambda: None)
    result = run(["serve"], secret_kit)
    assert "warning: no network address found" in result.output
    assert "phone's hotspot" in result.output and "staff network" in result.output


def test_serve_without_the_kit_secret_says_what_to_do(kit, no_listening, monkeypatch):
    monkeypatch.delenv("WORKSHOP_SECRET", raising=False)
    (kit / ".workshop-secret").unlink(missing_ok=True)
    result = run(["serve"], kit)
    assert result.exit_code == 1
    assert "no .workshop-secret" in result.output and "workshop build" in result.output
    assert no_listening == []


def test_serve_refuses_a_bad_session_code(secret_kit, no_listening):
    result = run(["serve", "--session", "Jan de Vries"], secret_kit)
    assert result.exit_code == 2 and "--session" in result.output


def test_answers_export_and_purge(secret_kit):
    assert (
        "no answers stored at answers.sqlite3"
        in run(["answers", "export", "--session", "open"], secret_kit).output
    )
    served = serve_kit(secret_kit)
    served.store.add(Target("open", "succesfactoren", "factor-2", 1), [(VOTE, "ja")])
    served.store.add(Target("open", "succesfactoren", "factor-2", 1), [(VOTE, "nee")])
    served.store.add(Target("other", "elementen", "element-1", 1), [("Vraag", "Antwoord")])
    served.store.close()
    result = run(["answers", "export", "--session", "open"], secret_kit)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        *("sessie", "materiaal", "nummer", "titel", "team", "vraag", "antwoord", "versie"),
        "tijd",
    ]
    assert [r[:8] for r in rows[1:]] == [
        ["open", "succesfactoren", "2", "Durf en pioniersgeest", "1", "Stem", "Ja", "1"],
        ["open", "succesfactoren", "2", "Durf en pioniersgeest", "1", "Stem", "Nee", "2"],
    ]
    assert "2 answers exported" in result.stderr
    assert (
        run(["answers", "purge", "--session", "open"], secret_kit).exit_code == 1
    )  # not confirmed
    result = run(["answers", "purge", "--session", "open", "--yes"], secret_kit)
    assert "deleted 2 submissions of session 'open'" in result.output
    again = run(["answers", "export", "--session", "open"], secret_kit)
    assert again.stdout.count("\n") == 1
    assert "Antwoord" in run(["answers", "export", "--session", "other"], secret_kit).stdout


def test_answers_refuse_a_bad_database_url(secret_kit):
    result = run(["answers", "export", "--session", "open", "--db", "nonsense"], secret_kit)
    assert result.exit_code == 1
    assert "expected sqlite:///FILE or postgresql+psycopg://" in result.output


# --- a real server under load ---------------------------------------------------------------


PHONES = 50
TEAMS = 5  # ten phones per team, all on the same card: versions are fought over
SENDS = 3


@pytest.mark.slow
def test_fifty_phones_at_once_lose_nothing(secret_kit, db_url):
    """50 phones behind one address (the room's NAT) each open the same card for their
    team and send three votes at once, against Waitress on 127.0.0.1 with the default
    rate limit: every vote is stored, versions 1..30 per team, no request refused."""
    served = serve_kit(secret_kit, db_url, teams=TEAMS)
    failures: list[str] = []
    barrier = threading.Barrier(PHONES)

    def phone(base: str, index: int) -> None:
        team = 1 + index % TEAMS
        url = f"{base}/k/{code('succesfactoren', 'factor-1', team)}"
        with requests.Session() as session:
            token = csrf(session.get(url, timeout=30).text)
            barrier.wait(timeout=30)
            for send in range(SENDS):
                value = ("ja", "twijfel", "nee")[send]
                data = {"csrf_token": token, VOTE: value, "comment": f"{index}-{send}"}
                response = session.post(url, data=data, allow_redirects=False, timeout=30)
                if response.status_code != 303:
                    failures.append(f"{index}/{send}: {response.status_code}")

    with waitress_on_loopback(served.app) as base:
        threads = [threading.Thread(target=phone, args=(base, i)) for i in range(PHONES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)  # a safety net: each request has its own timeout
    assert not [t for t in threads if t.is_alive()], "phones still sending after 120 s"
    assert failures == []
    stored = served.store.submissions("open")
    assert len(stored) == PHONES * SENDS
    assert {s.answer("comment") for s in stored} == {
        f"{i}-{n}" for i in range(PHONES) for n in range(SENDS)
    }
    for team in range(1, TEAMS + 1):
        versions = sorted(s.version for s in stored if s.team == team)
        assert versions == list(range(1, PHONES // TEAMS * SENDS + 1))
    served.store.close()


def test_serve_on_another_port_than_the_cards_were_printed_for_warns(secret_kit, no_listening):
    edit_kit(secret_kit, answers={"url": "auto"})
    result = run(["serve", "--port", "8123"], secret_kit)
    assert result.exit_code == 0, result.output
    assert "cards printed with it lead phones there, not to http://192.0.2.20:8123" in (
        result.output
    )


def test_the_terminal_codes_scan(secret_kit, no_listening):
    """The block-character QR codes `serve` prints decode, as a phone held to the screen."""
    import zxingcpp
    from PIL import Image

    for text in ("HTTP://192.0.2.20:8000", "http://192.0.2.20:8000/board?token=" + "x" * 43):
        lines = serve_module.qr_lines(text)
        image = Image.new("L", (len(lines[0]) * 8, len(lines) * 16), 0)
        halves = {"█": (255, 255), "▀": (255, 0), "▄": (0, 255), " ": (0, 0)}
        for row, line in enumerate(lines):
            for column, char in enumerate(line):
                top, bottom = halves[char]
                image.paste(top, (column * 8, row * 16, column * 8 + 8, row * 16 + 8))
                image.paste(bottom, (column * 8, row * 16 + 8, column * 8 + 8, row * 16 + 16))
        (found,) = zxingcpp.read_barcodes(image)
        assert found.text == text


def test_the_store_has_a_connection_for_every_thread(secret_kit):
    """`workshop serve`'s threads may all read or write at once: none of them waits for a
    connection, and none is opened and closed per request."""
    store = serve_module.open_store(Project(secret_kit / "workshop.yaml"), None)
    assert store.engine.pool.size() >= serve_module.THREADS
    store.close()


def test_waitress_is_set_for_a_room(secret_kit):
    """Waitress as `workshop serve` runs it: 1,000 connections (poll(), not select(),
    which takes no descriptor above 1,023), idle ones closed after 30 s, the app's own
    body limit, no proxy trusted unless asked; the tests' own servers take the same."""
    served = serve_kit(secret_kit)
    serving = serve_module.Serving(served.app, "127.0.0.1", 8123, "", "")
    settings = serve_module.waitress_settings(serving)
    limit = served.app.config["MAX_CONTENT_LENGTH"]
    assert settings == {
        "host": "127.0.0.1",
        "port": 8123,
        "threads": serve_module.THREADS,
        "connection_limit": 1000,
        "channel_timeout": 30,
        "cleanup_interval": 10,
        "max_request_body_size": limit + 1,  # Waitress refuses this size or more
        "asyncore_use_poll": True,
        "ident": "workshop",
    }
    serving.trusted_proxy = "127.0.0.1"
    proxied = serve_module.waitress_settings(serving)
    assert proxied["trusted_proxy"] == "127.0.0.1" and proxied["trusted_proxy_count"] == 1
    assert proxied["trusted_proxy_headers"] == {
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-forwarded-host",
        "x-forwarded-port",
    }
    served.store.close()


def test_serve_behind_a_proxy_trusts_it_and_shows_the_kits_address(secret_kit, no_listening):
    edit_kit(secret_kit, answers={"url": "https://antwoorden.example.nl/"})
    result = run(["serve", "--host", "127.0.0.1", "--behind-proxy"], secret_kit)
    assert result.exit_code == 0, result.output
    (serving,) = no_listening
    assert serving.trusted_proxy == "127.0.0.1"
    assert "phones: https://antwoorden.example.nl  (" in result.output
    assert "board (for the trainer only): https://antwoorden.example.nl/board?token=" in (
        result.output
    )
    assert "trusting the proxy at 127.0.0.1" in result.output
    assert "warning" not in result.output  # listening on the host only is the point here
    result = run(["serve", "--host", "::1", "--behind-proxy"], secret_kit)
    assert no_listening[-1].trusted_proxy == "::1"
    result = run(["serve", "--trusted-proxy", "10.0.0.2"], secret_kit)  # implies it
    assert result.exit_code == 0 and no_listening[-1].trusted_proxy == "10.0.0.2"
    assert run(["serve"], secret_kit).exit_code == 0 and no_listening[-1].trusted_proxy is None


def test_serve_trusts_only_an_address_as_its_proxy(secret_kit, no_listening):
    """A name or a wildcard would let anyone who reaches the server say who they are
    (and so escape the rate limit): only one IP address is taken."""
    for given in ("*", "proxy.example.nl", "127.0.0.0/8", "", "127.0.0.1\x1b[31m"):
        result = run(["serve", "--trusted-proxy", given], secret_kit)
        assert result.exit_code == 2, given
        assert "--trusted-proxy" in result.output and "expected the proxy's IP address" in (
            result.output
        )
        assert "\x1b" not in result.output  # a control character is shown escaped
    assert no_listening == []


def test_a_room_of_phones_keeping_their_connections_open_is_served(secret_kit):
    """Each phone's browser keeps its connection open between requests: 150 of them at
    once (Waitress's default limit is 100; beyond it a phone waits for one to close)."""
    served = serve_kit(secret_kit)
    with waitress_on_loopback(served.app) as base:
        port = int(base.rsplit(":", 1)[1])
        phones = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(150)]
        try:
            for phone in phones:
                phone.request("GET", "/")
                response = phone.getresponse()
                assert response.status == 200
                response.read()  # the connection stays open for the next request
        finally:
            for phone in phones:
                phone.close()
    served.store.close()


def test_serve_on_a_port_in_use_says_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = Flask(__name__)
        serving = serve_module.Serving(app=app, host="127.0.0.1", port=port, phones="", board="")
        with warnings.catch_warnings():
            # Waitress leaves the socket it could not bind to the garbage collector
            warnings.simplefilter("ignore", ResourceWarning)
            with pytest.raises(BuildError, match=f"cannot listen on 127.0.0.1:{port}: .*--port"):
                serve_module.run(serving)
            gc.collect()


def test_serve_raises_its_open_file_limit_for_its_connections_or_says_what_it_keeps(monkeypatch):
    """1,000 connections need more open files than many systems give a process (1,024 on
    Linux, 256 on macOS): the soft limit is raised up to the hard one; where even that is
    too low, fewer connections are kept, with a warning that says how to raise it."""
    resource = pytest.importorskip("resource")
    limits = {"soft": 256, "hard": 100_000}
    monkeypatch.setattr(resource, "getrlimit", lambda kind: (limits["soft"], limits["hard"]))

    def setrlimit(kind, values):
        limits["soft"], limits["hard"] = values

    monkeypatch.setattr(resource, "setrlimit", setrlimit)
    warnings_: list[str] = []
    assert serve_module._connections_that_fit(1000, warnings_) == 1000
    assert limits["soft"] == 1000 + serve_module.SPARE_FILES and warnings_ == []
    limits.update(soft=256, hard=512)
    assert serve_module._connections_that_fit(1000, warnings_) == 512 - serve_module.SPARE_FILES
    (said,) = warnings_
    assert "keeps 412 connections at once, not 1000" in said and "ulimit -n 1100" in said


def test_serve_on_the_address_and_port_the_cards_were_printed_for_says_nothing(
    secret_kit, no_listening
):
    """The cards carry one of this machine's addresses (127.0.0.2 is this machine's; the
    guessed LAN address is another): the server is where they lead, no warning."""
    edit_kit(secret_kit, answers={"url": "http://127.0.0.2:8123"})
    result = run(["serve", "--port", "8123"], secret_kit)
    assert result.exit_code == 0, result.output
    assert "lead phones there" not in result.output
    assert "phones: http://127.0.0.2:8123 " in result.output


def test_cards_printed_for_an_address_not_of_this_machine_warn(secret_kit, no_listening):
    edit_kit(secret_kit, answers={"url": "http://192.0.2.99:8123"})
    result = run(["serve", "--port", "8123"], secret_kit)
    assert result.exit_code == 0, result.output
    assert "cards printed with it lead phones there, not to http://192.0.2.20:8123" in (
        result.output
    )
