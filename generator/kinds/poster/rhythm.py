"""Rows that take the height of their content (a grid's cells, table 1's rows), with the
room a poster has to spare given out in a set rhythm instead of stretching every row to
fill its box: stretched rows of a poster with little text were half empty (issue 16).

The spare height goes, in this order: into every row's padding (the same for all rows,
half above and half below the text, at most AIR_LINES body lines and at most AIR_SHARE
of the shortest row's text, so that text keeps most of every cell); into the gaps
between the rows (all equal, at most GAP_GROWTH times the given gap); the rest above and
below the block, a little less above (ABOVE): the block sits on its room's optical
centre, which is a little above the measured one."""

from __future__ import annotations

from dataclasses import dataclass

AIR_LINES = 2.0  # a row's extra padding, in body lines (size x leading)
AIR_SHARE = 0.5  # and at most this share of the shortest row's text: text keeps 2/3 of it
GAP_GROWTH = 2.5  # a gap between rows grows to at most this many given gaps
ABOVE = 0.4  # of the room left around the block, the share above it


@dataclass(frozen=True)
class Rows:
    tops: list[float]  # each row's top, from the top of the box down
    heights: list[float]  # each row's height: its need and the air
    air: float  # the padding every row gained: half above its text, half below
    between: float  # the gap between two rows


def rows(
    needs: list[float],
    texts: list[float],
    top: float,
    room: float,
    gap: float,
    line: float,
    growth: float = GAP_GROWTH,
) -> Rows:
    """Rows of `needs` heights (text and the usual padding; `texts`: the text alone) in
    a box from `top` down `room` high, at least `gap` apart and at most `growth` gaps;
    `line`: a body line."""
    count = len(needs)
    spare = room - sum(needs) - gap * (count - 1)
    if spare <= 0:  # the text does not fit: equal rows, as the fit reported them
        height = (room - gap * (count - 1)) / count
        return _stacked([height] * count, top, gap, 0.0)
    air = min(AIR_LINES * line, AIR_SHARE * min(texts), spare / count)
    rest = spare - air * count
    between = min(gap * growth, gap + rest / (count + 1)) if count > 1 else gap
    outer = rest - (between - gap) * (count - 1)
    return _stacked([need + air for need in needs], top - outer * ABOVE, between, air)


def _stacked(heights: list[float], top: float, between: float, air: float) -> Rows:
    tops, y = [], top
    for height in heights:
        tops.append(y)
        y -= height + between
    return Rows(tops, heights, air, between)
