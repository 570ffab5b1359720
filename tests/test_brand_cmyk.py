"""A brand's own CMYK values win over conversion in `--color cmyk` output (issue 18 part
3 meets issue 17 part 1): every colour drawn in the RGB of a brand colour with given
CMYK, and its poster tint, is written in exactly those inks, in every kind; every other
colour still goes through the ICC profile; RGB output does not change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from reportlab.lib.colors import CMYKColor, Color, HexColor

from generator.print import cmyk
from tests.conftest import run
from tests.test_brand_assets import branded_kit, line_of, set_brand
from tests.test_cmyk import _content_operators

OPEN = Path("output") / "open"
# the example brand's given values, as the operators write them (0-100 % -> 0-1)
PRIMARY = (0.95, 0.6, 0.25, 0.25)
SECONDARY = (0.85, 0.3, 0.95, 0.3)
ACCENT = (0.1, 0.8, 1.0, 0.4)
BUILDS = (
    ("deck", "elementen"),  # primary
    ("deck", "vijf-vs"),  # secondary
    ("deck", "succesfactoren"),  # accent, and the answer cards (no CMYK given)
    ("worksheet", "fase-1"),
    ("poster", "elementen"),
)


@pytest.fixture(scope="module")
def cmyk_voorbeeld(tmp_path_factory) -> Path:
    """The kit in the example brand, one file of each kind built in CMYK."""
    kit = branded_kit(tmp_path_factory.mktemp("brand-cmyk") / "kit")
    for args in BUILDS:
        result = run([*args, "--color", "cmyk"], kit)
        assert result.exit_code == 0, result.output
        assert result.output.rstrip().endswith("ok"), result.output  # the preflight
    return kit


def _fills(path: Path, operator: bytes = b"k") -> set[tuple[float, ...]]:
    """Every CMYK colour set with `operator` (k: fill, K: stroke) on a page or a form."""
    reader = PdfReader(path)
    return {
        tuple(float(v) for v in ops) for ops, op in _content_operators(reader) if op == operator
    }


def _has(found: set[tuple[float, ...]], inks: tuple[float, ...]) -> bool:
    return any(f == pytest.approx(inks, abs=1e-4) for f in found)


def _converted(hex_colour: str) -> tuple[float, ...]:
    return cmyk.cmyk_of(hex_colour).cmyk()


@pytest.mark.parametrize(
    ("file", "inks", "role"),
    [
        ("elementen.pdf", PRIMARY, "#14527A"),
        ("vijf-vs.pdf", SECONDARY, "#2E6B3A"),
        ("succesfactoren.pdf", ACCENT, "#8A3B12"),
        ("fase-1.pdf", PRIMARY, "#14527A"),
        ("poster-elementen-a2.pdf", PRIMARY, "#14527A"),
    ],
)
def test_each_kind_prints_the_brand_s_given_cmyk_exactly(cmyk_voorbeeld, file, inks, role):
    found = _fills(cmyk_voorbeeld / OPEN / file)
    assert _has(found, inks), sorted(found)
    # the profile would print it otherwise: that conversion appears nowhere
    assert _converted(role) != pytest.approx(inks, abs=0.02)
    assert not _has(found, _converted(role)), sorted(found)


def test_the_operator_is_written_as_given(cmyk_voorbeeld):
    data = b"".join(s.get_data() for s in _streams(cmyk_voorbeeld / OPEN / "elementen.pdf"))
    assert re.search(rb"(^|\s)\.95 \.6 \.25 \.25 k\b", data)


def _streams(path: Path):
    reader = PdfReader(path)
    for page in reader.pages:
        yield page.get_contents()
        for form in page["/Resources"].get("/XObject", {}).values():
            if form.get_object().get("/Subtype") == "/Form":
                yield form.get_object()


def test_the_poster_s_tint_is_a_tenth_of_the_given_inks(cmyk_voorbeeld):
    found = _fills(cmyk_voorbeeld / OPEN / "poster-elementen-a2.pdf")
    assert _has(found, tuple(0.1 * v for v in PRIMARY)), sorted(found)


def test_colours_without_given_cmyk_still_go_through_the_profile(cmyk_voorbeeld):
    cards = _fills(cmyk_voorbeeld / OPEN / "succesfactoren.pdf")
    for answer in ("#2E7D32", "#A85300", "#B3261E"):  # ja, twijfel, nee: no cmyk given
        assert _has(cards, _converted(answer)), (answer, sorted(cards))
    sheet = _fills(cmyk_voorbeeld / OPEN / "fase-1.pdf")
    muted = _converted("#5A6670")
    assert min(muted[:3]) > 0.1 and _has(sheet, muted)  # a colour, not black ink only
    assert _has(sheet, (0, 0, 0, round(1 - 0x1A / 255, 4)))  # the text: black ink only


def test_the_svg_logo_s_brand_colour_takes_the_given_inks_too(cmyk_voorbeeld):
    """The logo draws its shield in #14527A, the primary colour: one colour on paper."""
    reader = PdfReader(cmyk_voorbeeld / OPEN / "poster-elementen-a2.pdf")
    logos = [
        stream
        for name, stream in _forms_within(reader.pages[0])
        if name.startswith("/FormXob.logo")  # print/logo.py's one form of the logo
    ]
    assert logos, "no logo form"
    data = logos[0].get_data()
    assert b".95 .6 .25 .25 k" in data
    assert b"Helvetica" not in (cmyk_voorbeeld / OPEN / "poster-elementen-a2.pdf").read_bytes()


def _forms_within(owner):
    """(name, form) of every form XObject `owner` draws, and those they draw."""
    for name, ref in owner.get("/Resources", {}).get("/XObject", {}).items():
        inner = ref.get_object()
        if inner.get("/Subtype") == "/Form":
            yield name, inner
            yield from _forms_within(inner)


def test_the_results_pdf_poster_and_worksheets_print_the_given_inks(cmyk_voorbeeld):
    from generator.answers.links import Target
    from generator.answers.store import Store, default_url

    store = Store(default_url(cmyk_voorbeeld))
    store.add(Target("open", "succesfactoren", "factor-1", 1), [("vote", "nee")])
    store.add(Target("open", "fase-1", "fase-1", 1), [("1a-ambitie", "Samen verder.")])
    store.close()
    args = ["results", "--session", "open", "--poster", "A3", "--color", "cmyk"]
    result = run(args, cmyk_voorbeeld)
    assert result.exit_code == 0, result.output
    files = [str(OPEN / name) for name in ("resultaten.pdf", POSTER, "werkbladen-ingevuld.pdf")]
    report = run(["check", *files], cmyk_voorbeeld)
    assert report.exit_code == 0, report.output
    assert report.output.count("colour: CMYK, output intent FOGRA39, PDF/X-4") == 3
    assert _has(_fills(cmyk_voorbeeld / OPEN / "werkbladen-ingevuld.pdf"), PRIMARY)
    booklet = _fills(cmyk_voorbeeld / OPEN / "resultaten.pdf")
    assert _has(booklet, PRIMARY)  # the title page's rule and headings
    assert _has(booklet, _converted("#B3261E"))  # nee: no CMYK given, converted
    poster = _fills(cmyk_voorbeeld / OPEN / POSTER)
    assert _has(poster, ACCENT) and _has(poster, tuple(0.1 * v for v in ACCENT))


POSTER = "poster-resultaten-succesfactoren-a3.pdf"


def test_rgb_output_does_not_change_with_cmyk_values(tmp_path):
    """The same brand with and without its CMYK values: the same bytes in RGB."""
    kit = branded_kit(tmp_path / "kit")
    poster = kit / OPEN / "poster-elementen-a2.pdf"
    assert run(["poster", "elementen"], kit).exit_code == 0
    with_values = poster.read_bytes()
    path = kit / "assets" / "voorbeeld" / "brand.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["colours"] = {
        k: v["rgb"] if isinstance(v, dict) else v for k, v in data["colours"].items()
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run(["poster", "elementen"], kit).exit_code == 0
    assert poster.read_bytes() == with_values
    assert _fills(poster) == set()  # no CMYK at all
    assert _has(_fills(poster, b"rg"), tuple(c / 255 for c in (0x14, 0x52, 0x7A)))


# --- the hook -------------------------------------------------------------------------


def test_the_hook_gives_given_inks_tints_and_converts_the_rest():
    inks = cmyk.Inks({"#14527a": (95, 60, 25, 25), "#2E6B3A": (85, 30, 95, 30)})
    assert inks(HexColor("#14527A")).cmyk() == pytest.approx(PRIMARY)
    assert inks("#2e6b3a").cmyk() == pytest.approx(SECONDARY)  # any spelling of it
    faded = inks(Color(0x14 / 255, 0x52 / 255, 0x7A / 255, alpha=0.5))
    assert faded.cmyk() == pytest.approx(PRIMARY) and faded.alpha == 0.5
    tint = Color(*(0.9 + 0.1 * c / 255 for c in (0x14, 0x52, 0x7A)))
    assert inks(tint).cmyk() == pytest.approx(tuple(0.1 * v for v in PRIMARY))
    assert inks("#14527B").cmyk() == _converted("#14527B")  # one step off: converted
    assert inks("#1A1A1A").cmyk() == _converted("#1A1A1A")  # black text: black ink only
    given = CMYKColor(0.1, 0.2, 0.3, 0.4)
    assert inks(given).cmyk() == (0.1, 0.2, 0.3, 0.4)
    assert type(inks(given)) is CMYKColor


def test_a_brand_colour_wins_over_another_s_tint():
    """A brand colour that happens to be another's 10 % tint keeps its own inks."""
    tint = "#" + "".join(f"{round((0.9 + 0.1 * c / 255) * 255):02X}" for c in (0x14, 0x52, 0x7A))
    inks = cmyk.Inks({"#14527A": (95, 60, 25, 25), tint: (5, 2, 0, 0)})
    assert inks(tint).cmyk() == pytest.approx((0.05, 0.02, 0, 0))


def test_a_document_without_given_inks_converts_everything():
    assert cmyk.Inks({})("#14527A").cmyk() == _converted("#14527A")


# --- one RGB value, one CMYK value ----------------------------------------------------


def test_two_roles_of_one_rgb_with_different_cmyk_are_refused(tmp_path):
    kit = branded_kit(tmp_path / "kit")
    path = kit / "assets" / "voorbeeld" / "brand.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '{rgb: "#2E6B3A", cmyk: [85, 30, 95, 30]}', '{rgb: "#14527a", cmyk: [100, 50, 0, 20]}'
    )
    path.write_text(text, encoding="utf-8")
    result = run(["deck", "elementen", "--color", "cmyk"], kit)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert (
        f"assets/voorbeeld/brand.yaml:{line_of(path, 'secondary:')} colours.secondary: "
        "#14527a is also colours.primary, with cmyk [95, 60, 25, 25] there and "
        "[100, 50, 0, 20] here; expected one cmyk for one colour"
    ) in result.output
    assert not (kit / OPEN / "elementen.pdf").exists()


def test_two_roles_of_one_rgb_may_share_cmyk_or_leave_it_to_the_other(tmp_path):
    kit = branded_kit(tmp_path / "kit")
    colours = {
        "primary": {"rgb": "#14527A", "cmyk": [95, 60, 25, 25]},
        "secondary": {"rgb": "#14527A", "cmyk": [95, 60, 25, 25]},
        "accent": "#14527A",  # no cmyk of its own: the same colour, the same inks
        "text": "#1A1A1A",
        "muted": "#5A6670",
        "paper": "#FFFFFF",
        "ja": "#2E7D32",
        "twijfel": "#A85300",
        "nee": "#B3261E",
    }
    set_brand(kit, colours=colours)
    result = run(["deck", "succesfactoren", "--color", "cmyk"], kit)  # the accent deck
    assert result.exit_code == 0, result.output
    assert _has(_fills(kit / OPEN / "succesfactoren.pdf"), PRIMARY)


def test_the_example_s_values_are_close_to_its_colours_on_the_press():
    """Each given CMYK, printed on FOGRA39, lies near the brand's RGB colour (ΔE76)."""
    for rgb, inks, most in (
        ("#14527A", PRIMARY, 3),
        ("#2E6B3A", SECONDARY, 3),
        ("#8A3B12", ACCENT, 6),
    ):
        assert _delta_e(rgb, inks) < most, rgb


def _delta_e(rgb: str, inks: tuple[float, ...]) -> float:
    """ΔE76 between the sRGB colour and the inks printed on the shipped profile's press."""
    import io

    from PIL import ImageCms

    lab = ImageCms.createProfile("LAB", 5000)
    intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
    press = ImageCms.ImageCmsProfile(io.BytesIO(cmyk.profile_bytes()))
    screen = ImageCms.createProfile("sRGB")
    printed = _lab(press, "CMYK", tuple(round(v * 255) for v in inks), lab, intent)
    wanted = _lab(screen, "RGB", tuple(int(rgb[i : i + 2], 16) for i in (1, 3, 5)), lab, intent)
    return sum((p - q) ** 2 for p, q in zip(printed, wanted, strict=True)) ** 0.5


def _lab(profile, mode: str, pixel: tuple, lab, intent) -> tuple[float, float, float]:
    from PIL import Image, ImageCms

    transform = ImageCms.buildTransform(profile, lab, mode, "LAB", renderingIntent=intent)
    light, a, b = ImageCms.applyTransform(Image.new(mode, (1, 1), pixel), transform).getpixel(
        (0, 0)
    )
    return light / 2.55, a - 128, b - 128  # Pillow's LAB: L at 0-255, a and b offset by 128
