"""A large poster cut into sheets for an office printer (`--tile A4`), to be taped
together: each sheet shows a window of the poster; neighbouring windows share exactly
`overlap` (the strip one sheet is laid over the other by); crosses in the sheet's margin,
on the middle line of that strip, show how the sheets lie on each other; a label below
the window names the sheet (row, column) and shows where it lies on a small map. Nothing
but the poster is drawn inside a window: marks and label stay in the sheet's margin.

Everything on a sheet stays inside the printer's unprintable edge. The poster is drawn
once as a form and placed, clipped, on every sheet, so the sheets are exact.

The cuts are placed between the poster's text lines and codes where the windows allow
(`plan_axis`): a window may be narrower than the sheet allows, never wider, and its
neighbour starts exactly `overlap` before it ends; where a cut must cross a line or
code, a window that holds it whole is preferred, so it can still be read on one sheet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...kit.units import MM, paper_size
from ...print.imposition import Rect

EDGE = 5 * MM  # office printers leave this much of the paper's edge blank
MARK = 6 * MM  # around the window: the strip the alignment crosses are drawn in
BAND = 12 * MM  # below the marks' strip: the sheet's label and its map
STEP = 1 * MM  # cuts are tried this far apart
CROSS = 5 * MM  # an alignment cross's arms, end to end (less than MARK: off the window)
LABEL_SIZE = 9.0  # pt
WIDE_SPREAD = 0.6  # a window may be from 60 % to 100 % of the room on the sheet


@dataclass(frozen=True)
class Tile:
    row: int  # from 1, top row first
    column: int  # from 1, left first
    window: Rect  # the part of the poster this sheet shows, in poster coordinates


@dataclass(frozen=True)
class TilePlan:
    sheet: tuple[float, float]  # the sheet's width and height, in points
    rows: int
    columns: int
    overlap: float  # exactly this much of the poster lies on two neighbouring sheets
    tiles: tuple[Tile, ...]  # row by row, top row first

    @property
    def window(self) -> Rect:
        """The room on the sheet for the poster's window (a window may be smaller)."""
        return Rect(
            EDGE + MARK,
            EDGE + BAND + MARK,
            self.sheet[0] - 2 * EDGE - 2 * MARK,
            self.sheet[1] - 2 * EDGE - BAND - 2 * MARK,
        )

    def frame(self, tile: Tile) -> Rect:
        """Where on the sheet `tile`'s window is drawn: the room's top left corner."""
        room = self.window
        w, h = tile.window.width, tile.window.height
        return Rect(room.x, room.y + room.height - h, w, h)


def plan_tiles(
    poster: tuple[float, float], paper: str, overlap: float, boxes: list[Rect]
) -> TilePlan:
    """The sheets of `paper` that cover a poster of size `poster`, the orientation with
    fewer sheets (portrait when equal), cuts placed between `boxes` where they can be."""
    plans = [_plan(poster, paper_size(paper, o), overlap, boxes) for o in ("portrait", "landscape")]
    return min(plans, key=lambda p: p.rows * p.columns)


def _plan(poster, sheet, overlap: float, boxes: list[Rect]) -> TilePlan:
    room = TilePlan(sheet, 0, 0, overlap, ()).window
    xs = plan_axis(poster[0], room.width, overlap, [(b.x, b.x + b.width) for b in boxes])
    # rows are counted from the top, as people read them: plan the axis from the top down
    ys = plan_axis(
        poster[1],
        room.height,
        overlap,
        [(poster[1] - b.y - b.height, poster[1] - b.y) for b in boxes],
    )
    tiles = tuple(
        Tile(r + 1, c + 1, Rect(x, poster[1] - y - h, w, h))
        for r, (y, h) in enumerate(ys)
        for c, (x, w) in enumerate(xs)
    )
    return TilePlan(sheet, len(ys), len(xs), overlap, tiles)


def plan_axis(length: float, window: float, overlap: float, spans) -> list[tuple[float, float]]:
    """Each window along one axis, (start, size): the fewest windows of at most `window`
    that cover `length`, each starting exactly `overlap` before the previous one ends;
    each end chosen (greedily, from the first) so that the fewest spans are cut, and a
    cut span lies whole in a window."""
    if window >= length:
        return [(0.0, length)]
    if window <= overlap:
        raise ValueError("a tile's window must be larger than the overlap")
    count = math.ceil((length - overlap) / (window - overlap))
    windows: list[tuple[float, float]] = []
    start = 0.0
    for index in range(count - 1):
        latest = start + window
        # the windows left must still reach the end
        earliest = max(
            start + window * WIDE_SPREAD, length - (count - 1 - index) * (window - overlap)
        )
        end = min(_range(earliest, latest), key=lambda e: _cost(start, e, overlap, window, spans))
        windows.append((start, end - start))
        start = end - overlap
    windows.append((start, length - start))
    return windows


def _range(low: float, high: float) -> list[float]:
    if high <= low:
        return [high]
    steps = int((high - low) // STEP)
    return [high - i * STEP for i in range(steps + 1)]  # the widest window first


def _cost(start: float, end: float, overlap: float, window: float, spans) -> float:
    """How badly the edges of the window [start, end] and of the next one, starting at
    `end - overlap`, cut the spans: 1 for each span cut, 1000 for one neither window
    holds whole."""
    following = end - overlap
    cost = 0.0
    for low, high in spans:
        for edge, holder in ((following, (start, end)), (end, (following, following + window))):
            if low < edge - 0.01 and high > edge + 0.01:
                cost += 1
                if not (low >= holder[0] - 0.01 and high <= holder[1] + 0.01):
                    cost += 1000
    return cost


def broken(plan: TilePlan, boxes: list[Rect]) -> list[Rect]:
    """The boxes no sheet shows whole: cut on every sheet that shows them at all."""
    return [
        box
        for box in boxes
        if not any(
            box.x >= t.window.x - 0.01
            and box.x + box.width <= t.window.x + t.window.width + 0.01
            and box.y >= t.window.y - 0.01
            and box.y + box.height <= t.window.y + t.window.height + 0.01
            for t in plan.tiles
        )
    ]


def draw_tiles(canvas, plan: TilePlan, form: str, label, font: str) -> None:
    """One page per sheet: the poster form clipped to its window, then the crosses and
    the label in the margin around it. `label(tile)` is the text under the window."""
    for tile in plan.tiles:
        frame = plan.frame(tile)
        canvas.setPageSize(plan.sheet)
        canvas.saveState()
        canvas.translate(frame.x - tile.window.x, frame.y - tile.window.y)
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(tile.window.x, tile.window.y, tile.window.width, tile.window.height)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.doForm(form)
        canvas.restoreState()
        for x, y in crosses(plan, tile):
            _cross(canvas, x, y)
        canvas.restoreState()
        _label(canvas, plan, tile, label(tile), font)
        canvas.showPage()


def crosses(plan: TilePlan, tile: Tile) -> list[tuple[float, float]]:
    """The alignment crosses on a sheet, in poster coordinates: on the middle line of each
    strip it shares with a neighbour, in the margin just beyond both ends of the window.
    The neighbour draws the same crosses at the same places of the poster, so laid over
    each other the sheets' crosses meet."""
    found = []
    by_place = {(t.row, t.column): t for t in plan.tiles}
    w = tile.window
    off = MARK / 2
    for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        other = by_place.get((tile.row + dr, tile.column + dc))
        if other is None:
            continue
        o = other.window
        if dc:
            x = (max(w.x, o.x) + min(w.x + w.width, o.x + o.width)) / 2
            found += [(x, w.y - off), (x, w.y + w.height + off)]
        else:
            y = (max(w.y, o.y) + min(w.y + w.height, o.y + o.height)) / 2
            found += [(w.x - off, y), (w.x + w.width + off, y)]
    return found


def _cross(canvas, x: float, y: float) -> None:
    half = CROSS / 2
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.4)
    canvas.line(x - half, y, x + half, y)
    canvas.line(x, y - half, x, y + half)
    canvas.circle(x, y, half / 2.5, stroke=1, fill=0)
    canvas.restoreState()


def _label(canvas, plan: TilePlan, tile: Tile, text: str, font: str) -> None:
    """The label in the band under the window: a map of the sheets with this one filled,
    then the text."""
    cell = (BAND - 3 * MM) / max(plan.rows, plan.columns * 0.7)
    cell_w, cell_h = cell * 1.4 * plan.sheet[0] / plan.sheet[1], cell
    top = EDGE + BAND - 1.5 * MM
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setStrokeColorRGB(0, 0, 0)
    for other in plan.tiles:
        x = EDGE + (other.column - 1) * cell_w
        y = top - other.row * cell_h
        here = (other.row, other.column) == (tile.row, tile.column)
        canvas.setFillColorRGB(0, 0, 0) if here else canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(x, y, cell_w, cell_h, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, LABEL_SIZE)
    left = EDGE + plan.columns * cell_w + 3 * MM
    canvas.drawString(left, EDGE + BAND / 2 - LABEL_SIZE * 0.35, text)
    canvas.restoreState()
