"""One renderer per layout kind (``Calculator.layout.kind``), in one registry.

A kind is a pair of templates (``calculator_layouts/<kind>_inputs.html.j2`` and ``…_results``),
what they need besides the common context, and a check that the declaration fits the kind. No
calculator is named here: a new calculator declares its layout in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.calculator_site.form_values import form_values
from calculators.declarations import FIRST_YEAR, LAST_YEAR, Calculator, Input, Layout, Output

_OPTION_KINDS = ("boolean", "choice")


class CalculatorFormError(ValueError):
    """A form marker or layout that does not match the declarations (message in Russian)."""


def is_option(item: Input) -> bool:
    """Inputs of these kinds at the top level, outside any group, are the conventions' switches."""
    return item.kind in _OPTION_KINDS and item.group is None


def _check_layout(calculator: Calculator, layout: Layout) -> None:
    listed_inputs = [i for section in layout.inputs for i in section.ids]
    expected = [item.id for item in calculator.inputs if not is_option(item)]
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


def _no_context(calculator: Calculator, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {}


def _indicators_context(calculator: Calculator, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Blank rows for the row templates and the per-year rows of the results."""
    table = next(item for item in calculator.inputs if item.kind == "table")
    years = next(column for column in table.columns if column.id == "years")
    flat = [{"name": row["name"], **year} for row in view["outputs"]["indicators"]["shown"] for year in row["years"]]
    return {
        "blank_row": form_values(table.columns, {}),
        "blank_year": form_values(years.columns, {}),
        "flat_years": flat,
    }


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


def year_labels(reporting_year: Any) -> tuple[str, str]:
    """Column titles of the contest table; calculator/page.mjs writes the same on every edit."""
    text = str(reporting_year or "").strip()
    if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return f"{int(text)} год", f"{int(text) - 1} год"
    return "Отчетный год", "Предыдущий год"


def _two_years_context(calculator: Calculator, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {
        "contest_rows": _contest_rows(calculator),
        "contest_raws": _contest_raws(calculator),
        "year_labels": year_labels(values.get("reporting_year")),
    }


def _no_check(calculator: Calculator, layout: Layout) -> None:
    return None


@dataclass(frozen=True)
class LayoutKind:
    context: Callable[[Calculator, dict[str, Any], dict[str, Any]], dict[str, Any]] = _no_context
    check: Callable[[Calculator, Layout], None] = _no_check


KINDS: dict[str, LayoutKind] = {
    "flat": LayoutKind(check=_check_layout),
    "indicators": LayoutKind(context=_indicators_context),
    "checklist": LayoutKind(),
    "two_years": LayoutKind(context=_two_years_context),
}


def kind_of(calculator: Calculator) -> LayoutKind:
    kind = KINDS.get(calculator.layout.kind)
    if kind is None:
        known = ", ".join(KINDS)
        raise CalculatorFormError(
            f"Раскладка формы «{calculator.id}»: вида «{calculator.layout.kind}» нет (есть: {known})"
        )
    kind.check(calculator, calculator.layout)
    return kind
