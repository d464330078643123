"""Exports read back with their own libraries: DOCX (python-docx), XLSX (openpyxl), CSV, JSON; filters; CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.cards.schema import enum_labels, official_fields
from build_tools.cli import main
from build_tools.exports import export_xlsx, selection
from build_tools.exports.export_docx import (
    BLANK_LINE,
    EXAMPLE_NOTE,
    REPORT_TITLE,
    DocxWriter,
    answer_lines,
    card_docx,
    report_docx,
)
from build_tools.exports.export_tabular import (
    STRUCTURED_KEYS,
    columns,
    csv_bytes,
    json_bytes,
    public_site_url,
    rows,
    url_factory,
)
from build_tools.exports.export_xlsx import xlsx_bytes
from build_tools.exports.open_data import CATALOGUE_JSON_FIELDS, OpenDataFiles, export_fields_markdown
from build_tools.site.catalogue import catalogue_data, sorted_cards
from build_tools.site.render import field_text
from tests.sites import FIXTURE_CARDS, REPO, free_port, make_project, start_serve

EXPORT_CARDS = REPO / "tests" / "fixtures" / "export_cards"
TODAY = dt.date(2026, 11, 23)
META_LABELS = [
    "Идентификатор",
    "Название практики",
    "Субъект Российской Федерации",
    "Муниципальное образование",
    "Дата представления информации",
    "Квартал",
    "Адрес страницы",
]
MOSCOW = "mekhanizatsiya-skladov-v-moskve"
SOCHI = "ventilyatsiya-tsekha-v-sochi"
CHUGUEVKA = "pyatiminutki-v-chuguevskom-okruge"
AUDITS = "povedencheskie-audity-bezopasnosti"


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    result = load_cards([FIXTURE_CARDS, EXPORT_CARDS], root=REPO, today=TODAY)
    assert not result.errors, result.errors
    return result.cards


def by_id(cards: list[Card], card_id: str) -> Card:
    return next(card for card in cards if card.id == card_id)


def ids(cards: list[Card]) -> set[str]:
    return {card.id for card in cards}


def paragraphs_of(text: str) -> str:
    """Plain text as DOCX keeps it: one paragraph per non-empty line."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


# -- DOCX ------------------------------------------------------------------------------------


def test_docx_report_has_the_thirteen_official_rows_per_practice(cards: list[Card]) -> None:
    document = docx.Document(io.BytesIO(report_docx(cards, body="Администрация Тестового округа", period="за 2026 г.")))
    ordered = sorted_cards(cards)
    assert len(document.tables) == len(ordered)
    questions = [field.question for field in official_fields()]
    texts = [paragraph.text for paragraph in document.paragraphs]
    for card, table in zip(ordered, document.tables, strict=True):
        assert len(table.rows) == 13
        assert [row.cells[0].text for row in table.rows] == questions
        # The direction is a line above the table, not a row of it.
        directions = "; ".join(enum_labels("category")[code] for code in card.categories)
        assert f"Направление передового опыта: {directions}" in texts
        for field, row in zip(official_fields(), table.rows, strict=True):
            assert row.cells[1].text == "\n".join(answer_lines(card, field.key))
            if field.key not in ("organization", "category", "source", "presentation_format", "dissemination"):
                assert row.cells[1].text == paragraphs_of(field_text(card, field.key))
            else:
                for item in field_text(card, field.key).split("; ")[:1]:
                    assert item in row.cells[1].text
            # Independently of the writer: every answer of the card file, as the schema names it.
            lines = row.cells[1].text.split("\n")
            for expected in expected_answer_lines(card, field.key):
                assert any(line.startswith(expected) for line in lines), (card.id, field.key, expected)


def expected_answer_lines(card: Card, key: str) -> list[str]:
    """The start of each line the official table must show, read from the card file and the
    schema's own labels (the organisation's line of activity goes on with its ОКВЭД 2 section)."""
    value = card.data[key]
    if key == "organization":
        lines = [value["name"], enum_labels("sector")[value["sector"]]]
        lines.append(f"Вид экономической деятельности: {value['activity']}")
        if "employees" in value:
            lines.append(f"Среднесписочная численность: {value['employees']} ")
        return lines
    if key in ("category", "source", "presentation_format", "dissemination"):
        names = enum_labels(key)
        return [names.get(item, item) for item in ([value] if isinstance(value, str) else value)]
    return [line.strip() for line in value.split("\n") if line.strip()]


def test_docx_report_title_block_headings_and_page_breaks(cards: list[Card]) -> None:
    body = "Администрация Тестового муниципального округа"
    document = docx.Document(io.BytesIO(report_docx(cards, body=body, period="за I квартал 2026 г.")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:3] == [REPORT_TITLE, body, "за I квартал 2026 г."]
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    ordered = sorted_cards(cards)
    assert [h.text for h in headings] == [f"{n}. {card.title}" for n, card in enumerate(ordered, start=1)]
    # A page break before every practice but the first: no empty page, one practice per page.
    assert [bool(h.paragraph_format.page_break_before) for h in headings] == [False] + [True] * (len(ordered) - 1)
    assert texts.count(EXAMPLE_NOTE) == sum(card.is_example for card in cards)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 12
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_docx_without_body_or_period_leaves_lines_to_fill_in(cards: list[Card]) -> None:
    document = docx.Document(io.BytesIO(report_docx(cards[:2])))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[1] == BLANK_LINE
    assert f"за {BLANK_LINE}" in texts


def test_card_docx_is_one_table_under_its_quarter(cards: list[Card]) -> None:
    card = by_id(cards, AUDITS)
    document = docx.Document(io.BytesIO(card_docx(card, url_of=url_factory("https://example.org/"))))
    assert len(document.tables) == 1
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "за I квартал 2026 г." in texts
    assert card.title in texts and EXAMPLE_NOTE in texts
    assert f"Страница практики: https://example.org/practices/{AUDITS}/" in texts
    assert document.core_properties.title.startswith(card.title)


def test_one_docx_writer_gives_the_same_tables_as_fresh_ones(cards: list[Card]) -> None:
    writer = DocxWriter()
    for card in cards:
        reused = docx.Document(io.BytesIO(writer.card(card)))
        fresh = docx.Document(io.BytesIO(card_docx(card)))
        assert [p.text for p in reused.paragraphs] == [p.text for p in fresh.paragraphs]
        assert [c.text for r in reused.tables[0].rows for c in r.cells] == [
            c.text for r in fresh.tables[0].rows for c in r.cells
        ]


# -- XLSX, CSV, JSON -------------------------------------------------------------------------


def test_columns_start_with_metadata_the_direction_then_the_thirteen_questions() -> None:
    labels = [column.label for column in columns()]
    assert labels[:7] == META_LABELS
    assert labels[7] == "Направление передового опыта"
    assert labels[8:21] == [field.question for field in official_fields()]
    keys = [column.key for column in columns()]
    assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels)


def test_xlsx_has_the_header_and_one_row_per_practice(cards: list[Card]) -> None:
    chosen = selection.select(cards, selection.Selection(quarter="2026Q1"))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(chosen)))
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [column.label for column in columns()]
    assert [row[0] for row in values[1:]] == [card.id for card in chosen]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet["B2"].alignment.wrap_text
    assert sheet.column_dimensions["I"].width >= 50  # the organisation's answer is a long text
    assert isinstance(sheet["E2"].value, dt.datetime)  # dates are dates, not text
    labels = [column.label for column in columns()]
    summary = labels.index("Краткое описание передового опыта")
    assert values[1][summary] == field_text(chosen[0], "summary")


def test_a_workbook_too_large_to_hold_is_written_row_by_row_with_the_same_cells(
    cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond ``IN_MEMORY_ROWS`` (the whole catalogue of a large site) rows are written as they
    come: the reader gets the same sheets, cells, links, dates and look."""
    held = xlsx_bytes(cards)
    monkeypatch.setattr(export_xlsx, "IN_MEMORY_ROWS", len(cards) - 1)
    streamed = xlsx_bytes(cards)
    with zipfile.ZipFile(io.BytesIO(held)) as one, zipfile.ZipFile(io.BytesIO(streamed)) as other:
        assert "xl/sharedStrings.xml" in one.namelist() and "xl/sharedStrings.xml" not in other.namelist()

    def shown(sheet: Any) -> list[list[tuple[object, ...]]]:
        return [
            [
                (cell.value, cell.data_type, cell.hyperlink.target if cell.hyperlink else None, cell.font.b,
                 cell.alignment.wrap_text, cell.number_format)
                for cell in row
            ]
            for row in sheet.iter_rows()
        ]  # fmt: skip

    books = [openpyxl.load_workbook(io.BytesIO(content)) for content in (held, streamed)]
    assert [sheet.title for sheet in books[0].worksheets] == [sheet.title for sheet in books[1].worksheets]
    for one, other in zip(books[0].worksheets, books[1].worksheets, strict=True):
        assert shown(one) == shown(other)
        assert (one.freeze_panes, one.auto_filter.ref) == (other.freeze_panes, other.auto_filter.ref)
        widths = [(key, dimension.width) for key, dimension in one.column_dimensions.items()]
        assert widths == [(key, dimension.width) for key, dimension in other.column_dimensions.items()]
    assert len(list(books[1].worksheets[0].iter_rows())) == 1 + len(cards)


def test_xlsx_keeps_formula_like_text_as_text(cards: list[Card]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([by_id(cards, MOSCOW)]))).worksheets[0]
    column = [c.key for c in columns()].index("adoptions") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.data_type == "s"
    assert cell.value.startswith("=СУММ(1;2)")


def test_csv_round_trips_cyrillic_with_a_byte_order_mark(cards: list[Card]) -> None:
    data = csv_bytes(cards)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0] == [column.label for column in columns()]
    expected = rows(cards)
    assert len(table) == 1 + len(expected)
    for parsed, (card, cells) in zip(table[1:], expected, strict=True):
        assert parsed[0] == card.id
        assert parsed[1] == card.title  # Cyrillic and «ёлочки» intact
        assert parsed == [("'" + c if c.startswith(("=", "+", "-", "@")) else c) for c in cells]
    moscow = next(row for row in table if row[0] == MOSCOW)
    problem = moscow[[c.key for c in columns()].index("problem")]
    assert problem == (
        "Грузчики поднимали коробки массой до 30 кг вручную.\n\n"
        "Работники жаловались на боли в спине; «лёгкий труд» не помогал."
    )
    adoptions = moscow[[c.key for c in columns()].index("adoptions")]
    assert adoptions.startswith("'=СУММ") and '"кавычками"' in adoptions


def test_json_has_every_field_the_id_and_the_page_url(cards: list[Card]) -> None:
    url_of = url_factory("https://example.org/opyt")
    data = json.loads(json_bytes(cards, url_of))
    assert data["license"]["name"] == "CC BY 4.0"
    keys = [column.key for column in columns()]
    assert [field["key"] for field in data["fields"]] == [*keys, "data", "body"]
    assert [p["id"] for p in data["practices"]] == [card.id for card in sorted_cards(cards)]
    for practice, (card, cells) in zip(data["practices"], rows(cards, url_of), strict=True):
        assert [practice[key] for key in keys] == cells  # the same values as CSV and XLSX
        assert practice["url"] == f"https://example.org/opyt/practices/{card.id}/"
        assert practice["data"] == {key: card.data[key] for key in STRUCTURED_KEYS if key in card.data}
        assert practice["data"]["organization"] == card.organization
        assert practice["body"] == card.body


def test_local_preview_address_never_goes_into_a_file() -> None:
    assert public_site_url("http://127.0.0.1:8000/") is None
    assert public_site_url("http://localhost:8000/") is None
    assert public_site_url("https://opyt.example.org/") == "https://opyt.example.org/"
    assert url_factory(None)(Card.of("abc-def", "x", {}, "")) == "practices/abc-def/"


# -- selection -------------------------------------------------------------------------------


def test_filters_select_exactly_what_they_say(cards: list[Card]) -> None:
    def chosen(**filters: object) -> set[str]:
        return ids(selection.select(cards, selection.Selection(**filters)))  # type: ignore[arg-type]

    assert chosen() == ids(cards)
    assert chosen(region=selection.parse_region("Москва")) == {MOSCOW}
    assert chosen(region=selection.parse_region("город Москва")) == {MOSCOW}
    assert chosen(region="Краснодарский край") == {SOCHI, AUDITS}
    assert chosen(municipality="ЧУГУЕВСКИЙ  муниципальный округ") == {CHUGUEVKA}
    assert chosen(year=2025) == {MOSCOW}
    assert chosen(quarter=selection.parse_quarter("2026Q1")) == {SOCHI, CHUGUEVKA, AUDITS}
    assert chosen(quarter="2025Q2") == {MOSCOW}
    assert chosen(quarter="2026Q2") == set()
    assert chosen(categories=("technique",)) == {MOSCOW}
    assert chosen(categories=("ohs_service",)) == {CHUGUEVKA, AUDITS}
    assert chosen(categories=("technique", "technology")) == {MOSCOW, SOCHI}
    assert chosen(region="Краснодарский край", quarter="2026Q1", categories=("technology",)) == {SOCHI}
    assert chosen(year=2026, region="Приморский край") == {CHUGUEVKA}


def test_filter_values_are_parsed_or_refused_in_russian() -> None:
    assert selection.parse_quarter("2026-q1") == "2026Q1"
    assert selection.parse_quarter("2026К3") == "2026Q3"
    assert selection.parse_category("technique") == "technique"
    with pytest.raises(selection.SelectionError, match="не распознан"):
        selection.parse_quarter("2026Q5")
    with pytest.raises(selection.SelectionError, match="возможно, «Приморский край»"):
        selection.parse_region("Примрский край")
    with pytest.raises(selection.SelectionError, match="не совпадает"):
        selection.Selection(year=2025, quarter="2026Q1")
    assert selection.Selection(quarter="2026Q1").period_label() == "за I квартал 2026 г."
    assert selection.Selection(year=2025).period_label() == "за 2025 г."


# -- command line ----------------------------------------------------------------------------


def export(tmp_path: Path, *arguments: str) -> int:
    cards_dir = tmp_path / "cards"
    if not cards_dir.exists():
        cards_dir.mkdir()
        for folder in (FIXTURE_CARDS, EXPORT_CARDS):
            for path in folder.glob("*.md"):
                (cards_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return main(["export", "--dir", str(cards_dir), "--site-url", "", *arguments])


def test_cli_writes_a_quarterly_docx_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "otchet.docx"
    body = "Администрация Чугуевского муниципального округа"
    code = export(tmp_path, "--quarter", "2026Q1", "--region", "Приморский край", "--body", body, "--out", str(out))
    assert code == 0
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs][:3] == [REPORT_TITLE, body, "за I квартал 2026 г."]
    assert len(document.tables) == 1
    assert "Выгружено практик: 1" in capsys.readouterr().err


def test_cli_empty_selection_is_a_message_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "empty.csv"
    assert export(tmp_path, "--quarter", "2020Q1", "--out", str(out)) == 1
    assert not out.exists()
    assert "Нет практик, подходящих под условия (I квартал 2020 г.)" in capsys.readouterr().err


def test_cli_bad_arguments_exit_with_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for arguments in (
        ("--quarter", "2026Q9", "--out", "x.csv"),
        ("--region", "Атлантида", "--out", "x.csv"),
        ("--category", "magic", "--out", "x.csv"),
        ("--year", "2025", "--quarter", "2026Q1", "--out", "x.csv"),
        ("--out", "x.txt"),
        ("--format", "pdf", "--out", "x.pdf"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            export(tmp_path, *arguments)
        assert exit_info.value.code == 2, arguments
    assert "не субъект Российской Федерации" in capsys.readouterr().err


def test_cli_refuses_invalid_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    text = (FIXTURE_CARDS / f"{AUDITS}.md").read_text(encoding="utf-8").replace("sector: commercial", "sector: x")
    (broken / "broken-card.md").write_text(text, encoding="utf-8")
    out = tmp_path / "x.json"
    assert main(["export", "--dir", str(broken), "--out", str(out)]) == 1
    assert not out.exists()
    assert "Выгрузка не выполнена" in capsys.readouterr().err


def test_cli_formats_by_file_name_and_filters(tmp_path: Path) -> None:
    assert export(tmp_path, "--category", "technique", "--out", str(tmp_path / "t.xlsx")) == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [MOSCOW]
    assert export(tmp_path, "--region", "Краснодарский край", "--out", str(tmp_path / "k.json")) == 0
    data = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert {p["id"] for p in data["practices"]} == {SOCHI, AUDITS}
    assert data["practices"][0]["url"].startswith("practices/")


def test_cli_validate_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXPORT_CARDS)]) == 0
    assert "Проверено карточек: 3" in capsys.readouterr().err


# -- documentation of the data ---------------------------------------------------------------


def test_every_catalogue_json_field_is_documented(cards: list[Card]) -> None:
    data = catalogue_data(cards)
    found = set(data)
    found |= {f"facets[].{key}" for facet in data["facets"] for key in facet}
    found |= {f"cards[].{key}" for card in data["cards"] for key in card}
    assert {key for key, _, _ in CATALOGUE_JSON_FIELDS} == found


def test_every_export_column_is_documented(cards: list[Card]) -> None:
    table = export_fields_markdown()
    for column in columns():
        assert f"| {column.label} | `{column.key}` |" in table
    # The files as written and read back, not the list the table is made from: the CSV header in
    # the documented order, and every key of a practice in JSON documented.
    header = next(csv.reader(io.StringIO(csv_bytes(cards).decode("utf-8-sig")), delimiter=";"))
    numbered = re.findall(r"^\| (\d+) \| (.+?) \| `([^`]+)` \|", table, flags=re.M)
    assert [label for _, label, _ in numbered] == header
    assert [int(number) for number, _, _ in numbered] == list(range(1, len(header) + 1))
    documented_keys = set(re.findall(r"^\| (?:\d+|—) \| .+? \| `([^`]+)` \|", table, flags=re.M))
    practices = json.loads(json_bytes(cards, url_factory(None)))["practices"]
    assert {key for practice in practices for key in practice} == documented_keys


# -- the built site --------------------------------------------------------------------------


def test_site_publishes_the_catalogue_and_each_cards_docx(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "data" / "practices.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["practices"]] == [AUDITS]
    text = (fixture_site / "data" / "practices.csv").read_text("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in table[1:]] == [AUDITS]
    sheet = openpyxl.load_workbook(fixture_site / "data" / "practices.xlsx").worksheets[0]
    assert sheet.max_row == 2
    document = docx.Document(str(fixture_site / "practices" / AUDITS / f"{AUDITS}.docx"))
    assert [row.cells[0].text for row in document.tables[0].rows] == [f.question for f in official_fields()]
    page = (fixture_site / "practices" / AUDITS / "index.html").read_text(encoding="utf-8")
    assert f'href="{AUDITS}.docx"' in page and "Скачать таблицу (DOCX)" in page


def test_downloads_page_links_every_file_and_documents_every_column(fixture_site: Path) -> None:
    page = (fixture_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for link in ("../data/practices.json", "../data/practices.csv", "../data/practices.xlsx"):
        assert f'href="{link}"' in page
    assert 'href="../data/catalogue.json"' in page and 'href="../schema/card.schema.json"' in page
    assert "CC BY 4.0" in page and "MIT" in page
    for column in columns():
        assert column.label in page
    assert "<!-- practices:" not in page


def test_docx_survives_the_longest_title(cards: list[Card]) -> None:
    card = by_id(cards, MOSCOW)
    long = Card.of(card.id, card.source_path, {**card.data, "title": "Очень длинное название практики " * 6}, "")
    document = docx.Document(io.BytesIO(card_docx(long)))
    assert len(document.core_properties.title) <= 255
    assert long.title in [paragraph.text for paragraph in document.paragraphs]


def test_live_preview_refreshes_the_data_files_and_the_docx_after_an_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    port = free_port()
    server = start_serve(project, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def csv_titles() -> list[str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/practices.csv", timeout=5) as response:
                text = response.read().decode("utf-8-sig")
        except OSError:
            return []
        return [row[1] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]

    def wait_for(predicate, what: str) -> None:
        deadline = time.monotonic() + 60
        while not predicate():
            assert time.monotonic() < deadline, what
            time.sleep(0.3)

    try:
        wait_for(lambda: csv_titles() == ["Поведенческие аудиты безопасности на складском комплексе"], "нет CSV")
        card = project / "practices" / f"{AUDITS}.md"
        card.write_text(
            card.read_text(encoding="utf-8").replace("на складском комплексе", "на новом складе"), encoding="utf-8"
        )
        # The preview writes fresh data files just after the rebuild, in the background.
        wait_for(lambda: csv_titles() == ["Поведенческие аудиты безопасности на новом складе"], "CSV не обновился")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/practices/{AUDITS}/{AUDITS}.docx", timeout=5) as response:
            paragraphs = [paragraph.text for paragraph in docx.Document(io.BytesIO(response.read())).paragraphs]
        assert "Поведенческие аудиты безопасности на новом складе" in paragraphs  # written before the page is shown
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_cards_docx_comes_from_the_cache_until_the_card_changes(cards: list[Card], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    moscow = by_id(cards, MOSCOW)
    uris = {MOSCOW: f"practices/{MOSCOW}/{MOSCOW}.docx"}

    def build(folder: str, chosen: list[Card]) -> bytes:
        files = OpenDataFiles(tmp_path / folder, cache)
        files.plan(chosen, url_factory(None), data_folder="data", docx_uris=uris)
        files.write_docx()
        return files.docx_files()[uris[MOSCOW]].read_bytes()

    first = build("first", [moscow])
    time.sleep(1.1)  # a file written anew would carry a later time in its properties
    assert build("second", [moscow]) == first  # the same bytes: taken from the cache
    edited = Card.of(moscow.id, moscow.source_path, {**moscow.data, "title": "Новое название"}, moscow.body)
    third = build("third", [edited])
    assert third != first
    assert "Новое название" in [p.text for p in docx.Document(io.BytesIO(third)).paragraphs]
    assert len(list((cache / "docx").glob("*.docx"))) == 1  # the old version is gone from the cache
