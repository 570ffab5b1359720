"""Helpers for the answer-server tests: an app over a copied kit, codes, CSRF tokens."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import waitress
from flask import Flask

from generator.answers.links import Target, code_for
from generator.answers.store import Store
from generator.cli.serve import THREADS, Serving, waitress_settings
from generator.kit.project import Project
from generator.server import create_app
from generator.server.targets import served_links

SECRET = b"test-secret-of-the-kit"
TOKEN = "board-token-for-tests"
SESSIONS = ("open", "2026-11-noord")
WORKSHEET = "proefblad"  # tests/fixtures/worksheet/content/proefblad.yaml
FIXTURES = Path(__file__).parent / "fixtures" / "worksheet"


@dataclass
class Served:
    app: Flask
    store: Store
    project: Project


def serve_kit(kit: Path, db_url: str | None = None, teams: int = 3, **options) -> Served:
    (kit / ".workshop-secret").write_text(SECRET.decode() + "\n", encoding="ascii")
    project = Project(kit / "workshop.yaml")
    store = Store(db_url or f"sqlite:///{kit / 'answers.sqlite3'}", pool_size=THREADS)
    links = served_links(project, SESSIONS, teams, SECRET)
    options.setdefault("board_token", TOKEN)
    options.setdefault("sessions", SESSIONS)
    return Served(create_app(project, store, links, **options), store, project)


def add_worksheet(kit: Path) -> None:
    """List the fixture worksheet in a copied kit (its layout need not exist: the server
    reads only the kit file and the content)."""
    shutil.copytree(FIXTURES / "content", kit / "content", dirs_exist_ok=True)
    with (kit / "workshop.yaml").open("a", encoding="utf-8") as kit_file:
        kit_file.write(f"  - worksheet: {WORKSHEET}\n    layout: worksheet-a4\n")


def code(deck: str, card: str, team: int = 1, session: str = "open") -> str:
    return code_for(SECRET, Target(session, deck, card, team))


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


@contextmanager
def waitress_on_loopback(app, timeout: float = 0.05, **settings):
    """Waitress with workshop serve's settings (`waitress_settings`, and `settings` over
    them), in a thread; its loop is stopped and closed in that same thread (closing it
    from another one races with the loop's poll). `timeout`: how long one pass of the
    loop may wait when nothing wakes it (Waitress's own is 1 s)."""
    settings = {**waitress_settings(Serving(app, "127.0.0.1", 0, "", "")), **settings}
    server = waitress.create_server(app, **settings)
    use_poll = server.adj.asyncore_use_poll
    stop = threading.Event()
    stopping = threading.Lock()  # held while the trigger is pulled: it is not closed before

    def loop() -> None:
        while not stop.is_set():
            server.asyncore.loop(timeout=timeout, map=server._map, use_poll=use_poll, count=1)
        with stopping:
            server.task_dispatcher.shutdown()
            for channel in list(server._map.values()):  # the server and its connections
                channel.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        with stopping:
            stop.set()
            server.pull_trigger()  # wakes a loop waiting for `timeout`
        thread.join(timeout=10)


# --- the real `workshop serve`, in a process of its own -----------------------------------

# `workshop serve` as a user runs it; with WORKSHOP_TEST_RATE the rate limit is a burst of
# that many requests, refilled at one a minute, so a test reaches it in a few requests
# however slow the machine
SERVE_CHILD = """
import os, sys
rate = os.environ.pop("WORKSHOP_TEST_RATE", None)
if rate:
    import generator.server.app as app

    class Small(app.RateLimit):
        def __init__(self, *args, **kwargs):
            super().__init__(1, int(rate))

    app.RateLimit = Small
from generator.cli.main import cli
cli(sys.argv[1:], prog_name="workshop")
"""
READY = "press Ctrl-C to stop"  # the banner's last line


@dataclass
class Running:
    """A `workshop serve` process on 127.0.0.1 (or where its arguments say)."""

    process: subprocess.Popen
    port: int
    out: Path
    err: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> tuple[str, str]:
        return self.out.read_text(encoding="utf-8"), self.err.read_text(encoding="utf-8")

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM, as a service manager stops it; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=timeout)
            raise


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(
    kit: Path,
    *args: str,
    port: int | None = None,
    rate: int | None = None,
    checkout: Path | None = None,
):
    """Start `workshop serve --host 127.0.0.1 --port PORT ARGS` in `kit` (with the tests'
    secret and board token); returns it once it listens (or has ended). `checkout`: the
    folder whose code runs (default this one)."""
    (kit / ".workshop-secret").write_text(SECRET.decode() + "\n", encoding="ascii")
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("WORKSHOP_SECRET",)}
    env["WORKSHOP_BOARD_TOKEN"] = TOKEN
    env["PYTHONPATH"] = str(checkout or Path(__file__).resolve().parent.parent)
    if rate:
        env["WORKSHOP_TEST_RATE"] = str(rate)
    out, err = kit / f"serve-{port}.out", kit / f"serve-{port}.err"
    command = [sys.executable, "-c", SERVE_CHILD, "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), *args]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            command,
            cwd=kit,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
    running = Running(process, port, out, err)
    deadline = time.monotonic() + 120  # a safety net: start-up takes a second or two
    while process.poll() is None and not (
        READY in out.read_text(encoding="utf-8") and _accepts(port)
    ):
        if time.monotonic() > deadline:
            running.stop()
            raise AssertionError(f"workshop serve did not start: {running.output()}")
        time.sleep(0.05)
    return running


def _accepts(port: int) -> bool:
    """Whether the port takes connections (no request: the rate limit counts none)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except OSError:
        return False
    return True


@contextmanager
def workshop_serve(kit: Path, *args: str, rate: int | None = None):
    """`start_serve`, stopped with SIGTERM when the block ends."""
    running = start_serve(kit, *args, rate=rate)
    assert running.process.poll() is None, running.output()
    try:
        yield running
    finally:
        running.stop()


class Clock:
    """A stand-in for time.monotonic (the rate limit's clock) that the test moves."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now
