"""Issue 16, item 1: no half-empty cells. A poster's grid and table 1 take the height of
their text; what the page has to spare goes into the cells' padding (bounded), the gaps
between rows and the room around the block (generator/kinds/poster/rhythm.py).

Measured on the PDF: the tinted boxes (path objects) and the text lines in each; a
row's fill is its fullest cell's text block (top of its first line to the foot of its
last) over the box's inner height (its height less twice the text's inset from its
left side). Stretched to the page, as before, vijf-vs filled 0.42, lagen 0.37 and
fasen 0.53 at A2."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest

from generator.kinds.poster import rhythm
from tests.conftest import copy_kit, run
from tests.pdfcheck import open_pdf
from tests.pdflines import Line, lines

FILLED = 0.6  # a row's fullest cell: its text covers at least this of its inner height
POSTERS = ("elementen", "vijf-vs", "tips", "lagen", "fasen")  # grids, table 1, the cycle


def filled(obj) -> bool:
    """Whether a path is filled (a cell is; a cycle's arrow is a stroke)."""
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
    return mode.value != pdfium_c.FPDF_FILLMODE_NONE


def boxes(path: Path) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) on the page of every filled path on page 1."""
    found = []
    for obj in open_pdf(path)[0].get_objects(max_depth=8):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and filled(obj):
            bounds, container = obj.get_bounds(), obj.container
            while container is not None:  # forms place their content: up to the page
                bounds = container.get_matrix().on_rect(*bounds)
                container = container.container
            found.append(tuple(bounds))
    return found


def cell_fill(box, drawn: list[Line]) -> float | None:
    """The share of the box's inner height its text covers; None: no text in it."""
    left, bottom, right, top = box
    inside = [line for line in drawn if left < line.x < right and bottom < line.y < top]
    if not inside or len(inside) == len(drawn):  # the page's background
        return None
    inset = min(line.x for line in inside) - left
    text_top = max(line.y + 0.75 * line.size for line in inside)
    text_foot = min(line.y - 0.22 * line.size for line in inside)
    return (text_top - text_foot) / (top - bottom - 2 * inset)


def row_fills(path: Path) -> dict[int, float]:
    """Per row of cells (by their tops): its fullest cell's fill. Boxes smaller than a
    few body sizes (badges, the code's modules) are no cells."""
    drawn = [line for line in lines(path) if line.page == 0]
    body = min(line.size for line in drawn)
    rows: dict[int, float] = {}
    for box in boxes(path):
        left, bottom, right, top = box
        if right - left < 6 * body or top - bottom < 3 * body:
            continue
        fill = cell_fill(box, drawn)
        if fill is not None:
            rows[round(top)] = max(rows.get(round(top), 0.0), fill)
    return rows


def assert_filled(path: Path) -> None:
    fills = row_fills(path)
    assert fills, path.name
    empty = {top: round(fill, 2) for top, fill in fills.items() if fill < FILLED}
    assert not empty, (path.name, empty)


@pytest.mark.parametrize("name", POSTERS)
def test_no_row_of_cells_is_half_empty_at_a2(built, name):
    assert_filled(built / "output" / "open" / f"poster-{name}-a2.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A3", "A2"])
def test_no_row_of_cells_is_half_empty_in_landscape(tmp_path, paper):
    kit = copy_kit(tmp_path / "kit")
    for name in POSTERS:
        result = run(["poster", name, "--size", paper, "--orientation", "landscape"], kit)
        assert result.exit_code == 0, result.output
        assert_filled(kit / "output" / "open" / f"poster-{name}-{paper.lower()}-landscape.pdf")


def test_the_measure_finds_a_stretched_cell_half_empty(built):
    """The measure can fail: the vote room's cells (stretched on purpose: the dots are
    their content) are below the bar."""
    fills = row_fills(built / "output" / "open" / "poster-succesfactoren-a2.pdf")
    assert fills and max(fills.values()) < FILLED, fills


# --- the rhythm itself ------------------------------------------------------------------------
def test_spare_room_goes_to_capped_air_then_gaps_then_around():
    found = rhythm.rows([100, 60], [80, 40], top=1000, room=800, gap=10, line=20)
    assert found.air == pytest.approx(min(rhythm.AIR_LINES * 20, rhythm.AIR_SHARE * 40))
    assert found.heights == [100 + found.air, 60 + found.air]
    assert found.between == pytest.approx(10 * rhythm.GAP_GROWTH)
    above = 1000 - found.tops[0]
    below = found.tops[1] - found.heights[1] - 200
    assert 0 < above < below  # on the optical centre: a little higher than the middle
    assert above == pytest.approx((above + below) * rhythm.ABOVE)


def test_little_spare_room_goes_to_the_rows_first():
    found = rhythm.rows([100, 100], [80, 80], top=500, room=230, gap=10, line=20)
    assert found.air == pytest.approx(10)  # 20 spare between two rows
    assert found.tops[0] == pytest.approx(500) and found.between == pytest.approx(10)
    assert found.tops[1] - found.heights[1] == pytest.approx(270)  # the box's bottom


def test_rows_that_do_not_fit_are_equal_and_fill_the_box():
    found = rhythm.rows([300, 50], [280, 30], top=500, room=230, gap=10, line=20)
    assert found.heights == [110, 110] and found.air == 0
    assert found.tops == [500, 380]
