"""A poster's grid of items (elements, phases, tips, factors): a tinted cell each, with
its number in a badge, its title and its text; factors to vote on get a dashed room
beside them for the teams' coloured dots. Every cell's text is set at the type scale's
sizes, the same on every poster of a paper."""

from __future__ import annotations

import math

from ...errors import ProblemKind
from ...print import text
from ...print.imposition import Rect
from ..view import Entry, View
from . import rhythm
from .blocks import BULLET
from .pen import Pen


class Grid:
    """`probe`: only to learn whether the text fits at these columns, so the cells are
    tried longest text first and the first that does not fit at the smallest size ends
    the try (reported, nothing more drawn): a search over the columns then costs about
    one fit per number of columns instead of one per cell."""

    def __init__(
        self, pen: Pen, view: View, columns: int, probe: bool = False, last_row: float = 0.0
    ):
        self.pen, self.view, self.layout = pen, view, pen.layout
        self.columns = min(columns, len(view.entries))
        self.probe = probe
        self.last_row = last_row  # the least height of the last row (a code in its free cells)
        self.pad = self.layout.gap * 0.7
        self.air = 0.0  # padding above and below a cell's text beyond `pad` (rhythm.py)
        heading = self.layout.styles["heading"]
        self.badge = heading.size * heading.leading  # a disc the height of a title line

    def draw(
        self, x: float, y: float, width: float, height: float, cells: list[Rect] | None = None
    ) -> list[Rect]:
        """The grid in the box (or the `cells` given, one per entry); returns its cells.
        Text is set at the type scale's sizes (never shrunk per poster); a title takes
        more lines at word boundaries, and the titles of a row reserve the height of the
        tallest, so that the text of every cell of a row starts on one line. The grid's
        own rows then take their text's height (rhythm.py); given cells and cells with
        room for votes (the dots are their content) keep theirs (a cycle hugs its own
        cells: `texts`, `air`)."""
        hug = cells is None and not self.view.votes
        cells = cells or self._cells(x, y, width, height)
        entries = self.view.entries
        if self.probe and not self._all_fit(cells):
            return cells
        titles, heads, bodies = self._set(cells)
        if hug:
            cells = self._hugged(cells, heads, [body.height for body in bodies], y, height)
        for entry, cell, title, head, body in zip(
            entries, cells, titles, heads, bodies, strict=True
        ):
            self._cell(entry, cell, title, head, body, self._body_rect(cell, head))
        return cells

    def _set(self, cells: list[Rect]):
        """Each cell's title, its row's title band and its text, set for these cells."""
        entries = self.view.entries
        titles = [self._title(entry, cell) for entry, cell in zip(entries, cells, strict=True)]
        heads = _row_heads(cells, [t.height for t in titles])
        bodies = [self._body(*each) for each in zip(entries, cells, heads, strict=True)]
        return titles, heads, bodies

    def texts(self, cells: list[Rect]) -> list[float]:
        """The height of each cell's text set in these cells: its row's title band and
        its own text (the cell's height without padding: `need` adds it)."""
        _, heads, bodies = self._set(cells)
        return [head + body.height for head, body in zip(heads, bodies, strict=True)]

    def need(self, text: float) -> float:
        """A cell's height for a text this high, with its padding (without air); 0.5pt
        more, so that text set again in the cell fits as it did (rounding)."""
        return text + 2.5 * self.pad + 0.5

    def _body(self, entry: Entry, cell: Rect, head: float):
        rect = self._body_rect(cell, head)
        return self.pen.fit(_blocks(entry), "body", rect.width, rect.height)

    def _hugged(
        self, cells: list[Rect], heads: list[float], bodies: list[float], y: float, room: float
    ) -> list[Rect]:
        """The cells with each row as high as its text (and the last row at least
        `last_row`), spaced by rhythm.rows in the stretched grid's height."""
        columns, style = self.columns, self.layout.styles["body"]
        starts = range(0, len(cells), columns)
        texts = [heads[i] + max(bodies[i : i + columns]) for i in starts]
        needs = [self.need(t) for t in texts]
        needs[-1] = max(needs[-1], self.last_row)
        found = rhythm.rows(
            needs, texts, y + room, room, self.layout.gap, style.size * style.leading
        )
        self.air = found.air
        return [
            Rect(
                cell.x,
                found.tops[i // columns] - found.heights[i // columns],
                cell.width,
                found.heights[i // columns],
            )
            for i, cell in enumerate(cells)
        ]

    def _all_fit(self, cells: list[Rect]) -> bool:
        """Whether every entry's text fits its cell, longest first; the first that does
        not is reported. A cell's own title is tried before its row's (the widest rows
        of a search over the columns fail on it: the work stays linear)."""
        entries = self.view.entries
        longest = sorted(
            range(len(entries)),
            key=lambda i: -sum(map(len, (entries[i].title, *entries[i].text, *entries[i].parts))),
        )
        for index in longest:
            entry, cell = entries[index], cells[index]
            if not self._fits(entry, cell, cells):
                where = f"item {entry.number} ('{entry.title}')"
                self.pen.problems.report(ProblemKind.OVERFLOW, "does not fit", path=where)
                return False
        return True

    def _fits(self, entry: Entry, cell: Rect, cells: list[Rect]) -> bool:
        """Whether the entry's title and text fit its cell under its row's title band."""
        if self._title(entry, cell).too_wide:
            return False
        row = [i for i, other in enumerate(cells) if abs(other.top - cell.top) < 0.1]
        head = max(self._title(self.view.entries[i], cells[i]).height for i in row)
        rect = self._body_rect(cell, head)
        return self.pen.fit(_blocks(entry), "body", rect.width, rect.height).fits

    def _cells(self, x: float, y: float, width: float, height: float) -> list[Rect]:
        gap, columns = self.layout.gap, self.columns
        rows = math.ceil(len(self.view.entries) / columns)
        cell_w = (width - gap * (columns - 1)) / columns
        cell_h = (height - gap * (rows - 1)) / rows
        return [
            Rect(
                x + (i % columns) * (cell_w + gap),
                y + height - (i // columns + 1) * cell_h - (i // columns) * gap,
                cell_w,
                cell_h,
            )
            for i in range(len(self.view.entries))
        ]

    def _title(self, entry: Entry, cell: Rect):
        """The item's title, its first line beside the badge, over the cell's whole width
        (a factor's title runs over the room for votes): at the heading's size, in as
        many lines as it takes."""
        title = text.Block(entry.title, indent=self.badge + self.pad / 2)
        return self.pen.fit([title], "heading", cell.width - 2 * self.pad)

    def _body_rect(self, cell: Rect, head: float) -> Rect:
        """The box of a cell's text under a title band `head` high (its row's)."""
        pad, air = self.pad, self.air
        vote = cell.width * 0.3 if self.view.votes else 0.0
        height = cell.height - 2.5 * pad - head - air
        return Rect(cell.x + pad, cell.y + pad + air / 2, cell.width - 2 * pad - vote, height)

    def _cell(self, entry: Entry, cell: Rect, title, head: float, body, body_rect: Rect) -> None:
        pad, badge, pen = self.pad, self.badge, self.pen
        pen.canvas.setFillColor(pen.colour("tint:deck"))
        pen.canvas.roundRect(cell.x, cell.y, cell.width, cell.height, pad, stroke=0, fill=1)
        top = cell.y + cell.height - pad - self.air / 2
        pen.badge(entry.number, cell.x + pad, top - badge / 2, badge, f"item {entry.number}")
        width = cell.width - 2 * pad
        pen.put(
            title, cell.x + pad, top - title.height, width, title.height, f"item {entry.number}"
        )
        where = f"item {entry.number} ('{entry.title}')"
        pen.put(body, body_rect.x, body_rect.y, body_rect.width, body_rect.height, where)
        if self.view.votes:
            _vote_room(pen, cell, cell.height - 2.5 * pad - head, pad)


def _vote_room(pen: Pen, cell: Rect, height: float, pad: float) -> None:
    """A dashed box `height` high beside the factor's text, under its title: room for
    the teams' coloured dots."""
    room, gap, canvas = cell.width * 0.3, pen.layout.gap, pen.canvas
    canvas.saveState()
    canvas.setStrokeColor(pen.colour("muted"))
    canvas.setLineWidth(gap / 10)
    canvas.setDash(gap / 2, gap / 3)
    canvas.setFillColor(pen.colour("paper"))
    x = cell.x + cell.width - room
    canvas.roundRect(x, cell.y + pad, room - pad, height, pad, stroke=1, fill=1)
    canvas.restoreState()


def _blocks(entry: Entry) -> list[text.Block]:
    return [text.Block(t) for t in entry.text] + [text.Block(p, BULLET) for p in entry.parts]


def _row_heads(cells: list[Rect], heads: list[float]) -> list[float]:
    """Each cell's title band: the tallest of the cells whose tops are on its line."""
    tallest: dict[float, float] = {}
    for cell, head in zip(cells, heads, strict=True):
        key = round(cell.top, 1)
        tallest[key] = max(tallest.get(key, 0.0), head)
    return [tallest[round(cell.top, 1)] for cell in cells]
