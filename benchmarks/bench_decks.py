"""Benchmark: the element deck for 1 and 20 teams, against the bare-reportlab floor.

Runs `floor_reportlab.py` (from ../shared/bench) and `workshop deck elementen` side by
side, alternating, as separate processes; with --before DIR also the same command in a
checkout of an earlier commit (DIR), in the same rotation. Reports per process wall
time, CPU time (user + system) and peak memory (max RSS), medians over the repeats, and
PDF bytes; and our ratio to the floor per QR card (every card of the floor carries a QR
code; ours also prints a cover, how-to and back cards without one, so per QR card is
per team: the floor's 12 codes against our 12). Our deck gets short links under a
fixed answer server address (as a kit with `answers: {url: ...}` prints them).

Both trees are compiled to bytecode first (python -m compileall), as pip installs a
package: what is timed is the tool, not the compiler. Not a test: run it by hand.

    python benchmarks/bench_decks.py [--teams 1 20] [--repeat 5] [--before DIR]
                                     [--shared ../shared/bench]
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

import yaml

REPO = Path(__file__).resolve().parent.parent
ANSWERS_URL = "http://192.168.1.20:8000"


@dataclass
class Run:
    seconds: float  # wall
    cpu: float  # user + system
    peak_mb: float
    cards: int
    pdf_bytes: int


def run_measured(command: list[str], cwd: Path, env=None) -> tuple[float, float, float, str]:
    """Wall time, CPU time, peak RSS (MB) and stdout of one process, from its rusage."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            sys.exit(f"failed: {' '.join(command)}\n{err.read()}")
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return elapsed, cpu, usage.ru_maxrss / 1024, out.read()


def qr_cards(content: Path, teams: int) -> int:
    """Question cards (each with a QR code) of a deck, once per team."""
    cards = yaml.safe_load(content.read_text(encoding="utf-8"))["cards"]
    return sum(1 for c in cards if c.get("kind", "question") == "question") * teams


def floor(shared: Path, teams: int, folder: Path) -> Run:
    content, out = shared / "elementen.yaml", folder / "floor.pdf"
    command = [sys.executable, str(shared / "floor_reportlab.py"), str(content), str(out)]
    seconds, cpu, peak, _ = run_measured([*command, str(teams)], folder)
    return Run(seconds, cpu, peak, qr_cards(content, teams), out.stat().st_size)


def ours(tree: Path, teams: int, folder: Path) -> Run:
    """`workshop deck elementen` of the checkout `tree` (its own package and kit)."""
    out = folder / tree.name
    command = [sys.executable, "-m", "generator", "deck", "elementen", "--teams", str(teams)]
    command += ["--out", str(out), "--answers-url", ANSWERS_URL]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    seconds, cpu, peak, stdout = run_measured(command, tree, env)
    assert re.search(r"(\d+) cards", stdout), stdout
    pdf = out / "open" / "elementen.pdf"
    return Run(
        seconds, cpu, peak, qr_cards(tree / "content" / "elementen.yaml", teams), pdf.stat().st_size
    )


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.peak_mb for r in runs),
        runs[0].cards,
        runs[0].pdf_bytes,
    )


def paired(ours_runs: list[Run], floor_runs: list[Run], attr: str) -> float:
    """The median of the ratios taken run by run (each pair ran back to back)."""
    return statistics.median(
        getattr(o, attr) / getattr(f, attr) for o, f in zip(ours_runs, floor_runs, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a checkout of an earlier commit to compare")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench")
    args = parser.parse_args()
    if not (args.shared / "floor_reportlab.py").is_file():
        sys.exit(f"floor_reportlab.py not found in {args.shared}; pass --shared DIR")
    trees = {"after": REPO}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    for tree in trees.values():
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "generator")], check=True
        )

    print(
        "| teams | QR cards | run | wall s | CPU s | peak MB | KB per QR card "
        "| wall / floor per QR card | CPU / floor per QR card |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for teams in args.teams:
            runs: dict[str, list[Run]] = {"floor": [], **{name: [] for name in trees}}
            for _ in range(args.repeat):  # in turn, so load on the machine hits all alike
                runs["floor"].append(floor(args.shared, teams, folder))
                for name, tree in trees.items():
                    runs[name].append(ours(tree, teams, folder))
            for name, measured in runs.items():
                m = median_run(measured)
                assert m.cards == runs["floor"][0].cards, (name, m.cards)
                ratios = (
                    ("", "")
                    if name == "floor"
                    else (
                        f"{paired(measured, runs['floor'], 'seconds'):.2f}x",
                        f"{paired(measured, runs['floor'], 'cpu'):.2f}x",
                    )
                )
                print(
                    f"| {teams} | {m.cards} | {name} | {m.seconds:.2f} | {m.cpu:.2f} "
                    f"| {m.peak_mb:.0f} | {m.pdf_bytes / m.cards / 1024:.2f} | {ratios[0]} "
                    f"| {ratios[1]} |"
                )


if __name__ == "__main__":
    main()
