"""A small typed schema for the YAML files: each spec turns a loaded value into a typed
one, or records a Problem (file, line, key path, expected vs found) and carries on, so
that one pass reports every error of a file.

    spec = Record({"title": Field(Text()), "size": Field(Length(), default=None)}, make=dict)
    value = validate(spec, load_yaml(path))   # raises InputError with all problems
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, Problem
from . import units
from .yamlfile import MAX_ITEMS, Mark, MarkedDict, MarkedList  # MAX_ITEMS: of a list or mapping

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
REQUIRED: Any = type("Required", (), {"__repr__": lambda self: "REQUIRED"})()

# Bounds on any one value, so that no input can ask for unbounded work or memory: a card
# holds a few hundred characters, a deck a few dozen cards, and nothing printed is larger
# than the long side of A0 paper.
MAX_TEXT = 2000  # characters
MAX_LENGTH_MM = 1189
# a URL template, in UTF-8 bytes: a QR code holds at most 2,331 (version 40 at level M),
# and the placeholders are yet to be filled in
MAX_URL_BYTES = 2000


@dataclass(frozen=True)
class At:
    """Where a value sits: its key path and its mark."""

    path: str
    mark: Mark

    def key(self, container, key) -> At:
        path = f"{self.path}.{key}" if self.path else str(key)
        return At(path, _mark_of(container, key, self.mark))

    def index(self, container, index: int) -> At:
        return At(f"{self.path}[{index}]", _mark_of(container, index, self.mark))


def _mark_of(container, key, default: Mark) -> Mark:
    if isinstance(container, MarkedDict | MarkedList):
        return container.mark_of(key)
    return default


class Checker:
    """Collects problems; a spec reports through it and returns INVALID."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, at: At, message: str) -> Any:
        self.problems.append(Problem(at.mark.file, at.mark.line, at.path, message))
        return INVALID


def describe(value: object) -> str:
    """How a found value is named in a message: 'a list', 'text ('abc')'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        shown = str(value) if abs(value) < 10**30 else f"{value:.3g}"
        return f"a number ({shown})"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f"text ('{shown}')" if value else "empty text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


class Spec:
    expected = "a value"

    def check(self, value, at: At, checker: Checker):
        raise NotImplementedError

    def mismatch(self, value, at: At, checker: Checker) -> Any:
        return checker.fail(at, f"expected {self.expected}, found {describe(value)}")


# characters no printed text holds, though a double-quoted YAML string can write them
# ("\0", "\e", "\ud800"): control characters but line breaks and tabs, and lone
# surrogates; the font has no glyph for them, or one that prints as an empty box
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Text(Spec):
    def __init__(self, pattern: str | None = None, expected: str = "text"):
        self.pattern = re.compile(pattern) if pattern else None
        self.expected = expected

    def check(self, value, at, checker):
        if not isinstance(value, str) or not value.strip():
            return self.mismatch(value, at, checker)
        if len(value) > MAX_TEXT:
            return checker.fail(
                at, f"expected at most {MAX_TEXT} characters of text, found {len(value):,}"
            )
        control = NOT_TEXT.search(value)
        if control:
            return checker.fail(
                at,
                f"expected text without control characters, found U+{ord(control[0]):04X} "
                f"in {describe(value)}",
            )
        if self.pattern and not self.pattern.fullmatch(value):
            return self.mismatch(value, at, checker)
        return value.strip()


SLUG = Text(r"[a-z0-9]+(?:-[a-z0-9]+)*", "an identifier of lowercase letters, digits and '-'")


class Integer(Spec):
    def __init__(self, minimum: int | None = None, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum
        bounds = [
            f"at least {minimum}" if minimum is not None else "",
            f"at most {maximum}" if maximum is not None else "",
        ]
        self.expected = " ".join(["a whole number", " and ".join(b for b in bounds if b)]).strip()

    def check(self, value, at, checker):
        if isinstance(value, bool) or not isinstance(value, int):
            return self.mismatch(value, at, checker)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            return self.mismatch(value, at, checker)
        return value


class Number(Spec):
    def __init__(self, minimum: float = 0.0, maximum: float | None = None):
        self.minimum, self.maximum = minimum, maximum
        top = f" and at most {maximum}" if maximum is not None else ""
        self.expected = f"a number of at least {minimum}{top}"

    def check(self, value, at, checker):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.mismatch(value, at, checker)
        if not math.isfinite(value):
            return self.mismatch(value, at, checker)
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            return self.mismatch(value, at, checker)
        return float(value)


class Flag(Spec):
    expected = "true or false"

    def check(self, value, at, checker):
        return value if isinstance(value, bool) else self.mismatch(value, at, checker)


class Length(Spec):
    """A length with a unit, converted to points (see units.py)."""

    expected = "a length such as 63mm, 0.5cm, 9pt or 0.25in"

    def __init__(self, positive: bool = False):
        self.positive = positive
        if positive:
            self.expected = "a positive length such as 63mm, 0.5cm, 9pt or 0.25in"

    def check(self, value, at, checker):
        try:
            points = units.parse_length(value)
        except units.UnitError:
            return self.mismatch(value, at, checker)
        if points < 0 or (self.positive and points == 0):
            return self.mismatch(value, at, checker)
        if points > MAX_LENGTH_MM * units.MM:
            return checker.fail(
                at,
                f"expected a length of at most {MAX_LENGTH_MM} mm (the long side of A0 paper), "
                f"found {describe(value)}",
            )
        return points


class Colour(Spec):
    """'#RRGGBB' or the name of a colour role that every brand defines."""

    _HEX = re.compile(r"#[0-9a-fA-F]{6}")

    def __init__(self, roles: tuple[str, ...]):
        self.roles = roles
        self.expected = "a colour: '#RRGGBB' or one of " + ", ".join(roles)

    def check(self, value, at, checker):
        if isinstance(value, str) and (self._HEX.fullmatch(value) or value in self.roles):
            return value
        return self.mismatch(value, at, checker)


class Choice(Spec):
    def __init__(self, *options: str):
        self.options = options
        self.expected = "one of " + ", ".join(options)

    def check(self, value, at, checker):
        return value if value in self.options else self.mismatch(value, at, checker)


class Url(Spec):
    """An http(s) URL; `placeholders` limits the {names} a template may use.

    The template is checked as it will be used: every brace must form a placeholder,
    and the URL with sample values filled in must parse (host, port) without spaces,
    so that a bad template never reaches a QR code. A user name or password in it would
    be printed in every code and sent to every phone: it is refused, and never quoted
    in the message."""

    _PLACEHOLDER = re.compile(r"{([a-z_]+)}")
    _USERINFO = re.compile(r"[^:/?#]*:/*(?P<userinfo>[^/?#]*)@(?P<host>[^/?#]*)")

    def __init__(self, placeholders: tuple[str, ...] = ()):
        self.placeholders = placeholders
        self.expected = "an http:// or https:// URL"

    def check(self, value, at, checker):
        if not isinstance(value, str):
            return self.mismatch(value, at, checker)
        value = value.strip()
        problem = self._problem(value)
        if problem:
            return checker.fail(at, problem)
        return value

    def _problem(self, value: str) -> str | None:
        credentials = self._USERINFO.match(value)
        if credentials:
            return (
                f"expected a URL without a user name or password (every code and every "
                f"phone would get them), found one before the host "
                f"'{credentials['host'][:60]}'; remove the part up to '@'"
            )
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > MAX_URL_BYTES:
            return (
                f"expected a URL of at most {MAX_URL_BYTES:,} bytes (a QR code holds at most "
                f"2,331, with the placeholders filled in), found {size:,}"
            )
        if any(ch.isspace() or ord(ch) < 32 for ch in value):
            return f"expected a URL without spaces, found {describe(value)}"
        stray = self._PLACEHOLDER.sub("", value)
        if "{" in stray or "}" in stray:
            return (
                f"a brace that is not part of a placeholder in {describe(value)}; "
                f"expected placeholders such as {{card}} only"
            )
        unknown = sorted(set(self._PLACEHOLDER.findall(value)) - set(self.placeholders))
        if unknown:
            allowed = ", ".join("{" + p + "}" for p in self.placeholders)
            return f"unknown placeholder {{{unknown[0]}}} in URL; expected only {allowed}"
        sample = self._PLACEHOLDER.sub("x", value)
        try:
            parts = urlsplit(sample)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            return f"expected {self.expected}, found one that cannot be read ({exc})"
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return f"expected {self.expected}, found {describe(value)}"
        return None


class BaseUrl(Url):
    """An http(s) address that links are made under: scheme, host, port and at most a
    path prefix, no placeholders, query or fragment (a link adds its own path). The
    `keyword` (such as 'auto') may stand in for an address found at build time."""

    def __init__(self, keyword: str | None = None):
        super().__init__()
        self.keyword = keyword
        self.expected = "an http:// or https:// address such as http://192.168.1.20:8000" + (
            f", or '{keyword}'" if keyword else ""
        )

    def check(self, value, at, checker):
        if isinstance(value, str) and value.strip() == self.keyword:
            return self.keyword
        return super().check(value, at, checker)

    def _problem(self, value: str) -> str | None:
        if "{" in value or "}" in value:
            return (
                f"expected an address without placeholders (each link adds its own code), "
                f"found {describe(value)}"
            )
        problem = super()._problem(value)
        if problem:
            return problem.replace("an http:// or https:// URL", self.expected)
        parts = urlsplit(value)
        if parts.query or parts.fragment or "?" in value or "#" in value:
            return (
                f"expected an address without '?' or '#' (each link adds its own code), "
                f"found {describe(value)}"
            )
        return None

    def problem_with(self, value: str) -> str | None:
        """What is wrong with a value given on the command line, or None."""
        checker = Checker()
        self.check(value, At("", Mark("", None)), checker)
        return checker.problems[0].message if checker.problems else None


class ListOf(Spec):
    def __init__(
        self, item: Spec, min_items: int = 0, text_alone: bool = False, unique: str | None = None
    ):
        self.item, self.min_items, self.text_alone = item, min_items, text_alone
        self.unique = unique
        self.expected = f"a list of {item.expected}" + (
            f" (at least {min_items})" if min_items else ""
        )

    def check(self, value, at, checker):
        if self.text_alone and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return self.mismatch(value, at, checker)
        if len(value) < self.min_items:
            return checker.fail(at, f"expected {self.expected}, found {len(value)}")
        if len(value) > MAX_ITEMS:
            return checker.fail(at, f"expected at most {MAX_ITEMS} items, found {len(value):,}")
        items = [self.item.check(v, at.index(value, i), checker) for i, v in enumerate(value)]
        if self.unique and not self._all_unique(value, at, checker):
            return INVALID
        return INVALID if any(v is INVALID for v in items) else items

    def _all_unique(self, value: list, at: At, checker: Checker) -> bool:
        seen: dict = {}
        for index, item in enumerate(value):
            key = item.get(self.unique) if isinstance(item, dict) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                continue  # absent, or of a wrong type the item's own spec reports
            if key in seen:
                where = at.index(value, index).key(item, self.unique)
                checker.fail(
                    where,
                    f"duplicate {self.unique} '{key}' (first used at "
                    f"{at.path}[{seen[key]}]); expected each {self.unique} once",
                )
            else:
                seen[key] = index
        return len(seen) == sum(
            1
            for item in value
            if isinstance(item, dict) and isinstance(item.get(self.unique), str | int)
        )


class MapOf(Spec):
    def __init__(self, value: Spec, key: Spec = SLUG):
        self.value, self.key = value, key
        self.expected = f"a mapping of names to {value.expected}"

    def check(self, value, at, checker):
        if not isinstance(value, dict):
            return self.mismatch(value, at, checker)
        if len(value) > MAX_ITEMS:
            return checker.fail(at, f"expected at most {MAX_ITEMS} entries, found {len(value):,}")
        result = {}
        for key, item in value.items():
            name = self.key.check(key, at.key(value, key), checker)
            result[name] = self.value.check(item, at.key(value, key), checker)
        failed = any(k is INVALID or v is INVALID for k, v in result.items())
        return INVALID if failed else result


@dataclass(frozen=True)
class Field:
    spec: Spec
    default: Any = REQUIRED


class Record(Spec):
    """A mapping with known keys; `make` builds the typed object from the checked values."""

    expected = "a mapping"

    def __init__(self, fields: dict[str, Field], make: Callable[..., Any] = dict):
        self.fields, self.make = fields, make

    def check(self, value, at, checker):
        if not isinstance(value, dict):
            return self.mismatch(value, at, checker)
        if len(value) > MAX_ITEMS:
            return checker.fail(at, f"expected at most {MAX_ITEMS} entries, found {len(value):,}")
        for key in value:
            if key not in self.fields:
                checker.fail(at.key(value, key), self._unknown(key))
        values = {}
        for name, field in self.fields.items():
            if name in value:
                values[name] = field.spec.check(value[name], at.key(value, name), checker)
            elif field.default is REQUIRED:
                values[name] = checker.fail(
                    at, f"missing key '{name}' (expected {field.spec.expected})"
                )
            else:
                values[name] = field.default
        if any(v is INVALID for v in values.values()):
            return INVALID
        return self.make(**values)

    def _unknown(self, key) -> str:
        close = difflib.get_close_matches(str(key), list(self.fields), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown key '{key}'{hint} (expected one of: {', '.join(self.fields)})"


def validate(spec: Spec, data, file_name: str):
    """Check a whole file; raise InputError with every problem found in it."""
    checker = Checker()
    mark = data.mark if isinstance(data, MarkedDict | MarkedList) else Mark(file_name, None)
    result = spec.check(data, At("", mark), checker)
    if checker.problems:
        raise InputError(checker.problems)
    return result
