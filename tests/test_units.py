import pytest

from generator.kit.units import MM, UnitError, parse_length


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("63mm", 63 * MM),
        ("6.3cm", 63 * MM),
        ("9pt", 9.0),
        ("0.25in", 18.0),
        (" 2 mm ", 2 * MM),
        (0, 0.0),
    ],
)
def test_lengths_become_points(text, points):
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize("text", ["63", "63 px", "mm", "", "1,5mm", True, 12, None, [1]])
def test_bad_lengths_are_refused(text):
    with pytest.raises(UnitError, match="63mm"):
        parse_length(text)
