"""The board's presentation view in a real chromium at projector sizes: twelve factors
and eight teams, the whole ranking on one screen with body text of 32 px or more, and a
new vote moving a factor up without a page reload. The screenshots are kept to look at
(output/screenshots/board-*.png). Needs Debian's chromium and chromium-driver."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.answers.links import Target
from generator.answers.model import COMMENT, VOTE
from tests.serverkit import TOKEN, serve_kit, waitress_on_loopback
from tests.test_browser import SHOTS

pytestmark = pytest.mark.slow  # a real chromium against a real Waitress

SIZES = ((1920, 1080), (1280, 720))
TEAMS = 8
FACTORS = 12
PATTERN = "jjtnjtjnjjtj"  # a team's votes over the factors, shifted per team


def vote_of(team: int, factor: int) -> str:
    return {"j": "ja", "t": "twijfel", "n": "nee"}[PATTERN[(team * 5 + factor * 7) % FACTORS]]


@pytest.fixture
def projector(kit, browser):
    phone = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    served = serve_kit(kit, teams=TEAMS)
    for team in range(1, TEAMS + 1):
        for factor in range(1, FACTORS + 1):
            answers = [(VOTE, vote_of(team, factor))]
            if factor in (1, 4) and team in (2, 7):
                answers.append((COMMENT, f"Team {team} vindt factor {factor} lastig."))
            served.store.add(Target("open", "succesfactoren", f"factor-{factor}", team), answers)
    try:
        with waitress_on_loopback(served.app) as base:
            browser.delete_all_cookies()
            browser.get(f"{base}/board?token={TOKEN}")
            browser.get(f"{base}/board/present")
            browser.find_element(By.ID, "reveal-all").click()
            wait(browser).until(lambda page: page.find_elements(By.CSS_SELECTOR, "[data-vote]"))
            yield served, base
    finally:
        # the phone's size again, as the other tests expect it
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == phone
        served.store.close()


def wait(browser, seconds: float = 30) -> WebDriverWait:
    return WebDriverWait(browser, seconds, ignored_exceptions=(WebDriverException,))


def viewport(browser, width: int, height: int) -> None:
    """The page's own area exactly width x height, as a projector shows it. Emulated
    (DevTools): a window made larger than headless Chromium's screen was cut to the
    screen now and then, leaving the page 143 px short."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == [
        width,
        height,
    ]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_ranking_fills_one_projector_screen_legibly(projector, browser, size):
    _, base = projector
    width, height = size
    viewport(browser, width, height)
    browser.get(f"{base}/board/present")
    rows = browser.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")
    assert len(rows) == FACTORS
    boxes = browser.execute_script(
        "return [...document.querySelectorAll('#ranking tbody tr, #ranking thead tr,"
        " .present-top')].map(e => e.getBoundingClientRect().toJSON())"
    )
    for box in boxes:
        assert box["top"] >= 0 and box["bottom"] <= height, (size, box)
        assert box["left"] >= 0 and box["right"] <= width, (size, box)
    scroll = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert scroll[0] <= width and scroll[1] <= height, (size, scroll)
    sizes = browser.execute_script(
        "return [document.querySelector('main'), ...document.querySelectorAll("
        "'#ranking tbody th, #ranking tbody td, #ranking .seg')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 32, (size, min(sizes))
    # the ranking: most nee first, then most twijfel; the bars and every team's mark
    counts = [
        (-int(_count(row, "nee")), -int(_count(row, "twijfel")))
        for row in browser.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")
    ]
    assert counts == sorted(counts)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#ranking tbody td[data-mark]")) == 96
    heads = browser.find_elements(By.CSS_SELECTOR, "#ranking thead th.mark")
    assert [h.text.split()[-1] for h in heads] == [str(t) for t in range(1, TEAMS + 1)]
    browser.save_screenshot(str(SHOTS / f"board-present-{width}x{height}.png"))


def test_a_new_vote_moves_a_factor_without_a_reload(projector, browser):
    served, base = projector
    viewport(browser, *SIZES[1])
    browser.get(f"{base}/board/present")
    last = browser.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")[-1].get_attribute("id")
    browser.execute_script("window.notReloaded = true")
    factor = last.removeprefix("succesfactoren-")
    for team in range(1, TEAMS + 1):  # every team now says nee: it goes to the top
        served.store.add(Target("open", "succesfactoren", factor, team), [(VOTE, "nee")])
    wait(browser).until(
        lambda page: (
            page.find_element(By.CSS_SELECTOR, "#ranking tbody tr").get_attribute("id") == last
        )
    )
    assert browser.execute_script("return window.notReloaded === true")
    assert _count(browser.find_element(By.ID, last), "nee") == str(TEAMS)


def test_comments_have_their_own_screen(projector, browser):
    _, base = projector
    viewport(browser, *SIZES[0])
    browser.get(f"{base}/board/comments")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Team 7 vindt factor 4 lastig." in text
    size = browser.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('.comment-line')).fontSize)"
    )
    assert size >= 32
    browser.save_screenshot(str(SHOTS / "board-comments-1920x1080.png"))


def test_hidden_factors_show_no_counts_and_reveal_one_by_one(projector, browser):
    """Hidden again, a row shows how many teams voted and a button; a row the script drew
    (after a poll) reveals its factor with the page's CSRF token as well."""
    _, base = projector
    viewport(browser, *SIZES[1])
    browser.get(f"{base}/board/present")
    browser.find_element(By.ID, "reveal-none").click()
    wait(browser).until(lambda page: not page.find_elements(By.CSS_SELECTOR, "[data-vote]"))
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-mark]")
    wait(browser).until(
        lambda page: page.find_element(By.ID, "ranking").get_attribute("data-updated")
    )
    row = browser.find_element(By.ID, "succesfactoren-factor-4")
    assert "8 team(s) gestemd" in row.text
    row.find_element(By.CSS_SELECTOR, "button.reveal").click()
    wait(browser).until(lambda page: page.find_elements(By.CSS_SELECTOR, "[data-vote]"))
    first = browser.find_element(By.CSS_SELECTOR, "#ranking tbody tr")
    assert first.get_attribute("id") == "succesfactoren-factor-4"
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr:has([data-vote])")) == 1
    browser.save_screenshot(str(SHOTS / "board-present-hidden-1280x720.png"))


def _count(row, vote: str) -> str:
    found = row.find_elements(By.CSS_SELECTOR, f"[data-vote='{vote}']")
    return found[0].get_attribute("data-count") if found else "0"
