"""`workshop results`: the results of one session, from the answer server's store or
from a form's CSV export, written atomically to output/<session>/: the results PDF
(resultaten.pdf) and the files the kinds add (results/)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .. import results
from ..errors import BuildError, InputError
from ..kinds.kind import Options
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
    answers_url: str | None = None,
    color: str | None = None,
) -> Result:
    """Read the answers, draw the results, write them only if all of it succeeded. The
    files that carry codes (the filled-in worksheets) lead where the material printed
    for the session led: `answers_url` as given to the build, else the kit's."""
    problems = project.check_all()
    if problems:
        raise InputError(problems)
    read = source.read(project, session, db, csv_file, mapping_file)
    made_with: list[Options] = []  # the build's options, once a kind asked for them

    def build_options() -> Options:
        if not made_with:
            chosen = options_for(project, session=session, answers_url=answers_url, color=color)
            made_with.append(with_secret(project, chosen, False))
        return made_with[0]

    options = results.ResultsOptions(
        session,
        read.submissions,
        exported or datetime.now().astimezone(),
        project.kit().language,
        read.source,
        asked={"poster": poster} if poster else {},
        build_options=build_options,
        color=color or "rgb",
    )
    found = results.gather(project, options)
    made = results.contributions(project, found)
    folder = session_folder(out_dir, session)
    try:
        with batch(folder) as out:
            built = results.write(project, found, made, out.target)
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or folder}: {exc.strerror}") from None
    result = Result(folder, built)
    if made_with and made_with[0].answers_auto:
        result.warnings.append(_auto_warning(project, made_with[0]))
    return result


def _auto_warning(project: Project, options: Options) -> str:
    """answers.url: auto is this machine's address now, which need not be the one the
    material was printed with."""
    at = project.where("answers.url")
    return str(
        at.problem(
            f"'auto': the codes in the results lead to {options.answers_url}, this machine's "
            f"address now; if the material was printed with another, pass --answers-url "
            f"with that address (as given to workshop build)"
        )
    )
