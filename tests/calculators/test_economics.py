"""The economics calculator and the economic effect of a practice card: hand-computed figures."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from calculators.economics import money_scale, practice_effects
from calculators.registry import get
from calculators.web import view
from tests.calculators.helpers import accepted, rejections, texts

# The form's default example: 75 days × 4000 руб., eight categories filled, fines blank; 3 victims,
# 340 workers, wage fund 204 000 000; prevention 500 000 → 900 000; 1 200 000 saving 800 000 a year.
WORKSHOP = dict(get("economics").examples[0].inputs)


def test_every_output_of_a_full_year() -> None:
    assert "fines" not in WORKSHOP and (WORKSHOP["days_lost"], WORKSHOP["day_cost"]) == (75, 4000)
    data = accepted("economics", WORKSHOP)
    # 75 days × 4000 руб. = 300 000 руб.
    assert data["lost_time_cost"] == 300000
    # 300 000 + 150 000 + 60 000 + 90 000 + 120 000 + 25 000 + 0 (fines) + 40 000 + 15 000
    assert data["total_losses"] == 800000
    # 800 000 / 3 = 266 666,666…
    assert round(data["losses_per_victim"], 4) == 266666.6667
    # 800 000 × 1000 / 340 = 2 352 941,176…
    assert round(data["losses_per_1000"], 3) == 2352941.176
    # 800 000 × 100 / 204 000 000 = 0,392156…
    assert round(data["losses_wage_share"], 6) == 0.392157
    # 900 000 / 500 000
    assert data["rop"] == 1.8
    # 1 200 000 / 800 000
    assert data["payback_years"] == 1.5
    # The blank fines are named and counted as zero.
    assert texts(data, "note") == ["Не заполнена статья потерь «Штрафы» — в итог она вошла как 0."]


def test_the_form_shows_formulas_with_symbols_and_numbers() -> None:
    described = view(get("economics"), WORKSHOP)
    outputs = described["outputs"]
    assert outputs["losses_per_victim"]["formula"] == "П / T"
    assert outputs["losses_per_victim"]["substitution"] == "800\u00a0000 / 3"
    assert outputs["losses_per_victim"]["shown"] == "266\u00a0666,67"
    assert outputs["rop"]["substitution"] == "900\u00a0000 / 500\u00a0000"
    assert outputs["payback_years"]["shown"] == "1,50"
    assert outputs["payback_years"]["also"] == ["18,0 мес."]
    assert outputs["total_losses"]["formula"] == "D × Сдн + Вр + Зм + Об + Пр + Рс + Ш + Нт + Пп"


def test_a_total_with_kopecks_is_substituted_to_the_kopeck() -> None:
    # 0,1 + 0,2 is 0.30000000000000004 in binary: the result keeps it, the text shows 0,3.
    described = view(get("economics"), {"employer_payments": "0,1", "replacement_costs": "0,2", "victims": 1})
    assert described["result"]["losses_per_victim"] == 0.1 + 0.2
    assert described["outputs"]["losses_per_victim"]["substitution"] == "0,3 / 1"


def test_costs_and_benefits_by_lines() -> None:
    lines = dict(get("economics").examples[1].inputs)
    assert "prevention_costs" not in lines and "prevention_benefits" not in lines
    data = accepted("economics", lines)
    # costs 120 000 + 180 000 + 60 000 + 40 000 + 100 000 = 500 000;
    # benefits 400 000 + 300 000 + 150 000 + 100 000 = 950 000; 950 000 / 500 000 = 1,9
    assert data["rop"] == 1.9
    notes = texts(data, "note")
    assert any("взята сумма строк затрат (500\u00a0000,00 руб.)" in text for text in notes)
    assert any("взята сумма строк выгод (950\u00a0000,00 руб.)" in text for text in notes)


def test_a_filled_total_wins_over_its_lines_with_a_warning() -> None:
    data = accepted("economics", {"prevention_costs": 400, "cost_ppe": 100, "prevention_benefits": 800})
    assert data["rop"] == 2.0  # 800 / 400, not 800 / 100
    warning = [m for m in data["messages"] if m["kind"] == "warning"]
    assert warning[0]["input"] == "prevention_costs"
    assert "в расчёте используется поле" in warning[0]["text"]


@pytest.mark.parametrize(
    ("raw", "output", "reason"),
    [
        ({"prevention_costs": 0, "prevention_benefits": 10}, "rop", "годовые затраты на профилактику равны нулю"),
        ({"investment": 5, "annual_savings": 0}, "payback_years", "годовая экономия равна нулю"),
        ({"fines": 1000, "victims": 0}, "losses_per_victim", "нет пострадавших и заболевших"),
        ({"fines": 1000, "headcount": 0}, "losses_per_1000", "«Среднесписочная численность работников» равно нулю"),
        ({"fines": 1000, "wage_fund": 0}, "losses_wage_share", "«Фонд оплаты труда за год» равно нулю"),
        ({"victims": 3}, "losses_per_victim", "не заполнено ни одно поле потерь"),
        ({}, "total_losses", "не заполнено ни одно поле потерь"),
        ({"days_lost": 10}, "lost_time_cost", "не заполнено поле «Стоимость одного рабочего дня»"),
    ],
)
def test_what_cannot_be_computed_is_null_with_a_russian_reason(raw: dict, output: str, reason: str) -> None:
    data = accepted("economics", raw)
    assert data[output] is None
    reasons = [m["text"] for m in data["messages"] if m["kind"] == "unavailable" and m["output"] == output]
    assert len(reasons) == 1 and reason in reasons[0], reasons


def test_a_free_practice_pays_back_at_once() -> None:
    assert accepted("economics", {"investment": 0, "annual_savings": 1})["payback_years"] == 0


def test_half_of_the_lost_time_is_a_warning_and_leaves_it_out_of_the_total() -> None:
    data = accepted("economics", {"days_lost": 10, "fines": 5000})
    assert data["lost_time_cost"] is None
    assert data["total_losses"] == 5000
    warning = [m for m in data["messages"] if m["kind"] == "warning"]
    assert warning[0]["input"] == "day_cost"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("prevention_costs", -1, "не может быть отрицательным"),
        ("annual_savings", "много", "нужно число"),
        ("days_lost", 2.5, "нужно целое число"),
        ("fines", float("nan"), "NaN"),
        ("day_cost", 1e16, "должно быть не больше"),
    ],
)
def test_bad_input_is_refused_naming_the_field(field: str, value: object, problem: str) -> None:
    messages = rejections("economics", {field: value})
    assert [m["input"] for m in messages] == [field]
    label = get("economics").input(field).label
    assert messages[0]["text"].startswith(f"«{label}»") and problem in messages[0]["text"]


# ---- the economic effect of a card -----------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "scale"),
    [
        ("руб.", (1, False)),
        ("Руб", (1, False)),
        ("рублей", (1, False)),
        ("₽", (1, False)),
        ("тыс. руб.", (1000, False)),
        ("тыс.руб./год", (1000, True)),
        ("млн руб. в год", (1_000_000, True)),
        ("руб. за год", (1, True)),
        ("%", None),
        ("рубрика", None),
        ("дней", None),
        ("", None),
        (None, None),
    ],
)
def test_money_units(unit: object, scale: tuple[float, bool] | None) -> None:
    assert money_scale(unit) == scale


LOSSES = {"name": "Потери от травматизма", "unit": "руб.", "before": 1200000, "after": 400000}


def test_a_card_with_cost_and_losses_before_and_after() -> None:
    metric = {**LOSSES, "period_before": 2023, "period_after": "2024"}
    (effect,) = practice_effects({"amount": 180000, "year": 2024}, [metric])
    # 1 200 000 − 400 000 = 800 000 руб. a year; 180 000 / 800 000 = 0,225 years
    assert effect.annual_savings == 800000
    assert effect.payback_years == 0.225
    assert effect.messages == ()
    assert parse_qs(effect.calculator_query) == {"investment": ["180000"], "annual_savings": ["800000"]}


def test_thousands_of_rubles_a_year() -> None:
    metric = {"name": "Затраты на больничные", "unit": "тыс. руб. в год", "before": 1200.5, "after": 400}
    (effect,) = practice_effects({"amount": 100000}, [metric])
    assert (effect.before, effect.after, effect.annual_savings) == (1200500, 400000, 800500)
    assert round(effect.payback_years, 6) == 0.124922  # 100 000 / 800 500


def test_a_metric_not_for_a_year_gives_no_payback() -> None:
    metric = {**LOSSES, "period_before": "2023-01", "period_after": "2023-06"}
    (effect,) = practice_effects({"amount": 1}, [metric])
    assert effect.annual_savings is None and effect.payback_years is None
    assert "не за год" in effect.messages[0]
    assert parse_qs(effect.calculator_query) == {"investment": ["1"]}


def test_losses_that_grew_and_losses_that_stayed() -> None:
    grew = {**LOSSES, "unit": "руб./год", "before": 100, "after": 150}
    (effect,) = practice_effects({"amount": 10}, [grew])
    assert effect.annual_savings == -50 and effect.payback_years is None
    assert effect.messages[0].startswith("Показатель вырос на 50,00 руб.")
    stayed = {**LOSSES, "unit": "руб./год", "before": 100, "after": 100}
    (effect,) = practice_effects({"amount": 10}, [stayed])
    assert effect.annual_savings == 0 and effect.payback_years is None
    assert "годовая экономия равна нулю" in effect.messages[0]


def test_cards_without_cost_or_money_metrics_have_no_effect() -> None:
    indicator = {"indicator": "frequency", "before": 8.8, "after": 2.9}
    share = {"name": "Доля работников без СИЗ", "unit": "%", "before": 11, "after": 3}
    assert practice_effects(None, [LOSSES]) == []
    assert practice_effects({"year": 2024}, [LOSSES]) == []
    assert practice_effects({"amount": -5}, [LOSSES]) == []
    assert practice_effects({"amount": 5}, [indicator, share, "junk", {"name": "x", "unit": "руб."}]) == []
