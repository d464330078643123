"""«Предложить практику» follows card model v2 (issue 10), in Debian's Chromium: every new field is
written to a file `python -m build_tools validate` accepts and reads back as typed; broken answers
get the validator's own words; ОКВЭД 2 is searched as `okved.search` does; a draft with errors is
saved and opened again; the body's preview is the site's Markdown."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.cards import okved
from build_tools.cards.loading import parse_card
from build_tools.cards.schema_messages import DRAFT_KEY, DRAFT_MESSAGE
from build_tools.contribution.form_fields import form_fields
from build_tools.site.markdown_body import BodyRenderer
from calculators.indicators import INDICATORS
from tests.sites import run_build_tools
from tests.test_card_form import fill, press, produced_file, shown_messages, validator_messages

pytestmark = pytest.mark.browser

SUMMARY = "Каждому новому работнику склада назначается наставник на три месяца: он учит безопасным приёмам."
BODY = "## Как устроено\n\nНаставник — опытный кладовщик.\n\n- первая неделя: инструктажи;\n- затем: работа в паре."

# Every field of the schema, typed as a contributor would: dates as ДД.ММ.ГГГГ and ММ.ГГГГ, a
# decimal comma, a space between thousands, «свой вариант», «нет сведений» by its switch.
VALID_V2: dict[str, object] = {
    "title": "Наставничество для новых работников склада",
    "region": "Краснодарский край",
    "municipality": "город Новороссийск",
    "date": "14.03.2026",
    "introduced": "05.2023",
    "example": True,
    "organization.name": "ООО «Склад-Сервис»",
    "organization.sector": "commercial",
    "organization.activity": "52.10",
    "organization.employees": "120",
    "co_organizers[0].name": "Краснодарская краевая организация профсоюза",
    "co_organizers[0].role": "методическая поддержка",
    "co_organizers[1].name": "Учебный центр «Охрана»",
    "category": ["organization", "ohs_service"],
    "summary": SUMMARY,
    "problem:none": True,
    "why_advanced": "Наставник отвечает за безопасность подопечного наравне с мастером.",
    "result": "Травм среди новых работников за год не было.",
    "demand": "Высокая: складов в регионе много.",
    "replicability": "Подходит любой организации с текучестью кадров.",
    "adoptions": "Не выявлено.",
    "source": ["direct"],
    "source:other": "Конкурс «Лучший наставник года»",
    "presentation_format": [],
    "presentation_format:other": "Отчёт на заседании трёхсторонней комиссии",
    "dissemination:none": True,
    "challenges": "Наставникам не хватало времени.\nРешили доплатой.",
    "incentives": "Доплата наставникам 10 % оклада.",
    "sources[0].url": "https://example.org/nastavnichestvo",
    "sources[0].title": "Наставники на складе",
    "sources[0].publisher": "Министерство труда края",
    "sources[0].date": "12.05.2024",
    "sources[1].title": "Отчёт о наставничестве",
    "sources[1].date": "2024",
    "metrics[0].indicator": "frequency",
    "metrics[0].before": "8,82",
    "metrics[0].after": "2,94",
    "metrics[0].period_before": "2023",
    "metrics[0].period_after": "2024",
    "metrics[1].name": "Доля новых работников без травм",
    "metrics[1].unit": "%",
    "metrics[1].before": "87",
    "metrics[1].after": "100",
    "metrics[1].period_before": "2023",
    "metrics[1].period_after": "2024",
    "cost.amount": "180 000",
    "cost.year": "2024",
    "cost.note": "обучение наставников, доплата",
    "golden_rules": ["6", "7"],
    "tags": "наставничество, склад",
    "body": BODY,
}

# What the file holds, in the order of a card (the lead's specification).
EXPECTED: dict[str, object] = {
    "schema_version": 2,
    "title": "Наставничество для новых работников склада",
    "region": "Краснодарский край",
    "municipality": "город Новороссийск",
    "date": "2026-03-14",
    "introduced": "2023-05",
    "example": True,
    "organization": {
        "name": "ООО «Склад-Сервис»",
        "sector": "commercial",
        "activity": "52.10",
        "employees": 120,
    },
    "co_organizers": [
        {"name": "Краснодарская краевая организация профсоюза", "role": "методическая поддержка"},
        {"name": "Учебный центр «Охрана»"},
    ],
    "category": ["organization", "ohs_service"],
    "summary": SUMMARY,
    "problem": "нет сведений",
    "why_advanced": "Наставник отвечает за безопасность подопечного наравне с мастером.",
    "result": "Травм среди новых работников за год не было.",
    "demand": "Высокая: складов в регионе много.",
    "replicability": "Подходит любой организации с текучестью кадров.",
    "adoptions": "Не выявлено.",
    "source": ["direct", "Конкурс «Лучший наставник года»"],
    "presentation_format": ["Отчёт на заседании трёхсторонней комиссии"],
    "dissemination": "нет сведений",
    "challenges": "Наставникам не хватало времени.\nРешили доплатой.",
    "incentives": "Доплата наставникам 10 % оклада.",
    "sources": [
        {
            "url": "https://example.org/nastavnichestvo",
            "title": "Наставники на складе",
            "publisher": "Министерство труда края",
            "date": "2024-05-12",
        },
        {"title": "Отчёт о наставничестве", "date": "2024"},
    ],
    "metrics": [
        {"indicator": "frequency", "before": 8.82, "after": 2.94, "period_before": "2023", "period_after": "2024"},
        {
            "name": "Доля новых работников без травм",
            "unit": "%",
            "before": 87,
            "after": 100,
            "period_before": "2023",
            "period_after": "2024",
        },
    ],
    "cost": {"amount": 180000, "year": 2024, "note": "обучение наставников, доплата"},
    "golden_rules": [6, 7],
    "tags": ["наставничество", "склад"],
}

FOREIGN = {"country:foreign": True, "country": "Германия", "region:foreign": "Бавария", "date": "2026-03-14"}

# Broken answers over a valid v2 card: the form must say exactly what the validator says.
BROKEN_V2: list[dict[str, object]] = [
    {"country:foreign": True, "country": ""},
    {"country:foreign": True, "country": "РФ"},
    {"country:foreign": True, "country": "Германия", "region:foreign": "Краснодарский край"},
    {"introduced": "весна 2023"},
    {"introduced": "13.2023"},
    {"introduced": "31.02.2023"},
    {"introduced": "2099"},
    {"introduced": "1850"},
    {"date": "30.02.2026"},
    {"co_organizers[1].name": "", "co_organizers[1].role": "информационная поддержка"},
    {"sources[1].title": "", "sources[1].publisher": "Министерство труда края"},
    {"sources[0].url": "ftp://example.org/nastavnichestvo"},
    {"sources[1].date": "2023-13"},
    {"metrics[1].name": ""},
    {"metrics[0].before": "много"},
    {"metrics[1].after": ""},
    {"cost.amount": ""},
    {"cost.amount": "-5"},
    {"cost.year": "24"},
    {"cost.year": "1850"},
    {"cost.year": "2024,5"},
    {"source:other": "webinar2"},
    {"presentation_format": ["conference"], "presentation_format:other": "нет сведений"},
    {"organization.activity": "52.10 Складирование"},
    {"organization.activity": "52.19"},
    {"organization.activity": "52.10.99 Хранение"},
    {"organization.sector": ""},
    {"organization.employees": "12,5"},
    {"body": "Звоните +7 918 123-45-67.\n\n<b>жирный</b> и [ссылка](javascript:alert(1))"},
]


def read_back(text: str, tmp_path: Path, name: str = "nastavnichestvo-dlya-novykh-rabotnikov-sklada"):
    card_path = tmp_path / "practices" / f"{name}.md"
    card_path.parent.mkdir(exist_ok=True)
    card_path.write_text(text, encoding="utf-8")
    result = run_build_tools("validate", str(card_path), cwd=tmp_path)
    card, problems = parse_card(text, name, "practices/x.md", dt.date.today())
    return result, card, problems


def test_a_filled_v2_form_gives_a_card_that_reads_back_as_typed(page, form_url: str, tmp_path: Path) -> None:
    page.goto(form_url)
    fill(page, VALID_V2)
    with page.expect_download() as download_info:
        press(page, "download")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    result, card, problems = read_back(text, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert card is not None, problems
    assert card.data == EXPECTED
    assert list(card.data) == list(EXPECTED)  # the card's own order of fields
    assert card.body.strip() == BODY
    # What the site makes of it.
    assert card.is_example and not card.is_foreign
    assert [metric.label for metric in card.metrics] == [
        INDICATORS["frequency"].label,
        "Доля новых работников без травм",
    ]
    assert card.sort_date.text == "2023-05"
    assert card.completeness == (11, 13)  # questions 3 and 11 answered «нет сведений»
    assert card.activity == "52.10 Деятельность по складированию и хранению"


def test_a_foreign_practice_keeps_the_russian_answers_it_does_not_write(page, form_url: str, tmp_path: Path) -> None:
    page.goto(form_url)
    fill(page, {**VALID_V2, **FOREIGN})
    assert page.locator('select[name="region"]').is_hidden()
    result, card, problems = read_back(produced_file(page), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert card is not None and card.is_foreign, problems
    assert (card.data["country"], card.data["region"], card.data["date"]) == ("Германия", "Бавария", "2026-03-14")
    # Back to Russia: the region chosen before is still there; the foreign one is kept too.
    page.uncheck('[name="country:foreign"]')
    _, card, _ = read_back(produced_file(page), tmp_path)
    assert "country" not in card.data and card.data["region"] == "Краснодарский край"
    assert page.locator('[name="region:foreign"]').input_value() == "Бавария"
    # «Россия» typed as the country is a Russian practice again: the subjects' list comes back.
    page.check('[name="country:foreign"]')
    page.fill('[name="country"]', "Россия")
    assert page.locator('select[name="region"]').is_visible()


def test_no_information_is_a_switch_that_loses_nothing(page, form_url: str) -> None:
    page.goto(form_url)
    written = "Наставник отвечает за безопасность подопечного."
    page.fill('[name="why_advanced"]', written)
    page.check('[name="why_advanced:none"]')
    assert page.locator('[name="why_advanced"]').input_value() == "нет сведений"
    assert 'why_advanced: "нет сведений"' in produced_file(page)
    page.reload()  # the draft in this browser keeps both
    page.uncheck('[name="why_advanced:none"]')
    assert page.locator('[name="why_advanced"]').input_value() == written
    assert f"why_advanced: {written!r}".replace("'", '"') in produced_file(page)


@pytest.mark.parametrize("broken", BROKEN_V2, ids=[repr(item)[:70] for item in BROKEN_V2])
def test_the_form_says_what_the_validator_says_about_v2_fields(page, form_url: str, broken: dict) -> None:
    page.goto(form_url)
    fill(page, {**VALID_V2, **broken})
    press(page, "download")
    expected = validator_messages(produced_file(page))
    assert expected, "a broken answer must be reported"
    assert shown_messages(page) == expected


def test_enumeration_messages_name_labels_never_codes(page, form_url: str) -> None:
    page.goto(form_url)
    press(page, "download")
    messages = " ".join(message for _, message in shown_messages(page))
    assert "Бюджетная организация" in messages  # the empty sector names its choices…
    codes = {
        str(option["value"])
        for field in form_fields()
        for option in field.options
        if isinstance(option["value"], str) and option["value"]
    }
    assert not [code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", messages)]


def test_errors_are_listed_and_tied_to_their_controls(page, form_url: str) -> None:
    page.goto(form_url)
    fill(page, {**VALID_V2, "title": "", "metrics[1].after": "", "sources[0].url": "ftp://x"})
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    press(page, "download")
    assert not downloads
    summary = page.locator("[data-summary] li a")
    assert summary.count() == len(shown_messages(page)) == 3
    assert page.evaluate("document.activeElement.matches('[data-summary]')")
    # Each message is described to its control: ids in aria-describedby, the control invalid.
    for slot_id in page.eval_on_selector_all(
        "[data-messages-for]:has(p.card-form__error)", "slots => slots.map(slot => slot.id)"
    ):
        described = page.locator(f'[aria-describedby~="{slot_id}"]:is(input, select, textarea)')
        assert described.count() >= 1, slot_id
        assert described.first.get_attribute("aria-invalid") == "true", slot_id
    # The list's link takes the focus to the field.
    page.locator("[data-summary] li a", has_text="Адрес публикации").click()
    assert page.evaluate("document.activeElement.name") == "sources[0].url"
    # Every control has a label; every row of a list is a group with a legend.
    unlabelled = page.eval_on_selector_all(
        "form[data-card-form] :is(input, select, textarea):not([type=hidden])",
        "items => items.filter(item => !item.labels.length && !item.getAttribute('aria-label')).map(item => item.name)",
    )
    assert unlabelled == []
    assert page.locator("fieldset[data-row]").count() == page.locator("fieldset[data-row] > legend").count() == 6


def test_summary_length_is_counted_as_you_type(page, form_url: str) -> None:
    page.goto(form_url)
    page.fill('[name="summary"]', "Наставник " * 10)
    counter = page.locator('[data-counter-for="summary"]')
    assert counter.inner_text() == "Символов: 99 из 600"  # the text as the file holds it, trimmed
    page.fill('[name="summary"]', "а" * 601)
    assert counter.inner_text() == "Символов: 601 из 600"
    assert "card-form__counter--over" in counter.get_attribute("class")
    assert shown_messages(page) == {("summary", "слишком длинно: 601 симв., допустимо не более 600")}


SEARCHES = ["склад", "52.1", "складир хран", "ХРАНЕНИЕ Зерна", "Ремонт электр", "05", "IP-телефон", "цемент", "абвгдеж"]


def test_okved_is_searched_as_the_command_line_searches_it(page, form_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(form_url)
    page.wait_for_load_state("networkidle")
    # The classifier (400 KB) is not part of the page: it is fetched when the search is used.
    assert not [url for url in requests if url.endswith("okved2.json")]
    assert "Хранение и складирование зерна" not in page.content()
    query = page.locator("[data-okved-query]")
    for text in SEARCHES:
        query.fill(text)
        expected = [entry.code for entry in okved.search(text)]
        page.wait_for_function(
            "count => document.querySelectorAll('[data-okved-results] [data-okved-code]').length === count",
            arg=len(expected),
        )
        shown = page.eval_on_selector_all(
            "[data-okved-results] [data-okved-code]", "items => items.map(i => i.dataset.okvedCode)"
        )
        assert shown == expected, text
    assert len([url for url in requests if url.endswith("okved2.json")]) == 1
    query.fill("хранение зерна")
    page.click('[data-okved-code="52.10.3"]')
    activity = page.locator('[name="organization.activity"]')
    assert activity.input_value() == "52.10.3 Хранение и складирование зерна"
    assert page.evaluate("document.activeElement.name") == "organization.activity"


def test_a_draft_with_errors_is_saved_marked_and_opened_again(page, form_url: str, tmp_path: Path) -> None:
    page.goto(form_url)
    broken = {"summary": "", "metrics[0].before": "много", "organization.activity": "52.10 Складирование"}
    fill(page, {**VALID_V2, **broken})
    with page.expect_download() as download_info:
        press(page, "save-draft")
    draft = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert download_info.value.suggested_filename == "nastavnichestvo-dlya-novykh-rabotnikov-sklada.md"
    assert draft.startswith("---\n# Черновик из формы «Предложить практику»: ошибок — 3.")
    # The validator refuses the draft for being one, and for the same errors the form shows.
    result, card, _ = read_back(draft, tmp_path)
    assert result.returncode == 1 and card is None
    assert f": {DRAFT_KEY}: {DRAFT_MESSAGE}" in result.stdout
    assert validator_messages(draft) - {(DRAFT_KEY, DRAFT_MESSAGE)} == shown_messages(page)
    card_text = produced_file(page)

    page.locator('[data-action="clear"]').last.click()
    assert page.locator('[name="title"]').input_value() == ""
    assert page.locator("[data-row]").count() == 0
    before = page.get_attribute("form[data-card-form]", "data-checks")
    page.set_input_files(
        "[data-open-file]",
        files=[{"name": "chernovik.md", "mimeType": "text/markdown", "buffer": draft.encode()}],
    )
    page.wait_for_function(f"document.querySelector('form[data-card-form]').dataset.checks !== '{before}'")
    # Everything is back, the wrong answers as they were typed, and shown with their messages.
    assert produced_file(page) == card_text
    assert page.locator('[name="metrics[0].before"]').input_value() == "много"
    assert page.locator('[name="source:other"]').input_value() == "Конкурс «Лучший наставник года»"
    assert page.locator('[name="problem:none"]').is_checked()
    assert validator_messages(card_text) == shown_messages(page)
    # The copy in this browser keeps the rows of the lists too.
    page.reload()
    assert produced_file(page) == card_text


def test_a_file_the_form_did_not_write_is_not_opened(page, form_url: str) -> None:
    page.goto(form_url)
    page.fill('[name="title"]', "Наставничество для новых работников")
    handwritten = (Path(__file__).parent / "fixtures" / "cards" / "povedencheskie-audity-bezopasnosti.md").read_bytes()
    before = page.get_attribute("form[data-card-form]", "data-checks")
    page.set_input_files(
        "[data-open-file]", files=[{"name": "x.md", "mimeType": "text/markdown", "buffer": handwritten}]
    )
    page.wait_for_function(f"document.querySelector('form[data-card-form]').dataset.checks !== '{before}'")
    assert "не открыт" in page.locator("[data-status]").inner_text()
    assert page.locator('[name="title"]').input_value() == "Наставничество для новых работников"


# The common constructs of a card's body, and a few traps (HTML, a javascript: link, «#» headings
# the site's sanitiser unwraps, a list right after a paragraph, which Python-Markdown leaves text).
MARKDOWN_SAMPLES = [
    "## Как устроено\n\nАбзац *курсив* и **жирный** и _тоже_ и __тоже__.\nВторая строка.",
    "# Заголовок первого уровня\n\nТекст",
    "Абзац\n- не список",
    "- а\n- б\n\n1. один\n2. два",
    "- а\n\n- б",
    "- a\n    - вложенный\n- b",
    "3. три\n4. четыре",
    "* звезда\n+ плюс",
    "[ссылка](https://x.org) [плохая](javascript:alert(1)) [отн](../a/) <https://auto.org>",
    '[ссылка с заголовком](https://x.org "Заголовок") и [сноска][1]\n\n[1]: https://example.org/1',
    "| A | B |\n|---|---|\n| 1 | **2** |\n| `a|b` | x |",
    "> цитата\n> ещё\n\n> вторая",
    "текст\n\n---\n\nпосле черты",
    "текст  \nперенос",
    "`код <b>` и <b>html</b> &amp; &copy; < > &",
    "    код блок\n    ещё\n\nпосле",
    "Заголовок\n=========\n\nЗаг2\n---",
    "***жирный курсив*** и **жирный *с курсивом* внутри**",
    "a_b_c и snake_case, 2*3*4",
    "Текст\n## Заголовок внутри\nпосле",
    "\\*не курсив\\* и \\[не ссылка\\]",
    "![картинка](https://x.org/a.png) и ![плохая](javascript:x)",
    "1. первый\n\n    продолжение первого\n\n2. второй",
    "*a **b** c* и __init__, 2 * 3 * 4",
    "[адрес со скобками](https://x.org/(1)) &hellip; &foo; &#8212;",
    "> - пункт в цитате\n> - ещё",
]


class _Tokens(HTMLParser):
    """HTML as (start, tag, attributes) / (text) / (end, tag), whitespace collapsed."""

    KEPT = ("href", "src", "alt", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted((k, v) for k, v in attrs if k in self.KEPT))))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))


def tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    found = []
    for token in parser.tokens:
        if token[0] == "text":
            text = " ".join(token[1].split())
            if text:
                found.append(("text", text))
        elif token != ("end", "br") and token[:2] != ("end", "hr") and token[:2] != ("end", "img"):
            found.append(token)
    return found


def test_the_preview_renders_markdown_as_the_site_does(page, form_url: str) -> None:
    page.goto(form_url)
    site = BodyRenderer()
    differences = []
    for sample in MARKDOWN_SAMPLES:
        page.fill('[name="body"]', sample)
        preview = page.locator("[data-preview-body]").evaluate("element => element.innerHTML")
        if tokens(preview) != tokens(site.render(sample)):
            differences.append((sample, tokens(preview), tokens(site.render(sample))))
    assert differences == []


def test_the_preview_builds_no_markup_from_text(page, form_url: str) -> None:
    dialogs: list[object] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    page.goto(form_url)
    page.fill(
        '[name="body"]',
        "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(2))"
        ' ![y](x" onerror="alert(3))\n\n<script>alert(4)</script>',
    )
    preview = page.locator("[data-preview-body]")
    assert preview.locator("script, [onerror]").count() == 0
    assert preview.locator('a[href^="javascript"]').count() == 0
    assert "<img src=x onerror=alert(1)>" in preview.inner_text()
    assert not dialogs


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_a_filled_form_with_errors_meets_wcag_and_fits_a_phone(
    browser, form_url: str, theme: str, viewport: dict
) -> None:
    from tests.test_accessibility import axe_violations

    context = browser.new_context(viewport=viewport, color_scheme=theme)
    page = context.new_page()
    page.goto(form_url)
    # Every kind of control shown: rows of each list, a foreign practice, the search's results,
    # «нет сведений», errors with their list, the preview with tables.
    fill(page, {**VALID_V2, **FOREIGN, "metrics[1].after": "", "cost.year": "24", "sources[0].url": "ftp://x"})
    page.fill("[data-okved-query]", "склад")
    page.wait_for_selector("[data-okved-results] [data-okved-code]")
    press(page, "download")
    assert axe_violations(page) == []
    width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= client, "форма шире экрана"
    context.close()
