"""`workshop answers export` and `workshop answers purge`: a session's stored answers
as a file Excel opens (or plain CSV), and deleting them when they are no longer needed."""

from __future__ import annotations

from typing import BinaryIO

from ..answers import export as exported
from ..errors import WorkshopError
from ..kit.project import Project
from .serve import open_store


def export_answers(
    project: Project,
    session: str,
    db: str | None,
    out: BinaryIO,
    fmt: str = exported.EXCEL,
    warn=None,
) -> int:
    """Write the session's answers (UTF-8, whatever the terminal's encoding); the number
    of answer rows. `warn` is told when the kit's content cannot be read: the answers
    are then written with the ids they were stored under."""
    store = open_store(project, db, existing=True)
    try:
        submissions = store.submissions(session)
    finally:
        store.close()
    forms = _forms(project, warn)
    body, count = exported.encoded(submissions, forms, fmt, project.kit().language)
    out.write(body)
    out.flush()
    return count


def _forms(project: Project, warn) -> dict:
    """The kit's forms, for titles and questions; none (ids as stored) when the content
    has a problem: the answers are worth more than their labels."""
    from ..server.targets import kit_forms

    try:
        return kit_forms(project)
    except WorkshopError as exc:
        if warn:
            first = exc.format_message().splitlines()
            warn(
                "cards and questions are written as stored (ids), since the kit's content "
                f"cannot be read: {' '.join(line.strip() for line in first[:2])}"
            )
        return {}


def purge_answers(project: Project, session: str, db: str | None) -> int:
    """Delete the session's submissions (every version) and scans; how many submissions."""
    store = open_store(project, db, existing=True)
    try:
        return store.purge(session)
    finally:
        store.close()
