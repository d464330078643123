"""Calculator forms for the site, generated at build time from each calculator's declaration.

A docs page names its form with a marker line, ``<!-- practices:calculator-form coefficients -->``
(``build_tools.site_build.fragments``; the ``calculator-PART`` markers are the reference tables). The form is a
Material-styled HTML ``<form data-calculator="<id>">`` with one control per declared input
(``name`` = the input id), the conventions as visible options, and the results of the default
example (the calculator's first example) computed here by ``calculators.web.view`` — the same code
the reader's browser then runs in Pyodide — so the first paint already shows true figures.

What the browser gets besides the HTML (in a ``<script type="application/json">``): the view of
the default example, the form values of every example and preset, and the blank form. The script
``calculator-page.js`` does the rest: Web Worker, URL or local storage state, live updates, charts.

No MkDocs here; everything in the HTML is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from build_tools.calculator_site import pyodide_assets
from build_tools.exports.export_tabular import csv_rules
from build_tools.site.render import environment
from calculators import display, web
from calculators.declarations import Calculator, Convention, Input, Output
from calculators.registry import CALCULATORS
from calculators.vision_zero_measures import RULES

# Inputs of these kinds at the top level, outside any group, are the conventions' switches.
_OPTION_KINDS = ("boolean", "choice")


class CalculatorFormError(ValueError):
    """A form marker or layout that does not match the declarations (message in Russian)."""


@dataclass(frozen=True)
class Section:
    title: str
    ids: tuple[str, ...]
    # Titles of conventions shown under the section (e.g. how rates convert between units).
    conventions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """How a calculator's form is arranged; the ids must cover the declaration exactly."""

    kind: str  # "flat", "indicators", "checklist" or "two_years"
    inputs: tuple[Section, ...] = ()
    outputs: tuple[Section, ...] = ()
    # Where the state is kept: "url" (a link reproduces the result) or "local" (this browser only).
    store: str = "url"
    # The preset the empty form starts from (rows with names but no numbers), or "" for none.
    start: str = ""


LAYOUTS: dict[str, Layout] = {
    "coefficients": Layout(
        "flat",
        inputs=(
            Section(
                "Пострадавшие, численность, дни нетрудоспособности",
                (
                    "victims",
                    "fatal_victims",
                    "headcount",
                    "days_lost",
                    "disease_cases",
                    "harmful_workers",
                    "listed_workers",
                ),
            ),
            Section(
                "Отработанное время и случаи по международным определениям",
                ("hours_worked", "hours_per_worker", "lost_time_injuries", "recordable_cases", "dart_cases"),
            ),
        ),
        outputs=(
            Section(
                "Российские показатели",
                ("frequency", "fatal_frequency", "severity", "loss", "occupational_disease", "harmful_share"),
            ),
            Section(
                "Международные показатели",
                ("ilo_frequency", "ilo_incidence", "ltifr", "trir", "dart"),
                conventions=("Пересчёт на отработанные часы", "Определения случаев"),
            ),
        ),
    ),
    "zero_injury": Layout("indicators", start="seed_003"),
    "vision_zero": Layout("checklist", store="local"),
    "contest": Layout("two_years"),
    "economics": Layout(
        "flat",
        inputs=(
            Section(
                "Потери за год по статьям",
                (
                    "days_lost",
                    "day_cost",
                    "employer_payments",
                    "replacement_costs",
                    "equipment_damage",
                    "downtime_costs",
                    "investigation_costs",
                    "fines",
                    "tariff_surcharge",
                    "other_losses",
                ),
            ),
            Section("Для расчёта на человека и на фонд оплаты труда", ("victims", "headcount", "wage_fund")),
            Section("Отдача от профилактики за год", ("prevention_costs", "prevention_benefits")),
            Section(
                "Затраты на профилактику по строкам (если общая сумма не известна)",
                ("cost_ppe", "cost_service", "cost_medical", "cost_training", "cost_technical", "cost_other"),
            ),
            Section(
                "Выгода от профилактики по строкам (если общая сумма не известна)",
                (
                    "benefit_losses",
                    "benefit_disruptions",
                    "benefit_quality",
                    "benefit_staff",
                    "benefit_image",
                    "benefit_other",
                ),
            ),
            Section("Окупаемость вложений", ("investment", "annual_savings")),
        ),
        outputs=(
            Section(
                "Потери за год",
                ("lost_time_cost", "total_losses", "losses_per_victim", "losses_per_1000", "losses_wage_share"),
                conventions=("Только ваши числа",),
            ),
            Section("Отдача от профилактики", ("rop",), conventions=("Что означает 2,2 из исследования МАСО",)),
            Section("Окупаемость", ("payback_years",), conventions=("Срок окупаемости",)),
        ),
    ),
}

_ANSWER_NONE = "нет ответа"


def _is_option(item: Input) -> bool:
    return item.kind in _OPTION_KINDS and item.group is None


def form_text(value: Any) -> str:
    """A value as the form's text box holds it: no grouping, a decimal comma, exact."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)


def form_values(fields: tuple[Input, ...], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Every field's form value for ``raw`` (missing fields take their declared default)."""
    values: dict[str, Any] = {}
    for item in fields:
        value = raw.get(item.id, item.default)
        if item.kind == "boolean":
            values[item.id] = bool(value)
        elif item.kind == "table":
            values[item.id] = [form_values(item.columns, row) for row in (value or [])]
        else:
            values[item.id] = form_text(value)
    return values


def form_raw(fields: tuple[Input, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """What the page script sends to Python for these form values (blank text fields left out).

    The same rules as ``collect`` in calculator-page.js: the build computes the default result
    from exactly what the browser will send, so the first live result equals the built one.
    """
    raw: dict[str, Any] = {}
    for item in fields:
        value = values.get(item.id)
        if item.kind == "boolean":
            raw[item.id] = bool(value)
        elif item.kind == "table":
            raw[item.id] = [form_raw(item.columns, row) for row in (value or [])]
        elif isinstance(value, str) and value.strip():
            raw[item.id] = value
    return raw


def placeholders(fields: tuple[Input, ...], example: Mapping[str, Any]) -> dict[str, Any]:
    """The example's values as grey hints in the empty text boxes (never as values a form sends).

    The same shape as ``form_values``: a table gives one dict per example row, so the n-th row of
    the form shows the n-th row of the example. Switches and choices get none (they have defaults).
    """
    hints: dict[str, Any] = {}
    for item in fields:
        value = example.get(item.id)
        if item.kind == "table":
            hints[item.id] = [placeholders(item.columns, row) for row in (value or [])]
        elif item.kind not in _OPTION_KINDS and value not in (None, ""):
            # Written as a reader would type it («612 000», «2,5»): Python reads it back as typed.
            hints[item.id] = display.entered(value) if item.kind in ("integer", "number") else str(value)
    return hints


@dataclass(frozen=True)
class FormUrls:
    """Addresses relative to the page (the script turns them into absolute ones)."""

    pyodide: str  # the folder assets/pyodide/<version>/
    wheel: str
    wheel_integrity: str
    worker: str
    script: str
    stylesheet: str
    service_worker: str
    catalogue: str  # the catalogue page, for «practices for this rule»
    offline_cache: str = ""  # the Cache Storage name the service worker keeps Pyodide in


@dataclass
class _Context:
    calculator: Calculator
    layout: Layout
    values: dict[str, Any]
    view: dict[str, Any]
    urls: FormUrls
    conventions: dict[str, Convention] = field(default_factory=dict)


def _check_layout(calculator: Calculator, layout: Layout) -> None:
    if layout.kind != "flat":
        return
    listed_inputs = [i for section in layout.inputs for i in section.ids]
    expected = [item.id for item in calculator.inputs if not _is_option(item)]
    if sorted(listed_inputs) != sorted(expected):
        raise CalculatorFormError(f"Раскладка формы «{calculator.id}»: поля {listed_inputs} ≠ объявленным {expected}")
    listed_outputs = [o for section in layout.outputs for o in section.ids]
    declared = [item.id for item in calculator.outputs]
    if sorted(listed_outputs) != sorted(declared):
        raise CalculatorFormError(
            f"Раскладка формы «{calculator.id}»: результаты {listed_outputs} ≠ объявленным {declared}"
        )
    titles = {convention.title for convention in calculator.conventions}
    for section in layout.outputs:
        for title in section.conventions:
            if title not in titles:
                raise CalculatorFormError(f"Раскладка формы «{calculator.id}»: нет соглашения «{title}»")


def calculator(calculator_id: str) -> Calculator:
    if calculator_id not in CALCULATORS or calculator_id not in LAYOUTS:
        known = ", ".join(CALCULATORS)
        raise CalculatorFormError(f"Форма калькулятора «{calculator_id}»: такого калькулятора нет (есть: {known})")
    return CALCULATORS[calculator_id]


def example_form(calculator: Calculator) -> tuple[dict[str, Any], dict[str, Any]]:
    """The form values of the default example and the view computed from them."""
    example = calculator.examples[0]
    values = form_values(calculator.inputs, example.inputs)
    view = web.view(calculator, form_raw(calculator.inputs, values))
    if not view["accepted"]:
        texts = "; ".join(message["text"] for message in view["result"]["messages"])
        raise CalculatorFormError(f"Пример по умолчанию «{calculator.id}/{example.id}» отклонён: {texts}")
    return values, view


def start_values(calculator: Calculator, layout: Layout) -> dict[str, Any]:
    """The form as a reader first sees it: nothing typed (a table may start with a preset's rows)."""
    if layout.start:
        preset = next(item for item in calculator.presets if item.id == layout.start)
        return form_values(calculator.inputs, preset.inputs)
    return form_values(calculator.inputs, {})


def waiting_view(calculator: Calculator, values: Mapping[str, Any]) -> dict[str, Any]:
    """What the results show for the reader's own data until Python answers: no figure at all.

    The start form's view emptied: every figure «—», every table empty, no message (they would
    speak of fields the reader has since filled), so no example figure sits beside their data.
    """
    described = web.view(calculator, form_raw(calculator.inputs, values))
    outputs = {
        output.id: {
            "shown": [] if output.kind == "table" else display.DASH,
            "unit": described["outputs"][output.id]["unit"],
        }
        for output in calculator.outputs
    }
    result = {**described["result"], "messages": [], **{output.id: None for output in calculator.outputs}}
    empty = {key: [] for key in ("weak_rules", "chart") if key in described}
    return {**described, "outputs": outputs, "result": result, "rows": [], **empty}


def page_data(calculator: Calculator, layout: Layout, view: dict[str, Any]) -> dict[str, Any]:
    """The JSON the page script starts from: the example's view, the start form and the examples.

    ``view`` is the default example's (shown, labelled «Пример», while the form is as it started);
    ``start`` the form's first values; ``waiting`` the view shown for the reader's own data until
    Python has computed it.
    """
    start = start_values(calculator, layout)
    return {
        "calculator": calculator.id,
        "title": calculator.title,
        "view": view,
        "waiting": waiting_view(calculator, start),
        "blank": form_values(calculator.inputs, {}),
        "start": start,
        "examples": [
            {
                "id": item.id,
                "title": item.title,
                "values": form_values(calculator.inputs, item.inputs),
                # A preset (rows to fill in) is not an example: the form does not call it one.
                "example": item in calculator.examples,
            }
            for item in (*calculator.examples, *calculator.presets)
        ],
        # The CSV download writes and guards its cells as the exports do (a shared link can set any
        # input); numbers on the charts follow the one number style.
        "csv": csv_rules(),
        "number_style": number_style(),
    }


def number_style() -> dict[str, Any]:
    """``display.rules()`` without its samples (they are for the tests, not for every page)."""
    return {key: value for key, value in display.rules().items() if not key.endswith("samples")}


def script_json(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def form_html(calculator_id: str, urls: FormUrls) -> str:
    """The whole form of one calculator, with the default example's results, as HTML."""
    calc = calculator(calculator_id)
    layout = LAYOUTS[calculator_id]
    _check_layout(calc, layout)
    _, view = example_form(calc)
    values = start_values(calc, layout)
    context = _Context(calc, layout, values, view, urls, {c.input: c for c in calc.conventions if c.input})
    data = page_data(calc, layout, view)
    return (
        environment()
        .get_template("calculator_form.html.j2")
        .render(
            c=context,
            calc=calc,
            layout=layout,
            values=values,
            view=view,
            outputs=view["outputs"],
            result=view["result"],
            urls=urls,
            data=data,
            data_json=script_json(data),
            example=calc.examples[0],
            boot=pyodide_assets.boot_attributes(),
            placeholders=placeholders(calc.inputs, calc.examples[0].inputs),
            options=[item for item in calc.inputs if _is_option(item)],
            conventions=context.conventions,
            messages=_placed_messages(calc, view),
            input_by_id={item.id: item for item in calc.inputs},
            output_by_id={item.id: item for item in calc.outputs},
            conventions_by_title={c.title: c for c in calc.conventions},
            groups=calc.groups,
            rules=RULES,
            field_kind=_field_kind,
            answer_none=_ANSWER_NONE,
            weak_share=web.WEAK_SHARE,
            contest_rows=_contest_rows(calc) if calculator_id == "contest" else [],
            contest_raws=_contest_raws(calc) if calculator_id == "contest" else [],
            year_labels=year_labels(values.get("reporting_year")),
            **_table_context(calc, view),
        )
    )


def year_labels(reporting_year: Any) -> tuple[str, str]:
    """Column titles of the contest table; calculator-page.js writes the same on every edit."""
    text = str(reporting_year or "").strip()
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return f"{int(text)} год", f"{int(text) - 1} год"
    return "Отчетный год", "Предыдущий год"


def _table_context(calculator: Calculator, view: dict[str, Any]) -> dict[str, Any]:
    """Blank rows for the row templates and the per-year rows of the Zero Injury results."""
    if calculator.id != "zero_injury":
        return {"blank_row": {}, "blank_year": {}, "flat_years": []}
    table = calculator.input("indicators")
    years = next(column for column in table.columns if column.id == "years")
    flat = [{"name": row["name"], **year} for row in view["outputs"]["indicators"]["shown"] for year in row["years"]]
    return {
        "blank_row": form_values(table.columns, {}),
        "blank_year": form_values(years.columns, {}),
        "flat_years": flat,
    }


def _field_kind(item: Input) -> str:
    """The control a field gets: text (numbers too, so «1 250,5» reaches Python as typed)."""
    if item.kind == "boolean":
        return "checkbox"
    if item.kind == "choice":
        return "select"
    if item.kind in ("integer", "number"):
        return "number"
    return item.kind


def _placed_messages(calculator: Calculator, view: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The default result's messages by where the form shows them: an input, an output or ""."""
    inputs = {item.id for item in calculator.inputs}
    outputs = {item.id for item in calculator.outputs}
    placed: dict[str, list[dict[str, Any]]] = {}
    for message in view["result"]["messages"]:
        if message.get("input") in inputs:
            key = "input:" + message["input"]
        elif message.get("output") in outputs:
            key = "output:" + message["output"]
        else:
            key = ""
        placed.setdefault(key, []).append(message)
    return placed


def _contest_rows(calculator: Calculator) -> list[dict[str, Output | None]]:
    """The contest table: per row, its outputs for the two years and the changes."""
    rows = []
    for output in calculator.outputs:
        if output.group != "reporting":
            continue
        ids = {item.id: item for item in calculator.outputs}
        rows.append(
            {
                "reporting": output,
                "previous": ids[output.id + "_prev"],
                "change": ids[output.id + "_change"],
                "percent": ids.get(output.id + "_change_percent"),
            }
        )
    return rows


def _contest_raws(calculator: Calculator) -> list[tuple[Input, Input]]:
    by_id = {item.id: item for item in calculator.inputs}
    return [(item, by_id[item.id + "_prev"]) for item in calculator.inputs if item.group == "reporting"]
