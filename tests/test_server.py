"""The answer server in-process, with Flask's test client: every page, every refusal
(nothing stored), how a posted form is read, the board's token and reveal, forwarding,
headers, rate limit, CSRF."""

import re
import time
from urllib.parse import quote

import pytest

from generator.answers.links import Target
from generator.answers.model import COMMENT, MAX_ANSWER, VOTE
from generator.kinds.codes import NO_TEAM, OVERVIEW
from generator.server.app import MAX_REQUEST_BYTES, SESSION_HOURS
from generator.server.formtoken import FormTokens
from tests.conftest import edit_kit
from tests.serverkit import SECRET, TOKEN, code, csrf, serve_kit

FACTOR_3 = code("succesfactoren", "factor-3", team=2)
ELEMENT_4 = code("elementen", "element-4", team=1)
FACTOR_TARGET = Target("open", "succesfactoren", "factor-3", 2)
POSTER = code("elementen", OVERVIEW, NO_TEAM)
URLENCODED = "application/x-www-form-urlencoded"  # how a browser sends a form


@pytest.fixture
def served(kit):
    served = serve_kit(kit, testing=True)
    yield served
    served.store.close()


@pytest.fixture
def client(served):
    return served.app.test_client()


def vote(client, code_, value, comment=""):
    token = csrf(client.get(f"/k/{code_}").get_data(as_text=True))
    return client.post(f"/k/{code_}", data={"csrf_token": token, VOTE: value, COMMENT: comment})


def vote_with(client, token, value="ja"):
    return client.post(f"/k/{FACTOR_3}", data={"csrf_token": token, VOTE: value})


def board(client):
    client.get(f"/board?token={TOKEN}")
    return client.get("/board").get_data(as_text=True)


def token(for_code: str) -> str:
    """A phone form's token, as the card's page carries it."""
    return FormTokens(SECRET, SESSION_HOURS * 3600).issue(for_code)


def encoded(*pairs: tuple[str, str]) -> bytes:
    """A form body as a browser sends it: url-encoded, UTF-8."""
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()


def post_body(client, path: str, body: bytes, content_type: str = URLENCODED, **options):
    return client.post(path, data=body, content_type=content_type, **options)


# --- the participant's pages ------------------------------------------------------------


def test_vote_page_has_the_card_and_three_big_buttons(client):
    page = client.get(f"/K/{FACTOR_3}")  # QR codes carry the link in capitals
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="nl">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "Interdependentie (bewustzijn)" in html
    assert "Hebben we elkaar nodig om de doelen te bereiken" in html
    assert "Team 2" in html and "Kritische succesfactoren" in html
    for value, symbol, word in (
        ("ja", "✓", "Ja"),
        ("twijfel", "?", "Twijfel"),
        ("nee", "✗", "Nee"),
    ):
        button = re.search(
            rf'<button type="submit" name="vote" value="{value}"[^>]*>(.*?)</button>', html
        )
        assert button and f'id="vote-{value}"' in button.group(0)
        assert symbol in button.group(1) and word in button.group(1)
    assert f'id="comment" rows="3" maxlength="{MAX_ANSWER}"' in html
    assert "<script" not in html and "style=" not in html  # nothing the CSP would block


def test_style_sheet_carries_the_brand_colours(client, served):
    css = client.get("/style.css")
    colours = served.project.brand("neutraal").colours
    text = css.get_data(as_text=True)
    assert css.mimetype == "text/css"
    for role in ("primary", "ja", "twijfel", "nee"):
        assert f"--{role}: {colours[role]}" in text
    assert "html { font-size: 18px" in text  # readable without zoom
    font = client.get("/font/regular.ttf")
    assert font.status_code == 200 and font.mimetype == "font/ttf"
    font.close()
    assert client.get("/font/other.ttf").status_code == 404


def test_vote_is_stored_with_a_thank_you_page_and_versions(client, served):
    response = vote(client, FACTOR_3, "nee", "Nog niet")
    assert response.status_code == 303
    assert response.location == f"/k/{FACTOR_3}/ok"
    thanks = client.get(response.location).get_data(as_text=True)
    assert "Dank je wel!" in thanks and "versie 1" in thanks
    assert "✗ Nee" in thanks and "Nog niet" in thanks
    assert f'id="change" href="/k/{FACTOR_3}"' in thanks
    again = client.get(f"/k/{FACTOR_3}").get_data(as_text=True)
    assert 'id="answered"' in again and "Nog niet</textarea>" in again
    assert re.search(r'id="vote-nee" class="vote vote-nee chosen"', again)
    vote(client, FACTOR_3, "ja")
    stored = served.store.submissions("open")
    assert [(s.version, s.answers) for s in stored] == [
        (1, ((VOTE, "nee"), (COMMENT, "Nog niet"))),
        (2, ((VOTE, "ja"),)),
    ]
    assert served.store.latest("open")[0].answer(VOTE) == "ja"


def test_question_card_has_a_text_area_per_question(client, served):
    html = client.get(f"/k/{ELEMENT_4}").get_data(as_text=True)
    questions = served.project.material("deck", "elementen").cards
    card = next(c for c in questions if c.id == "element-4")
    for number, question in enumerate(card.questions, 1):
        assert f'<label for="q{number}" class="question">{question}</label>' in html
        assert f'<textarea name="q{number}" id="q{number}"' in html
    assert 'id="send"' in html and 'name="vote"' not in html
    response = client.post(
        f"/k/{ELEMENT_4}",
        data={"csrf_token": csrf(html), "q1": "  Ja, grotendeels.\r\nSoms niet. ", "q3": "Nee"},
    )
    assert response.status_code == 303
    (stored,) = served.store.submissions("open")
    assert stored.answers == (
        (card.questions[0], "Ja, grotendeels.\nSoms niet."),
        (card.questions[2], "Nee"),
    )
    assert (stored.material, stored.form, stored.team) == ("elementen", "element-4", 1)


def test_typed_codes_resolve_and_the_home_page_takes_a_code(client):
    typed = f"{ELEMENT_4[:4]}-{ELEMENT_4[4:]}".lower()
    assert client.get(f"/k/{typed}").status_code == 200
    home = client.get("/").get_data(as_text=True)
    assert 'id="code"' in home and "Code van de kaart" in home
    response = client.get(f"/?code={typed}")
    assert response.status_code == 303 and response.location == f"/k/{ELEMENT_4}"
    assert client.get("/?code=ZZZZ-ZZZZ").status_code == 404


# --- how a posted form is read ----------------------------------------------------------

FACTOR_TOKEN, ELEMENT_TOKEN = token(FACTOR_3), token(ELEMENT_4)
STORED_POSTS = {
    "a comment in UTF-8, trimmed": (
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "nee"), (COMMENT, " Eén keer, te kort ")),
        ((VOTE, "nee"), (COMMENT, "Eén keer, te kort")),
    ),
    "capitals, as a QR code carries the link": (
        f"/K/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "twijfel")),
        ((VOTE, "twijfel"),),
    ),
    "a code typed in small letters with a hyphen": (
        f"/k/{FACTOR_3[:4].lower()}-{FACTOR_3[4:].lower()}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")),
        ((VOTE, "ja"),),
    ),
    "a field sent twice: the first counts": (
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "nee"), (VOTE, "ja")),
        ((VOTE, "nee"),),
    ),
    "percent-encoded bytes that are not UTF-8 are kept as sent": (
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")) + b"&comment=%FF%FEok",
        ((VOTE, "ja"), (COMMENT, "%FF%FEok")),
    ),
}


@pytest.mark.parametrize("name", sorted(STORED_POSTS))
def test_a_posted_form_is_stored_for_its_card_and_answered_with_the_thank_you_page(
    client, served, name
):
    path, body, answers = STORED_POSTS[name]
    response = post_body(client, path, body)
    assert response.status_code == 303
    assert response.location == f"/k/{FACTOR_3}/ok"  # the code as printed, whatever was typed
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers
    (stored,) = served.store.submissions("open")
    assert Target(stored.session, stored.material, stored.form, stored.team) == FACTOR_TARGET
    assert stored.answers == answers


def test_a_form_in_another_encoding_or_under_a_mount_path_is_stored(client, served):
    charset = post_body(
        client,
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")),
        content_type=f"{URLENCODED}; charset=UTF-8",
    )
    assert charset.status_code == 303
    multipart = client.post(
        f"/k/{FACTOR_3}",
        data={"csrf_token": FACTOR_TOKEN, VOTE: "nee"},
        content_type="multipart/form-data",
    )
    assert multipart.status_code == 303
    mounted = post_body(
        client,
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "twijfel")),
        base_url="http://localhost/workshop/",
    )
    assert mounted.status_code == 303
    assert mounted.location == f"/workshop/k/{FACTOR_3}/ok"
    stored = served.store.submissions("open")
    assert [s.answer(VOTE) for s in stored] == ["ja", "nee", "twijfel"]


REFUSED_POSTS = {
    "no token": (400, f"/k/{FACTOR_3}", encoded((VOTE, "ja"))),
    "a wrong token": (400, f"/k/{FACTOR_3}", encoded(("csrf_token", "1.abc"), (VOTE, "ja"))),
    "another card's token": (
        400,
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", ELEMENT_TOKEN), (VOTE, "ja")),
    ),
    "a body that is not UTF-8": (
        400,
        f"/k/{FACTOR_3}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")) + b"&comment=\xff",
    ),
    "an unknown code": (404, "/k/AAAAAAAA", encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"))),
    "a poster's code (its overview has no form)": (
        405,
        f"/k/{POSTER}",
        encoded(("csrf_token", token(POSTER)), (VOTE, "ja")),
    ),
    "the thank-you page's path": (405, f"/k/{FACTOR_3}/ok", encoded((VOTE, "ja"))),
}


@pytest.mark.parametrize("name", sorted(REFUSED_POSTS))
def test_a_refused_post_stores_nothing_and_gets_a_page(client, served, name):
    status, path, body = REFUSED_POSTS[name]
    response = post_body(client, path, body)
    assert response.status_code == status
    assert "<html" in response.get_data(as_text=True)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert served.store.submissions("open") == []


def test_an_unknown_vote_brings_the_form_back_with_the_comment(client, served):
    body = encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "misschien"), (COMMENT, "bewaard"))
    response = post_body(client, f"/k/{FACTOR_3}", body)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Kies ja, twijfel of nee." in html and "bewaard</textarea>" in html
    assert served.store.submissions("open") == []


def test_a_failing_store_gets_the_error_page(kit):
    served = serve_kit(kit)  # not testing: errors are handled as in production

    def broken(target, answers):
        raise RuntimeError("the database went away")

    served.store.add = broken
    body = encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"))
    response = post_body(served.app.test_client(), f"/k/{FACTOR_3}", body)
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Er is niets opgeslagen." in page and "database" not in page
    assert response.headers["X-Frame-Options"] == "DENY"
    served.store.close()


def test_unknown_codes_get_a_friendly_404(client, served):
    for path in (
        "/k/AAAAAAAA",  # well formed, no such card
        "/k/not-a-code",
        f"/k/{code('elementen', 'element-4', session='elsewhere')}",  # a session not served
        f"/k/{code('elementen', 'omslag')}",  # a card without a QR code
        f"/k/{code('elementen', 'element-4', team=4)}",  # beyond the teams served
    ):
        page = client.get(path)
        assert page.status_code == 404, path
        assert "Deze link kennen we niet" in page.get_data(as_text=True)
    assert served.store.scans("open") == {}


# --- refusals store nothing -------------------------------------------------------------


def refused(client, served, data, status=400, path=f"/k/{FACTOR_3}"):
    response = client.post(path, data=data)
    assert response.status_code == status, response.get_data(as_text=True)
    assert served.store.submissions("open") == []
    return response.get_data(as_text=True)


def test_post_without_or_with_a_wrong_csrf_token_is_refused(client, served):
    html = refused(client, served, {VOTE: "ja"})
    assert "Het formulier was verlopen" in html
    client.get(f"/k/{FACTOR_3}")
    refused(client, served, {"csrf_token": "forged", VOTE: "ja"})


def test_flask_wtf_checks_every_post_but_the_phone_pages(kit):
    """CSRF is on for the whole app; only the participant blueprint is exempt (its forms
    carry a token bound to the card's code, checked by the view): a route added anywhere
    else is checked without a word of its own."""
    served = serve_kit(kit, testing=True)
    served.app.add_url_rule("/added", "added", lambda: "done", methods=["POST"])
    client = served.app.test_client()
    response = client.post("/added", data={"x": "1"})
    assert response.status_code == 400
    assert "Het formulier was verlopen" in response.get_data(as_text=True)
    posting = {r.endpoint for r in served.app.url_map.iter_rules() if "POST" in r.methods}
    assert posting == {"participant.answer", "participant.answer_upper", "board.reveal", "added"}
    exempt = served.app.extensions["csrf"]._exempt_blueprints
    assert {blueprint.name for blueprint in exempt} == {"participant"}
    served.store.close()


def test_csrf_token_of_another_code_is_refused(client, served):
    # the phone pages' token is bound to the card's code, not to a session: a form of
    # one card (or team) cannot be sent to another
    other_team = code("succesfactoren", "factor-3", team=3)
    token = csrf(client.get(f"/k/{other_team}").get_data(as_text=True))
    html = refused(client, served, {"csrf_token": token, VOTE: "ja"})
    assert "Het formulier was verlopen" in html
    token = csrf(client.get(f"/k/{ELEMENT_4}").get_data(as_text=True))
    refused(client, served, {"csrf_token": token, VOTE: "ja"})


def test_expired_forged_or_foreign_csrf_tokens_are_refused(client, served):
    now = time.time()
    expired = FormTokens(SECRET, SESSION_HOURS * 3600).issue(
        FACTOR_3, now - SESSION_HOURS * 3600 - 5
    )
    refused(client, served, {"csrf_token": expired, VOTE: "ja"})
    future = FormTokens(SECRET, SESSION_HOURS * 3600).issue(FACTOR_3, now + 3600)
    refused(client, served, {"csrf_token": future, VOTE: "ja"})
    foreign = FormTokens(b"another kit", SESSION_HOURS * 3600).issue(FACTOR_3)
    refused(client, served, {"csrf_token": foreign, VOTE: "ja"})
    issued, _, mac = FormTokens(SECRET, SESSION_HOURS * 3600).issue(FACTOR_3).partition(".")
    for forged in (f"{int(issued, 16) + 1:x}.{mac}", f"{issued}.{mac[:-1]}", issued, f".{mac}"):
        refused(client, served, {"csrf_token": forged, VOTE: "ja"})
    almost = FormTokens(SECRET, SESSION_HOURS * 3600).issue(
        FACTOR_3, now - SESSION_HOURS * 3600 + 60
    )
    assert vote_with(client, almost).status_code == 303  # still within the time limit


def test_phone_pages_set_no_cookie_and_any_browser_may_send_a_cards_form(served):
    phone = served.app.test_client()
    page = phone.get(f"/k/{FACTOR_3}")
    assert "Set-Cookie" not in page.headers
    # participants have no accounts: whoever holds the card (and the page) may send it
    other = served.app.test_client()
    response = vote_with(other, csrf(page.get_data(as_text=True)))
    assert response.status_code == 303 and "Set-Cookie" not in response.headers
    assert "Set-Cookie" not in other.get(response.location).headers
    assert len(served.store.submissions("open")) == 1


def test_oversized_answers_and_requests_are_refused(client, served):
    token = csrf(client.get(f"/k/{FACTOR_3}").get_data(as_text=True))
    html = refused(
        client, served, {"csrf_token": token, VOTE: "ja", COMMENT: "x" * (MAX_ANSWER + 1)}
    )
    assert f"hoogstens {MAX_ANSWER} tekens" in html
    limit = served.app.config["MAX_CONTENT_LENGTH"]  # sized to the kit's longest form
    assert limit >= MAX_REQUEST_BYTES
    big = {"csrf_token": token, VOTE: "ja", COMMENT: "y" * (limit + 1)}
    refused(client, served, big, status=413)
    page = csrf(client.get(f"/k/{ELEMENT_4}").get_data(as_text=True))
    refused(
        client, served, {"csrf_token": page, "q1": "z" * (MAX_ANSWER + 1)}, path=f"/k/{ELEMENT_4}"
    )


def test_unknown_vote_and_empty_answers_are_refused(client, served):
    token = csrf(client.get(f"/k/{FACTOR_3}").get_data(as_text=True))
    html = refused(client, served, {"csrf_token": token, VOTE: "misschien"})
    assert "Kies ja, twijfel of nee." in html
    refused(client, served, {"csrf_token": token, COMMENT: "geen stem"})
    token = csrf(client.get(f"/k/{ELEMENT_4}").get_data(as_text=True))
    html = refused(client, served, {"csrf_token": token, "q1": "   "}, path=f"/k/{ELEMENT_4}")
    assert "Vul minstens één antwoord in." in html


def test_deck_card_team_and_session_come_from_the_link_only(client, served):
    token = csrf(client.get(f"/k/{FACTOR_3}").get_data(as_text=True))
    forged = {"deck": "elementen", "card": "element-1", "team": "9", "session": "x"}
    client.post(f"/k/{FACTOR_3}", data={"csrf_token": token, VOTE: "ja", **forged})
    (stored,) = served.store.submissions("open")
    assert Target(stored.session, stored.material, stored.form, stored.team) == FACTOR_TARGET


# --- headers, rate limit ------------------------------------------------------------------


def test_security_headers_on_every_response(client):
    for path in ("/", f"/k/{FACTOR_3}", "/k/AAAAAAAA", "/board", "/style.css"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src 'none'" in csp
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_rate_limit_stops_a_flood_but_not_another_client(kit, monkeypatch):
    served = serve_kit(kit, testing=True, rate_limit=5)
    client = served.app.test_client()
    # the clock stands still: the bucket counts requests, however slow the machine
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)
    statuses = [client.get("/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert client.get("/").headers["Retry-After"] == "12"  # 5 a minute: one in 12 s
    other = client.get("/", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
    served.store.close()


def test_the_rate_limit_counts_each_post_once(kit):
    served = serve_kit(kit, rate_limit=3)
    client = served.app.test_client()
    refused = [post_body(client, f"/k/{FACTOR_3}", encoded((VOTE, "ja"))) for _ in range(4)]
    assert [r.status_code for r in refused] == [400, 400, 400, 429]
    other = {"REMOTE_ADDR": "10.0.0.9"}
    body = encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"))
    votes = [post_body(client, f"/k/{FACTOR_3}", body, environ_base=other) for _ in range(4)]
    assert [v.status_code for v in votes] == [303, 303, 303, 429]
    assert votes[3].headers["Retry-After"] == "20"
    assert len(served.store.submissions("open")) == 3
    served.store.close()


def test_the_rate_limit_comes_before_the_boards_csrf_check(kit):
    served = serve_kit(kit, rate_limit=2)
    client = served.app.test_client()
    statuses = [client.post("/board/reveal", data={"key": "all"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    served.store.close()


def test_the_app_trusts_no_forwarded_header_itself(kit):
    """Which client a request comes from, and its scheme, are Waitress's to say (it reads
    a trusted proxy's headers, tests/test_serve_room.py): a client's own X-Forwarded-For
    never gives it another bucket."""
    served = serve_kit(kit, rate_limit=2)
    client = served.app.test_client()
    statuses = [
        client.get("/", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    served.store.close()


# --- the board ----------------------------------------------------------------------------


def test_board_needs_the_token_which_leaves_the_address(client):
    page = client.get("/board")
    assert page.status_code == 403 and "workshop serve" in page.get_data(as_text=True)
    assert client.get("/board?token=wrong").status_code == 403
    assert client.get("/board/export.csv").status_code == 403
    login = client.get(f"/board?token={TOKEN}")
    assert login.status_code == 303
    assert "token" not in login.location and login.location.startswith("/board")
    assert "workshop=" in login.headers["Set-Cookie"]
    assert "HttpOnly" in login.headers["Set-Cookie"]
    assert client.get("/board").status_code == 200


def test_board_login_does_not_survive_a_new_token(kit, client):
    board(client)
    cookie = client.get_cookie("workshop").value
    restarted = serve_kit(kit, testing=True, board_token="a-new-token")
    other = restarted.app.test_client()
    other.set_cookie("workshop", cookie)
    assert other.get("/board").status_code == 403
    restarted.store.close()


def test_votes_are_hidden_until_revealed(served):
    for team, value in ((1, "nee"), (2, "nee"), (3, "twijfel")):
        vote(served.app.test_client(), code("succesfactoren", "factor-3", team), value, "Hm")
    trainer = served.app.test_client()
    html = board(trainer)
    row = re.search(r'<tr id="succesfactoren-factor-3".*?</tr>', html, re.S).group(0)
    assert "verborgen · 3 team(s) gestemd" in row and "data-vote" not in row
    assert "Toelichtingen" not in html
    response = trainer.post("/board/reveal", data={"key": "succesfactoren/factor-3"})
    assert response.status_code == 400  # no CSRF token
    token = csrf(html)
    response = trainer.post(
        "/board/reveal", data={"csrf_token": token, "key": "succesfactoren/factor-3"}
    )
    assert response.status_code == 303
    html = trainer.get("/board").get_data(as_text=True)
    row = re.search(r'<tr id="succesfactoren-factor-3".*?</tr>', html, re.S).group(0)
    counts = dict(re.findall(r'data-vote="(\w+)">[^<]*<strong>(\d+)</strong>', row))
    assert counts == {"ja": "0", "twijfel": "1", "nee": "2"}
    assert "Team 1: Hm" in html
    other_row = re.search(r'<tr id="succesfactoren-factor-4".*?</tr>', html, re.S).group(0)
    assert "verborgen" in other_row
    trainer.post("/board/reveal", data={"csrf_token": token, "key": "all"})
    assert "verborgen" not in trainer.get("/board").get_data(as_text=True)
    trainer.post("/board/reveal", data={"csrf_token": token, "key": "none"})
    html = trainer.get("/board").get_data(as_text=True)
    assert "data-vote" not in html
    bad = trainer.post("/board/reveal", data={"csrf_token": token, "key": "elementen/element-1"})
    assert bad.status_code == 400


def test_board_shows_free_text_per_card_escaped(served):
    phone = served.app.test_client()
    token = csrf(phone.get(f"/k/{ELEMENT_4}").get_data(as_text=True))
    phone.post(f"/k/{ELEMENT_4}", data={"csrf_token": token, "q2": "<b>Ja</b> & nee"})
    html = board(served.app.test_client())
    section = re.search(
        r'<section class="card-answers" id="elementen-element-4">.*?</section>', html, re.S
    )
    assert "Team 1 (versie 1)" in section.group(0)
    assert "&lt;b&gt;Ja&lt;/b&gt; &amp; nee" in section.group(0)
    assert html.count("Nog geen antwoorden.") > 10


def test_board_export_is_csv_of_the_session(served):
    vote(served.app.test_client(), FACTOR_3, "ja", "Prima")
    trainer = served.app.test_client()
    board(trainer)
    response = trainer.get("/board/export.csv")
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert "antwoorden-open.csv" in response.headers["Content-Disposition"]
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == "sessie;materiaal;nummer;titel;team;vraag;antwoord;versie;tijd"
    title = "Interdependentie (bewustzijn)"
    assert lines[1].startswith(f"open;succesfactoren;3;{title};2;Stem;Ja;1;")
    assert lines[2].startswith(f"open;succesfactoren;3;{title};2;Toelichting bij de stem;Prima;1;")
    plain = trainer.get("/board/export.csv?format=csv").get_data(as_text=True).splitlines()
    assert plain[0] == "sessie,materiaal,nummer,titel,team,vraag,antwoord,versie,tijd"
    assert plain[1].startswith(f"open,succesfactoren,3,{title},2,Stem,Ja,1,")
    assert trainer.get("/board/export.csv?format=xlsx").status_code == 400


def test_board_serves_each_session_apart(served):
    vote(
        served.app.test_client(), code("succesfactoren", "factor-1", session="2026-11-noord"), "ja"
    )
    trainer = served.app.test_client()
    html = board(trainer)
    assert "Sessie open" in html and 'href="/board?session=2026-11-noord"' in html
    html = trainer.get("/board?session=2026-11-noord").get_data(as_text=True)
    assert "verborgen · 1 team(s) gestemd" in html
    assert trainer.get("/board?session=other").status_code == 404
    export = trainer.get("/board/export.csv?session=2026-11-noord").get_data(as_text=True)
    assert export.count("\n") == 2


# --- forwarding to an external form, language -----------------------------------------------


def test_forward_template_redirects_prefilled_and_counts_scans(kit):
    template = "https://docs.example.org/forms/d/X/viewform?usp=pp_url&entry.1={deck}&entry.2={card}&entry.3={team}&entry.4={session}"
    served = serve_kit(kit, testing=True, forward=template)
    client = served.app.test_client()
    target = code("elementen", "element-4", team=3, session="2026-11-noord")
    for _ in range(2):
        response = client.get(f"/K/{target}")
        assert response.status_code == 302
    assert response.location == (
        "https://docs.example.org/forms/d/X/viewform?usp=pp_url&entry.1=elementen"
        "&entry.2=element-4&entry.3=3&entry.4=2026-11-noord"
    )
    assert response.headers["Referrer-Policy"] == "no-referrer"
    scanned = Target("2026-11-noord", "elementen", "element-4", 3)
    assert served.store.scans("2026-11-noord") == {scanned: 2}
    assert served.store.submissions("2026-11-noord") == []
    html = board(client).replace("\n", " ")
    trainer = client.get("/board?session=2026-11-noord").get_data(as_text=True)
    assert "2 keer geopend · 1 team(s)" in trainer and "0 keer geopend · 0 team(s)" in html
    served.store.close()


def test_pages_follow_the_kit_language(kit):
    edit_kit(kit, language="en")
    served = serve_kit(kit, testing=True)
    client = served.app.test_client()
    html = client.get(f"/k/{FACTOR_3}").get_data(as_text=True)
    assert '<html lang="en">' in html and "Choose your answer:" in html
    assert "We do not know this link" in client.get("/k/AAAAAAAA").get_data(as_text=True)
    served.store.close()
