"""The commands as a trainer uses them."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import kit_links, resolve, run, use_form_url
from tests.pdfcheck import card_origins, open_pdf, page_sizes_mm, qr_codes, render, squeeze


@pytest.mark.parametrize("command", ["build", "deck", "validate", "list"])
def test_every_command_explains_itself_with_an_example(kit, command):
    result = run([command, "--help"], kit)
    assert result.exit_code == 0
    assert "Example: workshop" in result.output


def test_list_names_decks_layouts_sheets_and_brands(kit):
    result = run(["list"], kit)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for kind, name in [
        ("deck", "elementen"),
        ("deck", "vijf-vs"),
        ("deck", "succesfactoren"),
        ("layout", "card-63x88"),
        ("layout", "card-a6"),
        ("layout", "card-base"),
        ("sheet", "a4-3x3"),
        ("sheet", "a4-2x2"),
        ("brand", "neutraal"),
    ]:
        assert any(re.match(rf"{kind}\s+{name}\s", line) for line in lines), (kind, name)


@pytest.mark.slow
def test_validate_passes_on_the_default_kit(kit):
    result = run(["validate"], kit)
    assert result.exit_code == 0, result.output
    assert "ok  brand: neutraal" in result.output


def test_deck_prints_teams_and_session_into_the_qr_codes(kit):
    result = run(["deck", "vijf-vs", "--teams", "3", "--session", "2026-11-noord"], kit)
    assert result.exit_code == 0, result.output
    cards = len(yaml.safe_load((kit / "content" / "vijf-vs.yaml").read_text())["cards"])
    assert (
        f"wrote output/2026-11-noord/vijf-vs.pdf: {2 * 3 * -(-cards // 2)} pages, "
        f"{3 * cards} cards" in result.output
    )
    pdf = kit / "output" / "2026-11-noord" / "vijf-vs.pdf"
    codes = [c for i in range(0, len(open_pdf(pdf)), 2) for c in qr_codes(pdf, i)]
    links = kit_links(kit, teams=3, session="2026-11-noord")
    targets = [resolve(links, c) for c in codes]
    assert targets and {t.session for t in targets} == {"2026-11-noord"}
    assert {t.team for t in targets} == {1, 2, 3}
    assert len(set(codes)) == len(codes)  # every card of every team its own link


def test_participants_sets_the_number_of_response_cards(kit):
    result = run(["deck", "succesfactoren", "--participants", "5"], kit)
    assert result.exit_code == 0, result.output
    pdf = open_pdf(kit / "output" / "open" / "succesfactoren.pdf")
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(0, len(pdf), 2))
    assert len(re.findall(r"\bTwijfel\b", text)) == 5


def test_another_layout_can_be_chosen(kit):
    assert run(["deck", "elementen"], kit).exit_code == 0
    result = run(["deck", "elementen", "--layout", "card-a6"], kit)
    assert result.exit_code == 0, result.output
    assert "wrote output/open/elementen-card-a6.pdf" in result.output
    assert set(page_sizes_mm(kit / "output" / "open" / "elementen-card-a6.pdf")) == {(297, 210)}
    assert (kit / "output" / "open" / "elementen.pdf").exists()  # the other layout's file stays


def test_special_characters_print_literally(kit):
    path = kit / "content" / "vijf-vs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cards"][1]["title"] = "Samen & apart <of> niet"
    data["cards"][1]["questions"] = ["Is 3 < 5 & 7 > 2?"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 0, result.output
    text = squeeze(
        " ".join(
            p.get_textpage().get_text_range()
            for p in open_pdf(kit / "output" / "open" / "vijf-vs.pdf")
        )
    )
    assert squeeze("Samen & apart <of> niet") in text
    assert squeeze("Is 3 < 5 & 7 > 2?") in text


def test_text_that_does_not_fit_stops_the_build_unless_overflow_is_allowed(kit):
    path = kit / "content" / "elementen.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    card = next(c for c in data["cards"] if c["id"] == "element-5")
    card["questions"] = card["questions"] * 8
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 1, result.output
    message = re.search(
        r"card 'element-5', box 'body': text is about (\d+) line\(s\) "
        r"\(([\d.]+) mm\) too long",
        result.output,
    )
    assert message, result.output
    # 16 questions at 6.5 pt need about 16 lines more than the 2 questions that fit
    assert 10 <= int(message.group(1)) <= 30
    assert "--allow-overflow" in result.output
    assert not (kit / "output").exists() or not list((kit / "output").rglob("*.pdf"))
    allowed = run(["deck", "elementen", "--allow-overflow"], kit)
    assert allowed.exit_code == 0, allowed.output
    assert "printed cut off with '…'" in allowed.output
    pdf = kit / "output" / "open" / "elementen.pdf"
    text = " ".join(open_pdf(pdf)[i].get_textpage().get_text_range() for i in range(0, 4, 2))
    assert "\u2026" in text


def test_a_character_the_font_lacks_stops_the_build(kit):
    path = kit / "content" / "vijf-vs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cards"][1]["questions"] = ["Vertrouwen we elkaar \u2192 samen?"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 1
    assert "has no glyph for '\u2192' (U+2192)" in result.output
    assert not (kit / "output" / "open" / "vijf-vs.pdf").exists()


def test_a_qr_box_too_small_for_scannable_modules_stops_the_build(kit):
    use_form_url(kit)
    (kit / "layouts" / "card-tiny-qr.yaml").write_text(
        "extends: card-63x88\nboxes:\n  qr: {width: 12mm, height: 12mm}\n", encoding="utf-8"
    )
    result = run(["deck", "elementen", "--layout", "card-tiny-qr", "--teams", "3"], kit)
    assert result.exit_code == 1
    assert (
        "elementen: form_url (workshop.yaml:2) gives URLs such as 'https://forms.example.org/"
        in result.output
    )
    assert (
        "QR modules would be 0.27 mm, below the 0.40 mm minimum of box 'qr' in layout "
        "'card-tiny-qr'; shorten form_url or make the box larger" in result.output
    )
    assert result.output.count("QR modules") == 1  # once, not once per card and team
    assert not (kit / "output" / "open" / "elementen.pdf").exists()


def test_the_number_badge_is_left_out_for_a_card_without_number(kit):
    path = kit / "content" / "elementen.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del next(c for c in data["cards"] if c["id"] == "element-1")["number"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(["deck", "elementen"], kit).exit_code == 0
    pdf = kit / "output" / "open" / "elementen.pdf"
    image = render(pdf, 0, dpi=100).convert("RGB")
    (x1, y1), (x2, y2) = card_origins(pdf, 0)[2:4]  # element-1 (no number), element-2

    def badge(x: float, y: float) -> tuple[int, int, int]:
        # inside the badge, left of its digit: 6 mm from the left and 9 mm from the top
        return image.getpixel((round((x + 6) / 25.4 * 100), round((297 - y - 88 + 9) / 25.4 * 100)))

    assert badge(x1, y1) == (255, 255, 255)
    assert badge(x2, y2) != (255, 255, 255)


def test_a_missing_dependency_is_one_message_not_a_traceback(kit, monkeypatch):
    """An install made before a dependency was added: say what to do, exit 1."""
    import builtins

    real_import = builtins.__import__

    def without_fonttools(name, *args, **kwargs):
        if name.startswith("fontTools"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_fonttools)
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "the Python package 'fontTools' that workshop needs is not installed" in (result.output)
