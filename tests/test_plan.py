"""Imposition geometry, without a PDF."""

import pytest

from generator.model.sheet import CutMarks, Sheet
from generator.plan import PlanError, back_of, cut_marks, grid, impose
from generator.units import MM

CARD = (63 * MM, 88 * MM)
A6 = (105 * MM, 148 * MM)


def sheet(columns=3, rows=3, duplex="long-edge", gap=0.0) -> Sheet:
    return Sheet(
        "test",
        "",
        210 * MM,
        297 * MM,
        columns,
        rows,
        gap,
        duplex,
        5 * MM,
        CutMarks(4 * MM, 1.5 * MM, 0.3),
    )


def test_grid_is_centred_row_by_row():
    slots = grid(sheet(), *CARD)
    assert len(slots) == 9
    assert slots[0].x == pytest.approx(10.5 * MM)
    assert slots[0].top == pytest.approx((297 - 16.5) * MM)
    assert slots[1].x == pytest.approx(slots[0].right)
    assert slots[3].top == pytest.approx(slots[0].y)


def test_cards_that_do_not_fit_are_refused():
    with pytest.raises(PlanError, match="do not fit"):
        grid(sheet(columns=4), *CARD)


@pytest.mark.parametrize("gap", [0.0, 3 * MM])
def test_long_edge_back_lands_behind_front(gap):
    s = sheet(gap=gap)
    for slot in grid(s, *CARD):
        back = back_of(s, slot)
        # flipping over the long (vertical) edge mirrors x and keeps y
        assert back.x == pytest.approx(s.paper_width - slot.right)
        assert back.y == pytest.approx(slot.y)
    # the first card's back sits top right on the back page
    assert back_of(s, grid(s, *CARD)[0]) == pytest.approx(grid(s, *CARD)[2])


def test_short_edge_back_mirrors_vertically():
    s = sheet(duplex="short-edge")
    slot = grid(s, *CARD)[0]
    back = back_of(s, slot)
    assert back.x == pytest.approx(slot.x)
    assert back.y == pytest.approx(s.paper_height - slot.top)


def test_impose_fills_sheets_and_keeps_order():
    plans = impose(sheet(), *CARD, 20)
    assert [len(p.placements) for p in plans] == [9, 9, 2]
    assert [p.item for p in plans[2].placements] == [18, 19]


def test_cut_marks_stay_in_margin_and_printable_area():
    s = sheet()
    lines = cut_marks(s, *CARD)
    assert len(lines) == 4 * 2 + 4 * 2  # 4 vertical and 4 horizontal cut lines, two ends each
    slots = grid(s, *CARD)
    for line in lines:
        for x, y in ((line.x1, line.y1), (line.x2, line.y2)):
            assert s.printable_margin - 1e-6 <= x <= s.paper_width - s.printable_margin + 1e-6
            assert s.printable_margin - 1e-6 <= y <= s.paper_height - s.printable_margin + 1e-6
            inside = [
                r for r in slots if r.x + 0.1 < x < r.right - 0.1 and r.y + 0.1 < y < r.top - 0.1
            ]
            assert not inside, "a mark in the margin sheet must not touch a card"


def test_a6_on_a4_marks_the_inner_cut_lines_within_the_printable_area():
    s = sheet(columns=2, rows=2)
    lines = cut_marks(s, *A6)
    # outer edges are the paper edges: only the middle cuts are marked, both ends
    assert len(lines) == 4
    vertical = [line for line in lines if line.x1 == line.x2]
    assert all(line.x1 == pytest.approx(105 * MM) for line in vertical)
    for line in lines:
        for value in (line.y1, line.y2) if line in vertical else (line.x1, line.x2):
            assert value >= 5 * MM - 1e-6
