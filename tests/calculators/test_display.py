"""The one number style: Python's function against hand-written texts, and rules() for the browser."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import display

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1000, 0, "1000"),  # four digits stay whole
        (12000, 0, f"12{NB}000"),  # five digits are grouped
        (9999.5, 0, f"10{NB}000"),  # grouping follows the rounded number
        (1234.5, 2, "1234,50"),
        (0.5, 0, "1"),  # half up, not Python's half-even round()
        (2.5, 0, "3"),
        (-2.5, 0, "\u22123"),
        (0.125, 2, "0,13"),  # 0.125 is exact in binary: a true tie, rounded up
        (2.675, 2, "2,67"),  # 2.675 is stored as 2.67499999…: no tie
        (-0.001, 2, "0,00"),  # no sign on a zero
        (float("inf"), 1, "—"),
        (True, 1, "—"),
    ],
)
def test_number_style(value: float, decimals: int, shown: str) -> None:
    assert display.number(value, decimals) == shown


def test_any_finite_float_is_shown() -> None:
    # 2 ** 100 = 1267650600228229401496703205376 (exact as a float): 31 digits, more than
    # decimal's default precision of 28
    assert (
        display.number(float(2**100), 2)
        == NB.join(["1", "267", "650", "600", "228", "229", "401", "496", "703", "205", "376"]) + ",00"
    )
    assert display.number(1.7976931348623157e308, 0).startswith(f"179{NB}769{NB}313")
    assert display.number(5e-324, 2) == "0,00"


def test_percent_has_a_no_break_space_before_the_sign() -> None:
    assert display.percent(25) == f"25,0{NB}%"
    assert display.percent(37 / 120 * 100) == f"30,8{NB}%"
    assert display.percent(None) == "—"


def test_plain_is_exact_and_readable_back_by_a_spreadsheet() -> None:
    assert display.plain(1250.5) == "1250,5"
    assert display.plain(-3.0) == "-3"
    assert display.plain(1e20) == "100000000000000000000"
    assert display.plain(1e-7) == "0,0000001"


def test_rules_describe_the_style_and_their_samples_round_trip() -> None:
    rules = json.loads(json.dumps(display.rules()))  # JSON-able as the browser receives it
    assert rules["decimal"] == ","
    assert rules["group"] == NB
    assert rules["group_from_digits"] == 5
    assert rules["minus"] == "\u2212"
    assert rules["percent_suffix"] == NB + "%"
    assert len(rules["samples"]) == len(display.SAMPLES)
    for value, decimals, text in rules["samples"]:
        assert display.number(value, decimals) == text
    for value, decimals, text in rules["percent_samples"]:
        assert display.percent(value, decimals) == text
    # The samples cover what a second implementation gets wrong: ties, grouping and the minus.
    texts = {text for _, _, text in rules["samples"]}
    assert {"3", "\u22123", "0,13", "2,67", "1000", f"10{NB}000", "0,00"} <= texts


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=0, max_value=3))
def test_every_finite_float_reads_back_within_half_a_unit(value: float, decimals: int) -> None:
    text = display.number(value, decimals)
    back = Decimal(text.replace(NB, "").replace(",", ".").replace("\u2212", "-"))
    assert abs(back - Decimal(value)) <= Decimal(1).scaleb(-decimals) / 2


def test_the_results_table_writes_exact_numbers_as_a_russian_spreadsheet_reads_them() -> None:
    from calculators.registry import CALCULATORS
    from calculators.web import view

    # 122 × 1000 / 12 000 = 10.1666…: the CSV's «Точное значение» has a decimal comma, no grouping.
    rows = view(CALCULATORS["coefficients"], {"victims": "122", "headcount": "12 000"})["rows"]
    frequency = next(row for row in rows if row[0].startswith("Коэффициент частоты травматизма Кч"))
    assert frequency[1:] == ["10,17", "на 1000 работников", frequency[3], "10,166666666666666"]
