"""The worksheet content (content/fase-1..4, aspecten, lagen) is valid and faithful to the
guide "Beter Samen" (seeds 004): every question, lead-in, goal and table cell that does
not say it is editorial stands word for word in the guide once its known OCR errors are
corrected, and every question of every phase is there."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from generator.kinds.worksheet.content import WORKSHEET_FILE, make_worksheet, shape_problems
from generator.kit.schema import validate
from generator.kit.yamlfile import load_yaml
from tests.conftest import REPO
from tests.test_sources import SEEDS, normal

GUIDE = SEEDS / "004_409133b4fd9ff147.txt"
NAMES = ("fase-1", "fase-2", "fase-3", "fase-4", "aspecten", "lagen")
PHASES = {"fase-1": 1, "fase-2": 2, "fase-3": 3, "fase-4": 4}
# how many questions (or attention points) each section of the guide has
COUNTS = {
    ("fase-1", "1a"): 20,
    ("fase-1", "1b"): 12,
    ("fase-1", "afronding"): 3,
    ("fase-2", "2a"): 7,
    ("fase-2", "2b"): 4,
    ("fase-3", "stappen"): 6,
    ("fase-4", "afspraken"): 2,
    ("fase-4", "plannen"): 5,
    ("fase-4", "onderhouden"): 4,
    ("aspecten", "aspecten"): 5,
}
EDITORIAL = {"fase-1": ["1-visie"]}

# Misreadings of the extraction (and three slips of the guide itself) as (seed text,
# what the guide means), applied to the seed text with its lines joined. The content
# files' header comments name them too.
FIXES = (
    ("|s op basis", "Is op basis"),
    ("v s er een", "v Is er een"),
    ("5 Vv's", "5 V's"),
    ("OQuder", "Ouder"),
    ("|ntern", "Intern"),
    ("DebV’s", "De 5 V’s"),
    ("Ga nain", "Ga na in"),
    ("0.a.", "o.a."),
    ("ledere", "Iedere"),
    ("onuvoldoende", "onvoldoende"),
    ("gegeuvens", "gegevens"),
    ("werkRhypothese", "werkhypothese"),
    ("ouver", "over"),
    ("Ouver", "Over"),
    ("6uer", "over"),
    ("kRlant", "klant"),
    ("zicht te hebben het verloop", "zicht te hebben op het verloop"),
    ("Een mogelijk uitkomst", "Een mogelijke uitkomst"),
    ("onderschikt", "ondergeschikt"),
    ("wijkaandachtsfuntionaris", "wijkaandachtsfunctionaris"),
    ("vervult door", "vervuld door"),
)
# words the OCR wrote with the wrong accent (or none): the content spells them right
SPELLING = (
    "cliënten",
    "continuïteit",
    "initiëren",
    "interveniëren",
    "geïnventariseerde",
    "essentiële",
)

needs_seeds = pytest.mark.skipif(not GUIDE.is_file(), reason="source texts not beside the repo")


def fold(text: str) -> str:
    """Without accents: the extraction confuses é, ë and e."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(text: str) -> str:
    return normal(fold(text))


def in_case(text: str) -> str:
    """The worked case is in italics, where the OCR read k as R and v as u: fold both
    letters on both sides so that the corrected text matches the seed."""
    return plain(text).replace("k", "r").replace("v", "u")


def flat(text: str) -> str:
    text = re.sub(r"-\s*\n\s*", "", text)  # words broken over lines
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def guide() -> str:
    text = flat(GUIDE.read_text(encoding="utf-8"))
    for wrong, right in FIXES:
        assert wrong in text, f"fix {wrong!r} no longer needed: not in the seed"
        text = text.replace(wrong, right)
    return text


def raw(name: str) -> dict:
    path = REPO / "content" / f"{name}.yaml"
    return validate(WORKSHEET_FILE, load_yaml(path, f"content/{name}.yaml"), name)


def worksheet(name: str):
    return make_worksheet(name, raw(name))


def sentences(paragraph: str) -> list[str]:
    # a case excerpt may leave sentences out, never rewrite them
    return re.split(r"(?<=[.?!])\s+", paragraph)


def quoted(sheet) -> list[tuple[str, str]]:
    """(where, text) for every text of a worksheet that claims to quote the guide."""
    pieces = [("goal", g) for g in sheet.goal]
    for section in sheet.sections:
        pieces += [(f"{section.id}.intro", text) for text in section.intro]
        pieces += [(q.id, q.text) for q in section.questions if not q.editorial]
    if sheet.table:
        pieces.append(("table.title", sheet.table.title))
    return pieces


@pytest.mark.parametrize("name", NAMES)
def test_worksheet_is_valid(name):
    values = raw(name)
    sheet = make_worksheet(name, values)
    assert shape_problems(sheet) == []
    assert sheet.field_ids()
    assert sheet.phase == PHASES.get(name)
    assert values["language"] is None  # the kit's language


@pytest.mark.parametrize("name", NAMES)
def test_worksheet_names_its_source(name):
    text = (REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Worksheet ")
    assert "004_409133b4fd9ff147.txt" in text and "lines" in text
    assert worksheet(name).source.startswith("Beter Samen – Handreiking samenwerking.")


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_worksheet_quotes_the_guide(name, guide):
    source = plain(guide)
    pieces = quoted(worksheet(name))
    assert pieces
    for where, text in pieces:
        assert plain(text) in source, f"{name} {where}: {text!r}"


@needs_seeds
@pytest.mark.parametrize("name", [n for n in NAMES if n in PHASES])
def test_example_quotes_the_worked_case(name, guide):
    source = in_case(guide)
    example = worksheet(name).example
    assert example.title == "Voorbeeld: pesten in de wijk"
    assert 3 <= sum(len(sentences(p)) for p in example.text) <= 15
    for paragraph in example.text:
        for sentence in sentences(paragraph):
            assert in_case(sentence) in source, f"{name} example: {sentence!r}"


@pytest.mark.parametrize("name", [n for n in NAMES if n in PHASES])
def test_phase_has_goal_and_example(name):
    sheet = worksheet(name)
    # up to three sentences: phase 4's third answers its second and keeps it
    assert 1 <= sum(len(sentences(g)) for g in sheet.goal) <= 3
    assert sheet.example is not None


def test_every_question_of_every_phase_is_there():
    found = {
        (name, s.id): len(s.questions)
        for name in NAMES
        for s in worksheet(name).sections
        if s.questions
    }
    assert found == COUNTS


def test_editorial_questions_are_only_the_known_ones():
    found = {}
    for name in NAMES:
        ids = [q.id for q in worksheet(name).questions() if q.editorial]
        if ids:
            found[name] = ids
    assert found == EDITORIAL


def test_closing_question_of_phase_1_and_5_vs_check_of_phase_4():
    closing = worksheet("fase-1").sections[-1].questions[0].text
    assert closing.startswith("Is op basis van de antwoorden op bovenstaande vragen samenwerking")
    five = [q.text for q in worksheet("fase-4").questions() if "5 V’s" in q.text]
    assert len(five) == 1 and five[0].endswith("Neem hier voldoende tijd voor, organiseer dit!")


def test_aspects_are_ticked_with_room_to_comment():
    questions = worksheet("aspecten").questions()
    assert [q.answer for q in questions] == ["tick"] * 5
    assert all(q.lines for q in questions)


def test_ids_are_unique_across_the_worksheets():
    # one phase's answers never land under another's names on the answer server
    ids = [i for name in NAMES for i in worksheet(name).field_ids()]
    assert len(ids) == len(set(ids))


def test_no_ocr_noise_is_left():
    words = {fold(w).lower(): w for w in SPELLING}
    for name in NAMES:
        text = (REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        assert not re.search(r"[a-zà-ÿ]R|[|€]|\b0\.a\.", text), name
        for token in re.findall(r"\w+", text):
            right = words.get(fold(token).lower())
            assert right is None or token.lower() == right, f"{name}: {token!r}, not {right!r}"


# --- table 1 -------------------------------------------------------------------------


def table_lines() -> list[str]:
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tabel 1:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Bij de uitrol"))
    return [line for line in lines[start + 1 : end] if line.strip()]


def letters(text: str) -> Counter:
    return Counter(c for c in fold(text).lower() if c.isalpha())


def table_rows() -> dict[str, str]:
    """The source text of each row: the lines from its title to the next row's title,
    the row title left out; the header lines under the key ''."""
    rows, key = {"": ""}, ""
    for line in table_lines():
        for title in ("Bestuur", "Management", "Professionals"):
            if line.startswith(title + " "):
                key, line = title, line[len(title) :]
                rows[key] = ""
        rows[key] += line + "\n"
    return rows


def test_table_1_has_three_layers_by_four_phases():
    table = worksheet("lagen").table
    assert [r.id for r in table.rows] == ["bestuur", "management", "professionals"]
    assert [c.id for c in table.columns] == ["fase-1", "fase-2", "fase-3", "fase-4"]
    assert all(len(r.cells) == 4 for r in table.rows)
    assert table.title == "Tabel 1: Aandachtspunten in dit voorbeeld per ‘laag’ en per fase."


@needs_seeds
def test_table_1_cells_hold_every_word_of_their_row():
    """The extraction interleaves the columns line by line, so a row's cells are checked
    together: the same letters as the row's source lines, and every source word (or
    hyphenated piece of one) inside them."""
    table = worksheet("lagen").table
    source = table_rows()
    assert letters(source[""]) == letters(" ".join(c.title for c in table.columns))
    for row in table.rows:
        cells = " ".join(row.cells)
        assert letters(source[row.title]) == letters(cells), row.id
        joined = plain(cells)
        for word in re.findall(r"\S+", source[row.title]):
            assert plain(word) in joined, f"{row.id}: {word!r}"


def test_table_1_cells_as_reconstructed():
    """Cells read down their column (see lagen.yaml's header), not across the lines."""
    rows = {r.id: r.cells for r in worksheet("lagen").table.rows}
    assert rows["bestuur"][0] == "Voeden, openingen zoeken, legitimeren, waarborgen continuïteit"
    assert rows["bestuur"][1] == "Enthousiasmeren en vertrouwen."
    assert rows["bestuur"][2] == "Vernieuwingsgerichtheid bevorderen, meedenken, voorbeeldgedrag"
    assert rows["management"][0].endswith("vertalen in beleidstermen")
    assert rows["professionals"][3] == (
        "Doorontwikkelen, cliënten blijven betrekken, evalueren en in contact blijven"
    )
