"""The official wording, compared with copies of the seeds' own text kept in tests/fixtures/seeds
(not with the schema's constants): the 13 questions of seed 000's appendix and seed 001's
directions, word for word, wherever the project prints them."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl

from build_tools.cards.loading import load_cards
from build_tools.cards.schema import card_schema, direction, official_fields
from build_tools.exports.export_docx import card_docx
from build_tools.exports.export_xlsx import xlsx_bytes
from build_tools.site.reference import directions_markdown, structure_markdown
from tests.sites import FIXTURE_CARDS

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _words(text: str) -> str:
    """The seeds are PDF text: lines broken anywhere and runs of spaces. Words are what count."""
    return " ".join(text.split())


APPENDIX = _words((SEEDS / "000_appendix.txt").read_text(encoding="utf-8"))
QUESTIONS = APPENDIX[APPENDIX.index("Сведения об организации") :]
DIRECTIONS = _words((SEEDS / "001_directions.txt").read_text(encoding="utf-8"))


def test_the_thirteen_questions_are_the_appendix_word_for_word_in_order() -> None:
    assert len(official_fields()) == 13
    assert " ".join(field.question for field in official_fields()) == QUESTIONS
    # The three questions about the authority say «ОИВ», as the seed does.
    assert [field.number for field in official_fields() if "ОИВ" in field.question] == [9, 11, 12, 13]


def test_each_question_is_its_title_and_its_bracketed_explanation() -> None:
    for field in official_fields():
        spec = card_schema()["properties"][field.key]
        assert spec["x-official-question"] == field.question
        expected = f"{field.label} ({field.hint})" if field.hint else field.label
        assert field.question == expected, field.key
    hints = {field.number: field.hint for field in official_fields() if field.hint}
    assert hints[10] == "на круглом столе, конференции, ВКС и т.п."
    assert sorted(hints) == [1, 6, 9, 10, 11]


def test_the_directions_quote_seed_001_and_are_not_a_question() -> None:
    wording = direction().wording
    assert list(wording) == ["technique", "technology", "organization", "ohs_service"]
    for code, text in wording.items():
        assert text in DIRECTIONS, code
    assert wording["ohs_service"] == (
        "организации работы специалистов (служб) по охране труда, а также уполномоченных по охране труда "
        "первичных профсоюзных организаций"
    )
    assert "x-official-number" not in card_schema()["properties"]["category"]


def test_the_structure_page_quotes_questions_and_directions_in_full() -> None:
    table = structure_markdown()
    rows = [line for line in table.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 13
    quoted = " ".join(row.split(" | ")[1] for row in rows)
    assert quoted == QUESTIONS
    listed = directions_markdown()
    assert listed.count("\n- ") + listed.startswith("- ") == 4
    for text in direction().wording.values():
        assert text in DIRECTIONS and f"- {text} — " in listed


def test_docx_rows_and_spreadsheet_headers_are_the_questions_word_for_word() -> None:
    cards = load_cards([FIXTURE_CARDS]).cards
    document = docx.Document(io.BytesIO(card_docx(cards[0])))
    assert " ".join(row.cells[0].text for row in document.tables[0].rows) == QUESTIONS
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(cards))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    first = header.index(official_fields()[0].question)
    assert " ".join(header[first : first + 13]) == QUESTIONS
    assert "Направление передового опыта" in header[:first]
