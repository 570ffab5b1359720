"""Everything that can go wrong for a user, as exceptions the CLI shows without a traceback."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file: where it is and what was expected."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.path}" if self.path else ""
        return f"{where}{key}: {self.message}"


@dataclass(frozen=True)
class Where:
    """A place in an input file where something is named, to blame if it is wrong."""

    file: str
    line: int | None = None
    path: str = ""

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.path, message)

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class WorkshopError(click.ClickException):
    """Base of all errors the user sees as one message and exit code 1."""

    exit_code = 1


class InputError(WorkshopError):
    """One or more problems in the input files, all reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.path))
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{head} in the input:\n{lines}")


class KindError(WorkshopError):
    """A kind an installed package declares (entry point workshop.kinds) cannot be used."""


class BuildError(WorkshopError):
    """Valid input that cannot be made as asked (e.g. text that overflows, with --strict)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a build in progress is discarded the same way."""


class Interrupted(click.ClickException):
    """Ctrl-C (exit 130) or SIGTERM (exit 143): one line, no traceback."""

    def __init__(self, exc: KeyboardInterrupt):
        written = getattr(exc, "written", False)  # set by output.batch
        super().__init__(f"interrupted; {'the build was' if written else 'nothing was'} written")
        self.exit_code = 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the kit folder where possible."""
    path = Path(path)
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
        except (RuntimeError, OSError):  # a symbolic link loop: its folder still resolves
            return display_path(path.parent, root) + "/" + path.name
    return str(path)
