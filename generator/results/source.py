"""Where a session's answers come from: the answer server's store (by default its SQLite
file in the kit folder, answers/store.py DEFAULT_FILE, as `workshop serve` keeps it) or
a Google or Microsoft Forms CSV export with a mapping that names its columns
(answers/csv_import.py)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..answers.model import Submission
from ..errors import InputError, Problem


@dataclass(frozen=True)
class Read:
    """The submissions read, and where they came from, for messages."""

    submissions: tuple[Submission, ...]
    source: str


def read(
    project,
    session: str,
    db: str | None = None,
    csv_file: Path | None = None,
    mapping_file: Path | None = None,
) -> Read:
    """The session's submissions from the CSV export when one is given, else from the
    store at `db` or the kit's default store."""
    if csv_file is not None:
        found = read_csv(project, csv_file, mapping_file, session)
        return Read(tuple(found), project.show(csv_file))
    return Read(tuple(read_store(db or default_store(project), session)), "the store")


def read_store(url: str, session: str) -> list[Submission]:
    """Every submission of the session in the answer server's store, which is closed
    again (its connections too) once read."""
    from ..answers.store import Store  # the server's storage; only needed on this path

    with closing(Store(url)) as store:
        return list(store.submissions(session))


def read_csv(project, csv_file: Path, mapping_file: Path, session: str) -> list[Submission]:
    """The session's submissions in a form's export: answers to the cards of the kit's
    decks, as the mapping places them."""
    from ..answers.csv_import import load_mapping, read_answers
    from ..kinds.deck.results import kit_decks  # a form's export names a deck and a card

    mapping = load_mapping(mapping_file, project.show(mapping_file))
    return read_answers(csv_file, mapping, session, kit_decks(project), project.show(csv_file))


def default_store(project) -> str:
    """The URL of the kit's default store; an error that says what to give if there is
    none yet."""
    from ..answers.store import DEFAULT_FILE, default_url

    if not (project.root / DEFAULT_FILE).is_file():
        shown = project.show(project.root / DEFAULT_FILE)
        raise InputError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    "no answers stored yet (workshop serve keeps them here); "
                    "expected --db URL, or --csv FILE --mapping FILE for a form's export",
                )
            ]
        )
    return default_url(project.root)
