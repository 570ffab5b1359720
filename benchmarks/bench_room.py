"""A room against the real `workshop serve` (a process of its own on 127.0.0.1, started
as tests/serverkit.py starts it), with the issue-15 findings as scenarios:

- idle: N kept-alive connections sit idle (each asked for the style sheet first), then
  `--phones-after` phones each open a new connection, the card's page and vote (one
  that takes more than 15 s has failed); the median and slowest are reported
  (`--idle N`, repeatable; default 0, 300, 700, 950).
- room: `--phones` phones (200) behind one address (every request from 127.0.0.1, a
  venue's NAT), all at once, each voting every 2 s for `--rounds` rounds (5): card,
  style sheet, vote, the page after it. Reported: requests, refusals (429), votes
  confirmed and stored, p50 and p99 of a request.

`--code PATH` serves the code of another checkout (`git archive COMMIT | tar -x -C
/tmp/before`) instead of this one:

    python benchmarks/bench_room.py
    python benchmarks/bench_room.py --code /tmp/before --idle 300 --idle 700
"""

from __future__ import annotations

import argparse
import http.client
import selectors
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import copy_kit  # noqa: E402
from tests.serverkit import code, csrf, start_serve  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TIMEOUT = 60
PATIENCE = 15  # seconds a phone in the idle scenario waits before it counts as failed


def ask(conn, method: str, path: str, body: str | None = None):
    conn.request(method, path, body=body, headers=FORM if body else {})
    response = conn.getresponse()
    return response.status, response.getheader("Location"), response.read().decode()


def vote(port: int, path: str, value: str = "ja", comment: str = "") -> tuple[float, int]:
    """A new phone: its page and its vote on a connection of its own; (seconds, status)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        _, _, page = ask(conn, "GET", path)
        body = urlencode({"csrf_token": csrf(page), "vote": value, "comment": comment})
        status, _, _ = ask(conn, "POST", path, body)
    except OSError:
        status = 0
    finally:
        conn.close()
    return time.monotonic() - started, status


def idle(kit: Path, checkout: Path, count: int, phones: int) -> str:
    running = start_serve(kit, checkout=checkout)
    held = []
    try:
        for _ in range(count):  # each asks for the style sheet and keeps its connection
            sock = socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT)
            sock.sendall(b"GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            held.append(sock)
        answered = _answered(held, seconds=5)
        results = [
            vote(running.port, f"/k/{code('succesfactoren', 'factor-3', 1 + n % 5)}")
            for n in range(phones)
        ]
    finally:
        for sock in held:
            sock.close()
        running.stop()
    times = sorted(t for t, _ in results)
    failed = sum(status != 303 for _, status in results)
    return (
        f"| {count} | {answered} | {times[len(times) // 2] * 1000:.0f} | "
        f"{times[-1] * 1000:.0f} | {failed} of {phones} |"
    )


def _answered(socks: list[socket.socket], seconds: float) -> int:
    """How many of `socks` got an answer's first bytes within `seconds`."""
    waiting = selectors.DefaultSelector()
    for sock in socks:
        waiting.register(sock, selectors.EVENT_READ)
    answered = 0
    end = time.monotonic() + seconds
    while answered < len(socks) and time.monotonic() < end:
        for key, _ in waiting.select(timeout=max(0.0, end - time.monotonic())):
            key.fileobj.recv(65536)
            waiting.unregister(key.fileobj)
            answered += 1
    waiting.close()
    return answered


def room(kit: Path, checkout: Path, phones: int, rounds: int) -> str:
    running = start_serve(kit, checkout=checkout)
    times: list[float] = []
    statuses: dict[int, int] = {}
    confirmed = [0]
    lock = threading.Lock()
    start = time.monotonic() + 1.0

    def phone(index: int) -> None:
        path = f"/k/{code('succesfactoren', f'factor-{1 + index % 12}', 1 + index % 20)}"
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=TIMEOUT)
        try:
            for n in range(rounds):
                time.sleep(max(0.0, start + 2.0 * n - time.monotonic()))
                for step in ("card", "css", "vote", "after"):
                    began = time.monotonic()
                    if step == "card":
                        status, _, page = ask(conn, "GET", path)
                    elif step == "css":
                        status, _, _ = ask(conn, "GET", "/style.css")
                    elif step == "vote":
                        body = urlencode({"csrf_token": csrf(page), "vote": "nee"})
                        status, location, _ = ask(conn, "POST", path, body)
                    else:
                        status, _, _ = ask(conn, "GET", location or path)
                    with lock:
                        times.append(time.monotonic() - began)
                        statuses[status] = statuses.get(status, 0) + 1
                        confirmed[0] += step == "after" and status == 200
        except (OSError, AssertionError, http.client.HTTPException):
            with lock:
                statuses[0] = statuses.get(0, 0) + 1
        finally:
            conn.close()

    threads = [threading.Thread(target=phone, args=(i,)) for i in range(phones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    running.stop()
    with sqlite3.connect(kit / "answers.sqlite3") as db:
        stored = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    times.sort()
    return (
        f"| {phones} | {rounds} | {len(times)} | {statuses.get(429, 0)} | "
        f"{confirmed[0]} | {stored} | {times[len(times) // 2] * 1000:.0f} | "
        f"{times[int(len(times) * 0.99)] * 1000:.0f} | {statuses} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=REPO)
    parser.add_argument("--idle", type=int, action="append")
    parser.add_argument("--phones-after", type=int, default=10)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scenario", action="append", choices=("idle", "room"))
    args = parser.parse_args()
    scenarios = args.scenario or ("idle", "room")
    with tempfile.TemporaryDirectory() as folder:
        if "idle" in scenarios:
            print(
                "| idle connections | of them served | page and vote p50 ms | slowest ms | failed |"
            )
            print("|---|---|---|---|---|")
            for index, count in enumerate(args.idle or (0, 300, 700, 950)):
                kit = copy_kit(Path(folder) / f"idle-{index}")
                print(idle(kit, args.code, count, args.phones_after), flush=True)
        if "room" in scenarios:
            print(
                "| phones | rounds | requests | refused | confirmed | stored | p50 ms "
                "| p99 ms | statuses |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            kit = copy_kit(Path(folder) / "room")
            print(room(kit, args.code, args.phones, args.rounds), flush=True)


if __name__ == "__main__":
    main()
