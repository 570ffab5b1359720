"""A print shop's page: the trim (the finished size) with the bleed around it and, in a
slug outside the bleed, crop marks on the extension of each trim edge. The MediaBox
holds it all; TrimBox and BleedBox tell the shop's software where to cut and how far
colour runs. Coordinates are PDF points, origin bottom-left."""

from __future__ import annotations

from dataclasses import dataclass

from ..kit.units import MM
from .imposition import Line, Rect

SLUG = 10 * MM  # room outside the bleed for the marks
MARK_GAP = 2 * MM  # marks start this far outside the bleed: never in it
MARK_LENGTH = 6 * MM
MARK_WIDTH = 0.3  # pt; a preflight calls lines under 0.25 pt hairlines


@dataclass(frozen=True)
class TrimPage:
    """One face, poster or sheet: `width` x `height` trimmed, with `bleed` around it."""

    width: float
    height: float
    bleed: float

    @property
    def margin(self) -> float:
        """From the page edge to the trim."""
        return self.bleed + SLUG

    @property
    def size(self) -> tuple[float, float]:
        return self.width + 2 * self.margin, self.height + 2 * self.margin

    @property
    def trim(self) -> Rect:
        return Rect(self.margin, self.margin, self.width, self.height)

    @property
    def bleed_box(self) -> Rect:
        return grow(self.trim, self.bleed)


def grow(rect: Rect, by: float) -> Rect:
    return Rect(rect.x - by, rect.y - by, rect.width + 2 * by, rect.height + 2 * by)


def corner_marks(trim: Rect, bleed: float) -> list[Line]:
    """Two marks at each corner of `trim`, on the extension of its edges, starting
    MARK_GAP outside the bleed."""
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = []
    for x in (trim.x, trim.right):
        for y, out in ((trim.y, -1), (trim.top, 1)):
            lines.append(Line(x, y + out * start, x, y + out * end))
    for y in (trim.y, trim.top):
        for x, out in ((trim.x, -1), (trim.right, 1)):
            lines.append(Line(x + out * start, y, x + out * end, y))
    return lines


def sheet_marks(cards: list[Rect], bleed: float) -> list[Line]:
    """Marks for cards imposed on a press sheet: every trim edge of every card extended
    past the bleed of the whole group, on all four sides, so each cut has a mark at
    both ends whichever cut is made first."""
    group = Rect(
        min(c.x for c in cards),
        min(c.y for c in cards),
        max(c.right for c in cards) - min(c.x for c in cards),
        max(c.top for c in cards) - min(c.y for c in cards),
    )
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    xs = sorted({round(v, 3) for c in cards for v in (c.x, c.right)})
    ys = sorted({round(v, 3) for c in cards for v in (c.y, c.top)})
    lines = [Line(x, group.y - start, x, group.y - end) for x in xs]
    lines += [Line(x, group.top + start, x, group.top + end) for x in xs]
    lines += [Line(group.x - start, y, group.x - end, y) for y in ys]
    lines += [Line(group.right + start, y, group.right + end, y) for y in ys]
    return lines


def set_boxes(canvas, trim: Rect, bleed: Rect) -> None:
    """TrimBox and BleedBox of the page being drawn (MediaBox is the page size)."""
    canvas.setTrimBox(_box(trim))
    canvas.setBleedBox(_box(bleed))


def _box(rect: Rect) -> tuple[float, float, float, float]:
    return rect.x, rect.y, rect.right, rect.top


def clipped(lines: list[Line], area: Rect, shortest: float = 2 * MM) -> list[Line]:
    """Each (axis-parallel) line cut to `area`, such as what an office printer prints;
    dropped where less than `shortest` of it is left."""
    kept = []
    for line in lines:
        x1, x2 = (max(area.x, min(v, area.right)) for v in sorted((line.x1, line.x2)))
        y1, y2 = (max(area.y, min(v, area.top)) for v in sorted((line.y1, line.y2)))
        if max(x2 - x1, y2 - y1) >= shortest - 1e-6:
            kept.append(Line(x1, y1, x2, y2))
    return kept


def shop_page(press, width: float, height: float) -> TrimPage | None:
    """The print shop's page for a `width` x `height` page of material, or None when
    the build is for an office printer (`press`: a PrintSetup)."""
    return TrimPage(width, height, press.bleed) if press.shop else None
