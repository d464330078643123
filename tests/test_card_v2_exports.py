"""Exports carry card model v2, read back with their own libraries: the columns of CSV, XLSX and
JSON (country, real or example, introduced, co-organisers, sources, results, cost, completeness),
and the DOCX report's co-organisers, sources and signature block (filled and empty).

Expected values are written out by hand from tests/fixtures/v2_cards.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.cards.schema import official_fields
from build_tools.cli import main
from build_tools.exports.export_docx import BLANK_LINE, Signature, report_docx
from build_tools.exports.export_tabular import columns, csv_bytes, json_bytes
from build_tools.exports.export_xlsx import xlsx_bytes
from build_tools.exports.open_data import export_fields_markdown
from tests.sites import REPO

V2_CARDS = REPO / "tests" / "fixtures" / "v2_cards"
EFFECT = "snizhenie-poter-ot-travmatizma-v-tsekhe"
FOREIGN = "zarubezhnyy-opyt-nablyudeniy"
UNION = "konkurs-upolnomochennykh-profsoyuza"
NEW_KEYS = (
    "example",
    "country",
    "foreign",
    "introduced",
    "co_organizers",
    "sources",
    "metrics",
    "cost_amount",
    "cost_year",
    "cost_note",
    "completeness",
)

# What each new column says of each card, as a reader of the card files writes it.
EXPECTED = {
    EFFECT: {
        "example": "да",
        "country": "Россия",
        "foreign": "нет",
        "introduced": "2023-05",
        "co_organizers": "Тестовая краевая организация профсоюза — обучение уполномоченных\nТестовый учебный центр",
        "sources": "Завод оснастил станки ограждениями — Тестовая городская газета, 5 марта 2024 г. — "
        "https://example.org/news/ograzhdeniya\n"
        "Публикация на сайте example.com — https://www.example.com/otchet",
        "metrics": "Коэффициент частоты травматизма Кч, на 1000 работников: 8,82 (2023) → 2,94 (2024), "
        "изменение −5,88 (−66,7\u00a0%)\n"
        "Доля работников без СИЗ, %: 11 (2023) → 3 (2024), изменение −8 (−72,7\u00a0%)\n"
        "Потери от травматизма, руб.: 1\u00a0200\u00a0000 (2023) → 400\u00a0000 (2024), "
        "изменение −800\u00a0000 (−66,7\u00a0%)",
        "cost_amount": "180000",
        "cost_year": "2024",
        "cost_note": "ограждения и обучение мастеров",
        "completeness": "11",
    },
    FOREIGN: {
        "example": "нет",
        "country": "Германия",
        "foreign": "да",
        "introduced": "",
        "co_organizers": "Тестовое отраслевое страховое объединение — методика наблюдений",
        "sources": "Наблюдения без имён — Тестовый отраслевой журнал, 2025 г. — https://example.org/de/beobachtungen",
        "metrics": "",
        "cost_amount": "",
        "cost_year": "",
        "cost_note": "",
        "completeness": "7",
    },
    UNION: {
        "example": "нет",
        "country": "Россия",
        "foreign": "нет",
        "introduced": "",
        "co_organizers": "",
        "sources": "Итоги конкурса уполномоченных — Тестовая краевая федерация профсоюзов, 1 декабря 2025 г.",
        "metrics": "",
        "cost_amount": "",
        "cost_year": "",
        "cost_note": "",
        "completeness": "11",
    },
}


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    result = load_cards([V2_CARDS], root=REPO, today=dt.date(2026, 11, 23))
    assert not result.errors, result.errors
    return result.cards


def by_id(cards: list[Card], card_id: str) -> Card:
    return next(card for card in cards if card.id == card_id)


def test_csv_has_the_new_columns_with_their_values(cards: list[Card]) -> None:
    table = list(csv.reader(io.StringIO(csv_bytes(cards).decode("utf-8-sig"), newline=""), delimiter=";"))
    header = table[0]
    for card_id, expected in EXPECTED.items():
        row = next(row for row in table[1:] if row[0] == card_id)
        got = {key: row[header.index(column.label)] for column in columns() for key in [column.key] if key in NEW_KEYS}
        assert got == expected, card_id


def test_xlsx_has_the_new_columns_numbers_as_numbers(cards: list[Card]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(cards))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    label = {column.key: column.label for column in columns()}
    effect = rows[EFFECT]
    # Amounts and counts sum and sort in a spreadsheet.
    assert effect[label["cost_amount"]] == 180000 and isinstance(effect[label["cost_amount"]], int)
    assert effect[label["completeness"]] == 11
    assert effect[label["sources"]] == EXPECTED[EFFECT]["sources"]
    assert rows[FOREIGN][label["country"]] == "Германия" and rows[FOREIGN][label["foreign"]] == "да"
    assert rows[FOREIGN][label["cost_amount"]] is None  # no cost: an empty cell, not 0
    assert rows[UNION][label["completeness"]] == 11


def test_json_has_the_new_columns_and_the_structured_values(cards: list[Card]) -> None:
    data = json.loads(json_bytes(cards))
    assert data["version"] == 2
    practices = {practice["id"]: practice for practice in data["practices"]}
    for card_id, expected in EXPECTED.items():
        assert {key: practices[card_id][key] for key in NEW_KEYS} == expected, card_id
    # Programs get the numbers as the card gives them.
    assert practices[EFFECT]["data"]["cost"] == {
        "amount": 180000,
        "year": 2024,
        "note": "ограждения и обучение мастеров",
    }
    assert practices[EFFECT]["data"]["metrics"][0] == {
        "indicator": "frequency",
        "before": 8.82,
        "after": 2.94,
        "period_before": 2023,
        "period_after": 2024,
    }


def test_every_new_column_is_documented_on_the_downloads_page() -> None:
    table = export_fields_markdown()
    for column in columns():
        if column.key in NEW_KEYS:
            assert f"| {column.label} | `{column.key}` | {column.description} |" in table
            assert column.description


# -- DOCX ------------------------------------------------------------------------------------


def docx_texts(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs]


def test_docx_keeps_the_thirteen_rows_and_puts_co_organizers_in_question_one(cards: list[Card]) -> None:
    document = docx.Document(io.BytesIO(report_docx([by_id(cards, EFFECT)])))
    (table,) = document.tables
    assert [row.cells[0].text for row in table.rows] == [field.question for field in official_fields()]
    assert table.rows[0].cells[1].text.split("\n")[-3:] == [
        "Соорганизаторы:",
        "Тестовая краевая организация профсоюза — обучение уполномоченных",
        "Тестовый учебный центр",
    ]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert (
        "Краснодарский край, город Краснодар. Практика внедрена: май 2023 г. "
        "Дата представления информации: 10 февраля 2026 г." in texts
    )
    # An example's sources are its sources, not «publications it is described from».
    start = texts.index("Источники сведений:")
    assert texts[start + 1 : start + 3] == [
        "1. " + EXPECTED[EFFECT]["sources"].split("\n")[0],
        "2. Публикация на сайте example.com — https://www.example.com/otchet",
    ]


def test_real_practice_from_publications_says_so_after_its_table(cards: list[Card]) -> None:
    texts = docx_texts(report_docx([by_id(cards, UNION)]))
    start = texts.index("Практика описана по публикациям:")
    assert (
        texts[start + 1]
        == "1. Итоги конкурса уполномоченных — Тестовая краевая федерация профсоюзов, 1 декабря 2025 г."
    )


def test_signature_block_filled_from_the_options() -> None:
    cards = load_cards([V2_CARDS], today=dt.date(2026, 11, 23)).cards
    signature = Signature(executor="Иванова Мария Петровна", position="главный специалист", phone="+7 (861) 000-00-00")
    texts = docx_texts(report_docx(cards, body="Администрация", period="за 2026 г.", signature=signature))
    assert texts[-3:] == [
        "Исполнитель: Иванова Мария Петровна",
        "Должность: главный специалист",
        "Телефон: +7 (861) 000-00-00",
    ]
    # Once, at the end of the report, not after each practice.
    assert sum(text.startswith("Исполнитель:") for text in texts) == 1


def test_signature_block_left_to_fill_in_by_hand(cards: list[Card]) -> None:
    texts = docx_texts(report_docx(cards, signature=Signature(position="  ")))
    assert texts[-3:] == [f"Исполнитель: {BLANK_LINE}", f"Должность: {BLANK_LINE}", f"Телефон: {BLANK_LINE}"]
    assert docx_texts(report_docx(cards))[-3:] == texts[-3:]


def test_signature_block_stays_together_on_one_page(cards: list[Card]) -> None:
    paragraphs = docx.Document(io.BytesIO(report_docx(cards))).paragraphs[-3:]
    assert [bool(p.paragraph_format.keep_with_next) for p in paragraphs] == [True, True, False]


def test_cli_signs_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "otchet.docx"
    arguments = ["export", "--dir", str(V2_CARDS), "--site-url", "", "--out", str(out)]
    code = main([*arguments, "--executor", "Петров П. П.", "--position", "консультант", "--phone", "8 800"])
    assert code == 0
    assert docx_texts(out.read_bytes())[-3:] == [
        "Исполнитель: Петров П. П.",
        "Должность: консультант",
        "Телефон: 8 800",
    ]
    # Foreign practice stays out of the Russian report unless asked for.
    assert len(docx.Document(str(out)).tables) == 2
    capsys.readouterr()
    assert (
        main(["export", "--dir", str(V2_CARDS), "--site-url", "", "--out", str(tmp_path / "t.csv"), "--phone", "1"])
        == 0
    )
    assert "Замечание: --phone используется только в DOCX." in capsys.readouterr().err
