"""Worksheets on the answer server: a worksheet's code opens its form with every
question, the answers are stored under the field ids the printed sheet carries, refusals
store nothing, and the board and the export show them. Uses the fixture worksheet
tests/fixtures/worksheet/content/proefblad.yaml (lines, a box, ticks, a table)."""

import csv
import html as markup
import io
import re

import pytest

from generator.answers.forms import TEXT, TICK
from generator.answers.links import Target, code_for
from generator.answers.model import MAX_ANSWER
from generator.cli import serve as serve_module
from generator.kinds import KINDS
from generator.kinds.deck.forms import deck_forms
from generator.kit.project import Project
from tests.conftest import run
from tests.serverkit import TOKEN, WORKSHEET, add_worksheet, code, csrf, serve_kit

SHEET = code(WORKSHEET, WORKSHEET, team=2)
SHEET_TARGET = Target("open", WORKSHEET, WORKSHEET, 2)
FIELDS = (  # (field, kind, label) in the order asked
    ("1a-1", TEXT, "Welke ontwikkelingen in de wijk zien jullie?"),
    ("1a-2", TEXT, "Wie zijn de belangrijkste partners?"),
    ("ouder-kind", TICK, "Ouder en kind staan centraal."),
    ("ouder-kind-toelichting", TEXT, "Toelichting"),
    ("klik", TICK, "Er is een klik tussen de partners."),
    ("klik-toelichting", TEXT, "Toelichting"),
    ("bestuur-fase-1", TEXT, "Bestuur – Fase 1"),
    ("bestuur-fase-2", TEXT, "Bestuur – Fase 2"),
    ("management-fase-1", TEXT, "Management – Fase 1"),
    ("management-fase-2", TEXT, "Management – Fase 2"),
)


@pytest.fixture
def sheet_kit(kit):
    add_worksheet(kit)
    return kit


@pytest.fixture
def served(sheet_kit):
    served = serve_kit(sheet_kit, testing=True)
    yield served
    served.store.close()


@pytest.fixture
def phone(served):
    return served.app.test_client()


def send(client, data, path=f"/k/{SHEET}"):
    token = csrf(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def refused(client, served, data, status=400):
    response = client.post(f"/k/{SHEET}", data=data)
    assert response.status_code == status, response.get_data(as_text=True)
    assert served.store.submissions("open") == []
    return response.get_data(as_text=True)


# --- the forms each kind makes ------------------------------------------------------------


def test_a_worksheet_makes_one_form_with_every_field_stored_under_its_id(sheet_kit):
    project = Project(sheet_kit / "workshop.yaml")
    worksheet = project.material("worksheet", WORKSHEET)
    (form,) = KINDS["worksheet"].forms(worksheet, "nl")
    assert (form.material, form.id, form.number) == (WORKSHEET, WORKSHEET, 1)
    assert [(q.field, q.kind, q.text) for q in form.questions] == list(FIELDS)
    assert all(q.key == q.field for q in form.questions)
    assert set(worksheet.field_ids()) <= {q.field for q in form.questions}
    assert [s.title for s in form.sections] == [
        "1a Externe analyse",
        "Essentiële aspecten",
        "Aandachtspunten per laag",
    ]
    assert form.label("klik-toelichting") == "Er is een klik tussen de partners. – Toelichting"
    assert form.label("bestuur-fase-2") == "Bestuur – Fase 2"
    cell = next(q for q in form.questions if q.field == "bestuur-fase-2")
    assert cell.hint == ("Middelen vrijmaken",) and cell.lines == 3
    (english,) = KINDS["worksheet"].forms(worksheet, "en")
    assert english.questions[3].text == "Comment"


def test_deck_forms_ask_what_the_cards_always_asked(kit):
    project = Project(kit / "workshop.yaml")
    elementen = project.material("deck", "elementen")
    forms = deck_forms(elementen, "nl")
    cards = [c for c in elementen.cards if c.answerable]
    assert [f.id for f in forms] == [c.id for c in cards]
    for form, card in zip(forms, cards, strict=True):
        asked = card.questions or (card.title,)
        assert [(q.field, q.key) for q in form.questions] == [
            (f"q{n}", text) for n, text in enumerate(asked, 1)
        ]
        assert not form.voting and form.heading == elementen.title
    factors = deck_forms(project.material("deck", "succesfactoren"), "nl")
    assert all(f.voting and not f.questions for f in factors)
    assert [c.value for c in factors[0].choices] == ["ja", "twijfel", "nee"]


# --- the phone page ----------------------------------------------------------------------


def test_worksheet_code_shows_every_question_under_its_heading(phone):
    page = phone.get(f"/K/{SHEET}")
    html = markup.unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert '<span class="number">1</span> Proef met een werkblad' in html
    assert "Team 2" in html and "Nagaan of een werkblad" in html
    for title in ("1a Externe analyse", "Essentiële aspecten", "Aandachtspunten per laag"):
        assert f'<h2 class="section">{title}</h2>' in html
    for field, kind, label in FIELDS:
        if kind == TICK:
            assert re.search(
                rf'<label for="{field}" class="question tick"><input type="checkbox" '
                rf'name="{field}" id="{field}" value="ja">\s*<span>{re.escape(label)}</span>',
                html,
            ), field
        else:
            assert f'<label for="{field}" class="' in html and f">{label}</label>" in html
            assert f'<textarea name="{field}" id="{field}"' in html, field
    rows = dict(re.findall(r'<textarea name="([^"]+)" id="[^"]+" rows="(\d+)"', html))
    assert rows["1a-1"] == "4" and rows["1a-2"] == "8"  # the room the paper gives
    assert rows["ouder-kind-toelichting"] == "3" and rows["klik-toelichting"] == "2"
    assert rows["bestuur-fase-1"] == "3"
    assert html.count(f'maxlength="{MAX_ANSWER}"') == 8
    assert "Draagvlak bij de besturen" in html  # the printed cell text, as a hint
    assert 'id="send"' in html and 'name="vote"' not in html
    assert "<script" not in html and "style=" not in html


def test_worksheet_codes_resolve_per_team_and_session_only(phone, served):
    links = served.app.extensions["workshop"].links
    assert links.resolve(SHEET) == SHEET_TARGET
    other = code(WORKSHEET, WORKSHEET, team=1, session="2026-11-noord")
    assert links.resolve(other) == Target("2026-11-noord", WORKSHEET, WORKSHEET, 1)
    assert phone.get(f"/k/{code(WORKSHEET, WORKSHEET, team=4)}").status_code == 404
    assert phone.get(f"/k/{code(WORKSHEET, '1a-1')}").status_code == 404


def test_the_server_does_not_need_the_worksheet_layout(sheet_kit):
    """`workshop serve` reads the kit file and the content, no layout (the worksheet's
    layout is not there): everything up to listening."""
    assert not (sheet_kit / "layouts" / "worksheet-a4.yaml").exists()
    (sheet_kit / ".workshop-secret").write_text("a-secret\n", encoding="ascii")
    project = Project(sheet_kit / "workshop.yaml")
    serving = serve_module.prepare(project, "127.0.0.1", 8000, None, (), 2)
    target = Target("open", WORKSHEET, WORKSHEET, 2)
    assert serving.app.extensions["workshop"].links.resolve(code_for(b"a-secret", target))
    serving.app.extensions["workshop"].store.close()


# --- storing -------------------------------------------------------------------------------


def test_answers_are_stored_under_the_field_ids(phone, served):
    response = send(
        phone,
        {
            "1a-1": "  Meer jonge gezinnen.\r\nMinder huisartsen. ",
            "ouder-kind": "ja",
            "ouder-kind-toelichting": "Nog niet overal.",
            "klik-toelichting": "",
            "management-fase-2": "Een convenant.",
        },
    )
    assert response.status_code == 303 and response.location == f"/k/{SHEET}/ok"
    (stored,) = served.store.submissions("open")
    assert Target(stored.session, stored.material, stored.form, stored.team) == SHEET_TARGET
    assert stored.answers == (
        ("1a-1", "Meer jonge gezinnen.\nMinder huisartsen."),
        ("ouder-kind", "ja"),
        ("ouder-kind-toelichting", "Nog niet overal."),
        ("management-fase-2", "Een convenant."),
    )
    thanks = markup.unescape(phone.get(response.location).get_data(as_text=True))
    assert "Dank je wel!" in thanks and "versie 1" in thanks
    for shown in (
        "Welke ontwikkelingen in de wijk zien jullie?",
        "Ouder en kind staan centraal.</p>",
        "✓ ja",
        "Ouder en kind staan centraal. – Toelichting",
        "Management – Fase 2",
        "Een convenant.",
    ):
        assert shown in thanks
    assert f'id="change" href="/k/{SHEET}"' in thanks


def test_resubmission_is_a_new_version_prefilled_and_the_latest_counts(phone, served):
    send(phone, {"1a-2": "De school", "klik": "ja"})
    again = markup.unescape(phone.get(f"/k/{SHEET}").get_data(as_text=True))
    assert 'id="answered"' in again
    assert ">De school</textarea>" in again
    assert 'id="klik" value="ja" checked>' in again
    assert 'id="ouder-kind" value="ja">' in again  # not ticked, not checked
    send(phone, {"1a-2": "De school en de wijkagent"})  # the tick taken off
    versions = [(s.version, s.answers) for s in served.store.submissions("open")]
    assert versions == [
        (1, (("1a-2", "De school"), ("klik", "ja"))),
        (2, (("1a-2", "De school en de wijkagent"),)),
    ]
    (latest,) = served.store.latest("open")
    assert latest.version == 2 and latest.answer("klik") == ""


# --- refusals store nothing ----------------------------------------------------------------


def test_a_tick_accepts_only_ja(phone, served):
    token = csrf(phone.get(f"/k/{SHEET}").get_data(as_text=True))
    for value in ("nee", "on", "ja ", "1"):
        html = refused(phone, served, {"csrf_token": token, "klik": value, "1a-1": "Iets"})
        assert "Een vinkje kan alleen aan of uit staan" in markup.unescape(html)
        assert 'id="1a-1" rows="4" maxlength="2000">Iets</textarea>' in html  # kept


def test_unknown_fields_are_never_stored(phone, served):
    token = csrf(phone.get(f"/k/{SHEET}").get_data(as_text=True))
    html = refused(phone, served, {"csrf_token": token, "1a-9": "Niet gevraagd"})
    assert "Vul minstens één antwoord in." in markup.unescape(html)
    refused(phone, served, {"csrf_token": token, "1a-1-toelichting": "x", "ouder-kind": ""})
    forged = {"deck": "elementen", "card": "element-4", "team": "1", "1a-9": "x"}
    phone.post(f"/k/{SHEET}", data={"csrf_token": token, "1a-1": "Wel", **forged})
    (stored,) = served.store.submissions("open")
    assert stored.answers == (("1a-1", "Wel"),)
    assert (stored.material, stored.form, stored.team) == (WORKSHEET, WORKSHEET, 2)


def test_oversize_text_and_missing_or_foreign_tokens_are_refused(phone, served):
    token = csrf(phone.get(f"/k/{SHEET}").get_data(as_text=True))
    html = refused(
        phone, served, {"csrf_token": token, "1a-1": "Kort", "bestuur-fase-1": "x" * 2001}
    )
    assert f"hoogstens {MAX_ANSWER} tekens" in html
    html = refused(phone, served, {"1a-1": "Zonder token"})
    assert "Het formulier was verlopen" in html
    refused(phone, served, {"csrf_token": "forged", "1a-1": "Vervalst"})
    other_team = csrf(phone.get(f"/k/{code(WORKSHEET, WORKSHEET, team=1)}").get_data(True))
    refused(phone, served, {"csrf_token": other_team, "1a-1": "Van team 1"})
    card = csrf(phone.get(f"/k/{code('elementen', 'element-4')}").get_data(as_text=True))
    refused(phone, served, {"csrf_token": card, "1a-1": "Van een kaart"})


# --- the board and the export --------------------------------------------------------------


def test_board_shows_the_worksheet_answers_per_team(served):
    send(served.app.test_client(), {"1a-1": "<b>Veel</b> & meer", "klik": "ja"})
    send(
        served.app.test_client(),
        {"bestuur-fase-1": "Besluit nemen"},
        path=f"/k/{code(WORKSHEET, WORKSHEET, team=1)}",
    )
    trainer = served.app.test_client()
    assert trainer.get("/board").status_code == 403
    trainer.get(f"/board?token={TOKEN}")
    html = trainer.get("/board").get_data(as_text=True)
    section = re.search(
        rf'<section class="card-answers" id="{WORKSHEET}-{WORKSHEET}">.*?</section>', html, re.S
    ).group(0)
    assert "<h3>1. Proef met een werkblad" in section
    teams = re.findall(r'<p class="label">Team (\d) \(versie 1\)</p>', section)
    assert teams == ["1", "2"]
    assert "&lt;b&gt;Veel&lt;/b&gt; &amp; meer" in section
    text = markup.unescape(section)
    assert "Welke ontwikkelingen in de wijk zien jullie?" in text
    assert "Er is een klik tussen de partners." in text and "Bestuur – Fase 1" in text
    assert "Antwoorden per kaart en werkblad" in html
    assert 'id="elementen-element-4"' in html  # the decks' cards still there


def test_export_has_a_row_per_worksheet_answer(served, sheet_kit):
    send(served.app.test_client(), {"1a-1": "Eerst", "ouder-kind": "ja"})
    send(served.app.test_client(), {"1a-1": "Daarna"})
    trainer = served.app.test_client()
    trainer.get(f"/board?token={TOKEN}")
    exported = trainer.get("/board/export.csv").get_data().decode("utf-8-sig")
    sheet = ["open", WORKSHEET, "1", "Proef met een werkblad", "2"]
    asked = "Welke ontwikkelingen in de wijk zien jullie?"
    expected = [
        [*sheet, asked, "Eerst", "1"],
        [*sheet, "Ouder en kind staan centraal.", "ja", "1"],
        [*sheet, asked, "Daarna", "2"],
    ]
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))[1:]
    assert [r[:8] for r in rows] == expected
    served.store.close()
    result = run(["answers", "export", "--session", "open"], sheet_kit)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    assert [r[:8] for r in rows[1:]] == expected


def test_the_longest_worksheet_filled_to_every_limit_is_stored_whole(phone, served):
    """fase-1 asks 35 questions: each answered with MAX_ANSWER accented letters (two
    bytes each, six characters percent-encoded) is still one form the server takes."""
    form = KINDS["worksheet"].forms(
        Project(served.project.kit_file).material("worksheet", "fase-1"), "nl"
    )[0]
    path = f"/k/{code('fase-1', 'fase-1', team=1)}"
    data = {q.field: ("ja" if q.kind == TICK else "é" * MAX_ANSWER) for q in form.questions}
    assert len(data) == 35
    response = send(phone, data, path)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    (stored,) = served.store.submissions("open")
    assert len(stored.answers) == 35
    assert all(len(answer) == MAX_ANSWER for _, answer in stored.answers)
