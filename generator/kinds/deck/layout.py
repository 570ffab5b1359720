"""Card layouts (layouts/*.yaml): card size, text styles and named boxes.

A layout names the sheet it is imposed on, the boxes of a card front (with overrides
per card kind) and the boxes of the back. Box positions are measured from the card's
top-left corner, as a designer measures them; the renderer turns them into PDF space.
`load_layout` resolves `extends` (kit/catalogue.py), applies the schema and checks the boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import InputError, Where
from ...kit.catalogue import Catalogue, checked_values
from ...kit.schema import (
    SLUG,
    At,
    Checker,
    Choice,
    Field,
    Flag,
    Length,
    ListOf,
    MapOf,
    Record,
    Spec,
    Text,
)
from ...kit.styles import COLOUR, STYLE, Box, TextStyle
from ...kit.units import MM
from ...kit.yamlfile import MarkedDict

TEXT_CONTENTS = (
    "title",
    "subtitle",
    "number",
    "body",
    "url",
    "footer",
    "source",
    "deck_title",
    "kit_title",
    "brand_name",
    "brand_footer",
    "organisation",
    "contact",
    "word",
    "response_text",
    "text",
)
CONTENTS = (*TEXT_CONTENTS, "qr", "logo", "symbol", "none")
# what `requires` may name: a box's own content, or a template value such as the team label
REQUIREMENTS = (*TEXT_CONTENTS, "team_label")
FACE_KINDS = ("cover", "howto", "question", "list", "response")


@dataclass(frozen=True)
class CardLayout:
    name: str
    description: str
    width: float
    height: float
    sheet: str
    styles: dict[str, TextStyle]
    faces: dict[str, tuple[Box, ...]]  # front boxes per card kind, in drawing order
    back: tuple[Box, ...]
    back_as_front: frozenset[str] = field(default_factory=frozenset)  # kinds printed alike


BOX_FIELDS = {
    "x": Field(Length()),
    "y": Field(Length()),
    "width": Field(Length(positive=True)),
    "height": Field(Length(positive=True)),
    "content": Field(Choice(*CONTENTS), default=None),
    "style": Field(SLUG, default=None),
    "fill": Field(COLOUR, default=None),
    "radius": Field(Length(), default=0.0),
    "valign": Field(Choice("top", "middle", "bottom"), default="top"),
    "text": Field(Text(), default=""),
    "min_module": Field(Length(positive=True), default=None),
    "requires": Field(Choice(*REQUIREMENTS), default=None),
    "bleed": Field(Flag(), default=False),
}

BOX = Record(BOX_FIELDS, make=dict)


class Optional(Spec):
    """A value that may be null: in `boxes`, null removes a box a parent layout defined."""

    def __init__(self, inner: Spec):
        self.inner = inner
        self.expected = f"{inner.expected} or null"

    def check(self, value, at, checker):
        return None if value is None else self.inner.check(value, at, checker)


BOX_NAME = Text(r"[a-z][a-z0-9_-]*", "a box name of lowercase letters, digits, '_' and '-'")
BOXES = MapOf(Optional(BOX), key=BOX_NAME)

FACE = Record(
    {
        "boxes": Field(BOXES, default={}),
        "back": Field(Choice("default", "front"), default="default"),
    },
    make=dict,
)

LAYOUT_FILE = Record(
    {
        "extends": Field(ListOf(SLUG, text_alone=True), default=()),  # resolved in kit/catalogue.py
        "material": Field(Choice("deck"), default="deck"),  # the kind it is for
        "description": Field(Text(), default=""),
        "abstract": Field(Flag(), default=False),
        "size": Field(
            Record(
                {"width": Field(Length(positive=True)), "height": Field(Length(positive=True))},
                make=dict,
            ),
            default=None,
        ),
        "sheet": Field(SLUG, default=None),
        "styles": Field(MapOf(STYLE), default={}),
        "boxes": Field(BOXES, default={}),
        "kinds": Field(MapOf(FACE, key=Choice(*FACE_KINDS)), default={}),
        "back": Field(Record({"boxes": Field(BOXES, default={})}, make=dict), default=None),
    },
    make=dict,
)


# The {names} a box's `text:` template may use; kinds/deck/faces.py fills in each of them.
TEMPLATE_FIELDS = (
    "deck_title",
    "subtitle",
    "kit_title",
    "brand_name",
    "brand_footer",
    "organisation",
    "contact",
    "source",
    "title",
    "number",
    "word",
    "response_text",
    "team",
    "session",
    "team_label",
)


def load_layout(catalogue: Catalogue, name: str, named_at: Where | None = None) -> CardLayout:
    raw, values, problems = checked_values(
        catalogue,
        name,
        named_at,
        LAYOUT_FILE,
        ("size", "sheet", "back"),
        "a layout with a size and a sheet",
    )
    if problems:
        raise InputError(problems)
    layout = _build(name, values)
    checker = Checker()
    _check_boxes(layout, raw, checker)
    if checker.problems:
        raise InputError(checker.problems)
    return layout


def _build(name: str, values: dict) -> CardLayout:
    faces = {}
    for kind in FACE_KINDS:
        face = values["kinds"].get(kind, {"boxes": {}})
        faces[kind] = _boxes({**values["boxes"], **face["boxes"]})
    return CardLayout(
        name=name,
        description=values["description"],
        width=values["size"]["width"],
        height=values["size"]["height"],
        sheet=values["sheet"],
        styles=values["styles"],
        faces=faces,
        back=_boxes(values["back"]["boxes"]),
        back_as_front=frozenset(k for k, f in values["kinds"].items() if f["back"] == "front"),
    )


def _boxes(raw_boxes: dict) -> tuple[Box, ...]:
    boxes = []
    for name, spec in raw_boxes.items():
        if spec is None:  # removed by a child layout
            continue
        content = spec["content"] or (name if name in CONTENTS else "none")
        boxes.append(
            Box(name=name, **{**spec, "content": content, "min_module": spec["min_module"] or 0.0})
        )
    return tuple(boxes)


def _check_boxes(layout: CardLayout, raw: MarkedDict, checker: Checker) -> None:
    """Cross-checks the schema cannot make: styles exist, boxes lie on the card."""
    checked = set()
    for face_name, boxes in [*layout.faces.items(), ("back", layout.back)]:
        for box in boxes:
            at = box_at(raw, face_name, box.name)
            if at.path in checked:
                continue
            checked.add(at.path)
            # text needs a style; any other box may name one (a symbol takes its colour)
            needs_style = box.content not in ("qr", "logo", "symbol", "none")
            if (needs_style or box.style is not None) and box.style not in layout.styles:
                found = f"'{box.style}'" if box.style else "none"
                checker.fail(
                    at,
                    f"expected a text style defined under styles "
                    f"({', '.join(layout.styles) or 'none'}), found {found}",
                )
            _check_template(box, at, checker)
            if box.x + box.width > layout.width + 0.01 or box.y + box.height > layout.height + 0.01:
                checker.fail(
                    at,
                    f"box '{box.name}' reaches outside the {layout.width / MM:g} x "
                    f"{layout.height / MM:g} mm card",
                )


def _check_template(box: Box, at: At, checker: Checker) -> None:
    """An unknown {name} would print literally on every card: refuse it here."""
    if not box.text:
        return
    where = At(f"{at.path}.text", at.mark)
    names = re.findall(r"{([^{}]*)}", box.text)
    unknown = [n for n in names if n not in TEMPLATE_FIELDS]
    stray = re.sub(r"{[^{}]*}", "", box.text)
    allowed = ", ".join("{" + n + "}" for n in TEMPLATE_FIELDS)
    if unknown:
        checker.fail(where, f"unknown placeholder {{{unknown[0]}}}; expected one of {allowed}")
    elif "{" in stray or "}" in stray:
        checker.fail(
            where, f"a brace that is not part of a placeholder in '{box.text}'; expected {allowed}"
        )


def box_at(raw: MarkedDict, face_name: str, box_name: str) -> At:
    """The most specific place a box is defined, for error messages."""
    if face_name == "back":
        candidates = [("back", "boxes")]
    else:
        candidates = [("kinds", face_name, "boxes"), ("boxes",)]
    for keys in candidates:
        node, at = raw, At("", raw.mark)
        for key in (*keys, box_name):
            if not isinstance(node, dict) or key not in node:
                break
            at, node = at.key(node, key), node[key]
        else:
            return at
    return At(".".join((*candidates[-1], box_name)), raw.mark)


def logo_sizes(layout: CardLayout) -> list[tuple[float, float]]:
    """(width, height) of every logo box of a card layout, on any face or the back."""
    faces = [*layout.faces.values(), layout.back]
    return [(b.width, b.height) for boxes in faces for b in boxes if b.content == "logo"]
