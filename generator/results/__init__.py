"""The results of a session, from what the teams submitted: a results PDF (a title page,
then each kind's pages) and each kind's files of its own, written beside it.

Where the answers come from is source.py (the answer server's store or a form's CSV
export); the generic tally of votes is tally.py; the PDF's frame, title page and header
are document.py, its look look.py. What a kind contributes it says through the `results`
hook of its Kind (kinds/kind.py): a deck its ranking (drawn by ranking.py) and the
booklet of its free-text answers (booklet.py), a worksheet the teams' filled-in
worksheets, a poster a results poster. Only the newest version of each form's
submission per team counts.

`workshop results` (cli/results.py) reads the source, then `gather`, `contributions` and
`write` here, into a batch that is committed only if all of it succeeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..answers.model import Submission, latest
from ..errors import BuildError
from ..kinds.kind import Built, Kind, KindResults, Options, SessionAnswers
from ..kit.kitfile import Material
from .document import draw_results, new_page, paper

MATERIAL = Material("results", "resultaten", "a4")  # output/<session>/resultaten.pdf


def _no_build_options() -> Options:
    raise BuildError("a kind's results file needs the build's options; none were given")


@dataclass(frozen=True)
class ResultsOptions:
    session: str
    submissions: tuple[Submission, ...]
    exported: datetime  # when the answers were read, printed on every page
    language: str = "nl"
    source: str = "the answers"  # where the submissions come from, for messages
    # the options of `workshop results` for the kinds, by name: {"poster": "A3"}
    asked: Mapping[str, Any] = field(default_factory=dict)
    # the build's options of this session (cli/build.py), for the files a kind draws
    build_options: Callable[[], Options] = _no_build_options
    color: str = "rgb"  # the results PDF's: 'cmyk' as a build's --color cmyk


def gather(project, options: ResultsOptions) -> SessionAnswers:
    """The session's answers (the newest version of each), as every kind's results hook
    is given them, with the look and frame of the results PDF."""
    mine = latest(s for s in options.submissions if s.session == options.session)
    if not mine:
        raise BuildError(
            f"no answers for session '{options.session}' in {options.source}; nothing to print"
        )
    look, frame = paper(project, options.language)
    return SessionAnswers(
        options.session,
        tuple(mine),
        tuple(sorted({s.team for s in mine})),
        options.exported,
        options.language,
        look,
        frame,
        options.asked,
        options.build_options,
        options.color,
    )


def contributions(project, found: SessionAnswers) -> list[KindResults]:
    """Each kind's part of the results, in the registry's order, and a part that names
    the submissions no kind takes."""
    from ..kinds import KINDS  # here: a kind's results use parts of this package

    materials = project.kit().materials
    made = []
    for kind in KINDS.values():
        if kind.results is not None:
            mine = tuple(m for m in materials if m.kind == kind.name)
            made.append(kind.results(project, mine, found))
    made.append(KindResults(warnings=tuple(_left_out(project, found, KINDS))))
    return made


def _left_out(project, found: SessionAnswers, kinds: Mapping[str, Kind]) -> list[str]:
    """Submissions for a material the kit does not list with forms, or lists under a kind
    without results: named, counted, and not printed."""
    kit = project.kit()
    answered: dict[str, str] = {}  # material name -> its kind, for each one with forms
    for material in kit.materials:
        kind = kinds[material.kind]
        content = project.material(material.kind, material.name)
        has_forms = any(True for _ in kind.forms(content, kit.language))
        if has_forms and (material.name not in answered or kind.results is not None):
            answered[material.name] = material.kind
    unknown: Counter = Counter()
    for item in found.submissions:
        kind = answered.get(item.material)
        if kind is None:
            unknown[f"deck '{item.material}', which the kit does not list"] += 1
        elif kinds[kind].results is None:
            unknown[f"{kind} '{item.material}', whose kind has no results"] += 1
    return [
        f"results: {count} submission(s) for {what} left out" for what, count in unknown.items()
    ]


def draw_pdf(project, found: SessionAnswers, made: list[KindResults], target: Path) -> Built:
    """The results PDF: the title page, then every kind's pages, each kind's from a new
    page."""
    parts = [part.pages for part in made if part.pages]
    # a ranking leads with a title page; other answers follow the title on page one
    lead = bool(made) and bool(made[0].pages) and _has_ranking(made[0].pages)
    pages = [page for part in parts for page in new_page(part)]
    if not lead and parts:
        pages = list(parts[0]) + [page for part in parts[1:] for page in new_page(part)]
    count, warnings = draw_results(project, found, pages, target, title_page=lead)
    said = [warning for part in made for warning in part.warnings] + warnings
    return Built(MATERIAL.name, count, len(found.submissions), tuple(said), unit="answers")


def _has_ranking(pages) -> bool:
    from .ranking import RankingPage

    return any(isinstance(page, RankingPage) for page in pages)


def write(project, found: SessionAnswers, made: list[KindResults], target_of) -> list[Built]:
    """The results PDF and each kind's files, each to target_of(its file name)."""
    name = f"{MATERIAL.name}.pdf"
    built = [replace(draw_pdf(project, found, made, target_of(name)), file=name)]
    for part in made:
        for file in part.files:
            built.append(replace(file.draw(target_of(file.name)), file=file.name))
    return built


def build(project, material: Material, options: ResultsOptions, target: Path | None) -> Built:
    """Draw the results PDF of one session to `target` (the kinds' files are not drawn)."""
    if target is None:
        raise BuildError("the results are only drawn to a file")
    found = gather(project, options)
    built = draw_pdf(project, found, contributions(project, found), target)
    return replace(built, name=material.name)
