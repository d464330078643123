"""ОКВЭД 2 in cards: codes checked at their own depth against the shipped classifier, names
against the classifier's, bare codes named from it, and codes YAML reads as numbers read as written."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from build_tools.cards import okved
from build_tools.cards.loading import parse_card
from tests.sites import FIXTURE_CARDS

TODAY = dt.date(2026, 11, 23)
VALID = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")
ACTIVITY = "activity: 52.10 Деятельность по складированию и хранению"


def with_activity(value: str):
    text = VALID.replace(ACTIVITY, f"activity: {value}")
    assert text != VALID
    card, problems = parse_card(text, "kartochka", "practices/kartochka.md", TODAY)
    return card, [
        problem.message for problem in problems if problem.is_error and problem.field == "organization.activity"
    ]


def test_the_shipped_classifier_is_the_official_one_with_its_source_note() -> None:
    rows = list(csv.reader(okved.CLASSIFIER_PATH.open(encoding="utf-8", newline=""), delimiter=";"))
    assert len(rows) == 2950
    assert len(okved.classifier()) == 2929
    assert (
        (okved.CLASSIFIER_PATH.parent / "okved2.README.md")
        .read_text(encoding="utf-8")
        .startswith("# ОКВЭД 2 (ОК 029-2014, КДЕС Ред. 2)")
    )
    assert okved.lookup("49.41").name == "Деятельность автомобильного грузового транспорта"
    assert okved.lookup("84.11.3").section == "O"
    # The hand-written section ranges (the card form's classes) agree with the classifier's letters.
    for entry in okved.classifier().values():
        section = okved.section_of(entry.code)
        assert section is not None and section.letter == entry.section
        assert section.first <= int(entry.code[:2]) <= section.last


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("25", "Производство готовых металлических изделий, кроме машин и оборудования"),
        ("25.1", "Производство строительных металлических конструкций и изделий"),
        ("25.11", "Производство строительных металлических конструкций, изделий и их частей"),
        ("01.11.1", "Выращивание зерновых культур"),
        ("01.11.11", "Выращивание пшеницы"),
    ],
)
def test_existing_codes_at_each_depth_with_or_without_their_name(code: str, name: str) -> None:
    assert okved.lookup(code).name == name
    card, messages = with_activity(f'"{code} {name}"')
    assert messages == [] and card is not None and card.activity == f"{code} {name}"
    card, messages = with_activity(f'"{code}"')
    assert messages == [] and card is not None
    assert (card.activity_code, card.activity_name) == (code, name)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("34", "кода 34 нет в ОКВЭД 2: проверьте код"),
        ("25.8", "кода 25.8 нет в ОКВЭД 2 (есть группировка 25 «"),
        ("25.19", "кода 25.19 нет в ОКВЭД 2 (есть группировка 25.1 «"),
        # Checked as 25.11.1, not as class 25 or group 25.11: a wrong subclass is refused.
        ("25.11.1", "кода 25.11.1 нет в ОКВЭД 2 (есть группировка 25.11 «Производство строительных"),
        ("01.11.18", "кода 01.11.18 нет в ОКВЭД 2 (есть группировка 01.11.1 «Выращивание зерновых культур»)"),
    ],
)
def test_missing_codes_at_each_depth(code: str, message: str) -> None:
    card, messages = with_activity(f'"{code} Что-то"')
    assert card is None and len(messages) == 1
    assert messages[0].startswith(message) and messages[0].endswith(": проверьте код")


def test_a_wrong_name_is_refused_with_the_right_one() -> None:
    card, messages = with_activity("52.10 Складирование товаров")
    assert card is None
    assert messages == [
        "код 52.10 в ОКВЭД 2 называется «Деятельность по складированию и хранению»: исправьте наименование "
        "или оставьте только код (наименование возьмётся из классификатора)"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "52.10 деятельность  по складированию и хранению",  # case and spacing
        "52.10 Деятельность по складированию и хранению.",  # a final full stop
        "61.10.2 Деятельность по предоставлению услуг по передаче данных для целей передачи голосовой "
        "информации (IP-телефония)",  # Latin «P» where the classifier has Cyrillic «Р»
        "72.19 Научные исследования и разработки в области естественных и технических наук прочие",
    ],
)
def test_names_compare_without_case_spacing_yo_or_look_alike_letters(written: str) -> None:
    assert okved.activity_problem(written) is None
    assert okved.activity_problem(written.replace("е", "ё", 1)) is None


@pytest.mark.parametrize(("written", "code"), [("52.10", "52.10"), ("24.20", "24.20"), ("07", "07"), ("52", "52")])
def test_codes_yaml_reads_as_numbers_are_read_as_written(written: str, code: str) -> None:
    card, messages = with_activity(written)  # unquoted: YAML reads 24.20 as the number 24.2
    assert messages == [] and card is not None
    assert card.activity_code == code
    assert card.data["organization"]["activity"] == code


def test_a_number_without_its_text_is_refused_with_a_hint_to_quote_it() -> None:
    from build_tools.cards.frontmatter import parse
    from build_tools.cards.schema_messages import schema_problems

    data = parse(VALID).data
    data["organization"]["activity"] = 24.2  # e.g. a card built by a program, not read from a file
    assert ("organization", "activity") in dict(schema_problems(data))
    assert "заключите его в кавычки" in dict(schema_problems(data))[("organization", "activity")]


def test_search_by_code_prefix_or_words() -> None:
    assert [entry.code for entry in okved.search("52.1")][:3] == ["52.1", "52.10", "52.10.1"]
    found = okved.search("грузового автомобильного")
    assert found[0].code == "49.4" and "49.41" in [entry.code for entry in found]
    assert [entry.code for entry in okved.search("складир хранен", limit=2)] == ["52.1", "52.10"]
    assert okved.search("") == [] and okved.search("несуществующеслово") == []
    assert len(okved.search("производство", limit=5)) == 5
