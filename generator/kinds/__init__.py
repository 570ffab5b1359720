"""The registry of material kinds: the built-in ones (deck, worksheet, poster) and any
an installed package declares in the `workshop.kinds` entry-point group, each a `Kind`
(kinds/kind.py). Everything that handles materials in general looks the kind up here.
The results of a session are not a kind the kit file lists: `workshop results` builds
them from the answers (results/).

A package adds a kind with, in its pyproject.toml:

    [project.entry-points."workshop.kinds"]
    label = "mypackage.label:KIND"
"""

from __future__ import annotations

from importlib.metadata import entry_points

from ..errors import KindError
from . import deck, poster, worksheet
from .kind import Kind

GROUP = "workshop.kinds"
BUILTIN = (deck.KIND, worksheet.KIND, poster.KIND)


def discover(found=None) -> dict[str, Kind]:
    """The built-in kinds, then each kind the entry points name (`found`: the entry
    points to load, default those installed). A broken or clashing plug-in is an error
    that names its entry point, never a kind quietly left out."""
    kinds = {kind.name: kind for kind in BUILTIN}
    for point in entry_points(group=GROUP) if found is None else found:
        origin = f"entry point '{point.name} = {point.value}' ({GROUP})"
        try:
            kind = point.load()
        except Exception as exc:  # any failure of someone else's import is theirs to fix
            raise KindError(f"{origin} cannot be loaded: {type(exc).__name__}: {exc}") from None
        if not isinstance(kind, Kind):
            raise KindError(f"{origin} is a {type(kind).__name__}; expected a Kind")
        if kind.name in kinds:
            raise KindError(f"{origin} declares the kind '{kind.name}', which exists already")
        kinds[kind.name] = kind
    return kinds


KINDS: dict[str, Kind] = discover()


def kind_names() -> tuple[str, ...]:
    return tuple(KINDS)
