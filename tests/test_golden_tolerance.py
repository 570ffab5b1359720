"""The golden pictures' tolerance is right: renders of one build never differ, and a
heading moved by 2 mm, a changed colour or one changed word fails the comparison that
tests/test_golden.py makes, with a message naming the PDF and page and pictures to look
at. The changed kits are compared with a fresh render of the default build (not with
tests/golden/), so these tests hold while the goldens wait to be regenerated."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image

from generator.kinds.poster import blocks
from tests.conftest import run
from tests.pictures import MAX_CHANGED, MAX_MEAN, compare, difference, render
from tests.test_golden import page_texts

MM = 72 / 25.4


@pytest.fixture(scope="module")
def reference(default_build):
    """The pages of a PDF of the default build, each PDF rendered once."""
    renders: dict[str, list[Image.Image]] = {}

    def pages(name: str) -> list[Image.Image]:
        if name not in renders:
            renders[name] = render(default_build / f"{name}.pdf")
        return renders[name]

    return pages


def build(kit: Path, *args: str) -> Path:
    result = run([*args], kit)
    assert result.exit_code == 0, result.output
    return kit / "output" / "open"


def failures(reference, output: Path, names: list[str], out: Path) -> dict[str, list[str]]:
    """The comparison's messages per PDF, for the PDFs that differ."""
    found = {
        name: compare(name, reference(name), render(output / f"{name}.pdf"), out) for name in names
    }
    return {name: problems for name, problems in found.items() if problems}


def test_renders_of_one_build_and_of_a_second_build_are_identical(reference, default_build, kit):
    first = reference("poster-fasen-a2")
    for _ in range(3):
        again = render(default_build / "poster-fasen-a2.pdf")
        assert [page.tobytes() for page in again] == [page.tobytes() for page in first]
    output = build(kit, "build")
    for name in ("elementen", "werkbladen", "poster-fasen-a2"):
        for old, new in zip(reference(name), render(output / f"{name}.pdf"), strict=True):
            diff = difference(old, new)
            assert (diff.mean, diff.changed) == (0, 0), name


def test_one_changed_word_fails_naming_the_page_with_pictures(reference, kit, tmp_path):
    path = kit / "content" / "elementen.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("title: Vertrouwen en respect") == 1
    path.write_text(text.replace("en respect", "en begrip"), encoding="utf-8")
    output = build(kit, "deck", "elementen")
    problems = compare(
        "elementen", reference("elementen"), render(output / "elementen.pdf"), tmp_path
    )
    # the card's title is on the fronts (page 1); the backs (page 2) show the deck's title
    assert len(problems) == 1 and problems[0].startswith("elementen.pdf page 1: "), problems
    picture = tmp_path / "elementen" / "page-01-diff.png"
    assert str(picture) in problems[0]
    expected = reference("elementen")[0]
    with Image.open(picture) as sheet:
        assert sheet.width > 3 * expected.width  # expected | actual | changed
    with Image.open(tmp_path / "elementen" / "page-01.png") as actual:
        assert actual.size == expected.size


def test_a_changed_colour_fails_where_it_shows(reference, kit, tmp_path):
    brand = kit / "assets" / "neutraal" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    # a small shift of the primary colour: 16 levels of blue
    brand.write_text(text.replace('"#1F5A7A"', '"#1F5A8A"'), encoding="utf-8")
    output = build(kit, "build")
    names = ["elementen", "vijf-vs", "poster-elementen-a2", "poster-vijf-vs-a2"]
    failed = failures(reference, output, names, tmp_path)
    # the elementen deck's backs and poster are in the primary colour, vijf-vs in the secondary
    assert sorted(failed) == ["elementen", "poster-elementen-a2"], failed
    assert "mean difference" in failed["poster-elementen-a2"][0]


def test_a_poster_heading_moved_by_2_mm_fails(reference, kit, tmp_path, monkeypatch):
    header = blocks.header

    def lower_header(pen, view, x, top, width):
        # the title, subtitle and rule 2 mm lower; everything below stays where it was
        return header(pen, view, x, top - 2 * MM, width) + 2 * MM

    monkeypatch.setattr(blocks, "header", lower_header)
    output = build(kit, "poster", "elementen")
    failed = failures(reference, output, ["poster-elementen-a2"], tmp_path)
    assert list(failed) == ["poster-elementen-a2"], "a heading 2 mm lower went unseen"
    [problem] = failed["poster-elementen-a2"]
    assert problem.startswith("poster-elementen-a2.pdf page 1: mean difference "), problem


def test_a_page_size_change_names_the_pdf_and_page(reference, kit, tmp_path):
    output = build(kit, "poster", "elementen", "--size", "a3")
    actual = render(output / "poster-elementen-a3.pdf")
    problems = compare("poster-elementen-a2", reference("poster-elementen-a2"), actual, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith("poster-elementen-a2.pdf page 1: rendered 351 x 497 pixels")
    assert "the golden image is 497 x 702 (page size changed" in problems[0]


def test_a_page_count_change_names_the_pdf(reference, tmp_path):
    pages = reference("elementen")
    problems = compare("elementen", pages, pages[:-1], tmp_path)
    folder = tmp_path / "elementen"
    assert problems == [
        f"elementen.pdf: 3 pages, the golden images have 4 (rendered pages in {folder})"
    ]
    assert sorted(p.name for p in (tmp_path / "elementen").iterdir()) == [
        "page-01.png",
        "page-02.png",
        "page-03.png",
    ]


def test_faint_noise_along_edges_passes(reference, tmp_path):
    """Another pdfium build may anti-alias an edge a few levels differently: that is no
    change a reader sees, and the comparison lets it pass."""
    page = reference("poster-elementen-a2")[0]
    noisy = page.copy()
    pixels = noisy.load()
    chance = random.Random(16)
    for _ in range(noisy.width * noisy.height // 50):  # 2% of the pixels, 12 levels
        x, y = chance.randrange(noisy.width), chance.randrange(noisy.height)
        pixels[x, y] = tuple(max(0, level - 12) for level in pixels[x, y])
    diff = difference(page, noisy)
    assert diff.mean <= MAX_MEAN and diff.changed <= MAX_CHANGED
    assert compare("poster-elementen-a2", [page], [noisy], tmp_path) == []


def test_a_word_in_a_cards_small_print_is_caught_by_the_golden_text(default_build, kit):
    """At 30 dpi a word of a card's 8 pt question moves too few pixels for the pictures
    (a same-length word: about 7 pixels change by more than 24 levels); the golden text
    of the same build sees it, so together they miss no word."""
    path = kit / "content" / "elementen.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("werkrelaties tussen") == 1
    path.write_text(text.replace("werkrelaties tussen", "werkrelaties binnen"), encoding="utf-8")
    output = build(kit, "deck", "elementen")
    before, after = (
        page_texts(default_build / "elementen.pdf"),
        page_texts(output / "elementen.pdf"),
    )
    assert before != after and "werkrelaties binnen" in after.replace("\n", " ")
