"""Golden output of the default build: the text of every page (tests/golden/<file>.txt)
and a low-resolution picture of every page (tests/golden/<file>/page-NN.png), so that a
change of content or layout shows in review. After an intended change, regenerate:

    pytest tests/test_golden.py --update-goldens

and look at the changed pictures before committing them (tests/golden/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdfcheck import open_pdf
from tests.pictures import UPDATE_COMMAND, compare, load_pages, render, save_pages

GOLDEN = Path(__file__).parent / "golden"
DECKS = ["elementen", "vijf-vs", "succesfactoren"]
WORKSHEETS = ["fase-1", "fase-2", "fase-3", "fase-4", "aspecten", "lagen", "werkbladen"]
POSTERS = [f"poster-{name}-a2" for name in ("elementen", "vijf-vs", "fasen", "lagen")] + [
    f"poster-{name}-a2" for name in ("succesfactoren", "tips", "studie")
]
NAMES = DECKS + WORKSHEETS + POSTERS


def page_texts(path: Path) -> str:
    pages = []
    for number, page in enumerate(open_pdf(path), start=1):
        text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-")
        pages.append(f"=== page {number}\n{text.strip()}\n")
    return "\n".join(pages)


@pytest.mark.parametrize("name", NAMES)
def test_page_text_matches_golden(default_build, update_goldens, name):
    actual = page_texts(default_build / f"{name}.pdf")
    golden = GOLDEN / f"{name}.txt"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file; run {UPDATE_COMMAND}"
    assert actual == golden.read_text(encoding="utf-8"), f"regenerate with {UPDATE_COMMAND}"


@pytest.mark.parametrize("name", NAMES)
def test_pages_look_as_the_golden_pictures(default_build, update_goldens, tmp_path_factory, name):
    actual = render(default_build / f"{name}.pdf")
    if update_goldens:
        save_pages(actual, GOLDEN / name)
    expected = load_pages(GOLDEN / name)
    out = tmp_path_factory.getbasetemp() / "golden-actual"
    problems = compare(name, expected, actual, out)
    assert not problems, (
        "the pages differ from tests/golden/:\n"
        + "\n".join(problems)
        + f"\nIf the change is intended, regenerate with `{UPDATE_COMMAND}`, look at the "
        "changed pictures and commit them."
    )


def test_the_golden_files_cover_the_whole_default_build(default_build):
    # last in the file: with --update-goldens the tests above have written them
    built = sorted(p.stem for p in default_build.glob("*.pdf"))
    assert built == sorted(NAMES)
    pictures = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
    assert pictures == sorted(NAMES), f"a PDF without golden pictures: run {UPDATE_COMMAND}"
