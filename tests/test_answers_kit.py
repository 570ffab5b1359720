"""The kit's answers section and --answers-url: where the short links on the cards lead,
`auto` with its warnings, the kit's secret, and the printed link beside each code."""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c
import pytest

from generator.answers import network
from generator.answers.links import SECRET_FILE, printed_link
from tests.conftest import ANSWERS_URL, edit_kit, kit_links, resolve, run
from tests.pdfcheck import open_pdf, qr_codes


def codes_of(kit, deck="elementen", session="open"):
    pdf = kit / "output" / session / f"{deck}.pdf"
    return [c for i in range(0, len(open_pdf(pdf)), 2) for c in qr_codes(pdf, i)]


@pytest.mark.parametrize("command", [pytest.param("build", marks=pytest.mark.slow), "deck"])
def test_answers_url_on_the_command_line_overrides_the_kit(kit, command):
    args = ["deck", "elementen"] if command == "deck" else ["build"]
    result = run([*args, "--answers-url", "https://antwoord.gemeente.nl/workshop"], kit)
    assert result.exit_code == 0, result.output
    codes = codes_of(kit)
    assert len(codes) == 12
    assert all(c.startswith("HTTPS://ANTWOORD.GEMEENTE.NL/WORKSHOP/K/") for c in codes)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ftp://192.168.1.20", "expected an http:// or https:// address"),
        ("http://192.168.1.20:8000/?deck={deck}", "without placeholders"),
        ("http://192.168.1.20:8000/#top", "without '?' or '#'"),
        ("http://192.168.1.20:port", "cannot be read"),
    ],
)
def test_a_bad_answers_url_option_is_a_usage_error_naming_the_option(kit, value, expected):
    result = run(["deck", "elementen", "--answers-url", value], kit)
    assert result.exit_code == 2, result.output
    assert "--answers-url" in result.output and expected in result.output
    assert not (kit / "output").exists()


def test_auto_uses_this_machines_lan_address_and_says_so(kit, monkeypatch):
    edit_kit(kit, answers={"url": "auto"})
    monkeypatch.setattr(network, "lan_address", lambda: "10.1.2.3")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    assert "warning: workshop.yaml:2 answers.url: 'auto' gives http://10.1.2.3:8000" in (
        result.output
    )
    assert "the deck then only works while this machine serves there" in result.output
    assert "set answers.url in workshop.yaml or pass --answers-url" in result.output
    assert "no LAN address" not in result.output
    assert all(c.startswith("HTTP://10.1.2.3:8000/K/") for c in codes_of(kit))


def test_auto_without_a_network_warns_twice_and_links_to_this_machine(kit, monkeypatch):
    edit_kit(kit, answers={"url": "auto"})
    monkeypatch.setattr(network, "lan_address", lambda: None)
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    assert "'auto' gives http://127.0.0.1:8000" in result.output
    assert "no LAN address found" in result.output and "which phones cannot reach" in result.output
    strict = run(["deck", "elementen", "--strict"], kit)
    assert strict.exit_code == 1 and "no LAN address found" in strict.output


def test_the_lan_address_is_found_without_sending_anything():
    address = network.lan_address()
    assert address is None or not address.startswith("127.")


@pytest.mark.slow
def test_the_first_build_makes_the_secret_and_later_builds_keep_it(kit):
    (kit / SECRET_FILE).unlink()
    assert run(["validate"], kit).exit_code == 0
    assert not (kit / SECRET_FILE).exists()  # validate writes nothing
    assert run(["deck", "elementen"], kit).exit_code == 0
    secret = (kit / SECRET_FILE).read_text(encoding="ascii")
    assert len(secret.strip()) == 64
    first = codes_of(kit)
    assert run(["deck", "elementen"], kit).exit_code == 0
    assert codes_of(kit) == first and (kit / SECRET_FILE).read_text(encoding="ascii") == secret


def test_the_secret_from_the_environment_wins(kit, monkeypatch):
    assert run(["deck", "elementen"], kit).exit_code == 0
    from_file = codes_of(kit)
    resolve(kit_links(kit, teams=1), from_file[0])
    monkeypatch.setenv("WORKSHOP_SECRET", "another secret")
    assert run(["deck", "elementen"], kit).exit_code == 0
    assert not set(codes_of(kit)) & set(from_file)
    resolve(kit_links(kit, teams=1), codes_of(kit)[0])  # the server, given the same secret


def test_an_empty_secret_file_stops_the_build(kit):
    (kit / SECRET_FILE).write_text("\n", encoding="ascii")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 1
    assert ".workshop-secret is empty: expected the kit's secret" in result.output


def test_a_form_url_beside_answers_is_not_used_and_says_so(kit):
    edit_kit(kit, form_url="https://forms.example.org/a?card={card}&team={team}")
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    assert "form_url: is not used: answers is set" in result.output
    assert all(c.startswith(f"{ANSWERS_URL}/K/".upper()) for c in codes_of(kit))


def test_a_forward_template_that_loses_the_card_is_a_warning(kit):
    edit_kit(
        kit, answers={"url": ANSWERS_URL, "forward": "https://forms.example.org/a?team={team}"}
    )
    result = run(["deck", "elementen"], kit)
    assert result.exit_code == 0, result.output
    assert "answers.forward: has no {card}" in result.output


def link_text_sizes(path) -> list[tuple[str, float]]:
    """(text, size in pt) of every text object that shows a short link."""
    found = []
    for page in open_pdf(path):
        textpage = page.get_textpage()
        for obj in page.get_objects(max_depth=8):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            length = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * length)()
            pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, length * 2)
            text = bytes(buffer).decode("utf-16-le").rstrip("\x00")
            size = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
            scale = obj.get_matrix().d  # no form scales its text: the cards sit at 100 %
            if "/k/" in text or "192.168.1.20" in text:
                found.append((text, size.value * scale))
    return found


@pytest.mark.parametrize(("deck", "layout"), [("elementen", "card-63x88"), ("vijf-vs", "card-a6")])
def test_the_printed_link_is_7pt_or_more_and_reads_as_the_code(built, deck, layout):
    path = built / "output" / "open" / f"{deck}.pdf"
    sizes = link_text_sizes(path)
    assert sizes and min(size for _, size in sizes) >= 7 - 0.01, sizes
    pdf = open_pdf(path)
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(0, len(pdf), 2))
    flat = text.replace("\r\n", "").replace("\n", "")
    for code in codes_of(built, deck)[:4]:
        assert printed_link(ANSWERS_URL, code.rsplit("/", 1)[1]) in flat
