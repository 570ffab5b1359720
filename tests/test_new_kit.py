"""A kit can live in any folder: `workshop new kit` writes one that builds at once, with
the layouts, sheets and default brand that ship inside the package."""

from __future__ import annotations

import re
import shutil

from generator.answers import network
from tests.conftest import REPO, run
from tests.pdfcheck import open_pdf, page_sizes_mm, qr_codes, squeeze


def test_a_new_kit_outside_the_repository_builds_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(network, "lan_address", lambda: "192.168.1.20")
    assert not tmp_path.is_relative_to(REPO)
    result = run(["new", "kit", "mijn-kit"], tmp_path)
    assert result.exit_code == 0, result.output
    kit = tmp_path / "mijn-kit"
    for part in ("workshop.yaml", "content/tips.yaml", "assets/neutraal/brand.yaml"):
        assert (kit / part).is_file(), part
    assert "# " in (kit / "content" / "tips.yaml").read_text(encoding="utf-8")  # commented
    assert not (kit / "layouts").exists()  # the card layouts are built in
    assert ".workshop-secret" in (kit / ".gitignore").read_text(encoding="utf-8").split()
    assert not (kit / ".workshop-secret").exists()  # each kit makes its own
    assert run(["validate"], kit).exit_code == 0
    built = run(["build"], kit)
    assert built.exit_code == 0, built.output
    # its links lead to this machine: said once, nothing else to warn about
    warnings = [line for line in built.output.splitlines() if "warning" in line]
    assert (
        len(warnings) == 1 and "answers.url: 'auto' gives http://192.168.1.20:8000" in (warnings[0])
    ), built.output
    assert "the deck then only works while this machine serves there" in warnings[0]
    assert (kit / ".workshop-secret").is_file()  # made by the first build
    pdf = kit / "output" / "open" / "tips.pdf"
    assert set(page_sizes_mm(pdf)) == {(210, 297)}
    text = open_pdf(pdf)[0].get_textpage().get_text_range()
    assert squeeze("Laat partijen kennismaken met elkaar") in squeeze(text)
    assert len(qr_codes(pdf, 0)) == 3  # the three tip cards


def test_new_kit_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(["new", "kit", "kit"], tmp_path)
    assert result.exit_code == 1
    assert "expected a new or empty folder, found a folder with files in it" in result.output
    assert (tmp_path / "kit" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_repository_kit_uses_the_built_in_brand(tmp_path):
    """The repository's own kit has no assets/: `brand: neutraal` is the built-in one."""
    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy(REPO / "workshop.yaml", kit)
    shutil.copytree(REPO / "content", kit / "content")
    listed = run(["list"], kit)
    assert re.search(r"^brand +neutraal ", listed.output, re.M), listed.output
    result = run(["deck", "vijf-vs"], kit)
    assert result.exit_code == 0, result.output


def test_every_built_in_file_is_packed_as_package_data():
    """pip installs only what pyproject's package-data names: every built-in layout,
    sheet, brand file and kit template must match one of its patterns."""
    import fnmatch
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator"]
    package = REPO / "generator"
    files = [p for p in (package / "builtin").rglob("*") if p.is_file()]
    assert len(files) >= 8
    for path in files:
        relative = path.relative_to(package)
        assert any(fnmatch.fnmatch(relative.as_posix(), p) for p in patterns), relative
