"""A kit folder on disk: workshop.yaml, content/, layouts/, assets/. Loads and checks
each file on demand, and can check all of them at once for `workshop validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path

from ..errors import InputError, Problem, Where, display_path, listed
from ..kinds import KINDS, kind_names
from .brand import Brand
from .brand_files import load_brand
from .catalogue import BUILTIN, BUILTIN_LABEL, Catalogue, load_sheet, resolve_raw
from .kitfile import Kit, form_url_warnings, kit_schema
from .naming import collisions
from .schema import describe, validate
from .sheet import Sheet
from .yamlfile import find_text, load_yaml, mark_at

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
        self.content = cache(self._load_content)
        self.layout = cache(self._load_layout)
        self.sheet = cache(self._load_sheet)
        self.brand = cache(self._load_brand)
        # where the kit names each layout and material, to point there when one is missing
        self._layout_refs: dict[str, Where] = {}
        self._content_refs: dict[str, Where] = {}

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
    def content_names(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "content").glob("*.yaml"))

    def brand_names(self) -> list[str]:
        places = (self.root / "assets", BUILTIN_BRANDS)
        return sorted({p.parent.name for place in places for p in place.glob("*/brand.yaml")})

    # --- loading -------------------------------------------------------------------------
    def _load_kit(self) -> Kit:
        name = self.show(self.kit_file)
        raw = load_yaml(self.kit_file, name)
        kit = validate(kit_schema(kind_names()), raw, name)
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
        self._content_refs = {
            m.name: _ref(materials, i, m.kind) for i, m in enumerate(kit.materials)
        }
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
        what each kind warns about the layouts and brand these materials use (contrast)."""
        found = self._url_warnings(teams)
        for kind in dict.fromkeys(m.kind for m in materials):
            of_kind = tuple(m for m in materials if m.kind == kind)
            found += KINDS[kind].warnings(self, of_kind, teams)
        from ..print.contrast import merged  # a pale brand colour: one warning

        return merged(list(dict.fromkeys(found)))

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

    def locate(self, name: str):
        """A function (texts drawn, characters or None) -> where such a text is written,
        for the material `name`: the first text of its content file (then of the kit
        file: its title) that is one of the texts drawn, or with `characters`, that holds
        one of them and is one of the texts or part of one (a template filled in), or
        failing that any text of its content file that holds one of them."""
        sources = [self._kit_raw] if hasattr(self, "_kit_raw") else []
        with suppress(InputError):  # no content file of that name: the kit file only
            sources.insert(0, self.content(name)[1])

        def locate(texts: list[str], chars: set[str] | None) -> Where | None:
            drawn = {t.strip() for t in texts}

            def holds(value: str) -> bool:
                return chars is None or any(c in value for c in chars)

            tries = [lambda v: v.strip() in drawn and holds(v)]
            if chars:
                tries.append(lambda v: holds(v) and any(v.strip() in t for t in texts))
            found = [find_text(raw, wanted) for wanted in tries for raw in sources]
            if chars:
                found += [find_text(raw, holds) for raw in sources[:1]]
            return next((where for where in found if where is not None), None)

        return locate

    def material(self, kind: str, name: str):
        """The content of a material, which must be of this kind."""
        content, raw = self.content(name)
        found = raw.get("type") if isinstance(raw, dict) else None
        if not _made_of(kind, found):
            where = self._content_refs.get(name) or Where(self._content_label(name))
            raise InputError(
                [
                    where.problem(
                        f"content '{name}' is a {found}, not a {kind}; expected a "
                        f"{kind} here (type: {kind} in its file) or the key {found}: {name}"
                    )
                ]
            )
        answers = self.brand(self.kit().brand, parse=False).answers
        return KINDS[found].answers(content, answers) if answers else content

    def _content_label(self, name: str) -> str:
        return self.show(self.root / "content" / f"{name}.yaml")

    def _load_content(self, name: str):
        """(content object, raw YAML) of content/<name>.yaml, read as its `type` says."""
        path = self.root / "content" / f"{name}.yaml"
        label = self.show(path)
        if not (path.exists() or path.is_symlink()):  # a folder or a loop: load_yaml says so
            raise InputError([self._missing(name, label)])
        raw = load_yaml(path, label, within=self.root)
        kind = KINDS[_content_type(raw, label)]
        content = kind.make(name, validate(kind.content, raw, label))
        problems = [
            mark_at(raw, path).problem(message) for path, message in kind.content_check(content)
        ]
        if problems:
            raise InputError(problems)
        return content, raw

    def _missing(self, name: str, label: str) -> Problem:
        where = self._content_refs.get(name, Where(label))
        kind = where.path.rsplit(".", 1)[-1] if where.path.startswith("materials[") else ""
        names = [n for n in self.content_names() if not kind or self._is_content(n, kind)]
        return where.problem(
            f"no content for {kind + ' ' if kind else ''}'{name}': {label} not found "
            f"(available: {listed(names)})"
        )

    def _is_content(self, name: str, kind: str) -> bool:
        """Whether content/<name>.yaml is valid content a material of `kind` is made of."""
        try:
            found = self.content(name)[1].get("type")
        except InputError:
            return False
        return _made_of(kind, found)

    def content_kind(self, name: str) -> str:
        """The kind content/<name>.yaml is of (its `type`)."""
        return self.content(name)[1]["type"]

    def layout_kind(self, name: str) -> str:
        """The kind of material a layout is for: its `material` key (default deck)."""
        raw = resolve_raw(self.layouts, name, self._layout_refs.get(name))
        value = raw.get("material", "deck")
        known = isinstance(value, str) and value in KINDS
        return value if known else "deck"  # an unknown value or type: its schema says so

    def _load_layout(self, name: str, kind: str = "deck"):
        found = self.layout_kind(name)
        if found != kind:
            where = self._layout_refs.get(name) or Where(self.layouts.path(name)[1])
            usable = [n for n in self.layouts.names() if self._is_for(n, kind)]
            raise InputError(
                [
                    where.problem(
                        f"layout '{name}' is for {KINDS[found].plural}; expected a layout for "
                        f"{KINDS[kind].plural} (available: {listed(usable)})"
                    )
                ]
            )
        return KINDS[kind].load_layout(self, name, self._layout_refs.get(name))

    def _is_for(self, layout: str, kind: str) -> bool:
        try:
            return self.layout_kind(layout) == kind
        except InputError:
            return False

    def _load_sheet(self, name: str, named_at: Where | None = None) -> Sheet:
        return load_sheet(self.sheets, name, named_at)

    def _load_brand(self, name: str, parse: bool = True) -> Brand:
        """The kit's own assets/<name>/, else the built-in brand of that name; `parse`:
        its fonts and logo opened as a build draws them (see load_brand)."""
        folder = self.root / "assets" / name
        label = self.show(folder / "brand.yaml")
        if not folder.exists() and (BUILTIN_BRANDS / name).is_dir():
            folder, label = BUILTIN_BRANDS / name, f"{BUILTIN_LABEL}/brands/{name}/brand.yaml"
        named_at = self.where("brand") if name == self.kit().brand else None
        within = self.root if folder.parent == self.root / "assets" else None
        return load_brand(folder, label, self.brand_names(), parse, named_at, within)

    # --- checking everything --------------------------------------------------------------
    def check_all(self, materials=None, every_content: bool = False) -> list[Problem]:
        """Every problem in the files a build of `materials` (default: the kit's) reads."""
        problems: list[Problem] = []
        kit = _collect(problems, self.kit)
        if kit is None:
            return problems
        _collect(problems, self.brand, kit.brand)
        for material in kit.materials if materials is None else materials:
            _collect(problems, self.material, material.kind, material.name)
            layout_problems = _collect(problems, self.check_layout, material.layout, material.kind)
            problems += [p for p in layout_problems or () if p not in problems]
        for name in self.content_names() if every_content else ():
            _collect(problems, self.content, name)
        return problems

    def check_layout(self, name: str, kind: str | None = None) -> list[Problem]:
        """Every problem of a layout, checked as a layout for `kind` (default: the kind
        it says it is for)."""
        try:
            self.layout(name, kind or self.layout_kind(name))
        except InputError as exc:
            return exc.problems
        return KINDS[kind or self.layout_kind(name)].check_layout(self, name)


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


def _content_type(raw, label: str) -> str:
    """The kind a content file declares in `type`, checked before its schema."""
    if not isinstance(raw, dict):
        return "deck"  # the deck schema reports what was found instead of a mapping
    value = raw.get("type")
    if isinstance(value, str) and value in KINDS:
        return value
    where = mark_at(raw, "type") if "type" in raw else Where(label, raw.mark.line)
    if "type" not in raw:
        shown = "no type"
    else:
        shown = f"'{value}'" if isinstance(value, str) else describe(value)
    raise InputError([where.problem(f"expected type: one of {', '.join(KINDS)}, found {shown}")])


def _made_of(kind: str, found: str | None) -> bool:
    """Whether a material of `kind` can be made of content of type `found`: its own, or
    (a poster) that of any kind whose content hangs on a wall."""
    if found == kind:
        return True
    known = isinstance(found, str) and found in KINDS
    return KINDS[kind].drawn_from_others and known and KINDS[found].wall is not None
