"""`workshop check` (issue 18, part 4): deliberately broken PDFs, made here with
reportlab, are caught with the right message and exit code; the kit's own pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ContentStream, FloatObject, NameObject
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.check import check_file
from generator.kit.brand_files import package_font

from .conftest import run

A4 = (210 * mm, 297 * mm)
CARD = (63 * mm, 88 * mm)
BLEED = 3 * mm
URL = "https://example.org/k/ABCDEFGH"


def _lato() -> str:
    """An embedded TrueType font, so that a test PDF has only the defect it is made with
    (reportlab's default initial font is an unembedded Helvetica)."""
    if "PreflightLato" not in pdfmetrics.getRegisteredFontNames():
        path = package_font("font_lato/files/Lato-Regular.ttf")
        pdfmetrics.registerFont(TTFont("PreflightLato", str(path)))
    return "PreflightLato"


def canvas(path: Path, size=A4, font: str | None = None) -> Canvas:
    drawn = Canvas(str(path), pagesize=size, initialFontName=font or _lato())
    drawn.setFont(font or _lato(), 10)
    return drawn


def card_with_bleed(path: Path) -> Canvas:
    """A card at trim size plus bleed, with its boxes, as a print shop file has them."""
    drawn = canvas(path, (CARD[0] + 2 * BLEED, CARD[1] + 2 * BLEED))
    drawn.setTrimBox((BLEED, BLEED, BLEED + CARD[0], BLEED + CARD[1]))
    drawn.setBleedBox((0, 0, CARD[0] + 2 * BLEED, CARD[1] + 2 * BLEED))
    return drawn


def code_png(folder: Path) -> Path:
    """A QR code image with no quiet zone of its own, 8 pixels to the module."""
    raw = memoryview(
        zxingcpp.create_barcode(URL, zxingcpp.BarcodeFormat.QRCode).to_image(
            scale=8, add_quiet_zones=False
        )
    )
    image = Image.frombytes("L", (raw.shape[1], raw.shape[0]), bytes(raw))
    path = folder / "code.png"
    image.save(path)
    return path


def messages(path: Path, check: str) -> list[str]:
    return [str(f) for f in check_file(path).findings if f.check == check]


def test_standard_helvetica_is_an_unembedded_font(tmp_path):
    path = tmp_path / "helvetica.pdf"
    drawn = canvas(path, font="Helvetica")
    drawn.drawString(100, 700, "Samen sterker")
    drawn.save()
    report = check_file(path)
    assert [str(f) for f in report.errors] == ["error: font Helvetica is not embedded"]
    assert {"name": "Helvetica", "embedded": False} in report.facts["fonts"]


def test_embedded_font_alone_passes(tmp_path):
    path = tmp_path / "lato.pdf"
    drawn = canvas(path)
    drawn.drawString(100, 700, "Samen sterker")
    drawn.save()
    report = check_file(path)
    assert report.findings == []
    assert all(font["embedded"] for font in report.facts["fonts"])


def test_a_72_dpi_image_drawn_large_is_an_error_with_its_resolution(tmp_path):
    Image.new("RGB", (72, 72), (200, 30, 40)).save(tmp_path / "red.png")
    path = tmp_path / "dpi.pdf"
    drawn = canvas(path)
    drawn.drawImage(str(tmp_path / "red.png"), 50, 300, 4 * 72, 4 * 72)  # 4 inch: 18 dpi
    drawn.drawImage(str(tmp_path / "red.png"), 50, 100, 72 * 0.4, 72 * 0.4)  # 180 dpi
    drawn.save()
    (low, soft) = sorted(check_file(path).facts["images"], key=lambda i: i["dpi"])
    assert (low["dpi"], soft["dpi"]) == (18, 180)
    assert low["drawn_mm"] == [101.6, 101.6] and low["space"] == "RGB"
    found = messages(path, "images")
    assert len(found) == 2
    assert found[0].startswith("error: page 1: image") and "drawn at 18 dpi" in found[0]
    assert found[1].startswith("warning: page 1:") and "180 dpi" in found[1]


def test_a_hairline_of_a_tenth_point_is_caught_a_half_point_line_is_not(tmp_path):
    path = tmp_path / "hair.pdf"
    drawn = canvas(path)
    drawn.setLineWidth(0.5)
    drawn.line(100, 200, 400, 200)
    drawn.setLineWidth(0.1)
    drawn.line(100, 100, 400, 100)
    drawn.save()
    assert messages(path, "lines") == [
        "warning: page 1: 1 line(s) under 0.25 pt, the thinnest 0.1 pt"
    ]


def test_a_thick_line_scaled_down_is_a_hairline(tmp_path):
    path = tmp_path / "scaled.pdf"
    drawn = canvas(path)
    drawn.scale(0.1, 0.1)  # 1 pt drawn at a tenth
    drawn.setLineWidth(1)
    drawn.line(1000, 1000, 4000, 1000)
    drawn.save()
    assert check_file(path).facts["thinnest_line_pt"] == pytest.approx(0.1)


def test_text_in_the_bleed_is_an_error_near_the_trim_a_warning(tmp_path):
    path = tmp_path / "bleed.pdf"
    drawn = card_with_bleed(path)
    drawn.drawString(1 * mm, 40 * mm, "Bleed")  # starts in the bleed
    drawn.drawString(BLEED + 1 * mm, 70 * mm, "Rand")  # 1 mm inside the trim
    drawn.drawString(20 * mm, 20 * mm, "Veilig")
    drawn.save()
    assert messages(path, "safe") == [
        "error: page 1: outside the TrimBox, cut off: 'Bleed'",
        "warning: page 1: within 3 mm of the trim: 'Rand'",
    ]


def test_text_in_the_safe_zone_passes_and_boxes_are_reported_in_mm(tmp_path):
    path = tmp_path / "safe.pdf"
    drawn = card_with_bleed(path)
    drawn.drawString(20 * mm, 20 * mm, "Veilig")
    drawn.save()
    report = check_file(path)
    assert report.findings == []
    (page,) = report.facts["page_sizes"]
    assert page["size_mm"] == [69.0, 94.0] and page["paper"] == ""
    assert page["boxes_mm"]["TrimBox"] == [3.0, 3.0, 66.0, 91.0]
    assert page["boxes_mm"]["BleedBox"] == [0.0, 0.0, 69.0, 94.0]


def test_a_trim_box_outside_the_bleed_box_is_an_error(tmp_path):
    path = tmp_path / "boxes.pdf"
    drawn = canvas(path, CARD)
    drawn.setTrimBox((0, 0, CARD[0], CARD[1]))
    drawn.setBleedBox((BLEED, BLEED, CARD[0] - BLEED, CARD[1] - BLEED))
    drawn.drawString(20 * mm, 20 * mm, "Veilig")
    drawn.save()
    found = messages(path, "pages")
    assert (
        len(found) == 1
        and "the TrimBox [0.00 0.00 63.00 88.00] mm is not inside the BleedBox" in found[0]
    )


def test_a_damaged_qr_code_is_unreadable_once(tmp_path):
    path = tmp_path / "damaged.pdf"
    drawn = canvas(path)
    side = 40 * mm
    drawn.drawImage(str(code_png(tmp_path)), 100, 450, side, side)
    drawn.setFillColorRGB(0.5, 0.5, 0.5)
    drawn.rect(100 + 0.3 * side, 450 + 0.3 * side, 0.4 * side, 0.4 * side, fill=1, stroke=0)
    drawn.save()
    found = messages(path, "codes")
    assert len(found) == 1, found  # found as many parts of itself: said once
    assert (
        found[0].startswith("error: page 1: the QR code at 35,15")
        and "cannot be decoded" in found[0]
    )


def test_a_code_without_its_quiet_zone_is_an_error_with_the_zone_measured(tmp_path):
    path = tmp_path / "quiet.pdf"
    drawn = canvas(path)
    side = 40 * mm
    module = side / 25  # version 2: 25 modules across
    drawn.setFillColorRGB(0, 0, 0)
    drawn.rect(50, 400, 300, 300, fill=1, stroke=0)
    drawn.setFillColorRGB(1, 1, 1)  # one module of white around it, then black
    drawn.rect(100 - module, 450 - module, side + 2 * module, side + 2 * module, fill=1, stroke=0)
    drawn.drawImage(str(code_png(tmp_path)), 100, 450, side, side)
    drawn.save()
    (code,) = check_file(path).facts["codes"]
    assert code["text"] == URL and code["decoded"]
    assert code["module_mm"] == pytest.approx(1.6, abs=0.05)
    assert code["quiet_zone_modules"] == pytest.approx(1.0, abs=0.3)
    (found,) = messages(path, "codes")
    assert found.startswith("error: page 1: the QR code") and "quiet zone of" in found


def test_a_small_code_with_its_quiet_zone_is_measured_and_warned(tmp_path):
    path = tmp_path / "small.pdf"
    drawn = canvas(path)
    drawn.drawImage(str(code_png(tmp_path)), 200, 400, 25 * 0.37 * mm, 25 * 0.37 * mm)
    drawn.save()
    (code,) = check_file(path).facts["codes"]
    assert code["module_mm"] == pytest.approx(0.37, abs=0.03)
    assert code["quiet_zone_modules"] >= 4
    (found,) = messages(path, "codes")
    assert found.startswith("warning:") and "mm modules (0.4 mm asked for)" in found


def test_rgb_in_a_file_with_an_output_intent_is_an_error(kit, tmp_path):
    assert run(["deck", "vijf-vs", "--color", "cmyk"], kit).exit_code == 0
    writer = PdfWriter(clone_from=kit / "output" / "open" / "vijf-vs.pdf")
    page = writer.pages[1]
    content = ContentStream(page.get_contents(), writer)
    content.operations.append(([FloatObject(1), FloatObject(0), FloatObject(0)], b"rg"))
    page[NameObject("/Contents")] = writer._add_object(content)
    broken = tmp_path / "rgb-in-cmyk.pdf"
    with broken.open("wb") as out:
        writer.write(out)
    report = check_file(broken)
    assert report.facts["colour"] == "RGB and CMYK"
    assert [str(f) for f in report.errors] == [
        "error: page 2: RGB colour in a file with a PDF/X output intent "
        "(expected CMYK or grey only)"
    ]


def test_a_deck_of_the_kit_passes_with_its_codes_decoded(built):
    path = built / "output" / "open" / "vijf-vs.pdf"
    report = check_file(path)
    assert report.findings == []
    assert len(report.facts["codes"]) == 10  # five question cards, two teams
    assert report.facts["colour"] == "RGB" and report.facts["output_intent"] is None


@pytest.mark.slow
def test_the_kits_own_build_passes_with_every_code_decoded(built):
    files = sorted((built / "output" / "open").glob("*.pdf"))
    assert len(files) == 17
    result = run(["check", "--json", *map(str, files)], built)
    assert result.exit_code == 0, result.output
    reports = json.loads(result.output)["files"]
    assert [r["errors"] for r in reports] == [0] * 17
    assert sum(r["warnings"] for r in reports) == 0
    codes = [c for r in reports for c in r["codes"]]
    assert codes and all(
        c["decoded"] and c["text"].lower().startswith("http://192.168.1.20:8000/") for c in codes
    )
    assert min(c["module_mm"] for c in codes) >= 0.4
    assert min(c["quiet_zone_modules"] for c in codes) >= 3.5
    assert all(f["embedded"] for r in reports for f in r["fonts"])
    assert {r["colour"] for r in reports} == {"RGB"}
    assert all(i["dpi"] >= 225 for r in reports for i in r["images"])
    decks = {Path(r["file"]).name: r for r in reports}
    assert decks["vijf-vs.pdf"]["page_sizes"][0]["paper"] == "A4 landscape"
    assert decks["poster-lagen-a2.pdf"]["page_sizes"][0]["paper"] == "A2 portrait"


def test_check_text_report_and_exit_code(tmp_path):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    drawn = canvas(good)
    drawn.drawString(100, 700, "Goed")
    drawn.save()
    drawn = canvas(bad, font="Helvetica")
    drawn.drawString(100, 700, "Fout")
    drawn.save()
    result = run(["check", str(good)], tmp_path)
    assert result.exit_code == 0 and "ok: 0 errors, 0 warnings" in result.output
    assert "A4 portrait" in result.output
    result = run(["check", str(good), str(bad)], tmp_path)
    assert result.exit_code == 1
    assert "error: font Helvetica is not embedded" in result.output
    assert "NOT READY FOR PRINT: 1 errors" in result.output


def test_a_file_that_is_not_a_pdf_is_one_message(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("geen pdf", encoding="utf-8")
    result = run(["check", str(path)], tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: cannot be read as a PDF")
    assert "Traceback" not in result.output and result.output.count("\n") == 1
    empty = tmp_path / "empty.pdf"
    canvas(empty).save()  # nothing drawn: reportlab writes no page
    result = run(["check", str(empty)], tmp_path)
    assert result.exit_code == 1 and result.output == f"Error: {empty}: the PDF has no pages\n"
    missing = run(["check", str(tmp_path / "weg.pdf")], tmp_path)
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_every_build_ends_with_a_preflight_line(kit):
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "preflight: 1 PDF, 8 pages, ok"


def test_a_link_on_a_pdfx_page_is_an_error_and_cmyk_worksheets_have_no_fields(kit, tmp_path):
    from pypdf.annotations import Link

    made = run(["worksheet", "fase-1", "--color", "cmyk"], kit)
    assert made.exit_code == 0 and "6 pages, 0 fields" in made.output, made.output
    sheet = kit / "output" / "open" / "fase-1.pdf"
    assert check_file(sheet, codes=False).findings == []  # no form field left to refuse
    writer = PdfWriter(clone_from=sheet)
    writer.add_annotation(0, Link(rect=(50, 50, 150, 80), url="https://example.org"))
    broken = tmp_path / "link.pdf"
    with broken.open("wb") as out:
        writer.write(out)
    assert [str(f) for f in check_file(broken, codes=False).errors] == [
        "error: page 1: PDF/X-4 allows no Link annotation (form field, link) on the page"
    ]


def test_text_a_clip_hides_is_not_blamed_as_a_tiled_poster_clips_its_part(tmp_path):
    path = tmp_path / "clipped.pdf"
    drawn = card_with_bleed(path)
    drawn.saveState()
    clip = drawn.beginPath()
    clip.rect(10 * mm, 10 * mm, 40 * mm, 60 * mm)
    drawn.clipPath(clip, stroke=0, fill=0)
    drawn.drawString(1 * mm, 40 * mm, "Verborgen in de bleed")  # listed by pdfium, not shown
    drawn.restoreState()
    drawn.drawString(20 * mm, 20 * mm, "Veilig")
    drawn.save()
    assert messages(path, "safe") == []


@pytest.mark.slow
def test_print_shop_files_in_cmyk_pass_the_preflight(kit):
    """Issue 18's promise: `--print shop --color cmyk` files pass `workshop check` and carry
    trim, bleed, CMYK and an output intent; every code decodes inside the safe zone."""
    commands = (
        ["deck", "elementen"],
        ["deck", "vijf-vs"],
        ["worksheet", "fase-1"],
        ["poster", "lagen"],
    )
    for command in commands:
        made = run([*command, "--print", "shop", "--color", "cmyk", "--out", "shop"], kit)
        assert made.exit_code == 0, made.output
        assert made.output.splitlines()[-1].endswith(", ok"), made.output
    files = sorted((kit / "shop" / "open").glob("*.pdf"))
    assert len(files) == 4
    result = run(["check", "--json", *map(str, files)], kit)
    assert result.exit_code == 0, result.output
    for report in json.loads(result.output)["files"]:
        assert (report["errors"], report["warnings"]) == (0, 0), report
        assert report["colour"] == "CMYK" and report["output_intent"], report["file"]
        assert report["codes"] and all(c["decoded"] for c in report["codes"])
        boxes = report["page_sizes"][0]
        assert "TrimBox" in json.dumps(boxes) and "BleedBox" in json.dumps(boxes), boxes


def test_a_build_whose_files_fail_the_preflight_exits_1(kit):
    """A logo far too small for an A0 poster: written, reported, and the exit code says
    that the files are not fit to print."""
    brand = kit / "assets" / "neutraal"
    Image.new("RGB", (200, 80), "#1F5A7A").save(brand / "small.png")
    text = (brand / "brand.yaml").read_text(encoding="utf-8")
    (brand / "brand.yaml").write_text(text.replace("logo: logo.svg", "logo: small.png"))
    result = run(["poster", "tips", "--size", "A0"], kit)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "preflight: 1 PDF, 1 page, 1 error" in result.output
    assert "preflight error: page 1: image" in result.output and "dpi" in result.output
    assert "Error: the preflight found 1 error in what was written" in result.output
