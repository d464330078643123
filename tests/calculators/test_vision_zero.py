"""The Vision Zero self-assessment: shares per golden rule, computed by hand in the comments."""

from __future__ import annotations

import pytest

from calculators.vision_zero import EXAMPLES
from calculators.vision_zero_measures import MEASURES, RULES
from tests.calculators.helpers import accepted, compute, rejections, texts


def test_measures_and_sections_match_seed_003() -> None:
    assert [m.number for m in MEASURES] == list(range(1, 37))
    # Sections 1–7 hold 6, 6, 4, 5, 5, 6 and 4 measures.
    sizes = [sum(1 for m in MEASURES if m.rule == rule.number) for rule in RULES]
    assert sizes == [6, 6, 4, 5, 5, 6, 4]
    assert RULES[0].rule == "Стать лидером – показать приверженность принципам"
    assert MEASURES[31].text.startswith("Организация системы дистанционного обучения")
    assert MEASURES[30].text.endswith("на постоянных рабочих местах")


def test_example_by_hand() -> None:
    data = accepted("vision_zero", dict(EXAMPLES[0].inputs))
    # Unanswered measures (21 in rule 4, 32 in rule 6) count as not implemented:
    # Rule 1: 4 yes, 1 partly, 1 no → (4 + 0.5) / 6 × 100 = 75 %
    # Rule 2: 5 yes, 1 partly → 5.5 / 6 × 100 = 91.67 %
    # Rule 3: 1 yes, 2 partly, 1 no → 2 / 4 × 100 = 50 %
    # Rule 4: 3 yes, 1 no, measure 21 unanswered → 3 / 5 × 100 = 60 %
    # Rule 5: 4 yes, 1 partly → 4.5 / 5 × 100 = 90 %
    # Rule 6: 1 yes, 2 partly, 2 no, measure 32 unanswered → 2 / 6 × 100 = 33.33 %
    # Rule 7: 1 yes, 1 partly, 2 no → 1.5 / 4 × 100 = 37.5 %
    expected = [75.0, 91.6666666666667, 50.0, 60.0, 90.0, 33.3333333333333, 37.5]
    assert [data[f"rule_{n}"] for n in range(1, 8)] == pytest.approx(expected, rel=1e-12)
    # Scores 4.5 + 5.5 + 2 + 3 + 4.5 + 2 + 1.5 = 23.
    # Main figure, of all 36: 23 / 36 × 100 = 63.888… %
    assert data["overall"] == pytest.approx(63.8888888888889, rel=1e-12)
    # Beside it, of the 34 answered: 23 / 34 × 100 = 67.647… %, and 2 unanswered
    assert data["overall_answered"] == pytest.approx(67.6470588235294, rel=1e-12)
    assert data["unanswered_count"] == 2
    assert data["answered"] == 34
    assert data["unanswered_measures"] == [21, 32]
    assert "Нет ответа по мероприятиям 21, 32: в общей доле они считаются невыполненными." in texts(data, "note")


def test_rule_shares_among_answered_only() -> None:
    data = accepted("vision_zero", {**EXAMPLES[0].inputs, "unanswered": "skip"})
    # Rule 4: 3 / 4 × 100 = 75 %; rule 6: 2 / 5 × 100 = 40 %; the main figure stays of all 36
    assert data["rule_4"] == 75.0
    assert data["rule_6"] == 40.0
    assert data["overall"] == pytest.approx(63.8888888888889, rel=1e-12)


def test_overall_by_rules() -> None:
    data = accepted("vision_zero", {**EXAMPLES[0].inputs, "overall_by": "rules"})
    # Of all measures: (75 + 91.667 + 50 + 60 + 90 + 33.333 + 37.5) / 7 = 437.5 / 7 = 62.5
    assert data["overall"] == pytest.approx(62.5, rel=1e-12)
    # Of answered ones: (75 + 91.667 + 50 + 75 + 90 + 40 + 37.5) / 7 = 459.1667 / 7 = 65.595…
    assert data["overall_answered"] == pytest.approx(65.5952380952381, rel=1e-12)


def test_one_answer_of_36() -> None:
    data = accepted("vision_zero", {"measure_1": "yes"})
    # 1 / 36 × 100 = 2.777… % of all; 1 / 1 × 100 = 100 % of the answered; 35 unanswered
    assert data["overall"] == pytest.approx(2.77777777777778, rel=1e-12)
    assert data["overall_answered"] == 100.0
    assert data["unanswered_count"] == 35
    # Rule 1: 1 / 6 × 100 = 16.67 %; rules without any answer are not computed
    assert data["rule_1"] == pytest.approx(16.6666666666667, rel=1e-12)
    assert data["rule_2"] is None


def test_nothing_answered() -> None:
    data = accepted("vision_zero", {})
    assert data["overall"] is None and data["overall_answered"] is None and data["rule_1"] is None
    assert data["answered"] == 0 and data["unanswered_count"] == 36
    assert data["unanswered_measures"] == list(range(1, 37))


def test_a_bad_answer_blanks_only_its_rule_and_the_totals() -> None:
    raw = {f"measure_{n}": "yes" for n in range(1, 37)}
    result = compute("vision_zero", {**raw, "measure_7": "maybe"})
    data = result.to_json()
    assert result.refused
    # Measure 7 is in rule 2: its share and the totals use it; the other rules stand
    assert data["rule_2"] is None and data["overall"] is None
    assert [data[f"rule_{n}"] for n in (1, 3, 4, 5, 6, 7)] == [100.0] * 6


def test_all_yes_is_100() -> None:
    data = accepted("vision_zero", {f"measure_{n}": "yes" for n in range(1, 37)})
    assert [data[f"rule_{n}"] for n in range(1, 8)] == [100.0] * 7
    assert data["overall"] == 100.0


def test_bad_answer_is_rejected_with_the_measure_named() -> None:
    messages = rejections("vision_zero", {"measure_7": "maybe"})
    assert messages[0]["input"] == "measure_7"
    assert "7. Проведение специальной оценки условий труда" in messages[0]["text"]
