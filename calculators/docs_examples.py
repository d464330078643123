"""Worked examples for the docs: every number here is computed by the calculators at build time."""

from __future__ import annotations

from typing import Any

from calculators import display
from calculators.declarations import Calculator, Example
from calculators.docs_markdown import (
    bullets,
    code,
    formula_symbols,
    formula_values,
    shown_output,
    table,
)
from calculators.engine import Result, run
from calculators.vision_zero_measures import MEASURES, RULES


def examples(calculator: Calculator) -> str:
    render = {
        "zero_injury": _zero_injury,
        "vision_zero": _vision_zero,
        "contest": _contest,
    }.get(calculator.id, _flat)
    parts = []
    for number, example in enumerate(calculator.examples, start=1):
        result = run(calculator, dict(example.inputs))
        if not result.accepted:
            texts = "; ".join(m.text for m in result.messages)
            raise ValueError(f"example {calculator.id}/{example.id} is rejected: {texts}")
        parts.append(f"### Пример {number}. {example.title}\n\n{example.text}")
        parts.append(render(calculator, example, result))
        parts.append(_remarks(calculator, example, result))
    return "\n\n".join(part for part in parts if part)


def _remarks(calculator: Calculator, example: Example, result: Result) -> str:
    """Warnings, notes and the reasons for «—», as the calculator gave them."""
    kinds = {"warning": "Предупреждение", "note": "Примечание", "unavailable": "Не рассчитано"}
    items = [
        f"{kinds[m.kind]}: {m.text}"
        for m in result.messages
        if m.kind in kinds and _worth_explaining(calculator, example, m.output)
    ]
    return bullets(items)


def _worth_explaining(calculator: Calculator, example: Example, output_id: str | None) -> bool:
    """In the contest table, a row not filled in needs no reason (it is simply left out)."""
    if calculator.id != "contest" or output_id is None:
        return True
    output = calculator.output(output_id)
    if output.group == "change":
        return False
    from calculators.formulas import variables

    suffix = "_prev" if output.group == "previous" else ""
    return all(name + suffix in example.inputs for name in variables(output.formula))


def _flat(calculator: Calculator, example: Example, result: Result) -> str:
    given = [
        [item.label, item.symbol, _input_value(item, result.inputs[item.id]), item.unit]
        for item in calculator.inputs
        if item.id in example.inputs
    ]
    seen = calculator.formula_values(result.inputs) if calculator.formula_values else result.inputs
    rows = []
    for output in calculator.outputs:
        formula = output.formula_for(result.inputs)
        value = result.values[output.id]
        shown = shown_output(output, value)
        for alternative in output.alternatives:
            if isinstance(value, int | float):
                alt = display.number(value * alternative.factor, alternative.decimals)
                shown += f"; {alt} {alternative.unit}"
        rows.append(
            [
                f"{output.label}",
                code(formula_symbols(calculator, formula)),
                code(formula_values(formula, seen)) if value is not None else "",
                shown,
                output.unit_for(result.inputs),
            ]
        )
    return "\n\n".join(
        (
            "Исходные данные:",
            table(("Величина", "Обозн.", "Значение", "Единица"), given),
            "Результат:",
            table(("Показатель", "Формула", "Подстановка", "Значение", "Единица"), rows),
        )
    )


def _input_value(item: Any, value: Any) -> str:
    if item.kind == "choice":
        return item.choice_label(value)
    return display.entered(value)


def _contest(calculator: Calculator, example: Example, result: Result) -> str:
    from calculators.formulas import variables

    year = result.inputs["reporting_year"]
    now, before = (f"{year} год", f"{year - 1} год") if year else ("Отчетный год", "Предыдущий")
    given = [
        [
            item.label,
            item.symbol,
            display.entered(result.inputs[item.id]),
            display.entered(result.inputs[item.id + "_prev"]),
            item.unit,
        ]
        for item in calculator.inputs
        if item.group == "reporting" and (item.id in example.inputs or item.id + "_prev" in example.inputs)
    ]
    rows = []
    for output in calculator.outputs:
        formula = output.formula_for(result.inputs)
        used = variables(formula)
        if output.group != "reporting" or not all(
            name in example.inputs or name + "_prev" in example.inputs for name in used
        ):
            continue
        values = result.values
        change = calculator.output(output.id + "_change")
        percent = output.id + "_change_percent"
        shown_change = _signed(shown_output(change, values[change.id]))
        if change.unit == "п. п." and values[change.id] is not None:
            shown_change += " п. п."
        shown_percent = ""
        if percent in values:
            shown_percent = _signed(shown_output(calculator.output(percent), values[percent]))
            if values[percent] is not None:
                shown_percent += display.PERCENT
        rows.append(
            [
                output.ref.removeprefix("Приложение № 2, "),
                output.label,
                code(formula_symbols(calculator, formula)),
                shown_output(output, values[output.id]),
                shown_output(output, values[output.id + "_prev"]),
                shown_change,
                shown_percent,
                output.unit,
            ]
        )
    return "\n\n".join(
        (
            "Исходные данные:",
            table(("Величина", "Обозн.", now, before, "Единица"), given),
            "Результат (строки, для которых даны все исходные величины):",
            table(("Строка", "Показатель", "Формула", now, before, "Изменение", "Изменение, %", "Единица"), rows),
        )
    )


def _signed(text: str) -> str:
    if text == display.DASH or text.startswith(display.MINUS) or set(text) <= set("0,"):
        return text
    return "+" + text


def _zero_injury(calculator: Calculator, example: Example, result: Result) -> str:
    better = {"lower": "меньшее", "higher": "большее"}
    indicators = result.inputs["indicators"]
    computed = result.values["indicators"]
    given, rows, years = [], [], []
    for row, out in zip(indicators, computed, strict=True):
        direction = row["better"] or ("lower" if row["indicator"] is None else None)
        if direction is None:
            from calculators.indicators import INDICATORS

            direction = INDICATORS[row["indicator"]].better
        given.append(
            [
                out["name"],
                better[direction],
                display.entered(row["base"]),
                display.entered(row["plan"]),
                display.entered(row["current"]),
                display.entered(row["weight"]),
            ]
        )
        plan, current = row["plan"], row["current"]
        if plan is None and current is None and out["years"]:
            done = [y for y in out["years"] if y["actual"] is not None]
            if done:
                plan, current = done[-1]["plan"], done[-1]["actual"]
        rows.append(
            [
                out["name"],
                _progress_substitution(row["base"], plan, current),
                display.percent(out["progress"], 1),
                "да" if out["counted"] else "нет",
            ]
        )
        for year in out["years"]:
            years.append(
                [
                    out["name"],
                    year["year"],
                    display.entered(year["plan"]),
                    display.entered(year["actual"]),
                    _progress_substitution(row["base"], year["plan"], year["actual"]),
                    display.number(year["progress"], 1),
                ]
            )
    parts = [
        "Исходные данные:",
        table(("Показатель", "Лучше", "X0", "Xплан", "Xтек", "Вес"), given),
    ]
    if years:
        parts.append(table(("Показатель", "Год", "План", "Факт", "Подстановка", "E_i, %"), years))
    parts += [
        "Результат:",
        table(("Показатель", "Подстановка", "E_i", "В итоге"), rows),
        f"Итоговый уровень реализации: **{display.percent(result.values['total'], 1)}** — {result.values['band']}"
        + (f" ({result.values['total_kind']})." if result.values["total_kind"] else "."),
    ]
    if result.values["years"]:
        parts.append(
            table(
                ("Год", "Итог, %", "Оценка"),
                ([y["year"], display.number(y["total"], 1), y["band"] or display.DASH] for y in result.values["years"]),
            )
        )
    return "\n\n".join(parts)


def _progress_substitution(base: Any, plan: Any, current: Any) -> str:
    if plan is None or current is None:
        return ""
    if base == plan:
        return "удержание уровня"
    shown = display.entered
    return code(f"({shown(base)} − {shown(current)}) / ({shown(base)} − {shown(plan)}) × 100")


def _vision_zero(calculator: Calculator, example: Example, result: Result) -> str:
    rows = []
    for rule in RULES:
        answers = [result.inputs[f"measure_{m.number}"] for m in MEASURES if m.rule == rule.number]
        yes, partly, no = (answers.count(a) for a in ("yes", "partly", "no"))
        missing = answers.count(None)
        counted = yes + partly + no + (missing if result.inputs["unanswered"] == "no" else 0)
        answered = yes + partly + no
        substitution = code(f"({yes} + 0,5 × {partly}) / {counted} × 100") if answered else ""
        rows.append(
            [
                f"{rule.number}. {rule.rule}",
                yes,
                partly,
                no,
                missing,
                substitution,
                shown_output(calculator.output(f"rule_{rule.number}"), result.values[f"rule_{rule.number}"]),
            ]
        )
    values = result.values
    return "\n\n".join(
        (
            table(
                ("Правило", "Выполняется", "Частично", "Не выполняется", "Без ответа", "Подстановка", "Доля, %"), rows
            ),
            f"Общая доля выполнения мероприятий (из всех {len(MEASURES)}, без ответа — невыполненные): "
            f"**{display.percent(values['overall'], 1)}**; среди мероприятий с ответом — "
            f"{display.percent(values['overall_answered'], 1)}; без ответа: {values['unanswered_count']} "
            f"из {len(MEASURES)}.",
        )
    )
