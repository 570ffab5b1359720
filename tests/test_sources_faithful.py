"""Every printed text of the kit is either quoted from its source or marked as ours, and
every quote says where it leaves text out.

For each content file (each deck, worksheet and poster; the posters of the decks and of
table 1 print the same content) every text is sorted into one of:

- quoted: each sentence stands in the seed text (../shared/seeds) once both are reduced
  to letters and digits (so whitespace, quote styles and words hyphenated over a line
  break do not count), accents folded (the extraction confuses é and ë), the guide's
  lost check-mark bullets ("v", "AN", ...) and its known misreadings corrected (FIXES,
  as in test_worksheet_content), and in the worked case R/k and u/v folded (the OCR of
  its italics). The sentences of one text (a card's text, a case excerpt, an intro) follow
  each other in the source; where the quote leaves text out it says so with "…", and a
  "…" stands only where something is left out.
- editorial: written for the kit, marked in the content (`editorial:`) or, for headings
  that have no such key, listed in OURS below with the reason.
- differs: anything else; the test fails and says where the text stops agreeing with the
  source and what the source has there.

Table 1 (content/lagen.yaml) is checked cell by cell: TABLE_1 below is the reading of the
extraction's table lines, each line split into its columns; each line must be exactly
the seed's line, and each cell of the content must be its column's pieces re-joined.

`pytest tests/test_sources_faithful.py -s` prints the full report (or run
`python -m tests.test_sources_faithful [name ...]`). Skipped when the seeds are absent.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from generator.kinds.deck.content import DECK_FILE, make_deck
from generator.kinds.poster.content import POSTER_FILE, make_poster
from generator.kinds.worksheet.content import WORKSHEET_FILE, make_worksheet
from generator.kit.schema import validate
from generator.kit.yamlfile import load_yaml
from tests.conftest import REPO
from tests.test_sources import SEEDS
from tests.test_worksheet_content import FIXES  # the guide's misreadings, corrected

FACTSHEET = ("000_a405f9448c6455c1.txt", "001_522d86f859518b9d.txt")
TIPS = ("003_69f45047eddc9328.txt",)
GUIDE = ("004_409133b4fd9ff147.txt",)
SOURCES = {
    "elementen": FACTSHEET,
    "vijf-vs": GUIDE,
    "succesfactoren": GUIDE,
    "fase-1": GUIDE,
    "fase-2": GUIDE,
    "fase-3": GUIDE,
    "fase-4": GUIDE,
    "aspecten": GUIDE,
    "lagen": GUIDE,
    "fasen": GUIDE,
    "tips": TIPS,
    "studie": FACTSHEET,
}
CUT = "…"

# Headings and labels written for the kit where the content has no `editorial:` key for
# them (deck and worksheet titles, section titles, the response cards): (material,
# where) -> why. The content files' header comments say the same.
OURS = {
    ("elementen", "subtitle"): "the deck's subtitle, a summary",
    ("vijf-vs", "title"): "the deck's title (the guide: 'de zogenaamde 5 V’s')",
    ("vijf-vs", "subtitle"): "the deck's subtitle: the names of the five V's",
    ("succesfactoren", "subtitle"): "the deck's subtitle, after the heading 'Op koers blijven'",
    ("fase-1", "example.title"): "the case's label",
    ("fase-2", "example.title"): "the case's label",
    ("fase-3", "example.title"): "the case's label",
    ("fase-4", "example.title"): "the case's label",
    ("fase-3", "sections[stappen].title"): "section title",
    ("fase-4", "sections[afspraken].title"): "section title",
    ("fase-4", "sections[plannen].title"): "section title",
    ("fase-4", "sections[onderhouden].title"): "section title",
    ("fase-1", "sections[afronding].title"): "section title",
    ("fase-2", "sections[2b].title"): "section title",
    ("aspecten", "title"): "worksheet title",
    ("aspecten", "sections[aspecten].title"): "section title",
    ("lagen", "title"): "worksheet title, after the table's caption",
}
RESPONSES_ARE_OURS = "the response cards, after the guide's suggestion of coloured cards"

# the guide's lost check-mark bullets: a mark at the start of a line, or a line of them
BULLET = re.compile(r"^[ \t]*(?:v/?|AN|e|¢|«|\+)[ \t]+|^[ \t]*[ANRI][ANRI ]*$", re.MULTILINE)

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="source texts not beside the repo")


# --- normalising ---------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def letters(text: str) -> str:
    """Letters and digits only: whitespace, punctuation, quote styles and hyphens (so
    also words hyphenated over a line break) do not count."""
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def in_case(text: str) -> str:
    """The worked case is set in italics, where the OCR read k as R and v as u."""
    return text.replace("k", "r").replace("v", "u")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


@dataclass(frozen=True)
class Seed:
    """The source files as one string of letters, each letter remembering where it came
    from (file and character), so that a finding can quote the source as written."""

    letters: str
    origins: tuple[tuple[int, int], ...]  # (file index, character index) per letter
    names: tuple[str, ...]
    texts: tuple[str, ...]

    def find(self, needle: str, start: int = 0) -> int:
        return self.letters.find(needle, start) if needle else -1

    def where(self, index: int) -> str:
        file, char = self.origins[min(index, len(self.origins) - 1)]
        line = self.texts[file].count("\n", 0, char) + 1
        return f"{self.names[file][:3]}:{line}"

    def raw(self, start: int, end: int) -> str:
        """The source text behind letters start..end, as written."""
        if start >= len(self.origins) or end <= start:
            return ""
        file, a = self.origins[start]
        last_file, b = self.origins[min(end, len(self.origins)) - 1]
        if last_file != file:
            b = len(self.texts[file]) - 1
        return self.texts[file][a : b + 1]

    def excerpt(self, start: int, end: int, limit: int = 90) -> str:
        """The same on one line, shortened to `limit` characters."""
        text = " ".join(self.raw(start, end).split())
        return text if len(text) <= limit else text[: limit - 1] + CUT


def corrected(text: str) -> str:
    """The guide with its misreadings corrected and its bullet remains blanked; line
    breaks are kept where they were, so that line numbers stay the seed's."""
    for wrong, right in FIXES:
        pattern = r"\s+".join(re.escape(word) for word in wrong.split(" "))
        text = re.sub(
            pattern, lambda m, r=right: r + "\n" * m.group(0).count("\n"), text, flags=re.M
        )
    return BULLET.sub(lambda m: " " * len(m.group(0)), text)


@cache
def seed(name: str) -> Seed:
    files = SOURCES[name]
    chars, origins, texts = [], [], []
    for number, file in enumerate(files):
        text = (SEEDS / file).read_text(encoding="utf-8")
        if file in GUIDE:
            text = corrected(text)
        texts.append(text)
        for index, char in enumerate(text):
            for letter in letters(char):
                chars.append(letter)
                origins.append((number, index))
        chars.append("#")  # no quote runs on from one file into the next
        origins.append((number, len(text) - 1))
    return Seed("".join(chars), tuple(origins), files, tuple(texts))


# --- the content as pieces of text ---------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One printed text of a material: `paragraphs` that follow each other in the source
    (save where a "…" says otherwise); `ours` says why it is editorial, if it is."""

    where: str
    paragraphs: tuple[str, ...]
    ours: str = ""
    case: bool = False  # from the worked case (its OCR errors folded)


def content(name: str):
    path = REPO / "content" / f"{name}.yaml"
    values = load_yaml(path, f"content/{name}.yaml")
    kind = values["type"]
    if kind == "deck":
        return kind, make_deck(name, validate(DECK_FILE, values, name))
    if kind == "worksheet":
        return kind, make_worksheet(name, validate(WORKSHEET_FILE, values, name))
    return kind, make_poster(name, validate(POSTER_FILE, values, name))


def deck_pieces(name, deck) -> list[Piece]:
    pieces = [Piece("title", (deck.title,)), Piece("subtitle", (deck.subtitle,))]
    for card in deck.cards:
        at = f"cards[{card.id}]"
        mine = set(card.editorial)
        why = "marked editorial in the content"
        pieces.append(Piece(f"{at}.title", (card.title,), why if "title" in mine else ""))
        if card.text:
            pieces.append(Piece(f"{at}.text", card.text, why if "text" in mine else ""))
        for field in ("questions", "items"):
            for n, text in enumerate(getattr(card, field), 1):
                pieces.append(Piece(f"{at}.{field}[{n}]", (text,), why if field in mine else ""))
    for response in deck.responses:
        texts = tuple(t for t in (response.word, response.text) if t)
        pieces.append(Piece(f"responses[{response.id}]", texts, RESPONSES_ARE_OURS))
    return pieces


@needs_seeds
def test_a_response_text_not_marked_editorial_is_the_guides_word():
    """A response's explanation (printed on the card and in the poster's legend) is the
    guide's word for that colour unless the content marks it editorial."""
    _, deck = content("succesfactoren")
    guide = " ".join((SEEDS / "004_409133b4fd9ff147.txt").read_text(encoding="utf-8").split())
    quoted = [r for r in deck.responses if r.text and not r.editorial]
    assert quoted, "at least one colour is explained in the guide's own words"
    for response in quoted:
        assert f"‘{response.text.lower()}’" in guide, response.id
    assert all(r.text for r in deck.responses), "every answer is explained"


def worksheet_pieces(name, sheet) -> list[Piece]:
    pieces = [Piece("title", (sheet.title,))]
    if sheet.goal:
        pieces.append(Piece("goal", sheet.goal))
    if sheet.example:
        pieces.append(Piece("example.title", (sheet.example.title,)))
        pieces.append(Piece("example.text", sheet.example.text, case=True))
    for section in sheet.sections:
        at = f"sections[{section.id}]"
        pieces.append(Piece(f"{at}.title", (section.title,)))
        if section.intro:
            pieces.append(Piece(f"{at}.intro", section.intro))
        for question in section.questions:
            why = "marked editorial in the content" if question.editorial else ""
            pieces.append(Piece(f"{at}.{question.id}", (question.text,), why))
    if sheet.table:
        pieces.append(Piece("table.title", (sheet.table.title,)))
        # the cells and headers are checked against TABLE_1, column by column
    return pieces


def poster_pieces(name, poster) -> list[Piece]:
    pieces = [Piece(f, (getattr(poster, f),)) for f in ("title", "subtitle", "message")]
    if poster.intro:
        pieces.append(Piece("intro", poster.intro))
    for n, item in enumerate(poster.items, 1):
        pieces.append(Piece(f"items[{n}].title", (item.title,)))
        if item.text:
            why = "marked editorial in the content" if item.editorial else ""
            pieces.append(Piece(f"items[{n}].text", item.text, why))
        for m, part in enumerate(item.parts, 1):
            pieces.append(Piece(f"items[{n}].parts[{m}]", (part,)))
    for figure in poster.figures:
        pieces.append(Piece(f"figures[{figure.value}]", (f"{figure.value} {figure.label}",)))
    for group in poster.groups:
        pieces.append(Piece(f"groups[{group.title}].title", (group.title,)))
        for m, text in enumerate(group.items, 1):
            pieces.append(Piece(f"groups[{group.title}].items[{m}]", (text,)))
    return pieces


def pieces_of(name: str) -> list[Piece]:
    kind, material = content(name)
    make = {"deck": deck_pieces, "worksheet": worksheet_pieces, "poster": poster_pieces}[kind]
    found = []
    for piece in make(name, material):
        if not any(p.strip() for p in piece.paragraphs):
            continue
        if not piece.ours and (name, piece.where) in OURS:
            piece = Piece(piece.where, piece.paragraphs, OURS[name, piece.where], piece.case)
        found.append(piece)
    return found


# --- comparing -----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    status: str  # quoted, editorial, differs
    where: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Token:
    sentence: str
    marked: bool  # a "…" stands right before it
    opens: bool  # it opens a paragraph


def tokens(paragraphs) -> list[Token]:
    found, marked = [], False
    for paragraph in paragraphs:
        opens = True
        for index, part in enumerate(paragraph.split(CUT)):
            marked = marked or index > 0
            for sentence in sentences(part):
                if letters(sentence):
                    found.append(Token(sentence.strip(), marked, opens))
                    marked = opens = False
    return found


def heading(text: str) -> bool:
    """A heading of the source ("2b. Netwerkbijeenkomsten"): one short line that does
    not end a sentence. A new paragraph may start after one without a "…"."""
    text = text.strip()
    return bool(text) and "\n" not in text and len(text.split()) <= 6 and text[-1] not in ".?!:"


def longest(source: Seed, wanted: str, end: bool = False) -> int:
    """The length of the longest start (or end) of `wanted` found in the source."""
    low, high = 0, len(wanted)
    while low < high:
        mid = (low + high + 1) // 2
        if source.find(wanted[-mid:] if end else wanted[:mid]) >= 0:
            low = mid
        else:
            high = mid - 1
    return low


def occurrences(source: Seed, needle: str, limit: int = 50) -> list[int]:
    found, at = [], source.find(needle)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = source.find(needle, at + 1)
    return found


def closest(source: Seed, wanted: str) -> str:
    """Where `wanted` (letters) stops agreeing with the source, in words: the place in
    the source that agrees best with its start and its end."""
    head, tail = longest(source, wanted), longest(source, wanted, end=True)
    if max(head, tail) < 8:
        return "not in the source"
    starts = occurrences(source, wanted[:head]) if head >= 8 else []
    if tail >= 8:
        starts += [max(0, at - (len(wanted) - tail)) for at in occurrences(source, wanted[-tail:])]

    def agreement(at: int) -> float:
        window = source.letters[at : at + len(wanted) + 20]
        return difflib.SequenceMatcher(None, wanted, window, autojunk=False).ratio()

    at = max(starts, key=agreement)
    same = 0
    while same < len(wanted) and source.letters[at + same : at + same + 1] == wanted[same]:
        same += 1
    if same == 0:
        return f"closest to {source.where(at)}: «{source.excerpt(at, at + len(wanted))}»"
    return (
        f"agrees with {source.where(at)} up to «{source.excerpt(at, at + same)[-40:]}», "
        f"then the source has «{source.excerpt(at + same, at + same + 40)}»"
    )


def compare(source: Seed, piece: Piece) -> list[Finding]:
    """A finding per sentence of a quoted piece: quoted (with its place in the source)
    or differs (with what differs: a word, an unmarked cut, a "…" where nothing is cut,
    the order)."""
    shape = in_case if piece.case else (lambda text: text)
    text = shape(source.letters)
    findings, at = [], None
    for token in tokens(piece.paragraphs):
        sentence, marked = token.sentence, token.marked
        wanted = shape(letters(sentence))
        if at is not None and text.startswith(wanted, at):
            if marked:
                note = f"a “…” where the source leaves nothing out ({source.where(at)})"
                findings.append(Finding("differs", piece.where, sentence, note))
            else:
                findings.append(Finding("quoted", piece.where, sentence, source.where(at)))
            at += len(wanted)
            continue
        found = text.find(wanted, at or 0) if wanted else -1
        if found < 0:
            anywhere = text.find(wanted)
            if anywhere >= 0:
                note = f"out of the source's order (it stands at {source.where(anywhere)})"
            else:
                seen = Seed(text, source.origins, source.names, source.texts)
                note = closest(seen, wanted)
            findings.append(Finding("differs", piece.where, sentence, note))
            continue
        skipped = source.raw(at, found) if at is not None else ""
        if at is not None and not marked and not (token.opens and heading(skipped)):
            left_out = source.excerpt(at, found, 60)
            note = f"leaves out «{left_out}» ({source.where(at)}) without “…”"
            findings.append(Finding("differs", piece.where, sentence, note))
        else:
            findings.append(Finding("quoted", piece.where, sentence, source.where(found)))
        at = found + len(wanted)
    return findings


# --- table 1 --------------------------------------------------------------------------

# The extraction prints table 1 line by line, each line holding the pieces of every
# column that has text on it, left to right. Each line below is one line of the seed
# (lines 678-708, empty lines left out), split into the row title (if any) and the four
# columns with " | "; an empty piece: the column has no text on that line. "…" stands
# for an empty line inside a column: the professionals' process column is broken twice
# by one, which no other cell of the table is (the management row's process column runs
# on below the others without one), and "afleggen" after the first has lost its object:
# text is missing or out of place there, and the printed cell says so (lagen.yaml).
TABLE_1 = {
    "": [
        " | Interne en | Netwerkanalyse | Procesanalyse | Afspraken en",
        " | externe | en - bijeenkom- |  | borging",
        " | analyse | sten |  | ",
    ],
    "Bestuur": [
        "Bestuur | Voeden, | Enthousiasmeren | Vernieuwings- | Vieren, beleid in",
        " | openingen | en vertrouwen. | gerichtheid | breder perspectief",
        " | zoeken, |  | bevorderen, | plaatsen, afstem-",
        " | legitimeren, |  | meedenken, | ming intern en",
        " | waarborgen |  | voorbeeld | extern, borgen,",
        " | continuiteit |  | gedrag | evalueren",
    ],
    "Management": [
        "Management | Faciliteren, | Faciliteren, | Voortgangs- | Vieren, beleid in",
        " | enthousi- | ondersteunen bij | bewaking incl. | breder perspectief",
        " | asmeren, | richting, mede | resultaten en | plaatsen, afstem-",
        " | stimuleren, | bewaken van doel- | daadkracht, | ming intern en",
        " | vertalen in | stelling en dialoog | zorgen dat | extern, borgen,",
        " | beleidster- |  | de ‘vaart erin | evalueren",
        " | men |  | blijft’, voor- | ",
        " |  |  | beeld gedrag, | ",
        " |  |  | coachen mede- | ",
        " |  |  | werkers | ",
    ],
    "Professionals": [
        "Professionals | Signale- | Keuzes maken, | Plannen en | Doorontwikkelen,",
        " | ren, durf, | commitment, | organiseren, | cliénten blijven",
        " | initiéren, | uitvoering , | analyseren, le- | betrekken,",
        " | ontwikkelen, | onderhandelen, | ren, consolide- | evalueren en in",
        " | cliénten | communiceren | ren, resultaten | contact blijven",
        " | betrekken | en verantwoorden | beschrijven, | ",
        " |  |  | … | ",
        " |  |  | afleggen en | ",
        " |  |  | samenwerkingen | ",
        " |  |  | … | ",
        " |  |  | communiceren, | ",
        " |  |  | samenwerken | ",
    ],
}


def table_seed_lines() -> list[str]:
    """The seed's lines from the table's header to the text after it, empty lines as
    "…" (they count only inside a cell: see TABLE_1)."""
    lines = (SEEDS / GUIDE[0]).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tabel 1:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Bij de uitrol"))
    body = [line.strip() or CUT for line in lines[start:end]]
    while body and body[0] == CUT:
        body.pop(0)
    while body and body[-1] == CUT:
        body.pop()
    return body


def split_reading(line: str) -> list[str]:
    return [piece.strip() for piece in line.split(" | ")]


def joined(pieces: list[str]) -> str:
    """A column's pieces read down: a word hyphenated at the end of a line joins the
    next piece."""
    text = ""
    for piece in pieces:
        if not piece:
            continue
        if text.endswith("-") and not text.endswith(" -") and piece != CUT:
            text = text[:-1] + piece
        else:
            text = f"{text} {piece}" if text else piece
    return text


def table_reading() -> dict[str, list[str]]:
    """The text of each column per row of TABLE_1 ('' is the header row)."""
    cells = {}
    for row, lines in TABLE_1.items():
        columns = list(zip(*(split_reading(line)[1:] for line in lines), strict=True))
        cells[row] = [joined(list(column)) for column in columns]
    return cells


def same_cell(printed: str, source: str) -> bool:
    """Same letters, and the same "…" in the same places."""
    return [letters(p) for p in printed.split(CUT)] == [letters(p) for p in source.split(CUT)]


def table_findings() -> list[Finding]:
    _, sheet = content("lagen")
    table, reading, findings = sheet.table, table_reading(), []
    for column, text in zip(table.columns, reading[""], strict=True):
        status = "quoted" if same_cell(column.title, text) else "differs"
        note = "Tabel 1, header" if status == "quoted" else f"the table has «{text}»"
        findings.append(Finding(status, f"table.columns[{column.id}]", column.title, note))
    for row in table.rows:
        source = reading.get(row.title)
        if source is None:
            findings.append(Finding("differs", f"table.rows[{row.id}]", row.title, "no such row"))
            continue
        for column, cell, text in zip(table.columns, row.cells, source, strict=True):
            where = f"table.rows[{row.id}].{column.id}"
            if same_cell(cell, text):
                findings.append(Finding("quoted", where, cell, f"Tabel 1, {row.title}"))
            else:
                findings.append(Finding("differs", where, cell, f"the table has «{text}»"))
    return findings


# --- the report ----------------------------------------------------------------------


def report(name: str) -> list[Finding]:
    """What is quoted, what is editorial and what differs in one content file."""
    source, findings = seed(name), []
    for piece in pieces_of(name):
        if piece.ours:
            for paragraph in piece.paragraphs:
                findings.append(Finding("editorial", piece.where, paragraph, piece.ours))
        else:
            findings += compare(source, piece)
    if name == "lagen":
        findings += table_findings()
    return findings


def printed(name: str, findings: list[Finding]) -> str:
    counts = {s: sum(f.status == s for f in findings) for s in ("quoted", "editorial", "differs")}
    lines = [f"== {name}: " + ", ".join(f"{n} {s}" for s, n in counts.items())]
    for f in findings:
        text = f.text if len(f.text) <= 70 else f.text[:69] + CUT
        lines.append(f"  {f.status:9} {f.where:36} {text}  [{f.note}]")
    return "\n".join(lines)


@needs_seeds
@pytest.mark.parametrize("name", SOURCES)
def test_material_quotes_its_source(name):
    findings = report(name)
    print(printed(name, findings))
    assert any(f.status == "quoted" for f in findings)
    differs = [f for f in findings if f.status == "differs"]
    assert not differs, "\n".join(f"{f.where}: {f.text!r}\n    {f.note}" for f in differs)


def test_every_content_file_is_checked_and_names_its_seeds():
    names = {path.stem for path in (REPO / "content").glob("*.yaml")}
    assert names == set(SOURCES)
    for name, files in SOURCES.items():
        header = (REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8")
        header = header.split("\ntype:")[0]
        assert header.startswith("# ") and "Source:" in header, name
        for file in files:
            assert file in header, f"{name}: the header should name {file}"


def test_the_ours_list_names_only_what_exists():
    where = {(name, piece.where) for name in SOURCES for piece in pieces_of(name)}
    assert set(OURS) <= where, set(OURS) - where


def test_a_printed_source_says_only_what_is_known():
    for name in SOURCES:
        _, material = content(name)
        assert not re.search(r"\bniet\b|onbekend|beschikbare tekst|ontbr", material.source), name


GOLDEN = Path(__file__).parent / "golden"


def test_every_material_prints_its_source():
    """Each deck, worksheet and poster of the default build shows "Bron: <its source>"
    (tests/golden holds the text of every page, kept in step by test_golden)."""
    printed_files = {path.stem: path for path in GOLDEN.glob("*.txt")}
    assert len(printed_files) >= 16
    for stem, path in printed_files.items():
        name = re.sub(r"^poster-(.*)-a\d$", r"\1", stem)
        names = [n for n in SOURCES if n.startswith("fase-")] if name == "werkbladen" else [name]
        text = letters(path.read_text(encoding="utf-8"))
        for each in names + (["aspecten", "lagen"] if name == "werkbladen" else []):
            source = letters("Bron: " + content(each)[1].source)
            assert source in text, f"{stem}: no 'Bron: ...' for {each}"


# --- the checks fail where they should -------------------------------------------------


@needs_seeds
def test_a_changed_word_differs():
    piece = Piece("x", ("Vertrouwen is meer dan elkaar kennen.",))
    assert [f.status for f in compare(seed("vijf-vs"), piece)] == ["quoted"]
    changed = Piece("x", ("Vertrouwen is veel meer dan elkaar kennen.",))
    [finding] = compare(seed("vijf-vs"), changed)
    assert finding.status == "differs" and "then the source has «meer dan" in finding.note


@needs_seeds
@pytest.mark.parametrize("name", SOURCES)
def test_a_changed_word_in_any_quote_differs(name):
    """In every material, each quoted text fails once one of its words is changed."""
    source = seed(name)
    for piece in pieces_of(name):
        if piece.ours:
            continue
        words = re.findall(r"[^\W\d_]{4,}", " ".join(piece.paragraphs))
        if not words:
            continue
        word = max(words, key=len)
        changed = [p.replace(word, word[:-1] + "x", 1) for p in piece.paragraphs]
        changed = Piece(piece.where, tuple(changed), case=piece.case)
        assert "differs" in [f.status for f in compare(source, changed)], (piece.where, word)


@needs_seeds
def test_a_cut_must_be_marked_and_a_mark_must_be_a_cut():
    source = seed("vijf-vs")
    first = "Vertrouwen is meer dan elkaar kennen."
    third = "De laatste V staat voor Vrijheid."
    unmarked = compare(source, Piece("x", (first, third)))
    assert [f.status for f in unmarked] == ["quoted", "differs"]
    assert "without “…”" in unmarked[1].note
    marked = compare(source, Piece("x", (first, f"{CUT} {third}")))
    assert [f.status for f in marked] == ["quoted", "quoted"]
    second = "Vertrouwen, het geloven en het verwachten dat anderen wenselijke acties uitvoeren,"
    needless = compare(source, Piece("x", (f"{first} {CUT} {second}",)))
    assert [f.status for f in needless] == ["quoted", "differs"]


@needs_seeds
def test_the_worked_case_is_read_through_its_ocr_errors():
    line = "Om de ‘follow up’ van dit project te borgen kiest men voor het (tijdelijk) inzetten"
    assert [f.status for f in compare(seed("fase-4"), Piece("x", (line,), case=True))] == ["quoted"]
    assert compare(seed("fase-4"), Piece("x", (line,)))[0].status == "differs"


@needs_seeds
def test_table_1_reading_is_the_seed_line_for_line():
    """Each line of TABLE_1, its pieces put side by side, is the seed's line: the reading
    only says which piece belongs to which column."""
    reading = [
        " ".join(p for p in split_reading(line) if p)
        for lines in TABLE_1.values()
        for line in lines
    ]
    assert reading == [" ".join(line.split()) for line in table_seed_lines()]
    assert reading.count(CUT) == 2  # the table's only empty lines, both in one cell


@needs_seeds
def test_a_changed_table_cell_differs():
    reading = table_reading()
    assert reading["Bestuur"][1] == "Enthousiasmeren en vertrouwen."
    assert not same_cell("Enthousiasmeren en vertrouwen bevorderen", reading["Bestuur"][1])
    assert same_cell("Enthousiasmeren en vertrouwen", reading["Bestuur"][1])  # letters only


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SOURCES):
        print(printed(name, report(name)))
