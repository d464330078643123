"""Form values: a declaration's inputs as the form's text boxes hold them, and back.

calculator/dom.mjs ``collect`` follows the same rules in the browser: the build computes the
example's result from exactly what the browser will send.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from calculators import display
from calculators.declarations import Input


def form_text(value: Any) -> str:
    """A value as the form's text box holds it: the site's exact number style (``display.plain``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and math.isfinite(value):
        return display.plain(value)
    return str(value)


def form_values(fields: tuple[Input, ...], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Every field's form value for ``raw`` (missing fields take their declared default)."""
    values: dict[str, Any] = {}
    for item in fields:
        value = raw.get(item.id, item.default)
        if item.kind == "boolean":
            values[item.id] = bool(value)
        elif item.kind == "table":
            values[item.id] = [form_values(item.columns, row) for row in (value or [])]
        else:
            values[item.id] = form_text(value)
    return values


def form_raw(fields: tuple[Input, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """What the page script sends to Python for these form values (blank text fields left out).

    The same rules as ``collect`` in calculator-page.js: the build computes the default result
    from exactly what the browser will send, so the first live result equals the built one.
    """
    raw: dict[str, Any] = {}
    for item in fields:
        value = values.get(item.id)
        if item.kind == "boolean":
            raw[item.id] = bool(value)
        elif item.kind == "table":
            raw[item.id] = [form_raw(item.columns, row) for row in (value or [])]
        elif isinstance(value, str) and value.strip():
            raw[item.id] = value
    return raw
