"""Imposition as pure geometry: which card goes in which slot of which page, where its
back lands for duplex printing, and where the cut marks go. No drawing here, so all of
it can be tested without a PDF. Coordinates are PDF points, origin bottom-left.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model.sheet import CutMarks, Sheet
from .units import MM


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Placement:
    item: int  # index into the list of things to print
    front: Rect
    back: Rect


@dataclass(frozen=True)
class SheetPlan:
    """One sheet of paper: a front page and the back page printed on its reverse."""

    placements: tuple[Placement, ...]


class PlanError(ValueError):
    pass


def grid(sheet: Sheet, width: float, height: float) -> list[Rect]:
    """Slot rectangles, row by row from the top left, centred on the paper."""
    total_w = sheet.columns * width + (sheet.columns - 1) * sheet.gap
    total_h = sheet.rows * height + (sheet.rows - 1) * sheet.gap
    if total_w > sheet.paper_width + 0.01 or total_h > sheet.paper_height + 0.01:
        raise PlanError(
            f"{sheet.columns} x {sheet.rows} cards of {width / MM:g} x {height / MM:g} mm do not "
            f"fit on the {sheet.paper_width / MM:.0f} x {sheet.paper_height / MM:.0f} mm paper "
            f"of sheet '{sheet.name}'"
        )
    left = (sheet.paper_width - total_w) / 2
    top = sheet.paper_height - (sheet.paper_height - total_h) / 2
    return [
        Rect(left + c * (width + sheet.gap), top - (r + 1) * height - r * sheet.gap, width, height)
        for r in range(sheet.rows)
        for c in range(sheet.columns)
    ]


def back_of(sheet: Sheet, front: Rect) -> Rect:
    """Where the back must be printed so it lands behind `front` after the sheet flips."""
    if sheet.duplex == "long-edge":
        return Rect(sheet.paper_width - front.right, front.y, front.width, front.height)
    return Rect(front.x, sheet.paper_height - front.top, front.width, front.height)


def impose(sheet: Sheet, width: float, height: float, count: int) -> list[SheetPlan]:
    slots = grid(sheet, width, height)
    plans = []
    for start in range(0, count, len(slots)):
        items = range(start, min(start + len(slots), count))
        plans.append(
            SheetPlan(
                tuple(
                    Placement(item, slot, back_of(sheet, slot))
                    for item, slot in zip(items, slots, strict=False)
                )
            )
        )
    return plans


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


def cut_marks(sheet: Sheet, width: float, height: float) -> list[Line]:
    """Short marks on the extension of every cut line, kept inside the printable area.

    Where the margin outside the grid is wide enough, marks sit in the margin and never
    touch a card. Where cards fill the paper (A6 on A4), there is no margin: the marks
    then run along the cut line itself from the printable edge inwards, and are cut
    away. A grid edge that is the paper edge needs no cut and gets no mark.
    """
    slots = grid(sheet, width, height)
    xs = sorted({round(v, 3) for s in slots for v in (s.x, s.right)})
    ys = sorted({round(v, 3) for s in slots for v in (s.y, s.top)})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    marks = sheet.cut_marks
    edge = sheet.printable_margin
    lines: list[Line] = []
    for x in xs:
        if _is_paper_edge(x, sheet.paper_width):
            continue
        for start, end in (
            _mark_span(bottom, 0, -1, edge, marks),
            _mark_span(top, sheet.paper_height, 1, edge, marks),
        ):
            lines.append(Line(x, start, x, end))
    for y in ys:
        if _is_paper_edge(y, sheet.paper_height):
            continue
        for start, end in (
            _mark_span(left, 0, -1, edge, marks),
            _mark_span(right, sheet.paper_width, 1, edge, marks),
        ):
            lines.append(Line(start, y, end, y))
    return lines


def _is_paper_edge(value: float, paper: float) -> bool:
    return value < 1 * MM or value > paper - 1 * MM


def _mark_span(
    grid_edge: float, paper_edge: float, direction: int, printable: float, marks: CutMarks
) -> tuple[float, float]:
    """One mark between the grid edge and the paper edge (direction -1 is towards 0), or
    along the cut line inside the printable area when the margin has no room for it."""
    margin = abs(paper_edge - grid_edge)
    room = margin - printable - marks.offset
    if room >= 1 * MM:
        start = grid_edge + direction * marks.offset
        end = start + direction * min(marks.length, room)
    else:
        start = paper_edge - direction * printable
        end = start - direction * marks.length
    return min(start, end), max(start, end)


def outside_printable(sheet: Sheet, slots: list[Rect], rect: Rect) -> bool:
    """True if `rect` (in card space, origin bottom-left) placed in any slot, front or
    back, reaches into the edge of the paper an office printer leaves blank."""
    edge = sheet.printable_margin - 0.01
    for slot in slots:
        for placed in (slot, back_of(sheet, slot)):
            x, y = placed.x + rect.x, placed.y + rect.y
            if (
                x < edge
                or y < edge
                or x + rect.width > sheet.paper_width - edge
                or y + rect.height > sheet.paper_height - edge
            ):
                return True
    return False
