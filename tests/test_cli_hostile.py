"""Findings of a hostile look at the command line (issue 15) that need more than a
bad-input folder (tests/fixtures/bad) or a bounded child process (test_hostile.py): what
is drawn, what is left on disk, how often a warning is said and how much work a refusal
takes. Each failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from generator.errors import Problems
from generator.kit.project import Project
from generator.kit.styles import Box, TextStyle
from generator.kit.units import MM
from generator.print import overflow, qr, text
from generator.print.codeblock import CodeBlock, CodeChecks
from generator.print.fonts import register
from tests.conftest import run, use_form_url
from tests.pdfcheck import page_text, render, squeeze


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


# --- QR codes ------------------------------------------------------------------------------
def test_a_url_that_fits_only_at_level_m_is_encoded():
    """Non-ASCII text (not planned ahead) long enough to pass level H's capacity used to
    raise 'Input too long for ECC level H' while level M holds it."""
    code = qr.encode("https://forms.example.org/a?x=" + "é" * 1500)
    assert code.level == "M"


def test_a_link_no_qr_code_holds_is_reported_not_raised():
    problems = Problems()
    block = CodeBlock("qr", None, problems, CodeChecks(0.4 * MM, None, None))
    canvas = Canvas(None)
    assert block.code(canvas, "https://example.org/?" + "x" * 3000, 0, 0, 30 * MM) == 0.0
    (problem,) = problems.found
    assert "is 3,021 bytes; a QR code holds at most 2,331" in problem.message


# --- text prints literally ---------------------------------------------------------------
def test_a_deck_title_with_placeholders_prints_as_written(kit):
    """The footer's template ({deck_title}) used to be filled in name by name, so a title
    saying '{source}' got the source: every card's footer then overflowed."""
    path = kit / "content" / "elementen.yaml"
    written = path.read_text(encoding="utf-8")
    title = 'title: "Schakels {source} {team}"\n'
    path.write_text(written.replace("title: De Sterkste Schakels\n", title, 1), "utf-8")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    printed = page_text(kit / "output" / "open" / "elementen.pdf", 2)  # the question cards
    assert "Schakels {source} {team}" in printed
    assert squeeze("Factsheet De Sterkste") not in squeeze(printed)


# --- a failed build leaves nothing ---------------------------------------------------------
def _overflowing(kit: Path) -> None:
    def change(data):
        factor = next(card for card in data["cards"] if card["id"] == "factor-1")
        factor["questions"] = ["Is dit een heel lange vraag? " * 40]

    _edit(kit / "content" / "succesfactoren.yaml", change)


def test_a_failed_build_leaves_no_folder_it_made(kit):
    _overflowing(kit)
    result = run(["build", "--out", "new/deep/path"], kit)
    assert result.exit_code == 1, result.output
    assert "text is about" in result.output
    assert not (kit / "new").exists()


def test_text_that_does_not_fit_is_said_at_its_line(kit):
    """Overflow (like a missing glyph) names the content file, line and key of the text,
    then the deck, card and box it does not fit."""
    _overflowing(kit)
    result = run(["deck", "succesfactoren"], kit)
    assert result.exit_code == 1, result.output
    assert re.search(
        r"  content/succesfactoren\.yaml:\d+ cards\[\d+\]\.questions\[0\]: succesfactoren: "
        r"card 'factor-1', box 'body': text is about \d+ line",
        result.output,
    ), result.output


def test_a_failed_build_keeps_the_folders_that_were_there(kit):
    _overflowing(kit)
    (kit / "new").mkdir()
    (kit / "new" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run(["build", "--out", "new/deep/path"], kit).exit_code == 1
    assert [p.name for p in (kit / "new").iterdir()] == ["notes.txt"]


# --- cut-off text stays in its box --------------------------------------------------------
def _ink_box(path: Path, dpi: int) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in mm of everything dark on the first page."""
    image = render(path, 0, dpi).convert("L").point(lambda v: 255 if v < 128 else 0)
    left, top, right, bottom = image.getbbox()
    mm = dpi / 25.4
    return left / mm, top / mm, right / mm, bottom / mm


@pytest.mark.parametrize(
    "words",
    [
        "Samenwerkingsovereenkomst" * 16,  # one word of 400 letters
        "Kort begin. " + "x" * 400 + " en meer",
        "Een vraag met heel veel woorden erin. " * 30,  # many words: cut after a word
    ],
    ids=["one-word", "word-among-words", "many-words"],
)
def test_text_cut_off_leaves_no_ink_outside_its_box(kit, tmp_path, words):
    """--allow-overflow with a 400-letter word used to draw it whole, 4.5 mm past its box
    to the card's edge: the cut never clipped."""
    fonts = register(Project(kit / "workshop.yaml").brand("neutraal"))
    style = TextStyle("regular", 9.0, 7.0, 1.2, "text", "left")
    box = Box("body", 0, 0, 40 * MM, 15 * MM, "body")
    blocks = [text.Block(words, "•")]
    assert not text.fit(blocks, style, black, fonts, box.width, box.height, "nl_NL").fits
    fitted = overflow.cut(blocks, style, black, fonts, box, "nl_NL")
    pdf = tmp_path / "cut.pdf"
    canvas = Canvas(str(pdf), pagesize=(100 * MM, 60 * MM))
    x, y = 30 * MM, 20 * MM  # the box: 30 to 70 mm from the left, 25 to 40 mm from the top
    text.draw(canvas, fitted, x, y, box.width, box.height, "top")
    canvas.save()
    left, top, right, bottom = _ink_box(pdf, 600)
    pixel = 25.4 / 600
    assert left >= 30 - pixel and right <= 70 + pixel, (left, right)
    assert top >= 25 - pixel and bottom <= 40 + pixel, (top, bottom)
    assert right > 60  # the box is used, not left empty
    assert "…" in page_text(pdf, 0)


# --- warnings once --------------------------------------------------------------------------
def test_worksheet_warnings_are_said_once(kit):
    """The booklet (werkbladen.pdf) draws every worksheet again; its warnings used to be
    printed a second time."""
    (kit / "layouts" / "worksheet-big-code.yaml").write_text(
        "extends: worksheet-a4\nqr: {size: 70mm, min_module: 0.3mm}\n", encoding="utf-8"
    )
    use_form_url(kit, "https://forms.example.org/werkbladen/" + "a" * 90 + "?card={card}")
    _edit(
        kit / "workshop.yaml",
        lambda data: data.update(
            materials=[
                {"worksheet": "fase-1", "layout": "worksheet-big-code"},
                {"worksheet": "fase-2", "layout": "worksheet-big-code"},
            ]
        ),
    )
    result = run(["build"], kit)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len([w for w in said if w.startswith("warning: fase-1: links such as")]) == 1, said
    assert len(said) == len(set(said)) == 2, said


# --- a refusal is quick -------------------------------------------------------------------
@pytest.mark.parametrize("items", [100, 200])
def test_a_poster_of_many_tips_is_refused_with_little_work(kit, monkeypatch, items):
    """200 tips used to be tried at every number of columns, each try fitting every
    cell: 40,000 fits, 42 to 56 s before the refusal. The search now probes the longest
    cell first and stops at the first that does not fit."""
    from generator.kinds.poster import grid

    def change(data):
        data["items"] = [dict(data["items"][i % 8]) for i in range(items)]

    _edit(kit / "content" / "tips.yaml", change)
    fitted = []
    title = grid.Grid._title
    monkeypatch.setattr(grid.Grid, "_title", lambda self, *a: fitted.append(1) or title(self, *a))
    result = run(["poster", "tips", "--size", "A3"], kit)
    assert result.exit_code == 1, result.output
    assert re.search(r"tips: item \d+ \('[^']+'\): text does not fit", result.output)
    assert "more" in result.output.splitlines()[-1]  # the rest of the items counted
    assert len(fitted) <= 4 * items, len(fitted)  # linear: was items squared


# --- what the terminal is given -------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["deck", "elementen\x1b[2J"],
        ["deck", "elementen", "--layout", "card\u202e-x"],
        ["deck", "elementen", "--session", "a\x1b]0;titel\x07"],
        ["build", "--answers-url", "http://a\x1b[2J.org"],
    ],
    ids=["name", "layout", "session", "answers-url"],
)
def test_a_command_line_value_is_shown_escaped(kit, args):
    """A name or code given on the command line is quoted in the refusal: its escape
    sequence used to reach the terminal as it was."""
    result = run(args, kit)
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output, result.output
    assert "\\x1b" in result.output or "\\u202e" in result.output, result.output
