"""XLSX export: one row per practice, one column per field, official labels as headers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from build_tools.cards.loading import Card
from build_tools.exports.export_tabular import Column, UrlOf, columns, default_url_of, json_only_fields, rows

SHEET_TITLE = "Практики"
FIELDS_SHEET_TITLE = "Описание полей"
MAX_CELL_CHARACTERS = 32_767  # Excel's limit for one cell

_WRAP = Alignment(wrap_text=True, vertical="top")
# Named styles: assigning one to a cell copies a ready style record, where setting alignment and
# font cell by cell looks each up again (most of the time spent on a thousand practices).
HEADER_STYLE = "Заголовок столбца"
TEXT_STYLE = "Текст практики"
DATE_STYLE = "Дата практики"
LINK_STYLE = "Адрес страницы практики"


def _named_styles() -> list[NamedStyle]:
    return [
        NamedStyle(HEADER_STYLE, font=Font(bold=True), fill=PatternFill("solid", fgColor="E0E0E0"), alignment=_WRAP),
        NamedStyle(TEXT_STYLE, alignment=_WRAP),
        NamedStyle(DATE_STYLE, alignment=_WRAP, number_format="DD.MM.YYYY"),
        NamedStyle(LINK_STYLE, alignment=_WRAP, font=Font(color="0563C1", underline="single")),
    ]


def xlsx_bytes(cards: Sequence[Card], url_of: UrlOf = default_url_of, *, title: str | None = None) -> bytes:
    return xlsx_bytes_of_cells((cells for _, cells in rows(cards, url_of)), len(cards), title=title)


def xlsx_bytes_of_cells(table: Iterable[Sequence[str]], count: int, *, title: str | None = None) -> bytes:
    """The workbook of ``count`` rows made as they are written (one list of cells per card, in the
    catalogue's order)."""
    # Write-only: rows go to the file as they are appended instead of a cell object per value
    # held until the end (about half the time, and memory that does not grow with the cards).
    workbook = Workbook(write_only=True)
    for style in _named_styles():
        workbook.add_named_style(style)
    sheet = workbook.create_sheet(SHEET_TITLE)
    cells = _Cells(workbook, sheet)
    cols = columns()
    for col_number, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(col_number)].width = column.width
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{count + 1}"
    sheet.print_title_rows = "1:1"
    sheet.append([cells.text(column.label, HEADER_STYLE) for column in cols])
    for row in table:
        sheet.append([cells.value(column, text) for column, text in zip(cols, row, strict=True)])

    _write_fields_sheet(workbook, cols)

    workbook.properties.title = title or "Передовой опыт по охране труда"
    workbook.properties.language = "ru-RU"
    workbook.properties.creator = "Каталог передового опыта по охране труда"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Cells:
    """Cells of one sheet. A cell gets a copy of its named style's record, as ``cell.style = NAME``
    gives it, without looking the name up in the workbook for each of the tens of thousands of
    cells (with the type checks of ``cell.value``, a third of the time a workbook took)."""

    def __init__(self, workbook: Workbook, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        named = workbook._named_styles
        self._styles = {name: named[name].as_tuple() for name in (HEADER_STYLE, TEXT_STYLE, DATE_STYLE, LINK_STYLE)}

    def _cell(self, style: str, value: object = None) -> Cell:
        cell = WriteOnlyCell(self._sheet, value=value)
        cell._style = copy(self._styles[style])
        return cell

    def value(self, column: Column, text: str) -> Cell:
        if column.kind == "date" and text:
            # A real date cell sorts and filters as a date in a spreadsheet.
            return self._cell(DATE_STYLE, dt.date.fromisoformat(text))
        if column.kind == "number" and text:
            # A number cell sums and sorts as a number (the text has a decimal comma, no grouping).
            number = float(text.replace(",", "."))
            return self._cell(TEXT_STYLE, int(number) if number.is_integer() and abs(number) < 1e15 else number)
        if column.kind == "url" and text.startswith(("https://", "http://")):
            cell = self.text(text, LINK_STYLE)
            cell.hyperlink = text
            return cell
        return self.text(text, TEXT_STYLE)

    def text(self, text: str, style: str) -> Cell:
        cell = self._cell(style)
        _set_text(cell, text)
        return cell


def _set_text(cell: Cell, text: str) -> None:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARACTERS:
        text = text[: MAX_CELL_CHARACTERS - 1] + "…"
    # What ``cell.value = text`` stores once it has checked the type, the length and the characters
    # (all done above); always text: «=…» in a card is data, never a formula.
    cell._value = text
    cell.data_type = "s"


def _write_fields_sheet(workbook: Workbook, cols: Sequence[Column]) -> None:
    sheet = workbook.create_sheet(FIELDS_SHEET_TITLE)
    for letter, width in zip("ABCD", (9, 50, 22, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    headers = ["Столбец", "Заголовок", "Ключ в JSON", "Как записано значение"]
    cells = _Cells(workbook, sheet)
    sheet.append([cells.text(header, HEADER_STYLE) for header in headers])
    for number, column in enumerate(cols, start=1):
        values = (get_column_letter(number), column.label, column.key, column.description)
        sheet.append([cells.text(value, TEXT_STYLE) for value in values])
    # The JSON-only fields are not columns here: they are named so nobody looks for them.
    names = ", ".join(f"{f.key} ({f.label.lower()})" for f in json_only_fields())
    note = WriteOnlyCell(sheet)
    _set_text(note, f"Только в JSON: {names}.")
    sheet.append([])
    sheet.append([None, note])
