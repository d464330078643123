"""Small Markdown builders for the generated parts of the docs pages (plain Python-Markdown)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from calculators import display
from calculators.declarations import Calculator, Input, Output
from calculators.formulas import render


def cell(text: object) -> str:
    """Text safe inside a table cell: no pipe, no line break."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def code(text: str) -> str:
    return f"`{text}`" if text else ""


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = [
        "| " + " | ".join(cell(item) for item in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines.extend("| " + " | ".join(cell(item) for item in row) + " |" for row in rows)
    return "\n".join(lines)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def symbol_of(calculator: Calculator) -> Callable[[str], str]:
    # A formula may also name an output declared before it (the economics calculator's
    # «П / T» divides the total of losses): it is shown by that output's symbol.
    def symbol(input_id: str) -> str:
        try:
            item: Input | Output = calculator.input(input_id)
        except KeyError:
            try:
                item = calculator.output(input_id)
            except KeyError:
                return input_id
        return item.symbol or item.id

    return symbol


def formula_symbols(calculator: Calculator, formula: str) -> str:
    """A formula with the inputs' symbols: ``T × 1000 / P``."""
    return render(formula, symbol_of(calculator), display.literal)


def formula_values(formula: str, values: dict[str, object]) -> str:
    """A formula with an example's numbers: ``3 × 1000 / 340``."""
    return render(formula, lambda name: display.entered(values.get(name)), display.literal)


def shown_output(output: Output, value: object) -> str:
    if output.kind == "number":
        return display.number(value, output.decimals)
    if output.kind == "boolean":
        return display.entered(value) if isinstance(value, bool) else display.DASH
    if output.kind == "list":
        items = value if isinstance(value, list) else []
        return ", ".join(display.number(item, output.decimals) for item in items) or "нет"
    return display.DASH if value is None else str(value)
