"""Poster content (content/*.yaml with `type: poster`): what hangs on the wall when no
deck or worksheet already holds the text (the phases as a process, drawn as a cycle with
`shape: cycle`; the tips, the study at a glance). Posters of the elements, the 5 V's, the
success factors and table 1 are drawn from the deck or worksheet content itself, so paper
and phone never differ.

A poster is a title and some of: an intro, numbered items (each with a title, text and
parts), key figures, titled lists, and a closing message.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...kit.schema import SLUG, Choice, Field, ListOf, Record, Text
from ...kit.words import LANGUAGES


@dataclass(frozen=True)
class Item:
    """A numbered item: a tip, a phase with its parts."""

    title: str
    text: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    editorial: bool = False  # worded by us, not quoted from the source


@dataclass(frozen=True)
class Figure:
    """A key figure: '126' 'geïnterviewde personen'."""

    value: str
    label: str


@dataclass(frozen=True)
class Group:
    """A titled list: conclusions, attention points."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Poster:
    name: str
    source: str
    title: str
    subtitle: str = ""
    intro: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    figures: tuple[Figure, ...] = ()
    groups: tuple[Group, ...] = ()
    message: str = ""  # a closing line in large type: "Samenwerken is nooit af."
    # "grid": the items side by side; "cycle": a process, in order with arrows from each
    # to the next and from the last back to the first, the message as the loop's label
    shape: str = "grid"
    language: str | None = None  # None: the kit's language
    # the kinds of material whose forms the poster's overview lists (the phases lead to
    # the worksheets); empty: every form of the kit
    overview: tuple[str, ...] = ()


TEXTS = ListOf(Text(), text_alone=True)

ITEM = Record(
    {
        "title": Field(Text()),
        "text": Field(TEXTS, default=()),
        "parts": Field(TEXTS, default=()),
        "editorial": Field(Choice("text"), default=None),
    },
    make=lambda title, text, parts, editorial: Item(
        title, tuple(text), tuple(parts), editorial is not None
    ),
)
FIGURE = Record({"value": Field(Text()), "label": Field(Text())}, make=Figure)
GROUP = Record(
    {"title": Field(Text()), "items": Field(ListOf(Text(), min_items=1))},
    make=lambda title, items: Group(title, tuple(items)),
)

POSTER_FILE = Record(
    {
        "type": Field(Choice("poster")),
        "source": Field(Text()),
        "language": Field(Choice(*LANGUAGES), default=None),
        "title": Field(Text()),
        "subtitle": Field(Text(), default=""),
        "intro": Field(TEXTS, default=()),
        "items": Field(ListOf(ITEM), default=()),
        "figures": Field(ListOf(FIGURE), default=()),
        "groups": Field(ListOf(GROUP), default=()),
        "message": Field(Text(), default=""),
        "shape": Field(Choice("grid", "cycle"), default="grid"),
        "overview": Field(ListOf(SLUG, text_alone=True), default=()),
    },
    make=dict,
)


def make_poster(name: str, values: dict) -> Poster:
    values = dict(values)
    values.pop("type")
    for key in ("intro", "items", "figures", "groups", "overview"):
        values[key] = tuple(values[key])
    return Poster(name=name, **values)


def shape_problems(poster: Poster) -> list[tuple[str, str]]:
    """(key path, message): a poster with nothing on it, an overview of an unknown kind."""
    from .. import KINDS  # the registry holds this module's kind: looked up when checking

    found = []
    if not (poster.items or poster.figures or poster.groups or poster.intro):
        found.append(
            ("items", "expected at least one of intro, items, figures or groups, found none")
        )
    for index, kind in enumerate(poster.overview):
        if kind not in KINDS:
            known = ", ".join(KINDS)
            found.append((f"overview[{index}]", f"expected a kind ({known}), found '{kind}'"))
    return found
