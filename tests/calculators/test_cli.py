"""The command line as the specification's Interface section describes it (real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from calculators.indicators import INDICATORS

REPO = Path(__file__).resolve().parents[2]


def _cli(*args: str, stdin: str | None = None) -> tuple[int, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return completed.returncode, json.loads(completed.stdout) if completed.stdout else None


def test_list_prints_the_declarations() -> None:
    status, data = _cli("list")
    assert status == 0
    ids = [item["id"] for item in data]
    assert ids == ["coefficients", "zero_injury", "vision_zero", "contest", "economics"]
    coefficients = data[0]
    assert coefficients["title"] == "Коэффициенты травматизма"
    victims = next(i for i in coefficients["inputs"] if i["id"] == "victims")
    # id, label, unit, min, max, default as the specification lists, plus integer/step for forms
    assert victims["label"] == "Численность пострадавших при несчастных случаях на производстве"
    assert (victims["unit"], victims["min"], victims["max"], victims["default"]) == ("человек", 0, 100_000_000, None)
    assert victims["integer"] is True and victims["step"] == 1
    frequency = next(o for o in coefficients["outputs"] if o["id"] == "frequency")
    assert frequency == {
        **frequency,
        "label": INDICATORS["frequency"].label,
        "unit": "на 1000 работников",
        "decimals": 2,
    }


def test_run_accepted_exits_0_with_numbers() -> None:
    status, data = _cli("run", "coefficients", "--input", '{"victims": 3, "fatal_victims": 1, "headcount": 340}')
    assert status == 0
    # 3 × 1000 / 340 = 8.8235…; 1 × 1000 / 340 = 2.9411…
    assert round(data["frequency"], 4) == 8.8235
    assert round(data["fatal_frequency"], 4) == 2.9412
    assert data["severity"] is None
    assert isinstance(data["messages"], list)


def test_run_rejected_exits_2_and_names_the_field() -> None:
    status, data = _cli("run", "coefficients", "--input", '{"victims": -3, "headcount": NaN}')
    assert status == 2
    assert data["frequency"] is None
    by_input = {m["input"]: m["text"] for m in data["messages"]}
    assert by_input["victims"].startswith("«Численность пострадавших")
    assert "NaN" in by_input["headcount"]


def test_fatal_above_victims_exits_2() -> None:
    status, data = _cli("run", "coefficients", "--input", '{"victims": 1, "fatal_victims": 2}')
    assert status == 2
    assert data["messages"][0]["input"] == "fatal_victims"


def test_not_json_and_unknown_calculator_exit_2_with_json() -> None:
    status, data = _cli("run", "coefficients", "--input", "{victims: 3")
    assert status == 2 and "не являются корректным JSON" in data["messages"][0]["text"]
    status, data = _cli("run", "nothing", "--input", "{}")
    assert status == 2 and "Неизвестный калькулятор «nothing»" in data["messages"][0]["text"]


def test_input_from_stdin() -> None:
    raw = json.dumps({"indicators": [{"indicator": "frequency", "base": 2, "plan": 1, "current": 1.5}]})
    status, data = _cli("run", "zero_injury", "--input", "-", stdin=raw)
    # (2 − 1.5) / (2 − 1) × 100 = 50 % → «неудовлетворительный»
    assert status == 0
    assert data["indicators"][0]["progress"] == 50.0
    assert (data["total"], data["band"]) == (50.0, "неудовлетворительный")


def test_output_is_strict_json_even_for_overflowing_results() -> None:
    # 100 000 000 victims over a headcount of 1e-300 overflows: null with a reason, not Infinity.
    status, data = _cli("run", "coefficients", "--input", '{"victims": 100000000, "headcount": 1e-300}')
    assert status == 0
    assert data["frequency"] is None
    assert any(m.get("output") == "frequency" for m in data["messages"])


def test_indicators_command() -> None:
    status, data = _cli("indicators")
    assert status == 0
    assert [item["id"] for item in data] == list(INDICATORS)


def test_economics_rop_and_payback_from_the_command_line() -> None:
    raw = '{"prevention_costs": 500000, "prevention_benefits": 900000, "investment": 1200000, "annual_savings": 0}'
    status, data = _cli("run", "economics", "--input", raw)
    assert status == 0
    assert data["rop"] == 1.8  # 900 000 / 500 000
    assert data["payback_years"] is None
    reason = [m["text"] for m in data["messages"] if m.get("output") == "payback_years"]
    assert reason == [
        "«Срок окупаемости вложений»: не рассчитывается — годовая экономия равна нулю: вложения не окупаются"
    ]


def test_economics_refuses_negative_and_text_naming_the_fields() -> None:
    status, data = _cli("run", "economics", "--input", '{"investment": -1, "prevention_benefits": "сто тысяч"}')
    assert status == 2
    assert data["rop"] is None and data["payback_years"] is None
    by_input = {m["input"]: m["text"] for m in data["messages"] if m["kind"] == "rejected"}
    assert by_input["investment"] == "«Единовременные вложения»: не может быть отрицательным, получено -1"
    assert by_input["prevention_benefits"] == "«Годовая выгода от профилактики»: нужно число, получено «сто тысяч»"
