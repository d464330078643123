"""XLSX export: one row per practice, one column per field, official labels as headers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
    workbook = Workbook()
    for style in _named_styles():
        workbook.add_named_style(style)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET_TITLE
    cols = columns()
    _write_header(sheet, [column.label for column in cols])
    for row_number, (_, cells) in enumerate(rows(cards, url_of), start=2):
        for col_number, (column, text) in enumerate(zip(cols, cells, strict=True), start=1):
            _write_value(sheet.cell(row=row_number, column=col_number), column, text)
    for col_number, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(col_number)].width = column.width
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(sheet.max_row, 1)}"
    sheet.print_title_rows = "1:1"

    _write_fields_sheet(workbook.create_sheet(FIELDS_SHEET_TITLE), cols)

    workbook.properties.title = title or "Передовой опыт по охране труда"
    workbook.properties.language = "ru-RU"
    workbook.properties.creator = "Каталог передового опыта по охране труда"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_header(sheet: Worksheet, labels: list[str]) -> None:
    for col_number, label in enumerate(labels, start=1):
        cell = sheet.cell(row=1, column=col_number)
        _set_text(cell, label)
        cell.style = HEADER_STYLE


def _write_value(cell: Cell, column: Column, text: str) -> None:
    if column.kind == "date" and text:
        # A real date cell sorts and filters as a date in a spreadsheet.
        cell.value = dt.date.fromisoformat(text)
        cell.style = DATE_STYLE
        return
    if column.kind == "number" and text:
        # A number cell sums and sorts as a number (the text has a decimal comma, no grouping).
        number = float(text.replace(",", "."))
        cell.value = int(number) if number.is_integer() and abs(number) < 1e15 else number
        cell.style = TEXT_STYLE
        return
    _set_text(cell, text)
    if column.kind == "url" and text.startswith(("https://", "http://")):
        cell.hyperlink = text
        cell.style = LINK_STYLE
    else:
        cell.style = TEXT_STYLE


def _set_text(cell: Cell, text: str) -> None:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARACTERS:
        text = text[: MAX_CELL_CHARACTERS - 1] + "…"
    cell.value = text
    # Always text: «=…» in a card is data, never a formula.
    cell.data_type = "s"


def _write_fields_sheet(sheet: Worksheet, cols: Sequence[Column]) -> None:
    _write_header(sheet, ["Столбец", "Заголовок", "Ключ в JSON", "Как записано значение"])
    entries = [(c.label, c.key, c.description) for c in cols]
    for number, (label, key, description) in enumerate(entries, start=1):
        for col_number, value in enumerate((get_column_letter(number), label, key, description), start=1):
            cell = sheet.cell(row=number + 1, column=col_number)
            _set_text(cell, value)
            cell.style = TEXT_STYLE
    for letter, width in zip("ABCD", (9, 50, 22, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    # The JSON-only fields are not columns here: they are named so nobody looks for them.
    note_row = len(entries) + 3
    names = ", ".join(f"{f.key} ({f.label.lower()})" for f in json_only_fields())
    _set_text(sheet.cell(row=note_row, column=2), f"Только в JSON: {names}.")
