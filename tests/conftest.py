import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.answers.links import PATH, Links, Target, load_secret
from generator.cli.main import cli

# Reproducible builds: the PDFs' creation date is this time, so the same input gives
# the same bytes (a test that wants the real time removes it).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01 00:00 UTC

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


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ (page text and page pictures) from the default build",
    )


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    """Whether to rewrite the golden files instead of comparing with them
    (`pytest tests/test_golden.py --update-goldens`; WORKSHOP_REGEN_GOLDEN=1, the older
    spelling, does the same)."""
    option = request.config.getoption("--update-goldens")
    return bool(option or os.environ.get("WORKSHOP_REGEN_GOLDEN"))


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
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        if content.get("type") != "deck":
            continue
        cards = content["cards"]
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


CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's network is closed: no lookups
    "--disable-component-update",
    "--disable-sync",
    "--window-size=390,844",  # a phone
)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian chromium driven by Selenium, at phone size. Skipped with a reason
    where chromium or chromium-driver is absent; CI (WORKSHOP_REQUIRE_BROWSER=1) fails."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        reason = (
            "browser tests need Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver); .ci/run installs them"
        )
        if os.environ.get("WORKSHOP_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    # its profile in the suite's temporary folder: apart per suite, removed by pytest
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path_factory.getbasetemp())
    options.add_argument(f"--user-data-dir={profile}")
    session = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver))
    yield session
    session.quit()


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


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Path:
    """The output folder of the default kit built once as `workshop build` builds it (one
    team, the fixed answer URL and secret above): what the golden files show."""
    root = copy_kit(tmp_path_factory.mktemp("golden") / "kit")
    result = run(["build"], root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, "the default kit must build without warnings"
    return root / "output" / "open"


# --- answer databases: the same store tests on SQLite and on a real PostgreSQL ----------


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A PostgreSQL server from the pgserver wheel (no system package), for the session;
    its URL for SQLAlchemy. Skipped only if the wheel cannot start a server here."""
    import warnings

    pgserver = pytest.importorskip("pgserver", reason="pgserver (test extra) not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        try:
            server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
        except Exception as exc:  # a server that cannot start says why in its own way
            pytest.skip(f"pgserver could not start PostgreSQL here: {exc}")
    uri = server.get_uri()
    yield uri.replace("postgresql://", "postgresql+psycopg://", 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server.cleanup()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty answer database: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'answers.sqlite3'}"
    import uuid

    import sqlalchemy

    base = request.getfixturevalue("postgres")
    name = f"t{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    url = sqlalchemy.engine.make_url(base).set(database=name)
    return url.render_as_string(hide_password=False)
