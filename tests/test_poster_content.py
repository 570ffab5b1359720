"""Poster content (content/fasen.yaml, tips.yaml, studie.yaml) is valid and faithful: every
piece not marked editorial stands word for word in its source text, sentences kept in the
source's order (sentences may be left out, never rewritten)."""

from __future__ import annotations

import re

import pytest

from generator.kinds.poster.content import POSTER_FILE, Poster, make_poster, shape_problems
from generator.kit.schema import validate
from generator.kit.yamlfile import load_yaml
from tests.conftest import REPO
from tests.test_sources import SEEDS, normal

SOURCES = {
    "fasen": ["004_409133b4fd9ff147.txt"],
    "tips": ["003_69f45047eddc9328.txt"],
    "studie": ["000_a405f9448c6455c1.txt", "001_522d86f859518b9d.txt"],
}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="source texts not beside the repo")


def poster(name: str) -> Poster:
    path = REPO / "content" / f"{name}.yaml"
    return make_poster(name, validate(POSTER_FILE, load_yaml(path), str(path)))


def seed(file: str) -> str:
    return normal((SEEDS / file).read_text(encoding="utf-8"))


def source_text(name: str) -> str:
    return "".join(seed(f) for f in SOURCES[name])


def sentences(paragraph: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", paragraph)


def quoted(p: Poster) -> list[tuple[str, str]]:
    """(where, paragraph) for every piece of a poster that claims to come from the source;
    figures are checked on their own (value and label together)."""
    pieces = [("title", p.title), ("subtitle", p.subtitle), ("message", p.message)]
    pieces += [("intro", paragraph) for paragraph in p.intro]
    for n, item in enumerate(p.items, 1):
        pieces.append((f"items[{n}].title", item.title))
        pieces += [(f"items[{n}].parts", part) for part in item.parts]
        if not item.editorial:
            pieces += [(f"items[{n}].text", paragraph) for paragraph in item.text]
    for group in p.groups:
        pieces.append((f"groups[{group.title}].title", group.title))
        pieces += [(f"groups[{group.title}].items", paragraph) for paragraph in group.items]
    return [(where, text) for where, text in pieces if text]


def sections(source: str, headings: list[str]) -> list[str]:
    """The source cut at each heading: from one heading to the next (or the end)."""
    starts = [source.index(normal(heading)) for heading in headings]
    return [source[a:b] for a, b in zip(starts, [*starts[1:], len(source)], strict=True)]


def misquoted(paragraph: str, source: str) -> str | None:
    """The first sentence of the paragraph not found in the source after the one before."""
    at = 0
    for sentence in sentences(paragraph):
        found = source.find(normal(sentence), at)
        if found < 0:
            return sentence
        at = found + len(normal(sentence))
    return None


@pytest.mark.parametrize("name", SOURCES)
def test_poster_file_is_valid(name):
    p = poster(name)
    assert shape_problems(p) == []
    assert p.title and p.language is None


@pytest.mark.parametrize("name", SOURCES)
def test_poster_names_its_source(name):
    assert len(poster(name).source) > 40
    header = (REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8").split("\ntype:")[0]
    for file in SOURCES[name]:
        assert f"seeds {file}" in header, f"the header comment should name {file}"


@needs_seeds
@pytest.mark.parametrize("name", SOURCES)
def test_poster_is_quoted_from_the_source(name):
    source = source_text(name)
    pieces = quoted(poster(name))
    assert len(pieces) >= 10
    for where, paragraph in pieces:
        wrong = misquoted(paragraph, source)
        assert wrong is None, f"{name}.{where}: {wrong!r} not in the source (in this order)"


@needs_seeds
@pytest.mark.parametrize("name", SOURCES)
def test_figures_stand_with_their_label_in_the_source(name):
    source = source_text(name)
    for figure in poster(name).figures:
        assert normal(f"{figure.value} {figure.label}") in source, figure


def test_only_the_condensed_opening_of_phase_3_is_editorial():
    editorial = {
        (name, n)
        for name in SOURCES
        for n, item in enumerate(poster(name).items, 1)
        if item.editorial
    }
    assert editorial == {("fasen", 3)}


def test_fasen_has_the_four_phases_with_their_parts():
    items = poster("fasen").items
    assert [i.title for i in items] == [
        "Externe en interne analyse",
        "Het netwerk",
        "Procesanalyse",
        "Afspraken, plannen en borgen",
    ]
    assert [i.parts for i in items] == [
        ("1a Externe analyse", "1b Interne analyse"),
        ("2a Netwerkanalyse", "2b Netwerkbijeenkomsten"),
        ("Wie doet wat, op welk moment en op welke wijze?",),
        (
            "Wie gaat wat op welk moment doen?",
            "Wie is waarvoor verantwoordelijk?",
            "En hoe spreken wij elkaar hierop aan?",
        ),
    ]
    assert all(len(i.text) == 1 and len(sentences(i.text[0])) == 1 for i in items)
    assert "nooit ‘af’" in poster("fasen").message


@needs_seeds
def test_each_phase_quotes_its_own_section_of_the_guide():
    p = poster("fasen")
    source = source_text("fasen")
    phases = sections(source, [f"Fase {n}. {i.title}" for n, i in enumerate(p.items, 1)])
    for n, (item, section) in enumerate(zip(p.items, phases, strict=True), 1):
        own = list(item.parts) + ([] if item.editorial else list(item.text))
        for piece in own:
            assert misquoted(piece, section) is None, f"phase {n}: {piece!r}"
    assert normal(p.message) in phases[3], "the message is phase 4's"


@needs_seeds
def test_tips_are_the_eight_numbered_tips_in_order():
    items = poster("tips").items
    assert len(items) == 8
    source = source_text("tips")
    for n, item in enumerate(items, 1):
        assert normal(f"{n}. {item.title}") in source, f"tip {n}: {item.title!r}"


@needs_seeds
def test_tips_quote_each_tip_under_its_own_heading():
    items = poster("tips").items
    source = source_text("tips")
    tips = sections(source, [f"{n}. {i.title}" for n, i in enumerate(items, 1)])
    for item, section in zip(items, tips, strict=True):
        assert misquoted(" ".join(item.text), section) is None, item.title


def test_studie_has_the_five_key_figures():
    figures = poster("studie").figures
    assert [f.value for f in figures] == ["12", "10", "20", "9", "126"]
    assert figures[-1].label == "geïnterviewde personen"
    assert [g.title for g in poster("studie").groups] == ["Conclusies", "Aandachtspunten"]
    assert [len(g.items) for g in poster("studie").groups] == [5, 5]


@needs_seeds
def test_studie_agrees_with_the_print_version_too():
    """The print extraction lost the numbers of the key figures; all the rest is in both."""
    p = poster("studie")
    for file in SOURCES["studie"]:
        source = seed(file)
        for where, paragraph in quoted(p):
            assert misquoted(paragraph, source) is None, f"{file}: {where}"
        for figure in p.figures:
            assert normal(figure.label) in source, f"{file}: {figure.label}"


def test_the_phases_are_a_cycle_and_the_others_a_grid():
    assert poster("fasen").shape == "cycle"
    assert poster("tips").shape == poster("studie").shape == "grid"  # the default


def test_a_shape_other_than_grid_or_cycle_is_refused(tmp_path):
    from generator.errors import InputError

    path = tmp_path / "fasen.yaml"
    text = (REPO / "content" / "fasen.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("shape: cycle", "shape: circle"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        validate(POSTER_FILE, load_yaml(path), str(path))
    assert "circle" in str(raised.value) and "cycle" in str(raised.value)
