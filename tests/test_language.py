"""Language per kit and deck: hyphenation and the few words the tool prints itself."""

from __future__ import annotations

import yaml

from tests.conftest import edit_kit, run
from tests.pdfcheck import open_pdf

ENGLISH_QUESTION = (
    "Do the professionals understand the responsibilities, methodologies and "
    "characteristics of the organisations they collaborate with internationally?"
)


def set_deck(kit, name: str, **changes) -> None:
    path = kit / "content" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def pdf_text(path) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in open_pdf(path))


def test_an_english_kit_prints_english_fixed_words(kit):
    edit_kit(kit, language="en", teams=2)
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    text = pdf_text(kit / "output" / "open" / "elementen.pdf")
    assert "Source: " in text and "Bron:" not in text
    assert "Team 2" in text
    assert "This bar is 50 mm" in text


def test_a_deck_can_set_its_own_language(kit):
    set_deck(kit, "vijf-vs", language="en")
    assert run(["build"], kit).exit_code == 0
    from pypdf import PdfReader

    english = PdfReader(kit / "output" / "open" / "vijf-vs.pdf").trailer["/Root"]["/Lang"]
    dutch = PdfReader(kit / "output" / "open" / "elementen.pdf").trailer["/Root"]["/Lang"]
    assert (english, dutch) == ("en-GB", "nl-NL")


def test_english_text_is_hyphenated_as_english(kit):
    from generator.print import text

    dutch = text.hyphenator("nl_NL")("characteristics")
    english = text.hyphenator("en_GB")("characteristics")
    assert dutch != english  # the dictionaries differ on this word
    path = kit / "content" / "vijf-vs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["language"] = "en"
    data["cards"][1]["questions"] = [ENGLISH_QUESTION]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(["deck", "vijf-vs"], kit).exit_code == 0
    printed = pdf_text(kit / "output" / "open" / "vijf-vs.pdf").replace("\ufffe", "-")
    breaks = {w for w in printed.split() if w.endswith("-") and len(w) > 3}
    allowed = {
        head + "-"
        for word in ENGLISH_QUESTION.split()
        for head, _ in text.hyphenator("en_GB")(word.strip("?,."))
    }
    assert breaks <= allowed | {w for w in breaks if not any(c.isalpha() for c in w)}, breaks


def test_an_unknown_language_is_refused_with_the_key(kit):
    edit_kit(kit, language="fr")
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "workshop.yaml" in result.output and "language: expected one of nl, en" in result.output


def test_a_compound_the_dictionary_splits_inside_a_part_breaks_between_its_parts():
    """pyphen's nl_NL would break "welzijn-smedewerker"; the correction puts the break
    after "welzijns", keeps punctuation on the word and the 3-letter minimum."""
    from generator.print.text import hyphenator

    breaks = [head for head, _ in hyphenator("nl_NL")("(welzijnsmedewerker),")]
    assert "(welzijns" in breaks and "(welzijn" not in breaks
    assert all(len(head.strip("(")) >= 3 for head in breaks)
    assert [h for h, _ in hyphenator("nl_NL")("samenwerking")] == ["samenwer", "samen"]
