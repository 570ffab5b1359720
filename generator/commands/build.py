"""`workshop build` and `workshop deck`: check the input, render, then write atomically."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import BuildError, InputError, Problem, Where
from ..materials import BUILDERS
from ..materials.deck import Built, Options
from ..model.kit import Material
from ..output import batch
from ..project import Project


def default_options(project: Project, strict: bool = False) -> Options:
    kit = project.kit()
    return Options(
        teams=kit.teams,
        participants=kit.participants,
        session=kit.session,
        form_url=kit.form_url,
        strict=strict,
    )


def build_all(project: Project, out_dir: Path, strict: bool = False) -> list[Built]:
    """Every material the kit file lists."""
    return build_materials(
        project, project.kit().materials, default_options(project, strict), out_dir
    )


def build_deck(
    project: Project,
    name: str,
    out_dir: Path,
    layout: str | None = None,
    strict: bool = False,
    **overrides,
) -> list[Built]:
    """One deck, with the kit's layout for it unless another is named."""
    listed = {m.name: m for m in project.kit().materials if m.kind == "deck"}
    material = listed.get(name)
    if material is None or layout:
        if layout is None:
            raise InputError([_unlisted(project, name)])
        material = Material("deck", name, layout)
    options = replace(
        default_options(project, strict), **{k: v for k, v in overrides.items() if v is not None}
    )
    return build_materials(project, (material,), options, out_dir)


def build_materials(project: Project, materials, options: Options, out_dir: Path) -> list[Built]:
    _check_inputs(project, materials)
    built = []
    try:
        with batch(out_dir) as out:
            for material in materials:
                target = out.target(f"{material.name}.pdf")
                built.append(BUILDERS[material.kind](project, material, options, target))
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or out_dir}: {exc.strerror}") from None
    return built


def _check_inputs(project: Project, materials) -> None:
    """All problems of all files this build reads, before anything is drawn."""
    problems = project.check_all(materials)
    if problems:
        raise InputError(problems)


def _unlisted(project: Project, name: str) -> Problem:
    return Where(project.show(project.kit_file), None, "materials").problem(
        f"deck '{name}' is not listed; pass --layout to build it anyway "
        f"(decks: {', '.join(project.deck_names())})"
    )
