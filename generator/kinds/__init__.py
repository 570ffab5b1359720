"""The registry of material kinds: one module per kind declares its `KIND` (content
schema, layouts, how it is built); everything that handles materials in general looks
the kind up here. The results of a session are not a kind the kit file lists: `workshop
results` builds them from the answers (results/)."""

from __future__ import annotations

from . import deck, poster, worksheet
from .kind import Kind

KINDS: dict[str, Kind] = {kind.name: kind for kind in (deck.KIND, worksheet.KIND, poster.KIND)}


def kind_names() -> tuple[str, ...]:
    return tuple(KINDS)
