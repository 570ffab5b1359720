"""What builds the kit in one brand, in a worker process of `workshop build --brand`
(brands.py runs the batch): the kit in that brand, its result sent back as a BrandRun,
and the worker's answer to Ctrl-C and SIGTERM."""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Terminated, WorkshopError
from ..kit.project import Project
from .build import build_all, options_for

COLUMNS = ("brand", "files", "pages", "warnings", "errors", "time")  # BrandRun.cells()


@dataclass(frozen=True)
class BrandRun:
    """What building the kit in one brand gave (sent back from its process)."""

    brand: str
    files: int = 0
    pages: int = 0
    warnings: tuple[str, ...] = ()
    errors: int = 0
    error: str = ""  # the message a single build would have ended with
    seconds: float = 0.0

    def cells(self) -> tuple[str, ...]:
        return (
            self.brand,
            str(self.files),
            str(self.pages),
            str(len(self.warnings)),
            str(self.errors),
            f"{self.seconds:.1f} s",
        )


class BrandedProject(Project):
    """The kit as its kit file says, in another brand than the file's `brand:`."""

    def __init__(self, kit_file: Path, brand: str):
        self.brand_name = brand
        super().__init__(kit_file)

    def _load_kit(self):
        return replace(super()._load_kit(), brand=self.brand_name)


class Worker:
    """A worker's state: a signal stops the build it is in (its batch is discarded) and
    every build it would begin after it."""

    building = False
    stopped = False


def worker_signals() -> None:
    """The pool's initializer: Ctrl-C and SIGTERM as above, never a traceback of an idle
    worker."""
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def _on_signal(signum, frame) -> None:
    Worker.stopped = True
    if Worker.building:
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def build_brand(kit_file: Path, brand: str, out_dir: Path, settings: dict) -> BrandRun:
    """Build the whole kit in `brand` into out_dir/<brand>/, unless the batch was
    interrupted before it began."""
    Worker.building = True  # set before the check: a signal after it stops the build
    try:
        if Worker.stopped:
            return BrandRun(brand, errors=1, error="not begun: the batch was interrupted")
        return _build(kit_file, brand, out_dir, settings)
    finally:
        Worker.building = False


def _build(kit_file: Path, brand: str, out_dir: Path, settings: dict) -> BrandRun:
    start = time.perf_counter()
    try:
        project = BrandedProject(kit_file, brand)
        result = build_all(project, out_dir / brand, options_for(project, **settings))
    except WorkshopError as exc:
        errors = len(getattr(exc, "problems", ())) or 1
        return BrandRun(brand, errors=errors, error=exc.format_message(), seconds=_since(start))
    warnings = [*result.warnings, *(w for item in result.built for w in item.warnings)]
    return BrandRun(
        brand,
        files=len(result.built),
        pages=sum(item.pages for item in result.built),
        warnings=tuple(warnings),
        seconds=_since(start),
    )


def _since(start: float) -> float:
    return time.perf_counter() - start
