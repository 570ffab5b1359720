"""The tally of votes: per voted form (a card of a deck with response cards) each team's
newest vote, counted per colour and ranked, most `nee` first, then most `twijfel`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..answers.model import VOTE, Submission
from ..answers.votes import VOTE_VALUES, rank_key


@dataclass(frozen=True)
class FactorRow:
    """One success factor of a ranking: each team's vote (ja, twijfel or nee)."""

    card: Any  # what was voted on (a deck's card): has the `id` its submissions name
    votes: dict[int, str]  # team -> vote

    def count(self, colour: str) -> int:
        return sum(1 for vote in self.votes.values() if vote == colour)


def rank_votes(cards: Iterable[Any], submissions: Iterable[Submission]) -> list[FactorRow]:
    """Every card, most `nee` votes first, then most `twijfel`; equal ones keep the
    order given. A submission counts for a card of its id and a vote of VOTE_VALUES (pass the
    newest version of each, answers.model.latest)."""
    cards = list(cards)
    votes: dict[str, dict[int, str]] = {card.id: {} for card in cards}
    for item in submissions:
        vote = item.answer(VOTE)
        if item.form in votes and vote in VOTE_VALUES:
            votes[item.form][item.team] = vote
    rows = [FactorRow(card, votes[card.id]) for card in cards]
    return sorted(rows, key=lambda row: rank_key(row.count))
