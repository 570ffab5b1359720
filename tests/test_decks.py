"""Build the default kit and read every deck back as a printer and a phone would."""

from __future__ import annotations

import pytest
import yaml

from generator.answers.links import printed_link
from generator.kit.project import Project
from tests.conftest import ANSWERS_URL, BUILTIN_BRAND, REPO, kit_links, resolve
from tests.pdfcheck import (
    MM,
    card_origins,
    fonts,
    open_pdf,
    page_sizes_mm,
    qr_codes,
    render,
    squeeze,
)

KIT = yaml.safe_load((REPO / "workshop.yaml").read_text(encoding="utf-8"))
DECKS = {m["deck"]: m["layout"] for m in KIT["materials"] if "deck" in m}
TEAMS = 2  # the `built` fixture builds two sets per deck


def content(name: str) -> dict:
    return yaml.safe_load((REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8"))


def card_size_mm(layout: str) -> tuple[float, float]:
    card = Project(REPO / "workshop.yaml").layout(layout)
    return card.width / MM, card.height / MM


def test_the_kit_builds_every_listed_material(built):
    made = sorted(p.name for p in (built / "output" / "open").glob("*.pdf"))
    assert {"elementen.pdf", "succesfactoren.pdf", "vijf-vs.pdf"} <= set(made)
    assert {"fase-1.pdf", "lagen.pdf", "werkbladen.pdf", "poster-elementen-a2.pdf"} <= set(made)
    listed = [m for m in KIT["materials"]]
    assert len(made) == len(listed) + 1  # and the worksheet booklet
    assert not list((built / "output" / "open").glob(".*partial"))


@pytest.mark.parametrize("name", DECKS)
def test_pages_are_a4_fronts_and_backs(built, name):
    sizes = page_sizes_mm(built / "output" / "open" / f"{name}.pdf")
    # A6 cards: two on A4 landscape, with a margin for the cut marks
    assert sizes and set(sizes) == ({(297, 210)} if name == "vijf-vs" else {(210, 297)})
    assert len(sizes) % 2 == 0  # every front page has its back page


@pytest.mark.parametrize("name", DECKS)
def test_every_card_prints_its_title_and_questions(built, name):
    pdf = open_pdf(built / "output" / "open" / f"{name}.pdf")
    text = squeeze("".join(page.get_textpage().get_text_range() for page in pdf))
    deck = content(name)
    assert squeeze(deck["title"]) in text
    for card in deck["cards"]:
        for piece in [
            card["title"],
            *_texts(card, "text"),
            *_texts(card, "questions"),
            *_texts(card, "items"),
        ]:
            assert squeeze(piece) in text, f"{card['id']}: {piece!r} missing"


def _texts(card: dict, key: str) -> list[str]:
    value = card.get(key, [])
    return [value] if isinstance(value, str) else value


@pytest.mark.parametrize("name", DECKS)
def test_each_qr_code_is_a_short_link_to_its_own_card_and_team(built, name):
    """Each card is cut out of the rendered page: its QR code must be a short link that
    resolves to the card whose title is printed on it, for the deck, session and a team,
    and the same link must be printed beside it for people to type."""
    path = built / "output" / "open" / f"{name}.pdf"
    deck = content(name)
    titles = {c["id"]: c["title"] for c in deck["cards"]}
    width, height = card_size_mm(DECKS[name])
    links = kit_links(built, TEAMS)
    seen = []
    pdf = open_pdf(path)
    for index in range(0, len(pdf), 2):
        page = render(path, index, dpi=220)
        textpage = pdf[index].get_textpage()
        scale = 220 / 25.4
        for x, y in card_origins(path, index):
            box = (x * scale, (297 - y - height) * scale, (x + width) * scale, (297 - y) * scale)
            codes = _decode(page.crop(tuple(round(v) for v in box)))
            if not codes:
                continue
            assert len(codes) == 1
            target = resolve(links, codes[0])
            assert target.material == name and target.session == "open"
            on_card = textpage.get_text_bounded(x * MM, y * MM, (x + width) * MM, (y + height) * MM)
            assert squeeze(titles[target.form]) in squeeze(on_card)
            printed = printed_link(ANSWERS_URL, codes[0].rsplit("/", 1)[1])
            assert printed in on_card.replace("\r\n", "").replace("\n", "")
            seen.append((target.form, target.team))
    questions = [c["id"] for c in deck["cards"] if c.get("kind", "question") == "question"]
    assert sorted(seen) == sorted(
        (card, team) for card in questions for team in range(1, TEAMS + 1)
    )


def _modules(text: str, level: str) -> int:
    """Modules on a side of the QR code that carries `text` (as any encoder makes it)."""
    import zxingcpp

    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=level)
    return code.to_image(scale=1, add_quiet_zones=False).shape[0]


def _decode(image) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("name", DECKS)
def test_qr_codes_have_a_white_quiet_zone_and_large_modules(built, name):
    import zxingcpp

    path = built / "output" / "open" / f"{name}.pdf"
    dpi = 300
    for index in range(0, len(open_pdf(path)), 2):  # the first front page with codes
        page = render(path, index, dpi).convert("L")
        results = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)
        if results:
            break
    assert results
    for result in results:
        corners = result.position
        corners = (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)
        left, right = min(c.x for c in corners), max(c.x for c in corners) + 1
        top, bottom = min(c.y for c in corners), max(c.y for c in corners) + 1
        modules = _modules(result.text, result.ec_level)
        assert modules <= 29, f"version {(modules - 17) // 4}: short links fit version 3"
        assert result.ec_level in ("M", "Q", "H"), result.ec_level
        module = (right - left) / modules
        assert module / dpi * 25.4 >= 0.4, "modules must be at least 0.4 mm"
        quiet = round(4 * module) - 1  # the four modules around the code, less a pixel
        pixels = page.load()
        dark = [
            (x, y)
            for x in range(left - quiet, right + quiet)
            for y in range(top - quiet, bottom + quiet)
            if not (left - 1 <= x <= right and top - 1 <= y <= bottom) and pixels[x, y] < 160
        ]
        assert not dark, f"{len(dark)} dark pixels in the quiet zone of {result.text}"


@pytest.mark.parametrize("name", DECKS)
def test_all_fonts_are_embedded_truetype(built, name):
    found = fonts(built / "output" / "open" / f"{name}.pdf")
    assert found
    assert all(embedded for _, embedded in found), found
    assert not {f for f, _ in found} & {"Helvetica", "Times-Roman", "Courier"}


@pytest.mark.parametrize("name", DECKS)
def test_each_back_sits_behind_its_front_for_long_edge_duplex(built, name):
    path = built / "output" / "open" / f"{name}.pdf"
    width, _ = card_size_mm(DECKS[name])
    # portrait long-edge and landscape short-edge both turn over a vertical edge
    paper = page_sizes_mm(path)[0][0]
    for index in range(0, len(open_pdf(path)), 2):
        fronts = card_origins(path, index)
        backs = card_origins(path, index + 1)
        assert fronts
        mirrored = sorted((round(paper - x - width, 1), round(y, 1)) for x, y in fronts)
        assert mirrored == sorted((round(x, 1), round(y, 1)) for x, y in backs)


def test_response_cards_come_in_three_colours_with_word_and_symbol(built):
    path = built / "output" / "open" / "succesfactoren.pdf"
    pdf = open_pdf(path)
    brand = yaml.safe_load((BUILTIN_BRAND / "brand.yaml").read_text())["colours"]
    expected = {"Ja": brand["ja"], "Twijfel": brand["twijfel"], "Nee": brand["nee"]}
    counts = dict.fromkeys(expected, 0)
    width, height = card_size_mm(DECKS["succesfactoren"])
    for index in range(0, len(pdf), 2):
        textpage = pdf[index].get_textpage()
        image = render(path, index, dpi=100).convert("RGB")
        for x, y in card_origins(path, index):
            words = textpage.get_text_bounded(x * MM, y * MM, (x + width) * MM, (y + height) * MM)
            word = next((w for w in expected if w in words.split()), None)
            if word is None:
                continue
            counts[word] += 1
            # a point on the coloured panel, left of the symbol
            px = round((x + 8) / 25.4 * 100)
            py = round((297 - y - height + 20) / 25.4 * 100)
            assert _close(image.getpixel((px, py)), expected[word]), (word, index)
    participants = 4  # set in the `built` fixture
    assert counts == dict.fromkeys(expected, participants)


def _close(rgb, hex_colour: str, tolerance: int = 12) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))


def test_qr_codes_of_a_whole_page_all_decode(built):
    codes = qr_codes(built / "output" / "open" / "elementen.pdf", 0)
    assert len(codes) >= 7
