"""Checks that JSON Schema cannot express: the schema version, file name, real dates, ОКВЭД 2
codes and names, regions and countries, indicator ids, «нет сведений» among other answers,
characters and numbers no card may hold, and pre-review warnings (personal data, raw HTML, odd
links, a municipal enterprise called budget).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any

from build_tools.cards import characters, okved, regions
from build_tools.cards.answers import is_no_information
from build_tools.cards.frontmatter import Path_
from build_tools.cards.partial_dates import PartialDateError, parse_partial_date
from build_tools.cards.schema import OPEN_LIST_FIELDS, SCHEMA_VERSION
from build_tools.cards.schema_messages import show_value
from build_tools.formatting import russian_number

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# practices/index.md would become the folder's own page, which the catalogue's link cannot reach.
RESERVED_SLUGS = ("index", "readme")

# Messages and patterns shared with the site's «Предложить практику» form (build_tools/contribution/card_form.py).
NO_SUCH_DATE = "такой даты не существует: {date}"
FUTURE_DATE = "дата {date} ещё не наступила"
EARLY_DATE = "дата {date} слишком ранняя"
EARLIEST_YEAR = 1990
# A practice introduced or a source published before 1900 is a typo (the project's convention).
EARLIEST_PARTIAL_YEAR = 1900
OLD_VERSION = "карточка версии 1: выполните python -m build_tools migrate"
UNKNOWN_VERSION = f"версия схемы {{version}} не поддерживается: карточки пишутся по версии {SCHEMA_VERSION}"
RUSSIA_SPELLING = "для России поле country не нужно; если указываете — пишите «{russia}»"
NO_INFORMATION_ALONE = "«нет сведений» — единственный ответ: уберите его или другие пункты списка"
FOREIGN_REGION = (
    "«{region}» — субъект Российской Федерации, а страна указана «{country}»: "
    "для российской практики удалите поле country"
)
PHONE_WARNING = "похоже на номер телефона: персональные данные в открытом каталоге не публикуются"
EMAIL_WARNING = "похоже на адрес электронной почты: персональные данные в открытом каталоге не публикуются"
FORBIDDEN_CHARACTER = "недопустимый символ {code} ({kind}): удалите его"
INVISIBLE_ONLY = "поле пустое: в нём только невидимые символы"
NOT_FINITE = "нужно обычное число: .nan и .inf не допускаются"
# The largest integer a browser (and so the catalogue's JSON in it) keeps exactly: 2⁵³ − 1.
MAX_INTEGER = 2**53 - 1
TOO_BIG_INTEGER = f"число слишком большое: допустимо не более {russian_number(MAX_INTEGER, 0)}"
PHONE_PATTERN = r"(?<!\d)(?:\+7|8)[\s(‐-]*\d{3}[\s)‐-]*\d{3}[\s‐-]*\d{2}[\s‐-]*\d{2}(?!\d)"
# The look-behind lets a match start only where a word starts: without it a long word is tried
# from each of its letters, each try running to the word's end (quadratic: 55 s for 60,000 letters).
EMAIL_PATTERN = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = re.compile(PHONE_PATTERN)
_EMAIL = re.compile(EMAIL_PATTERN)
RAW_HTML_PATTERN = r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--"
MARKDOWN_LINK_PATTERN = r"\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):"
RAW_HTML_WARNING = "HTML в тексте карточки не допускается и будет показан как обычный текст"
LINK_SCHEME_WARNING = "ссылка со схемой «{scheme}:» будет удалена: допускаются только http(s) и относительные ссылки"
# The field the body's problems are reported under (the body is not a front-matter field).
BODY_FIELD = "текст карточки"
_RAW_HTML = re.compile(RAW_HTML_PATTERN)
_MARKDOWN_LINK = re.compile(MARKDOWN_LINK_PATTERN)

Finding = tuple[Path_, str]


def slug_problem(stem: str) -> str | None:
    if stem.lower() in RESERVED_SLUGS:
        return f"имя файла «{stem}.md» зарезервировано для служебных страниц: назовите карточку по её содержанию"
    if SLUG.match(stem) and 3 <= len(stem) <= 80:
        return None
    return (
        f"имя файла «{stem}.md» не подходит: нужны строчные латинские буквы, цифры и дефисы "
        "(3–80 символов), например povedencheskie-audity-na-sklade.md"
    )


def version_problem(data: dict[str, Any]) -> str | None:
    """A card of another schema version: the one thing worth saying about it (its other fields
    are judged by rules it was not written for)."""
    version = data.get("schema_version")
    if version is None or version == 1:
        return OLD_VERSION
    if version != SCHEMA_VERSION or isinstance(version, bool):
        return UNKNOWN_VERSION.format(version=version)
    return None


def data_problems(data: dict[str, Any], today: dt.date) -> Iterator[Finding]:
    """Errors in values that already passed the schema's shape checks."""
    date = data.get("date")
    if isinstance(date, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            yield ("date",), NO_SUCH_DATE.format(date=date)
        else:
            if day > today:
                yield ("date",), FUTURE_DATE.format(date=date)
            elif day.year < EARLIEST_YEAR:
                yield ("date",), EARLY_DATE.format(date=date)

    yield from _partial_date_problems(("introduced",), data.get("introduced"), today)
    for index, source in enumerate(_list(data.get("sources"))):
        if isinstance(source, dict):
            yield from _partial_date_problems(("sources", index, "date"), source.get("date"), today)
    cost = data.get("cost")
    if isinstance(cost, dict) and isinstance(cost.get("year"), int) and not isinstance(cost["year"], bool):
        yield from _partial_date_problems(("cost", "year"), cost["year"], today)

    yield from _place_problems(data)

    activity = (data.get("organization") or {}).get("activity")
    if isinstance(activity, str):
        message = okved.activity_problem(activity)
        if message:
            yield ("organization", "activity"), message

    for key in OPEN_LIST_FIELDS:
        answers = data.get(key)
        if isinstance(answers, list) and len(answers) > 1 and any(is_no_information(item) for item in answers):
            yield (key,), NO_INFORMATION_ALONE

    yield from _metric_problems(_list(data.get("metrics")))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _partial_date_problems(path: Path_, value: Any, today: dt.date) -> Iterator[Finding]:
    try:
        date = parse_partial_date(value)
    except PartialDateError:
        yield path, NO_SUCH_DATE.format(date=value)
        return
    if date is None:
        return  # absent, or the schema has already said what is wrong with its shape
    if date.first_day > today:
        yield path, FUTURE_DATE.format(date=date.text)
    elif date.year < EARLIEST_PARTIAL_YEAR:
        yield path, EARLY_DATE.format(date=date.text)


def _place_problems(data: dict[str, Any]) -> Iterator[Finding]:
    country, region = data.get("country"), data.get("region")
    if isinstance(country, str) and not regions.is_russia(country) and regions.looks_like_russia(country):
        yield ("country",), RUSSIA_SPELLING.format(russia=regions.DEFAULT_COUNTRY)
        return
    if not isinstance(region, str) or not region.strip():
        return
    if not regions.is_russia(country if isinstance(country, str) else None):
        # Foreign practice: the region is the country's own, in free text.
        if regions.canonical_region(region) is not None:
            yield ("region",), FOREIGN_REGION.format(region=region, country=country)
        return
    if regions.canonical_region(region) is None:
        hint = regions.suggest_region(region)
        yield (
            ("region",),
            (
                f"{show_value(region)} — не субъект Российской Федерации"
                + (f"; возможно, «{hint}»" if hint else "")
                + " (пишите полное название, например «Краснодарский край», «город Москва»;"
                " для зарубежного опыта укажите страну в поле country)"
            ),
        )


def _metric_problems(metrics: list[Any]) -> Iterator[Finding]:
    from calculators.indicators import INDICATORS

    for index, metric in enumerate(metrics):
        indicator = metric.get("indicator") if isinstance(metric, dict) else None
        if isinstance(indicator, str) and indicator not in INDICATORS:
            allowed = "; ".join(item.label for item in INDICATORS.values())
            yield (
                ("metrics", index, "indicator"),
                (f"неизвестный показатель «{indicator}»; допустимые: {allowed} — или свой показатель (name)"),
            )


# «МУП», «МУП „…“», «муниципальное унитарное предприятие»: commercial organisations under the
# Civil Code (art. 50), whatever their owner.
MUNICIPAL_ENTERPRISE = re.compile(
    r"(?<![А-Яа-яЁё])МУП(?![А-Яа-яЁё])|муниципальн\w* унитарн\w* предприяти", re.IGNORECASE
)


def data_warnings(data: dict[str, Any]) -> Iterator[Finding]:
    """Values that are allowed but probably wrong."""
    organization = data.get("organization")
    if not isinstance(organization, dict):
        return
    name = organization.get("name")
    if organization.get("sector") == "budget" and isinstance(name, str) and MUNICIPAL_ENTERPRISE.search(name):
        yield (
            ("organization", "sector"),
            "муниципальное унитарное предприятие — коммерческая организация: "
            "проверьте тип организации («Коммерческая организация»)",
        )


def value_problems(data: Any, path: Path_ = (), *, check_characters: bool = True) -> Iterator[Finding]:
    """Errors in any value or key, whatever the field: characters no card may hold (unless
    ``check_characters`` is off: already reported where they stand in the file), text that shows
    nothing, numbers that are not numbers or that JSON in a browser cannot keep exactly."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and check_characters:
                found = characters.forbidden_character(key)
                if found is not None:
                    yield (*path, key), forbidden_message(found)
            yield from value_problems(value, (*path, key), check_characters=check_characters)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from value_problems(value, (*path, index), check_characters=check_characters)
    elif isinstance(data, str):
        found = characters.forbidden_character(data) if check_characters else None
        if found is not None:
            yield path, forbidden_message(found)
        elif not data.isspace() and characters.shows_nothing(data):
            yield path, INVISIBLE_ONLY
    elif isinstance(data, float) and not math.isfinite(data):
        yield path, NOT_FINITE
    elif isinstance(data, int) and not isinstance(data, bool) and abs(data) > MAX_INTEGER:
        yield path, TOO_BIG_INTEGER


def forbidden_message(found: characters.Found) -> str:
    return FORBIDDEN_CHARACTER.format(code=found.code, kind=found.kind)


def file_text_problems(text: str) -> Iterator[tuple[int, str]]:
    """Characters no card may hold anywhere in its file (comments and body included), as
    (1-based line, message): the first one of each line."""
    if characters.forbidden_character(text) is None:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        found = characters.forbidden_character(line)
        if found is not None:
            yield number, forbidden_message(found)


def text_warnings(data: Any, path: Path_ = ()) -> Iterator[Finding]:
    """Warnings for personal data in any front-matter string."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_warnings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_warnings(value, (*path, index))
    elif isinstance(data, str):
        for message in _personal_data(data):
            yield path, message


def body_warnings(body: str) -> Iterator[tuple[int, str]]:
    """Warnings for the Markdown body, as (line offset in the body, message)."""
    # Most bodies have nothing to report: one pass over the whole text settles that.
    if not any(pattern.search(body) for pattern in (_PHONE, _EMAIL, _RAW_HTML, _MARKDOWN_LINK)):
        return
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        for message in _personal_data(line):
            yield offset, message
        if _RAW_HTML.search(line):
            yield offset, RAW_HTML_WARNING
        for scheme in _MARKDOWN_LINK.findall(line):
            if scheme.lower() not in ("http", "https"):
                yield offset, LINK_SCHEME_WARNING.format(scheme=scheme)


def _personal_data(text: str) -> Iterator[str]:
    # The substring tests skip the regular expressions on nearly every text.
    if ("8" in text or "+7" in text) and _PHONE.search(text):
        yield PHONE_WARNING
    if "@" in text and _EMAIL.search(text):
        yield EMAIL_WARNING
