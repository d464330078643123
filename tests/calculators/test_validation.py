"""Input checks: every refusal names the field's Russian label."""

from __future__ import annotations

import pytest

from tests.calculators.helpers import accepted, rejections

VICTIMS = "«Численность пострадавших при несчастных случаях на производстве»"
HEADCOUNT = "«Среднесписочная численность работников»"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (-1, "не может быть отрицательным"),
        (2.5, "нужно целое число"),
        ("три", "нужно число"),
        (float("nan"), "NaN"),
        (float("inf"), "бесконечность"),
        (True, "нужно число"),
        ([1], "нужно число"),
        ({"a": 1}, "нужно число"),
        (10**9, "должно быть не больше 100\u00a0000\u00a0000"),
        ("1e400", "слишком велико"),
    ],
)
def test_bad_count_is_rejected_with_label(value: object, problem: str) -> None:
    messages = rejections("coefficients", {"victims": value, "headcount": 100})
    assert len(messages) == 1
    assert messages[0]["input"] == "victims"
    assert messages[0]["text"].startswith(VICTIMS)
    assert problem in messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("340", 340), ("1 250,5", 1250.5), ("1\u00a0250", 1250), (" 12.0 ", 12.0), ("", None)],
)
def test_numbers_typed_in_a_form_are_read(text: str, expected: float | None) -> None:
    # One victim: Кч = 1000 / headcount, so the result shows which headcount was read.
    result = accepted("coefficients", {"headcount": text, "victims": 1})
    if expected is None:
        assert result["frequency"] is None
    else:
        assert result["frequency"] == 1000 / expected


def test_integral_float_is_a_valid_count() -> None:
    # JavaScript cannot tell 3 from 3.0: both are three victims. 3 × 1000 / 300 = 10
    assert accepted("coefficients", {"victims": 3.0, "headcount": 300})["frequency"] == 10.0


def test_negative_headcount_and_unknown_field() -> None:
    messages = rejections("coefficients", {"headcount": -5, "victim": 1})
    by_input = {m["input"]: m["text"] for m in messages}
    assert by_input["headcount"].startswith(HEADCOUNT)
    assert "Неизвестное поле «victim»" in by_input["victim"]


def test_input_must_be_an_object() -> None:
    for raw in ([], "text", 5, None):
        messages = rejections("coefficients", raw)
        assert "объектом JSON" in messages[0]["text"]


def test_choice_and_boolean_are_checked() -> None:
    messages = rejections("coefficients", {"disease_base": "100", "severity_includes_fatal": "может быть"})
    texts = {m["input"]: m["text"] for m in messages}
    assert "допустимые значения: 10000" in texts["disease_base"]
    assert "нужно true или false" in texts["severity_includes_fatal"]


def test_table_cells_are_named_by_row_and_column() -> None:
    raw = {"indicators": [{"name": "А", "base": 1, "plan": 0, "current": "x"}, "строка"]}
    messages = rejections("zero_injury", raw)
    first, second = messages
    assert first["path"] == [0, "current"]
    assert "«Целевые показатели программы», строка 1, «Текущее значение»" in first["text"]
    assert second["path"] == [1]
    assert "строка 2" in second["text"]


def test_text_length_is_limited() -> None:
    raw = {"indicators": [{"name": "я" * 301, "base": 1}]}
    assert "не длиннее 300 знаков" in rejections("zero_injury", raw)[0]["text"]


def test_too_many_rows() -> None:
    raw = {"indicators": [{"base": 1}] * 51}
    assert "строк не больше 50" in rejections("zero_injury", raw)[0]["text"]
