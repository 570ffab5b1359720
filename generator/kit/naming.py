"""Where each built file goes: `<out>/<session>/<name>.pdf`.

A session's files sit in a folder of their own, so building the next session never
overwrites the last one. A material built with the layout the kit lists for it is
named after the material (`elementen.pdf`); built with another layout, or listed more
than once in the kit with different layouts, the layout joins the name
(`elementen-card-a6.pdf`), so one layout's print never replaces another's. A kind may
add to the name (posters: `poster-elementen-a2.pdf`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..kinds import KINDS
from ..kinds.kind import Options
from .kitfile import Material

DEFAULTS = Options(teams=1, participants=0, session="open", form_url=None)


def file_name(
    material: Material, listed: tuple[Material, ...], options: Options | None = None
) -> str:
    """A kind may name its files its own way (a poster: poster-elementen-a2.pdf), so that
    a deck and a poster of the same content never write the same file. Without options:
    the name a `workshop build` gives it."""
    kind = KINDS[material.kind]
    options = options or kind.options(DEFAULTS, {})
    names = Counter(m.name for m in set(listed) if m.kind == material.kind)
    if material in listed and names[material.name] == 1:
        stem = material.name
    else:
        stem = f"{material.name}-{material.layout}"
    named = kind.file_name
    return named(stem, options) if named else f"{stem}.pdf"


def session_folder(out_dir: Path, session: str) -> Path:
    return out_dir / session


def collisions(materials: tuple[Material, ...]) -> list[tuple[int, int, str]]:
    """(index, earlier index, why) for each material that repeats an earlier one or
    would write the same file."""
    found, first_at, by_file = [], {}, {}
    for index, material in enumerate(materials):
        name = file_name(material, materials)
        if material in first_at:
            found.append((index, first_at[material], "is listed twice"))
        elif name in by_file:
            found.append((index, by_file[name], f"would write the same file {name}"))
        first_at.setdefault(material, index)
        by_file.setdefault(name, index)
    return found
