"""Answer-form URLs: a template with placeholders filled in, each value percent-encoded.

A kit's `form_url` (printed in the QR codes) has {deck}, {card}, {team} and {session};
an answer server's `forward` template may also name the titles a form's reader sees,
{card_title} and {deck_title}. Only what the material prints goes in; never personal
data."""

from __future__ import annotations

import re
from urllib.parse import quote


def form_url(template: str, **values: object) -> str:
    """`template` with each {name} of `values` replaced by its value, percent-encoded; a
    value is put in as it is, never read as a template again (a title with "{team}" in
    it stays that text)."""
    if not values:
        return template
    names = "|".join(sorted(map(re.escape, values), key=len, reverse=True))

    def replace(match: re.Match) -> str:
        return quote(str(values[match.group(1)]), safe="")

    return re.sub(f"{{({names})}}", replace, template)
