"""The pieces every painter shares: the code block (a QR code in its white quiet zone,
the printed link, the module check) and the palette; and painters made of small blocks
that use them instead of copies of their own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import zxingcpp
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

import generator
from generator.errors import Policy, Problem, ProblemKind, Problems, Severity
from generator.kit.project import Project
from generator.kit.styles import TextStyle
from generator.kit.units import MM
from generator.print import qr
from generator.print.codeblock import CodeBlock, CodeChecks, link_lines, printed_link
from generator.print.fonts import register
from generator.print.imposition import Rect
from generator.print.palette import Palette
from generator.print.text import GAP
from tests.conftest import REPO
from tests.pdfcheck import render

ROOT = Path(generator.__file__).parent
URL_STYLE = TextStyle("regular", 8.0, 7.0, 1.2, "muted", "left", False)
SHORT = "192.168.1.20:8000/k/ABCD-EFGH"


@pytest.fixture(scope="module")
def fonts():
    return register(Project(REPO / "workshop.yaml").brand("neutraal"))


def checks(minimum: float = 0.4 * MM) -> CodeChecks:
    return CodeChecks(
        minimum,
        lambda url, module: Problem.drawn(ProblemKind.MODULE, f"{url}: {module / MM:.2f} mm"),
        lambda link, style: Problem.drawn(ProblemKind.LINK, link, severity=Severity.WARNING),
    )


# --- the printed link ------------------------------------------------------------------------
def test_a_link_breaks_before_the_short_links_path_only_when_it_must(fonts):
    font = fonts.name("regular")
    wide = link_lines(SHORT, font, URL_STYLE, 100 * MM, 20 * MM)
    assert wide.lines == (SHORT,) and wide.size == 8.0
    narrow = link_lines(SHORT, font, URL_STYLE, 28 * MM, 20 * MM)
    assert narrow.lines == ("192.168.1.20:8000", "/k/ABCD-EFGH")
    assert narrow.height == pytest.approx(2 * narrow.size * 1.2)


def test_a_form_url_breaks_before_its_query_and_shrinks_before_it_gives_up(fonts):
    font = fonts.name("regular")
    url = "forms.example.org/a?deck=elementen&card=element-1&team=2"
    lines = link_lines(url, font, URL_STYLE, 40 * MM, 30 * MM)
    assert lines.lines[0] == "forms.example.org/a" and lines.lines[1].startswith("?deck=")
    assert all(line[0] in "?&" for line in lines.lines[1:])
    shrunk = link_lines(SHORT, font, URL_STYLE, 26.5 * MM, 2 * 7.5 * 1.2 + 0.1)
    assert shrunk is not None and 7.0 <= shrunk.size < 8.0
    assert link_lines(SHORT, font, URL_STYLE, 5 * MM, 30 * MM) is None  # no room: left off


def test_a_host_apart_has_its_own_line_and_a_paragraphs_gap(fonts):
    lines = link_lines(SHORT, fonts.name("regular"), URL_STYLE, 100 * MM, 30 * MM, True)
    assert lines.lines == ("192.168.1.20:8000", "/k/ABCD-EFGH") and lines.starts == {1}
    assert lines.height == pytest.approx(2 * lines.pitch + lines.size * GAP)


def test_the_printed_link_is_the_short_one_or_the_url_without_its_scheme():
    assert printed_link("HTTP://192.168.1.20:8000/K/ABCDEFGH", SHORT) == SHORT
    assert printed_link("https://f.example.org/a?x=1") == "f.example.org/a?x=1"


# --- the code ----------------------------------------------------------------------------------
def draw_on_black(tmp_path, block: CodeBlock, url: str, size: float) -> Path:
    path = tmp_path / "code.pdf"
    canvas = Canvas(str(path), pagesize=(size + 20 * MM, size + 20 * MM))
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(0, 0, size + 20 * MM, size + 20 * MM, stroke=0, fill=1)
    block.code(canvas, url, 10 * MM, 10 * MM, size)
    canvas.showPage()
    canvas.save()
    return path


def test_a_code_is_drawn_in_a_white_quiet_zone_of_four_modules(tmp_path, fonts):
    """On a black page the code still scans: its square brings its own quiet zone."""
    block = CodeBlock("qr", fonts, Problems(), checks())
    url, size = "HTTP://192.168.1.20:8000/K/ABCDEFGH", 24 * MM
    image = render(draw_on_black(tmp_path, block, url, size), 0, dpi=300).convert("L")
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == [url]
    modules = qr.encode(url).size
    assert block.module == pytest.approx(size / (modules + 2 * qr.QUIET_MODULES))
    dots = 300 / 72  # pixels a point
    left, bottom = 10 * MM * dots, image.height - 10 * MM * dots
    quiet = qr.QUIET_MODULES * block.module * dots
    band = image.crop(
        (
            round(left) + 2,
            round(bottom - size * dots) + 2,
            round(left + quiet) - 2,
            round(bottom) - 2,
        )
    )
    assert band.getextrema()[0] > 200, "the quiet zone is white"
    assert block.drawn == [Rect(10 * MM, 10 * MM, size, size)]


def test_modules_too_small_are_one_problem_per_block_not_one_per_card(tmp_path, fonts):
    problems = Problems(Policy(), "elementen")
    block = CodeBlock("qr", fonts, problems, checks(minimum=0.4 * MM))
    canvas = Canvas(str(tmp_path / "x.pdf"))
    for team in range(5):
        block.code(canvas, f"https://forms.example.org/{'a' * 80}?team={team}", 0, 0, 12 * MM)
    errors, _ = problems.decided()
    assert len(errors) == 1 and errors[0].kind is ProblemKind.MODULE
    assert errors[0].material == "elementen" and "team=0" in errors[0].message
    other = CodeBlock("qr", fonts, Problems(), checks(minimum=0.4 * MM))
    other.code(canvas, "HTTP://192.168.1.20:8000/K/ABCDEFGH", 0, 0, 24 * MM)
    assert other.problems.found == []


def test_a_link_without_room_is_left_off_with_one_warning(tmp_path, fonts):
    problems = Problems()
    block = CodeBlock("url", fonts, problems, checks())
    canvas = Canvas(str(tmp_path / "x.pdf"))
    for _ in range(3):
        assert (
            block.link(canvas, SHORT, URL_STYLE, Color(0, 0, 0), Rect(0, 0, 5 * MM, 9), "url")
            is None
        )
    assert [(p.kind, p.severity) for p in problems.found] == [(ProblemKind.LINK, Severity.WARNING)]
    assert block.drawn == []


# --- the palette -------------------------------------------------------------------------------
COLOURS = {"primary": "#1f4e79", "secondary": "#2e7d32", "ja": "#2E7D32", "twijfel": "#B85C00"}


def test_the_palette_resolves_every_name_a_layout_may_use():
    palette = Palette(COLOURS, deck="secondary")
    assert str(palette.paint("#abcdef")) == "#ABCDEF"
    assert str(palette.paint("primary")) == "primary (#1F4E79)"
    assert str(palette.paint("deck")) == "deck colour secondary (#2E7D32)"
    assert str(palette.paint("card")) == "card colour secondary (#2E7D32)"  # not a response
    assert str(palette.for_card("twijfel").paint("card")) == "card colour twijfel (#B85C00)"
    assert str(Palette(COLOURS, deck="#123456").paint("deck")) == "deck colour (#123456)"
    assert str(palette.paint("tint:primary")) == "primary at 10% (#E9EDF2)"


def test_the_palette_draws_the_colours_it_names():
    palette = Palette(COLOURS, deck="primary")
    assert palette.colour("deck").hexval().upper() == "0X1F4E79"
    tint = palette.colour("tint:deck")  # mixed exactly, as a poster's cells print
    base = palette.colour("primary")
    assert tint.red == pytest.approx(0.9 + 0.1 * base.red)
    assert palette.paint("tint:deck").hex == "#" + "".join(
        f"{round(c * 255):02X}" for c in (tint.red, tint.green, tint.blue)
    )


# --- painters made of shared pieces --------------------------------------------------------
KINDS = ROOT / "kinds"
PAINTERS = [  # the drawing of each kind, and what they share
    KINDS / "deck" / "faces.py",
    *(KINDS / "worksheet" / f"{name}.py" for name in ("pages", "typeset", "rooms", "pieces")),
    *(KINDS / "poster" / f"{name}.py" for name in ("page", "pen", "blocks", "grid", "tables")),
    ROOT / "print" / "codeblock.py",
    ROOT / "print" / "palette.py",
]


def test_no_kind_draws_a_code_or_looks_up_a_colour_itself():
    for path in sorted(KINDS.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for copy in ("qr.encode", "qr.draw", "qr.module_size", "HexColor", "colours["):
            assert copy not in source, f"{path.relative_to(ROOT)} uses {copy}"
    for name in ("deck/faces.py", "worksheet/pages.py", "poster/page.py"):
        assert "CodeBlock(" in (KINDS / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("path", PAINTERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_painters_are_small_named_blocks(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        length = node.end_lineno - node.lineno + 1 if hasattr(node, "end_lineno") else 0
        if isinstance(node, ast.FunctionDef):
            assert length <= 40, f"{node.name} is {length} lines"
        if isinstance(node, ast.ClassDef):
            assert length <= 160, f"class {node.name} is {length} lines"
