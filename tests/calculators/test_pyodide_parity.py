"""CPython and Pyodide (the npm ``pyodide`` package run by Node) give identical results.

Every declared example and a set of awkward inputs go through ``python -m calculators`` in both;
the JSON text on stdout and the exit status must match byte for byte. A change that breaks the
calculators under Pyodide fails here, before any browser test.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from calculators.cli import execute
from calculators.registry import CALCULATORS

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "calculators" / "pyodide_parity.mjs"
PYODIDE = REPO / "node_modules" / "pyodide" / "pyodide.mjs"

# Inputs that exercise rejections, nulls, overflow and the number reader, beyond the examples.
EXTRA_INPUTS: list[tuple[str, str]] = [
    ("coefficients", "{}"),
    ("coefficients", '{"victims": -1, "headcount": NaN, "days_lost": 2.5, "x": 1}'),
    ("coefficients", '{"victims": 2, "fatal_victims": 3}'),
    ("coefficients", '{"victims": 7, "headcount": "1 250,5", "hours_per_worker": "1970"}'),
    ("coefficients", '{"victims": 100000000, "headcount": 1e-300, "hours_worked": 5e-324}'),
    (
        "coefficients",
        '{"victims": 1, "headcount": 3, "disease_cases": 1, "disease_base": "1000",'
        ' "harmful_workers": 1, "lost_time_injuries": 1, "recordable_cases": 1}',
    ),
    ("coefficients", "[1, 2"),
    ("coefficients", "1e999"),
    (
        "zero_injury",
        '{"indicators": [{"base": 1e9, "plan": 0.1, "current": 3.3, "weight": 0.7},'
        ' {"base": 5e-324, "plan": 0, "current": 1e9}], "clamp": false}',
    ),
    (
        "zero_injury",
        '{"indicators": [{"name": "A", "base": 0.3, "plan": 0.1, "current": 0.2}], "hold_level": "exclude"}',
    ),
    ("zero_injury", '{"indicators": "none"}'),
    ("vision_zero", '{"measure_1": "yes", "measure_36": "partly", "overall_by": "rules"}'),
    ("vision_zero", '{"measure_1": "yes", "unanswered": "no"}'),
    (
        "contest",
        '{"headcount": 3, "victims": 1, "fatal_victims": 0, "days_lost": 7,'
        ' "headcount_prev": 7, "victims_prev": 3, "fatal_victims_prev": 1,'
        ' "days_lost_prev": 10, "expenses": 0.1, "expenses_prev": 0.3}',
    ),
    ("economics", "{}"),
    ("economics", '{"investment": -1, "annual_savings": "много", "days_lost": 2.5, "fines": NaN}'),
    (
        "economics",
        '{"employer_payments": "0,1", "replacement_costs": "0,2", "victims": 3,'
        ' "headcount": "1 250,5", "wage_fund": 7e-3}',
    ),
    ("economics", '{"days_lost": 1000000000, "day_cost": 1e15, "headcount": 5e-324, "victims": 0}'),
    (
        "economics",
        '{"prevention_costs": 400, "cost_ppe": 0.1, "cost_other": 0.2,'
        ' "benefit_image": 1e-300, "investment": 0, "annual_savings": 3}',
    ),
    ("economics", '{"prevention_costs": 0, "prevention_benefits": 1, "investment": 1, "annual_savings": 0}'),
]


def _cases() -> list[list[str]]:
    cases: list[list[str]] = [["list"], ["indicators"]]
    for calculator in CALCULATORS.values():
        for example in calculator.examples:
            text = json.dumps(example.inputs, ensure_ascii=False)
            cases.append(["run", calculator.id, "--input", text])
            # The same example with every switch flipped, where there are switches.
            flipped = dict(example.inputs)
            for item in calculator.inputs:
                if item.kind == "boolean":
                    flipped[item.id] = not item.default
                elif item.kind == "choice" and item.default is not None:
                    others = [c.value for c in item.choices if c.value != item.default]
                    flipped[item.id] = others[0]
            cases.append(["run", calculator.id, "--input", json.dumps(flipped)])
    cases.extend(["run", calculator_id, "--input", text] for calculator_id, text in EXTRA_INPUTS)
    cases.append(["run", "unknown", "--input", "{}"])
    return cases


def _pyodide(cases: list[list[str]], tmp_path: Path) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Нет Node.js: паритет с Pyodide проверяется через `node` (нужен Node 18+)")
    if not PYODIDE.exists():
        pytest.fail(
            f"Нет {PYODIDE.relative_to(REPO)}: выполните `npm ci` в корне репозитория "
            "(устанавливает pyodide из package-lock.json)"
        )
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [node, str(SCRIPT), str(cases_file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert output["python"].startswith("3.")
    results: list[dict[str, object]] = output["results"]
    return results


def test_cpython_and_pyodide_agree(tmp_path: Path) -> None:
    cases = _cases()
    under_pyodide = _pyodide(cases, tmp_path)
    assert len(under_pyodide) == len(cases)
    for argv, remote in zip(cases, under_pyodide, strict=True):
        status, text = execute(argv, stdin=io.StringIO(""))
        assert remote["argv"] == argv
        assert (remote["status"], remote["stdout"]) == (status, text), argv[:2]
