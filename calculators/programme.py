"""A «Нулевой травматизм» programme (seed 003 as a whole): reading it, and its yearly evaluation.

Input: one JSON object (what ``python -m calculators programme --input FILE`` reads and what the
site's programme page saves to a file)::

    {
      "organization": "ООО «Пример»",                 required
      "title": "…", "approved_by": "приказ от … № …",   optional
      "years": [2025, 2027],                           required: first and last year
      "financing": {"2025": 1200, …},                  тыс. руб. per year, optional
      "financing_sources": "…",
      "goals": ["…"], "tasks": ["…"],                  absent: the template's 3.2 and 3.3
      "indicators": [{"preset": "frequency" | "name": "…", "method": "…", "better": "lower",
                      "base": 2.5, "plan": {"2025": 2.0}, "actual": {"2025": 1.8}}],
      "measures": [{"id": 7 | "text": "…", "section": 2, "deadline": "…", "executor": "…",
                    "cost": 150}],
      "risks": {"measures": "…", "measures_reasons": "…", "results": "…",
                "results_reasons": "…", "other": "…", "mitigation": "…"}
    }

Numbers may be written as form text («1 250,5»), as the other calculators accept them. Every
refusal is a Russian message naming the field (``Message.input`` is the top-level key,
``Message.path`` the rest: row index, field, year). E_i per indicator and year comes from the
``zero_injury`` calculator, so the programme and that calculator never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from calculators import display, zero_injury
from calculators.declarations import Choice, Input
from calculators.engine import run
from calculators.messages import Message, PathItem, rejected, warning
from calculators.programme_template import GOALS, PROGRAMME_NAME, TASKS, TYPICAL_BY_ID, TYPICAL_INDICATORS
from calculators.validation import read_fields, read_value, shown
from calculators.vision_zero_measures import MEASURES, RULES

# The template does not limit a programme's length; ten year columns still fit Приложение 1 on
# a landscape A4 page (the project's limit).
MAX_PROGRAMME_YEARS = 10
MAX_INDICATORS = 30
MAX_MEASURES = 200
MAX_LIST_ITEMS = 30
MAX_TEXT = 2000

ORGANIZATION = Input("organization", "Организация", kind="text", max_length=500, required=True)
TITLE = Input("title", "Наименование программы", kind="text", max_length=500, default=PROGRAMME_NAME)
APPROVED_BY = Input("approved_by", "Утверждающий локальный правовой акт", kind="text", max_length=500)
SOURCES = Input("financing_sources", "Источники ресурсного обеспечения", kind="text", max_length=MAX_TEXT)
FIRST_YEAR = Input(
    "years",
    "Сроки реализации, первый год",
    kind="integer",
    minimum=zero_injury.FIRST_YEAR,
    maximum=zero_injury.LAST_YEAR,
    required=True,
)
LAST_YEAR = Input(
    "years",
    "Сроки реализации, последний год",
    kind="integer",
    minimum=zero_injury.FIRST_YEAR,
    maximum=zero_injury.LAST_YEAR,
    required=True,
)
FINANCING = Input("financing", "Объем финансирования", unit="тыс. руб.", minimum=0, maximum=zero_injury.MAX_VALUE)
GOAL = Input("goals", "Цели программы", kind="text", max_length=MAX_TEXT)
TASK = Input("tasks", "Задачи программы", kind="text", max_length=MAX_TEXT)

_ZERO_INJURY_COLUMNS = {item.id: item for item in zero_injury.INDICATOR_COLUMNS}
_YEAR_COLUMNS = {item.id: item for item in zero_injury.YEAR_COLUMNS}
INDICATOR_FIELDS: tuple[Input, ...] = (
    Input(
        "preset",
        "Типовой показатель Приложения 1",
        kind="choice",
        choices=tuple(Choice(item.id, item.name) for item in TYPICAL_INDICATORS),
        hint="Задаёт наименование, методику расчета и направление улучшения.",
    ),
    _ZERO_INJURY_COLUMNS["name"],
    Input("method", "Методика расчета целевого показателя", kind="text", max_length=3000),
    _ZERO_INJURY_COLUMNS["better"],
    _ZERO_INJURY_COLUMNS["base"],
)
PLAN = _YEAR_COLUMNS["plan"]
ACTUAL = _YEAR_COLUMNS["actual"]
INDICATORS_LABEL = "Целевые показатели программы"

MEASURE_FIELDS: tuple[Input, ...] = (
    Input("id", "Номер мероприятия в типовом перечне", kind="integer", minimum=1, maximum=len(MEASURES)),
    Input("text", "Наименование мероприятия", kind="text", max_length=MAX_TEXT),
    Input("section", "Раздел перечня («золотое правило»)", kind="integer", minimum=1, maximum=len(RULES)),
    Input("deadline", "Срок исполнения", kind="text", max_length=500),
    Input("executor", "Исполнитель", kind="text", max_length=500),
    Input("cost", "Стоимость", unit="тыс. руб.", minimum=0, maximum=zero_injury.MAX_VALUE),
)
MEASURES_LABEL = "Мероприятия программы"

RISK_FIELDS: tuple[Input, ...] = (
    Input("measures", "Мероприятия, которые могут быть не реализованы", kind="text", max_length=MAX_TEXT),
    Input("measures_reasons", "Причины нереализации мероприятий", kind="text", max_length=MAX_TEXT),
    Input("results", "Результаты, которые могут быть не достигнуты", kind="text", max_length=MAX_TEXT),
    Input("results_reasons", "Причины недостижения результатов", kind="text", max_length=MAX_TEXT),
    Input("other", "Иные риски", kind="text", max_length=MAX_TEXT),
    Input("mitigation", "Меры управления рисками", kind="text", max_length=MAX_TEXT),
)
RISKS_LABEL = "Риски реализации программы"

TOP_FIELDS = (
    "organization",
    "title",
    "approved_by",
    "years",
    "financing",
    "financing_sources",
    "goals",
    "tasks",
    "indicators",
    "measures",
    "risks",
)


@dataclass(frozen=True)
class Indicator:
    name: str
    method: str
    better: str
    base: float
    plan: dict[int, float]
    actual: dict[int, float]
    preset: str | None = None


@dataclass(frozen=True)
class Measure:
    text: str
    section: int | None  # 1–7, the golden rule; None: the organisation's own, outside the seven
    deadline: str
    executor: str
    cost: float | None
    number: int | None = None  # the measure's number in the template's list


@dataclass(frozen=True)
class Risks:
    measures: str = ""
    measures_reasons: str = ""
    results: str = ""
    results_reasons: str = ""
    other: str = ""
    mitigation: str = ""


@dataclass(frozen=True)
class Programme:
    organization: str
    title: str
    approved_by: str
    first_year: int
    last_year: int
    financing: dict[int, float]
    financing_sources: str
    goals: tuple[str, ...]
    tasks: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    measures: tuple[Measure, ...]
    risks: Risks = field(default_factory=Risks)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def financing_total(self) -> float | None:
        """The total only when every year has its amount: a partial sum would be a wrong figure."""
        if any(year not in self.financing for year in self.years):
            return None
        return sum(self.financing[year] for year in self.years)


@dataclass(frozen=True)
class YearProgress:
    year: int
    plan: float | None
    actual: float | None
    progress: float | None  # E_i, percent; None when it cannot be computed


@dataclass(frozen=True)
class Evaluation:
    """E_i per indicator (same order as the programme's) and year, and the mean of each year."""

    indicators: tuple[tuple[YearProgress, ...], ...]
    totals: dict[int, float]
    messages: tuple[Message, ...]

    def years_with_actual(self) -> list[int]:
        return sorted({point.year for points in self.indicators for point in points if point.actual is not None})


@dataclass(frozen=True)
class Assessment:
    programme: Programme | None
    evaluation: Evaluation | None
    messages: list[Message]

    @property
    def accepted(self) -> bool:
        return self.programme is not None


class ProgrammeRejectedError(ValueError):
    """The input was refused; ``messages`` say why (in Russian)."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__("; ".join(message.text for message in messages if message.kind == "rejected"))
        self.messages = messages


# -- reading ---------------------------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    def refuse(self, text: str, top: str, path: tuple[PathItem, ...] = ()) -> None:
        self.messages.append(rejected(text, top, path))

    def fields(
        self, fields: tuple[Input, ...], raw: Any, labels: tuple[str, ...], path: tuple[PathItem, ...], top: str | None
    ) -> dict[str, Any]:
        values, messages = read_fields(fields, raw, labels, path, top)
        self.messages.extend(messages)
        return values

    def value(self, item: Input, raw: Any, labels: tuple[str, ...], path: tuple[PathItem, ...], top: str) -> Any:
        value, messages = read_value(item, raw, labels, path, top)
        self.messages.extend(messages)
        return value

    def years(self, raw: Any) -> tuple[int, int] | None:
        if raw is None:
            self.refuse("«Сроки реализации»: поле не заполнено — нужны первый и последний годы программы", "years")
            return None
        if not isinstance(raw, list) or len(raw) != 2:
            self.refuse(
                f"«Сроки реализации»: нужен список из двух лет [первый, последний], получено {shown(raw)}", "years"
            )
            return None
        first = self.value(FIRST_YEAR, raw[0], (), (0,), "years")
        last = self.value(LAST_YEAR, raw[1], (), (1,), "years")
        if first is None or last is None:
            return None
        if last < first:
            self.refuse(f"«Сроки реализации»: последний год {last} раньше первого {first}", "years", (1,))
            return None
        if last - first + 1 > MAX_PROGRAMME_YEARS:
            self.refuse(
                f"«Сроки реализации»: программа не длиннее {MAX_PROGRAMME_YEARS} лет, получено "
                f"{last - first + 1} ({first}–{last})",
                "years",
                (1,),
            )
            return None
        return first, last

    def by_year(
        self,
        item: Input,
        raw: Any,
        labels: tuple[str, ...],
        path: tuple[PathItem, ...],
        top: str,
        years: tuple[int, int] | None,
    ) -> dict[int, float]:
        """``{year: number}``; keys must be years of the programme, blank values are left out."""
        where = ", ".join((*labels, f"«{item.label}»"))
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.refuse(f"{where}: нужен объект «год: значение», получено {shown(raw)}", top, path)
            return {}
        values: dict[int, float] = {}
        for key, value in raw.items():
            text = str(key).strip()
            year = int(text) if text.isdigit() else None
            if year is None or (years is not None and not years[0] <= year <= years[1]):
                span = f" ({years[0]}–{years[1]})" if years else ""
                self.refuse(f"{where}: «{key}» — не год срока реализации программы{span}", top, (*path, str(key)))
                continue
            number = self.value(item, value, (*labels, f"{year} год"), (*path, str(year)), top)
            if number is not None:
                values[year] = number
        return values

    def texts(self, item: Input, raw: Any, default: tuple[str, ...]) -> tuple[str, ...]:
        if raw is None:
            return default
        if not isinstance(raw, list):
            self.refuse(f"«{item.label}»: нужен список строк, получено {shown(raw)}", item.id)
            return ()
        if len(raw) > MAX_LIST_ITEMS:
            self.refuse(f"«{item.label}»: не больше {MAX_LIST_ITEMS} пунктов, получено {len(raw)}", item.id)
            return ()
        items = []
        for index, value in enumerate(raw):
            text = self.value(item, value, (), (index,), item.id)
            if text:
                items.append(text)
        return tuple(items)

    def rows(self, raw: Any, top: str, label: str, limit: int) -> list[tuple[int, dict[str, Any]]]:
        if raw is None or raw == []:
            return []
        if not isinstance(raw, list):
            self.refuse(f"«{label}»: нужен список, получено {shown(raw)}", top)
            return []
        if len(raw) > limit:
            self.refuse(f"«{label}»: не больше {limit} строк, получено {len(raw)}", top)
            return []
        rows = []
        for index, row in enumerate(raw):
            if not isinstance(row, dict):
                text = f"«{label}», строка {index + 1}: нужен объект с полями, получено {shown(row)}"
                self.refuse(text, top, (index,))
                continue
            rows.append((index, row))
        return rows

    def indicator(self, index: int, raw: dict[str, Any], years: tuple[int, int] | None) -> Indicator | None:
        labels = (f"«{INDICATORS_LABEL}», строка {index + 1}",)
        scalars = {key: value for key, value in raw.items() if key not in ("plan", "actual")}
        before = len(self.messages)
        values = self.fields(INDICATOR_FIELDS, scalars, labels, (index,), "indicators")
        plan = self.by_year(PLAN, raw.get("plan"), labels, (index, "plan"), "indicators", years)
        actual = self.by_year(ACTUAL, raw.get("actual"), labels, (index, "actual"), "indicators", years)
        preset = TYPICAL_BY_ID.get(values["preset"] or "")
        name = values["name"] or (preset.name if preset else "")
        if not name:
            self.refuse(
                f"{labels[0]}: нужно наименование показателя или выбор типового показателя Приложения 1",
                "indicators",
                (index, "name"),
            )
        if preset is not None and values["better"] is not None and values["better"] != "lower":
            self.refuse(
                f"{labels[0]}: для показателя «{preset.name}» лучше меньшее значение", "indicators", (index, "better")
            )
        if len(self.messages) > before:
            return None
        return Indicator(
            name=name,
            method=values["method"] or (preset.method if preset else ""),
            better=values["better"] or "lower",
            base=values["base"],
            plan=plan,
            actual=actual,
            preset=preset.id if preset else None,
        )

    def measure(self, index: int, raw: dict[str, Any], seen: set[int]) -> Measure | None:
        label = f"«{MEASURES_LABEL}», строка {index + 1}"
        before = len(self.messages)
        values = self.fields(MEASURE_FIELDS, raw, (label,), (index,), "measures")
        if len(self.messages) > before:
            return None
        number, text = values["id"], values["text"]
        if number is None and not text:
            self.refuse(
                f"{label}: нужен номер мероприятия из типового перечня (1–{len(MEASURES)}) или наименование "
                "своего мероприятия",
                "measures",
                (index, "text"),
            )
            return None
        if number is not None and text:
            self.refuse(
                f"{label}: укажите либо номер мероприятия из типового перечня, либо наименование своего "
                "мероприятия, а не оба",
                "measures",
                (index, "text"),
            )
            return None
        deadline, executor = values["deadline"] or "", values["executor"] or ""
        if number is None:
            return Measure(text, values["section"], deadline, executor, values["cost"])
        typical = MEASURES[number - 1]
        if number in seen:
            self.refuse(f"{label}: мероприятие № {number} перечня уже есть в программе", "measures", (index, "id"))
            return None
        seen.add(number)
        if values["section"] is not None and values["section"] != typical.rule:
            self.refuse(
                f"{label}: мероприятие № {number} относится к разделу {typical.rule} перечня, а не {values['section']}",
                "measures",
                (index, "section"),
            )
            return None
        return Measure(
            typical.text,
            typical.rule,
            deadline or typical.term,
            executor,
            values["cost"],
            number=number,
        )


def read_programme(raw: Any) -> tuple[Programme | None, list[Message]]:
    """The programme, or ``None`` with the refusals; warnings come with an accepted programme."""
    reader = _Reader()
    if not isinstance(raw, dict):
        reader.refuse(f"Программа должна быть объектом JSON с полями, получено {shown(raw)}", "")
        return None, reader.messages
    for key in raw:
        if key not in TOP_FIELDS:
            reader.refuse(f"Неизвестное поле {shown(str(key))}: такого поля у программы нет", str(key))
    scalars = reader.fields(
        (ORGANIZATION, TITLE, APPROVED_BY, SOURCES),
        {key: raw[key] for key in ("organization", "title", "approved_by", "financing_sources") if key in raw},
        (),
        (),
        None,
    )
    years = reader.years(raw.get("years"))
    financing = reader.by_year(FINANCING, raw.get("financing"), (), (), "financing", years)
    goals = reader.texts(GOAL, raw.get("goals"), GOALS)
    tasks = reader.texts(TASK, raw.get("tasks"), TASKS)
    indicator_rows = reader.rows(raw.get("indicators"), "indicators", INDICATORS_LABEL, MAX_INDICATORS)
    if not indicator_rows and not any(m.input == "indicators" for m in reader.messages):
        reader.refuse(f"«{INDICATORS_LABEL}»: нужен хотя бы один целевой показатель", "indicators")
    indicators = [reader.indicator(index, row, years) for index, row in indicator_rows]
    seen: set[int] = set()
    measures = [
        reader.measure(index, row, seen)
        for index, row in reader.rows(raw.get("measures"), "measures", MEASURES_LABEL, MAX_MEASURES)
    ]
    risks_raw = raw.get("risks")
    risks = Risks()
    if risks_raw is not None and not isinstance(risks_raw, dict):
        reader.refuse(f"«{RISKS_LABEL}»: нужен объект с полями, получено {shown(risks_raw)}", "risks")
    elif risks_raw:
        read = reader.fields(RISK_FIELDS, risks_raw, (f"«{RISKS_LABEL}»",), (), "risks")
        risks = Risks(**{key: value or "" for key, value in read.items()})
    if any(message.kind == "rejected" for message in reader.messages) or years is None:
        return None, reader.messages
    programme = Programme(
        organization=scalars["organization"],
        title=scalars["title"] or PROGRAMME_NAME,
        approved_by=scalars["approved_by"] or "",
        first_year=years[0],
        last_year=years[1],
        financing=financing,
        financing_sources=scalars["financing_sources"] or "",
        goals=goals,
        tasks=tasks,
        indicators=tuple(item for item in indicators if item is not None),
        measures=tuple(item for item in measures if item is not None),
        risks=risks,
    )
    return programme, [*reader.messages, *_warnings(programme)]


def _warnings(programme: Programme) -> list[Message]:
    messages = []
    if not programme.measures:
        messages.append(warning(f"«{MEASURES_LABEL}»: не выбрано ни одного мероприятия — приложение 2 будет пустым"))
    costs = [measure.cost for measure in programme.measures if measure.cost is not None]
    total = programme.financing_total
    if costs and total is not None and sum(costs) > total:
        messages.append(
            warning(
                f"Стоимость мероприятий ({display.entered(sum(costs))} тыс. руб.) больше общего объема "
                f"финансирования программы ({display.entered(total)} тыс. руб.)",
                "financing",
            )
        )
    return messages


# -- evaluation (section 8) ----------------------------------------------------------------------


def evaluate(programme: Programme) -> Evaluation:
    """E_i of every indicator for every year with a plan or an actual value, by ``zero_injury``."""
    rows = []
    for indicator in programme.indicators:
        years = [
            {"year": year, "plan": indicator.plan.get(year), "actual": indicator.actual.get(year)}
            for year in programme.years
            if year in indicator.plan or year in indicator.actual
        ]
        row: dict[str, Any] = {"name": indicator.name, "base": indicator.base, "years": years}
        if indicator.preset is not None:
            row["indicator"] = indicator.preset
        else:
            row["better"] = indicator.better
        rows.append(row)
    result = run(zero_injury.CALCULATOR, {"indicators": rows})
    if not result.accepted or result.refused:
        # The programme reads its fields with zero_injury's own declarations: this cannot happen.
        raise ProgrammeRejectedError(result.messages)
    points: list[tuple[YearProgress, ...]] = []
    for out in result.values["indicators"]:
        points.append(
            tuple(YearProgress(item["year"], item["plan"], item["actual"], item["progress"]) for item in out["years"])
        )
    totals = {item["year"]: item["total"] for item in result.values["years"] if item["total"] is not None}
    messages = tuple(_placed(message, points) for message in result.messages if _relevant(message, points))
    return Evaluation(tuple(points), totals, messages)


def _relevant(message: Message, points: list[tuple[YearProgress, ...]]) -> bool:
    """zero_injury's messages that concern a programme: not the «no current value» of plan-only years."""
    if message.kind in ("warning", "note"):
        return True
    path = message.path
    if message.output == "indicators" and len(path) == 4 and path[1] == "years":
        return points[int(path[0])][int(path[2])].actual is not None
    return False


def _placed(message: Message, points: list[tuple[YearProgress, ...]]) -> Message:
    """A zero_injury message re-addressed to the programme's field: indicator row, year's actual value."""
    if message.output != "indicators" or not message.path:
        return message
    index = int(message.path[0])
    path: tuple[PathItem, ...] = (index,)
    if len(message.path) == 4 and message.path[1] == "years":
        path = (index, "actual", str(points[index][int(message.path[2])].year))
    return Message(message.kind, message.text, input="indicators", path=path)


def assess(raw: Any) -> Assessment:
    programme, messages = read_programme(raw)
    if programme is None:
        return Assessment(None, None, messages)
    evaluation = evaluate(programme)
    return Assessment(programme, evaluation, [*messages, *evaluation.messages])


def accepted(raw: Any) -> tuple[Programme, Evaluation]:
    """The programme and its evaluation; ``ProgrammeRejectedError`` when the input is refused."""
    assessment = assess(raw)
    if assessment.programme is None or assessment.evaluation is None:
        raise ProgrammeRejectedError(assessment.messages)
    return assessment.programme, assessment.evaluation


# -- for the site's page (called in the browser through Pyodide) ----------------------------------


def percent(value: float | None) -> str:
    """E_i as the document and the page write it: «83,3 %», or «—»."""
    return display.percent(value, 1)


def message_json(message: Message) -> dict[str, Any]:
    """A message with its full path, the top-level field first (how the page finds the field)."""
    path = [message.input, *message.path] if message.input else []
    return {"kind": message.kind, "text": message.text, "path": path}


def view(raw: Any) -> dict[str, Any]:
    """What the page shows after each edit: messages by field, E_i by indicator and year."""
    assessment = assess(raw)
    data: dict[str, Any] = {
        "accepted": assessment.accepted,
        "messages": [message_json(message) for message in assessment.messages],
        "evaluation": [],
        "totals": [],
        "report_years": [],
    }
    if assessment.programme is None or assessment.evaluation is None:
        return data
    evaluation = assessment.evaluation
    years = assessment.programme.years
    for indicator, points in zip(assessment.programme.indicators, evaluation.indicators, strict=True):
        # Every year of the programme, so that the chart's axis is the programme's term.
        by_year = {point.year: point for point in points}
        full = [by_year.get(year, YearProgress(year, None, None, None)) for year in years]
        data["evaluation"].append(
            {
                "name": indicator.name,
                "base": indicator.base,
                "base_shown": display.entered(indicator.base),
                "points": [
                    {
                        "year": point.year,
                        "plan": point.plan,
                        "actual": point.actual,
                        "plan_shown": display.entered(point.plan),
                        "actual_shown": display.entered(point.actual),
                        "progress": point.progress,
                        "progress_shown": percent(point.progress) if point.actual is not None else "",
                    }
                    for point in full
                ],
            }
        )
    totals = sorted(evaluation.totals.items())
    data["totals"] = [{"year": year, "total": total, "total_shown": percent(total)} for year, total in totals]
    data["report_years"] = evaluation.years_with_actual()
    return data


def _loads(raw_json: str) -> Any:
    try:
        return json.loads(raw_json)
    except (ValueError, RecursionError):
        return None


def view_json(raw_json: str) -> str:
    return json.dumps(view(_loads(raw_json)), ensure_ascii=False, allow_nan=False)


def document(raw_json: str) -> bytes:
    """The programme DOCX; ``ProgrammeRejectedError`` when the input is refused."""
    from calculators.programme_document import programme_docx

    return programme_docx(*accepted(_loads(raw_json)))


def report(raw_json: str, year: int) -> bytes:
    """The evaluation report DOCX for ``year``; ``ProgrammeRejectedError`` when it cannot be made."""
    from calculators.programme_document import report_docx

    programme, evaluation = accepted(_loads(raw_json))
    return report_docx(programme, evaluation, int(year))
