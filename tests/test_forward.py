"""A kit that forwards its links to an external form, and where the results' codes lead.

With `answers.forward` the votes and answers go to the external form: the board shows
what the server has (how often, and by how many teams, each card was opened), never
tallies it cannot see; the form can be prefilled with the titles its reader sees. And
`workshop results` prints codes for the address the material was printed with."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.answers.links import Target
from generator.answers.store import Store, default_url
from tests.conftest import edit_kit, run
from tests.pdfcheck import open_pdf, page_text
from tests.serverkit import TOKEN, code, serve_kit

FORWARD = "https://docs.example.org/forms/d/X/viewform?usp=pp_url&entry.1={deck}&entry.2={card}&entry.3={team}&entry.4={session}"
TITLES = (
    "https://docs.example.org/forms/d/X/viewform?usp=pp_url"
    "&entry.1={deck_title}&entry.2={card_title}&entry.3={team}"
)


def _board(client, session: str = "open") -> str:
    client.get(f"/board?token={TOKEN}")
    return client.get(f"/board?session={session}").get_data(as_text=True)


def _row(html: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}"[^>]*>.*?</tr>', html, re.S)
    assert found, row_id
    return found.group(0)


def test_the_board_in_forward_mode_shows_scan_counts_not_votes_it_cannot_see(kit):
    served = serve_kit(kit, testing=True, forward=FORWARD)
    phone = served.app.test_client()
    for team in (1, 1, 2):
        assert phone.get(f"/k/{code('succesfactoren', 'factor-2', team=team)}").status_code == 302
    assert phone.get(f"/k/{code('fase-1', 'fase-1')}").status_code in (302, 404)
    html = _board(served.app.test_client())
    assert "verborgen" not in html and "gestemd" not in html  # no tallies it cannot see
    assert 'id="reveal-all"' not in html and 'class="reveal"' not in html
    assert "Nog geen antwoorden." not in html
    assert "naar het externe formulier (docs.example.org)" in html
    assert "3 keer geopend · 2 team(s)" in _row(html, "succesfactoren-factor-2")
    assert "0 keer geopend · 0 team(s)" in _row(html, "succesfactoren-factor-1")
    assert "Kritische succesfactoren: 2. Durf en pioniersgeest" in _row(
        html, "succesfactoren-factor-2"
    )
    assert 'id="export"' not in html  # nothing stored here to download
    served.store.close()


def test_answers_stored_before_the_kit_forwarded_can_still_be_downloaded(kit):
    served = serve_kit(kit, testing=True, forward=FORWARD)
    served.store.add(Target("open", "elementen", "element-1", 1), [("q", "eerder")])
    html = _board(served.app.test_client())
    assert 'id="export"' in html and 'id="export-csv"' in html
    served.store.close()


def test_the_forwarded_form_can_be_prefilled_with_the_titles_its_reader_sees(kit):
    served = serve_kit(kit, testing=True, forward=TITLES)
    phone = served.app.test_client()
    location = phone.get(f"/k/{code('succesfactoren', 'factor-2', team=3)}").location
    assert parse_qs(urlsplit(location).query) == {
        "usp": ["pp_url"],
        "entry.1": ["Kritische succesfactoren"],
        "entry.2": ["Durf en pioniersgeest"],
        "entry.3": ["3"],
    }
    assert " " not in location
    served.store.close()


def test_a_title_is_forwarded_as_text_never_as_a_template(kit):
    """A title holding `&`, `#`, `=`, a placeholder and accents arrives as that text."""
    path = kit / "content" / "elementen.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = "Eén & twee = {team} #1 {card}"
    for card in content["cards"]:
        if card["id"] == "element-1":
            card["title"] = title
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    served = serve_kit(kit, testing=True, forward=TITLES)
    location = served.app.test_client().get(f"/k/{code('elementen', 'element-1')}").location
    query = parse_qs(urlsplit(location).query)
    assert query["entry.2"] == [title] and query["entry.3"] == ["1"]
    assert urlsplit(location).fragment == ""
    served.store.close()


def test_the_kit_file_allows_titles_in_forward_but_not_in_a_printed_form_url(kit):
    edit_kit(kit, answers={"url": "http://192.0.2.1:8000", "forward": TITLES})
    result = run(["validate"], kit)
    assert result.exit_code == 0, result.output
    edit_kit(kit, answers={"url": "http://192.0.2.1:8000", "forward": TITLES + "&x={cardtitle}"})
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "unknown placeholder {cardtitle}" in result.output and "{card_title}" in result.output
    data = yaml.safe_load((kit / "workshop.yaml").read_text(encoding="utf-8"))
    data.pop("answers")
    data["form_url"] = "https://f.example.org/?k={card}&t={card_title}"
    (kit / "workshop.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run(["validate"], kit)
    assert result.exit_code == 1 and "unknown placeholder {card_title}" in result.output


# --- results: the codes lead where the material was printed for ----------------------------


@pytest.fixture
def answered(kit):
    store = Store(default_url(kit))
    store.add(Target("open", "fase-1", "fase-1", 1), [("1a-ambitie", "Samen verder.")])
    store.close()
    return kit


def _record_text(kit) -> str:
    """The filled-in worksheets' text, a printed link on one line (host and path may be
    set on two)."""
    path = kit / "output" / "open" / "werkbladen-ingevuld.pdf"
    text = " ".join(page_text(path, i) for i in range(len(open_pdf(path))))
    return re.sub(r"\s+/k/", "/k/", text)


def test_results_prints_the_codes_for_the_address_the_worksheets_were_printed_with(answered):
    result = run(
        ["results", "--session", "open", "--answers-url", "http://10.0.0.7:8123"], answered
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    text = _record_text(answered)
    assert "10.0.0.7:8123/k/" in text and "192.168.1.20" not in text


def test_results_with_answers_url_auto_says_whose_address_the_codes_carry(answered, monkeypatch):
    import generator.answers.network as network

    monkeypatch.setattr(network, "lan_address", lambda: "192.0.2.44")
    edit_kit(answered, answers={"url": "auto"})
    result = run(["results", "--session", "open"], answered)
    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert "workshop.yaml" in warning and "answers.url" in warning
    assert "'auto'" in warning and "http://192.0.2.44:8000" in warning
    assert "--answers-url" in warning
    assert "192.0.2.44:8000/k/" in _record_text(answered)


def test_results_refuses_a_bad_answers_url(answered):
    result = run(["results", "--session", "open", "--answers-url", "ftp://x"], answered)
    assert result.exit_code == 2 and "--answers-url" in result.output
    assert "expected an http:// or https:// address" in result.output
