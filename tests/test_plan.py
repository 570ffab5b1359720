"""Imposition geometry, without a PDF."""

import pytest

from generator.kit.project import Project
from generator.kit.sheet import CutMarks, Sheet
from generator.kit.units import MM
from generator.print.imposition import (
    SCALE_BAR,
    Line,
    PlanError,
    Rect,
    back_of,
    cut_lines,
    cut_marks,
    grid,
    impose,
    scale_check,
)
from tests.conftest import REPO

CARD = (63 * MM, 88 * MM)
A6 = (105 * MM, 148 * MM)


def sheet(columns=3, rows=3, duplex="long-edge", gap=0.0, marks=None) -> Sheet:
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
        marks or CutMarks(4 * MM, 1.5 * MM, 0.3),
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


# --- cut marks --------------------------------------------------------------------------
def inside(line, rect: Rect, margin: float = 0.0) -> bool:
    """Some point of the axis-parallel line lies in the rectangle's interior shrunk by
    `margin` (computed here independently of plan.py)."""
    x1, x2 = sorted((line.x1, line.x2))
    y1, y2 = sorted((line.y1, line.y2))
    return (
        x1 < rect.right - margin - 1e-6
        and x2 > rect.x + margin + 1e-6
        and y1 < rect.top - margin - 1e-6
        and y2 > rect.y + margin + 1e-6
    )


def in_printable_area(s: Sheet, line) -> bool:
    edge = s.printable_margin - 1e-6
    return all(
        edge <= x <= s.paper_width - edge and edge <= y <= s.paper_height - edge
        for x, y in ((line.x1, line.y1), (line.x2, line.y2))
    )


@pytest.mark.parametrize("gap", [0.0, 3 * MM])
def test_margin_marks_never_touch_a_card_and_mark_every_card_edge(gap):
    s = sheet(gap=gap)
    slots = grid(s, *CARD)
    lines = cut_marks(s, *CARD)
    for line in lines:
        assert in_printable_area(s, line)
        assert not any(inside(line, slot) for slot in slots), line
        assert abs(line.x2 - line.x1) + abs(line.y2 - line.y1) >= 2 * MM - 1e-6
    bottom, top = min(r.y for r in slots), max(r.top for r in slots)
    left, right = min(r.x for r in slots), max(r.right for r in slots)
    # a line transposed is a horizontal mark seen as a vertical one
    across = [Line(ln.y1, ln.x1, ln.y2, ln.x2) for ln in lines]
    for slot in slots:
        for x in (slot.x, slot.right):
            assert ends_marked(lines, x, bottom, top) == 2, f"card edge x = {x / MM:.1f} mm"
        for y in (slot.y, slot.top):
            assert ends_marked(across, y, left, right) == 2, f"card edge y = {y / MM:.1f} mm"


def ends_marked(lines, x: float, low: float, high: float) -> int:
    """Marks on the extension of the vertical edge at x, beyond the grid from low to high."""
    return sum(
        1
        for line in lines
        if line.x1 == pytest.approx(x) and line.x2 == pytest.approx(x)
        if max(line.y1, line.y2) <= low or min(line.y1, line.y2) >= high
    )


def test_with_a_gap_each_gap_is_two_cuts():
    xs, ys = cut_lines(sheet(gap=3 * MM), *CARD)
    assert len(xs) == 6 and len(ys) == 6
    assert xs[2] - xs[1] == pytest.approx(3 * MM)


A6_SHEET = sheet(columns=2, rows=2, marks=CutMarks(2.5 * MM, 1.5 * MM, 0.3))


@pytest.mark.parametrize("s", [A6_SHEET, Project(REPO / "workshop.yaml").sheet("a4-2x2")])
def test_a6_marks_leave_no_black_edge_when_a_cut_is_a_millimetre_off(s):
    """Cards fill the paper, so every mark lies on a card: it must stay at least 1 mm
    inside the card's edges, or a cut a little off the line leaves a black sliver."""
    slots = grid(s, *A6)
    lines = cut_marks(s, *A6)
    assert lines
    for line in lines:
        assert in_printable_area(s, line)
        on = [slot for slot in slots if inside(line, slot)]
        assert len(on) == 1, line
        assert not inside(line, on[0]) or _within(line, on[0], 1 * MM), line


def _within(line, rect: Rect, margin: float) -> bool:
    return all(
        rect.x + margin <= x <= rect.right - margin and rect.y + margin <= y <= rect.top - margin
        for x, y in ((line.x1, line.y1), (line.x2, line.y2))
    )


def pairs_pointing_at(lines, cut: float, vertical: bool) -> list[float]:
    """Places along a cut where two ticks point at it, one from each side."""
    sides: dict[float, set[bool]] = {}
    for line in lines:
        if vertical and line.y1 == line.y2:
            across, along = (line.x1, line.x2), line.y1
        elif not vertical and line.x1 == line.x2:
            across, along = (line.y1, line.y2), line.x1
        else:
            continue
        near = min(across, key=lambda v: abs(v - cut))
        if abs(near - cut) <= 2 * MM and (across[0] - cut) * (across[1] - cut) > 0:
            sides.setdefault(round(along, 3), set()).add(near > cut)
    return [along for along, seen in sides.items() if seen == {True, False}]


def test_a6_marks_show_each_cut_twice_on_each_piece_whichever_cut_comes_first():
    """After the first cut, each piece must still show the other cut at two places, to
    lay a ruler on."""
    s = Project(REPO / "workshop.yaml").sheet("a4-2x2")
    lines = cut_marks(s, *A6)
    (x,), (y,) = cut_lines(s, *A6)
    along_x = pairs_pointing_at(lines, x, vertical=True)
    along_y = pairs_pointing_at(lines, y, vertical=False)
    assert len([v for v in along_x if v < y]) >= 2 and len([v for v in along_x if v > y]) >= 2
    assert len([v for v in along_y if v < x]) >= 2 and len([v for v in along_y if v > x]) >= 2


def test_a6_marks_keep_out_of_every_box_of_the_real_layout():
    project = Project(REPO / "workshop.yaml")
    layout = project.layout("card-a6")
    s = project.sheet(layout.sheet)
    lines = cut_marks(s, layout.width, layout.height)
    for slot in grid(s, layout.width, layout.height):
        for kind, boxes in layout.faces.items():
            for box in boxes:
                rect = Rect(slot.x + box.x, slot.top - box.y - box.height, box.width, box.height)
                assert not any(inside(line, rect) for line in lines), (kind, box)


# --- scale check -------------------------------------------------------------------------
@pytest.mark.parametrize("gap", [0.0, 3 * MM])
def test_scale_check_sits_in_the_margin_clear_of_cards_and_marks(gap):
    s = sheet(gap=gap)
    check = scale_check(s, *CARD, label_width=80 * MM)
    assert check is not None
    assert check.bar.width == pytest.approx(SCALE_BAR) == pytest.approx(50 * MM)
    assert check.label.x > check.bar.right
    slots = grid(s, *CARD)
    lines = cut_marks(s, *CARD)
    for rect in (check.bar, check.label):
        assert rect.x >= s.printable_margin and rect.y >= s.printable_margin - 1e-6
        assert rect.right <= s.paper_width - s.printable_margin
        assert not any(_overlap(rect, slot) for slot in slots)
        assert not any(inside(line, rect) for line in lines)


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.top and b.y < a.top


def test_no_scale_check_where_cards_fill_the_paper():
    assert scale_check(A6_SHEET, *A6, label_width=80 * MM) is None


def test_a6_cut_marks_lie_in_the_sheet_margin_outside_every_card():
    """The A6 layout's sheet leaves a margin: every mark lies wholly outside every card
    (cut away with the margin, nothing stays on a card), on the extension of a cut."""
    project = Project(REPO / "workshop.yaml")
    layout = project.layout("card-a6")
    s = project.sheet(layout.sheet)
    slots = grid(s, layout.width, layout.height)
    lines = cut_marks(s, layout.width, layout.height)
    xs, ys = cut_lines(s, layout.width, layout.height)
    assert lines
    for line in lines:
        assert in_printable_area(s, line), line
        for slot in slots:
            low_x, high_x = sorted((line.x1, line.x2))
            low_y, high_y = sorted((line.y1, line.y2))
            apart = high_x < slot.x or low_x > slot.right or high_y < slot.y or low_y > slot.top
            assert apart, (line, slot)
        on_a_cut = (line.x1 == line.x2 and any(abs(line.x1 - x) < 1e-6 for x in xs)) or (
            line.y1 == line.y2 and any(abs(line.y1 - y) < 1e-6 for y in ys)
        )
        assert on_a_cut, line
    # every cut is shown at both of its ends
    for x in xs:
        assert len([m for m in lines if m.x1 == m.x2 and abs(m.x1 - x) < 1e-6]) >= 2
    for y in ys:
        assert len([m for m in lines if m.y1 == m.y2 and abs(m.y1 - y) < 1e-6]) >= 2


def test_a6_backs_land_behind_their_fronts_on_the_landscape_sheet():
    """Short-edge duplex on landscape paper turns over a vertical edge: mirrored left to
    right, so the back of the left card is printed on the right."""
    project = Project(REPO / "workshop.yaml")
    layout = project.layout("card-a6")
    s = project.sheet(layout.sheet)
    assert s.paper_width > s.paper_height and s.duplex == "short-edge"
    left, right = grid(s, layout.width, layout.height)
    assert back_of(s, left) == right and back_of(s, right) == left
