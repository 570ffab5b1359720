"""Benchmark: the whole default kit (`workshop build`) and `workshop --help`, as whole
processes, this checkout against an earlier one (--before DIR), side by side.

Each command runs in turn in both checkouts (A B A B ...), with its own package and
kit; reported are the medians of wall time, CPU time (user + system) and peak memory
(max RSS), and the after/before ratios taken pair by pair. The build writes into a
temporary folder and prints its links for a fixed answer server address, so no run
depends on this machine's network. Both trees are compiled to bytecode first, as pip
installs a package. Not a test: run it by hand.

    python benchmarks/bench_build.py --before DIR [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ANSWERS_URL = "http://192.168.1.20:8000"
COMMANDS = {
    "workshop build (default kit)": ["build", "--answers-url", ANSWERS_URL, "--out", "{out}"],
    "workshop --help": ["--help"],
}


def measure(tree: Path, args: list[str], out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `python -m generator ARGS` in `tree`."""
    command = [sys.executable, "-m", "generator", *(a.format(out=out) for a in args)]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as sink:
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            sink.seek(0)
            sys.exit(f"failed in {tree}: {' '.join(command)}\n{sink.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(rows: list[tuple], index: int) -> float:
    return statistics.median(row[index] for row in rows)


def ratio(after: list[tuple], before: list[tuple], index: int) -> float:
    """The median of the after/before ratios, taken pair by pair (run back to back)."""
    return statistics.median(a[index] / b[index] for a, b in zip(after, before, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout to compare")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": REPO}
    for tree in trees.values():
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "generator")], check=True
        )

    print(
        "| command | before wall s | after wall s | wall after/before | before CPU s "
        "| after CPU s | CPU after/before | before MB | after MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, command in COMMANDS.items():
            runs = {name: [] for name in trees}
            for name, tree in trees.items():  # a first run of each fills the disk cache
                measure(tree, command, Path(tmp) / f"{name}-warm")
            for index in range(args.repeat):
                for name, tree in trees.items():
                    runs[name].append(measure(tree, command, Path(tmp) / f"{name}-{index}"))
            b, a = runs["before"], runs["after"]
            print(
                f"| {label} | {median(b, 0):.3f} | {median(a, 0):.3f} | {ratio(a, b, 0):.2f}x "
                f"| {median(b, 1):.3f} | {median(a, 1):.3f} | {ratio(a, b, 1):.2f}x "
                f"| {median(b, 2):.0f} | {median(a, 2):.0f} |"
            )


if __name__ == "__main__":
    main()
