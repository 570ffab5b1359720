"""`workshop results`: the results PDF of one session, from the answer server's store or
from a form's CSV export, written atomically to output/<session>/resultaten.pdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .. import results
from ..answers.model import Submission
from ..errors import BuildError, InputError, Problem
from ..kit.naming import session_folder
from ..kit.project import Project
from ..print.output import batch
from .build import Result, options_for, with_secret

DATABASE = "answers.sqlite3"  # the server's default store, in the kit folder


def default_database(project: Project) -> str:
    return f"sqlite:///{(project.root / DATABASE).as_posix()}"


def read_store(url: str, session: str) -> list[Submission]:
    """Every submission of the session in the answer server's store."""
    from ..answers.store import Store  # the server's storage; only needed on this path

    return list(Store(url).submissions(session))


def read_csv(project: Project, csv_file: Path, mapping_file: Path, session: str):
    from ..answers.csv_import import load_mapping, read_answers

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
    poster: str | None = None,
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
    try:
        with batch(folder) as out:
            built = _draw(project, options, poster, out.target)
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or folder}: {exc.strerror}") from None
    return Result(folder, built)


def _draw(project: Project, options, poster: str | None, target_of) -> list:
    """The results PDF, the teams' filled-in worksheets when there are worksheet answers,
    and a results poster per ranked deck when one is asked for."""
    name = f"{results.MATERIAL.name}.pdf"
    built = [replace(results.build(project, results.MATERIAL, options, target_of(name)), file=name)]
    answers = results.worksheet_answers(project, options)
    if answers:
        built.append(_record(project, options, answers, target_of))
    if poster:
        built += _posters(project, options, poster, target_of)
    return built


def _record(project: Project, options, answers, target_of):
    """Every listed worksheet for every team up to the highest that answered, each
    team's answers printed in (kinds/worksheet build_record)."""
    from ..kinds import worksheet

    sheets = [m for m in project.kit().materials if m.kind == "worksheet"]
    teams = max(team for _, team in answers)
    drawing = with_secret(
        project, options_for(project, session=options.session, teams=teams), False
    )
    name = f"{worksheet.RECORD}.pdf"
    made = worksheet.build_record(project, sheets, drawing, answers, target_of(name))
    return replace(made, file=name)


def _posters(project: Project, options, size: str, target_of) -> list:
    """The ranking of each deck with response cards as a poster of `size`."""
    from ..kinds import poster

    session = results.gather(project, options)
    drawing = poster.KIND.options(options_for(project, session=options.session), {"size": size})
    made = []
    for found in session.decks:
        if found.ranking is None:
            continue
        name = f"poster-resultaten-{found.deck.name}-{size.lower()}.pdf"
        rows, teams = found.ranking, session.teams
        built = poster.build_results_poster(
            project, found.deck, rows, teams, options.session, drawing, target_of(name)
        )
        made.append(replace(built, file=name))
    return made


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
