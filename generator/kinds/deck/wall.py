"""What a poster drawn from a deck shows (Kind.wall): its question cards as a grid, each
with its number, title and first paragraph and question; a deck with response cards
(the success factors) shows the legend of the votes and room beside each factor."""

from __future__ import annotations

from ..view import Entry, View
from .content import Deck, votes_of


def deck_wall(name: str, deck: Deck) -> View:
    """A factor to vote on shows its name only: its question is on the card read aloud,
    and the room beside it is for the votes."""
    entries = tuple(
        Entry(
            str(card.number) if card.number is not None else str(index + 1),
            card.title,
            () if deck.responses else card.text[:1] + card.questions[:1],
        )
        for index, card in enumerate(c for c in deck.cards if c.answerable)
    )
    votes = tuple(votes_of(deck)) if deck.responses else ()
    return View(
        name, deck.title, deck.source, deck.colour, deck.subtitle, votes=votes, entries=entries
    )
