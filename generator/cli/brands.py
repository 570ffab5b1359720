"""`workshop build --brand NAME`: the whole kit in each named brand, one output folder per
brand (output/<brand>/<session>/), the brands in parallel processes. A brand whose build
fails is reported in the summary with its message and does not stop the others; each
brand's output is written all or nothing, as a single build's is."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import BuildError, Interrupted, printable
from ..kit.project import Project
from .brand_build import COLUMNS, BrandRun, build_brand, worker_signals
from .build import options_for, with_secret

ALL = "all"  # --brand all: every brand the kit can use


def chosen(project: Project, given: tuple[str, ...]) -> list[str]:
    """The brands --brand names, in the order given (`all`: every brand, sorted); a name
    that is no brand of this kit stops the build before anything is drawn."""
    available = project.brand_names()
    names = available if ALL in given else list(dict.fromkeys(given))
    unknown = [name for name in names if name not in available]
    if unknown:
        shown = ", ".join(f"'{printable(name)}'" for name in unknown)
        raise click.BadParameter(
            f"no brand {shown} in this kit (brands: {', '.join(available)}, or {ALL}; "
            f"a brand is a folder assets/<name>/ with a brand.yaml)",
            param_hint="--brand",
        )
    return names


class BatchInterrupted(Interrupted):
    """Ctrl-C or SIGTERM during a batch: which brands were written before it came."""

    def __init__(self, exc: KeyboardInterrupt, written: list[str]):
        super().__init__(exc)
        said = f"written in full: {', '.join(written)}; no other brand" if written else "nothing"
        self.message = f"interrupted; {said} was written"


def build_brands(project: Project, brands: list[str], out_dir: Path, settings: dict, shown):
    """Every brand in its own process, at most one per CPU; `shown(run)` as each ends.
    The runs in the order of `brands`."""
    # made here, not by the first workers at once: each would write a different secret
    with_secret(project, options_for(project, **settings), write=True)
    made = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)  # before the workers, which share it
    runs = _in_processes(project.kit_file, brands, out_dir, settings, shown)
    if made and not any(out_dir.iterdir()):
        out_dir.rmdir()  # every brand failed: leave no empty output folder behind
    return [runs[brand] for brand in brands]


def _in_processes(kit_file: Path, brands: list[str], out_dir: Path, settings: dict, shown):
    workers = min(len(brands), os.cpu_count() or 1)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_signals)
    futures = {pool.submit(build_brand, kit_file, b, out_dir, settings): b for b in brands}
    runs: dict[str, BrandRun] = {}
    try:
        for future in as_completed(futures):
            run = _outcome(future, futures[future])
            runs[run.brand] = run
            shown(run)
    except KeyboardInterrupt as exc:  # Ctrl-C reaches every worker: each discards its batch
        pool.shutdown(wait=True, cancel_futures=True)
        written = [brand for future, brand in futures.items() if _written(future)]
        raise BatchInterrupted(exc, written) from None
    finally:
        pool.shutdown(wait=True)
    return runs


def _written(future) -> bool:
    """Whether a brand's build finished and was written (the pool has shut down: every
    future is settled, some finished just before the signal came)."""
    if not future.done() or future.cancelled() or future.exception() is not None:
        return False
    return not future.result().error


def _outcome(future, brand: str) -> BrandRun:
    try:
        return future.result()
    except BrokenProcessPool:  # killed (out of memory, a signal): no message of its own
        return BrandRun(brand, errors=1, error="its build process ended before it finished")


def summary(runs: list[BrandRun]) -> list[str]:
    """The table at the end of a batch: one row per brand, columns aligned."""
    rows = [COLUMNS, *(run.cells() for run in runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for row in rows:
        first, *numbers = zip(row, widths, strict=True)
        cells = [first[0].ljust(first[1]), *(cell.rjust(width) for cell, width in numbers)]
        lines.append("  ".join(cells).rstrip())
    return lines


def finished_line(run: BrandRun) -> str:
    """One line when a brand is done (the output is not a terminal)."""
    if run.error:
        return f"{run.brand}: failed ({run.seconds:.1f} s)"
    return f"{run.brand}: {run.files} files, {run.pages} pages ({run.seconds:.1f} s)"


def failure(runs: list[BrandRun]) -> BuildError | None:
    """The error the batch ends with when a brand failed, naming them."""
    failed = [run.brand for run in runs if run.error]
    if not failed:
        return None
    built = len(runs) - len(failed)
    said = f"{built} built, each in its own folder" if built else "nothing was written"
    return BuildError(f"{len(failed)} of {len(runs)} brands failed ({', '.join(failed)}); {said}")


def build_in_brands(project: Project, given: tuple[str, ...], out_dir: Path, settings: dict):
    """The batch as the command line shows it: progress, the summary table, each
    brand's warnings and error; it ends in an error when a brand failed."""
    names = chosen(project, given)
    with _progress(len(names)) as shown:
        runs = build_brands(project, names, out_dir, settings, shown)
    for line in summary(runs):
        click.echo(line)
    session = options_for(project, **settings).session
    click.echo(f"each brand's files: {project.show(out_dir / '<brand>' / session)}/")
    for run in runs:
        for warning in run.warnings:
            click.echo(f"warning: {run.brand}: {warning}", err=True)
        if run.error:
            click.echo(f"error: {run.brand}: {run.error}", err=True)
    error = failure(runs)
    if error:
        raise error


@contextmanager
def _progress(total: int) -> Iterator:
    """A bar on a terminal; elsewhere (a log, CI) one line per finished brand."""
    if not sys.stdout.isatty():
        yield lambda run: click.echo(finished_line(run))
        return
    label = f"building {total} brands"
    with click.progressbar(length=total, label=label, item_show_func=_shown) as bar:
        yield lambda run: bar.update(1, run)


def _shown(run: BrandRun | None) -> str | None:
    return finished_line(run) if run else None
