"""A new card file with every field present and a Russian comment saying what to write."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from build_tools.cards.schema import card_schema, enum_labels, official_fields
from build_tools.cards.translit import slugify


class ScaffoldError(Exception):
    pass


def _codes(name: str) -> str:
    return "; ".join(f"{code} — {label}" for code, label in enum_labels(name).items())


def card_template(title: str, today: dt.date) -> str:
    """The text of a new card: valid once every empty answer is written."""
    fields = {field.key: field for field in official_fields()}
    properties = card_schema()["properties"]

    def question(key: str) -> str:
        field = fields[key]
        note = properties[key].get("description")
        return f"# {field.number}. {field.label}" + (f"\n# ({note})" if note else "")

    text_fields = ["problem", "why_advanced", "result", "demand", "replicability", "adoptions"]
    lines = [
        "---",
        "# Название практики (10–200 символов).",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "# Субъект Российской Федерации полностью: «Краснодарский край», «город Москва».",
        "region:",
        "# Муниципальное образование (можно удалить строку, если не относится).",
        "municipality:",
        "# Дата представления информации, ГГГГ-ММ-ДД.",
        f"date: {today.isoformat()}",
        "",
        question("organization"),
        "organization:",
        "  # Полное наименование организации или ИП.",
        "  name:",
        f"  # Одно из: {_codes('sector')}.",
        "  sector:",
        "  # Код ОКВЭД 2 и наименование вида деятельности: «49.41 Деятельность автомобильного грузового транспорта».",
        "  activity:",
        "  # Среднесписочная численность работников (целое число; можно удалить строку).",
        "  employees:",
        "",
        question("category"),
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
        lines += [question(key), "# Если сказать нечего, так и напишите: «Не выявлено».", f"{key}: >-", ""]
    lines += [
        "# «Золотые правила» Vision Zero, которым служит практика (номера 1–7):",
        *[f"#   {number}. {label}" for number, label in enum_labels("golden_rule").items()],
        "golden_rules: []",
        "# Ключевые слова через запятую.",
        "tags: []",
        "# Показатели до и после внедрения (можно удалить), например:",
        "#   - indicator: frequency    # коэффициент частоты травматизма Кч",
        "#     before: 4.2",
        "#     after: 1.1",
        "#     period_before: 2024",
        "#     period_after: 2025",
        "metrics: []",
        "# Ссылки на открытые источники (только http:// или https://).",
        "links: []",
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
    slug = slugify(title)
    if len(slug) < 3:
        raise ScaffoldError(f"из названия «{title}» не получается имя файла: нужно хотя бы три буквы")
    path = practices / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"файл {path.as_posix()} уже есть: выберите другое название или правьте его")
    practices.mkdir(parents=True, exist_ok=True)
    path.write_text(card_template(title.strip(), today or dt.date.today()), encoding="utf-8")
    return path
