"""The results of a session: a ranking of the success factors per deck with response
cards, and a booklet of the free-text answers per card, from what the teams submitted.

What is counted is worked out here, as plain data (`rank`, `answers_of`); drawing it is
results/document.py. Only the newest version of each card's submission per team counts.
A card's answers are matched to its questions by the question's text or its position
("1", "2", ...); an answer under any other key is still printed, under that key.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..answers.model import COMMENT, VOTE, VOTES, Submission, latest
from ..errors import BuildError
from ..kinds.deck.content import Card, Deck
from ..kinds.kind import Built
from ..kit.kitfile import Material
from .document import draw_results

MATERIAL = Material("results", "resultaten", "a4")  # output/<session>/resultaten.pdf


@dataclass(frozen=True)
class ResultsOptions:
    session: str
    submissions: tuple[Submission, ...]
    exported: datetime  # when the answers were read, printed on every page
    language: str = "nl"
    source: str = "the answers"  # where the submissions come from, for messages


@dataclass(frozen=True)
class FactorRow:
    """One success factor of a ranking: each team's vote (ja, twijfel or nee)."""

    card: Card
    votes: dict[int, str]

    def count(self, colour: str) -> int:
        return sum(1 for vote in self.votes.values() if vote == colour)


@dataclass(frozen=True)
class CardAnswers:
    """The free text given on one card: per question the teams' answers, and the
    comments on a factor's vote as (team, vote, comment)."""

    card: Card
    questions: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    comments: tuple[tuple[int, str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.comments and not any(given for _, given in self.questions)


@dataclass(frozen=True)
class DeckResults:
    """What one deck gets in the results: its ranking (decks with response cards) and
    the free text on each of its question cards."""

    deck: Deck
    ranking: tuple[FactorRow, ...] | None
    answers: tuple[CardAnswers, ...]


@dataclass
class Session:
    """The decks of a session that have submissions, the teams, and what was left out."""

    decks: list[DeckResults]
    teams: list[int]
    submitted: int  # submissions counted: the newest version per card and team
    warnings: list[str] = field(default_factory=list)


def rank(deck: Deck, submissions: list[Submission]) -> list[FactorRow]:
    """The deck's question cards, most `nee` votes first, then most `twijfel`; equal
    ones keep the deck's order."""
    votes: dict[str, dict[int, str]] = {card.id: {} for card in deck.cards}
    for item in submissions:
        vote = item.answer(VOTE)
        if item.card in votes and vote in VOTES:
            votes[item.card][item.team] = vote
    rows = [FactorRow(card, votes[card.id]) for card in deck.cards if card.answerable]
    return sorted(rows, key=lambda row: (-row.count("nee"), -row.count("twijfel")))


def answers_of(deck: Deck, submissions: list[Submission]) -> list[CardAnswers]:
    """Every question card of the deck in its order, with the text each team gave."""
    by_card: dict[str, list[Submission]] = {}
    for item in sorted(submissions, key=lambda s: s.team):
        by_card.setdefault(item.card, []).append(item)
    return [_card_answers(card, by_card.get(card.id, [])) for card in deck.cards if card.answerable]


def _card_answers(card: Card, given: list[Submission]) -> CardAnswers:
    keys = {question: question for question in card.questions}
    keys.update({str(n): question for n, question in enumerate(card.questions, 1)})
    grouped: dict[str, list[tuple[int, str]]] = {question: [] for question in card.questions}
    comments = []
    for item in given:
        for key, answer in item.answers:
            if key == VOTE or not answer.strip():
                continue
            if key == COMMENT:
                comments.append((item.team, item.answer(VOTE), answer.strip()))
            else:
                grouped.setdefault(keys.get(key, key), []).append((item.team, answer.strip()))
    questions = tuple((question, tuple(found)) for question, found in grouped.items())
    return CardAnswers(card, questions, tuple(comments))


def gather(project, options: ResultsOptions) -> Session:
    """The kit's decks (in the kit's order) that have submissions in this session."""
    mine = latest(s for s in options.submissions if s.session == options.session)
    if not mine:
        raise BuildError(
            f"no answers for session '{options.session}' in {options.source}; nothing to print"
        )
    names = list(dict.fromkeys(m.name for m in project.kit().materials if m.kind == "deck"))
    decks = {name: project.deck(name) for name in names}
    found = Session([], sorted({s.team for s in mine}), len(mine))
    for name in names:
        submitted = [s for s in mine if s.deck == name]
        if submitted:
            deck = decks[name]
            rows = tuple(rank(deck, submitted)) if deck.responses else None
            found.decks.append(DeckResults(deck, rows, tuple(answers_of(deck, submitted))))
    sheets = set(worksheet_names(project))
    found.warnings += _left_out([s for s in mine if s.deck not in sheets], decks)
    return found


def worksheet_names(project) -> list[str]:
    """The worksheets the kit lists, in its order."""
    return list(dict.fromkeys(m.name for m in project.kit().materials if m.kind == "worksheet"))


def worksheet_answers(project, options: ResultsOptions) -> dict[tuple[str, int], dict[str, str]]:
    """(worksheet, team) -> {field id: answer}: the newest submission of each team on each
    listed worksheet, as the printed record fills them in."""
    sheets = set(worksheet_names(project))
    mine = latest(s for s in options.submissions if s.session == options.session)
    return {
        (item.deck, item.team): {key: answer for key, answer in item.answers if answer.strip()}
        for item in mine
        if item.deck in sheets and item.card == item.deck
    }


def _left_out(submissions: list[Submission], decks: dict[str, Deck]) -> list[str]:
    """Submissions the kit cannot place: named, counted, and not printed."""
    unknown: Counter = Counter()
    for item in submissions:
        deck = decks.get(item.deck)
        if deck is None:
            unknown[f"deck '{item.deck}', which the kit does not list"] += 1
        elif item.card not in {card.id for card in deck.cards if card.answerable}:
            unknown[f"card '{item.card}', which deck '{item.deck}' has no question card"] += 1
        elif item.answer(VOTE) and item.answer(VOTE) not in VOTES:
            unknown[f"vote '{item.answer(VOTE)}', expected one of {', '.join(VOTES)}"] += 1
    return [
        f"results: {count} submission(s) for {what} left out" for what, count in unknown.items()
    ]


def build(project, material: Material, options: ResultsOptions, target: Path | None) -> Built:
    """Draw the results of one session to `target`."""
    if target is None:
        raise BuildError("the results are only drawn to a file")
    session = gather(project, options)
    pages, warnings = draw_results(project, session, options, target)
    return Built(
        material.name, pages, session.submitted, tuple(session.warnings + warnings), unit="answers"
    )
