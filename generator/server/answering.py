"""What a card's answer page asks, and turning a posted form into answers to store.

Deck, card, team and session come from the resolved short link, never from the form:
the form only carries the answers, each checked against what the card asks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..links import Target
from ..model.answers import COMMENT, MAX_ANSWER, VOTE, VOTES
from ..model.content import Card, Deck

SYMBOL_CHARACTERS = {"check": "✓", "question": "?", "cross": "✗"}


@dataclass(frozen=True)
class Choice:
    """One vote button: the stored value (a response colour), its word and symbol."""

    value: str
    word: str
    symbol: str


@dataclass(frozen=True)
class Question:
    field: str  # the form field's name and id: q1, q2, ...
    text: str


@dataclass(frozen=True)
class CardPage:
    target: Target
    deck: Deck
    card: Card
    choices: tuple[Choice, ...]  # a success factor: ja/twijfel/nee; else empty
    questions: tuple[Question, ...]  # a free-text card: one text area each

    @property
    def voting(self) -> bool:
        return bool(self.choices)


class Refused(ValueError):
    """A posted form that is not stored; `reason` names the text to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def card_page(deck: Deck, target: Target) -> CardPage | None:
    """The page for a target, or None if the deck has no such answerable card."""
    card = next((c for c in deck.cards if c.id == target.card and c.answerable), None)
    if card is None:
        return None
    choices = choices_of(deck)
    asked = card.questions or (card.title,)  # a question card without questions: its title
    questions = () if choices else tuple(Question(f"q{i}", q) for i, q in enumerate(asked, 1))
    return CardPage(target, deck, card, choices, questions)


def choices_of(deck: Deck) -> tuple[Choice, ...]:
    """The vote buttons of a deck with response cards, in the deck's order."""
    return tuple(
        Choice(r.colour, r.word, SYMBOL_CHARACTERS[r.symbol])
        for r in deck.responses
        if r.colour in VOTES
    )


def answers_from(page: CardPage, form: Mapping[str, str]) -> list[tuple[str, str]]:
    """The answers to store from a posted form, or Refused."""
    if page.voting:
        vote = form.get(VOTE, "")
        if vote not in {c.value for c in page.choices}:
            raise Refused("unknown_vote")
        comment = _field(form, COMMENT)
        return [(VOTE, vote)] + ([(COMMENT, comment)] if comment else [])
    answers = [(q.text, _field(form, q.field)) for q in page.questions]
    filled = [(question, answer) for question, answer in answers if answer]
    if not filled:
        raise Refused("nothing_filled")
    return filled


def prefill(page: CardPage, answers) -> dict[str, str]:
    """Form values from a stored submission, to change it."""
    stored = dict(answers)
    if page.voting:
        return {COMMENT: stored.get(COMMENT, ""), VOTE: stored.get(VOTE, "")}
    return {q.field: stored.get(q.text, "") for q in page.questions}


def shown(page: CardPage, answers, comment_label: str) -> list[tuple[str, str]]:
    """A stored submission as a page lists it: (label, answer), the vote as symbol and
    word without a label, the comment under the page's own word for it."""
    words = {c.value: f"{c.symbol} {c.word}" for c in page.choices}
    labels = {VOTE: "", COMMENT: comment_label}
    return [
        (labels.get(question, question), words.get(answer, answer) if question == VOTE else answer)
        for question, answer in answers
    ]


def _field(form: Mapping[str, str], name: str) -> str:
    value = form.get(name, "").replace("\r\n", "\n").strip()
    if len(value) > MAX_ANSWER:
        raise Refused("too_long")
    return value
