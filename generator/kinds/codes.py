"""What every printed material shares about its teams and codes: the label that tells
one team's (or session's) stack from another's, and the link a QR code carries.

A poster's code is the short link of its overview, Target(session, poster, OVERVIEW,
NO_TEAM): a poster hangs for every team, so its link names none; the answer server asks
the team and lists the forms the poster's content is answered in."""

from __future__ import annotations

from ..answers.links import Target, code_for, printed_link, short_url
from ..answers.urls import form_url
from ..kit.kitfile import DEFAULT_SESSION
from ..kit.words import words
from .kind import Options

OVERVIEW = "overzicht"  # the form id of a poster's overview page on the answer server
NO_TEAM = 0  # the team of a link that leads every team: the server asks which one


def team_label(team: int, options: Options, language: str) -> str:
    """What a card front or worksheet says about its stack: the team when there are
    several, and the session when one is given, so that stacks of two teams or sessions
    never mix."""
    parts = []
    if options.teams > 1:
        parts.append(f"{words(language).team} {team}")
    if options.session != DEFAULT_SESSION:
        parts.append(options.session)
    return " · ".join(parts)


def link_for(material: str, item: str, team: int, options: Options) -> tuple[str, str]:
    """(what a QR code carries, what is printed beside it): a short link to the item
    (a deck's card, a worksheet's form) when the kit has an answer server, else its
    form_url filled in."""
    if options.answers_url:
        code = code_for(options.secret, Target(options.session, material, item, team))
        return short_url(options.answers_url, code), printed_link(options.answers_url, code)
    url = form_url(options.form_url, deck=material, card=item, team=team, session=options.session)
    return url, url.split("://", 1)[-1]


def overview_link(poster: str, options: Options) -> tuple[str, str]:
    """(what a poster's code carries, what is printed beside it): the short link of its
    overview on the answer server; only a kit with an answer server has one."""
    if not options.answers_url:
        raise ValueError("a poster's overview needs the answer server's URL")
    return link_for(poster, OVERVIEW, NO_TEAM, options)
