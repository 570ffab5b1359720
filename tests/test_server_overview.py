"""A poster's code on the answer server: it asks which team is scanning, then lists that
team's short links to the forms of what the poster shows; a team it does not serve gets
the question again, and nothing is ever stored from the page."""

import html as markup
import re

import pytest

from generator.kinds.codes import NO_TEAM, OVERVIEW
from generator.kit.project import Project
from generator.server.targets import kit_forms
from tests.serverkit import code, serve_kit

ELEMENTEN = code("elementen", OVERVIEW, NO_TEAM)  # the elementen poster's code


@pytest.fixture
def served(kit):
    return serve_kit(kit, teams=3)


def links_of(page: str) -> list[tuple[str, str]]:
    """(href, text) of every link in the page's overview, in order."""
    found = re.search(r'<section id="overview">(.*?)</section>', page, re.S)
    if not found:
        return []
    return [
        (href, " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", text)).split()))
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', found.group(1), re.S)
    ]


def test_a_poster_code_asks_the_team(served):
    client = served.app.test_client()
    response = client.get(f"/k/{ELEMENTEN}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Welk team zijn jullie?" in page
    assert 'id="team"' in page and 'id="show"' in page
    assert f'action="/k/{ELEMENTEN}"' in page and 'method="get"' in page
    assert "De Sterkste Schakels" in page  # the poster's title
    assert links_of(page) == [] and 'id="overview"' not in page
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_team_gets_the_links_to_each_card_of_the_deck(served):
    client = served.app.test_client()
    page = client.get(f"/k/{ELEMENTEN}?team=2").get_data(as_text=True)
    forms = [f for (material, _), f in kit_forms(served.project).items() if material == "elementen"]
    links = links_of(page)
    assert len(links) == len(forms) == 12
    for (href, text), form in zip(links, forms, strict=True):
        assert href == f"/k/{code('elementen', form.id, 2)}"
        assert text == f"{form.number} {form.title}"
        card = client.get(href)
        assert card.status_code == 200
        assert 'id="answer"' in card.get_data(as_text=True)
    assert "Formulieren van team 2" in page


@pytest.mark.parametrize("team", ["0", "abc", "999", "4", "-1", "²"])
def test_a_team_the_server_does_not_serve_gets_the_question_again(served, team):
    page = served.app.test_client().get(f"/k/{ELEMENTEN}", query_string={"team": team})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Dat teamnummer kennen we niet." in text and 'id="error"' in text
    assert "Welk team zijn jullie?" in text
    assert links_of(text) == [] and 'id="overview"' not in text


def test_posting_to_an_overview_is_refused_and_stores_nothing(served):
    client = served.app.test_client()
    response = client.post(f"/k/{ELEMENTEN}", data={"team": "1", "q1": "iets"})
    assert response.status_code in (400, 405)
    assert served.store.latest("open") == []


def test_each_poster_leads_to_the_forms_of_what_it_shows(served):
    client = served.app.test_client()
    kit = Project(served.project.root / "workshop.yaml").kit()
    sheets = [m.name for m in kit.materials if m.kind == "worksheet"]
    every = [(material, f.id) for (material, _), f in kit_forms(served.project).items()]

    def targets(poster: str) -> list[str]:
        page = client.get(f"/k/{code(poster, OVERVIEW, NO_TEAM)}?team=1").get_data(as_text=True)
        return [href for href, _ in links_of(page)]

    assert targets("lagen") == [f"/k/{code('lagen', 'lagen', 1)}"]
    assert targets("fasen") == [f"/k/{code(s, s, 1)}" for s in sheets]
    assert targets("vijf-vs") == [f"/k/{code('vijf-vs', c, 1)}" for m, c in every if m == "vijf-vs"]
    for poster in ("tips", "studie"):
        assert targets(poster) == [f"/k/{code(m, c, 1)}" for m, c in every]
    page = client.get(f"/k/{code('tips', OVERVIEW, NO_TEAM)}?team=1").get_data(as_text=True)
    assert "<h3>Aandachtspunten per laag en per fase</h3>" in page  # grouped by material


def test_the_overview_speaks_the_kit_language(kit):
    text = (kit / "workshop.yaml").read_text(encoding="utf-8")
    (kit / "workshop.yaml").write_text(text + "language: en\n", encoding="utf-8")
    page = serve_kit(kit).app.test_client().get(f"/k/{ELEMENTEN}?team=9")
    assert "Which team are you?" in page.get_data(as_text=True)
    assert "We do not know that team number." in page.get_data(as_text=True)
