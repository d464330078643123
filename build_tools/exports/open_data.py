"""The open-data files of the site and the Markdown that documents them («Открытые данные»).

Every table here is generated from the code that writes the files (the export columns, the
catalogue facets), so the documentation cannot fall behind a new column or facet.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import posixpath
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from build_tools.cards.loading import Card
from build_tools.content_cache import ContentCache, FileCache, content_key
from build_tools.exports.export_tabular import (
    LICENSE_NAME,
    LICENSE_URL,
    UrlOf,
    columns,
    csv_bytes_of_cells,
    entry_cells,
    json_bytes_of_entries,
    json_entry,
    json_only_fields,
)
from build_tools.output_file import place_file
from build_tools.site.catalogue import FACETS, sorted_cards
from calculators import display

if TYPE_CHECKING:
    from types import ModuleType

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


def downloads_html(downloads: Sequence[Download]) -> str:
    """The table of downloads as the site's Markdown makes a table (it is put into the page after
    conversion: the files are written while the pages are)."""
    import markdown  # here: the open-data process imports this module and never needs it

    lines = ["| Файл | Что в нём | Размер |", "| :--- | :--- | ---: |"]
    for item in downloads:
        size = _size(item.size) if item.size is not None else ""
        link = escape(item.link, quote=True)
        lines.append(f'| <a href="{link}">{escape(item.name)}</a> | {escape(item.description, quote=False)} | {size} |')
    return markdown.markdown("\n".join(lines), extensions=["tables"])


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
    card files themselves as ``practices.zip`` (in volumes when larger than ``limit``).

    A build makes the same files part by part (``OpenDataFiles``), from what its cache lacks."""
    ordered = sorted_cards(cards)
    cols = columns()
    entries = [json_entry(card, url_of(card), cols) for card in ordered]
    by_year: dict[int, list[bytes]] = {}
    for card, entry in zip(ordered, entries, strict=True):
        by_year.setdefault(card.year, []).append(entry)
    year_sizes = dict.fromkeys(_FORMATS, 0)
    for year in sorted(by_year, reverse=True):
        for data_file in year_files(year, _InMemory(by_year[year]), limit):
            year_sizes[_extension(data_file.name)] += len(data_file.content)
            yield data_file
    yield from whole_files(_InMemory(entries), len(entries), year_sizes, limit)
    yield from named(zip_volumes([card.file for card in ordered if card.file is not None], limit), zip_names)


_FORMAT_WORDS = {
    "json": "все поля, адреса страниц (JSON)",
    "csv": "таблица CSV (UTF-8)",
    "xlsx": "таблица Excel",
}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[1]


class Entries(Protocol):
    """A year's practices (``json_entry``, in the catalogue's order), read a volume at a time."""

    def sizes(self) -> list[int]: ...

    def load(self, start: int, stop: int) -> list[bytes]: ...


class _InMemory:
    def __init__(self, entries: list[bytes]) -> None:
        self._entries = entries

    def sizes(self) -> list[int]:
        return [len(entry) for entry in self._entries]

    def load(self, start: int, stop: int) -> list[bytes]:
        return self._entries[start:stop]


Volume = tuple[int, tuple[bytes, ...]]  # the number of practices in a volume, its files' contents
# (number, volumes, practices in it) → the name and description of each file of a volume
Namer = Callable[[int, int, int], list[tuple[str, str]]]


def named(volumes: Iterable[Volume], names: Namer) -> Iterator[DataFile]:
    """The files of ``volumes``, every volume held until their number is known (``FileSets``
    writes them one at a time instead)."""
    made = list(volumes)
    for number, (count, contents) in enumerate(made, start=1):
        for (name, description), content in zip(names(number, len(made), count), contents, strict=True):
            yield DataFile(name, description, content)


def year_names(year: int) -> Namer:
    def names(number: int, volumes: int, count: int) -> list[tuple[str, str]]:
        suffix = f"-{number}" if volumes > 1 else ""
        volume = f", часть {number} из {volumes}" if volumes > 1 else ""
        return [
            (
                f"practices-{year}{suffix}.{extension}",
                f"практики {year} года{volume} ({count}): {_FORMAT_WORDS[extension]}",
            )
            for extension in _FORMATS
        ]

    return names


def zip_names(number: int, volumes: int, count: int) -> list[tuple[str, str]]:
    if volumes == 1:
        return [(ZIP_NAME, f"файлы карточек всех практик ({count}) в архиве ZIP")]
    name = ZIP_NAME.replace(".zip", f"-{number}.zip")
    return [(name, f"файлы карточек в архиве ZIP, часть {number} из {volumes} ({count})")]


def year_files(year: int, entries: Entries, limit: int) -> Iterator[DataFile]:
    """A year's practices as JSON, CSV and XLSX, in volumes."""
    return named(year_volumes(entries, limit), year_names(year))


def whole_files(entries: Entries, count: int, year_sizes: Mapping[str, int], limit: int) -> Iterator[DataFile]:
    """The whole catalogue in one file of a format, only when it fits: its size is about the years'
    together (``year_sizes``; an XLSX written row by row comes out larger: ``expected_size``), so
    ``entries`` are read only then. The JSON is held whole (it fits); the rows of CSV and XLSX are
    made as they are written, from entries read a few at a time (XLSX's are held up to
    ``export_xlsx.IN_MEMORY_ROWS``)."""
    export_xlsx = _export_xlsx()
    writers: dict[str, Callable[[], bytes]] = {
        "json": lambda: json_bytes_of_entries(entries.load(0, count)),
        "csv": lambda: csv_bytes_of_cells(_cells(entries, count)),
        "xlsx": lambda: export_xlsx.xlsx_bytes_of_cells(_cells(entries, count), count),
    }
    expected = {**year_sizes, "xlsx": export_xlsx.expected_size(count, year_sizes["xlsx"])}
    for name, description in zip(DATA_FILE_NAMES, DATA_FILE_DESCRIPTIONS, strict=True):
        if expected[_extension(name)] <= limit:
            content = writers[_extension(name)]()
            if len(content) <= limit:
                yield DataFile(name, f"все практики ({count}): {description}", content)


_READ_AT_ONCE = 500  # entries read from the cache at a time


def _cells(entries: Entries, count: int) -> Iterator[list[str]]:
    cols = columns()
    for start in range(0, count, _READ_AT_ONCE):
        for entry in entries.load(start, start + _READ_AT_ONCE):
            yield entry_cells(entry, cols)


def _export_xlsx() -> ModuleType:
    # Imported only by the process that writes the files.
    from build_tools.exports import export_xlsx

    return export_xlsx


def year_volumes(entries: Entries, limit: int) -> Iterator[Volume]:
    """``entries`` in parts whose three files each stay within ``limit``, in the catalogue's order
    (part 1 holds the newest), one at a time. The JSON, the largest file, says how many parts to
    try (its size is its entries' and their commas'); a part that still comes out too large is halved."""
    sizes = entries.sizes()
    json_size = len(json_bytes_of_entries([])) + sum(sizes) + max(len(sizes) - 1, 0)
    # A fifth of room: the cards' lengths vary from part to part.
    parts = min(len(sizes), max(1, math.ceil(json_size / (limit * 0.8))))
    size = math.ceil(len(sizes) / parts)
    for start in range(0, len(sizes), size):
        yield from _within(entries.load(start, start + size), limit)


def _within(entries: Sequence[bytes], limit: int) -> Iterator[Volume]:
    cols = columns()
    table = [entry_cells(entry, cols) for entry in entries]
    xlsx = _export_xlsx().xlsx_bytes_of_cells(table, len(table))
    contents = (json_bytes_of_entries(entries), csv_bytes_of_cells(table), xlsx)
    if len(entries) < 2 or max(len(content) for content in contents) <= limit:
        yield len(entries), contents
        return
    del contents, table
    half = len(entries) // 2
    yield from _within(entries[:half], limit)
    yield from _within(entries[half:], limit)


# Bytes of a ZIP entry's header beyond its name (local 30 or central 46, with room for extras),
# and of the archive's end record.
_ZIP_ENTRY = 46 + 32
_ZIP_END = 22


def zip_volumes(files: Sequence[Path], limit: int) -> Iterator[Volume]:
    """The card files as they are in the repository (``practices/<id>.md``), in the given order
    (the catalogue's: newest first), in archives within ``limit``; read one at a time, an archive
    held while it is written."""
    buffer, archive, count, directory = io.BytesIO(), None, 0, _ZIP_END
    for file in files:
        text, name = file.read_bytes(), f"practices/{file.name}"
        # The entries so far, their directory (written when the archive closes) and the next card
        # at its largest (stored, a header of its own and its directory entry) stay within the limit.
        entry = _ZIP_ENTRY + len(name.encode())
        if archive is not None and buffer.tell() + directory + len(text) + 2 * entry > limit:
            archive.close()
            yield count, (buffer.getvalue(),)
            buffer, archive, count, directory = io.BytesIO(), None, 0, _ZIP_END
        if archive is None:
            archive = zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED)
        archive.writestr(name, text)
        count += 1
        directory += entry
    if archive is not None:
        archive.close()
        yield count, (buffer.getvalue(),)


# -- the files of a build, from what the cache lacks ---------------------------------------------
#
# Every output is kept in ``<project>/.cache/practices`` under a key of what it is made of (and of
# the code's version, ``ContentCache.key``): a card's DOCX and its JSON entry by the card (id, data,
# body, page address); a year's files by its cards' keys; the whole-catalogue files by every card's
# key; the ZIP by the card files' bytes. Planning (in the build's process: no openpyxl or
# python-docx) finds the keys the cache lacks and makes jobs of only that: the cards whose DOCX or
# entry is missing (500 to a job), each year whose files are missing, the whole catalogue's and the
# ZIP's files when missing; a build has them done by a child process. A build whose keys are all in
# the cache links the files from it and starts no process.


@dataclass(frozen=True)
class CardWork:
    """A card whose DOCX or JSON entry the cache lacks."""

    card: Card
    url: str
    key: str
    docx: bool
    entry: bool


@dataclass(frozen=True)
class CardsJob:
    cards: list[CardWork]


# Cards per job: the child process holds one job's cards at a time (a parsed card takes tens of KB).
CARDS_PER_JOB = 500


@dataclass(frozen=True)
class YearJob:
    year: int
    keys: list[str]  # the year's cards' keys in the catalogue's order
    files_key: str  # the year's files are to be written under this key


@dataclass(frozen=True)
class WholeJob:
    keys: list[str]  # every card's key in the catalogue's order
    year_keys: list[str]  # the years' files: their sizes say whether the whole catalogue fits
    files_key: str


@dataclass(frozen=True)
class ZipJob:
    files: list[Path]
    files_key: str


Job = CardsJob | YearJob | WholeJob | ZipJob
# Does the data part of the jobs (not the DOCX) for a cache, elsewhere (open_data_process).
DataJobRunner = Callable[[list[Job], "OpenDataCache"], None]


class FileSets:
    """Sets of data files kept between builds, a folder per key holding the files and their list."""

    _LIST = "files.json"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def listed(self, key: str) -> list[tuple[str, str, int]] | None:
        """(name, description, size) of each file of the set, in order; None when not kept."""
        try:
            text = (self.folder / key / self._LIST).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        self._used.add(key)
        return [(name, description, size) for name, description, size in json.loads(text)]

    def path(self, key: str, name: str) -> Path:
        return self.folder / key / name

    @staticmethod
    def key_of(*material: object) -> str:
        return content_key(*material)

    def keep(self, key: str) -> None:
        """A set in use (one being made now, by another process)."""
        self._used.add(key)

    def store(self, key: str, files: Iterable[DataFile]) -> None:
        def write(folder: Path) -> list[tuple[str, str, int]]:
            listed = []
            for data_file in files:
                (folder / data_file.name).write_bytes(data_file.content)
                listed.append((data_file.name, data_file.description, len(data_file.content)))
            return listed

        self._store(key, write)

    def store_volumes(self, key: str, volumes: Iterable[Volume], names: Namer) -> None:
        """Volumes written as they are made, under names given once their number is known: a
        year or the archive is never held whole."""

        def write(folder: Path) -> list[tuple[str, str, int]]:
            made: list[tuple[int, list[int]]] = []
            for number, (count, contents) in enumerate(volumes, start=1):
                for part, content in enumerate(contents):
                    (folder / f".{number}.{part}").write_bytes(content)
                made.append((count, [len(content) for content in contents]))
                del contents  # not held while the next volume is made
            listed = []
            for number, (count, sizes) in enumerate(made, start=1):
                for part, ((name, description), size) in enumerate(
                    zip(names(number, len(made), count), sizes, strict=True)
                ):
                    (folder / f".{number}.{part}").rename(folder / name)
                    listed.append((name, description, size))
            return listed

        self._store(key, write)

    def _store(self, key: str, write: Callable[[Path], list[tuple[str, str, int]]]) -> None:
        # Written aside and renamed: a set is there whole or not at all (two builds may store it).
        partial = self.folder / f".{key}.{os.getpid()}.part"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        listed = write(partial)
        (partial / self._LIST).write_text(json.dumps(listed, ensure_ascii=False), encoding="utf-8")
        try:
            partial.rename(self.folder / key)
        except OSError:  # another build stored the same set meanwhile
            shutil.rmtree(partial, ignore_errors=True)
        self._used.add(key)

    def forget_unused(self) -> None:
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name not in self._used and not entry.name.startswith("."):
                shutil.rmtree(entry.path, ignore_errors=True)


class OpenDataCache:
    """Where a build's open-data outputs are kept (``<project>/.cache/practices``), and which of
    them this build uses (the others are removed at its end)."""

    def __init__(self, folder: Path, limit: int = DOWNLOAD_LIMIT) -> None:
        self.folder = folder
        self.limit = limit
        self.docx = FileCache(folder / "docx", ".docx")  # hard-linked into the site
        self.entries = ContentCache(folder / "open-data" / "entries.sqlite")
        self.sets = FileSets(folder / "open-data" / "files")

    def forget_unused(self) -> None:
        self.docx.forget_unused()
        self.entries.forget_unused()
        self.sets.forget_unused()


def run_jobs(jobs: Iterable[Job], cache: OpenDataCache, *, docx: bool = True, data: bool = True) -> None:
    """Do ``jobs`` (their DOCX, their data files or both), storing what they make in ``cache``.
    The cards come first (the files are made of their entries), then the years: the whole
    catalogue's job reads their sizes."""
    writers = _Writers()
    for job in jobs:
        _run(job, cache, writers, docx=docx, data=data)
        del job  # the next job (its cards) is loaded while this one would still be held


class _Writers:
    def __init__(self) -> None:
        self.columns = columns()
        self._docx: DocxWriter | None = None

    def docx(self) -> DocxWriter:
        if self._docx is None:
            # python-docx and lxml: imported only by the process that writes a DOCX
            from build_tools.exports.export_docx import DocxWriter

            self._docx = DocxWriter()
        return self._docx


def _run(job: Job, cache: OpenDataCache, writers: _Writers, *, docx: bool, data: bool) -> None:
    if isinstance(job, CardsJob):
        for work in job.cards:
            if docx and work.docx:
                content = writers.docx().card(work.card, url_of=lambda _card, url=work.url: url)
                cache.docx.store(work.key, content)
            if data and work.entry:
                cache.entries.store(work.key, json_entry(work.card, work.url, writers.columns))
    elif data and isinstance(job, YearJob):
        volumes = year_volumes(_Kept(cache, job.keys), cache.limit)
        cache.sets.store_volumes(job.files_key, volumes, year_names(job.year))
    elif data and isinstance(job, WholeJob):
        sizes = dict.fromkeys(_FORMATS, 0)
        for key in job.year_keys:
            for name, _description, size in cache.sets.listed(key) or ():
                sizes[_extension(name)] += size
        made = whole_files(_Kept(cache, job.keys), len(job.keys), sizes, cache.limit)
        cache.sets.store(job.files_key, made)
    elif data and isinstance(job, ZipJob):
        cache.sets.store_volumes(job.files_key, zip_volumes(job.files, cache.limit), zip_names)


class _Kept:
    """Practices' entries kept in the cache (``Entries``)."""

    def __init__(self, cache: OpenDataCache, keys: list[str]) -> None:
        self._cache = cache
        self._keys = keys

    def sizes(self) -> list[int]:
        sizes = self._cache.entries.sizes(self._keys)
        return _all_kept([sizes.get(key) for key in self._keys])

    def load(self, start: int, stop: int) -> list[bytes]:
        keys = self._keys[start:stop]
        entries = self._cache.entries.read_many(keys)
        return _all_kept([entries.get(key) for key in keys])


T = TypeVar("T")


def _all_kept(found: list[T | None]) -> list[T]:
    """What the cache gave for each key: the build stored every entry before it asked."""
    missing = found.count(None)
    if missing:
        raise RuntimeError(f"no JSON entry kept for {missing} practices")
    return [value for value in found if value is not None]


@dataclass(frozen=True)
class _Plan:
    """What a build's open-data files are made of, and which of them the cache lacks."""

    cache: OpenDataCache
    docx: dict[str, tuple[str, str]]  # card id → (its DOCX's site path, its key)
    sets: list[str]  # the keys of the data files' sets, in the downloads page's order
    jobs: list[Job]


class OpenDataFiles:
    """The data files (JSON, CSV, XLSX, ZIP), put in ``folder`` under their site paths for the
    site generator, and each card's DOCX, put into the site from the cache (``docx_files``).

    ``plan`` finds what the cache lacks (``pending``); that is made (``run_jobs``, in another
    process in a build) and the data files are put in place from the cache: ``write_data`` does
    both in this process, ``place`` only the second; ``write_docx`` makes the missing DOCX. The
    live preview keeps the folder between rebuilds: only what changed is put there again, and the
    data files can be refreshed after the page is shown (``write_data`` from a thread).
    """

    def __init__(self, folder: Path, cache: Path, *, limit: int = DOWNLOAD_LIMIT) -> None:
        """``cache``: the folder that keeps the outputs between builds (``OpenDataCache``)."""
        self.folder = folder
        self.cache_folder = cache
        self._limit = limit
        self._data_folder = ""
        self._plan: _Plan | None = None
        # A card's key, kept while the card cache hands back the same Card object (an unchanged file).
        self._keys: dict[str, tuple[Card, str, str]] = {}
        self._placed: dict[str, str] = {}  # site path → the key of what was put there
        # A card file's sha256 (the archive's key), kept while its time and size are unchanged: the
        # live preview read every card file again after each edit (0.15 s at 10,000 cards).
        self._digests: dict[Path, tuple[tuple[int, int], str]] = {}

    def plan(self, cards: Sequence[Card], url_of: UrlOf, *, data_folder: str, docx_uris: Mapping[str, str]) -> None:
        """The files of the next build; ``docx_uris`` maps a card id to its DOCX's site path."""
        self._data_folder = data_folder
        cache = OpenDataCache(self.cache_folder, self._limit)
        ordered = sorted_cards(cards)
        keys, urls = [], []
        known = {}
        for card in ordered:
            url = url_of(card)
            earlier = self._keys.get(card.id)
            key = earlier[2] if earlier is not None and earlier[0] is card and earlier[1] == url else None
            key = key or cache.docx.key(card.digest, url)
            known[card.id] = (card, url, key)
            keys.append(key)
            urls.append(url)
        self._keys = known
        for key in keys:
            cache.entries.keep(key)  # kept for the next change, read only when a set is made
        by_year: dict[int, list[int]] = {}
        for number, card in enumerate(ordered):
            by_year.setdefault(card.year, []).append(number)
        years = sorted(by_year, reverse=True)
        limit = self._limit
        year_keys = {year: cache.sets.key_of("year", year, [keys[i] for i in by_year[year]], limit) for year in years}
        whole_key = cache.sets.key_of("whole", keys, limit)
        files = [card.file for card in ordered if card.file is not None]  # made in memory (tests): none
        kept, self._digests = self._digests, {}  # only this build's files are kept
        digests = [(file.name, self._file_digest(file, kept)) for file in files]
        zip_key = cache.sets.key_of("zip", digests, limit)
        whole_missing = cache.sets.listed(whole_key) is None
        missing = {year for year in years if cache.sets.listed(year_keys[year]) is None}
        # Asked of the caches in one go: one query a key took most of a one-card build's planning.
        have_docx = cache.docx.kept([key for card, key in zip(ordered, keys, strict=True) if card.id in docx_uris])
        entries_wanted = keys if whole_missing else [keys[i] for year in missing for i in by_year[year]]
        have_entry = cache.entries.kept(entries_wanted)
        work, year_jobs = [], []
        for year in years:
            files_missing = year in missing
            for number in by_year[year]:
                card, key = ordered[number], keys[number]
                wants_docx = card.id in docx_uris and key not in have_docx
                wants_entry = (files_missing or whole_missing) and key not in have_entry
                if wants_docx or wants_entry:
                    work.append(CardWork(card, urls[number], key, wants_docx, wants_entry))
            if files_missing:
                year_jobs.append(YearJob(year, [keys[i] for i in by_year[year]], year_keys[year]))
        step = CARDS_PER_JOB
        jobs: list[Job] = [CardsJob(work[start : start + step]) for start in range(0, len(work), step)]
        jobs += year_jobs
        if whole_missing:
            jobs.append(WholeJob(keys, [year_keys[year] for year in years], whole_key))
        if cache.sets.listed(zip_key) is None:
            jobs.append(ZipJob(files, zip_key))
        docx = {card.id: (docx_uris[card.id], keys[i]) for i, card in enumerate(ordered) if card.id in docx_uris}
        sets = [*(year_keys[year] for year in years), whole_key, zip_key]
        for files_key in sets:
            cache.sets.keep(files_key)
        self._plan = _Plan(cache, docx, sets, jobs)

    def _file_digest(self, file: Path, earlier: Mapping[Path, tuple[tuple[int, int], str]]) -> str:
        stat = file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = earlier.get(file)
        if known is None or known[0] != stamp:
            known = (stamp, hashlib.sha256(file.read_bytes()).hexdigest())
        self._digests[file] = known
        return known[1]

    def docx_files(self) -> dict[str, Path]:
        """Each card's DOCX: its site path → its file in the cache, put into the site as it is
        (a hard link: no copy, no file in between). A file the cache lacks is there once its job
        is done (``pending``)."""
        assert self._plan is not None, "plan() first"
        docx = self._plan.cache.docx
        for _uri, key in self._plan.docx.values():
            docx.keep(key)
        return {uri: docx.path(key) for uri, key in self._plan.docx.values()}

    @property
    def cache(self) -> OpenDataCache:
        assert self._plan is not None, "plan() first"
        return self._plan.cache

    def pending(self) -> list[Job]:
        """What the cache lacks for the planned files (nothing: they are all put in from the cache)."""
        assert self._plan is not None, "plan() first"
        return self._plan.jobs

    def has_data(self) -> bool:
        """Whether the data files of an earlier build are there (the live preview can show them)."""
        return self._manifest_path.is_file()

    @property
    def _manifest_path(self) -> Path:
        return self.folder / self._data_folder / MANIFEST_NAME

    def write_docx(self) -> None:
        """Write the DOCX the cache lacks (``docx_files``)."""
        plan = self._plan
        assert plan is not None, "plan() first"
        if any(isinstance(job, CardsJob) and any(work.docx for work in job.cards) for job in plan.jobs):
            run_jobs(plan.jobs, plan.cache, data=False)
            plan.cache.docx.forget_unused()  # an edited card's earlier DOCX

    def write_data(self, copy_to: Path | None = None, *, run: DataJobRunner | None = None) -> None:
        """Write the JSON, CSV, XLSX and ZIP files the cache lacks and put them in place, also
        into ``copy_to`` (a built site) when given. ``run`` does the jobs (in this process when
        not given)."""
        plan = self._plan
        assert plan is not None, "plan() first"
        if run is not None:
            run(plan.jobs, plan.cache)
        else:
            run_jobs(plan.jobs, plan.cache, docx=False)
        self._place_data(plan)
        plan.cache.forget_unused()
        if copy_to is not None:
            self.copy_data(copy_to)

    def place(self) -> None:
        """Put the data files in place, once their jobs are done (by another process)."""
        assert self._plan is not None, "plan() first"
        self._place_data(self._plan)
        self._plan.cache.forget_unused()

    def _place_data(self, plan: _Plan) -> None:
        """Each file is replaced whole: a server never sends half a file. Files of an earlier build
        that this one does not have (a year that has gone) are removed."""
        listed = []
        for files_key in plan.sets:
            for name, description, size in plan.cache.sets.listed(files_key) or ():
                uri = posixpath.join(self._data_folder, name)
                if self._placed.get(uri) != files_key:
                    place_file(plan.cache.sets.path(files_key, name), self.folder / uri)
                    self._placed[uri] = files_key
                listed.append((uri, description, size))
        for uri in {entry[0] for entry in self._listed()} - {entry[0] for entry in listed}:
            (self.folder / uri).unlink(missing_ok=True)
            self._placed.pop(uri, None)
        _write(self._manifest_path, json.dumps(listed, ensure_ascii=False).encode())

    def copy_data(self, site_dir: Path) -> None:
        """Put the data files into the built site (they are not known before they are written),
        with their list (``downloads.json``: the catalogue's «Скачать выбранное» finds the years' CSV)."""
        if self._manifest_path.is_file():
            place_file(self._manifest_path, site_dir / self._data_folder / MANIFEST_NAME)
        for uri, _description, _size in self._listed():
            place_file(self.folder / uri, site_dir / uri)

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
