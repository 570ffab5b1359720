"""A poster's grid of items (elements, phases, tips, factors): a tinted cell each, with
its number in a badge, its title and its text; factors to vote on get a dashed room
beside them for the teams' coloured dots. Every cell's text is set at one size, so the
grid stays even."""

from __future__ import annotations

import math

from ...errors import ProblemKind
from ...print import text
from ...print.imposition import Rect
from ..view import Entry, View
from .blocks import BULLET
from .pen import Pen

TITLE_LINES = 3  # an item's title, at most


class Grid:
    """`probe`: only to learn whether the text fits at these columns, so the cells are
    tried longest text first and the first that does not fit at the smallest size ends
    the try (reported, nothing more drawn): a search over the columns then costs about
    one fit per number of columns instead of one per cell."""

    def __init__(self, pen: Pen, view: View, columns: int, probe: bool = False):
        self.pen, self.view, self.layout = pen, view, pen.layout
        self.columns = min(columns, len(view.entries))
        self.probe = probe
        self.pad = self.layout.gap * 0.7
        self.badge = self.layout.styles["number"].size * 2

    def draw(
        self, x: float, y: float, width: float, height: float, cells: list[Rect] | None = None
    ) -> list[Rect]:
        """The grid filling the box (or the `cells` given, one per entry); returns its
        cells."""
        cells = cells or self._cells(x, y, width, height)
        entries = self.view.entries
        if self.probe and not self._all_fit(cells):
            return cells
        parts = [self._parts(entry, cell) for entry, cell in zip(entries, cells, strict=True)]
        size = min(p[1].size for p in parts)
        title_size = min(p[0].size for p in parts)  # one size for all: an even grid
        for entry, cell, (_, _, body_rect) in zip(entries, cells, parts, strict=True):
            title_w = body_rect.right - (cell.x + 1.4 * self.layout.gap + self.badge)
            title = self.pen.fit([entry.title], "heading", title_w, size=title_size)
            body = self.pen.fit(_blocks(entry), "body", body_rect.width, size=size)
            body.fits = body.height <= body_rect.height + 0.01
            self._cell(entry, cell, title, body, body_rect)
        return cells

    def _all_fit(self, cells: list[Rect]) -> bool:
        """Whether every entry's text fits its cell at the smallest size, longest first;
        the first that does not is reported."""
        longest = sorted(
            zip(self.view.entries, cells, strict=True),
            key=lambda pair: -sum(map(len, (pair[0].title, *pair[0].text, *pair[0].parts))),
        )
        for entry, cell in longest:
            title, body, _ = self._parts(entry, cell)
            if title.too_wide or not body.fits:
                where = f"item {entry.number} ('{entry.title}')"
                self.pen.problems.report(ProblemKind.OVERFLOW, "does not fit", path=where)
                return False
        return True

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

    def _parts(self, entry: Entry, cell: Rect):
        """(title fitted, body fitted at its largest size, the body's box) of a cell."""
        pad, badge = self.pad, self.badge
        vote = cell.width * 0.3 if self.view.votes else 0.0
        title_w = cell.width - 3 * pad - badge - vote
        heading = self.layout.styles["heading"]
        lines = heading.size * heading.leading * TITLE_LINES  # a long word shrinks the title
        title = self.pen.fit([entry.title], "heading", title_w, lines)
        head = max(badge, title.height)
        body = Rect(
            cell.x + pad, cell.y + pad, cell.width - 2 * pad - vote, cell.height - 2.5 * pad - head
        )
        fitted = self.pen.fit(_blocks(entry), "body", body.width, body.height)
        return title, fitted, body

    def _cell(self, entry: Entry, cell: Rect, title, body, body_rect: Rect) -> None:
        pad, badge, pen = self.pad, self.badge, self.pen
        pen.canvas.setFillColor(pen.colour("tint:deck"))
        pen.canvas.roundRect(cell.x, cell.y, cell.width, cell.height, pad, stroke=0, fill=1)
        top = cell.y + cell.height - pad
        pen.badge(entry.number, cell.x + pad, top - badge / 2, badge, f"item {entry.number}")
        title_x = cell.x + 2 * pad + badge
        head = max(badge, title.height)
        title_w = body_rect.x + body_rect.width - title_x
        pen.put(title, title_x, top - head, title_w, head, f"item {entry.number}", "middle")
        where = f"item {entry.number} ('{entry.title}')"
        pen.put(body, body_rect.x, body_rect.y, body_rect.width, body_rect.height, where)
        if self.view.votes:
            self._vote_room(cell)

    def _vote_room(self, cell: Rect) -> None:
        """A dashed box beside the factor: room for the teams' coloured dots."""
        room, pad, canvas = cell.width * 0.3, self.pad, self.pen.canvas
        canvas.saveState()
        canvas.setStrokeColor(self.pen.colour("muted"))
        canvas.setLineWidth(self.layout.gap / 10)
        canvas.setDash(self.layout.gap / 2, self.layout.gap / 3)
        canvas.setFillColor(self.pen.colour("paper"))
        x = cell.x + cell.width - room
        canvas.roundRect(x, cell.y + pad, room - pad, cell.height - 2 * pad, pad, stroke=1, fill=1)
        canvas.restoreState()


def _blocks(entry: Entry) -> list[text.Block]:
    return [text.Block(t) for t in entry.text] + [text.Block(p, BULLET) for p in entry.parts]
