"""Worked examples of the injury coefficients, computed by hand in the comments."""

from __future__ import annotations

import re

import pytest

from calculators.coefficients import OUTPUTS
from calculators.indicators import INDICATORS
from calculators.registry import get
from tests.calculators.helpers import accepted, compute, rejections, texts

WORKSHOP = {
    "victims": 3,
    "fatal_victims": 1,
    "headcount": 340,
    "days_lost": 75,
    "disease_cases": 1,
    "harmful_workers": 120,
    "hours_worked": 612000,
    "recordable_cases": 7,
    "dart_cases": 4,
}


def test_workshop_by_hand() -> None:
    data = accepted("coefficients", WORKSHOP)
    # Кч = 3 × 1000 / 340 = 3000 / 340 = 8.8235294…
    assert data["frequency"] == pytest.approx(8.82352941176470, rel=1e-13)
    assert round(data["frequency"], 2) == 8.82
    # Кчсм = 1 × 1000 / 340 = 2.9411764…; per 100 000: 294.1
    assert data["fatal_frequency"] == pytest.approx(2.94117647058823, rel=1e-13)
    # Кт (FSS: fatal victims left out) = 75 / (3 − 1) = 37.5 days per victim
    assert data["severity"] == 37.5
    # Кп = 75 × 1000 / 340 = 220.588235…
    assert data["loss"] == pytest.approx(220.588235294117, rel=1e-13)
    # ПЗ = 1 × 10 000 / 340 = 29.4117647… per 10 000
    assert data["occupational_disease"] == pytest.approx(29.4117647058823, rel=1e-13)
    # Увр = 120 × 100 / 340 = 35.294117… % (listed workers default to the headcount)
    assert data["harmful_share"] == pytest.approx(35.2941176470588, rel=1e-13)
    # ILO frequency = 3 × 1 000 000 / 612 000 = 4.9019607…
    assert data["ilo_frequency"] == pytest.approx(4.90196078431372, rel=1e-13)
    # ILO incidence is the counterpart of Кч: the same 8.8235…
    assert data["ilo_incidence"] == data["frequency"]
    # LTIFR falls back to T when LTI is not given: the same 4.9019…, with a note saying so
    assert data["ltifr"] == data["ilo_frequency"]
    assert any("LTIFR рассчитан по численности пострадавших" in t for t in texts(data, "note"))
    # TRIR = 7 × 200 000 / 612 000 = 2.2875816…; DART = 4 × 200 000 / 612 000 = 1.3071895…
    assert data["trir"] == pytest.approx(2.28758169934640, rel=1e-13)
    assert data["dart"] == pytest.approx(1.30718954248366, rel=1e-13)
    assert texts(data, "unavailable") == []


def test_severity_with_fatal_and_disease_per_thousand() -> None:
    data = accepted(
        "coefficients",
        {**WORKSHOP, "severity_includes_fatal": True, "disease_base": "1000"},
    )
    # Кт = 75 / 3 = 25 days per victim
    assert data["severity"] == 25.0
    # ПЗ = 1 × 1000 / 340 = 2.941176… per 1 000
    assert data["occupational_disease"] == pytest.approx(2.94117647058823, rel=1e-13)
    assert any("с учётом погибших" in t for t in texts(data, "note"))


def test_loss_equals_frequency_times_severity_when_fatal_included() -> None:
    # Кп = Кч × Кт holds when T′ = T: 220.588… = 8.8235… × 25
    data = accepted("coefficients", {**WORKSHOP, "severity_includes_fatal": True})
    assert data["loss"] == pytest.approx(data["frequency"] * data["severity"], rel=1e-12)


def test_hours_estimated_from_hours_per_worker() -> None:
    # H = 1970 × 85 = 167 450 hours; no victims, so every rate is 0
    data = accepted(
        "coefficients",
        {"victims": 0, "fatal_victims": 0, "headcount": 85, "hours_per_worker": 1970},
    )
    assert data["ilo_frequency"] == 0.0
    assert any("оценены как h × P" in t for t in texts(data, "note"))


def test_conversion_between_per_worker_and_per_hour_rates() -> None:
    # 4 victims, 200 workers, 1 800 hours each: Кч = 20; FR = 20 × 1000 / 1800 = 11.11…;
    # OSHA-style rate on the same cases = FR / 5 = 2.22…
    data = accepted(
        "coefficients",
        {"victims": 4, "headcount": 200, "hours_worked": 360000, "recordable_cases": 4},
    )
    assert data["frequency"] == 20.0
    assert data["ilo_frequency"] == pytest.approx(20 * 1000 / 1800, rel=1e-15)
    assert data["trir"] == pytest.approx(data["ilo_frequency"] / 5, rel=1e-15)


def test_zero_headcount_gives_null_with_reason() -> None:
    data = accepted("coefficients", {"victims": 0, "fatal_victims": 0, "headcount": 0})
    assert data["frequency"] is None
    reasons = [m for m in data["messages"] if m["kind"] == "unavailable"]
    frequency = [m for m in reasons if m["output"] == "frequency"]
    assert frequency and "«Среднесписочная численность работников» равно нулю" in (frequency[0]["text"])


def test_severity_when_all_victims_died() -> None:
    data = accepted("coefficients", {"victims": 2, "fatal_victims": 2, "days_lost": 0})
    assert data["severity"] is None
    assert any("все пострадавшие погибли" in t for t in texts(data, "unavailable"))


def test_missing_inputs_give_null_with_the_field_named() -> None:
    data = accepted("coefficients", {"victims": 2})
    assert data["frequency"] is None
    assert any("не заполнено поле «Среднесписочная численность работников»" in t for t in texts(data, "unavailable"))


def test_fatal_above_victims_is_rejected_naming_both_labels() -> None:
    messages = rejections("coefficients", {"victims": 1, "fatal_victims": 2, "headcount": 10})
    assert messages[0]["input"] == "fatal_victims"
    assert "«Численность пострадавших со смертельным исходом» (2)" in messages[0]["text"]
    assert "«Численность пострадавших при несчастных случаях на производстве» (1)" in (messages[0]["text"])


def test_victims_above_headcount_is_a_warning() -> None:
    # 12 victims among 10 workers: Кч = 12 × 1000 / 10 = 1200, with a warning
    data = accepted("coefficients", {"victims": 12, "headcount": 10})
    assert data["frequency"] == 1200.0
    warnings = [m for m in data["messages"] if m["kind"] == "warning"]
    assert warnings[0]["input"] == "victims"


def test_indicators_match_the_outputs() -> None:
    assert [output.id for output in OUTPUTS] == list(INDICATORS)
    for output in OUTPUTS:
        assert output.label == INDICATORS[output.id].label
        assert output.unit == INDICATORS[output.id].unit
    assert INDICATORS["fatal_frequency"].decimals == 3
    # The outputs take their labels and units from the indicators: what can disagree is the unit
    # a card reports in and the formula the calculator computes. «на 1000 работников» must be a
    # formula × 1000 over workers, «на 200 000 … человеко-часов» × 200000 over hours, «%» × 100.
    for output in OUTPUTS:
        unit, formula = INDICATORS[output.id].unit, output.formula
        assert _scale_of_unit(unit) == _scale_of_formula(formula), (output.id, unit, formula)
        denominator = formula.rsplit("/", 1)[1]
        if "человеко-час" in unit:
            assert "{hours_worked}" in denominator, output.id
        elif "работник" in unit:
            assert "{headcount}" in denominator or "{listed_workers}" in denominator, output.id
        # A Russian coefficient's letter symbol closes its label («… Кч»).
        if output.symbol and output.symbol.startswith("К"):
            assert INDICATORS[output.id].label.endswith(f" {output.symbol}"), output.id


def _scale_of_unit(unit: str) -> int:
    if unit.startswith("%"):
        return 100
    found = re.search(r"на ([\d ]+)", unit)
    assert found, unit
    return int(found[1].replace(" ", ""))


def _scale_of_formula(formula: str) -> int:
    found = re.search(r"× (\d+)", formula)
    return int(found[1]) if found else 1


# -- the reader's own numbers (issue 11) -------------------------------------------------------

READER = {"victims": 122, "headcount": 12000, "days_lost": 1130}


def test_blank_fatal_field_counts_as_zero_for_severity_and_fatal_frequency() -> None:
    data = accepted("coefficients", READER)
    # Кт = 1130 / (122 − 0) = 9.2622950…; Кчсм = 0 × 1000 / 12000 = 0
    assert data["severity"] == pytest.approx(9.26229508196721, rel=1e-13)
    assert data["fatal_frequency"] == 0
    beside = {(m["output"], m["text"]) for m in data["messages"] if m["kind"] == "note"}
    assert ("severity", "погибших: 0 — поле не заполнено") in beside
    assert ("fatal_frequency", "погибших: 0 — поле не заполнено") in beside
    # The page says which convention computed Кт and where the seed defines it.
    severity_notes = [text for output, text in beside if output == "severity" and "Кт =" in text]
    assert len(severity_notes) == 1
    assert "без учёта погибших: Кт = D / (T − Tсм)" in severity_notes[0]
    assert "Приложение № 2 к Положению о конкурсе, п. 4" in severity_notes[0]
    assert (
        "«Число дней нетрудоспособности в расчете на одного пострадавшего (коэффициент тяжести)»" in (severity_notes[0])
    )


def test_a_filled_fatal_field_has_no_blank_note() -> None:
    data = accepted("coefficients", {**READER, "fatal_victims": 1})
    # Кт = 1130 / (122 − 1) = 9.3388429…
    assert data["severity"] == pytest.approx(9.33884297520661, rel=1e-13)
    assert "погибших: 0 — поле не заполнено" not in texts(data, "note")


def test_severity_note_names_the_included_convention() -> None:
    data = accepted("coefficients", {**READER, "severity_includes_fatal": True})
    # Кт = 1130 / 122, the same here: no one died
    assert data["severity"] == pytest.approx(9.26229508196721, rel=1e-13)
    assert any(t.startswith("Коэффициент тяжести рассчитан с учётом погибших: Кт = D / T") for t in texts(data, "note"))


def test_ltifr_note_only_when_ltifr_is_computed() -> None:
    without_hours = accepted("coefficients", READER)
    assert without_hours["ltifr"] is None
    assert not any("LTIFR" in t for t in texts(without_hours, "note"))
    with_hours = accepted("coefficients", {**READER, "hours_worked": 20_000_000})
    # LTIFR = 122 × 1 000 000 / 20 000 000 = 6.1, from T since LTI is blank
    assert with_hours["ltifr"] == pytest.approx(6.1, rel=1e-13)
    assert any("LTIFR рассчитан по численности пострадавших T" in t for t in texts(with_hours, "note"))


def test_an_invalid_field_blanks_only_the_outputs_using_it() -> None:
    result = compute("coefficients", {**READER, "headcount": "двенадцать тысяч", "fatal_victims": 1})
    data = result.to_json()
    assert result.accepted and result.refused
    # Кт does not use the headcount: 1130 / (122 − 1)
    assert data["severity"] == pytest.approx(9.33884297520661, rel=1e-13)
    for output_id in ("frequency", "fatal_frequency", "loss", "ilo_incidence"):
        assert data[output_id] is None
        reason = [m["text"] for m in data["messages"] if m.get("output") == output_id]
        assert reason == [
            f"«{INDICATORS[output_id].label}»: не рассчитывается — с ошибкой заполнено: "
            "«Среднесписочная численность работников»"
        ]
    assert [m["input"] for m in data["messages"] if m["kind"] == "rejected"] == ["headcount"]


def test_fatal_above_victims_blanks_only_what_uses_the_fatal_field() -> None:
    data = compute("coefficients", {"victims": 1, "fatal_victims": 2, "headcount": 10}).to_json()
    # Кч = 1 × 1000 / 10 = 100 still stands; Кчсм and Кт use the refused field
    assert data["frequency"] == 100.0
    assert data["fatal_frequency"] is None and data["severity"] is None


def test_uses_follows_the_formula_and_the_fallbacks() -> None:
    calculator = get("coefficients")
    assert calculator.uses("frequency") == {"victims", "headcount"}
    assert calculator.uses("severity") == {"days_lost", "victims", "fatal_victims", "severity_includes_fatal"}
    # A blank «listed_workers» falls back to the headcount; a filled one does not.
    assert calculator.uses("harmful_share") == {"harmful_workers", "listed_workers", "headcount"}
    assert calculator.uses("harmful_share", {"listed_workers": 50}) == {"harmful_workers", "listed_workers"}
