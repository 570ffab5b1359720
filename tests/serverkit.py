"""Helpers for the answer-server tests: an app over a copied kit, codes, CSRF tokens."""

from __future__ import annotations

import re
import shutil
import threading
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
