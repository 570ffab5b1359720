"""Answer-server benchmark: a real room, on SQLite and on PostgreSQL.

Scenarios (`--scenario`, repeatable; default room and vote-now):

- room: `--phones` phones (200), each opening a card (GET its form page) and posting 3
  answers, at random moments spread over `--room-seconds` (60), each post followed by
  the thank-you page it redirects to, as a browser does. Half the phones answer a
  success factor (a vote and a comment), half an element card (text).
- vote-now: the trainer says "vote now": every phone opens its success-factor card in
  the seconds before, then all of them vote within `--burst-seconds` (10), at random
  moments, each followed by its thank-you page.
- saturation (information only): 50 clients posting votes as fast as they can for
  `--seconds` (5), the rate limit off; votes a second.

Each phone has its own kept-alive connection and its own address (127.1.x.y, so the
server's per-address rate limit applies to each phone as it does on a LAN); every
request goes to 127.0.0.1 only. The server is what `workshop serve --host 127.0.0.1
--db URL` runs (that code's own store, app and Waitress settings), in a process of its
own, with a fresh database for every run. Reported: p50, p99 and the slowest request
per kind of request, the posts sent and the rows stored (nothing may be lost), and any
request that failed.

`--code LABEL=PATH` serves the code of another checkout (for instance the commit
before a change, `git archive COMMIT | tar -x -C /tmp/before`) in the same run, the
runs alternating, so both meet the same machine:

    python benchmarks/bench_server.py --code before=/tmp/before --code after=.
    python benchmarks/bench_server.py --short          # a quick look: 15 s room, 5 s vote
    python benchmarks/bench_server.py --scenario saturation --seconds 5
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECRET = "benchmark-secret"
SESSION = "open"
DATABASES = ("sqlite", "postgresql")
SCENARIOS = ("room", "vote-now", "saturation")
SATURATION_CLIENTS = 50
GOAL_P99_MS = 150
TIMEOUT = 30  # seconds a request may take before it counts as failed


# --- the server (a child process running one checkout's code) -------------------------------


def serve(root: Path, kit: Path, db: str, port: int, limited: bool) -> None:
    """`workshop serve --host 127.0.0.1 --port PORT --db DB` of the code in `root`, built
    from its own parts (store, app, Waitress settings); `limited`: the rate limit on."""
    import generator

    if not Path(generator.__file__).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"expected the code of {root}, imported {generator.__file__}")
    from generator.answers.links import load_secret
    from generator.cli import serve as serve_module
    from generator.kit.project import Project
    from generator.server import create_app
    from generator.server.app import RATE_PER_MINUTE
    from generator.server.targets import DEFAULT_TEAMS, served_links

    project = Project(kit / "workshop.yaml")
    links = served_links(project, (SESSION,), DEFAULT_TEAMS, load_secret(kit))
    store = serve_module.open_store(project, db)
    app = create_app(
        project,
        store,
        links,
        board_token="bench",
        rate_limit=RATE_PER_MINUTE if limited else None,
    )
    serve_module.run(serve_module.Serving(app, "127.0.0.1", port, "", ""))


@contextlib.contextmanager
def server(root: Path, kit: Path, db: str, limited: bool):
    """The server of `root` on a free port of 127.0.0.1, until the block ends."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = [sys.executable, __file__, "--serve", str(root), str(kit), db, str(port)]
    child = subprocess.Popen(
        [*args, "1" if limited else "0"], cwd=root, env=env, stdout=subprocess.DEVNULL
    )
    try:
        wait_for(port, child)
        yield port
    finally:
        child.terminate()
        child.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, child: subprocess.Popen, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if child.poll() is not None:
            raise SystemExit(f"the server ended with {child.returncode} before it listened")
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {seconds} s")


# --- phones -------------------------------------------------------------------------------


def phone_address(index: int) -> str:
    return f"127.1.{index // 250}.{index % 250 + 1}"


def own_addresses_work() -> bool:
    """Whether this machine's loopback takes 127.1.x.y as a source address (Linux)."""
    try:
        with socket.socket() as probe:
            probe.bind((phone_address(0), 0))
    except OSError:
        return False
    return True


@dataclass
class Card:
    deck: str
    card: str
    team: int

    def answers(self, token: str, send: int) -> dict[str, str]:
        if self.deck == "succesfactoren":
            vote = ("ja", "twijfel", "nee")[send % 3]
            return {"csrf_token": token, "vote": vote, "comment": f"Stem {send + 1}, kort."}
        return {"csrf_token": token, "q1": f"Antwoord {send + 1}: korte lijnen.", "q2": "Ja."}


def room_card(index: int) -> Card:
    """Half the phones on a success factor, half on an element card; nearly every phone
    on a card and team of its own."""
    deck, prefix = ("succesfactoren", "factor") if index % 2 == 0 else ("elementen", "element")
    return Card(deck, f"{prefix}-{1 + (index // 2) % 12}", 1 + (index // 24) % 20)


def vote_card(index: int) -> Card:
    return Card("succesfactoren", f"factor-{1 + index % 12}", 1 + (index // 12) % 20)


@dataclass
class Results:
    """Every request's latency by kind, the posts sent and answered, what failed."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    posts: int = 0  # sent
    stored: int = 0  # answered with the redirect to the thank-you page
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


class Phone:
    """One phone's browser from its own address: kept-alive connections (a second one for
    the fonts, which a browser fetches at once), each opened anew when the server closed
    it, as a browser does."""

    def __init__(self, port: int, address: str | None, card: Card, results: Results):
        self.port, self.address, self.card, self.results = port, address, card, results
        self.path = f"/K/{card_code(card)}"  # as the QR code carries it
        self.conns: list[http.client.HTTPConnection | None] = [None, None]
        self.token = ""

    def request(self, kind: str, method: str, path: str, body: str | None = None, conn=0):
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        began = time.perf_counter()
        for attempt in (1, 2):
            reused = self.conns[conn] is not None
            if not reused:
                source = (self.address, 0) if self.address else None
                self.conns[conn] = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=TIMEOUT, source_address=source
                )
            try:
                self.conns[conn].request(method, path, body=body, headers=headers)
                response = self.conns[conn].getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError) as exc:
                self.conns[conn].close()
                self.conns[conn] = None
                if attempt == 2 or not reused:
                    self.results.fail(f"{kind}: {type(exc).__name__}: {exc}")
                    return None, b""
        self.results.add(kind, time.perf_counter() - began)
        return response, data

    def open(self, assets: bool = True) -> bool:
        """The card's form page, and (`assets`) what a browser loads with it the first
        time: the style sheet, then its two fonts at once (cached for an hour after)."""
        response, html = self.request("open", "GET", self.path)
        if response is None:
            return False
        found = re.search(rb'name="csrf_token" value="([^"]+)"', html)
        if response.status != 200 or not found:
            self.results.fail(f"open: {response.status}")
            return False
        self.token = found.group(1).decode()
        if assets:
            self.asset("/style.css", 0)
            bold = threading.Thread(target=self.asset, args=("/font/bold.ttf", 1))
            bold.start()
            self.asset("/font/regular.ttf", 0)
            bold.join()
        return True

    def asset(self, path: str, conn: int) -> None:
        response, _ = self.request("assets", "GET", path, conn=conn)
        if response is not None and response.status != 200:
            self.results.fail(f"assets: {response.status}")

    def send(self, number: int, follow: bool = True) -> None:
        body = urllib.parse.urlencode(self.card.answers(self.token, number))
        with self.results.lock:
            self.results.posts += 1
        response, _ = self.request("post", "POST", self.path, body)
        if response is None:
            return
        if response.status != 303:
            self.results.fail(f"post: {response.status}")
            return
        with self.results.lock:
            self.results.stored += 1
        if follow:
            thanks, _ = self.request("thanks", "GET", response.getheader("Location"))
            if thanks is not None and thanks.status != 200:
                self.results.fail(f"thanks: {thanks.status}")

    def close(self) -> None:
        for conn in self.conns:
            if conn is not None:
                conn.close()


def card_code(card: Card) -> str:
    from generator.answers.links import Target, code_for

    return code_for(SECRET.encode(), Target(SESSION, card.deck, card.card, card.team))


def at(start: float, offset: float) -> None:
    """Sleep until `offset` seconds after `start` (perf_counter)."""
    delay = start + offset - time.perf_counter()
    if delay > 0:
        time.sleep(delay)


def run_phones(plans: list, port: int, own_address: bool) -> Results:
    """Each plan is (card, [(offset seconds, action)]), action "open" or a post number;
    one thread per phone, all offsets from one start."""
    results = Results()
    phones = [
        Phone(port, phone_address(index) if own_address else None, card, results)
        for index, (card, _) in enumerate(plans)
    ]
    start = time.perf_counter() + 0.5  # every thread started by then

    def phone(me: Phone, steps: list) -> None:
        for offset, action in steps:
            at(start, offset)
            if action == "open":
                if not me.open():
                    return
            else:
                me.send(action)

    threads = [
        threading.Thread(target=phone, args=(me, steps), daemon=True)
        for me, (_, steps) in zip(phones, plans, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for me in phones:  # a browser keeps its connections open until the room is done
        me.close()
    return results


def room_plans(phones: int, seconds: float, rng: random.Random) -> list:
    """Each phone: four moments in the scenario, the first opens its card, the others
    post (and land on the thank-you page)."""
    plans = []
    for index in range(phones):
        opened, *posts = sorted(rng.uniform(0, seconds) for _ in range(4))
        steps = [(opened, "open"), *((moment, number) for number, moment in enumerate(posts))]
        plans.append((room_card(index), steps))
    return plans


def vote_plans(phones: int, seconds: float, rng: random.Random) -> list:
    """Every phone opens its card in the 5 s before the trainer says "vote now", then
    votes once within `seconds`."""
    lead = 5.0
    return [
        (vote_card(index), [(rng.uniform(0, lead), "open"), (lead + rng.uniform(0, seconds), 0)])
        for index in range(phones)
    ]


def saturate(port: int, seconds: float, own_address: bool) -> tuple[Results, float]:
    """50 clients posting votes back to back (no thank-you page); their results and the
    time they ran."""
    results = Results()
    clients = [
        Phone(port, phone_address(i) if own_address else None, vote_card(i), results)
        for i in range(SATURATION_CLIENTS)
    ]
    for client in clients:  # the form pages first, not timed
        if not client.open(assets=False):
            raise SystemExit("saturation: a client could not open its card")
    results.latencies.clear()
    barrier = threading.Barrier(SATURATION_CLIENTS + 1)
    stop = threading.Event()

    def client(me: Phone) -> None:
        barrier.wait()
        number = 0
        while not stop.is_set():
            me.send(number, follow=False)
            number += 1
        me.close()

    threads = [threading.Thread(target=client, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


# --- databases ------------------------------------------------------------------------------


class Databases:
    """A fresh database for every run: an SQLite file, or a new PostgreSQL database on
    one pgserver (the tests' PostgreSQL from pip) for the whole benchmark."""

    def __init__(self, folder: Path, kinds: list[str]):
        self.folder = folder
        self.pg = None
        if "postgresql" in kinds:
            import pgserver

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # platformdirs, when XDG_RUNTIME_DIR is unset
                self.pg = pgserver.get_server(folder / "pg", cleanup_mode="stop")
            self.base = self.pg.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)

    def fresh(self, kind: str) -> str:
        name = f"b{uuid.uuid4().hex[:12]}"
        if kind == "sqlite":
            return f"sqlite:///{self.folder / f'{name}.sqlite3'}"
        import sqlalchemy

        engine = sqlalchemy.create_engine(self.base, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        engine.dispose()
        return sqlalchemy.engine.make_url(self.base).set(database=name).render_as_string(False)

    @staticmethod
    def rows(url: str) -> int:
        import sqlalchemy

        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT COUNT(*) FROM submissions").scalar_one()
        engine.dispose()
        return count

    def close(self) -> None:
        if self.pg is not None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.pg.cleanup()


# --- running and reporting ------------------------------------------------------------------


@dataclass
class Run:
    scenario: str
    db: str
    code: str
    results: Results
    rows: int
    seconds: float


def one_run(scenario: str, db_kind: str, label: str, root: Path, kit: Path, dbs, args) -> Run:
    url = dbs.fresh(db_kind)
    rng = random.Random(args.seed)  # every code gets the same room
    own = args.own_addresses
    # the rate limit as workshop serve has it, but for saturation (one client's thousands)
    with server(root, kit, url, limited=scenario != "saturation" and own) as port:
        began = time.perf_counter()
        if scenario == "room":
            results = run_phones(room_plans(args.phones, args.room_seconds, rng), port, own)
        elif scenario == "vote-now":
            results = run_phones(vote_plans(args.phones, args.burst_seconds, rng), port, own)
        else:
            results, _ = saturate(port, args.seconds, own)
        seconds = time.perf_counter() - began
    return Run(scenario, db_kind, label, results, Databases.rows(url), seconds)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share):.1f}" if values else "-"


def report(runs: list[Run], args) -> None:
    """Per scenario, database and code: every run's posts and latencies together (p50,
    p99 and the slowest post; p99 of the form pages and of every request), then each
    run's post p99; saturation as votes a second."""
    print(
        f"\nmachine: {os.cpu_count()} cores, load average {args.load_before:.2f} before the "
        f"runs, {os.getloadavg()[0]:.2f} after"
    )
    groups: dict[tuple, list[Run]] = {}
    for run in runs:
        groups.setdefault((run.scenario, run.db, run.code), []).append(run)
    print(
        "\n| scenario | database | code | runs | posts sent | stored | lost | failed requests "
        "| post p50 ms | post p99 ms | post max ms | page p99 ms | all p99 ms | post p99 per run |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    missed = []
    for (scenario, db, code), group in groups.items():
        sent = sum(run.results.posts for run in group)
        stored = sum(run.rows for run in group)
        failed = sum(len(run.results.failures) for run in group)

        def pooled(kind: str, group=group) -> list[float]:
            return [x for run in group for x in run.results.latencies.get(kind, [])]

        posts, pages = pooled("post"), pooled("open")
        every = [x for run in group for values in run.results.latencies.values() for x in values]
        each = ", ".join(
            f"{percentile(run.results.latencies['post'], 0.99):.0f}"
            for run in group
            if run.results.latencies.get("post")
        )
        shown = [ms(posts, 0.5), ms(posts, 0.99), ms(posts, 1.0), ms(pages, 0.99), ms(every, 0.99)]
        print(
            f"| {scenario} | {db} | {code} | {len(group)} | {sent} | {stored} | {sent - stored} "
            f"| {failed} | {' | '.join(shown)} | {each} |"
        )
        if scenario != "saturation" and (
            sent != stored or failed or not posts or percentile(posts, 0.99) >= GOAL_P99_MS
        ):
            missed.append(f"{scenario}/{db}/{code}")
    for (scenario, db, code), group in groups.items():
        if scenario == "saturation":
            rates = [len(run.results.latencies.get("post", [])) / args.seconds for run in group]
            median = sorted(rates)[len(rates) // 2]
            shown = ", ".join(f"{rate:.0f}" for rate in rates)
            print(f"saturation, {db}, {code}: {median:.0f} votes/s (runs: {shown})")
    for run in runs:
        if run.results.failures:
            shown = sorted(set(run.results.failures))[:5]
            print(f"failures, {run.scenario} {run.db} {run.code}: {shown}")
    print(
        f"goal (posts p99 < {GOAL_P99_MS} ms, nothing lost, nothing failed): "
        + (f"missed by {', '.join(missed)}" if missed else "met by every room run")
    )


def make_kit(folder: Path) -> Path:
    kit = folder / "kit"
    kit.mkdir()
    shutil.copy(REPO / "workshop.yaml", kit)
    shutil.copytree(REPO / "content", kit / "content")
    (kit / ".workshop-secret").write_text(SECRET + "\n", encoding="ascii")
    return kit


def code_option(text: str) -> tuple[str, Path]:
    label, _, path = text.rpartition("=")
    root = Path(path).resolve()
    if not (root / "generator" / "__init__.py").is_file():
        raise argparse.ArgumentTypeError(f"no generator package in {root}")
    return label or root.name, root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    parser.add_argument("--db", action="append", choices=DATABASES)
    parser.add_argument(
        "--code",
        action="append",
        type=code_option,
        metavar="LABEL=PATH",
        help="a checkout whose server to run (repeatable; default this one)",
    )
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--room-seconds", type=float, default=60.0)
    parser.add_argument("--burst-seconds", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=5.0, help="of a saturation run")
    parser.add_argument("--short", action="store_true", help="room 15 s, vote-now 5 s")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--serve", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        root, kit, db, port, limited = args.serve
        serve(Path(root), Path(kit), db, int(port), limited == "1")
        return
    if args.short:
        args.room_seconds, args.burst_seconds = 15.0, 5.0
    if not 0 < args.phones <= 1000 or max(args.room_seconds, args.burst_seconds) > 600:
        parser.error("expected at most 1000 phones and scenarios of at most 600 s")
    scenarios = args.scenario or ["room", "vote-now"]
    kinds = args.db or list(DATABASES)
    codes = args.code or [("this", REPO)]
    args.own_addresses = own_addresses_work()
    args.load_before = os.getloadavg()[0]
    if not args.own_addresses:
        print(
            "this loopback takes no 127.1.x.y addresses: every phone sends from 127.0.0.1 "
            "and the rate limit is off"
        )
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        kit = make_kit(Path(tmp))
        dbs = Databases(Path(tmp), kinds)
        try:
            for _ in range(args.repeat):
                for scenario in scenarios:
                    for kind in kinds:
                        for label, root in codes:  # alternating: the same machine's mood
                            run = one_run(scenario, kind, label, root, kit, dbs, args)
                            runs.append(run)
                            print(
                                f"done: {scenario} {kind} {label} in {run.seconds:.0f} s",
                                file=sys.stderr,
                            )
        finally:
            dbs.close()
    report(runs, args)


if __name__ == "__main__":
    main()
