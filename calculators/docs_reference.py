"""Reference tables generated from the declarations: inputs, outputs, conventions, sources.

Readers' pages show names, symbols and units only; field ids (the keys of the command line's JSON)
go to the developers' page, through ``fields`` and the ``ids=True`` variants.
"""

from __future__ import annotations

from calculators import display
from calculators.declarations import Calculator, Input, Output
from calculators.docs_markdown import bullets, code, formula_symbols, table
from calculators.indicators import INDICATORS


def _choices(item: Input, ids: bool) -> str:
    return "; ".join(f"{code(c.value)} — {c.label}" if ids else c.label for c in item.choices)


def _bounds(item: Input, ids: bool) -> str:
    if item.kind == "boolean":
        return "да / нет"
    if item.kind == "choice":
        return _choices(item, ids)
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


def _default(item: Input, ids: bool) -> str:
    if item.default is None:
        return "—" if item.required else "не заполнено"
    if item.kind == "choice":
        return code(str(item.default)) if ids else item.choice_label(item.default)
    return display.entered(item.default)


def _label(item: Input) -> str:
    text = item.label + (" (обязательно)" if item.required else "")
    return f"{text}. {item.hint}" if item.hint else text


_FIELD = "Поле"
_INPUT_HEADER = ("Обозн.", "Наименование", "Единица", "Допустимые значения", "По умолчанию")


def _id_column(header: tuple[str, ...], ids: bool) -> tuple[str, ...]:
    return (_FIELD, *header) if ids else header


def _input_table(items: tuple[Input, ...], ids: bool) -> str:
    rows = (
        [*([code(i.id)] if ids else []), i.symbol, _label(i), i.unit, _bounds(i, ids), _default(i, ids)] for i in items
    )
    return table(_id_column(_INPUT_HEADER, ids), rows)


def _tables_of(items: tuple[Input, ...], ids: bool) -> list[str]:
    parts = [_input_table(items, ids)]
    for item in items:
        if item.kind == "table":
            name = f"{code(item.id)} («{item.label}»)" if ids else f"«{item.label}»"
            parts.append(f"Столбцы таблицы {name}:")
            parts.extend(_tables_of(item.columns, ids))
    return parts


def inputs(calculator: Calculator, *, ids: bool = False) -> str:
    if calculator.id == "vision_zero":
        return _vision_zero_inputs(calculator, ids)
    if calculator.id == "contest":
        return _contest_inputs(calculator, ids)
    return "\n\n".join(_tables_of(calculator.inputs, ids))


def _vision_zero_inputs(calculator: Calculator, ids: bool) -> str:
    parts = []
    answers = _choices(calculator.inputs[0], ids)
    if ids:
        parts.append(f"Каждое мероприятие — поле с ответом: {answers}; пустое поле — нет ответа.")
    else:
        parts.append(f"На каждое мероприятие — один ответ: {answers}; можно оставить без ответа.")
    for group in calculator.groups:
        parts.append(f"**{group.title}** ({group.text})")
        measures = [i for i in calculator.inputs if i.group == group.id]
        parts.append(
            table(
                _id_column(("Мероприятие", "Срок исполнения по типовой программе"), ids),
                ([*([code(i.id)] if ids else []), i.label, i.hint.partition(": ")[2]] for i in measures),
            )
        )
    options = tuple(i for i in calculator.inputs if i.group is None)
    parts.append("Настройки расчёта:")
    parts.append(_input_table(options, ids))
    return "\n\n".join(parts)


def _contest_inputs(calculator: Calculator, ids: bool) -> str:
    reporting = [i for i in calculator.inputs if i.group == "reporting"]
    rows = [
        [
            *([code(i.id), code(i.id + "_prev")] if ids else []),
            i.symbol,
            i.label,
            i.unit,
            _bounds(i, ids),
            i.ref.removeprefix("Приложение № 2, "),
        ]
        for i in reporting
    ]
    others = tuple(i for i in calculator.inputs if i.group is None)
    years = (
        f"Исходные величины — за отчетный год (поле без суффикса) и за предыдущий (суффикс {code('_prev')})."
        if ids
        else "Исходные величины вводятся за отчетный и за предыдущий год."
    )
    header = ("Обозн.", "Величина", "Единица", "Допустимые значения", "Строка таблицы")
    return "\n\n".join(
        (
            f"{years} Все поля можно не заполнять: тогда строки, которым они нужны, не рассчитываются.",
            table(("Отчетный год", "Предыдущий год", *header) if ids else header, rows),
            "Прочие поля:",
            _input_table(others, ids),
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


def outputs(calculator: Calculator, *, ids: bool = False) -> str:
    if calculator.id == "contest":
        return _contest_outputs(calculator, ids)
    rows = [
        [
            *([code(o.id)] if ids else []),
            o.symbol,
            o.label,
            _formula_cell(calculator, o),
            _unit_cell(calculator, o),
            o.decimals if o.kind in ("number", "list") else "",
        ]
        for o in calculator.outputs
    ]
    header = ("Обозн.", "Показатель", "Формула", "Единица", "Знаков")
    parts = [table(_id_column(header, ids), rows)]
    for item in calculator.outputs:
        if item.columns:
            name = f"{code(item.id)} («{item.label}»)" if ids else f"«{item.label}»"
            parts.append(f"Столбцы {name}:")
            parts.append(
                table(
                    _id_column(("Значение", "Единица"), ids),
                    ([*([code(c.id)] if ids else []), c.label, c.unit] for c in item.columns),
                )
            )
    return "\n\n".join(parts)


def _contest_outputs(calculator: Calculator, ids: bool) -> str:
    rows = []
    for item in calculator.outputs:
        if item.group != "reporting":
            continue
        extra = [code(item.id + "_prev"), code(item.id + "_change")]
        if any(o.id == item.id + "_change_percent" for o in calculator.outputs):
            extra.append(code(item.id + "_change_percent"))
        row = [
            item.ref.removeprefix("Приложение № 2, "),
            item.label,
            _formula_cell(calculator, item),
            item.unit,
            item.decimals,
        ]
        rows.append([code(item.id), ", ".join(extra), *row] if ids else row)
    if ids:
        text = (
            f"Для каждой строки: значение за отчетный год, за предыдущий ({code('…_prev')}), "
            f"изменение ({code('…_change')}: для долей — в процентных пунктах) и для "
            f"коэффициентов — изменение в процентах к предыдущему году ({code('…_change_percent')})."
        )
    else:
        text = (
            "Для каждой строки: значение за отчетный год, за предыдущий, изменение (для долей — в "
            "процентных пунктах) и для коэффициентов — изменение в процентах к предыдущему году."
        )
    header = ("Строка", "Показатель", "Формула", "Единица", "Знаков")
    return "\n\n".join((text, table((_FIELD, "Связанные поля", *header) if ids else header, rows)))


def conventions(calculator: Calculator, *, ids: bool = False) -> str:
    items = []
    for convention in calculator.conventions:
        text = f"**{convention.title}.** {convention.text}"
        if convention.input is not None:
            option = calculator.input(convention.input)
            text += f" Поле {code(option.id)} («{option.label}»)" if ids else f" Переключатель «{option.label}»"
            if option.default is not None:
                default = option.choice_label(option.default) if option.choices else display.entered(option.default)
                text += f", по умолчанию — {default}"
            text += "."
        items.append(text)
    return bullets(items)


def sources(calculator: Calculator) -> str:
    return bullets(calculator.sources)


def calculator_list(calculators: list[Calculator], *, ids: bool = False) -> str:
    """The calculators with links to their pages (beside ``docs/calculators/index.md``)."""
    if not ids:
        return table(
            ("Калькулятор", "Что считает"),
            ([f"[{c.title}]({c.id}.md)", c.summary] for c in calculators),
        )
    return table(
        ("Калькулятор", "Идентификатор", "Что считает"),
        ([c.title, code(c.id), c.summary] for c in calculators),
    )


def fields(calculator: Calculator) -> str:
    """The developers' reference of one calculator: its inputs and outputs by field id."""
    parts = [
        "Исходные данные:",
        inputs(calculator, ids=True),
        "Результаты:",
        outputs(calculator, ids=True),
    ]
    if any(convention.input is not None for convention in calculator.conventions):
        parts.extend(["Соглашения:", conventions(calculator, ids=True)])
    return "\n\n".join(parts)


def indicator_list() -> str:
    better = {"lower": "меньшее", "higher": "большее"}
    return table(
        ("Идентификатор", "Показатель", "Единица", "Лучше"),
        ([code(i.id), i.label, i.unit, better[i.better]] for i in INDICATORS.values()),
    )
