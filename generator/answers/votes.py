"""The vote on a success factor, named in this one place: ja, twijfel or nee.

A vote is stored as its value; its response card and its marks print in the brand's
colour of the same name (a brand role), with a symbol so that it reads without colour
vision. A ranking puts the factors with most `nee` first, then most `twijfel`. The
words a card prints for each vote come from the deck's content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vote:
    value: str  # stored, and the brand colour role of its cards and marks
    symbol: str  # the drawn symbol (print/symbols.py)
    character: str  # the same symbol as a character: on a phone, in a table


JA = Vote("ja", "check", "✓")
TWIJFEL = Vote("twijfel", "question", "?")
NEE = Vote("nee", "cross", "✗")
VOTES = (JA, TWIJFEL, NEE)  # in the order they are shown
VOTE_VALUES = tuple(vote.value for vote in VOTES)
BY_VALUE = {vote.value: vote for vote in VOTES}
SYMBOLS = tuple(vote.symbol for vote in VOTES)
CHARACTERS = {vote.symbol: vote.character for vote in VOTES}
RANKING = (NEE, TWIJFEL)  # what ranks a factor higher: most nee, then most twijfel


def rank_key(count: Callable[[str], int]) -> tuple[int, ...]:
    """Sort key of a factor whose votes `count(value)` gives: most nee first, then most
    twijfel (a stable sort keeps equal factors in the deck's order)."""
    return tuple(-count(vote.value) for vote in RANKING)
