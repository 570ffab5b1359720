"""What a poster's overview lists (the page behind a poster's code, server/overview.py):
- a deck's poster: each answerable card of the deck, in order;
- a worksheet's poster (table 1): that worksheet's form;
- poster content: the forms of the kinds its `overview:` names (the phases: the kit's
  worksheets), or else every form of the kit, grouped by material.
Plain data, no drawing: the answer server uses it."""

from __future__ import annotations

from collections.abc import Iterable

from ...answers.forms import Form


def poster_overview(
    name: str, content, kind_of: str, listed: dict[str, tuple[str, str]], forms: Iterable[Form]
) -> tuple[str, tuple]:
    """(colour role, groups) of the poster `name`, drawn from content of the kind
    `kind_of`; `listed` maps each other material of the kit to its (kind, title)."""
    from .. import KINDS  # the registry holds this module's kind: looked up when asked

    forms = tuple(forms)
    kind = KINDS[kind_of]
    if kind.wall is not None:  # drawn from a deck's or a worksheet's content: its forms
        colour = kind.wall(name, content).colour
        return colour, (("", tuple(f for f in forms if f.material == content.name)),)
    colour = "primary"
    if content.overview:
        chosen = {m for m, (kind, _) in listed.items() if kind in content.overview}
        return colour, (("", tuple(f for f in forms if f.material in chosen)),)
    grouped = (
        (title, tuple(f for f in forms if f.material == material))
        for material, (_, title) in listed.items()
    )
    return colour, tuple((title, found) for title, found in grouped if found)
