"""The code block every kind prints: a QR code on its white square (the code inside a
quiet zone of four modules, print/qr.py) and its link printed beside or under it, for
people to type; with the checks that go with them. A code whose modules are smaller
than a phone reads at its distance is an error; a link without room is left off with a
warning (the code carries it).

Each kind says these problems in its own words, as what makes a code larger is a box
on a card, qr.size on a worksheet and code_size on a poster (`CodeChecks`); a block
reports each of its problems once, not once per card and team.

    block = CodeBlock("qr", fonts, problems, CodeChecks(0.4 * MM, too_small, left_off))
    block.code(canvas, url, x, y, size)
    block.link(canvas, printed_link(url, shown), style, colour, Rect(x, y, width, height))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..answers.links import PATH
from ..errors import Problem, ProblemKind, Problems, shorten
from ..kit.styles import TextStyle
from . import qr
from .fonts import Fonts
from .imposition import Rect
from .text import GAP, sizes_of

BREAK = re.compile(f"(?=[?&]|{re.escape(PATH)})")  # where a printed link may break
TOLERANCE = 1e-6  # points: a module this little below the minimum still passes


def printed_link(url: str, shown: str | None = None) -> str:
    """What is printed for people to type: `shown` (a short link), or the URL without
    its scheme."""
    return shown or url.split("://", 1)[-1]


@dataclass(frozen=True)
class LinkLines:
    """A printed link broken into lines at one size. A line in `starts` begins a new
    paragraph (the path, when the host has a line apart), a paragraph's gap below the
    line before it."""

    lines: tuple[str, ...]
    size: float
    leading: float  # of the style: the lines are size * leading apart
    starts: frozenset[int] = frozenset()  # the lines after a gap

    @property
    def pitch(self) -> float:
        return self.size * self.leading

    @property
    def height(self) -> float:
        return len(self.lines) * self.pitch + len(self.starts) * self.size * GAP


def link_lines(
    link: str, font: str, style: TextStyle, width: float, height: float, host_apart=False
) -> LinkLines | None:
    """The link broken before '?', '&' and a short link's path into lines that fit
    width and height, at the largest size from the style's down to its minimum; None
    when none fits. With `host_apart` the host has a line of its own, always."""
    host, slash, path = link.partition("/")
    parts = [host, slash + path] if host_apart and slash else [link]
    pieces = [[piece for piece in BREAK.split(part) if piece] for part in parts]
    for size in sizes_of(style):
        lines: list[str] = []
        starts = set()
        for part in pieces:
            starts.add(len(lines))
            lines += _lines(part, font, size, width)
        set_lines = LinkLines(tuple(lines), size, style.leading, frozenset(starts - {0}))
        wide = any(stringWidth(line, font, size) > width for line in lines)
        if set_lines.height <= height + 0.01 and not wide:
            return set_lines
    return None


def _lines(pieces: list[str], font: str, size: float, width: float) -> list[str]:
    """As many pieces on a line as fit, a piece wider than the line alone on its own."""
    lines, line = [], ""
    for piece in pieces:
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return [*lines, line]


@dataclass(frozen=True)
class CodeChecks:
    """What a kind asks of its codes, and how it words what falls short."""

    minimum: float  # the smallest module a phone reads at the distance it is held
    too_small: Callable[[str, float], Problem]  # (url, module) -> the problem to report
    left_off: Callable[[str, TextStyle], Problem]  # (printed link, style) -> the problem


@dataclass
class CodeBlock:
    """One place a kind prints codes (a box on every card, a worksheet's header, a
    poster's corner): draws them, checks them, and records what it drew in `drawn`."""

    name: str  # the place, to report each of its problems once
    fonts: Fonts
    problems: Problems
    checks: CodeChecks
    drawn: list[Rect] = field(default_factory=list)
    module: float = 0.0  # of the last code drawn

    def code(self, canvas, url: str, x: float, y: float, size: float) -> float:
        """The code for `url` on a white square of side `size` at (x, y) (its bottom-left
        corner); returns the side of a module, and reports it when it is too small."""
        try:
            code = qr.encode(url)
        except ValueError:  # longer than any QR code holds: reported, nothing drawn
            size_of = len(url.encode("utf-8", "surrogatepass"))
            self.problems.report(
                ProblemKind.MODULE,
                f"the link '{shorten(url)}' is {size_of:,} bytes; a QR code holds at most "
                f"{qr.MAX_BYTES:,}",
                fix="shorten the URL template or the names filled into it",
                once=(self.name, "too long"),
            )
            return 0.0
        self.module = qr.module_size(code.size, size)
        if self.module < self.checks.minimum - TOLERANCE:
            problem = self.checks.too_small(url, self.module)
            self.problems.add(problem, once=(self.name, "module"))
        qr.draw(canvas, code, x, y, size)
        self.drawn.append(Rect(x, y, size, size))
        return self.module

    def fit(
        self, link: str, style: TextStyle, room: Rect, where: str, host_apart=False
    ) -> LinkLines | None:
        """The link set to fit `room`; None (reported) when it has no room at the
        smallest size. `where` names it if the font lacks one of its characters."""
        self.fonts.check(style.font, link, where)
        font = self.fonts.name(style.font)
        lines = link_lines(link, font, style, room.width, room.height, host_apart)
        if lines is None:
            self.problems.add(self.checks.left_off(link, style), once=(self.name, "link"))
        return lines

    def put(self, canvas, lines: LinkLines, style: TextStyle, colour, room: Rect, valign="top"):
        """Draw set lines in `room`, aligned as the style says, from its top (or centred
        on it, or down to its bottom: `valign`)."""
        free = room.height - lines.height
        top = room.top - {"top": 0.0, "middle": free / 2, "bottom": free}[valign]
        draw = {
            "left": lambda y, line: canvas.drawString(room.x, y, line),
            "center": lambda y, line: canvas.drawCentredString(room.x + room.width / 2, y, line),
            "right": lambda y, line: canvas.drawRightString(room.right, y, line),
        }[style.align]
        canvas.saveState()
        canvas.setFillColor(colour)
        canvas.setFont(self.fonts.name(style.font), lines.size)
        for index, line in enumerate(lines.lines):
            if index in lines.starts:
                top -= lines.size * GAP
            draw(top - lines.size, line)
            self.drawn.append(Rect(room.x, top - lines.pitch, room.width, lines.pitch))
            top -= lines.pitch
        canvas.restoreState()

    def link(
        self, canvas, link: str, style: TextStyle, colour, room: Rect, where: str, valign="top"
    ) -> LinkLines | None:
        """The link set and drawn in `room` (left off, reported, when it has no room)."""
        lines = self.fit(link, style, room, where)
        if lines is not None:
            self.put(canvas, lines, style, colour, room, valign)
        return lines
