"""Reference tables generated from the declarations: inputs, outputs, conventions, sources."""

from __future__ import annotations

from calculators import display
from calculators.declarations import Calculator, Input, Output
from calculators.docs_markdown import bullets, code, formula_symbols, table
from calculators.indicators import INDICATORS


def _bounds(item: Input) -> str:
    if item.kind == "boolean":
        return "да / нет"
    if item.kind == "choice":
        return "; ".join(f"{code(c.value)} — {c.label}" for c in item.choices)
    if item.kind == "text":
        return f"текст до {item.max_length} знаков" if item.max_length else "текст"
    if item.kind == "table":
        rows = f"от {item.min_rows}" + (f" до {item.max_rows}" if item.max_rows else "")
        return f"таблица ({rows} строк), столбцы ниже"
    kind = "целое число" if item.integer else "число"
    low = display.entered(item.minimum) if item.minimum is not None else None
    high = display.entered(item.maximum) if item.maximum is not None else None
    if low is not None and high is not None:
        return f"{kind} от {low} до {high}"
    if low is not None:
        return f"{kind} не меньше {low}"
    return kind


def _default(item: Input) -> str:
    if item.default is None:
        return "—" if item.required else "не заполнено"
    if item.kind == "choice":
        return code(str(item.default))
    return display.entered(item.default)


def _label(item: Input) -> str:
    text = item.label + (" (обязательно)" if item.required else "")
    return f"{text}. {item.hint}" if item.hint else text


def _input_rows(items: tuple[Input, ...]) -> list[list[str]]:
    return [[code(i.id), i.symbol, _label(i), i.unit, _bounds(i), _default(i)] for i in items]


_INPUT_HEADER = ("Поле", "Обозн.", "Наименование", "Единица", "Допустимые значения", "По умолчанию")


def _tables_of(items: tuple[Input, ...]) -> list[str]:
    parts = [table(_INPUT_HEADER, _input_rows(items))]
    for item in items:
        if item.kind == "table":
            parts.append(f"Столбцы таблицы {code(item.id)} («{item.label}»):")
            parts.extend(_tables_of(item.columns))
    return parts


def inputs(calculator: Calculator) -> str:
    if calculator.id == "vision_zero":
        return _vision_zero_inputs(calculator)
    if calculator.id == "contest":
        return _contest_inputs(calculator)
    return "\n\n".join(_tables_of(calculator.inputs))


def _vision_zero_inputs(calculator: Calculator) -> str:
    parts = []
    answers = "; ".join(f"{code(c.value)} — {c.label}" for c in calculator.inputs[0].choices)
    parts.append(f"Каждое мероприятие — поле с ответом: {answers}; пустое поле — нет ответа.")
    for group in calculator.groups:
        parts.append(f"**{group.title}** ({group.text})")
        measures = [i for i in calculator.inputs if i.group == group.id]
        parts.append(
            table(
                ("Поле", "Мероприятие", "Срок исполнения по типовой программе"),
                ([code(i.id), i.label, i.hint.partition(": ")[2]] for i in measures),
            )
        )
    options = tuple(i for i in calculator.inputs if i.group is None)
    parts.append("Настройки расчёта:")
    parts.append(table(_INPUT_HEADER, _input_rows(options)))
    return "\n\n".join(parts)


def _contest_inputs(calculator: Calculator) -> str:
    reporting = [i for i in calculator.inputs if i.group == "reporting"]
    rows = [
        [
            code(i.id),
            code(i.id + "_prev"),
            i.symbol,
            i.label,
            i.unit,
            _bounds(i),
            i.ref.removeprefix("Приложение № 2, "),
        ]
        for i in reporting
    ]
    others = tuple(i for i in calculator.inputs if i.group is None)
    return "\n\n".join(
        (
            "Исходные величины — за отчетный год (поле без суффикса) и за предыдущий (суффикс "
            f"{code('_prev')}). Все поля можно не заполнять: тогда строки, которым они нужны, не "
            "рассчитываются.",
            table(
                (
                    "Отчетный год",
                    "Предыдущий год",
                    "Обозн.",
                    "Величина",
                    "Единица",
                    "Допустимые значения",
                    "Строка таблицы",
                ),
                rows,
            ),
            "Прочие поля:",
            table(_INPUT_HEADER, _input_rows(others)),
        )
    )


def _formula_cell(calculator: Calculator, item: Output) -> str:
    if not item.formula:
        return ""
    text = code(formula_symbols(calculator, item.formula))
    for variant in item.variants:
        if variant.formula:
            option = calculator.input(variant.input)
            shown = option.choice_label(variant.value) if option.choices else (display.entered(variant.value))
            formula = code(formula_symbols(calculator, variant.formula))
            text += f"; при «{option.label}» = {shown}: {formula}"
    return text


def _unit_cell(calculator: Calculator, item: Output) -> str:
    text = item.unit
    for variant in item.variants:
        if variant.unit:
            text += f" (или {variant.unit})"
    for alternative in item.alternatives:
        text += f"; также {alternative.unit}"
    return text


def outputs(calculator: Calculator) -> str:
    if calculator.id == "contest":
        return _contest_outputs(calculator)
    rows = [
        [
            code(o.id),
            o.symbol,
            o.label,
            _formula_cell(calculator, o),
            _unit_cell(calculator, o),
            o.decimals if o.kind in ("number", "list") else "",
        ]
        for o in calculator.outputs
    ]
    parts = [table(("Поле", "Обозн.", "Показатель", "Формула", "Единица", "Знаков"), rows)]
    for item in calculator.outputs:
        if item.columns:
            parts.append(f"Столбцы {code(item.id)} («{item.label}»):")
            parts.append(
                table(
                    ("Поле", "Значение", "Единица"),
                    ([code(c.id), c.label, c.unit] for c in item.columns),
                )
            )
    return "\n\n".join(parts)


def _contest_outputs(calculator: Calculator) -> str:
    rows = []
    for item in calculator.outputs:
        if item.group != "reporting":
            continue
        extra = [code(item.id + "_prev"), code(item.id + "_change")]
        if any(o.id == item.id + "_change_percent" for o in calculator.outputs):
            extra.append(code(item.id + "_change_percent"))
        rows.append(
            [
                code(item.id),
                ", ".join(extra),
                item.ref.removeprefix("Приложение № 2, "),
                item.label,
                _formula_cell(calculator, item),
                item.unit,
                item.decimals,
            ]
        )
    return "\n\n".join(
        (
            f"Для каждой строки: значение за отчетный год, за предыдущий ({code('…_prev')}), "
            f"изменение ({code('…_change')}: для долей — в процентных пунктах) и для коэффициентов "
            f"— изменение в процентах к предыдущему году ({code('…_change_percent')}).",
            table(
                ("Поле", "Связанные поля", "Строка", "Показатель", "Формула", "Единица", "Знаков"),
                rows,
            ),
        )
    )


def conventions(calculator: Calculator) -> str:
    items = []
    for convention in calculator.conventions:
        text = f"**{convention.title}.** {convention.text}"
        if convention.input is not None:
            option = calculator.input(convention.input)
            text += f" Поле {code(option.id)} («{option.label}»)"
            if option.default is not None:
                default = option.choice_label(option.default) if option.choices else display.entered(option.default)
                text += f", по умолчанию — {default}"
            text += "."
        items.append(text)
    return bullets(items)


def sources(calculator: Calculator) -> str:
    return bullets(calculator.sources)


def calculator_list(calculators: list[Calculator]) -> str:
    return table(
        ("Калькулятор", "Что считает", "Идентификатор"),
        ([f"[{c.title}]({c.id}.md)", c.summary, code(c.id)] for c in calculators),
    )


def indicator_list() -> str:
    better = {"lower": "меньшее", "higher": "большее"}
    return table(
        ("Идентификатор", "Показатель", "Единица", "Лучше"),
        ([code(i.id), i.label, i.unit, better[i.better]] for i in INDICATORS.values()),
    )
