"""What a poster's overview lists (the page behind a poster's code, server/overview.py):
- a deck's poster: each answerable card of the deck, in order;
- a worksheet's poster (table 1): that worksheet's form;
- poster content: the forms of the kinds its `overview:` names (the phases: the kit's
  worksheets), or else every form of the kit, grouped by material.
Plain data, no drawing: the answer server uses it."""

from __future__ import annotations

from collections.abc import Iterable

from ...answers.forms import Form
from ..deck.content import Deck
from ..worksheet.content import Worksheet


def poster_overview(
    name: str, content, listed: dict[str, tuple[str, str]], forms: Iterable[Form]
) -> tuple[str, tuple]:
    """(colour role, groups) of the poster `name`; `listed` maps each other material of
    the kit to its (kind, title)."""
    forms = tuple(forms)
    colour = content.colour if isinstance(content, Deck) else "primary"
    if isinstance(content, Deck | Worksheet):
        return colour, (("", tuple(f for f in forms if f.material == content.name)),)
    if content.overview:
        chosen = {m for m, (kind, _) in listed.items() if kind in content.overview}
        return colour, (("", tuple(f for f in forms if f.material in chosen)),)
    grouped = (
        (title, tuple(f for f in forms if f.material == material))
        for material, (_, title) in listed.items()
    )
    return colour, tuple((title, found) for title, found in grouped if found)
