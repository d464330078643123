"""All calculators by id, in the order the docs and ``list`` show them.

A calculator's module is imported when it is first asked for. In the browser Python compiles the
package's source as it imports it: a calculator page that imported all five calculators spent
about 150 ms of its first result on them, its own one takes about 12 ms (Pyodide in Node).
``get`` imports one; ``CALCULATORS`` (for the command line, the docs and the build) all of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from calculators.declarations import Calculator

# Each calculator lives in the module of its id: calculators.<id>.CALCULATOR.
IDS = ("coefficients", "zero_injury", "vision_zero", "contest", "economics")


def get(calculator_id: str) -> Calculator:
    """The calculator ``calculator_id``; ``KeyError`` when there is none."""
    if calculator_id not in IDS:
        raise KeyError(calculator_id)
    calculator: Calculator = import_module(f"calculators.{calculator_id}").CALCULATOR
    return calculator


def __getattr__(name: str) -> Any:
    # ``CALCULATORS`` (id -> Calculator), made on first use and then kept as a module attribute.
    if name == "CALCULATORS":
        calculators = {calculator_id: get(calculator_id) for calculator_id in IDS}
        globals()["CALCULATORS"] = calculators
        return calculators
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
