"""What a kind of material is (a deck, a worksheet, ...): the typed hooks a kind plugs in
with, what a build gives it and what it gives back.

Each kind is one package that declares a `KIND`; the registry (kinds/__init__.py) holds
the built-in ones and finds others through the `workshop.kinds` entry-point group, so a
kind in another installed package works too. The kit file, content loading, the
`workshop <kind>` commands, `build`, `validate`, `list` and the answer server go through
the registry: a new kind touches no other file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answers.forms import Form
from ..errors import Problem, Where
from ..kit.schema import Record

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
    own: Any = None  # the options of the kind being built, of its own type (Kind.options)


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
    # the title of a content object, as the answer server shows it
    title: Callable[[Any], str] = lambda content: content.title
    # a material that hangs for every team (a poster): its code leads to an overview page
    # that asks the team, then lists the forms this returns, grouped under titles:
    # (name, content, {material name: (kind, title)}, the kit's forms) -> ((title, forms),)
    overview: Callable[[str, Any, dict, Iterable[Form]], tuple] | None = None
    combined: Combined | None = None
    content_check: Callable[[Any], list[tuple[str, str]]] = lambda content: []
    # the content types it is drawn from besides its own (a poster of a deck's cards)
    also_from: tuple[str, ...] = ()
    # the file it is written to, from the name kit/naming.py gives it (elementen or
    # elementen-card-a6) and the build's options; None: that name plus .pdf
    file_name: Callable[[str, Options], str] | None = None
