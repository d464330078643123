"""Evaluating an output's formula, with a Russian reason when it cannot be computed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from calculators.declarations import Output
from calculators.formulas import (
    MissingValuesError,
    Number,
    Var,
    ZeroDivisorError,
    evaluate,
    node_text,
)
from calculators.messages import Unavailable

NOT_REQUIRED = "не требуется: "


def not_computed(output: Output, cause: str) -> Unavailable:
    # The contest table's own «не требуется» reads better than «не рассчитывается — не требуется».
    if cause.startswith(NOT_REQUIRED):
        return Unavailable(f"«{output.label}»: не требуется — {cause[len(NOT_REQUIRED) :]}")
    return Unavailable(f"«{output.label}»: не рассчитывается — {cause}")


def missing_cause(labels: list[str]) -> str:
    quoted = ", ".join(f"«{label}»" for label in labels)
    if len(labels) == 1:
        return f"не заполнено поле {quoted}"
    return f"не заполнены поля {quoted}"


def rate(
    output: Output,
    formula: str,
    values: Mapping[str, Any],
    label_of: Callable[[str], str],
    symbol_of: Callable[[str], str],
    zero_cause: str | None = None,
) -> Number | Unavailable:
    """``formula`` evaluated on ``values``, or why not (a missing field, a zero denominator)."""
    try:
        return evaluate(formula, values)
    except MissingValuesError as missing:
        return not_computed(output, missing_cause([label_of(name) for name in missing.ids]))
    except ZeroDivisorError as zero:
        if zero_cause is not None:
            return not_computed(output, zero_cause)
        if isinstance(zero.divisor, Var):
            cause = f"значение поля «{label_of(zero.divisor.id)}» равно нулю"
        else:
            cause = f"знаменатель {node_text(zero.divisor, symbol_of)} равен нулю"
        return not_computed(output, cause)
