"""The few fixed words the tool prints itself, per language, and the language's
hyphenation dictionary and PDF language tag. Content is written in its own language;
only these follow the kit's (or the deck's) `language`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    source: str  # before the citation on a cover: "Bron: ..."
    team: str  # on a card front when there is more than one team: "Team 2"
    hyphenation: str  # pyphen dictionary
    tag: str  # BCP 47 tag for the PDF's /Lang
    scale_check: str  # beside the 50 mm bar that shows whether the sheet printed at 100 %


LANGUAGES: dict[str, Words] = {
    "nl": Words(
        source="Bron",
        team="Team",
        hyphenation="nl_NL",
        tag="nl-NL",
        scale_check="Deze balk is 50 mm. Korter of langer? Print op ware grootte (100 %).",
    ),
    "en": Words(
        source="Source",
        team="Team",
        hyphenation="en_GB",
        tag="en-GB",
        scale_check="This bar is 50 mm. Shorter or longer? Print at actual size (100 %).",
    ),
}


def words(language: str) -> Words:
    return LANGUAGES[language]
