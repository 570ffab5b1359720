"""How a worksheet's items fall on pages: never one item alone on a last page after a
page of several (rooms to answer take fewer lines when that saves the page, else the
last two pages are balanced), never an item torn from its room, and pieces that cannot
share a page reported instead of drawn past its edge."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator.kinds import worksheet as kind
from generator.kinds.kind import Options
from generator.kinds.worksheet.flow import Flow, Piece, balance, paginate
from generator.kit.kitfile import Material
from generator.kit.project import Project
from tests.conftest import ANSWERS_URL, SECRET, edit_kit, run
from tests.pdfcheck import MM, page_text, squeeze

NUMBERS = [
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
]
DEFAULT_SHEETS = {
    "fase-1": "worksheet-a4",
    "fase-2": "worksheet-a4",
    "fase-3": "worksheet-a4",
    "fase-4": "worksheet-a4",
    "aspecten": "worksheet-a4",
    "lagen": "worksheet-a4-landscape",
}


# --- the flow as geometry ------------------------------------------------------------


def piece(name: str, height: float, **marks) -> Piece:
    question = None if marks.get("keep_with_next") or marks.get("repeat") else name
    return Piece(name, height, lambda x, top: [], question=question, **marks)


def counts(flow: Flow) -> list[int]:
    return [flow.items(i) for i in range(len(flow.pages))]


def names(flow: Flow, page: int) -> list[str]:
    return [placed.piece.label for placed in flow.pages[page]]


def assert_inside(flow: Flow, first: float, rest: float) -> None:
    for index, page in enumerate(flow.pages):
        room = first if index == 0 else rest
        assert all(p.top + p.piece.height <= room + 1e-6 for p in page), names(flow, index)


def test_a_lone_last_item_gets_company_from_the_page_before():
    pieces = [piece(f"q{i}", 25) for i in range(5)]
    assert counts(paginate(pieces, 100, 100)) == [4, 1]  # the greedy flow leaves one alone
    flow = balance(pieces, 100, 100)
    assert counts(flow) == [3, 2]
    assert names(flow, 1) == ["q3", "q4"]
    assert_inside(flow, 100, 100)


def test_balancing_keeps_a_section_title_with_its_question():
    pieces = [piece("title", 10, keep_with_next=True), *(piece(f"q{i}", 22) for i in range(5))]
    flow = balance(pieces, 100, 100)
    assert counts(flow) == [3, 2]
    assert names(flow, 0)[0] == "title" and "title" not in names(flow, 1)


def test_a_lone_item_after_two_stays_rather_than_leaving_one_alone_before_it():
    pieces = [piece("q0", 45), piece("q1", 45), piece("q2", 20)]
    assert counts(balance(pieces, 100, 100)) == [2, 1]


def test_items_are_not_moved_when_the_last_page_cannot_take_them():
    pieces = [*(piece(f"q{i}", 25) for i in range(4)), piece("big", 90)]
    flow = balance(pieces, 100, 100)
    assert counts(flow) == [4, 1]  # moving q3 would need a third page
    assert_inside(flow, 100, 100)


def test_balancing_a_table_repeats_its_column_titles_on_the_last_page():
    title = piece("title", 5, keep_with_next=True)
    pieces = [title, piece("head", 10, repeat=True), *(piece(f"row{i}", 20) for i in range(5))]
    flow = balance(pieces, 100, 100)
    assert counts(flow) == [3, 2]
    assert names(flow, 1) == ["head", "row3", "row4"]
    assert_inside(flow, 100, 100)


def test_a_section_title_with_a_question_taller_than_a_page_is_too_tall():
    pieces = [piece("q0", 20), piece("title", 20, keep_with_next=True), piece("q1", 90)]
    flow = paginate(pieces, 100, 100)
    assert [(t.label, t.height) for t in flow.too_tall] == [("q1 with the title before it", 110)]


def test_a_first_item_taller_than_the_first_page_is_too_tall():
    flow = paginate([piece("q0", 90), piece("q1", 10)], 80, 100)
    assert [(t.label, t.room) for t in flow.too_tall] == [("q0", 80)]


# --- worksheets as printed -----------------------------------------------------------


def options() -> Options:
    return Options(
        teams=1,
        participants=0,
        session="open",
        form_url=None,
        answers_url=ANSWERS_URL,
        secret=SECRET.encode(),
    )


def questions(count: int, lines: int) -> list[dict]:
    return [
        {"id": f"v{i}", "text": f"Vraag {NUMBERS[i]}: wat doen jullie hier samen aan?"}
        | {"lines": lines}
        for i in range(count)
    ]


def write_sheet(kit: Path, sections: list[dict]) -> None:
    content = {
        "type": "worksheet",
        "source": "Proefbron voor werkbladen (2024)",
        "title": "Verdeling",
        "sections": sections,
    }
    path = kit / "content" / "verdeling.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load((kit / "workshop.yaml").read_text(encoding="utf-8"))
    materials = [m for m in data["materials"] if "deck" in m]
    edit_kit(kit, materials=[*materials, {"worksheet": "verdeling", "layout": "worksheet-a4"}])


def printed_items(path: Path, count: int) -> list[list[int]]:
    """The questions whose text each page holds, by number."""
    reader = PdfReader(path)
    pages = []
    for index in range(len(reader.pages)):
        text = squeeze(page_text(path, index))
        pages.append([i for i in range(count) if squeeze(f"Vraag {NUMBERS[i]}:") in text])
    return pages


def field_pages(path: Path) -> dict[str, int]:
    return {
        annot.get_object()["/T"]: index
        for index, page in enumerate(PdfReader(path).pages)
        for annot in page.get("/Annots") or []
    }


def test_seven_questions_that_cannot_give_lines_are_balanced_five_and_two(kit):
    """Seven questions at the layout's three lines: the greedy flow puts six on page 1
    and the seventh alone on page 2; printed, page 2 holds two."""
    write_sheet(kit, [{"id": "s", "title": "Vragen", "questions": questions(7, 3)}])
    sheet = kind.prepare(Project(kit / "workshop.yaml"), verdeling(), options())
    greedy = paginate(sheet.painter.pieces(), *bodies(sheet))
    assert counts(greedy) == [6, 1]
    result = run(["worksheet", "verdeling"], kit)
    assert result.exit_code == 0, result.output
    path = kit / "output" / "open" / "verdeling.pdf"
    assert printed_items(path, 7) == [[0, 1, 2, 3, 4], [5, 6]]
    pages = field_pages(path)
    assert pages == {f"v{i}": (0 if i < 5 else 1) for i in range(7)}  # rooms with questions
    assert "pagina 2 van 2" in page_text(path, 1)


def test_rooms_take_fewer_lines_when_that_saves_the_lone_items_page(kit):
    """Six questions of four lines leave the sixth alone on page 2; at three lines each
    (the layout's min_lines, 8 mm apart) all six fit on page 1."""
    write_sheet(kit, [{"id": "s", "title": "Vragen", "questions": questions(6, 4)}])
    sheet = kind.prepare(Project(kit / "workshop.yaml"), verdeling(), options())
    assert counts(paginate(sheet.painter.pieces(), *bodies(sheet))) == [5, 1]
    result = run(["worksheet", "verdeling"], kit)
    assert result.exit_code == 0, result.output
    path = kit / "output" / "open" / "verdeling.pdf"
    assert printed_items(path, 6) == [[0, 1, 2, 3, 4, 5], []]  # and the blank back
    for i in range(6):
        assert abs(room_height(path, f"v{i}") - 3 * 8 * MM) < 0.5
    assert "pagina 1 van 1" in page_text(path, 0)


def test_a_section_that_cannot_share_a_page_with_its_question_is_an_error(kit):
    sections = [
        {"id": "a", "title": "Eerst", "questions": questions(2, 3)},
        {"id": "b", "title": "Dan", "questions": [questions(3, 3)[2] | {"lines": 31}]},
    ]
    write_sheet(kit, sections)
    result = run(["worksheet", "verdeling"], kit)
    assert result.exit_code == 1, result.output
    assert "question 'v2' with the section 'b' before it is" in result.output
    assert "fewer lines" in result.output and "Traceback" not in result.output
    assert not (kit / "output" / "open" / "verdeling.pdf").exists()


def verdeling() -> Material:
    return Material("worksheet", "verdeling", "worksheet-a4")


def bodies(sheet) -> tuple[float, float]:
    return sheet.painter.body_height(True), sheet.painter.body_height(False)


def room_height(path: Path, name: str) -> float:
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot["/T"] == name:
                rect = [float(v) for v in annot["/Rect"]]
                return rect[3] - rect[1]
    raise AssertionError(f"no field {name}")


# --- the default kit -----------------------------------------------------------------


@pytest.mark.parametrize("name", DEFAULT_SHEETS)
def test_no_default_worksheet_leaves_an_item_alone_or_outside_its_page(name):
    project = Project(Path(__file__).parent.parent / "workshop.yaml")
    sheet = kind.prepare(project, Material("worksheet", name, DEFAULT_SHEETS[name]), options())
    assert not sheet.flow.lone_last() and not sheet.flow.too_tall
    assert_inside(sheet.flow, *bodies(sheet))


def test_the_aspecten_worksheet_is_one_page_with_its_blank_back(default_build):
    path = default_build / "aspecten.pdf"
    aspects = ["Ouder en kind centraal", "Intern de organisatie op orde", "De 5 V’s"]
    assert all(squeeze(a) in squeeze(page_text(path, 0)) for a in aspects)
    assert "pagina 1 van 1" in page_text(path, 0)
    assert len(PdfReader(path).pages) == 2  # the back of the sheet, for duplex
    assert not page_text(path, 1).strip() and not PdfReader(path).pages[1].get("/Annots")
    assert room_height(path, "vijf-vs-toelichting") >= 3 * 8 * MM - 0.5


def test_the_booklets_padding_pages_carry_nothing(default_build):
    path = default_build / "werkbladen.pdf"
    reader = PdfReader(path)
    blank = [i for i in range(len(reader.pages)) if not page_text(path, i).strip()]
    assert blank  # some worksheets have an odd page count
    for index in blank:
        page = reader.pages[index]
        assert not page.get("/Annots")
        assert not page.get_contents() or not page.get_contents().get_data().strip()
        assert "pagina" in page_text(path, index - 1)  # it follows a worksheet's last page


def use_layout(kit: Path, answers: str) -> None:
    """aspecten alone, on a layout of the kit with its own answers keys."""
    (kit / "layouts" / "worksheet-ruim.yaml").write_text(
        f"extends: worksheet-a4\nanswers: {answers}\n", encoding="utf-8"
    )
    edit_kit(kit, materials=[{"worksheet": "aspecten", "layout": "worksheet-ruim"}])


def test_a_layout_that_keeps_four_lines_gets_aspecten_balanced_three_and_two(kit):
    use_layout(kit, "{min_lines: 4}")
    result = run(["worksheet", "aspecten"], kit)
    assert result.exit_code == 0, result.output
    path = kit / "output" / "open" / "aspecten.pdf"
    aspects = ["1. Ouder en kind", "2. Intern", "3. Sprake", "4. Samenwerken", "5. De 5 V’s"]
    text = [squeeze(page_text(path, i)) for i in range(2)]
    assert [[a for a in aspects if squeeze(a) in t] for t in text] == [aspects[:3], aspects[3:]]
    assert abs(room_height(path, "vijf-vs-toelichting") - 4 * 8 * MM) < 0.5


def test_a_layout_min_lines_below_one_is_refused_naming_the_key(kit):
    use_layout(kit, "{min_lines: 0}")
    result = run(["build"], kit)
    assert result.exit_code == 1, result.output
    assert "worksheet-ruim.yaml" in result.output and "min_lines" in result.output
    assert "Traceback" not in result.output
