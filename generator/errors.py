"""Everything that can go wrong for a user: problems, collected as a build meets them and
decided on in one place (`Policy`), and the exceptions the CLI shows without a traceback."""

from __future__ import annotations

import signal
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import click

# characters a message never shows as they are: control characters (an escape sequence
# would drive the terminal), format characters (a bidi override reorders the line, a
# zero-width space hides), line and paragraph separators, and lone surrogates (which
# cannot even be written out)
UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def printable(text: str, keep: str = "") -> str:
    """`text` with every character a terminal should not be given written as a Python
    escape ('\\x1b', '\\u202e'), except those in `keep`; the rest as it is."""
    if text.isprintable() and not any(unicodedata.category(c) == "Cf" for c in text):
        return text
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in UNPRINTABLE and ch not in keep
        else ch
        for ch in text
    )


def shorten(text: str, most: int = 80) -> str:
    """Text quoted in a message: at most `most` characters, '...' where it is cut."""
    return text if len(text) <= most else text[: most - 3] + "..."


def listed(names: Iterable[str], most: int = 12) -> str:
    """Names for a message, 'a, b, c' or 'none'; past `most`, '... and 1,188 more'."""
    names = list(names)
    if not names:
        return "none"
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown}, ... and {len(names) - most:,} more"


class ProblemKind(StrEnum):
    """What went wrong; `Policy` decides per kind what the command line makes of it."""

    INPUT = "input"  # an input file: its shape, a reference, a URL template
    CONTRAST = "contrast"  # text with too little contrast against what lies under it
    OVERFLOW = "overflow"  # text that does not fit its box, even at the smallest size
    GLYPH = "glyph"  # a character the brand's font has no glyph for
    MODULE = "module"  # QR modules too small for a phone to read
    LINK = "link"  # a printed link without room: left off, the code carries it
    ANSWER = "answer"  # a stored answer too long for its room: cut, the form field has it all
    ROOM = "room"  # a piece larger than its page or cell: nothing can cut it to fit
    IMAGE = "image"  # a raster logo with too few pixels for print


class Severity(StrEnum):
    WARNING = "warning"  # shown, and the build goes on
    ERROR = "error"  # the build stops, nothing is written


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: where it is and what was expected.

    A problem of an input file names the file, the line where known and the key path
    ('styles.footer'). A problem found while drawing names the material and the place
    in it ("card 'element-5', box 'body'"); its file is the material's content file,
    and where the text it is about is found in a file, that file, its line and the key
    path there (`key`: 'cards[3].title').

    Shown as text, every character a terminal should not be given is escaped (see
    `printable`): a message quotes what the user wrote."""

    file: str
    line: int | None
    path: str
    message: str
    kind: ProblemKind = ProblemKind.INPUT
    severity: Severity = Severity.ERROR
    material: str = ""  # the material being drawn when it was found
    fix: str = ""  # what to do about it, said while it stops the build
    key: str = ""  # of a problem found while drawing: the key path in `file` at `line`

    @classmethod
    def drawn(
        cls,
        kind: ProblemKind,
        message: str,
        *,
        path: str = "",
        fix: str = "",
        severity: Severity = Severity.ERROR,
        at: Where | None = None,
    ) -> Problem:
        """A problem found while drawing; a Problems collector adds its material and file.
        `at`: where the text it is about is written (file, line and key path)."""
        if at is None or at.line is None:
            return cls("", None, path, message, kind, severity, fix=fix)
        return cls(at.file, at.line, path, message, kind, severity, fix=fix, key=at.path)

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix and self.severity is Severity.ERROR else ""
        if self.material:
            parts = (self.material, self.path, self.message)
            said = ": ".join(part for part in parts if part) + fix
            if self.line is not None:  # where the text it is about is written
                key = f" {self.key}" if self.key else ""
                said = f"{self.file}:{self.line}{key}: {said}"
            return printable(said)
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.path}" if self.path else ""
        return printable(f"{where}{key}: {self.message}{fix}")


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


@dataclass(frozen=True)
class Policy:
    """What the command line makes of problems: the one place `--strict` and
    `--allow-overflow` act. Text that does not fit is an error; with allow_overflow a
    warning, printed cut off with '…'. With strict every warning is an error."""

    strict: bool = False
    allow_overflow: bool = False

    @classmethod
    def of(cls, options) -> Policy:
        """The policy of a build's options (anything with `strict` and `allow_overflow`)."""
        return cls(options.strict, options.allow_overflow)

    def cuts(self, problem: Problem) -> bool:
        """Whether text that does not fit is drawn cut off with '…' (instead of clipped)."""
        return problem.kind is ProblemKind.OVERFLOW and self.allow_overflow

    def tolerate(self, problem: Problem) -> Problem:
        """An overflow is a warning when overflow is allowed."""
        if not self.cuts(problem) or problem.severity is Severity.WARNING:
            return problem
        note = "printed cut off with '…' (--allow-overflow)"
        message = f"{problem.message}; {note}"
        return replace(problem, message=message, severity=Severity.WARNING, fix="")

    def harden(self, problem: Problem) -> Problem:
        """A warning is an error with strict."""
        if not self.strict or problem.severity is Severity.ERROR:
            return problem
        return replace(problem, message=f"{problem.message} (--strict)", severity=Severity.ERROR)

    def decide(self, problem: Problem) -> Problem:
        return self.harden(self.tolerate(problem))


@dataclass
class Problems:
    """The problems a build (or one material of it) meets, collected as they are found
    and decided on by the policy when the build asks what they amount to (`stop`).

    Problems added without a material or file get the collector's. `locate` finds where
    a text drawn is written (Project.locate: file, line and key path), to point there."""

    policy: Policy = field(default_factory=Policy)
    material: str = ""
    file: str = ""
    found: list[Problem] = field(default_factory=list)
    _once: set = field(default_factory=set, repr=False)
    locate: Callable[[list[str], set[str] | None], Where | None] | None = field(
        default=None, repr=False
    )

    def add(self, problem: Problem, once: Hashable | None = None) -> None:
        """Collect a problem; with `once`, only the first problem under that key (a code
        too small on every card of a deck is said once, not once per card and team)."""
        if once is not None:
            if once in self._once:
                return
            self._once.add(once)
        material, file = problem.material or self.material, problem.file or self.file
        self.found.append(replace(problem, material=material, file=file))

    def report(
        self,
        kind: ProblemKind,
        message: str,
        *,
        path: str = "",
        fix: str = "",
        severity: Severity = Severity.ERROR,
        once: Hashable | None = None,
    ) -> None:
        """Collect a problem found while drawing this collector's material."""
        self.add(Problem.drawn(kind, message, path=path, fix=fix, severity=severity), once)

    def overflow(self, path: str, message: str, fix: str, texts: Iterable[str] = ()) -> bool:
        """Collect text that does not fit (`texts`: what was set, to say where it is
        written); whether to draw it cut off with '…'."""
        at = self.locate(list(texts), None) if self.locate and texts else None
        problem = Problem.drawn(ProblemKind.OVERFLOW, message, path=path, fix=fix, at=at)
        self.add(problem)
        return self.policy.cuts(problem)

    def extend(self, problems: Iterable[Problem]) -> Problems:
        for problem in problems:
            self.add(problem)
        return self

    def decided(self) -> tuple[list[Problem], list[Problem]]:
        """(errors, warnings) as the policy makes them, each once, in the order found;
        warnings that strict made errors come after the errors."""
        tolerated = [self.policy.tolerate(p) for p in dict.fromkeys(self.found)]
        errors = [p for p in tolerated if p.severity is Severity.ERROR]
        warnings = [p for p in tolerated if p.severity is Severity.WARNING]
        hardened = [self.policy.harden(p) for p in warnings]
        errors += [p for p in hardened if p.severity is Severity.ERROR]
        return errors, [p for p in hardened if p.severity is Severity.WARNING]

    def stop(self, heading: str | None = None) -> tuple[str, ...]:
        """Raise the errors, if any: problems of input files as an InputError, those found
        drawing (`heading`: 'the deck cannot be printed as asked') as a BuildError; else
        return the warnings' text."""
        errors, warnings = self.decided()
        if errors and heading is None:
            raise InputError(errors)
        if errors:
            lines = _lines(list(dict.fromkeys(str(e) for e in errors)))
            raise BuildError(f"{heading}:\n{lines}", errors)
        return tuple(dict.fromkeys(str(w) for w in warnings))


class WorkshopError(click.ClickException):
    """Base of all errors the user sees as one message and exit code 1, every character
    a terminal should not be given escaped (line breaks between problems kept)."""

    exit_code = 1

    def format_message(self) -> str:
        return printable(self.message, keep="\n")


MAX_SHOWN = 25  # problems a message lists; the rest are counted


def _lines(said: list[str]) -> str:
    """Problems as the indented lines of a message, at most MAX_SHOWN of them."""
    lines = [f"  {line}" for line in said[:MAX_SHOWN]]
    if len(said) > MAX_SHOWN:
        lines.append(f"  ... and {len(said) - MAX_SHOWN:,} more")
    return "\n".join(lines)


class InputError(WorkshopError):
    """One or more problems in the input files, all reported together (the first
    MAX_SHOWN listed)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.path))
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count:,} problems"
        super().__init__(f"{head} in the input:\n{_lines([str(p) for p in self.problems])}")


class KindError(WorkshopError):
    """A kind an installed package declares (entry point workshop.kinds) cannot be used."""


class BuildError(WorkshopError):
    """Valid input that cannot be made as asked (e.g. text that overflows, with --strict);
    `problems` holds them, where they were collected as Problems."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


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
