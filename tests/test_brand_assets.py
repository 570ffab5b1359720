"""Brands as municipalities have them (issue 17): the example brand Gemeente Voorbeeld
(an SVG logo, OpenType fonts from PyPI, CMYK beside its colours, footer and contact
lines) in every material, and each check of a brand triggered by a crafted bad one."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from generator.kit.project import Project
from generator.print.fontfiles import CACHE_ENV
from tests.conftest import REPO, copy_kit, edit_kit, run
from tests.pdfcheck import fonts, page_text

EXAMPLE = REPO / "examples" / "brands" / "voorbeeld"
LATO = Path(__import__("font_lato").__file__).parent / "files"
PRIMARY = (0x14, 0x52, 0x7A)  # the example's primary colour, #14527A


@pytest.fixture(autouse=True)
def font_cache(tmp_path_factory, monkeypatch):
    """Converted fonts in the suite's temporary folder, not the user's cache."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path_factory.getbasetemp() / "font-cache"))


def branded_kit(root: Path) -> Path:
    """A copy of the kit in the example brand."""
    kit = copy_kit(root)
    shutil.copytree(EXAMPLE, kit / "assets" / "voorbeeld")
    edit_kit(kit, brand="voorbeeld")
    return kit


def set_brand(kit: Path, **changes) -> Path:
    """Change keys of the example brand's brand.yaml in a kit (None: remove the key)."""
    path = kit / "assets" / "voorbeeld" / "brand.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    """The line number of the first line of `path` that starts (stripped) with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(start))


@pytest.fixture
def voorbeeld(tmp_path) -> Path:
    return branded_kit(tmp_path / "voorbeeld")


# --- the brand file -------------------------------------------------------------------
def test_the_example_brand_loads_with_everything_it_says(voorbeeld):
    brand = Project(voorbeeld / "workshop.yaml").brand("voorbeeld")
    assert brand.organisation == "Gemeente Voorbeeld" and brand.owner == "Gemeente Voorbeeld"
    assert brand.colours["primary"] == "#14527A" and brand.colours["text"] == "#1A1A1A"
    assert brand.cmyk == {
        "primary": (95, 60, 25, 25),
        "secondary": (85, 30, 95, 30),
        "accent": (10, 80, 100, 40),
    }
    assert set(brand.fonts) == {"regular", "bold", "italic", "bolditalic"}
    for path in brand.fonts.values():  # OpenType (CFF) converted to TrueType outlines
        with TTFont(str(path)) as font:
            assert "glyf" in font and "CFF " not in font
    assert brand.logo.name == "logo.svg"
    assert brand.footer_parts == [
        "Gemeente Voorbeeld · Team Jeugd en Gezin",
        "Vragen? wijkteam@voorbeeld.example · 14 0123",
    ]


def test_every_existing_brand_stays_valid_and_names_itself_as_before(kit):
    brand = Project(kit / "workshop.yaml").brand("neutraal")
    assert brand.organisation == "" and brand.owner == brand.name
    assert brand.cmyk == {} and brand.footer_parts == [] and "bolditalic" not in brand.fonts


def test_cmyk_needs_four_percentages(voorbeeld):
    path = voorbeeld / "assets" / "voorbeeld" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("cmyk: [95, 60, 25, 25]", "cmyk: [95, 60, 25]"), "utf-8")
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 1 and "Traceback" not in result.output
    at = f"assets/voorbeeld/brand.yaml:{line_of(path, 'primary:')} colours.primary.cmyk"
    assert (
        f"{at}: expected cmyk as four percentages [C, M, Y, K], each from 0 to 100, found 3 values"
        in result.output
    )


def test_the_brand_s_answer_words_replace_the_kit_s(voorbeeld):
    set_brand(voorbeeld, answers={"ja": "Eens", "nee": "Oneens"})
    deck = Project(voorbeeld / "workshop.yaml").material("deck", "succesfactoren")
    assert {r.colour: r.word for r in deck.responses} == {
        "ja": "Eens",
        "twijfel": "Twijfel",
        "nee": "Oneens",
    }


# --- fonts as they come ---------------------------------------------------------------
def test_a_font_whose_licence_forbids_embedding_is_refused(voorbeeld):
    folder = voorbeeld / "assets" / "voorbeeld"
    with TTFont(str(LATO / "Lato-Bold.ttf")) as font:
        font["OS/2"].fsType = 0x0002  # restricted licence embedding
        font.save(folder / "Restricted.ttf")
    path = set_brand(voorbeeld, fonts={**_fonts(folder), "bold": "Restricted.ttf"})
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"assets/voorbeeld/brand.yaml:{line_of(path, 'bold:')} fonts.bold" in result.output
    assert "font assets/voorbeeld/Restricted.ttf cannot be embedded" in result.output
    assert "its licence forbids embedding it in a PDF (OS/2 fsType 0x0002" in result.output


def test_a_woff2_font_is_converted_and_embedded(voorbeeld, tmp_path):
    folder = voorbeeld / "assets" / "voorbeeld"
    with TTFont(str(LATO / "Lato-Italic.ttf")) as font:
        font.flavor = "woff2"
        font.save(folder / "Lato-Italic.woff2")
    set_brand(voorbeeld, fonts={**_fonts(folder), "italic": "Lato-Italic.woff2"})
    brand = Project(voorbeeld / "workshop.yaml").brand("voorbeeld")
    assert brand.fonts["italic"].suffix == ".ttf" and brand.fonts["italic"].parent != folder
    result = run(["worksheet", "fase-1"], voorbeeld)  # the worksheet's instructions: italic
    assert result.exit_code == 0, result.output
    embedded = {name.split("+")[-1] for name, inside in fonts(_only_pdf(voorbeeld)) if inside}
    assert "Lato-Italic" in embedded and "SourceSansPro-Regular" in embedded


def test_a_file_that_is_no_font_names_the_file(voorbeeld):
    folder = voorbeeld / "assets" / "voorbeeld"
    (folder / "Broken.woff2").write_bytes(b"wOF2" + b"\0" * 200)
    path = set_brand(voorbeeld, fonts={**_fonts(folder), "regular": "Broken.woff2"})
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"brand.yaml:{line_of(path, 'regular:')} fonts.regular: expected a TrueType, OpenType "
        f"or WOFF font, found a file fontTools cannot read: assets/voorbeeld/Broken.woff2"
    ) in result.output


def _fonts(folder: Path) -> dict:
    return yaml.safe_load((folder / "brand.yaml").read_text(encoding="utf-8"))["fonts"]


def _only_pdf(kit: Path) -> Path:
    (pdf,) = (kit / "output").rglob("*.pdf")
    return pdf


# --- logos ----------------------------------------------------------------------------
def test_a_raster_logo_under_300_dpi_is_a_warning_and_an_error_with_strict(voorbeeld):
    folder = voorbeeld / "assets" / "voorbeeld"
    Image.new("RGB", (120, 40), "#14527A").save(folder / "klein.png")
    path = set_brand(voorbeeld, logo="klein.png")
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "klein.png" in line]
    assert said and f"assets/voorbeeld/brand.yaml:{line_of(path, 'logo:')} logo" in said[0]
    dpi = int(re.search(r"prints at (\d+) dpi", said[0])[1])
    assert 20 < dpi < 300
    assert "logo klein.png (120 x 40 pixels)" in said[0] and "expected at least 300 dpi" in said[0]
    strict = run(["validate", "--strict"], voorbeeld)
    assert strict.exit_code == 1 and "klein.png" in strict.output and "(--strict)" in strict.output


def test_a_raster_logo_with_pixels_enough_is_not_warned_about(voorbeeld):
    folder = voorbeeld / "assets" / "voorbeeld"
    Image.new("RGB", (1800, 600), "#14527A").save(folder / "groot.png")
    set_brand(voorbeeld, logo="groot.png")
    result = run(["validate", "--strict"], voorbeeld)
    assert result.exit_code == 0, result.output
    assert "dpi" not in result.output


@pytest.mark.parametrize(
    ("svg", "found"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0', "svglib"),
        ('<?xml version="1.0"?><html><body/></html>', "another kind of XML file"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="10" height="10"><image xlink:href="file:///etc/passwd"/></svg>',
            "a reference to another file or address ('file:///etc/passwd')",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>'.replace(
                "<svg ", '<svg width="0" height="0" '
            ),
            "no width and height",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            "<text>Gemeente</text></svg>",
            "text (a <text> element); convert the text to outlines",
        ),
    ],
    ids=["truncated", "not-svg", "external-image", "no-size", "text"],
)
def test_a_broken_svg_logo_names_the_file(voorbeeld, svg, found):
    (voorbeeld / "assets" / "voorbeeld" / "logo.svg").write_text(svg, encoding="utf-8")
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 1 and "Traceback" not in result.output
    path = voorbeeld / "assets" / "voorbeeld" / "brand.yaml"
    assert f"brand.yaml:{line_of(path, 'logo:')} logo: expected an SVG logo, found" in (
        result.output
    )
    assert found in result.output and "assets/voorbeeld/logo.svg" in result.output


def test_a_huge_svg_is_refused_within_bounded_work(voorbeeld):
    """Too many bytes, or too many elements in few bytes: refused before svglib draws."""
    logo = voorbeeld / "assets" / "voorbeeld" / "logo.svg"
    head = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    logo.write_text(head + "<g/>" * 30_000 + "</svg>", encoding="utf-8")  # 120 kB
    started = time.process_time()
    result = run(["validate"], voorbeeld)
    assert "more than 20,000 elements" in result.output and result.exit_code == 1
    logo.write_text(head + "<!--" + "x" * 3 * 1024 * 1024 + "--></svg>", encoding="utf-8")
    result = run(["validate"], voorbeeld)
    assert "SVG logo file is 3,145,8" in result.output and "expected at most 2,097,152" in (
        result.output
    )
    assert time.process_time() - started < 20


def test_a_missing_logo_names_the_path_looked_for(voorbeeld):
    set_brand(voorbeeld, logo="beeldmerk.svg")
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 1
    assert "SVG logo file not found: assets/voorbeeld/beeldmerk.svg" in result.output


# --- contrast -------------------------------------------------------------------------
def test_a_pale_brand_colour_is_warned_about_at_its_key_in_brand_yaml(voorbeeld):
    path = set_brand(
        voorbeeld,
        colours={
            **yaml.safe_load(
                (voorbeeld / "assets" / "voorbeeld" / "brand.yaml").read_text(encoding="utf-8")
            )["colours"],
            "secondary": "#8FC79A",
        },
    )
    result = run(["validate"], voorbeeld)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "#8FC79A" in line]
    assert len(warnings) == 1, result.output  # one colour, one warning
    at = f"assets/voorbeeld/brand.yaml:{line_of(path, 'secondary:')} colours.secondary:"
    assert warnings[0].startswith(f"warning: {at}")
    printed = re.search(r"printed at <built-in>/layouts/card-a6\.yaml lines ([\d, ]+)", warnings[0])
    assert printed and len(printed[1].split(", ")) >= 5  # title, number, ... of its faces
    strict = run(["validate", "--strict"], voorbeeld)
    assert strict.exit_code == 1 and at in strict.output


def test_the_example_brand_passes_strict_validation(voorbeeld):
    result = run(["validate", "--strict"], voorbeeld)
    assert result.exit_code == 0, result.output
    assert "ok  brand: voorbeeld" in result.output


# --- the server's pages ---------------------------------------------------------------
def test_the_server_serves_the_brand_s_logo_and_fonts_for_a_year(voorbeeld):
    from tests.serverkit import serve_kit

    served = serve_kit(voorbeeld, teams=1)
    client = served.app.test_client()
    css = client.get("/style.css").get_data(as_text=True)
    faces = re.findall(r'src: url\("([^"]+)"\); font-weight: (\w+); font-style: (\w+)', css)
    assert {(w, s) for _, w, s in faces} == {
        ("normal", "normal"),
        ("bold", "normal"),
        ("normal", "italic"),
        ("bold", "italic"),
    }
    for url, _, _ in faces:
        with client.get(url) as font:
            assert font.status_code == 200 and font.mimetype == "font/ttf"
            assert font.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert font.data[:4] == b"\0\1\0\0"  # TrueType, as converted from OpenType
    page = client.get("/").get_data(as_text=True)
    logo_url = re.search(r'<img class="logo" src="([^"]+)" alt="Gemeente Voorbeeld">', page)[1]
    with client.get(logo_url) as logo:
        assert logo.mimetype == "image/svg+xml" and b"Gemeente Voorbeeld" in logo.data
        assert "max-age=31536000" in logo.headers["Cache-Control"]
        assert "script-src 'none'" in logo.headers["Content-Security-Policy"]
    with client.get("/font/bolditalic.ttf") as font:
        assert font.status_code == 200
    assert client.get("/font/nothing.ttf").status_code == 404


# --- every material in the brand (whole-kit builds) -----------------------------------
@pytest.fixture(scope="module")
def built_voorbeeld(tmp_path_factory) -> Path:
    cache = tmp_path_factory.getbasetemp() / "font-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(cache))
        kit = branded_kit(tmp_path_factory.mktemp("voorbeeld") / "kit")
        result = run(["build"], kit)
        assert result.exit_code == 0, result.output
        assert "warning" not in result.output.lower(), result.output
    return kit / "output" / "open"


def streams(path: Path) -> list[bytes]:
    """Every page's content and every form XObject's, decoded."""
    reader, found, seen = PdfReader(path), [], set()

    def walk(resources) -> None:
        xobjects = resources.get_object().get("/XObject") if resources else None
        for ref in (xobjects.get_object() if xobjects else {}).values():
            if ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                found.append(obj.get_data())
                walk(obj.get("/Resources"))

    for page in reader.pages:
        found.append(page.get_contents().get_data() if page.get_contents() else b"")
        walk(page.get("/Resources"))
    return found


def xobjects(path: Path) -> list[tuple[str, str]]:
    """(name, subtype) of every distinct XObject of the PDF."""
    reader, found, seen = PdfReader(path), [], set()

    def walk(resources) -> None:
        xobject = resources.get_object().get("/XObject") if resources else None
        for name, ref in (xobject.get_object() if xobject else {}).items():
            if ref.idnum not in seen:
                seen.add(ref.idnum)
                found.append((name, ref.get_object().get("/Subtype")))
                walk(ref.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def fill(rgb: tuple[int, int, int]) -> re.Pattern:
    """The fill colour operator reportlab writes for an sRGB colour ('.541176 ... rg')."""
    from reportlab.lib.rl_accel import fp_str

    return re.compile(re.escape(f"{fp_str(*(c / 255 for c in rgb))} rg".encode()))


KINDS = {
    "deck": "succesfactoren.pdf",
    "worksheet": "werkbladen.pdf",
    "poster": "poster-tips-a2.pdf",
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints_in_the_brand(built_voorbeeld, kind):
    """Its colours in the content, its logo once as vectors, its fonts embedded."""
    pdf = built_voorbeeld / KINDS[kind]
    content = b"\n".join(streams(pdf))
    assert fill(PRIMARY).search(content), "the logo's and the headers' blue"
    found = xobjects(pdf)
    assert [n for n, _ in found if "logo" in n] == [n for n, _ in found if "logo" in n][:1]
    assert len([n for n, _ in found if "logo" in n]) == 1
    assert not [n for n, subtype in found if subtype == "/Image"]  # the SVG is no image
    embedded = {name.split("+")[-1] for name, inside in fonts(pdf) if inside}
    assert {"SourceSansPro-Regular", "SourceSansPro-Bold"} <= embedded
    assert not [name for name, inside in fonts(pdf) if not inside]
    # nor in the logo's form: svglib's renderer selected Helvetica there, never embedded
    assert b"/Helvetica" not in pdf.read_bytes()
    assert PdfReader(pdf).metadata["/Author"] == "Gemeente Voorbeeld"


@pytest.mark.slow
def test_the_deck_colours_and_footers_are_the_brand_s(built_voorbeeld):
    accent = fill((0x8A, 0x3B, 0x12))  # succesfactoren prints in accent
    assert accent.search(b"\n".join(streams(built_voorbeeld / "succesfactoren.pdf")))
    back = page_text(built_voorbeeld / "succesfactoren.pdf", 1)
    assert "Gemeente Voorbeeld · Team Jeugd en Gezin" in back  # the card back's foot
    sheet = page_text(built_voorbeeld / "werkbladen.pdf", 0)
    assert "Vragen? wijkteam@voorbeeld.example · 14 0123" in sheet
    poster = page_text(built_voorbeeld / "poster-tips-a2.pdf", 0)
    assert "Gemeente Voorbeeld · Team Jeugd en Gezin · Vragen?" in poster


@pytest.mark.slow
def test_a_raster_logo_is_one_image_in_the_pdf(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    brand = kit / "assets" / "neutraal"
    Image.new("RGB", (1200, 500), "#1F5A7A").save(brand / "logo.png")
    text = (brand / "brand.yaml").read_text(encoding="utf-8")
    (brand / "brand.yaml").write_text(text.replace("logo: logo.svg", "logo: logo.png"))
    assert run(["deck", "succesfactoren"], kit).exit_code == 0
    found = xobjects(kit / "output" / "open" / "succesfactoren.pdf")
    assert [subtype for _, subtype in found].count("/Image") == 1


@pytest.mark.slow
def test_the_results_pdf_prints_in_the_brand(voorbeeld):
    from generator.answers.links import Target
    from generator.answers.store import Store, default_url

    store = Store(default_url(voorbeeld))
    store.add(Target("open", "succesfactoren", "factor-1", 1), [("vote", "nee")])
    store.close()
    result = run(["results", "--session", "open"], voorbeeld)
    assert result.exit_code == 0, result.output
    pdf = voorbeeld / "output" / "open" / "resultaten.pdf"
    content = b"\n".join(streams(pdf))
    assert fill(PRIMARY).search(content)
    logos = [n for n, _ in xobjects(pdf) if "logo" in n]
    assert len(logos) == 1
    embedded = {name.split("+")[-1] for name, inside in fonts(pdf) if inside}
    assert "SourceSansPro-Regular" in embedded
    assert PdfReader(pdf).metadata["/Author"] == "Gemeente Voorbeeld"


@pytest.mark.slow
def test_the_phone_page_is_in_the_brand_in_a_real_browser(voorbeeld, browser):
    """Header in the deck's brand colour with the logo, text in the brand's font."""
    from selenium.webdriver.common.by import By

    from tests.serverkit import code, serve_kit, waitress_on_loopback

    served = serve_kit(voorbeeld, teams=1)
    with waitress_on_loopback(served.app) as base:
        browser.delete_all_cookies()
        browser.get(f"{base}/k/{code('succesfactoren', 'factor-1')}")
        loaded = browser.execute_async_script(
            "const done = arguments[0];"
            "document.fonts.ready.then(() => done(["
            "  document.fonts.check('bold 18px Brand'), document.fonts.check('18px Brand'),"
            "  document.querySelector('header .logo').naturalWidth]));"
        )
        header = browser.find_element(By.CSS_SELECTOR, "header.bar")
        colour = header.value_of_css_property("background-color")
        family = browser.find_element(By.TAG_NAME, "h1").value_of_css_property("font-family")
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "brand-voorbeeld-phone.png"))
    assert colour in ("rgba(138, 59, 18, 1)", "rgb(138, 59, 18)")  # accent: succesfactoren
    assert family.startswith('"Brand"') or family.startswith("Brand")
    assert loaded[0] and loaded[1], "the brand's fonts were not loaded"
    assert loaded[2] > 0, "the logo did not load"


SHOTS = REPO / "output" / "screenshots"  # ignored by git


def test_bold_italic_is_the_brand_s_own_or_else_its_bold(voorbeeld, kit):
    from generator.print.fonts import register

    own = register(Project(voorbeeld / "workshop.yaml").brand("voorbeeld"))
    assert own.name("bolditalic") not in (own.name("bold"), own.name("italic"))
    assert ord("é") in own.charmaps["bolditalic"]
    plain = register(Project(kit / "workshop.yaml").brand("neutraal"))
    assert plain.name("bolditalic") == plain.name("bold")
    assert plain.charmaps["bolditalic"] == plain.charmaps["bold"]
