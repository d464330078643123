"""Loading and validating cards: every problem named by file, line and field, in Russian."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_tools.cards.loading import load_cards, parse_card
from build_tools.cards.schema import official_fields
from tests.sites import FIXTURE_CARDS, REPO, run_build_tools

TODAY = dt.date(2026, 11, 23)
VALID = (FIXTURE_CARDS / "povedencheskie-audity-bezopasnosti.md").read_text(encoding="utf-8")


def problems_of(text: str, stem: str = "kartochka-primer") -> list[str]:
    _, problems = parse_card(text, stem, f"practices/{stem}.md", TODAY)
    return [str(problem) for problem in problems]


def errors_of(text: str, stem: str = "kartochka-primer") -> list[str]:
    _, problems = parse_card(text, stem, f"practices/{stem}.md", TODAY)
    return [str(problem) for problem in problems if problem.is_error]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_card_loads_with_typed_facets() -> None:
    card, problems = parse_card(VALID, "povedencheskie-audity-bezopasnosti", "practices/x.md", TODAY)
    assert card is not None, problems
    assert card.quarter == "2026Q1"
    assert card.okved_section is not None and card.okved_section.letter == "H"
    assert card.size_group == "large"
    assert card.golden_rules == [1, 2, 7]


def test_schema_has_the_thirteen_official_questions_and_the_direction_apart() -> None:
    keys = [field.key for field in official_fields()]
    assert [field.number for field in official_fields()] == list(range(1, 14))
    assert keys[0] == "organization" and keys[1] == "summary" and keys[-1] == "incentives"
    assert "category" not in keys
    assert official_fields()[-1].label == (
        "Какие механизмы стимулирования предоставления и тиражирования передового опыта использовались ОИВ"
    )


def test_missing_field_is_named_with_its_official_label() -> None:
    text = VALID.replace(
        "why_advanced: >-\n  Аудит строится на диалоге, а не на наказании; "
        "результаты аудитов анализируются ежемесячно.\n",
        "",
    )
    assert "why_advanced" not in text
    assert errors_of(text) == [
        "practices/kartochka-primer.md:1: why_advanced: обязательное поле отсутствует "
        "(«Почему этот опыт можно считать передовым»)"
    ]


def test_empty_field_is_an_error_on_its_line() -> None:
    text = VALID.replace("adoptions: Не выявлено.", "adoptions:")
    line = line_of(text, "adoptions:")
    assert errors_of(text) == [
        f"practices/kartochka-primer.md:{line}: adoptions: поле пустое: напишите ответ словами "
        "(если источник об этом не сообщает — «нет сведений»)"
    ]


def test_unknown_key_suggests_the_intended_field() -> None:
    text = VALID.replace("incentives:", "incentivs:")
    errors = errors_of(text)
    assert any("incentivs: неизвестное поле: возможно, имелось в виду «incentives»" in e for e in errors)
    assert any("incentives: обязательное поле отсутствует" in e for e in errors)


def test_enum_error_lists_allowed_values_with_russian_labels() -> None:
    text = VALID.replace("sector: commercial", "sector: comercial")
    line = line_of(text, "sector:")
    [error] = errors_of(text)
    assert error.startswith(f"practices/kartochka-primer.md:{line}: organization.sector: недопустимое значение")
    assert "Коммерческая организация; Индивидуальный предприниматель" in error
    # Russian labels only: the codes of the file mean nothing to someone filling in a form.
    assert "commercial" not in error and "entrepreneur" not in error


def test_code_like_typo_in_open_list_is_not_taken_as_free_text() -> None:
    text = VALID.replace("dissemination: [website, training]", "dissemination: [websit, training]")
    [error] = errors_of(text)
    assert "dissemination[0]: неизвестное значение «websit»" in error
    assert "Публикация на сайте" in error and "website" not in error.replace("«websit»", "")


def test_free_text_answer_is_accepted_in_open_lists() -> None:
    text = VALID.replace("presentation_format: [round_table]", "presentation_format: Выездное совещание")
    assert errors_of(text) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("date: 2026-03-14", "date: 2026-02-30", "date", "такой даты не существует: 2026-02-30"),
        ("date: 2026-03-14", "date: 2027-01-10", "date", "дата 2027-01-10 ещё не наступила"),
        ("date: 2026-03-14", "date: 14.03.2026", "date", "дата должна быть в формате ГГГГ-ММ-ДД"),
        (
            "activity: 52.10 Деятельность",
            "activity: 52-10 Деятельность",
            "organization.activity",
            "нужен код ОКВЭД 2",
        ),
        (
            "activity: 52.10 Деятельность",
            "activity: 34.10 Деятельность",
            "organization.activity",
            "кода 34.10 нет в ОКВЭД 2: проверьте код",
        ),
        (
            "region: Краснодарский край",
            "region: Краснодарская область",
            "region",
            "не субъект Российской Федерации",
        ),
        ("employees: 340", "employees: 0", "organization.employees", "не меньше 1"),
        ("golden_rules: [1, 2, 7]", "golden_rules: [1, 8]", "golden_rules[1]", "недопустимое значение 8"),
    ],
)
def test_value_errors(old: str, new: str, field: str, message: str) -> None:
    text = VALID.replace(old, new)
    assert text != VALID
    line = line_of(text, new.split(":")[0] + ":")
    [error] = errors_of(text)
    assert error.startswith(f"practices/kartochka-primer.md:{line}: {field}: ")
    assert message in error


def test_summary_longer_than_600_characters() -> None:
    long = "а" * 601
    text = VALID.replace("summary: >-\n", f"summary: {long}\nsummary_old: >-\n")
    assert any("summary: слишком длинно: 601 симв., допустимо не более 600" in e for e in errors_of(text))


def test_file_name_must_be_a_slug() -> None:
    assert errors_of(VALID, stem="Поведенческие_аудиты")[0].startswith(
        "practices/Поведенческие_аудиты.md:1: имя файла: имя файла «Поведенческие_аудиты.md» не подходит"
    )


def test_yaml_error_names_its_line() -> None:
    text = VALID.replace("tags: [поведенческий аудит, склад]", "tags: [поведенческий аудит, склад")
    [error] = errors_of(text)
    assert error.startswith("practices/kartochka-primer.md:")
    assert ": фронтматтер: ошибка YAML: список в квадратных скобках не закрыт" in error


def test_missing_front_matter() -> None:
    assert errors_of("# Просто текст\n") == [
        "practices/kartochka-primer.md:1: фронтматтер: нет фронтматтера: файл должен начинаться строкой «---»"
    ]


def test_duplicate_key_is_reported() -> None:
    text = VALID.replace("adoptions: Не выявлено.", "adoptions: Не выявлено.\nadoptions: Есть.")
    line = line_of(text, "adoptions: Есть.")
    assert f"practices/kartochka-primer.md:{line}: adoptions: поле указано дважды" in "\n".join(errors_of(text))


def test_personal_data_is_a_warning_not_an_error() -> None:
    text = VALID.replace("adoptions: Не выявлено.", "adoptions: Звоните +7 (912) 345-67-89, ivanov@mail.ru")
    problems = problems_of(text)
    assert errors_of(text) == []
    assert any("adoptions: предупреждение: похоже на номер телефона" in p for p in problems)
    assert any("adoptions: предупреждение: похоже на адрес электронной почты" in p for p in problems)


def test_non_http_source_addresses_are_refused() -> None:
    text = VALID.replace("tags: [", 'sources:\n  - url: "javascript:alert(1)"\ntags: [')
    assert any("sources[0].url: допускаются только ссылки" in e for e in errors_of(text))


def test_unknown_metric_indicator_lists_calculator_ids() -> None:
    text = VALID.replace("tags: [", "metrics:\n  - indicator: frequence\n    before: 8.8\n    after: 2.9\ntags: [")
    [error] = errors_of(text)
    assert "metrics[0].indicator: неизвестный показатель «frequence»" in error
    assert "Коэффициент частоты травматизма Кч" in error and "frequency" not in error


def test_load_cards_reports_every_problem_of_every_card(tmp_path: Path) -> None:
    (tmp_path / "good-card.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "bad-one.md").write_text(VALID.replace("sector: commercial", "sector: x"), encoding="utf-8")
    (tmp_path / "bad-two.md").write_text("no front matter", encoding="utf-8")
    result = load_cards([tmp_path], root=tmp_path, today=TODAY)
    assert [card.id for card in result.cards] == ["good-card"]
    assert sorted({problem.path for problem in result.errors}) == ["bad-one.md", "bad-two.md"]


def test_cli_exit_codes_and_output(tmp_path: Path) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "good-card.md").write_text(VALID, encoding="utf-8")
    ok = run_build_tools("validate", cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (practices / "bad-card.md").write_text(VALID.replace("adoptions: Не выявлено.", "adoptions:"), encoding="utf-8")
    bad = run_build_tools("validate", cwd=tmp_path)
    assert bad.returncode == 1
    line = line_of(VALID, "adoptions:")
    assert f"practices/bad-card.md:{line}: adoptions: поле пустое" in bad.stdout
    one = run_build_tools("validate", "practices/good-card.md", cwd=tmp_path)
    assert one.returncode == 0


def test_repository_cards_are_valid() -> None:
    result = load_cards([REPO / "practices"], root=REPO)
    assert result.errors == []
    assert len(result.cards) >= 30


def test_fast_validity_check_agrees_with_jsonschema() -> None:
    """The fast path must never accept what jsonschema rejects (nor the reverse)."""
    import fastjsonschema

    from build_tools.cards.frontmatter import parse
    from build_tools.cards.schema_messages import _is_valid, _validator

    mutations = [
        ("sector: commercial", "sector: comercial"),
        ("adoptions: Не выявлено.", "adoptions:"),
        ("adoptions: Не выявлено.", 'adoptions: "  "'),
        ("category:\n  - organization\n  - ohs_service", "category: []"),
        ("employees: 340", "employees: 0"),
        ("employees: 340", "employees: 3.5"),
        ("golden_rules: [1, 2, 7]", "golden_rules: [1, 1]"),
        ("golden_rules: [1, 2, 7]", "golden_rules: [true]"),
        ("dissemination: [website, training]", "dissemination: [websit]"),
        ("dissemination: [website, training]", "dissemination: Свой вариант"),
        ("date: 2026-03-14", "date: 14.03.2026"),
        ("activity: 52.10", "activity: 52.1"),
        ("activity: 52.10", "activity: 5.10"),
        ("tags: [", "sources: [{url: ftp://x}]\ntags: ["),
        ("tags: [", "sources: [{publisher: Минтруд}]\ntags: ["),
        ("tags: [", "introduced: 2023-5\ntags: ["),
        ("tags: [", "metrics: [{name: Доля, indicator: frequency, before: 1, after: 2}]\ntags: ["),
        ("tags: [", "cost: {amount: -1}\ntags: ["),
        ("region: Краснодарский край", "country: Германия"),
        ("schema_version: 2", "schema_version: 3"),
        ("tags: [", "example: yes please\ntags: ["),
        ("incentives:", "incentivs:"),
        ("title: Поведенческие", "title: Кратко\nold_title: Поведенческие"),
    ]
    for old, new in [("", ""), *mutations]:
        text = VALID.replace(old, new) if old else VALID
        data = parse(text).data
        try:
            _is_valid()(data)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        assert fast == _validator().is_valid(data), new
