"""Golden output: the text of every page of the default build, compared with
tests/golden/<file>.txt. After an intended change of content or layout, regenerate:

    WORKSHOP_REGEN_GOLDEN=1 pytest tests/test_golden.py

and review the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import copy_kit, run
from tests.pdfcheck import open_pdf

GOLDEN = Path(__file__).parent / "golden"
DECKS = ["elementen", "vijf-vs", "succesfactoren"]
WORKSHEETS = ["fase-1", "fase-2", "fase-3", "fase-4", "aspecten", "lagen", "werkbladen"]
POSTERS = [f"poster-{name}-a2" for name in ("elementen", "vijf-vs", "fasen", "lagen")] + [
    f"poster-{name}-a2" for name in ("succesfactoren", "tips", "studie")
]


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> Path:
    root = copy_kit(tmp_path_factory.mktemp("golden") / "kit")
    result = run(["build"], root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, "the default kit must build without warnings"
    return root / "output" / "open"


def page_texts(path: Path) -> str:
    pages = []
    for number, page in enumerate(open_pdf(path), start=1):
        text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-")
        pages.append(f"=== page {number}\n{text.strip()}\n")
    return "\n".join(pages)


def test_the_golden_files_cover_the_whole_default_build(default_build):
    assert sorted(p.stem for p in default_build.glob("*.pdf")) == sorted(
        DECKS + WORKSHEETS + POSTERS
    )


@pytest.mark.parametrize("name", DECKS + WORKSHEETS + POSTERS)
def test_page_text_matches_golden(default_build, name):
    actual = page_texts(default_build / f"{name}.pdf")
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("WORKSHOP_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file; run WORKSHOP_REGEN_GOLDEN=1 pytest {__file__}"
    assert actual == golden.read_text(encoding="utf-8")
