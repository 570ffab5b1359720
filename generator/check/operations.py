"""The operators of a content stream with their operands, read fast.

pypdf's `ContentStream.operations` builds a Python object for every number, string and
array in the stream; on the kit's own PDFs that was two thirds of the build's closing
preflight. The walk needs only numbers and names as operands (cm, w, cs, gs, Do), so
this reader keeps those and stands in a placeholder for strings, arrays and
dictionaries, reading strings as PDF writes them (backslash escapes). Left to pypdf
(`Unreadable`): a stream with an inline image (BI ... ID data EI), whose binary data
cannot be told apart from operators without its dictionary, and a string with
unescaped parentheses inside (reportlab escapes them; other writers may nest them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# one token: a string, a delimiter, a hex string, a name, a number, a comment, a run of
# regular characters (an operator or a keyword), or a '(' that opens a string nesting
# another (not read here)
TOKEN = re.compile(
    rb"(\((?:[^()\\]|\\.)*\))|(<<|>>|\[|\]|\{|\})|(<[0-9A-Fa-f\s]*>)"
    rb"|(/[^\s/\[\]()<>{}%]*)|([+-]?(?:\d+\.?\d*|\.\d+))|(%[^\r\n]*)"
    rb"|([^\s/\[\]()<>{}%]+)|([()])",
    re.DOTALL,
)
OTHER = object()  # an operand the walk does not read: a string, array or dictionary
KEYWORDS = (b"true", b"false", b"null")


class Unreadable(ValueError):
    """A stream this reader leaves to pypdf: an inline image, or a nested string."""


def operations(data: bytes) -> Iterator[tuple[list, bytes]]:
    """(operands, operator) for every operator of `data` (a decoded content stream):
    numbers as floats, names as str ('/Im0'), anything else as OTHER."""
    operands: list = []
    depth = 0  # inside an array or dictionary: its contents are one OTHER operand
    for found in TOKEN.finditer(data):
        string, delimiter, hexed, name, number, _comment, word, stray = found.groups()
        if stray:
            raise Unreadable(f"a string with parentheses inside at {found.start()}")
        if delimiter in (b"[", b"<<", b"{"):
            depth += 1
        elif delimiter in (b"]", b">>", b"}"):
            depth = max(0, depth - 1)
            if depth == 0:
                operands.append(OTHER)
        elif depth:
            continue
        elif number is not None:
            operands.append(float(number))
        elif name is not None:
            operands.append(name.decode("latin-1"))
        elif string or hexed:
            operands.append(OTHER)
        elif word is not None:
            if word == b"BI":
                raise Unreadable("an inline image")
            if word in KEYWORDS:
                operands.append(OTHER)
                continue
            yield operands, word
            operands = []
