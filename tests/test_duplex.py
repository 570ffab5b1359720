"""Office duplex that lines up: each back lands behind its front for long-edge and
short-edge duplex and for a folded sheet, with and without `--back-offset`; and the
calibration sheet that offset is read from. Checked on rendered pages: the back page is
turned over as the paper is (mirrored over the edge it flips on), then each front's QR
code must sit where the layout puts it relative to the centre of the back's colour
panel behind it, within 0.2 mm."""

from __future__ import annotations

import math

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import copy_kit, run
from tests.pdfcheck import page_sizes_mm, page_text, render
from tests.printcheck import colour_mask, flipped, panel_centres, pixel, qr_centres, runs

DPI = 300
PRIMARY = (0x1F, 0x5A, 0x7A)  # elementen's backs
SECONDARY = (0x2F, 0x6E, 0x55)  # vijf-vs's backs
# a front's QR centre minus its card's centre, in mm, x right and y down (the layouts)
QR_FROM_CENTRE = {"card-63x88": (15.5 - 31.5, 72.5 - 44), "card-a6": (22 - 52.5, 125 - 74)}
TOLERANCE = 0.2  # mm


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    return copy_kit(tmp_path_factory.mktemp("duplex") / "kit")


def built(kit, deck: str, *args: str):
    out = "out-" + "-".join([deck, *args]).replace(",", "_").replace("--", "")
    result = run(["deck", deck, *args, "--out", out], kit)
    assert result.exit_code == 0, result.output
    return kit / out / "open" / f"{deck}.pdf"


def misalignment(front, back, colour, layout, shift=(0.0, 0.0)) -> list[tuple[float, float]]:
    """For each QR code on `front`: how far (mm, x right, y down) it lies from where the
    layout puts it on the card whose back panel is behind it in `back` (already turned
    over), after taking `shift` off."""
    panels = panel_centres(back, colour, DPI)
    expected = QR_FROM_CENTRE[layout]
    found = []
    for qx, qy in qr_centres(front, DPI):
        cx, cy = min(panels, key=lambda c: math.dist(c, (qx - expected[0], qy - expected[1])))
        found.append((qx - cx - expected[0] + shift[0], qy - cy - expected[1] + shift[1]))
    assert len(found) >= 2, "too few codes to compare"
    return found


def assert_lined_up(errors):
    for dx, dy in errors:
        assert abs(dx) < TOLERANCE and abs(dy) < TOLERANCE, (dx, dy)


def duplex_of(path) -> str:
    return str(PdfReader(path).trailer["/Root"]["/ViewerPreferences"]["/Duplex"])


@pytest.mark.parametrize(
    ("duplex", "over", "preference"),
    [("long", "vertical", "/DuplexFlipLongEdge"), ("short", "horizontal", "/DuplexFlipShortEdge")],
)
def test_backs_land_behind_their_fronts(kit, duplex, over, preference):
    """A4 portrait: long-edge turns the sheet over its vertical edge (the back page's
    columns mirrored), short-edge over its horizontal edge (rows mirrored)."""
    path = built(kit, "elementen", "--duplex", duplex)
    assert duplex_of(path) == preference
    front, back = render(path, 0, DPI), flipped(render(path, 1, DPI), over)
    assert_lined_up(misalignment(front, back, PRIMARY, "card-63x88"))


@pytest.mark.parametrize(("duplex", "over"), [("long", "vertical"), ("short", "horizontal")])
def test_back_offset_moves_the_backs_by_exactly_that(kit, duplex, over):
    """--back-offset 1.5,-1: the back page's cards 1.5 mm right and 1 mm down as the
    back page is printed; seen turned over, x mirrors on long-edge, y on short-edge."""
    path = built(kit, "elementen", "--duplex", duplex, "--back-offset", "1.5,-1")
    front, back = render(path, 2, DPI), flipped(render(path, 3, DPI), over)
    # in the turned-over image (x right, y down), the backs moved by:
    moved = (-1.5, 1.0) if over == "vertical" else (1.5, -1.0)
    # the code's distance from the back's centre grows by minus that
    assert_lined_up(misalignment(front, back, PRIMARY, "card-63x88", shift=moved))
    with pytest.raises(AssertionError):
        assert_lined_up(misalignment(front, back, PRIMARY, "card-63x88"))


@pytest.mark.slow
def test_a6_cards_on_landscape_paper_flip_on_the_short_edge(kit):
    path = built(kit, "vijf-vs")
    assert duplex_of(path) == "/DuplexFlipShortEdge"
    assert page_sizes_mm(path)[0] == (297, 210)
    front, back = render(path, 2, DPI), flipped(render(path, 3, DPI), "vertical")
    assert_lined_up(misalignment(front, back, SECONDARY, "card-a6"))


@pytest.mark.parametrize("offset", [None, "-2,0.5"])
def test_a_folded_sheet_puts_each_back_behind_its_front(kit, offset):
    """--duplex fold: one page a sheet, fronts left of the fold, backs right; folded
    over the vertical line through the middle, each back is behind its front."""
    args = ["--duplex", "fold"] + (["--back-offset", offset] if offset else [])
    path = built(kit, "elementen", *args)
    reader = PdfReader(path)
    assert duplex_of(path) == "/Simplex"
    assert page_sizes_mm(path)[0] == (297, 210)  # landscape holds 2 x 2 cards a half
    assert len(reader.pages) == math.ceil(17 / 4)
    page = render(path, 0, DPI)
    half = (0, 0, page.width // 2, page.height)
    fronts = page.crop(half)
    assert not runs(colour_mask(fronts, PRIMARY), "x", DPI, least=40)  # no back panel
    backs = flipped(page, "vertical").crop(half)  # the right half laid over the left
    moved = (2.0, -0.5) if offset else (0.0, 0.0)  # -2 mm x mirrors; 0.5 mm up is y -0.5
    assert_lined_up(misalignment(fronts, backs, PRIMARY, "card-63x88", shift=moved))
    # the fold line: dashed, down the middle, with what to do beside it
    column = [pixel(page, 297 / 2, y, DPI) for y in range(10, 200)]
    assert sum(1 for rgb in column if sum(rgb) < 300) > 60
    assert "Vouw hier" in page_text(path, 0)
    # the 50 mm bar that shows a scaled print, in the bottom margin of the fronts' half
    scale = DPI / 25.4
    bottom = fronts.crop((0, round((210 - 10) * scale), fronts.width, fronts.height))
    (bar,) = runs(colour_mask(bottom, (0, 0, 0), tolerance=60), "x", DPI, least=40)
    assert bar[1] - bar[0] == pytest.approx(50, abs=0.2)


@pytest.mark.parametrize(
    ("duplex", "preference", "edge"),
    [("long", "/DuplexFlipLongEdge", "lange"), ("short", "/DuplexFlipShortEdge", "korte")],
)
def test_the_calibration_sheet(kit, duplex, preference, edge):
    result = run(["calibrate", "--duplex", duplex, "--out", "cal"], kit)
    assert result.exit_code == 0, result.output
    path = kit / "cal" / f"kalibratie-{edge}-zijde.pdf"
    assert page_sizes_mm(path) == [(210, 297), (210, 297)]
    assert duplex_of(path) == preference
    text = page_text(path, 0)
    assert f"omslaan via de {edge} zijde" in text
    assert "één vel" in text and "‘passend maken’" in text  # diacritics and quotes
    assert "--back-offset" in page_text(path, 1)
    front, back = render(path, 0, DPI), render(path, 1, DPI)
    assert cross_centre(front) == pytest.approx((105, 148.5), abs=0.1)
    assert axes_centre(back) == pytest.approx((105, 148.5), abs=0.1)


def test_the_calibration_grid_moves_by_the_offset_to_check(kit):
    result = run(["calibrate", "--back-offset", "2.5,-1.5", "--out", "cal2"], kit)
    assert result.exit_code == 0, result.output
    path = kit / "cal2" / "kalibratie-lange-zijde.pdf"
    # 2.5 mm right, 1.5 mm down (y up in the offset, down in the image)
    assert axes_centre(render(path, 1, DPI)) == pytest.approx((107.5, 150), abs=0.1)
    assert "2.5,-1.5" in page_text(path, 1)


def line_centre(image, axis: str, least_mm: float, darkest: int) -> float:
    """Where (mm) the one line runs along `axis` ('x': a vertical line, at an x) with
    at least `least_mm` of pixels darker than `darkest`; weighted by those pixels."""
    dark = image.convert("L").point(lambda v: 255 if v < darkest else 0)
    size = (dark.width, 1) if axis == "x" else (1, dark.height)
    across = dark.height if axis == "x" else dark.width
    counts = [v / 255 * across for v in dark.resize(size, Image.BOX).get_flattened_data()]
    least = least_mm * DPI / 25.4
    lines = [(i, c) for i, c in enumerate(counts) if c >= least]
    assert lines and lines[-1][0] - lines[0][0] <= 4, lines  # one line, a few pixels wide
    centre = sum((i + 0.5) * c for i, c in lines) / sum(c for _, c in lines)
    return centre * 25.4 / DPI


def centre_of(image, top_mm: float, bottom_mm: float, least_mm: float, darkest: int):
    """The crossing of the one vertical and one horizontal line between two heights."""
    scale = DPI / 25.4
    band = image.crop((0, round(top_mm * scale), image.width, round(bottom_mm * scale)))
    x = line_centre(band, "x", least_mm, darkest)
    y = line_centre(band, "y", least_mm, darkest)
    return x, top_mm + y


def cross_centre(image) -> tuple[float, float]:
    """The front's cross: two black lines 30 mm long around the middle."""
    return centre_of(image, 130, 167, 25, 160)


def axes_centre(image) -> tuple[float, float]:
    """The back's grid: its black axes, 20 mm long; the mm lines are grey."""
    return centre_of(image, 137, 161, 18, 60)


def test_a_card_too_large_to_fold_on_the_paper_is_refused(kit):
    (kit / "layouts" / "card-groot.yaml").write_text(
        "extends: card-a6\nsize: {width: 140mm, height: 200mm}\nsheet: a4-2x1\n", encoding="utf-8"
    )
    result = run(["deck", "vijf-vs", "--layout", "card-groot", "--duplex", "fold"], kit)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "a 140 x 200 mm card and its back do not fit side by side" in result.output
    assert "print duplex instead" in result.output


@pytest.mark.parametrize(("duplex", "over"), [("long", "vertical"), ("short", "horizontal")])
def test_each_response_card_is_backed_by_its_own_colour(kit, duplex, over):
    """Response cards print alike on both sides, green, orange and red in a row: only
    a back sheet mirrored the right way puts green behind green (the backs of the
    other cards all look the same, so this is where a wrong mirror would show)."""
    path = built(kit, "succesfactoren", "--participants", "3", "--duplex", duplex)
    pages = len(PdfReader(path).pages)
    front = render(path, pages - 2, 100)
    back = flipped(render(path, pages - 1, 100), over)
    left, top = (210 - 3 * 63) / 2, (297 - 3 * 88) / 2  # the 3 x 3 grid, centred
    for row in range(3):
        colours = []
        for column in range(3):
            x, y = left + 63 * column + 31.5, top + 88 * row + 6  # on the card's panel
            seen = pixel(front, x, y, 100)
            assert pixel(back, x, y, 100) == pytest.approx(seen, abs=8), (row, column)
            colours.append(seen)
        assert len(set(colours)) == 3  # green, orange and red: the test can tell
