"""A new card file with every field present and a Russian comment saying what to write;
its activity (ОКВЭД 2) found in the classifier by code or words."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from build_tools.cards import checks, okved
from build_tools.cards.answers import NO_INFORMATION
from build_tools.cards.schema import SCHEMA_VERSION, direction, enum_labels, official_fields
from build_tools.cards.schema_messages import FREE_ANSWERS, schema_problems
from build_tools.cards.translit import slugify


class ScaffoldError(Exception):
    pass


def _codes(name: str) -> str:
    return "; ".join(f"{code} — {label}" for code, label in enum_labels(name).items())


@dataclass(frozen=True)
class ActivitySearch:
    """What ``--okved QUERY`` found: one grouping to fill in, or the candidates to choose from."""

    query: str
    found: list[okved.Entry]

    @property
    def chosen(self) -> okved.Entry | None:
        return self.found[0] if len(self.found) == 1 else None


def find_activity(query: str) -> ActivitySearch:
    """A code given exactly is that grouping (52.10, not also 52.10.1…); otherwise the classifier's search."""
    exact = okved.lookup(query.strip())
    return ActivitySearch(query, [exact] if exact else okved.search(query))


def card_template(title: str, today: dt.date, activity: okved.Entry | None = None) -> str:
    """The text of a new card: valid once every empty answer is written."""
    fields = {field.key: field for field in official_fields()}

    def question(key: str) -> str:
        field = fields[key]
        return f"# {field.number}. {field.question}"

    def free_answer(key: str) -> list[str]:
        hint = [f"# Если источник об этом не сообщает, напишите: {NO_INFORMATION}."] if key in FREE_ANSWERS else []
        return [question(key), *hint, f"{key}: >-", ""]

    text_fields = ["problem", "why_advanced", "result", "demand", "replicability", "adoptions"]
    activity_line = f"  activity: {json.dumps(activity.text, ensure_ascii=False)}" if activity else "  activity:"
    lines = [
        "---",
        "# Версия схемы карточки: не меняйте.",
        f"schema_version: {SCHEMA_VERSION}",
        "# Название практики (10–200 символов).",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "# Зарубежный опыт: добавьте строку «country: Германия» (страна по-русски) — карточка получит отметку",
        "# «Зарубежный опыт» и не войдёт в региональный отчёт; region тогда — регион страны словами или удалите его.",
        "# Субъект Российской Федерации полностью: «Краснодарский край», «город Москва».",
        "region:",
        "# Муниципальное образование (можно удалить строку, если не относится).",
        "municipality:",
        "# Дата представления информации, ГГГГ-ММ-ДД: по ней год и квартал отчёта.",
        f"date: {today.isoformat()}",
        "# Когда практика внедрена: год, месяц (2023-05) или день (2023-05-12) — если известно, уберите «# »",
        "# и впишите дату. По ней каталог сортирует «сначала новые».",
        "# introduced: 2023",
        "# Настоящая практика — false; карточка-пример с вымышленной организацией — true (значок «Пример»).",
        "example: false",
        "",
        question("organization"),
        "organization:",
        "  # Полное наименование организации или ИП.",
        "  name:",
        f"  # Одно из: {_codes('sector')}.",
        "  sector:",
        "  # Код ОКВЭД 2 и наименование по классификатору («49.41 Деятельность автомобильного грузового",
        '  # транспорта») или только код в кавычках: "49.41" — наименование возьмётся из классификатора.',
        '  # Найти код: python -m build_tools new "Название" --okved "склад" (код или слова).',
        activity_line,
        "  # Среднесписочная численность работников (целое число; если неизвестна, удалите строку).",
        "  employees:",
        "# Соорганизаторы — другие организации, участвовавшие во внедрении (профсоюз, учебный центр…),",
        "# и их роль; можно не указывать, например:",
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
        lines += free_answer(key)
    for key in ("source", "presentation_format", "dissemination"):
        lines += [
            question(key),
            f"# Коды: {_codes(key)};",
            "# и/или свой вариант ответа русскими словами отдельным пунктом; если источник не сообщает —",
            f"# вместо списка одна строка: {key}: {NO_INFORMATION}",
            f"{key}:",
            "  -",
            "",
        ]
    for key in ("challenges", "incentives"):
        lines += free_answer(key)
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
        "# Источники сведений — публикации, из которых взяты сведения (адрес и/или заголовок, кто опубликовал,",
        "# дата публикации ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД). Для практики из публикации — обязательно укажите, например:",
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


def new_card(title: str, practices: Path, today: dt.date | None = None, activity: okved.Entry | None = None) -> Path:
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
    path.write_text(card_template(title, today or dt.date.today(), activity), encoding="utf-8")
    return path


def choose_activity(query: str, answers: TextIO, out: TextIO) -> okved.Entry | None:
    """The grouping ``new --okved QUERY`` fills in; None (having said why on ``out``) when there is none.

    Several matches are listed; at a terminal the contributor picks one by its number, otherwise
    (a script, CI) the list is the answer and no card is written.
    """
    search = find_activity(query)
    if search.chosen is not None:
        print(f"ОКВЭД 2: {search.chosen.text}", file=out)
        return search.chosen
    if not search.found:
        print(f"По запросу «{query}» в ОКВЭД 2 ничего не найдено: попробуйте код или начало слова.", file=out)
        return None
    more = " (показаны первые)" if len(search.found) >= okved.SEARCH_LIMIT else ""
    print(f"По запросу «{query}» в ОКВЭД 2 найдено несколько группировок{more}:", file=out)
    for number, entry in enumerate(search.found, start=1):
        print(f"  {number:>2}. {entry.text}", file=out)
    if not answers.isatty():
        print(
            f"Карточка не создана: уточните запрос или укажите код, например --okved {search.found[0].code}.", file=out
        )
        return None
    print("Номер группировки (Enter — не создавать карточку): ", end="", file=out, flush=True)
    answer = answers.readline().strip()
    if answer.isdigit() and 1 <= int(answer) <= len(search.found):
        return search.found[int(answer) - 1]
    print("Карточка не создана.", file=out)
    return None


def _title_problem(title: str) -> str | None:
    # The validator's own checks of a title, on the title alone.
    found = [message for path, message in schema_problems({"title": title}) if path == ("title",)]
    found += [message for _, message in checks.value_problems({"title": title})]
    return "; ".join(found) or None
