"""A deck's forms: one per answerable card. A deck with response cards asks for a vote
(its colours) and an optional comment, stored as VOTE and COMMENT; any other deck a text
per question of the card, stored under the question's text (as the results and a
form's CSV export match them)."""

from __future__ import annotations

from ...answers.forms import TEXT, Form, FormQuestion, FormSection, VoteChoice
from ...answers.votes import CHARACTERS, VOTE_VALUES
from .content import Card, Deck


def deck_forms(deck: Deck, language: str) -> tuple[Form, ...]:
    """One form per answerable card, in the deck's order (`language` is not needed: a
    deck's forms carry only its own text)."""
    choices = choices_of(deck)
    return tuple(card_form(deck, card, choices) for card in deck.cards if card.answerable)


def card_form(deck: Deck, card: Card, choices: tuple[VoteChoice, ...]) -> Form:
    asked = card.questions or (card.title,)  # a question card without questions: its title
    questions = () if choices else tuple(_question(i, q) for i, q in enumerate(asked, 1))
    return Form(
        material=deck.name,
        id=card.id,
        title=card.title,
        sections=(FormSection("", questions),) if questions else (),
        choices=choices,
        intro=card.text,
        prompts=card.questions if choices else (),
        heading=deck.title,
        number=card.number,
        colour=deck.colour,
    )


def choices_of(deck: Deck) -> tuple[VoteChoice, ...]:
    """The vote buttons of a deck with response cards, in the deck's order."""
    return tuple(
        VoteChoice(r.colour, r.word, CHARACTERS[r.symbol])
        for r in deck.responses
        if r.colour in VOTE_VALUES
    )


def _question(number: int, text: str) -> FormQuestion:
    return FormQuestion(f"q{number}", text, TEXT, key=text)
