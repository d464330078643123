"""The site in Debian's Chromium: catalogue filters and URL state, card pages (search: test_search_browser.py)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from build_tools.cards.loading import load_cards
from build_tools.cards.schema import official_fields
from build_tools.site.catalogue import FACETS
from tests.sites import REPO

pytestmark = pytest.mark.browser

CARD_ID = "povedencheskie-audity-bezopasnosti"


def russian_title_order(title: str) -> list[tuple[int, str]]:
    """Russian collation as readers expect it (and as ICU's «ru» does): punctuation and spaces
    ignored, digits first, then Cyrillic, then Latin letters."""
    key = []
    for char in re.sub(r"[\W_]", "", title).casefold().replace("ё", "е"):
        rank = 0 if char.isdigit() else 1 if "а" <= char <= "я" else 2
        key.append((rank, char))
    return key


def visible_ids(page) -> list[str]:
    # The catalogue loads its data in shards: the list is settled when the results are not busy.
    page.wait_for_selector(".catalogue-results:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(".catalogue-list > li:not([hidden])", "items => items.map(li => li.dataset.id)")


def expected_ids(selection: dict[str, set[str]]) -> set[str]:
    cards = load_cards([REPO / "practices"], root=REPO).cards
    facets = {facet.id: facet for facet in FACETS}
    return {
        card.id for card in cards if all(set(facets[f].values_of(card)) & values for f, values in selection.items())
    }


def most_common(facet_id: str, skip: str | None = None) -> str:
    cards = load_cards([REPO / "practices"], root=REPO).cards
    facet = next(f for f in FACETS if f.id == facet_id)
    counts: dict[str, int] = {}
    for card in cards:
        for value in facet.values_of(card):
            if value != skip:
                counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda value: counts[value])


def test_card_page_shows_the_thirteen_official_questions(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}practices/{CARD_ID}/")
    labels = page.locator(".practice-form th[scope=row]").all_inner_texts()
    # The question, then its bracketed explanation as a hint: the seed's wording, read as one line.
    assert [" ".join(label.split()[1:]) for label in labels] == [field.question for field in official_fields()]
    assert page.locator(".practice-badge--example").first.is_visible()
    assert page.locator("h1").inner_text() == "Поведенческие аудиты безопасности на складском комплексе"


def test_card_text_never_runs_as_script(page, fixture_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{fixture_url}practices/{CARD_ID}/")
    page.get_by_text("Опасная ссылка").click()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.get_by_text('<script>alert("x")</script>').is_visible()


def test_catalogue_filters_combine_and_live_in_the_url(page, repo_url: str) -> None:
    region = most_common("region")
    category = most_common("category")
    page.goto(f"{repo_url}catalogue/")
    total = len(load_cards([REPO / "practices"], root=REPO).cards)
    assert len(visible_ids(page)) == total

    page.locator(f'input[name="region"][value="{region}"]').check()
    assert set(visible_ids(page)) == expected_ids({"region": {region}})
    page.locator(f'input[name="category"][value="{category}"]').check()
    expected = expected_ids({"region": {region}, "category": {category}})
    assert set(visible_ids(page)) == expected
    assert page.locator(".catalogue-status").inner_text().startswith(f"Найдено практик: {len(expected)} из")

    query = parse_qs(urlparse(page.url).query)
    assert query == {"region": [region], "category": [category]}

    page.reload()
    assert set(visible_ids(page)) == expected
    assert page.locator(f'input[name="region"][value="{region}"]').is_checked()

    page.locator(".catalogue-reset").click()
    assert len(visible_ids(page)) == total
    assert urlparse(page.url).query == ""


def test_shared_link_opens_the_filtered_view_and_counts_follow(page, repo_url: str) -> None:
    sector = most_common("sector")
    page.goto(f"{repo_url}catalogue/?sector={sector}&sort=title")
    ids = visible_ids(page)
    assert set(ids) == expected_ids({"sector": {sector}})
    titles = page.eval_on_selector_all(
        ".catalogue-list > li:not([hidden]) .catalogue-item__title a",
        "links => links.map(a => a.textContent)",
    )
    assert titles == sorted(titles, key=russian_title_order)
    # The year facet's counts are those of the chosen sector only.
    year = most_common("year")
    count = page.locator(f'input[name="year"][value="{year}"] ~ .catalogue-facet__count').inner_text()
    assert int(count) == len(expected_ids({"sector": {sector}, "year": {year}}))


def test_no_request_leaves_127_0_0_1(page, fixture_url: str) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    for path in ("", "catalogue/", f"practices/{CARD_ID}/", "structure/", "search/?q=аудит"):
        page.goto(fixture_url + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}


def test_pages_that_do_not_search_download_no_index(page, fixture_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(fixture_url + f"practices/{CARD_ID}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in urls if "/search-index/" in url or "search-engine" in url]
