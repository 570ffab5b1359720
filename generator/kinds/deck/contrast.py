"""Contrast of a card layout's text against what lies under it, on every face, in every
colour a deck or a response card may give it (the rules and the palette are
print/contrast.py's and print/palette.py's).

    problems = contrast_problems(layout, resolve_raw(catalogue, name), brand, ("primary",))
"""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import Problem, Where
from ...kit.brand import Brand
from ...kit.styles import Box
from ...kit.yamlfile import MarkedDict
from ...print.contrast import (
    LARGE_TEXT,
    _ratio,
    contrast_problem,
    contrast_ratio,
    is_bold,
    required_ratio,
)
from ...print.palette import CARD_ROLES, DECK_ROLES, WHITE_PAPER, Palette
from .layout import TEXT_CONTENTS, CardLayout, box_at


def contrast_problems(
    layout: CardLayout,
    raw: MarkedDict,
    brand: Brand,
    deck_colours: Iterable[str] = DECK_ROLES,
    card_colours: Iterable[str] = CARD_ROLES,
) -> list[Problem]:
    """Every text (and symbol) of the layout whose contrast with its background is below
    WCAG AA, for each of `deck_colours` the decks print in (none given: all three deck
    roles) and each of `card_colours` the response cards print in (none given: the
    response face is not checked, as no deck prints it). Colours are brand roles or
    '#RRGGBB'.

    `raw` is the layout's resolved YAML (layouts.resolve_raw), to name the file and line
    of each box. Each problem names the box, both colours and the ratio."""
    decks = tuple(dict.fromkeys(deck_colours)) or DECK_ROLES
    problems: dict[tuple, Problem] = {}
    for face, boxes in [*layout.faces.items(), ("back", layout.back)]:
        cards = tuple(dict.fromkeys(card_colours)) if face == "response" else (None,)
        for box, under in _over(boxes):
            for deck in decks:
                for card in cards:
                    palette = Palette(brand.colours, deck, card)
                    found = _check(layout, raw, face, box, under, palette, brand)
                    for key, problem in found:
                        problems.setdefault(key, problem)
    return list(problems.values())


def _check(layout, raw, face, box, under, palette, brand):
    """(dedup key, problem) for each background under `box` it does not stand out from."""
    if box.content == "symbol":
        name = layout.styles[box.style].colour if box.style else "card"
        what, minimum, size = "symbol colour", LARGE_TEXT, "a symbol (a graphic)"
    else:
        style = layout.styles[box.style]
        name, minimum = style.colour, required_ratio(style)
        what = "text colour"
        size = f"{style.min_size:g}pt{' bold' if is_bold(style) else ''} text"
    fore = palette.paint(name)
    for back in [palette.paint(b.fill) if b else WHITE_PAPER for b in under]:
        ratio = contrast_ratio(fore.hex, back.hex)
        if ratio >= minimum:
            continue
        at = box_at(raw, face, box.name)
        message = (
            f"box '{box.name}' ({face}): {what} {fore} on {back} has contrast "
            f"{_ratio(ratio)}:1; expected at least {minimum:g}:1 (WCAG AA) for {size}; "
            f"choose a darker or lighter colour in the brand or the layout"
        )
        where = Where(at.mark.file, at.mark.line, at.path)
        problem = contrast_problem(brand, fore, back, where, message)
        yield (at.path, str(fore), str(back)), problem


def _over(boxes: tuple[Box, ...]):
    """(box, what may lie under it) for each text or symbol box of a face.

    What lies under it is a list of fill boxes, topmost first, ending with the box that
    covers it completely, or with None (the paper) when no box does. Boxes are drawn as
    FaceBoxes.draw (faces.py) draws them: panels (fill only) first, then in order; a box's own
    fill lies under its own text."""
    order = sorted(boxes, key=lambda b: b.content != "none")
    for index, box in enumerate(order):
        if box.content not in (*TEXT_CONTENTS, "symbol"):
            continue  # QR codes print on their own white square; a logo is not text
        under: list[Box | None] = []
        for below in reversed(order[: index + 1]):
            if not below.fill or not _overlap(below, box):
                continue
            under.append(below)
            if _covers(below, box) and _always_with(below, box):
                break
        else:
            under.append(None)
        yield box, under


def _overlap(a: Box, b: Box) -> bool:
    eps = 0.01
    return (
        a.x < b.x + b.width - eps
        and b.x < a.x + a.width - eps
        and a.y < b.y + b.height - eps
        and b.y < a.y + a.height - eps
    )


def _covers(outer: Box, inner: Box) -> bool:
    eps = 0.01
    return (
        outer.x <= inner.x + eps
        and outer.y <= inner.y + eps
        and outer.x + outer.width >= inner.x + inner.width - eps
        and outer.y + outer.height >= inner.y + inner.height - eps
    )


def _always_with(fill: Box, text: Box) -> bool:
    """The fill is drawn whenever the text is: it has no condition, or the text's own."""
    return fill is text or fill.requires in (None, text.content, text.requires)
