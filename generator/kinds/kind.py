"""What a kind of material is (a deck, a worksheet, ...): the typed hooks a kind plugs in
with, what a build gives it and what it gives back.

Each kind is one package that declares a `KIND`; the registry (kinds/__init__.py) holds
the built-in ones and finds others through the `workshop.kinds` entry-point group, so a
kind in another installed package works too. The kit file, content loading, the
`workshop <kind>` commands, `build`, `validate`, `list` and the answer server go through
the registry: a new kind touches no other file. `workshop results` too: each kind with a
`results` hook adds its part of a session's results (pages in the results PDF, files of
its own), given the session's answers as `SessionAnswers`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answers.forms import Form
from ..answers.model import Submission
from ..errors import Problem, Where
from ..kit.schema import Record
from ..print.press import PrintSetup

if TYPE_CHECKING:  # only for the annotation: the server loads kinds, and no drawing code
    from ..results.look import Look

Progress = Callable[[str, int, int], None]  # material name, items done, items in all


@dataclass(frozen=True)
class Options:
    """The settings of one build, the same for every material in it."""

    teams: int
    participants: int
    session: str
    form_url: str | None
    language: str = "nl"
    strict: bool = False
    allow_overflow: bool = False
    progress: Progress | None = None
    url_origin: str = "form_url"  # where the URL template is set, for messages
    answers_url: str | None = None  # the answer server's base URL: codes are short links
    answers_auto: bool = False  # answers_url is this machine's LAN address, found now
    secret: bytes | None = None  # the kit's secret, that short links are made with
    color: str = "rgb"  # 'cmyk': process colours and a PDF/X-4 output intent (cmyk.py)
    own: Any = None  # the options of the kind being built, of its own type (Kind.options)
    # office or print shop, duplex, bleed (print/press.py)
    press: PrintSetup = field(default_factory=PrintSetup)


@dataclass(frozen=True)
class Built:
    name: str
    pages: int
    cards: int  # the items drawn, counted in `unit`
    warnings: tuple[str, ...]
    file: str = ""  # where it was written, relative to the session folder
    unit: str = "cards"  # what `cards` counts: cards of a deck, fields of a worksheet


@dataclass(frozen=True)
class Combined:
    """One more file made of all materials of a kind in a build (the worksheet booklet)."""

    name: str  # the file's name without .pdf
    build: Callable[[Any, tuple, Options, Path | None], Built]  # project, materials, ...


@dataclass(frozen=True)
class CommandOption:
    """An option that only `workshop <kind> NAME` of this kind has (`--size A1`): one of
    `choices` (any case; given to the kind in the case written here) or a whole number
    within `span`."""

    flag: str  # "--size"; the kind receives it under the name "size"
    help: str
    choices: tuple[str, ...] = ()
    span: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Command:
    """`workshop <kind> NAME`: its help (with an example) and the options only it has."""

    help: str
    options: tuple[CommandOption, ...] = ()


@dataclass(frozen=True)
class SessionAnswers:
    """What a kind's results hook is given: one session's answers, how the results PDF
    looks, and what `workshop results` was asked for."""

    session: str
    submissions: tuple[Submission, ...]  # the newest version per form and team, this session
    teams: tuple[int, ...]  # every team that answered anything in the session, in order
    exported: datetime  # when the answers were read
    language: str  # the kit's
    look: Look  # brand, fonts, words and text styles of the results PDF (results/look.py)
    frame: Any  # the results PDF's text frame (a reportlab Frame): the room of a page
    # the options `workshop results` was given beyond its own, by name: {"poster": "A3"}
    asked: Mapping[str, Any]
    # the build's options for this session, for a file drawn as a build draws it (with
    # the kit's secret for the codes); made only when asked for
    build_options: Callable[[], Options]
    color: str = "rgb"  # the results PDF's colours: 'rgb' or 'cmyk' (print/cmyk.py)

    def of(self, names: Iterable[str]) -> list[Submission]:
        """The submissions for the materials named."""
        wanted = set(names)
        return [item for item in self.submissions if item.material in wanted]


@dataclass(frozen=True)
class ResultFile:
    """A file of a kind's own in the session folder (the worksheets filled in)."""

    name: str  # with .pdf: "werkbladen-ingevuld.pdf"
    draw: Callable[[Path], Built]  # writes it to the path given


@dataclass(frozen=True)
class KindResults:
    """A kind's part of a session's results."""

    pages: tuple[Any, ...] = ()  # flowables for the results PDF, from a new page
    files: tuple[ResultFile, ...] = ()
    warnings: tuple[str, ...] = ()  # what was left out, for the results PDF's messages


def keep_options(options: Options, given: Mapping[str, Any]) -> Options:
    """A kind with no options of its own builds with the build's options as they are."""
    return options


@dataclass(frozen=True)
class Kind:
    name: str  # the kit file's key and the content file's `type`: "deck"
    plural: str  # for messages and `workshop list`: "decks"
    content: Record  # the schema of content/<name>.yaml
    make: Callable[[str, Any], Any]  # (name, checked values) -> the content object
    describe: Callable[[Any], str]  # one line about a content object for `workshop list`
    load_layout: Callable[[Any, str, Where | None], Any]  # (project, name, named at)
    check_layout: Callable[[Any, str], list[Problem]]  # every problem of a layout file
    warnings: Callable[[Any, tuple, int], list[Problem]]  # (project, materials, teams)
    build: Callable[[Any, Any, Options, Path | None], Built]  # target None: draw only
    command: Command  # `workshop <kind> NAME`
    # the build's options with this kind's own applied: (options, {key: value given on
    # the command line, or None}); a `workshop build` gives none. Sets Options.own.
    options: Callable[[Options, Mapping[str, Any]], Options] = keep_options
    # what is answered on a phone (and filled in on paper): (content, the kit's language)
    forms: Callable[[Any, str], Iterable[Form]] = lambda content, language: ()
    # one line about a layout for `workshop list`; None: its description and kind
    describe_layout: Callable[[Any], str] | None = None
    # what a poster drawn from this kind's content shows: (name, content) -> a View
    # (kinds/view.py); None: its content hangs on no wall
    wall: Callable[[str, Any], Any] | None = None
    # a poster: drawn from its own content, or from the content of any kind with a wall
    drawn_from_others: bool = False
    # the title of a content object, as the answer server shows it
    title: Callable[[Any], str] = lambda content: content.title
    # a material that hangs for every team (a poster): its code leads to an overview page
    # that asks the team, then lists the forms this returns, grouped under titles:
    # (name, content, the content's kind, {material: (kind, title)}, the kit's forms)
    #   -> (colour role, ((title, forms), ...))
    overview: Callable[[str, Any, str, dict, Iterable[Form]], tuple] | None = None
    combined: Combined | None = None
    content_check: Callable[[Any], list[tuple[str, str]]] = lambda content: []
    # the file it is written to, from the name kit/naming.py gives it (elementen or
    # elementen-card-a6) and the build's options; None: that name plus .pdf
    file_name: Callable[[str, Options], str] | None = None
    # its part of a session's results (`workshop results`): (project, the kit's materials
    # of this kind in its order, possibly none, the session's answers). Each kind's pages
    # of the results PDF begin on a new page after the title page, in the registry's
    # order of kinds; each kind's files are written beside it. Submissions for a material
    # of a kind without this hook are left out with a warning.
    results: Callable[[Any, tuple, SessionAnswers], KindResults] | None = None
    # cards imposed on sheets: `workshop <kind>` takes --sheet, --duplex and --back-offset
    imposed: bool = False
    # the content with the brand's words for the votes (brand.yaml `answers:`, vote value
    # -> word), for every material drawn from it, the server and the results alike
    answers: Callable[[Any, Mapping[str, str]], Any] = lambda content, words: content
