"""The contest table rows (seed 002, Приложение № 2), computed by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators import display
from calculators.contest import EXAMPLES, OUTPUTS, ROWS, SUB
from tests.calculators.helpers import accepted, compute, rejections, texts

TWO_YEARS = dict(EXAMPLES[0].inputs)


def test_rates_by_hand() -> None:
    data = accepted("contest", TWO_YEARS)
    # Кч 2019 = 2 × 1000 / 180 = 11.11; 2018 = 3 × 1000 / 175 = 17.14
    assert data["frequency"] == pytest.approx(11.1111111111111, rel=1e-12)
    assert data["frequency_prev"] == pytest.approx(17.1428571428571, rel=1e-12)
    # change −6.0317…; relative (11.11 − 17.14) / 17.14 × 100 = −35.185… %
    assert data["frequency_change"] == pytest.approx(-6.03174603174603, rel=1e-12)
    assert data["frequency_change_percent"] == pytest.approx(-35.1851851851852, rel=1e-12)
    # Кт 2019 = 46 / 2 = 23; 2018 = 87 / 3 = 29; change −6, i.e. −20.69 %
    assert (data["severity"], data["severity_prev"], data["severity_change"]) == (23.0, 29.0, -6.0)
    assert data["severity_change_percent"] == pytest.approx(-20.6896551724138, rel=1e-12)
    # Profession disease per 1 000: 0 and 1 × 1000 / 175 = 5.714…; −100 %
    assert data["occupational_disease_prev"] == pytest.approx(5.71428571428571, rel=1e-12)
    assert data["occupational_disease_change_percent"] == -100.0
    # Fatal frequency 0 both years: change 0, relative change undefined (previous is 0)
    assert data["fatal_frequency_change"] == 0.0
    assert data["fatal_frequency_change_percent"] is None
    assert any("в предыдущем году значение равно нулю" in t for t in texts(data, "unavailable"))
    # Expenses per worker: 2700 / 180 = 15; 2100 / 175 = 12 тыс. руб.; +3, +25 %
    assert (data["expenses_per_worker"], data["expenses_per_worker_prev"]) == (15.0, 12.0)
    assert data["expenses_per_worker_change_percent"] == 25.0


def test_shares_by_hand() -> None:
    data = accepted("contest", TWO_YEARS)
    # СОУТ workplaces: 120 / 120 = 100 %; 80 / 118 = 67.797 %; change +32.20 п. п.
    assert data["sout_workplaces_share"] == 100.0
    assert data["sout_workplaces_share_prev"] == pytest.approx(67.7966101694915, rel=1e-12)
    assert data["sout_workplaces_share_change"] == pytest.approx(32.2033898305085, rel=1e-12)
    # Harmful: 54 / 180 = 30 %; 63 / 175 = 36 %; women 12 / 70 = 17.14 %, 15 / 68 = 22.06 %
    assert (data["harmful_share"], data["harmful_share_prev"]) == (30.0, 36.0)
    assert data["harmful_women_share"] == pytest.approx(17.1428571428571, rel=1e-12)
    assert data["harmful_women_share_prev"] == pytest.approx(22.0588235294118, rel=1e-12)
    # Improved workplaces: 6 / 30 = 20 %; 2 / 34 = 5.88 %
    assert data["improved_workplaces_share"] == 20.0
    # Heavy-factor women improved (п. 16): 1 × 100 / 20 = 5 % — over all 20 workers in harmful
    # conditions by that factor, the seed's denominator, not over the 4 women
    assert data["improved_heavy_women_share"] == 5.0
    # Medical: 150 / 150 = 100 %; 133 / 140 = 95 %
    assert (data["medical_coverage"], data["medical_coverage_prev"]) == (100.0, 95.0)
    # Fixed assets renewal: 5200 / 65000 = 8 %; 3100 / 62000 = 5 %
    assert (data["assets_renewal"], data["assets_renewal_prev"]) == (8.0, 5.0)
    # Shares change in percentage points and have no relative change
    assert "harmful_share_change_percent" not in data
    rates = {
        "frequency",
        "fatal_frequency",
        "severity",
        "occupational_disease",
        "expenses_per_worker",
        "hiv_costs_per_worker",
    }
    assert {row.id for row in ROWS if not row.share} == rates


def test_not_required_when_denominator_is_zero() -> None:
    data = accepted("contest", dict(EXAMPLES[1].inputs))
    assert data["improved_workplaces_share"] is None
    assert any("не требуется — нет рабочих мест с вредными условиями труда" in t for t in texts(data, "unavailable"))
    # No data for the previous year: no change
    assert data["frequency_prev"] is None and data["frequency_change"] is None


def test_fatal_above_victims_rejected_in_either_year() -> None:
    messages = rejections("contest", {"victims_prev": 1, "fatal_victims_prev": 2})
    assert messages[0]["input"] == "fatal_victims_prev"
    assert "(предыдущий год)" in messages[0]["text"]


def test_part_above_whole_is_a_warning() -> None:
    data = accepted("contest", {"medical_due": 10, "medical_done": 12})
    # 12 × 100 / 10 = 120 %, computed, with a warning naming both fields
    assert data["medical_coverage"] == 120.0
    assert any("Количество работников, прошедших медосмотр" in t for t in texts(data, "warning"))


def test_severity_convention() -> None:
    # 1 fatal of 3 victims, 40 days: FSS 40 / 2 = 20; with fatal 40 / 3 = 13.33
    raw = {"victims": 3, "fatal_victims": 1, "days_lost": 40}
    assert accepted("contest", raw)["severity"] == 20.0
    with_fatal = accepted("contest", {**raw, "severity_includes_fatal": True})
    assert with_fatal["severity"] == pytest.approx(13.3333333333333, rel=1e-12)


def test_every_row_has_three_or_four_outputs() -> None:
    ids = {output.id for output in OUTPUTS}
    for row in ROWS:
        assert {row.id, row.id + "_prev", row.id + "_change"} <= ids
        assert (row.id + "_change_percent" in ids) == (not row.share)
    # Independently of how the outputs are declared: a row whose official unit is a percentage
    # (seed 002) changes in percentage points and has no relative change; any other row changes
    # in its own unit and by a percentage of the previous year. Checked on figures, for every row.
    result = accepted("contest", TWO_YEARS)
    for row in ROWS:
        assert row.share == row.unit.startswith("%"), row.id
        now, before = result[row.id], result[row.id + "_prev"]
        assert now is not None and before is not None, row.id
        assert result[row.id + "_change"] == pytest.approx(now - before, abs=1e-9), row.id
        if row.unit.startswith("%"):
            assert row.id + "_change_percent" not in result, row.id
        elif before:
            assert result[row.id + "_change_percent"] == pytest.approx((now - before) / before * 100), row.id


def test_an_invalid_previous_year_field_keeps_the_reporting_year() -> None:
    result = compute("contest", {"victims": 2, "headcount": 180, "headcount_prev": "сто", "victims_prev": 3})
    data = result.to_json()
    assert result.refused
    # Кч = 2 × 1000 / 180 = 11.11…, the previous year and the change use the refused field
    assert data["frequency"] == pytest.approx(11.1111111111111, rel=1e-13)
    assert data["frequency_prev"] is None and data["frequency_change"] is None
    assert any("с ошибкой заполнено" in t for t in texts(data, "unavailable"))


def test_blank_fatal_field_counts_as_zero_in_the_contest_table() -> None:
    data = accepted("contest", {"victims": 2, "headcount": 180, "days_lost": 46})
    # Кт = 46 / (2 − 0) = 23; со смертельным исходом 0 × 1000 / 180 = 0
    assert data["severity"] == 23.0
    assert data["fatal_frequency"] == 0
    notes = {(m["output"], m["text"]) for m in data["messages"] if m["kind"] == "note"}
    assert ("severity", "погибших: 0 — поле не заполнено") in notes


# -- Приложения № 3 и 4, and the seed's wording ------------------------------------------------

SEED_TABLES = Path(__file__).parents[1] / "fixtures" / "seeds" / "002_contest_tables.txt"


def _words(text: str) -> str:
    return " ".join(text.split())


def test_appendix_3_and_4_rows_by_hand() -> None:
    data = accepted("contest", TWO_YEARS)
    # Приложение № 3, п. 3: managers 30 × 100 / 30 = 100 %; 27 × 100 / 29 = 93.103…
    assert data["managers_trained_share"] == 100.0
    assert data["managers_trained_share_prev"] == pytest.approx(93.1034482758621, rel=1e-12)
    # workers of blue-collar trades 141 × 100 / 150 = 94 %; 130 × 100 / 146 = 89.041…
    assert data["blue_collar_trained_share"] == 94.0
    assert data["blue_collar_trained_share_prev"] == pytest.approx(89.0410958904110, rel=1e-12)
    # п. 7 instructions: 38 × 100 / 40 = 95 %; 35 × 100 / 40 = 87.5 %; +7.5 п. п.
    assert (data["instructions_provision"], data["instructions_provision_prev"]) == (95.0, 87.5)
    assert data["instructions_provision_change"] == 7.5
    # Приложение № 4, п. 10: tested 27 × 100 / 180 = 15 %; 14 × 100 / 175 = 8 %
    assert (data["hiv_tested_share"], data["hiv_tested_share_prev"]) == (15.0, 8.0)
    # п. 15 per worker: 18 / 180 = 0.1 тыс. руб.; 10.5 / 175 = 0.06 тыс. руб.
    assert data["hiv_costs_per_worker"] == pytest.approx(0.1, rel=1e-12)
    assert data["hiv_costs_per_worker_prev"] == pytest.approx(0.06, rel=1e-12)


def test_a_new_row_as_the_reader_sees_it() -> None:
    data = accepted("contest", {"instructions_required": 120, "instructions_available": 37})
    # 37 × 100 / 120 = 30.8333… → «30,8 %»
    assert display.percent(data["instructions_provision"], 1) == "30,8\u00a0%"


def test_rows_asked_by_several_appendices_name_every_place() -> None:
    by_id = {output.id: output for output in OUTPUTS}
    assert by_id["expenses_per_worker"].ref == "Приложение № 2, п. 14; Приложение № 3, п. 12"
    assert by_id["ppe_provision"].ref == "Приложение № 2, п. 19; Приложение № 3, п. 15"
    assert by_id["hiv_tested_share"].ref == "Приложение № 4, п. 10"
    # The special-clothing row of Приложение № 3, quoted in the output's hint as the seed has it
    assert (
        "«Обеспеченность сертифицированной специальной одеждой, специальной обувью и другими средствами "
        "индивидуальной защиты, % от потребности на год» (Приложение № 3, п. 15)"
    ) in by_id["ppe_provision"].hint


def test_every_row_quotes_the_seed_word_for_word() -> None:
    seed = _words(SEED_TABLES.read_text(encoding="utf-8"))
    for row in ROWS:
        assert row.wording, row.id
        for wording in (row.wording, *(item.wording for item in row.also)):
            # « … » joins a row and its sub-row; each part is the seed's text as it stands.
            for part in wording.split(SUB):
                assert _words(part) in seed, (row.id, part)


def test_women_share_by_heavy_factor_has_the_seeds_denominator() -> None:
    row = next(row for row in ROWS if row.id == "improved_heavy_women_share")
    assert row.formula == "{improved_heavy_women} × 100 / {heavy_workers}"
    assert "к количеству работников, занятых на работах с вредными условиями труда по данному фактору" in (row.wording)
    data = accepted("contest", {"improved_heavy_women": 3, "heavy_workers": 40, "heavy_women": 6})
    # 3 × 100 / 40 = 7.5 % (not 3 × 100 / 6 = 50 %)
    assert data["improved_heavy_women_share"] == 7.5
