import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.__main__ import cli

REPO = Path(__file__).resolve().parent.parent
BUILTIN = REPO / "generator" / "builtin" / "layouts"
BUILTIN_BRAND = REPO / "generator" / "builtin" / "brands" / "neutraal"
KIT_PARTS = ("workshop.yaml", "content", "layouts")


def copy_kit(target: Path) -> Path:
    """A copy of the repository's kit, to change or build without touching the repo, with
    the default brand in assets/neutraal/ as `workshop new kit` writes it (so a test can
    change the brand's files)."""
    target.mkdir(parents=True)
    for part in KIT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    shutil.copytree(BUILTIN_BRAND, target / "assets" / "neutraal")
    return target


def edit_kit(kit: Path, **changes) -> None:
    """Set keys of the kit file of a copied kit."""
    path = kit / "workshop.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def run(args: list[str], cwd: Path):
    """Run the CLI in `cwd` as a user would. An unexpected exception propagates and
    fails the test: users must never see a traceback."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def kit(tmp_path) -> Path:
    return copy_kit(tmp_path / "kit")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default kit built once, with two teams so QR codes must differ per team."""
    root = copy_kit(tmp_path_factory.mktemp("built") / "kit")
    edit_kit(root, teams=2, participants=4)
    result = run(["build"], root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower(), result.output
    return root
