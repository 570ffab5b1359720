"""Content files (content/*.yaml): the Dutch text of a deck, with the source it comes from.

`type` names the material a file holds; decks are the first. Worksheets, table 1, the
tips and posters are later types of the same file shape, dispatched on `type`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...answers.votes import BY_VALUE, SYMBOLS, VOTE_VALUES
from ...kit.schema import SLUG, Choice, Field, Flag, Integer, ListOf, Record, Text
from ...kit.words import LANGUAGES

CARD_KINDS = ("cover", "howto", "question", "list")
EDITABLE_FIELDS = ("title", "text", "questions", "items")


@dataclass(frozen=True)
class Card:
    id: str
    kind: str
    title: str
    number: int | None = None
    text: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        """Question cards carry a QR code to the answer form."""
        return self.kind == "question"


@dataclass(frozen=True)
class Response:
    """A green/orange/red answer card held up by a participant."""

    id: str
    word: str
    symbol: str
    colour: str
    text: str = ""
    editorial: bool = False  # `text` written for the kit, not quoted from the source


@dataclass(frozen=True)
class Deck:
    name: str
    source: str
    title: str
    cards: tuple[Card, ...]
    subtitle: str = ""
    colour: str = "primary"
    responses: tuple[Response, ...] = ()
    language: str | None = None  # None: the kit's language


def _card(**values) -> Card:
    for key in ("text", "questions", "items", "editorial"):
        values[key] = tuple(values[key])
    return Card(**values)


TEXTS = ListOf(Text(), text_alone=True)

CARD = Record(
    {
        "id": Field(SLUG),
        "kind": Field(Choice(*CARD_KINDS), default="question"),
        "number": Field(Integer(minimum=0), default=None),
        "title": Field(Text()),
        "text": Field(TEXTS, default=()),
        "questions": Field(TEXTS, default=()),
        "items": Field(TEXTS, default=()),
        "editorial": Field(ListOf(Choice(*EDITABLE_FIELDS)), default=()),
    },
    make=_card,
)

RESPONSE = Record(
    {
        "id": Field(SLUG),
        "word": Field(Text()),
        "symbol": Field(Choice(*SYMBOLS)),
        "colour": Field(Choice(*VOTE_VALUES)),
        "text": Field(Text(), default=""),
        "editorial": Field(Flag(), default=False),
    },
    make=Response,
)

DECK_FILE = Record(
    {
        "type": Field(Choice("deck")),
        "source": Field(Text()),
        "language": Field(Choice(*LANGUAGES), default=None),
        "title": Field(Text()),
        "subtitle": Field(Text(), default=""),
        "colour": Field(Choice("primary", "secondary", "accent"), default="primary"),
        "cards": Field(ListOf(CARD, min_items=1, unique="id")),
        "responses": Field(ListOf(RESPONSE, unique="id"), default=()),
    },
    make=dict,
)


def make_deck(name: str, values: dict) -> Deck:
    values = dict(values)
    values.pop("type")
    return Deck(
        name=name,
        cards=tuple(values.pop("cards")),
        responses=tuple(values.pop("responses")),
        **values,
    )


def votes_of(deck: Deck) -> list[Response]:
    """How each colour is printed: the deck's own response card for it (word, symbol),
    or the colour's name and usual symbol where the deck has none."""
    found = {r.colour: r for r in deck.responses}
    return [found.get(c, Response(c, c.capitalize(), BY_VALUE[c].symbol, c)) for c in VOTE_VALUES]
