"""Posters: A3 to A0, portrait or landscape, whole or in tiles for an office printer.

A poster is drawn from poster content (the phases, the tips, the study) or straight
from a deck's or worksheet's content, so wall, cards and sheets never differ:
- a deck: its question cards as a grid (number, title, the card's first paragraph and
  first question); a deck with response cards (the success factors) adds the legend of
  the colours and, beside each factor, room to stick the teams' votes;
- a worksheet with a table (table 1): the table as a matrix of rows by columns.

Codes. With an answer server (answers.url or --answers-url) every poster carries one
code: the short link of its overview (codes.overview_link), where a team says which team
it is and finds the links to every form of what the poster shows (a deck's cards, a
worksheet, for poster content the kit's worksheets or all its forms; see
server/overview.py). A poster hangs for every team, so its code names none. With a plain
form_url (no answer server) there is no overview: only a worksheet poster carries a
code, to that worksheet's one form, and only when the build is for one team (its
answers are team 1's); the others carry none.

Sizes. The layout is written for A3; the poster is printed at PosterOptions.size (A2
unless --size says otherwise) with everything scaled by the paper's short side.

This module declares the kind with light imports only: the painter (reportlab) and the
results' ranking are imported by the functions that draw.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ...answers.votes import VOTE_VALUES
from ...errors import BuildError, Policy, Problems
from ...kit.kitfile import Material
from ...kit.sheet import CutMarks, Sheet
from ...kit.units import paper_size
from ...kit.words import words
from ...print.contrast import layout_style_problems
from ...print.palette import DECK_ROLES
from ..codes import link_for, overview_link
from ..kind import Built, Command, CommandOption, Kind, Options
from ..view import Entry, Ranked, View
from .content import POSTER_FILE, Poster, make_poster, shape_problems
from .layout import ORIENTATIONS, POSTER_SIZES, TILE_SIZES, PosterLayout, load_layout
from .overview import poster_overview
from .results import poster_results
from .tiles import broken, draw_tiles, plan_tiles

if TYPE_CHECKING:
    from .page import PosterPainter

FORM = "poster"  # the name of the form XObject the poster is drawn in


@dataclass(frozen=True)
class PosterOptions:
    """What a poster is printed on: its paper, orientation, and the sheets it is tiled on."""

    size: str = "A2"  # A3, A2, A1 or A0
    orientation: str = "portrait"  # or landscape
    tile: str | None = None  # print it on sheets of this paper (A4, A3), taped together


def with_poster_options(options: Options, given) -> Options:
    """The build's options with the poster's own: the command line's where it gives them."""
    chosen = {key: value for key, value in given.items() if value is not None}
    return replace(options, own=PosterOptions(**chosen))


COMMAND = Command(
    """Build one poster into output/<session>/: elementen, vijf-vs, succesfactoren, lagen,
    fasen, tips or studie; whole, or in tiles to print on an office printer.

    Example: workshop poster elementen --size A1 --tile A4
    """,
    (
        CommandOption(
            "--size",
            "Paper of the poster (default: A2); type and spacing scale with it.",
            choices=POSTER_SIZES,
        ),
        CommandOption("--orientation", "Portrait (default) or landscape.", choices=ORIENTATIONS),
        CommandOption(
            "--tile",
            "Print the poster on sheets of this paper, to tape together (office printer).",
            choices=TILE_SIZES,
        ),
    ),
)


def _paper(own: PosterOptions) -> tuple[float, float, Sheet]:
    """Width, height and the one-slot sheet of the poster's paper, printed on one side:
    a printer told to print both would put a tile on the back of another."""
    width, height = paper_size(own.size, own.orientation)
    return width, height, Sheet(own.size, "", width, height, 1, 1, 0.0, "simplex", 0.0, NO_MARKS)


NO_MARKS = CutMarks(0, 0, 0)


def file_name(stem: str, options: Options) -> str:
    """poster-elementen-a2.pdf; -liggend for landscape, -tegels-a4 when tiled: never the
    name of the deck of the same content, nor of the same poster at another size."""
    name = f"poster-{stem}-{options.own.size.lower()}"
    if options.own.orientation == "landscape":
        name += "-landscape"
    if options.own.tile:
        name += f"-tiles-{options.own.tile.lower()}"
    return f"{name}.pdf"


def describe(content) -> str:
    if isinstance(content, Poster):
        parts = [f"{len(content.items)} items"] if content.items else []
        parts += [f"{len(content.figures)} figures"] if content.figures else []
        parts += [f"{len(content.groups)} lists"] if content.groups else []
        return f"{content.title} ({', '.join(parts) or 'text'})"
    return content.title


# --- what a poster shows ---------------------------------------------------------------


def view_of(project, name: str, options: Options) -> View:
    """The View of a poster's content: its own (poster content), or what the kind of the
    content shows on a wall (Kind.wall: a deck's cards, a worksheet's table)."""
    from .. import KINDS

    content = project.material("poster", name)
    kind = KINDS[project.content_kind(name)]
    view = _poster_view(name, content) if kind is KIND else kind.wall(name, content)
    return replace(view, code=_code(name, content, kind, options))


def _code(name: str, content, kind: Kind, options: Options) -> tuple[str, str] | None:
    """The poster's overview with an answer server; without one, the one form of its
    content (a worksheet's) for team 1 when team 1 is the only team (see the module)."""
    if options.answers_url:
        return overview_link(name, options)
    forms = tuple(kind.forms(content, options.language))
    if len(forms) == 1 and options.teams == 1:
        return link_for(forms[0].material, forms[0].id, 1, options)
    return None


def _poster_view(name: str, poster: Poster) -> View:

    entries = tuple(
        Entry(str(index + 1), item.title, item.text, item.parts)
        for index, item in enumerate(poster.items)
    )
    return View(
        name,
        poster.title,
        poster.source,
        subtitle=poster.subtitle,
        intro=poster.intro,
        figures=tuple((f.value, f.label) for f in poster.figures),
        entries=entries,
        shape=poster.shape,
        groups=tuple((g.title, g.items) for g in poster.groups),
        message=poster.message,
    )


# --- drawing -----------------------------------------------------------------------------


def build(project, material: Material, options: Options, target: Path | None) -> Built:
    content = project.material("poster", material.name)
    layout = project.layout(material.layout, "poster")
    language = content.language or options.language
    view = view_of(project, material.name, options)
    return draw(project, view, layout, options, language, target)


def draw(
    project, view: View, layout: PosterLayout, options: Options, language: str, target
) -> Built:
    """Draw a View as a poster (whole, or one page per tile) to `target` (None: check)."""
    from ...print.document import open_document, save
    from ...print.fonts import register

    brand = project.brand(project.kit().brand)
    fonts = register(brand)
    said = words(language)
    width, height, sheet = _paper(options.own)
    trim = _shop_page(options, width, height)
    about = {
        "title": f"{view.title} ({brand.name})",
        "subject": f"{said.source}: {view.source}",
        "author": brand.owner,
        "font_name": fonts.name("regular"),
        "lang": said.tag,
        "color": options.color,
        "page": trim.size if trim else None,
        "inks": brand.inks,
    }
    canvas = open_document(target, sheet, **about)
    scaled = layout.at_paper(options.own.size)
    if trim is not None:
        _check_safe_zone(scaled, options.own.size)
    look = (view, scaled, brand, fonts, said, width, height, options.own.orientation)

    def problems() -> Problems:
        file = _content_file(project, view.name)
        return Problems(Policy.of(options), view.name, file, locate=project.locate(view.name))

    painter = _painted(canvas, look, None, problems())
    if painter.problems.found:  # not at the layout's columns: drawn again at columns that fit
        columns = _columns_that_fit(sheet, look)
        if columns is not None:
            canvas = open_document(target, sheet, **about)
            painter = _painted(canvas, look, columns, problems())
    pages = _place(canvas, painter, layout, options, view, said, fonts)
    warnings = _raise_errors(painter, fonts)
    if target is not None:
        save(canvas)
    size = f"{options.own.size} {options.own.orientation}"
    return Built(
        view.name,
        pages,
        1,
        warnings,
        unit=f"poster ({size}" + (f", tiled on {options.own.tile})" if options.own.tile else ")"),
    )


def _shop_page(options: Options, width: float, height: float):
    """The print shop's page of the poster (None: office); a print shop prints a poster
    whole, so tiles and --print shop do not go together."""
    from ...print.trim import shop_page

    if options.press.shop and options.own.tile:
        raise BuildError(
            f"--tile {options.own.tile} is for an office printer; a print shop prints the "
            f"poster whole: leave out --tile, or use --print office"
        )
    return shop_page(options.press, width, height)


def _check_safe_zone(layout: PosterLayout, size: str) -> None:
    """Text and codes keep SAFE_ZONE inside the trim of a print shop's poster: the
    margin around the content must be at least that."""
    from ...kit.units import MM
    from ...print.press import SAFE_ZONE

    if layout.margin < SAFE_ZONE - 0.01:
        raise BuildError(
            f"layout '{layout.name}': margin is {layout.margin / MM:.1f} mm on {size}; "
            f"expected at least {SAFE_ZONE / MM:g} mm inside the trim for a print shop "
            f"(--print shop): set a larger margin"
        )


def _painted(canvas, look: tuple, columns: int | None, problems: Problems) -> PosterPainter:
    """The painter of `look`, the poster drawn into the form FORM of `canvas`."""
    from .page import PosterPainter

    painter = PosterPainter(canvas, *look, columns=columns, problems=problems)
    canvas.beginForm(FORM, 0, 0, look[5], look[6])
    painter.draw()
    canvas.endForm()
    return painter


def _columns_that_fit(sheet: Sheet, look: tuple) -> int | None:
    """The grid's columns: the layout's for the orientation (None) when the text fits
    there, else the nearest other number of columns at which it does (8 tips of a
    landscape poster on 4 columns may need 3, with room to grow downwards). Each try is
    drawn on a canvas that is never saved; None when none fits (the error is reported)."""
    from ...print.document import open_document
    from .page import PosterPainter

    view = look[0]
    if not view.entries:
        return None
    default = PosterPainter(None, *look)._columns()
    tries = sorted(range(1, len(view.entries) + 1), key=lambda n: (abs(n - default), -n))
    for columns in tries:
        scratch = open_document(
            None, sheet, title="", subject="", author="", font_name=look[3].name("regular")
        )
        painter = PosterPainter(scratch, *look, columns=columns, probe=True)
        scratch.beginForm(FORM, 0, 0, look[5], look[6])
        painter.draw()
        scratch.endForm()
        if not painter.problems.found:
            return None if columns == default else columns
    return None


def _place(
    canvas, painter: PosterPainter, layout: PosterLayout, options: Options, view, said, fonts
) -> int:
    """The whole poster on one page, or the tiles, one a page; returns the pages."""
    if not options.own.tile:
        from ...print.marks import begin_page, end_page

        trim = _shop_page(options, painter.width, painter.height)
        begin_page(canvas, trim, painter.width, painter.height)
        canvas.doForm(FORM)
        end_page(canvas, trim)
        return 1
    plan = plan_tiles(
        (painter.width, painter.height), options.own.tile, layout.tile_overlap, painter.boxes
    )

    def label(tile) -> str:
        return said.poster.tile.format(
            name=view.name,
            size=options.own.size,
            row=tile.row,
            rows=plan.rows,
            column=tile.column,
            columns=plan.columns,
        )

    for tile in plan.tiles:
        fonts.check("regular", label(tile), "the tile label")
    draw_tiles(canvas, plan, FORM, label, fonts.name("regular"))
    return len(plan.tiles)


def tile_plan(project, material: Material, options: Options):
    """(plan, boxes) of a tiled poster: which part of the poster each sheet shows, and
    every text line and code drawn, for tests and for a look at the cuts."""
    from ...print.document import open_document
    from ...print.fonts import register
    from .page import PosterPainter

    content = project.material("poster", material.name)
    layout = project.layout(material.layout, "poster")
    view = view_of(project, material.name, options)
    brand = project.brand(project.kit().brand)
    width, height, sheet = _paper(options.own)
    fonts = register(brand)
    canvas = open_document(
        None, sheet, title="", subject="", author="", font_name=fonts.name("regular")
    )
    said = words(content.language or options.language)
    painter = PosterPainter(
        canvas,
        view,
        layout.at_paper(options.own.size),
        brand,
        fonts,
        said,
        width,
        height,
        options.own.orientation,
    )
    painter.draw()
    plan = plan_tiles((width, height), options.own.tile, layout.tile_overlap, painter.boxes)
    return plan, painter.boxes, broken(plan, painter.boxes), painter.module


def _content_file(project, name: str) -> str:
    """The content file a poster is drawn from, to name in its problems ('' for none: the
    results of a session)."""
    path = project.root / "content" / f"{name}.yaml"
    return project.show(path) if path.exists() else ""


def _raise_errors(painter: PosterPainter, fonts) -> tuple[str, ...]:
    """Stop on the poster's errors (missing glyphs among them, each said where its text
    is written); its warnings otherwise."""
    painter.problems.extend(fonts.missing_glyphs(painter.problems.locate))
    return painter.problems.stop("the poster cannot be printed as asked")


# --- the results of a session as a poster --------------------------------------------------


def build_results_poster(
    project, deck, rows, teams, session: str, options: Options, target
) -> Built:
    """The ranking of a deck's factors (kinds/deck/results.rank: FactorRows, in order) as
    a poster, at options.own.size and orientation, whole or tiled, to `target`."""
    from ..deck.content import votes_of

    language = deck.language or options.language
    said = words(language)
    ranked = tuple(
        Ranked(
            str(row.card.number) if row.card.number is not None else "",
            row.card.title,
            {c: row.count(c) for c in VOTE_VALUES},
            tuple(row.votes.get(team) for team in teams),
        )
        for row in rows
    )
    view = View(
        f"resultaten-{deck.name}",
        f"{said.results.ranking}: {deck.title}",
        deck.source,
        deck.colour,
        said.poster.results.format(session=session),
        votes=tuple(votes_of(deck)),
        ranking=ranked,
        teams=tuple(teams),
    )
    layout = project.layout("poster", "poster")
    return draw(project, view, layout, options, language, target)


# what lies under each text style: the paper, a grid cell's tint of the poster's colour,
# or (the numbers) a badge in that colour
UNDER = {
    "number": ("deck",),
    "heading": ("paper", "tint:deck"),
    "body": ("paper", "tint:deck"),
    "figure": ("tint:deck",),
    "small": ("paper", "tint:deck"),
}


def contrast_warnings(project, materials) -> list:
    """Text styles of the poster layouts in use against what lies under them, in each of
    the three colours a poster may take from its content (WCAG AA)."""
    return layout_style_problems(project, materials, "poster", lambda layout: UNDER, DECK_ROLES)


KIND = Kind(
    name="poster",
    plural="posters",
    content=POSTER_FILE,
    make=make_poster,
    describe=describe,
    load_layout=load_layout,
    check_layout=lambda project, name: [],  # load_layout checks all a poster layout has
    warnings=lambda project, materials, teams: contrast_warnings(project, materials),
    build=build,
    command=COMMAND,
    options=with_poster_options,
    content_check=shape_problems,
    overview=poster_overview,
    drawn_from_others=True,
    file_name=file_name,
    results=poster_results,
)
