"""Legible on an office printer: no text below 6pt, enough contrast with what lies under
it (WCAG AA), measured on the built PDFs; the contrast check of layout and brand; the
size bounds of the layout schema; the hyphenation rules."""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import replace
from functools import cache
from itertools import pairwise
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest
import yaml
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

import generator
from generator.errors import BuildError
from generator.kinds.deck.contrast import contrast_problems
from generator.kinds.deck.layout import FACE_KINDS
from generator.kit.catalogue import resolve_raw
from generator.kit.project import Project
from generator.kit.styles import TextStyle
from generator.print import text
from generator.print.contrast import contrast_ratio, luminance
from generator.print.fonts import register
from tests.conftest import BUILTIN, BUILTIN_BRAND, REPO, copy_kit, edit_kit, run
from tests.pdfcheck import open_pdf

MIN_SIZE = 6.0
DPI = 150
LAYOUTS = ("card-63x88", "card-a6")


# --- reading text objects back from the PDF ---------------------------------------------
def text_objects(path: Path):
    """(page index, size in pt, bold, fill '#RRGGBB', page-space bounds) of every text
    object, inside the card forms too."""
    for index, page in enumerate(open_pdf(path)):
        for obj in page.get_objects(max_depth=8):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            matrix, container = obj.get_matrix(), obj.container
            bounds = obj.get_bounds()
            while container is not None:  # forms place their content: go up to the page
                outer = container.get_matrix()
                matrix = matrix.multiply(outer)
                bounds = outer.on_rect(*bounds)
                container = container.container
            size = ctypes.c_float()
            assert pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
            yield index, size.value * math.hypot(matrix.c, matrix.d), _bold(obj), _fill(obj), bounds


def _bold(obj) -> bool:
    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
    return "bold" in buffer.value.decode().lower()


def _fill(obj) -> str:
    rgba = [ctypes.c_uint() for _ in range(4)]
    assert pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba))
    return "#" + "".join(f"{c.value:02X}" for c in rgba[:3])


def background(image, bounds, page_height: float, fore: str) -> str:
    """The colour most of the area around a text object has, its glyphs left out."""
    left, bottom, right, top = bounds
    scale = DPI / 72
    box = (
        math.floor((left - 1) * scale),
        math.floor((page_height - top - 1) * scale),
        math.ceil((right + 1) * scale),
        math.ceil((page_height - bottom + 1) * scale),
    )
    target = _rgb(fore)
    counts = Counter()
    area = image.crop(box)
    for count, rgb in area.getcolors(maxcolors=area.width * area.height):
        if sum(abs(a - b) for a, b in zip(rgb, target, strict=True)) > 60:
            counts[rgb] += count
    rgb = counts.most_common(1)[0][0]
    return "#" + "".join(f"{c:02X}" for c in rgb)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def is_large(size: float, bold: bool) -> bool:
    return size >= 18 - 0.01 or (bold and size >= 14 - 0.01)


# --- the built decks ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def a6_built(tmp_path_factory) -> Path:
    """The default kit with every deck on the A6 layout (response cards included)."""
    root = copy_kit(tmp_path_factory.mktemp("a6") / "kit")
    materials = yaml.safe_load((REPO / "workshop.yaml").read_text(encoding="utf-8"))["materials"]
    edit_kit(
        root,
        teams=2,
        participants=3,
        materials=[{**m, "layout": "card-a6"} for m in materials if "deck" in m],
    )
    result = run(["build"], root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower(), result.output
    return root


def _pdfs(built: Path, a6_built: Path) -> list[Path]:
    return sorted((built / "output").rglob("*.pdf")) + sorted((a6_built / "output").rglob("*.pdf"))


def test_no_printed_text_is_below_6pt(built, a6_built):
    for path in _pdfs(built, a6_built):
        sizes = [size for _, size, *_ in text_objects(path)]
        assert len(sizes) > 20, path  # a poster has fewer, larger texts than a deck
        assert min(sizes) >= MIN_SIZE - 0.01, (path.name, min(sizes))


@cache
def measured(path: Path) -> list[tuple[int, float, bool, str, str]]:
    """(page, size, bold, text colour, background colour) of every text object."""
    pages = list(open_pdf(path))
    images, found = {}, []
    for index, size, bold, fore, bounds in text_objects(path):
        if index not in images:
            images[index] = pages[index].render(scale=DPI / 72).to_pil().convert("RGB")
        back = background(images[index], bounds, pages[index].get_height(), fore)
        found.append((index, size, bold, fore, back))
    return found


BRAND = yaml.safe_load((BUILTIN_BRAND / "brand.yaml").read_text())["colours"]


def close(first: str, second: str, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(_rgb(first), _rgb(second), strict=True))


@pytest.mark.slow
def test_every_text_stands_out_from_what_lies_under_it(built, a6_built):
    backgrounds = set()
    for path in _pdfs(built, a6_built):
        for index, size, bold, fore, back in measured(path):
            ratio = contrast_ratio(fore, back)
            minimum = 3.0 if is_large(size, bold) else 4.5
            assert ratio >= minimum - 0.05, (path.name, index, fore, back, size, ratio)
            backgrounds.add(back)
    # text on each response colour, on each deck colour and on the paper was measured
    for role in ("ja", "twijfel", "nee", "primary", "secondary", "accent", "paper"):
        assert any(close(BRAND[role], back) for back in backgrounds), role


def test_response_words_stand_out_from_their_panel(built):
    panels = Counter()
    for _, size, _, fore, back in measured(built / "output" / "open" / "succesfactoren.pdf"):
        if size < 14 or fore != BRAND["paper"].upper():
            continue  # the words Ja, Twijfel, Nee are the large white text
        role = next(r for r in ("ja", "twijfel", "nee") if close(BRAND[r], back))
        panels[role] += 1
        assert contrast_ratio(fore, back) >= 4.5  # even as normal text: the orange was 3.3
    participants = 4  # set in the `built` fixture
    assert panels == dict.fromkeys(("ja", "twijfel", "nee"), participants * 2)  # both sides


# --- the contrast check of layout and brand ------------------------------------------------
def test_wcag_contrast_of_known_pairs():
    assert luminance("#FFFFFF") == pytest.approx(1.0)
    assert luminance("#000000") == pytest.approx(0.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#D9730D", "#FFFFFF") == pytest.approx(3.28, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


def _project(root: Path = REPO) -> Project:
    return Project(root / "workshop.yaml")


def _check(
    project: Project, name: str, brand=None, decks=("primary", "secondary", "accent"), layout=None
):
    brand = brand or project.brand("neutraal")
    layout = layout or project.layout(name)
    return contrast_problems(layout, resolve_raw(project.layouts, name), brand, decks)


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_default_layouts_and_brand_pass_the_contrast_check(name):
    assert _check(_project(), name) == []


def test_the_old_orange_is_reported_at_the_brand_colour_with_the_pair_the_ratio_and_the_place():
    """A brand colour too light for the text on it is the brand's doing: the warning
    names brand.yaml and the colour's key, and says which layout line prints on it."""
    project = _project()
    brand = project.brand("neutraal")
    orange = replace(brand, colours={**brand.colours, "twijfel": "#D9730D"})
    problems = _check(project, "card-63x88", orange)
    assert {(p.file, p.path) for p in problems} == {
        ("<built-in>/brands/neutraal/brand.yaml", "colours.twijfel")
    }
    brand_lines = (BUILTIN.parent / "brands/neutraal/brand.yaml").read_text().splitlines()
    assert brand_lines[problems[0].line - 1].strip().startswith("twijfel:")
    printed = {re.search(r"printed at (\S+):(\d+) (\S+)\)", p.message).groups() for p in problems}
    assert {path for _, _, path in printed} == {
        "kinds.response.boxes.response_text",
        "kinds.response.boxes.footer",
    }
    raw_lines = (BUILTIN / "card-63x88.yaml").read_text().splitlines()
    for file, line, path in printed:
        assert file == "<built-in>/layouts/card-63x88.yaml"
        assert raw_lines[int(line) - 1].strip().startswith(path.rsplit(".", 1)[1] + ":")
    problem = next(p for p in problems if "response_text" in p.message)
    assert "text colour paper (#FFFFFF) on card colour twijfel (#D9730D)" in problem.message
    assert "contrast 3.27:1; expected at least 4.5:1 (WCAG AA) for 6pt text" in problem.message
    # the word is large bold text: 3:1 is enough, and 3.27:1 passes


def test_a_colour_the_layout_writes_is_reported_at_the_layout_line():
    project = _project()
    brand = project.brand("neutraal")
    pale = replace(brand, colours={**brand.colours, "paper": "#FFFFFF"})
    layout = project.layout("card-63x88")
    styles = {**layout.styles, "body": replace(layout.styles["body"], colour="#DDDDDD")}
    problems = _check(project, "card-63x88", pale, layout=replace(layout, styles=styles))
    assert problems and all(p.file == "<built-in>/layouts/card-63x88.yaml" for p in problems)
    assert "printed at" not in problems[0].message


def test_only_the_deck_colours_in_use_are_checked():
    project = _project()
    brand = project.brand("neutraal")
    yellow = replace(brand, colours={**brand.colours, "accent": "#F2C200"})
    problems = _check(project, "card-63x88", yellow, decks=("accent",))
    assert {p.path for p in problems} == {"colours.accent"}
    titles = [p for p in problems if "boxes.title)" in p.message and "back" not in p.message]
    assert titles and "deck colour accent (#F2C200) on the paper (#FFFFFF)" in titles[0].message
    # white text on the yellow back
    assert any("back.boxes.title)" in p.message for p in problems)
    assert _check(project, "card-63x88", yellow, decks=("primary", "secondary")) == []


def test_only_the_response_colours_in_use_are_checked():
    project = _project()
    brand = project.brand("neutraal")
    orange = replace(brand, colours={**brand.colours, "twijfel": "#D9730D"})
    layout, raw = project.layout("card-a6"), resolve_raw(project.layouts, "card-a6")
    assert contrast_problems(layout, raw, orange, ["primary"], ["ja", "nee"]) == []
    assert contrast_problems(layout, raw, orange, ["primary"], []) == []
    assert contrast_problems(layout, raw, orange, ["primary"], ["twijfel"])


def test_the_response_symbol_needs_3_to_1_on_its_disc():
    project = _project()
    brand = project.brand("neutraal")
    pale = replace(brand, colours={**brand.colours, "ja": "#A5D6A7"})
    messages = [p.message for p in _check(project, "card-a6", pale)]
    assert any(
        "symbol colour card colour ja (#A5D6A7) on paper (#FFFFFF)" in m
        and "expected at least 3:1" in m
        for m in messages
    )


def test_text_over_a_panel_that_partly_covers_it_is_checked_against_both(kit):
    (kit / "layouts" / "banded.yaml").write_text(
        "extends: card-63x88\n"
        "styles:\n  title: {colour: '#FFFFFF'}\n"
        "kinds:\n  question:\n    boxes:\n"
        "      band: {x: 15mm, y: 4mm, width: 20mm, height: 14mm, fill: primary}\n",
        encoding="utf-8",
    )
    problems = _check(_project(kit), "banded")
    titles = [p for p in problems if p.path == "boxes.title"]
    # white on the band passes; white on the paper beside it does not
    assert len(titles) == 1, problems
    assert "text colour #FFFFFF on the paper (#FFFFFF) has contrast 1:1" in titles[0].message
    assert titles[0].file == "<built-in>/layouts/card-63x88.yaml"


# --- sizes in the layout schema ------------------------------------------------------------
@pytest.mark.parametrize(
    ("style", "key"),
    [
        ("{size: 5pt, min_size: 4.2pt}", "styles.url.size"),
        ("{min_size: 5pt}", "styles.url.min_size"),
    ],
)
def test_a_style_below_6pt_is_refused(kit, style, key):
    layout = kit / "layouts" / "card-63x88.yaml"  # the kit's own copy of the built-in
    layout.write_text(
        (BUILTIN / layout.name).read_text(encoding="utf-8") + f"\nstyles:\n  url: {style}\n",
        encoding="utf-8",
    )
    result = run(["validate"], kit)
    assert result.exit_code == 1
    line = len(layout.read_text(encoding="utf-8").splitlines())
    assert f"layouts/card-63x88.yaml:{line} {key}: expected a size of at least 6pt" in result.output
    assert "(smaller text is not legible on an office printer)" in result.output
    assert "Traceback" not in result.output


def test_an_absurd_size_is_refused_at_validate_time(kit):
    layout = kit / "layouts" / "card-63x88.yaml"  # the kit's own copy of the built-in
    layout.write_text(
        (BUILTIN / layout.name).read_text(encoding="utf-8")
        + "\nstyles:\n  body: {size: 100000000pt}\n",
        encoding="utf-8",
    )
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "layouts/card-63x88.yaml:" in result.output
    assert "styles.body.size: expected a size of at least 6pt and at most 200pt" in result.output
    assert "found text ('100000000pt')" in result.output


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_style_is_at_least_6pt_and_titles_are_not_hyphenated(name):
    layout = _project().layout(name)
    for style in layout.styles.values():
        assert style.min_size >= MIN_SIZE and style.size >= style.min_size
    for title in ("title", "cover-title", "back-title", "word", "footer", "team"):
        assert layout.styles[title].hyphenate is False, title


# --- the team label box ------------------------------------------------------------------------
@pytest.mark.parametrize("name", LAYOUTS)
def test_content_fronts_have_a_team_label_that_collides_with_nothing(name):
    layout = _project().layout(name)
    for kind in FACE_KINDS:
        boxes = {b.name: b for b in layout.faces[kind]}
        if kind == "response":
            assert "team" not in boxes
            continue
        team = boxes["team"]
        assert (team.content, team.text, team.requires) == ("text", "{team_label}", "team_label")
        assert layout.styles[team.style].min_size == MIN_SIZE
        drawn = [b for b in boxes.values() if b.content != "none" and b is not team]
        assert not [b.name for b in drawn if _overlap(b, team)], kind


def _overlap(a, b) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


# --- hyphenation ---------------------------------------------------------------------------------
LONG_DUTCH = (
    "Jeugdgezondheidszorgmedewerkers en samenwerkingsverbanden bespreken "
    "verantwoordelijkheidsgevoel, ondersteuningsmogelijkheden, gemeentebestuurders, "
    "kinderopvangorganisaties, onderwijsinstellingen en wijkteamcoördinatoren "
    "tijdens overlegstructuren over ketensamenwerking en informatie-uitwisseling "
    "tussen professionals, ouders en vrijwilligersorganisaties in gezamenlijkheid."
)


@pytest.fixture(scope="module")
def fonts():
    return register(_project().brand("neutraal"))


def _style(hyphenate: bool = True, size: float = 8) -> TextStyle:
    return TextStyle("regular", size, size, 1.25, "text", "left", hyphenate)


def _lines(fitted) -> list[str]:
    return [line for paragraph, _ in fitted.paragraphs for line in text.line_texts(paragraph)]


def test_reportlab_alone_would_hyphenate_three_lines_in_a_row(fonts):
    # the case the rules are for: without them this text gets a run of three
    runs = []
    for width in range(40, 160, 3):
        style = ParagraphStyle("t", fontName=fonts.name("regular"), fontSize=8, leading=10)
        style.hyphenationLang = "nl_NL"
        paragraph = Paragraph(LONG_DUTCH, style)
        paragraph.wrap(width, 10_000)
        runs.append(text.hyphenated_run(paragraph))
    assert max(runs) >= 3


@pytest.mark.parametrize("width", range(40, 160, 3))
def test_no_three_hyphenated_lines_in_a_row_and_no_short_fragments(fonts, width):
    fitted = text.fit([text.Block(LONG_DUTCH)], _style(), black, fonts, width, 10_000)
    lines = _lines(fitted)
    assert len(lines) > 3
    # the rule yields only where the text set without breaks would run past its box
    yields = _runs_past(LONG_DUTCH, fonts, fitted.size, width)
    run_length = 0
    for line, following in pairwise(lines):
        run_length = run_length + 1 if line.endswith("-") else 0
        assert run_length <= 2 or yields, lines
        if line.endswith("-"):
            head = re.findall(r"\w+", line.split()[-1])[-1]
            tail = re.findall(r"\w+", following.split()[0])[0]
            assert len(head) >= 3 and len(tail) >= 3, (line, following)


@pytest.mark.parametrize("width", range(60, 200, 7))
def test_titles_never_end_a_line_with_a_hyphen(fonts, width):
    title = "Verantwoordelijkheidsgevoel en samenwerking tussen Verwey-Jonker en gemeenten"
    fitted = text.fit([text.Block(title)], _style(False, 10), black, fonts, width, 10_000)
    lines = _lines(fitted)
    assert not [line for line in lines[:-1] if line.endswith("-")], lines


def test_an_unknown_hyphenation_language_is_a_build_error(fonts):
    with pytest.raises(BuildError, match="no hyphenation dictionary for language 'xx_XX'"):
        text.fit([text.Block("Samenwerking")], _style(), black, fonts, 100, 100, lang="xx_XX")
    english = text.fit([text.Block(LONG_DUTCH)], _style(), black, fonts, 100, 10_000, "en_GB")
    assert english.fits


@pytest.mark.slow
def test_worksheet_and_poster_text_is_checked_for_contrast(kit):
    """The muted grey made light: the worksheets' footer and link and the posters'
    subtitle would fade; each is named with its style, colours and ratio."""
    brand = kit / "assets" / "neutraal" / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace('"#5C6770"', '"#C8CDD2"'), encoding="utf-8"
    )
    result = run(["validate"], kit)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "colours.muted" in line]
    assert len(said) == 1, result.output  # one warning for the one colour, at its line
    assert said[0].startswith("warning: assets/neutraal/brand.yaml:9 colours.muted: ")
    worksheet = _style_lines("worksheet-base.yaml", "running:", "url:", "footer:")
    poster = _style_lines("poster-base.yaml", "subtitle:", "small:")
    for fragment in (
        "text colour muted (#C8CDD2) on",
        f"<built-in>/layouts/worksheet-base.yaml lines {worksheet}",
        f"<built-in>/layouts/poster-base.yaml lines {poster}",
    ):
        assert fragment in said[0], said[0]
    assert run(["validate", "--strict"], kit).exit_code == 1


def _style_lines(layout: str, *starts: str) -> str:
    """'47, 58, 59': the lines of a built-in layout that start with these style names
    and print in the muted colour."""
    path = Path(generator.__file__).parent / "builtin" / "layouts" / layout
    lines = list(enumerate(path.read_text(encoding="utf-8").splitlines(), 1))
    found = [
        next(i for i, line in lines if line.strip().startswith(start) and "muted" in line)
        for start in starts
    ]
    return ", ".join(map(str, found))


def _runs_past(words: str, fonts, size: float, width: float) -> bool:
    """Whether `words` set without any break, at `size`, has a word past `width`."""
    style = ParagraphStyle("plain", fontName=fonts.name("regular"), fontSize=size, leading=10)
    style.splitLongWords = 0
    paragraph = Paragraph(words, style)
    paragraph.wrap(width, 10_000)
    return text.overflowing_lines(paragraph)


@pytest.mark.parametrize("width", range(60, 130, 4))
def test_a_compound_keeps_its_break_where_it_would_run_past_its_box(fonts, width):
    """Table 1's cell: with the rule against three broken lines in a row applied blindly,
    "Vernieuwingsgerichtheid" was set whole in a narrow poster cell, ran past it and was
    clipped there without a word said. Where a break lets it fit, it keeps the break."""
    cell = "Vernieuwingsgerichtheid bevorderen, meedenken, voorbeeldgedrag"
    for size in (8, 9, 10, 11, 12):
        fitted = text.fit([text.Block(cell)], _style(True, size), black, fonts, width, 10_000)
        style = ParagraphStyle("broken", fontName=fonts.name("regular"), fontSize=size)
        style.hyphenationLang, style.splitLongWords = text.hyphenator("nl_NL"), 0
        broken = Paragraph(cell, style)
        broken.wrap(width, 10_000)
        if not text.overflowing_lines(broken):  # a break lets it fit: it is kept
            assert not fitted.too_wide, (size, _lines(fitted))


@pytest.mark.parametrize("width", range(40, 160, 3))
def test_a_word_is_broken_only_where_that_saves_a_line(fonts, width):
    fitted = text.fit([text.Block(LONG_DUTCH)], _style(), black, fonts, width, 10_000)
    whole = text.fit([text.Block(LONG_DUTCH)], _style(False), black, fonts, width, 10_000)
    broken = any(line.endswith("-") and not line.endswith(" -") for line in _lines(fitted))
    if broken:  # kept only where whole words take more room (or a word is too wide)
        assert whole.height > fitted.height + 0.01 or not whole.fits
    else:
        assert fitted.height <= whole.height + 0.01


def test_text_that_takes_no_more_lines_whole_is_set_whole(fonts):
    # reportlab hyphenates "samenwerkingsverbanden" at many widths where the text takes
    # as many lines with the word whole: there it is set whole
    sample = "Overleg over samenwerkingsverbanden"
    checked = 0
    for width in range(60, 160):
        hyphenated = text.line_texts(_wrapped(sample, fonts, width))
        whole = text.fit([text.Block(sample)], _style(False), black, fonts, width, 10_000)
        same = whole.fits and len(text.line_texts(whole.paragraphs[0][0])) == len(hyphenated)
        if same and any(line.endswith("-") for line in hyphenated):
            fitted = text.fit([text.Block(sample)], _style(), black, fonts, width, 10_000)
            assert not any(line.endswith("-") for line in _lines(fitted)), (width, fitted)
            checked += 1
    assert checked, "the sample no longer makes reportlab hyphenate where it need not"


def _wrapped(sample: str, fonts, width: float) -> Paragraph:
    style = ParagraphStyle("t", fontName=fonts.name("regular"), fontSize=8, leading=10)
    style.hyphenationLang = "nl_NL"
    paragraph = Paragraph(sample, style)
    paragraph.wrap(width, 10_000)
    return paragraph
