"""The declarations: serialisable, consistent, and the package stays standard-library only."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from calculators.formulas import evaluate, variables
from calculators.registry import CALCULATORS

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "calculators"


def test_every_declaration_serialises_to_json() -> None:
    for calculator in CALCULATORS.values():
        text = json.dumps(calculator.to_json(), ensure_ascii=False, allow_nan=False)
        assert json.loads(text)["id"] == calculator.id


def test_each_calculator_is_found_by_its_id_importing_only_its_own_module() -> None:
    # As a calculator page's worker asks for it: one module, not the five.
    code = (
        "import sys\nfrom calculators.registry import get\n"
        "assert get('coefficients').id == 'coefficients'\n"
        "print(sorted(m for m in sys.modules if m in {f'calculators.{c}' for c in "
        "('coefficients', 'zero_injury', 'vision_zero', 'contest', 'economics')}))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert shown.stdout.strip() == "['calculators.coefficients']"
    assert [calculator.id for calculator in CALCULATORS.values()] == list(CALCULATORS)
    assert list(CALCULATORS) == ["coefficients", "zero_injury", "vision_zero", "contest", "economics"]


def test_ids_are_unique_and_formulas_name_declared_inputs() -> None:
    for calculator in CALCULATORS.values():
        input_ids = [item.id for item in calculator.inputs]
        output_ids = [item.id for item in calculator.outputs]
        assert len(set(input_ids)) == len(input_ids)
        assert len(set(output_ids)) == len(output_ids)
        for position, output in enumerate(calculator.outputs):
            # An input, or an output declared before this one (a total the formula divides).
            known = set(input_ids) | set(output_ids[:position])
            formulas = [output.formula] + [v.formula for v in output.variants if v.formula]
            for formula in filter(None, formulas):
                assert set(variables(formula)) <= known, (calculator.id, output.id)
                # A name that is both an input and an output would be ambiguous in a formula.
                named_outputs = set(variables(formula)) & set(output_ids)
                assert not named_outputs & set(input_ids), (calculator.id, output.id)
            for variant in output.variants:
                assert variant.input in input_ids


def test_every_label_and_unit_is_russian_or_a_symbol() -> None:
    for calculator in CALCULATORS.values():
        for item in (*calculator.inputs, *calculator.outputs):
            assert any("а" <= ch.lower() <= "я" for ch in item.label), item.id


def test_every_example_is_accepted() -> None:
    from calculators.engine import run

    assert len(CALCULATORS) >= 4
    for calculator in CALCULATORS.values():
        assert calculator.examples, f"{calculator.id}: no worked example (the form shows the first one)"
        for example in calculator.examples:
            result = run(calculator, dict(example.inputs))
            assert result.accepted and not result.refused, (calculator.id, example.id, result.messages)
        # A preset is a template: only the values the user must type in are missing.
        for preset in calculator.presets:
            result = run(calculator, dict(preset.inputs))
            assert result.messages, (calculator.id, preset.id)
            assert all("«Базовое значение»: поле не заполнено" in m.text for m in result.messages)
    assert CALCULATORS["zero_injury"].presets  # seed 003's programme template


def test_formula_evaluation_follows_python_order() -> None:
    # The same text gives the same float as the Python expression written the same way.
    values = {"a": 3, "b": 340, "c": 1}
    assert evaluate("{a} × 1000 / {b}", values) == 3 * 1000 / 340
    assert evaluate("{a} / ({a} − {c})", values) == 3 / (3 - 1)
    assert evaluate("{b} − {a} − {c}", values) == 340 - 3 - 1


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_package_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"calculators", "__future__"}
    for path in sorted(PACKAGE.glob("*.py")):
        assert _imports(path) <= allowed, (path.name, _imports(path) - allowed)
    # No subpackages: the Pyodide parity test copies calculators/*.py as they are.
    assert not [p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"]


def test_importing_indicators_is_cheap() -> None:
    code = (
        "import sys; import calculators.indicators as i; "
        "print(len(i.INDICATORS)); "
        "print(sorted(m for m in sys.modules if m.startswith('calculators')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    count, modules = completed.stdout.splitlines()
    assert count == "11"
    assert modules == "['calculators', 'calculators.indicators']"


def test_every_output_uses_declared_inputs_only() -> None:
    # What an output is computed from is read from its declaration; an output referring to
    # another output («total_losses») uses that output's inputs.
    for calculator in CALCULATORS.values():
        ids = {item.id for item in calculator.inputs}
        for output in calculator.outputs:
            uses = calculator.uses(output.id)
            assert uses and uses <= ids, (calculator.id, output.id, uses - ids)


def test_a_refused_loss_item_blanks_every_figure_built_on_the_total() -> None:
    from calculators.engine import run

    raw = {"fines": "много", "downtime_costs": 100000, "victims": 2, "prevention_benefits": 9, "prevention_costs": 3}
    result = run(CALCULATORS["economics"], raw)
    assert result.refused
    for output_id in ("total_losses", "losses_per_victim"):
        assert result.values[output_id] is None, output_id
    # 9 / 3 = 3: the return on prevention does not use the losses
    assert result.values["rop"] == 3.0
