"""A session's answers as a spreadsheet file: `workshop answers export` and the board's
download.

One row per answer of every version, as a trainer reads it: the card's (or worksheet's)
number and title, the question's text, the team, the version and the local time with
its offset, sorted as printed (the kit's materials in order, each card in its deck's
order, then team, version). Two formats:

- `excel` (the default): `;` between cells and a UTF-8 byte order mark, so that Excel
  with Dutch settings opens it by double-click with its columns and accents right;
- `csv`: plain RFC 4180, commas, no byte order mark.

Both end lines with CRLF and quote every cell that holds a separator, a quote or a line
break. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and
a file opened with another separator than it was written with (`,` in a `;` file) or
split at a line break starts a cell in the middle of an answer: every place where a
separator or a line break could start a cell gets a `'` before such a character
(`inert`), so the file shows no formula whichever way it is read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo

from .forms import Form
from .model import COMMENT, VOTE, Submission

EXCEL = "excel"
CSV = "csv"
FORMATS = (EXCEL, CSV)
MEDIA_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    bom: bool


DIALECTS = {EXCEL: Dialect(";", bom=True), CSV: Dialect(",", bom=False)}


@dataclass(frozen=True)
class ExportWords:
    columns: tuple[str, ...]  # the header row
    vote: str  # the question of a success factor's vote
    comment: str  # ... and of its comment


WORDS = {
    "nl": ExportWords(
        ("sessie", "materiaal", "nummer", "titel", "team", "vraag", "antwoord", "versie", "tijd"),
        vote="Stem",
        comment="Toelichting bij de stem",
    ),
    "en": ExportWords(
        (
            *("session", "material", "number", "title", "team"),
            *("question", "answer", "version", "time"),
        ),
        vote="Vote",
        comment="Comment on the vote",
    ),
}

# what a spreadsheet takes as the start of a formula, after any blanks or quotes before
# it (and their full-width forms, which some spreadsheets read as the same)
_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# where a reader may start a new cell: a separator (`,` `;` tab) or a line break, CR and
# LF and the other characters str.splitlines() breaks at
_BREAKS = ",;\t\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_FRAGMENT = re.compile(f'(^|[{re.escape(_BREAKS)}])([ "]*)')


def inert(value: str) -> str:
    """`value` with a `'` at the start of every fragment a reader could make a cell of
    (the start, and after each separator or line break) that would begin with a
    formula character, a tab or a CR; blanks and quotes before it do not save it."""

    def guard(match: re.Match) -> str:
        start, blanks = match.group(1), match.group(2)
        rest = value[match.end() :]
        risky = rest.startswith(_FORMULA) or (not blanks and rest.startswith(("\t", "\r")))
        return f"{start}'{blanks}" if risky else match.group(0)

    return _FRAGMENT.sub(guard, value)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    # one line break inside a cell, as spreadsheets write it (a phone sends CRLF)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return inert(text)


def rows(
    submissions: Iterable[Submission],
    forms: Mapping[tuple[str, str], Form],
    language: str = "nl",
    zone: tzinfo | None = None,
) -> list[tuple]:
    """The export's rows (without the header), sorted as printed; `zone` is the time
    zone the times are shown in (default: this machine's)."""
    words = WORDS.get(language, WORDS["nl"])
    order = {key: index for index, key in enumerate(forms)}
    found = []
    for item in submissions:
        form = forms.get((item.material, item.form))
        when = _local(item.submitted_at, zone)
        place = _place(order, item)
        for index, (question, answer) in enumerate(item.answers):
            asked, said = _labelled(form, question, answer, words)
            found.append(
                (
                    (place, item.team, item.version, index),
                    (
                        item.session,
                        item.material,
                        form.number if form else None,
                        form.title if form else item.form,
                        item.team,
                        asked,
                        said,
                        item.version,
                        when,
                    ),
                )
            )
    found.sort(key=lambda pair: pair[0])
    return [row for _, row in found]


def write(
    submissions: Iterable[Submission],
    forms: Mapping[tuple[str, str], Form],
    out,
    fmt: str = EXCEL,
    language: str = "nl",
    zone: tzinfo | None = None,
) -> int:
    """Write the export to the text stream `out` (opened with newline=""); the number
    of answer rows."""
    dialect = DIALECTS[fmt]
    words = WORDS.get(language, WORDS["nl"])
    if dialect.bom:
        out.write(BOM)
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow(words.columns)
    count = 0
    for row in rows(submissions, forms, language, zone):
        writer.writerow([_cell(value) for value in row])
        count += 1
    return count


def encoded(
    submissions: Iterable[Submission],
    forms: Mapping[tuple[str, str], Form],
    fmt: str = EXCEL,
    language: str = "nl",
    zone: tzinfo | None = None,
) -> tuple[bytes, int]:
    """The export as the bytes of a file (UTF-8), and its number of answer rows."""
    out = io.StringIO(newline="")
    count = write(submissions, forms, out, fmt, language, zone)
    return out.getvalue().encode("utf-8", errors="replace"), count


def file_name(session: str) -> str:
    return f"antwoorden-{session}.csv"


def _local(when, zone: tzinfo | None) -> str:
    """The time in `zone` (this machine's by default) with its offset; a time no local
    calendar can show (a database edited by hand: year 1 or 9999) as it is, in UTC."""
    try:
        return when.astimezone(zone).isoformat(sep=" ", timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return when.isoformat(sep=" ", timespec="seconds")


def _place(order: Mapping[tuple[str, str], int], item: Submission) -> tuple:
    """Where a form comes in the printed order; a form the kit no longer lists after
    every listed one, by material and then its id with numbers in number order."""
    index = order.get((item.material, item.form))
    if index is not None:
        return (0, index, ())
    return (1, 0, (_natural(item.material), _natural(item.form)))


def _natural(text: str) -> tuple:
    """factor-2 before factor-12."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _labelled(form: Form | None, key: str, answer: str, words: ExportWords) -> tuple[str, str]:
    """What a stored (key, answer) reads as: the question's text and the answer, a vote
    as the deck's word for it."""
    if form is not None and form.voting and key == VOTE:
        choice = {c.value: c.word for c in form.choices}
        return words.vote, choice.get(answer, answer)
    if form is not None and form.voting and key == COMMENT:
        return words.comment, answer
    if form is None and key in (VOTE, COMMENT):
        return (words.vote if key == VOTE else words.comment), answer
    return (form.label(key) if form else key), answer
