"""A poster page: a header, the blocks a poster has (intro, key figures, the vote legend,
a grid of items, table 1, a ranking, titled lists, a closing message) and a footer with
the source and, where there is one, a code with its link (in the grid's last row instead
when that row leaves cells free: the footer would take a line from every cell).

Blocks above and below the main block take the height their text needs at the style's
size; the main block gets what is left, and its texts shrink together (one size for all
cells, so the grid stays even) down to the style's minimum. Text that does not fit even
then is an error, as on the cards.

Every text line and code drawn is recorded (`PosterPainter.boxes`), so that tiles can be cut
between them (tiles.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...kit.brand import Brand
from ...kit.units import to_mm
from ...kit.words import Words
from ...print import qr, symbols, text
from ...print.contrast import TINT
from ...print.fonts import Fonts
from ...print.imposition import Rect
from ..deck.content import Response
from .layout import PosterLayout

BULLET = "•"
TITLE_LINES = 3  # an item's title, at most


@dataclass(frozen=True)
class Entry:
    """An item of a grid: an element, a phase, a tip, a factor."""

    number: str
    title: str
    text: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """Table 1: rows (layers) by columns (phases), the text of each cell."""

    corner: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row title, its cells)


@dataclass(frozen=True)
class Ranked:
    """A factor on the results poster: its votes counted, and each team's vote."""

    number: str
    title: str
    counts: dict[str, int]  # vote colour -> teams
    marks: tuple[str | None, ...]  # per team (in View.teams order): its vote, or None


@dataclass(frozen=True)
class View:
    """What one poster shows, whatever content it is drawn from."""

    name: str
    title: str
    source: str
    colour: str = "primary"  # the brand role of the poster's colour
    subtitle: str = ""
    intro: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()  # (value, label)
    votes: tuple[Response, ...] = ()  # the legend; with entries, room for votes beside each
    entries: tuple[Entry, ...] = ()
    matrix: Matrix | None = None
    ranking: tuple[Ranked, ...] = ()
    teams: tuple[int, ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (title, items)
    message: str = ""
    code: tuple[str, str] | None = None  # (what the code carries, what is printed)


@dataclass
class PosterPainter:
    """Draws one View on a canvas of width x height with a layout already scaled."""

    canvas: object
    view: View
    layout: PosterLayout
    brand: Brand
    fonts: Fonts
    words: Words
    width: float
    height: float
    orientation: str
    columns: int | None = None  # the grid's columns; None: the layout's for the orientation
    boxes: list[Rect] = field(default_factory=list)  # every text line and code drawn
    errors: list[str] = field(default_factory=list)
    module: float = 0.0  # the code's module, once drawn

    # --- colours and text ----------------------------------------------------------------
    def colour(self, role: str):
        if role.startswith("#"):
            return HexColor(role)
        return HexColor(self.brand.colours[self.view.colour if role == "deck" else role])

    def tint(self) -> Color:
        base = self.colour("deck")
        mix = [1 - TINT + TINT * c for c in (base.red, base.green, base.blue)]
        return Color(*mix)

    def fit(self, blocks, style: str, width: float, height: float = 1e6, size=None, colour=None):
        """`blocks` (texts or text.Blocks) set in `width`, shrunk to `height` if need be;
        `size` sets them at that size exactly, `colour` in another colour role."""
        chosen = self.layout.styles[style]
        if size is not None:
            chosen = replace(chosen, size=size, min_size=size)
        if colour is not None:
            chosen = replace(chosen, colour=colour)
        blocks = [b if isinstance(b, text.Block) else text.Block(b) for b in blocks]
        for block in blocks:
            self.fonts.check(chosen.font, block.text, f"{self.view.name}: {style} text")
        return text.fit(
            blocks,
            chosen,
            self.colour(chosen.colour),
            self.fonts,
            max(1.0, width),
            height,
            self.words.hyphenation,
        )

    def put(self, fitted, x, y, width, height, where: str, valign: str = "top") -> None:
        """Draw fitted text in the box at (x, y); record its lines; report overflow."""
        if not fitted.fits:
            self.errors.append(
                f"{self.view.name}: {where}: text does not fit at "
                f"{self.layout.name}'s smallest size ({fitted.size:.1f}pt at this paper); "
                f"shorten it, or print the poster larger or in the other orientation"
            )
        text.draw(self.canvas, fitted, x, y, width, height, valign)
        free = max(0.0, height - fitted.height)
        top = y + height - {"top": 0.0, "middle": free / 2, "bottom": free}[valign]
        for paragraph, h in fitted.paragraphs:
            lines = len(paragraph.blPara.lines) or 1
            leading = h / lines
            for number in range(lines):
                line_top = top - number * leading
                self.boxes.append(Rect(x, line_top - leading, width, leading))
            top -= h + fitted.size * text.GAP

    def line(self, words: str, style: str, x: float, y: float, width: float, where: str):
        """One text at its style's size on `y` (its baseline), recorded as a line."""
        chosen = self.layout.styles[style]
        self.fonts.check(chosen.font, words, f"{self.view.name}: {where}")
        font = self.fonts.name(chosen.font)
        self.canvas.setFont(font, chosen.size)
        self.canvas.setFillColor(self.colour(chosen.colour))
        draw = {
            "left": self.canvas.drawString,
            "center": lambda x, y, s: self.canvas.drawCentredString(x + width / 2, y, s),
            "right": lambda x, y, s: self.canvas.drawRightString(x + width, y, s),
        }[chosen.align]
        draw(x, y, words)
        self.boxes.append(Rect(x, y - chosen.size * 0.25, width, chosen.size * 1.1))

    # --- the page ----------------------------------------------------------------------
    def draw(self) -> None:
        margin, gap = self.layout.margin, self.layout.gap
        left, inner = margin, self.width - 2 * margin
        top = self.height - margin
        top = self._header(left, top, inner) - gap
        for block in (self._intro, self._figures, self._legend):
            top = block(left, top, inner)
        bottom = self._footer(left, margin, inner, with_code=not self._grid_room()) + gap
        bottom = self._message(left, bottom, inner)
        if self.view.groups and self._main_block():
            bottom = self._groups(left, bottom, inner, None)
        height = top - bottom
        if self._main_block():
            self._main_block()(left, bottom, inner, height)
        elif self.view.groups:
            self._groups(left, bottom, inner, height)
        if height <= 0:
            self.errors.append(
                f"{self.view.name}: the blocks above and below take the whole page; "
                f"shorten the texts or print the poster larger"
            )

    def _main_block(self):
        view = self.view
        if view.entries:
            return self._grid
        if view.matrix:
            return self._matrix
        if view.ranking:
            return self._ranking
        return None

    def _header(self, x: float, top: float, width: float) -> float:
        title = self.fit([self.view.title], "title", width)
        self.put(title, x, top - title.height, width, title.height, "title")
        top -= title.height
        if self.view.subtitle:
            top -= self.layout.gap / 3
            sub = self.fit([self.view.subtitle], "subtitle", width)
            self.put(sub, x, top - sub.height, width, sub.height, "subtitle")
            top -= sub.height
        rule = self.layout.gap / 2
        top -= rule
        self.canvas.setFillColor(self.colour("deck"))
        self.canvas.rect(x, top - rule / 3, width, rule / 3, stroke=0, fill=1)
        return top - rule / 3

    def _intro(self, x: float, top: float, width: float) -> float:
        if not self.view.intro:
            return top
        fitted = self.fit(self.view.intro, "body", width)
        self.put(fitted, x, top - fitted.height, width, fitted.height, "intro")
        return top - fitted.height - self.layout.gap

    def _figures(self, x: float, top: float, width: float) -> float:
        figures = self.view.figures
        if not figures:
            return top
        gap = self.layout.gap
        cell = (width - gap * (len(figures) - 1)) / len(figures)
        pad = gap / 2
        values = [self.fit([value], "figure", cell) for value, _ in figures]
        labels = [self.fit([label], "body", cell - 2 * pad) for _, label in figures]
        value_h = max(f.height for f in values)
        label_h = max(f.height for f in labels)
        height = value_h + label_h + 3 * pad
        for index, (value, label) in enumerate(zip(values, labels, strict=True)):
            left = x + index * (cell + gap)
            self.canvas.setFillColor(self.tint())
            self.canvas.roundRect(left, top - height, cell, height, gap / 2, stroke=0, fill=1)
            self.put(value, left, top - pad - value_h, cell, value_h, "figures", "bottom")
            self.put(label, left + pad, top - height + pad, cell - 2 * pad, label_h, "figures")
        return top - height - gap

    def _legend(self, x: float, top: float, width: float) -> float:
        """Green ja, orange twijfel, red nee: each as a mark with its symbol and word."""
        from ...results.look import Look
        from ...results.ranking import mark  # the results' own mark, so wall and page agree

        if not self.view.votes:
            return top
        look = Look(self.brand, self.fonts, self.words)
        style = self.layout.styles["heading"]
        size = style.size * 1.5
        each = width / len(self.view.votes)
        for index, vote in enumerate(self.view.votes):
            left = x + index * each
            mark(self.canvas, look, vote, left, top - size, size)
            said = f"{vote.word} – {vote.text}" if vote.text else vote.word
            room = each - size * 1.5
            if stringWidth(said, self.fonts.name(style.font), style.size) > room:
                said = vote.word  # the word alone where its explanation has no room
            baseline = top - size / 2 - style.size * 0.35
            self.line(said, "heading", left + size * 1.3, baseline, each - size * 1.5, "legend")
        return top - size - self.layout.gap

    def _message(self, x: float, bottom: float, width: float) -> float:
        if not self.view.message:
            return bottom
        fitted = self.fit([self.view.message], "message", width)
        self.put(fitted, x, bottom, width, fitted.height, "message")
        return bottom + fitted.height + self.layout.gap

    def _footer(self, x: float, bottom: float, width: float, with_code: bool) -> float:
        """The source at the left; the code and its link at the right (`with_code`)."""
        code = self.view.code and with_code
        code_size = self.layout.code_size if code else 0.0
        room = width - (code_size + self.layout.gap + width * 0.3 if code else 0.0)
        said = f"{self.words.source}: {self.view.source}"
        source = self.fit([said], "small", room)
        self.put(source, x, bottom, room, source.height, "source", "bottom")
        if code:
            self._code(x + width - code_size, bottom, code_size, x + room + self.layout.gap)
        return bottom + max(code_size, source.height)

    def _grid_room(self) -> int:
        """How many cells the grid's last row leaves free at its right when the poster has
        a code: the code goes there instead of the footer, which would take the room of
        a row of text from every cell (8 tips on 3 columns)."""
        if not (self.view.code and self.view.entries and self._main_block() == self._grid):
            return 0
        columns = min(self._columns(), len(self.view.entries))
        return -len(self.view.entries) % columns

    def _code(self, x: float, y: float, size: float, url_left: float) -> None:
        self._qr(x, y, size)
        width = x - self.layout.gap - url_left
        fitted = self._link(width)
        self.put(fitted, url_left, y, width, size, "link beside the code", "middle")

    def _code_in_cell(self, cell: Rect) -> None:
        """The code at the bottom right of the grid's free cells, its link under it."""
        size = self.layout.code_size
        fitted = self._link(cell.width)
        if size + fitted.height + self.layout.gap / 2 > cell.height:
            self.errors.append(
                f"{self.view.name}: the code and its link do not fit the grid's free cell; "
                f"print the poster larger or in the other orientation"
            )
        self.put(fitted, cell.x, cell.y, cell.width, fitted.height, "link under the code")
        self._qr(cell.right - size, cell.y + fitted.height + self.layout.gap / 2, size)

    def _link(self, width: float):
        """The link printed with the code: the host and the code's path on lines of their
        own, as on the cards (a URL has no spaces to break at)."""
        host, slash, path = self.view.code[1].partition("/")
        return self.fit([host, slash + path] if slash else [self.view.code[1]], "url", width)

    def _qr(self, x: float, y: float, size: float) -> None:
        code = qr.encode(self.view.code[0])
        self.module = qr.draw(self.canvas, code, x, y, size)
        self.boxes.append(Rect(x, y, size, size))
        if self.module < self.layout.min_module - 1e-6:
            self.errors.append(
                f"{self.view.name}: the code's modules are {to_mm(self.module):.2f} mm, "
                f"expected at least {to_mm(self.layout.min_module):.2f} mm (min_module of "
                f"{self.layout.name}): make code_size larger"
            )

    # --- main blocks ---------------------------------------------------------------------
    def _grid(self, x: float, y: float, width: float, height: float) -> None:
        entries, gap = self.view.entries, self.layout.gap
        columns = min(self._columns(), len(entries))
        rows = math.ceil(len(entries) / columns)
        cell_w = (width - gap * (columns - 1)) / columns
        cell_h = (height - gap * (rows - 1)) / rows
        cells = [
            Rect(
                x + (i % columns) * (cell_w + gap),
                y + height - (i // columns + 1) * cell_h - (i // columns) * gap,
                cell_w,
                cell_h,
            )
            for i in range(len(entries))
        ]
        parts = [self._cell_parts(entry, cell) for entry, cell in zip(entries, cells, strict=True)]
        size = min(p[1].size for p in parts)
        title_size = min(p[0].size for p in parts)  # one size for all: an even grid
        for entry, cell, (title, _, body_rect) in zip(entries, cells, parts, strict=True):
            badge = self.layout.styles["number"].size * 2
            title_w = body_rect.right - (cell.x + 1.4 * gap + badge)
            title = self.fit([entry.title], "heading", title_w, size=title_size)
            body = self.fit(self._blocks(entry), "body", body_rect.width, size=size)
            body.fits = body.height <= body_rect.height + 0.01
            self._cell(entry, cell, title, body, body_rect)
        free = self._grid_room()
        if free:
            last = cells[-1]
            left = last.right + gap
            self._code_in_cell(Rect(left, last.y, x + width - left, cell_h))

    def _columns(self) -> int:
        if self.columns:
            return self.columns
        per_row = self.layout.vote_columns if self.view.votes else self.layout.columns
        return per_row.of(self.orientation)

    def _cell_parts(self, entry: Entry, cell: Rect):
        """(title fitted, body fitted at its largest size, the body's box) of a cell."""
        pad = self.layout.gap * 0.7
        badge = self.layout.styles["number"].size * 2
        vote = cell.width * 0.3 if self.view.votes else 0.0
        title_w = cell.width - 3 * pad - badge - vote
        heading = self.layout.styles["heading"]
        lines = heading.size * heading.leading * TITLE_LINES  # a long word shrinks the title
        title = self.fit([entry.title], "heading", title_w, lines)
        head = max(badge, title.height)
        body = Rect(
            cell.x + pad, cell.y + pad, cell.width - 2 * pad - vote, cell.height - 2.5 * pad - head
        )
        fitted = self.fit(self._blocks(entry), "body", body.width, body.height)
        return title, fitted, body

    def _blocks(self, entry: Entry) -> list[text.Block]:
        return [text.Block(t) for t in entry.text] + [text.Block(p, BULLET) for p in entry.parts]

    def _cell(self, entry: Entry, cell: Rect, title, body, body_rect: Rect) -> None:
        pad = self.layout.gap * 0.7
        badge = self.layout.styles["number"].size * 2
        canvas = self.canvas
        canvas.setFillColor(self.tint())
        canvas.roundRect(cell.x, cell.y, cell.width, cell.height, pad, stroke=0, fill=1)
        top = cell.y + cell.height - pad
        canvas.setFillColor(self.colour("deck"))
        canvas.circle(cell.x + pad + badge / 2, top - badge / 2, badge / 2, stroke=0, fill=1)
        number = self.layout.styles["number"]
        baseline = top - badge / 2 - number.size * 0.35
        self.line(entry.number, "number", cell.x + pad, baseline, badge, f"item {entry.number}")
        title_x = cell.x + 2 * pad + badge
        head = max(badge, title.height)
        title_w = body_rect.x + body_rect.width - title_x
        self.put(title, title_x, top - head, title_w, head, f"item {entry.number}", "middle")
        where = f"item {entry.number} ('{entry.title}')"
        self.put(body, body_rect.x, body_rect.y, body_rect.width, body_rect.height, where)
        if self.view.votes:
            self._vote_room(cell, pad)

    def _vote_room(self, cell: Rect, pad: float) -> None:
        """A dashed box beside the factor: room for the teams' coloured dots."""
        room = cell.width * 0.3
        canvas = self.canvas
        canvas.saveState()
        canvas.setStrokeColor(self.colour("muted"))
        canvas.setLineWidth(self.layout.gap / 10)
        canvas.setDash(self.layout.gap / 2, self.layout.gap / 3)
        canvas.setFillColor(self.colour("paper"))
        x = cell.x + cell.width - room
        canvas.roundRect(x, cell.y + pad, room - pad, cell.height - 2 * pad, pad, stroke=1, fill=1)
        canvas.restoreState()

    def _matrix(self, x: float, y: float, width: float, height: float) -> None:
        matrix, gap = self.view.matrix, self.layout.gap / 2
        pad = gap
        first = width * 0.18
        cell_w = (width - first - gap * len(matrix.columns)) / len(matrix.columns)
        heads = [self.fit([c], "heading", cell_w - 2 * pad) for c in matrix.columns]
        head_h = max(f.height for f in heads) + 2 * pad
        row_h = (height - head_h - gap * len(matrix.rows)) / len(matrix.rows)
        fitted = [
            [self.fit([c], "body", cell_w - 2 * pad, row_h - 2 * pad) for c in cells]
            for _, cells in matrix.rows
        ]
        size = min(f.size for row in fitted for f in row)
        top = y + height
        for index, head in enumerate(heads):
            left = x + first + gap + index * (cell_w + gap)
            self._fill(left, top - head_h, cell_w, head_h, "deck")
            head = self.fit([matrix.columns[index]], "heading", cell_w - 2 * pad, colour="paper")
            self.put(head, left + pad, top - head_h + pad, cell_w - 2 * pad, head_h - 2 * pad, "")
        if matrix.corner:
            corner = self.fit([matrix.corner], "small", first - pad)
            self.put(corner, x, top - head_h, first - pad, head_h, "corner", "bottom")
        for r, (title, cells) in enumerate(matrix.rows):
            row_top = top - head_h - gap - r * (row_h + gap)
            self._fill(x, row_top - row_h, first, row_h, "tint")
            name = self.fit([title], "heading", first - 2 * pad, row_h - 2 * pad)
            self.put(name, x + pad, row_top - row_h + pad, first - 2 * pad, row_h - 2 * pad, title)
            for c, cell in enumerate(cells):
                left = x + first + gap + c * (cell_w + gap)
                self._fill(left, row_top - row_h, cell_w, row_h, "tint")
                body = self.fit([cell], "body", cell_w - 2 * pad, size=size)
                body.fits = body.height <= row_h - 2 * pad + 0.01
                where = f"table cell {title} / {matrix.columns[c]}"
                self.put(
                    body,
                    left + pad,
                    row_top - row_h + pad,
                    cell_w - 2 * pad,
                    row_h - 2 * pad,
                    where,
                )

    def _fill(self, x, y, width, height, role: str) -> None:
        self.canvas.setFillColor(self.tint() if role == "tint" else self.colour(role))
        self.canvas.roundRect(x, y, width, height, self.layout.gap / 3, stroke=0, fill=1)

    def _ranking(self, x: float, y: float, width: float, height: float) -> None:
        from ...results.look import Look
        from ...results.ranking import mark

        look = Look(self.brand, self.fonts, self.words)
        rows, gap = self.view.ranking, self.layout.gap / 2
        row_h = (height - gap * (len(rows) - 1)) / len(rows)
        badge = min(row_h * 0.8, self.layout.styles["number"].size * 2)
        title_w = width * 0.36
        teams = len(self.view.teams)
        mark_size = min(row_h * 0.6, width * 0.3 / max(1, teams) * 0.85)
        marks_w = teams * mark_size / 0.85
        bar_x = x + badge + gap + title_w + gap
        bar_w = x + width - marks_w - gap - bar_x
        by_colour = {vote.colour: vote for vote in self.view.votes}
        titles = [self.fit([r.title], "heading", title_w, row_h) for r in rows]
        size = min(f.size for f in titles)
        for index, row in enumerate(rows):
            top = y + height - index * (row_h + gap)
            middle = top - row_h / 2
            self._fill(x, top - row_h, width, row_h, "tint")
            self.canvas.setFillColor(self.colour("deck"))
            self.canvas.circle(x + badge / 2 + gap / 2, middle, badge / 2, stroke=0, fill=1)
            number = self.layout.styles["number"]
            self.line(row.number, "number", x + gap / 2, middle - number.size * 0.35, badge, "")
            title = self.fit([row.title], "heading", title_w, size=size)
            left = x + badge + gap
            self.put(title, left, top - row_h, title_w, row_h, f"factor {row.number}", "middle")
            self._bar(row, bar_x, middle - row_h * 0.3, bar_w, row_h * 0.6)
            for team, vote in enumerate(row.marks):
                left = bar_x + bar_w + gap + team * mark_size / 0.85
                if vote is not None:
                    mark(
                        self.canvas, look, by_colour[vote], left, middle - mark_size / 2, mark_size
                    )

    def _bar(self, row: Ranked, x: float, y: float, width: float, height: float) -> None:
        """The votes as three bars side by side, red first, each with its number."""
        teams = max(1, len(self.view.teams))
        style = self.layout.styles["heading"]
        left = x
        for colour in ("nee", "twijfel", "ja"):
            count = row.counts.get(colour, 0)
            if not count:
                continue
            length = width * count / teams
            self.canvas.setFillColor(self.colour(colour))
            self.canvas.rect(left, y, length, height, stroke=0, fill=1)
            symbol = {v.colour: v.symbol for v in self.view.votes}.get(colour, "check")
            mark_size = min(height * 0.8, length * 0.45)
            font = self.fonts.name("bold")
            paper = self.colour("paper")
            symbols.draw(
                self.canvas, symbol, left + height * 0.1, y + height * 0.1, mark_size, paper, font
            )
            self.canvas.setFont(font, min(style.size, height * 0.7))
            self.canvas.setFillColor(paper)
            self.canvas.drawRightString(
                left + length - height * 0.15, y + height * 0.28, str(count)
            )
            self.boxes.append(Rect(left, y, length, height))
            left += length

    def _groups(self, x: float, bottom: float, width: float, height: float | None) -> float:
        """Titled lists side by side: at their natural height above `bottom`, or filling
        `height` when they are the poster's main block."""
        groups, gap = self.view.groups, self.layout.gap
        each = (width - gap * (len(groups) - 1)) / len(groups)
        pad = gap * 0.7
        heads = [self.fit([title], "heading", each - 2 * pad) for title, _ in groups]
        head_h = max(f.height for f in heads)
        blocks = [[text.Block(i, BULLET) for i in items] for _, items in groups]
        if height is None:
            bodies = [self.fit(b, "body", each - 2 * pad) for b in blocks]
            height = head_h + max(f.height for f in bodies) + 3 * pad
        body_h = height - head_h - 3 * pad
        bodies = [self.fit(b, "body", each - 2 * pad, body_h) for b in blocks]
        size = min(f.size for f in bodies)
        for index, (head, items) in enumerate(zip(heads, blocks, strict=True)):
            left = x + index * (each + gap)
            self._fill(left, bottom, each, height, "tint")
            top = bottom + height - pad
            self.put(head, left + pad, top - head_h, each - 2 * pad, head_h, "list title")
            body = self.fit(items, "body", each - 2 * pad, size=size)
            body.fits = body.height <= body_h + 0.01
            where = f"list '{groups[index][0]}'"
            self.put(body, left + pad, bottom + pad, each - 2 * pad, body_h, where)
        return bottom + height + gap
