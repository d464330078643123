"""Running a calculator: read the input, compute, and make the result safe strict JSON."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from calculators.declarations import Calculator, Output
from calculators.messages import Message, PathItem, Unavailable
from calculators.validation import read_input


@dataclass(frozen=True)
class Result:
    calculator: Calculator
    values: dict[str, Any]
    messages: list[Message]
    accepted: bool
    # The inputs as read (defaults filled in); empty when the input was rejected.
    inputs: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        data = {output.id: self.values.get(output.id) for output in self.calculator.outputs}
        data["messages"] = [message.to_json() for message in self.messages]
        return data


def run(calculator: Calculator, raw: Any) -> Result:
    """Compute ``calculator`` for ``raw``; never raises on bad input, never returns NaN."""
    inputs, messages = read_input(calculator.inputs, raw)
    if not _refused(messages) and calculator.check is not None:
        messages.extend(calculator.check(inputs))
    if _refused(messages):
        refusals = [m for m in messages if m.kind == "rejected"]
        empty = {output.id: None for output in calculator.outputs}
        return Result(calculator, empty, refusals, accepted=False, inputs={})
    outcome = calculator.compute(inputs)
    values: dict[str, Any] = {}
    produced: list[Message] = []
    for output in calculator.outputs:
        values[output.id] = _finish(output, outcome.values[output.id], (), output.id, produced)
    # Reasons for nulls come after the warnings and notes about the input.
    return Result(calculator, values, [*messages, *outcome.messages, *produced], True, inputs)


def _refused(messages: list[Message]) -> bool:
    return any(message.kind == "rejected" for message in messages)


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
