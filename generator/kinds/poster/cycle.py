"""A poster's items as a process (`shape: cycle`): the cells of the grid in order, an
arrow from each to the next and one from the last back to the first, with the closing
message inside that loop as its label ("samenwerken is nooit af").

Landscape: one row, the return arrow a U under it around the message. Portrait, four
items: two by two clockwise (1 2 / 4 3), the message between the rows, the arrows 2 to 3
and 4 back to 1 on either side of it. Other counts in portrait: one row, as landscape.
The cells' text is fitted by the grid (grid.py), so it shrinks together and overflow is
reported as on any grid."""

from __future__ import annotations

import itertools

from ...print.imposition import Rect
from ..view import View
from . import rhythm
from .grid import Grid
from .pen import Pen

ARROW_GAP = 2.4  # the room between two cells for an arrow, in the layout's gaps


class Cycle:
    def __init__(self, pen: Pen, view: View, orientation: str, probe: bool = False):
        self.pen, self.view, self.layout = pen, view, pen.layout
        self.square = orientation == "portrait" and len(view.entries) == 4
        self.probe = probe
        self.arrows: list[tuple[tuple[float, float], ...]] = []  # each arrow's points

    def draw(self, box: Rect) -> list[Rect]:
        """The cycle in the box; returns its cells (in the entries' order). The text is
        fitted to cells stretched to the box, which then take its height (rhythm.py):
        the message's band stays as high as the message, the rest goes around."""
        gap = self.layout.gap
        between = gap * ARROW_GAP
        columns = 2 if self.square else len(self.view.entries)
        cell_w = (box.width - between * (columns - 1)) / columns
        # the message's room: between the two vertical arrows at the columns' middles
        label_w = (cell_w + between if self.square else box.width - cell_w) - 2 * gap
        label = self.pen.fit([self.view.message], "message", label_w) if self.view.message else None
        band = (label.height if label else 0.0) + 2 * gap
        cells = self._stretched(box, cell_w, between, band)
        grid = Grid(self.pen, self.view, columns, self.probe)
        if not self.probe:
            cells = self._hugged(grid, cells, box, band)
        grid.draw(box.x, box.y, box.width, box.height, cells=cells)
        if self.probe:
            return cells
        self._arrows(cells, band)
        if label is not None:
            low = cells[-1] if self.square else cells[0]  # the message is above this cell
            top = cells[0].y if self.square else low.y  # and under this one
            lb = Rect(box.x + cell_w / 2 + gap, top - band, label_w, band)
            self.pen.put(label, lb.x, lb.y, lb.width, lb.height, "message", "middle")
        return cells

    def _stretched(self, box: Rect, cell_w: float, between: float, band: float) -> list[Rect]:
        """The cells filling the box around the message's band: two by two clockwise
        with the band between the rows (square), or one row over it."""
        if self.square:
            cell_h = (box.height - band) / 2
            top, low = box.y + cell_h + band, box.y
            left, right = box.x, box.x + cell_w + between
            return [
                Rect(left, top, cell_w, cell_h),
                Rect(right, top, cell_w, cell_h),
                Rect(right, low, cell_w, cell_h),
                Rect(left, low, cell_w, cell_h),
            ]
        step, cell_h = cell_w + between, box.height - band
        return [
            Rect(box.x + i * step, box.y + band, cell_w, cell_h)
            for i in range(len(self.view.entries))
        ]

    def _hugged(self, grid: Grid, cells: list[Rect], box: Rect, band: float) -> list[Rect]:
        """The cells as high as their row's text, spaced as a grid's rows (rhythm.rows):
        the message's band is the gap between the two rows (square), or part of the one
        row's height under its cells; it does not grow."""
        texts = grid.texts(cells)
        line = self.layout.styles["body"].size * self.layout.styles["body"].leading
        if self.square:
            rows = [max(texts[:2]), max(texts[2:])]
            found = rhythm.rows(
                [grid.need(t) for t in rows], rows, box.top, box.height, band, line, growth=1.0
            )
            order = (0, 0, 1, 1)  # which row each cell is on, clockwise
        else:
            rows = [max(texts)]
            found = rhythm.rows([grid.need(rows[0]) + band], rows, box.top, box.height, band, line)
            order = (0,) * len(cells)
        grid.air = found.air
        under = 0.0 if self.square else band
        return [
            Rect(
                cell.x,
                found.tops[row] - found.heights[row] + under,
                cell.width,
                found.heights[row] - under,
            )
            for cell, row in zip(cells, order, strict=True)
        ]

    def _arrows(self, cells: list[Rect], band: float) -> None:
        inset = self.layout.gap * 0.4
        for one, two in itertools.pairwise(cells):
            self._arrow(_facing(one, two, inset))
        first, last = cells[0], cells[-1]
        if self.square:  # 4 (bottom left) straight up to 1 (top left)
            self._arrow(_facing(last, first, inset))
            return
        floor = first.y - band + self.layout.gap * 0.6  # the U under the row, around the message
        start, end = last.x + last.width / 2, first.x + first.width / 2
        self._arrow(
            (
                (start, last.y - inset),
                (start, floor),
                (end, floor),
                (end, first.y - inset),
            )
        )

    def _arrow(self, points: tuple[tuple[float, float], ...]) -> None:
        """A line through `points` in the poster's colour, a head at its end."""
        canvas, gap = self.pen.canvas, self.layout.gap
        width, head = gap / 4, gap * 0.9
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        base = (x1 - ux * head, y1 - uy * head)
        canvas.saveState()
        canvas.setStrokeColor(self.pen.colour("deck"))
        canvas.setFillColor(self.pen.colour("deck"))
        canvas.setLineWidth(width)
        canvas.setLineJoin(1)
        line = canvas.beginPath()
        line.moveTo(*points[0])
        for point in (*points[1:-1], base):
            line.lineTo(*point)
        canvas.drawPath(line, stroke=1, fill=0)
        tip = canvas.beginPath()
        tip.moveTo(x1, y1)
        tip.lineTo(base[0] - uy * head * 0.6, base[1] + ux * head * 0.6)
        tip.lineTo(base[0] + uy * head * 0.6, base[1] - ux * head * 0.6)
        tip.close()
        canvas.drawPath(tip, stroke=0, fill=1)
        canvas.restoreState()
        self.arrows.append(points)


def _facing(one: Rect, two: Rect, inset: float) -> tuple[tuple[float, float], ...]:
    """An arrow across the gap from cell `one` to cell `two` beside, above or below it."""
    if abs(one.y - two.y) < 1e-6:  # side by side: at the middle of their height
        middle = one.y + one.height / 2
        if two.x > one.x:
            return ((one.right + inset, middle), (two.x - inset, middle))
        return ((one.x - inset, middle), (two.right + inset, middle))
    middle = one.x + one.width / 2
    if two.y > one.y:
        return ((middle, one.y + one.height + inset), (middle, two.y - inset))
    return ((middle, one.y - inset), (middle, two.y + two.height + inset))
