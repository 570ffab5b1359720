"""The board's presentation view for a projector, with Flask's test client: the ranking
(most nee, then most twijfel; hidden factors after, without counts), the JSON its script
polls, the comments view apart, the reload without JavaScript, and its one script."""

import re

import pytest

from generator.answers.links import Target
from generator.answers.model import COMMENT, VOTE
from tests.serverkit import TOKEN, csrf, serve_kit

DECK = "succesfactoren"


@pytest.fixture
def served(kit):
    served = serve_kit(kit, testing=True)
    yield served
    served.store.close()


def cast(served, factor: int, team: int, value: str, comment: str = "") -> None:
    answers = [(VOTE, value)] + ([(COMMENT, comment)] if comment else [])
    served.store.add(Target("open", DECK, f"factor-{factor}", team), answers)


@pytest.fixture
def trainer(served):
    client = served.app.test_client()
    client.get(f"/board?token={TOKEN}")
    return client


def reveal(trainer, key: str, view: str = "present"):
    token = csrf(trainer.get("/board/present").get_data(as_text=True))
    return trainer.post("/board/reveal", data={"csrf_token": token, "key": key, "view": view})


def rows(html: str) -> list[str]:
    return re.findall(r'<tr id="(succesfactoren-factor-\d+)"', html)


def row(html: str, factor: int) -> str:
    return re.search(rf'<tr id="succesfactoren-factor-{factor}".*?</tr>', html, re.S).group(0)


def test_the_views_need_the_board_cookie(served):
    client = served.app.test_client()
    for path in ("/board/present", "/board/present.json", "/board/comments"):
        assert client.get(path).status_code == 403


def test_revealed_factors_rank_by_nee_then_twijfel_hidden_ones_after(served, trainer):
    cast(served, 1, 1, "twijfel")
    cast(served, 1, 2, "twijfel")
    cast(served, 1, 3, "twijfel")
    cast(served, 5, 1, "nee")
    cast(served, 5, 2, "twijfel")
    cast(served, 5, 3, "twijfel")
    cast(served, 3, 1, "nee")
    cast(served, 3, 2, "nee")
    cast(served, 9, 1, "nee")
    cast(served, 9, 2, "nee")
    cast(served, 9, 3, "nee")  # stays hidden: its rank would give it away
    for factor in (1, 3, 5):
        assert reveal(trainer, f"{DECK}/factor-{factor}").status_code == 303
    html = trainer.get("/board/present").get_data(as_text=True)
    order = [int(r.rsplit("-", 1)[1]) for r in rows(html)]
    assert order[:3] == [3, 5, 1]  # 2 nee; 1 nee 2 twijfel; 3 twijfel
    assert order[3:] == [2, 4, 6, 7, 8, 9, 10, 11, 12]  # hidden: the deck's order
    five = row(html, 5)
    assert dict(re.findall(r'data-vote="(\w+)" data-count="(\d+)"', five)) == {
        "twijfel": "2",
        "nee": "1",
    }
    assert re.findall(r'data-team="(\d)" data-mark="(\w+)"', five) == [
        ("1", "nee"),
        ("2", "twijfel"),
        ("3", "twijfel"),
    ]
    assert "Team&nbsp;</span>1" in html  # the teams' columns are named
    hidden = row(html, 9)
    assert "verborgen · 3 team(s) gestemd" in hidden
    assert "data-vote" not in hidden and "data-mark" not in hidden and "✗" not in hidden
    # everything revealed: the poster's order over all twelve
    reveal(trainer, "all")
    order = [int(r.rsplit("-", 1)[1]) for r in rows(trainer.get("/board/present").text)]
    assert order == [9, 3, 5, 1, 2, 4, 6, 7, 8, 10, 11, 12]


def test_reveal_leads_back_to_the_view_it_came_from(trainer):
    assert reveal(trainer, "all").location.startswith("/board/present")
    assert reveal(trainer, "none", view="comments").location.startswith("/board/comments")
    assert reveal(trainer, "all", view="").location.startswith("/board?")
    assert reveal(trainer, "all", view="elsewhere").location.startswith("/board?")


def test_hide_all_hides_every_count_again(served, trainer):
    cast(served, 2, 1, "nee")
    reveal(trainer, "all")
    assert "data-vote" in trainer.get("/board/present").text
    reveal(trainer, "none")
    html = trainer.get("/board/present").text
    assert "data-vote" not in html and "data-mark" not in html
    assert trainer.get("/board/present.json").json["rows"][1]["revealed"] is False


def test_json_has_the_ranking_and_nothing_of_hidden_factors(served, trainer):
    cast(served, 4, 2, "nee", "Te weinig tijd")
    cast(served, 7, 1, "ja", "Geheim")
    reveal(trainer, f"{DECK}/factor-4")
    response = trainer.get("/board/present.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.json
    assert data["session"] == "open" and data["teams"] == [1, 2]
    first = data["rows"][0]
    assert first["key"] == f"{DECK}/factor-4" and first["rank"] == 1
    assert {c["vote"]: c["count"] for c in first["counts"]} == {"ja": 0, "twijfel": 0, "nee": 1}
    assert first["marks"] == [
        {"team": 1, "vote": None},
        {"team": 2, "vote": "nee", "symbol": "✗", "word": first["marks"][1]["word"]},
    ]
    assert first["comments"] == [{"team": 2, "text": "Te weinig tijd"}]
    seven = next(r for r in data["rows"] if r["key"] == f"{DECK}/factor-7")
    assert seven["revealed"] is False and seven["voted"] == 1
    assert not {"counts", "marks", "comments"} & set(seven)
    assert "Geheim" not in response.text
    assert "Cache-Control" in response.headers and response.headers["Cache-Control"] == "no-store"


def test_comments_are_a_view_of_their_own_for_revealed_factors(served, trainer):
    cast(served, 6, 3, "twijfel", "Wie beslist <wat>?")
    cast(served, 8, 1, "nee", "Nog niet tonen")
    present = trainer.get("/board/present").text
    assert "Wie beslist" not in present  # the ranking has no comments
    reveal(trainer, f"{DECK}/factor-6", view="comments")
    html = trainer.get("/board/comments").text
    assert "Team 3:</strong> Wie beslist &lt;wat&gt;?" in html
    assert "Nog niet tonen" not in html
    assert "verborgen · 1 team(s) gestemd" in html
    assert 'id="succesfactoren-factor-5"' not in html.split('class="hidden-list"')[0]
    reveal(trainer, "none", view="comments")
    html = trainer.get("/board/comments").text
    assert "Wie beslist" not in html and "Nog geen toelichtingen." in html
    assert 'http-equiv="refresh"' in html
    assert "Wie beslist" not in trainer.get("/board/present").text


def test_without_javascript_the_view_reloads_itself_with_it_it_polls(trainer):
    response = trainer.get("/board/present")
    html = response.text
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', html)
    assert '<script src="/board/present.js" defer></script>' in html
    assert 'data-source="/board/present.json?session=open"' in html
    assert "<script>" not in html  # nothing inline
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    # every other page still runs no script at all
    assert "script-src 'none'" in trainer.get("/board").headers["Content-Security-Policy"]
    script = trainer.get("/board/present.js")
    assert script.status_code == 200 and script.mimetype == "text/javascript"
    assert "fetch(" in script.text and "innerHTML" not in script.text


def test_the_board_links_to_its_views(trainer):
    html = trainer.get("/board").text
    assert 'href="/board/present?session=open"' in html
    assert 'href="/board/comments?session=open"' in html


def test_another_session_has_its_own_ranking(served, trainer):
    served.store.add(Target("2026-11-noord", DECK, "factor-2", 1), [(VOTE, "nee")])
    reveal(trainer, "all")
    assert trainer.get("/board/present.json").json["teams"] == []
    assert trainer.get("/board/present.json?session=2026-11-noord").json["teams"] == [1]
    assert trainer.get("/board/present.json?session=elders").status_code == 404
