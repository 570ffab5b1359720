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
    """The teams' answers in the results PDF, worksheet by worksheet, and the record,
    when any team answered a listed worksheet."""
    from ...results.booklet import worksheet_booklet
    from . import RECORD, build_record

    answers = worksheet_answers(materials, found)
    if not answers:
        return KindResults()
    teams = max(team for _, team in answers)

    def draw(target):
        options = replace(found.build_options(), teams=teams)
        return build_record(project, list(materials), options, answers, target)

    pages = worksheet_booklet(found.look, _answered(project, materials, answers, found))
    return KindResults(pages=tuple(pages), files=(ResultFile(f"{RECORD}.pdf", draw),))


def _answered(project, materials: tuple, answers: dict, found: SessionAnswers) -> list:
    """(title, [(question, [(team, answer)])]) per answered worksheet, in the kit's order
    and each worksheet's; a tick's answer and its comment side by side."""
    from ...answers.forms import TICK
    from .forms import worksheet_forms

    sheets = []
    for name in dict.fromkeys(m.name for m in materials):
        teams = sorted(team for sheet, team in answers if sheet == name)
        if not teams:
            continue
        form = worksheet_forms(project.material("worksheet", name), found.language)[0]
        questions, labels = [], {}
        for section in form.sections:
            for question in section.questions:
                if question.of:  # a tick's comment is printed with the tick
                    continue
                labels[question.key] = question.text
                given = []
                for team in teams:
                    mine = answers[(name, team)]
                    said = [mine.get(question.key, "")]
                    if question.kind == TICK:
                        said.append(mine.get(f"{question.key}-toelichting", ""))
                    said = " – ".join(part for part in said if part)
                    if said:
                        given.append((team, said))
                if given:
                    questions.append((question.text, given))
        sheets.append((form.title, questions))
    return sheets
