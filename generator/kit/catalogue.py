"""Find layouts and sheets, resolve `extends`, and apply a kind's layout schema.

A name is looked up in the kit's layouts/ folder first and in the built-in layouts
shipped with the package after that, so a kit can override or extend a built-in.
Parents merge left to right, the child last; a mapping merges key by key and a null
box removes the box a parent defined.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import InputError, Where
from .schema import validate
from .sheet import SHEET_FILE, Sheet, make_sheet
from .yamlfile import Mark, MarkedDict, load_yaml, marked_dict

BUILTIN = resources.files("generator") / "builtin"
BUILTIN_LABEL = "<built-in>"


class Catalogue:
    """The YAML files of one kind (layouts or sheets): the kit's own, then built-ins."""

    def __init__(self, kit_root: Path, folder: str, noun: str):
        self.folder, self.noun = folder, noun
        self.places = [
            (kit_root / folder, folder),
            (Path(str(BUILTIN / folder)), f"{BUILTIN_LABEL}/{folder}"),
        ]
        # each file parsed once per command: a layout is read for its own checks, its
        # children's `extends`, contrast and sheet lookups
        self._loaded: dict[str, tuple] = {}

    def names(self) -> list[str]:
        return sorted({p.stem for d, _ in self.places if d.is_dir() for p in d.glob("*.yaml")})

    def path(self, name: str) -> tuple[Path, str] | None:
        for folder, label in self.places:
            if (folder / f"{name}.yaml").is_file():
                return folder / f"{name}.yaml", f"{label}/{name}.yaml"
        return None

    def load(self, name: str, named_at: Where | None = None):
        found = self.path(name)
        if found is None:
            available = ", ".join(self.names()) or "none"
            where = named_at or Where(self.folder)
            raise InputError(
                [where.problem(f"unknown {self.noun} '{name}' (available: {available})")]
            )
        if name not in self._loaded:
            self._loaded[name] = (load_yaml(*found), found[1])
        return self._loaded[name]

    def raw(self, name: str):
        """The file's YAML as loaded (None when there is no such file)."""
        return self.load(name)[0] if self.path(name) else None


def merge(base, override):
    """Deep merge of two loaded YAML values; marks follow the value that wins."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return override
    items, marks = dict(base), dict(getattr(base, "marks", {}))
    for key, value in override.items():
        items[key] = merge(base[key], value) if key in base else value
        marks[key] = override.mark_of(key) if isinstance(override, MarkedDict) else None
    mark = override.mark if isinstance(override, MarkedDict) else Mark("", None)
    return marked_dict(items, mark, marks)


def resolve_raw(
    catalogue: Catalogue, name: str, named_at: Where | None = None, chain: tuple[str, ...] = ()
):
    """The layout's YAML with every parent merged in; a cycle is an error."""
    if name in chain:
        cycle = " -> ".join((*chain[chain.index(name) :], name))
        raise InputError([named_at.problem(f"extends cycle: {cycle}")])
    raw, label = catalogue.load(name, named_at)
    if not isinstance(raw, dict):
        raise InputError([Where(label).problem("expected a mapping at the top level")])
    merged = marked_dict({}, raw.mark)
    for parent, where in _parents(raw):
        merged = merge(merged, resolve_raw(catalogue, parent, where, (*chain, name)))
    result = merge(merged, raw)
    if "abstract" not in raw:  # being a base is not inherited
        result.pop("abstract", None)
    return result


def _parents(raw: MarkedDict) -> list[tuple[str, Where]]:
    """The names in `extends` (one or a list), each with where it is written."""
    value = raw.get("extends")
    if isinstance(value, str):
        mark = raw.mark_of("extends")
        return [(value, Where(mark.file, mark.line, "extends"))]
    if isinstance(value, list):
        return [
            (str(parent), Where(value.mark_of(i).file, value.mark_of(i).line, f"extends[{i}]"))
            for i, parent in enumerate(value)
        ]
    return []  # absent, or of a wrong type the schema reports


def is_abstract(catalogue: Catalogue, name: str) -> bool:
    """A base for other layouts (abstract: true in its own file), not one to print with."""
    raw = catalogue.raw(name)
    return isinstance(raw, dict) and raw.get("abstract") is True


def checked_values(
    catalogue: Catalogue, name: str, named_at: Where | None, schema, required, expected: str
):
    """(resolved YAML, checked values, problems) of a layout of any kind: `extends`
    resolved and the schema applied; a base layout (abstract) refused at once, and each
    of `required` that neither it nor a parent sets returned as a problem, so a kind can
    add its own problems of the same file before raising them together."""
    raw = resolve_raw(catalogue, name, named_at)
    values = validate(schema, raw, catalogue.path(name)[1])
    root = Where(raw.mark.file, raw.mark.line)
    if values["abstract"]:
        raise InputError(
            [
                root.problem(
                    f"this layout is abstract (a base for other layouts); expected {expected}"
                )
            ]
        )
    problems = [
        root.problem(f"missing key '{key}' (in this layout or a parent)")
        for key in required
        if values[key] is None
    ]
    return raw, values, problems


def load_sheet(catalogue: Catalogue, name: str, named_at: Where | None = None) -> Sheet:
    raw, label = catalogue.load(name, named_at)
    return make_sheet(name, validate(SHEET_FILE, raw, label))
