"""«Предложить практику» in Debian's Chromium: the form says what the command line says, and the
file it gives is a card that `python -m build_tools validate` accepts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from build_tools.cards.loading import parse_card
from tests.sites import run_build_tools

pytestmark = pytest.mark.browser

VALID = {
    "title": "Наставничество для новых работников склада",
    "region": "Краснодарский край",
    "municipality": "город Новороссийск",
    "date": "2026-03-14",
    "organization.name": 'ООО «Склад-Сервис»: "цех" #1',
    "organization.sector": "commercial",
    "organization.activity": "52.10 Деятельность по складированию и хранению",
    "organization.employees": "120",
    "category": ["organization"],
    "summary": "Каждому новому работнику назначается наставник на три месяца: - он учит безопасным приёмам.",
    "problem": "Новые работники чаще получали травмы в первые месяцы работы.",
    "why_advanced": "Наставник отвечает за безопасность подопечного наравне с мастером.",
    "result": "Травм среди новых работников за год не было.",
    "demand": "Высокая: складов в регионе много.",
    "replicability": "Подходит любой организации с текучестью кадров.",
    "adoptions": "Не выявлено.",
    "source": ["direct"],
    "presentation_format": ["round_table"],
    "dissemination": ["website"],
    "challenges": "Наставникам не хватало времени.\nРешили доплатой.",
    "incentives": "Доплата наставникам 10 % оклада.",
    "golden_rules": ["7"],
    "tags": "наставничество, склад",
    "sources[0].url": "https://example.org/nastavnichestvo",
    "body": "## Как устроено\n\nНаставник — опытный кладовщик.\n\n- первая неделя: инструктажи;\n- затем: в паре.",
}

# Each: (what is changed, how) — the form must say exactly what the validator says about it.
BROKEN = [
    ("title", ""),
    ("title", "Кратко"),
    ("title", "Очень длинное название " * 10),
    ("region", ""),
    ("date", ""),
    ("date", "2026-02-30"),
    ("date", "14/03/2026"),
    ("date", "30.02.2026"),
    ("date", "2099-01-01"),
    ("date", "1985-05-05"),
    ("organization.name", "   "),
    ("organization.sector", ""),
    ("organization.activity", ""),
    ("organization.activity", "52.10Складирование"),
    ("organization.activity", "00.11 Несуществующий класс"),
    ("organization.employees", "сто"),
    ("organization.employees", "0"),
    ("summary", "Очень подробно. " * 40),
    ("problem", ""),
    ("category", []),
    ("dissemination", []),
    ("sources[0].url", "ftp://example.org/file"),
    ("summary", "Звоните наставнику: +7 (918) 123-45-67."),
    ("organization.name", "Почта для связи info@example.ru"),
    # Hostile input (issue 14): the form refuses what the validator refuses, in its words.
    ("title", "\u202eНаставничество для новых работников"),
    ("title", "Наставничество\u2028для новых работников"),
    ("title", "Наставничество для новых\ufffe работников"),
    ("title", "Наставничество \x1b[2J для новых работников"),
    ("title", "\u200b" * 12),
    ("organization.name", "ООО \u2066«Склад-Сервис»"),
    ("organization.activity", "٥٢.١٠ Деятельность по складированию и хранению"),
    ("organization.employees", "99999999999999999999"),
    ("organization.employees", "9007199254740992"),
    ("tags", "наставничество, \u200b\u200b, склад\u202e"),
]


def fill(page, values: dict) -> None:
    """Answer the form as a person would: by control name («sources[1].url», «source:other»); the
    rows of a list are added with its button as needed. A list ticks those boxes, a bool one box."""
    for name, value in values.items():
        row = re.match(r"^(\w+)\[(\d+)\]\.", name)
        if row:
            while page.locator(f'[data-row="{row[1]}"]').count() <= int(row[2]):
                page.click(f'[data-action="add-row"][data-path="{row[1]}"]')
        controls = page.locator(f'[name="{name}"]')
        if isinstance(value, list):
            for box in controls.all():
                box.set_checked(box.get_attribute("value") in value)
        elif isinstance(value, bool):
            controls.set_checked(value)
        elif controls.evaluate("element => element.tagName") == "SELECT":
            controls.select_option(value)
        else:
            controls.fill(value)
        if name == "organization.activity":
            # The classifier arrives and its messages move the page: go on once it is here.
            page.wait_for_selector("form[data-card-form][data-okved]", state="attached")


def press(page, action: str) -> None:
    """Click a button of the form and wait until it has checked the card (the classifier may load first)."""
    before = page.get_attribute("form[data-card-form]", "data-checks")
    page.click(f'[data-action="{action}"]')
    page.wait_for_function(f"document.querySelector('form[data-card-form]').dataset.checks !== '{before}'")


def shown_messages(page) -> set[tuple[str, str]]:
    items = page.eval_on_selector_all(
        "[data-messages-for] p", "items => items.map(p => [p.dataset.path, p.textContent])"
    )
    return {(path, text) for path, text in items}


def validator_messages(text: str) -> set[tuple[str, str]]:
    _, problems = parse_card(text, "novaya-praktika", "practices/novaya-praktika.md", dt.date.today())
    return {
        (problem.field, problem.message if problem.is_error else f"предупреждение: {problem.message}")
        for problem in problems
    }


def produced_file(page) -> str:
    return page.locator("[data-file]").input_value()


def test_an_empty_required_field_is_refused_with_the_command_lines_message(page, form_url: str, tmp_path: Path):
    page.goto(form_url)
    fill(page, {**VALID, "title": ""})
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    press(page, "download")
    message = page.locator('[data-messages-for="title"] p').inner_text()
    assert not downloads
    assert page.locator('input[name="title"]').get_attribute("aria-invalid") == "true"
    # The same words as the command line, run on the card file as the form would write it.
    card = tmp_path / "practices" / "kartochka-bez-nazvaniya.md"
    card.parent.mkdir()
    card.write_text(produced_file(page), encoding="utf-8")
    result = run_build_tools("validate", str(card), cwd=tmp_path)
    assert result.returncode == 1
    assert f": title: {message}" in result.stdout + result.stderr


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[f"{p}={v!r}"[:60] for p, v in BROKEN])
def test_the_form_says_what_the_validator_says(page, form_url: str, path: str, value: object) -> None:
    page.goto(form_url)
    fill(page, {**VALID, path: value})
    press(page, "download")  # shows every message, as a contributor would see them
    expected = validator_messages(produced_file(page))
    assert expected, "a broken answer must be reported"
    assert shown_messages(page) == expected


def test_a_filled_form_gives_a_card_the_validator_accepts(page, form_url: str, tmp_path: Path) -> None:
    page.goto(form_url)
    fill(page, VALID)
    with page.expect_download() as download_info:
        page.click('[data-action="download"]')
    download = download_info.value
    assert download.suggested_filename == "nastavnichestvo-dlya-novykh-rabotnikov-sklada.md"
    card = tmp_path / "practices" / download.suggested_filename
    card.parent.mkdir()
    download.save_as(card)
    result = run_build_tools("validate", str(card), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # What was typed is what the card holds: quotes, colons, «#», line breaks and all.
    parsed, problems = parse_card(card.read_text(encoding="utf-8"), card.stem, "practices/x.md", dt.date.today())
    assert parsed is not None, problems
    assert parsed.data["organization"]["name"] == VALID["organization.name"]
    assert parsed.data["organization"]["employees"] == 120
    assert parsed.data["challenges"] == VALID["challenges"]
    assert parsed.data["summary"] == VALID["summary"]
    assert parsed.data["golden_rules"] == [7]
    assert parsed.data["tags"] == ["наставничество", "склад"]
    assert parsed.body.strip() == VALID["body"]


def test_the_draft_survives_a_reload_and_github_gets_the_file(page, form_url: str) -> None:
    page.goto(form_url)
    fill(page, VALID)
    page.reload()
    assert page.locator('input[name="title"]').input_value() == VALID["title"]
    assert page.locator("[data-draft-note]").is_visible()
    link = urlparse(page.locator('[data-action="github"]').get_attribute("href"))
    assert (link.netloc, link.path) == ("github.com", "/okhrana-truda/praktiki/new/main")
    query = parse_qs(link.query)
    assert query["filename"] == ["practices/nastavnichestvo-dlya-novykh-rabotnikov-sklada.md"]
    assert query["value"] == [produced_file(page)]
    page.click('[data-action="clear"]')
    page.reload()
    assert page.locator('input[name="title"]').input_value() == ""


def test_typed_markup_stays_text_in_the_preview(page, form_url: str) -> None:
    dialogs: list[object] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    page.goto(form_url)
    fill(page, {**VALID, "title": "Аудит <img src=x onerror=alert(1)> склада", "body": "<script>alert(2)</script>"})
    preview = page.locator("[data-preview]")
    assert "<img src=x onerror=alert(1)>" in preview.locator("h3").inner_text()
    assert preview.locator("img, script").count() == 0
    assert not dialogs


def test_refused_characters_reach_the_file_only_as_escapes(page, form_url: str) -> None:
    page.goto(form_url)
    fill(page, {**VALID, "title": "Наставничество \u202eдля новых работников"})
    page.click('[data-action="download"]')
    file = produced_file(page)
    # Written as a YAML escape, the character stays in its field for the validator to name.
    assert "\u202e" not in file and 'title: "Наставничество \\u202eдля новых работников"' in file
    assert validator_messages(file) == {
        ("title", "недопустимый символ U+202E (символ смены направления текста): удалите его")
    }


def test_a_refused_character_in_the_body_is_refused_with_the_validators_words(page, form_url: str) -> None:
    page.goto(form_url)
    fill(page, {**VALID, "body": "Абзац с \u202eперевёрнутым текстом."})
    page.click('[data-action="download"]')
    _, problems = parse_card(produced_file(page), "novaya-praktika", "practices/novaya-praktika.md", dt.date.today())
    assert [(problem.field, problem.message) for problem in problems if problem.is_error] == [
        ("текст карточки", "недопустимый символ U+202E (символ смены направления текста): удалите его")
    ]
    # The form names the field as the validator does.
    assert shown_messages(page) == {
        ("текст карточки", "недопустимый символ U+202E (символ смены направления текста): удалите его")
    }


def test_a_lone_surrogate_is_refused_and_no_file_is_given(page, form_url: str) -> None:
    page.goto(form_url)
    fill(page, VALID)
    # A lone surrogate cannot be typed, but a script or a paste can put one in a field.
    page.eval_on_selector('[name="organization.name"]', "el => { el.value = 'ООО \\ud800'; }")
    page.dispatch_event('[name="organization.name"]', "input")
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.click('[data-action="download"]')
    assert shown_messages(page) == {
        ("organization.name", "недопустимый символ U+D800 (одиночный суррогат): удалите его")
    }
    assert not downloads
    # The validator refuses the file the form would have written, too.
    assert validator_messages(produced_file(page))
