"""Worksheets as a printer, a PDF reader and a phone meet them: A4 pages, every question
in the text, one form field per write-in area in the brand's font, codes that lead to
the worksheet's form per team, no question torn from its room, and the record."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader, PdfWriter

from generator.answers.links import Links, Target, load_secret
from generator.kinds import worksheet as kind
from generator.kinds.kind import Options
from generator.kit.kitfile import Material
from generator.kit.project import Project
from tests.conftest import ANSWERS_URL, SECRET, copy_kit, edit_kit, resolve, run, use_form_url
from tests.pdfcheck import MM, fonts, page_text, qr_codes, squeeze

FIXTURES = Path(__file__).parent / "fixtures" / "worksheets"
SHEETS = {
    "proef-fase": "worksheet-a4",
    "proef-aspecten": "worksheet-a4",
    "proef-tabel": "worksheet-a4-landscape",
}
TEAMS = 2


def options(teams: int = TEAMS) -> Options:
    """A build's settings as `workshop build` makes them for the copied kit."""
    return Options(
        teams=teams,
        participants=0,
        session="open",
        form_url=None,
        answers_url=ANSWERS_URL,
        secret=SECRET.encode(),
    )


def add_worksheets(kit: Path) -> None:
    """The fixture worksheets in a copied kit, listed in its kit file."""
    for path in FIXTURES.glob("*.yaml"):
        shutil.copy(path, kit / "content" / path.name)
    data = yaml.safe_load((kit / "workshop.yaml").read_text(encoding="utf-8"))
    kept = [m for m in data["materials"] if "deck" in m]  # the kit's worksheets replaced
    edit_kit(
        kit,
        materials=kept + [{"worksheet": name, "layout": layout} for name, layout in SHEETS.items()],
    )


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> Path:
    kit = copy_kit(tmp_path_factory.mktemp("sheets") / "kit")
    add_worksheets(kit)
    edit_kit(kit, teams=TEAMS)
    result = run(["build"], kit)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower(), result.output
    return kit


def pdf(kit: Path, name: str) -> Path:
    return kit / "output" / "open" / f"{name}.pdf"


def content(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def field_ids(name: str) -> list[str]:
    data = content(name)
    ids = []
    for section in data.get("sections", []):
        for question in section["questions"]:
            ids.append(question["id"])
            if question.get("answer") == "tick":
                ids.append(f"{question['id']}-toelichting")
    table = data.get("table")
    for row in table["rows"] if table else []:
        ids += [f"{row['id']}-{column['id']}" for column in table["columns"]]
    return ids


def team_starts(path: Path) -> list[int]:
    """The first page of each team's set: sets are padded to an even page count."""
    pages = len(PdfReader(path).pages)
    return [team * pages // TEAMS for team in range(TEAMS)]


@pytest.mark.parametrize("name", SHEETS)
def test_pages_are_a4_in_the_layouts_orientation(sheets, name):
    width, height = (297, 210) if "landscape" in SHEETS[name] else (210, 297)
    for page in PdfReader(pdf(sheets, name)).pages:
        assert abs(float(page.mediabox.width) / MM - width) < 0.1
        assert abs(float(page.mediabox.height) / MM - height) < 0.1


def test_the_phase_worksheet_flows_over_pages_with_page_x_of_y(sheets):
    path = pdf(sheets, "proef-fase")
    start = team_starts(path)
    printed = [i for i in range(start[1]) if page_text(path, i).strip()]  # not the padding
    assert len(printed) >= 2
    for team_start in start:
        for index in range(len(printed)):
            footer = f"pagina {index + 1} van {len(printed)} · Bron: Proefbron voor werkbladen"
            assert footer in page_text(path, team_start + index)
    assert "Samen sterker in de wijk" in page_text(path, 0)


@pytest.mark.parametrize("name", SHEETS)
def test_every_question_and_cell_is_printed_for_every_team(sheets, name):
    path = pdf(sheets, name)
    data = content(name)
    texts = [q["text"] for s in data.get("sections", []) for q in s["questions"]]
    table = data.get("table")
    if table:
        texts += [row["title"] for row in table["rows"]] + [c["title"] for c in table["columns"]]
    starts = [*team_starts(path), len(PdfReader(path).pages)]
    for team in range(TEAMS):
        printed = squeeze(
            "".join(page_text(path, i) for i in range(starts[team], starts[team + 1]))
        )
        for value in texts:
            assert squeeze(value.replace("- ", "")) in printed, value


@pytest.mark.parametrize("name", SHEETS)
def test_one_field_per_write_in_area_named_after_the_ids(sheets, name):
    fields = PdfReader(pdf(sheets, name)).get_fields()
    leaves = {k for k, v in fields.items() if "/FT" in v}
    expected = {f"team-{t}.{i}" for t in range(1, TEAMS + 1) for i in field_ids(name)}
    assert leaves == expected
    for key in leaves:
        ticked = any(key.endswith(f".{q['id']}") for q in _ticks(name))
        assert fields[key]["/FT"] == ("/Btn" if ticked else "/Tx")


def _ticks(name: str) -> list[dict]:
    return [
        q
        for s in content(name).get("sections", [])
        for q in s["questions"]
        if q.get("answer") == "tick"
    ]


def test_a_field_filled_with_pypdf_reads_back(sheets, tmp_path):
    writer = PdfWriter(clone_from=pdf(sheets, "proef-fase"))
    writer.update_page_form_field_values(
        writer.pages[0], {"team-1.1a-1": "De wijk vergrijst; meer eenoudergezinnen."}
    )
    out = tmp_path / "filled.pdf"
    writer.write(out)
    fields = PdfReader(out).get_fields()
    assert fields["team-1.1a-1"]["/V"] == "De wijk vergrijst; meer eenoudergezinnen."
    assert not fields["team-2.1a-1"].get("/V")


@pytest.mark.parametrize("name", SHEETS)
def test_fields_type_in_the_embedded_brand_font_and_nothing_is_helvetica(sheets, name):
    path = pdf(sheets, name)
    assert b"Helvetica" not in path.read_bytes()
    assert all(embedded for _, embedded in fonts(path))
    reader = PdfReader(path)
    form = reader.trailer["/Root"]["/AcroForm"]
    font = form["/DR"]["/Font"]["/WSF"].get_object()
    assert font["/BaseFont"] == "/Lato-Regular"  # the whole font, not a subset
    assert "/FontFile2" in font["/FontDescriptor"]
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            assert widget["/DA"].startswith("/WSF ")
            assert widget["/MK"] == {}  # no border, no background


@pytest.mark.parametrize("name", SHEETS)
def test_codes_lead_to_the_worksheets_form_for_each_team(sheets, name):
    path = pdf(sheets, name)
    links = Links(
        load_secret(sheets),
        [Target("open", n, n, t) for n in SHEETS for t in range(1, TEAMS + 1)],
    )
    for team, start in enumerate(team_starts(path), start=1):
        decoded = qr_codes(path, start)
        assert len(decoded) == 1
        assert resolve(links, decoded[0]) == Target("open", name, name, team)


def test_no_question_is_torn_from_its_room(sheets):
    """By the plan: each question is one piece on one page. In the PDF: each question's
    text is on the page of its field."""
    project = Project(sheets / "workshop.yaml")
    material = Material("worksheet", "proef-fase", "worksheet-a4")
    sheet = kind.prepare(project, material, options())
    planned = {}
    for index, page in enumerate(sheet.flow.pages):
        for placed in page:
            if placed.piece.question:
                assert placed.piece.question not in planned
                planned[placed.piece.question] = index
    assert len(set(planned.values())) >= 2  # it does flow over pages
    path = pdf(sheets, "proef-fase")
    reader = PdfReader(path)
    questions = {
        q["id"]: q["text"] for s in content("proef-fase")["sections"] for q in s["questions"]
    }
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            name = annot.get_object()["/T"]
            if index < team_starts(path)[1]:
                assert planned[name] == index
            assert squeeze(questions[name]) in squeeze(page_text(path, index))


def test_the_booklet_has_every_worksheet_with_bookmarks_and_unique_fields(sheets):
    reader = PdfReader(pdf(sheets, "werkbladen"))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Team 1", "Team 2"]
    nested = [item.title for item in reader.outline[1]]
    assert nested == [
        "Externe en interne analyse",
        "Essentiële aspecten",
        "Aandachtspunten per laag",
    ]
    names = {k for k, v in reader.get_fields().items() if "/FT" in v}
    assert "team-2.proef-fase.1a-1" in names and "team-1.proef-tabel.bestuur-fase-4" in names
    total = sum(len(field_ids(n)) for n in SHEETS) * TEAMS
    assert len(names) == total


def test_the_record_prints_each_teams_answers(sheets, tmp_path):
    project = Project(sheets / "workshop.yaml")
    materials = tuple(Material("worksheet", n, layout) for n, layout in SHEETS.items())
    answers = {
        ("proef-fase", 2): {"1a-1": "Team twee ziet meer armoede in de wijk."},
        ("proef-aspecten", 1): {"klik": "ja", "klik-toelichting": "Wij kennen elkaar goed."},
        ("proef-tabel", 2): {"bestuur-fase-1": "Begroting aanpassen " * 60},
    }
    target = tmp_path / "record.pdf"
    built = kind.build_record(project, materials, options(), answers, target)
    assert built.pages == len(PdfReader(target).pages)
    assert any("too long" in w for w in built.warnings)  # the long one is cut with '…'
    text = squeeze("".join(page_text(target, i) for i in range(built.pages)))
    assert squeeze("Team twee ziet meer armoede in de wijk.") in text
    assert squeeze("Wij kennen elkaar goed.") in text
    assert "…" in text
    fields = PdfReader(target).get_fields()
    assert fields["team-2.proef-fase.1a-1"]["/V"] == "Team twee ziet meer armoede in de wijk."
    assert fields["team-1.proef-aspecten.klik"]["/V"] == "/Yes"
    assert fields["team-2.proef-aspecten.klik"]["/V"] == "/Off"
    assert not fields["team-1.proef-fase.1a-1"]["/V"]


def test_a_question_taller_than_a_page_is_an_error_naming_it(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    add_worksheets(kit)
    path = kit / "content" / "proef-fase.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"][0]["questions"][1]["lines"] = 40
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["worksheet", "proef-fase"], kit)
    assert result.exit_code == 1, result.output
    assert "proef-fase: question '1a-2' is" in result.output
    assert "Traceback" not in result.output


def test_a_form_url_kit_prints_the_form_url_in_the_code(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    add_worksheets(kit)
    use_form_url(kit)
    result = run(["worksheet", "proef-aspecten"], kit)
    assert result.exit_code == 1, result.output  # a long URL: modules too small
    assert "give QR modules of 0.51 mm, below the 0.60 mm minimum" in result.output
    use_form_url(kit, "https://f.example.org/{deck}/{team}")
    result = run(["worksheet", "proef-aspecten"], kit)
    assert result.exit_code == 0, result.output
    assert qr_codes(pdf(kit, "proef-aspecten"), 0) == ["https://f.example.org/proef-aspecten/1"]
    assert "do not fit beside the code" in result.output  # the code still carries it


def test_the_filled_pdf_bytes_are_the_same_for_the_same_input(sheets, tmp_path):
    project = Project(sheets / "workshop.yaml")
    material = Material("worksheet", "proef-aspecten", "worksheet-a4")
    one, two = tmp_path / "a.pdf", tmp_path / "b.pdf"
    kind.build(project, material, options(1), one)
    kind.build(project, material, options(1), two)
    assert one.read_bytes() == two.read_bytes()
    assert PdfReader(io.BytesIO(one.read_bytes())).get_fields()


def test_a_worksheet_with_thousands_of_questions_is_refused_before_drawing(kit):
    """Each list is bounded, sections of them are not: the worksheet as a whole is (a
    build of 200 teams would otherwise draw millions of fields)."""
    sections = [
        {
            "id": f"s{s}",
            "title": f"Deel {s}",
            "questions": [{"id": f"q{s}-{q}", "text": f"Vraag {q}?"} for q in range(150)],
        }
        for s in range(3)
    ]
    content = {"type": "worksheet", "source": "Proef", "title": "Groot", "sections": sections}
    (kit / "content" / "groot.yaml").write_text(yaml.safe_dump(content), encoding="utf-8")
    result = run(["worksheet", "groot", "--layout", "worksheet-a4"], kit)
    assert result.exit_code == 1
    assert "sections: expected at most 300 answers in one worksheet, found 450" in result.output
    assert not (kit / "output").exists()
