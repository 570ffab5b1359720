"""Short links: opaque codes per card, team and session, typed back by people, and
small QR codes (alphanumeric mode, version 3 at most)."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from generator.answers.links import (
    ALPHABET,
    CODE_LENGTH,
    LinkError,
    Links,
    Target,
    code_for,
    normalise,
    printed_link,
    short_url,
)
from generator.print import qr

SECRET = b"s" * 32
BASE = "http://192.168.1.20:8000"
TARGET = Target("2026-11-noord", "elementen", "element-3", 2)


def test_a_code_is_eight_characters_of_the_alphabet():
    code = code_for(SECRET, TARGET)
    assert len(code) == CODE_LENGTH == 8
    assert set(code) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)  # nothing that reads as something else


@pytest.mark.parametrize(
    "other",
    [
        Target("2026-11-noord", "elementen", "element-3", 3),  # the neighbouring team
        Target("2026-11-noord", "elementen", "element-4", 2),  # the next card
        Target("2026-12-zuid", "elementen", "element-3", 2),  # another session
        Target("2026-11-noord", "vijf-vs", "element-3", 2),  # another deck
    ],
)
def test_codes_differ_per_team_card_session_and_deck(other):
    assert code_for(SECRET, other) != code_for(SECRET, TARGET)


def test_a_code_is_the_same_on_every_machine_with_the_same_secret():
    assert code_for(SECRET, TARGET) == code_for(bytes(SECRET), Target(*TARGET.__dict__.values()))


def test_another_secret_gives_other_codes():
    assert code_for(b"t" * 32, TARGET) != code_for(SECRET, TARGET)


def test_what_a_person_types_is_read_back():
    code = code_for(SECRET, TARGET)
    assert normalise(code) == code
    assert normalise(f" {code[:4].lower()}-{code[4:]} ") == code
    assert normalise("0I1L-OO1U") == "0111001V"  # O reads as 0, I and L as 1, U as V
    assert normalise("oiL0 ilu1") == "011011V1"
    assert normalise("ABCD") is None and normalise("ABCDEFGH9") is None
    assert normalise("ABC*EFGH") is None


def test_links_resolve_a_code_back_to_its_card():
    targets = [Target("open", "elementen", f"element-{n}", t) for n in range(12) for t in (1, 2)]
    links = Links(SECRET, targets)
    for target in targets:
        code = code_for(SECRET, target)
        assert links.resolve(code) == target
        assert links.resolve(f"{code[:4].lower()}-{code[4:]}") == target  # as typed
    assert links.resolve("not a code") is None


def test_three_decks_for_200_teams_have_no_collision():
    cards = {"elementen": 12, "vijf-vs": 5, "succesfactoren": 12}
    targets = [
        Target("2026-11-noord", deck, f"card-{n}", team)
        for deck, count in cards.items()
        for n in range(count)
        for team in range(1, 201)
    ]
    assert len(Links(SECRET, targets)) == len(targets) == 29 * 200


def test_a_collision_is_refused_not_silently_merged(monkeypatch):
    monkeypatch.setattr("generator.answers.links.code_for", lambda secret, target: "AAAAAAAA")
    with pytest.raises(LinkError, match="share the code AAAAAAAA"):
        Links(SECRET, [TARGET, Target("open", "a", "b", 1)])


def test_the_link_is_upper_case_and_the_printed_link_is_typeable():
    code = code_for(SECRET, TARGET)
    url = short_url(BASE, code)
    assert url == f"HTTP://192.168.1.20:8000/K/{code}"
    assert re.fullmatch(r"[0-9A-Z $%*+\-./:]+", url)  # QR alphanumeric mode only
    assert printed_link(BASE, code) == f"192.168.1.20:8000/k/{code[:4]}-{code[4:]}"


@pytest.mark.parametrize(
    "base",
    [
        "http://192.168.1.20:8000",
        "http://192.168.100.200:8000",
        "http://10.0.0.5:8000",
        "https://antwoord.gemeente.nl",
    ],
)
def test_a_short_link_is_a_qr_code_of_version_3_at_most(base):
    code = qr.encode(short_url(base, code_for(SECRET, TARGET)))
    assert code.version <= 3 and code.level in ("M", "Q", "H")
    # the strongest level that needs no more modules: a stronger one would need more
    stronger = {"M": "Q", "Q": "H"}.get(code.level)
    if stronger:
        assert qr._encode(short_url(base, "A" * 8), stronger).size > code.size


def test_alphanumeric_mode_keeps_the_code_small():
    url = short_url(BASE, code_for(SECRET, TARGET))
    upper, lower = qr._encode(url, "M"), qr._encode(url.lower(), "M")
    assert upper.version == 2 and lower.version == 3  # byte mode needs a larger code


def test_the_drawn_path_is_the_code_module_for_module():
    """The PDF operators, read back: one rectangle per run of dark modules."""
    url = short_url(BASE, code_for(SECRET, TARGET))
    code = qr.encode(url)
    dark = set()
    for x, row, width in re.findall(r"(\d+) (\d+) (\d+) 1\.001 re", qr.path_operators(code)):
        dark |= {(int(row), int(x) + i) for i in range(int(width))}
    expected = {(r, c) for r in range(code.size) for c in range(code.size) if code.rows[r][c] == 0}
    assert dark == expected
    assert qr.path_operators(code).endswith("\nf")
    decoded = zxingcpp.read_barcode(_image(code))
    assert decoded is not None and decoded.text == url


def _image(code):
    from PIL import Image

    size = code.size + 8
    image = Image.new("L", (size, size), 255)
    for r, row in enumerate(code.rows):
        for c, value in enumerate(row):
            image.putpixel((c + 4, r + 4), value)
    return image.resize((size * 8, size * 8), Image.NEAREST)
