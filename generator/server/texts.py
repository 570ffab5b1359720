"""Every word the answer server's pages say, per language (the kit's `language`).
Card text comes from the content files in its own language; only these follow the kit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageTexts:
    lang: str  # the html lang attribute
    team: str
    session: str
    answer_label: str  # above a question's text area
    comment_label: str  # the optional comment of a vote
    vote_hint: str  # above the three vote buttons
    send: str
    saved_before: str  # shown when the team already answered this card
    thanks_title: str
    thanks_text: str
    stored: str  # heading of what was stored
    version: str
    change: str  # link back to the form
    forwarding: str
    not_found_title: str
    not_found_text: str
    refused_title: str
    refused_text: str
    csrf_text: str  # the form was stale or not ours
    too_long: str  # {limit} characters
    unknown_vote: str
    unknown_tick: str  # a check box sent with another value than its own
    nothing_filled: str
    too_many_title: str
    too_many_text: str
    error_title: str  # anything else that went wrong (500)
    error_text: str
    not_stored_text: str  # the answer database failed while storing (503)
    unavailable_title: str  # ... while reading, for a phone
    unavailable_text: str
    board_fault_text: str  # ... for the trainer's board
    too_many_form: str  # a card's form again after too many requests: nothing lost
    csrf_form: str  # a card's form again after it expired: nothing lost
    back_to_card: str  # the way back from a refusal
    back_to_board: str
    try_again: str
    board_title: str
    board_login_text: str
    board_refresh: str
    votes_title: str
    texts_title: str
    reveal: str
    reveal_all: str
    hide_all: str
    hidden: str  # {count} teams voted
    no_answers: str
    export: str  # the download for Excel (; and a byte order mark)
    export_plain: str  # ... and as plain CSV (commas)
    forward_note: str  # the board with a forward template: where the answers go ({host})
    opened_title: str  # its heading of the scan counts
    opened: str  # {count} times opened by {teams} teams
    sessions: str
    comments: str
    home_title: str  # the server's front page: type the code printed on a card
    home_text: str
    code_label: str
    open: str
    overview_text: str  # a poster's overview: what the page is for
    overview_team: str  # the team question
    overview_show: str
    overview_forms: str  # heading of a team's links: {team}
    overview_unknown: str  # a team number the server does not serve
    present_title: str  # the board's presentation view: the ranking on a projector
    present_link: str  # the board's links to its presentation and comments views
    comments_link: str
    factor: str  # column heads of the ranking
    votes: str
    no_comments: str
    board_live: str  # the presentation view updates itself


TEXTS: dict[str, PageTexts] = {
    "nl": PageTexts(
        lang="nl",
        team="Team",
        session="Sessie",
        answer_label="Jullie antwoord",
        comment_label="Toelichting (mag leeg blijven; eerst invullen, dan kiezen)",
        vote_hint="Kies jullie antwoord:",
        send="Versturen",
        saved_before="Jullie hebben dit al beantwoord; versturen slaat een nieuwe versie op.",
        thanks_title="Dank je wel!",
        thanks_text="Jullie antwoord is opgeslagen.",
        stored="Opgeslagen",
        version="versie",
        change="Antwoord wijzigen",
        forwarding="Je gaat door naar het formulier.",
        not_found_title="Deze link kennen we niet",
        not_found_text=(
            "Controleer de code op de kaart of het werkblad (acht tekens, bijvoorbeeld "
            "7F3K-Q2AB) of scan de QR-code opnieuw. Werkt het niet, vraag het de trainer."
        ),
        refused_title="Niet opgeslagen",
        refused_text="Er is niets opgeslagen.",
        csrf_text=(
            "Het formulier was verlopen of kwam niet van deze pagina. Open de link opnieuw "
            "en verstuur nog eens."
        ),
        too_long="Een antwoord mag hoogstens {limit} tekens hebben.",
        unknown_vote="Kies ja, twijfel of nee.",
        unknown_tick="Een vinkje kan alleen aan of uit staan; open de link opnieuw.",
        nothing_filled="Vul minstens één antwoord in.",
        too_many_title="Even wachten",
        too_many_text=(
            "Er komen te veel verzoeken van dit adres. Wacht een paar seconden en probeer "
            "het dan opnieuw."
        ),
        error_title="Er ging iets mis",
        error_text="Probeer het nog een keer. Lukt het dan niet, zeg het tegen de trainer.",
        not_stored_text=(
            "Er is niets opgeslagen. Het opslaan lukt nu even niet: ga terug, wacht een "
            "minuut en verstuur jullie antwoord nog een keer. Lukt het dan nog niet, zeg het "
            "tegen de trainer."
        ),
        unavailable_title="Even niet bereikbaar",
        unavailable_text=(
            "De antwoorden kunnen nu even niet worden gelezen. Probeer het over een minuut "
            "nog een keer. Lukt het dan nog niet, zeg het tegen de trainer."
        ),
        board_fault_text=(
            "De antwoorden kunnen nu niet worden gelezen of opgeslagen. Wat er mis is, staat "
            "in het venster waarin workshop serve draait."
        ),
        too_many_form=(
            "Het is even te druk: jullie antwoord is nog niet opgeslagen. Wat jullie "
            "invulden staat er nog; verstuur het over een paar seconden opnieuw."
        ),
        csrf_form=(
            "Het formulier was verlopen: jullie antwoord is nog niet opgeslagen. Wat jullie "
            "invulden staat er nog; verstuur het opnieuw."
        ),
        back_to_card="Terug naar de kaart",
        back_to_board="Terug naar het overzicht",
        try_again="Opnieuw proberen",
        board_title="Overzicht",
        board_login_text=(
            "Open het overzicht met de link die workshop serve liet zien (met het token). "
            "Na een herstart van de server is er een nieuwe link."
        ),
        board_refresh="Deze pagina ververst zich elke 10 seconden.",
        votes_title="Succesfactoren: stemmen",
        texts_title="Antwoorden per kaart en werkblad",
        reveal="Toon",
        reveal_all="Alles tonen",
        hide_all="Alles verbergen",
        hidden="verborgen · {count} team(s) gestemd",
        no_answers="Nog geen antwoorden.",
        export="Download voor Excel",
        export_plain="of als gewone CSV (komma's)",
        forward_note=(
            "De kaarten sturen de teams door naar het externe formulier ({host}); daar "
            "staan hun stemmen en antwoorden. Hier zie je hoe vaak elke kaart en elk "
            "werkblad is geopend."
        ),
        opened_title="Geopend per kaart en werkblad",
        opened="{count} keer geopend · {teams} team(s)",
        sessions="Sessies",
        comments="Toelichtingen",
        home_title="Code van de kaart",
        home_text=(
            "Scan de QR-code op een kaart of werkblad, of typ hier de code die naast de "
            "QR-code staat."
        ),
        code_label="Code (8 tekens, bijvoorbeeld 7F3K-Q2AB)",
        open="Openen",
        overview_text=(
            "Vul jullie teamnummer in; dan zie je hier de links naar de formulieren bij "
            "deze poster."
        ),
        overview_team="Welk team zijn jullie?",
        overview_show="Toon onze formulieren",
        overview_forms="Formulieren van team {team}",
        overview_unknown=(
            "Dat teamnummer kennen we niet. Kijk op jullie kaarten of vraag het de trainer."
        ),
        present_title="Ranglijst",
        present_link="Beamer: ranglijst",
        comments_link="Beamer: toelichtingen",
        factor="Succesfactor",
        votes="Stemmen",
        no_comments="Nog geen toelichtingen.",
        board_live="Ververst zich vanzelf.",
    ),
    "en": PageTexts(
        lang="en",
        team="Team",
        session="Session",
        answer_label="Your answer",
        comment_label="Comment (optional; write it first, then choose)",
        vote_hint="Choose your answer:",
        send="Send",
        saved_before="Your team answered this before; sending stores a new version.",
        thanks_title="Thank you!",
        thanks_text="Your answer has been stored.",
        stored="Stored",
        version="version",
        change="Change your answer",
        forwarding="On to the form.",
        not_found_title="We do not know this link",
        not_found_text=(
            "Check the code on the card or worksheet (eight characters, for example "
            "7F3K-Q2AB) or scan the QR code again. If it still fails, ask the trainer."
        ),
        refused_title="Not stored",
        refused_text="Nothing was stored.",
        csrf_text=(
            "The form had expired or did not come from this page. Open the link again and "
            "send once more."
        ),
        too_long="An answer may have at most {limit} characters.",
        unknown_vote="Choose yes, doubt or no.",
        unknown_tick="A tick box is either ticked or not; open the link again.",
        nothing_filled="Fill in at least one answer.",
        too_many_title="Please wait",
        error_title="Something went wrong",
        error_text="Please try again. If it still fails, tell the trainer.",
        not_stored_text=(
            "Nothing was stored. Storing does not work right now: go back, wait a minute and "
            "send your answer again. If it still fails, tell the trainer."
        ),
        unavailable_title="Not available right now",
        unavailable_text=(
            "The answers cannot be read right now. Try again in a minute. If it still "
            "fails, tell the trainer."
        ),
        board_fault_text=(
            "The answers cannot be read or stored right now. What is wrong is shown in the "
            "window where workshop serve runs."
        ),
        too_many_text="Too many requests from this address. Wait a few seconds and try again.",
        too_many_form=(
            "It is busy right now: your answer has not been stored yet. What you filled in "
            "is still here; send it again in a few seconds."
        ),
        csrf_form=(
            "The form had expired: your answer has not been stored yet. What you filled in "
            "is still here; send it again."
        ),
        back_to_card="Back to the card",
        back_to_board="Back to the board",
        try_again="Try again",
        board_title="Board",
        board_login_text=(
            "Open the board with the link workshop serve showed (with the token). After a "
            "restart of the server there is a new link."
        ),
        board_refresh="This page refreshes every 10 seconds.",
        votes_title="Success factors: votes",
        texts_title="Answers per card and worksheet",
        reveal="Show",
        reveal_all="Show all",
        hide_all="Hide all",
        hidden="hidden · {count} team(s) voted",
        no_answers="No answers yet.",
        export="Download for Excel",
        export_plain="or as plain CSV (commas)",
        forward_note=(
            "The cards send the teams on to the external form ({host}), which holds their "
            "votes and answers. Here you see how often each card and worksheet was opened."
        ),
        opened_title="Opened per card and worksheet",
        opened="opened {count} times · {teams} team(s)",
        sessions="Sessions",
        comments="Comments",
        home_title="Code of the card",
        home_text=(
            "Scan the QR code on a card or worksheet, or type the code printed beside it here."
        ),
        code_label="Code (8 characters, for example 7F3K-Q2AB)",
        open="Open",
        overview_text="Fill in your team number to see the links to this poster's forms.",
        overview_team="Which team are you?",
        overview_show="Show our forms",
        overview_forms="Forms of team {team}",
        overview_unknown="We do not know that team number. Check your cards or ask the trainer.",
        present_title="Ranking",
        present_link="Projector: ranking",
        comments_link="Projector: comments",
        factor="Success factor",
        votes="Votes",
        no_comments="No comments yet.",
        board_live="Updates itself.",
    ),
}


def texts(language: str) -> PageTexts:
    return TEXTS[language]
