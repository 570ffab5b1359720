import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.__main__ import cli
from generator.links import PATH, Links, Target, load_secret

REPO = Path(__file__).resolve().parent.parent
BUILTIN = REPO / "generator" / "builtin" / "layouts"
BUILTIN_BRAND = REPO / "generator" / "builtin" / "brands" / "neutraal"
KIT_PARTS = ("workshop.yaml", "content", "layouts")
# Fixed for tests and goldens: the repository kit says `url: auto` (this machine's
# address) and makes a random secret on its first build.
ANSWERS_URL = "http://192.168.1.20:8000"
SECRET = "0123456789abcdef" * 4
FORM_URL = (
    "https://forms.example.org/antwoord?deck={deck}&card={card}&team={team}&session={session}"
)


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
    kit_file = target / "workshop.yaml"
    text = kit_file.read_text(encoding="utf-8")
    assert "  url: auto\n" in text  # replaced in place, so line numbers stay as in the repo
    kit_file.write_text(text.replace("  url: auto\n", f"  url: {ANSWERS_URL}\n"), encoding="utf-8")
    (target / ".workshop-secret").write_text(SECRET + "\n", encoding="ascii")
    return target


def edit_kit(kit: Path, **changes) -> None:
    """Set keys of the kit file of a copied kit."""
    path = kit / "workshop.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def use_form_url(kit: Path, template: str = FORM_URL) -> None:
    """Make a copied kit put its form_url into the QR codes, as kits did before answers."""
    path = kit / "workshop.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("answers", None)
    data["form_url"] = template
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def kit_links(kit: Path, teams: int, session: str = "open") -> Links:
    """Every short link the kit's decks can print, to resolve a decoded QR code with."""
    targets = []
    for path in sorted((kit / "content").glob("*.yaml")):
        cards = yaml.safe_load(path.read_text(encoding="utf-8"))["cards"]
        questions = [c["id"] for c in cards if c.get("kind", "question") == "question"]
        targets += [
            Target(session, path.stem, card, team)
            for card in questions
            for team in range(1, teams + 1)
        ]
    return Links(load_secret(kit), targets)


def resolve(links: Links, decoded: str) -> Target:
    """The card a decoded QR code leads to; it must be a short link under the kit's URL."""
    prefix = f"{ANSWERS_URL}{PATH}".upper()
    assert decoded.startswith(prefix), decoded
    target = links.resolve(decoded[len(prefix) :])
    assert target is not None, decoded
    return target


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
