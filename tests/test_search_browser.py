"""The search page in Debian's Chromium: Russian word forms, practices before the site's pages, every
result reachable, typo suggestions, filters; on the fixture site and on the repository's cards."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from build_tools.cards.loading import load_cards
from tests.sites import REPO

pytestmark = pytest.mark.browser

MECHANISATION = "mekhanizatsiya-pogruzochno-razgruzochnykh-rabot-v-seti-produktovykh-magazinov"


def search(page, site_url: str, query: str) -> None:
    page.goto(f"{site_url}search/?q={query}")
    page.wait_for_function(
        "() => { const s = document.querySelector('.site-search__status').textContent; return s && s !== 'Ищем…'; }"
    )


def practice_ids(page) -> list[str]:
    links = page.locator('[data-group="practices"] .site-search__result h3 a')
    return [urlparse(href).path.strip("/").split("/")[-1] for href in links.evaluate_all("as => as.map(a => a.href)")]


def cards_by_id() -> dict:
    return {card.id: card for card in load_cards([REPO / "practices"], root=REPO).cards}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("аудитами", "аудиты"), ("травматизма", "травматизм"), ("складах", "склад")],
)
def test_search_finds_inflected_russian_words(page, fixture_url: str, query: str, expected: str) -> None:
    search(page, fixture_url, query)
    result = page.locator(".site-search__result", has_text="Поведенческие аудиты безопасности")
    marks = [mark.lower() for mark in result.locator("mark").all_inner_texts()]
    assert any(mark.startswith(expected) and mark != query for mark in marks), marks


def test_header_search_box_leads_to_results(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}structure/")
    box = page.locator(".practices-header-search input")
    box.fill("аудитами")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    # The search page received the reader's words and shows the practice they lead to.
    assert parse_qs(urlparse(page.url).query)["q"] == ["аудитами"]
    assert page.locator("#site-search-input").input_value() == "аудитами"
    page.locator(".site-search__result", has_text="Поведенческие аудиты безопасности").wait_for()


def test_a_derived_word_finds_its_practice_first_and_no_fragment_finds_anything(page, repo_url: str) -> None:
    search(page, repo_url, "погрузка")
    assert practice_ids(page)[0] == MECHANISATION
    # Every result is there for a word that shares «погруз», none for «по» alone.
    for result in page.locator(".site-search__result").all():
        marks = [mark.lower() for mark in result.locator("mark").all_inner_texts()]
        assert any(mark.startswith("погруз") for mark in marks), marks
    search(page, repo_url, "позавчерашний")
    assert page.locator(".site-search__status").inner_text().startswith("Ничего не найдено")
    assert page.locator(".site-search__result").count() == 0


def test_practices_come_first_and_the_sites_pages_in_a_group_of_their_own(page, repo_url: str) -> None:
    search(page, repo_url, "наставничество")
    practices = page.locator('[data-group="practices"]')
    pages = page.locator('[data-group="pages"]')
    assert practices.is_visible() and pages.is_visible()
    assert practices.locator("h2").inner_text().startswith("Практики")
    assert pages.locator("h2").inner_text().startswith("Страницы сайта")
    assert practices.evaluate(
        "(a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", pages.element_handle()
    )
    assert all("/practices/" in href for href in practices.locator("h3 a").evaluate_all("as => as.map(a => a.href)"))
    assert not [
        href for href in pages.locator("h3 a").evaluate_all("as => as.map(a => a.href)") if "/practices/" in href
    ]
    status = page.locator(".site-search__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert (
        status.inner_text()
        == f"Найдено практик: {practices.locator('li').count()}, страниц сайта: {pages.locator('li').count()}."
    )


def test_every_result_is_reachable_with_show_more(page, repo_url: str) -> None:
    search(page, repo_url, "охрана труда")
    practices = page.locator('[data-group="practices"]')
    total = int(practices.locator(".site-search__count").inner_text().strip("()"))
    assert total > 20
    assert practices.locator(".site-search__result").count() == 20
    more = practices.locator(".site-search__more")
    assert more.inner_text() == f"Показать ещё ({min(20, total - 20)} из {total - 20})"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('[data-group=\"practices\"] .site-search__result').length === {min(40, total)}"
    )
    # The focus moves to the first result added, so a keyboard reader goes on from there.
    focused = page.evaluate(
        "document.activeElement.closest('.site-search__result') ? document.activeElement.textContent : ''"
    )
    assert focused == practices.locator(".site-search__result h3").nth(20).inner_text()
    assert len(set(practice_ids(page))) == min(40, total)


def test_a_misspelt_word_gets_a_suggestion_from_the_cards(page, repo_url: str) -> None:
    search(page, repo_url, "нставничество")
    assert page.locator(".site-search__status").inner_text().startswith("Ничего не найдено")
    suggestion = page.locator(".site-search__suggestion")
    assert suggestion.inner_text() == "Возможно, вы искали: наставничество?"
    suggestion.get_by_role("link").click()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'наставничество'")
    page.locator(".site-search__result").first.wait_for()
    assert page.locator(".site-search__input").input_value() == "наставничество"
    assert "nastavnichestvo-dlya-novykh-rabochikh-na-stroitelnykh-obektakh" in practice_ids(page)[:3]


def test_search_results_can_be_narrowed_by_filters(page, repo_url: str) -> None:
    search(page, repo_url, "обучение")
    cards = cards_by_id()
    before = practice_ids(page)
    region = cards[before[0]].region
    box = page.locator(".site-search__facet", has_text="Субъект РФ").get_by_label(region, exact=False)
    count = int(box.locator("xpath=..").locator(".catalogue-facet__count").inner_text())
    box.check()
    page.wait_for_function("new URLSearchParams(location.search).has('region')")
    page.wait_for_function(f"document.querySelectorAll('[data-group=\"practices\"] li').length === {count}")
    assert parse_qs(urlparse(page.url).query)["region"] == [region]
    assert {cards[card_id].region for card_id in practice_ids(page)} == {region}
    assert not page.locator('[data-group="pages"]').is_visible()  # the site's pages have no region
    # The filter is in the address: a shared link opens the same view.
    page.reload()
    page.wait_for_function(f"document.querySelectorAll('[data-group=\"practices\"] li').length === {count}")
    assert page.locator(".site-search__facet", has_text="Субъект РФ").get_by_label(region, exact=False).is_checked()
