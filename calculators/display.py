"""Russian display of numbers: decimal comma, no-break space between thousands, true minus."""

from __future__ import annotations

import math
from typing import Any

NBSP = "\u00a0"
MINUS = "−"
DASH = "—"


def _group(digits: str) -> str:
    # Russian style leaves four-digit numbers ungrouped (1000, but 10 000).
    if len(digits) <= 4:
        return digits
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return NBSP.join(groups)


def number(value: Any, decimals: int = 2) -> str:
    """``value`` rounded to ``decimals`` for reading; «—» for ``None`` or a non-finite value."""
    if value is None or isinstance(value, bool):
        return DASH
    if isinstance(value, float) and not math.isfinite(value):
        return DASH
    text = f"{abs(value):.{decimals}f}"
    negative = value < 0 and any(ch not in "0." for ch in text)
    whole, _, fraction = text.partition(".")
    text = _group(whole) + ("," + fraction if fraction else "")
    return (MINUS if negative else "") + text


def entered(value: Any) -> str:
    """An input value as the reader typed it: no rounding, decimal comma."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int):
        return (MINUS if value < 0 else "") + _group(str(abs(value)))
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return entered(int(value))
        text = repr(abs(value))
        if "e" in text:
            return (MINUS if value < 0 else "") + text.replace(".", ",")
        whole, _, fraction = text.partition(".")
        return (MINUS if value < 0 else "") + _group(whole) + "," + fraction
    return str(value)


def literal(text: str) -> str:
    """A number written in a formula (``1000000``) grouped for reading."""
    if "." in text:
        whole, _, fraction = text.partition(".")
        return _group(whole) + "," + fraction
    return _group(text)
