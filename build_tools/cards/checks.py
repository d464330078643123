"""Checks that JSON Schema cannot express: file name, real dates, ОКВЭД classes,
regions, indicator ids, and pre-review warnings (personal data, raw HTML, odd links).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from build_tools.cards import okved, regions
from build_tools.cards.frontmatter import Path_

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Messages and patterns shared with the site's «Предложить практику» form (build_tools/contribution/card_form.py).
NO_SUCH_DATE = "такой даты не существует: {date}"
FUTURE_DATE = "дата {date} ещё не наступила"
EARLY_DATE = "дата {date} слишком ранняя"
EARLIEST_YEAR = 1990
UNKNOWN_OKVED_CLASS = "класса {code} нет в ОКВЭД 2: проверьте код"
PHONE_WARNING = "похоже на номер телефона: персональные данные в открытом каталоге не публикуются"
EMAIL_WARNING = "похоже на адрес электронной почты: персональные данные в открытом каталоге не публикуются"
PHONE_PATTERN = r"(?<!\d)(?:\+7|8)[\s(‐-]*\d{3}[\s)‐-]*\d{3}[\s‐-]*\d{2}[\s‐-]*\d{2}(?!\d)"
EMAIL_PATTERN = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = re.compile(PHONE_PATTERN)
_EMAIL = re.compile(EMAIL_PATTERN)
_RAW_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):")

Finding = tuple[Path_, str]


def slug_problem(stem: str) -> str | None:
    if SLUG.match(stem) and 3 <= len(stem) <= 80:
        return None
    return (
        f"имя файла «{stem}.md» не подходит: нужны строчные латинские буквы, цифры и дефисы "
        "(3–80 символов), например povedencheskie-audity-na-sklade.md"
    )


def data_problems(data: dict[str, Any], today: dt.date) -> Iterator[Finding]:
    """Errors in values that already passed the schema's shape checks."""
    date = data.get("date")
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            yield ("date",), NO_SUCH_DATE.format(date=date)
        else:
            if day > today:
                yield ("date",), FUTURE_DATE.format(date=date)
            elif day.year < EARLIEST_YEAR:
                yield ("date",), EARLY_DATE.format(date=date)

    region = data.get("region")
    if isinstance(region, str) and region.strip() and regions.canonical_region(region) is None:
        hint = regions.suggest_region(region)
        yield (
            ("region",),
            (
                f"«{region}» — не субъект Российской Федерации"
                + (f"; возможно, «{hint}»" if hint else "")
                + " (пишите полное название, например «Краснодарский край», «город Москва»)"
            ),
        )

    activity = (data.get("organization") or {}).get("activity")
    if isinstance(activity, str):
        code, _ = okved.split_activity(activity)
        if re.match(r"^\d{2}", code) and okved.section_of(code) is None:
            yield ("organization", "activity"), UNKNOWN_OKVED_CLASS.format(code=code[:2])

    metrics = data.get("metrics")
    if isinstance(metrics, list):
        yield from _metric_problems(metrics)


def _metric_problems(metrics: list[Any]) -> Iterator[Finding]:
    from calculators.indicators import INDICATORS

    for index, metric in enumerate(metrics):
        indicator = metric.get("indicator") if isinstance(metric, dict) else None
        if isinstance(indicator, str) and indicator not in INDICATORS:
            allowed = "; ".join(f"{key} — {item.label}" for key, item in INDICATORS.items())
            yield (
                ("metrics", index, "indicator"),
                (f"неизвестный показатель «{indicator}»; допустимые: {allowed}"),
            )


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
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        for message in _personal_data(line):
            yield offset, message
        if _RAW_HTML.search(line):
            yield offset, "HTML в тексте карточки не допускается и будет показан как обычный текст"
        for scheme in _MARKDOWN_LINK.findall(line):
            if scheme.lower() not in ("http", "https"):
                yield (
                    offset,
                    (f"ссылка со схемой «{scheme}:» будет удалена: допускаются только http(s) и относительные ссылки"),
                )


def _personal_data(text: str) -> Iterator[str]:
    # The substring tests skip the regular expressions on nearly every text (the e-mail one
    # backtracks over each word of a long Cyrillic text).
    if ("8" in text or "+7" in text) and _PHONE.search(text):
        yield PHONE_WARNING
    if "@" in text and _EMAIL.search(text):
        yield EMAIL_WARNING
