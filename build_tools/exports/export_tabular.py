"""The columns of every export, and the CSV and JSON files built from them.

:func:`columns` is the one definition of what a practice looks like as a row: CSV, XLSX and
JSON are all written from :func:`rows`, so the three never disagree. Headers of the 13 official
questions are the questions word for word; the others are the card schema's Russian titles. JSON
uses the stable English keys of the card file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from build_tools.cards.answers import NO_INFORMATION
from build_tools.cards.loading import Card
from build_tools.cards.schema import OPEN_LIST_FIELDS, card_schema, direction, official_fields
from build_tools.site import card_facts
from build_tools.site.catalogue import sorted_cards
from build_tools.site.render import field_text, labels
from calculators import display

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ru"
# Version 2: the sources column gives each source whole (title, publisher, date, address), one a
# line; the columns of card model v2 were added (country, introduced, co-organisers, results, cost).
JSON_VERSION = 2
LIST_SEPARATOR = "; "
LINE_SEPARATOR = "\n"  # between items that have punctuation of their own (sources, indicators)
YES, NO = "да", "нет"

UrlOf = Callable[[Card], str]
Kind = Literal["text", "date", "url", "number"]


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key; for card fields, the key of the card file
    label: str  # the CSV/XLSX header: the official Russian label
    description: str  # how the value is written (the downloads page documents every column)
    value: Callable[[Card, str], str]  # (card, page URL) → the cell text
    kind: Kind = "text"  # lets XLSX store dates as dates, numbers as numbers and addresses as links
    width: int = 50  # XLSX column width, in characters


@dataclass(frozen=True)
class JsonOnlyField:
    key: str
    label: str
    description: str


def default_url_of(card: Card) -> str:
    """The card page's address relative to the site root (when the site's address is unknown)."""
    return f"practices/{card.id}/"


def url_factory(site_url: str | None, pages_dir: str = "practices") -> UrlOf:
    """``<site_url><pages_dir>/<id>/``; relative to the site root when ``site_url`` is empty."""
    base = (site_url or "").strip()
    if base and not base.endswith("/"):
        base += "/"
    return lambda card: f"{base}{pages_dir}/{card.id}/"


def _title(key: str) -> str:
    return card_schema()["properties"][key]["title"]


def _list_description(key: str) -> str:
    options = "; ".join(labels()[key].values())
    return f"значения через «; »: {options} — или свой вариант ответа"


def _official_description(key: str) -> str:
    if key == "organization":
        sectors = ", ".join(label.lower() for label in labels()["sector"].values())
        return (
            "через «; »: наименование; тип организации (" + sectors + "); код и наименование вида "
            "экономической деятельности по ОКВЭД 2; численность работников, если указана"
        )
    if key == "category":
        return "значения через «; »: " + "; ".join(labels()["category"].values())
    if key in OPEN_LIST_FIELDS:
        return _list_description(key)
    if key == "summary":
        max_length = card_schema()["properties"]["summary"].get("maxLength")
        return f"текст не длиннее {max_length} символов" if max_length else "текст"
    return "текст; абзацы разделены переводом строки"


def _golden_rules(card: Card) -> str:
    return LIST_SEPARATOR.join(f"{n}. {labels()['golden_rule'][n]}" for n in card.golden_rules)


def _plain_number(value: float) -> str:
    """A number for a data cell: no grouping spaces, a decimal comma (as a Russian spreadsheet reads it)."""
    return display.plain(value)


def columns() -> tuple[Column, ...]:
    """Every column in order: the card's identity and dates, the direction, then the 13 official questions."""
    meta = (
        Column(
            "id",
            "Идентификатор",
            "постоянный идентификатор практики: имя файла карточки и часть адреса её страницы",
            lambda card, url: card.id,
            width=36,
        ),
        Column("title", "Название практики", "название практики", lambda card, url: card.title, width=45),
        Column(
            "region",
            "Субъект Российской Федерации",
            "наименование субъекта РФ, как в статье 65 Конституции; у зарубежной практики — регион страны "
            "из карточки или пусто",
            lambda card, url: card.region or "",
            width=28,
        ),
        Column(
            "municipality",
            "Муниципальное образование",
            "муниципальное образование; пусто, если не указано",
            lambda card, url: card.municipality or "",
            width=28,
        ),
        Column(
            "date",
            "Дата представления информации",
            "дата в формате ГГГГ-ММ-ДД",
            lambda card, url: card.data["date"],
            kind="date",
            width=16,
        ),
        Column(
            "quarter",
            "Квартал",
            "отчётный квартал: год и номер квартала, например 2026Q1 — I квартал 2026 г.",
            lambda card, url: card.quarter,
            width=10,
        ),
        Column(
            "url", "Адрес страницы", "адрес страницы практики на сайте", lambda card, url: url, kind="url", width=40
        ),
    )
    classification = (
        Column(
            direction().key,
            direction().label,
            _official_description(direction().key),
            lambda card, url: field_text(card, direction().key),
            width=30,
        ),
    )
    official = tuple(
        Column(
            field.key,
            field.question,
            _official_description(field.key),
            lambda card, url, key=field.key: field_text(card, key),
            width=60,
        )
        for field in official_fields()
    )
    extra = (
        Column(
            "golden_rules",
            _title("golden_rules"),
            "номера и названия «золотых правил» через «; »; пусто, если не указаны",
            lambda card, url: _golden_rules(card),
            width=40,
        ),
        Column(
            "tags",
            _title("tags"),
            "ключевые слова через «; »",
            lambda card, url: LIST_SEPARATOR.join(card.data.get("tags", [])),
            width=30,
        ),
        Column(
            "example",
            _title("example"),
            f"«{YES}», если организация в карточке вымышленная (карточка-пример); «{NO}» — реальная практика",
            lambda card, url: YES if card.is_example else NO,
            width=12,
        ),
        Column(
            "country",
            _title("country"),
            "страна, где внедрена практика: «Россия» или другая страна (зарубежный опыт)",
            lambda card, url: card.country,
            width=14,
        ),
        Column(
            "foreign",
            "Зарубежный опыт",
            f"«{YES}», если практика внедрена не в России (в региональный отчёт она не входит), иначе «{NO}»",
            lambda card, url: YES if card.is_foreign else NO,
            width=12,
        ),
        Column(
            "introduced",
            _title("introduced"),
            "год (ГГГГ), месяц (ГГГГ-ММ) или день (ГГГГ-ММ-ДД) — с той точностью, что в карточке; "
            "пусто, если не указано",
            lambda card, url: card.introduced.text if card.introduced else "",
            width=14,
        ),
        Column(
            "co_organizers",
            _title("co_organizers"),
            "каждая организация с новой строки: наименование — роль; пусто, если не указаны",
            lambda card, url: LINE_SEPARATOR.join(card_facts.co_organizer_text(item) for item in card.co_organizers),
            width=40,
        ),
        Column(
            "sources",
            _title("sources"),
            "каждая публикация с новой строки: заголовок (или «Публикация на сайте …») — издатель, дата — адрес",
            lambda card, url: LINE_SEPARATOR.join(card_facts.source_text(source) for source in card.sources),
            width=60,
        ),
        Column(
            "metrics",
            _title("metrics"),
            "каждый показатель с новой строки: название, единица: значение до (период) → после (период), "
            "изменение (в процентах от значения до); показатели калькуляторов — их названиями",
            lambda card, url: LINE_SEPARATOR.join(card_facts.metric_text(metric) for metric in card.metrics),
            width=60,
        ),
        Column(
            "cost_amount",
            "Затраты на внедрение, руб.",
            "сумма затрат в рублях — число без пробелов, дробная часть после запятой; пусто, если не указана",
            lambda card, url: _plain_number(card.cost.amount) if card.cost else "",
            kind="number",
            width=16,
        ),
        Column(
            "cost_year",
            "Затраты на внедрение: год расходов",
            "год, к которому относятся затраты; пусто, если не указан",
            lambda card, url: str(card.cost.year) if card.cost and card.cost.year is not None else "",
            width=12,
        ),
        Column(
            "cost_note",
            "Затраты на внедрение: на что потрачено",
            "на что потрачены средства; пусто, если не указано",
            lambda card, url: (card.cost.note or "") if card.cost else "",
            width=30,
        ),
        Column(
            "completeness",
            f"Вопросов с ответом (из {len(official_fields())})",
            f"сколько из {len(official_fields())} вопросов структуры карточка отвечает по существу, "
            f"не считая ответов «{NO_INFORMATION}»",
            lambda card, url: str(card.completeness[0]),
            kind="number",
            width=12,
        ),
    )
    return meta + classification + official + extra


# Card fields whose values are codes, numbers or structures: JSON gives them as written in the card
# as well, for programs. The text answers are not repeated: their column value is the text itself.
STRUCTURED_KEYS = (
    "organization",
    "category",
    "source",
    "presentation_format",
    "dissemination",
    "golden_rules",
    "tags",
    "sources",
    "co_organizers",
    "metrics",
    "cost",
    "country",
    "introduced",
    "example",
)


def json_only_fields() -> tuple[JsonOnlyField, ...]:
    """What JSON adds to the columns."""
    return (
        JsonOnlyField(
            "data",
            "Значения для программ",
            "поля карточки с кодами и структурой, как в карточке: организация (name, sector, activity, employees), "
            "коды направлений (category) и перечней (source, presentation_format, dissemination), номера "
            "«золотых правил», ключевые слова, источники (sources: url, title, publisher, date), соорганизаторы, "
            "показатели результата (metrics: indicator или name и unit, before, after, period_before, "
            "period_after), затраты (cost), страна, дата внедрения, признак примера; коды — в JSON Schema карточки",
        ),
        JsonOnlyField("body", "Подробное описание", "текст карточки после фронтматтера (Markdown)"),
    )


def structured_data(card: Card) -> dict[str, Any]:
    return {key: card.data[key] for key in STRUCTURED_KEYS if key in card.data}


def rows(cards: Sequence[Card], url_of: UrlOf = default_url_of) -> list[tuple[Card, list[str]]]:
    """One row per card, one cell per column, in the catalogue's order (newest first, then by title)."""
    cols = columns()
    result = []
    for card in sorted_cards(cards):
        url = url_of(card)
        result.append((card, [column.value(card, url) for column in cols]))
    return result


# -- CSV -------------------------------------------------------------------------------------

# A spreadsheet would run «=…» as a formula: card text is data, so such a value gets a leading
# apostrophe (the usual spreadsheet way of saying "this is text"). U+2212 (the minus the site
# writes) is guarded too: a spreadsheet may take it for a sign. The calculators' CSV download
# (calculator/export.mjs) receives these very characters and the separator with its page data.
FORMULA_STARTS = ("=", "+", "-", "\u2212", "@", "\t", "\r")
# «;»: Russian spreadsheet programs use the comma as the decimal sign and expect «;» between cells.
CSV_SEPARATOR = ";"


def csv_rules() -> dict[str, Any]:
    """The separator and the guard as the browser's CSV download receives them (one definition)."""
    return {"separator": CSV_SEPARATOR, "formula_starts": list(FORMULA_STARTS)}


def _csv_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(cards: Sequence[Card], url_of: UrlOf = default_url_of) -> str:
    """RFC 4180 CSV with «;» between cells, CRLF line ends, the official labels as the header."""
    return csv_text_of_cells(cells for _, cells in rows(cards, url_of))


def csv_text_of_cells(table: Iterable[Sequence[str]]) -> str:
    """``csv_text`` of rows already made (one list of cells per card, in the catalogue's order)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow([column.label for column in columns()])
    for cells in table:
        writer.writerow([_csv_cell(cell) for cell in cells])
    return buffer.getvalue()


def csv_bytes(cards: Sequence[Card], url_of: UrlOf = default_url_of) -> bytes:
    return csv_bytes_of_cells(cells for _, cells in rows(cards, url_of))


def csv_bytes_of_cells(table: Iterable[Sequence[str]]) -> bytes:
    # The byte order mark makes Excel read the file as UTF-8 (otherwise Cyrillic is garbled).
    return csv_text_of_cells(table).encode("utf-8-sig")


# -- JSON ------------------------------------------------------------------------------------


def json_data(cards: Sequence[Card], url_of: UrlOf = default_url_of) -> dict[str, Any]:
    cols = columns()
    return {**_json_head(cols), "practices": [_practice(cols, card, cells) for card, cells in rows(cards, url_of)]}


def _json_head(cols: Sequence[Column]) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "license": {"name": LICENSE_NAME, "url": LICENSE_URL},
        "fields": [{"key": c.key, "label": c.label, "description": c.description} for c in cols]
        + [{"key": f.key, "label": f.label, "description": f.description} for f in json_only_fields()],
    }


def _practice(cols: Sequence[Column], card: Card, cells: Sequence[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {column.key: cell for column, cell in zip(cols, cells, strict=True)}
    entry["data"] = structured_data(card)
    entry["body"] = card.body
    return entry


def _dumps(value: Any) -> bytes:
    # Compact: the file grows with the catalogue (about 7 KB a practice, most of it Cyrillic text).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_bytes(cards: Sequence[Card], url_of: UrlOf = default_url_of) -> bytes:
    return json_bytes_of_entries([json_entry(card, url_of(card)) for card in sorted_cards(cards)])


def json_entry(card: Card, url: str, cols: Sequence[Column] | None = None) -> bytes:
    """One practice of the JSON file, as it is written there. Without separators or indentation,
    ``json.dumps`` writes a list as its items' own texts joined by commas: a file is the
    concatenation of its practices' entries, so an unchanged card's entry can be kept between builds."""
    cols = cols or columns()
    return _dumps(_practice(cols, card, [column.value(card, url) for column in cols]))


def json_bytes_of_entries(entries: Sequence[bytes]) -> bytes:
    """The JSON file of these practices (``json_entry``, in the catalogue's order)."""
    head = _dumps({**_json_head(columns()), "practices": []})
    assert head.endswith(b"[]}")
    return b"".join((head[:-2], b",".join(entries), b"]}"))


def entry_cells(entry: bytes, cols: Sequence[Column] | None = None) -> list[str]:
    """The CSV and XLSX cells of a practice, read back from its JSON entry (the columns are its first keys)."""
    practice = json.loads(entry)
    return [practice[column.key] for column in cols or columns()]


def public_site_url(site_url: str | None) -> str | None:
    """``site_url`` unless it is the local preview's address, which must not end up in a shared file."""
    if not site_url:
        return None
    host = urlsplit(site_url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1", "0.0.0.0") or host.endswith(".localhost"):
        return None
    return site_url
