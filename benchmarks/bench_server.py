"""Answer-server benchmark: submissions per second and p50/p99 latency with 50 concurrent
clients, on SQLite and on PostgreSQL, against a bare Flask + Waitress "hello" endpoint
measured in the same run with the same client.

Each server runs in a process of its own (Waitress with the threads workshop serve uses,
or --threads N for every server, on 127.0.0.1); the client is this process: 50 threads,
each with one kept-alive HTTP connection. For the answer server each client first opens
its card (its CSRF token, not timed), then posts votes as fast as it can, each a new
stored version; the bare server answers GET /hello. Runs alternate (bare, sqlite,
postgresql) `--repeat` times; the median run is reported.

    python benchmarks/bench_server.py --seconds 5 --repeat 3
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings
from pathlib import Path

from generator.commands.serve import THREADS as SERVE_THREADS

REPO = Path(__file__).resolve().parent.parent

SECRET = "benchmark-secret"
CLIENTS = 50
KINDS = ("bare", "sqlite", "postgresql")


# --- the servers (run in child processes) --------------------------------------------------


def serve(kind: str, port: int, kit: Path, db: str, threads: int) -> None:
    import logging

    import waitress

    # as workshop serve does: Waitress otherwise logs a line per queued request
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    if kind == "bare":
        from flask import Flask

        app = Flask(__name__)
        app.add_url_rule("/hello", "hello", lambda: "hello")
    else:
        from generator.links import load_secret
        from generator.project import Project
        from generator.server import create_app
        from generator.server.targets import served_links
        from generator.store import Store

        project = Project(kit / "workshop.yaml")
        links = served_links(project, ["open"], 200, load_secret(kit))
        # the limit is on, set out of reach: one address sends thousands a minute here
        app = create_app(project, Store(db), links, board_token="bench", rate_limit=10**9)
    waitress.serve(app, host="127.0.0.1", port=port, threads=threads, _quiet=True)


# --- the client -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} did not start")


def prepare_client(kind: str, port: int, index: int):
    """What one client sends: (method, path, body, headers)."""
    if kind == "bare":
        return "GET", "/hello", None, {}
    from generator.links import Target, code_for

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


def run_one(kind: str, kit: Path, db: str, seconds: float, threads: int) -> dict:
    port = free_port()
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind, str(port), str(kit), db, str(threads)],
        cwd=REPO,
    )
    try:
        wait_for(port)
        return load(kind, port, seconds)
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
    parser.add_argument("--serve", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        kind, port, kit, db, threads = args.serve
        serve(kind, int(port), Path(kit), db, int(threads))
        return
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
        results: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        try:
            for _ in range(args.repeat):
                for kind in KINDS:
                    run = run_one(kind, kit, dbs[kind], args.seconds, args.threads)
                    results[kind].append(run)
        finally:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pg.cleanup()
    report(results, args.threads)


def report(results: dict[str, list[dict]], threads: int) -> None:
    median = {
        kind: sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]
        for kind, runs in results.items()
    }
    bare = median["bare"]["rate"]
    print(f"{CLIENTS} clients, Waitress {threads} threads, median of {len(results['bare'])} runs")
    print("| server | requests/s | ratio to bare | p50 ms | p99 ms | requests | errors |")
    print("|---|---|---|---|---|---|---|")
    for kind in KINDS:
        r = median[kind]
        print(
            f"| {kind} | {r['rate']:.0f} | {r['rate'] / bare:.2f}x | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {r['count']} | {r['errors']} |"
        )
    spread = {k: [round(r["rate"]) for r in runs] for k, runs in results.items()}
    print(f"all runs (requests/s): {spread}")


if __name__ == "__main__":
    main()
