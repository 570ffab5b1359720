"""`workshop serve`: the answer server for a kit, on this machine, with Waitress.

Prints the address phones use and the trainer's board link (with a fresh token), each
with a QR code in the terminal, and says what to do when phones cannot reach it."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..answers.links import SECRET_ENV, SECRET_FILE, load_secret
from ..answers.network import DEFAULT_PORT, base_url
from ..answers.network import lan_address as find_lan_address
from ..answers.store import Store, default_url
from ..errors import BuildError
from ..kit.kitfile import AUTO
from ..kit.project import Project

# Waitress worker threads, and a database connection kept for each: a room sends a few
# answers a second, each stored in a few milliseconds (BENCHMARKS.md, "Answer server")
THREADS = 8
# connections Waitress keeps open at once: a phone's browser keeps one or two open between
# its requests, so a room of 200 phones needs more than Waitress's default of 100 (beyond
# it a phone waits until another closes, up to Waitress's 2 minutes). Below 512, the
# sockets select() watches on Windows.
CONNECTIONS = 500
TOKEN_ENV = "WORKSHOP_BOARD_TOKEN"  # the same token for several processes of one kit
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
NO_NETWORK = (
    "no network address found: phones cannot reach this machine. Connect it to the "
    "network the phones use: switch on a phone's hotspot and join it with this laptop "
    "and the phones, or ask the venue for its staff network (guest Wi-Fi often keeps "
    "devices apart). Then start workshop serve again."
)


@dataclass
class Serving:
    """What `workshop serve` runs and tells the trainer."""

    app: object
    host: str
    port: int
    phones: str  # base address phones use
    board: str  # the board link with its token
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def open_store(project: Project, db: str | None, existing: bool = False) -> Store:
    """The kit's answer database (`existing`: an SQLite file must be there already, so
    reading answers never leaves an empty database behind)."""
    url = db or default_url(project.root)
    if existing and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise BuildError(
                f"no answers stored at {project.show(path)}: expected the database "
                f"workshop serve writes (or pass --db URL)"
            )
    return Store(url, pool_size=THREADS)


def kit_secret(project: Project) -> bytes:
    """The secret the codes on the cards were made with; never a new one here, or no
    printed code would resolve."""
    try:
        return load_secret(project.root)
    except FileNotFoundError:
        raise BuildError(
            f"no {SECRET_FILE} in {project.root}: the short links on the cards are made "
            f"with it. Build the kit first (workshop build), or copy {SECRET_FILE} from "
            f"the machine that built the cards, or set {SECRET_ENV}"
        ) from None


def prepare(
    project: Project,
    host: str,
    port: int,
    db: str | None,
    sessions: Sequence[str],
    teams: int | None,
    behind_proxy: bool = False,
    lan_address=None,
) -> Serving:
    """Everything up to listening: links, store, app, and what to print."""
    from ..server import create_app
    from ..server.targets import DEFAULT_TEAMS, served_links

    kit = project.kit()
    served = tuple(dict.fromkeys([*sessions, kit.session]))
    teams = teams or max(kit.teams, DEFAULT_TEAMS)
    links = served_links(project, served, teams, kit_secret(project))
    store = open_store(project, db)
    token = os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(24)
    forward = kit.answers.forward if kit.answers else None
    app = create_app(
        project,
        store,
        links,
        board_token=token,
        forward=forward,
        sessions=served,
        behind_proxy=behind_proxy,
    )
    shown_host, warnings = _phones_host(host, lan_address or find_lan_address)
    phones = f"http://{_in_url(shown_host)}:{port}"
    serving = Serving(app, host, port, phones, f"{phones}/board?token={token}", warnings=warnings)
    serving.warnings += _printed_elsewhere(kit, phones)
    serving.lines = [
        f"answer server for '{kit.title}': sessions {', '.join(served)}, teams 1-{teams}, "
        f"{len(links)} links",
        f"answers are stored in {_store_label(project, store)}"
        + (f"; links forward to {forward.split('?')[0]}" if forward else ""),
        "",
        f"phones: {phones}  (scan a card, or open this and type its code)",
        *qr_lines(phones),
        f"board (for the trainer only): {serving.board}",
        *qr_lines(serving.board),
        "press Ctrl-C to stop",
    ]
    return serving


def run(serving: Serving) -> None:
    """Listen and serve until interrupted, with Waitress."""
    import waitress

    # a room sending at once queues requests for a moment: not worth a line each
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        waitress.serve(
            serving.app,
            host=serving.host,
            port=serving.port,
            threads=THREADS,
            connection_limit=CONNECTIONS,
            ident="workshop",
        )
    except OSError as exc:
        raise BuildError(
            f"cannot listen on {serving.host}:{serving.port}: {exc.strerror}; "
            f"expected a free port (try --port {serving.port + 1})"
        ) from None


def qr_lines(text: str, border: int = 2) -> list[str]:
    """A QR code of `text` in block characters for the terminal, light modules drawn
    (a terminal is dark), two module rows per line of text."""
    from ..print.qr import encode

    rows = encode(text).rows
    size = len(rows) + 2 * border

    def light(r: int, c: int) -> bool:
        inside = border <= r < size - border and border <= c < size - border
        return not (inside and rows[r - border][c - border] == 0)  # 0 is a dark module

    blocks = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(blocks[(light(r, c), r + 1 < size and light(r + 1, c))] for c in range(size))
        for r in range(0, size, 2)
    ]


def _phones_host(host: str, lan_address) -> tuple[str, list[str]]:
    if host in LOCAL_HOSTS:
        return host, [
            f"listening on {host} only: phones cannot reach it; use --host 0.0.0.0 to "
            f"serve the room"
        ]
    if host in ("0.0.0.0", "::", ""):
        found = lan_address()
        return (found, []) if found else ("127.0.0.1", [NO_NETWORK])
    return host, []


def _printed_elsewhere(kit, phones: str) -> list[str]:
    """Cards printed for another address lead phones there, not here."""
    url = kit.answers.url if kit.answers else None
    if url == AUTO:  # printed for this machine's address, on the default port
        url = base_url(phones.split("://", 1)[1].rsplit(":", 1)[0], DEFAULT_PORT)
    if not url or url.rstrip("/").lower() == phones.lower():
        return []
    return [
        f"the kit's answers url is {url}; cards printed with it lead phones there, not to {phones}"
    ]


def _in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _store_label(project: Project, store: Store) -> str:
    if store.sqlite:
        database = Path(store.engine.url.database or "")
        return project.show(database) if database.is_absolute() else str(database)
    return store.engine.url.render_as_string(hide_password=True)
