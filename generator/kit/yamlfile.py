"""Safe YAML loading that remembers where every value came from (file and line).

Mappings load as `MarkedDict` and sequences as `MarkedList`; both keep a `Mark` for
themselves and for each of their values, so a schema error can name the line. The
YAML 1.1 booleans yes/no/on/off are read as text: in Dutch content "Nee" or "on"
is a word, not a boolean.

Every file is bounded before it is trusted: its size, how deep it nests and how many
values it holds once aliases and merge keys (`<<`) are expanded, so that a hostile file
(a "billion laughs") is refused in milliseconds instead of filling the memory.

Where PyYAML has libyaml, the text is parsed in C (ten times faster than PyYAML's own
Python parser) when it nests at most MAX_DEPTH deep (measured first from libyaml's
events, which come without recursion, so the C composer's recursion stays bounded) and
holds no tab (libyaml takes a tab after "key:" that PyYAML refuses); what libyaml
refuses, or nests too deep, is parsed again in Python, so every message is PyYAML's.
Both parsers give the same nodes; the values are built in Python.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError, Problem, Where

try:  # libyaml's parser, where PyYAML was built with it
    from yaml.cyaml import CParser
except ImportError:
    CParser = None

MAX_BYTES = 1024 * 1024  # the largest content file is about 8 KB
MAX_DEPTH = 50  # mappings and lists inside each other; layouts nest 5 deep
MAX_VALUES = 100_000  # every scalar, list and mapping, with aliases expanded
MAX_ITEMS = 200  # items of any one list or mapping the schemas take (kit/schema.py)


@dataclass(frozen=True)
class Mark:
    file: str
    line: int | None


class MarkedDict(dict):
    mark: Mark
    marks: dict

    def mark_of(self, key) -> Mark:
        return self.marks.get(key, self.mark)


class MarkedList(list):
    mark: Mark
    marks: list

    def mark_of(self, index: int) -> Mark:
        return self.marks[index] if index < len(self.marks) else self.mark


def marked_dict(items: dict, mark: Mark, marks: dict | None = None) -> MarkedDict:
    result = MarkedDict(items)
    result.mark = mark
    result.marks = dict(marks or {})
    return result


def marked_list(items: list, mark: Mark, marks: list | None = None) -> MarkedList:
    result = MarkedList(items)
    result.mark = mark
    result.marks = list(marks or [mark] * len(items))
    return result


class _Loader(yaml.SafeLoader):
    display_name = "?"
    _depth = 0

    def compose_node(self, parent, index):
        # the composer recurses once per level: refuse deep nesting before Python's
        # own recursion limit is reached
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            # a scalar the safe constructors cannot turn into a value: a date such as
            # 2024-02-30, an integer of more than 4300 digits
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_short(node.value)} ({exc})", node.start_mark
            ) from None


# Replace the YAML 1.1 boolean resolver with one that only knows true/false.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _mark(loader: _Loader, node: yaml.Node) -> Mark:
    return Mark(loader.display_name, node.start_mark.line + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # merged pairs come first; the mapping's own keys win
    items, marks, seen = {}, {}, set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, bool) or not isinstance(key, str | int):
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be text, found {_short(key)}", key_node.start_mark
            )
        if index >= merged and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        if index >= merged:
            seen.add(key)
        items[key] = loader.construct_object(value_node, deep=True)
        marks[key] = _mark(loader, value_node)
    return marked_dict(items, _mark(loader, node), marks)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    items = [loader.construct_object(child, deep=True) for child in node.value]
    return marked_list(items, _mark(loader, node), [_mark(loader, child) for child in node.value])


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _short(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


if CParser is not None:

    class _CComposer(CParser, yaml.resolver.Resolver):
        """libyaml's parser and composer, resolving as _Loader does (true/false only)."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def __init__(self, text: str):
            CParser.__init__(self, text)
            yaml.resolver.Resolver.__init__(self)


class _TooDeep(Exception):
    """A path through the node tree passes MAX_DEPTH nodes (or a value contains itself)."""


def _c_node(text: str) -> yaml.Node | None:
    """The node tree of `text` composed by libyaml, or None where Python must compose it
    (see the module): no libyaml, a tab, nesting deeper than MAX_DEPTH, text libyaml
    refuses, or an empty document."""
    if CParser is None or "\t" in text or not _shallow(text):
        return None
    composer = _CComposer(text)
    try:
        node = composer.get_single_node()
        if node is not None:
            _height(node, {})
    except (yaml.YAMLError, _TooDeep):
        return None
    finally:
        composer.dispose()
    return node


def _shallow(text: str) -> bool:
    """Whether libyaml reads `text` as nested at most MAX_DEPTH deep (False for text it
    refuses): its events come one by one, without recursion."""
    parser = CParser(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                break
    except yaml.YAMLError:
        return False
    finally:
        parser.dispose()
    return True


def _height(node: yaml.Node, heights: dict[int, int | None], above: int = 0) -> int:
    """The most nodes on a path from `node` down, aliases followed (so never less than
    the nesting the text writes); _TooDeep where `above` and that pass MAX_DEPTH."""
    key = id(node)
    if key in heights:
        height = heights[key]
        if height is None:  # the value contains itself
            raise _TooDeep
    else:
        if above >= MAX_DEPTH:
            raise _TooDeep
        heights[key] = None
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        height = 1 + max((_height(child, heights, above + 1) for child in children), default=0)
        heights[key] = height
    if above + height > MAX_DEPTH:
        raise _TooDeep
    return height


class _TooMany(Exception):
    """More than MAX_VALUES values: the line and key path to blame, and the message."""

    def __init__(self, line: int, path: str, message: str):
        super().__init__(message)
        self.line, self.path, self.message = line, path, message


@dataclass
class _Counted:
    """What counting the values of a file met: each node's count, the nodes being
    counted, whether an alias was followed, and the longest list or mapping."""

    sizes: dict[int, int]
    open_nodes: set[int]
    aliased: bool = False
    longest: tuple[int, str, int] = (0, "", 0)  # (items, key path, line)


def _count(node: yaml.Node, counted: _Counted, path: str = "") -> int:
    """How many values `node` stands for with every alias expanded (each node is
    counted once: aliases only point back, so this is linear in the file). Past
    MAX_VALUES, _TooMany says why: aliases and merge keys that expand, or, in a file
    without them, its longest list (more items than any list may hold)."""
    key = id(node)
    if key in counted.sizes:
        counted.aliased = True
        return counted.sizes[key]
    if key in counted.open_nodes:
        raise yaml.composer.ComposerError(
            None, None, "an alias refers to a value that contains it", node.start_mark
        )
    counted.open_nodes.add(key)
    if isinstance(node, yaml.MappingNode):
        named = [(_key_path(path, k), child) for k, v in node.value for child in (k, v)]
    elif isinstance(node, yaml.SequenceNode):
        named = [(f"{path}[{i}]", child) for i, child in enumerate(node.value)]
    else:
        named = []
    items = len(named) // 2 if isinstance(node, yaml.MappingNode) else len(named)
    if items > counted.longest[0]:
        counted.longest = (items, path, node.start_mark.line + 1)
    total = 1
    for child_path, child in named:
        total += _count(child, counted, child_path)
        if total > MAX_VALUES:
            raise _too_many(counted, node)
    counted.open_nodes.discard(key)
    counted.sizes[key] = total
    return total


def _key_path(path: str, key: yaml.Node) -> str:
    name = key.value if isinstance(key, yaml.ScalarNode) else "?"
    return f"{path}.{name}" if path else str(name)


def _too_many(counted: _Counted, node: yaml.Node) -> _TooMany:
    items, path, line = counted.longest
    if counted.aliased or items <= MAX_ITEMS:
        return _TooMany(
            node.start_mark.line + 1,
            "",
            f"malformed YAML: more than {MAX_VALUES:,} values once aliases and merge keys "
            f"(<<) are expanded",
        )
    return _TooMany(
        line,
        path,
        f"expected at most {MAX_ITEMS} items, found {items:,} (too many to read: the file "
        f"holds more than {MAX_VALUES:,} values)",
    )


def _read(path: Path, name: str) -> str:
    """The file's text, refusing what is not a readable regular file of sane size."""
    try:
        # without blocking: a named pipe would wait for a writer forever
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _problem(name, "expected a YAML file, found something that is not a file")
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _problem(name, "file not found") from None
    except IsADirectoryError:
        raise _problem(name, "expected a YAML file, found a folder") from None
    except PermissionError:
        raise _problem(name, "cannot be read: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _problem(name, "cannot be read: a symbolic link that points to itself") from None
        raise _problem(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _problem(
            name,
            f"file is {info.st_size:,} bytes; expected at most {MAX_BYTES:,} (1 MiB) of YAML",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _problem(name, f"not UTF-8 text ({exc.reason})") from None


def _check_within(path: Path, folder: Path, name: str) -> None:
    try:
        target = path.resolve()
        inside = target.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop: _read says so
        return
    if not inside:
        raise _problem(
            name,
            "is a symbolic link to a file outside the kit folder; expected a file in the kit "
            "(copy it in)",
        )


def _problem(name: str, message: str, line: int | None = None) -> InputError:
    return InputError([Problem(name, line, "", message)])


def load_yaml(path: Path, display_name: str | None = None, within: Path | None = None):
    """Load one YAML file; malformed YAML becomes an InputError naming file and line.
    `within`: the folder the file must be in (the kit's): a symbolic link to a file
    elsewhere is refused before it is read, as a message quotes what a file holds."""
    name = display_name or str(path)
    if within is not None:
        _check_within(path, within, name)
    text = _read(path, name)
    loader = None
    try:
        loader = _Loader(text)  # checks every character already
        loader.display_name = name
        node = _c_node(text) or loader.get_single_node()
        if node is None:
            return None
        _count(node, _Counted({}, set()))
        return loader.construct_document(node)
    except _TooMany as exc:
        raise InputError([Problem(name, exc.line, exc.path, exc.message)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise _problem(
            name,
            f"malformed YAML: control character U+{exc.character:04X} is not allowed; remove it",
            line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "malformed YAML"
        raise _problem(name, f"malformed YAML: {what}", line) from None
    except yaml.YAMLError as exc:
        raise _problem(name, f"malformed YAML: {exc}") from None
    except RecursionError:
        raise _problem(name, f"malformed YAML: nested more than {MAX_DEPTH} levels deep") from None
    finally:
        if loader is not None:
            loader.dispose()


def mark_at(raw, path: str) -> Where:
    """Where the value at a key path such as `sections[0].questions[1].id` is written:
    the line of the deepest part of the path that is there."""
    node, mark = raw, getattr(raw, "mark", Mark("", None))
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        step = int(index) if index else key
        in_dict = isinstance(node, MarkedDict) and step in node
        in_list = isinstance(node, MarkedList) and isinstance(step, int) and step < len(node)
        if not (in_dict or in_list):
            break
        mark, node = node.mark_of(step), node[step]
    return Where(mark.file, mark.line, path)


def find_text(raw, wanted) -> Where | None:
    """Where the first text value for which `wanted(text)` is true is written (in the
    order of the file), with its key path; None when no text is. Walked without
    recursion: a loaded file nests at most MAX_DEPTH deep anyway."""
    stack = [("", raw, getattr(raw, "mark", Mark("", None)))]
    while stack:
        path, node, mark = stack.pop()
        if isinstance(node, str):
            if wanted(node):
                return Where(mark.file, mark.line, path)
        elif isinstance(node, MarkedDict):
            stack += [
                (f"{path}.{key}" if path else str(key), node[key], node.mark_of(key))
                for key in reversed(node)
            ]
        elif isinstance(node, MarkedList):
            stack += [
                (f"{path}[{index}]", node[index], node.mark_of(index))
                for index in reversed(range(len(node)))
            ]
    return None
