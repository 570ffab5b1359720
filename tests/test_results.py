"""`workshop results`: the ranking follows the votes (newest version counts), the booklet
holds every answer and wraps long ones, the PDF is print-correct; the CSV import of
Google and Microsoft Forms exports, and its messages for bad input."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from generator.answers.csv_import import load_mapping, read_answers
from generator.answers.model import COMMENT, VOTE, Submission
from generator.errors import BuildError, InputError
from generator.kinds.deck.results import rank
from generator.kit.project import Project
from generator.results import MATERIAL, ResultsOptions, build
from tests.conftest import REPO, edit_kit, run
from tests.pdfcheck import fonts, open_pdf, page_sizes_mm, page_text, squeeze
from tests.test_legibility import MIN_SIZE, text_objects

FIXTURES = REPO / "tests" / "fixtures" / "answers"
T0 = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
EXPORTED = datetime(2026, 11, 23, 15, 30)
LONG = " ".join(f"woord{n}" for n in range(330))[:2000]  # a 2000-character answer


def vote(card: str, team: int, colour: str, version: int = 1, comment: str = "") -> Submission:
    answers = ((VOTE, colour),) + (((COMMENT, comment),) if comment else ())
    at = T0 + timedelta(minutes=version)
    return Submission("s1", "succesfactoren", card, team, version, at, answers)


def text_answer(deck: str, card: str, team: int, answers, version: int = 1) -> Submission:
    at = T0 + timedelta(minutes=version)
    return Submission("s1", deck, card, team, version, at, tuple(answers))


# factor-5: 3 nee; factor-2: 2 nee 1 twijfel; factor-9: 2 nee; factor-7: 1 nee 2 twijfel;
# factor-1: 3 twijfel once team 3's newer version counts (its first was nee)
VOTES = [
    vote("factor-5", 1, "nee"),
    vote("factor-5", 2, "nee"),
    vote("factor-5", 3, "nee", comment="Wij kennen elkaars werk nauwelijks."),
    vote("factor-2", 1, "nee"),
    vote("factor-2", 2, "twijfel"),
    vote("factor-2", 3, "nee"),
    vote("factor-9", 1, "nee"),
    vote("factor-9", 2, "nee"),
    vote("factor-9", 3, "ja"),
    vote("factor-7", 1, "nee"),
    vote("factor-7", 2, "twijfel"),
    vote("factor-7", 3, "twijfel"),
    vote("factor-1", 1, "twijfel"),
    vote("factor-1", 2, "twijfel"),
    vote("factor-1", 3, "nee", version=1),
    vote("factor-1", 3, "twijfel", version=2, comment="Na overleg toch twijfel."),
    vote("factor-4", 1, "ja"),
]
ORDER = ["factor-5", "factor-2", "factor-9", "factor-7", "factor-1"]


def submissions(project: Project) -> list[Submission]:
    element = project.material("deck", "elementen").cards[2]  # element-1
    five = next(c for c in project.material("deck", "vijf-vs").cards if c.id == "vertrouwen")
    return [
        *VOTES,
        text_answer("elementen", element.id, 1, [(element.questions[0], "Oude versie")]),
        text_answer(
            "elementen",
            element.id,
            1,
            [(element.questions[0], "Ja, in het convenant & <afspraken>."), ("2", LONG)],
            version=2,
        ),
        text_answer("elementen", element.id, 2, [(element.questions[2], "Soms wel, soms niet.")]),
        text_answer("vijf-vs", five.id, 3, [(five.questions[0], "We vertrouwen elkaar.")]),
    ]


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(REPO / "workshop.yaml")


@pytest.fixture(scope="module")
def made(project, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("results") / "resultaten.pdf"
    options = ResultsOptions("s1", tuple(submissions(project)), EXPORTED)
    built = build(project, MATERIAL, options, target)
    assert built.warnings == ()
    assert built.cards == 19  # newest versions only: 16 votes and 3 text answers
    assert built.pages == len(open_pdf(target))
    return target


def all_text(path: Path) -> str:
    return "\n".join(page_text(path, i) for i in range(len(open_pdf(path))))


# --- the ranking ---------------------------------------------------------------------------
def test_rank_orders_by_nee_then_twijfel_and_counts_the_newest_version(project):
    from generator.answers.model import latest

    rows = rank(project.material("deck", "succesfactoren"), latest(VOTES))
    assert [row.card.id for row in rows[: len(ORDER)]] == ORDER
    factor_1 = next(row for row in rows if row.card.id == "factor-1")
    assert factor_1.votes == {1: "twijfel", 2: "twijfel", 3: "twijfel"}
    assert len(rows) == 12  # every factor, voted on or not


def test_the_ranking_page_lists_the_factors_in_that_order(made, project):
    deck = project.material("deck", "succesfactoren")
    titles = {card.id: card.title for card in deck.cards}
    page = page_text(made, 1)
    assert "Rangorde: Kritische succesfactoren" in page
    positions = [page.index(titles[card]) for card in ORDER]
    assert positions == sorted(positions)
    for team in (1, 2, 3):
        assert re.search(rf"Team\s*{team}\b", page)
    assert "Totaal" in page and "geen stem" in page


def test_the_title_page_and_headers_name_kit_session_and_export_date(made):
    first = page_text(made, 0)
    assert "Samen sterker in de wijk" in first
    assert "Sessie: s1" in first
    assert "23 november 2026, 15:30" in first
    assert "Pagina 2" in page_text(made, 1)


# --- the booklet ---------------------------------------------------------------------------
def test_every_answer_and_comment_is_in_the_booklet_and_old_versions_are_not(made, project):
    text = squeeze(all_text(made))
    for answer in (
        "Ja, in het convenant & <afspraken>.",
        "Soms wel, soms niet.",
        "We vertrouwen elkaar.",
        "Wij kennen elkaars werk nauwelijks.",
        "Na overleg toch twijfel.",
        LONG,
    ):
        assert squeeze(answer) in text, answer[:40]
    assert "Oude versie" not in text
    element = project.material("deck", "elementen").cards[2]
    for question in element.questions:
        assert squeeze(question) in text
    assert squeeze("Zonder antwoorden") in text  # cards nobody answered, listed briefly


def test_a_long_answer_wraps_inside_the_page(made):
    width = open_pdf(made)[0].get_width()
    left, right = 15 * 72 / 25.4, width - 15 * 72 / 25.4
    for _, _, _, _, (x0, _, x1, _) in text_objects(made):
        assert left - 0.5 <= x0 and x1 <= right + 0.5, (x0, x1)


def test_the_pdf_is_a4_with_embedded_fonts_and_no_text_below_6pt(made):
    assert set(page_sizes_mm(made)) == {(210, 297)}
    found = fonts(made)
    assert found and all(embedded for _, embedded in found), found
    assert not any("Helvetica" in name for name, _ in found)
    assert min(size for _, size, *_ in text_objects(made)) >= MIN_SIZE


def test_many_teams_split_the_ranking_into_parts(project, tmp_path):
    many = [vote("factor-3", team, "nee") for team in range(1, 26)]
    target = tmp_path / "r.pdf"
    build(project, MATERIAL, ResultsOptions("s1", tuple(many), EXPORTED), target)
    text = all_text(target)
    assert "teams 1–" in text and "–25)" in text


def test_missing_glyphs_are_replaced_with_a_warning(project, tmp_path):
    items = [vote("factor-3", 1, "nee", comment="Top 😀")]
    built = build(project, MATERIAL, ResultsOptions("s1", tuple(items), EXPORTED), tmp_path / "r")
    assert any("U+1F600" in w for w in built.warnings)


def test_no_answers_for_the_session_is_an_error(project, tmp_path):
    with pytest.raises(BuildError, match="no answers for session 's2'"):
        build(project, MATERIAL, ResultsOptions("s2", tuple(VOTES), EXPORTED), tmp_path / "r")


# --- CSV import ----------------------------------------------------------------------------
def decks(project: Project) -> dict:
    return {
        name: project.material("deck", name) for name in ("elementen", "vijf-vs", "succesfactoren")
    }


def read(project, name: str, session: str = "2026-11-noord", folder: Path = FIXTURES):
    mapping = load_mapping(folder / f"{name}.yaml", f"{name}.yaml")
    return read_answers(folder / f"{name}.csv", mapping, session, decks(project), f"{name}.csv")


def test_google_forms_export(project):
    found = read(project, "google-forms")
    keyed = {(s.form, s.team, s.version): s for s in found}
    assert len(found) == 7  # the row of another session is left out
    first, second = keyed[("element-1", 1, 1)], keyed[("element-1", 1, 2)]
    assert first.answers[0][1] == "Ja, in het convenant."
    assert second.answer("Zijn er afspraken op uitvoerend niveau?") == (
        "Deels: alleen voor\nde wijkteams."
    )
    assert second.submitted_at == datetime(2026, 11, 23, 13, 11, 2, tzinfo=UTC)  # GMT+1
    assert keyed[("factor-3", 1, 1)].answers == (
        (VOTE, "nee"),
        (COMMENT, "We kennen de partners nauwelijks."),
    )
    assert keyed[("factor-3", 2, 1)].answers == ((VOTE, "twijfel"),)


def test_microsoft_forms_export_with_semicolons_and_a_byte_order_mark(project):
    found = read(project, "microsoft-forms")
    assert [(s.material, s.form, s.team, s.version) for s in found] == [
        ("elementen", "element-2", 3, 1),
        ("vijf-vs", "vertrouwen", 3, 1),
        ("succesfactoren", "factor-5", 3, 1),
        ("elementen", "element-2", 3, 2),
    ]
    assert found[0].submitted_at == datetime(2026, 11, 23, 13, 5, 31, tzinfo=UTC)  # CET
    assert found[1].answers == (
        ("In hoeverre vertrouwen we elkaar?", "We vertrouwen elkaar; meestal."),
    )
    assert found[2].answer(VOTE) == "nee"  # "nee" matches the mapping's "Nee"


def _bad(tmp_path: Path, csv_text: str | bytes, mapping: dict | None = None) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(FIXTURES / "google-forms.yaml", folder / "google-forms.yaml")
    if mapping is not None:
        data = yaml.safe_load((FIXTURES / "google-forms.yaml").read_text(encoding="utf-8"))
        data.update(mapping)
        (folder / "google-forms.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    raw = csv_text if isinstance(csv_text, bytes) else csv_text.encode()
    (folder / "google-forms.csv").write_bytes(raw)
    return folder


HEADER = (FIXTURES / "google-forms.csv").read_text(encoding="utf-8").splitlines()[0]


def test_bad_rows_are_reported_with_file_line_and_column(project, tmp_path):
    rows = [
        HEADER,
        "2026/11/23 2:05:31 PM GMT+1,elementen,element-99,1,2026-11-noord,a,,,,,,",
        "gisteren,elementen,element-1,team x,2026-11-noord,a,,,,,,",
        "2026/11/23 2:05:31 PM GMT+1,succesfactoren,factor-1,1,2026-11-noord,,,,,,Misschien,",
        "2026/11/23 2:05:31 PM GMT+1,elementen,element-1,1",
    ]
    folder = _bad(tmp_path, "\n".join(rows) + "\n")
    with pytest.raises(InputError) as caught:
        read(project, "google-forms", folder=folder)
    message = str(caught.value)
    assert "google-forms.csv:2 Kaart: expected a question card of deck 'elementen'" in message
    assert "google-forms.csv:3 Tijdstempel: expected a date and time" in message
    assert "google-forms.csv:3 Team: expected a team number from 1 to 200, found 'team x'" in (
        message
    )
    assert "google-forms.csv:4 Stem: expected one of 'ja', 'twijfel', 'nee'" in message
    assert "google-forms.csv:5: expected 12 fields as in the header, found 4" in message
    assert "5 problems" in message


@pytest.mark.parametrize(
    ("csv_text", "mapping", "expected"),
    [
        (HEADER.replace("Kaart,", "Kaartje,"), None, "google-forms.csv:1 Kaart: no column 'Kaart'"),
        ("é".encode("latin-1") + b"\n", None, "google-forms.csv:1: not UTF-8 text"),
        (HEADER, {"timezone": "Europe/Nergens"}, "timezone: unknown time zone 'Europe/Nergens'"),
        (HEADER, {"votes": None}, "votes: missing key 'votes'"),
        (HEADER, {"colums": {}}, "unknown key 'colums'; did you mean 'columns'?"),
    ],
)
def test_bad_csv_or_mapping_names_file_and_key(project, tmp_path, csv_text, mapping, expected):
    folder = _bad(tmp_path, csv_text, mapping)
    if mapping and mapping.get("votes", 1) is None:
        data = yaml.safe_load((folder / "google-forms.yaml").read_text())
        del data["votes"]
        (folder / "google-forms.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(project, "google-forms", folder=folder)
    assert expected in str(caught.value)


def test_a_csv_over_10_mib_is_refused(project, tmp_path):
    folder = _bad(tmp_path, HEADER + "\n" + "x" * (10 * 1024 * 1024))
    with pytest.raises(InputError, match="at most 10,485,760 bytes"):
        read(project, "google-forms", folder=folder)


# --- the command ---------------------------------------------------------------------------
def test_workshop_results_from_a_csv_writes_the_pdf(kit):
    args = ["results", "--session", "2026-11-noord"]
    files = ["--csv", str(FIXTURES / "google-forms.csv")]
    files += ["--mapping", str(FIXTURES / "google-forms.yaml")]
    result = run(args + files, kit)
    assert result.exit_code == 0, result.output
    target = kit / "output" / "2026-11-noord" / "resultaten.pdf"
    assert f"wrote {target.relative_to(kit)}" in result.output
    assert "Interdependentie" in page_text(target, 1)
    assert not list(target.parent.glob(".*.partial"))


def test_workshop_results_ranks_what_the_answer_server_stored(kit):
    """The store a `workshop serve` fills (the kit's default SQLite file): the newest
    version per team counts, and the ranking follows the stored votes."""
    from generator.answers.links import Target
    from generator.answers.store import Store, default_url

    store = Store(default_url(kit))
    factors = yaml.safe_load((kit / "content" / "succesfactoren.yaml").read_text())["cards"]
    titles = {c["id"]: c["title"] for c in factors if c.get("kind", "question") == "question"}
    first, second, third = list(titles)[:3]
    votes = [(third, 1, "nee"), (third, 2, "nee"), (second, 1, "nee"), (second, 2, "ja")]
    votes += [(first, 1, "nee"), (first, 1, "ja")]  # team 1 changed its mind: ja counts
    for card, team, vote in votes:
        store.add(Target("open", "succesfactoren", card, team), [(VOTE, vote)])
    element = Target("open", "elementen", "element-1", 2)
    store.add(element, [("Kennen professionals de richtlijnen?", "Nog niet iedereen.")])
    store.close()
    result = run(["results", "--session", "open"], kit)
    assert result.exit_code == 0, result.output
    text = squeeze(
        " ".join(
            page_text(kit / "output" / "open" / "resultaten.pdf", i)
            for i in range(len(open_pdf(kit / "output" / "open" / "resultaten.pdf")))
        )
    )
    order = [text.index(squeeze(titles[card])) for card in (third, second, first)]
    assert order == sorted(order)  # two nee, then one nee, then none
    assert squeeze("Nog niet iedereen.") in text


def test_workshop_results_without_a_store_or_csv_says_what_to_give(kit):
    result = run(["results", "--session", "s1"], kit)
    assert result.exit_code == 1
    assert "answers.sqlite3: no answers stored yet" in result.output
    result = run(["results", "--session", "s1", "--csv", "a.csv"], kit)
    assert result.exit_code == 2 and "--csv and --mapping go together" in result.output


def test_the_results_title_page_prints_the_kit_title_as_written(kit):
    """A kit title with markup characters prints literally, not as reportlab markup."""
    from generator.answers.links import Target
    from generator.answers.store import Store, default_url

    edit_kit(kit, title="Samen <b>sterker</b> & beter &lt;wijk&gt;")
    store = Store(default_url(kit))
    store.add(Target("open", "succesfactoren", "factor-1", 1), [(VOTE, "nee")])
    store.close()
    result = run(["results", "--session", "open"], kit)
    assert result.exit_code == 0, result.output
    first = page_text(kit / "output" / "open" / "resultaten.pdf", 0)
    assert squeeze("Samen <b>sterker</b> & beter &lt;wijk&gt;") in squeeze(first)


def test_the_ranking_names_each_teams_column_and_explains_every_answer(made, project):
    page = page_text(made, 1)
    header = squeeze(page)
    assert "Team1Team2Team3" in header  # each team's column: "Team" over its number
    for response in project.material("deck", "succesfactoren").responses:
        assert squeeze(f"{response.word} – {response.text}") in header, response.id


def test_a_results_pdf_with_only_worksheet_answers_leads_with_them(project, tmp_path):
    """No title page alone: the title heads page one and the answers follow below it."""
    aspect = project.material("worksheet", "aspecten").sections[0].questions[0]
    answers = [
        text_answer("fase-1", "fase-1", 1, [("1a-ambitie", "Eén plan voor de wijk.")]),
        text_answer("fase-1", "fase-1", 2, [("1a-ambitie", "Nog niet besproken.")]),
        text_answer(
            "aspecten",
            "aspecten",
            2,
            [(aspect.id, "ja"), (f"{aspect.id}-toelichting", "Aan tafel.")],
        ),
    ]
    target = tmp_path / "resultaten.pdf"
    built = build(project, MATERIAL, ResultsOptions("s1", tuple(answers), EXPORTED), target)
    assert built.pages == len(open_pdf(target)) == 1
    first = squeeze(page_text(target, 0))
    assert first.startswith(squeeze(project.kit().title))
    for said in ("Team1Eénplanvoordewijk.", "Team2Nognietbesproken.", "Team2ja–Aantafel."):
        assert said in first, said
    assert squeeze("Wat is de ambitie?") in first
