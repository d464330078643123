"""The open-data files of the site and the Markdown that documents them («Открытые данные»).

Every table here is generated from the code that writes the files (the export columns, the
catalogue facets), so the documentation cannot fall behind a new column or facet.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.cards import Card
from build_tools.catalogue import FACETS
from build_tools.export_docx import DocxWriter
from build_tools.export_tabular import (
    LICENSE_NAME,
    LICENSE_URL,
    UrlOf,
    columns,
    csv_bytes,
    json_bytes,
    json_only_fields,
)
from build_tools.export_xlsx import xlsx_bytes

# File names inside the site's data folder (next to catalogue.json).
JSON_NAME = "practices.json"
CSV_NAME = "practices.csv"
XLSX_NAME = "practices.xlsx"
DATA_FILE_NAMES = (JSON_NAME, CSV_NAME, XLSX_NAME)  # the order of data_files()


@dataclass(frozen=True)
class Download:
    link: str  # Markdown link target, relative to the page that lists it
    name: str
    description: str
    size: int | None = None  # bytes, when known


# Fields of the catalogue's compact data file (build_tools.catalogue.catalogue_data).
CATALOGUE_JSON_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("version", "число", "версия формата; увеличивается, если меняется смысл полей"),
    ("facets", "список", "фильтры каталога в порядке панели фильтров"),
    ("facets[].id", "строка", "идентификатор фильтра, он же имя параметра в адресе каталога (см. таблицу ниже)"),
    ("facets[].label", "строка", "название фильтра на странице каталога"),
    (
        "facets[].values",
        "список строк",
        "значения фильтра: коды направлений и типов организаций, буквы разделов ОКВЭД 2, субъекты РФ, "
        "годы, кварталы (2026Q1), группы численности (small, large), номера «золотых правил»",
    ),
    ("facets[].labels", "список строк", "подписи значений в том же порядке, что values"),
    ("cards", "список", "практики, сначала новые"),
    ("cards[].id", "строка", "постоянный идентификатор практики; страница практики — practices/<id>/"),
    ("cards[].title", "строка", "название практики"),
    ("cards[].date", "строка", "дата представления информации, ГГГГ-ММ-ДД"),
    (
        "cards[].f",
        "список списков чисел",
        "для каждого фильтра (в порядке facets) — номера значений в facets[].values, к которым относится "
        "практика; пустой список — значение не указано",
    ),
)

JSON_TOP_LEVEL: tuple[tuple[str, str, str], ...] = (
    ("version", "число", "версия формата; увеличивается, если меняется смысл полей"),
    ("license", "объект", f"лицензия данных: name — «{LICENSE_NAME}», url — {LICENSE_URL}"),
    ("fields", "список", "описание полей практики: key, label (заголовок столбца), description"),
    ("practices", "список", "практики, сначала новые; поля каждой — в таблице выше"),
)


def downloads_markdown(downloads: Sequence[Download]) -> str:
    lines = ["| Файл | Что в нём | Размер |", "| :--- | :--- | ---: |"]
    for item in downloads:
        size = _size(item.size) if item.size is not None else ""
        lines.append(f"| [{item.name}]({item.link}) | {item.description} | {size} |")
    return "\n".join(lines) + "\n"


def export_fields_markdown() -> str:
    """Every column of CSV and XLSX (the same as the keys of a practice in JSON), then JSON-only fields."""
    lines = [
        "| Столбец | Заголовок в CSV и XLSX | Ключ в JSON | Как записано значение |",
        "| ---: | :--- | :--- | :--- |",
    ]
    for number, column in enumerate(columns(), start=1):
        lines.append(f"| {number} | {column.label} | `{column.key}` | {column.description} |")
    for field in json_only_fields():
        lines.append(f"| — | только в JSON: {field.label.lower()} | `{field.key}` | {field.description} |")
    return "\n".join(lines) + "\n"


def catalogue_json_markdown() -> str:
    lines = ["| Поле | Тип | Значение |", "| :--- | :--- | :--- |"]
    lines += [f"| `{key}` | {kind} | {meaning} |" for key, kind, meaning in CATALOGUE_JSON_FIELDS]
    lines += ["", "| Фильтр (`facets[].id`) | Название |", "| :--- | :--- |"]
    lines += [f"| `{facet.id}` | {facet.label} |" for facet in FACETS]
    return "\n".join(lines) + "\n"


def json_top_level_markdown() -> str:
    lines = ["| Поле | Тип | Значение |", "| :--- | :--- | :--- |"]
    lines += [f"| `{key}` | {kind} | {meaning} |" for key, kind, meaning in JSON_TOP_LEVEL]
    return "\n".join(lines) + "\n"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} Б"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} КБ"
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",")


@dataclass(frozen=True)
class DataFile:
    name: str  # file name in the site's data folder
    description: str  # for the downloads page
    content: bytes


def data_files(cards: Sequence[Card], url_of: UrlOf) -> list[DataFile]:
    """The whole catalogue as JSON, CSV and XLSX."""
    return [
        DataFile(JSON_NAME, "все поля всех практик, адреса их страниц", json_bytes(cards, url_of)),
        DataFile(CSV_NAME, "таблица CSV (UTF-8): строка — практика", csv_bytes(cards, url_of)),
        DataFile(XLSX_NAME, "таблица Excel: строка — практика", xlsx_bytes(cards, url_of)),
    ]


def write_files(
    cards: Sequence[Card],
    url_of: UrlOf,
    target: Path,
    *,
    data_folder: str,
    docx_uris: Mapping[str, str],
) -> list[tuple[str, str, int]]:
    """Write the data files to ``target/<data_folder>/`` and each card's DOCX to
    ``target/<docx_uris[card id]>``; return (site path, description, size) of the data files."""
    written = []
    for data_file in data_files(cards, url_of):
        uri = posixpath.join(data_folder, data_file.name)
        _write(target / uri, data_file.content)
        written.append((uri, data_file.description, len(data_file.content)))
    if docx_uris:
        writer = DocxWriter()
        for card in cards:
            _write(target / docx_uris[card.id], writer.card(card, url_of=url_of))
    return written


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
