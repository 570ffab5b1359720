"""A deck's part of a session's results: for a deck with response cards the ranking of
its factors by the teams' votes (results/ranking.py draws it), and for every deck the
free text given on each of its question cards (the booklet, results/booklet.py).

Only the newest version of each card's submission per team counts. A card's answers are
matched to its questions by the question's text or its position ("1", "2", ...); an
answer under any other key is still printed, under that key.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...answers.model import COMMENT, VOTE, Submission
from ...answers.votes import VOTE_VALUES
from ..kind import KindResults, SessionAnswers
from .content import Card, Deck

if TYPE_CHECKING:
    from ...results.tally import FactorRow

DECK = "deck"  # the kit file's key for a deck (this kind's name)


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


def kit_decks(project) -> dict[str, Deck]:
    """The decks the kit lists, by name, in its order."""
    names = dict.fromkeys(m.name for m in project.kit().materials if m.kind == DECK)
    return {name: project.material("deck", name) for name in names}


def rank(deck: Deck, submissions: list[Submission]) -> list[FactorRow]:
    """The deck's question cards, most `nee` votes first, then most `twijfel`; equal
    ones keep the deck's order."""
    from ...results.tally import rank_votes

    return rank_votes((card for card in deck.cards if card.answerable), submissions)


def answers_of(deck: Deck, submissions: list[Submission]) -> list[CardAnswers]:
    """Every question card of the deck in its order, with the text each team gave."""
    by_card: dict[str, list[Submission]] = {}
    for item in sorted(submissions, key=lambda s: s.team):
        by_card.setdefault(item.form, []).append(item)
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


def gather(decks: dict[str, Deck], found: SessionAnswers) -> list[DeckResults]:
    """The decks (in the order given) that have submissions in this session."""
    gathered = []
    for name, deck in decks.items():
        submitted = found.of([name])
        if submitted:
            rows = tuple(rank(deck, submitted)) if deck.responses else None
            gathered.append(DeckResults(deck, rows, tuple(answers_of(deck, submitted))))
    return gathered


def ranked(project, found: SessionAnswers) -> list[DeckResults]:
    """The kit's decks with response cards that have votes in this session (the results
    poster draws their rankings)."""
    return [d for d in gather(kit_decks(project), found) if d.ranking is not None]


def deck_results(project, materials: tuple, found: SessionAnswers) -> KindResults:
    """A ranking per deck with response cards, then the booklet of every deck's answers."""
    from ...results.booklet import booklet
    from ...results.ranking import ranking_pages

    names = dict.fromkeys(m.name for m in materials)
    decks = {name: project.material("deck", name) for name in names}
    gathered = gather(decks, found)
    pages = []
    for deck in gathered:
        if deck.ranking is not None:
            teams = list(found.teams)
            pages += ranking_pages(found.look, deck.deck, deck.ranking, teams, found.frame)
    pages += booklet(found.look, gathered)
    return KindResults(tuple(pages), warnings=tuple(_left_out(found.of(decks), decks)))


def _left_out(submissions: list[Submission], decks: dict[str, Deck]) -> list[str]:
    """Submissions no card of their deck takes: named, counted, and not printed."""
    unknown: Counter = Counter()
    for item in submissions:
        deck = decks[item.material]
        if item.form not in {card.id for card in deck.cards if card.answerable}:
            unknown[f"card '{item.form}', which deck '{item.material}' has no question card"] += 1
        elif item.answer(VOTE) and item.answer(VOTE) not in VOTE_VALUES:
            unknown[f"vote '{item.answer(VOTE)}', expected one of {', '.join(VOTE_VALUES)}"] += 1
    return [
        f"results: {count} submission(s) for {what} left out" for what, count in unknown.items()
    ]
