"""Worksheet pages: the pieces of a worksheet (section titles, numbered questions with
their room to answer, the worked example, the rows of a table; kinds/worksheet/pieces.py)
measured once, then painted page by page for each team with the header, the code and
the footer.

Painting a piece returns the form fields it holds (flow.Spot); the caller turns
them into AcroForm fields (kinds/worksheet/fields.py). With `answers`, each answer is printed in
its room as well: a team's record after the session (kinds/worksheet/rooms.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ...errors import Problem, ProblemKind, Severity, shorten
from ...kit.styles import Box, TextStyle
from ...kit.units import MM
from ...print import text
from ...print.codeblock import CodeBlock, CodeChecks, printed_link
from ...print.imposition import Rect
from ...print.logo import draw_logo
from .flow import Flow, Piece, balance, paginate
from .pieces import Pieces
from .rooms import Rooms
from .typeset import STACK_GAP, SheetStyle, Typesetter


class WorksheetPainter:
    """Measures a worksheet's pieces and paints its pages on `canvas` (set before use)."""

    def __init__(self, style: SheetStyle):
        self.style, self.layout = style, style.layout
        self.setter = Typesetter(style)
        self.rooms = Rooms(self.setter)
        self.header = Header(self.setter)

    @property
    def canvas(self):
        return self.setter.canvas

    @canvas.setter
    def canvas(self, canvas) -> None:
        self.setter.canvas = canvas

    @property
    def answers(self) -> Mapping[str, str]:
        """field id -> text: the answers printed in their rooms (a team's record)."""
        return self.rooms.answers

    @answers.setter
    def answers(self, answers: Mapping[str, str]) -> None:
        self.rooms.answers = answers

    def pieces(self, take: int = 0) -> list[Piece]:
        return Pieces(self.setter, self.rooms, take).all()

    def plan(self) -> Flow:
        """The pieces on pages, the same for every team. A last page that would hold
        one item alone after a page of several is saved by taking lines from the rooms
        to answer (Pieces.lines) when that saves the page; otherwise the last two pages
        are balanced (flow.balance). Rooms are not tightened to hide pieces that do not
        fit on a page: those are reported as asked."""
        first, rest = self.body_height(True), self.body_height(False)
        return balance(self.pieces(self._take(first, rest)), first, rest)

    def _take(self, first: float, rest: float) -> int:
        """The fewest lines to take from each room that saves a last page holding one
        item alone; 0 when none does."""
        flow = paginate(self.pieces(), first, rest)
        tighten = flow.lone_last() and not flow.too_tall
        spare = Pieces(self.setter, self.rooms).spare()
        for take in range(1, spare + 1) if tighten else ():
            if len(paginate(self.pieces(take), first, rest).pages) < len(flow.pages):
                return take
        return 0

    def header_height(self, first: bool) -> float:
        return self.header.height(first)

    def body_height(self, first: bool) -> float:
        margins = self.layout.margins
        frame = margins["top"] + margins["bottom"] + self.footer_height
        return self.layout.height - frame - self.header_height(first)

    def paint_header(self, first: bool, label: str, link: tuple[str, str] | None) -> float:
        """The header of a page; returns the top of its body."""
        return self.header.paint(first, label, link)

    @property
    def footer_height(self) -> float:
        """The layout's footer, one line of its style higher for the brand's own line."""
        style = self.layout.styles["footer"]
        extra = style.size * style.leading if self.style.brand.footer_parts else 0.0
        return self.layout.footer_height + extra

    def paint_footer(self, page: int, pages: int) -> None:
        layout, words = self.layout, self.style.words
        parts = [
            words.page_of.format(page=page, pages=pages),
            f"{words.source}: {self.style.worksheet.source}",
            self.style.kit_title,
        ]
        lines = [" · ".join(parts)]
        if self.style.brand.footer_parts:  # the brand's own line: its footer and contact
            lines.append(" · ".join(self.style.brand.footer_parts))
        box = Box("footer", 0, 0, layout.body_width, self.footer_height, "text")
        blocks = [text.Block(line) for line in lines]
        fitted = self.setter.boxed(blocks, "footer", box, "footer")
        x, y = layout.margins["left"], layout.margins["bottom"]
        text.draw(self.canvas, fitted, x, y, box.width, box.height, "bottom")


class Header:
    """The top of a page: on the first, the logo, the titles and the code block; on the
    others a running header. Each ends with a rule."""

    def __init__(self, setter: Typesetter):
        self.setter, self.style, self.layout = setter, setter.style, setter.layout
        checks = worksheet_code_checks(self.style)
        self.code_block = CodeBlock("qr", self.style.fonts, self.style.problems, checks)

    def height(self, first: bool) -> float:
        if not first:
            return self._running_height() + self.layout.header_space
        text_h = sum(h for h, _ in self._titles(""))
        code_h = self.layout.qr_size + self._url_room()
        return max(self.layout.logo[1], text_h, code_h) + STACK_GAP + self.layout.header_space

    def paint(self, first: bool, label: str, link: tuple[str, str] | None) -> float:
        """The header of a page; returns the top of its body."""
        layout, top = self.layout, self.layout.height - self.layout.margins["top"]
        left = layout.margins["left"]
        if not first:
            self._running(left, top, label)
        else:
            self._logo(left, top)
            offset, _ = self._text_column()
            y = top
            for height, draw in self._titles(label):
                draw(left + offset, y)
                y -= height
            if link:
                self._code(link, top)
        rule = top - self.height(first) + layout.header_space
        canvas = self.setter.canvas
        canvas.setStrokeColor(self.style.colour(layout.rule_colour))
        canvas.setLineWidth(0.8)
        canvas.line(left, rule, left + layout.body_width, rule)
        return rule - layout.header_space

    def _text_column(self) -> tuple[float, float]:
        """(x offset from the left margin, width) of the header's text."""
        layout = self.layout
        start = layout.logo[0] + layout.gap
        width = layout.body_width - start - layout.qr_size - layout.gap
        return (start if layout.qr_side == "right" else start + layout.qr_size + layout.gap), width

    def _titles(self, label: str) -> list[tuple[float, Callable]]:
        """The phase, the title, the team (when labelled) and the goal: (height, draw)."""
        worksheet, words = self.style.worksheet, self.style.words
        width, where = self._text_column()[1], "header"
        parts = []
        if worksheet.phase:
            parts.append(([text.Block(f"{words.phase} {worksheet.phase}")], "phase"))
        parts.append(([text.Block(worksheet.title)], "title"))
        if self.style.labelled:
            parts.append(([text.Block(label or "Team 1")], "team"))
        if worksheet.goal:
            parts.append(([text.Block(g) for g in worksheet.goal], "goal"))
        set_parts = [self.setter.set(blocks, role, width, where) for blocks, role in parts]
        return [(h + STACK_GAP, draw) for h, draw in set_parts]

    def _url_room(self) -> float:
        style = self.layout.styles["url"]
        return 1 * MM + 2 * style.size * style.leading

    def _running_height(self) -> float:
        style = self.layout.styles["running"]
        return style.size * style.leading + STACK_GAP

    def _logo(self, left: float, top: float) -> None:
        width, height = self.layout.logo
        x = left if self.layout.qr_side == "right" else left + self.layout.body_width - width
        draw_logo(self.setter.canvas, self.style.brand.logo, x, top - height, width, height, "nw")

    def _running(self, left: float, top: float, label: str) -> None:
        worksheet, words, canvas = self.style.worksheet, self.style.words, self.setter.canvas
        phase = f"{words.phase} {worksheet.phase} · " if worksheet.phase else ""
        style = self.layout.styles["running"]
        height = style.size * style.leading
        width = self.layout.body_width
        box = Box("running", 0, 0, width * 0.7, height, "text")
        title = [text.Block(phase + worksheet.title)]
        fitted = self.setter.boxed(title, "running", box, "running header")
        text.draw(canvas, fitted, left, top - height, box.width, height, "top")
        if label:  # short: a team number and a session code
            self.style.fonts.check(style.font, label, "running header")
            canvas.setFont(self.style.fonts.name(style.font), style.size)
            canvas.drawRightString(left + width, top - style.size, label)

    def _code(self, link: tuple[str, str], top: float) -> None:
        """The code at the top corner, its link printed under it."""
        layout, (url, shown), canvas = self.layout, link, self.setter.canvas
        size = layout.qr_size
        x = layout.margins["left"] + (layout.body_width - size if layout.qr_side == "right" else 0)
        self.code_block.code(canvas, url, x, top - size, size)
        style = layout.styles["url"]
        room = Rect(x, top - size - 1 * MM - self._url_room(), size, self._url_room())
        colour = self.style.colour(style.colour)
        where = "the link beside the code"
        self.code_block.link(canvas, printed_link(url, shown), style, colour, room, where)


def worksheet_code_checks(style: SheetStyle) -> CodeChecks:
    """A worksheet's code: modules at least the layout's qr.min_module."""
    layout = style.layout

    def too_small(url: str, module: float) -> Problem:
        return Problem.drawn(
            ProblemKind.MODULE,
            f"links such as '{shorten(url)}' ({len(url)} characters) give QR modules of "
            f"{module / MM:.2f} mm, below the {layout.qr_min_module / MM:.2f} mm minimum of "
            f"layout '{layout.name}'",
            fix="shorten the link or make qr.size larger",
        )

    def left_off(link: str, url_style: TextStyle) -> Problem:
        return Problem.drawn(
            ProblemKind.LINK,
            f"links such as '{shorten(link)}' do not fit beside the code at "
            f"{url_style.min_size:g}pt in layout '{layout.name}'; they are left off (the QR "
            f"code carries them)",
            severity=Severity.WARNING,
        )

    return CodeChecks(layout.qr_min_module, too_small, left_off)
