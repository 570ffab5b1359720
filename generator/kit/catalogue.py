"""Find layouts and sheets, resolve `extends`, and apply a kind's layout schema.

A name is looked up in the kit's layouts/ folder first and in the built-in layouts
shipped with the package after that, so a kit can override or extend a built-in.
Parents merge left to right, the child last; a mapping merges key by key and a null
box removes the box a parent defined.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import InputError, Problem, Where, listed
from .schema import SLUG, describe, validate
from .sheet import SHEET_FILE, Sheet, make_sheet
from .yamlfile import Mark, MarkedDict, load_yaml, marked_dict

BUILTIN = resources.files("generator") / "builtin"
BUILTIN_LABEL = "<built-in>"
# `extends`: how many layouts a chain may pass through, and how many parents one layout
# may name (the built-ins go 2 deep, with one parent each): a longer chain is a mistake
# or an attack, refused before Python's recursion limit is reached
MAX_EXTENDS_DEPTH = 20
MAX_PARENTS = 20


class Catalogue:
    """The YAML files of one kind (layouts or sheets): the kit's own, then built-ins."""

    def __init__(self, kit_root: Path, folder: str, noun: str):
        self.folder, self.noun = folder, noun
        self.places = [
            (kit_root / folder, folder),
            (Path(str(BUILTIN / folder)), f"{BUILTIN_LABEL}/{folder}"),
        ]
        self.kit_root = kit_root  # a layout of the kit is a file in the kit
        # each file parsed once per command: a layout is read for its own checks, its
        # children's `extends`, contrast and sheet lookups
        self._loaded: dict[str, tuple] = {}
        self._resolved: dict[str, MarkedDict] = {}  # each layout's parents merged once
        # how many layouts deep each layout's `extends` goes, and where a chain too deep
        # for it is first too deep (see too_deep)
        self._heights: dict[str, int] = {}
        self._too_deep: dict[str, Problem] = {}

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
            available = listed(self.names())
            where = named_at or Where(self.folder)
            raise InputError(
                [where.problem(f"unknown {self.noun} '{name}' (available: {available})")]
            )
        if name not in self._loaded:
            path, label = found
            within = self.kit_root if path.parent == self.places[0][0] else None
            self._loaded[name] = (load_yaml(path, label, within), label)
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
    """The layout's YAML with every parent merged in; a cycle, a chain deeper than
    MAX_EXTENDS_DEPTH and a parent that is not a layout's name are errors."""
    if name in catalogue._resolved:
        return catalogue._resolved[name]
    if not chain:
        problem = too_deep(catalogue, name, named_at)
        if problem is not None:
            raise InputError([problem])
    if name in chain:
        cycle = " -> ".join((*chain[chain.index(name) :], name))
        raise InputError([named_at.problem(f"extends cycle: {cycle}")])
    if len(chain) >= MAX_EXTENDS_DEPTH:
        shown = " -> ".join((*chain[:3], "...", *chain[-2:], name))
        raise InputError(
            [
                named_at.problem(
                    f"extends chain of more than {MAX_EXTENDS_DEPTH} layouts ({shown}); "
                    f"expected at most {MAX_EXTENDS_DEPTH} layouts, each extending the next"
                )
            ]
        )
    raw, label = catalogue.load(name, named_at)
    if not isinstance(raw, dict):
        raise InputError([Where(label).problem("expected a mapping at the top level")])
    merged = marked_dict({}, raw.mark)
    for parent, where in _parents(raw):
        merged = merge(merged, resolve_raw(catalogue, parent, where, (*chain, name)))
    result = merge(merged, raw)
    if "abstract" not in raw:  # being a base is not inherited
        result.pop("abstract", None)
    catalogue._resolved[name] = result
    return result


def too_deep(catalogue: Catalogue, name: str, named_at: Where | None = None) -> Problem | None:
    """The problem of a layout whose `extends` go more than MAX_EXTENDS_DEPTH layouts
    deep, or None. It is said where the chain first grows too deep, so that every layout
    below that place gets the same one message. Walked without recursion, so a chain of
    any length is measured; a layout that cannot be read counts as one (resolve_raw
    reports what is wrong with it)."""
    heights, found = catalogue._heights, catalogue._too_deep
    stack: list[tuple[str, Where | None, bool]] = [(name, named_at, False)]
    walking: set[str] = set()
    parents_of: dict[str, list[tuple[str, Where]]] = {}
    while stack:
        current, where, finished = stack.pop()
        if finished:
            walking.discard(current)
            parents = [(p, w) for p, w in parents_of[current] if p in heights]
            if len(parents) < len(parents_of[current]):
                continue  # a parent in a cycle: resolve_raw reports it
            highest, at = max(((heights[p], (p, w)) for p, w in parents), default=(0, None))
            heights[current] = highest + 1
            if highest == MAX_EXTENDS_DEPTH:
                parent, where = at
                found[current] = where.problem(
                    f"'{parent}' and the layouts it extends are a chain of "
                    f"{MAX_EXTENDS_DEPTH} already; expected at most {MAX_EXTENDS_DEPTH} layouts "
                    f"in a chain, each extending the next"
                )
            elif highest > MAX_EXTENDS_DEPTH:
                found[current] = found[at[0]]
            continue
        if current in heights or current in walking:
            continue
        try:
            raw = catalogue.load(current, where)[0]
            parents_of[current] = _parents(raw) if isinstance(raw, dict) else []
        except InputError:  # counted as one layout; resolve_raw reports it
            parents_of[current] = []
        walking.add(current)
        stack.append((current, where, True))
        stack += [(parent, at, False) for parent, at in parents_of[current]]
    return found.get(name)


def _parents(raw: MarkedDict) -> list[tuple[str, Where]]:
    """The names in `extends` (one or a list), each with where it is written. Each is
    checked to be a layout's name before any file is looked up by it: a path
    (`../secrets`, `/etc/...`) would read a file outside the kit."""
    value = raw.get("extends")
    if isinstance(value, str):
        mark = raw.mark_of("extends")
        parents = [(value, Where(mark.file, mark.line, "extends"))]
    elif isinstance(value, list):
        if len(value) > MAX_PARENTS:
            mark = raw.mark_of("extends")
            where = Where(mark.file, mark.line, "extends")
            raise InputError(
                [where.problem(f"expected at most {MAX_PARENTS} parents, found {len(value):,}")]
            )
        parents = [
            (parent, Where(value.mark_of(i).file, value.mark_of(i).line, f"extends[{i}]"))
            for i, parent in enumerate(value)
        ]
    else:
        return []  # absent, or of a wrong type the schema reports
    wrong = [
        where.problem(f"expected {SLUG.expected} (a layout's name), found {describe(parent)}")
        for parent, where in parents
        if not (isinstance(parent, str) and SLUG.pattern.fullmatch(parent))
    ]
    if wrong:
        raise InputError(wrong)
    return parents


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
