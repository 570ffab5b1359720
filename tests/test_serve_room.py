"""The real `workshop serve` in a process of its own on 127.0.0.1, as a room and a
hostile client meet it (issue 15): idle connections, 200 phones behind one address, a
reverse proxy's forwarded headers, large and slow bodies, a port in use, SIGTERM.

Each test starts the server as a user does (tests/serverkit.py: `workshop serve --host
127.0.0.1 --port P`, Waitress configured by cli/serve.py's `waitress_settings`); where a
test must reach the rate limit in a few requests, only that limit is made small. All
traffic goes to 127.0.0.1, bounded in count; waits are generous timeouts, and the two
that the issue states as times (a vote within 1 s beside 300 idle connections, a 100 MB
body refused at once) are measured against those of the finding (12 s and 15 s)."""

from __future__ import annotations

import http.client
import socket
import sqlite3
import threading
import time

import pytest

from generator.answers.model import COMMENT, VOTE
from tests.serverkit import (
    TOKEN,
    code,
    csrf,
    free_port,
    serve_kit,
    start_serve,
    workshop_serve,
)

pytestmark = pytest.mark.slow  # real server processes

FACTOR_1 = code("succesfactoren", "factor-1", team=1)
FORM = "application/x-www-form-urlencoded"


def request(port: int, method: str, path: str, body: str = "", headers=None, conn=None):
    """(status, headers, text) of one request; on `conn` if given (kept alive)."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Content-Type": FORM} if body else {}
    try:
        conn.request(
            method, path, body=body.encode() if body else None, headers={**sent, **(headers or {})}
        )
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
    except BaseException:
        conn.close()
        raise
    if own:
        conn.close()
    return response.status, dict(response.getheaders()), text


def vote_body(page: str, value: str = "ja", comment: str = "") -> str:
    from urllib.parse import urlencode

    return urlencode({"csrf_token": csrf(page), VOTE: value, COMMENT: comment})


def stored_votes(kit) -> int:
    with sqlite3.connect(kit / "answers.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]


# --- connections --------------------------------------------------------------------------


@pytest.mark.parametrize("idle_connections", [300, 700])
def test_idle_connections_do_not_keep_a_phone_waiting(kit, idle_connections):
    """300 (and 700) kept-alive connections sit idle (each asked for a page and holds
    on), 50 more sent half a request and stopped: a new phone's page and vote still
    answer within 1 s. At the finding, Waitress's 100 connections were full at 98 idle
    sockets and a new phone waited 12 s and more, until idle ones were closed; with the
    500 set since, 700 idle sockets still did that."""
    with workshop_serve(kit) as server:
        idle = []
        try:
            for _ in range(idle_connections):
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                conn.request("GET", "/style.css")
                response = conn.getresponse()
                response.read()
                assert response.status == 200
                idle.append(conn)  # kept alive, idle from now on
            for _ in range(50):
                half = socket.create_connection(("127.0.0.1", server.port), timeout=30)
                half.sendall(b"POST /k/" + FACTOR_1.encode() + b" HTTP/1.1\r\nHost: x\r\n")
                idle.append(half)
            phone = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            started = time.monotonic()
            status, _, page = request(server.port, "GET", f"/k/{FACTOR_1}", conn=phone)
            opened = time.monotonic() - started
            started = time.monotonic()
            status_post, headers, _ = request(
                server.port, "POST", f"/k/{FACTOR_1}", vote_body(page, "nee"), conn=phone
            )
            voted = time.monotonic() - started
            phone.close()
        finally:
            for conn in idle:
                conn.close()
        assert (status, status_post) == (200, 303)
        assert headers["Location"] == f"/k/{FACTOR_1}/ok"
        assert opened < 1.0 and voted < 1.0, (opened, voted)
    assert stored_votes(kit) == 1


PHONES = 200
ROUNDS = 4
EVERY = 2.0  # seconds between a phone's votes: as fast as a person taps


def test_two_hundred_phones_behind_one_address_voting_every_two_seconds_are_never_refused(kit):
    """200 phones behind one address (every request from 127.0.0.1, the venue's NAT),
    all at once, each voting every 2 s: open the card, its style sheet, vote, see the
    page after it; four rounds (3,200 requests). Not one is refused, every phone sees
    every confirmation, every vote is stored. Before, 50 phones voting every 1 to 2 s
    got 244 refusals from the 600-a-minute limit, and 16 stored votes no confirmation."""
    failures: list[str] = []
    confirmed = [0] * PHONES
    with workshop_serve(kit) as server:
        start = time.monotonic() + 1.0

        def phone(index: int) -> None:
            team = 1 + index % 20
            path = f"/k/{code('succesfactoren', f'factor-{1 + index % 12}', team)}"
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            try:
                for round_ in range(ROUNDS):
                    time.sleep(max(0.0, start + round_ * EVERY - time.monotonic()))
                    status, _, page = request(server.port, "GET", path, conn=conn)
                    css, _, _ = request(server.port, "GET", "/style.css", conn=conn)
                    body = vote_body(page, ("ja", "twijfel", "nee")[round_ % 3], f"{index}")
                    sent, headers, _ = request(server.port, "POST", path, body, conn=conn)
                    after, _, thanks = request(
                        server.port, "GET", headers.get("Location", path), conn=conn
                    )
                    if (status, css, sent, after) != (
                        200,
                        200,
                        303,
                        200,
                    ) or "Dank je wel!" not in thanks:
                        failures.append(f"{index}/{round_}: {status} {css} {sent} {after}")
                    else:
                        confirmed[index] += 1
            except OSError as exc:
                failures.append(f"{index}: {exc}")
            finally:
                conn.close()

        threads = [threading.Thread(target=phone, args=(i,)) for i in range(PHONES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)  # a safety net: each request has its own timeout
        assert not [t for t in threads if t.is_alive()]
    assert failures == []
    assert confirmed == [ROUNDS] * PHONES
    assert stored_votes(kit) == PHONES * ROUNDS


# --- behind a reverse proxy ---------------------------------------------------------------

LIMIT = 10  # the burst of the servers below (refilled at one a minute): reached at once


def from_phone(port: int, address: str, path: str = "/", **headers) -> int:
    return request(port, "GET", path, headers={"X-Forwarded-For": address, **headers})[0]


def test_behind_a_proxy_each_forwarded_phone_has_its_own_limit(kit):
    """`--behind-proxy`: Waitress trusts the proxy on 127.0.0.1 (this test), so each
    address it forwards has its own bucket. Before, Waitress dropped the headers and
    one flooding phone had every other phone behind the proxy refused too. The address
    counted is the one the proxy saw (the last), never one a client put in front; an
    IPv6 address forwarded bare (nginx's $remote_addr) counts by its /64."""
    with workshop_serve(kit, "--behind-proxy", rate=LIMIT) as server:
        port = server.port
        assert [from_phone(port, "192.0.2.10") for _ in range(LIMIT + 1)] == [200] * LIMIT + [429]
        assert from_phone(port, "192.0.2.11") == 200  # another phone, its own bucket
        # a client's own X-Forwarded-For entry, with the proxy's appended: the last counts
        assert from_phone(port, "192.0.2.99, 192.0.2.10") == 429
        assert [from_phone(port, "2001:db8::1") for _ in range(LIMIT)] == [200] * LIMIT
        assert from_phone(port, "2001:db8::ffff:2") == 429  # the same /64
        assert from_phone(port, "2001:db8:0:1::1") == 200  # another network
        # the client's own scheme and host as the proxy forwards them
        status, headers, _ = request(
            port,
            "GET",
            f"/board?token={TOKEN}",
            headers={"X-Forwarded-For": "192.0.2.20", "X-Forwarded-Proto": "https"},
        )
        assert status == 303 and "Secure" in headers["Set-Cookie"]
        status, headers, _ = request(
            port, "GET", f"/board?token={TOKEN}", headers={"X-Forwarded-For": "192.0.2.21"}
        )
        assert status == 303 and "Secure" not in headers["Set-Cookie"]
        # a proxy header that is not one value is refused, never a server error
        assert from_phone(port, "192.0.2.22", **{"X-Forwarded-Proto": "https, http"}) == 400
        assert from_phone(port, "192.0.2.23", **{"X-Forwarded-Proto": "gopher"}) == 400
        # a forged forwarded host never sends a phone elsewhere: redirects are relative
        status, _, page = request(
            port, "GET", f"/k/{FACTOR_1}", headers={"X-Forwarded-For": "192.0.2.24"}
        )
        status, headers, _ = request(
            port,
            "POST",
            f"/k/{FACTOR_1}",
            vote_body(page),
            headers={"X-Forwarded-For": "192.0.2.24", "X-Forwarded-Host": "evil.example"},
        )
        assert status == 303 and headers["Location"] == f"/k/{FACTOR_1}/ok"
    out, err = server.output()
    assert "trusting the proxy at 127.0.0.1" in out and "Traceback" not in err


@pytest.mark.parametrize("proxy", [[], ["--trusted-proxy", "192.0.2.1"]], ids=["none", "another"])
def test_forwarded_headers_of_a_client_that_is_not_the_proxy_count_for_nothing(kit, proxy):
    """Without --behind-proxy, or with another address as the proxy, a client cannot
    choose its address (to escape its limit) or claim HTTPS: the headers are dropped."""
    with workshop_serve(kit, *proxy, rate=LIMIT) as server:
        port = server.port
        statuses = [from_phone(port, f"192.0.2.{n}") for n in range(LIMIT + 1)]
        assert statuses == [200] * LIMIT + [429]
    with workshop_serve(kit, *proxy) as server:
        status, headers, _ = request(
            server.port, "GET", f"/board?token={TOKEN}", headers={"X-Forwarded-Proto": "https"}
        )
        assert status == 303 and "Secure" not in headers["Set-Cookie"]


# --- request bodies -----------------------------------------------------------------------


def raw_post(port: int, headers: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"POST /k/{FACTOR_1} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {FORM}\r\n"
        f"{headers}\r\n".encode()
    )
    return sock


def answer_while_sending(sock: socket.socket, piece: bytes, pieces: int) -> tuple[bytes, int]:
    """Send `piece` up to `pieces` times, slowly, until the server answers; (its answer's
    first bytes, pieces sent before it)."""
    sock.settimeout(0.05)
    for sent in range(pieces):
        try:
            answer = sock.recv(4096)
            if answer:
                return answer, sent
        except TimeoutError:
            pass
        try:
            sock.sendall(piece)
        except OSError:  # closed by the server after its answer
            break
    sock.settimeout(30)
    return sock.recv(4096), pieces


def test_a_declared_100_mb_body_is_refused_at_once(kit):
    """A post declaring 100 MB and sending it slowly is answered 413 before its body
    (Waitress's limit is the app's own): before, Waitress took up to 1 GiB to disk
    and answered nothing for 15 s. A chunked body is cut off at the limit; a body of
    exactly the app's limit still reaches the app."""
    with workshop_serve(kit) as server:
        sock = raw_post(server.port, "Content-Length: 100000000\r\n")
        answer, sent = answer_while_sending(sock, b"x" * 1024, 100)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
        assert sent <= 2  # answered as the headers arrived, not after the body

        sock = raw_post(server.port, "Transfer-Encoding: chunked\r\n")
        chunk = 64 * 1024
        answer, sent = answer_while_sending(sock, b"%x\r\n%s\r\n" % (chunk, b"y" * chunk), 400)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 413"), answer[:100]

        served = serve_kit(kit)  # the app's own limit, as the server computed it
        limit = served.app.config["MAX_CONTENT_LENGTH"]
        served.store.close()
        body = "comment=" + "z" * (limit - len("comment="))
        status, _, page = request(server.port, "POST", f"/k/{FACTOR_1}", body)
        assert status == 400 and "nog niet opgeslagen" in page  # the app refuses: no token
        sock = raw_post(server.port, f"Content-Length: {limit + 1}\r\n")
        answer, sent = answer_while_sending(sock, b"z" * 1024, 10)
        sock.close()
        assert answer.startswith(b"HTTP/1.1 413") and sent <= 2, answer[:100]
    assert stored_votes(kit) == 0


def test_a_header_block_too_large_is_refused_and_the_room_still_served(kit):
    with workshop_serve(kit) as server:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Junk: " + b"j" * 300_000 + b"\r\n\r\n")
        answer = sock.recv(4096)
        sock.close()
        assert answer.split(b"\r\n")[0].endswith(b" 431 Request Header Fields Too Large")
        assert request(server.port, "GET", f"/k/{FACTOR_1}")[0] == 200


# --- starting and stopping ----------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_before_anything_else(kit):
    """Before, the whole banner came first: both addresses, the board's token and two
    QR codes, then "cannot listen"."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = start_serve(kit, port=port)
        assert running.process.wait(timeout=60) == 1
    out, err = running.output()
    assert f"cannot listen on 127.0.0.1:{port}" in err and f"--port {port + 1}" in err
    assert out == ""
    assert "token" not in out + err and "█" not in out + err and "Traceback" not in err


def test_sigterm_stops_serve_with_one_line_and_every_confirmed_vote_stored(kit):
    """A service manager stops the server while 20 phones are voting: it says one line,
    ends with 0, and every vote a phone saw confirmed is in the database."""
    running = start_serve(kit)
    confirmed = []
    stop = threading.Event()

    def phone(index: int) -> None:
        path = f"/k/{code('succesfactoren', 'factor-2', 1 + index % 5)}"
        try:
            while not stop.is_set():
                _, _, page = request(running.port, "GET", path)
                status, _, _ = request(
                    running.port, "POST", path, vote_body(page, comment=str(index))
                )
                if status == 303:
                    confirmed.append(index)
        except (OSError, AssertionError, http.client.HTTPException):
            pass  # the server has gone: this phone stops

    phones = [threading.Thread(target=phone, args=(i,)) for i in range(20)]
    for thread in phones:
        thread.start()
    deadline = time.monotonic() + 60
    while len(confirmed) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    code_ = running.stop()
    stop.set()
    for thread in phones:
        thread.join(timeout=60)
    out, err = running.output()
    assert code_ == 0, err
    lines = out.splitlines()
    assert lines[-1] == "stopped (SIGTERM); the answers are in answers.sqlite3"
    assert lines[-2] == "press Ctrl-C to stop"  # one line, nothing else
    assert "Traceback" not in err
    assert len(confirmed) >= 40
    assert stored_votes(kit) >= len(confirmed)


def test_serve_stopped_before_any_request_says_the_same_line(kit):
    running = start_serve(kit, port=free_port())
    assert running.stop() == 0
    out, err = running.output()
    assert out.splitlines()[-1] == "stopped (SIGTERM); the answers are in answers.sqlite3"
    assert "Traceback" not in err
