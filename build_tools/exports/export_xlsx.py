"""XLSX export: one row per practice, one column per field, official labels as headers.

Written with XlsxWriter, which writes a row of cells as XML text directly: a thousand practices
took 1.1 s with openpyxl's write-only workbook here (an object and an lxml element per cell) and
0.3 s with it, in a file of a quarter of the size (each distinct text stored once). openpyxl,
which reads workbooks, checks them in the tests.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from build_tools.cards.loading import Card
from build_tools.exports.export_tabular import Column, UrlOf, columns, default_url_of, json_only_fields, rows

SHEET_TITLE = "Практики"
FIELDS_SHEET_TITLE = "Описание полей"
MAX_CELL_CHARACTERS = 32_767  # Excel's limit for one cell
# Excel's limits for links: per sheet, and the length of an address. Beyond them the address is
# written as text, so a row never loses its cell.
MAX_LINKS = 65_530
MAX_LINK_LENGTH = 2_079

# Characters XML 1.0 cannot hold at all (a card cannot either; an entry is data from outside).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_OPTIONS = {
    # A card's text is data: «=…» is never a formula, «1 000» never a number, an address is a
    # link only where the column says so.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
# Up to this many rows the workbook is held in memory until it is closed, and each distinct text
# is written once (shared strings: half the file). XlsxWriter keeps about 10 KB a row then: the
# whole catalogue's file of 100,000 practices took a gigabyte. Beyond it rows are written as they
# come (constant memory, texts inline: the file is about twice as large, and is offered only if
# it still fits a download). A project convention, measured on the synthetic cards.
IN_MEMORY_ROWS = 20_000
_IN_MEMORY = {**_OPTIONS, "in_memory": True}
_ROW_BY_ROW = {**_OPTIONS, "constant_memory": True}
# Written row by row, 20,000 synthetic practices came out 1.95 times the size of the same rows held
# in memory (6.3 against 3.2 MB).
_ROW_BY_ROW_GROWTH = 2


def expected_size(rows: int, held_size: int) -> int:
    """About how large a workbook of ``rows`` rows comes out, from the size of the same rows'
    workbooks held in memory (the years' volumes are): whether a file can fit a download is known
    before it is made."""
    return held_size if rows <= IN_MEMORY_ROWS else held_size * _ROW_BY_ROW_GROWTH


def xlsx_bytes(cards: Sequence[Card], url_of: UrlOf = default_url_of, *, title: str | None = None) -> bytes:
    return xlsx_bytes_of_cells((cells for _, cells in rows(cards, url_of)), len(cards), title=title)


def xlsx_bytes_of_cells(table: Iterable[Sequence[str]], count: int, *, title: str | None = None) -> bytes:
    """The workbook of ``count`` rows (one list of cells per card, in the catalogue's order)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, _IN_MEMORY if count <= IN_MEMORY_ROWS else _ROW_BY_ROW)
    formats = _Formats(workbook)
    sheet = workbook.add_worksheet(SHEET_TITLE)
    cols = columns()
    for number, column in enumerate(cols):
        sheet.set_column(number, number, column.width)
    sheet.freeze_panes(1, 0)  # the header stays in view while scrolling
    sheet.autofilter(0, 0, count, len(cols) - 1)
    sheet.repeat_rows(0)  # and is printed on every page
    for number, column in enumerate(cols):
        sheet.write_string(0, number, _text(column.label), formats.header)
    cells = _Cells(sheet, formats)
    for row_number, row in enumerate(table, start=1):
        for number, (column, text) in enumerate(zip(cols, row, strict=True)):
            cells.write(row_number, number, column, text)

    _write_fields_sheet(workbook.add_worksheet(FIELDS_SHEET_TITLE), formats, cols)

    workbook.set_properties(
        {"title": title or "Передовой опыт по охране труда", "author": "Каталог передового опыта по охране труда"}
    )
    workbook.close()
    return buffer.getvalue()


class _Formats:
    """The four looks of a cell, made once per workbook."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        wrap = {"text_wrap": True, "valign": "top"}
        self.header: Format = workbook.add_format({**wrap, "bold": True, "pattern": 1, "bg_color": "#E0E0E0"})
        self.text: Format = workbook.add_format(wrap)
        self.date: Format = workbook.add_format({**wrap, "num_format": "DD.MM.YYYY"})
        self.link: Format = workbook.add_format({**wrap, "font_color": "#0563C1", "underline": 1})


class _Cells:
    """Cells of the practices sheet, each written as its column's kind says."""

    def __init__(self, sheet: Worksheet, formats: _Formats) -> None:
        self._sheet = sheet
        self._formats = formats
        self._links = 0

    def write(self, row: int, col: int, column: Column, text: str) -> None:
        sheet, formats = self._sheet, self._formats
        if column.kind == "date" and text:
            # A real date cell sorts and filters as a date in a spreadsheet.
            sheet.write_datetime(row, col, dt.date.fromisoformat(text), formats.date)
        elif column.kind == "number" and text:
            # A number cell sums and sorts as a number (the text has a decimal comma, no grouping).
            number = float(text.replace(",", "."))
            value = int(number) if number.is_integer() and abs(number) < 1e15 else number
            sheet.write_number(row, col, value, formats.text)
        elif column.kind == "url" and self._is_link(text):
            self._links += 1
            sheet.write_url(row, col, text, formats.link, _text(text))
        elif text:
            sheet.write_string(row, col, _text(text), formats.text)
        else:  # an empty cell, not an empty text
            sheet.write_blank(row, col, None, formats.text)

    def _is_link(self, text: str) -> bool:
        return text.startswith(("https://", "http://")) and len(text) <= MAX_LINK_LENGTH and self._links < MAX_LINKS


def _text(text: str) -> str:
    text = _NOT_XML.sub("", text)
    if len(text) > MAX_CELL_CHARACTERS:
        text = text[: MAX_CELL_CHARACTERS - 1] + "…"
    return text


def _write_fields_sheet(sheet: Worksheet, formats: _Formats, cols: Sequence[Column]) -> None:
    for number, width in enumerate((9, 50, 22, 80)):
        sheet.set_column(number, number, width)
    sheet.freeze_panes(1, 0)
    headers = ["Столбец", "Заголовок", "Ключ в JSON", "Как записано значение"]
    for number, header in enumerate(headers):
        sheet.write_string(0, number, header, formats.header)
    for row, column in enumerate(cols, start=1):
        values = (xl_col_to_name(row - 1), column.label, column.key, column.description)
        for number, value in enumerate(values):
            sheet.write_string(row, number, _text(value), formats.text)
    # The JSON-only fields are not columns here: they are named so nobody looks for them.
    names = ", ".join(f"{f.key} ({f.label.lower()})" for f in json_only_fields())
    sheet.write_string(len(cols) + 2, 1, _text(f"Только в JSON: {names}."))
