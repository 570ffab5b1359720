"""Design-token files read, resolved and mapped onto a brand (generator/kit/tokens*.py),
on fixtures written in each shape municipalities publish (tests/fixtures/tokens/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.kit.tokens import MAX_HOPS, Token, TokenError, TokenTable, read_tokens
from generator.kit.tokens_colour import ColourError, parse_colour
from generator.kit.tokens_map import map_tokens

TOKENS = Path(__file__).parent / "fixtures" / "tokens"


# --- colours -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "expected", "alpha"),
    [
        ("#abc", "#AABBCC", None),
        ("#1f5a7a", "#1F5A7A", None),
        ("  #1F5A7A ", "#1F5A7A", None),
        ("#000f", "#000000", None),  # 4 digits, opaque
        ("#0008", "#777777", 0x88 / 255),  # 4 digits, alpha: black mixed onto white
        ("#1F5A7A80", "#8FACBC", 0x80 / 255),
        ("rgb(10, 20, 30)", "#0A141E", None),
        ("rgb(10 20 30)", "#0A141E", None),
        ("rgba(10, 20, 30, 0.5)", "#858A8F", 0.5),
        ("rgb(10 20 30 / 50%)", "#858A8F", 0.5),
        ("RGB(100% 0% 0%)", "#FF0000", None),
        ("hsl(211 60% 35%)", "#24578F", None),
        ("hsl(211, 60%, 35%)", "#24578F", None),
        ("hsl(211deg 60% 35%)", "#24578F", None),
        ("hsl(0.5turn 100% 25%)", "#008080", None),
        ("hsla(0, 100%, 50%, 1)", "#FF0000", None),
        ("hsl(120 100% 25% / 0.5)", "#80BF80", 0.5),
        ("rebeccapurple", "#663399", None),
        ("White", "#FFFFFF", None),
    ],
)
def test_every_colour_syntax_becomes_rrggbb(written, expected, alpha):
    colour = parse_colour(written)
    assert colour.hex == expected
    assert colour.alpha == (pytest.approx(alpha) if alpha else None)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("#12", "expected a hex colour of 3, 4, 6 or 8 digits after '#', found '#12'"),
        ("#12345", "3, 4, 6 or 8 digits"),
        ("#ggg", "found '#ggg'"),
        ("rgb(1, 2)", "expected rgb() with 3 numbers and an optional alpha"),
        ("rgb(a b c)", "found 'rgb(a b c)'"),
        ("rgba(1, 2, 3, 4, 5)", "expected rgba() with 3 numbers"),
        ("hsl(10%, 20%, 30%)", "expected the hue of hsl() in degrees"),
        ("hsl(10, 20, 30)", "expected saturation and lightness as percentages"),
        ("transparent", "expected a colour to print, found 'transparent'"),
        ("blauw", "expected a CSS colour: #RGB, #RRGGBB"),
        ("", "found ''"),
        (12, "found int 12"),
        (None, "found NoneType None"),
    ],
)
def test_a_bad_colour_says_what_was_expected_and_found(written, said):
    with pytest.raises(ColourError) as caught:
        parse_colour(written)
    assert said in str(caught.value)


# --- references --------------------------------------------------------------------------
def _table(values: dict[str, object]) -> TokenTable:
    table = TokenTable()
    for path, value in values.items():
        table.tokens[path] = Token(path, value, "t.json")
    return table


def test_references_resolve_whole_and_inside_a_value():
    table = _table(
        {
            "a.blue": "#123456",
            "a.primary": "{a.blue}",
            "a.button": "{a.primary}",
            "a.font": "Noto Sans",
            "a.family": "{a.font}, Arial, sans-serif",
        }
    )
    assert table.resolve(table.tokens["a.button"]) == "#123456"
    assert table.resolve(table.tokens["a.family"]) == "Noto Sans, Arial, sans-serif"


def test_a_cycle_is_named_in_order():
    table = _table({"a.one": "{a.two}", "a.two": "{a.three}", "a.three": "{a.one}"})
    with pytest.raises(TokenError, match=r"cycle: a\.one -> a\.two -> a\.three -> a\.one"):
        table.resolve(table.tokens["a.one"])
    itself = _table({"a.self": "x {a.self}"})
    with pytest.raises(TokenError, match=r"cycle: a\.self -> a\.self"):
        itself.resolve(itself.tokens["a.self"])


def test_a_chain_deeper_than_the_limit_is_refused():
    chain = {f"a.t{i}": f"{{a.t{i + 1}}}" for i in range(MAX_HOPS + 5)}
    chain[f"a.t{MAX_HOPS + 5}"] = "#FFFFFF"
    table = _table(chain)
    with pytest.raises(TokenError, match=f"more than {MAX_HOPS} deep"):
        table.resolve(table.tokens["a.t0"])
    short = _table({**{f"a.t{i}": f"{{a.t{i + 1}}}" for i in range(5)}, "a.t5": "#FFFFFF"})
    assert short.resolve(short.tokens["a.t0"]) == "#FFFFFF"


def test_an_unresolved_reference_names_what_it_looked_for():
    table = _table({"a.primary": "{a.blue.500}"})
    with pytest.raises(TokenError, match=r"reference \{a\.blue\.500\} names no token"):
        table.resolve(table.tokens["a.primary"])


# --- the shapes of token files -----------------------------------------------------------
def _mapped(*names: str):
    table = read_tokens([TOKENS / name for name in names])
    return table, map_tokens(table)


def _values(mapping) -> dict[str, tuple[str, str]]:
    return {key: (t.value, t.token.path) for key, t in mapping.taken.items()}


def test_style_dictionary_source_maps_the_basis_layer_and_feedback():
    table, mapping = _mapped("style-dictionary.json")
    assert mapping.org == "voorbeeld"
    values = _values(mapping)
    # hsl with spaces, through two references
    assert values["colours.primary"] == ("#24578F", "basis.color.accent-1.color-default")
    assert values["colours.text"] == ("#1C1F22", "basis.color.default.color-document")
    assert values["colours.muted"] == ("#5B6570", "basis.color.default.color-subtle")
    assert values["colours.paper"] == ("#FFFFFF", "basis.color.default.bg-document")
    assert values["colours.ja"] == ("#1E6E3C", "voorbeeld.feedback.success.color")
    assert values["colours.twijfel"] == ("#A65A00", "voorbeeld.feedback.warning.color")
    assert values["colours.nee"] == ("#BE1E2D", "voorbeeld.feedback.danger.color")
    assert values["font"] == ("Noto Sans Variable", "basis.text.font-family.default")
    # no semantic secondary: the palette's next family not used yet, its legible shade
    assert values["colours.secondary"] == ("#6B2C75", "voorbeeld.color.purple.500")
    assert "colours.accent" not in values
    # the comment beside a value is kept; the dark-mode group is left out
    assert table.tokens["voorbeeld.color.blue.500"].note.startswith("huisstijlblauw")
    assert not any("dark" in path for path in table.tokens)
    assert table.dark == [
        f"token voorbeeld.dark-mode.document.color ({TOKENS}/style-dictionary.json)"
    ]
    assert "voorbeeld.color.blue.100" in {t.path for t in mapping.unused}
    assert mapping.other == 1  # the spacing token


def test_w3c_tokens_with_dollar_value_alpha_and_an_embedded_reference():
    _, mapping = _mapped("w3c.tokens.json")
    values = _values(mapping)
    assert values["colours.primary"] == ("#7A4E00", "voorbeeld.color.primary")
    assert values["colours.secondary"] == ("#145A6E", "voorbeeld.color.secondary")
    accent = mapping.taken["colours.accent"]
    assert accent.value == "#7E5598" and "alpha 0.80: mixed onto white paper" in accent.how
    assert values["font"] == ("Source Sans 3", "voorbeeld.font.family")
    assert values["colours.ja"][1] == "basis.color.positive.color-default"
    assert values["colours.twijfel"] == ("#A35200", "basis.color.warning.color-default")
    assert "colours.nee" not in values  # its reference names no token: reported
    (token, why), *_ = mapping.failed
    assert token.path == "basis.color.negative.color-default"
    assert "reference {voorbeeld.color.red} names no token" in why


def test_built_files_use_their_resolved_value_and_own_path():
    table, mapping = _mapped("built-nested.json")
    assert _values(mapping)["colours.primary"] == ("#1D4F91", "voorbeeld.color.primary")
    assert _values(mapping)["colours.text"] == ("#222222", "voorbeeld.document.color")
    assert table.tokens["voorbeeld.document.color"].note == "body text"
    assert not any(p.startswith(("voorbeeld.color.primary.", "original")) for p in table.tokens)
    flat, mapping = _mapped("built-flat.json")
    values = _values(mapping)
    assert values["colours.primary"] == ("#8B1E3F", "voorbeeld.color.primary")
    assert values["colours.secondary"] == ("#275D38", "voorbeeld.color.secondary")
    assert values["colours.nee"] == ("#B3261E", "voorbeeld.feedback.danger.color")
    # a flat key names its token too, so a reference may use either
    assert flat.tokens["voorbeeld-color-primary"] is flat.tokens["voorbeeld.color.primary"]


def test_tokens_studio_sets_without_the_dark_set():
    table, mapping = _mapped("tokens-studio.json")
    values = _values(mapping)
    assert values["colours.primary"] == ("#0F5E58", "basis.color.accent-1.color-default")
    assert values["colours.text"] == ("#1A1A1A", "basis.color.default.color-document")
    assert any("set 'dark'" in said for said in table.dark)
    assert "#7FD1C9" not in {t.value for t in table.tokens.values()}


def test_yaml_tokens_with_named_colours():
    _, mapping = _mapped("tokens.yaml")
    values = _values(mapping)
    assert values["colours.primary"] == ("#0D5173", "voorbeeld.color.primary")
    assert values["colours.secondary"] == ("#556B2F", "voorbeeld.color.secondary")


def test_later_files_override_and_no_answer_colour_is_guessed(tmp_path):
    later = tmp_path / "later.json"
    later.write_text(json.dumps({"voorbeeld": {"color": {"primary": {"value": "#000080"}}}}))
    _, mapping = _mapped("built-flat.json", str(later))
    assert mapping.taken["colours.primary"].value == "#000080"
    palette = tmp_path / "palette.json"
    shades = {"red": {"500": {"value": "#C00000"}}, "green": {"500": {"value": "#006000"}}}
    palette.write_text(json.dumps({"org": {"color": shades}}))
    _, mapping = _mapped(str(palette))
    assert {"colours.ja", "colours.nee"}.isdisjoint(mapping.taken)  # a red is not "nee"
    assert mapping.taken["colours.primary"].token.path == "org.color.red.500"


def test_a_dark_shade_name_is_a_colour_not_a_dark_mode(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"org": {"color": {"blue-dark": {"value": "#002060"}}}}))
    table = read_tokens([path])
    assert "org.color.blue-dark" in table.tokens and not table.dark
    dark_file = tmp_path / "tokens-dark.json"
    dark_file.write_text(path.read_text())
    assert not read_tokens([dark_file]).tokens
    scheme = tmp_path / "scheme.json"
    leaf = {"value": "#EEEEEE", "attributes": {"color-scheme": "dark"}}
    scheme.write_text(json.dumps({"org": {"color": {"text": leaf}}}))
    assert not read_tokens([scheme]).tokens


# --- bad files ---------------------------------------------------------------------------
def _refused(tmp_path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        read_tokens([path])
    return str(caught.value)


def test_bad_token_files_are_refused_with_file_and_line(tmp_path):
    said = _refused(tmp_path, "cut.json", '{\n  "a": {\n    "value": "#fff"\n')
    assert "cut.json:4: malformed JSON" in said
    said = _refused(tmp_path, "list.json", "[1, 2]")
    assert "list.json: expected a mapping of tokens at the top level, found a list" in said
    said = _refused(tmp_path, "c.json", '{\n  // kleuren\n  "a": {"value": "#fff"}\n}')
    assert "c.json:2: malformed JSON" in said and "comments (// or /* */) are not JSON" in said
    said = _refused(tmp_path, "latin.json", '{"a": "caf\xe9"}'.encode("latin-1"))
    assert "latin.json: not UTF-8 text" in said
    said = _refused(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    assert "deep.json: malformed JSON: nested too deep" in said
    said = _refused(tmp_path, "empty.yaml", "# nothing\n")
    assert "empty.yaml: expected a mapping of tokens at the top level, found nothing" in said
    with pytest.raises(InputError, match=r"missing\.json: token file not found"):
        read_tokens([tmp_path / "missing.json"])


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    said = _refused(tmp_path, "huge.json", '{"a": "' + "x" * (10 * 1024 * 1024) + '"}')
    assert "huge.json: file is 10,485,769 bytes; expected at most 8,388,608 (8 MiB)" in said


def test_an_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    said = _refused(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    assert "bomb.yaml" in said and "100,000" in said


def test_flat_dash_keys_without_path_find_the_organisation_and_its_palette(tmp_path):
    """The json/flat format: every key a name with dashes, every value the value."""
    path = tmp_path / "flat.json"
    flat = {
        "voorbeeld-color-wine-300": "#E5A5B5",
        "voorbeeld-color-wine-700": "#7A1B36",
        "voorbeeld-color-grey-700": "#505A63",
        "voorbeeld-feedback-success-color": "#1E6E3C",
        "voorbeeld-space-md": "16px",
        "basis-color-default-color-document": "#111111",
    }
    path.write_text(json.dumps(flat), encoding="utf-8")
    _, mapping = _mapped(str(path))
    assert mapping.org == "voorbeeld"
    values = _values(mapping)
    assert values["colours.primary"] == ("#7A1B36", "voorbeeld-color-wine-700")
    assert values["colours.muted"] == ("#505A63", "voorbeeld-color-grey-700")
    assert values["colours.text"] == ("#111111", "basis-color-default-color-document")
    assert values["colours.ja"] == ("#1E6E3C", "voorbeeld-feedback-success-color")


def test_a_typography_token_gives_its_font_family(tmp_path):
    path = tmp_path / "type.tokens.json"
    body = {"$type": "typography", "$value": {"fontFamily": "'Fira Sans', serif", "fontSize": 16}}
    path.write_text(json.dumps({"org": {"typography": {"body": body}}}), encoding="utf-8")
    _, mapping = _mapped(str(path))
    assert _values(mapping)["font"] == ("Fira Sans", "org.typography.body")
    studio = tmp_path / "studio.json"
    sets = {"global": {"fontFamilies": {"body": {"value": "Open Sans", "type": "fontFamilies"}}}}
    studio.write_text(json.dumps({**sets, "$metadata": {"tokenSetOrder": ["global"]}}))
    _, mapping = _mapped(str(studio))
    assert _values(mapping)["font"] == ("Open Sans", "fontFamilies.body")
    empty = tmp_path / "empty-family.json"
    empty.write_text(json.dumps({"org": {"font-family": {"value": " , sans"}}}))
    assert "font" not in _mapped(str(empty))[1].taken


def test_references_that_multiply_are_bounded_and_followed_once():
    table = _table(
        {
            "a.d": "x" * 100,
            "a.c": "{a.d}" * 50,
            "a.b": "{a.c}" * 50,
            "a.top": "{a.b}" * 50,
        }
    )
    with pytest.raises(TokenError, match="references make a value of more than 10,000 char"):
        table.resolve(table.tokens["a.top"])
    wide = _table({"a.e": "", **{f"a.e{i}": f"{{a.e{i - 1}}}" for i in range(1, 20)}})
    wide.tokens["a.e0"] = wide.tokens["a.e"]
    wide.tokens["a.many"] = Token("a.many", "{a.e19}" * 200_000, "t.json")
    assert wide.resolve(wide.tokens["a.many"]) == ""  # each hop followed once, not 200,000 times
