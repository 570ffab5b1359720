"""A kit folder on disk: workshop.yaml, content/, layouts/, assets/. Loads and checks
each file on demand, and can check all of them at once for `workshop validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from .brands import load_brand
from .contrast import contrast_problems
from .errors import InputError, Problem, Where, display_path
from .layouts import BUILTIN, BUILTIN_LABEL, Catalogue, box_at, load_layout, load_sheet, resolve_raw
from .model.brand import Brand
from .model.content import DECK_FILE, Deck, make_deck
from .model.kit import KIT_FILE, Kit, form_url_warnings
from .model.layout import CardLayout
from .model.sheet import Sheet
from .naming import collisions
from .plan import PlanError, Rect, grid, outside_printable
from .schema import validate
from .units import MM
from .yamlfile import load_yaml

KIT_FILE_NAME = "workshop.yaml"
BUILTIN_BRANDS = Path(str(BUILTIN / "brands"))


class Project:
    def __init__(self, kit_file: Path):
        self.kit_file = kit_file.resolve()
        self.root = self.kit_file.parent
        self.layouts = Catalogue(self.root, "layouts", "layout")
        self.sheets = Catalogue(self.root, "layouts/sheets", "sheet")
        # cache per instance: a project is loaded once per command
        self.kit = cache(self._load_kit)
        self.deck = cache(self._load_deck)
        self.layout = cache(self._load_layout)
        self.sheet = cache(self._load_sheet)
        self.brand = cache(self._load_brand)
        # where the kit names each layout and deck, to point there when one is missing
        self._layout_refs: dict[str, Where] = {}
        self._deck_refs: dict[str, Where] = {}

    @classmethod
    def find(cls, kit_file: str | None) -> Project:
        path = Path(kit_file) if kit_file else Path.cwd() / KIT_FILE_NAME
        if not path.is_file():
            where = Where(str(path))
            raise InputError(
                [
                    where.problem(
                        f"kit file not found; run workshop in a folder with {KIT_FILE_NAME} "
                        f"or pass --kit PATH"
                    )
                ]
            )
        return cls(path)

    def show(self, path: Path) -> str:
        return display_path(path, self.root)

    # --- what is available -------------------------------------------------------------
    def deck_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "content").glob("*.yaml"))

    def brand_names(self) -> list[str]:
        places = (self.root / "assets", BUILTIN_BRANDS)
        return sorted({p.parent.name for place in places for p in place.glob("*/brand.yaml")})

    # --- loading -------------------------------------------------------------------------
    def _load_kit(self) -> Kit:
        name = self.show(self.kit_file)
        raw = load_yaml(self.kit_file, name)
        kit = validate(KIT_FILE, raw, name)
        self._kit_raw = raw
        materials = raw["materials"]
        problems = [
            _ref(materials, index, "").problem(
                f"{kit.materials[index].kind} '{kit.materials[index].name}' with layout "
                f"'{kit.materials[index].layout}' {why} (first at materials[{first}]); "
                f"expected each material once"
            )
            for index, first, why in collisions(kit.materials)
        ]
        problems += _link_problems(raw, kit)
        if problems:
            raise InputError(problems)
        self._layout_refs = {
            m.layout: _ref(materials, i, "layout") for i, m in enumerate(kit.materials)
        }
        self._deck_refs = {m.name: _ref(materials, i, m.kind) for i, m in enumerate(kit.materials)}
        return kit

    def where(self, key: str) -> Where:
        """Where the kit file sets `key` (its line when it is written there); a dotted
        key such as answers.url looks inside a section."""
        self.kit()
        *outer, last = key.split(".")
        node = self._kit_raw
        for name in outer:
            node = node[name] if isinstance(node, dict) and name in node else node
        where = _ref(node, None, last)
        return Where(where.file, where.line, key)

    def warnings(self, materials, teams: int) -> list[Problem]:
        """What is allowed but rarely meant: a form URL that loses the card or team, and
        text with too little contrast on the layouts and brand these materials use."""
        found = self._url_warnings(teams)
        brand = self.brand(self.kit().brand)
        for layout_name in dict.fromkeys(m.layout for m in materials):
            decks = [self.deck(m.name) for m in materials if m.layout == layout_name]
            found += contrast_problems(
                self.layout(layout_name),
                resolve_raw(self.layouts, layout_name),
                brand,
                deck_colours={d.colour for d in decks},
                card_colours={r.colour for d in decks for r in d.responses},
            )
        return list(dict.fromkeys(found))

    def _url_warnings(self, teams: int) -> list[Problem]:
        """Templates that lose the card or team, and a form_url the answers replace."""
        kit, found = self.kit(), []
        templates = [("answers.forward", kit.answers.forward if kit.answers else None)]
        if kit.answers and kit.form_url:
            found.append(
                self.where("form_url").problem(
                    "is not used: answers is set, so QR codes carry short links; "
                    "expected answers.forward to send them on to a form, or no form_url"
                )
            )
        else:
            templates.append(("form_url", kit.form_url))
        for key, template in templates:
            if template:
                at = self.where(key)
                found += [at.problem(m) for m in form_url_warnings(template, teams)]
        return found

    def _load_deck(self, name: str) -> Deck:
        path = self.root / "content" / f"{name}.yaml"
        label = self.show(path)
        if not (path.exists() or path.is_symlink()):  # a folder or a loop: load_yaml says so
            where = self._deck_refs.get(name, Where(label))
            raise InputError(
                [
                    where.problem(
                        f"no content for deck '{name}': {label} not found "
                        f"(available: {', '.join(self.deck_names()) or 'none'})"
                    )
                ]
            )
        return make_deck(name, validate(DECK_FILE, load_yaml(path, label), label))

    def _load_layout(self, name: str) -> CardLayout:
        return load_layout(self.layouts, name, self._layout_refs.get(name))

    def _load_sheet(self, name: str, named_at: Where | None = None) -> Sheet:
        return load_sheet(self.sheets, name, named_at)

    def _sheet_ref(self, layout: str) -> Where | None:
        raw = self.layouts.raw(layout)
        return _ref(raw, None, "sheet") if isinstance(raw, dict) and "sheet" in raw else None

    def _load_brand(self, name: str) -> Brand:
        """The kit's own assets/<name>/, else the built-in brand of that name."""
        folder = self.root / "assets" / name
        label = self.show(folder / "brand.yaml")
        if not folder.exists() and (BUILTIN_BRANDS / name).is_dir():
            folder, label = BUILTIN_BRANDS / name, f"{BUILTIN_LABEL}/brands/{name}/brand.yaml"
        return load_brand(folder, label, self.brand_names())

    # --- checking everything --------------------------------------------------------------
    def check_all(self, materials=None, every_deck: bool = False) -> list[Problem]:
        """Every problem in the files a build of `materials` (default: the kit's) reads."""
        problems: list[Problem] = []
        kit = _collect(problems, self.kit)
        if kit is None:
            return problems
        _collect(problems, self.brand, kit.brand)
        for material in kit.materials if materials is None else materials:
            _collect(problems, self.deck, material.name)
            problems += [p for p in self.check_layout(material.layout) if p not in problems]
        for name in self.deck_names() if every_deck else ():
            _collect(problems, self.deck, name)
        return problems

    def check_layout(self, name: str) -> list[Problem]:
        problems: list[Problem] = []
        layout = _collect(problems, self.layout, name)
        if layout is None:
            return problems
        sheet = _collect(problems, self.sheet, layout.sheet, self._sheet_ref(name))
        if sheet is not None:
            label = self.layouts.path(name)[1]
            try:
                slots = grid(sheet, layout.width, layout.height)
            except PlanError as exc:
                return [*problems, Problem(label, None, "sheet", str(exc))]
            raw = resolve_raw(self.layouts, name)
            problems += _unprintable_boxes(layout, sheet, slots, raw)
        return problems


def _unprintable_boxes(layout: CardLayout, sheet: Sheet, slots, raw) -> list[Problem]:
    """Boxes that would land in the printer's blank edge: they would print cut off."""
    problems, seen = [], set()
    for face, boxes in [*layout.faces.items(), ("back", layout.back)]:
        for box in boxes:
            rect = Rect(box.x, layout.height - box.y - box.height, box.width, box.height)
            at = box_at(raw, face, box.name)
            if at.path in seen or not outside_printable(sheet, slots, rect):
                continue
            seen.add(at.path)
            problems.append(
                Problem(
                    at.mark.file,
                    at.mark.line,
                    at.path,
                    f"box '{box.name}' ({face}) reaches into the "
                    f"{sheet.printable_margin / MM:g} mm edge that office printers "
                    f"leave blank on sheet '{sheet.name}'; keep it further from "
                    f"the card edge",
                )
            )
    return problems


def _ref(container, index: int | None, key: str) -> Where:
    """Where a name is given: file, line and key path."""
    node, path = container, key
    if index is not None:
        node, path = container[index], f"materials[{index}]" + (f".{key}" if key else "")
    mark = node.mark_of(key) if key else node.mark
    return Where(mark.file, mark.line, path)


def _link_problems(raw, kit: Kit) -> list[Problem]:
    """A kit says where its QR codes lead: short links (answers) or a form_url."""
    if kit.answers or kit.form_url:
        return []
    return [
        Where(raw.mark.file, raw.mark.line).problem(
            "missing key 'answers' or 'form_url': expected answers: {url: ...} (an answer "
            "server's address, or auto) for short links, or form_url: a form's URL template"
        )
    ]


def _collect(problems: list[Problem], load: Callable, *args):
    try:
        return load(*args)
    except InputError as exc:
        problems.extend(p for p in exc.problems if p not in problems)
        return None
