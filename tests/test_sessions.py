"""A real session: four teams get four stacks that cannot be mixed up, sessions keep
their own files, the answer link is checked, and validate finds what a build finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.kit.project import Project
from tests.conftest import edit_kit, kit_links, resolve, run, use_form_url
from tests.pdfcheck import MM, card_origins, open_pdf, render, squeeze

SESSION = "2026-11-noord"


def cards_on_page(pdf: Path, index: int, layout: str, kit: Path):
    """(text printed on the card, QR codes decoded from it) for every card of a page."""
    import zxingcpp

    card = Project(kit / "workshop.yaml").layout(layout)
    width, height = card.width / MM, card.height / MM
    image = render(pdf, index, dpi=220)
    textpage = open_pdf(pdf)[index].get_textpage()
    scale = 220 / 25.4
    for x, y in card_origins(pdf, index):
        box = (x * scale, (297 - y - height) * scale, (x + width) * scale, (297 - y) * scale)
        crop = image.crop(tuple(round(v) for v in box))
        codes = [r.text for r in zxingcpp.read_barcodes(crop)]
        text = textpage.get_text_bounded(x * MM, y * MM, (x + width) * MM, (y + height) * MM)
        yield text, codes


@pytest.mark.parametrize(
    ("deck", "layout"),
    [pytest.param("elementen", "card-63x88", marks=pytest.mark.slow), ("vijf-vs", "card-a6")],
)
def test_each_team_gets_its_own_sheets_and_every_card_shows_its_team(kit, deck, layout):
    result = run(["deck", deck, "--teams", "4", "--session", SESSION], kit)
    assert result.exit_code == 0, result.output
    pdf = kit / "output" / SESSION / f"{deck}.pdf"
    cards_per_team = len(yaml.safe_load((kit / "content" / f"{deck}.yaml").read_text())["cards"])
    links = kit_links(kit, teams=4, session=SESSION)
    stacks = []
    for index in range(0, len(open_pdf(pdf)), 2):
        teams_on_sheet = set()
        for text, codes in cards_on_page(pdf, index, layout, kit):
            printed = re.findall(rf"Team (\d+) · {SESSION}", text)
            assert len(printed) == 1, f"page {index + 1}: card without its team: {text!r}"
            team = int(printed[0])
            teams_on_sheet.add(team)
            for code in codes:  # the code and the printed team agree
                target = resolve(links, code)
                assert target.team == team and target.session == SESSION
        assert len(teams_on_sheet) == 1, f"page {index + 1} mixes teams {teams_on_sheet}"
        stacks.append(teams_on_sheet.pop())
    assert sorted(set(stacks)) == [1, 2, 3, 4]
    assert stacks == sorted(stacks)  # team 1's sheets first, then team 2's, ...
    sheets_per_team = len(stacks) // 4
    assert sheets_per_team == -(-cards_per_team // (9 if layout == "card-63x88" else 2))


def test_one_team_in_the_default_session_prints_no_label(kit):
    assert run(["deck", "elementen"], kit).exit_code == 0
    text = open_pdf(kit / "output" / "open" / "elementen.pdf")[0].get_textpage().get_text_range()
    assert "Team" not in text and "open" not in text.split()


def test_a_session_code_alone_is_printed(kit):
    assert run(["deck", "elementen", "--session", SESSION], kit).exit_code == 0
    pdf = kit / "output" / SESSION / "elementen.pdf"
    texts = [text for text, _ in cards_on_page(pdf, 0, "card-63x88", kit)]
    assert all(SESSION in text and "Team" not in text for text in texts), texts


def test_team_and_session_work_in_layout_templates(kit):
    (kit / "layouts" / "card-mine.yaml").write_text(
        "extends: card-63x88\nboxes:\n  footer: {text: 'Ploeg {team} / {session}'}\n",
        encoding="utf-8",
    )
    result = run(
        ["deck", "elementen", "--layout", "card-mine", "--teams", "2", "--session", SESSION], kit
    )
    assert result.exit_code == 0, result.output
    pdf = kit / "output" / SESSION / "elementen-card-mine.pdf"
    last_front = len(open_pdf(pdf)) - 2
    texts = [text for text, _ in cards_on_page(pdf, last_front, "card-mine", kit)]
    assert any(f"Ploeg 2 / {SESSION}" in squeeze_spaces(t) for t in texts), texts


def squeeze_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_two_sessions_keep_their_files_side_by_side(kit):
    assert run(["deck", "elementen", "--session", "2026-11-noord"], kit).exit_code == 0
    first = (kit / "output" / "2026-11-noord" / "elementen.pdf").read_bytes()
    result = run(["deck", "elementen", "--session", "2026-12-zuid", "--teams", "2"], kit)
    assert result.exit_code == 0, result.output
    assert "wrote output/2026-12-zuid/elementen.pdf" in result.output
    assert (kit / "output" / "2026-11-noord" / "elementen.pdf").read_bytes() == first
    second = kit / "output" / "2026-12-zuid" / "elementen.pdf"
    links = kit_links(kit, teams=2, session="2026-12-zuid")
    codes = [c for _, found in cards_on_page(second, 0, "card-63x88", kit) for c in found]
    assert codes and {resolve(links, c).session for c in codes} == {"2026-12-zuid"}


def test_a_deck_listed_with_two_layouts_writes_two_files(kit):
    edit_kit(
        kit,
        materials=[
            {"deck": "vijf-vs", "layout": "card-a6"},
            {"deck": "vijf-vs", "layout": "card-63x88"},
        ],
    )
    result = run(["build"], kit)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (kit / "output" / "open").iterdir()) == [
        "vijf-vs-card-63x88.pdf",
        "vijf-vs-card-a6.pdf",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("form_url", "teams", "expected"),
    [
        ("https://f.example.org/a?team={team}", 1, "form_url: has no {card}: every card"),
        ("https://f.example.org/a?card={card}", 3, "form_url: has no {team} while 3 teams"),
    ],
)
def test_a_form_url_that_loses_information_is_a_warning_and_strict_an_error(
    kit, form_url, teams, expected
):
    use_form_url(kit, form_url)
    edit_kit(kit, teams=teams)
    for command in (["build"], ["validate"]):
        result = run(command, kit)
        assert result.exit_code == 0, result.output
        assert "warning: workshop.yaml:" in result.output and expected in result.output
        assert result.output.count(expected) == 1  # once, not once per deck or card
    before = {p: p.read_bytes() for p in (kit / "output").rglob("*.pdf")}
    for command in (["build", "--strict"], ["validate", "--strict"]):
        result = run(command, kit)
        assert result.exit_code == 1, result.output
        assert expected in result.output and "(--strict)" in result.output
    assert {p: p.read_bytes() for p in (kit / "output").rglob("*.pdf")} == before


def test_team_warning_follows_the_command_line(kit):
    use_form_url(kit, "https://f.example.org/a?card={card}")
    assert "has no {team}" not in run(["deck", "elementen"], kit).output
    assert "has no {team}" in run(["deck", "elementen", "--teams", "2"], kit).output


def write_deck_change(kit: Path, name: str, change) -> None:
    path = kit / "content" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["cards"][3].update(questions=["Lange vraag over samenwerking? " * 60]),
            "box 'body': text is about",
        ),
        (
            lambda d: d["cards"][3].update(title="Samenwerking \u2603 in de wijk"),
            "has no glyph for '\u2603' (U+2603)",
        ),
    ],
    ids=["overflow", "glyph"],
)
def test_validate_finds_what_the_build_finds(kit, change, expected):
    write_deck_change(kit, "elementen", change)
    validated = run(["validate"], kit)
    built = run(["build"], kit)
    assert validated.exit_code == built.exit_code == 1
    assert expected in validated.output and expected in built.output
    assert not (kit / "output").exists() or not list((kit / "output").rglob("*.pdf"))


def test_validate_finds_a_qr_box_too_small_for_the_form_url(kit):
    use_form_url(kit, "https://forms.example.org/" + "a" * 150 + "?card={card}&team={team}")
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "QR modules would be" in result.output and "shorten form_url" in result.output


def test_validate_writes_nothing(kit):
    result = run(["validate"], kit)
    assert result.exit_code == 0, result.output
    assert "pages drawn" in result.output
    assert not (kit / "output").exists() or not list((kit / "output").rglob("*"))


def test_progress_is_quiet_when_output_is_not_a_terminal(kit):
    result = run(["deck", "elementen", "--teams", "3"], kit)
    assert result.exit_code == 0
    assert "cards" in result.output and "\r" not in result.output
    assert squeeze("wrote output/open/elementen.pdf") in squeeze(result.output)


@pytest.mark.slow
def test_a_long_build_shows_its_progress_on_a_terminal(kit):
    """stderr on a pseudo-terminal, as in a trainer's shell: cards done of total."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "generator", "deck", "elementen", "--teams", "3"],
        cwd=kit,
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=60,
        check=False,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.returncode == 0, shown
    text = shown.decode()
    assert "\r  elementen: 17/51 cards" in text and "elementen: 51/51 cards" in text, text
    assert "cards" not in process.stdout.decode().replace("51 cards", "")


@pytest.mark.slow
def test_low_contrast_in_the_brand_is_a_warning_and_strict_an_error(kit):
    brand = kit / "assets" / "neutraal" / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace('"#B85C00"', '"#F0A040"'), encoding="utf-8"
    )
    expected = "on card colour twijfel (#F0A040) has contrast"
    for command in (["validate"], ["build"]):
        result = run(command, kit)
        assert result.exit_code == 0, result.output
        # blamed on the brand colour, once, with the layout lines that print on it
        said = [line for line in result.output.splitlines() if expected in line]
        assert len(said) == 1, result.output
        assert said[0].startswith("warning: assets/neutraal/brand.yaml:12 colours.twijfel:")
        assert "printed at <built-in>/layouts/card-63x88.yaml line" in said[0]
        assert "expected at least 4.5:1" in said[0]
    strict = run(["validate", "--strict"], kit)
    assert strict.exit_code == 1 and expected in strict.output


def test_a_url_too_long_to_print_at_7pt_is_left_off_once_and_the_code_carries_it(kit):
    long_url = "https://forms.example.org/jeugd/samenwerking/antwoorden/2026/formulier"
    use_form_url(kit, long_url + "?deck={deck}&card={card}&team={team}&session={session}")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    assert result.output.count("do not fit box 'url' at 7pt") == 1, result.output
    assert "they are left off (the QR code carries them)" in result.output
    pdf = kit / "output" / "open" / "elementen.pdf"
    text = open_pdf(pdf)[0].get_textpage().get_text_range()
    assert "forms.example.org" not in text
    codes = [c for _, found in cards_on_page(pdf, 0, "card-63x88", kit) for c in found]
    assert codes and all(c.startswith(long_url) for c in codes)
