"""Results as one package with a part per kind: the answers' source (the store is
closed once read, its default file named once), and every kind's part through its
`results` hook, none named in results/ or `workshop results`."""

from __future__ import annotations

import ast
import gc
import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.answers.links import Target
from generator.answers.model import VOTE
from generator.answers.store import DEFAULT_FILE, Store, default_url
from generator.kinds import BUILTIN, KINDS
from generator.kinds.kind import Built, KindResults, ResultFile, SessionAnswers
from generator.kit.project import Project
from generator.results import MATERIAL, ResultsOptions, build, source
from tests.conftest import REPO, run
from tests.pdfcheck import open_pdf, page_text
from tests.test_results import EXPORTED, VOTES, all_text


@pytest.fixture
def stored(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'answers.sqlite3'}"
    store = Store(url)
    store.add(Target("s1", "succesfactoren", "factor-5", 1), [(VOTE, "nee")])
    store.close()
    return url


def _open_handles(path: Path) -> list[str]:
    """The descriptors of this process open on the database file (or its -wal, -shm)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(path)):
                found.append(fd)
        except OSError:  # closed since it was listed
            pass
    return found


# --- the source ----------------------------------------------------------------------------
def test_reading_the_store_closes_it(stored, monkeypatch):
    closed = []
    monkeypatch.setattr(Store, "close", lambda self, real=Store.close: closed.append(real(self)))
    found = source.read_store(stored, "s1")
    assert [(s.form, s.answer(VOTE)) for s in found] == [("factor-5", "nee")]
    assert len(closed) == 1


def test_the_store_is_closed_when_reading_fails(stored, monkeypatch):
    closed = []
    monkeypatch.setattr(Store, "close", lambda self, real=Store.close: closed.append(real(self)))

    def broken(self, session):
        raise OSError("disk gone")

    monkeypatch.setattr(Store, "submissions", broken)
    with pytest.raises(OSError, match="disk gone"):
        source.read_store(stored, "s1")
    assert len(closed) == 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_handle_on_the_database_stays_open_after_reading(stored, tmp_path):
    gc.disable()  # a store left open is only closed when the collector happens to find it
    try:
        source.read_store(stored, "s1")
        assert _open_handles(tmp_path / "answers.sqlite3") == []
    finally:
        gc.enable()


def test_the_default_store_is_the_one_workshop_serve_keeps(kit):
    said = run(["results", "--session", "s1"], kit).output
    assert "answers.sqlite3: no answers stored yet" in said
    Store(default_url(kit)).close()
    assert (kit / DEFAULT_FILE).is_file()
    assert source.default_store(Project(kit / "workshop.yaml")) == default_url(kit)


# --- each kind's part ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def project() -> Project:
    return Project(REPO / "workshop.yaml")


def test_a_kind_without_a_results_hook_gives_no_pages_and_its_answers_are_named(
    project, tmp_path, monkeypatch
):
    monkeypatch.setitem(KINDS, "deck", replace(KINDS["deck"], results=None))
    target = tmp_path / "r.pdf"
    built = build(project, MATERIAL, ResultsOptions("s1", tuple(VOTES), EXPORTED), target)
    assert len(open_pdf(target)) == 1  # the title page alone
    assert "Rangorde" not in all_text(target)
    assert built.warnings == (
        "results: 16 submission(s) for deck 'succesfactoren', whose kind has no results left out",
    )


def test_each_kinds_pages_begin_on_a_new_page_and_its_files_are_written(kit, monkeypatch):
    """A hook given to a kind of the registry: it is given the kit's materials of that
    kind and the session's answers; its page follows the deck's on a page of its own,
    its file is written beside the results PDF, its warning is shown."""
    given = []

    def extra(project, materials, found: SessionAnswers) -> KindResults:
        from reportlab.platypus import Paragraph

        given.append(([m.name for m in materials], found.teams, dict(found.asked)))
        said = f"Extra deel: {len(found.submissions)} antwoord(en)"
        page = Paragraph(said, found.look.style("extra", 12))

        def draw(target: Path) -> Built:
            target.write_text(said, encoding="utf-8")
            return Built("extra", 1, len(found.submissions), (), unit="answers")

        return KindResults((page,), (ResultFile("extra.txt", draw),), ("results: extra",))

    monkeypatch.setitem(KINDS, "worksheet", replace(KINDS["worksheet"], results=extra))
    store = Store(default_url(kit))
    store.add(Target("open", "succesfactoren", "factor-5", 3), [(VOTE, "nee")])
    store.close()
    result = run(["results", "--session", "open", "--poster", "a2"], kit)
    assert result.exit_code == 0, result.output
    sheets = ["fase-1", "fase-2", "fase-3", "fase-4", "aspecten", "lagen"]
    assert given == [(sheets, (3,), {"poster": "A2"})]
    assert "warning: results: extra" in result.output
    folder = kit / "output" / "open"
    assert "wrote output/open/extra.txt: 1 page, 1 answers" in result.output
    assert (folder / "extra.txt").read_text(encoding="utf-8") == "Extra deel: 1 antwoord(en)"
    assert (folder / "poster-resultaten-succesfactoren-a2.pdf").is_file()
    pdf = folder / "resultaten.pdf"
    last = page_text(pdf, len(open_pdf(pdf)) - 1)
    assert "Extra deel: 1 antwoord(en)" in last and "Rangorde" not in last
    assert "Antwoorden: Kritische succesfactoren" in page_text(pdf, len(open_pdf(pdf)) - 2)


def test_results_and_its_command_name_no_kind():
    """`m.kind == "deck"` and its like in results/ or cli/results.py: a kind's part belongs
    in its results hook."""
    names = set(BUILTIN)
    files = [*(REPO / "generator" / "results").glob("*.py"), REPO / "generator/cli/results.py"]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for part in [node.left, *node.comparators]:
                    values = (
                        part.elts if isinstance(part, ast.Tuple | ast.List | ast.Set) else [part]
                    )
                    for value in values:
                        if isinstance(value, ast.Constant) and value.value in names:
                            found.append(f"{path.name}:{node.lineno} {value.value}")
    assert found == []
