"""What a phone sees when the server refuses it, in-process with Flask's test client: a
refused post shows the card's form again with everything typed and chosen, and a fresh
token, so sending again is one tap; every other refusal offers the way back; the page
after a stored answer is never refused; the board's cookie is Secure over HTTPS. The
same against a real Waitress process: tests/test_serve_room.py."""

from __future__ import annotations

import html as htmllib
import re
import time

import pytest

from generator.answers.model import COMMENT, VOTE
from generator.server.app import SESSION_HOURS
from generator.server.formtoken import FormTokens
from tests.serverkit import SECRET, TOKEN, Clock, code, csrf, serve_kit

FACTOR_3 = code("succesfactoren", "factor-3", team=2)
ELEMENT_4 = code("elementen", "element-4", team=1)
COMMENT_TYPED = "Wij zien elkaar te weinig; één keer per maand is te weinig – écht."


@pytest.fixture
def limited(kit, monkeypatch):
    """A server whose limit is 3 requests (a minute), on a clock that stands still."""
    clock = Clock()
    monkeypatch.setattr(time, "monotonic", clock)
    served = serve_kit(kit, rate_limit=3)
    yield served, clock
    served.store.close()


def text(page) -> str:
    return htmllib.unescape(page.get_data(as_text=True))


def back_link(page) -> str | None:
    found = re.search(r'<a class="button" id="back" href="([^"]+)">([^<]+)</a>', text(page))
    return found.groups() if found else None


def test_a_vote_refused_for_too_many_requests_keeps_the_comment_and_the_choice(limited):
    served, clock = limited
    phone = served.app.test_client()
    token = csrf(phone.get(f"/k/{FACTOR_3}").get_data(as_text=True))
    phone.get("/style.css")
    phone.get("/favicon.ico")  # the room's bucket is empty now
    posted = {"csrf_token": token, VOTE: "nee", COMMENT: COMMENT_TYPED}
    refused = phone.post(f"/k/{FACTOR_3}", data=posted)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "20"
    page = text(refused)
    assert "Het is even te druk: jullie antwoord is nog niet opgeslagen." in page
    assert f">{COMMENT_TYPED}</textarea>" in page  # what was typed
    assert re.search(r'id="vote-nee" class="vote vote-nee chosen"', page)  # what was chosen
    assert served.store.submissions("open") == []
    clock.now += 20  # the wait Retry-After asked for
    again = phone.post(
        f"/k/{FACTOR_3}", data={**posted, "csrf_token": csrf(refused.get_data(as_text=True))}
    )
    assert again.status_code == 303
    (stored,) = served.store.submissions("open")
    assert stored.answer(COMMENT) == COMMENT_TYPED and stored.answer(VOTE) == "nee"


def test_the_page_after_a_stored_vote_is_never_refused(limited):
    """The room's bucket empties between a phone's vote and the page it is sent to (other
    phones behind the same router): that page is still shown. A client that stored
    nothing is refused it, with the way back to its card."""
    served, _clock = limited
    phone = served.app.test_client()
    token = csrf(phone.get(f"/k/{FACTOR_3}").get_data(as_text=True))
    stored = phone.post(f"/k/{FACTOR_3}", data={"csrf_token": token, VOTE: "ja"})
    assert stored.status_code == 303
    assert phone.get("/").status_code == 200  # another phone behind the router: now empty
    assert phone.get("/").status_code == 429
    thanks = phone.get(stored.location)
    assert thanks.status_code == 200 and "Dank je wel!" in text(thanks)
    flood = phone.get(stored.location)  # a second look, no second vote: not owed
    assert flood.status_code == 429
    assert back_link(flood) == (f"/k/{FACTOR_3}", "Terug naar de kaart")


def test_a_question_cards_expired_form_comes_back_with_its_answers_and_a_fresh_token(kit):
    served = serve_kit(kit)
    phone = served.app.test_client()
    expired = FormTokens(SECRET, SESSION_HOURS * 3600).issue(
        ELEMENT_4, now=time.time() - SESSION_HOURS * 3600 - 60
    )
    posted = {"csrf_token": expired, "q1": "Regelmatig <overleg> & koffie", "q3": "Nee"}
    refused = served.app.test_client().post(f"/k/{ELEMENT_4}", data=posted)
    assert refused.status_code == 400
    page = text(refused)
    assert "Het formulier was verlopen: jullie antwoord is nog niet opgeslagen." in page
    assert ">Regelmatig <overleg> & koffie</textarea>" in page
    assert "&lt;overleg&gt; &amp;" in refused.get_data(as_text=True)  # escaped, not markup
    assert served.store.submissions("open") == []
    fresh = csrf(refused.get_data(as_text=True))
    assert phone.post(f"/k/{ELEMENT_4}", data={**posted, "csrf_token": fresh}).status_code == 303
    (stored,) = served.store.submissions("open")
    assert stored.answers[0][1] == "Regelmatig <overleg> & koffie"
    served.store.close()


def test_every_refusal_of_a_cards_page_offers_the_way_back(limited):
    served, _clock = limited
    phone = served.app.test_client()
    for _ in range(3):
        phone.get("/")
    card = phone.get(f"/k/{FACTOR_3.lower()}")  # as typed, in lower case
    assert card.status_code == 429
    assert "Even wachten" in text(card)
    assert back_link(card) == (f"/k/{FACTOR_3}", "Terug naar de kaart")
    home = phone.get("/?code=abc")
    assert back_link(home) == ("/?code=abc", "Opnieuw proberen")
    board = phone.get("/board")
    assert back_link(board) == ("/board", "Terug naar het overzicht")
    assert back_link(phone.get("/k/AAAAAAAA")) == ("/k/AAAAAAAA", "Opnieuw proberen")


def test_a_post_too_large_to_read_offers_the_way_back_to_its_card(kit):
    served = serve_kit(kit)
    limit = served.app.config["MAX_CONTENT_LENGTH"]
    response = served.app.test_client().post(
        f"/k/{FACTOR_3}",
        data=b"comment=" + b"x" * limit,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert back_link(response) == (f"/k/{FACTOR_3}", "Terug naar de kaart")
    assert served.store.submissions("open") == []
    served.store.close()


def test_an_unknown_code_refused_for_too_many_requests_offers_no_card(limited):
    """The way back never leads to a card the code does not name."""
    served, _clock = limited
    phone = served.app.test_client()
    for _ in range(3):
        phone.get("/")
    response = phone.post("/k/AAAAAAAA", data={VOTE: "ja"})
    assert response.status_code == 429
    assert back_link(response) is None and "Terug naar de kaart" not in text(response)


def test_the_boards_cookie_is_secure_over_https_only(kit):
    served = serve_kit(kit)
    over_https = served.app.test_client().get(
        f"/board?token={TOKEN}", base_url="https://antwoorden.example.nl"
    )
    assert over_https.status_code == 303
    cookie = over_https.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    over_http = served.app.test_client().get(f"/board?token={TOKEN}")
    assert "Secure" not in over_http.headers["Set-Cookie"]  # a laptop in the room: plain HTTP
    served.store.close()


def test_the_board_refused_offers_the_way_back_to_the_board(kit):
    served = serve_kit(kit)
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    response = trainer.post("/board/reveal", data={"key": "all"})  # no CSRF token
    assert response.status_code == 400
    assert back_link(response) == ("/board", "Terug naar het overzicht")
    served.store.close()
