"""Layout resolution: several parents, null removes a box, built-ins as fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.kinds.deck.layout import load_layout
from generator.kit.catalogue import Catalogue, resolve_raw
from generator.kit.units import MM
from generator.kit.yamlfile import load_yaml


def write(folder: Path, name: str, text: str) -> None:
    (folder / "layouts").mkdir(parents=True, exist_ok=True)
    (folder / "layouts" / f"{name}.yaml").write_text(text, encoding="utf-8")


CARD = """
extends: card-base
size: {width: 63mm, height: 88mm}
sheet: a4-3x3
boxes:
  title: {x: 4mm, y: 4mm, width: 50mm, height: 10mm, style: title}
  logo: {x: 4mm, y: 70mm, width: 20mm, height: 10mm}
back:
  boxes:
    title: {x: 4mm, y: 4mm, width: 50mm, height: 10mm, content: deck_title, style: title}
"""


def test_later_parents_win_and_the_child_wins_over_all(tmp_path):
    write(tmp_path, "card", CARD)
    write(tmp_path, "big", "styles:\n  body: {size: 11pt}\n  title: {size: 14pt}\n")
    write(tmp_path, "bigger", "styles:\n  body: {size: 12pt}\n")
    write(tmp_path, "mine", "extends: [card, big, bigger]\nstyles:\n  title: {size: 15pt}\n")
    layout = load_layout(Catalogue(tmp_path, "layouts", "layout"), "mine")
    assert layout.styles["body"].size == 12  # the later parent wins
    assert layout.styles["title"].size == 15  # the child wins
    assert layout.styles["body"].font == "regular"  # merged key by key from card-base
    assert layout.width == pytest.approx(63 * MM)


def test_null_removes_a_box_a_parent_defined(tmp_path):
    write(tmp_path, "card", CARD)
    write(tmp_path, "plain", "extends: card\nboxes:\n  logo: null\n")
    layout = load_layout(Catalogue(tmp_path, "layouts", "layout"), "plain")
    assert "logo" not in {box.name for box in layout.faces["question"]}
    assert "title" in {box.name for box in layout.faces["question"]}


def test_a_kit_layout_overrides_a_built_in_of_the_same_name(tmp_path):
    write(tmp_path, "card-base", "abstract: true\nstyles:\n  title: {size: 20pt}\n")
    raw = resolve_raw(Catalogue(tmp_path, "layouts", "layout"), "card-base")
    assert raw["styles"]["title"]["size"] == "20pt"
    assert "body" not in raw["styles"]  # the built-in card-base was not read


def test_built_in_layouts_are_the_fallback(tmp_path):
    catalogue = Catalogue(tmp_path, "layouts", "layout")
    assert "card-base" in catalogue.names()
    assert catalogue.path("card-base")[1] == "<built-in>/layouts/card-base.yaml"


def test_a_cycle_names_every_layout_in_it(tmp_path):
    write(tmp_path, "a", "extends: b\n")
    write(tmp_path, "b", "extends: [card-base, c]\n")
    write(tmp_path, "c", "extends: a\n")
    with pytest.raises(InputError) as error:
        load_layout(Catalogue(tmp_path, "layouts", "layout"), "a")
    assert "layouts/c.yaml:1 extends: extends cycle: a -> b -> c -> a" in str(error.value)


def test_a_box_off_the_card_is_an_error(tmp_path):
    write(tmp_path, "card", CARD)
    write(tmp_path, "wide", "extends: card\nboxes:\n  title: {x: 30mm, width: 50mm}\n")
    with pytest.raises(InputError, match=r"wide.yaml:3 boxes.title: box 'title' reaches outside"):
        load_layout(Catalogue(tmp_path, "layouts", "layout"), "wide")


def test_a_box_with_an_unknown_style_is_an_error(tmp_path):
    write(tmp_path, "card", CARD)
    write(tmp_path, "odd", "extends: card\nboxes:\n  title: {style: huge}\n")
    with pytest.raises(InputError, match=r"expected a text style defined under styles"):
        load_layout(Catalogue(tmp_path, "layouts", "layout"), "odd")


def test_yaml_keeps_dutch_words_as_text_and_refuses_duplicate_keys(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("word: Nee\nother: no\nyes: on\n", encoding="utf-8")
    assert load_yaml(path) == {"word": "Nee", "other": "no", "yes": "on"}
    path.write_text("title: a\ntitle: b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"words.yaml:2: malformed YAML: duplicate key 'title'"):
        load_yaml(path)
