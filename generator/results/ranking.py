"""The ranking page of a deck with response cards: its factors, most `nee` first, with
a column per team showing that team's vote as a coloured mark with its symbol (so it
reads without colour vision), and the tallies per colour.

Rows that do not fit go on to a next page; teams that do not fit beside the factor's
title go on to a next part of the ranking (the tallies always count every team).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from ..answers.votes import NEE
from ..kinds.deck.content import Deck, Response, votes_of
from ..kit.styles import TextStyle
from ..kit.units import MM
from ..print import symbols, text
from .look import Look, one_line

NUMBER = 9 * MM  # the factor's number
TEAM = 8.5 * MM  # one team's vote
TOTAL = 10 * MM  # one colour's tally
TITLE_MIN = 50 * MM  # the factor's title, at least
MARK = 5.5 * MM
PAD = 1.8 * MM  # above and below a row's content
HEAD = 13 * MM  # the table's header row
TOP = 24 * MM  # heading, note and legend above the table
TITLE = TextStyle("regular", 9.5, 8, 1.2, "text", "left")


def ranking_pages(look: Look, deck: Deck, rows, teams: list[int], frame) -> list:
    """The flowables of a deck's ranking (FactorRows, in order): one full page each."""
    per_part = max(1, int((frame._width - NUMBER - TITLE_MIN - 3 * TOTAL) // TEAM))
    parts = [teams[i : i + per_part] for i in range(0, len(teams), per_part)] or [[]]
    pages = []
    for part in parts:
        table = RankingTable(look, deck, rows, part, frame._width, len(parts) > 1)
        for chunk in table.pages(frame._height):
            pages += [RankingPage(table, chunk), PageBreak()]
    return pages


class RankingTable:
    """The columns of one part of a ranking and the height of each row."""

    def __init__(self, look: Look, deck: Deck, rows, teams, width: float, split: bool):
        self.look, self.deck, self.rows, self.teams, self.width = look, deck, rows, teams, width
        self.votes = votes_of(deck)
        self.title_width = width - NUMBER - len(teams) * TEAM - 3 * TOTAL
        self.fitted = [self._title(row) for row in rows]
        self.heights = [max(f.height, MARK) + 2 * PAD for f in self.fitted]
        said = look.words.results
        self.heading = f"{said.ranking}: {look.clean(deck.title)}"
        if split and teams:
            self.heading += f" ({said.teams_part.format(first=teams[0], last=teams[-1])})"

    def _title(self, row):
        block = text.Block(self.look.clean(row.card.title))
        return text.fit(
            [block],
            TITLE,
            self.look.colour("text"),
            self.look.fonts,
            self.title_width - 2 * MM,
            10_000,
            self.look.words.hyphenation,
        )

    def pages(self, height: float) -> list[list[int]]:
        """Row indexes per page, as many rows as fit below the header each time."""
        pages, current, used = [], [], TOP + HEAD
        for index, row_height in enumerate(self.heights):
            if current and used + row_height > height:
                pages.append(current)
                current, used = [], TOP + HEAD
            current.append(index)
            used += row_height
        return [*pages, current]


class RankingPage(Flowable):
    """One page of a ranking, drawn straight on the canvas."""

    def __init__(self, table: RankingTable, rows: list[int]):
        super().__init__()
        self.table, self.row_indexes = table, rows

    def wrap(self, available_width, available_height):
        self.size = (available_width, available_height)
        return self.size

    def draw(self) -> None:
        canvas, look, table = self.canv, self.table.look, self.table
        top = self.size[1]
        _top_block(canvas, look, table, top)
        y = top - TOP
        _header_row(canvas, look, table, y)
        y -= HEAD
        for index in self.row_indexes:
            _row(canvas, look, table, index, y)
            y -= table.heights[index]


def _top_block(canvas, look: Look, table: RankingTable, top: float) -> None:
    canvas.setFillColor(look.colour("text"))
    one_line(canvas, table.heading, look.font("bold"), 15, 0, top - 15, table.width)
    note = look.words.results.ranking_note
    one_line(canvas, note, look.font("regular"), 9, 0, top - 15 - 6 * MM, table.width)
    x, y = 0.0, top - 15 - 13 * MM
    # every answer with what it means (the deck's text for it), as on the wall poster
    said = [f"{vote.word} – {vote.text}" if vote.text else vote.word for vote in table.votes]
    no_vote = f"–  {look.words.results.no_vote}"
    font = look.font("regular")
    room = table.width - len(said) * 11 * MM
    needed = sum(canvas.stringWidth(t, font, 9) for t in [*said, no_vote])
    size = max(6.0, 9 * min(1.0, room / needed))  # the line shrinks rather than drop one
    for vote, words in zip(table.votes, said, strict=True):
        mark(canvas, look, vote, x, y, 4.2 * MM)
        canvas.setFillColor(look.colour("text"))
        canvas.setFont(font, size)
        canvas.drawString(x + 5.5 * MM, y + 1.2 * MM, words)
        x += 7 * MM + canvas.stringWidth(words, font, size) + 4 * MM
    canvas.setFillColor(look.colour("muted"))
    canvas.drawString(x, y + 1.2 * MM, no_vote)


def _header_row(canvas, look: Look, table: RankingTable, top: float) -> None:
    said = look.words.results
    base = top - HEAD + 2 * MM
    canvas.setFillColor(look.colour("text"))
    canvas.setFont(look.font("bold"), 9)
    canvas.drawString(0, base, "#")
    canvas.drawString(NUMBER, base, said.factor)
    x = NUMBER + table.title_width
    for team in table.teams:
        canvas.setFont(look.font("regular"), 7)
        canvas.drawCentredString(x + TEAM / 2, base + 4 * MM, look.words.team)
        canvas.setFont(look.font("bold"), 9)
        canvas.drawCentredString(x + TEAM / 2, base, str(team))
        x += TEAM
    canvas.setFont(look.font("regular"), 7)
    canvas.drawCentredString(x + 1.5 * TOTAL, base + 7.5 * MM, said.total)
    for vote in table.votes:
        mark(canvas, look, vote, x + (TOTAL - 4.2 * MM) / 2, base - 0.5 * MM, 4.2 * MM)
        x += TOTAL
    _rule(canvas, look, table.width, top - HEAD, "text", 0.8)


def _row(canvas, look: Look, table: RankingTable, index: int, top: float) -> None:
    row, fitted, height = table.rows[index], table.fitted[index], table.heights[index]
    middle = top - height / 2
    canvas.setFillColor(look.colour("text"))
    canvas.setFont(look.font("bold"), 9.5)
    if row.card.number is not None:
        canvas.drawString(0, middle - 3.3, str(row.card.number))
    text.draw(
        canvas,
        fitted,
        NUMBER,
        top - height + PAD,
        table.title_width - 2 * MM,
        height - 2 * PAD,
        "middle",
    )
    x = NUMBER + table.title_width
    by_colour = {vote.colour: vote for vote in table.votes}
    for team in table.teams:
        vote = row.votes.get(team)
        if vote is None:
            canvas.setFillColor(look.colour("muted"))
            canvas.setFont(look.font("regular"), 9.5)
            canvas.drawCentredString(x + TEAM / 2, middle - 3.3, "–")
        else:
            mark(canvas, look, by_colour[vote], x + (TEAM - MARK) / 2, middle - MARK / 2, MARK)
        x += TEAM
    canvas.setFillColor(look.colour("text"))
    for vote in table.votes:
        canvas.setFont(look.font("bold" if vote.colour == NEE.value else "regular"), 10)
        canvas.drawCentredString(x + TOTAL / 2, middle - 3.5, str(row.count(vote.colour)))
        x += TOTAL
    _rule(canvas, look, table.width, top - height, "muted", 0.4)


def _rule(canvas, look: Look, width: float, y: float, colour: str, line: float) -> None:
    canvas.setStrokeColor(look.colour(colour))
    canvas.setLineWidth(line)
    canvas.line(0, y, width, y)


def mark(canvas, look: Look, vote: Response, x: float, y: float, size: float) -> None:
    """A vote: a square in the vote's colour with its symbol in the paper colour."""
    canvas.saveState()
    canvas.setFillColor(look.colour(vote.colour))
    canvas.roundRect(x, y, size, size, size * 0.18, stroke=0, fill=1)
    symbols.draw(canvas, vote.symbol, x, y, size, look.colour("paper"), look.font("bold"))
    canvas.restoreState()
