"""The kit file (workshop.yaml): what is built, with which layout and brand."""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import SLUG, Field, Integer, ListOf, Record, Text, Url

PLACEHOLDERS = ("deck", "card", "team", "session")
SESSION = Text(
    r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}",
    "a short code of letters, digits, '.', '_' or '-' (no personal data)",
)


@dataclass(frozen=True)
class Material:
    kind: str  # "deck" now; worksheets and posters are later kinds
    name: str
    layout: str


@dataclass(frozen=True)
class Kit:
    title: str
    brand: str
    form_url: str
    session: str
    teams: int
    participants: int
    materials: tuple[Material, ...]


MATERIAL = Record(
    {"deck": Field(SLUG), "layout": Field(SLUG)},
    make=lambda deck, layout: Material("deck", deck, layout),
)

KIT_FILE = Record(
    {
        "title": Field(Text()),
        "brand": Field(SLUG),
        "form_url": Field(Url(PLACEHOLDERS)),
        "session": Field(SESSION, default="open"),
        "teams": Field(Integer(minimum=1, maximum=200), default=1),
        "participants": Field(Integer(minimum=0, maximum=500), default=8),
        "materials": Field(ListOf(MATERIAL, min_items=1)),
    },
    make=lambda materials, **v: Kit(materials=tuple(materials), **v),
)
