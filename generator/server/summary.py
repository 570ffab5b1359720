"""What the trainer's board shows, computed from the latest submissions: per success
factor the ja/twijfel/nee tallies, and per card the free-text answers of every team."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model.answers import COMMENT, VOTE, VOTES, Submission
from ..model.content import Card, Deck
from .answering import Choice, choices_of


@dataclass(frozen=True)
class Tally:
    deck: Deck
    card: Card
    counts: dict[str, int]  # vote -> teams, in VOTES order
    choices: dict[str, Choice] = field(default_factory=dict)  # vote -> its word and symbol
    comments: list[tuple[int, str]] = field(default_factory=list)  # (team, comment)
    scans: int = 0

    @property
    def key(self) -> str:
        return f"{self.deck.name}/{self.card.id}"

    @property
    def voted(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class CardAnswers:
    deck: Deck
    card: Card
    teams: list[tuple[int, int, tuple[tuple[str, str], ...]]]  # (team, version, answers)
    scans: int = 0


def tallies(deck: Deck, latest: list[Submission], scans: Counter) -> list[Tally]:
    """One tally per answerable card of a deck with response cards."""
    found = []
    for card in (c for c in deck.cards if c.answerable):
        mine = _of(deck, card, latest)
        votes = Counter(s.answer(VOTE) for s in mine)
        found.append(
            Tally(
                deck,
                card,
                {vote: votes[vote] for vote in VOTES},
                {c.value: c for c in choices_of(deck)},
                [(s.team, s.answer(COMMENT)) for s in mine if s.answer(COMMENT)],
                _scans(deck, card, scans),
            )
        )
    return found


def card_answers(deck: Deck, latest: list[Submission], scans: Counter) -> list[CardAnswers]:
    """The free-text answers per answerable card of a deck without response cards."""
    return [
        CardAnswers(
            deck,
            card,
            [(s.team, s.version, s.answers) for s in _of(deck, card, latest)],
            _scans(deck, card, scans),
        )
        for card in deck.cards
        if card.answerable
    ]


def _of(deck: Deck, card: Card, latest: list[Submission]) -> list[Submission]:
    return sorted(
        (s for s in latest if s.deck == deck.name and s.card == card.id), key=lambda s: s.team
    )


def _scans(deck: Deck, card: Card, scans: Counter) -> int:
    return sum(n for t, n in scans.items() if t.deck == deck.name and t.card == card.id)
