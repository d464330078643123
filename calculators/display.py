"""Russian display of numbers: the one number style of the site, its calculators and exports.

The rule, in one place (the browser receives it as data from :func:`rules`, never rewrites it):

* decimal sign: a comma (``8,82``);
* grouping: thousands separated by U+00A0 NO-BREAK SPACE so that a number never breaks across
  lines, and only from five digits of the integer part (``1000``, but ``10 000``). Why: Russian
  typographic practice (А. Э. Мильчин, Л. К. Чельцова, «Справочник издателя и автора», the
  chapter on numbers) leaves four-digit numbers unsplit in running text; the project applies the
  same rule in tables too, so that one value always reads the same — the project's convention;
* minus: U+2212 MINUS SIGN, never the hyphen; a value that rounds to zero has no sign (``0,00``);
* rounding: half up, away from zero, applied to the exact binary value of the float (the school
  rule; Python's ``Decimal(float)`` and JavaScript's ``Number.prototype.toFixed`` on the absolute
  value agree on it, so both sides give the same digits — ``round()``'s half-even does not);
* percent: the number, U+00A0, then «%» (``25,0 %``), as Russian typography writes it;
* nothing to show (``None``, NaN, infinity): an em dash «—».
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"
DECIMAL = ","
GROUP_FROM_DIGITS = 5
GROUP_SIZE = 3
PERCENT = NBSP + "%"
_MAX_FLOAT_DIGITS = 310

# Inputs for the rule's samples; the expected texts are computed by number()/percent() in rules(),
# so the browser's implementation can be checked against Python's.
SAMPLES: tuple[tuple[float, int], ...] = (
    (8.823529, 2),
    (1234567.891, 1),
    (1000, 0),
    (9999.5, 0),
    (12000, 0),
    (1234.5, 2),
    (-6.03, 2),
    (-0.001, 2),
    (0.5, 0),
    (2.5, 0),
    (-2.5, 0),
    (0.125, 2),
    (2.675, 2),
    (1.005, 2),
    (9.255, 2),
    (99999.95, 1),
    (1e15, 0),
    (0, 1),
    (123456789.0123, 3),
)
PERCENT_SAMPLES: tuple[tuple[float, int], ...] = ((25, 1), (30.833333, 1), (100, 0), (-0.04, 1), (12345.678, 1))


def _group(digits: str) -> str:
    if len(digits) < GROUP_FROM_DIGITS:
        return digits
    groups = []
    while digits:
        groups.insert(0, digits[-GROUP_SIZE:])
        digits = digits[:-GROUP_SIZE]
    return NBSP.join(groups)


def _absent(value: Any) -> bool:
    return value is None or isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value))


def number(value: Any, decimals: int = 2) -> str:
    """``value`` rounded to ``decimals`` for reading; «—» for ``None`` or a non-finite value."""
    if _absent(value):
        return DASH
    # Decimal(float) is the float's exact binary value: the same digits JavaScript's toFixed gives.
    # A float's integer part has at most 309 digits: the precision must hold them and the decimals.
    with localcontext(Context(prec=_MAX_FLOAT_DIGITS + decimals)):
        rounded = Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    negative = value < 0 and any(ch not in "0." for ch in text)
    whole, _, fraction = text.partition(".")
    text = _group(whole) + (DECIMAL + fraction if fraction else "")
    return (MINUS if negative else "") + text


def percent(value: Any, decimals: int = 1) -> str:
    """``25`` → «25,0 %» (no-break space before the sign); «—» when there is nothing to show."""
    if _absent(value):
        return DASH
    return number(value, decimals) + PERCENT


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
            return (MINUS if value < 0 else "") + text.replace(".", DECIMAL)
        whole, _, fraction = text.partition(".")
        return (MINUS if value < 0 else "") + _group(whole) + DECIMAL + fraction
    return str(value)


def plain(value: float) -> str:
    """A number for a data cell or a text box: exact, no grouping, decimal comma, ASCII minus.

    Spreadsheets and the browser's number parsing read this back as a number; it is not for
    reading (use :func:`number` or :func:`entered`).
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    if "e" in text:  # Python writes very large and very small floats with an exponent
        text = f"{Decimal(text):f}"
    return text.replace(".", DECIMAL)


def literal(text: str) -> str:
    """A number written in a formula (``1000000``) grouped for reading."""
    if "." in text:
        whole, _, fraction = text.partition(".")
        return _group(whole) + DECIMAL + fraction
    return _group(text)


def rules() -> dict[str, Any]:
    """The number style as JSON-able data, with samples computed here, for the browser and its test."""
    return {
        "decimal": DECIMAL,
        "group": NBSP,
        "group_from_digits": GROUP_FROM_DIGITS,
        "group_size": GROUP_SIZE,
        "minus": MINUS,
        "percent_suffix": PERCENT,
        "empty": DASH,
        "rounding": "half-up",
        "samples": [[value, decimals, number(value, decimals)] for value, decimals in SAMPLES],
        "percent_samples": [[value, decimals, percent(value, decimals)] for value, decimals in PERCENT_SAMPLES],
    }
