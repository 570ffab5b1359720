"""A refusal as a phone shows it, in a real browser at phone size against a real
Waitress: a vote refused because the room's address sent too much comes back as the
card's form with the comment typed and the choice made, and one tap sends it once the
wait is over; a card's page refused offers the way back. Screenshots are kept in
output/screenshots/ to look at."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.serverkit import Clock, code, serve_kit, waitress_on_loopback
from tests.test_browser import _after_click, _fits_a_phone

pytestmark = pytest.mark.slow  # a real chromium against a real Waitress

FACTOR_5 = code("succesfactoren", "factor-5", team=1)
TYPED = "Wij spreken elkaar één keer per jaar – te weinig, vinden we."


@pytest.fixture
def busy(kit):
    """The server with a limit of 30 requests (a minute) on a clock the test moves."""
    served = serve_kit(kit, rate_limit=30)
    limit = served.app.extensions["workshop"].limit
    clock = Clock()
    limit._clock = clock
    with waitress_on_loopback(served.app) as base:
        yield served, base, limit, clock
    served.store.close()


def drain(limit) -> None:
    """The room behind the phone's address (127.0.0.1) has used up its bucket."""
    while limit.allow("127.0.0.1"):
        pass


def test_a_refused_vote_keeps_the_comment_and_one_tap_sends_it(busy, browser):
    served, base, limit, clock = busy
    browser.delete_all_cookies()
    browser.get(f"{base}/k/{FACTOR_5}")
    browser.find_element(By.ID, "comment").send_keys(TYPED)
    drain(limit)
    browser.find_element(By.ID, "vote-twijfel").click()
    error = _after_click(browser, "error")
    assert "jullie antwoord is nog niet opgeslagen" in error.text
    assert browser.find_element(By.ID, "comment").get_attribute("value") == TYPED
    chosen = browser.find_element(By.ID, "vote-twijfel").get_attribute("class")
    assert "chosen" in chosen.split()
    _fits_a_phone(browser, "refused-vote")
    assert served.store.submissions("open") == []
    clock.now += 60  # the wait is over
    browser.find_element(By.ID, "vote-twijfel").click()
    stored = _after_click(browser, "stored").text
    assert TYPED in stored and "Twijfel" in stored
    (submission,) = served.store.submissions("open")
    assert submission.answer("comment") == TYPED


def test_a_refused_card_page_offers_the_way_back(busy, browser):
    _served, base, limit, clock = busy
    browser.delete_all_cookies()
    browser.get(f"{base}/k/{FACTOR_5}")  # the style sheet is in the browser's cache now
    drain(limit)
    browser.get(f"{base}/k/{FACTOR_5.lower()}")
    back = _after_click(browser, "back")
    assert back.text == "Terug naar de kaart"
    assert browser.find_element(By.ID, "error-title").text == "Even wachten"
    _fits_a_phone(browser, "refused-page")
    clock.now += 60
    back.click()
    assert _after_click(browser, "vote-ja").is_displayed()
    assert browser.current_url == f"{base}/k/{FACTOR_5}"
