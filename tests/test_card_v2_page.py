"""Card pages show what card model v2 carries: real or example, dates, completeness, co-organisers,
sources, results in numbers, cost and the economic effect; a real card's page and DOCX read back.

Expected texts are written out by hand from the card files, not produced by the code under test.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from build_tools.cards.loading import Card, parse_card
from build_tools.cards.schema import official_fields
from build_tools.site.render import CardPageRenderer
from tests.sites import REPO, make_project, mkdocs_build, plugin_options, serve

V2_CARDS = REPO / "tests" / "fixtures" / "v2_cards"
EFFECT_CARD = "snizhenie-poter-ot-travmatizma-v-tsekhe"
REAL_CARD = "lebedinskiy-gok-ispytaniya-promyshlennykh-ekzoskeletov"  # sources, co-organisers, introduced
TODAY = dt.date(2026, 11, 23)
LIVE_TIMEOUT_MS = 90_000  # Python in the browser (as in test_calculators_browser)


def load(name: str, text: str | None = None, folder: Path = V2_CARDS) -> Card:
    text = text if text is not None else (folder / f"{name}.md").read_text(encoding="utf-8")
    card, problems = parse_card(text, name, f"practices/{name}.md", TODAY)
    assert card is not None, problems
    return card


def render(card: Card, economics_url: str | None = "../../calculators/economics/") -> str:
    return CardPageRenderer().render(card, catalogue_url="../../catalogue/", edit_url=None, economics_url=economics_url)


def text_of(markup: str) -> str:
    """The page's text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    # Only ASCII white space is collapsed: the no-break spaces in numbers are part of the text.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


# -- the fixture card with results, cost and a money indicator ------------------------------------


def test_results_in_numbers_are_a_before_after_table_with_the_change() -> None:
    page = text_of(render(load(EFFECT_CARD)))
    # 2,94 − 8,82 = −5,88; −5,88 / 8,82 = −66,7 %  (the calculator indicator by its Russian label)
    assert "Коэффициент частоты травматизма Кч, на 1000 работников 8,82 (2023) 2,94 (2024) −5,88 (−66,7\u00a0%)" in page
    # 3 − 11 = −8; −8 / 11 = −72,7 %  (a free indicator: name, unit, periods)
    assert "Доля работников без СИЗ, % 11 (2023) 3 (2024) −8 (−72,7\u00a0%)" in page
    assert (
        "Потери от травматизма, руб. 1\u00a0200\u00a0000 (2023) 400\u00a0000 (2024) −800\u00a0000 (−66,7\u00a0%)"
        in page
    )
    assert "Затраты на внедрение: 180\u00a0000 руб. (2024 г.): ограждения и обучение мастеров" in page


def test_economic_effect_is_computed_by_the_economics_calculator_and_linked_prefilled() -> None:
    html = render(load(EFFECT_CARD))
    page = text_of(html)
    assert "Экономический эффект" in page
    # 1 200 000 − 400 000 = 800 000 руб. a year; 180 000 / 800 000 = 0,225 года ≈ 0,23; × 12 = 2,7 мес.
    assert "Единовременные вложения, руб. 180\u00a0000" in page
    assert "Годовая экономия, руб. 800\u00a0000,00" in page
    assert "Срок окупаемости вложений, лет 0,23 (2,7 мес.)" in page
    assert 'href="../../calculators/economics/?investment=180000&amp;annual_savings=800000"' in html
    assert "(соглашение проекта)" in page  # the convention is named as the project's


def test_no_economic_effect_without_a_money_indicator_and_no_link_without_the_calculator() -> None:
    text = (V2_CARDS / f"{EFFECT_CARD}.md").read_text(encoding="utf-8")
    without_money = text.replace(
        "  - name: Потери от травматизма\n    unit: руб.\n", "  - name: Потери от травматизма\n"
    )
    page = text_of(render(load(EFFECT_CARD, without_money)))
    assert "Затраты на внедрение: 180\u00a0000 руб." in page
    assert "Экономический эффект" not in page and "Годовая экономия" not in page
    html = render(load(EFFECT_CARD), economics_url=None)
    assert "Годовая экономия, руб. 800\u00a0000,00" in text_of(html)
    assert "calculators/economics" not in html and "Открыть расчёт" not in html


def test_a_metric_not_for_a_year_says_why_there_is_no_payback() -> None:
    text = (V2_CARDS / f"{EFFECT_CARD}.md").read_text(encoding="utf-8")
    monthly = text.replace(
        "    before: 1200000\n    after: 400000\n    period_before: 2023\n    period_after: 2024\n",
        "    before: 1200000\n    after: 400000\n    period_before: 2023-01\n    period_after: 2023-06\n",
    )
    page = text_of(render(load(EFFECT_CARD, monthly)))
    assert "Срок окупаемости" not in page and "Годовая экономия, руб." not in page
    assert "показатель не за год" in page


def test_co_organizers_sit_in_question_one_and_the_example_is_marked() -> None:
    html = render(load(EFFECT_CARD))
    row = html[html.index('id="field-organization"') : html.index('id="field-summary"')]
    assert "Соорганизаторы:" in text_of(row)
    assert "<li>Тестовая краевая организация профсоюза — обучение уполномоченных</li>" in row
    assert "<li>Тестовый учебный центр</li>" in row
    page = text_of(html)
    assert "Пример" in page and "Реальная практика" not in page
    # An example with sources is not «described from publications»: its organisation is invented.
    assert "Практика описана по публикациям" not in page
    assert "Практика внедрена май 2023 г." in page
    assert "Полнота сведений 11 из 13 вопросов структуры (2 — «нет сведений»)" in page


def test_foreign_practice_is_marked_with_its_country() -> None:
    html = render(load("zarubezhnyy-opyt-nablyudeniy"))
    assert ">Зарубежный опыт: Германия</a>" in html
    assert 'href="../../catalogue/?country=%D0%93%D0%B5%D1%80%D0%BC%D0%B0%D0%BD%D0%B8%D1%8F"' in html
    page = text_of(html)
    assert "Страна Германия, Бавария" in page and "Субъект Российской Федерации" not in page
    assert "Реальная практика" in page
    assert "Полнота сведений 7 из 13 вопросов структуры (6 — «нет сведений»)" in page


# -- a real card, built into the real site -----------------------------------------------------


def test_real_card_page_in_chromium(page, repo_url: str) -> None:
    page.goto(f"{repo_url}practices/{REAL_CARD}/")
    badges = page.locator(".practice-badges")
    assert badges.get_by_text("Реальная практика").is_visible()
    assert badges.get_by_text("Пример").count() == 0
    facts = page.locator(".practice-facts")
    assert " ".join(facts.inner_text().split()) == (
        "Субъект Российской Федерации Белгородская область Практика внедрена 2020 г. "
        "Сведения представлены 1 декабря 2026 г. (IV квартал 2026 г.) "
        "Полнота сведений 8 из 13 вопросов структуры (5 — «нет сведений»)"
    )
    assert page.get_by_text("Практика описана по публикациям — см. источники.").is_visible()

    organization = page.locator("#field-organization td")
    assert organization.locator("li").all_inner_texts() == [
        "Юго-Западный государственный университет (Курск) — разработчик испытанных экзоскелетов",
        "Инновационная лаборатория компании «Металлоинвест» — совместная реализация пилотного проекта",
    ]

    sources = page.locator("ol.practice-sources > li")
    assert [" ".join(text.split()) for text in sources.all_inner_texts()] == [
        "Industrial exoskeletons tested at Lebedinsky GOK — Металлоинвест, 4 декабря 2020 г.",
        "Публикация на сайте poleznygorod.fonar.tv — 9 декабря 2020 г.",
        "Industrial exoskeletons tested at Lebedinsky GOK — Metallurgprom",
    ]
    assert sources.first.locator("a").get_attribute("href") == (
        "https://www.metalloinvest.com/en/media/press-releases/501512/"
    )

    # «Нет сведений» reads greyed and italic beside a real answer.
    missing = page.locator("#field-demand td .practice-no-information")
    assert missing.inner_text() == "нет сведений"
    answer = page.locator("#field-summary td p").first

    def style(locator, name: str) -> str:
        return locator.evaluate(f"element => getComputedStyle(element).{name}")

    assert style(missing, "fontStyle") == "italic" and style(answer, "fontStyle") == "normal"
    assert style(missing, "color") != style(answer, "color")


def test_real_card_docx_reads_back(repo_site: Path) -> None:
    document = docx.Document(str(repo_site / "practices" / REAL_CARD / f"{REAL_CARD}.docx"))
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows] == [field.question for field in official_fields()]
    assert table.rows[0].cells[1].text.split("\n") == [
        "АО «Лебединский ГОК» (компания «Металлоинвест»)",
        "Коммерческая организация",
        "Вид экономической деятельности: 07.10 Добыча и обогащение железных руд (раздел B ОКВЭД 2)",
        "Соорганизаторы:",
        "Юго-Западный государственный университет (Курск) — разработчик испытанных экзоскелетов",
        "Инновационная лаборатория компании «Металлоинвест» — совместная реализация пилотного проекта",
    ]
    assert table.rows[5].cells[1].text == "нет сведений"  # question 6
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Белгородская область. Практика внедрена: 2020 г. Дата представления информации: 1 декабря 2026 г." in texts
    start = texts.index("Практика описана по публикациям:")
    assert texts[start + 1 : start + 4] == [
        "1. Industrial exoskeletons tested at Lebedinsky GOK — Металлоинвест, 4 декабря 2020 г. — "
        "https://www.metalloinvest.com/en/media/press-releases/501512/",
        "2. Публикация на сайте poleznygorod.fonar.tv — 9 декабря 2020 г. — "
        "https://poleznygorod.fonar.tv/news/2020/12/09/na-lebedinskom-goke-ispytali-promyshlennye-ekzoskelety",
        "3. Industrial exoskeletons tested at Lebedinsky GOK — Metallurgprom — "
        "https://metallurgprom.org/en/press-releases/6096-na-lebedinskom-goke-ispytali-promyshlennye-jekzoskelety.html",
    ]
    # The signature block: lines to fill in by hand (the site does not know who reports).
    assert texts[-3:] == [
        "Исполнитель: ______________________",
        "Должность: ______________________",
        "Телефон: ______________________",
    ]


# -- the economic effect's link, followed in Chromium ----------------------------------------------


@pytest.fixture(scope="module")
def v2_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("v2-site"), card_dir=V2_CARDS)
    plugin_options(project, {"search": False})  # search is not what this site is tested for
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.mark.browser
def test_economic_effect_link_opens_the_calculator_with_the_cards_numbers(page, v2_url: str) -> None:
    page.goto(f"{v2_url}practices/{EFFECT_CARD}/")
    shown = page.locator("table.practice-effect tr", has_text="Срок окупаемости").locator("td").inner_text()
    page.get_by_role("link", name="Открыть расчёт в калькуляторе").click()
    form = page.locator('form[data-calculator="economics"]')
    # The page script is a module: it runs once the page is parsed, then fills the form from the link.
    page.wait_for_load_state("domcontentloaded")
    assert form.locator('input[name="investment"]').input_value() == "180000"
    assert form.locator('input[name="annual_savings"]').input_value() == "800000"
    page.wait_for_selector('form[data-calculator="economics"][data-status="live"]', timeout=LIVE_TIMEOUT_MS)
    payback = form.locator('output[data-output="payback_years"]')
    page.wait_for_function("el => el.textContent === '0,23'", arg=payback.element_handle(), timeout=LIVE_TIMEOUT_MS)
    # The card page shows the figure the calculator shows.
    assert shown.startswith(payback.text_content() + " (")


@pytest.mark.browser
def test_results_fit_a_phone_without_scrolling_the_page(browser, v2_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{v2_url}practices/{EFFECT_CARD}/")
        assert page.locator("table.practice-metrics").is_visible()
        # Wide tables scroll in their own box; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.browser
def test_statistics_lead_from_an_incomplete_card_to_its_page(page, v2_url: str) -> None:
    page.goto(f"{v2_url}statistics/")
    page.get_by_text("По карточкам: практики с ответами «нет сведений» (3)").click()
    # The least complete first: the German card answers 7 of 13.
    page.get_by_role("link", name="Наблюдения за безопасностью без имён на тестовой фабрике").click()
    page.wait_for_url("**/practices/zarubezhnyy-opyt-nablyudeniy/")
    assert page.locator(".practice-facts").get_by_text("7 из 13 вопросов структуры", exact=False).is_visible()
