"""Command line: ``python -m build_tools validate [PATH …]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.cards import load_cards


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools",
        description="Инструменты каталога передового опыта по охране труда.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    validate = commands.add_parser(
        "validate", help="проверить карточки практик", description="Проверить карточки практик."
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("practices")],
        metavar="ПУТЬ",
        help="файлы или папки с карточками (по умолчанию practices/)",
    )
    args = parser.parse_args(argv)
    return _validate(args.paths)


def _validate(paths: list[Path]) -> int:
    missing = [path for path in paths if not path.exists()]
    for path in missing:
        print(f"{path}: нет такого файла или папки", file=sys.stderr)
    result = load_cards([path for path in paths if path.exists()])
    for problem in result.problems:
        print(problem)
    total = len(result.cards) + len({p.path for p in result.errors})
    print(
        f"Проверено карточек: {total}; с ошибками: {len({p.path for p in result.errors})}; "
        f"ошибок: {len(result.errors)}; предупреждений: {len(result.warnings)}.",
        file=sys.stderr,
    )
    return 1 if result.errors or missing else 0
