"""`--color cmyk` (issue 18, part 3): every colour and image as CMYK, black as black ink
only, a PDF/X-4 output intent with the shipped profile, XMP, TrimBoxes; the look kept."""

from __future__ import annotations

import io
import re
import xml.dom.minidom
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageCms, ImageStat
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.colors import CMYKColor, CMYKColorSep

from generator.print import cmyk
from generator.print.palette import Palette

from .conftest import run
from .pdfcheck import render

RGB_OPERATORS = {b"rg", b"RG", b"sc", b"SC", b"scn", b"SCN"}  # sc: only after an RGB cs
OPEN = Path("output") / "open"


def _built(kit: Path, *args: str) -> Path:
    result = run([*args, "--color", "cmyk"], kit)
    assert result.exit_code == 0, result.output
    return kit / OPEN


@pytest.fixture(scope="module")
def cmyk_kit(tmp_path_factory) -> Path:
    """One deck, one worksheet and one poster of the default kit, in CMYK, with a raster
    logo (transparent PNG) to convert: the kit's own logo is an SVG."""
    from PIL import ImageDraw

    from .conftest import copy_kit

    kit = copy_kit(tmp_path_factory.mktemp("cmyk") / "kit")
    brand = kit / "assets" / "neutraal"
    logo = Image.new("RGBA", (900, 370), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((20, 20, 880, 350), outline="#1F5A7A", width=40)
    logo.save(brand / "logo.png")
    text = (brand / "brand.yaml").read_text(encoding="utf-8")
    (brand / "brand.yaml").write_text(text.replace("logo: logo.svg", "logo: logo.png"))
    for args in (["deck", "vijf-vs"], ["worksheet", "fase-1"], ["poster", "lagen"]):
        _built(kit, *args)
    return kit


def _files(kit: Path) -> list[Path]:
    found = sorted((kit / OPEN).glob("*.pdf"))
    assert len(found) >= 3
    return found


def _streams(reader: PdfReader):
    """Every stream of the file that is drawn: pages, forms, annotation appearances."""
    for ref in _object_refs(reader):
        obj = reader.get_object(ref)
        if hasattr(obj, "get_data"):
            yield obj


def _object_refs(reader: PdfReader):
    from pypdf.generic import IndirectObject

    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)


def _content_operators(reader: PdfReader) -> list[tuple[list, bytes]]:
    """The operators of every page content stream and every Form XObject."""
    found = []
    for page in reader.pages:
        found += ContentStream(page.get_contents(), reader).operations
    for stream in _streams(reader):
        if stream.get("/Subtype") == "/Form":
            found += ContentStream(stream, reader).operations
    return found


def test_no_rgb_operator_or_colour_space_remains(cmyk_kit):
    for path in _files(cmyk_kit):
        reader = PdfReader(path)
        operators = _content_operators(reader)
        assert operators, path
        used = {op for _, op in operators}
        assert not used & RGB_OPERATORS, (path.name, used & RGB_OPERATORS)
        assert b"k" in used, path.name  # the colours are there, as CMYK
        assert b"/DeviceRGB" not in path.read_bytes(), path.name
        for stream in _streams(reader):
            if stream.get("/Subtype") == "/Image" and "/SMask" in stream:
                assert stream["/ColorSpace"] == "/DeviceCMYK", path.name
        for page in reader.pages:  # PDF/X: no form field on the printed page
            assert "/Annots" not in page, path.name
        assert "/AcroForm" not in reader.trailer["/Root"], path.name


def test_logo_is_a_cmyk_image_with_its_soft_mask(cmyk_kit):
    reader = PdfReader(cmyk_kit / OPEN / "vijf-vs.pdf")
    images = [s for s in _streams(reader) if s.get("/Subtype") == "/Image"]
    logos = [i for i in images if "/SMask" in i]
    assert logos
    for logo in logos:
        assert logo["/ColorSpace"] == "/DeviceCMYK"
        data = logo.get_data()
        assert len(data) == logo["/Width"] * logo["/Height"] * 4
        assert logo["/SMask"].get_object()["/ColorSpace"] == "/DeviceGray"


def test_output_intent_embeds_the_shipped_cmyk_profile(cmyk_kit):
    for path in _files(cmyk_kit):
        root = PdfReader(path).trailer["/Root"]
        (intent,) = root["/OutputIntents"]
        intent = intent.get_object()
        assert intent["/S"] == "/GTS_PDFX"
        assert intent["/OutputConditionIdentifier"] == "FOGRA39"
        profile = intent["/DestOutputProfile"].get_object()
        assert profile["/N"] == 4
        assert profile.get_data() == cmyk.PROFILE.read_bytes()
        opened = ImageCms.ImageCmsProfile(io.BytesIO(profile.get_data()))
        assert opened.profile.xcolor_space.strip() == "CMYK"
        assert opened.profile.device_class == "prtr"


def test_pdfx4_metadata_trapped_id_and_trim_box_on_every_page(cmyk_kit):
    for path in _files(cmyk_kit):
        reader = PdfReader(path)
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        document = xml.dom.minidom.parseString(xmp.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        version = document.getElementsByTagName("pdfxid:GTS_PDFXVersion")[0]
        assert version.firstChild.data == "PDF/X-4"
        info = reader.trailer["/Info"]
        assert info["/Trapped"] == "/False"
        title = document.getElementsByTagName("dc:title")[0].getElementsByTagName("rdf:li")[0]
        assert title.firstChild.data == info["/Title"]
        created = document.getElementsByTagName("xmp:CreateDate")[0].firstChild.data
        assert (
            created.replace("-", "").replace(":", "").replace("T", "")[:14]
            == info["/CreationDate"][2:16]
        )
        assert len(reader.trailer["/ID"]) == 2
        for page in reader.pages:
            assert "/TrimBox" in page
            assert [float(v) for v in page["/TrimBox"]] == [float(v) for v in page.mediabox]


def test_rgb_build_has_no_output_intent(kit):
    assert run(["deck", "vijf-vs"], kit).exit_code == 0
    reader = PdfReader(kit / OPEN / "vijf-vs.pdf")
    assert "/OutputIntents" not in reader.trailer["/Root"]
    assert "/TrimBox" not in reader.pages[0]


def test_black_and_greys_are_black_ink_only_colours_go_through_the_profile():
    assert cmyk.cmyk_of("#000000").cmyk() == (0, 0, 0, 1)
    near_black = cmyk.cmyk_of("#1A1A1A").cmyk()
    assert near_black[:3] == (0, 0, 0) and near_black[3] == pytest.approx(1 - 26 / 255, abs=1e-3)
    assert cmyk.cmyk_of("#FFFFFF").cmyk() == (0, 0, 0, 0)
    assert cmyk.cmyk_of("#1C1F22").cmyk()[:3] == (0, 0, 0)  # near-black, slightly blue
    assert cmyk.cmyk_of("#808080").cmyk() == pytest.approx((0, 0, 0, 1 - 128 / 255), abs=1e-3)
    tint = cmyk.cmyk_of("#E8EEF2").cmyk()  # a 10 % tint of a blue: still blue, not grey
    assert tint[0] > tint[1] and tint[0] > 0.03, tint
    red = cmyk.cmyk_of("#C81E28").cmyk()
    pixel = Image.new("RGB", (1, 1), (0xC8, 0x1E, 0x28))
    expected = ImageCms.applyTransform(pixel, cmyk._transform("RGB")).getpixel((0, 0))
    assert red == pytest.approx(tuple(v / 255 for v in expected), abs=1e-3)
    assert red[1] > 0.8 and red[0] < 0.1  # magenta and yellow, hardly cyan


def test_a_colour_given_as_cmyk_is_kept_and_a_spot_colour_becomes_process():
    given = CMYKColor(0.9, 0.1, 0.6, 0.2)
    assert cmyk.enforce(given).cmyk() == (0.9, 0.1, 0.6, 0.2)
    spot = cmyk.enforce(CMYKColorSep(0.1, 0.2, 0.3, 0.4, spotName="Brand"))
    assert type(spot) is CMYKColor and spot.cmyk() == (0.1, 0.2, 0.3, 0.4)


def test_a_tint_is_mixed_on_white_paper_exactly():
    palette = Palette({"primary": "#2E6B55", "text": "#1A1A1A"})
    tint = palette.colour("tint:deck")
    assert (tint.red, tint.green, tint.blue) == pytest.approx(
        tuple(0.9 + 0.1 * c / 255 for c in (0x2E, 0x6B, 0x55))
    )
    assert palette.paint("tint:deck").hex == "#EAF0EE"  # the same, rounded for messages


def test_black_text_is_black_ink_in_the_deck(cmyk_kit):
    reader = PdfReader(cmyk_kit / OPEN / "vijf-vs.pdf")
    fills = [tuple(float(v) for v in ops) for ops, op in _content_operators(reader) if op == b"k"]
    assert any(f[:3] == (0, 0, 0) and f[3] > 0.85 for f in fills)
    rich = [f for f in fills if min(f) > 0.3]  # four-colour dark: what black must not be
    assert rich == []


def test_cmyk_page_looks_like_the_rgb_page_and_its_codes_read_the_same(kit, cmyk_kit):
    assert run(["deck", "vijf-vs"], kit).exit_code == 0
    rgb_file, cmyk_file = kit / OPEN / "vijf-vs.pdf", cmyk_kit / OPEN / "vijf-vs.pdf"
    for index in (0, 2):
        rgb, cmyk_page = render(rgb_file, index, 60), render(cmyk_file, index, 60)
        rgb.save(Path(kit) / f"rgb-{index}.png")  # to look at beside the CMYK page
        difference = ImageStat.Stat(
            ImageChops.difference(rgb.convert("RGB"), cmyk_page.convert("RGB"))
        )
        assert max(difference.mean) < 12, difference.mean  # the same picture, inks aside
    codes = [
        zxingcpp.read_barcodes(render(path, 2, 200), formats=zxingcpp.BarcodeFormat.QRCode)
        for path in (rgb_file, cmyk_file)
    ]
    assert [c.text for c in codes[0]] == [c.text for c in codes[1]] != []


@pytest.mark.slow
def test_whole_kit_in_cmyk_twice_is_byte_identical_and_passes_check(kit):
    first = {p.name: p.read_bytes() for p in _files_of(_built(kit, "build"))}
    assert len(first) == 17
    again = {p.name: p.read_bytes() for p in _files_of(_built(kit, "build"))}
    assert again == first
    for name, data in first.items():
        assert b"/DeviceRGB" not in data, name
        assert re.search(rb"/GTS_PDFX", data), name
    result = run(["check", *(str(kit / OPEN / name) for name in sorted(first))], kit)
    assert result.exit_code == 0, result.output
    assert result.output.count("colour: CMYK, output intent FOGRA39, PDF/X-4") == 17


def _files_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))
