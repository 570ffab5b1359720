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

from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from ..errors import KindError

if TYPE_CHECKING:
    from .kind import Kind

GROUP = "workshop.kinds"
# the kinds that come with the package, in the order they are listed and built; each a
# package here that declares KIND
BUILTIN = ("deck", "worksheet", "poster")


def names() -> tuple[str, ...]:
    """Every kind's name, without loading any kind: for `workshop --help`."""
    return tuple(dict.fromkeys((*BUILTIN, *(p.name for p in entry_points(group=GROUP)))))


def discover(found=None) -> dict[str, Kind]:
    """The built-in kinds, then each kind the entry points name (`found`: the entry
    points to load, default those installed). A broken or clashing plug-in is an error
    that names its entry point, never a kind quietly left out."""
    from .kind import Kind

    kinds = {name: import_module(f"{__name__}.{name}").KIND for name in BUILTIN}
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


def __getattr__(name: str):
    """KINDS is found on first use, so that naming the kinds loads none of them."""
    if name == "KINDS":
        global KINDS
        KINDS = discover()
        return KINDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def kind_names() -> tuple[str, ...]:
    return tuple(KINDS)
