"""Worksheet pages: the pieces of a worksheet (section titles, numbered questions with
their room to answer, the worked example, the rows of a table) measured once, then
painted page by page for each team with the header, the code and the footer.

Painting a piece returns the form fields it holds (flow.Spot); the caller turns
them into AcroForm fields (kinds/worksheet/fields.py). With `answers`, each answer is printed in
its room as well: a team's record after the session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...kit.brand import Brand
from ...kit.styles import Box
from ...kit.units import MM
from ...kit.words import Words
from ...print import overflow, qr, text
from ...print.fonts import IGNORED, Fonts
from ...print.images import print_image
from ..deck.faces import url_lines
from .content import Question, Row, Section, Table, Worksheet, comment_field
from .flow import Flow, Piece, Spot, paginate
from .layout import WorksheetLayout

UNBOUNDED = 10_000.0  # points: the height text is set in when it may take what it needs
TEXT_GAP = 2 * MM  # between a question's text and its room to answer
STACK_GAP = 1.5 * MM  # between the lines of the header
REPLACEMENT = "?"  # for a character of an answer that the font lacks
BULLETS = ("- ", "• ")


@dataclass
class SheetStyle:
    """Everything the pages of one worksheet need besides the team."""

    worksheet: Worksheet
    layout: WorksheetLayout
    brand: Brand
    fonts: Fonts
    kit_title: str
    words: Words
    labelled: bool  # a team or session label is printed: the header keeps a line for it
    allow_overflow: bool = False
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def colour(self, name: str):
        return HexColor(name if name.startswith("#") else self.brand.colours[name])


class WorksheetPainter:
    """Measures a worksheet's pieces and paints its pages on `canvas` (set before use)."""

    def __init__(self, style: SheetStyle):
        self.style, self.layout = style, style.layout
        self.canvas = None
        self.answers: Mapping[str, str] = {}  # field id -> text, for a record
        self._reported: set[str] = set()

    # --- text ------------------------------------------------------------------------------
    def fit(self, blocks: list[text.Block], role: str, width: float, where: str) -> text.Fitted:
        style = self.layout.styles[role]
        for block in blocks:
            font = "bold" if block.strong else style.font
            self.style.fonts.check(font, block.text + block.bullet, f"{where} ({role})")
        colour = self.style.colour(style.colour)
        lang = self.style.words.hyphenation
        return text.fit(blocks, style, colour, self.style.fonts, width, UNBOUNDED, lang)

    def set(self, blocks, role: str, width: float, where: str) -> tuple[float, Callable]:
        """The height of text set in `width`, and a function drawing it from (x, top)."""
        fitted = self.fit(blocks, role, width, where)

        def draw(x: float, top: float) -> None:
            height = fitted.height
            text.draw(self.canvas, fitted, x, top - height, width, height, "top")

        return fitted.height, draw

    def boxed(self, blocks, role: str, box: Box, where: str) -> text.Fitted:
        """Text in a box of fixed size: too long is an error, or cut off with '…' when
        overflow is allowed (as on cards)."""
        style = self.layout.styles[role]
        colour, lang = self.style.colour(style.colour), self.style.words.hyphenation
        for block in blocks:
            self.style.fonts.check(style.font, block.text, where)
        fitted = text.fit(blocks, style, colour, self.style.fonts, box.width, box.height, lang)
        if fitted.fits:
            return fitted
        over = fitted.height - box.height
        how = (
            "has a word wider than its room"
            if fitted.too_wide
            else f"is about {over / MM:.1f} mm too long for its room"
        )
        message = (
            f"{self.style.worksheet.name}: {where}: text {how} even at {style.min_size:g}pt "
            f"in layout '{self.layout.name}'"
        )
        if not self.style.allow_overflow:
            self.style.errors.append(
                f"{message}; shorten the text, or pass --allow-overflow to print it cut off "
                f"with '…'"
            )
            return fitted
        self.style.warnings.append(f"{message}; printed cut off with '…' (--allow-overflow)")
        return overflow.cut(blocks, style, colour, self.style.fonts, box, lang)

    # --- pieces ----------------------------------------------------------------------------
    def pieces(self) -> list[Piece]:
        worksheet = self.style.worksheet
        example = [self._example()] if worksheet.example else []
        start = self.layout.example_position == "start"
        pieces = list(example if start else [])
        number = 0
        for section in worksheet.sections:
            pieces.append(self._section(section))
            for question in section.questions:
                number += 1
                pieces.append(self._question(question, number))
        if worksheet.table:
            pieces += self._table(worksheet.table)
        return pieces + ([] if start else example)

    def plan(self) -> Flow:
        """The pieces on pages: the same for every team."""
        return paginate(self.pieces(), self.body_height(True), self.body_height(False))

    def _section(self, section: Section) -> Piece:
        width, where = self.layout.body_width, f"section '{section.id}'"
        title_h, title = self.set([text.Block(section.title)], "section", width, where)
        intro_h, intro = 0.0, None
        if section.intro:
            blocks = [text.Block(p) for p in section.intro]
            intro_h, intro = self.set(blocks, "intro", width, where)

        def paint(x: float, top: float) -> list[Spot]:
            title(x, top)
            if intro:
                intro(x, top - title_h - STACK_GAP)
            return []

        height = title_h + (STACK_GAP + intro_h if intro else 0.0)
        return Piece(where, height, paint, self.layout.section_space, keep_with_next=True)

    def _question(self, question: Question, number: int) -> Piece:
        answers, where = self.layout.answers, f"question '{question.id}'"
        tick = question.answer == "tick"
        indent = answers.tick + 2 * MM if tick else 0.0
        width = self.layout.body_width - indent
        text_h, draw = self.set([text.Block(question.text, f"{number}.")], "question", width, where)
        default = {"lines": answers.lines, "box": answers.box, "tick": answers.tick_lines}
        room = (question.lines or default[question.answer]) * answers.pitch
        head = max(text_h, answers.tick if tick else 0.0)

        def paint(x: float, top: float) -> list[Spot]:
            draw(x + indent, top)
            spots = [self._tick(question.id, x, top)] if tick else []
            area = (x, top - head - TEXT_GAP - room, self.layout.body_width, room)
            name = comment_field(question.id) if tick else question.id
            if question.answer == "box":
                return [*spots, self._box(name, question.id, area)]
            return [*spots, self._lines(name, question.id, area, label=tick)]

        return Piece(
            where, head + TEXT_GAP + room, paint, self.layout.question_space, question=question.id
        )

    def _example(self) -> Piece:
        example, pad = self.style.worksheet.example, self.layout.example_padding
        width, where = self.layout.body_width - 2 * pad, "example"
        title_h, title = self.set([text.Block(example.title)], "example-title", width, where)
        body_h, body = self.set([text.Block(p) for p in example.text], "example", width, where)
        height = 2 * pad + title_h + STACK_GAP + body_h

        def paint(x: float, top: float) -> list[Spot]:
            self.canvas.setFillColor(self.style.colour(self.layout.example_fill))
            self.canvas.rect(x, top - height, self.layout.body_width, height, stroke=0, fill=1)
            title(x + pad, top - pad)
            body(x + pad, top - pad - title_h - STACK_GAP)
            return []

        return Piece(where, height, paint, self.layout.section_space)

    # --- rooms to answer -------------------------------------------------------------------
    def _rule(self) -> None:
        answers = self.layout.answers
        self.canvas.setStrokeColor(self.style.colour(answers.line_colour))
        self.canvas.setLineWidth(answers.line_width)

    def _lines(self, name: str, question: str, area, label: bool = False) -> Spot:
        """Ruled lines filling `area` (x, y, width, height), one per pitch."""
        x, y, width, height = area
        pitch = self.layout.answers.pitch
        if label:  # beside a tick box: the line is for a comment, and says so
            x, width = self._label(x, y + height - pitch), width - (self._label_width())
        self._rule()
        rows = round(height / pitch)
        for row in range(1, rows + 1):
            self.canvas.line(x, y + height - row * pitch, x + width, y + height - row * pitch)
        self._record(name, (x, y, width, height), ruled=True)
        return Spot(name, "text", (x, y, width, height), question)

    def _label_width(self) -> float:
        style = self.layout.styles["url"]
        label = stringWidth(
            f"{self.style.words.comment}:", self.style.fonts.name(style.font), style.size
        )
        return self.layout.answers.tick + 3.5 * MM + label

    def _label(self, x: float, row_bottom: float) -> float:
        style = self.layout.styles["url"]
        self.canvas.setFillColor(self.style.colour(style.colour))
        self.canvas.setFont(self.style.fonts.name(style.font), style.size)
        start = x + self.layout.answers.tick + 2 * MM
        self.canvas.drawString(start, row_bottom + 1.2 * MM, f"{self.style.words.comment}:")
        return x + self._label_width()

    def _box(self, name: str, question: str, area) -> Spot:
        x, y, width, height = area
        self._rule()
        self.canvas.rect(x, y, width, height, stroke=1, fill=0)
        inner = (x + 1.5 * MM, y + 1.5 * MM, width - 3 * MM, height - 3 * MM)
        self._record(name, inner)
        return Spot(name, "text", inner, question)

    def _tick(self, name: str, x: float, top: float) -> Spot:
        side = self.layout.answers.tick
        rect = (x, top - side - 0.5 * MM, side, side)
        self._rule()
        self.canvas.setLineWidth(max(self.layout.answers.line_width, 0.8))
        self.canvas.rect(*rect, stroke=1, fill=0)
        if self.answers.get(name, "").strip().lower() == "ja":
            draw_cross(self.canvas, rect)
        return Spot(name, "check", rect, name)

    def _record(self, name: str, rect, ruled: bool = False) -> None:
        """A stored answer printed in its room, shortened with '…' if it is too long; on
        ruled lines, one line of text on each rule."""
        given = self.answers.get(name, "").strip()
        if not given:
            return
        x, y, width, height = rect
        inset = 1 * MM
        style = self.layout.styles["answer"]
        if ruled:
            pitch = self.layout.answers.pitch
            style = replace(style, min_size=style.size, leading=pitch / style.size)
            room = height - pitch + 1.2 * MM + style.size  # first baseline just above a rule
        else:
            room = height - inset
        box = Box(name, 0, 0, width - 2 * inset, room, "text")
        blocks = [text.Block(self._clean(line)) for line in given.splitlines() if line.strip()]
        colour, lang = self.style.colour(style.colour), self.style.words.hyphenation
        fitted = text.fit(blocks, style, colour, self.style.fonts, box.width, box.height, lang)
        if not fitted.fits:
            fitted = overflow.cut(blocks, style, colour, self.style.fonts, box, lang)
            self.style.warnings.append(
                f"{self.style.worksheet.name}: the answer to '{name}' is too long for its room; "
                f"printed cut off with '…' (the form field holds all of it)"
            )
        text.draw(self.canvas, fitted, x + inset, y, box.width, box.height, "top")

    def _clean(self, value: str) -> str:
        known = self.style.fonts.charmaps[self.layout.styles["answer"].font]
        return "".join(ch if ord(ch) in known or ch in IGNORED else REPLACEMENT for ch in value)

    # --- the table -------------------------------------------------------------------------
    def _columns(self, table: Table) -> list[tuple[float, float]]:
        """(x offset, width) of the row titles, then of each column."""
        first = self.layout.table_title_width
        width = (self.layout.body_width - first) / len(table.columns)
        return [(0.0, first)] + [(first + i * width, width) for i in range(len(table.columns))]

    def _table(self, table: Table) -> list[Piece]:
        width, where = self.layout.body_width, "table"
        title_h, title = self.set([text.Block(table.title)], "section", width, where)

        def paint_title(x: float, top: float) -> list[Spot]:
            title(x, top)
            return []

        head = Piece(where, title_h + STACK_GAP, paint_title, self.layout.section_space, True)
        return [head, self._table_head(table)] + [self._table_row(table, r) for r in table.rows]

    def _table_head(self, table: Table) -> Piece:
        pad, columns = self.layout.table_padding, self._columns(table)
        titles = [table.corner, *(c.title for c in table.columns)]
        cells = [
            self.set([text.Block(t)], "table-head", w - 2 * pad, "table column titles")
            for t, (_, w) in zip(titles, columns, strict=True)
            if t
        ]
        height = 2 * pad + max(h for h, _ in cells)

        def paint(x: float, top: float) -> list[Spot]:
            self.canvas.setFillColor(self.style.colour(self.layout.table_fill))
            self.canvas.rect(x, top - height, self.layout.body_width, height, stroke=0, fill=1)
            drawn = iter(cells)
            for value, (offset, _) in zip(titles, columns, strict=True):
                if value:
                    next(drawn)[1](x + offset + pad, top - pad)
            return []

        return Piece("table column titles", height, paint, repeat=True)

    def _table_row(self, table: Table, row: Row) -> Piece:
        pad, columns, where = self.layout.table_padding, self._columns(table), f"row '{row.id}'"
        pitch = self.layout.answers.pitch
        room = (table.lines or self.layout.table_lines) * pitch
        title_h, title = self.set(
            [text.Block(row.title)], "row-title", columns[0][1] - 2 * pad, where
        )
        cells = [
            self.set(_cell_blocks(value), "cell", w - 2 * pad, f"{where}, column '{c.id}'")
            for value, c, (_, w) in zip(row.cells, table.columns, columns[1:], strict=True)
        ]
        height = 2 * pad + max(title_h, max(h for h, _ in cells) + TEXT_GAP + room)

        def paint(x: float, top: float) -> list[Spot]:
            title(x + pad, top - pad)
            spots = []
            for (_, draw), column, (offset, w) in zip(
                cells, table.columns, columns[1:], strict=True
            ):
                draw(x + offset + pad, top - pad)
                name = table.cell_id(row, column)
                area = (x + offset + pad, top - height + pad, w - 2 * pad, room)
                spots.append(self._lines(name, name, area))
            self._grid(x, top, height, columns)
            return spots

        return Piece(where, height, paint, question=row.id)

    def _grid(self, x: float, top: float, height: float, columns) -> None:
        self._rule()
        self.canvas.rect(x, top - height, self.layout.body_width, height, stroke=1, fill=0)
        for offset, _ in columns[1:]:
            self.canvas.line(x + offset, top, x + offset, top - height)

    # --- page furniture --------------------------------------------------------------------
    def header_height(self, first: bool) -> float:
        if not first:
            return self._running_height() + self.layout.header_space
        text_h = sum(h for h, _ in self._header_text(""))
        code_h = self.layout.qr_size + self._url_room()
        return max(self.layout.logo[1], text_h, code_h) + STACK_GAP + self.layout.header_space

    def body_height(self, first: bool) -> float:
        margins = self.layout.margins
        frame = margins["top"] + margins["bottom"] + self.layout.footer_height
        return self.layout.height - frame - self.header_height(first)

    def _text_column(self) -> tuple[float, float]:
        """(x offset from the left margin, width) of the header's text."""
        layout = self.layout
        start = layout.logo[0] + layout.gap
        width = layout.body_width - start - layout.qr_size - layout.gap
        return (start if layout.qr_side == "right" else start + layout.qr_size + layout.gap), width

    def _header_text(self, label: str) -> list[tuple[float, Callable]]:
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
        set_parts = [self.set(blocks, role, width, where) for blocks, role in parts]
        return [(h + STACK_GAP, draw) for h, draw in set_parts]

    def _url_room(self) -> float:
        style = self.layout.styles["url"]
        return 1 * MM + 2 * style.size * style.leading

    def _running_height(self) -> float:
        style = self.layout.styles["running"]
        return style.size * style.leading + STACK_GAP

    def paint_header(self, first: bool, label: str, link: tuple[str, str] | None) -> float:
        """The header of a page; returns the top of its body."""
        layout, top = self.layout, self.layout.height - self.layout.margins["top"]
        left = layout.margins["left"]
        if not first:
            self._running(left, top, label)
        else:
            self._logo(left, top)
            offset, _ = self._text_column()
            y = top
            for height, draw in self._header_text(label):
                draw(left + offset, y)
                y -= height
            if link:
                self._code(link, top)
        rule = top - self.header_height(first) + layout.header_space
        self.canvas.setStrokeColor(self.style.colour(layout.rule_colour))
        self.canvas.setLineWidth(0.8)
        self.canvas.line(left, rule, left + layout.body_width, rule)
        return rule - layout.header_space

    def _logo(self, left: float, top: float) -> None:
        width, height = self.layout.logo
        x = left if self.layout.qr_side == "right" else left + self.layout.body_width - width
        self.canvas.drawImage(
            print_image(self.style.brand.logo, width, height),
            x,
            top - height,
            width,
            height,
            preserveAspectRatio=True,
            anchor="nw",
            mask="auto",
        )

    def _running(self, left: float, top: float, label: str) -> None:
        worksheet, words = self.style.worksheet, self.style.words
        phase = f"{words.phase} {worksheet.phase} · " if worksheet.phase else ""
        style = self.layout.styles["running"]
        height = style.size * style.leading
        width = self.layout.body_width
        box = Box("running", 0, 0, width * 0.7, height, "text")
        fitted = self.boxed([text.Block(phase + worksheet.title)], "running", box, "running header")
        text.draw(self.canvas, fitted, left, top - height, box.width, height, "top")
        if label:  # short: a team number and a session code
            self.style.fonts.check(style.font, label, "running header")
            self.canvas.setFont(self.style.fonts.name(style.font), style.size)
            self.canvas.drawRightString(left + width, top - style.size, label)

    def _code(self, link: tuple[str, str], top: float) -> None:
        layout, (url, shown) = self.layout, link
        size = layout.qr_size
        x = layout.margins["left"] + (layout.body_width - size if layout.qr_side == "right" else 0)
        code = qr.encode(url)
        module = qr.module_size(code.size, size)
        if module < layout.qr_min_module - 1e-9 and "qr" not in self._reported:
            self._reported.add("qr")
            self.style.errors.append(
                f"{self.style.worksheet.name}: links such as '{url}' ({len(url)} characters) "
                f"give QR modules of {module / MM:.2f} mm, below the "
                f"{layout.qr_min_module / MM:.2f} mm minimum of layout '{layout.name}'; "
                f"shorten the link or make qr.size larger"
            )
        qr.draw(self.canvas, code, x, top - size, size)
        self._url(shown, x, top - size)

    def _url(self, shown: str, x: float, below: float) -> None:
        style = self.layout.styles["url"]
        font = self.style.fonts.name(style.font)
        self.style.fonts.check(style.font, shown, "the link beside the code")
        lines, size = url_lines(shown, font, style, self.layout.qr_size, self._url_room())
        if lines is None:
            self.style.warnings.append(
                f"{self.style.worksheet.name}: links such as '{shown}' do not fit beside the "
                f"code at {style.min_size:g}pt in layout '{self.layout.name}'; they are left "
                f"off (the QR code carries them)"
            )
            return
        self.canvas.setFillColor(self.style.colour(style.colour))
        self.canvas.setFont(font, size)
        y = below - 1 * MM - size
        for line in lines:
            self.canvas.drawString(x, y, line)
            y -= size * style.leading

    def paint_footer(self, page: int, pages: int) -> None:
        layout, words = self.layout, self.style.words
        parts = [
            words.page_of.format(page=page, pages=pages),
            f"{words.source}: {self.style.worksheet.source}",
            self.style.kit_title,
        ]
        box = Box("footer", 0, 0, layout.body_width, layout.footer_height, "text")
        fitted = self.boxed([text.Block(" · ".join(parts))], "footer", box, "footer")
        x, y = layout.margins["left"], layout.margins["bottom"]
        text.draw(self.canvas, fitted, x, y, box.width, box.height, "bottom")


def _cell_blocks(value: str) -> list[text.Block]:
    """A table cell's text: a line starting with '- ' or '• ' is a bullet point."""
    blocks = []
    for line in (part.strip() for part in value.splitlines()):
        if not line:
            continue
        bullet = next((b for b in BULLETS if line.startswith(b)), None)
        blocks.append(text.Block(line[len(bullet) :], "•") if bullet else text.Block(line))
    return blocks


def draw_cross(canvas, rect) -> None:
    """The mark of a ticked box: a cross, as people tick a box on paper."""
    x, y, width, height = rect
    inset = width * 0.2
    canvas.saveState()
    canvas.setLineWidth(1.2)
    canvas.setStrokeColorRGB(0.1, 0.1, 0.1)
    canvas.line(x + inset, y + inset, x + width - inset, y + height - inset)
    canvas.line(x + inset, y + height - inset, x + width - inset, y + inset)
    canvas.restoreState()
