"""All calculators by id, in the order the docs and ``list`` show them."""

from __future__ import annotations

from calculators import coefficients, contest, economics, vision_zero, zero_injury
from calculators.declarations import Calculator

CALCULATORS: dict[str, Calculator] = {
    calculator.id: calculator
    for calculator in (
        coefficients.CALCULATOR,
        zero_injury.CALCULATOR,
        vision_zero.CALCULATOR,
        contest.CALCULATOR,
        economics.CALCULATOR,
    )
}


def get(calculator_id: str) -> Calculator:
    """The calculator ``calculator_id``; ``KeyError`` when there is none."""
    return CALCULATORS[calculator_id]
