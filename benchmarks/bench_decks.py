"""Benchmark: the element deck for 1 and 20 teams, against the bare-reportlab floor.

Runs `floor_reportlab.py` (from ../shared/bench) and `workshop deck elementen` side by
side, alternating, as separate processes; reports wall time, peak memory (max RSS) and
PDF bytes, per card, and our ratio to the floor. Our deck gets short links under a fixed
answer server address (as a kit with `answers: {url: ...}` prints them). Not a test:
run it by hand.

    python benchmarks/bench_decks.py [--teams 1 20] [--repeat 3] [--shared ../shared/bench]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


ANSWERS_URL = "http://192.168.1.20:8000"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cards: int
    pdf_bytes: int


def run_measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB) and stdout of one process, from its own rusage."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            sys.exit(f"failed: {' '.join(command)}\n{err.read()}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def floor(shared: Path, teams: int, folder: Path) -> Run:
    content = shared / "elementen.yaml"
    seconds, peak, _ = run_measured(
        [
            sys.executable,
            str(shared / "floor_reportlab.py"),
            str(content),
            str(folder / "floor.pdf"),
            str(teams),
        ],
        folder,
    )
    import yaml

    cards = len(yaml.safe_load(content.read_text(encoding="utf-8"))["cards"]) * teams
    return Run(seconds, peak, cards, (folder / "floor.pdf").stat().st_size)


def ours(teams: int, folder: Path) -> Run:
    seconds, peak, stdout = run_measured(
        [
            sys.executable,
            "-m",
            "generator",
            "deck",
            "elementen",
            "--teams",
            str(teams),
            "--out",
            str(folder),
            "--answers-url",
            ANSWERS_URL,
        ],
        REPO,
    )
    cards = int(re.search(r"(\d+) cards", stdout).group(1))
    return Run(seconds, peak, cards, (folder / "open" / "elementen.pdf").stat().st_size)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        runs[0].cards,
        runs[0].pdf_bytes,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench")
    args = parser.parse_args()
    if not (args.shared / "floor_reportlab.py").is_file():
        sys.exit(f"floor_reportlab.py not found in {args.shared}; pass --shared DIR")

    print(
        "| teams | cards floor / ours | floor s | ours s | floor ms/card | ours ms/card "
        "| time ratio per card | time ratio whole run | floor MB | ours MB | memory ratio "
        "| floor KB/card | ours KB/card | bytes ratio per card |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for teams in args.teams:
            floor_runs, our_runs = [], []
            for _ in range(args.repeat):  # alternate, so load on the machine hits both
                floor_runs.append(floor(args.shared, teams, folder))
                our_runs.append(ours(teams, folder))
            f, o = median_run(floor_runs), median_run(our_runs)
            f_card, o_card = f.seconds / f.cards, o.seconds / o.cards
            print(
                f"| {teams} | {f.cards} / {o.cards} | {f.seconds:.2f} | {o.seconds:.2f} "
                f"| {1000 * f_card:.1f} | {1000 * o_card:.1f} | {o_card / f_card:.2f}x "
                f"| {o.seconds / f.seconds:.2f}x "
                f"| {f.peak_mb:.0f} | {o.peak_mb:.0f} | {o.peak_mb / f.peak_mb:.2f}x "
                f"| {f.pdf_bytes / f.cards / 1024:.2f} | {o.pdf_bytes / o.cards / 1024:.2f} "
                f"| {(o.pdf_bytes / o.cards) / (f.pdf_bytes / f.cards):.2f}x |"
            )


if __name__ == "__main__":
    main()
