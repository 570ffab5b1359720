"""`workshop build --brand`: the whole kit in several brands in one run, one output folder
each, in parallel processes; a broken brand is reported and stops no other."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from generator.cli.brand_build import BrandRun, Worker, _on_signal, build_brand
from generator.cli.brands import BatchInterrupted, failure, summary
from generator.errors import Terminated
from tests.conftest import run
from tests.pdfcheck import open_pdf

COLOURS = {"a": (0x8B, 0x1A, 0x1A), "b": (0x1A, 0x5C, 0x2E), "neutraal": (0x1F, 0x5A, 0x7A)}
MISSING = "assets/broken/fonts/Missing-Bold.ttf"


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02X}" for c in rgb)


@pytest.fixture
def branded(kit) -> Path:
    """The kit with brands a and b (their own primary colour and name) and a brand whose
    bold font file is missing, beside the neutraal one."""
    neutraal = kit / "assets" / "neutraal"
    for name in ("a", "b", "broken"):
        shutil.copytree(neutraal, kit / "assets" / name)
        path = kit / "assets" / name / "brand.yaml"
        text = path.read_text(encoding="utf-8").replace(
            '"#1F5A7A"', f'"{hex_colour(COLOURS.get(name, (0, 0, 0)))}"'
        )
        text = text.replace("Samenwerken in de wijk", f"Gemeente {name.upper()}")
        path.write_text(text, encoding="utf-8")
        # a logo in the brand's own colour (the kit's has the neutraal blue and green)
        colour = hex_colour(COLOURS.get(name, (0, 0, 0)))
        (kit / "assets" / name / "logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">'
            f'<rect x="10" y="10" width="280" height="100" rx="50" fill="{colour}"/></svg>',
            encoding="utf-8",
        )
    path = kit / "assets" / "broken" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("package:font_lato/files/Lato-Bold.ttf", "fonts/Missing-Bold.ttf"),
        encoding="utf-8",
    )
    return kit


def colours_on(pdf: Path, index: int) -> set[tuple[int, int, int]]:
    image = open_pdf(pdf)[index].render(scale=20 / 72).to_pil().convert("RGB")
    return {colour for _, colour in image.getcolors(image.width * image.height)}


def assert_complete_kit(folder: Path, brand: str) -> None:
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 17, [p.name for p in pdfs]
    assert sum(len(open_pdf(p)) for p in pdfs) == 69
    assert not list(folder.glob(".*")), "a temporary file was left"
    # the deck's backs and the poster are filled with the brand's primary colour
    others = {c for name, c in COLOURS.items() if name != brand}
    for pdf, page in ((folder / "elementen.pdf", 1), (folder / "poster-elementen-a2.pdf", 0)):
        found = colours_on(pdf, page)
        assert COLOURS[brand] in found, f"{pdf.name}: no {hex_colour(COLOURS[brand])}"
        assert not others & found, pdf.name


def assert_broken_reported(result) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "error: broken: 1 problem in the input:\n  assets/broken/brand.yaml:" in result.output
    assert f"font file not found: {MISSING}" in result.output
    assert "Error: 1 of " in result.output and "brands failed (broken)" in result.output


@pytest.mark.slow
def test_three_brands_one_broken_give_two_kits_and_one_reported_failure(branded):
    result = run(["build", "--brand", "a", "--brand", "b", "--brand", "broken"], branded)
    assert_broken_reported(result)
    for brand in ("a", "b"):
        assert_complete_kit(branded / "output" / brand / "open", brand)
        assert f"{brand}: 17 files, 69 pages (" in result.output
    assert sorted(p.name for p in (branded / "output").iterdir()) == ["a", "b"]
    rows = [
        line.split()
        for line in result.output.splitlines()
        if line.startswith(("a ", "b ", "broken "))
    ]
    assert [row[:5] for row in rows] == [
        ["a", "17", "69", "0", "0"],
        ["b", "17", "69", "0", "0"],
        ["broken", "0", "0", "0", "1"],
    ]
    assert "brand   files  pages  warnings  errors   time" in result.output


@pytest.mark.slow
def test_brand_all_builds_every_brand_of_the_kit(branded):
    result = run(["build", "--brand", "all"], branded)
    assert_broken_reported(result)
    assert "1 of 4 brands failed (broken); 3 built" in result.output
    for brand in ("a", "b", "neutraal"):
        assert_complete_kit(branded / "output" / brand / "open", brand)
    assert not (branded / "output" / "open").exists(), "without --brand's folder"


def test_a_brand_that_breaks_leaves_its_earlier_output_as_it_was(branded):
    result = run(["build", "--brand", "a"], branded)
    assert result.exit_code == 0, result.output
    folder = branded / "output" / "a" / "open"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    path = branded / "assets" / "a" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Lato-Italic.ttf", "Lato-Gone.ttf"), encoding="utf-8")
    result = run(["build", "--brand", "a"], branded)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "1 of 1 brands failed (a); nothing was written" in result.output
    assert "fonts.italic: package 'font-lato' has no font 'files/Lato-Gone.ttf'" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_unknown_brand_is_one_clear_error_and_nothing_is_built(branded):
    result = run(["build", "--brand", "a", "--brand", "nope"], branded)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        "Invalid value for --brand: no brand 'nope' in this kit "
        "(brands: a, b, broken, neutraal, or all; a brand is a folder assets/<name>/ "
        "with a brand.yaml)"
    ) in result.output
    assert not (branded / "output").exists()


def test_a_hostile_brand_name_is_shown_escaped(branded):
    result = run(["build", "--brand", "x\x1b[2Jy"], branded)
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "no brand 'x\\x1b[2Jy'" in result.output


def test_the_summary_aligns_its_columns_and_the_batch_fails_when_a_brand_did():
    runs = [
        BrandRun("gemeente-voorbeeld", 17, 69, ("w",), 0, "", 12.34),
        BrandRun("x", 0, 0, (), 3, "3 problems in the input", 0.2),
    ]
    assert summary(runs) == [
        "brand               files  pages  warnings  errors    time",
        "gemeente-voorbeeld     17     69         1       0  12.3 s",
        "x                       0      0         0       3   0.2 s",
    ]
    assert (
        failure(runs).format_message()
        == "1 of 2 brands failed (x); 1 built, each in its own folder"
    )
    assert failure(runs[:1]) is None


def test_a_signal_stops_a_workers_build_and_every_later_one(monkeypatch, tmp_path):
    """In a worker: Ctrl-C or SIGTERM while idle builds nothing more; during a build it
    raises there, so that the build's batch is discarded (output.batch)."""
    monkeypatch.setattr(Worker, "stopped", False)
    monkeypatch.setattr(Worker, "building", True)
    with pytest.raises(Terminated):
        _on_signal(signal.SIGTERM, None)
    with pytest.raises(KeyboardInterrupt):
        _on_signal(signal.SIGINT, None)
    monkeypatch.setattr(Worker, "building", False)
    _on_signal(signal.SIGINT, None)  # idle: no exception, nothing printed
    assert Worker.stopped
    run = build_brand(tmp_path / "workshop.yaml", "a", tmp_path / "output", {})
    assert (run.error, run.files) == ("not begun: the batch was interrupted", 0)
    assert not (tmp_path / "output").exists() and not Worker.building


def test_an_interrupted_batch_says_which_brands_were_written():
    said = BatchInterrupted(Terminated(), ["a", "b"])
    assert said.exit_code == 143
    assert said.format_message() == "interrupted; written in full: a, b; no other brand was written"
    assert BatchInterrupted(KeyboardInterrupt(), []).format_message() == (
        "interrupted; nothing was written"
    )
