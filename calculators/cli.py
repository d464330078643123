"""Command line: ``python -m calculators list`` and ``python -m calculators run <id> --input``.

- ``list`` prints a JSON array of the calculators' declarations.
- ``run <id> --input '<JSON object>'`` (``--input -`` reads standard input) prints one JSON object,
  the result described in the package docstring. Exit status 0 when the input was accepted, 2
  when it was rejected (unknown calculator, text that is not JSON, a refused field).
- ``indicators`` prints the indicator ids a card's ``metrics[].indicator`` may name.

Output is strict JSON (no NaN) in UTF-8.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

EXIT_OK = 0
EXIT_REJECTED = 2


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculators",
        description="Калькуляторы показателей охраны труда: результат — JSON.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="объявления всех калькуляторов (JSON-массив)")
    commands.add_parser("indicators", help="показатели для metrics[].indicator карточек")
    run = commands.add_parser("run", help="рассчитать: python -m calculators run <id> --input JSON")
    run.add_argument("calculator", help="идентификатор калькулятора")
    run.add_argument("--input", required=True, help="входные данные: объект JSON; «-» — читать из stdin")
    return parser


def _rejection(text: str, outputs: list[str] | None = None) -> str:
    data: dict[str, Any] = dict.fromkeys(outputs or [])
    data["messages"] = [{"kind": "rejected", "text": text}]
    return _dump(data)


def execute(argv: list[str], stdin: TextIO | None = None) -> tuple[int, str]:
    """Run the command line on ``argv``; returns the exit status and the text for stdout."""
    from calculators.engine import run
    from calculators.registry import CALCULATORS

    arguments = _parser().parse_args(argv)
    if arguments.command == "list":
        return EXIT_OK, _dump([calculator.to_json() for calculator in CALCULATORS.values()])
    if arguments.command == "indicators":
        from calculators.indicators import INDICATORS

        return EXIT_OK, _dump([asdict(item) for item in INDICATORS.values()])
    calculator = CALCULATORS.get(arguments.calculator)
    if calculator is None:
        known = ", ".join(CALCULATORS)
        return EXIT_REJECTED, _rejection(f"Неизвестный калькулятор «{arguments.calculator}»; есть: {known}")
    text = arguments.input
    if text == "-":
        text = (stdin or sys.stdin).read()
    outputs = [output.id for output in calculator.outputs]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"строка {error.lineno}, позиция {error.colno}"
        return EXIT_REJECTED, _rejection(f"Входные данные не являются корректным JSON ({where})", outputs)
    except (ValueError, RecursionError):
        # Numbers with thousands of digits, nesting deeper than the parser allows.
        return EXIT_REJECTED, _rejection(
            "Входные данные не читаются: слишком длинное число или слишком глубокая вложенность",
            outputs,
        )
    result = run(calculator, raw)
    return (EXIT_OK if result.accepted else EXIT_REJECTED), _dump(result.to_json())


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    status, text = execute(sys.argv[1:] if argv is None else argv)
    (stdout or sys.stdout).write(text)
    return status
