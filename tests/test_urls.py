from urllib.parse import parse_qs, urlsplit

from generator.answers.urls import form_url

TEMPLATE = (
    "https://forms.example.org/antwoord?deck={deck}&card={card}&team={team}&session={session}"
)


def test_values_are_percent_encoded_and_survive_the_round_trip():
    url = form_url(TEMPLATE, deck="vijf vs", card="a&b=c", team=3, session="2026/11?x")
    query = parse_qs(urlsplit(url).query)
    assert query == {
        "deck": ["vijf vs"],
        "card": ["a&b=c"],
        "team": ["3"],
        "session": ["2026/11?x"],
    }
    assert " " not in url and url.count("&") == 3


def test_placeholders_may_sit_in_the_path():
    url = form_url(
        "https://f.example.org/{deck}/{card}",
        deck="elementen",
        card="element-1",
        team=1,
        session="open",
    )
    assert url == "https://f.example.org/elementen/element-1"
