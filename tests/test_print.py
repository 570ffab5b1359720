"""What a print shop's preflight and an office printer see in the finished PDFs: fonts,
print preferences, metadata, document ID, the 50 mm scale check and the cut marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import yaml
from pypdf import PdfReader

from generator.kit.project import Project
from generator.kit.sheet import Sheet
from generator.kit.words import words
from generator.print.document import open_document
from generator.print.fonts import register
from generator.print.imposition import cut_lines, grid
from tests.conftest import BUILTIN_BRAND, REPO, run
from tests.pdfcheck import MM, page_text, render

DECKS = [
    m["deck"]
    for m in yaml.safe_load((REPO / "workshop.yaml").read_text())["materials"]
    if "deck" in m
]
BRAND = yaml.safe_load((BUILTIN_BRAND / "brand.yaml").read_text())["name"]
DPI = 300

SCALE_LABEL = words("nl").scale_check


def pdf(built, name: str) -> PdfReader:
    return PdfReader(built / "output" / "open" / f"{name}.pdf")


# --- fonts -------------------------------------------------------------------------------
def font_dicts(resources, seen=None):
    """(name, font dictionary) of every font in these resources and in the resources of
    every form XObject they hold, however deeply nested."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    resources = resources.get_object()
    for name, ref in (resources.get("/Font") or {}).items():
        yield name, ref.get_object()
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        key = id(xobject) if not hasattr(ref, "idnum") else ref.idnum
        if key in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        yield from font_dicts(xobject.get("/Resources"), seen)


def embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("name", DECKS)
def test_every_font_any_page_refers_to_is_embedded(built, name):
    checked = 0
    for number, page in enumerate(pdf(built, name).pages, 1):
        for key, font in font_dicts(page.get("/Resources")):
            base = font.get("/BaseFont", "")
            assert "Helvetica" not in base, f"page {number}: {key} is {base}"
            assert embedded(font), f"page {number}: font {key} ({base}) is not embedded"
            checked += 1
    assert checked, "no font found at all: the reader walked the wrong resources"


# --- print preferences and metadata ----------------------------------------------------
@pytest.mark.parametrize("name", DECKS)
def test_printer_is_asked_for_actual_size_and_the_sheets_duplex(built, name):
    prefs = pdf(built, name).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"
    # A6 on A4 landscape turns over the short edge, as portrait sheets the long edge
    flip = "/DuplexFlipShortEdge" if name == "vijf-vs" else "/DuplexFlipLongEdge"
    assert prefs["/Duplex"] == flip


@pytest.mark.parametrize(
    ("duplex", "expected"),
    [("long-edge", "/DuplexFlipLongEdge"), ("short-edge", "/DuplexFlipShortEdge")],
)
def test_duplex_preference_follows_the_sheet(tmp_path, duplex, expected):
    project = Project(REPO / "workshop.yaml")
    sheet = project.sheet("a4-3x3")
    sheet = Sheet(**{**sheet.__dict__, "duplex": duplex})
    font = register(project.brand("neutraal")).name("regular")
    target = tmp_path / "test.pdf"
    canvas = open_document(target, sheet, title="t", subject="s", author="a", font_name=font)
    canvas.showPage()
    canvas.save()
    assert PdfReader(target).trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == expected


@pytest.mark.parametrize("name", DECKS)
def test_metadata_names_deck_source_brand_and_language(built, name):
    reader = pdf(built, name)
    info = reader.metadata
    content = yaml.safe_load((REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert info["/Author"] == BRAND
    assert info["/Title"] == f"{content['title']} ({BRAND})"
    assert info["/Subject"].startswith("Bron: ")
    assert info["/Creator"] == "workshop"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


# --- creation date -------------------------------------------------------------------
def test_creation_date_is_source_date_epoch_when_set(kit, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 14:13:20 UTC
    assert run(["deck", "vijf-vs"], kit).exit_code == 0
    info = PdfReader(kit / "output" / "open" / "vijf-vs.pdf").metadata
    assert info["/CreationDate"].startswith("D:20260921141320+00'00'")
    assert info.creation_date == datetime.fromtimestamp(1790000000, UTC)
    assert info["/ModDate"] == info["/CreationDate"]


def test_creation_date_is_now_without_source_date_epoch(kit, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    assert run(["deck", "vijf-vs"], kit).exit_code == 0
    created = PdfReader(kit / "output" / "open" / "vijf-vs.pdf").metadata.creation_date
    assert created.tzinfo is not None
    assert before - timedelta(seconds=1) <= created <= datetime.now(UTC)


def test_a_bad_source_date_epoch_is_one_message(kit, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 1
    assert "SOURCE_DATE_EPOCH" in result.output and "Traceback" not in result.output


# --- document ID -----------------------------------------------------------------------
def document_id(path) -> bytes:
    ids = PdfReader(path).trailer["/ID"]
    return bytes(ids[0].original_bytes)


@pytest.mark.slow
def test_same_input_same_bytes_changed_content_new_id(kit):
    assert run(["build"], kit).exit_code == 0
    first = {name: (kit / "output" / "open" / f"{name}.pdf").read_bytes() for name in DECKS}
    assert run(["build"], kit).exit_code == 0
    for name in DECKS:
        assert (kit / "output" / "open" / f"{name}.pdf").read_bytes() == first[name], name
    ids = {name: document_id(kit / "output" / "open" / f"{name}.pdf") for name in DECKS}
    assert len(set(ids.values())) == len(DECKS), "each deck has its own ID"

    content = kit / "content" / "vijf-vs.yaml"
    text = content.read_text(encoding="utf-8")
    question = "Hebben we nog steeds een gezamenlijke focus?"
    assert question in text
    content.write_text(text.replace(question, "Hebben we een gezamenlijke focus?"), "utf-8")
    assert run(["build"], kit).exit_code == 0
    assert document_id(kit / "output" / "open" / "vijf-vs.pdf") != ids["vijf-vs"]
    assert document_id(kit / "output" / "open" / "elementen.pdf") == ids["elementen"]


# --- scale check -----------------------------------------------------------------------
def longest_dark_run(image, top: int, bottom: int) -> int:
    """Longest horizontal run of dark pixels in rows top..bottom of a rendered page."""
    grey = image.convert("L")
    width = grey.width
    best = 0
    for row in range(top, bottom):
        pixels = grey.crop((0, row, width, row + 1)).tobytes()
        run_length = 0
        for value in pixels:
            run_length = run_length + 1 if value < 128 else 0
            best = max(best, run_length)
    return best


def test_front_pages_carry_a_bar_that_measures_50_mm(built):
    path = built / "output" / "open" / "elementen.pdf"
    image = render(path, 0, DPI)
    bottom_margin = round(16 * MM / 72 * DPI)  # below the cards (they start 16.5 mm up)
    run_px = longest_dark_run(image, image.height - bottom_margin, image.height)
    assert run_px * 25.4 / DPI == pytest.approx(50, abs=0.2)


@pytest.mark.parametrize("name", ["elementen", "succesfactoren", "vijf-vs"])
def test_scale_check_is_on_fronts_only(built, name):
    pages = len(pdf(built, name).pages)
    for index in range(pages):
        count = page_text(built / "output" / "open" / f"{name}.pdf", index).count(SCALE_LABEL)
        assert count == (1 if index % 2 == 0 else 0), f"page {index + 1}"


# --- cut marks -------------------------------------------------------------------------
def test_a6_cut_a_millimetre_off_the_line_cuts_through_no_black(built):
    """Render the A6 front page and look at the 2 mm wide strip around each cut, along
    the cards: a knife anywhere in it must find white paper only (the marks are in the
    margin beyond the cards, which is cut away)."""
    project = Project(REPO / "workshop.yaml")
    layout = project.layout("card-a6")
    sheet = project.sheet(layout.sheet)
    image = render(built / "output" / "open" / "vijf-vs.pdf", 0, DPI).convert("L")
    px = DPI / 72  # pixels per point
    slots = grid(sheet, layout.width, layout.height)
    xs, ys = cut_lines(sheet, layout.width, layout.height)
    left, right = min(s.x for s in slots), max(s.right for s in slots)
    bottom, top = min(s.y for s in slots), max(s.top for s in slots)
    mm, height = MM * px, sheet.paper_height
    strips = [
        (
            round(x * px - mm),
            round((height - top) * px),
            round(x * px + mm),
            round((height - bottom) * px),
        )
        for x in xs
    ] + [
        (
            round(left * px),
            round((height - y) * px - mm),
            round(right * px),
            round((height - y) * px + mm),
        )
        for y in ys
    ]
    assert len(strips) == 5
    for box in strips:
        darkest = min(image.crop(box).tobytes())
        assert darkest > 200, f"something dark within 1 mm of the cut in {box}"
