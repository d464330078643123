"""Shared helpers for the calculator tests."""

from __future__ import annotations

import json
import math
from typing import Any

from calculators.engine import Result, run
from calculators.registry import get


def compute(calculator_id: str, raw: Any) -> Result:
    return run(get(calculator_id), raw)


def accepted(calculator_id: str, raw: Any) -> dict[str, Any]:
    """The JSON result of an accepted input (fails the test if it was rejected)."""
    result = compute(calculator_id, raw)
    assert result.accepted and not result.refused, [m.text for m in result.messages]
    return result.to_json()


def rejections(calculator_id: str, raw: Any) -> list[dict[str, Any]]:
    result = compute(calculator_id, raw)
    assert result.refused
    return [m for m in result.to_json()["messages"] if m["kind"] == "rejected"]


def texts(data: dict[str, Any], kind: str) -> list[str]:
    return [m["text"] for m in data["messages"] if m["kind"] == kind]


def assert_strict_json(data: Any) -> None:
    """Serialisable as strict JSON, and no float anywhere is NaN or infinite."""
    json.dumps(data, allow_nan=False)

    def walk(value: Any) -> None:
        if isinstance(value, float):
            assert math.isfinite(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
