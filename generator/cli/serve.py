"""`workshop serve`: the answer server for a kit, on this machine, with Waitress.

Listens first (a port in use is said before anything else), then prints the address
phones use and the trainer's board link (with a fresh token), each with a QR code in
the terminal, and says what to do when phones cannot reach it; Ctrl-C or SIGTERM stops
it with one line."""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
import select
import signal
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..answers.links import SECRET_ENV, SECRET_FILE, load_secret
from ..answers.network import DEFAULT_PORT, base_url
from ..answers.network import lan_address as find_lan_address
from ..answers.store import Store, default_url
from ..errors import BuildError, Terminated
from ..kit.kitfile import AUTO
from ..kit.project import Project

# Waitress worker threads, and a database connection kept for each: a room sends a few
# answers a second, each stored in a few milliseconds (BENCHMARKS.md, "Answer server")
THREADS = 8
# Connections Waitress keeps open at once. A phone's browser keeps one or two open
# between its requests, and anyone on the venue's network can open idle ones: at
# Waitress's default of 100 about 100 idle sockets froze the room (a new phone waited
# until one closed). 1,000 holds a room of 200 phones with their spare connections and
# several hundred idle sockets beside them (tests/test_serve_room.py: 300 and 700 idle,
# a vote still answered at once). Waitress then watches them with poll(): select() takes no
# file descriptor above 1,023. Windows has no poll(), and its select() watches 512
# sockets: there the limit stays below that.
POLL = hasattr(select, "poll")
CONNECTIONS = 1000 if POLL else 500
# An idle connection is closed after this many seconds (Waitress's default is 120),
# checked every CLEANUP_INTERVAL seconds: a connection left idle is gone within 40 s. A
# browser opens a new one when it needs one.
CHANNEL_TIMEOUT = 30
CLEANUP_INTERVAL = 10
SPARE_FILES = 100  # open files beside the connections: database, fonts, Waitress's own
# the headers a trusted proxy sets (README: nginx, Caddy); the client's own are dropped
PROXY_HEADERS = frozenset(
    {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}
)
TOKEN_ENV = "WORKSHOP_BOARD_TOKEN"  # the same token for several processes of one kit
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
LOOPBACK = ("127.0.0.1", "::1")  # the trusted proxy's address by default, as the host's
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
    trusted_proxy: str | None = None  # the reverse proxy whose forwarded headers count
    stored_in: str = ""  # where the answers are, as the last line says


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
    trusted_proxy: str | None = None,
) -> Serving:
    """Everything up to listening: links, store, app, and what to print. Behind a proxy
    (`behind_proxy`, or a `trusted_proxy` address given; default: this machine's
    loopback address) the proxy's forwarded headers say who each client is and whether
    it came over HTTPS, and phones use the kit's answers url through the proxy."""
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
    )
    if trusted_proxy or behind_proxy:
        trusted_proxy = trusted_proxy or (host if host in LOOPBACK else LOOPBACK[0])
        phones, warnings = _through_proxy(kit, host, port)
    elif printed := _printed_for_here(kit, host, port):
        phones, warnings = printed, []
    else:
        shown_host, warnings = _phones_host(host, lan_address or find_lan_address)
        phones = f"http://{_in_url(shown_host)}:{port}"
        warnings += _printed_elsewhere(kit, phones)
    serving = Serving(app, host, port, phones, f"{phones}/board?token={token}", warnings=warnings)
    serving.trusted_proxy = trusted_proxy
    serving.stored_in = _store_label(project, store)
    serving.lines = [
        f"answer server for '{kit.title}': sessions {', '.join(served)}, teams 1-{teams}, "
        f"{len(links)} links",
        f"answers are stored in {serving.stored_in}"
        + (f"; links forward to {forward.split('?')[0]}" if forward else "")
        + (f"; trusting the proxy at {trusted_proxy}" if trusted_proxy else ""),
        "",
        f"phones: {phones}  (scan a card, or open this and type its code)",
        *qr_lines(phones),
        f"board (for the trainer only): {serving.board}",
        *qr_lines(serving.board),
        "press Ctrl-C to stop",
    ]
    return serving


def proxy_address(text: str) -> str:
    """A --trusted-proxy address as Waitress compares it with a client's, or ValueError:
    one IP address (a name or a wildcard would let anyone choose their own address)."""
    return str(ipaddress.ip_address(text.strip()))


def waitress_settings(serving: Serving, connections: int = CONNECTIONS) -> dict:
    """How `workshop serve` runs Waitress for `serving` (the tests start theirs with
    this too): threads, connections and their idle timeout, the app's own body limit
    (a larger body is refused as its headers arrive, before it is read), and the proxy
    it trusts, if any."""
    settings = {
        "host": serving.host,
        "port": serving.port,
        "threads": THREADS,
        "connection_limit": connections,
        "channel_timeout": CHANNEL_TIMEOUT,
        "cleanup_interval": CLEANUP_INTERVAL,
        "ident": "workshop",
    }
    body_limit = serving.app.config.get("MAX_CONTENT_LENGTH")
    if body_limit:  # Waitress refuses a body of this size or more, Flask one larger
        settings["max_request_body_size"] = body_limit + 1
    if POLL:
        settings["asyncore_use_poll"] = True
    if serving.trusted_proxy:
        settings.update(
            trusted_proxy=serving.trusted_proxy,
            trusted_proxy_count=1,
            trusted_proxy_headers=set(PROXY_HEADERS),
        )
    return settings


def listen(serving: Serving):
    """Waitress's server for `serving`, listening: a port in use is a BuildError here,
    before anything is printed."""
    import waitress

    connections = _connections_that_fit(CONNECTIONS, serving.warnings)
    try:
        return waitress.create_server(serving.app, **waitress_settings(serving, connections))
    except OSError as exc:
        raise BuildError(
            f"cannot listen on {serving.host}:{serving.port}: {exc.strerror}; "
            f"expected a free port (try --port {serving.port + 1})"
        ) from None


def run(serving: Serving, server=None) -> str:
    """Serve until Ctrl-C or SIGTERM (listening first if `server` is None); the line to
    say then."""
    # a room sending at once queues requests for a moment: not worth a line each; but
    # Waitress's warnings (its connection limit reached) and a failing view are shown
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    logging.basicConfig()
    server = server or listen(serving)
    stopped_by = ["Ctrl-C"]

    def terminate(signum, frame) -> None:
        stopped_by[0] = "SIGTERM"
        raise Terminated()

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminate) if in_main else None
    try:
        server.run()  # returns on KeyboardInterrupt, once running requests are done
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        context = serving.app.extensions.get("workshop")
        if context is not None:
            context.store.close()
    return f"stopped ({stopped_by[0]}); the answers are in {serving.stored_in or 'the store'}"


def _connections_that_fit(connections: int, warnings: list[str]) -> int:
    """As many of `connections` as this process may open files for, after raising its
    soft limit as far as the hard limit allows (1,024 is common, 256 on macOS)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit; select()'s is kept by CONNECTIONS
        return connections
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + SPARE_FILES
    if soft != resource.RLIM_INFINITY and soft < wanted:
        raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return connections
    fit = max(10, soft - SPARE_FILES)
    warnings.append(
        f"this system lets the server open {soft} files, so it keeps {fit} connections "
        f"at once, not {connections}: raise the limit (ulimit -n {wanted}) for a large room"
    )
    return fit


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


def _through_proxy(kit, host: str, port: int) -> tuple[str, list[str]]:
    """The address phones use behind a proxy: the kit's answers url (the proxy's), which
    this server cannot see for itself; else the one it listens on, with a warning."""
    url = kit.answers.url if kit.answers else None
    if url and url != AUTO:
        return url.rstrip("/"), []
    listened = f"http://{_in_url(host)}:{port}"
    return listened, [
        f"no answers url in the kit: the links below are this server's own address, "
        f"{listened}; phones reach it through the proxy's address"
    ]


def _printed_for_here(kit, host: str, port: int) -> str | None:
    """The kit's answers url when the cards lead to this server: its port is the one
    listened on, and its host an address of this machine that the server listens on
    (any, when it listens on all). A machine with several addresses (Wi-Fi and a cable,
    a VPN) is served at the one printed, not at whichever this server would guess."""
    url = kit.answers.url if kit.answers else None
    if not url or url == AUTO:
        return None
    parsed = urlsplit(url)
    if parsed.scheme != "http" or (parsed.port or 80) != port or not parsed.hostname:
        return None
    everywhere = host in ("0.0.0.0", "::", "")
    if not (everywhere or parsed.hostname == host) or not _is_mine(parsed.hostname):
        return None
    return url.rstrip("/")


def _is_mine(address: str) -> bool:
    """Whether `address` is one of this machine's: only those can be bound to (no
    traffic is sent, no name is looked up)."""
    try:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((address, 0))
    except (OSError, ValueError):
        return False
    return True


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
