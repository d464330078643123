"""Command line: ``python -m build_tools <command>``.

- ``validate [PATH …] [--format github]`` — check cards; exit 0 when all are valid, 1 otherwise.
- ``new "<название>"`` — write ``practices/<slug>.md`` with every field and a comment on what to write.
- ``issue-form`` — regenerate the GitHub issue form from the card schema.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.cards import load_cards
from build_tools.problems import Problem


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
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github — аннотации GitHub Actions на нужном файле и строке",
    )
    validate.set_defaults(run=lambda args: _validate(args.paths, args.format))

    new = commands.add_parser(
        "new",
        help="создать заготовку карточки",
        description="Создать practices/<имя>.md со всеми полями и подсказками, что в них писать.",
    )
    new.add_argument("title", metavar="НАЗВАНИЕ", help="название практики по-русски")
    new.add_argument("--dir", type=Path, default=Path("practices"), help="папка карточек (по умолчанию practices/)")
    new.set_defaults(run=lambda args: _new(args.title, args.dir))

    issue_form = commands.add_parser("issue-form", help="обновить форму GitHub «Предложить практику» по схеме")
    issue_form.set_defaults(run=lambda args: _issue_form())

    args = parser.parse_args(argv)
    return args.run(args)


def _validate(paths: list[Path], output: str) -> int:
    missing = [path for path in paths if not path.exists()]
    for path in missing:
        print(f"{path}: нет такого файла или папки", file=sys.stderr)
    result = load_cards([path for path in paths if path.exists()])
    for problem in result.problems:
        print(_github_annotation(problem) if output == "github" else problem)
    total = len(result.cards) + len({p.path for p in result.errors})
    print(
        f"Проверено карточек: {total}; с ошибками: {len({p.path for p in result.errors})}; "
        f"ошибок: {len(result.errors)}; предупреждений: {len(result.warnings)}.",
        file=sys.stderr,
    )
    return 1 if result.errors or missing else 0


def _github_annotation(problem: Problem) -> str:
    # Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    def escape(text: str, *, property_value: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    level = "error" if problem.is_error else "warning"
    properties = ",".join(
        f"{key}={escape(str(value), property_value=True)}"
        for key, value in (("file", problem.path), ("line", problem.line), ("title", problem.field))
    )
    return f"::{level} {properties}::{escape(problem.message)}"


def _new(title: str, practices: Path) -> int:
    from build_tools.scaffold import ScaffoldError, new_card

    try:
        path = new_card(title, practices)
    except ScaffoldError as error:
        print(f"Карточка не создана: {error}", file=sys.stderr)
        return 1
    print(path.as_posix())
    print(
        f"Заготовка создана. Заполните ответы и проверьте: python -m build_tools validate {path.as_posix()}",
        file=sys.stderr,
    )
    return 0


def _issue_form() -> int:
    from build_tools.issue_form import FORM_PATH, issue_form_yaml

    Path(FORM_PATH).write_text(issue_form_yaml(), encoding="utf-8")
    print(FORM_PATH)
    return 0
