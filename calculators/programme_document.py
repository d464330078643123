"""The programme as a DOCX in the structure and wording of seed 003, and the yearly evaluation report.

The programme: approval line, title, sections 1–8 (the passport as a two-column table), then, on
landscape pages, Приложение 1 (target indicators with method, base value and plan per year) and
Приложение 2 (the measures by the seven sections of the template's list, with deadline, executor
and, when given, cost). Section 8 ends with E_i per indicator and year for the years that have an
actual value. Whatever the organisation left blank keeps the template's blank («_____») or hint
(«(перечислить)»), so the document can be finished by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

from calculators import display
from calculators import programme_template as t
from calculators.messages import Message
from calculators.programme import (
    Evaluation,
    Measure,
    Programme,
    ProgrammeRejectedError,
    YearProgress,
    percent,
)
from calculators.vision_zero_measures import RULES
from calculators.wordml import Cell, Content, DocumentWriter, Run, cell

REPORT_TITLE = "Оценка уровня реализации программы «Нулевой травматизм» за {year} год"
RESULTS_HEADING = "Результаты оценки уровня реализации программы"
E_I: list[str | Run] = ["Уровень реализации E", Run("i", script="sub"), ", %"]
TOTAL_CONVENTION = (
    "Средний уровень реализации – среднее арифметическое уровней реализации показателей, у которых "
    "есть фактическое значение за год; каждый уровень входит в среднее ограниченным диапазоном "
    "0–100 %. Методические рекомендации способ "
    "сведения показателей в общую оценку не устанавливают: так считает калькулятор «Оценка уровня "
    "реализации программы «Нулевой травматизм»» (соглашение проекта)."
)


# Column shares of the E_i table: wide enough for «Фактическое значение» in 10 pt.
PROGRESS_WEIGHTS = (0.6, 4.0, 0.8, 1.4, 1.4, 1.8, 1.6)


def term(programme: Programme) -> str:
    if programme.first_year == programme.last_year:
        return f"{programme.first_year} год"
    return f"{programme.first_year}–{programme.last_year} годы"


def _number(value: float | None) -> str:
    return "" if value is None else display.entered(value)


def _or_blank(text: str, blank: str = t.BLANK) -> str:
    return text if text else blank


def _hint(text: str) -> Run:
    return Run(f"({text})", italic=True)


def _numbered(items: Sequence[str], prefix: str = "") -> list[str]:
    """«3.2.1. Текст;» … «3.2.4. Текст.» — the template's list punctuation."""
    lines = []
    for index, item in enumerate(items):
        end = "." if index == len(items) - 1 else ";"
        lines.append(f"{prefix}{index + 1}. {item.rstrip(' .;')}{end}")
    return lines


def _financing_lines(programme: Programme, lead: str) -> list[str]:
    total = programme.financing_total
    lines = [lead.format(total=t.BLANK if total is None else display.entered(total))]
    years = programme.years
    for index, year in enumerate(years):
        amount = programme.financing.get(year)
        end = "" if index == len(years) - 1 else ";"
        shown = t.BLANK if amount is None else display.entered(amount)
        lines.append(t.FINANCING_YEAR.format(year=year, amount=shown) + end)
    return lines


def _approval(doc: DocumentWriter, programme: Programme) -> None:
    doc.paragraph("УТВЕРЖДЕНА", align="right", bold=True, first_line=False, space_after=0)
    if programme.approved_by:
        doc.paragraph(programme.approved_by, align="right", first_line=False)
    else:
        doc.paragraph(t.LONG_BLANK, align="right", first_line=False, space_after=0)
        doc.paragraph(_hint(t.PASSPORT_ACT.lower()), align="right", first_line=False)


def _passport(doc: DocumentWriter, programme: Programme) -> None:
    indicators = [indicator.name for indicator in programme.indicators]
    rows = [
        (t.PASSPORT_NAME, [programme.title]),
        (t.PASSPORT_ACT, [_or_blank(programme.approved_by, t.LONG_BLANK)]),
        (t.PASSPORT_GOALS, _numbered(programme.goals) or [t.LONG_BLANK]),
        (t.PASSPORT_TASKS, _numbered(programme.tasks) or [t.LONG_BLANK]),
        (t.PASSPORT_INDICATORS, _numbered(indicators)),
        (t.PASSPORT_TERM, [term(programme)]),
        (t.PASSPORT_FINANCING, _financing_lines(programme, t.PASSPORT_FINANCING_TOTAL)),
    ]
    doc.table([[cell(label), Cell(tuple(lines))] for label, lines in rows], (3, 7), header_rows=0)


def _goals(doc: DocumentWriter, programme: Programme) -> None:
    doc.paragraph(t.GOALS_INTRO)
    doc.paragraph(t.RULES_INTRO)
    for line in _numbered([rule.rule for rule in RULES], "3.1."):
        doc.paragraph(line)
    doc.paragraph(t.GOALS_LEAD)
    for line in _numbered(programme.goals, "3.2.") or [t.LONG_BLANK]:
        doc.paragraph(line)
    doc.paragraph(t.TASKS_LEAD)
    for line in _numbered(programme.tasks, "3.3.") or [t.LONG_BLANK]:
        doc.paragraph(line)


def _resources(doc: DocumentWriter, programme: Programme) -> None:
    for line in _financing_lines(programme, t.FINANCING_TOTAL):
        doc.paragraph(line)
    if programme.financing_sources:
        doc.paragraph(t.SOURCES_LEAD + programme.financing_sources.rstrip(" .;") + ".")
    else:
        doc.paragraph([t.SOURCES_LEAD, t.BLANK, " ", _hint(t.SOURCES_HINT.strip("()"))])


def _listed(text: str, hint: str) -> list[str | Run]:
    """«…: <the organisation's list>» or the template's « (перечислить)»."""
    return [": " + text.rstrip(" .;")] if text else [" ", _hint(hint)]


def _reasons(text: str) -> list[str | Run]:
    reasons, hint = t.RISK_REASONS
    return [f" {reasons} ", text.rstrip(" .;") if text else _hint(hint)]


def _risks(doc: DocumentWriter, programme: Programme) -> None:
    risks = programme.risks
    doc.paragraph(t.RISKS_LEAD)
    lead, hint = t.RISK_MEASURES
    doc.paragraph([lead, *_listed(risks.measures, hint), *_reasons(risks.measures_reasons), ";"])
    lead, hint = t.RISK_RESULTS
    doc.paragraph([lead, *_listed(risks.results, hint), *_reasons(risks.results_reasons), ";"])
    lead, hint = t.RISK_OTHER
    doc.paragraph([lead, *_listed(risks.other, hint), "."])
    doc.paragraph([t.MITIGATION, *_listed(risks.mitigation, "перечислить"), "."])


def _formula() -> list[str | Run]:
    def x(mark: str) -> list[str | Run]:
        return ["X", Run("i", script="sub"), Run(mark, script="sup")]

    fraction = ["(", *x("0"), " − ", *x("тек"), ") / (", *x("0"), " − ", *x("план"), ")"]
    return ["E", Run("i", script="sub"), " = ", *fraction, " × 100 %,"]


def _method(doc: DocumentWriter, paragraphs: Sequence[str]) -> None:
    for text in paragraphs:
        doc.paragraph(text)
    doc.paragraph(_formula(), align="center", first_line=False)
    doc.paragraph("где", first_line=False)
    for symbol, sub, sup, definition in t.EVALUATION_WHERE:
        doc.paragraph([symbol, Run(sub, script="sub"), Run(sup, script="sup"), definition], first_line=False)


def _notes(messages: Sequence[Message]) -> list[str]:
    """The explanations a reader of E_i needs: «удержание достигнутого уровня», why a figure is «—»."""
    return [m.text for m in messages if m.input == "indicators" and m.kind in ("note", "unavailable")]


def _progress_rows(programme: Programme, evaluation: Evaluation, years: Sequence[int]) -> list[list[Cell]]:
    header = [
        "№ п/п",
        "Наименование целевого показателя",
        "Год",
        "Базовое значение",
        "Плановое значение",
        "Фактическое значение",
        E_I,
    ]
    rows = [[cell(text) for text in header]]
    number = 0
    for indicator, points in zip(programme.indicators, evaluation.indicators, strict=True):
        shown = [point for point in points if point.year in years and point.actual is not None]
        for index, point in enumerate(shown):
            if index == 0:
                number += 1
            merge = "" if len(shown) == 1 else ("restart" if index == 0 else "continue")
            rows.append(
                [
                    cell(str(number) if index == 0 else "", merge=merge, align="center"),
                    cell(indicator.name if index == 0 else "", merge=merge),
                    cell(str(point.year), align="center"),
                    cell(display.entered(indicator.base), align="center"),
                    cell(_number(point.plan) or display.DASH, align="center"),
                    cell(_number(point.actual), align="center"),
                    cell(percent(point.progress), align="center"),
                ]
            )
    return rows


def _evaluation_results(doc: DocumentWriter, programme: Programme, evaluation: Evaluation) -> None:
    years = evaluation.years_with_actual()
    if not years:
        return
    doc.heading(RESULTS_HEADING, 2)
    doc.table(_progress_rows(programme, evaluation, years), PROGRESS_WEIGHTS)
    for text in _notes(evaluation.messages):
        doc.paragraph(text, first_line=False)


def _appendix_heading(doc: DocumentWriter, number: str, title: str, *, page_break: bool) -> None:
    doc.paragraph(number, align="right", first_line=False, space_after=0, page_break=page_break)
    doc.paragraph(t.APPENDIX_OF, align="right", first_line=False)
    doc.heading(title, 2)


def _appendix_1(doc: DocumentWriter, programme: Programme) -> None:
    years = programme.years
    fixed = t.APPENDIX_1_HEADERS[:4]
    header_1 = [cell(text, merge="restart") for text in fixed] + [cell(t.APPENDIX_1_HEADERS[4], span=len(years))]
    header_2 = [cell("", merge="continue") for _ in fixed] + [cell(f"{year} г.") for year in years]
    rows = [header_1, header_2]
    for number, indicator in enumerate(programme.indicators, start=1):
        rows.append(
            [
                cell(str(number), align="center"),
                cell(indicator.name),
                cell(indicator.method or t.LONG_BLANK),
                cell(display.entered(indicator.base), align="center"),
                *(cell(_number(indicator.plan.get(year)), align="center") for year in years),
            ]
        )
    doc.table(rows, (0.6, 3.2, 5.6, 1.4, *([1.0] * len(years))), header_rows=2)


def _grouped(measures: Sequence[Measure]) -> list[tuple[str, list[Measure]]]:
    """Measures under the template's seven sections in its order, then the organisation's others."""
    groups = []
    for rule in RULES:
        inside = [m for m in measures if m.section == rule.number and m.number is not None]
        inside.sort(key=lambda m: m.number or 0)
        inside += [m for m in measures if m.section == rule.number and m.number is None]
        if inside:
            groups.append((f"{rule.number}. {rule.section}", inside))
    others = [m for m in measures if m.section is None]
    if others:
        groups.append((f"{len(RULES) + 1}. {t.OWN_SECTION}", others))
    return groups


def _appendix_2(doc: DocumentWriter, programme: Programme) -> None:
    with_cost = any(measure.cost is not None for measure in programme.measures)
    headers = [*t.APPENDIX_2_HEADERS, *([t.COST_HEADER] if with_cost else [])]
    rows = [[cell(text) for text in headers]]
    number = 0
    for title, measures in _grouped(programme.measures):
        rows.append([cell(title, span=len(headers), bold=True, shade=True)])
        for measure in measures:
            number += 1
            row = [
                cell(str(number), align="center"),
                cell(measure.text),
                cell(measure.deadline),
                cell(measure.executor),
            ]
            if with_cost:
                row.append(cell(_number(measure.cost), align="center"))
            rows.append(row)
    costs = [measure.cost for measure in programme.measures]
    if with_cost and all(cost is not None for cost in costs):
        total = sum(cost for cost in costs if cost is not None)
        rows.append(
            [cell("Итого", span=4, bold=True, align="right"), cell(display.entered(total), bold=True, align="center")]
        )
    weights = (0.6, 7.0, 3.0, 3.0, *([1.4] if with_cost else []))
    doc.table(rows, weights)


def programme_docx(programme: Programme, evaluation: Evaluation) -> bytes:
    doc = DocumentWriter(f"{programme.title} — {programme.organization}")
    _approval(doc, programme)
    doc.paragraph(programme.organization, align="center", bold=True, first_line=False)
    doc.title(programme.title)
    doc.paragraph(f"на {term(programme)}", align="center", first_line=False)

    doc.heading(t.SECTION_GENERAL)
    for text in t.GENERAL:
        doc.paragraph(text)
    doc.heading(t.SECTION_PASSPORT)
    _passport(doc, programme)
    doc.heading(t.SECTION_GOALS)
    _goals(doc, programme)
    doc.heading(t.SECTION_INDICATORS)
    for text in t.INDICATORS_TEXT:
        doc.paragraph(text)
    doc.heading(t.SECTION_MEASURES)
    for text in t.MEASURES_TEXT:
        doc.paragraph(text)
    doc.heading(t.SECTION_RESOURCES)
    _resources(doc, programme)
    doc.heading(t.SECTION_RISKS)
    _risks(doc, programme)
    doc.heading(t.SECTION_EVALUATION)
    _method(doc, t.EVALUATION_TEXT)
    _evaluation_results(doc, programme, evaluation)

    # The appendices are wide tables: landscape pages.
    doc.new_section(landscape=True)
    _appendix_heading(doc, t.APPENDIX_1, t.APPENDIX_1_TITLE, page_break=False)
    _appendix_1(doc, programme)
    _appendix_heading(doc, t.APPENDIX_2, t.APPENDIX_2_TITLE, page_break=True)
    _appendix_2(doc, programme)
    return doc.to_bytes()


def _identity(doc: DocumentWriter, programme: Programme) -> None:
    rows: list[tuple[str, Content]] = [
        ("Организация", programme.organization),
        (t.PASSPORT_NAME, programme.title),
        (t.PASSPORT_ACT, _or_blank(programme.approved_by, t.LONG_BLANK)),
        (t.PASSPORT_TERM, term(programme)),
    ]
    doc.table([[cell(label), cell(value)] for label, value in rows], (3, 7), header_rows=0)


def _year_rows(programme: Programme, evaluation: Evaluation, year: int) -> list[list[Cell]]:
    header = [
        "№ п/п",
        "Наименование целевого показателя",
        "Базовое значение",
        f"Плановое значение на {year} год",
        f"Фактическое значение за {year} год",
        E_I,
    ]
    rows = [[cell(text) for text in header]]
    for number, (indicator, points) in enumerate(zip(programme.indicators, evaluation.indicators, strict=True), 1):
        point = next((p for p in points if p.year == year), YearProgress(year, None, None, None))
        rows.append(
            [
                cell(str(number), align="center"),
                cell(indicator.name),
                cell(display.entered(indicator.base), align="center"),
                cell(_number(point.plan) or display.DASH, align="center"),
                cell(_number(point.actual) or display.DASH, align="center"),
                cell(percent(point.progress if point.actual is not None else None), align="center"),
            ]
        )
    return rows


def report_docx(programme: Programme, evaluation: Evaluation, year: int) -> bytes:
    """The evaluation for ``year``: E_i by indicator, the mean of the year, the years so far."""
    if year not in evaluation.years_with_actual():
        raise ProgrammeRejectedError(
            [Message("rejected", f"За {year} год нет ни одного фактического значения показателей: оценивать нечего")]
        )
    title = REPORT_TITLE.format(year=year)
    doc = DocumentWriter(f"{title} — {programme.organization}")
    doc.title(title)
    _identity(doc, programme)
    doc.heading("1. Методика оценки")
    _method(doc, (t.EVALUATION_TEXT[0], t.EVALUATION_TEXT[2]))
    doc.heading(f"2. Уровень реализации по показателям за {year} год")
    doc.table(_year_rows(programme, evaluation, year), (0.6, 4.2, 1.5, 1.8, 1.8, 1.6))
    total = evaluation.totals.get(year)
    doc.paragraph(f"Средний уровень реализации по показателям за {year} год: {percent(total)}.", bold=True)
    doc.paragraph(TOTAL_CONVENTION)
    doc.heading("3. Ход реализации программы по годам")
    years = [y for y in evaluation.years_with_actual() if y <= year]
    doc.table(_progress_rows(programme, evaluation, years), PROGRESS_WEIGHTS)
    summary = [f"{y} год – {percent(evaluation.totals.get(y))}" for y in years]
    doc.paragraph("Средний уровень реализации по годам: " + "; ".join(summary) + ".")
    notes = _notes(evaluation.messages)
    if notes:
        doc.heading("4. Примечания")
        for text in notes:
            doc.paragraph(text, first_line=False)
    return doc.to_bytes()
