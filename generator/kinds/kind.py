"""What a kind of material is (a deck, a worksheet, ...), what a build gives it and what
it gives back. Each kind is one module that declares a `KIND`; the registry in
kinds/__init__.py is the only place that names them all. The kit file, content
loading, `workshop build`, `validate` and `list` and the answer server go through the
registry, so a new kind is a new module and a line there, with no change to another."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    size: str = "A2"  # a poster's paper: A3, A2, A1 or A0
    orientation: str = "portrait"  # a poster's: portrait or landscape
    tile: str | None = None  # print a poster on sheets of this paper (A4, A3), taped together


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
    # what is answered on a phone (and filled in on paper): (content, the kit's language)
    forms: Callable[[Any, str], Iterable[Form]] = lambda content, language: ()
    combined: Combined | None = None
    content_check: Callable[[Any], list[tuple[str, str]]] = lambda content: []
    # the content types it is drawn from besides its own (a poster of a deck's cards)
    also_from: tuple[str, ...] = ()
    # the file it is written to, from the name kit/naming.py gives it (elementen or
    # elementen-card-a6) and the build's options; None: that name plus .pdf
    file_name: Callable[[str, Options], str] | None = None
