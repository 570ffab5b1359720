"""`workshop results` after a session with worksheets and a success-factor round: each
team's worksheets come back filled in with what it stored last, and the ranking can hang
on the wall as a poster."""

from __future__ import annotations

import pytest
import yaml
from pypdf import PdfReader

from generator.answers.links import Target
from generator.answers.model import VOTE
from generator.answers.store import Store, default_url
from tests.conftest import run
from tests.pdfcheck import open_pdf, page_text, squeeze

AMBITIE = "Samen pesten in de wijk voorkomen, met school en wijkteam."


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from tests.conftest import copy_kit

    kit = copy_kit(tmp_path_factory.mktemp("record") / "kit")
    store = Store(default_url(kit))
    fase = Target("open", "fase-1", "fase-1", 2)
    store.add(fase, [("1a-ambitie", "Een eerste idee."), ("1a-doelgroep", "Ouders")])
    store.add(fase, [("1a-ambitie", AMBITIE)])  # version 2 replaces all of version 1
    aspect = Target("open", "aspecten", "aspecten", 1)
    store.add(aspect, [("klik", "ja"), ("klik-toelichting", "De klik is er.")])
    factors = yaml.safe_load((kit / "content" / "succesfactoren.yaml").read_text())["cards"]
    ids = [c["id"] for c in factors if c.get("kind", "question") == "question"]
    for card, team, vote in [(ids[4], 1, "nee"), (ids[4], 2, "nee"), (ids[2], 1, "twijfel")]:
        store.add(Target("open", "succesfactoren", card, team), [(VOTE, vote)])
    store.close()
    result = run(["results", "--session", "open", "--poster", "A3"], kit)
    assert result.exit_code == 0, result.output
    return kit, result.output, {c["id"]: c["title"] for c in factors}, ids


def test_results_writes_the_record_and_the_poster(session):
    kit, output, _, _ = session
    folder = kit / "output" / "open"
    for name in ("resultaten", "werkbladen-ingevuld", "poster-resultaten-succesfactoren-a3"):
        assert (folder / f"{name}.pdf").is_file(), output
        assert f"wrote output/open/{name}.pdf" in output
    assert not list(folder.glob(".*partial"))


def test_the_record_holds_each_teams_newest_answers_in_its_fields_and_on_paper(session):
    kit, *_ = session
    path = kit / "output" / "open" / "werkbladen-ingevuld.pdf"
    fields = PdfReader(path).get_fields()
    assert fields["team-2.fase-1.1a-ambitie"]["/V"] == AMBITIE
    assert fields["team-2.fase-1.1a-doelgroep"].get("/V", "") == ""  # not in the newest
    assert fields["team-1.fase-1.1a-ambitie"].get("/V", "") == ""  # another team's
    assert fields["team-1.aspecten.klik-toelichting"]["/V"] == "De klik is er."
    assert fields["team-1.aspecten.klik"]["/V"] not in ("", "/Off")
    text = squeeze(" ".join(page_text(path, i) for i in range(len(open_pdf(path)))))
    assert squeeze(AMBITIE) in text
    assert squeeze("Een eerste idee.") not in text


def test_the_results_poster_ranks_the_stored_votes(session):
    kit, _, titles, ids = session
    path = kit / "output" / "open" / "poster-resultaten-succesfactoren-a3.pdf"
    assert len(open_pdf(path)) == 1
    text = squeeze(page_text(path, 0))
    two_nee, one_twijfel, none = (text.index(squeeze(titles[i])) for i in (ids[4], ids[2], ids[0]))
    assert two_nee < one_twijfel < none
