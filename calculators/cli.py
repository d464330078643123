"""Command line: ``python -m calculators list`` and ``python -m calculators run <id> --input``.

- ``list`` prints a JSON array of the calculators' declarations.
- ``run <id> --input '<JSON object>'`` (``--input -`` reads standard input) prints one JSON object,
  the result described in the package docstring. Exit status 0 when the input was accepted, 2
  when it was rejected (unknown calculator, text that is not JSON, a refused field).
- ``indicators`` prints the indicator ids a card's ``metrics[].indicator`` may name.
- ``programme --input FILE.json --out FILE.docx [--report YEAR] [--force]`` writes the «Нулевой
  травматизм» programme (or its evaluation report for a year) and prints what it wrote, with the
  messages; see ``calculators.programme_cli``.

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
    programme = commands.add_parser("programme", help="документ программы «Нулевой травматизм» (DOCX) из файла JSON")
    programme.add_argument("--input", required=True, help="файл программы (JSON); «-» — читать из stdin")
    programme.add_argument("--out", required=True, help="куда записать документ (.docx)")
    programme.add_argument("--report", type=int, metavar="ГОД", help="вместо программы — отчёт об оценке за этот год")
    programme.add_argument("--force", action="store_true", help="перезаписать существующий файл")
    return parser


def _rejection(text: str, outputs: list[str] | None = None) -> str:
    data: dict[str, Any] = dict.fromkeys(outputs or [])
    data["messages"] = [{"kind": "rejected", "text": text}]
    return _dump(data)


def parse_json(text: str) -> tuple[Any, str]:
    """The JSON value of ``text``, or ``None`` and the Russian reason it cannot be read."""
    try:
        return json.loads(text), ""
    except json.JSONDecodeError as error:
        return None, f"Входные данные не являются корректным JSON (строка {error.lineno}, позиция {error.colno})"
    except (ValueError, RecursionError):
        # Numbers with thousands of digits, nesting deeper than the parser allows.
        return None, "Входные данные не читаются: слишком длинное число или слишком глубокая вложенность"


def execute(argv: list[str], stdin: TextIO | None = None) -> tuple[int, str]:
    """Run the command line on ``argv``; returns the exit status and the text for stdout."""
    from calculators.engine import run
    from calculators.registry import CALCULATORS

    arguments = _parser().parse_args(argv)
    if arguments.command == "programme":
        from calculators.programme_cli import write_programme

        return write_programme(arguments, stdin)
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
    raw, problem = parse_json(text)
    if problem:
        return EXIT_REJECTED, _rejection(problem, outputs)
    result = run(calculator, raw)
    # Some outputs may be computed even so, but a refused field is still a rejection.
    return (EXIT_OK if result.accepted and not result.refused else EXIT_REJECTED), _dump(result.to_json())


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    status, text = execute(sys.argv[1:] if argv is None else argv)
    (stdout or sys.stdout).write(text)
    return status
