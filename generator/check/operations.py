"""The operators of a content stream with their operands, read fast.

pypdf's `ContentStream.operations` builds a Python object for every number, string and
array in the stream; on the kit's own PDFs that was two thirds of the build's closing
preflight. The walk needs only numbers and names as operands (cm, w, cs, gs, Do), so
this reader keeps those and stands in a placeholder for strings, arrays and
dictionaries, skipping strings as PDF writes them (nested parentheses, backslash
escapes). A stream with an inline image (BI ... ID data EI), whose binary data cannot be
told apart from operators without its dictionary, is left to pypdf (`Unreadable`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# one token: a string's opening parenthesis, a delimiter, a hex string, a name, a
# number, a comment, or a run of regular characters (an operator or a keyword)
TOKEN = re.compile(
    rb"(\()|(<<|>>|\[|\]|\{|\})|(<[0-9A-Fa-f\s]*>)|(/[^\s/\[\]()<>{}%]*)"
    rb"|([+-]?(?:\d+\.?\d*|\.\d+))|(%[^\r\n]*)|([^\s/\[\]()<>{}%]+)"
)
SPACE = re.compile(rb"[\s\x00]*")
STRING_END = re.compile(rb"[()\\]")
OTHER = object()  # an operand the walk does not read: a string, array or dictionary


class Unreadable(ValueError):
    """A stream this reader leaves to pypdf: an inline image, or a malformed string."""


def operations(data: bytes) -> Iterator[tuple[list, bytes]]:
    """(operands, operator) for every operator of `data` (a decoded content stream):
    numbers as floats, names as str ('/Im0'), anything else as OTHER."""
    operands: list = []
    depth = 0  # inside an array or dictionary: its contents are one OTHER operand
    at = 0
    while True:
        at = SPACE.match(data, at).end()
        if at >= len(data):
            return
        found = TOKEN.match(data, at)
        if found is None:
            raise Unreadable(f"unexpected byte {data[at : at + 1]!r} at {at}")
        at = found.end()
        string, delimiter, _hex, name, number, _comment, word = found.groups()
        if string:
            at = _string_end(data, at)
        if delimiter in (b"[", b"<<", b"{"):
            depth += 1
        elif delimiter in (b"]", b">>", b"}"):
            depth = max(0, depth - 1)
            if depth == 0:
                operands.append(OTHER)
        elif depth:
            continue
        elif name is not None:
            operands.append(name.decode("latin-1"))
        elif number is not None:
            operands.append(float(number))
        elif string or _hex:
            operands.append(OTHER)
        elif word is not None:
            if word == b"BI":
                raise Unreadable("an inline image")
            if word in (b"true", b"false", b"null"):
                operands.append(OTHER)
                continue
            yield operands, word
            operands = []


def _string_end(data: bytes, at: int) -> int:
    """The index after the ')' that closes the string whose '(' ends at `at`."""
    nesting = 1
    while nesting:
        found = STRING_END.search(data, at)
        if found is None:
            raise Unreadable("a string that never closes")
        at = found.end()
        mark = found.group()
        if mark == b"\\":
            at += 1  # the escaped character, whatever it is
        else:
            nesting += 1 if mark == b"(" else -1
    return at
