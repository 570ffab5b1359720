"""Answers from a form's CSV export (Google Forms, or Microsoft Forms saved from Excel as
CSV), read with a small YAML mapping that says which column holds what:

    columns:
      timestamp: Tijdstempel          # when the row was submitted
      deck: Kaartspel                 # deck, card, team (and session) as the link
      card: Kaart                     # prefilled them
      team: Team                      # 3 or "Team 3"
      session: Sessie                 # optional: without it every row is --session's
      questions: [Vraag 1, Vraag 2]   # optional: the n-th answers the card's n-th question
      vote: Stem                      # optional: a success factor's vote ...
      comment: Toelichting            # ... and its comment
    votes: {ja: Ja, twijfel: Twijfel, nee: Nee}   # the form's words for each colour
    timestamp_format: "%d-%m-%Y %H:%M"   # optional (strptime); default: ISO 8601 and
    timezone: Europe/Amsterdam           # the exports' usual forms; default UTC

The delimiter (',', ';' or tab) is the one whose header holds the mapped columns
(csv.Sniffer's guess tried first); UTF-8 with or without a byte order mark. Rows are
versioned per session, deck, card and team in timestamp order, like the server does.
Every problem is reported with file, line and column, all at once (up to MAX_PROBLEMS).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError, Problem
from ..kinds.deck.content import Deck
from ..kit.schema import Field, ListOf, Record, Text, validate
from ..kit.yamlfile import load_yaml
from .model import COMMENT, MAX_ANSWER, VOTE, Submission
from .votes import VOTE_VALUES

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_PROBLEMS = 50  # a file that is wrong on every row is wrong for one reason or two
DELIMITERS = (",", ";", "\t")
FORMATS = (  # tried in order when the mapping gives no timestamp_format
    "%Y/%m/%d %I:%M:%S %p",  # Google Forms: 2026/11/23 2:05:31 PM GMT+1
    "%Y/%m/%d %H:%M:%S",
    "%d-%m-%Y %H:%M:%S",  # Excel, Dutch: 23-11-2026 14:05:31
    "%d-%m-%Y %H:%M",
)
OFFSET = re.compile(r"\s+(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$")
TEAM = re.compile(r"(?:team\s*)?(\d{1,3})", re.IGNORECASE)

WORDS = ListOf(Text(), min_items=1, text_alone=True)
COLUMNS = Record(
    {
        "timestamp": Field(Text()),
        "deck": Field(Text()),
        "card": Field(Text()),
        "team": Field(Text()),
        "session": Field(Text(), default=None),
        "questions": Field(ListOf(Text()), default=()),
        "vote": Field(Text(), default=None),
        "comment": Field(Text(), default=None),
    },
    make=dict,
)
MAPPING_FILE = Record(
    {
        "columns": Field(COLUMNS),
        "votes": Field(Record({c: Field(WORDS) for c in VOTE_VALUES}, make=dict), default=None),
        "timestamp_format": Field(Text(), default=None),
        "timezone": Field(Text(), default="UTC"),
    },
    make=dict,
)


@dataclass(frozen=True)
class Mapping:
    columns: dict  # role -> column name; questions -> tuple of names
    votes: dict[str, str]  # the form's word (lower case) -> ja, twijfel or nee
    timestamp_format: str | None
    zone: object  # tzinfo of timestamps written without an offset


def load_mapping(path: Path, shown: str) -> Mapping:
    raw = load_yaml(path, shown)
    values = validate(MAPPING_FILE, raw, shown)
    problems = []
    columns = values["columns"]
    if columns["vote"] and values["votes"] is None:
        problems.append(_at(raw, "votes", "missing key 'votes' (the form's word per colour)"))
    try:
        zone = ZoneInfo(values["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            _at(
                raw,
                "timezone",
                f"unknown time zone '{values['timezone']}'; expected "
                "a name such as Europe/Amsterdam or UTC",
            )
        )
    if problems:
        raise InputError(problems)
    votes = {w.lower(): c for c, words in (values["votes"] or {}).items() for w in words}
    columns["questions"] = tuple(columns["questions"])
    return Mapping(columns, votes, values["timestamp_format"], zone)


def _at(raw, key: str, message: str) -> Problem:
    mark = raw.mark_of(key)
    return Problem(mark.file, mark.line, key, message)


def read_answers(
    csv_path: Path, mapping: Mapping, session: str, decks: dict[str, Deck], shown: str
) -> list[Submission]:
    """The submissions of `session` in the CSV, checked against the kit's decks."""
    text = _read(csv_path, shown)
    rows = _Rows(text, mapping, shown)
    reader = _Reader(mapping, session, decks, shown, rows.header)
    for line, row in rows:
        reader.row(line, row)
    if reader.problems:
        raise InputError(_capped(reader.problems, shown))
    return _versioned(reader.found)


def _read(path: Path, shown: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _error(shown, None, "file not found") from None
    except IsADirectoryError:
        raise _error(shown, None, "expected a CSV file, found a folder") from None
    except OSError as exc:
        raise _error(shown, None, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _error(shown, None, f"expected at most {MAX_BYTES:,} bytes (10 MiB) of CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            shown, line, f"not UTF-8 text ({exc.reason}); in Excel save as 'CSV UTF-8'"
        ) from None


def _error(shown: str, line: int | None, message: str, column: str = "") -> InputError:
    return InputError([Problem(shown, line, column, message)])


class _Rows:
    """The header and the rows of the CSV, each with the line it starts on."""

    def __init__(self, text: str, mapping: Mapping, shown: str):
        self.text, self.shown = text, shown
        wanted = [c for c in mapping.columns.values() if isinstance(c, str)]
        wanted += list(mapping.columns["questions"])
        best = None
        for delimiter in self._candidates():
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
            missing = [c for c in wanted if c not in header]
            if best is None or len(missing) < len(best[2]):
                best = (delimiter, header, missing)
        self.delimiter, self.header, missing = best
        if missing:
            found = ", ".join(f"'{h}'" for h in self.header[:12]) or "nothing"
            raise InputError(
                [
                    Problem(shown, 1, name, f"no column '{name}' in the header; found {found}")
                    for name in missing
                ]
            )

    def _candidates(self) -> list[str]:
        try:
            sniffed = csv.Sniffer().sniff(self.text[:65536], delimiters="".join(DELIMITERS))
            return [sniffed.delimiter, *DELIMITERS]
        except csv.Error:  # no consistent guess: the header decides below
            return list(DELIMITERS)

    def __iter__(self):
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        start, count = 1, 0
        try:
            next(reader)
            start = reader.line_num + 1
            for row in reader:
                count += 1
                if count > MAX_ROWS:
                    raise _error(self.shown, start, f"expected at most {MAX_ROWS:,} rows")
                yield start, row
                start = reader.line_num + 1
        except csv.Error as exc:
            raise _error(self.shown, start, f"malformed CSV: {exc}") from None


class _Reader:
    """Turns checked rows into (timestamp, order, Submission without version)."""

    def __init__(self, mapping: Mapping, session: str, decks, shown: str, header):
        self.mapping, self.session, self.decks, self.shown = mapping, session, decks, shown
        self.index = {name: i for i, name in reversed(list(enumerate(header)))}
        self.width = len(header)
        self.problems: list[Problem] = []
        self.found: list[tuple[datetime, int, Submission]] = []

    def fail(self, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, column, message))

    def value(self, row: list[str], role: str) -> str:
        name = self.mapping.columns[role]
        return row[self.index[name]].strip() if name else ""

    def row(self, line: int, row: list[str]) -> None:
        if not any(cell.strip() for cell in row):
            return  # a blank line
        if len(row) != self.width:
            self.fail(line, "", f"expected {self.width} fields as in the header, found {len(row)}")
            return
        session = self.value(row, "session") if self.mapping.columns["session"] else self.session
        if session != self.session:
            if not session:
                self.fail(line, self.mapping.columns["session"], "expected a session, found none")
            return
        before = len(self.problems)
        deck, card = self._card(line, row)
        team, moment = self._team(line, row), self._timestamp(line, row)
        answers = self._answers(line, row, deck, card)
        if len(self.problems) == before:
            item = Submission(session, deck.name, card, team, 0, moment, answers)
            self.found.append((moment, line, item))

    def _card(self, line: int, row: list[str]) -> tuple[Deck | None, str]:
        name, card = self.value(row, "deck"), self.value(row, "card")
        deck = self.decks.get(name)
        if deck is None:
            known = ", ".join(self.decks)
            self.fail(
                line,
                self.mapping.columns["deck"],
                f"expected a deck of the kit ({known}), found '{name}'",
            )
            return None, card
        ids = [c.id for c in deck.cards if c.answerable]
        if card not in ids:
            self.fail(
                line,
                self.mapping.columns["card"],
                f"expected a question card of deck '{name}' ({ids[0]}, ...), found '{card}'",
            )
        return deck, card

    def _team(self, line: int, row: list[str]) -> int:
        value = self.value(row, "team")
        match = TEAM.fullmatch(value)
        if match is None or not 1 <= int(match.group(1)) <= 200:
            self.fail(
                line,
                self.mapping.columns["team"],
                f"expected a team number from 1 to 200, found '{value}'",
            )
            return 0
        return int(match.group(1))

    def _timestamp(self, line: int, row: list[str]) -> datetime:
        value = self.value(row, "timestamp")
        moment = parse_timestamp(value, self.mapping)
        if moment is None:
            shown = self.mapping.timestamp_format or "2026-11-23 14:05:31"
            self.fail(
                line,
                self.mapping.columns["timestamp"],
                f"expected a date and time such as {shown}, found '{value}'; "
                f"set timestamp_format in the mapping",
            )
            return datetime.min.replace(tzinfo=UTC)
        return moment

    def _answers(self, line: int, row: list[str], deck: Deck | None, card: str) -> tuple:
        found = [c for c in deck.cards if c.id == card and c.answerable] if deck else []
        if not found:
            return ()  # an unknown deck or card is reported once, not per answer
        questions = found[0].questions
        answers = []
        for n, column in enumerate(self.mapping.columns["questions"]):
            value = self._text(line, row, column)
            if value and n >= len(questions):
                self.fail(
                    line,
                    column,
                    f"card '{card}' has {len(questions)} question(s); "
                    f"expected no answer in this column",
                )
            elif value:
                answers.append((questions[n], value))
        vote = self.value(row, "vote")
        if vote:
            answers.insert(0, (VOTE, self._vote(line, vote, deck)))
        comment = self._text(line, row, self.mapping.columns["comment"])
        if comment:
            answers.append((COMMENT, comment))
        return tuple(answers)

    def _text(self, line: int, row: list[str], column: str | None) -> str:
        value = row[self.index[column]].strip() if column else ""
        if len(value) > MAX_ANSWER:
            self.fail(
                line, column, f"expected at most {MAX_ANSWER} characters, found {len(value):,}"
            )
        return value

    def _vote(self, line: int, vote: str, deck: Deck) -> str:
        column = self.mapping.columns["vote"]
        if not deck.responses:
            self.fail(
                line,
                column,
                f"deck '{deck.name}' has no response cards; expected no vote, found '{vote}'",
            )
        colour = self.mapping.votes.get(vote.lower())
        if colour is None:
            known = ", ".join(f"'{w}'" for w in self.mapping.votes)
            self.fail(
                line, column, f"expected one of {known} (votes in the mapping), found '{vote}'"
            )
        return colour or ""


def parse_timestamp(value: str, mapping: Mapping) -> datetime | None:
    """A timestamp as the form wrote it, in UTC; a 'GMT+1' suffix is the offset."""
    zone = mapping.zone
    match = OFFSET.search(value)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        zone = timezone(-delta if sign == "-" else delta)
        value = value[: match.start()]
    moment = _parse(value, mapping.timestamp_format)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _parse(value: str, given: str | None) -> datetime | None:
    parsers = [lambda v: datetime.strptime(v, given)] if given else [datetime.fromisoformat]
    parsers += [] if given else [lambda v, f=f: datetime.strptime(v, f) for f in FORMATS]
    for parse in parsers:
        try:
            return parse(value)
        except ValueError:
            continue
    return None


def _versioned(found: list[tuple[datetime, int, Submission]]) -> list[Submission]:
    """Version 1, 2, ... per session, deck, card and team, oldest first."""
    counts: dict[tuple, int] = {}
    result = []
    for _, _, item in sorted(found, key=lambda f: (f[0], f[1])):
        key = (item.session, item.material, item.form, item.team)
        counts[key] = counts.get(key, 0) + 1
        result.append(Submission(**{**item.__dict__, "version": counts[key]}))
    return result


def _capped(problems: list[Problem], shown: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    tail = Problem(shown, None, "", f"and {more:,} more problem(s) not shown")
    return [*problems[:MAX_PROBLEMS], tail]
