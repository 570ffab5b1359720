"""Material kinds are plug-ins: a kind declared in a module of its own, registered in
the registry, is listed, checked, built and validated by the same commands, and nothing
another kind makes changes because of it."""

from __future__ import annotations

import hashlib
import re

import pytest
from reportlab.lib.pagesizes import A5

from generator.kinds import KINDS
from generator.kinds.kind import Built, Command, Kind
from generator.kit.schema import Field, Record, Text
from generator.kit.sheet import CutMarks, Sheet
from generator.print.document import open_document, save
from generator.print.fonts import register
from tests.conftest import copy_kit, edit_kit, run
from tests.pdfcheck import page_text

LABEL_FILE = Record(
    {"type": Field(Text()), "source": Field(Text()), "title": Field(Text())}, make=dict
)
LABEL_LAYOUT = Record({"material": Field(Text()), "text": Field(Text())}, make=dict)


def _load_layout(project, name, named_at):
    from generator.kit.catalogue import resolve_raw
    from generator.kit.schema import validate

    raw = resolve_raw(project.layouts, name, named_at)
    return validate(LABEL_LAYOUT, raw, project.layouts.path(name)[1])


def _build(project, material, options, target) -> Built:
    """One A5 page with the label's title and the layout's text."""
    label = project.material("label", material.name)
    layout = project.layout(material.layout, "label")
    brand = project.brand(project.kit().brand)
    fonts = register(brand)
    sheet = Sheet("a5", "", A5[0], A5[1], 1, 1, 0, "long-edge", 14, CutMarks(0, 0, 0))
    canvas = open_document(
        target, sheet, title=label["title"], subject="", author="", font_name=fonts.name("regular")
    )
    canvas.drawString(72, 300, f"{label['title']} {layout['text']}")
    canvas.showPage()
    if target is not None:
        save(canvas)
    return Built(material.name, 1, 1, ())


LABEL = Kind(
    name="label",
    plural="labels",
    content=LABEL_FILE,
    make=lambda name, values: values,
    describe=lambda label: label["title"],
    load_layout=_load_layout,
    check_layout=lambda project, name: [],
    warnings=lambda project, materials, teams: [],
    build=_build,
    command=Command("Build one label."),
)


@pytest.fixture
def label_kit(tmp_path, monkeypatch):
    monkeypatch.setitem(KINDS, "label", LABEL)
    kit = copy_kit(tmp_path / "kit")
    (kit / "content" / "naambord.yaml").write_text(
        "type: label\nsource: eigen tekst\ntitle: Welkom bij de workshop\n", encoding="utf-8"
    )
    (kit / "layouts" / "bordje.yaml").write_text(
        "material: label\ntext: Samen sterker\n", encoding="utf-8"
    )
    return kit


def _add_label(kit) -> None:
    text = (kit / "workshop.yaml").read_text(encoding="utf-8")
    text += "  - label: naambord\n    layout: bordje\n"
    (kit / "workshop.yaml").write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_a_new_kind_is_built_listed_and_validated_with_no_change_to_another(label_kit):
    before = run(["build"], label_kit)
    assert before.exit_code == 0, before.output
    decks = {p.name: _digest(p) for p in (label_kit / "output" / "open").glob("*.pdf")}
    _add_label(label_kit)

    built = run(["build"], label_kit)
    assert built.exit_code == 0, built.output
    out = label_kit / "output" / "open"
    assert "Welkom bij de workshop Samen sterker" in page_text(out / "naambord.pdf", 0)
    # every other kind's file is exactly what it was without the new kind
    assert {name: _digest(out / name) for name in decks} == decks
    listed = run(["list"], label_kit).output
    assert re.search(r"^label +naambord +Welkom bij de workshop$", listed, re.M), listed
    assert run(["validate"], label_kit).exit_code == 0


def test_a_kind_the_registry_does_not_know_is_refused_with_the_known_ones(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    _add_label(kit)
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "]: expected one of deck, worksheet" in result.output
    assert "found keys label, layout" in result.output


def test_content_of_another_kind_is_refused_where_the_kit_names_it(label_kit):
    edit_kit(label_kit, materials=[{"deck": "naambord", "layout": "card-63x88"}])
    result = run(["validate"], label_kit)
    assert result.exit_code == 1
    assert "content 'naambord' is a label, not a deck" in result.output


def test_a_layout_for_another_kind_is_refused_with_the_usable_ones(label_kit):
    edit_kit(label_kit, materials=[{"deck": "elementen", "layout": "bordje"}])
    result = run(["validate"], label_kit)
    assert result.exit_code == 1
    assert "layout 'bordje' is for labels; expected a layout for decks" in result.output
    assert "card-63x88" in result.output


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_posters_overview_names_kinds_the_registry_knows(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    fasen = kit / "content" / "fasen.yaml"
    fasen.write_text(
        fasen.read_text(encoding="utf-8").replace("overview: [worksheet]", "overview: [werkblad]"),
        encoding="utf-8",
    )
    edit_kit(kit, materials=[{"poster": "fasen", "layout": "poster"}])
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "overview[0]: expected a kind (deck, worksheet, poster), found 'werkblad'" in (
        result.output
    )
