"""A poster's part of a session's results: with `workshop results --poster SIZE`, the
ranking of each deck with response cards that has votes, as a poster of that size
(`poster-resultaten-<deck>-<size>.pdf`, build_results_poster)."""

from __future__ import annotations

from ..kind import KindResults, ResultFile, SessionAnswers

ASKED = "poster"  # `workshop results --poster SIZE`


def poster_results(project, materials: tuple, found: SessionAnswers) -> KindResults:
    """A results poster per ranked deck, when a size is asked for; the kit need not list
    a poster."""
    size = found.asked.get(ASKED)
    if not size:
        return KindResults()
    from ..deck.results import ranked
    from . import build_results_poster, with_poster_options

    files = []
    for deck in ranked(project, found):

        def draw(target, deck=deck):
            options = with_poster_options(found.build_options(), {"size": size})
            rows, teams = deck.ranking, list(found.teams)
            return build_results_poster(
                project, deck.deck, rows, teams, found.session, options, target
            )

        files.append(ResultFile(f"poster-resultaten-{deck.deck.name}-{size.lower()}.pdf", draw))
    return KindResults(files=tuple(files))
