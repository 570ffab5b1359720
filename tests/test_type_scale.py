"""Issue 16, items 1 and 2, read back from the PDFs: one type scale for every poster
(the same body at a paper, headings a clear step larger, intros never larger, titles
largest), a row's cells starting their text on one line, and words broken only in
running text (no heading, title or label line ending in a hyphen, no lone word on the
last line of a title or heading where the word before it could have joined it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.kit.units import parse_length
from tests.conftest import REPO, copy_kit, run
from tests.pdflines import HYPHENS, Line, lines, paragraphs

POSTERS = ("elementen", "vijf-vs", "succesfactoren", "lagen", "fasen", "tips", "studie")
PAPERS = ("A3", "A2", "A1", "A0")
ORIENTATIONS = ("portrait", "landscape")
BASE = REPO / "generator" / "builtin" / "layouts" / "poster-base.yaml"
STEP = 1.25  # a heading is at least this much larger than the body


def scale(paper: str) -> dict[str, float]:
    """The type scale of a paper as the built-in layout writes it, in points."""
    sizes = yaml.safe_load(BASE.read_text(encoding="utf-8"))["type"][paper]
    return {role: parse_length(size) for role, size in sizes.items()}


def subtitle_size(paper: str) -> float:
    """The subtitle is no role of the scale: it scales with the paper from A3."""
    raw = yaml.safe_load(BASE.read_text(encoding="utf-8"))["styles"]["subtitle"]["size"]
    short = {"A3": 297, "A2": 420, "A1": 594, "A0": 841}
    return parse_length(raw) * short[paper] / short["A3"]


def pdfs(built: Path) -> list[Path]:
    found = sorted((built / "output").rglob("*.pdf"))
    assert len(found) == 17, found  # the default build
    return found


# --- item 2: words break only in running text -----------------------------------------------
def test_no_title_heading_or_label_line_ends_in_a_hyphen(built):
    """Every bold line of every default-build PDF (titles, headings, labels, names,
    legends, table heads, key figures) ends in a whole word."""
    broken = [
        (path.name, line.text)
        for path in pdfs(built)
        for line in lines(path)
        if line.bold and line.text.rstrip().endswith(tuple(HYPHENS))
    ]
    assert not broken, broken


def lone_last_words(path: Path) -> list[tuple[str, list[str]]]:
    """Bold paragraphs of two lines or more whose last line is one word though the word
    before it would have fitted beside it (within the paragraph's widest line)."""
    found = []
    for run_ in paragraphs([line for line in lines(path) if line.bold]):
        if len(run_) < 2 or run_[-1].words != 1 or run_[-2].words < 2:
            continue
        before, last = run_[-2], run_[-1]
        word = before.text.split()[-1]
        word_w = (before.right - before.x) * len(word) / max(1, len(before.text.strip()))
        room = max(line.right for line in run_) - last.x
        if (last.right - last.x) + word_w * 1.3 < room:  # 1.3: the space, and a margin
            found.append((path.name, [line.text for line in run_]))
    return found


def test_no_lone_word_on_the_last_line_of_a_title_or_heading(built):
    found = [lone for path in pdfs(built) for lone in lone_last_words(path)]
    assert not found, found


def test_the_words_broken_on_main_are_whole(built):
    """The words the issue found broken or alone on main."""
    text = "\n".join(line.text for path in pdfs(built) for line in lines(path) if line.bold)
    for broken in ("stu-", "Overeenstem-", "Manage-", "Professio-", "Procesana-"):
        assert broken not in text.replace("\x02", "-"), broken


# --- item 1: one type scale ----------------------------------------------------------------
def poster_lines(kit: Path, name: str, paper: str, orientation: str) -> list[Line]:
    args = ["poster", name, "--size", paper, "--orientation", orientation]
    result = run(args, kit)
    assert result.exit_code == 0, result.output
    stem = f"poster-{name}-{paper.lower()}" + ("-landscape" if orientation == "landscape" else "")
    return lines(kit / "output" / "open" / f"{stem}.pdf")


def check_scale(found: dict[str, list[Line]], paper: str) -> None:
    """Every poster's running text at the scale's body, headings a step above it, the
    title the largest text of the poster."""
    sizes = scale(paper)
    body, heading = sizes["body"], sizes["heading"]
    assert heading >= STEP * body - 1e-6 and sizes["title"] == max(sizes.values())
    for name, drawn in found.items():
        subtitle = subtitle_size(paper)
        regular = {
            line.size
            for line in drawn
            if line.font.endswith("Regular") and abs(line.size - subtitle) > 0.02
        }
        # the intro, the items' text, the lists, the table's cells, legends, labels
        assert regular == {body}, (name, regular, body)
        bold = {line.size for line in drawn if line.bold}
        if name != "studie":  # the study's lists have headings, its figures none
            assert heading in bold, (name, bold)
        assert max(line.size for line in drawn) == sizes["title"], name


def test_every_poster_at_a2_portrait_is_set_in_the_scale(built):
    out = built / "output" / "open"
    found = {name: lines(out / f"poster-{name}-a2.pdf") for name in POSTERS}
    check_scale(found, "A2")


@pytest.mark.slow
@pytest.mark.parametrize("orientation", ORIENTATIONS)
@pytest.mark.parametrize("paper", PAPERS)
def test_every_poster_at_every_paper_is_set_in_the_scale(tmp_path, paper, orientation):
    kit = copy_kit(tmp_path / "kit")
    found = {name: poster_lines(kit, name, paper, orientation) for name in POSTERS}
    check_scale(found, paper)


def test_the_scale_steps_up_at_every_paper():
    bodies = [scale(paper)["body"] for paper in PAPERS]
    assert bodies == sorted(bodies) and len(set(bodies)) == 4
    for paper in PAPERS:
        sizes = scale(paper)
        assert sizes["caption"] < sizes["body"] < sizes["heading"] < sizes["figure"]
        assert sizes["heading"] >= STEP * sizes["body"]


# --- item 1: a row's text starts on one line --------------------------------------------------
def cell_starts(drawn: list[Line], sizes: dict[str, float]) -> dict[float, list[float]]:
    """The baseline of the first line of each cell's text, per column (by left edge):
    body lines under the first heading, a new cell where the step from the line above
    is more than two body sizes (a paragraph's step is 1.6)."""
    body = sizes["body"]
    top = max(line.y for line in drawn if line.bold and line.size == sizes["heading"])
    text = [line for line in drawn if line.font.endswith("Regular") and line.size == body]
    text = [line for line in text if line.y < top]
    columns: dict[float, list[Line]] = {}
    for line in sorted(text, key=lambda line: line.x):
        near = next((x for x in columns if abs(x - line.x) < 3 * body), None)
        columns.setdefault(line.x if near is None else near, []).append(line)
    starts = {}
    for x, column in columns.items():
        ys = sorted((line.y for line in column), reverse=True)
        starts[x] = [y for i, y in enumerate(ys) if i == 0 or ys[i - 1] - y > 2 * body]
    return starts


@pytest.mark.parametrize("name", ["elementen", "vijf-vs", "tips", "fasen"])
def test_the_text_of_a_row_of_cells_starts_on_one_line(built, name):
    drawn = lines(built / "output" / "open" / f"poster-{name}-a2.pdf")
    starts = cell_starts(drawn, scale("A2"))
    assert len(starts) >= 2, starts
    rows = max(len(ys) for ys in starts.values())
    for row in range(rows):
        ys = [column[row] for column in starts.values() if len(column) > row]
        assert max(ys) - min(ys) < 0.5, (name, row, ys)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["elementen", "tips"])
def test_the_text_of_a_row_starts_on_one_line_in_landscape(tmp_path, name):
    kit = copy_kit(tmp_path / "kit")
    starts = cell_starts(poster_lines(kit, name, "A3", "landscape"), scale("A3"))
    for row in range(max(len(ys) for ys in starts.values())):
        ys = [column[row] for column in starts.values() if len(column) > row]
        assert max(ys) - min(ys) < 0.5, (name, row, ys)


# --- a scale that breaks the rules is refused -------------------------------------------------
@pytest.mark.parametrize(
    "layout, said",
    [
        (
            "type:\n  A2: {heading: 22pt}\n",
            "heading 22pt; expected at least 1.25 x body (25pt)",
        ),
        ("styles:\n  body: {size: 30pt}\n", "style 'body' takes its size from the type scale"),
        ("type:\n  A2: {caption: 30pt}\n", "caption 30pt; expected smaller than body 20pt"),
        ("type:\n  A1: {figure: 120pt}\n", "figure 120pt, title 96pt; expected the title"),
    ],
    ids=["flat-heading", "own-size", "large-caption", "figure-over-title"],
)
def test_a_type_scale_against_its_rules_is_refused(kit, layout, said):
    (kit / "layouts" / "poster-eigen.yaml").write_text(
        "extends: poster\nmaterial: poster\n" + layout, encoding="utf-8"
    )
    kit_file = kit / "workshop.yaml"
    text = kit_file.read_text(encoding="utf-8")
    kit_file.write_text(
        text.replace(
            "  - poster: lagen\n    layout: poster\n",
            "  - poster: lagen\n    layout: poster-eigen\n",
        ),
        encoding="utf-8",
    )
    result = run(["poster", "lagen"], kit)
    assert result.exit_code == 1, result.output
    assert said in result.output and "poster-eigen.yaml" in result.output, result.output
    assert "Traceback" not in result.output
