"""End to end in a real browser, as a team and a trainer use it: a code decoded from a
printed page opens the card's form at phone size, the vote is stored, and the board
shows it once the trainer reveals it. Needs Debian's chromium and chromium-driver
(skipped with a reason where absent; CI installs them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from generator.answers.store import Store
from tests.conftest import run
from tests.pdfcheck import open_pdf, qr_codes
from tests.serverkit import (
    TOKEN,
    WORKSHEET,
    add_worksheet,
    code,
    serve_kit,
    waitress_on_loopback,
)

pytestmark = pytest.mark.slow  # a real chromium against a real Waitress

SHOTS = Path(__file__).parent.parent / "output" / "screenshots"  # ignored by git


@pytest.fixture
def room(kit, browser):
    """The kit served by a real Waitress on 127.0.0.1, and its decks built for that
    address, as a trainer does it in the room."""
    served = serve_kit(kit, teams=2)
    with waitress_on_loopback(served.app) as base:
        result = run(["deck", "succesfactoren", "--teams", "2", "--answers-url", base], kit)
        assert result.exit_code == 0, result.output
        yield served, base, kit / "output" / "open" / "succesfactoren.pdf"


def first_code_on_paper(pdf: Path) -> tuple[str, str]:
    """(decoded link, text of the page) of the first front page that carries codes."""
    for index in range(0, len(open_pdf(pdf)), 2):
        codes = qr_codes(pdf, index)
        if codes:
            return sorted(codes)[0], open_pdf(pdf)[index].get_textpage().get_text_range()
    raise AssertionError("no QR code on any front page")


def test_a_team_votes_from_a_printed_code_and_the_board_shows_it(room, browser):
    served, base, pdf = room
    link, page_text = first_code_on_paper(pdf)
    assert link.startswith(base.upper() + "/K/")
    browser.delete_all_cookies()
    browser.get(link)
    title = browser.find_element(By.ID, "title").text
    assert title.split(" ", 1)[-1] in " ".join(page_text.split())  # the card on the paper
    _fits_a_phone(browser, "vote")
    browser.find_element(By.ID, "comment").send_keys("We kennen elkaar nog te weinig.")
    browser.find_element(By.ID, "vote-nee").click()
    assert _after_click(browser, "thanks").is_displayed()
    _fits_a_phone(browser, "thanks")

    stored = Store(served.store.engine.url.render_as_string(False)).latest("open")
    assert [(s.answer("vote"), s.answer("comment")) for s in stored] == [
        ("nee", "We kennen elkaar nog te weinig.")
    ]
    target = stored[0]

    browser.get(f"{base}/board?token={TOKEN}")
    assert "token=" not in browser.current_url  # exchanged for a cookie
    row = browser.find_element(By.ID, f"{target.material}-{target.form}")
    assert not row.find_elements(By.CSS_SELECTOR, "td[data-vote]")  # hidden from the room
    browser.find_element(By.ID, "reveal-all").click()
    cells = f"[id='{target.material}-{target.form}'] td[data-vote]"
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda page: page.find_elements(By.CSS_SELECTOR, cells)
    )
    counts = {
        cell.get_attribute("data-vote"): cell.find_element(By.TAG_NAME, "strong").text
        for cell in browser.find_elements(By.CSS_SELECTOR, cells)
    }
    assert counts == {"ja": "0", "twijfel": "0", "nee": "1"}
    _fits_a_phone(browser, "board")


def test_a_question_card_takes_typed_answers(kit, browser):
    served = serve_kit(kit, teams=1)
    with waitress_on_loopback(served.app) as base:
        assert run(["deck", "elementen", "--answers-url", base], kit).exit_code == 0
        link, _ = first_code_on_paper(kit / "output" / "open" / "elementen.pdf")
        browser.delete_all_cookies()
        browser.get(link)
        browser.find_element(By.ID, "q1").send_keys("Ja, in het convenant.")
        browser.find_element(By.ID, "send").click()
        assert "Ja, in het convenant." in _after_click(browser, "stored").text
    (stored,) = served.store.latest("open")
    assert stored.answers[0][1] == "Ja, in het convenant."


def test_a_team_fills_in_a_worksheet_on_a_phone(kit, browser):
    """The worksheet's form at phone size: big check boxes a thumb can tick (the label
    ticks it too), text areas, sent and shown back."""
    add_worksheet(kit)
    served = serve_kit(kit, teams=1)
    with waitress_on_loopback(served.app) as base:
        browser.delete_all_cookies()
        browser.get(f"{base}/K/{code(WORKSHEET, WORKSHEET)}")
        _fits_a_phone(browser, "worksheet")
        box = browser.find_element(By.ID, "klik")
        assert box.size["width"] >= 36 and box.size["height"] >= 36, box.size  # thumb-sized
        label = browser.find_element(By.CSS_SELECTOR, "label[for='ouder-kind']")
        assert label.size["height"] >= 44, label.size
        browser.find_element(By.CSS_SELECTOR, "label[for='klik'] span").click()
        assert box.is_selected()
        browser.find_element(By.ID, "klik-toelichting").send_keys("Al jaren.")
        browser.find_element(By.ID, "bestuur-fase-1").send_keys("Draagvlak zoeken.")
        browser.find_element(By.ID, "send").click()
        stored = _after_click(browser, "stored").text
        assert "Al jaren." in stored and "Bestuur – Fase 1" in stored
        _fits_a_phone(browser, "worksheet-thanks")
    (submission,) = served.store.latest("open")
    assert submission.answers == (
        ("klik", "ja"),
        ("klik-toelichting", "Al jaren."),
        ("bestuur-fase-1", "Draagvlak zoeken."),
    )


def test_a_printed_worksheet_is_answered_on_a_phone_and_comes_back_filled_in(kit, browser):
    """The whole worksheet loop: the code on the printed fase-3 sheet of team 2 opens its
    form, the team answers, and `workshop results` prints the answer in its record."""
    served = serve_kit(kit, teams=2)
    with waitress_on_loopback(served.app) as base:
        built = run(["worksheet", "fase-3", "--teams", "2", "--answers-url", base], kit)
        assert built.exit_code == 0, built.output
        sheet = kit / "output" / "open" / "fase-3.pdf"
        pages = len(open_pdf(sheet)) // 2  # each team's set, padded to an even count
        (link,) = qr_codes(sheet, pages)  # the first page of team 2's set
        browser.delete_all_cookies()
        browser.get(link)
        assert browser.find_element(By.ID, "title").text.endswith("Procesanalyse")
        _fits_a_phone(browser, "worksheet-printed")
        browser.find_element(By.ID, "3-doelen").send_keys("Ouders willen rust op straat.")
        browser.find_element(By.ID, "send").click()
        assert "Ouders willen rust op straat." in _after_click(browser, "stored").text
    served.store.close()
    made = run(["results", "--session", "open"], kit)
    assert made.exit_code == 0, made.output
    record = kit / "output" / "open" / "werkbladen-ingevuld.pdf"
    text = " ".join(
        open_pdf(record)[i].get_textpage().get_text_range() for i in range(len(open_pdf(record)))
    )
    assert "Ouders willen rust op straat." in " ".join(text.split())


def test_a_team_finds_its_card_from_a_poster(kit, browser):
    """The code on the elementen poster, printed for this server: the page asks the team,
    lists its cards, and the first opens the card's form."""
    served = serve_kit(kit, teams=3)
    with waitress_on_loopback(served.app) as base:
        assert run(["poster", "elementen", "--answers-url", base], kit).exit_code == 0
        (link,) = qr_codes(kit / "output" / "open" / "poster-elementen-a2.pdf", 0)
        browser.delete_all_cookies()
        browser.get(link)
        browser.find_element(By.ID, "team").send_keys("2")
        browser.find_element(By.ID, "show").click()
        first = _after_click(browser, "overview").find_element(By.TAG_NAME, "a")
        _fits_a_phone(browser, "poster-overview")
        assert browser.current_url.endswith("?team=2")
        expected = first.text.split(" ", 1)[-1]
        first.click()
        assert _after_click(browser, "answer").is_displayed()
        assert browser.find_element(By.ID, "title").text.endswith(expected)
        assert "Team 2" in browser.find_element(By.ID, "meta").text
        _fits_a_phone(browser, "poster-overview-card")
    assert served.store.latest("open") == []


def _after_click(browser, element_id: str):
    """The element of the page a click leads to, once that page has loaded (a form post
    is a navigation the driver does not always wait for)."""
    wait = WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,))
    return wait.until(
        expected_conditions.presence_of_element_located((By.ID, element_id)),
        message=f"no #{element_id} on {browser.current_url}: {browser.page_source[:2000]}",
    )


def _fits_a_phone(browser, name: str) -> None:
    """Readable without zoom: nothing wider than the phone, body text 16 px or more;
    the screenshot is kept to look at."""
    width = browser.execute_script("return document.documentElement.clientWidth")
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, f"{name}: {scroll}px wide on a {width}px phone"
    size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 16, f"{name}: body text {size}px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))
