"""Reading raw input (JSON from the command line, strings from a form) against a declaration.

Every refusal names the field's Russian label. Strings are accepted for numbers because a form
hands over what the reader typed: «1 250,5» (spaces as thousands separators, a decimal comma) is
read as 1250.5; anything that is not a plain decimal number is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from calculators import display
from calculators.declarations import Input
from calculators.messages import Message, PathItem, rejected

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
_MAX_NUMBER_TEXT = 64
_TRUE = {"true", "да"}
_FALSE = {"false", "нет"}


class RefusalError(Exception):
    """A raw value that cannot be accepted; ``problem`` completes «<label>: …»."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def shown(value: Any) -> str:
    """A short rendering of a refused value for the message."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "…"
        return f"«{text}»"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "бесконечность" if value > 0 else "минус бесконечность"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "…"
    if isinstance(value, list):
        return "список"
    if isinstance(value, dict):
        return "объект"
    return type(value).__name__


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise RefusalError(f"нужно число, получено {shown(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            raise RefusalError("нужно число, получено NaN («не число»)")
        if math.isinf(value):
            raise RefusalError("нужно конечное число, получена бесконечность")
        return value
    if isinstance(value, str):
        text = value.translate(_SPACES).replace(",", ".").replace("−", "-")
        if len(text) > _MAX_NUMBER_TEXT or not _NUMBER.fullmatch(text):
            raise RefusalError(f"нужно число, получено {shown(value)}")
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        number = float(text)
        if math.isinf(number):
            raise RefusalError(f"число {shown(value)} слишком велико")
        return number
    raise RefusalError(f"нужно число, получено: {shown(value)}")


def _bounded(item: Input, number: int | float) -> int | float:
    if item.kind == "integer" and isinstance(number, float) and not number.is_integer():
        raise RefusalError(f"нужно целое число, получено {shown(number)}")
    if item.minimum is not None and number < item.minimum:
        if item.minimum == 0:
            raise RefusalError(f"не может быть отрицательным, получено {shown(number)}")
        limit = _plain(item.minimum)
        raise RefusalError(f"должно быть не меньше {limit}, получено {shown(number)}")
    if item.maximum is not None and number > item.maximum:
        limit = _plain(item.maximum)
        raise RefusalError(f"должно быть не больше {limit}, получено {shown(number)}")
    # Bounds are checked first so that a huge float never reaches int().
    if item.kind == "integer" and isinstance(number, float):
        return int(number)
    return number


def _plain(number: float) -> str:
    return display.entered(number)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise RefusalError(f"нужно true или false, получено {shown(value)}")


def _choice(item: Input, value: Any) -> str:
    allowed = [choice.value for choice in item.choices]
    if isinstance(value, str) and value in allowed:
        return value
    options = "; ".join(f"{c.value} — {c.label}" for c in item.choices)
    raise RefusalError(f"допустимые значения: {options}; получено {shown(value)}")


def _text(item: Input, value: Any) -> str:
    if not isinstance(value, str):
        raise RefusalError(f"нужен текст, получено {shown(value)}")
    text = value.strip()
    if item.max_length is not None and len(text) > item.max_length:
        raise RefusalError(f"не длиннее {item.max_length} знаков, получено {len(text)}")
    return text


def _where(labels: tuple[str, ...]) -> str:
    return ", ".join(labels)


def read_value(
    item: Input, value: Any, labels: tuple[str, ...], path: tuple[PathItem, ...], top: str
) -> tuple[Any, list[Message]]:
    """The accepted value of one field (or its default), or the messages refusing it."""
    where = _where((*labels, f"«{item.label}»"))
    if _is_blank(value) or (item.kind == "table" and value == []):
        if item.required:
            return None, [rejected(f"{where}: поле не заполнено", top, path)]
        return item.default, []
    try:
        if item.kind in ("number", "integer"):
            return _bounded(item, _number(value)), []
        if item.kind == "boolean":
            return _boolean(value), []
        if item.kind == "choice":
            return _choice(item, value), []
        if item.kind == "text":
            return _text(item, value), []
    except RefusalError as refusal:
        return None, [rejected(f"{where}: {refusal.problem}", top, path)]
    return _table(item, value, labels, path, top)


def _table(
    item: Input, value: Any, labels: tuple[str, ...], path: tuple[PathItem, ...], top: str
) -> tuple[Any, list[Message]]:
    where = _where((*labels, f"«{item.label}»"))
    if not isinstance(value, list):
        return None, [rejected(f"{where}: нужен список строк, получено {shown(value)}", top, path)]
    if len(value) < item.min_rows:
        return None, [rejected(f"{where}: нужно строк не меньше {item.min_rows}", top, path)]
    if item.max_rows is not None and len(value) > item.max_rows:
        text = f"{where}: строк не больше {item.max_rows}, получено {len(value)}"
        return None, [rejected(text, top, path)]
    rows: list[dict[str, Any] | None] = []
    messages: list[Message] = []
    for index, row in enumerate(value):
        row_labels = (*labels, f"«{item.label}», строка {index + 1}")
        row_path = (*path, index)
        if not isinstance(row, dict):
            text = f"{_where(row_labels)}: нужен объект с полями, получено {shown(row)}"
            messages.append(rejected(text, top, row_path))
            rows.append(None)  # keeps row indices: a row-tolerant calculator blanks only this row
            continue
        read, row_messages = read_fields(item.columns, row, row_labels, row_path, top)
        rows.append(read)
        messages.extend(row_messages)
    return rows, messages


def read_fields(
    fields: tuple[Input, ...],
    raw: Mapping[str, Any],
    labels: tuple[str, ...] = (),
    path: tuple[PathItem, ...] = (),
    top: str | None = None,
) -> tuple[dict[str, Any], list[Message]]:
    """Read every declared field of ``raw``; unknown keys are refused (a typo must not vanish)."""
    known = {item.id for item in fields}
    messages: list[Message] = []
    for key in raw:
        if key not in known:
            where = _where(labels)
            text = f"Неизвестное поле {shown(str(key))}: такого поля у калькулятора нет"
            if where:
                text = f"{where}: неизвестное поле {shown(str(key))}"
            messages.append(rejected(text, top or str(key), (*path, str(key)) if top else path))
    values: dict[str, Any] = {}
    for item in fields:
        field_path = (*path, item.id) if top else path
        value, item_messages = read_value(item, raw.get(item.id), labels, field_path, top or item.id)
        values[item.id] = value
        messages.extend(item_messages)
    return values, messages


def read_input(fields: tuple[Input, ...], raw: Any) -> tuple[dict[str, Any], list[Message]]:
    """The whole input of a calculator: a JSON object whose keys are input ids."""
    if not isinstance(raw, dict):
        text = f"Входные данные должны быть объектом JSON с полями калькулятора, получено {shown(raw)}"
        return {}, [rejected(text)]
    return read_fields(fields, raw)
