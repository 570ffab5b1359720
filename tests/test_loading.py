"""A build loads only what it builds, and the answer server loads no drawing code.

Imports are checked in a fresh interpreter (a subprocess): this test process has long
imported everything. Work is counted, not timed: the QR encoder is called once per code,
and the hyphenation dictionary is read once, when a word is to be broken.
"""

from __future__ import annotations

import ast
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.kit.project import Project
from generator.kit.styles import TextStyle
from generator.print import qr, text
from generator.print.fonts import register
from tests.conftest import REPO, SECRET, run

DRAWING = ("reportlab", "pyphen", "zxingcpp", "PIL", "pypdf")


def loaded_after(code: str, cwd: Path, prefixes: tuple[str, ...] = DRAWING) -> list[str]:
    """The modules under `prefixes` a fresh interpreter has imported after `code`."""
    probe = (
        f"{code}\nimport sys\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(prefixes)!r} "
        f"or m.startswith({prefixes!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_importing_the_server_loads_no_drawing_code():
    assert loaded_after("import generator.server", REPO) == []


def test_the_server_of_the_default_kit_loads_no_drawing_code(kit):
    """Made for the kit, and answering a phone's card page, the style sheet and a font."""
    code = f"""
from pathlib import Path
from generator.answers.links import Target, code_for
from generator.answers.store import Store
from generator.kit.project import Project
from generator.server import create_app
from generator.server.targets import kit_forms, served_links

project = Project(Path("workshop.yaml"))
secret = {SECRET.encode()!r}
links = served_links(project, ("open",), 2, secret)
app = create_app(project, Store("sqlite://"), links, board_token="t", testing=True)
material, form = next(iter(kit_forms(project)))
client = app.test_client()
for path in ("/", "/k/" + code_for(secret, Target("open", material, form, 1)), "/style.css",
             "/font/regular.ttf"):
    assert client.get(path).status_code == 200, path
"""
    assert loaded_after(code, kit) == []


def test_help_loads_neither_the_kinds_nor_drawing_code():
    code = (
        "from generator.cli.main import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit as exc:\n    assert not exc.code"
    )
    assert loaded_after(code, REPO, (*DRAWING, "yaml", "generator.kinds.", "generator.kit")) == []


def test_a_deck_build_loads_no_other_kind_or_results(kit):
    """pypdf is loaded: the build's preflight line reads the PDF it wrote (generator/check)."""
    code = (
        "from generator.cli.main import cli\n"
        "try:\n    cli(['deck', 'elementen'])\nexcept SystemExit as exc:\n"
        "    assert not exc.code, exc.code"
    )
    others = (
        "generator.kinds.worksheet.pages",
        "generator.kinds.worksheet.fields",
        "generator.kinds.poster.page",
        "generator.results",
    )
    assert loaded_after(code, kit, others) == []
    assert (kit / "output" / "open" / "elementen.pdf").is_file()


def test_a_deck_build_encodes_each_qr_code_once(kit, monkeypatch):
    """240 codes for 20 teams of the element deck: 240 encodings, none to try levels."""
    encoded = []
    encode = qr._encode
    monkeypatch.setattr(
        qr, "_encode", lambda data, level: encoded.append(data) or encode(data, level)
    )
    result = run(["deck", "elementen", "--teams", "20"], kit)
    assert result.exit_code == 0, result.output
    cards = yaml.safe_load((kit / "content" / "elementen.yaml").read_text(encoding="utf-8"))
    answerable = [c for c in cards["cards"] if c.get("kind", "question") == "question"]
    assert len(encoded) == len(set(encoded)) == 20 * len(answerable) == 240


def _searched(data: str) -> qr.Code:
    """The code as found by trying levels on data of the same shape (qr._level)."""
    return qr._encode(data, qr._level(qr._shape(data)))


@pytest.mark.parametrize(
    "alphabet",
    [
        string.digits,
        string.digits * 3 + string.ascii_uppercase + "/:.",  # digit runs in an alphanumeric text
        string.digits + string.ascii_uppercase + " $%*+-./:",
        string.ascii_letters + string.digits * 2 + "/:.?=&",  # a form URL: byte mode
    ],
    ids=["numeric", "digit-runs", "alphanumeric", "byte"],
)
def test_the_planned_version_and_level_are_those_found_by_trying(alphabet):
    """The plan from the bits is the encoder's own version, at the strongest level that
    keeps it, for every length up to version 10 and beyond."""
    rng = random.Random(alphabet)
    for length in [*range(1, 160), *range(160, 1200, 97)]:
        data = "".join(rng.choice(alphabet) for _ in range(length))
        version, level = qr.plan(data)
        code = qr._encode(data, level)
        assert (code.version, code.level) == (version, level), data
        assert code == _searched(data), data


def test_text_outside_ascii_is_encoded_by_trying_levels():
    data = "HTTPS://ANTWOORD.EXAMPLE/É/7F3KQ2AB"
    assert qr.plan(data) is None
    assert qr.encode(data) == _searched(data)


@pytest.fixture
def fonts():
    project = Project(REPO / "workshop.yaml")
    return register(project.brand(project.kit().brand))


def test_the_hyphenation_dictionary_is_read_once_and_only_to_break_a_word(fonts, monkeypatch):
    import pyphen
    from reportlab.lib.colors import black

    made = []
    real = pyphen.Pyphen
    monkeypatch.setattr(pyphen, "Pyphen", lambda **kw: made.append(kw) or real(**kw))
    style = TextStyle("regular", 10, 6, 1.25, "text", "left")
    text.hyphenator.cache_clear()
    text.fit.cache_clear()  # no text fitted before this test is fitted from memory
    try:
        fitted = text.fit([text.Block("Samenwerking")], style, black, fonts, 200, 100)
        assert fitted.fits and made == []  # one word on one line: nothing to break
        long = "Samenwerkingsverbanden tussen welzijnsorganisaties en gemeenten"
        for width in (60, 70, 80):
            text.fit([text.Block(long)], style, black, fonts, width, 1000)
        assert len(made) == 1
    finally:
        text.hyphenator.cache_clear()


# --- YAML: libyaml where it is safe, with the same values, marks and messages ---------

YAML_FILES = sorted(
    {
        REPO / "workshop.yaml",
        *REPO.glob("content/*.yaml"),
        *REPO.glob("layouts/**/*.yaml"),
        *REPO.glob("generator/builtin/**/*.yaml"),
        *REPO.glob("tests/fixtures/**/*.yaml"),
    }
)
TRICKY_YAML = {
    "deep": "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)) + "  " * 60 + "x\n",
    "deep-flow": "[" * 60 + "]" * 60,
    "just-deep-enough": "[" * 49 + "1" + "]" * 49,
    "alias-to-itself": "a: &a [1, *a]\n",
    "laughs": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(5)
    ),
    "merge": "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n",
    "duplicate": "title: a\ntitle: b\n",
    "tab": "a:\n\tb: 1\n",
    "tab-value": "a:\t1\n",  # libyaml takes it, PyYAML does not
    "crlf": "a: 1\r\nb: [x, y]\r\n",
    "next-line": "a: 1\x85b: 2\n",
    "flow-colon": "{a:1, b: 2}\n",
    "literal": "a: |\n  line1\n  line2\nb: >\n  folded\n  text\n",
    "escapes": 'a: "\\x41\\u00e9\\U0001F600\\t"\n',
    "yaml-1.2": "%YAML 1.2\n---\na: 1\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "undefined-alias": "a: *nowhere\n",
    "booleans": "a: yes\nb: on\nc: true\nd: Nee\n",
    "bad-date": "a: 2024-02-30\n",
    "key-list": "? [a, b]\n: c\n",
    "unclosed": "a: [1, 2\n",
    "control": "a: b\x07\n",
    "indent": "a:\n  b: 1\n c: 2\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "bom": "\ufeffa: 1\n",
    "scalar": "just text\n",
}


def _read_back(path: Path):
    """What load_yaml gives, with every mark, or the problems it reports."""
    from generator.errors import InputError
    from generator.kit.yamlfile import MarkedDict, MarkedList, load_yaml

    def marked(value):
        if isinstance(value, MarkedDict):
            inner = {k: marked(v) for k, v in value.items()}
            return ("dict", value.mark, dict(value.marks), inner)
        if isinstance(value, MarkedList):
            return ("list", value.mark, list(value.marks), [marked(v) for v in value])
        return (type(value).__name__, value)

    try:
        return marked(load_yaml(path, path.name))
    except InputError as exc:
        return [str(p) for p in exc.problems]


@pytest.mark.parametrize("name", sorted(TRICKY_YAML))
def test_libyaml_and_python_read_tricky_yaml_alike(name, tmp_path, monkeypatch):
    from generator.kit import yamlfile

    path = tmp_path / f"{name}.yaml"
    path.write_text(TRICKY_YAML[name], encoding="utf-8")
    fast = _read_back(path)
    monkeypatch.setattr(yamlfile, "CParser", None)
    assert fast == _read_back(path)


def test_libyaml_and_python_read_every_yaml_file_alike(monkeypatch):
    from generator.kit import yamlfile

    assert yamlfile.CParser is not None, "PyYAML without libyaml: the fast path is not tested"
    kit_files = [p for p in YAML_FILES if "fixtures" not in p.parts]
    assert all(yamlfile._c_node(p.read_text(encoding="utf-8")) for p in kit_files)
    fast = {path: _read_back(path) for path in YAML_FILES}
    monkeypatch.setattr(yamlfile, "CParser", None)
    assert fast == {path: _read_back(path) for path in YAML_FILES}
    assert len(YAML_FILES) > 40


def test_the_same_text_in_the_same_box_is_fitted_once(fonts, monkeypatch):
    """A team's label on each of its cards is set once; each caller gets its own Fitted."""
    from reportlab.lib.colors import black

    sizes = []
    at = text._Layout.at
    monkeypatch.setattr(text._Layout, "at", lambda self, size: sizes.append(size) or at(self, size))
    style = TextStyle("regular", 9, 6, 1.25, "text", "left")
    label = [text.Block("Team 7 · 2026-12-noord, een label dat moet krimpen")]
    text.fit.cache_clear()
    first = text.fit(label, style, black, fonts, 80, 30)
    tried = len(sizes)
    second = text.fit(list(label), style, black, fonts, 80, 30)
    assert tried > 1 and len(sizes) == tried
    assert second is not first and (second.size, second.height) == (first.size, first.height)
    first.fits = not first.fits  # a caller marks its own copy (as overflow.cut does)
    assert text.fit(label, style, black, fonts, 80, 30).fits == second.fits
    text.fit(label, style, black, fonts, 81, 30)  # another box: fitted anew
    assert len(sizes) > tried
