"""Worked examples of the Zero Injury progress E_i, computed by hand in the comments."""

from __future__ import annotations

import pytest

from calculators.registry import get
from calculators.zero_injury import PRESET_INDICATORS, band, progress
from tests.calculators.helpers import accepted, compute, rejections, texts

TYPICAL = [
    # Кч 2.5 → 1.8, plan 2.0: E = (2.5 − 1.8) / (2.5 − 2.0) × 100 = 0.7 / 0.5 × 100 = 140 %
    {"indicator": "frequency", "base": 2.5, "plan": 2.0, "current": 1.8},
    # Кчсм 0 → 0, plan 0: «удержание достигнутого уровня», 0 ≤ 0 → 100 %
    {"indicator": "fatal_frequency", "base": 0, "plan": 0, "current": 0},
    # ПЗ 4 → 3, plan 2: E = (4 − 3) / (4 − 2) × 100 = 50 %
    {"indicator": "occupational_disease", "base": 4, "plan": 2, "current": 3},
    # Увр 40 → 38, plan 35: E = (40 − 38) / (40 − 35) × 100 = 2 / 5 × 100 = 40 %
    {"indicator": "harmful_share", "base": 40, "plan": 35, "current": 38},
]


def _progress(data: dict) -> list[float | None]:
    return [row["progress"] for row in data["indicators"]]


def test_typical_programme_by_hand() -> None:
    data = accepted("zero_injury", {"indicators": TYPICAL})
    assert _progress(data) == pytest.approx([140.0, 100.0, 50.0, 40.0], rel=1e-12)
    # Clamped total: (100 + 100 + 50 + 40) / 4 = 290 / 4 = 72.5 % → «удовлетворительный»
    assert data["total"] == pytest.approx(72.5, rel=1e-12)
    assert data["band"] == "удовлетворительный"


def test_clamp_off_uses_raw_values() -> None:
    # (140 + 100 + 50 + 40) / 4 = 330 / 4 = 82.5 % → «средний»
    data = accepted("zero_injury", {"indicators": TYPICAL, "clamp": False})
    assert data["total"] == pytest.approx(82.5, rel=1e-12)
    assert data["band"] == "средний"


def test_held_level_can_be_left_out() -> None:
    # Without the fatal indicator: (100 + 50 + 40) / 3 = 190 / 3 = 63.33… % → «неудовлетворительный»
    data = accepted("zero_injury", {"indicators": TYPICAL, "hold_level": "exclude"})
    assert data["indicators"][1]["progress"] == 100.0
    assert data["indicators"][1]["counted"] is False
    assert data["total"] == pytest.approx(63.333333333333, rel=1e-12)
    assert data["band"] == "неудовлетворительный"


def test_held_level_lost_scores_zero() -> None:
    # base 0 = plan 0 but one fatality happened (current 0.5): the level was not held → 0 %
    rows = [{"indicator": "fatal_frequency", "base": 0, "plan": 0, "current": 0.5}]
    data = accepted("zero_injury", {"indicators": rows})
    assert data["indicators"][0]["progress"] == 0.0


def test_held_level_where_more_is_better() -> None:
    # 100 % of workplaces assessed, plan 100 %, current 100 % → held → 100 %; 95 % → 0 %
    kept = {"name": "СОУТ, %", "better": "higher", "base": 100, "plan": 100, "current": 100}
    lost = {**kept, "current": 95}
    data = accepted("zero_injury", {"indicators": [kept, lost]})
    assert _progress(data) == [100.0, 0.0]


def test_weights() -> None:
    # Weighted: (100 × 3 + 50 × 1) / (3 + 1) = 350 / 4 = 87.5 %
    rows = [
        {"name": "А", "base": 10, "plan": 5, "current": 5, "weight": 3},
        {"name": "Б", "base": 10, "plan": 5, "current": 7.5, "weight": 1},
    ]
    data = accepted("zero_injury", {"indicators": rows})
    assert _progress(data) == [100.0, 50.0]
    assert data["total"] == 87.5


def test_zero_weights_give_null_total() -> None:
    rows = [{"name": "А", "base": 10, "plan": 5, "current": 5, "weight": 0}]
    data = accepted("zero_injury", {"indicators": rows})
    assert data["total"] is None and data["band"] is None
    assert any("сумма весов" in t for t in texts(data, "unavailable"))


def test_multi_year_by_hand() -> None:
    rows = [
        {
            "indicator": "frequency",
            "base": 3.0,
            "years": [
                # (3 − 2.6) / (3 − 2.5) × 100 = 0.4 / 0.5 × 100 = 80 %
                {"year": 2024, "plan": 2.5, "actual": 2.6},
                # (3 − 1.5) / (3 − 2) × 100 = 150 %
                {"year": 2025, "plan": 2.0, "actual": 1.5},
                {"year": 2026, "plan": 1.5},
            ],
        },
        {
            "name": "Доля рабочих мест с СОУТ",
            "better": "higher",
            "base": 60,
            "years": [
                # (60 − 75) / (60 − 80) × 100 = −15 / −20 × 100 = 75 %
                {"year": 2024, "plan": 80, "actual": 75},
                # (60 − 90) / (60 − 100) × 100 = −30 / −40 × 100 = 75 %
                {"year": 2025, "plan": 100, "actual": 90},
                {"year": 2026, "plan": 100},
            ],
        },
    ]
    data = accepted("zero_injury", {"indicators": rows})
    first, second = data["indicators"]
    assert [y["progress"] for y in first["years"]] == pytest.approx([80.0, 150.0, None])
    assert [y["progress"] for y in second["years"]] == [75.0, 75.0, None]
    # The assessment is the latest year with a fact (2025): 150 % and 75 %
    assert (first["progress"], second["progress"]) == (150.0, 75.0)
    # 2024: (80 + 75) / 2 = 77.5 → «удовлетворительный»; 2025: (100 + 75) / 2 = 87.5 → «средний»
    # The programme runs to 2026 (its last planned year): both totals are interim.
    assert data["years"] == [
        {"year": 2024, "total": pytest.approx(77.5), "band": "удовлетворительный", "kind": "промежуточный итог"},
        {"year": 2025, "total": 87.5, "band": "средний", "kind": "промежуточный итог"},
    ]
    assert data["total"] == 87.5 and data["band"] == "средний"
    assert data["total_kind"] == "промежуточный итог"
    interim = [m["text"] for m in data["messages"] if m["kind"] == "note" and m["output"] == "total"]
    assert any(
        t.startswith("Промежуточный итог: оценка за 2025 год, а программа рассчитана до 2026 года.")
        and "(раздел 8 «Оценка уровня реализации программы»)" in t
        for t in interim
    )


def test_years_are_sorted_and_unique() -> None:
    rows = [{"name": "А", "base": 5, "years": [{"year": 2025}, {"year": 2025}]}]
    messages = rejections("zero_injury", {"indicators": rows})
    assert "год указан дважды" in messages[0]["text"]


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (100.0, "высокий"),
        (90.0, "высокий"),
        (89.99, "средний"),
        (80.0, "средний"),
        (79.9, "удовлетворительный"),
        (70.0, "удовлетворительный"),
        (69.99, "неудовлетворительный"),
        (-20.0, "неудовлетворительный"),
    ],
)
def test_bands(total: float, expected: str) -> None:
    assert band(total) == expected


def test_progress_function_examples() -> None:
    # Worse than base: (10 − 12) / (10 − 5) × 100 = −40 %
    assert progress(10, 5, 12, "lower") == -40.0
    # More is better, half way: (50 − 75) / (50 − 100) × 100 = 50 %
    assert progress(50, 100, 75, "higher") == 50.0


def test_plan_worse_than_base_is_a_warning() -> None:
    rows = [{"indicator": "frequency", "base": 2, "plan": 3, "current": 2.5}]
    data = accepted("zero_injury", {"indicators": rows})
    assert any("хуже базового" in t for t in texts(data, "warning"))
    # The formula still applies: (2 − 2.5) / (2 − 3) × 100 = 50 %
    assert data["indicators"][0]["progress"] == 50.0


def test_preset_matches_seed_003() -> None:
    assert [row["indicator"] for row in PRESET_INDICATORS] == [
        "frequency",
        "fatal_frequency",
        "occupational_disease",
        "harmful_share",
    ]
    assert all(row["better"] == "lower" for row in PRESET_INDICATORS)


def test_missing_base_and_contradicting_direction_are_rejected() -> None:
    messages = rejections(
        "zero_injury",
        {"indicators": [{"indicator": "frequency", "better": "higher", "plan": 1, "current": 1}]},
    )
    joined = " ".join(m["text"] for m in messages)
    assert "«Базовое значение»: поле не заполнено" in joined
    paths = [m.get("path") for m in messages]
    assert [0, "base"] in paths


def test_empty_indicator_list_is_rejected() -> None:
    messages = rejections("zero_injury", {"indicators": []})
    assert "«Целевые показатели программы»: поле не заполнено" in messages[0]["text"]


def test_total_of_the_last_year_is_final() -> None:
    row = {
        "name": "Кч",
        "base": 3.0,
        # 2026: (3 − 1.2) / (3 − 1.5) × 100 = 1.8 / 1.5 × 100 = 120 %, clamped to 100 in the total
        "years": [{"year": 2025, "plan": 2.0, "actual": 2.5}, {"year": 2026, "plan": 1.5, "actual": 1.2}],
    }
    data = accepted("zero_injury", {"indicators": [row]})
    assert data["total"] == 100.0
    assert data["total_kind"] == "итог по окончании программы"
    assert [y["kind"] for y in data["years"]] == ["промежуточный итог", "итог по окончании программы"]
    assert not any(t.startswith("Промежуточный итог") for t in texts(data, "note"))


def test_bands_are_editable_project_conditions() -> None:
    # The same 72.5 % total: «удовлетворительный» on the default scale, «средний» with 70 as its bound
    assert accepted("zero_injury", {"indicators": TYPICAL})["band"] == "удовлетворительный"
    custom = {"indicators": TYPICAL, "band_high": 85, "band_medium": 70, "band_satisfactory": 50}
    assert accepted("zero_injury", custom)["band"] == "средний"
    calculator = get("zero_injury")
    for band_id, default in (("band_high", 90), ("band_medium", 80), ("band_satisfactory", 70)):
        field = calculator.input(band_id)
        assert field.default == default
        assert "(условие проекта)" in field.label
        assert field.hint.startswith("Условие проекта: в Методических рекомендациях")


def test_bands_out_of_order_blank_only_the_band() -> None:
    result = compute("zero_injury", {"indicators": TYPICAL, "band_medium": 95})
    data = result.to_json()
    assert result.refused
    assert data["total"] == pytest.approx(72.5, rel=1e-12)
    assert data["band"] is None
    assert [m["input"] for m in data["messages"] if m["kind"] == "rejected"] == ["band_medium"]


def test_a_bad_cell_blanks_only_its_indicator() -> None:
    rows = [dict(row) for row in TYPICAL]
    rows[2]["current"] = "три"
    result = compute("zero_injury", {"indicators": rows})
    data = result.to_json()
    assert result.refused
    first, second, third, fourth = _progress(data)
    assert third is None
    assert [first, second, fourth] == pytest.approx([140.0, 100.0, 40.0], rel=1e-12)
    # Total of the three others, clamped: (100 + 100 + 40) / 3 = 80 % → «средний»
    assert data["total"] == pytest.approx(80.0, rel=1e-12)
    assert data["band"] == "средний"
    assert "Строка 3 заполнена с ошибкой и в итог не вошла." in texts(data, "note")
