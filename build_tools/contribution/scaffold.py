"""A new card file with every field present and a Russian comment saying what to write."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from build_tools.cards import checks
from build_tools.cards.schema import SCHEMA_VERSION, direction, enum_labels, official_fields
from build_tools.cards.schema_messages import schema_problems
from build_tools.cards.translit import slugify


class ScaffoldError(Exception):
    pass


def _codes(name: str) -> str:
    return "; ".join(f"{code} — {label}" for code, label in enum_labels(name).items())


def card_template(title: str, today: dt.date) -> str:
    """The text of a new card: valid once every empty answer is written."""
    fields = {field.key: field for field in official_fields()}

    def question(key: str) -> str:
        field = fields[key]
        return f"# {field.number}. {field.question}"

    text_fields = ["problem", "why_advanced", "result", "demand", "replicability", "adoptions"]
    lines = [
        "---",
        "# Версия схемы карточки: не меняйте.",
        f"schema_version: {SCHEMA_VERSION}",
        "# Название практики (10–200 символов).",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "# Субъект Российской Федерации полностью: «Краснодарский край», «город Москва».",
        "region:",
        "# Муниципальное образование (можно удалить строку, если не относится).",
        "municipality:",
        "# Дата представления информации, ГГГГ-ММ-ДД.",
        f"date: {today.isoformat()}",
        "# Зарубежный опыт: добавьте строку «country: Германия» (страна по-русски); region тогда — регион страны",
        "# или удалите его. Когда практика внедрена (год, ГГГГ-ММ или ГГГГ-ММ-ДД), если известно:",
        "# introduced: 2023",
        "# Карточка-пример с вымышленной организацией — true; настоящая практика — false.",
        "example: false",
        "",
        question("organization"),
        "organization:",
        "  # Полное наименование организации или ИП.",
        "  name:",
        f"  # Одно из: {_codes('sector')}.",
        "  sector:",
        "  # Код ОКВЭД 2 и наименование по классификатору («49.41 Деятельность автомобильного грузового",
        "  # транспорта») или только код: 49.41 — наименование возьмётся из классификатора.",
        "  activity:",
        "  # Среднесписочная численность работников (целое число; если неизвестна, удалите строку).",
        "  employees:",
        "# Соорганизаторы (можно не указывать), например:",
        "# co_organizers:",
        "#   - name: Краевая организация профсоюза",
        "#     role: методическая поддержка",
        "",
        f"# {direction().label} (не вопрос структуры, а классификация практики).",
        f"# Одно или несколько из: {_codes('category')}.",
        "category:",
        "  -",
        "",
        question("summary"),
        "# Не более 600 символов: это анонс практики в каталоге.",
        "summary: >-",
        "",
    ]
    for key in text_fields:
        lines += [question(key), f"{key}: >-", ""]
    for key in ("source", "presentation_format", "dissemination"):
        lines += [
            question(key),
            f"# Коды: {_codes(key)}; или свой вариант ответа русскими словами.",
            f"{key}:",
            "  -",
            "",
        ]
    for key in ("challenges", "incentives"):
        lines += [question(key), "# Если источник об этом не сообщает, напишите: «нет сведений».", f"{key}: >-", ""]
    lines += [
        "# «Золотые правила» Vision Zero, которым служит практика (номера 1–7):",
        *[f"#   {number}. {label}" for number, label in enum_labels("golden_rule").items()],
        "golden_rules: []",
        "# Ключевые слова через запятую.",
        "tags: []",
        "# Показатели до и после внедрения (можно удалить): показатель калькуляторов или свой, например:",
        "#   - indicator: frequency    # коэффициент частоты травматизма Кч",
        "#     before: 4.2",
        "#     after: 1.1",
        "#     period_before: 2024",
        "#     period_after: 2025",
        "#   - name: Доля работников без СИЗ",
        '#     unit: "%"',
        "#     before: 11",
        "#     after: 3",
        "metrics: []",
        "# Затраты на внедрение (можно не указывать), например:",
        "# cost:",
        "#   amount: 180000    # рублей",
        "#   year: 2024",
        "#   note: обучение руководителей",
        "# Источники сведений — публикации о практике (можно не указывать), например:",
        "# sources:",
        "#   - url: https://example.org/news/123",
        "#     title: Заголовок публикации",
        "#     publisher: Кто опубликовал",
        "#     date: 2024-05-12",
        "---",
        "",
        "## Как это устроено",
        "",
        "Подробный рассказ о практике: по шагам, что потребовалось (люди, деньги, документы), цифры,",
        "выводы. Без персональных данных: вместо фамилий — должности.",
        "",
    ]
    return "\n".join(lines)


def new_card(title: str, practices: Path, today: dt.date | None = None) -> Path:
    """``practices/<slug>.md`` for ``title``; a title the validator would refuse is refused here,
    with the validator's words, so that the new card only lacks its answers."""
    title = title.strip()
    problem = _title_problem(title)
    if problem:
        raise ScaffoldError(f"название не подходит: {problem}")
    slug = slugify(title)
    if len(slug) < 3:
        raise ScaffoldError(
            f"из названия «{title}» не получается имя файла: нужно хотя бы три буквы "
            "(русские, кроме ъ и ь, или латинские) или цифры"
        )
    slug_problem = checks.slug_problem(slug)
    if slug_problem:
        raise ScaffoldError(slug_problem)
    path = practices / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"файл {path.as_posix()} уже есть: выберите другое название или правьте его")
    practices.mkdir(parents=True, exist_ok=True)
    path.write_text(card_template(title, today or dt.date.today()), encoding="utf-8")
    return path


def _title_problem(title: str) -> str | None:
    # The validator's own checks of a title, on the title alone.
    found = [message for path, message in schema_problems({"title": title}) if path == ("title",)]
    found += [message for _, message in checks.value_problems({"title": title})]
    return "; ".join(found) or None
