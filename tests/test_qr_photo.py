"""Every QR code of the default kit scans from a phone's photo of the printed card.

The photo is simulated (tests/photo.py): grey office print, 4 degrees of rotation, a
tilted phone, 1.4 px blur, noise and JPEG at quality 60, with 5.4 pixels to a
millimetre (a 63 mm card 340 pixels wide) as a phone sees it at arm's length. With the
old long form URLs in the same box most cards fail (see
test_long_form_urls_fail_the_same_photo): the test can fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
import zxingcpp

from generator.answers.links import Target, code_for, load_secret, short_url
from generator.kit.project import Project
from tests.conftest import ANSWERS_URL, copy_kit, edit_kit, kit_links, run, use_form_url
from tests.pdfcheck import MM, card_origins, open_pdf, render, squeeze
from tests.photo import Shot, photograph

DPI = 300
TEAMS = 2


def photos(kit: Path, deck: str, layout: str):
    """(text printed on the card, the card as printed, a phone's photo of it) per card."""
    card = Project(kit / "workshop.yaml").layout(layout)
    width, height = card.width / MM, card.height / MM
    pdf_path = kit / "output" / "open" / f"{deck}.pdf"
    pdf = open_pdf(pdf_path)
    scale = DPI / 25.4
    for index in range(0, len(pdf), 2):
        page = render(pdf_path, index, DPI)
        textpage = pdf[index].get_textpage()
        for x, y in card_origins(pdf_path, index):
            text = textpage.get_text_bounded(x * MM, y * MM, (x + width) * MM, (y + height) * MM)
            box = (x * scale, (297 - y - height) * scale, (x + width) * scale, (297 - y) * scale)
            card_image = page.crop(tuple(round(v) for v in box))
            yield text, card_image, photograph(card_image, DPI)


def expected_link(kit: Path, deck: str, text: str) -> str:
    """The short link of the card whose title and team are printed in `text`."""
    cards = yaml.safe_load((kit / "content" / f"{deck}.yaml").read_text(encoding="utf-8"))
    questions = [c for c in cards["cards"] if c.get("kind", "question") == "question"]
    found = [c["id"] for c in questions if squeeze(text).startswith(_heading(c))]
    team = re.search(r"Team (\d+)", text)
    assert len(found) == 1 and team, text
    target = Target("open", deck, found[0], int(team.group(1)))
    return short_url(ANSWERS_URL, code_for(load_secret(kit), target))


def _heading(card: dict) -> str:
    """What a question card's text starts with: its number, then its title."""
    return squeeze(f"{card.get('number', '')}{card['title']}")


def decode(photo) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(photo, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    root = copy_kit(tmp_path_factory.mktemp("photo") / "kit")
    edit_kit(root, teams=TEAMS, participants=0)
    assert run(["build"], root).exit_code == 0
    return root


def materials(kit: Path) -> list[tuple[str, str]]:
    listed = yaml.safe_load((kit / "workshop.yaml").read_text(encoding="utf-8"))["materials"]
    return [(m["deck"], m["layout"]) for m in listed if "deck" in m]


@pytest.mark.slow
def test_every_code_of_the_default_kit_scans_from_a_phone_photo(kit):
    checked, failed = 0, []
    for deck, layout in materials(kit):
        for text, _, photo in photos(kit, deck, layout):
            if "/k/" not in text:
                continue  # a cover, how-to or list card: no code, no printed link
            expected = expected_link(kit, deck, text)
            checked += 1
            if decode(photo) != [expected]:
                failed.append(f"{deck}: {expected}: read {decode(photo)}")
    assert checked == len(kit_links(kit, TEAMS))  # every card of every team, once
    assert not failed, "\n".join(failed)


def test_the_first_cards_of_a_deck_scan_from_a_phone_photo(tmp_path):
    """The quick loop's photo: the first six cards of one deck (the tests marked slow
    take every code of every material)."""
    kit = copy_kit(tmp_path / "kit")
    assert run(["deck", "elementen", "--teams", str(TEAMS)], kit).exit_code == 0
    checked = 0
    first_cards = zip(range(6), photos(kit, "elementen", "card-63x88"), strict=False)
    for _, (text, _, photo) in first_cards:
        if "/k/" in text:
            assert decode(photo) == [expected_link(kit, "elementen", text)], text
            checked += 1
    assert checked >= 4, "the first cards are question cards with a code"


@pytest.mark.slow
def test_long_form_urls_fail_the_same_photo(tmp_path):
    """The same photo of the same cards with a typical form URL in the code: most fail,
    so the test above would notice codes that do not scan."""
    kit = copy_kit(tmp_path / "kit")
    use_form_url(kit)
    edit_kit(kit, participants=0)
    assert run(["deck", "elementen"], kit).exit_code == 0
    results = [
        decode(photo) == decode(printed)
        for _, printed, photo in photos(kit, "elementen", "card-63x88")
        if decode(printed)  # the card as printed has a code (it scans from the PDF)
    ]
    scanned = sum(results)
    assert len(results) == 12, "every element card carries a code"
    assert scanned <= len(results) // 4, f"{scanned} of {len(results)} long codes scanned"


def _served(kit: Path, teams: int):
    """Every short link the kit's server resolves (cards, worksheets, poster overviews)."""
    from generator.server.targets import served_links

    return served_links(Project(kit / "workshop.yaml"), ("open",), teams, load_secret(kit))


@pytest.mark.slow
def test_every_worksheet_code_scans_from_a_phone_photo(kit):
    """The first page of each team's copy of each worksheet, photographed as the cards
    are (the phone at the same distance from the code)."""
    links, checked = _served(kit, TEAMS), 0
    for name in ("fase-1", "fase-2", "fase-3", "fase-4", "aspecten", "lagen"):
        pdf = kit / "output" / "open" / f"{name}.pdf"
        per_team = len(open_pdf(pdf)) // TEAMS
        for team in range(1, TEAMS + 1):
            photo = photograph(render(pdf, (team - 1) * per_team, DPI), DPI)
            (read,) = decode(photo)
            assert links.resolve(read.rsplit("/", 1)[1]) == Target("open", name, name, team)
            checked += 1
    assert checked == 6 * TEAMS


@pytest.mark.slow
def test_every_poster_code_scans_from_a_photo_of_the_whole_poster(kit):
    """An A2 poster photographed whole, as from a metre or more away: 2.5 pixels to a
    millimetre of poster (a 12-megapixel phone's frame is then 1.6 m wide)."""
    links = _served(kit, TEAMS)
    names = ("elementen", "vijf-vs", "fasen", "lagen", "succesfactoren", "tips", "studie")
    for name in names:
        page = render(kit / "output" / "open" / f"poster-{name}-a2.pdf", 0, 100)
        (read,) = decode(photograph(page, 100, Shot(per_mm=2.5)))
        assert links.resolve(read.rsplit("/", 1)[1]) == Target("open", name, "overzicht", 0)
