"""`--print shop`: each card face on its own page at trim + bleed with crop marks in a
slug, TrimBox and BleedBox where a print shop expects them, colour run into the bleed,
text and codes kept in the safe zone; posters and worksheets likewise; SRA3 press
sheets. Read back from the PDF (pypdf boxes) and from rendered pages (pixels)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.conftest import copy_kit, run
from tests.pdfcheck import MM, fonts, qr_codes, render
from tests.printcheck import colour_mask, pixel, runs

DPI = 200
PRIMARY = (0x1F, 0x5A, 0x7A)  # the neutraal brand's primary: the elementen deck's backs
SLUG = 10  # mm, generator/print/trim.py
CARD = (63, 88)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The kit, with the elementen deck built for a print shop at 3 mm and 5 mm bleed
    and on SRA3, and a poster and a worksheet for a print shop."""
    kit = copy_kit(tmp_path_factory.mktemp("shop") / "kit")
    builds = {
        "deck": ["deck", "elementen", "--print", "shop", "--out", "out3"],
        "bleed5": ["deck", "elementen", "--print", "shop", "--bleed", "5", "--out", "out5"],
        "sra3": ["deck", "elementen", "--print", "shop", "--sheet", "sra3", "--out", "sra3"],
        "poster": ["poster", "elementen", "--size", "A3", "--print", "shop", "--out", "poster"],
        "worksheet": ["worksheet", "fase-1", "--print", "shop", "--out", "ws"],
    }
    for args in builds.values():
        result = run(args, kit)
        assert result.exit_code == 0, result.output
    return {
        "kit": kit,
        "deck": kit / "out3/open/elementen.pdf",
        "bleed5": kit / "out5/open/elementen.pdf",
        "sra3": kit / "sra3/open/elementen.pdf",
        "poster": kit / "poster/open/poster-elementen-a3.pdf",
        "worksheet": kit / "ws/open/fase-1.pdf",
    }


def boxes_mm(path, index):
    page = PdfReader(path).pages[index]
    return {
        name: [float(v) / MM for v in getattr(page, name)]
        for name in ("mediabox", "trimbox", "bleedbox")
    }


def assert_boxes(found, trim_w, trim_h, bleed):
    margin = bleed + SLUG
    expected = {
        "mediabox": [0, 0, trim_w + 2 * margin, trim_h + 2 * margin],
        "trimbox": [margin, margin, margin + trim_w, margin + trim_h],
        "bleedbox": [SLUG, SLUG, SLUG + trim_w + 2 * bleed, SLUG + trim_h + 2 * bleed],
    }
    for name, box in expected.items():
        assert found[name] == pytest.approx(box, abs=0.01), name


@pytest.mark.parametrize(("build", "bleed"), [("deck", 3), ("bleed5", 5)])
def test_every_card_face_has_its_page_with_trim_and_bleed_boxes(shop, build, bleed):
    reader = PdfReader(shop[build])
    assert len(reader.pages) == 2 * 17  # front and back of each of the 17 cards
    for index in range(len(reader.pages)):
        assert_boxes(boxes_mm(shop[build], index), *CARD, bleed)


def test_a_poster_and_a_worksheet_for_a_print_shop_have_the_boxes_too(shop):
    assert_boxes(boxes_mm(shop["poster"], 0), 297, 420, 3)
    pages = len(PdfReader(shop["worksheet"]).pages)
    for index in range(pages):
        assert_boxes(boxes_mm(shop["worksheet"], index), 210, 297, 3)


def test_worksheet_fields_move_with_the_page(shop):
    """The fields lie where their ruled lines are: on the trim, moved by bleed + slug."""
    page = PdfReader(shop["worksheet"]).pages[0]
    trim = [float(v) for v in page.trimbox]
    for annotation in page["/Annots"]:
        x1, y1, x2, y2 = (float(v) for v in annotation.get_object()["/Rect"])
        assert trim[0] < x1 < x2 < trim[2] and trim[1] < y1 < y2 < trim[3]


def dark(rgb) -> bool:
    return sum(rgb) < 3 * 128


def test_crop_marks_lie_outside_trim_and_bleed(shop):
    """On a front (white card), nothing dark near the trim's corners inside the bleed
    box, and a mark on the extension of each trim edge outside the bleed."""
    image = render(shop["deck"], 4, DPI)  # a question card's front
    margin, bleed = 3 + SLUG, 3
    width, height = CARD[0] + 2 * margin, CARD[1] + 2 * margin
    for cx, cy in ((margin, margin), (width - margin, margin), (margin, height - margin)):
        for dx in (-2.5, -1, 0, 1, 2):
            for dy in (-2.5, -1, 0, 1, 2):
                assert not dark(pixel(image, cx + dx, cy + dy, DPI)), (cx + dx, cy + dy)
    # a mark at x = trim left, above the page's top bleed edge, and the same across
    top_marks = [pixel(image, margin, y, DPI) for y in (SLUG - 2.5, SLUG - 4, SLUG - 6)]
    side_marks = [pixel(image, x, margin, DPI) for x in (SLUG - 2.5, SLUG - 4, SLUG - 6)]
    assert all(map(dark, top_marks + side_marks))
    # and nothing between bleed and mark: the marks start 2 mm outside the bleed
    assert not dark(pixel(image, margin, SLUG - 1, DPI))
    assert not dark(pixel(image, margin - bleed / 2, margin - bleed / 2, DPI))


def test_the_back_colour_runs_into_the_bleed(shop):
    """Pixels in the bleed strip on all four sides of a card back have the back's
    colour; outside the bleed box the page is white."""
    image = render(shop["deck"], 1, DPI)
    margin = 3 + SLUG
    width, height = CARD[0] + 2 * margin, CARD[1] + 2 * margin
    strip = margin - 1.5  # halfway into the 3 mm bleed
    spots = [
        (width / 2, strip),
        (width / 2, height - strip),
        (strip, height / 2),
        (width - strip, height / 2),
        (strip, strip),  # a corner of the bleed, too
        (margin + 0.5, margin + 0.5),  # just inside the trim
    ]
    for x, y in spots:
        assert pixel(image, x, y, DPI) == pytest.approx(PRIMARY, abs=6), (x, y)
    assert pixel(image, width / 2, SLUG - 1, DPI) == (255, 255, 255)


def test_the_office_build_keeps_its_white_edge(tmp_path):
    """`bleed: true` only changes a print shop's output: the office back's panel stays
    3 mm inside the card, so a back printed a little off shows no colour on a front."""
    kit = copy_kit(tmp_path / "kit")
    assert run(["deck", "elementen", "--out", "o"], kit).exit_code == 0
    image = render(kit / "o/open/elementen.pdf", 1, DPI)
    columns = runs(colour_mask(image, PRIMARY), "x", DPI)
    assert len(columns) == 3
    assert all(b - a == pytest.approx(57, abs=0.3) for a, b in columns)


def test_codes_read_and_fonts_are_embedded_on_shop_pages(shop):
    assert len(qr_codes(shop["deck"], 4)) == 1
    assert all(embedded for _, embedded in fonts(shop["deck"]))


def test_an_sra3_sheet_imposes_cards_with_their_bleed_and_marks(shop):
    reader = PdfReader(shop["sra3"])
    assert len(reader.pages) == 2  # 17 cards fit the 18 slots: a front and a back side
    found = boxes_mm(shop["sra3"], 0)
    assert found["mediabox"] == pytest.approx([0, 0, 450, 320], abs=0.01)
    # 6 x 3 slots of 69 x 94 mm centred: the trims from 18 + 3 mm in, 19 + 3 mm up
    assert found["trimbox"] == pytest.approx([21, 22, 429, 298], abs=0.01)
    assert found["bleedbox"] == pytest.approx([18, 19, 432, 301], abs=0.01)
    image = render(shop["sra3"], 1, 100)  # the backs: colour per card, cut apart
    columns = runs(colour_mask(image, PRIMARY), "x", 100)
    assert columns[0][0] == pytest.approx(18, abs=0.4)  # the first card's bleed
    # the marks outside the bleed: left of the group at each card's trim edge
    assert dark(pixel(image, 18 - 4, 320 - 22, 100))
    assert not dark(pixel(image, 18 - 4, 320 - 22 - 1.5, 100))


def test_text_outside_the_safe_zone_is_reported(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    (kit / "layouts" / "card-smal.yaml").write_text(
        "extends: card-63x88\nboxes:\n  body: {x: 1.5mm, y: 20mm, width: 54mm, height: 39mm,\n"
        "         style: body}\n",
        encoding="utf-8",
    )
    shop = ["deck", "elementen", "--layout", "card-smal", "--print", "shop", "--out", "o"]
    result = run(shop, kit)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "layouts/card-smal.yaml:3 boxes.body" in result.output
    assert "1.5 mm from the trim" in result.output
    assert "at least 3 mm" in result.output
    assert not (kit / "o").exists()
    # an office build prints it: the rule is a print shop's cut
    assert run(["deck", "elementen", "--layout", "card-smal", "--out", "o"], kit).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--print", "shop", "--bleed", "11"], "expected a bleed from 0 to 10 mm, found 11"),
        (["--print", "shop", "--bleed", "-1"], "expected a bleed from 0 to 10 mm, found -1"),
        (["--print", "shop", "--bleed", "nan"], "expected a bleed from 0 to 10 mm"),
        (["--print", "shop", "--bleed", "3mm"], "'3mm' is not a valid float"),
        (["--bleed", "3"], "--bleed is for --print shop, not --print office"),
        (["--sheet", "sra3"], "--sheet is for --print shop"),
        (["--print", "shop", "--duplex", "long"], "--duplex is for --print office"),
        (["--print", "shop", "--back-offset", "1,1"], "--back-offset is for --print office"),
        (["--back-offset", "1,20"], "expected each of X,Y between -10 and 10 mm, found '1,20'"),
        (["--back-offset", "1"], "expected two numbers in mm as X,Y"),
        (["--back-offset", "a,b"], "expected two numbers in mm as X,Y"),
        (["--back-offset", "inf,0"], "between -10 and 10 mm"),
        (["--duplex", "diagonal"], "'diagonal' is not one of 'long', 'short', 'fold'"),
        (["--print", "press"], "'press' is not one of 'office', 'shop'"),
    ],
)
def test_bad_print_options_get_a_clear_usage_error(kit, args, said):
    result = run(["deck", "elementen", *args, "--out", "o"], kit)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output


def test_a_sheet_that_does_not_hold_the_cards_is_refused(kit):
    result = run(["deck", "elementen", "--print", "shop", "--sheet", "a5", "--out", "o"], kit)
    assert result.exit_code == 1
    assert "--sheet a5: no sheet 'a5' or 'a5-*' holds 63 x 88 mm cards" in result.output
    result = run(["deck", "elementen", "--print", "shop", "--sheet", "a4-3x3"], kit)
    assert result.exit_code == 1
    assert "sheet 'a4-3x3' leaves less than 8 mm beside its cards" in result.output


def test_a_tiled_poster_is_not_for_a_print_shop(kit):
    result = run(["poster", "elementen", "--print", "shop", "--tile", "A4"], kit)
    assert result.exit_code == 1
    assert "--tile A4 is for an office printer" in result.output
    assert "--duplex" not in run(["poster", "--help"], kit).output


@pytest.mark.parametrize("bleed", [0, 3, 10])
def test_crop_marks_geometry_at_any_bleed(bleed):
    """Every mark lies on the extension of a trim edge, wholly outside the bleed box
    and on the page; with no bleed, BleedBox is the TrimBox."""
    from generator.print.trim import TrimPage, corner_marks

    page = TrimPage(63 * MM, 88 * MM, bleed * MM)
    trim, box = page.trim, page.bleed_box
    assert (box.width - trim.width) / MM == pytest.approx(2 * bleed)
    marks = corner_marks(trim, page.bleed)
    assert len(marks) == 8
    for line in marks:
        xs, ys = sorted((line.x1, line.x2)), sorted((line.y1, line.y2))
        vertical = xs[0] == xs[1]
        assert (xs[0] in (trim.x, trim.right)) if vertical else (ys[0] in (trim.y, trim.top))
        along = ys if vertical else xs
        low, high = (box.y, box.top) if vertical else (box.x, box.right)
        assert along[1] <= low - 2 * MM + 1e-6 or along[0] >= high + 2 * MM - 1e-6
        size = page.size[1] if vertical else page.size[0]
        assert along[0] >= 0 and along[1] <= size


def test_a_poster_margin_inside_the_safe_zone_is_refused(kit):
    (kit / "layouts" / "poster-smal.yaml").write_text(
        "extends: poster\nmargin: 2mm\n", encoding="utf-8"
    )
    args = ["poster", "elementen", "--layout", "poster-smal", "--size", "A3", "--out", "o"]
    result = run([*args, "--print", "shop"], kit)
    assert result.exit_code == 1
    assert "layout 'poster-smal': margin is 2.0 mm on A3; expected at least 3 mm" in result.output
    assert not (kit / "o").exists()


def test_every_character_on_a_shop_card_lies_in_the_safe_zone(shop):
    """Read back from the PDF: each character's box at least 3 mm inside the trim (the
    layout check keeps boxes there; this sees what was drawn)."""
    from tests.pdfcheck import open_pdf

    margin = (3 + SLUG) * MM
    low_x, low_y = margin + 3 * MM, margin + 3 * MM
    high_x, high_y = margin + (CARD[0] - 3) * MM, margin + (CARD[1] - 3) * MM
    checked = 0
    for page in open_pdf(shop["deck"]):
        text = page.get_textpage()
        for index in range(text.count_chars()):
            if text.get_text_range(index, 1).isspace():
                continue
            left, bottom, right, top = text.get_charbox(index)
            assert low_x - 0.01 <= left and right <= high_x + 0.01, (index, left, right)
            assert low_y - 0.01 <= bottom and top <= high_y + 0.01, (index, bottom, top)
            checked += 1
    assert checked > 1000
