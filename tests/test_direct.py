"""The phones' answers stored before Flask (generator/server/direct.py): the same
responses and the same stored rows as the Flask view gives, every refusal and every
post it does not read left to Flask, the rate limit counted once, a failing store
answered with the server's error page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from generator.answers.model import COMMENT, MAX_ANSWER, VOTE
from generator.kinds.codes import NO_TEAM, OVERVIEW
from generator.server.app import SESSION_HOURS
from generator.server.formtoken import FormTokens
from tests.serverkit import SECRET, code, counted_views, serve_kit

FACTOR = code("succesfactoren", "factor-3", team=2)
ELEMENT = code("elementen", "element-4", team=1)
POSTER = code("elementen", OVERVIEW, NO_TEAM)
FORM = "application/x-www-form-urlencoded"


def token(for_code: str) -> str:
    return FormTokens(SECRET, SESSION_HOURS * 3600).issue(for_code)


def encoded(*pairs: tuple[str, str]) -> bytes:
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()


@dataclass
class Post:
    name: str
    path: str
    body: bytes
    content_type: str = FORM
    direct: bool = False  # stored before Flask (the view is not called)
    by_flask: bool = False  # stored by the Flask view
    options: dict = field(default_factory=dict)  # for the test client's open()


FACTOR_TOKEN, ELEMENT_TOKEN = token(FACTOR), token(ELEMENT)
POSTS = [
    Post("vote", f"/k/{FACTOR}", encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")), direct=True),
    Post(
        "vote with a comment in UTF-8",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "nee"), (COMMENT, " Eén keer, te kort ")),
        direct=True,
    ),
    Post(
        "capitals, as a QR code carries it",
        f"/K/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "twijfel")),
        direct=True,
    ),
    Post(
        "a code typed in small letters with a hyphen",
        f"/k/{FACTOR[:4].lower()}-{FACTOR[4:].lower()}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")),
        direct=True,
    ),
    Post(
        "a field sent twice: the first counts",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "nee"), (VOTE, "ja")),
        direct=True,
    ),
    Post(
        "fields the form does not ask",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"), ("deck", "elementen"), ("team", "9")),
        direct=True,
    ),
    Post(
        "questions",
        f"/k/{ELEMENT}",
        encoded(("csrf_token", ELEMENT_TOKEN), ("q1", " Ja.\r\nSoms. "), ("q3", "Nee")),
        direct=True,
    ),
    Post(
        "a charset with the type",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")),
        content_type=f"{FORM}; charset=UTF-8",
        direct=True,
    ),
    Post(
        "percent-encoded bytes that are not UTF-8",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")) + b"&comment=%FF%FEok",
        direct=True,
    ),
    Post(
        "under a mount path",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")),
        direct=True,
        options={"base_url": "http://localhost/workshop/"},
    ),
    Post("no token", f"/k/{FACTOR}", encoded((VOTE, "ja"))),
    Post("a wrong token", f"/k/{FACTOR}", encoded(("csrf_token", "1.abc"), (VOTE, "ja"))),
    Post(
        "another card's token",
        f"/k/{FACTOR}",
        encoded(("csrf_token", ELEMENT_TOKEN), (VOTE, "ja")),
    ),
    Post(
        "an unknown vote (the form comes back with the comment)",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "misschien"), (COMMENT, "bewaard")),
    ),
    Post(
        "a comment too long",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"), (COMMENT, "x" * (MAX_ANSWER + 1))),
    ),
    Post("nothing filled", f"/k/{ELEMENT}", encoded(("csrf_token", ELEMENT_TOKEN), ("q1", " "))),
    Post("an unknown code", "/k/AAAAAAAA", encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja"))),
    Post("a poster's code", f"/k/{POSTER}", encoded(("csrf_token", token(POSTER)), (VOTE, "ja"))),
    Post(
        "a body that is not UTF-8",
        f"/k/{FACTOR}",
        encoded(("csrf_token", FACTOR_TOKEN), (VOTE, "ja")) + b"&comment=\xff",
    ),
    Post(
        "multipart, as Flask reads it",
        f"/k/{FACTOR}",
        b"",
        content_type="multipart/form-data",
        by_flask=True,
        options={"data": {"csrf_token": FACTOR_TOKEN, VOTE: "ja"}},
    ),
    Post("the thank-you page's path", f"/k/{FACTOR}/ok", encoded((VOTE, "ja"))),
]


@pytest.fixture
def two_servers(kit, tmp_path):
    """Two servers of one kit, each with its own store."""
    servers = [serve_kit(kit, db_url=f"sqlite:///{tmp_path / f'{n}.sqlite3'}") for n in (1, 2)]
    yield servers
    for served in servers:
        served.store.close()


def send(client, post: Post):
    options = {"data": post.body, "content_type": post.content_type, **post.options}
    return client.post(post.path, **options)


def comparable(response) -> tuple:
    # a form shown again carries a fresh token, issued this second
    page = re.sub(r'value="[0-9a-f]+\.[0-9a-f]+"', 'value="TOKEN"', response.get_data(as_text=True))
    return response.status, sorted(response.headers.items()), page


def rows(served) -> list[tuple]:
    return [
        (s.session, s.deck, s.card, s.team, s.version, s.answers)
        for s in served.store.submissions("open")
    ]


def test_both_paths_answer_and_store_the_same(two_servers):
    direct, flask = two_servers
    direct_calls, flask_calls = counted_views(direct.app), counted_views(flask.app)
    phone = direct.app.test_client()
    with_cookie = flask.app.test_client()
    with_cookie.set_cookie("elsewhere", "1")  # a cookie of another app on this host
    for post in POSTS:
        before = len(direct_calls), len(flask_calls)
        first, second = send(phone, post), send(with_cookie, post)
        assert comparable(first) == comparable(second), post.name
        # the view runs for every post Flask routes to it, but those stored directly
        in_view = len(flask_calls) - before[1]
        assert len(direct_calls) - before[0] == in_view - post.direct, post.name
    stored = rows(direct)
    assert stored == rows(flask)
    assert len(stored) == sum(post.direct or post.by_flask for post in POSTS)
    answers = {answer for row in stored for answer in row[5]}
    assert (COMMENT, "Eén keer, te kort") in answers and (COMMENT, "%FF%FEok") in answers


def test_a_stored_answer_redirects_to_the_thank_you_page(two_servers):
    served = two_servers[0]
    calls = counted_views(served.app)
    response = send(served.app.test_client(), POSTS[2])  # /K/, as a QR code carries it
    assert calls == []
    assert response.status_code == 303
    assert response.headers["Location"] == f"/k/{FACTOR}/ok"
    assert response.headers["Content-Length"] == "0"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers


def test_the_rate_limit_counts_each_post_once(kit):
    served = serve_kit(kit, rate_limit=3)
    client = served.app.test_client()
    # refused posts: taken by direct.py, then by Flask, counted once
    refusals = [send(client, POSTS[11]).status_code for _ in range(4)]
    assert refusals == [400, 400, 400, 429]
    other = {"REMOTE_ADDR": "10.0.0.9"}
    votes = [
        client.post(POSTS[0].path, data=POSTS[0].body, content_type=FORM, environ_base=other)
        for _ in range(4)
    ]
    assert [v.status_code for v in votes] == [303, 303, 303, 429]
    assert votes[3].headers["Retry-After"] == "60"
    assert len(served.store.submissions("open")) == 3
    served.store.close()


@pytest.mark.parametrize("cookie", [False, True], ids=["direct", "flask"])
def test_a_failing_store_gets_the_error_page(kit, cookie):
    served = serve_kit(kit)  # not testing: errors are handled as in production

    def broken(target, answers):
        raise RuntimeError("the database went away")

    served.store.add = broken
    client = served.app.test_client()
    if cookie:
        client.set_cookie("elsewhere", "1")
    response = send(client, POSTS[0])
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Er is niets opgeslagen." in page and "database" not in page
    assert response.headers["X-Frame-Options"] == "DENY"
    served.store.close()


def test_behind_a_proxy_each_forwarded_client_has_its_own_limit(kit):
    served = serve_kit(kit, rate_limit=2, behind_proxy=True)
    client = served.app.test_client()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    def vote_from(phone: str) -> int:
        return client.post(
            POSTS[0].path,
            data=POSTS[0].body,
            content_type=FORM,
            environ_base=proxy,
            headers={"X-Forwarded-For": phone},
        ).status_code

    assert [vote_from("192.0.2.10") for _ in range(3)] == [303, 303, 429]
    assert vote_from("192.0.2.11") == 303
    assert len(served.store.submissions("open")) == 3
    served.store.close()
