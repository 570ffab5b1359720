"""`workshop answers export` and `workshop answers purge`: a session's stored answers
as CSV, and deleting them when they are no longer needed."""

from __future__ import annotations

from typing import TextIO

from ..kit.project import Project
from .serve import open_store


def export_answers(project: Project, session: str, db: str | None, out: TextIO) -> int:
    """Write the session's answers as CSV; the number of answer rows."""
    store = open_store(project, db, existing=True)
    try:
        return store.export_csv(session, out)
    finally:
        store.close()


def purge_answers(project: Project, session: str, db: str | None) -> int:
    """Delete the session's submissions (every version) and scans; how many submissions."""
    store = open_store(project, db, existing=True)
    try:
        return store.purge(session)
    finally:
        store.close()
