"""The open-data files of the site and the Markdown that documents them («Открытые данные»).

Every table here is generated from the code that writes the files (the export columns, the
catalogue facets), so the documentation cannot fall behind a new column or facet.
"""

from __future__ import annotations

import io
import json
import math
import posixpath
import shutil
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.cards.loading import Card
from build_tools.content_cache import ContentCache
from build_tools.exports.export_tabular import (
    LICENSE_NAME,
    LICENSE_URL,
    UrlOf,
    columns,
    csv_bytes,
    json_bytes,
    json_only_fields,
)
from build_tools.site.catalogue import FACETS, sorted_cards
from calculators import display

if TYPE_CHECKING:
    from build_tools.exports.export_docx import DocxWriter

# File names inside the site's data folder (next to catalogue.json).
JSON_NAME = "practices.json"
CSV_NAME = "practices.csv"
XLSX_NAME = "practices.xlsx"
DATA_FILE_NAMES = (JSON_NAME, CSV_NAME, XLSX_NAME)  # the order of data_files()
DATA_FILE_DESCRIPTIONS = (
    "все поля всех практик, адреса их страниц",
    "таблица CSV (UTF-8): строка — практика",
    "таблица Excel: строка — практика",
)


@dataclass(frozen=True)
class Download:
    link: str  # the file's address relative to the page's address (an HTML link: the generator
    # does not know the data files, which are written while it renders the pages)
    name: str
    description: str
    size: int | None = None  # bytes, when known


# Fields of the catalogue's compact data file (build_tools.site.catalogue.catalogue_data).
CATALOGUE_JSON_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("version", "число", "версия формата; увеличивается, если меняется смысл полей"),
    ("facets", "список", "фильтры каталога в порядке панели фильтров"),
    ("facets[].id", "строка", "идентификатор фильтра, он же имя параметра в адресе каталога (см. таблицу ниже)"),
    ("facets[].label", "строка", "название фильтра на странице каталога"),
    (
        "facets[].values",
        "список строк",
        "значения фильтра: real (реальные практики) и example (примеры), коды направлений и типов "
        "организаций, буквы разделов ОКВЭД 2, субъекты РФ, страны зарубежного опыта, годы, кварталы "
        "(2026Q1), группы численности (small, large, unknown — не указано), номера «золотых правил»",
    ),
    ("facets[].labels", "список строк", "подписи значений в том же порядке, что values"),
    ("cards", "список", "практики, сначала новые (по дате из cards[].date)"),
    ("cards[].id", "строка", "постоянный идентификатор практики; страница практики — practices/<id>/"),
    ("cards[].title", "строка", "название практики"),
    (
        "cards[].date",
        "строка",
        "дата для сортировки «сначала новые»: когда практика внедрена, иначе дата последней публикации "
        "из источников, иначе дата представления информации; ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД — такие строки "
        "сортируются как даты",
    ),
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
        link = escape(item.link, quote=True)
        lines.append(f'| <a href="{link}">{escape(item.name)}</a> | {item.description} | {size} |')
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
        return f"{display.number(size / 1024, 0)} КБ"
    return f"{display.number(size / 1024 / 1024, 1)} МБ"


@dataclass(frozen=True)
class DataFile:
    name: str  # file name in the site's data folder
    description: str  # for the downloads page
    content: bytes


# No file a reader is offered may be larger than this (the project's limit for a download on a
# municipal connection, issue 17): the data come per year, a year in volumes when it is larger.
DOWNLOAD_LIMIT = 20 * 1024 * 1024
ZIP_NAME = "practices.zip"
MANIFEST_NAME = "downloads.json"  # what the writing process wrote, for the downloads page
_FORMATS = ("json", "csv", "xlsx")


def data_files(cards: Sequence[Card], url_of: UrlOf, *, limit: int = DOWNLOAD_LIMIT) -> Iterator[DataFile]:
    """The catalogue as JSON, CSV and XLSX per year (newest first), each year in as many volumes as
    keep every file within ``limit``; the whole catalogue in one file of a format when it fits; the
    card files themselves as ``practices.zip`` (in volumes when larger than ``limit``)."""
    by_year: dict[int, list[Card]] = {}
    for card in cards:
        by_year.setdefault(card.year, []).append(card)
    year_sizes = dict.fromkeys(_FORMATS, 0)
    for year in sorted(by_year, reverse=True):
        volumes = _volumes(by_year[year], url_of, limit)
        for number, (part, contents) in enumerate(volumes, start=1):
            suffix = f"-{number}" if len(volumes) > 1 else ""
            volume = f", часть {number} из {len(volumes)}" if len(volumes) > 1 else ""
            for extension, content in zip(_FORMATS, contents, strict=True):
                year_sizes[extension] += len(content)
                description = f"практики {year} года{volume} ({len(part)}): {_FORMAT_WORDS[extension]}"
                yield DataFile(f"practices-{year}{suffix}.{extension}", description, content)
    # The whole catalogue in one file only when it fits (its size is about the years' together).
    writers = dict(zip(_FORMATS, _writers(), strict=True))
    for name, description in zip(DATA_FILE_NAMES, DATA_FILE_DESCRIPTIONS, strict=True):
        extension = name.rsplit(".", 1)[1]
        if year_sizes[extension] <= limit:
            content = writers[extension](cards, url_of)
            if len(content) <= limit:
                yield DataFile(name, f"все практики ({len(cards)}): {description}", content)
    yield from _zip_volumes(cards, limit)


_FORMAT_WORDS = {
    "json": "все поля, адреса страниц (JSON)",
    "csv": "таблица CSV (UTF-8)",
    "xlsx": "таблица Excel",
}


def _writers() -> tuple[Callable[[Sequence[Card], UrlOf], bytes], ...]:
    # openpyxl takes a tenth of a second to import: only the process that writes the files pays.
    from build_tools.exports.export_xlsx import xlsx_bytes

    return (json_bytes, csv_bytes, xlsx_bytes)


def _volumes(cards: Sequence[Card], url_of: UrlOf, limit: int) -> list[tuple[Sequence[Card], tuple[bytes, ...]]]:
    """``cards`` in parts whose three files each stay within ``limit``, in the catalogue's order
    (part 1 holds the newest). The JSON, the largest file, says how many parts to try; a part that
    still comes out too large is halved."""
    ordered = sorted_cards(cards)
    whole_json = json_bytes(ordered, url_of)
    # A fifth of room: the cards' lengths vary from part to part.
    parts = min(len(ordered), max(1, math.ceil(len(whole_json) / (limit * 0.8))))
    size = math.ceil(len(ordered) / parts)
    return [
        volume
        for start in range(0, len(ordered), size)
        for volume in _within(ordered[start : start + size], url_of, limit, whole_json if parts == 1 else None)
    ]


def _within(
    cards: Sequence[Card], url_of: UrlOf, limit: int, json_content: bytes | None = None
) -> list[tuple[Sequence[Card], tuple[bytes, ...]]]:
    write_json, write_csv, write_xlsx = _writers()
    contents = (json_content or write_json(cards, url_of), write_csv(cards, url_of), write_xlsx(cards, url_of))
    if len(cards) < 2 or max(len(content) for content in contents) <= limit:
        return [(cards, contents)]
    half = len(cards) // 2
    return _within(cards[:half], url_of, limit) + _within(cards[half:], url_of, limit)


# Bytes of a ZIP entry's header beyond its name (local 30 or central 46, with room for extras),
# and of the archive's end record.
_ZIP_ENTRY = 46 + 32
_ZIP_END = 22


def _zip_volumes(cards: Sequence[Card], limit: int) -> Iterator[DataFile]:
    """The card files as they are in the repository (``practices/<id>.md``), newest first."""
    volumes: list[bytes] = []
    counts: list[int] = []
    buffer, archive, count, directory = io.BytesIO(), None, 0, _ZIP_END
    for card in sorted_cards(cards):
        if card.file is None:  # made in memory (tests): there is no file to pack
            continue
        text, name = card.file.read_bytes(), f"practices/{card.file.name}"
        # The entries so far, their directory (written when the archive closes) and the next card
        # at its largest (stored, a header of its own and its directory entry) stay within the limit.
        entry = _ZIP_ENTRY + len(name.encode())
        if archive is not None and buffer.tell() + directory + len(text) + 2 * entry > limit:
            archive.close()
            volumes.append(buffer.getvalue())
            counts.append(count)
            buffer, archive, count, directory = io.BytesIO(), None, 0, _ZIP_END
        if archive is None:
            archive = zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED)
        archive.writestr(name, text)
        count += 1
        directory += entry
    if archive is not None:
        archive.close()
        volumes.append(buffer.getvalue())
        counts.append(count)
    for number, (content, count) in enumerate(zip(volumes, counts, strict=True), start=1):
        if len(volumes) == 1:
            yield DataFile(ZIP_NAME, f"файлы карточек всех практик ({count}) в архиве ZIP", content)
        else:
            name = ZIP_NAME.replace(".zip", f"-{number}.zip")
            description = f"файлы карточек в архиве ZIP, часть {number} из {len(volumes)} ({count})"
            yield DataFile(name, description, content)


class OpenDataFiles:
    """The data files (JSON, CSV, XLSX) and each card's DOCX, written to ``folder`` under their
    site paths, for the site generator to copy.

    A build writes them once. The live preview keeps them between rebuilds: a card's DOCX is
    written again only when the card or its address changed, and the data files (about a second
    per thousand cards) can be refreshed after the page is shown (``write_data`` from a thread).
    """

    def __init__(self, folder: Path, docx_cache: Path | None = None) -> None:
        """``docx_cache``: a folder that keeps each card's DOCX between builds (``ContentCache``)."""
        self.folder = folder
        self.docx_cache = docx_cache
        self._cards: Sequence[Card] = ()
        self._url_of: UrlOf | None = None
        self._data_folder = ""
        self._docx_uris: Mapping[str, str] = {}
        # The DOCX on disk: card id → (the Card object, its address, its cache key); the card
        # cache hands back the same Card object for an unchanged file.
        self._docx_written: dict[str, tuple[Card, str, str]] = {}
        self._writer: DocxWriter | None = None

    def plan(self, cards: Sequence[Card], url_of: UrlOf, *, data_folder: str, docx_uris: Mapping[str, str]) -> None:
        """The files of the next build; ``docx_uris`` maps a card id to its DOCX's site path."""
        self._cards, self._url_of = cards, url_of
        self._data_folder, self._docx_uris = data_folder, docx_uris

    @property
    def docx_uris(self) -> list[str]:
        return list(self._docx_uris.values())

    def has_data(self) -> bool:
        """Whether the data files of an earlier build are there (the live preview can show them)."""
        return self._manifest_path.is_file()

    @property
    def _manifest_path(self) -> Path:
        return self.folder / self._data_folder / MANIFEST_NAME

    def write_docx(self) -> list[str]:
        """Write the DOCX of new and changed cards; their site paths."""
        assert self._url_of is not None, "plan() first"
        cache = ContentCache(self.docx_cache, ".docx") if self.docx_cache is not None else None
        written, kept = [], {}
        for card in self._cards:
            uri = self._docx_uris.get(card.id)
            if uri is None:
                continue
            url = self._url_of(card)
            earlier = self._docx_written.get(card.id)
            if earlier is not None and earlier[:2] == (card, url) and (self.folder / uri).is_file():
                key = earlier[2]  # the live preview's file from an earlier rebuild
            else:
                key = cache.key(card.id, card.data, card.body, url) if cache is not None else ""
                if cache is None or not cache.copy_to(key, self.folder / uri):
                    content = self._docx_writer().card(card, url_of=self._url_of)
                    _write(self.folder / uri, content)
                    if cache is not None:
                        cache.store(key, content)
                written.append(uri)
            if cache is not None:
                cache.keep(key)
            kept[card.id] = (card, url, key)
        if cache is not None and written:
            cache.forget_unused()
        self._docx_written = kept
        return written

    def _docx_writer(self) -> DocxWriter:
        if self._writer is None:
            from build_tools.exports.export_docx import DocxWriter  # python-docx and lxml: see data_files

            self._writer = DocxWriter()
        return self._writer

    def write_data(self, copy_to: Path | None = None) -> None:
        """Write the JSON, CSV, XLSX and ZIP files, also into ``copy_to`` (a built site) when given.
        Each file is replaced whole: a server never sends half a file. Files of an earlier build
        that this one does not write (a year that has gone) are removed."""
        assert self._url_of is not None, "plan() first"
        listed = []
        for data_file in data_files(self._cards, self._url_of):
            uri = posixpath.join(self._data_folder, data_file.name)
            _write(self.folder / uri, data_file.content)
            listed.append((uri, data_file.description, len(data_file.content)))
        for uri in {entry[0] for entry in self._listed()} - {entry[0] for entry in listed}:
            (self.folder / uri).unlink(missing_ok=True)
        _write(self._manifest_path, json.dumps(listed, ensure_ascii=False).encode())
        if copy_to is not None:
            self.copy_data(copy_to)

    def copy_data(self, site_dir: Path) -> None:
        """Put the data files into the built site (they are not known before they are written),
        with their list (``downloads.json``: the catalogue's «Скачать выбранное» finds the years' CSV)."""
        if self._manifest_path.is_file():
            target = site_dir / self._data_folder / MANIFEST_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._manifest_path, target)
        for uri, _description, _size in self._listed():
            target = site_dir / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.folder / uri, target)

    def _listed(self) -> list[tuple[str, str, int]]:
        if not self._manifest_path.is_file():
            return []
        return [tuple(entry) for entry in json.loads(self._manifest_path.read_text(encoding="utf-8"))]

    def downloads(self) -> list[tuple[str, str, int]]:
        """(site path, description, size) of each data file written so far, in the order written."""
        return self._listed()


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(content)
    partial.replace(path)
