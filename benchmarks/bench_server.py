"""Answer-server benchmark: submissions per second and p50/p99 latency with 50 concurrent
clients, on SQLite and on PostgreSQL, against a bare Flask + Waitress "hello" endpoint
measured in the same run with the same client.

Every server runs in the same setup (`--setup`): Waitress as `workshop serve` tunes it
(generator/server/waitress_tuning.py) or as shipped, with the same threads, in one or
several processes sharing one listening socket. The client (`--client`) is either this
process, 50 threads each with one kept-alive connection (each answer-server client first
opens its card for the CSRF token, not timed, then posts votes as fast as it can, each a
new stored version), or Debian's wrk with 50 connections sending the same 50 votes in
turn. `postgresql-nosync` is the same PostgreSQL with `synchronous_commit=off` for the
server's connections (commits do not wait for the disk). Runs alternate (setups,
clients, servers) `--repeat` times; the median run of each is reported, and every run.

    python benchmarks/bench_server.py --seconds 5 --repeat 3 \\
        --setup plain --setup tuned --setup tuned:2 --client python --client wrk
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings
from dataclasses import dataclass
from multiprocessing import connection
from pathlib import Path

from generator.cli.serve import THREADS as SERVE_THREADS

REPO = Path(__file__).resolve().parent.parent

SECRET = "benchmark-secret"
CLIENTS = 50
KINDS = ("bare", "sqlite", "postgresql", "postgresql-nosync")


# --- the servers (run in child processes) --------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """How every server of a run is served: Waitress as `workshop serve` tunes it or
    Waitress as shipped, in how many processes, with how many threads each."""

    waitress: str  # "tuned" (generator/server/waitress_tuning.py) or "plain"
    processes: int
    threads: int

    @classmethod
    def parse(cls, text: str, threads: int) -> Setup:
        """`tuned`, `plain`, `tuned:2` (two processes), `tuned:1:16` (one process of 16
        threads; without it every setup has `threads`) ..."""
        waitress, _, rest = text.partition(":")
        if waitress not in ("tuned", "plain"):
            raise argparse.ArgumentTypeError(f"expected tuned or plain, found {waitress!r}")
        processes, _, own = rest.partition(":")
        return cls(waitress, int(processes or 1), int(own or threads))

    def args(self) -> list[str]:
        return [self.waitress, str(self.processes), str(self.threads)]

    def __str__(self) -> str:
        shown = f"{self.waitress} Waitress, {self.threads} threads"
        return shown + (f" x {self.processes} processes" if self.processes > 1 else "")


def make_app(kind: str, kit: Path, db: str):
    if kind == "bare":
        from flask import Flask

        app = Flask(__name__)
        app.add_url_rule("/hello", "hello", lambda: "hello")
        return app
    from generator.answers.links import load_secret
    from generator.answers.store import Store
    from generator.kit.project import Project
    from generator.server import create_app
    from generator.server.targets import served_links

    project = Project(kit / "workshop.yaml")
    links = served_links(project, ["open"], 200, load_secret(kit))
    # the limit is on, set out of reach: one address sends thousands a minute here
    return create_app(project, Store(db), links, board_token="bench", rate_limit=10**9)


def serve_process(kind: str, kit: Path, db: str, setup: Setup, sock, ready: Path) -> None:
    """One server process on a listening socket (in a process of its own, spawned); says
    it is ready with a file in `ready`."""
    import logging

    import waitress

    from generator.server import waitress_tuning

    # as workshop serve does: Waitress otherwise logs a line per queued request
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    app = make_app(kind, kit, db)
    make = waitress_tuning.create_server if setup.waitress == "tuned" else waitress.create_server
    server = make(app, sockets=[sock], threads=setup.threads)
    (ready / str(os.getpid())).touch()
    with contextlib.suppress(KeyboardInterrupt):
        server.run()


def serve(kind: str, port: int, kit: Path, db: str, setup: Setup, ready: Path) -> None:
    """One listening socket, shared by `setup.processes` server processes."""
    sock = listening_socket("127.0.0.1", port)
    run_processes(setup.processes, serve_process, (kind, kit, db, setup, sock, ready))


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on host:port, to be shared by server processes."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":  # a restarted server may reuse the port at once
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


def run_processes(count: int, target, args: tuple) -> None:
    """`target(*args)` in `count` fresh processes (spawned: nothing of this process's
    threads or database connections carried over), until one of them ends, Ctrl-C, or
    this process is told to end (SIGTERM); then all of them are ended."""
    signal.signal(signal.SIGTERM, _exit)  # so that the finally below ends the processes
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=target, args=args, daemon=True) for _ in range(count)]
    for process in processes:
        process.start()
    try:
        connection.wait([p.sentinel for p in processes])  # the first to end, for any reason
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()


def _exit(number, frame) -> None:
    sys.exit(0)


# --- the client -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(ready: Path, processes: int, seconds: float = 60) -> None:
    """Until every server process has its app made and listens."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if len(list(ready.iterdir())) >= processes:
            return
        time.sleep(0.1)
    raise SystemExit(f"the server processes did not start within {seconds} s")


def prepare_client(kind: str, port: int, index: int):
    """What one client sends: (method, path, body, headers)."""
    if kind == "bare":
        return "GET", "/hello", None, {}
    from generator.answers.links import Target, code_for

    target = Target("open", "succesfactoren", f"factor-{1 + (index // 10) % 12}", 1 + index % 10)
    path = f"/k/{code_for(SECRET.encode(), target)}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    conn.close()
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "vote": "ja", "comment": "bench"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    cookie = response.getheader("Set-Cookie")  # the phone pages set none any more
    if cookie:
        headers["Cookie"] = cookie.split(";")[0]
    return "POST", path, body, headers


def load(kind: str, port: int, seconds: float) -> dict:
    requests = [prepare_client(kind, port, i) for i in range(CLIENTS)]
    expected = 200 if kind == "bare" else 303
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[str] = []
    start = threading.Barrier(CLIENTS + 1)
    stop = threading.Event()

    def client(index: int) -> None:
        method, path, body, headers = requests[index]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = latencies[index]
        start.wait()
        while not stop.is_set():
            began = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            if response.status != expected:
                errors.append(f"{response.status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(x for mine in latencies for x in mine)
    return {
        "rate": len(every) / elapsed,
        "p50": every[len(every) // 2] * 1000,
        "p99": every[int(len(every) * 0.99)] * 1000,
        "count": len(every),
        "errors": len(errors),
    }


def load_wrk(kind: str, port: int, seconds: float) -> dict:
    """The same load from Debian's wrk (C, two threads, 50 connections): a client that
    costs the machine little. The answer server gets the 50 clients' votes in turn."""
    url = f"http://127.0.0.1:{port}"
    script = []
    if kind != "bare":  # the python clients' 50 cards and teams, in turn
        sent = [prepare_client(kind, port, i) for i in range(CLIENTS)]
        pairs = [f'{{"{path}", "{body}"}}' for _, path, body, _ in sent]
        script = [
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
            f"local sent = {{{', '.join(pairs)}}}",
            "local made, i = {}, 0",
            "function init(args) for _, s in ipairs(sent) do",
            '  table.insert(made, wrk.format("POST", s[1], nil, s[2])) end end',
            "function request() i = i % #made + 1; return made[i] end",
        ]
    else:
        url += "/hello"
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write("\n".join(script) + "\n")
        lua.flush()
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds:g}s", "--latency", "-s", lua.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    found = dict(re.findall(r"^\s*(50%|99%|Requests/sec:)\s+(\S+)", out, re.MULTILINE))
    count = re.search(r"(\d+) requests in", out).group(1)
    wrong = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = re.search(r"Socket errors: .*", out)
    return {
        "rate": float(found["Requests/sec:"]),
        "p50": _ms(found["50%"]),
        "p99": _ms(found["99%"]),
        "count": int(count),
        "errors": int(wrong.group(1)) if wrong else 0,
        "socket errors": failed.group(0) if failed else "",
    }


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


CLIENT_LOADS = {"python": load, "wrk": load_wrk}


def run_one(kind: str, kit: Path, db: str, seconds: float, setup: Setup, client: str) -> dict:
    port = free_port()
    with tempfile.TemporaryDirectory() as ready:
        child = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                kind,
                str(port),
                str(kit),
                db,
                ready,
                *setup.args(),
            ],
            cwd=REPO,
        )
        try:
            wait_for(Path(ready), setup.processes)
            return CLIENT_LOADS[client](kind, port, seconds)
        finally:
            child.terminate()
            child.wait(timeout=30)


def make_kit(folder: Path) -> Path:
    kit = folder / "kit"
    kit.mkdir()
    shutil.copy(REPO / "workshop.yaml", kit)
    shutil.copytree(REPO / "content", kit / "content")
    (kit / ".workshop-secret").write_text(SECRET + "\n", encoding="ascii")
    return kit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--threads", type=int, default=SERVE_THREADS, help="Waitress threads, for every server"
    )
    parser.add_argument(
        "--setup",
        action="append",
        help="tuned (default: as workshop serve), plain (Waitress as shipped), tuned:N or "
        "plain:N (N processes sharing one socket), tuned:N:T (T threads each instead of "
        "--threads); repeatable, every server runs in every setup",
    )
    parser.add_argument(
        "--client", action="append", choices=sorted(CLIENT_LOADS), help="default: python"
    )
    parser.add_argument("--serve", nargs=8, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        kind, port, kit, db, ready, waitress, processes, threads = args.serve
        setup = Setup(waitress, int(processes), int(threads))
        serve(kind, int(port), Path(kit), db, setup, Path(ready))
        return
    setups = [Setup.parse(text, args.threads) for text in args.setup or ["tuned"]]
    clients = args.client or ["python"]
    import pgserver

    with tempfile.TemporaryDirectory() as tmp:
        kit = make_kit(Path(tmp))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pg = pgserver.get_server(Path(tmp) / "pg", cleanup_mode="stop")
        dbs = {
            "bare": "",
            "sqlite": f"sqlite:///{kit / 'answers.sqlite3'}",
            "postgresql": pg.get_uri().replace("postgresql://", "postgresql+psycopg://", 1),
        }
        # the same database, its commits not waiting for the disk (see BENCHMARKS.md)
        dbs["postgresql-nosync"] = dbs["postgresql"] + "&options=-csynchronous_commit%3Doff"
        results = {(s, c): {kind: [] for kind in KINDS} for s in setups for c in clients}
        try:
            for _ in range(args.repeat):  # alternating, so that the machine's moods spread
                for setup in setups:
                    for client in clients:
                        for kind in KINDS:
                            run = run_one(kind, kit, dbs[kind], args.seconds, setup, client)
                            results[(setup, client)][kind].append(run)
        finally:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pg.cleanup()
    for (setup, client), runs in results.items():
        report(runs, setup, client)


def report(results: dict[str, list[dict]], setup: Setup, client: str) -> None:
    median = {
        kind: sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]
        for kind, runs in results.items()
    }
    bare = median["bare"]["rate"]
    runs = len(results["bare"])
    print(f"\n{CLIENTS} clients ({client}), {setup}, median of {runs} runs")
    print("| server | requests/s | ratio to bare | p50 ms | p99 ms | requests | errors |")
    print("|---|---|---|---|---|---|---|")
    for kind in KINDS:
        r = median[kind]
        print(
            f"| {kind} | {r['rate']:.0f} | {r['rate'] / bare:.2f}x | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {r['count']} | {r['errors']} |"
        )
    for kind, every in results.items():
        shown = ", ".join(f"{r['rate']:.0f}/{r['p99']:.0f}" for r in every)
        errors = sum(r["errors"] for r in every)
        odd = {r.get("socket errors") for r in every} - {"", None}
        print(f"all runs, {kind} (requests/s / p99 ms): {shown}; errors {errors} {odd or ''}")


if __name__ == "__main__":
    main()
