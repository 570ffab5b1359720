"""The few fixed words the tool prints itself, per language, and the language's
hyphenation dictionary and PDF language tag. Content is written in its own language;
only these follow the kit's (or the deck's) `language`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultWords:
    """The headings of a results PDF (`workshop results`)."""

    results: str  # the document: "Resultaten"
    session: str  # "Sessie"
    exported: str  # before the date of the export: "Geëxporteerd op"
    ranking: str  # heading of a deck's ranking page
    ranking_note: str  # how the ranking is ordered
    factor: str  # column heading of the factor's number and title
    total: str  # column heading of the tallies
    answers: str  # heading of the booklet of free-text answers
    comments: str  # heading of the comments on a factor's votes
    no_vote: str  # a team that did not vote on a factor (in the legend)
    unanswered: str  # before the list of cards nobody answered
    uncommented: str  # before the list of factors voted on without a comment
    page: str  # "Pagina"
    teams_part: str  # "teams {first}–{last}" when the team columns take several pages
    months: tuple[str, ...]  # month names, January first


@dataclass(frozen=True)
class PosterWords:
    """What a poster prints besides its content: the label of a tile."""

    tile: str  # under a tile's window: {name}, {size}, {row}, {rows}, {column}, {columns}
    results: str  # the results poster's subtitle: {session}


@dataclass(frozen=True)
class Words:
    source: str  # before the citation on a cover: "Bron: ..."
    team: str  # on a card front when there is more than one team: "Team 2"
    hyphenation: str  # pyphen dictionary
    tag: str  # BCP 47 tag for the PDF's /Lang
    scale_check: str  # beside the 50 mm bar that shows whether the sheet printed at 100 %
    fold: str  # beside the fold line of a sheet printed with --duplex fold
    comment: str  # the label of a tick's comment on a worksheet: "Toelichting"
    results: ResultWords
    poster: PosterWords
    phase: str = "Fase"  # a worksheet's header: "Fase 2"
    page_of: str = "pagina {page} van {pages}"  # a worksheet's footer


LANGUAGES: dict[str, Words] = {
    "nl": Words(
        source="Bron",
        team="Team",
        hyphenation="nl_NL",
        tag="nl-NL",
        scale_check="Deze balk is 50 mm. Korter of langer? Print op ware grootte (100 %).",
        fold="Vouw hier, bedrukte kant buiten; knip dan langs de snijtekens.",
        comment="Toelichting",
        results=ResultWords(
            results="Resultaten",
            session="Sessie",
            exported="Geëxporteerd op",
            ranking="Rangorde",
            ranking_note="Gerangschikt naar het aantal keer nee, dan twijfel: "
            "een nee betekent dat er actie nodig is.",
            factor="Succesfactor",
            total="Totaal",
            answers="Antwoorden",
            comments="Toelichting bij de stem",
            no_vote="geen stem",
            unanswered="Zonder antwoorden",
            uncommented="Zonder toelichting",
            page="Pagina",
            teams_part="teams {first}–{last}",
            months=(
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ),
        ),
        poster=PosterWords(
            tile="{name} {size} · rij {row} van {rows}, kolom {column} van {columns} · "
            "leg de vellen zo over elkaar dat de kruisjes samenvallen",
            results="Sessie {session}: de meeste keren nee bovenaan, dan twijfel",
        ),
    ),
    "en": Words(
        source="Source",
        team="Team",
        hyphenation="en_GB",
        tag="en-GB",
        scale_check="This bar is 50 mm. Shorter or longer? Print at actual size (100 %).",
        fold="Fold here, printed side out; then cut along the marks.",
        phase="Phase",
        page_of="page {page} of {pages}",
        comment="Comment",
        results=ResultWords(
            results="Results",
            session="Session",
            exported="Exported on",
            ranking="Ranking",
            ranking_note="Ranked by the number of no votes, then doubt: "
            "a no means action is needed.",
            factor="Success factor",
            total="Total",
            answers="Answers",
            comments="Comments on the vote",
            no_vote="no vote",
            unanswered="Without answers",
            uncommented="Without comments",
            page="Page",
            teams_part="teams {first}–{last}",
            months=(
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ),
        ),
        poster=PosterWords(
            tile="{name} {size} · row {row} of {rows}, column {column} of {columns} · "
            "lay the sheets over each other so that the crosses meet",
            results="Session {session}: most no votes at the top, then doubt",
        ),
    ),
}


def words(language: str) -> Words:
    return LANGUAGES[language]
