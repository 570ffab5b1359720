"""The kit file (workshop.yaml): what is built, with which layout and brand."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import SLUG, BaseUrl, Choice, Field, Integer, ListOf, Record, Spec, Text, Url
from .words import LANGUAGES

PLACEHOLDERS = ("deck", "card", "team", "session")
# a forward template may also name the titles a form's reader sees (server/context.py)
FORWARD_PLACEHOLDERS = (*PLACEHOLDERS, "card_title", "deck_title")
AUTO = "auto"  # answers.url: this machine's LAN address at build time
DEFAULT_SESSION = "open"  # no particular session: not printed on the cards
SESSION = Text(
    r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}",
    "a short code of letters, digits, '.', '_' or '-' (no personal data)",
)


@dataclass(frozen=True)
class Material:
    kind: str  # a kind in the registry (kinds/__init__.py): "deck", "worksheet"
    name: str
    layout: str


@dataclass(frozen=True)
class Answers:
    """Where the short links on the cards lead: the answer server's base URL ('auto':
    this machine's LAN address at build time), and optionally an external form (a
    Google or Microsoft Forms prefill URL) the server forwards each link to."""

    url: str
    forward: str | None = None


@dataclass(frozen=True)
class Kit:
    title: str
    brand: str
    form_url: str | None  # None when answers is set: QR codes carry short links
    session: str
    teams: int
    participants: int
    materials: tuple[Material, ...]
    language: str = "nl"
    answers: Answers | None = None  # None: QR codes carry form_url itself


class MaterialEntry(Spec):
    """One entry of `materials`: `<kind>: <name>` (deck: elementen) and `layout:`."""

    def __init__(self, kinds: tuple[str, ...]):
        self.kinds = kinds
        self.expected = f"a mapping with one of {', '.join(kinds)} and a layout"

    def check(self, value, at, checker):
        if not isinstance(value, dict):
            return self.mismatch(value, at, checker)
        named = [key for key in value if key in self.kinds]
        if len(named) != 1:
            found = " and ".join(named) if named else "keys " + ", ".join(map(str, value))
            return checker.fail(
                at, f"expected one of {', '.join(self.kinds)} naming the material, found {found}"
            )
        kind = named[0]
        entry = Record(
            {kind: Field(SLUG), "layout": Field(SLUG)},
            make=lambda layout, **name: Material(kind, name[kind], layout),
        )
        return entry.check(value, at, checker)


# where short links lead: an answer server's base URL, or AUTO
ANSWERS_URL = BaseUrl(keyword=AUTO)
ANSWERS = Record(
    {
        "url": Field(ANSWERS_URL),
        "forward": Field(Url(FORWARD_PLACEHOLDERS), default=None),
    },
    make=Answers,
)


def kit_schema(kinds: tuple[str, ...]) -> Record:
    """The kit file's schema, for the material kinds the registry knows."""
    return Record(
        {
            "title": Field(Text()),
            "brand": Field(SLUG),
            "form_url": Field(Url(PLACEHOLDERS), default=None),
            "answers": Field(ANSWERS, default=None),
            "language": Field(Choice(*LANGUAGES), default="nl"),
            "session": Field(SESSION, default=DEFAULT_SESSION),
            "teams": Field(Integer(minimum=1, maximum=200), default=1),
            "participants": Field(Integer(minimum=0, maximum=500), default=8),
            "materials": Field(ListOf(MaterialEntry(kinds), min_items=1)),
        },
        make=lambda materials, **v: Kit(materials=tuple(materials), **v),
    )


def form_url_warnings(form_url: str, teams: int) -> list[str]:
    """A template that prints the same code on many cards: allowed, but rarely meant."""
    found = []
    if "{card}" not in form_url:
        found.append(
            "has no {card}: every card of a deck would carry the same code; "
            "expected {card} in the URL"
        )
    if teams > 1 and "{team}" not in form_url:
        found.append(
            f"has no {{team}} while {teams} teams are printed: their answers could not be "
            f"told apart; expected {{team}} in the URL"
        )
    return found
