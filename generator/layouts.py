"""Find card layouts and sheets, resolve `extends`, and build typed CardLayout objects.

A name is looked up in the kit's layouts/ folder first and in the built-in layouts
shipped with the package after that, so a kit can override or extend a built-in.
Parents merge left to right, the child last; a mapping merges key by key and a null
box removes the box a parent defined.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import InputError, Problem
from .model.layout import CONTENTS, FACE_KINDS, LAYOUT_FILE, STYLE, Box, CardLayout
from .model.sheet import SHEET_FILE, Sheet, make_sheet
from .schema import At, Checker, validate
from .yamlfile import Mark, MarkedDict, load_yaml, marked_dict

BUILTIN = resources.files("generator") / "builtin"
BUILTIN_LABEL = "<built-in>"


class Catalogue:
    """The YAML files of one kind (layouts or sheets): the kit's own, then built-ins."""

    def __init__(self, kit_root: Path, folder: str):
        self.kit_root, self.folder = kit_root, folder
        self.own = kit_root / folder
        self.builtin = Path(str(BUILTIN / folder))

    def names(self) -> list[str]:
        found = {p.stem for d in (self.own, self.builtin) if d.is_dir() for p in d.glob("*.yaml")}
        return sorted(found)

    def path(self, name: str) -> tuple[Path, str] | None:
        for folder, label in (
            (self.own, self.folder),
            (self.builtin, f"{BUILTIN_LABEL}/{self.folder}"),
        ):
            candidate = folder / f"{name}.yaml"
            if candidate.is_file():
                return candidate, f"{label}/{name}.yaml"
        return None

    def load(self, name: str, asked_at: Problem | None = None):
        found = self.path(name)
        if found is None:
            where = asked_at or Problem("", None, "", "")
            available = ", ".join(self.names()) or "none"
            raise InputError(
                [
                    Problem(
                        where.file,
                        where.line,
                        where.path,
                        f"unknown {self._noun()} '{name}' (available: {available})",
                    )
                ]
            )
        path, label = found
        return load_yaml(path, label), label

    def _noun(self) -> str:
        return "sheet" if self.folder.endswith("sheets") else "layout"


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
    catalogue: Catalogue, name: str, chain: tuple[str, ...] = (), asked_at: Problem | None = None
):
    """The layout's YAML with every parent merged in; cycles are an error."""
    if name in chain:
        cycle = " -> ".join((*chain[chain.index(name) :], name))
        raise InputError(
            [Problem(asked_at.file, asked_at.line, asked_at.path, f"extends cycle: {cycle}")]
        )
    raw, label = catalogue.load(name, asked_at)
    if not isinstance(raw, dict):
        raise InputError([Problem(label, None, "", "expected a mapping at the top level")])
    parents = raw.get("extends") or []
    parents = [parents] if isinstance(parents, str) else parents
    merged = marked_dict({}, raw.mark)
    for index, parent in enumerate(parents if isinstance(parents, list) else []):
        mark = (
            raw["extends"].mark_of(index)
            if isinstance(raw["extends"], list)
            else raw.mark_of("extends")
        )
        here = Problem(
            mark.file,
            mark.line,
            f"extends[{index}]" if isinstance(raw["extends"], list) else "extends",
            "",
        )
        merged = merge(merged, resolve_raw(catalogue, str(parent), (*chain, name), here))
    result = merge(merged, raw)
    result["extends"] = raw.get("extends", [])
    if "abstract" not in raw:  # being a base is not inherited
        result.pop("abstract", None)
    return result


def load_layout(catalogue: Catalogue, name: str, asked_at: Problem | None = None) -> CardLayout:
    raw = resolve_raw(catalogue, name, asked_at=asked_at)
    values = validate(LAYOUT_FILE, raw, catalogue.path(name)[1])
    checker = Checker()
    root = At("", raw.mark)
    if values["abstract"]:
        checker.fail(
            root,
            "this layout is abstract (a base for other layouts); "
            "expected a layout with a size and a sheet",
        )
        raise InputError(checker.problems)
    for key in ("size", "sheet", "back"):
        if values[key] is None:
            checker.fail(root, f"missing key '{key}' (in this layout or a parent)")
    if checker.problems:
        raise InputError(checker.problems)
    layout = _build(name, values)
    _check_boxes(layout, raw, checker)
    if checker.problems:
        raise InputError(checker.problems)
    return layout


def _build(name: str, values: dict) -> CardLayout:
    faces = {}
    for kind in FACE_KINDS:
        face = values["kinds"].get(kind, {"boxes": {}})
        boxes = {**values["boxes"], **face["boxes"]}
        faces[kind] = _boxes(boxes)
    back_as_front = frozenset(k for k, f in values["kinds"].items() if f["back"] == "front")
    return CardLayout(
        name=name,
        description=values["description"],
        width=values["size"]["width"],
        height=values["size"]["height"],
        sheet=values["sheet"],
        styles=values["styles"],
        faces=faces,
        back=_boxes(values["back"]["boxes"]),
        back_as_front=back_as_front,
    )


def _boxes(raw_boxes: dict) -> tuple[Box, ...]:
    boxes = []
    for name, spec in raw_boxes.items():
        if spec is None:
            continue
        content = spec["content"] or (name if name in CONTENTS else "none")
        boxes.append(
            Box(name=name, **{**spec, "content": content, "min_module": spec["min_module"] or 0.0})
        )
    return tuple(boxes)


def _check_boxes(layout: CardLayout, raw: MarkedDict, checker: Checker) -> None:
    """Cross-checks the schema cannot make: styles exist, boxes lie on the card."""
    seen = set()
    for face_name, boxes in [*layout.faces.items(), ("back", layout.back)]:
        for box in boxes:
            if (box.name, face_name == "back") in seen:
                continue
            seen.add((box.name, face_name == "back"))
            at = _box_at(raw, face_name, box.name)
            if box.content in ("qr", "logo", "symbol", "none"):
                pass
            elif box.style is None or box.style not in layout.styles:
                found = f"'{box.style}'" if box.style else "none"
                checker.fail(
                    at.key({}, "style"),
                    f"expected a text style defined under styles "
                    f"({', '.join(layout.styles) or 'none defined'}), found {found}",
                )
            if box.x + box.width > layout.width + 0.01 or box.y + box.height > layout.height + 0.01:
                checker.fail(
                    at,
                    f"box '{box.name}' reaches outside the "
                    f"{_mm(layout.width)} x {_mm(layout.height)} mm card",
                )


def _box_at(raw: MarkedDict, face_name: str, box_name: str) -> At:
    """The most specific place a box was defined, for error messages."""
    candidates = (
        [("back", "boxes")] if face_name == "back" else [("kinds", face_name, "boxes"), ("boxes",)]
    )
    for keys in candidates:
        node, at = raw, At("", raw.mark)
        for key in (*keys, box_name):
            if not isinstance(node, dict) or key not in node:
                break
            at, node = at.key(node, key), node[key]
        else:
            return at
    return At(".".join(candidates[-1]) + "." + box_name, raw.mark)


def _mm(points: float) -> str:
    return f"{points / (72 / 25.4):g}"


def load_sheet(catalogue: Catalogue, name: str, asked_at: Problem | None = None) -> Sheet:
    raw, label = catalogue.load(name, asked_at)
    return make_sheet(name, validate(SHEET_FILE, raw, label))


__all__ = ["STYLE", "Catalogue", "load_layout", "load_sheet", "merge"]
