"""A worksheet: a phase of the guide (or the essential aspects, or table 1) on A4, with
room to write under every question, fillable on screen, and a code to its phone form.

Content side only so far; the layouts and drawing follow (issue 7)."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..model.kit import Material
from ..model.worksheet import WORKSHEET_FILE, Worksheet, make_worksheet, shape_problems
from .kind import Built, Kind, Options
from .worksheet_forms import worksheet_forms


def describe(worksheet: Worksheet) -> str:
    phase = f"fase {worksheet.phase}: " if worksheet.phase else ""
    return f"{phase}{worksheet.title} ({len(worksheet.field_ids())} answers)"


def build(project, material: Material, options: Options, target: Path | None) -> Built:
    raise BuildError(f"worksheet '{material.name}': drawing worksheets is not built yet")


def load_layout(project, name: str, named_at):
    raise BuildError(f"layout '{name}': worksheet layouts are not built yet")


KIND = Kind(
    name="worksheet",
    plural="worksheets",
    content=WORKSHEET_FILE,
    make=make_worksheet,
    describe=describe,
    load_layout=load_layout,
    check_layout=lambda project, name: [],
    warnings=lambda project, materials, teams: [],
    build=build,
    forms=worksheet_forms,
    content_check=shape_problems,
)
