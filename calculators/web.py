"""A result as the site's forms show it: the raw JSON plus every figure already written for reading.

The site renders each calculator's default example with ``view`` at build time, and the reader's
browser calls ``view_json`` through Pyodide (in a Web Worker) after every edit. Both run this very
code, so the page shows the same text before and after Python starts in the browser.

``view(calculator, raw)`` returns a JSON-ready dict:

- ``calculator``, ``accepted`` and ``result`` (``Result.to_json()``, exactly what
  ``python -m calculators run`` prints);
- ``outputs``: per output id, ``shown`` (the value for reading: «8,82», «—»; for a table output, a
  list of rows of such strings), ``unit`` (the unit under the chosen options), and when the output
  has one, ``formula`` (with symbols), ``substitution`` (with the numbers used) and ``also`` (the
  value in a second unit);
- ``rows``: the outputs flattened to ``[label, shown, unit, formula, exact]`` rows, for copying and
  CSV; ``exact`` is the unrounded number as a data cell (``display.plain``: decimal comma, no grouping);
- per calculator: ``weak_rules`` (Vision Zero: rules whose share is below ``WEAK_SHARE``) and
  ``chart`` (Zero Injury: plan and actual values by indicator and year).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from calculators import display
from calculators.declarations import Calculator, Output
from calculators.docs_markdown import formula_symbols, formula_values, shown_output
from calculators.engine import run

# A Vision Zero rule below this share (percent) is shown as weak, with a link to practices.
WEAK_SHARE = 70.0
PREVIOUS_SUFFIX = "_prev"


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _exact(value: Any) -> str:
    # The CSV and the copied table are read by Russian spreadsheets («;» between cells): the unrounded
    # number is written as the site's exports write a data cell (display.plain: decimal comma).
    return display.plain(value) if _number(value) else ""


def shown(output: Output, value: Any) -> Any:
    """``value`` written for reading; a table becomes a list of rows of strings."""
    if output.kind == "table":
        columns = {column.id: column for column in output.columns}
        rows = value if isinstance(value, list) else []
        return [
            {key: shown(columns[key], item) if key in columns else str(item) for key, item in row.items()}
            for row in rows
        ]
    return shown_output(output, value)


def _formula_inputs(calculator: Calculator, output: Output, inputs: dict[str, Any]) -> dict[str, Any]:
    """The values a formula's ``{id}`` placeholders stand for in this output."""
    if calculator.formula_values is not None:
        return calculator.formula_values(inputs)
    if output.group == "previous":
        # The contest table: the previous year's inputs carry a suffix, its formulas do not.
        previous = {key.removesuffix(PREVIOUS_SUFFIX): v for key, v in inputs.items() if key.endswith(PREVIOUS_SUFFIX)}
        return {**inputs, **previous}
    return inputs


def _output_view(
    calculator: Calculator, output: Output, value: Any, options: dict[str, Any], inputs: dict[str, Any] | None
) -> dict[str, Any]:
    item: dict[str, Any] = {"shown": shown(output, value), "unit": output.unit_for(options)}
    formula = output.formula_for(options)
    if formula:
        item["formula"] = formula_symbols(calculator, formula)
        if inputs is not None and _number(value):
            item["substitution"] = formula_values(formula, _formula_inputs(calculator, output, inputs))
    if output.alternatives and _number(value):
        item["also"] = [
            f"{display.number(value * alternative.factor, alternative.decimals)} {alternative.unit}"
            for alternative in output.alternatives
        ]
    return item


def _rows(calculator: Calculator, data: dict[str, Any], outputs: dict[str, Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for output in calculator.outputs:
        item = outputs[output.id]
        if output.kind == "table":
            rows.extend(_table_rows(output, output.label, data[output.id]))
            continue
        value = data[output.id]
        rows.append([output.label, item["shown"], item["unit"], item.get("formula", ""), _exact(value)])
        if _number(value):
            for alternative in output.alternatives:
                also = value * alternative.factor
                text = display.number(also, alternative.decimals)
                rows.append([output.label, text, alternative.unit, "", _exact(also)])
    return rows


def _table_rows(output: Output, title: str, value: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for index, row in enumerate(value if isinstance(value, list) else []):
        name = row.get("name") or (str(row["year"]) if row.get("year") is not None else f"строка {index + 1}")
        for column in output.columns:
            if column.id in ("name", "year"):
                continue
            if column.kind == "table":
                rows.extend(_table_rows(column, f"{title} — {name}", row.get(column.id)))
                continue
            cell = row.get(column.id)
            rows.append([f"{title} — {name}: {column.label}", shown(column, cell), column.unit, "", _exact(cell)])
    return rows


def _weak_rules(data: dict[str, Any]) -> list[int]:
    weak = []
    for key, value in data.items():
        if key.startswith("rule_") and _number(value) and value < WEAK_SHARE:
            weak.append(int(key.removeprefix("rule_")))
    return weak


def _zero_injury_chart(inputs: dict[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    chart = []
    for row, out in zip(inputs["indicators"], data["indicators"], strict=True):
        if row is None:  # a row refused for a bad cell: nothing to draw
            continue
        if out["years"]:
            points = [
                {"label": str(year["year"]), "plan": year["plan"], "actual": year["actual"]} for year in out["years"]
            ]
        else:
            points = [{"label": "текущее значение", "plan": row["plan"], "actual": row["current"]}]
        chart.append({"name": out["name"], "base": row["base"], "points": points})
    return chart


# A layout's extras by name: what its charts and links need, from the accepted inputs and the result.
EXTRAS: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[Any]]] = {
    "weak_rules": lambda inputs, data: _weak_rules(data),
    "chart": _zero_injury_chart,
}


def view(calculator: Calculator, raw: Any) -> dict[str, Any]:
    """Run ``calculator`` on ``raw`` and describe the result for a web form."""
    result = run(calculator, raw)
    data = result.to_json()
    options = result.inputs if result.accepted else (raw if isinstance(raw, dict) else {})
    inputs = result.inputs if result.accepted else None
    outputs = {
        output.id: _output_view(calculator, output, data[output.id], options, inputs) for output in calculator.outputs
    }
    described: dict[str, Any] = {
        "calculator": calculator.id,
        "accepted": result.accepted,
        "result": data,
        "outputs": outputs,
        "rows": _rows(calculator, data, outputs),
    }
    # What the form's layout declares it draws besides the figures (Calculator.layout.extras).
    for name in calculator.layout.extras:
        described[name] = EXTRAS[name](result.inputs, data) if result.accepted else []
    return described


def view_json(calculator_id: str, raw_json: str) -> str:
    """``view`` from JSON text to JSON text: what the browser's worker calls."""
    from calculators.registry import get  # only this page's calculator is imported

    try:
        raw = json.loads(raw_json)
    except ValueError:
        raw = None
    return json.dumps(view(get(calculator_id), raw), ensure_ascii=False, allow_nan=False)
