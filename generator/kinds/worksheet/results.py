"""A worksheet's part of a session's results: the record `werkbladen-ingevuld.pdf`,
every listed worksheet for every team up to the highest that answered, each team's
newest answers printed in (build_record)."""

from __future__ import annotations

from dataclasses import replace

from ..kind import KindResults, ResultFile, SessionAnswers


def worksheet_answers(materials: tuple, found: SessionAnswers) -> dict[tuple[str, int], dict]:
    """(worksheet, team) -> {field id: answer}: the newest submission of each team on each
    listed worksheet, as the printed record fills them in."""
    sheets = {m.name for m in materials}
    return {
        (item.material, item.team): {key: answer for key, answer in item.answers if answer.strip()}
        for item in found.of(sheets)
        if item.form == item.material
    }


def worksheet_results(project, materials: tuple, found: SessionAnswers) -> KindResults:
    """The record, when any team answered a listed worksheet."""
    from . import RECORD, build_record

    answers = worksheet_answers(materials, found)
    if not answers:
        return KindResults()
    teams = max(team for _, team in answers)

    def draw(target):
        options = replace(found.build_options(), teams=teams)
        return build_record(project, list(materials), options, answers, target)

    return KindResults(files=(ResultFile(f"{RECORD}.pdf", draw),))
