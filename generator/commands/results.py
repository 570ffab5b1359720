"""`workshop results`: the results PDF of one session, from the answer server's store or
from a form's CSV export, written atomically to output/<session>/resultaten.pdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..errors import BuildError, InputError, Problem
from ..materials import results
from ..model.answers import Submission
from ..naming import session_folder
from ..output import batch
from ..project import Project
from .build import Result

DATABASE = "answers.sqlite3"  # the server's default store, in the kit folder


def default_database(project: Project) -> str:
    return f"sqlite:///{(project.root / DATABASE).as_posix()}"


def read_store(url: str, session: str) -> list[Submission]:
    """Every submission of the session in the answer server's store."""
    from ..store import Store  # the server's storage; only needed on this path

    return list(Store(url).submissions(session))


def read_csv(project: Project, csv_file: Path, mapping_file: Path, session: str):
    from ..answers_csv import load_mapping, read_answers

    mapping = load_mapping(mapping_file, project.show(mapping_file))
    names = dict.fromkeys(m.name for m in project.kit().materials if m.kind == "deck")
    decks = {name: project.deck(name) for name in names}
    return read_answers(csv_file, mapping, session, decks, project.show(csv_file))


def make_results(
    project: Project,
    session: str,
    out_dir: Path,
    db: str | None = None,
    csv_file: Path | None = None,
    mapping_file: Path | None = None,
    exported: datetime | None = None,
) -> Result:
    """Read the answers, draw the results, write them only if all of it succeeded."""
    problems = project.check_all()
    if problems:
        raise InputError(problems)
    if csv_file is not None:
        submissions = read_csv(project, csv_file, mapping_file, session)
        source = project.show(csv_file)
    else:
        url = db or _default_store(project)
        submissions, source = read_store(url, session), "the store"
    options = results.ResultsOptions(
        session,
        tuple(submissions),
        exported or datetime.now().astimezone(),
        project.kit().language,
        source,
    )
    folder = session_folder(out_dir, session)
    name = f"{results.MATERIAL.name}.pdf"
    try:
        with batch(folder) as out:
            built = results.build(project, results.MATERIAL, options, out.target(name))
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or folder}: {exc.strerror}") from None
    return Result(folder, [replace(built, file=name)])


def _default_store(project: Project) -> str:
    if not (project.root / DATABASE).is_file():
        shown = project.show(project.root / DATABASE)
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
    return default_database(project)
