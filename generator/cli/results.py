"""`workshop results`: the results of one session, from the answer server's store or
from a form's CSV export, written atomically to output/<session>/: the results PDF
(resultaten.pdf) and the files the kinds add (results/)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .. import results
from ..errors import BuildError, InputError
from ..kit.naming import session_folder
from ..kit.project import Project
from ..print.output import batch
from ..results import source
from .build import Result, options_for, with_secret


def make_results(
    project: Project,
    session: str,
    out_dir: Path,
    db: str | None = None,
    csv_file: Path | None = None,
    mapping_file: Path | None = None,
    exported: datetime | None = None,
    poster: str | None = None,
) -> Result:
    """Read the answers, draw the results, write them only if all of it succeeded."""
    problems = project.check_all()
    if problems:
        raise InputError(problems)
    read = source.read(project, session, db, csv_file, mapping_file)
    options = results.ResultsOptions(
        session,
        read.submissions,
        exported or datetime.now().astimezone(),
        project.kit().language,
        read.source,
        asked={"poster": poster} if poster else {},
        build_options=lambda: with_secret(project, options_for(project, session=session), False),
    )
    found = results.gather(project, options)
    made = results.contributions(project, found)
    folder = session_folder(out_dir, session)
    try:
        with batch(folder) as out:
            built = results.write(project, found, made, out.target)
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or folder}: {exc.strerror}") from None
    return Result(folder, built)
