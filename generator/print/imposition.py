"""Imposition as pure geometry: which card goes in which slot of which page, where its
back lands for duplex printing, where the cut marks go and where the 50 mm scale check
fits. No drawing here, so all of it can be tested without a PDF. Coordinates are PDF
points, origin bottom-left.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..kit.sheet import CutMarks, Sheet
from ..kit.units import MM


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
    """Where the back must be printed so it lands behind `front` after the sheet flips:
    over a vertical edge (long on portrait paper, short on landscape) it is mirrored left
    to right, over a horizontal edge top to bottom."""
    landscape = sheet.paper_width > sheet.paper_height
    if (sheet.duplex == "long-edge") != landscape:
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


# A cut this far off the line must still cut through no black.
CUT_TOLERANCE = 1 * MM
MIN_MARK = 2 * MM  # a shorter mark in a narrow margin is hard to find
MIN_CLEARANCE = 0.5 * MM  # between a shortened margin mark and its card


def cut_lines(sheet: Sheet, width: float, height: float) -> tuple[list[float], list[float]]:
    """x of every vertical and y of every horizontal cut: each card edge that is not
    the paper edge. With a gap between cards, a gap has two cuts, one per card edge."""
    slots = grid(sheet, width, height)
    xs = _distinct(v for s in slots for v in (s.x, s.right))
    ys = _distinct(v for s in slots for v in (s.y, s.top))
    return (
        [x for x in xs if not _is_paper_edge(x, sheet.paper_width)],
        [y for y in ys if not _is_paper_edge(y, sheet.paper_height)],
    )


def _distinct(values) -> list[float]:
    """Sorted, with values that differ only by rounding counted once."""
    return sorted({round(v, 3): v for v in values}.values())


def cut_marks(sheet: Sheet, width: float, height: float) -> list[Line]:
    """Marks for every cut, none of them inside a card or close enough to a cut to leave
    a black edge when the knife is up to CUT_TOLERANCE off the line.

    Where the margin outside the grid has room, a mark sits in the margin on the
    extension of the cut, `offset` clear of the card (shortened, and closer, in a narrow
    margin): it is cut away with the margin. Where cards reach into the printer's blank
    edge (A6 on A4 fills the paper), any mark must lie on a card, and a mark on the cut
    line would leave a black sliver on one card whenever the cut is a little off. There
    the cut is shown by a pair of short ticks across it that stop `offset` short of it,
    one on each card: cut through the middle of the gap between their tips. Such pairs
    sit at both ends of the cut and beside every cut that crosses it, so after the
    first cut each piece still has two pairs per remaining cut, whichever cut is made
    first. They stay within offset + length of the card edge, clear of the content.
    """
    slots = grid(sheet, width, height)
    xs, ys = cut_lines(sheet, width, height)
    left, bottom = min(s.x for s in slots), min(s.y for s in slots)
    right, top = max(s.right for s in slots), max(s.top for s in slots)
    vertical = _marks_along(xs, ys, (bottom, sheet.paper_height - top), sheet.paper_height, sheet)
    horizontal = _marks_along(ys, xs, (left, sheet.paper_width - right), sheet.paper_width, sheet)
    lines = [Line(a1, b1, a2, b2) for a1, b1, a2, b2 in vertical]
    lines += [Line(b1, a1, b2, a2) for a1, b1, a2, b2 in horizontal]
    return [line for line in lines if _clear_of_cuts(line, slots)]


Segment = tuple[float, float, float, float]  # (across1, along1, across2, along2)


def _marks_along(
    cuts: list[float],
    crossing: list[float],
    margins: tuple[float, float],
    paper: float,
    sheet: Sheet,
) -> list[Segment]:
    """Marks for the cuts at `cuts` running along an axis `paper` long, in (across,
    along) coordinates; `margins` are the paper left beyond the grid at each end."""
    marks, edge = sheet.cut_marks, sheet.printable_margin
    result: list[Segment] = []
    for cut in cuts:
        ticks_at = []
        for margin, flip in ((margins[0], False), (margins[1], True)):
            span = _margin_mark(margin, edge, marks)
            if span is None:
                ticks_at.append(_flip(max(edge, margin) + marks.offset, paper, flip))
            else:
                a, b = (_flip(v, paper, flip) for v in span)
                result.append((cut, a, cut, b))
        if ticks_at:
            # beside a crossing, further from it than its own ticks reach, so the two
            # cuts' ticks never meet
            reach = marks.offset + marks.length + CUT_TOLERANCE
            ticks_at += [c + side * reach for c in crossing for side in (-1, 1)]
        for along in ticks_at:
            result += _tick_pair(cut, along, marks)
    return result


def _tick_pair(cut: float, along: float, marks: CutMarks) -> list[Segment]:
    """Two ticks across the cut, one each side, stopping `offset` short of it."""
    return [
        (cut + side * marks.offset, along, cut + side * (marks.offset + marks.length), along)
        for side in (-1, 1)
    ]


def _margin_mark(margin: float, printable: float, marks: CutMarks) -> tuple[float, float] | None:
    """From and to (measured from the paper edge) of a mark in the margin between the
    printer's blank edge and the grid, or None if the margin has no room for one."""
    space = margin - printable
    if space < MIN_CLEARANCE + MIN_MARK - 1e-6:
        return None
    offset = min(marks.offset, space - MIN_MARK)
    start = margin - offset
    return max(start - marks.length, printable), start


def _flip(value: float, paper: float, flip: bool) -> float:
    return paper - value if flip else value


def _clear_of_cuts(line: Line, slots: list[Rect]) -> bool:
    """A mark off the cards, or on one card at least CUT_TOLERANCE inside its edges (a
    tick beside a crossing can land in a gap or too near a neighbouring cut: dropped)."""
    touched = [s for s in slots if touches(line, s)]
    if not touched:
        return True
    inner = _shrink(touched[0], CUT_TOLERANCE)
    ends = ((line.x1, line.y1), (line.x2, line.y2))
    return len(touched) == 1 and all(
        inner.x <= x <= inner.right and inner.y <= y <= inner.top for x, y in ends
    )


def touches(line: Line, rect: Rect, eps: float = 1e-6) -> bool:
    """True if some point of the (axis-parallel) line lies inside the rectangle, not
    merely on its edge."""
    return _meets(line.x1, line.x2, rect.x, rect.right, eps) and _meets(
        line.y1, line.y2, rect.y, rect.top, eps
    )


def _meets(a: float, b: float, low: float, high: float, eps: float) -> bool:
    return min(a, b) < high - eps and max(a, b) > low + eps


def _shrink(rect: Rect, by: float) -> Rect:
    return Rect(rect.x + by, rect.y + by, rect.width - 2 * by, rect.height - 2 * by)


def _is_paper_edge(value: float, paper: float) -> bool:
    return value < 1 * MM or value > paper - 1 * MM


SCALE_BAR = 50 * MM
SCALE_HEIGHT = 2.5 * MM  # bar and its one-line label
SCALE_BAR_THICKNESS = 1 * MM
SCALE_LABEL_GAP = 2 * MM


@dataclass(frozen=True)
class ScaleCheck:
    bar: Rect  # exactly SCALE_BAR wide: measured after printing
    label: Rect  # the explanation beside it, one line


def scale_check(sheet: Sheet, width: float, height: float, label_width: float) -> ScaleCheck | None:
    """Where a front page carries its 50 mm check bar, with the label to its right, or
    None if no margin has room. It sits in the printable area, clear of the cards and
    the cut marks; tried first along the bottom margin, then the top one."""
    slots = grid(sheet, width, height)
    marks = cut_marks(sheet, width, height)
    edge = sheet.printable_margin
    total = SCALE_BAR + SCALE_LABEL_GAP + label_width
    xs = [max(edge, min(s.x for s in slots))]
    xs += sorted(max(m.x1, m.x2) + MIN_CLEARANCE for m in marks)
    for y in (edge, sheet.paper_height - edge - SCALE_HEIGHT):
        for x in xs:
            area = Rect(x, y, total, SCALE_HEIGHT)
            if _free(area, sheet, slots, marks):
                bar_y = y + (SCALE_HEIGHT - SCALE_BAR_THICKNESS) / 2
                return ScaleCheck(
                    Rect(x, bar_y, SCALE_BAR, SCALE_BAR_THICKNESS),
                    Rect(x + SCALE_BAR + SCALE_LABEL_GAP, y, label_width, SCALE_HEIGHT),
                )
    return None


def _free(area: Rect, sheet: Sheet, slots: list[Rect], marks: list[Line]) -> bool:
    edge, eps = sheet.printable_margin, 1e-6
    if (
        area.x < edge - eps
        or area.y < edge - eps
        or area.right > sheet.paper_width - edge + eps
        or area.top > sheet.paper_height - edge + eps
    ):
        return False
    grown = _shrink(area, -MIN_CLEARANCE)
    return not any(_rects_overlap(grown, s) for s in slots) and not any(
        touches(m, grown) for m in marks
    )


def _rects_overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.top and b.y < a.top


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
