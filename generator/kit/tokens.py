"""Design-token files read into one flat table of tokens: dotted path -> value.

Read as the NL Design System publishes them: source trees whose leaves hold `value`
(Style Dictionary) or `$value` (W3C design tokens); built JSON, nested or flat (keys such
as "voorbeeld-color-blue-500"), whose leaves also carry `original`, `name`, `path`,
`filePath` and `attributes`; Tokens Studio exports, whose top-level keys are token sets
beside `$themes` and `$metadata`. JSON or YAML (YAML through the kit's safe loader).
A leaf's `comment`, `description` or `$description` is kept with it.

Dark-mode tokens are left out: print is on white paper. A token set or file whose name
has the word dark ("dark", "theme/dark", "tokens-dark.json"), a path part that names a
dark mode ("dark", "dark-mode"; not "blue-dark", a shade), or a leaf whose attributes or
extensions say `color-scheme: dark`, is skipped and counted.

References `{a.b.c}` (the whole value, or inside it) resolve through the table, at most
MAX_HOPS deep and to at most MAX_CHARS characters (a value naming a value naming
another many times over grows as fast as a YAML alias bomb); a cycle is reported with its
members in order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from .yamlfile import load_yaml

MAX_BYTES = 8 * 1024 * 1024  # a municipality's built tokens.json is about 2 MB
MAX_HOPS = 20  # references followed for one value; real files need 3 or 4
MAX_CHARS = 10_000  # a value with its references filled in; a font list is 50
META = {"$themes", "$metadata"}  # Tokens Studio: not token sets
LEAF_NOTES = ("comment", "$description", "description")
WORDS = re.compile(r"[-_ ./]+")
MODE_WORDS = {"dark", "mode", "theme", "scheme", "color", "colour", "darkmode"}
SAYS_DARK = re.compile(r'"(color-?scheme|colorScheme|mode|theme)":\s*"dark"', re.I)
REFERENCE = re.compile(r"\{([^{}]+)\}")


class TokenError(ValueError):
    """A token whose value cannot be worked out: a reference to nothing, a cycle."""


@dataclass(frozen=True, eq=False)  # one token is one object: its value may be a mapping
class Token:
    path: str  # dotted: voorbeeld.color.blue.500
    value: object
    file: str  # as the user named it
    note: str = ""  # its comment or description


@dataclass
class TokenTable:
    tokens: dict[str, Token] = field(default_factory=dict)
    dark: list[str] = field(default_factory=list)  # what was skipped as dark mode
    # values worked out: a token named a thousand times is followed once
    _done: dict[str, object] = field(default_factory=dict, repr=False)

    def unique(self) -> list[Token]:
        """Every token once (a flat file's token is found by its key and its path)."""
        return list({id(token): token for token in self.tokens.values()}.values())

    def resolve(self, token: Token) -> object:
        """The token's value with every reference replaced by what it names."""
        return self._resolve(token.value, [token.path])

    def _resolve(self, value: object, chain: list[str]) -> object:
        if not isinstance(value, str) or "{" not in value:
            return value
        whole = REFERENCE.fullmatch(value.strip())
        if whole:
            return self._follow(whole.group(1), chain)
        size = len(REFERENCE.sub("", value))  # the text around the references

        def one(match: re.Match) -> str:
            nonlocal size
            text = str(self._follow(match.group(1), chain))
            size += len(text)
            if size > MAX_CHARS:  # references inside references multiply: bounded
                raise TokenError(f"references make a value of more than {MAX_CHARS:,} characters")
            return text

        return REFERENCE.sub(one, value)

    def _follow(self, name: str, chain: list[str]) -> object:
        target = self.tokens.get(name.strip())
        if target is None:
            raise TokenError(
                f"reference {{{name}}} names no token; expected the path of a token in "
                f"the files given (add the file that defines it to --from-tokens)"
            )
        if target.path in chain:
            cycle = " -> ".join([*chain[chain.index(target.path) :], target.path])
            raise TokenError(f"references go round in a cycle: {cycle}")
        if target.path in self._done:
            return self._done[target.path]
        if len(chain) > MAX_HOPS:
            raise TokenError(f"references go more than {MAX_HOPS} deep: {' -> '.join(chain)}")
        value = self._resolve(target.value, [*chain, target.path])
        self._done[target.path] = value
        return value


def read_tokens(files: list[Path]) -> TokenTable:
    """Every token of `files`, later files overriding earlier ones for a path."""
    table = TokenTable()
    for path in files:
        shown = str(path)
        if "dark" in _words(path.name) or "darkmode" in _words(path.name):
            table.dark.append(f"file {shown}")
            continue
        for set_name, tree in _sets(_load(path, shown)):
            if {"dark", "darkmode"} & _words(set_name):
                table.dark.append(f"set '{set_name}' ({shown})")
                continue
            _walk(tree, [], shown, table)
    return table


def _load(path: Path, shown: str) -> dict:
    read = load_yaml if path.suffix.lower() in (".yaml", ".yml") else _json
    raw = read(path, shown)
    if not isinstance(raw, dict):
        found = "nothing" if raw is None else f"a {_kind(raw)}"
        raise _error(shown, f"expected a mapping of tokens at the top level, found {found}")
    return raw


def _json(path: Path, shown: str):
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _error(shown, "expected a token file, found a folder or device")
        if size > MAX_BYTES:
            raise _error(
                shown, f"file is {size:,} bytes; expected at most {MAX_BYTES:,} (8 MiB) of tokens"
            )
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _error(shown, "token file not found") from None
    except UnicodeDecodeError as exc:
        raise _error(shown, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise _error(shown, f"cannot be read: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = (
            "; comments (// or /* */) are not JSON: export the tokens as plain JSON"
            if re.search(r"^\s*(//|/\*)", text, re.M)
            else ""
        )
        raise _error(
            shown, f"malformed JSON: {exc.msg} (column {exc.colno}){hint}", exc.lineno
        ) from None
    except RecursionError:
        raise _error(shown, "malformed JSON: nested too deep") from None


def _sets(raw: dict) -> list[tuple[str, object]]:
    """(set name, tree) of a Tokens Studio export, else ('', the whole file)."""
    if not META & raw.keys():
        return [("", raw)]
    metadata = raw.get("$metadata")
    order = metadata.get("tokenSetOrder") if isinstance(metadata, dict) else None
    listed = (
        [n for n in order if isinstance(n, str) and n in raw] if isinstance(order, list) else []
    )
    names = [*listed, *(n for n in raw if n not in META)]
    return [(name, raw[name]) for name in dict.fromkeys(names)]


def _walk(node, path: list[str], shown: str, table: TokenTable) -> None:
    """Tokens under `node`, an iterative walk (a deep file is not deep recursion)."""
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict) and _is_leaf(node):
            _add(node, path, shown, table)
        elif isinstance(node, dict):
            children = [(v, [*path, str(k)]) for k, v in node.items() if not _meta_key(k)]
            stack += reversed(children)
        elif isinstance(node, str | int | float) and not isinstance(node, bool) and path:
            _add({"value": node}, path, shown, table)


def _is_leaf(node: dict) -> bool:
    if "$value" in node:
        return True
    return "value" in node and not (isinstance(node["value"], dict) and _has_leaf(node["value"]))


def _has_leaf(node: dict) -> bool:
    return any(isinstance(v, dict) and ("value" in v or "$value" in v) for v in node.values())


def _meta_key(key) -> bool:
    return str(key).startswith("$") or key in ("type", "comment", "description")


def _add(leaf: dict, path: list[str], shown: str, table: TokenTable) -> None:
    # a built file's own `path` is the token's name; a flat key may hold it dotted
    own = leaf.get("path")
    parts = [str(p) for p in own] if isinstance(own, list) and own else path
    dotted = ".".join(parts)
    if any(_dark_part(p) for p in parts) or _says_dark(leaf):
        table.dark.append(f"token {dotted} ({shown})")
        return
    note = next((str(leaf[k]) for k in LEAF_NOTES if isinstance(leaf.get(k), str)), "")
    value = leaf.get("$value", leaf.get("value"))
    token = Token(dotted, value, shown, note)
    table.tokens[dotted] = token
    if len(path) == 1 and path[0] != dotted:  # a flat file's key names it too
        table.tokens.setdefault(path[0], token)


def _words(name: str) -> set[str]:
    return set(WORDS.split(name.lower())) - {""}


def _dark_part(part: str) -> bool:
    """A path part that names a dark mode ("dark", "dark-mode", "color-scheme-dark"), not a
    colour that is dark ("blue-dark" is a shade to print)."""
    words = _words(part)
    return bool({"dark", "darkmode"} & words) and words <= MODE_WORDS


def _says_dark(leaf: dict) -> bool:
    """Attributes or extensions that put the token in a dark colour scheme."""
    found = {k: leaf[k] for k in ("attributes", "$extensions") if isinstance(leaf.get(k), dict)}
    return bool(found) and bool(SAYS_DARK.search(json.dumps(found, default=str)))


def _kind(value) -> str:
    kinds = ((bool, "boolean"), (list, "list"), (str, "text"), (int | float, "number"))
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _error(shown: str, message: str, line: int | None = None) -> InputError:
    return InputError([Problem(shown, line, "", message)])
