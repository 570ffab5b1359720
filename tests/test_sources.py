"""Content stays faithful to its sources: every non-editorial question and item must
stand word for word in the source text (../shared/seeds, present beside the repository
in the project's own checkout and CI; skipped elsewhere)."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
SOURCES = {
    "elementen": ["000_a405f9448c6455c1.txt", "001_522d86f859518b9d.txt"],
    "succesfactoren": ["004_409133b4fd9ff147.txt"],
    "vijf-vs": ["004_409133b4fd9ff147.txt"],
}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="source texts not beside the repo")


def normal(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and quote styles do not count."""
    text = re.sub(r"-\s*\n\s*", "", text)  # words broken over lines
    return re.sub(r"[^0-9a-zà-ÿ]+", "", text.lower())


def source_text(name: str) -> str:
    return "".join(normal((SEEDS / f).read_text(encoding="utf-8")) for f in SOURCES[name])


def quoted(card: dict) -> list[tuple[str, str]]:
    """(field, sentence) for every piece of a card that claims to come from the source."""
    editorial = set(card.get("editorial", []))
    pieces = []
    if card.get("kind", "question") == "question" and "title" not in editorial:
        pieces.append(("title", card["title"]))
    for field in ("text", "questions", "items"):
        if field in editorial:
            continue
        for paragraph in card.get(field, []):
            # sentences may be left out of a paragraph, never rewritten
            pieces += [(field, s) for s in re.split(r"(?<=[.?!])\s+", paragraph)]
    return pieces


@pytest.mark.parametrize("name", SOURCES)
def test_content_is_quoted_from_the_source(name):
    source = source_text(name)
    deck = yaml.safe_load((REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8"))
    pieces = [(card["id"], *piece) for card in deck["cards"] for piece in quoted(card)]
    assert len(pieces) >= 10
    for card_id, field, sentence in pieces:
        assert normal(sentence) in source, f"{card_id}.{field}: {sentence!r}"


def test_editorial_titles_are_only_the_lost_names_of_factors_8_to_12():
    deck = yaml.safe_load((REPO / "content" / "succesfactoren.yaml").read_text(encoding="utf-8"))
    editorial = [c.get("number") for c in deck["cards"] if "title" in c.get("editorial", [])]
    assert editorial == [8, 9, 10, 11, 12]
