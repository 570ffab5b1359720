"""Every kind of bad input answers with one clear message: file, line, key path, what
was expected and what was found; exit code 1; no traceback; no PDF written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "bad").iterdir() if p.is_dir())


def overlay(kit: Path, case: Path) -> list[str]:
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expect.yaml":
            target = kit / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))["fragments"]


def never_shown(case: Path) -> list[str]:
    """What the message must never show (a password, a raw control character): the
    case's `absent` in expect.yaml."""
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8")).get("absent", [])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("command", ["build", pytest.param("validate", marks=pytest.mark.slow)])
def test_bad_input_gets_a_clear_message(kit, case, command):
    fragments = overlay(kit, case)
    result = run([command], kit)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, f"{fragment!r} not in:\n{result.output}"
    for fragment in never_shown(case):
        assert fragment not in result.output, f"{fragment!r} shown in:\n{result.output}"
    assert not list((kit / "output").glob("*")) if (kit / "output").exists() else True


@pytest.mark.slow
def test_a_failed_build_leaves_the_previous_output_untouched(kit):
    assert run(["build"], kit).exit_code == 0
    before = {p: p.read_bytes() for p in (kit / "output").rglob("*") if p.is_file()}
    overlay(kit, Path(__file__).parent / "fixtures" / "bad" / "missing-key")
    result = run(["build"], kit)
    assert result.exit_code == 1
    after = {p: p.read_bytes() for p in (kit / "output").rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no partial file beside them


def test_a_failure_while_drawing_writes_no_partial_file(kit):
    """Overflow is found while drawing: the build fails after some decks were already
    rendered, and none of them may land in output/."""
    path = kit / "content" / "succesfactoren.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    factor = next(card for card in data["cards"] if card["id"] == "factor-1")
    factor["questions"] = ["Is dit een heel lange vraag? " * 40]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["build"], kit)
    assert result.exit_code == 1, result.output
    assert "card 'factor-1', box 'body': text is about" in result.output
    assert not (kit / "output").exists() or not list((kit / "output").rglob("*.pdf"))
    assert not list((kit / "output").rglob("*partial*"))


def test_missing_kit_file_is_explained(tmp_path):
    result = run(["build"], tmp_path)
    assert result.exit_code == 1
    assert "workshop.yaml: kit file not found" in result.output


def test_unknown_deck_is_explained(kit):
    result = run(["deck", "tips"], kit)
    assert result.exit_code == 1
    assert "deck 'tips' is not listed" in result.output


def test_session_with_personal_data_is_refused(kit):
    result = run(["deck", "elementen", "--session", "jan@example.org"], kit)
    assert result.exit_code == 2
    assert "no personal data" in result.output


def test_an_output_folder_that_cannot_be_written_is_explained(kit):
    (kit / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    result = run(["build", "--out", "blocked/pdfs"], kit)
    assert result.exit_code == 1
    assert "cannot write to blocked/pdfs/open: Not a directory" in result.output
