"""A kind from outside the package: tests/fixtures/plugin holds a package `labelkind`
and the dist-info that declares it in the `workshop.kinds` entry-point group, as `pip
install` would leave them. With that folder on the path, and no change to any file of
the workshop package, the kind gets its command with its own option, `list`,
`validate`, `build`, its form on the answer server, and its part of the results."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from generator.errors import KindError
from generator.kinds import BUILTIN, discover
from tests.conftest import copy_kit
from tests.pdfcheck import open_pdf, page_text

PLUGIN = Path(__file__).parent / "fixtures" / "plugin"

pytestmark = pytest.mark.slow  # each case starts the command line in a child process

SERVER_CHECK = """
import sys
from pathlib import Path
from generator.answers.links import Target, code_for
from generator.answers.store import Store
from generator.kit.project import Project
from generator.server import create_app
from generator.server.targets import served_links

kit = Path.cwd()
project = Project(kit / "workshop.yaml")
links = served_links(project, ("open",), 2, b"secret")
app = create_app(project, Store(f"sqlite:///{kit / 'answers.sqlite3'}"), links,
                 board_token="t", sessions=("open",), testing=True)
page = app.test_client().get("/k/" + code_for(b"secret", Target("open", "naambord", "bordje", 2)))
print(page.status_code, "Wie ben jij?" in page.get_data(as_text=True))
"""


@pytest.fixture
def kit(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    (kit / "content" / "naambord.yaml").write_text(
        "type: label\nsource: eigen tekst\ntitle: Welkom bij de workshop\n", encoding="utf-8"
    )
    (kit / "layouts" / "bordje.yaml").write_text(
        "material: label\ntext: Samen sterker\n", encoding="utf-8"
    )
    with (kit / "workshop.yaml").open("a", encoding="utf-8") as kit_file:
        kit_file.write("  - label: naambord\n    layout: bordje\n")
    return kit


def workshop(kit: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGIN), os.getcwd()])}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=kit,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_kind_has_its_command_with_its_own_option(kit):
    helped = workshop(kit, "--help")
    assert helped.returncode == 0, helped.stderr
    assert "label" in helped.stdout
    built = workshop(kit, "label", "naambord", "--greeting", "welkom")
    assert built.returncode == 0, built.stderr
    text = page_text(kit / "output" / "open" / "naambord.pdf", 0)
    assert "Welkom · Welkom bij de workshop Samen sterker" in text
    refused = workshop(kit, "label", "naambord", "--greeting", "hoi")
    assert refused.returncode == 2 and "'hoi' is not one of" in refused.stderr


def test_list_validate_and_build_take_the_kind(kit):
    listed = workshop(kit, "list")
    assert listed.returncode == 0 and "naambord" in listed.stdout
    assert workshop(kit, "validate").returncode == 0
    built = workshop(kit, "build")
    assert built.returncode == 0, built.stderr
    assert "Hallo · Welkom bij de workshop" in page_text(kit / "output/open/naambord.pdf", 0)
    assert (kit / "output" / "open" / "elementen.pdf").exists()


def test_the_answer_server_offers_its_form(kit):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGIN), os.getcwd()])}
    done = subprocess.run(
        [sys.executable, "-c", SERVER_CHECK], cwd=kit, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "True"]


def test_the_results_hold_the_kinds_part(kit):
    """Answers stored for the label's form: `workshop results` puts the kind's page in the
    results PDF and writes the kind's own file beside it."""
    from generator.answers.links import Target
    from generator.answers.store import Store, default_url

    store = Store(default_url(kit))
    store.add(Target("open", "naambord", "bordje", 2), [("naam-rol", "Anna, voorzitter")])
    store.add(Target("open", "naambord", "bordje", 1), [("naam-rol", "Bram & Co")])
    store.close()
    made = workshop(kit, "results", "--session", "open")
    assert made.returncode == 0, made.stderr
    assert "warning" not in made.stdout, made.stdout
    assert "wrote output/open/naamborden-antwoorden.pdf: 1 page, 2 answers" in made.stdout
    pdf = kit / "output" / "open" / "resultaten.pdf"
    # no ranking, so no title page alone: the title heads the label's page
    assert len(open_pdf(pdf)) == 1
    assert page_text(pdf, 0).startswith("Samen sterker in de wijk")
    text = " ".join(page_text(pdf, i) for i in range(len(open_pdf(pdf))))
    assert "Naamborden" in text
    assert "Welkom bij de workshop · Team 1: Bram & Co" in text
    assert "Welkom bij de workshop · Team 2: Anna, voorzitter" in text
    own = page_text(kit / "output" / "open" / "naamborden-antwoorden.pdf", 0)
    assert "Team 2: Anna, voorzitter" in own


def test_a_broken_plug_in_is_an_error_that_names_it():
    broken = EntryPoint("broken", "no_such_module:KIND", "workshop.kinds")
    with pytest.raises(KindError, match="entry point 'broken = no_such_module:KIND'"):
        discover([broken])
    not_a_kind = EntryPoint("odd", "os:sep", "workshop.kinds")
    with pytest.raises(KindError, match="is a str; expected a Kind"):
        discover([not_a_kind])
    clash = EntryPoint("deck", "generator.kinds.deck:KIND", "workshop.kinds")
    with pytest.raises(KindError, match="the kind 'deck', which exists already"):
        discover([clash])
    assert tuple(discover([])) == BUILTIN
