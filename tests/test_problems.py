"""Problems: what goes wrong is a Problem with a kind and a severity, collected as a
build meets it; one policy decides what --strict and --allow-overflow make of it, for
decks, worksheets and posters alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli.build import options_for, with_secret
from generator.errors import (
    BuildError,
    InputError,
    Policy,
    Problem,
    ProblemKind,
    Problems,
    Severity,
)
from generator.kinds import deck as deck_kind
from generator.kit.kitfile import Material
from generator.kit.project import Project
from tests.conftest import run
from tests.pdfcheck import page_text
from tests.test_posters import add_posters

HEADING = "the deck cannot be printed as asked"


def overflow() -> Problem:
    return Problem.drawn(
        ProblemKind.OVERFLOW,
        "text is about 3 line(s) too long for the box",
        path="card 'element-5', box 'body'",
        fix="shorten the text",
    )


def collected(policy: Policy, *problems: Problem) -> Problems:
    return Problems(policy, "elementen", "content/elementen.yaml").extend(problems)


def test_text_that_does_not_fit_is_an_error_with_what_to_do():
    with pytest.raises(BuildError) as raised:
        collected(Policy(), overflow()).stop(HEADING)
    assert raised.value.message == (
        f"{HEADING}:\n  elementen: card 'element-5', box 'body': text is about 3 line(s) too "
        f"long for the box; shorten the text"
    )
    (problem,) = raised.value.problems
    assert problem.kind is ProblemKind.OVERFLOW and problem.severity is Severity.ERROR
    assert (problem.file, problem.material) == ("content/elementen.yaml", "elementen")


def test_allowed_overflow_is_a_warning_and_cut_off():
    found = Problems(Policy(allow_overflow=True), "elementen")
    assert found.overflow("card 'x', box 'body'", "text is too long", "shorten it") is True
    assert Problems(Policy()).overflow("box", "text is too long", "shorten it") is False
    assert found.stop(HEADING) == (
        "elementen: card 'x', box 'body': text is too long; printed cut off with '…' "
        "(--allow-overflow)",
    )


def test_strict_makes_every_warning_an_error_allowed_overflow_too():
    left_off = Problem.drawn(ProblemKind.LINK, "links are left off", severity=Severity.WARNING)
    with pytest.raises(BuildError) as raised:
        collected(Policy(strict=True, allow_overflow=True), overflow(), left_off).stop(HEADING)
    lines = raised.value.message.splitlines()[1:]
    assert lines == [
        "  elementen: card 'element-5', box 'body': text is about 3 line(s) too long for the "
        "box; printed cut off with '…' (--allow-overflow) (--strict)",
        "  elementen: links are left off (--strict)",
    ]


@pytest.mark.parametrize("kind", [ProblemKind.MODULE, ProblemKind.GLYPH, ProblemKind.ROOM])
def test_allow_overflow_allows_only_overflow(kind):
    problem = Problem.drawn(kind, "cannot be printed")
    assert not Policy(allow_overflow=True).cuts(problem)
    with pytest.raises(BuildError):
        collected(Policy(allow_overflow=True), problem).stop(HEADING)


def test_a_problem_under_a_key_is_collected_once_and_equal_problems_said_once():
    found = Problems(Policy(), "elementen")
    for team in range(3):
        found.add(Problem.drawn(ProblemKind.MODULE, f"url {team} too long"), once="qr")
        found.add(overflow())
    errors, warnings = found.decided()
    assert [str(e) for e in errors] == [
        "elementen: url 0 too long",
        str(collected(Policy(), overflow()).found[0]),
    ]
    assert warnings == []


def test_problems_of_input_files_stop_as_an_input_error():
    problems = [Problem("workshop.yaml", 3, "teams", "expected a number")]
    with pytest.raises(InputError, match=r"workshop\.yaml:3 teams: expected a number"):
        Problems().extend(problems).stop()
    warning = Problem("layouts/a.yaml", 2, "styles.x", "low contrast", severity=Severity.WARNING)
    assert Problems().extend([warning]).stop() == ("layouts/a.yaml:2 styles.x: low contrast",)


# --- through a build -----------------------------------------------------------------------
def long_card(kit: Path) -> None:
    path = kit / "content" / "elementen.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    card = next(c for c in data["cards"] if c["id"] == "element-5")
    card["questions"] = card["questions"] * 8
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_deck_build_reports_structured_problems(kit):
    long_card(kit)
    project = Project(kit / "workshop.yaml")
    options = with_secret(project, options_for(project), write=False)
    with pytest.raises(BuildError) as raised:
        deck_kind.build(project, Material("deck", "elementen", "card-63x88"), options, None)
    (problem,) = raised.value.problems
    assert problem.kind is ProblemKind.OVERFLOW and problem.severity is Severity.ERROR
    assert problem.material == "elementen" and problem.file == "content/elementen.yaml"
    assert problem.path == "card 'element-5', box 'body'"
    assert problem.message.startswith("text is about")


def test_a_poster_with_allowed_overflow_is_cut_off_with_a_warning(kit):
    """As on cards and worksheets: --allow-overflow no longer hides a poster's overflow."""
    add_posters(kit)
    path = kit / "content" / "tips.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][0]["text"] = ["Een heel lange tip die nergens past. " * 50]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run(["poster", "tips", "--size", "A3", "--allow-overflow"], kit)
    assert result.exit_code == 0, result.output
    expected = (  # where the text is written, then what does not fit where
        "warning: content/tips.yaml:4 items[0].text[0]: tips: item 1 ('Investeer in elkaar "
        "kennen'): text does not fit at poster's smallest size"
    )
    assert expected in result.output
    assert "printed cut off with '…' (--allow-overflow)" in result.output
    assert "…" in page_text(kit / "output" / "open" / "poster-tips-a3.pdf", 0)
    strict = run(["poster", "tips", "--size", "A3", "--allow-overflow", "--strict"], kit)
    assert strict.exit_code == 1 and "(--allow-overflow) (--strict)" in strict.output


def test_a_worksheet_style_in_the_deck_colour_prints_in_the_brands_primary(kit):
    """'deck' resolves on every kind through the one palette (a worksheet's deck colour
    is the brand's primary, as its contrast check assumes)."""
    (kit / "layouts" / "worksheet-deck.yaml").write_text(
        "extends: worksheet-a4\nstyles:\n  title: {colour: deck}\n", encoding="utf-8"
    )
    result = run(["worksheet", "aspecten", "--layout", "worksheet-deck"], kit)
    assert result.exit_code == 0, result.output
    assert (kit / "output" / "open" / "aspecten-worksheet-deck.pdf").exists()
