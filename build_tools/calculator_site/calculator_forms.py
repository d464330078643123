"""Calculator forms for the site, generated at build time from each calculator's declaration.

A docs page names its form with a marker line, ``<!-- practices:calculator-form coefficients -->``
(``build_tools.site_build.fragments``; the ``calculator-PART`` markers are the reference tables). The form is a
Material-styled HTML ``<form data-calculator="<id>">`` with one control per declared input
(``name`` = the input id), the conventions as visible options, and the results of the default
example (the calculator's first example) computed here by ``calculators.web.view`` — the same code
the reader's browser then runs in Pyodide — so the first paint already shows true figures.

What the browser gets besides the HTML (in a ``<script type="application/json">``): the view of
the default example, the form values of every example and preset, and the blank form. The script
``calculator-page.mjs`` (parts in ``calculator/*.mjs``) does the rest: Web Worker, URL or local
storage state, live updates, charts.

No MkDocs here; everything in the HTML is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from build_tools.calculator_site import pyodide_assets
from build_tools.calculator_site.form_values import form_raw, form_values
from build_tools.calculator_site.layouts import CalculatorFormError, is_option, kind_of
from build_tools.exports.export_tabular import csv_rules
from build_tools.site.render import environment
from calculators import display, web
from calculators.declarations import FIRST_YEAR, LAST_YEAR, Calculator, Convention, Input, Layout
from calculators.registry import CALCULATORS
from calculators.vision_zero_measures import RULES

_ANSWER_NONE = "нет ответа"


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
        elif item.kind not in ("boolean", "choice") and value not in (None, ""):
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


def calculator(calculator_id: str) -> Calculator:
    if calculator_id not in CALCULATORS:
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
    empty = {key: [] for key in calculator.layout.extras}
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
        "years": [FIRST_YEAR, LAST_YEAR],
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
    layout = calc.layout
    kind = kind_of(calc)
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
            options=[item for item in calc.inputs if is_option(item)],
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
            **kind.context(calc, view, values),
        )
    )


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
