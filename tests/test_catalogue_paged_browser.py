"""The paged catalogue in Debian's Chromium, on 130 synthetic cards (three pages of 50): the first
view loads only the index, the filters load shards as they need them (aria-busy meanwhile), and
without JavaScript the static pages reach every card.

The expected cards are read from the card files' front matter with PyYAML, not through the Card API.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from tests.sites import REPO, built_site, serve

pytestmark = pytest.mark.browser

CARDS = 130


@pytest.fixture(scope="module")
def cards_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paged-cards")
    subprocess.run([sys.executable, "-m", "tests.bench.generate", str(CARDS), str(folder)], cwd=REPO, check=True)
    return folder


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory, cards_dir: Path) -> Iterator[str]:
    site = built_site(tmp_path_factory, "paged-site", card_dir=cards_dir, options={"search": False, "card_docx": False})
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def fronts(cards_dir: Path) -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        for path in sorted(cards_dir.glob("*.md"))
    }


def settled(page) -> None:
    page.wait_for_selector(".catalogue-results:not([aria-busy])", state="attached")


def shown_ids(page) -> list[str]:
    settled(page)
    return page.eval_on_selector_all(".catalogue-list > li", "items => items.map(li => li.dataset.id)")


def shard_requests(requests: list[str]) -> list[str]:
    return [url.rsplit("/", 1)[1] for url in requests if "/data/catalogue/" in url]


def test_first_view_loads_only_the_index_and_pages_follow_the_static_list(page, paged_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{paged_url}catalogue/")
    first = shown_ids(page)
    assert len(first) == 50
    assert shard_requests(requests) == ["index.json"]
    assert page.locator(".catalogue-status").inner_text() == f"Практик: {CARDS}"

    page.get_by_role("button", name="Следующая →").click()
    second = shown_ids(page)
    assert parse_qs(urlparse(page.url).query) == {"page": ["2"]}
    # The script's second page is the static second page, entry for entry.
    page.goto(f"{paged_url}catalogue/page/2/")
    assert page.eval_on_selector_all(".catalogue-list > li", "items => items.map(li => li.dataset.id)") == second
    assert not set(first) & set(second)
    # Paging asked for entries only: no facet's positions, no other order.
    assert not [name for name in shard_requests(requests) if name.startswith(("facet-", "order-"))]


def test_a_ticked_filter_loads_the_facets_while_busy_and_counts_follow(page, paged_url: str, fronts: dict) -> None:
    regions = Counter(data["region"] for data in fronts.values())
    region = regions.most_common(1)[0][0]
    expected = {card_id for card_id, data in fronts.items() if data["region"] == region}
    page.goto(f"{paged_url}catalogue/")
    settled(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Every change of the results' aria-busy, as a screen reader would be told.
    page.evaluate(
        """() => {
          window.busyLog = [];
          const results = document.querySelector('.catalogue-results');
          new MutationObserver(() => window.busyLog.push(results.getAttribute('aria-busy')))
            .observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
        }"""
    )
    page.locator(f'input[name="region"][value="{region}"]').check()
    assert set(shown_ids(page)) == expected
    assert page.evaluate("window.busyLog") == ["true", None]
    assert any(name.startswith("facet-") for name in shard_requests(requests))
    assert page.locator(".catalogue-status").inner_text() == f"Найдено практик: {len(expected)} из {CARDS}"
    # A region's own counts stay those of the whole catalogue; the years' are the region's.
    count = page.locator(f'input[name="region"][value="{region}"] ~ .catalogue-facet__count').inner_text()
    assert int(count) == regions[region]
    years = Counter(str(data["date"])[:4] for card_id, data in fronts.items() if card_id in expected)
    for year, number in years.items():
        assert page.locator(f'input[name="year"][value="{year}"] ~ .catalogue-facet__count').inner_text() == str(number)


def test_title_order_across_pages_holds_every_card_once(page, paged_url: str, fronts: dict) -> None:
    page.goto(f"{paged_url}catalogue/?sort=title")
    ids = shown_ids(page)
    for _ in range(2):
        page.get_by_role("button", name="Следующая →").click()
        ids += shown_ids(page)
    assert sorted(ids) == sorted(fronts)
    assert page.get_by_role("button", name="Следующая →").is_disabled()
    titles = [fronts[card_id]["title"] for card_id in ids]
    # The synthetic titles differ by their number only after the topic: the topics come in order.
    topics = [title.split(" — ")[0] for title in titles]
    assert topics == sorted(topics, key=lambda text: text.casefold())


def test_without_javascript_the_static_pages_reach_every_card(browser, paged_url: str, fronts: dict) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{paged_url}catalogue/")
        seen: list[str] = []
        while True:
            seen += page.eval_on_selector_all(".catalogue-list > li", "items => items.map(li => li.dataset.id)")
            following = page.locator("a[rel=next]")
            if following.count() == 0:
                break
            # The next page's list only once it has loaded (read at once, it was the same page again).
            with page.expect_navigation():
                following.click()
        assert sorted(seen) == sorted(fronts) and len(seen) == CARDS
        # «Разделы каталога»: a list per facet value.
        page.goto(f"{paged_url}catalogue/")
        year = Counter(str(data["date"])[:4] for data in fronts.values()).most_common(1)[0][0]
        page.locator(".catalogue-browse summary", has_text="Год").click()
        with page.expect_navigation():
            page.get_by_role("link", name=year, exact=True).click()
        listed = page.eval_on_selector_all(".catalogue-list > li", "items => items.map(li => li.dataset.id)")
        assert set(listed) == {card_id for card_id, data in fronts.items() if str(data["date"]).startswith(year)}
        assert page.locator("h1").inner_text() == f"Год: {year}"
    finally:
        context.close()
