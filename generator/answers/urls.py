"""Answer-form URLs: the kit's template with {deck}, {card}, {team} and {session} filled
in, each value percent-encoded. Only opaque identifiers go in; never personal data."""

from __future__ import annotations

import re
from urllib.parse import quote


def form_url(template: str, **values: object) -> str:
    def replace(match: re.Match) -> str:
        return quote(str(values[match.group(1)]), safe="")

    return re.sub(r"{(deck|card|team|session)}", replace, template)
