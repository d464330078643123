"""Running a calculator: read the input, compute, and make the result safe strict JSON.

A refused field blanks only the outputs computed from it (``Calculator.uses``); the others are
still computed from the reader's valid fields. Only when every output would be blank, or the
refusal concerns no declared field (not a JSON object, an unknown key), is nothing computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from calculators.declarations import Calculator, Output
from calculators.messages import Message, PathItem, Unavailable
from calculators.validation import read_input


@dataclass(frozen=True)
class Result:
    calculator: Calculator
    values: dict[str, Any]
    messages: list[Message]
    # False when nothing was computed; a result with some outputs blanked by a refused field
    # is accepted and carries the refusals among its messages.
    accepted: bool
    # The inputs as read (defaults filled in, refused fields at their default); empty when the
    # input was rejected as a whole.
    inputs: dict[str, Any]

    @property
    def refused(self) -> bool:
        """Whether any field was refused (the command line then exits with status 2)."""
        return any(message.kind == "rejected" for message in self.messages)

    def to_json(self) -> dict[str, Any]:
        data = {output.id: self.values.get(output.id) for output in self.calculator.outputs}
        data["messages"] = [message.to_json() for message in self.messages]
        return data


@dataclass
class _Refused:
    """The fields refused: whole inputs, and rows of row-tolerant tables."""

    inputs: set[str] = field(default_factory=set)
    rows: dict[str, set[int]] = field(default_factory=dict)


def run(calculator: Calculator, raw: Any) -> Result:
    """Compute ``calculator`` for ``raw``; never raises on bad input, never returns NaN."""
    inputs, messages = read_input(calculator.inputs, raw)
    refused = _refused(calculator, inputs, messages)
    if _nothing_left(calculator, inputs, refused):
        return _rejection(calculator, messages)
    if calculator.check is not None:
        messages.extend(calculator.check(_usable(calculator, inputs, refused)))
        refused = _refused(calculator, inputs, messages)
        if _nothing_left(calculator, inputs, refused):
            return _rejection(calculator, messages)
    usable = _usable(calculator, inputs, refused)
    outcome = calculator.compute(usable)
    values: dict[str, Any] = {}
    produced: list[Message] = []
    for output in calculator.outputs:
        broken = _broken(calculator, output.id, usable, refused)
        if broken:
            labels = ", ".join(f"«{calculator.input(input_id).label}»" for input_id in broken)
            text = f"«{output.label}»: не рассчитывается — с ошибкой заполнено: {labels}"
            produced.append(Message("unavailable", text, output=output.id))
            values[output.id] = None
            continue
        values[output.id] = _finish(output, outcome.values[output.id], (), output.id, produced)
    # A note on how a figure was computed appears only beside a figure that was.
    notes = [m for m in outcome.messages if not (m.kind == "note" and m.output and values.get(m.output) is None)]
    # Reasons for nulls come after the warnings and notes about the input.
    return Result(calculator, values, [*messages, *notes, *produced], True, usable)


def _nothing_left(calculator: Calculator, inputs: dict[str, Any], refused: _Refused | None) -> bool:
    return refused is None or all(_broken(calculator, output.id, inputs, refused) for output in calculator.outputs)


def _rejection(calculator: Calculator, messages: list[Message]) -> Result:
    refusals = [m for m in messages if m.kind == "rejected"]
    empty = {output.id: None for output in calculator.outputs}
    return Result(calculator, empty, refusals, accepted=False, inputs={})


def _refused(calculator: Calculator, inputs: Mapping[str, Any], messages: list[Message]) -> _Refused | None:
    """What the refusals among ``messages`` concern; ``None`` when one concerns no declared field."""
    declared = {item.id for item in calculator.inputs}
    refused = _Refused()
    for message in messages:
        if message.kind != "rejected":
            continue
        if message.input not in declared:
            return None
        row = message.path[0] if message.path else None
        if message.input in calculator.row_tolerant and isinstance(row, int):
            refused.rows.setdefault(message.input, set()).add(row)
        else:
            refused.inputs.add(message.input)
    # A table with every row refused is refused as a whole: nothing of it is left to compute.
    for table, rows in refused.rows.items():
        if isinstance(inputs.get(table), list) and len(rows) >= len(inputs[table]):
            refused.inputs.add(table)
    return refused


def _broken(calculator: Calculator, output_id: str, values: Mapping[str, Any], refused: _Refused) -> list[str]:
    """The refused inputs ``output_id`` is computed from, in declaration order."""
    uses = calculator.uses(output_id, values)
    return [item.id for item in calculator.inputs if item.id in uses and item.id in refused.inputs]


def _usable(calculator: Calculator, inputs: dict[str, Any], refused: _Refused) -> dict[str, Any]:
    """The inputs a computation may see: a refused field at its default, a refused row as ``None``."""
    usable = dict(inputs)
    for item in calculator.inputs:
        if item.id in refused.inputs:
            usable[item.id] = item.default
        elif item.id in refused.rows and isinstance(usable.get(item.id), list):
            rows: list[Any] = list(usable[item.id])
            for index in refused.rows[item.id]:
                if index < len(rows):
                    rows[index] = None
            usable[item.id] = rows
    return usable


def _finish(output: Output, value: Any, path: tuple[PathItem, ...], top: str, messages: list[Message]) -> Any:
    """Replace ``Unavailable`` and non-finite numbers by ``None`` with a message, recursively."""
    if isinstance(value, Unavailable):
        messages.append(Message("unavailable", value.reason, output=top, path=path))
        return None
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        text = f"«{output.label}»: не рассчитывается — результат выходит за пределы представимых чисел"
        messages.append(Message("unavailable", text, output=top, path=path))
        return None
    if isinstance(value, list):
        return [_finish(output, item, (*path, index), top, messages) for index, item in enumerate(value)]
    if isinstance(value, dict):
        columns = {column.id: column for column in output.columns}
        return {
            key: _finish(columns.get(key, output), item, (*path, key), top, messages) for key, item in value.items()
        }
    raise TypeError(f"output {top!r}: unexpected value type {type(value).__name__}")
