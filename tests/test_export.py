"""`workshop answers export` and the board's download: a file Dutch Excel opens by
double-click (`;`, a UTF-8 byte order mark), one row per answer with the card's number
and title, the question's text and the local time, sorted as printed; and no formula,
whichever separator or line break a reader splits at."""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.answers import export
from generator.answers.links import Target
from generator.answers.model import COMMENT, VOTE
from generator.answers.store import Store, default_url
from generator.cli.main import cli
from tests.conftest import edit_kit, run
from tests.serverkit import TOKEN, serve_kit

FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# answers a hostile team types: each would run as a formula in a cell of its own
HOSTILE = (
    "ok;=cmd|' /C calc'!A0;",  # Dutch Excel splits at ';': the second cell a live formula
    "ok,=cmd|' /C calc'!A0,",  # ... and a reader with ',' at the comma
    'eerste regel\r=HYPERLINK("http://example.org";"klik")',  # a bare CR splits the row
    "regel\n+31 6 12345678",
    "regel\r\n-2+3",
    "tab\t@SUM(A1:A9)",
    "=1+1",
    "  =1+1",  # blanks before it
    '"=1+1"',  # a quote before it
    "\t=1+1",
    "\r=1+1",
    "x;\t=1+1",
    "x;;;=1+1",
    "x,;\t\r\n=1+1",
    "\uff1d1+1",  # a full-width equals sign
    "regel\u2028=1+1",  # a line separator: str.splitlines() breaks there
    "-",
    "@",
)
ELEMENT = Target("open", "elementen", "element-3", 1)
QUESTION = "Wordt er geïnvesteerd in de werkrelaties tussen professionals?"


def _store(kit, items) -> None:
    store = Store(default_url(kit))
    for target, answers in items:
        store.add(target, answers)
    store.close()


def _export(kit, *options) -> tuple[bytes, str]:
    result = run(["answers", "export", "--session", "open", *options], kit)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes, result.stderr


def _fragments(text: str):
    """Every piece of `text` a reader could make a cell of: split at any line break (CR,
    LF, CRLF, and what str.splitlines() breaks at), then at `;`, `,`, tab or all three."""
    for line in [*re.split(r"\r\n|\r|\n", text), *text.splitlines()]:
        for separators in (";", ",", "\t", ",;\t"):
            yield from re.split(f"[{separators}]", line)


def _live(fragment: str) -> bool:
    """A fragment a spreadsheet would run: starting with a formula character (after any
    blanks or quotes), or with a tab or CR."""
    return fragment.lstrip(' "').startswith(FORMULA) or fragment.startswith(("\t", "\r"))


def _no_formula_whichever_way_read(text: str) -> None:
    for fragment in _fragments(text):
        assert not _live(fragment), repr(fragment)
    for delimiter in (";", ","):  # a spreadsheet's CSV reader, quotes honoured
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in row:
                for piece in _fragments(cell):
                    assert not _live(piece), (delimiter, repr(cell))


@pytest.fixture
def amsterdam(monkeypatch):
    """This machine's local time is Dutch time."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield ZoneInfo("Europe/Amsterdam")
    monkeypatch.undo()
    time.tzset()


# --- opened by Dutch Excel ---------------------------------------------------------------


def test_the_export_opens_in_dutch_excel_with_its_columns_and_accents_right(kit):
    _store(kit, [(ELEMENT, [(QUESTION, "Korte lijnen, één aanspreekpunt; elke week")])])
    data, stderr = _export(kit)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 without it as Latin-1
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    header, row = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert header == [
        *("sessie", "materiaal", "nummer", "titel", "team"),
        *("vraag", "antwoord", "versie", "tijd"),
    ]
    assert row[:8] == [
        *("open", "elementen", "3", "Vertrouwen en respect", "1"),
        *(QUESTION, "Korte lijnen, één aanspreekpunt; elke week", "1"),
    ]
    assert "1 answers exported" in stderr


def test_format_csv_is_plain_rfc_4180_with_commas(kit):
    _store(kit, [(ELEMENT, [(QUESTION, "Korte lijnen, één aanspreekpunt")])])
    data, _ = _export(kit, "--format", "csv")
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert text.startswith("sessie,materiaal,nummer,titel,team,vraag,antwoord,versie,tijd\r\n")
    assert ',"Korte lijnen, één aanspreekpunt",1,' in text
    result = run(["answers", "export", "--session", "open", "--format", "xlsx"], kit)
    assert result.exit_code == 2 and "'excel'" in result.output and "'csv'" in result.output


def test_rows_are_sorted_as_printed_with_votes_and_comments_in_words(kit):
    factor = lambda n, team: Target("open", "succesfactoren", f"factor-{n}", team)  # noqa: E731
    _store(
        kit,
        [
            (factor(12, 1), [(VOTE, "nee")]),
            (factor(2, 2), [(VOTE, "ja")]),
            (factor(2, 1), [(VOTE, "twijfel"), (COMMENT, "Weten we niet")]),
            (factor(2, 1), [(VOTE, "ja")]),
            (Target("open", "fase-1", "fase-1", 1), [("1a-ambitie", "Samen")]),
            (ELEMENT, [(QUESTION, "Ja")]),
            (factor(1, 3), [(VOTE, "nee")]),
        ],
    )
    data, _ = _export(kit)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    durf = ["succesfactoren", "2", "Durf en pioniersgeest"]
    assert [r[1:8] for r in rows] == [  # the kit's order: elementen, succesfactoren, fase-1
        ["elementen", "3", "Vertrouwen en respect", "1", QUESTION, "Ja", "1"],
        ["succesfactoren", "1", "(Overeenstemming over) visie en doelen", "3", "Stem", "Nee", "1"],
        [*durf, "1", "Stem", "Twijfel", "1"],
        [*durf, "1", "Toelichting bij de stem", "Weten we niet", "1"],
        [*durf, "1", "Stem", "Ja", "2"],
        [*durf, "2", "Stem", "Ja", "1"],
        ["succesfactoren", "12", "Reflectie", "1", "Stem", "Nee", "1"],  # not after factor-1
        ["fase-1", "1", "Externe en interne analyse", "1", "Wat is de ambitie?", "Samen", "1"],
    ]


def test_times_are_local_with_their_offset(kit, amsterdam):
    _store(kit, [(ELEMENT, [(QUESTION, "Ja")])])
    data, _ = _export(kit)
    (row,) = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    shown = row[8]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d:\d\d", shown), shown
    when = datetime.fromisoformat(shown)
    assert when.utcoffset() == amsterdam.utcoffset(when.replace(tzinfo=None))
    assert when.utcoffset() in (timedelta(hours=1), timedelta(hours=2))  # not UTC


def test_answers_of_cards_the_kit_no_longer_lists_come_last_in_number_order(kit):
    gone = lambda card: Target("open", "oud-spel", card, 1)  # noqa: E731
    _store(
        kit,
        [
            (gone("kaart-12"), [("Vraag", "b")]),
            (gone("kaart-2"), [("Vraag", "a")]),
            (ELEMENT, [(QUESTION, "c")]),
        ],
    )
    data, _ = _export(kit)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [(r[1], r[2], r[3], r[5], r[6]) for r in rows] == [
        ("elementen", "3", "Vertrouwen en respect", QUESTION, "c"),
        ("oud-spel", "", "kaart-2", "Vraag", "a"),
        ("oud-spel", "", "kaart-12", "Vraag", "b"),
    ]


# --- no formula, whichever way the file is read --------------------------------------------


@pytest.mark.parametrize("fmt", ["excel", "csv"])
def test_no_answer_becomes_a_formula_whichever_separator_or_line_break_is_read(kit, fmt):
    _store(kit, [(ELEMENT, [(f"{QUESTION} {i}", answer)]) for i, answer in enumerate(HOSTILE)])
    data, _ = _export(kit, *(("--format", fmt) if fmt != "excel" else ()))
    text = data.decode("utf-8-sig")
    _no_formula_whichever_way_read(text)
    # every answer is a row of its own, its line breaks quoted inside its cell
    delimiter = ";" if fmt == "excel" else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[1:]
    assert len(rows) == len(HOSTILE) and {len(r) for r in rows} == {9}
    for row, answer in zip(rows, HOSTILE, strict=True):
        shown = row[6]
        # what the team wrote is all there, with a ' before what would start a formula
        # and its line breaks as a spreadsheet writes them in a cell
        wrote = answer.replace("\r\n", "\n").replace("\r", "\n")
        assert shown.replace("'", "") == wrote.replace("'", ""), (shown, answer)


def test_the_board_download_is_inert_too(kit):
    served = serve_kit(kit)
    for i, answer in enumerate(HOSTILE):
        served.store.add(ELEMENT, [(f"{QUESTION} {i}", answer)])
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    for fmt in ("", "?format=csv"):
        data = trainer.get(f"/board/export.csv{fmt}").get_data()
        _no_formula_whichever_way_read(data.decode("utf-8-sig"))
    served.store.close()


def test_a_bare_cr_is_quoted_and_does_not_split_the_row(kit):
    _store(kit, [(ELEMENT, [(QUESTION, "eerste\rtweede\r=1+1")])])
    data, _ = _export(kit)
    text = data.decode("utf-8-sig")
    assert '"eerste\ntweede\n\'=1+1"' in text
    assert text.count("\r\n") == 2 and "\r" not in text.replace("\r\n", "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gewoon", "gewoon"),
        ("=1+1", "'=1+1"),
        ("ok;=cmd", "ok;'=cmd"),
        ("a, -1", "a,' -1"),
        ("a\n@x", "a\n'@x"),
        ("\t=1", "'\t'=1"),
        ("e-mail", "e-mail"),  # a minus inside a word starts nothing
        ("1-2", "1-2"),
        ("", ""),
    ],
)
def test_inert_puts_a_quote_before_every_fragment_that_could_start_a_formula(value, expected):
    assert export.inert(value) == expected


def test_a_kit_whose_content_cannot_be_read_still_exports_with_ids(kit):
    _store(kit, [(ELEMENT, [(QUESTION, "Ja")])])
    (kit / "content" / "elementen.yaml").write_text("cards: [", encoding="utf-8")
    result = run(["answers", "export", "--session", "open"], kit)
    assert result.exit_code == 0, result.output
    assert "warning: cards and questions are written as stored (ids)" in result.stderr
    assert "elementen.yaml" in result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1:7] == ["elementen", "", "element-3", "1", QUESTION, "Ja"]


def test_the_export_is_utf_8_whatever_the_terminal_encoding(kit, monkeypatch):
    _store(kit, [(ELEMENT, [(QUESTION, "één ✓ 🙂")])])
    monkeypatch.chdir(kit)
    runner = CliRunner(charset="cp1252")  # a Windows console
    result = runner.invoke(cli, ["answers", "export", "--session", "open"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "één ✓ 🙂" in result.stdout_bytes.decode("utf-8-sig")


def test_english_kits_get_english_headers(kit):
    edit_kit(kit, language="en")
    _store(kit, [(Target("open", "succesfactoren", "factor-1", 1), [(VOTE, "ja")])])
    data, _ = _export(kit, "--format", "csv")
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert header[:6] == ["session", "material", "number", "title", "team", "question"]
    assert row[5:7] == ["Vote", "Ja"]  # the deck's own word for it
