"""`--duplex fold`: for a printer without duplex, fronts and backs side by side on one
side of the paper, fronts left of a vertical fold line and their backs mirrored to the
right of it. Folded along that line, printed side out, each back lies behind its front
and reads upright when the card is turned over its side, as with long-edge duplex on
portrait paper. The paper is turned whichever way holds more cards. Geometry only;
coordinates are PDF points, origin bottom-left."""

from __future__ import annotations

from dataclasses import dataclass

from ..kit.sheet import Sheet
from ..kit.units import MM
from .imposition import (
    MIN_CLEARANCE,
    SCALE_BAR,
    SCALE_BAR_THICKNESS,
    SCALE_HEIGHT,
    SCALE_LABEL_GAP,
    Placement,
    PlanError,
    Rect,
    ScaleCheck,
    SheetPlan,
)

MARK_ROOM = 4 * MM  # between the printable edge (or the fold) and the cards, for marks


@dataclass(frozen=True)
class FoldSheet:
    width: float  # the paper as printed, turned the way that holds more cards
    height: float
    columns: int  # cards in each half
    rows: int
    left: float  # x of the first column of fronts
    bottom: float  # y of the lowest row

    @property
    def fold(self) -> float:
        return self.width / 2

    @property
    def slots(self) -> int:
        return self.columns * self.rows


def fold_sheet(sheet: Sheet, width: float, height: float) -> FoldSheet:
    """The paper of `sheet` turned the way that holds the most `width` x `height` cards
    in each half, with room for marks at the edge and beside the fold."""
    short, long = sorted((sheet.paper_width, sheet.paper_height))
    options = [
        _fit(w, h, width, height, sheet.printable_margin) for w, h in ((short, long), (long, short))
    ]
    best = max(options, key=lambda found: found.slots if found else 0)
    if best is None:
        raise PlanError(
            f"a {width / MM:g} x {height / MM:g} mm card and its back do not fit side by "
            f"side on the {short / MM:.0f} x {long / MM:.0f} mm paper of sheet "
            f"'{sheet.name}' (--duplex fold); print duplex instead"
        )
    return best


def _fit(paper_w, paper_h, width, height, printable) -> FoldSheet | None:
    room = printable + MARK_ROOM
    columns = int((paper_w / 2 - room - MARK_ROOM) // width)
    rows = int((paper_h - 2 * room) // height)
    if columns < 1 or rows < 1:
        return None
    left = (paper_w / 2 - columns * width) / 2  # as far from the paper edge as the fold
    bottom = (paper_h - rows * height) / 2
    return FoldSheet(paper_w, paper_h, columns, rows, left, bottom)


def fold_plans(
    paper: FoldSheet, width: float, height: float, count: int, offset=(0.0, 0.0)
) -> list[SheetPlan]:
    """Fronts row by row from the top left of the left half; each back mirrored over
    the fold, then moved by `offset` (x, y)."""
    top = paper.bottom + paper.rows * height
    slots = [
        Rect(paper.left + c * width, top - (r + 1) * height, width, height)
        for r in range(paper.rows)
        for c in range(paper.columns)
    ]
    plans = []
    for start in range(0, count, len(slots)):
        items = range(start, min(start + len(slots), count))
        placed = [
            Placement(item, slot, _mirrored(paper, slot, offset))
            for item, slot in zip(items, slots, strict=False)
        ]
        plans.append(SheetPlan(tuple(placed)))
    return plans


def _mirrored(paper: FoldSheet, front: Rect, offset) -> Rect:
    dx, dy = offset
    return Rect(paper.width - front.right + dx, front.y + dy, front.width, front.height)


def fold_scale_check(paper: FoldSheet, printable: float, marks_reach: float, label_width):
    """Where the 50 mm bar goes on a folded sheet: in the bottom margin of the fronts'
    half, below the marks (which reach `marks_reach` below the cards), left-aligned
    with the cards; None if that margin or half has no room."""
    total = SCALE_BAR + SCALE_LABEL_GAP + label_width
    room_below = paper.bottom - marks_reach - MIN_CLEARANCE - printable
    if room_below < SCALE_HEIGHT or paper.left + total > paper.fold - MIN_CLEARANCE:
        return None
    y = printable
    bar_y = y + (SCALE_HEIGHT - SCALE_BAR_THICKNESS) / 2
    return ScaleCheck(
        Rect(paper.left, bar_y, SCALE_BAR, SCALE_BAR_THICKNESS),
        Rect(paper.left + SCALE_BAR + SCALE_LABEL_GAP, y, label_width, SCALE_HEIGHT),
    )
