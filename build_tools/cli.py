"""Command line: ``python -m build_tools <command>``.

- ``validate [PATH …] [--format github]`` — check cards; exit 0 when all are valid, 1 otherwise.
- ``new "<название>"`` — write ``practices/<slug>.md`` with every field and a comment on what to write.
- ``issue-form`` — regenerate the GitHub issue form from the card schema.
- ``migrate [PATH …]`` — upgrade version-1 cards to version 2 in place, printing what changed per file;
  exit 0 when every file could be read, 1 otherwise.
- ``export --format docx|xlsx|csv|json --out FILE [--force] [filters]`` — the official appendix table
  of the selected practices (a quarterly report in DOCX) or the catalogue's data; exit 0 when
  written, 1 on an empty selection, invalid cards or a file not written (an existing one is kept
  unless ``--force``), 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.cards.characters import printable
from build_tools.cards.loading import card_files, load_cards, skipped_files
from build_tools.cards.problems import Problem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools",
        description="Инструменты каталога передового опыта по охране труда.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")

    validate = commands.add_parser(
        "validate", help="проверить карточки практик", description="Проверить карточки практик."
    )
    _add_card_paths(validate)
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
    new.add_argument(
        "--okved",
        metavar="ЗАПРОС",
        help="вид деятельности по ОКВЭД 2: код или слова наименования («52.10», «склад»); "
        "одна найденная группировка вписывается в карточку, несколько — перечисляются",
    )
    new.set_defaults(run=lambda args: _new(args.title, args.dir, args.okved))

    issue_form = commands.add_parser("issue-form", help="обновить форму GitHub «Предложить практику» по схеме")
    issue_form.set_defaults(run=lambda args: _issue_form())

    migrate = commands.add_parser(
        "migrate",
        help="обновить карточки версии 1 до версии 2",
        description=(
            "Обновить карточки версии 1 до версии 2 на месте: добавить schema_version: 2, перенести links "
            "в sources, исправить тип организации у муниципальных унитарных предприятий. Остальной текст "
            "файла не меняется; повторный запуск ничего не меняет."
        ),
    )
    _add_card_paths(migrate)
    migrate.set_defaults(run=lambda args: _migrate(args.paths))

    _add_export(commands)

    args = parser.parse_args(argv)
    return args.run(args)


def _add_card_paths(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("practices")],
        metavar="ПУТЬ",
        help="файлы или папки с карточками (по умолчанию practices/)",
    )


def _validate(paths: list[Path], output: str) -> int:
    missing = [path for path in paths if not path.exists() and not path.is_symlink()]
    for path in missing:
        print(printable(f"{path}: нет такого файла или папки"), file=sys.stderr)
    present = [path for path in paths if path not in missing]
    if present and not card_files(present) and not skipped_files(present):
        shown = ", ".join(path.as_posix() for path in present)
        print(printable(f"{shown}: карточек не найдено (карточка — файл с расширением .md)"), file=sys.stderr)
        return 1
    result = load_cards(present)
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
        text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    level = "error" if problem.is_error else "warning"
    properties = ",".join(
        f"{key}={escape(str(value), property_value=True)}"
        for key, value in (("file", problem.path), ("line", problem.line), ("title", problem.field))
    )
    return f"::{level} {properties}::{escape(problem.message)}"


def _new(title: str, practices: Path, okved_query: str | None = None) -> int:
    from build_tools.contribution.scaffold import ScaffoldError, choose_activity, new_card

    activity = None
    if okved_query is not None:
        activity = choose_activity(okved_query, sys.stdin, sys.stderr)
        if activity is None:
            return 1
    try:
        path = new_card(title, practices, activity=activity)
    except ScaffoldError as error:
        print(printable(f"Карточка не создана: {error}"), file=sys.stderr)
        return 1
    print(path.as_posix())
    print(
        f"Заготовка создана. Заполните ответы и проверьте: python -m build_tools validate {path.as_posix()}",
        file=sys.stderr,
    )
    return 0


def _migrate(paths: list[Path]) -> int:
    from build_tools.cards.loading import display_path
    from build_tools.cards.migrate import migrate_paths

    missing = [path for path in paths if not path.exists()]
    for path in missing:
        print(f"{path}: нет такого файла или папки", file=sys.stderr)
    results = migrate_paths([path for path in paths if path.exists()])
    for result in results:
        shown = display_path(result.path, None)
        if result.refusal:
            print(f"{shown}:{result.refusal} — файл не изменён", file=sys.stderr)
        elif result.changed:
            print(f"{shown}: {'; '.join(result.changes)}")
    changed = sum(result.changed for result in results)
    refused = sum(result.refusal is not None for result in results)
    print(
        f"Карточек: {len(results)}; обновлено: {changed}; уже версии 2: {len(results) - changed - refused}; "
        f"не прочитано: {refused}." + (" Проверьте результат: python -m build_tools validate" if changed else ""),
        file=sys.stderr,
    )
    return 1 if refused or missing else 0


def _issue_form() -> int:
    from build_tools.contribution.issue_form import FORM_PATH, issue_form_yaml

    Path(FORM_PATH).write_text(issue_form_yaml(), encoding="utf-8")
    print(FORM_PATH)
    return 0


# -- export ---------------------------------------------------------------------------------

EXPORT_FORMATS = ("docx", "xlsx", "csv", "json")


def _add_export(commands: argparse._SubParsersAction) -> None:
    from build_tools.exports import selection

    export = commands.add_parser(
        "export",
        help="выгрузить практики: отчёт DOCX, таблицу XLSX или CSV, данные JSON",
        description=(
            "Выгрузить отобранные практики: DOCX — таблицы структуры предоставления информации "
            "о передовом опыте (отчёт за квартал), XLSX и CSV — строка на практику, JSON — все поля. "
            "Условия отбора действуют вместе."
        ),
    )
    export.add_argument(
        "--format",
        dest="output_format",
        choices=EXPORT_FORMATS,
        help="формат файла; если не указан — по расширению файла --out",
    )
    export.add_argument("--out", required=True, metavar="ФАЙЛ", help="куда записать результат; «-» — в stdout")
    export.add_argument("--force", action="store_true", help="заменить файл --out, если он уже есть")
    export.add_argument(
        "--region",
        type=_filter(selection.parse_region),
        metavar="СУБЪЕКТ",
        help="субъект РФ, например «Краснодарский край» («Москва» = «город Москва»)",
    )
    export.add_argument("--municipality", metavar="МО", help="муниципальное образование, как в карточках")
    export.add_argument("--year", type=_filter(selection.parse_year), metavar="ГОД", help="год, например 2026")
    export.add_argument(
        "--quarter", type=_filter(selection.parse_quarter), metavar="КВАРТАЛ", help="квартал, например 2026Q1"
    )
    export.add_argument(
        "--category",
        action="append",
        type=_filter(selection.parse_category),
        metavar="НАПРАВЛЕНИЕ",
        help="technique, technology, organization или ohs_service; можно указать несколько раз",
    )
    export.add_argument(
        "--include-foreign",
        action="store_true",
        help="включить зарубежный опыт (по умолчанию в отчёт входят только российские практики)",
    )
    export.add_argument(
        "--body",
        metavar="ОРГАН",
        help="орган, представляющий сведения, для заголовка DOCX, например «Администрация … муниципального округа»",
    )
    export.add_argument(
        "--executor", metavar="ФИО", help="исполнитель для подписи в конце DOCX (фамилия, имя, отчество)"
    )
    export.add_argument("--position", metavar="ДОЛЖНОСТЬ", help="должность исполнителя для подписи в конце DOCX")
    export.add_argument("--phone", metavar="ТЕЛЕФОН", help="телефон исполнителя для подписи в конце DOCX")
    export.add_argument(
        "--site-url",
        metavar="АДРЕС",
        help="адрес сайта для ссылок на страницы практик (по умолчанию site_url из mkdocs.yml: переменная SITE_URL)",
    )
    export.add_argument(
        "--dir", type=Path, default=Path("practices"), metavar="ПАПКА", help="папка карточек (по умолчанию practices/)"
    )
    export.set_defaults(run=lambda args: _export(args, export))


def _filter(parse):  # a selection parser → an argparse type (a bad value exits with status 2)
    from build_tools.exports.selection import SelectionError

    def convert(text: str):
        try:
            return parse(text)
        except SelectionError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = parse.__name__  # argparse names the type in some messages
    return convert


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from build_tools.exports import selection
    from build_tools.exports.export_tabular import public_site_url, url_factory

    output_format = args.output_format or _format_from_name(args.out)
    if output_format is None:
        parser.error(f"укажите --format ({', '.join(EXPORT_FORMATS)}): по имени файла «{args.out}» его не определить")
    if not args.dir.is_dir():
        parser.error(f"{args.dir}: нет такой папки с карточками")
    try:
        chosen = selection.Selection(
            region=args.region,
            municipality=args.municipality,
            year=args.year,
            quarter=args.quarter,
            categories=tuple(dict.fromkeys(args.category or ())),
            include_foreign=args.include_foreign,
        )
    except selection.SelectionError as error:
        parser.error(str(error))

    result = load_cards([args.dir])
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        count = len({problem.path for problem in result.errors})
        print(
            f"Выгрузка не выполнена: карточки с ошибками ({count}). "
            f"Исправьте их: python -m build_tools validate {args.dir.as_posix()}",
            file=sys.stderr,
        )
        return 1
    cards = selection.select(result.cards, chosen)
    if not cards:
        print(
            f"Нет практик, подходящих под условия ({chosen.describe()}); "
            f"всего практик: {len(result.cards)}. Файл не создан.",
            file=sys.stderr,
        )
        return 1
    docx_only = [f"--{name}" for name in ("body", "executor", "position", "phone") if getattr(args, name)]
    if docx_only and output_format != "docx":
        verb = "используется" if len(docx_only) == 1 else "используются"
        print(f"Замечание: {', '.join(docx_only)} {verb} только в DOCX.", file=sys.stderr)

    site_url = args.site_url if args.site_url is not None else _site_url_from_mkdocs(Path("mkdocs.yml"))
    url_of = url_factory(public_site_url(site_url))
    content = _export_bytes(output_format, cards, chosen, url_of, args)
    if args.out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        from build_tools.output_file import OutputError, write_output

        out = Path(args.out)
        try:
            write_output(out, content, overwrite=args.force, protected=args.dir)
        except OutputError as error:
            print(printable(f"Выгрузка не выполнена: {error}"), file=sys.stderr)
            return 1
        print(out.as_posix())
    print(f"Выгружено практик: {len(cards)} ({chosen.describe()}), формат {output_format.upper()}.", file=sys.stderr)
    return 0


def _export_bytes(output_format: str, cards, chosen, url_of, args: argparse.Namespace) -> bytes:
    if output_format == "docx":
        from build_tools.exports.export_docx import Signature, report_docx

        signature = Signature(executor=args.executor, position=args.position, phone=args.phone)
        return report_docx(cards, body=args.body, period=chosen.period_label(), url_of=url_of, signature=signature)
    if output_format == "xlsx":
        from build_tools.exports.export_xlsx import xlsx_bytes

        return xlsx_bytes(cards, url_of)
    from build_tools.exports.export_tabular import csv_bytes, json_bytes

    return csv_bytes(cards, url_of) if output_format == "csv" else json_bytes(cards, url_of)


def _format_from_name(name: str) -> str | None:
    suffix = Path(name).suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else None


def _site_url_from_mkdocs(path: Path) -> str | None:
    """``site_url`` of mkdocs.yml, read without running its ``!!python/…`` tags.

    ``!ENV SITE_URL`` is read from the environment, as MkDocs reads it: the exports then link to
    the same public address as the site built with that environment.
    """
    import yaml
    from yaml_env_tag import construct_env_tag

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", construct_env_tag)
    # Any other tag the safe loader does not know (e.g. the slugify function) becomes None.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return None
    site_url = data.get("site_url") if isinstance(data, dict) else None
    return site_url if isinstance(site_url, str) else None
