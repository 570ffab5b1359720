"""Posters: their text, exact paper sizes, codes that scan from a distance, tiles that
cover the poster with the declared overlap, and the results poster's order."""

from __future__ import annotations

import itertools
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image, ImageChops, ImageFilter

from generator.answers.links import Target, load_secret
from generator.answers.model import Submission
from generator.kinds import poster as posters
from generator.kinds.codes import NO_TEAM, OVERVIEW
from generator.kinds.deck.results import rank
from generator.kinds.kind import Options
from generator.kinds.poster import tiles
from generator.kit.kitfile import Material
from generator.kit.project import Project
from generator.kit.units import MM, paper_size
from generator.print import qr
from generator.server.targets import served_links
from tests.conftest import ANSWERS_URL, resolve, run, use_form_url
from tests.pdfcheck import open_pdf, page_text, render, squeeze

FIXTURES = Path(__file__).parent / "fixtures" / "posters"
EXTRA = ("lagen", "tips", "studie", "fasen")
DECKS = ("elementen", "vijf-vs", "succesfactoren")


def add_posters(kit: Path) -> None:
    """The fixture content (table 1, tips, study, phases) in the kit, each as a poster."""
    for name in EXTRA:
        shutil.copy(FIXTURES / f"{name}.yaml", kit / "content" / f"{name}.yaml")
    path = kit / "workshop.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [m for m in data["materials"] if "poster" not in m]  # the kit's own, replaced
    data["materials"] = kept + [{"poster": name, "layout": "poster"} for name in DECKS + EXTRA]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def text_of(path: Path) -> str:
    return squeeze(page_text(path, 0))


@pytest.mark.slow
def test_every_poster_shows_its_content(kit):
    add_posters(kit)
    result = run(["build"], kit)
    assert result.exit_code == 0, result.output
    out = kit / "output" / "open"
    for deck in ("elementen", "vijf-vs", "succesfactoren"):
        assert (out / f"{deck}.pdf").is_file()  # the deck keeps its name beside its poster
        cards = yaml.safe_load((kit / "content" / f"{deck}.yaml").read_text(encoding="utf-8"))
        shown = text_of(out / f"poster-{deck}-a2.pdf")
        for card in cards["cards"]:
            if card.get("kind", "question") == "question":
                assert squeeze(card["title"]) in shown, card["title"]
                if deck == "elementen":  # the short prompt: the card's first question
                    assert squeeze(card["questions"][0]) in shown
    factors = text_of(out / "poster-succesfactoren-a2.pdf")
    for word in ("Ja", "Twijfel", "Nee"):
        assert word in factors
    lagen = text_of(out / "poster-lagen-a2.pdf")
    for fragment in ("Bestuur", "Management", "Professionals", "Verkennen", "Evaluerenenbijsturen"):
        assert fragment in lagen
    studie = text_of(out / "poster-studie-a2.pdf")
    for fragment in ("126", "geïnterviewdepersonen", "Conclusies", "Samenwerkenisnooitaf."):
        assert fragment in studie
    assert "Betrekouders" in text_of(out / "poster-tips-a2.pdf")
    assert "Netwerkbijeenkomsten" in text_of(out / "poster-fasen-a2.pdf")


@pytest.mark.parametrize("size", ["A3", "A2", "A1", "A0"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_page_size_is_exact(kit, size, orientation):
    add_posters(kit)
    result = run(["poster", "elementen", "--size", size, "--orientation", orientation], kit)
    assert result.exit_code == 0, result.output
    suffix = "-landscape" if orientation == "landscape" else ""
    page = open_pdf(kit / "output" / "open" / f"poster-elementen-{size.lower()}{suffix}.pdf")[0]
    want = paper_size(size, orientation)
    assert abs(page.get_width() - want[0]) / MM < 0.1
    assert abs(page.get_height() - want[1]) / MM < 0.1


@pytest.mark.parametrize("size", ["A3", "A1"])
def test_the_code_scans_and_its_modules_are_at_least_1_mm(kit, size):
    add_posters(kit)
    result = run(["poster", "lagen", "--size", size], kit)
    assert result.exit_code == 0, result.output
    dpi = 100
    image = render(kit / "output" / "open" / f"poster-lagen-{size.lower()}.pdf", 0, dpi)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    assert found[0].text.startswith("HTTP://192.168.1.20:8000/K/")
    position = found[0].position
    side = abs(position.top_right.x - position.top_left.x)
    modules = qr.encode(found[0].text).size
    assert side / modules / dpi * 25.4 >= 1.0
    # the link beside it, for people to type, at 14pt or more on A3: host, then path
    text = page_text(kit / "output" / "open" / f"poster-lagen-{size.lower()}.pdf", 0)
    assert "192.168.1.20:8000\r\n/k/" in text


@pytest.mark.slow
def test_every_poster_carries_one_code_to_its_overview(kit):
    """Built for the answer server, each poster of the kit has one code, a short link the
    server resolves to the poster's overview (no team yet), with modules of 1 mm or more."""
    result = run(["build", "--answers-url", ANSWERS_URL], kit)  # the kit has teams: 1
    assert result.exit_code == 0, result.output
    links = served_links(Project(kit / "workshop.yaml"), ["open"], 1, load_secret(kit))
    names = [m.name for m in Project(kit / "workshop.yaml").kit().materials if m.kind == "poster"]
    assert len(names) == 7
    dpi = 100
    for name in names:
        pdf = kit / "output" / "open" / f"poster-{name}-a2.pdf"
        found = zxingcpp.read_barcodes(render(pdf, 0, dpi), formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1, name
        assert resolve(links, found[0].text) == Target("open", name, OVERVIEW, NO_TEAM)
        position = found[0].position
        side = abs(position.top_right.x - position.top_left.x)
        assert side / qr.encode(found[0].text).size / dpi * 25.4 >= 1.0, name
        code = found[0].text.rsplit("/", 1)[-1]
        assert f"/k/{code[:4]}-{code[4:]}" in page_text(pdf, 0), name


def test_without_an_answer_server_only_table_1_carries_a_code(kit):
    """A form_url kit has no overview: table 1 leads to its worksheet's form, the rest
    carry no code (see materials/poster.py)."""
    use_form_url(kit, "https://f.nl/{deck}/{card}/{team}/{session}")  # fits beside the code
    for name, codes in (("lagen", 1), ("elementen", 0), ("tips", 0)):
        assert run(["poster", name], kit).exit_code == 0
        image = render(kit / "output" / "open" / f"poster-{name}-a2.pdf", 0, 80)
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == codes, name
        if codes:
            assert found[0].text == "https://f.nl/lagen/lagen/1/open"


def _plan(kit: Path, name: str, size: str, tile: str):
    project = Project.find(str(kit / "workshop.yaml"))
    own = posters.PosterOptions(size=size, tile=tile)
    options = Options(1, 0, "open", None, answers_url="http://192.168.1.20:8000", own=own)
    from generator.cli.build import with_secret

    options = with_secret(project, options, write=False)
    return posters.tile_plan(project, Material("poster", name, "poster"), options)


@pytest.mark.parametrize(
    ("name", "size", "tile"), [("elementen", "A1", "A4"), ("lagen", "A0", "A3")]
)
def test_tiles_cover_the_poster_with_exactly_the_overlap(kit, name, size, tile):
    add_posters(kit)
    plan, boxes, cut, _ = _plan(kit, name, size, tile)
    width, height = paper_size(size)
    assert plan.rows * plan.columns == len(plan.tiles) > 1
    columns = sorted({(t.window.x, t.window.width) for t in plan.tiles})
    rows = sorted({(t.window.y, t.window.height) for t in plan.tiles})
    assert len(columns) == plan.columns and len(rows) == plan.rows
    for spans, length in ((columns, width), (rows, height)):
        assert spans[0][0] == 0 and abs(sum(spans[-1]) - length) < 0.01
        for (start, size_), (following, _) in itertools.pairwise(spans):
            assert abs(start + size_ - following - 10 * MM) < 0.01  # exactly the overlap
    assert boxes and len(cut) < len(boxes)  # the seams step around some lines
    edge = 5 * MM
    for t in plan.tiles:
        frame = plan.frame(t)
        assert frame.width <= plan.window.width + 0.01 and frame.x >= edge
        assert frame.y + frame.height <= plan.sheet[1] - edge + 0.01
        for x, y in tiles.crosses(plan, t):  # in the margin, never on the window
            inside_x = t.window.x < x < t.window.x + t.window.width
            inside_y = t.window.y < y < t.window.y + t.window.height
            assert not (inside_x and inside_y)
            assert min(abs(x - v) for v in (t.window.x, t.window.x + t.window.width)) > (
                tiles.CROSS / 2
            ) or min(abs(y - v) for v in (t.window.y, t.window.y + t.window.height)) > (
                tiles.CROSS / 2
            )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["elementen", "lagen"])
def test_the_tiles_reassemble_into_the_poster(kit, name):
    """The rendered sheets, each window cut out and laid at its place, give the whole
    poster; on every seam the two sheets show the same 10 mm; outside the window a sheet
    carries only white, the crosses and the label."""
    add_posters(kit)
    for tiled in (False, True):
        result = run(["poster", name, "--size", "A1"] + (["--tile", "A4"] if tiled else []), kit)
        assert result.exit_code == 0, result.output
    out = kit / "output" / "open"
    sheets, whole_pdf = out / f"poster-{name}-a1-tiles-a4.pdf", out / f"poster-{name}-a1.pdf"
    for pdf in (sheets, whole_pdf):
        assert b"/Duplex /Simplex" in pdf.read_bytes()
    plan, *_ = _plan(kit, name, "A1", "A4")
    assert len(open_pdf(sheets)) == len(plan.tiles)
    dpi = 72  # a point a pixel: windows start on whole millimetres, nearly whole pixels
    poster_h = paper_size("A1")[1]
    whole = render(whole_pdf, 0, dpi).convert("L")
    assembled = Image.new("L", whole.size, 128)
    cut = {}
    for index, t in enumerate(plan.tiles):
        text = page_text(sheets, index)
        assert f"rij {t.row} van {plan.rows}, kolom {t.column} van {plan.columns}" in text
        page = render(sheets, index, dpi).convert("L")
        frame = plan.frame(t)
        shown = page.crop(
            _box(frame.x, plan.sheet[1] - frame.y - frame.height, frame.width, frame.height, 1)
        )
        cut[(t.row, t.column)] = shown
        place = _box(t.window.x, poster_h - t.window.y - t.window.height, 0, 0, 1)[:2]
        assembled.paste(shown, place)
        # the window shows nothing but the poster: no cross, no label
        expected = whole.crop((*place, place[0] + shown.width, place[1] + shown.height))
        # a window starts up to half a pixel off the whole page's grid at 72 dpi: large
        # bold text then differs on its edges, up to about 0.3 % of a window
        assert _differing(shown, expected) < 0.004, t
    # the sheets together give the whole poster
    assert _differing(assembled, whole) < 0.002
    # every seam: the strip the right (lower) sheet begins with is the one the left
    # (upper) sheet ends with, exactly 10 mm (28 px at 72 dpi) wide
    strip = round(10 * MM)
    for (r, c), shown in cut.items():
        if (r, c + 1) in cut:
            left, right = shown, cut[(r, c + 1)]
            a = left.crop((left.width - strip, 0, left.width, left.height))
            b = right.crop((0, 0, strip, right.height))
            assert _differing(a, b) < 0.002, (r, c)
        if (r + 1, c) in cut:
            upper, lower = shown, cut[(r + 1, c)]
            a = upper.crop((0, upper.height - strip, upper.width, upper.height))
            b = lower.crop((0, 0, lower.width, strip))
            assert _differing(a, b) < 0.002, (r, c)


def _differing(shown, expected) -> float:
    """The share of pixels that differ visibly (a window need not start on a whole
    pixel: compared a little blurred)."""
    size = (min(shown.width, expected.width), min(shown.height, expected.height))
    shown, expected = shown.crop((0, 0, *size)), expected.crop((0, 0, *size))
    shown, expected = (i.filter(ImageFilter.BoxBlur(1)) for i in (shown, expected))
    delta = ImageChops.difference(shown, expected).point(lambda v: 255 if v > 80 else 0)
    return delta.histogram()[255] / (size[0] * size[1])


def _box(x, y, width, height, scale):
    return (
        round(x * scale),
        round(y * scale),
        round((x + width) * scale),
        round((y + height) * scale),
    )


def test_text_that_does_not_fit_is_an_error(kit):
    add_posters(kit)
    path = kit / "content" / "tips.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][0]["text"] = ["Een heel lange tip die nergens past. " * 50]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["poster", "tips", "--size", "A3"], kit)
    assert result.exit_code == 1
    assert "tips: item 1 ('Investeer in elkaar kennen'): text does not fit" in result.output
    assert not list((kit / "output").rglob("*.pdf")) if (kit / "output").exists() else True


def test_the_results_poster_ranks_by_red_then_orange(kit, tmp_path):
    add_posters(kit)
    project = Project.find(str(kit / "workshop.yaml"))
    deck = project.material("deck", "succesfactoren")
    when = datetime(2026, 11, 23, tzinfo=UTC)
    votes = {  # factor -> the votes of teams 1, 2, 3
        "factor-5": ("nee", "nee", "ja"),
        "factor-2": ("nee", "twijfel", "twijfel"),
        "factor-9": ("twijfel", "ja", "ja"),
    }
    submissions = [
        Submission("s1", "succesfactoren", card, team, 1, when, (("vote", vote),))
        for card, given in votes.items()
        for team, vote in enumerate(given, 1)
    ]
    rows = rank(deck, submissions)
    options = Options(1, 0, "s1", None, own=posters.PosterOptions(size="A3"))
    target = tmp_path / "ranking.pdf"
    built = posters.build_results_poster(project, deck, rows, [1, 2, 3], "s1", options, target)
    assert built.pages == 1
    text = squeeze(page_text(target, 0))
    titles = [squeeze(card.title) for card in deck.cards if card.id in votes]
    order = sorted(titles, key=text.index)
    assert order == ["Elkaarkennen", "Durfenpioniersgeest", "Werkwijze"]


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("name", ["tips", "fasen", "elementen", "succesfactoren"])
def test_the_kits_grid_posters_print_at_a3_in_both_orientations(kit, name, orientation):
    """The real content: where the layout's columns leave text too small, the grid takes
    the nearest number of columns at which it fits."""
    result = run(["poster", name, "--size", "A3", "--orientation", orientation], kit)
    assert result.exit_code == 0, result.output
    suffix = "" if orientation == "portrait" else "-landscape"
    assert (kit / "output" / "open" / f"poster-{name}-a3{suffix}.pdf").is_file()


@pytest.mark.parametrize(("size", "orientation"), [("A3", "portrait"), ("A2", "landscape")])
def test_the_legend_explains_every_answer_in_the_decks_words(kit, size, orientation):
    """Not only Ja: each of the three answers is printed with its word and what it means
    (the deck's response text), never dropped for want of room."""
    result = run(["poster", "succesfactoren", "--size", size, "--orientation", orientation], kit)
    assert result.exit_code == 0, result.output
    suffix = "" if orientation == "portrait" else "-landscape"
    shown = text_of(kit / "output" / "open" / f"poster-succesfactoren-{size.lower()}{suffix}.pdf")
    deck = yaml.safe_load((kit / "content" / "succesfactoren.yaml").read_text(encoding="utf-8"))
    assert len(deck["responses"]) == 3
    for response in deck["responses"]:
        assert response["text"], response["id"]
        assert squeeze(f"{response['word']} {response['text']}") in shown, response["id"]


def test_the_results_poster_names_each_teams_column(kit, tmp_path):
    project = Project.find(str(kit / "workshop.yaml"))
    deck = project.material("deck", "succesfactoren")
    when = datetime(2026, 11, 23, tzinfo=UTC)
    submissions = [
        Submission("s1", "succesfactoren", "factor-3", team, 1, when, (("vote", vote),))
        for team, vote in ((1, "ja"), (2, "nee"), (4, "twijfel"))
    ]
    rows = rank(deck, submissions)
    options = Options(1, 0, "s1", None, own=posters.PosterOptions(size="A3"))
    target = tmp_path / "ranking.pdf"
    posters.build_results_poster(project, deck, rows, [1, 2, 4], "s1", options, target)
    lines = page_text(target, 0).splitlines()
    assert lines.count("Team") == 3, lines
    for team in ("1", "2", "4"):
        assert team in lines  # each column's number under the word
    shown = squeeze(page_text(target, 0))
    for response in deck.responses:  # and its legend explains every answer
        assert squeeze(f"{response.word} {response.text}") in shown


def _paths(pdf: Path) -> int:
    """The vector paths drawn on the first page (the poster is a form: looked into)."""
    import pypdfium2.raw as raw

    page = open_pdf(pdf)[0]
    return sum(1 for o in page.get_objects(max_depth=5) if o.type == raw.FPDF_PAGEOBJ_PATH)


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_phases_are_drawn_as_a_cycle(kit, orientation):
    """The kit's phases (`shape: cycle`): the four in order 1 to 4, an arrow from each to
    the next and one from 4 back to 1 (four arrows, each a line and a head more than the
    same poster as a grid), the closing line as the loop's label, the code in the footer
    scanning, and nothing cut off."""
    suffix = "" if orientation == "portrait" else "-landscape"
    pdf = kit / "output" / "open" / f"poster-fasen-a2{suffix}.pdf"
    result = run(["poster", "fasen", "--orientation", orientation], kit)
    assert result.exit_code == 0, result.output
    content = yaml.safe_load((kit / "content" / "fasen.yaml").read_text(encoding="utf-8"))
    assert content["shape"] == "cycle"
    shown = text_of(pdf)
    titles = [squeeze(item["title"]) for item in content["items"]]
    assert all(title in shown for title in titles)
    assert sorted(titles, key=shown.index) == titles  # read in order, 1 to 4
    assert squeeze(content["message"]) in shown
    assert "…" not in shown
    for part in ("1aExterneanalyse", "1bInterneanalyse", "2aNetwerkanalyse"):
        assert part in shown
    found = zxingcpp.read_barcodes(render(pdf, 0, 100), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    cycle = _paths(pdf)
    path = kit / "content" / "fasen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("shape: cycle", "shape: grid"))
    result = run(["poster", "fasen", "--orientation", orientation], kit)
    assert result.exit_code == 0, result.output
    assert cycle - _paths(pdf) == 2 * 4


def test_a_table_cell_too_narrow_for_its_word_is_said_not_clipped(kit):
    """A word no size and no break fits in its cell of table 1: the build says so (it was
    drawn clipped at the cell's side, the poster written without a word)."""
    path = kit / "content" / "lagen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Enthousiasmeren en vertrouwen.", "X" * 60, 1), encoding="utf-8")
    result = run(["poster", "lagen"], kit)
    assert result.exit_code == 1, result.output
    assert "table cell Bestuur" in result.output and "does not fit" in result.output
    assert not (kit / "output" / "open" / "poster-lagen-a2.pdf").exists()
