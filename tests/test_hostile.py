"""Hostile input: files that are huge, deep, corrupt, looping or not files at all, brands
that point at anything, and builds killed halfway. Each case runs the real CLI in a
child process bounded by CPU time (RLIMIT_CPU) and address space (RLIMIT_AS), not by
the wall clock, so the bounds hold on a busy machine; it must end with exit code 1 (or
the signal's code), one message naming the file and key, no traceback, the previous
output byte-identical and no temporary file left.

Cases that are only text files live in tests/fixtures/bad/ (test_bad_input.py runs them
in-process too); cases that need binary files, links or signals are made here.
"""

from __future__ import annotations

import io
import os
import re
import resource
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.test_bad_input import never_shown, overlay

BAD = Path(__file__).parent / "fixtures" / "bad"
CPU_SECONDS = 10  # CPU time of each case, start-up included (the heaviest takes about 2)
# Last resort only, for a child that waits instead of computing (a read that never
# ends): far above the CPU bound, so a busy machine never reaches it.
WALL_SECONDS = 10 * CPU_SECONDS
MEMORY = 1536 * 1024 * 1024  # address space of the child: a blow-up fails, not swaps
PREVIOUS = {
    "open/elementen.pdf": b"%PDF-1.4 the previous elementen\n",
    "open/vijf-vs.pdf": b"%PDF-1.4 the previous vijf-vs\n",
    "open/succesfactoren.pdf": b"%PDF-1.4 the previous succesfactoren\n",
}
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# fixture folders that are hostile rather than merely wrong: these also run bounded here
FIXTURES = (
    "alias-bomb",
    "merge-key-bomb",
    "deep-nesting",
    "control-character",
    "nul-byte",
    "unhashable-key",
    "mapping-as-key",
    "non-text-key",
    "null-key",
    "duplicate-key",
    "empty-file",
    "scalar-file",
    "top-level-list",
    "several-documents",
    "impossible-date",
    "integer-too-long",
    "huge-teams",
    "huge-font-size",
    "huge-box",
    "negative-size",
    "not-a-number",
    "text-too-long",
    "too-many-items",
    "package-not-a-font",
    "package-not-installed",
    "package-path-traversal",
    "package-font-not-shipped",
    "font-is-text",
    "image-is-text",
    # issue 15
    "id-is-a-list",
    "id-is-a-mapping",
    "extends-chain-too-deep",
    "form-url-of-2100-characters",
    "form-url-of-3000-bytes",
    "form-url-with-credentials",
    "answers-forward-with-credentials",
    "glyph-missing-names-its-line",
    "control-character-escaped",
    "nul-escape-in-text",
    "lone-surrogate-in-text",
    "bidi-override-in-id",
    "zero-width-space-in-id",
    "python-tag",
    "content-type-is-a-list",
    "layout-material-is-a-list",
    "kit-file-wrong-types",
    "layout-wrong-types",
    "brand-wrong-types",
)


def _limit_child() -> None:
    """In the child, before it runs the CLI: past CPU_SECONDS of CPU the kernel sends
    SIGXCPU (which kills it), a second later SIGKILL; past MEMORY an allocation fails.
    No core file: a killed child leaves nothing in the kit. Ctrl-C is Python's again: a
    suite started in the background (`pytest &`) ignores SIGINT, and so would the child."""
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit_child,
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def finish(child: subprocess.Popen, args: list[str]) -> tuple[int, str]:
    """Wait for a started child: (exit code, stdout + stderr). A child the CPU or memory
    bound stopped fails the test saying so; one still running after the wall-clock
    safety net is killed first. Its pipes are closed and it is reaped in every case."""
    command = " ".join(["workshop", *args])
    cpu = _children_cpu()
    with child:  # closes the pipes and waits, also when this fails
        try:
            out, err = child.communicate(timeout=WALL_SECONDS)
            hung = False
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
            hung = True
    used = _children_cpu() - cpu
    text = out + err
    if hung:
        pytest.fail(
            f"{command}: still running after {WALL_SECONDS} s of wall-clock time and "
            f"{used:.1f} s of CPU time, below its CPU bound of {CPU_SECONDS} s: it waits "
            f"(for a read that never ends?) or the machine is starved; killed\n{text}"
        )
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        pytest.fail(
            f"{command}: killed by {signal.Signals(-child.returncode).name} after {used:.1f} s "
            f"of CPU time: it ran into the CPU bound of {CPU_SECONDS} s (a loop or a blow-up, "
            f"where a refusal was expected)\n{text}"
        )
    if "MemoryError" in text:
        pytest.fail(
            f"{command}: ran out of its {MEMORY // 2**20} MiB address space (a blow-up, "
            f"where a refusal was expected)\n{text}"
        )
    return child.returncode, text


def run_bounded(args: list[str], cwd: Path) -> tuple[int, str]:
    return finish(start(args, cwd), args)


def seed_output(kit: Path) -> Path:
    """A previous build's output (any bytes will do: they must come through unchanged)."""
    out = kit / "output" / "open"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in PREVIOUS.items():
        (kit / "output" / name).write_bytes(data)
    return out


def output_files(kit: Path) -> dict[str, bytes]:
    out = kit / "output"
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".partial")]


def assert_refused(kit: Path, args: list[str], fragments: list[str], code: int = 1) -> str:
    seed_output(kit)
    returncode, text = run_bounded(args, kit)
    assert returncode == code, text
    assert "Traceback" not in text, text
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    assert output_files(kit) == PREVIOUS
    assert not leftovers(kit)
    return text


# --- text-file cases from tests/fixtures/bad, bounded ------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", FIXTURES)
def test_hostile_fixture_is_refused_within_bounds(kit, name):
    fragments = overlay(kit, BAD / name)
    text = assert_refused(kit, ["build"], fragments)
    for fragment in never_shown(BAD / name):
        assert fragment not in text, f"{fragment!r} shown in:\n{text}"


# --- cases made here --------------------------------------------------------------------
def _brand(kit: Path, **changes) -> None:
    path = kit / "assets" / "neutraal" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    for role, spec in changes.items():
        if role == "logo":
            text = text.replace("logo: logo.svg", f"logo: {spec}")
        else:
            old = f"package:font_lato/files/Lato-{role.capitalize()}.ttf"
            text = text.replace(old, spec)
    path.write_text(text, encoding="utf-8")


def _lato() -> bytes:
    from generator.kit.brand_files import package_font

    return package_font("font_lato/files/Lato-Regular.ttf").read_bytes()


def _png(kit: Path) -> bytes:
    """A logo as a PNG file's bytes."""
    buffer = io.BytesIO()
    Image.new("RGBA", (1000, 400), "#1F5A7A").save(buffer, "PNG")
    return buffer.getvalue()


def _raster(kit: Path) -> Path:
    """The brand's logo made a PNG (the kit's own is an SVG): the file to spoil."""
    path = kit / "assets" / "neutraal" / "logo.png"
    path.write_bytes(_png(kit))
    _brand(kit, logo="logo.png")
    return path


def _bomb_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of width x height pixels, all white, a few hundred KB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _symlink_loop(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)


def _font(role: str, make: Callable[[Path], object]) -> Callable[[Path], None]:
    """Setup: make assets/neutraal/Font.ttf with `make` and use it for `role`."""

    def setup(kit: Path) -> None:
        make(kit / "assets" / "neutraal" / "Font.ttf")
        _brand(kit, **{role: "Font.ttf"})

    return setup


def _replaced(name: str, make: Callable[[Path], object]) -> Callable[[Path], None]:
    """Setup: remove the kit's file `name` and make something else in its place."""

    def setup(kit: Path) -> None:
        (kit / name).unlink()
        make(kit / name)

    return setup


def _replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("a folder where a file should be\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None]
    fragments: tuple[str, ...]
    args: tuple[str, ...] = ("build",)
    absent: tuple[str, ...] = ()  # what the output must never show (a secret, a raw byte)


SECRET_OUTSIDE = "hunter2-geheim"


def _secret_outside(kit: Path) -> Path:
    """A YAML file beside the kit, not part of it, holding a password."""
    path = kit.parent / "secrets.yaml"
    path.write_text(f"database:\n  user: admin\n  password: {SECRET_OUTSIDE}\n", "utf-8")
    return path


def _use_layout(kit: Path, layout: str, text: str) -> None:
    """Write layouts/<layout>.yaml and print vijf-vs with it (the kit file's lines stay)."""
    (kit / "layouts" / f"{layout}.yaml").write_text(text, encoding="utf-8")
    path = kit / "workshop.yaml"
    kit_text = path.read_text(encoding="utf-8")
    path.write_text(kit_text.replace("layout: card-a6", f"layout: {layout}"), encoding="utf-8")


def _link_outside(name: str) -> Callable[[Path], None]:
    """Setup: the kit's file `name` a symbolic link to a YAML file outside the kit."""

    def setup(kit: Path) -> None:
        (kit / name).unlink()
        (kit / name).symlink_to(_secret_outside(kit))

    return setup


def _fifo(kit: Path) -> None:
    path = kit / "content" / "vijf-vs.yaml"
    path.unlink()
    os.mkfifo(path)


def _many_cards(kit: Path) -> None:
    """10,000 cards, each a line of flow YAML: 600 KB, no alias or merge key."""
    cards = "".join(
        f"  - {{id: k{i}, number: {i}, title: K, questions: [Wat, En]}}\n" for i in range(10_000)
    )
    text = f"type: deck\nsource: Bron\ntitle: Veel kaarten\ncards:\n{cards}"
    (kit / "content" / "vijf-vs.yaml").write_text(text, encoding="utf-8")


def _form_url(kit: Path, template: str) -> None:
    """The kit's QR codes carry `template` (the kit file's other lines stay)."""
    path = kit / "workshop.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "answers:\n  url: http://192.168.1.20:8000\n", f'form_url: "{template}"\n'
    )
    path.write_text(text, encoding="utf-8")


def _card_id_too_long_for_a_code(kit: Path) -> None:
    """A card id of 1,999 characters in a 900-character form_url: no QR code holds it."""
    _form_url(kit, "https://forms.example.org/" + "a" * 900 + "?deck={deck}&card={card}")
    path = kit / "content" / "vijf-vs.yaml"
    text = path.read_text(encoding="utf-8")
    long_id = "v" + "-v" * 999
    path.write_text(text.replace("  - id: verantwoordelijkheid\n", f"  - id: {long_id}\n"), "utf-8")


def _extends_chain(count: int) -> Callable[[Path], None]:
    """`count` layouts, each extending the next, the last the built-in card-a6."""

    def setup(kit: Path) -> None:
        for index in range(1, count):
            text = f"extends: chain-{index + 1}\n" if index < count - 1 else "extends: card-a6\n"
            (kit / "layouts" / f"chain-{index}.yaml").write_text(text, encoding="utf-8")
        _use_layout(kit, "chain-0", "extends: chain-1\n")

    return setup


BRAND = "assets/neutraal/brand.yaml"
CASES = [
    Case(
        "yaml-file-of-50-mb",
        lambda kit: (kit / "content" / "vijf-vs.yaml").write_bytes(
            b"title: " + b"x" * (50 * 1024 * 1024) + b"\n"
        ),
        ("content/vijf-vs.yaml: file is 52,428,808 bytes; expected at most 1,048,576",),
    ),
    Case(
        "content-file-is-a-folder",
        lambda kit: _replace_with_folder(kit / "content" / "vijf-vs.yaml"),
        ("content/vijf-vs.yaml: expected a YAML file, found a folder",),
    ),
    Case(
        "content-file-is-a-symlink-loop",
        lambda kit: _symlink_loop(kit / "content" / "vijf-vs.yaml"),
        ("content/vijf-vs.yaml: cannot be read: a symbolic link that points to itself",),
    ),
    Case(
        "kit-file-is-a-symlink-loop",
        lambda kit: _symlink_loop(kit / "workshop.yaml"),
        ("workshop.yaml: kit file not found",),
    ),
    Case(
        "brand-file-is-a-symlink-loop",
        lambda kit: _symlink_loop(kit / "assets" / "neutraal" / "brand.yaml"),
        (f"{BRAND}: cannot be read: a symbolic link that points to itself",),
    ),
    Case(
        "content-file-is-a-device",  # outside the kit: refused before it is opened
        _replaced("content/vijf-vs.yaml", lambda path: path.symlink_to("/dev/zero")),
        ("content/vijf-vs.yaml: is a symbolic link to a file outside the kit folder",),
    ),
    Case(
        "font-truncated",
        _font("regular", lambda path: path.write_bytes(_lato()[: len(_lato()) // 2])),
        (
            f"{BRAND}:16 fonts.regular: expected a TrueType font, found a file reportlab cannot "
            "embed: assets/neutraal/Font.ttf (truncated",
        ),
    ),
    Case(
        "font-header-only",
        _font("bold", lambda path: path.write_bytes(_lato()[:5000])),
        (f"{BRAND}:17 fonts.bold: expected a TrueType font, found a file reportlab cannot",),
    ),
    Case(
        "font-of-zero-bytes",
        _font("italic", lambda path: path.write_bytes(b"")),
        (
            f"{BRAND}:18 fonts.italic: expected a font file, found an empty file: "
            "assets/neutraal/Font.ttf",
        ),
    ),
    Case(
        "font-is-a-folder",
        _font("regular", Path.mkdir),
        (f"{BRAND}:16 fonts.regular: expected a font file, found a folder",),
    ),
    Case(
        "font-is-dev-zero",
        _font("bold", lambda path: path.symlink_to("/dev/zero")),
        (f"{BRAND}:17 fonts.bold: expected a font file, found a device or pipe",),
    ),
    Case(
        "font-path-outside-the-kit",
        lambda kit: _brand(kit, regular="../../../../../../dev/zero.ttf"),
        (f"{BRAND}:16 fonts.regular: font file not found: ",),
    ),
    Case(
        "font-is-a-symlink-loop",
        _font("regular", _symlink_loop),
        (f"{BRAND}:16 fonts.regular: font file cannot be read: assets/neutraal/Font.ttf",),
    ),
    Case(
        "image-truncated",
        lambda kit: _raster(kit).write_bytes(_png(kit)[: len(_png(kit)) // 2]),
        (
            f"{BRAND}:19 logo: expected a PNG or JPEG image, found an unreadable file: "
            "assets/neutraal/logo.png",
        ),
    ),
    Case(
        "image-of-zero-bytes",
        lambda kit: _raster(kit).write_bytes(b""),
        (f"{BRAND}:19 logo: expected an image file, found an empty file",),
    ),
    Case(
        "image-is-a-gif",
        lambda kit: Image.new("RGB", (40, 20)).save(_raster(kit), "GIF"),
        (f"{BRAND}:19 logo: expected a PNG or JPEG image, found a GIF image of 40 x 20",),
    ),
    Case(
        "image-decompression-bomb",
        lambda kit: _raster(kit).write_bytes(_bomb_png(30000, 30000)),
        (f"{BRAND}:19 logo: expected an image of at most 50 megapixels",),
    ),
    Case(
        "image-just-over-pillow-limit",
        lambda kit: _raster(kit).write_bytes(_bomb_png(10000, 10000)),
        (f"{BRAND}:19 logo: expected an image of at most 50 megapixels",),
    ),
    Case(
        "image-over-our-limit",
        lambda kit: _raster(kit).write_bytes(_bomb_png(8000, 8000)),
        (
            f"{BRAND}:19 logo: expected an image of at most 50 megapixels "
            "(a logo needs about 2000 pixels across), found a PNG image of 8000 x 8000 pixels",
        ),
    ),
    Case(
        "output-path-is-a-file",
        lambda kit: (kit / "blocked").write_text("a file\n", encoding="utf-8"),
        ("cannot write to blocked/pdfs/open: Not a directory",),
        ("build", "--out", "blocked/pdfs"),
    ),
    Case(
        "output-pdf-is-a-folder",
        lambda kit: _replace_with_folder(kit / "output" / "open" / "succesfactoren.pdf"),
        ("cannot write to", "succesfactoren.pdf: Is a directory"),
    ),
    # --- issue 15: each was a traceback or a silent wrong ---------------------------------
    Case(
        "extends-chain-of-1200-layouts",
        _extends_chain(1200),
        (
            "layouts/chain-1181.yaml:1 extends: 'chain-1182' and the layouts it extends are "
            "a chain of 20 already; expected at most 20 layouts in a chain",
        ),
        absent=("RecursionError", "nested more than"),
    ),
    Case(
        "extends-a-relative-path-outside-the-kit",
        lambda kit: (_secret_outside(kit), _use_layout(kit, "card-x", "extends: ../../secrets\n")),
        (
            "layouts/card-x.yaml:1 extends: expected an identifier of lowercase letters, digits "
            "and '-' (a layout's name), found text ('../../secrets')",
        ),
        absent=(SECRET_OUTSIDE, "password", "database", "secrets.yaml"),
    ),
    Case(
        "extends-an-absolute-path",
        lambda kit: _use_layout(
            kit, "card-x", f"extends: [card-a6, '{_secret_outside(kit).with_suffix('')}']\n"
        ),
        ("layouts/card-x.yaml:1 extends[1]: expected an identifier of lowercase letters",),
        absent=(SECRET_OUTSIDE, "password", "database"),  # its keys: the file was read
    ),
    Case(
        "ten-thousand-cards",
        _many_cards,
        (
            "content/vijf-vs.yaml:5 cards: expected at most 200 items, found 10,000 (too many "
            "to read: the file holds more than 100,000 values)",
        ),
        absent=("aliases", "merge keys"),
    ),
    Case(
        "answers-export-from-mysql",
        lambda kit: None,
        (
            "cannot use the answer database 'mysql://jan:***@localhost/antwoorden': expected "
            "sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE",
        ),
        ("answers", "export", "--session", "open", "--db", "mysql://jan:pw@localhost/antwoorden"),
        absent=("ModuleNotFoundError", ":pw@"),
    ),
    # --- more hostile cases: files that are not what they seem, links no code holds -----
    Case(
        "answers-export-with-a-driver-not-installed",
        lambda kit: None,
        ("cannot use the answer database 'postgresql+pg8000://jan:***@localhost/a': No module",),
        (
            "answers",
            "export",
            "--session",
            "open",
            "--db",
            "postgresql+pg8000://jan:pw@localhost/a",
        ),
        absent=("ModuleNotFoundError", ":pw@"),
    ),
    Case(
        "content-file-is-a-named-pipe",  # used to wait for a writer forever
        _fifo,
        ("content/vijf-vs.yaml: expected a YAML file, found something that is not a file",),
    ),
    Case(
        "content-file-links-outside-the-kit",
        _link_outside("content/vijf-vs.yaml"),
        (
            "content/vijf-vs.yaml: is a symbolic link to a file outside the kit folder; "
            "expected a file in the kit (copy it in)",
        ),
        absent=(SECRET_OUTSIDE, "password", "database"),
    ),
    Case(
        "layout-links-outside-the-kit",
        lambda kit: (
            _use_layout(kit, "card-x", "extends: card-a6\n"),
            _link_outside("layouts/card-x.yaml")(kit),
        ),
        ("layouts/card-x.yaml: is a symbolic link to a file outside the kit folder",),
        absent=(SECRET_OUTSIDE, "password", "database"),
    ),
    Case(
        "brand-file-links-outside-the-kit",
        _link_outside("assets/neutraal/brand.yaml"),
        (f"{BRAND}: is a symbolic link to a file outside the kit folder",),
        absent=(SECRET_OUTSIDE, "password", "database"),
    ),
    Case(
        "card-id-too-long-for-any-qr-code",
        _card_id_too_long_for_a_code,
        ("is 2,944 bytes; a QR code holds at most 2,331; shorten the URL template",),
        ("deck", "vijf-vs"),
        absent=("ValueError", "Input too long"),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_is_refused_within_bounds(kit, case):
    seed_output(kit)
    case.setup(kit)
    before = output_files(kit)
    returncode, text = run_bounded(list(case.args), kit)
    assert returncode == 1, text
    assert "Traceback" not in text, text
    for fragment in case.fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    for fragment in case.absent:
        assert fragment not in text, f"{fragment!r} shown in:\n{text}"
    assert output_files(kit) == before
    assert not leftovers(kit)


@pytest.mark.slow
@pytest.mark.skipif(AS_ROOT, reason="root reads a file whatever its permissions")
def test_unreadable_content_file_is_refused(kit):
    path = kit / "content" / "vijf-vs.yaml"
    path.chmod(0)
    assert_refused(kit, ["build"], ["content/vijf-vs.yaml: cannot be read: permission denied"])


@pytest.mark.slow
@pytest.mark.skipif(AS_ROOT, reason="root writes to a folder whatever its permissions")
def test_unwritable_output_folder_is_refused(kit):
    out = seed_output(kit)
    out.chmod(0o500)
    try:
        assert_refused(kit, ["build"], ["cannot write to", "Permission denied"])
    finally:
        out.chmod(0o700)


def test_unwritable_output_folder_is_simulated(kit, monkeypatch):
    """As root (CI containers) a read-only folder is simulated: mkdir fails."""
    from generator.print import output
    from tests.conftest import run

    seed_output(kit)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(output.Path, "mkdir", refuse)
    result = run(["build"], kit)
    assert result.exit_code == 1
    assert "cannot write to" in result.output and "Permission denied" in result.output
    assert output_files(kit) == PREVIOUS


# --- what must work ---------------------------------------------------------------------
@pytest.mark.slow
def test_a_huge_logo_is_downsampled_to_print_resolution(kit):
    """A 12000-pixel logo builds, and the PDF holds it at about 300 dpi of its box."""
    Image.new("RGB", (12000, 4000), "#1F5A7A").save(_raster(kit))
    returncode, text = run_bounded(["deck", "elementen"], kit)
    assert returncode == 0, text
    pdf = (kit / "output" / "open" / "elementen.pdf").read_bytes()
    widths = [int(w) for w in re.findall(rb"/Width (\d+)", pdf)]
    assert widths, "no image in the PDF"
    # the widest logo box is 26 mm: 307 pixels at 300 dpi
    assert max(widths) <= 320, widths
    assert len(pdf) < 1_000_000


@pytest.mark.slow
def test_a_lattice_of_layouts_each_extending_two_builds_within_bounds(kit):
    """17 levels of two layouts, each extending both of the level above: 2^17 ways up to
    the top, each layout resolved once (it used to be once per way: past the CPU bound)."""
    levels = 17
    for level in range(levels):
        above = f"[lattice-{level + 1}a, lattice-{level + 1}b]" if level < levels - 1 else "card-a6"
        for side in "ab":
            text = f"extends: {above}\ndescription: level {level}\n"
            (kit / "layouts" / f"lattice-{level}{side}.yaml").write_text(text, encoding="utf-8")
    _use_layout(kit, "lattice-top", "extends: [lattice-0a, lattice-0b]\n")
    returncode, text = run_bounded(["validate"], kit)
    assert returncode == 0, text
    returncode, text = run_bounded(["deck", "vijf-vs"], kit)
    assert returncode == 0, text


@pytest.mark.slow
def test_package_font_by_distribution_name(kit):
    _brand(kit, regular="package:font-lato/files/Lato-Regular.ttf")
    returncode, text = run_bounded(["validate"], kit)
    assert returncode == 0, text


def test_package_spec_imports_nothing(kit):
    """A brand that names any module must not run it: no browser, no import."""
    from tests.conftest import run

    _brand(
        kit,
        regular="package:antigravity/x.ttf",
        bold="package:this/x.ttf",
        italic="package:idlelib/x.ttf",
    )
    modules = {"antigravity", "this", "idlelib"}
    assert not modules & set(sys.modules)
    result = run(["validate"], kit)
    assert result.exit_code == 1
    assert "no installed package 'antigravity'" in result.output
    assert not modules & set(sys.modules)


@pytest.mark.slow
def test_stale_temporary_file_of_a_killed_build_is_removed(kit):
    out = seed_output(kit)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".elementen.pdf.{dead.pid}.partial"
    stale.write_bytes(b"%PDF half a file")
    alive = out / f".vijf-vs.pdf.{os.getppid()}.partial"  # a build still running
    alive.write_bytes(b"%PDF being written")
    returncode, text = run_bounded(["deck", "elementen"], kit)
    assert returncode == 0, text
    assert not stale.exists()
    assert alive.exists()


# --- signals ----------------------------------------------------------------------------
def _slow_kit(kit: Path) -> None:
    """Enough teams that a build of all decks takes seconds: time to interrupt it."""
    path = kit / "workshop.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["teams"] = 10
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _interrupt_after_first_file(kit: Path, signum: int) -> tuple[int, str]:
    """Start a build and signal it once the first deck is written to its temporary file,
    while the next one is being drawn."""
    child = start(["build"], kit)
    deadline = time.monotonic() + WALL_SECONDS  # a safety net: the child's CPU is bounded
    while not leftovers(kit) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if child.poll() is not None:
        returncode, text = finish(child, ["build"])  # fails here if a bound ended it
        pytest.fail(f"the build ended (exit code {returncode}) before it was interrupted\n{text}")
    if not leftovers(kit):
        with child:  # closes the pipes and reaps it
            child.kill()
            child.communicate()
        pytest.fail(f"no temporary file appeared in {WALL_SECONDS} s of wall-clock time; killed")
    child.send_signal(signum)
    return finish(child, ["build"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_an_interrupted_build_leaves_the_previous_output(kit, signum, code):
    _slow_kit(kit)
    seed_output(kit)
    returncode, text = _interrupt_after_first_file(kit, signum)
    assert returncode == code, text
    assert "Traceback" not in text, text
    assert text.strip() == "Error: interrupted; nothing was written"
    assert output_files(kit) == PREVIOUS
    assert not leftovers(kit)


@pytest.mark.slow
def test_ctrl_c_after_a_good_build_keeps_all_three_pdfs(kit):
    """A real previous build, then Ctrl-C halfway through the next: every PDF is the same."""
    returncode, text = run_bounded(["build"], kit)
    assert returncode == 0, text
    good = output_files(kit)
    assert set(PREVIOUS) <= set(good)  # the decks, among the kit's other materials
    _slow_kit(kit)
    returncode, text = _interrupt_after_first_file(kit, signal.SIGINT)
    assert returncode == 130, text
    assert output_files(kit) == good
    assert not leftovers(kit)
