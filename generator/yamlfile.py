"""Safe YAML loading that remembers where every value came from (file and line).

Mappings load as `MarkedDict` and sequences as `MarkedList`; both keep a `Mark` for
themselves and for each of their values, so a schema error can name the line. The
YAML 1.1 booleans yes/no/on/off are read as text: in Dutch content "Nee" or "on"
is a word, not a boolean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError, Problem


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
    loader.flatten_mapping(node)
    items, marks = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int):
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be text, found {key!r}", key_node.start_mark
            )
        if key in items:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        items[key] = loader.construct_object(value_node, deep=True)
        marks[key] = _mark(loader, value_node)
    return marked_dict(items, _mark(loader, node), marks)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    items = [loader.construct_object(child, deep=True) for child in node.value]
    return marked_list(items, _mark(loader, node), [_mark(loader, child) for child in node.value])


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, display_name: str | None = None):
    """Load one YAML file; malformed YAML becomes an InputError naming file and line."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, None, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, None, "", f"not UTF-8 text ({exc.reason})")]) from None
    loader = _Loader(text)
    loader.display_name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "malformed YAML"
        raise InputError([Problem(name, line, "", f"malformed YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, None, "", f"malformed YAML: {exc}")]) from None
    finally:
        loader.dispose()
