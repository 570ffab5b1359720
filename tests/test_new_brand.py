"""`workshop new brand NAME [--from-tokens FILE...]`: a brand folder that builds at once,
filled from design tokens, saying what it took from where."""

from __future__ import annotations

import ctypes
import json
import re
import shutil
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest

from generator.answers import network
from generator.kit.brand_files import load_brand
from generator.kit.yamlfile import load_yaml
from generator.print.cmyk import cmyk_of
from tests.conftest import REPO, run
from tests.pdfcheck import open_pdf

TOKENS = Path(__file__).parent / "fixtures" / "tokens"


@pytest.fixture
def kit(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(network, "lan_address", lambda: "192.168.1.20")
    assert run(["new", "kit", "kit"], tmp_path).exit_code == 0
    return tmp_path / "kit"


def _use_brand(kit: Path, name: str) -> None:
    path = kit / "workshop.yaml"
    text, count = re.subn(r"(?m)^brand: neutraal\b", f"brand: {name}", path.read_text("utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")


def _fills(pdf: Path) -> set[str]:
    """'#RRGGBB' of every filled path on every page, as the content streams paint them."""
    found = set()
    for page in open_pdf(pdf):
        for obj in page.get_objects(max_depth=8):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            rgba = [ctypes.c_uint() for _ in range(4)]
            if pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba)):
                found.add("#" + "".join(f"{c.value:02X}" for c in rgba[:3]))
    return found


def test_a_new_brand_explains_every_key_and_builds_at_once(kit):
    result = run(["new", "brand", "gemeente-voorbeeld"], kit)
    assert result.exit_code == 0, result.output
    folder = kit / "assets" / "gemeente-voorbeeld"
    assert "wrote assets/gemeente-voorbeeld/brand.yaml" in result.output
    assert (folder / "logo.svg").read_text(encoding="utf-8").startswith("<svg ")
    lines = (folder / "brand.yaml").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):  # every key has a comment above or beside it
        if re.match(r"\s*[a-z]+:", line):
            assert "#" in line or lines[index - 1].lstrip().startswith("#"), line
    brand = load_brand(folder, "brand.yaml", [])
    assert brand.colours["primary"] == "#1F5A7A" and brand.fonts["bold"].name == "Lato-Bold.ttf"
    _use_brand(kit, "gemeente-voorbeeld")
    built = run(["build"], kit)
    assert built.exit_code == 0, built.output


EXAMPLE = re.compile(r"(?m)^(\s*)#(?=[a-z]+:)")  # '#key:' at the key's indentation


def test_every_optional_key_is_an_example_to_uncomment_and_then_loads(kit):
    assert run(["new", "brand", "proef"], kit).exit_code == 0
    folder = kit / "assets" / "proef"
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    examples = {m.group(0).strip() for m in re.finditer(r"(?m)^\s*#[a-z]+:", text)}
    assert examples == {
        "#organisation:",
        "#cmyk:",
        "#bolditalic:",
        "#contact:",
        "#footer:",
        "#answers:",
    }
    assert text.count("    #cmyk: [") == 9  # one under each colour
    plain = load_brand(folder, "brand.yaml", [])  # as written: valid, no optional key
    assert plain.cmyk == {} and plain.organisation == "" and "bolditalic" not in plain.fonts
    # every example at once, and the logo the comment names: an SVG
    shutil.copy(REPO / "examples" / "brands" / "voorbeeld" / "logo.svg", folder / "gemeente.svg")
    assert "write its name here instead, such as gemeente.svg or logo.png." in text
    text = EXAMPLE.sub(r"\1", text).replace("logo: logo.svg", "logo: gemeente.svg")
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    brand = load_brand(folder, "brand.yaml", [])
    assert brand.organisation == "Gemeente Voorbeeld"
    assert brand.contact.startswith("Vragen?") and brand.footer.startswith("Gemeente Voorbeeld")
    assert brand.answers == {"ja": "Eens", "twijfel": "Weet niet", "nee": "Oneens"}
    assert brand.fonts["bolditalic"].name == "Lato-BoldItalic.ttf"
    assert brand.logo.name == "gemeente.svg"
    assert set(brand.cmyk) == set(brand.colours)
    # the example values are the profile's conversion: the print stays as it was
    for role, colour in brand.colours.items():
        expected = tuple(round(v * 100) for v in cmyk_of(colour).cmyk())
        assert brand.cmyk[role] == expected, role
    assert brand.cmyk["text"] == (0, 0, 0, 89)  # black text: black ink only
    _use_brand(kit, "proef")
    built = run(["deck", "tips", "--color", "cmyk"], kit)
    assert built.exit_code == 0, built.output
    assert built.output.rstrip().endswith("ok"), built.output  # the preflight


def test_a_brand_from_tokens_has_the_examples_too(kit):
    tokens = TOKENS / "style-dictionary.json"
    assert run(["new", "brand", "t", "--from-tokens", str(tokens)], kit).exit_code == 0
    folder = kit / "assets" / "t"
    text = EXAMPLE.sub(r"\1", (folder / "brand.yaml").read_text(encoding="utf-8"))
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    brand = load_brand(folder, "brand.yaml", [])
    assert brand.colours["primary"] == "#24578F"
    assert brand.cmyk["primary"] == tuple(round(v * 100) for v in cmyk_of("#24578F").cmyk())


@pytest.mark.parametrize("name", ["../x", "a/b", ".verborgen", "met spatie", "x" * 65, "é"])
def test_a_brand_name_must_be_a_folder_name(kit, name):
    result = run(["new", "brand", name], kit)
    assert result.exit_code == 1
    assert "expected a folder name of letters, digits, - and _" in result.output
    assert not (kit / "assets").exists() or sorted(p.name for p in (kit / "assets").iterdir()) == [
        "neutraal"
    ]


def test_an_existing_brand_is_never_overwritten(kit):
    result = run(["new", "brand", "neutraal"], kit)
    assert result.exit_code == 1
    assert "assets/neutraal already exists; expected a new brand name" in result.output
    assert "Samenwerken" in (kit / "assets" / "neutraal" / "brand.yaml").read_text("utf-8")


def test_assets_as_a_file_is_said_plainly(tmp_path):
    (tmp_path / "assets").write_text("notes", encoding="utf-8")
    result = run(["new", "brand", "a"], tmp_path)
    assert result.exit_code == 1
    assert "cannot make brand 'a': assets is a file; expected a folder assets/" in result.output


def test_a_brand_from_tokens_says_what_came_from_where_and_builds_in_it(kit):
    tokens = TOKENS / "style-dictionary.json"
    result = run(["new", "brand", "voorbeeld", "--from-tokens", str(tokens)], kit)
    assert result.exit_code == 0, result.output
    said = result.output
    assert f"basis.color.accent-1.color-default -> colours.primary  #24578F  [{tokens}]" in said
    assert "voorbeeld.feedback.danger.color -> colours.nee  #BE1E2D" in said
    assert (
        "  colours.accent: kept the kit's value, as no token names it (such as "
        "basis.color.accent-3.color-default or voorbeeld.color.accent)" in said
    )
    assert "not mapped (10 colour tokens): voorbeeld.color.blue.100," in said
    assert "skipped as dark mode (print is on white): token voorbeeld.dark-mode" in said
    assert (
        "warning: font family 'Noto Sans Variable' (from basis.text.font-family.default) is "
        "not supplied as files: the brand uses the kit's font, Lato" in said
    )
    folder = kit / "assets" / "voorbeeld"
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    assert '  primary:\n    rgb: "#24578F"   # from basis.color.accent-1.color-default (st' in text
    assert '  accent:\n    rgb: "#7A3E6E"   # kit default\n' in text
    assert "# the tokens name 'Noto Sans Variable' (basis.text.font-family.default)" in text
    brand = load_brand(folder, "brand.yaml", [])
    assert brand.colours["twijfel"] == "#A65A00" and brand.colours["text"] == "#1C1F22"
    _use_brand(kit, "voorbeeld")
    built = run(["build"], kit)
    assert built.exit_code == 0, built.output
    fills = _fills(kit / "output" / "open" / "tips.pdf")
    assert "#24578F" in fills  # the card backs in the tokens' primary
    assert "#1F5A7A" not in fills  # not the kit's


def test_several_token_files_and_the_answer_colours_from_feedback(kit):
    files = [TOKENS / "tokens-studio.json", TOKENS / "built-flat.json"]
    args = ["new", "brand", "twee"] + [arg for f in files for arg in ("--from-tokens", str(f))]
    result = run(args, kit)
    assert result.exit_code == 0, result.output
    written = load_yaml(kit / "assets" / "twee" / "brand.yaml")["colours"]
    colours = {role: colour["rgb"] for role, colour in written.items()}
    # the basis layer is tried before an organisation's own names, whatever the file order
    assert colours["primary"] == "#0F5E58"
    assert (
        "not mapped (3 colour tokens): voorbeeld.color.teal.200, voorbeeld.color.teal.700, "
        "voorbeeld.color.primary;" in result.output
    )
    assert colours["text"] == "#1A1A1A" and colours["nee"] == "#B3261E"
    assert colours["ja"] == "#2E7D32"  # no success token: the kit's own
    assert "set 'dark'" in result.output


def test_a_token_file_in_the_kit_is_named_from_the_kit_folder(kit):
    (kit / "tokens").mkdir()
    (kit / "tokens" / "voorbeeld.json").write_bytes((TOKENS / "built-nested.json").read_bytes())
    result = run(["new", "brand", "vb", "--from-tokens", "tokens/voorbeeld.json"], kit)
    assert result.exit_code == 0, result.output
    text = (kit / "assets" / "vb" / "brand.yaml").read_text(encoding="utf-8")
    assert '"#1D4F91"   # from voorbeeld.color.primary (tokens/voorbeeld.json)\n' in text


def test_low_contrast_is_warned_naming_the_key(kit, tmp_path):
    light = {"org": {"color": {"primary": {"value": "#9FC5E8"}, "text": {"value": "#AAAAAA"}}}}
    path = tmp_path / "licht.json"
    path.write_text(json.dumps(light), encoding="utf-8")
    result = run(["new", "brand", "licht", "--from-tokens", str(path)], kit)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert any(
        "assets/licht/brand.yaml colours.primary: #9FC5E8 with paper-coloured text on it "
        "(#FFFFFF) has contrast 1.8"
        in w
        and "expected at least 4.5:1 (WCAG AA)" in w
        for w in warnings
    ), warnings
    assert any("colours.text: #AAAAAA with it as text on paper" in w for w in warnings)
    assert not any("colours.secondary" in w for w in warnings)


def test_unusable_tokens_are_told_with_their_path(kit, tmp_path):
    tokens = {
        "org": {
            "color": {
                "primary": {"value": "{org.color.missing}"},
                "secondary": {"value": "{org.color.accent}"},
                "accent": {"value": "{org.color.secondary}"},
                "text": {"value": "#12"},
            }
        }
    }
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(tokens), encoding="utf-8")
    result = run(["new", "brand", "kapot", "--from-tokens", str(path)], kit)
    assert result.exit_code == 0, result.output
    said = result.output
    assert f"{path} org.color.primary: cannot be used: reference {{org.color.missing}}" in said
    assert "org.color.secondary -> org.color.accent -> org.color.secondary" in said
    assert f"{path} org.color.text: cannot be used: expected a hex colour of 3, 4, 6" in said
    assert load_brand(kit / "assets" / "kapot", "brand.yaml", []).colours["text"] == "#1B1B1B"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("cut.json", '{"a": {"value": "#fff"', "cut.json:1: malformed JSON"),
        ("list.json", '[{"value": "#fff"}]', "expected a mapping of tokens at the top level"),
        ("huge.json", '{"a": "' + "x" * (10 * 1024 * 1024) + '"}', "expected at most 8,388,608"),
        ("bad.yaml", "a: [1, 2\n", "bad.yaml:2: malformed YAML"),
    ],
    ids=["truncated", "list", "10MB", "yaml"],
)
def test_a_bad_token_file_stops_with_one_message_and_writes_nothing(
    kit, tmp_path, name, content, said
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(["new", "brand", "x", "--from-tokens", str(path)], kit)
    assert result.exit_code == 1
    assert said in result.output and "Traceback" not in result.output
    assert not (kit / "assets" / "x").exists()


def test_an_alias_bomb_is_refused_through_the_cli(kit, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["new", "brand", "x", "--from-tokens", str(path)], kit)
    assert result.exit_code == 1 and "bomb.yml" in result.output
    assert not (kit / "assets" / "x").exists()
