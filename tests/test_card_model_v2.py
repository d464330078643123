"""Card model v2: each field of the schema with a card that passes and one that is refused, and
what :class:`Card` makes of them (foreign practice, sources, dates, free indicators, cost,
«нет сведений», completeness, size «не указано»)."""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.cards.answers import is_no_information
from build_tools.cards.loading import Card, parse_card
from build_tools.exports import selection
from build_tools.site.catalogue import FACETS, catalogue_data, sorted_cards
from tests.sites import FIXTURE_CARDS

TODAY = dt.date(2026, 11, 23)
VALID = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")
TAGS = "tags: [поведенческий аудит, склад]\n"


def load(text: str, stem: str = "kartochka") -> tuple[Card | None, list[str]]:
    card, problems = parse_card(text, stem, f"practices/{stem}.md", TODAY)
    return card, [f"{problem.field}: {problem.message}" for problem in problems if problem.is_error]


def with_fields(yaml_lines: str, text: str = VALID) -> str:
    """The valid card with extra top-level fields (YAML text) added before its tags."""
    assert TAGS in text
    return text.replace(TAGS, yaml_lines + TAGS)


def test_the_base_card_is_valid_and_the_schema_is_a_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    from build_tools.cards.schema import card_schema

    Draft202012Validator.check_schema(card_schema())
    card, errors = load(VALID)
    assert errors == [] and card is not None


# Each: (what is changed, how) — a card that passes. Then the same field refused, with the message.
GOOD = [
    ("foreign practice without a region", ("region: Краснодарский край\n", "country: Германия\n")),
    ("foreign practice with its own region", ("region: Краснодарский край\n", "country: Германия\nregion: Бавария\n")),
    ("Russia named explicitly", ("region: Краснодарский край\n", "country: Россия\nregion: Краснодарский край\n")),
    ("introduced: a year", (TAGS, "introduced: 2023\n" + TAGS)),
    ("introduced: a month", (TAGS, "introduced: 2023-05\n" + TAGS)),
    ("introduced: a day", (TAGS, "introduced: 2023-05-12\n" + TAGS)),
    ("co-organisers", (TAGS, "co_organizers:\n  - name: Краевая организация профсоюза\n    role: методика\n" + TAGS)),
    ("a source with an address", (TAGS, "sources:\n  - url: https://example.org/n/1\n    date: 2024\n" + TAGS)),
    ("a source with a title only", (TAGS, "sources:\n  - title: Газета «Труд»\n    publisher: Редакция\n" + TAGS)),
    (
        "a free indicator",
        (TAGS, 'metrics:\n  - name: Доля без СИЗ\n    unit: "%"\n    before: 11\n    after: 3\n' + TAGS),
    ),
    ("cost", (TAGS, "cost:\n  amount: 180000\n  year: 2024\n  note: обучение\n" + TAGS)),
    ("cost without a year", (TAGS, "cost:\n  amount: 0\n" + TAGS)),
    ("a non-profit organisation", ("sector: commercial", "sector: nonprofit")),
    ("new presentation formats", ("presentation_format: [round_table]", "presentation_format: [media, contest]")),
    ("event report", ("presentation_format: [round_table]", "presentation_format: [event_report]")),
    ("no information, as text", ("adoptions: Не выявлено.", "adoptions: Нет сведений.")),
    ("no information, as the free text of 9–11", ("dissemination: [website, training]", "dissemination: нет сведений")),
    ("headcount unknown", ("  employees: 340\n", "")),
    ("not an example", ("example: true", "example: false")),
]

BAD = [
    ("schema_version missing", ("schema_version: 2\n", ""), "schema_version: карточка версии 1: выполните"),
    ("schema_version 1", ("schema_version: 2", "schema_version: 1"), "schema_version: карточка версии 1: выполните"),
    (
        "schema_version 3",
        ("schema_version: 2", "schema_version: 3"),
        "schema_version: версия схемы 3 не поддерживается",
    ),
    (
        "region missing in Russia",
        ("region: Краснодарский край\n", ""),
        "region: обязательное поле отсутствует («Субъект",
    ),
    (
        "Russia misspelt",
        ("region: Краснодарский край\n", "country: россия\n"),
        "country: для России поле country не нужно",
    ),
    (
        "a foreign country with a Russian region",
        ("region: Краснодарский край\n", "country: Германия\nregion: Краснодарский край\n"),
        "region: «Краснодарский край» — субъект Российской Федерации, а страна указана «Германия»",
    ),
    ("introduced: no such month", (TAGS, "introduced: 2023-13\n" + TAGS), "introduced: такой даты не существует"),
    ("introduced: wrong shape", (TAGS, "introduced: 2023-5\n" + TAGS), "introduced: дата должна быть в формате ГГГГ"),
    ("introduced: in the future", (TAGS, "introduced: 2031\n" + TAGS), "introduced: дата 2031 ещё не наступила"),
    ("introduced: a typo year", (TAGS, 'introduced: "0223"\n' + TAGS), "introduced: дата 0223 слишком ранняя"),
    ("introduced: five digits", (TAGS, "introduced: 20230\n" + TAGS), "introduced: год должен быть записан четырьмя"),
    ("co-organiser without a name", (TAGS, "co_organizers:\n  - role: методика\n" + TAGS), "co_organizers[0].name:"),
    (
        "a source with neither address nor title",
        (TAGS, "sources:\n  - publisher: Минтруд\n" + TAGS),
        "sources[0]: нужно хотя бы одно из полей: url (Адрес публикации) или title (Заголовок публикации)",
    ),
    ("a source address that is not http", (TAGS, "sources:\n  - url: ftp://x\n" + TAGS), "sources[0].url: допускаются"),
    (
        "a source date of no day",
        (TAGS, "sources:\n  - url: https://x.org\n    date: 2024-02-30\n" + TAGS),
        "sources[0].date: такой даты не существует",
    ),
    (
        "an indicator and a name at once",
        (TAGS, "metrics:\n  - indicator: frequency\n    name: Кч\n    before: 1\n    after: 2\n" + TAGS),
        "metrics[0]: укажите либо indicator (показатель калькуляторов), либо name",
    ),
    (
        "neither an indicator nor a name",
        (TAGS, "metrics:\n  - before: 1\n    after: 2\n" + TAGS),
        "metrics[0]: укажите показатель: indicator",
    ),
    (
        "a unit for a calculator indicator",
        (TAGS, 'metrics:\n  - indicator: frequency\n    unit: "%"\n    before: 1\n    after: 2\n' + TAGS),
        "metrics[0]: unit указывается только у своего показателя",
    ),
    ("a negative cost", (TAGS, "cost:\n  amount: -5\n" + TAGS), "cost.amount: значение должно быть не меньше 0"),
    ("a cost without an amount", (TAGS, "cost:\n  year: 2024\n" + TAGS), "cost.amount: обязательное поле отсутствует"),
    ("a cost year in the future", (TAGS, "cost:\n  amount: 5\n  year: 2030\n" + TAGS), "cost.year: дата 2030 ещё"),
    ("an unknown sector", ("sector: commercial", "sector: ngo"), "organization.sector: недопустимое значение «ngo»"),
    (
        "«нет сведений» among other answers",
        ("dissemination: [website, training]", "dissemination: [website, нет сведений]"),
        "dissemination: «нет сведений» — единственный ответ",
    ),
    ("an empty answer is still no answer", ("adoptions: Не выявлено.", 'adoptions: ""'), "adoptions: поле пустое"),
    ("full-width digits in a date", ("date: 2026-03-14", "date: ２０２６-03-14"), "date: дата должна быть в формате"),
    (
        "links of version 1",
        (TAGS, "links: [https://example.org]\n" + TAGS),
        "links: поле links заменено списком sources",
    ),
]


@pytest.mark.parametrize(("change"), [change for _, change in GOOD], ids=[name for name, _ in GOOD])
def test_good_values_pass(change: tuple[str, str]) -> None:
    old, new = change
    text = VALID.replace(old, new, 1)
    assert text != VALID
    card, errors = load(text)
    assert errors == [] and card is not None


@pytest.mark.parametrize(
    ("change", "message"), [(change, message) for _, change, message in BAD], ids=[name for name, _, _ in BAD]
)
def test_bad_values_are_refused_in_russian(change: tuple[str, str], message: str) -> None:
    old, new = change
    text = VALID.replace(old, new, 1)
    assert text != VALID
    card, errors = load(text)
    assert card is None
    assert any(error.startswith(message) for error in errors), errors


def test_enumeration_errors_name_russian_labels_never_codes() -> None:
    _, errors = load(VALID.replace("presentation_format: [round_table]", "presentation_format: [roundtable]"))
    [error] = errors
    assert "Круглый стол; Конференция" in error and "Конкурс, премия" in error
    for code in ("round_table", "videoconference", "event_report", "contest", "other"):
        assert code not in error


def test_a_municipal_enterprise_said_to_be_budget_is_a_warning() -> None:
    text = VALID.replace("ООО «Тестовый складской терминал»", "МУП «Горводоканал»").replace(
        "sector: commercial", "sector: budget"
    )
    card, problems = parse_card(text, "kartochka", "practices/kartochka.md", TODAY)
    assert card is not None
    assert [p.message for p in problems if p.field == "organization.sector"] == [
        "муниципальное унитарное предприятие — коммерческая организация: проверьте тип организации "
        "(«Коммерческая организация»)"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("нет сведений", True),
        ("Нет сведений.", True),
        ("  НЕТ   СВЕДЕНИЙ  ", True),
        (["нет сведений"], True),
        ("Не выявлено.", False),
        ("нет сведений о затратах", False),
        (["website", "нет сведений"], False),
        ("", False),
        (None, False),
    ],
)
def test_is_no_information(value: object, expected: bool) -> None:
    assert is_no_information(value) is expected


def test_card_exposes_the_new_fields() -> None:
    text = with_fields(
        "introduced: 2023-05\n"
        "co_organizers:\n  - name: Краевая организация профсоюза\n    role: методика\n"
        "sources:\n  - url: https://example.org/n/1\n    title: Новость\n    publisher: Минтруд\n    date: 2024-05-12\n"
        "metrics:\n  - indicator: frequency\n    before: 8.82\n    after: 2.94\n    period_before: 2023\n"
        '  - name: Доля без СИЗ\n    unit: "%"\n    before: 11\n    after: 3\n'
        "cost:\n  amount: 180000\n  year: 2024\n",
    ).replace("adoptions: Не выявлено.", "adoptions: нет сведений")
    card, errors = load(text)
    assert errors == [] and card is not None
    assert (card.country, card.is_foreign, card.region) == ("Россия", False, "Краснодарский край")
    assert card.introduced is not None and card.introduced.text == "2023-05"
    assert [(c.name, c.role) for c in card.co_organizers] == [("Краевая организация профсоюза", "методика")]
    [source] = card.sources
    assert (source.url, source.title, source.publisher, source.date.text) == (
        "https://example.org/n/1",
        "Новость",
        "Минтруд",
        "2024-05-12",
    )
    first, second = card.metrics
    assert (first.indicator, first.label, first.unit) == (
        "frequency",
        "Коэффициент частоты травматизма Кч",
        "на 1000 работников",
    )
    assert (first.before, first.after, first.period_before, first.period_after) == (8.82, 2.94, "2023", None)
    assert (second.indicator, second.label, second.unit, second.before, second.after) == (
        None,
        "Доля без СИЗ",
        "%",
        11,
        3,
    )
    assert card.cost is not None and (card.cost.amount, card.cost.year, card.cost.note) == (180000, 2024, None)
    assert card.says_no_information("adoptions") and not card.says_no_information("result")
    assert card.completeness == (12, 13)
    assert card.size_group == "large"


def test_headcount_unknown_is_its_own_size_group() -> None:
    card, _ = load(VALID.replace("  employees: 340\n", ""))
    assert card is not None and card.employees is None and card.size_group == "unknown"
    size = next(facet for facet in FACETS if facet.id == "size")
    assert size.values_of(card) == ["unknown"] and size.label_of("unknown") == "не указано"


def test_sort_date_is_introduced_else_the_latest_source_else_the_submission() -> None:
    submitted, _ = load(VALID.replace("title: Поведенческие", "title: В Поведенческие"), "a-submitted")
    sourced, _ = load(
        with_fields(
            "sources:\n  - url: https://x.org/1\n    date: 2021\n  - url: https://x.org/2\n    date: 2022-03\n"
        ),
        "b-sourced",
    )
    introduced, _ = load(
        with_fields("introduced: 2020\nsources:\n  - url: https://x.org/1\n    date: 2024-01-01\n"), "c-introduced"
    )
    assert submitted and sourced and introduced
    assert (submitted.sort_date.text, sourced.sort_date.text, introduced.sort_date.text) == (
        "2026-03-14",
        "2022-03",
        "2020",
    )
    # «Сначала новые»: a practice of 2020 typed in today does not come first.
    assert [card.id for card in sorted_cards([introduced, sourced, submitted])] == [
        "a-submitted",
        "b-sourced",
        "c-introduced",
    ]
    assert [entry["date"] for entry in catalogue_data([introduced, sourced, submitted])["cards"]] == [
        "2026-03-14",
        "2022-03",
        "2020",
    ]
    # A year alone sorts before the months of that year, ties by title.
    same_year, _ = load(
        with_fields("introduced: 2020-06\n").replace("title: Поведенческие", "title: Я Поведенческие"), "d-same-year"
    )
    assert same_year is not None
    assert [card.id for card in sorted_cards([introduced, same_year])] == ["d-same-year", "c-introduced"]


def test_foreign_practice_is_marked_and_left_out_of_the_regional_report_unless_asked() -> None:
    russian, _ = load(VALID, "rossiyskaya")
    foreign, errors = load(
        VALID.replace("region: Краснодарский край\n", "country: Германия\nregion: Бавария\n"), "zarubezhnaya"
    )
    assert errors == [] and russian and foreign
    assert (foreign.is_foreign, foreign.country, foreign.region) == (True, "Германия", "Бавария")
    assert selection.select([russian, foreign], selection.Selection()) == [russian]
    both = selection.Selection(include_foreign=True)
    assert {card.id for card in selection.select([russian, foreign], both)} == {"rossiyskaya", "zarubezhnaya"}
    assert "включая зарубежный опыт" in both.describe()
    region = next(facet for facet in FACETS if facet.id == "region")
    assert region.values_of(foreign) == []
