"""`workshop build` and `workshop deck`: check the input, render, then write atomically.

The same steps run for `workshop validate` with nothing written (`out_dir=None`), so a
kit that validates is a kit that builds."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..answers import links, network
from ..errors import BuildError, InputError, Policy, Problem, Problems, Severity, Where
from ..kinds import KINDS
from ..kinds.kind import Built, Options, Progress
from ..kit.kitfile import AUTO, Material
from ..kit.naming import file_name, session_folder
from ..kit.project import Project
from ..print.output import batch


@dataclass
class Result:
    """What a build made: the folder, each file, and the warnings to show."""

    folder: Path | None
    built: list[Built] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def options_for(
    project: Project,
    strict: bool = False,
    allow_overflow: bool = False,
    progress: Progress | None = None,
    answers_url: str | None = None,
    **overrides,
) -> Options:
    """The kit's settings, with the command line's values where it gives one."""
    kit = project.kit()
    given = answers_url or (kit.answers.url if kit.answers else None)
    options = Options(
        teams=kit.teams,
        participants=kit.participants,
        session=kit.session,
        form_url=kit.form_url,
        language=kit.language,
        strict=strict,
        allow_overflow=allow_overflow,
        progress=progress,
        url_origin=_url_origin(project, answers_url),
        answers_url=network.base_url(_lan_or_loopback()) if given == AUTO else given,
        answers_auto=given == AUTO,
    )
    return replace(options, **{k: v for k, v in overrides.items() if v is not None})


def _url_origin(project: Project, answers_url: str | None) -> str:
    """Where the links on the cards are set, for messages."""
    if answers_url:
        return "--answers-url"
    key = "answers.url" if project.kit().answers else "form_url"
    return f"{key} ({project.where(key)})"


def _lan_or_loopback() -> str:
    """This machine's LAN address; loopback (with a warning, see _answers_warnings) when
    it has none, so that a build without a network still makes a deck to test with."""
    return network.lan_address() or network.LOOPBACK


def build_all(project: Project, out_dir: Path | None, options: Options) -> Result:
    """Every material the kit file lists."""
    return build_materials(project, project.kit().materials, options, out_dir)


def build_one(
    project: Project,
    kind: str,
    name: str,
    out_dir: Path,
    options: Options,
    layout: str | None = None,
    given: Mapping[str, Any] | None = None,
) -> Result:
    """One material of a kind, with the kit's layout for it unless another is named, and
    the options of its own kind that the command line `given`."""
    listed = [m for m in project.kit().materials if m.kind == kind and m.name == name]
    if not listed and layout is None:
        raise InputError([_unlisted(project, kind, name)])
    material = Material(kind, name, layout) if layout else listed[0]
    return build_materials(project, (material,), options, out_dir, given)


def build_materials(
    project: Project,
    materials,
    options: Options,
    out_dir: Path | None,
    given: Mapping[str, Any] | None = None,
) -> Result:
    """Check, then draw every material; write them only when all succeeded. Each kind
    builds with its own options (Kind.options): those `given`, else its defaults."""
    _check_inputs(project, materials)
    result = Result(session_folder(out_dir, options.session) if out_dir else None)
    result.warnings = _warnings(project, materials, options)
    options = with_secret(project, options, write=out_dir is not None)
    if result.folder is None:
        result.built = _draw_all(project, materials, options, lambda name: None, given or {})
        return _said_once(result)
    try:
        with batch(result.folder) as out:
            result.built = _draw_all(project, materials, options, out.target, given or {})
    except OSError as exc:
        raise BuildError(
            f"cannot write to {exc.filename or result.folder}: {exc.strerror}"
        ) from None
    return _said_once(result)


def _said_once(result: Result) -> Result:
    """Each warning once: a file that combines materials (the worksheet booklet) draws
    them again and meets their warnings again."""
    seen = set(result.warnings)
    built = []
    for item in result.built:
        new = tuple(w for w in dict.fromkeys(item.warnings) if w not in seen)
        seen.update(new)
        built.append(replace(item, warnings=new))
    result.built = built
    return result


def _draw_all(project: Project, materials, options: Options, target_of, given) -> list[Built]:
    """Each material into its file (`target_of(file name)`), then the files that combine
    all materials of a kind (the worksheet booklet) when a build has more than one."""
    listed = project.kit().materials
    built = []
    for material in materials:
        kind = KINDS[material.kind]
        own = kind.options(options, given)
        name = file_name(material, listed, own)
        made = kind.build(project, material, own, target_of(name))
        built.append(replace(made, file=name))
    for kind in dict.fromkeys(m.kind for m in materials):
        combined, group = KINDS[kind].combined, tuple(m for m in materials if m.kind == kind)
        if combined and len(group) > 1:
            name = f"{combined.name}.pdf"
            own = KINDS[kind].options(options, given)
            made = combined.build(project, group, own, target_of(name))
            built.append(replace(made, file=name))
    return built


def with_secret(project: Project, options: Options, write: bool) -> Options:
    """Short links need the kit's secret; the first build makes it. A check that writes
    nothing (validate) makes none: without one it draws codes under a stand-in secret,
    the same length as the real ones."""
    if not options.answers_url:
        return options
    secret_file = project.root / links.SECRET_FILE
    if not write and not secret_file.exists() and not os.environ.get(links.SECRET_ENV):
        return replace(options, secret=b"validate: no secret yet")
    try:
        secret = links.load_secret(project.root, create=write)
    except OSError as exc:
        raise BuildError(
            f"cannot read or make the kit's secret {project.show(secret_file)}: "
            f"{exc.strerror or exc}"
        ) from None
    if not secret:
        raise BuildError(
            f"{project.show(secret_file)} is empty: expected the kit's secret; delete the "
            f"file to make a new one (cards printed before then get other codes)"
        )
    return replace(options, secret=secret)


def _answers_warnings(project: Project, options: Options) -> list[Problem]:
    """answers.url: auto makes links to this machine as it is now."""
    if not options.answers_auto:
        return []
    at = project.where("answers.url")
    found = [
        at.problem(
            f"'auto' gives {options.answers_url}, this machine's address now: the deck then "
            f"only works while this machine serves there (workshop serve); set answers.url "
            f"in {project.show(project.kit_file)} or pass --answers-url for a fixed address"
        )
    ]
    if network.LOOPBACK in options.answers_url:
        found.append(
            at.problem(
                "no LAN address found (is this machine on a network?): the links lead to "
                "127.0.0.1, which phones cannot reach; connect to the room's network (or a "
                "phone hotspot) and build again, or pass --answers-url"
            )
        )
    return found


def _warnings(project: Project, materials, options: Options) -> list[str]:
    """Warnings about the kit file and the layouts and brand in use; errors with --strict."""
    problems = _answers_warnings(project, options) + project.warnings(materials, options.teams)
    found = Problems(Policy.of(options))
    found.extend(replace(p, severity=Severity.WARNING) for p in problems)
    return list(found.stop())


def _check_inputs(project: Project, materials) -> None:
    """All problems of all files this build reads, before anything is drawn."""
    Problems().extend(project.check_all(materials)).stop()


def _unlisted(project: Project, kind: str, name: str) -> Problem:
    listed = [m.name for m in project.kit().materials if m.kind == kind]
    return Where(project.show(project.kit_file), None, "materials").problem(
        f"{kind} '{name}' is not listed; pass --layout to build it anyway "
        f"(listed {KINDS[kind].plural}: {', '.join(listed) or 'none'}; "
        f"content files: {', '.join(project.content_names())})"
    )
