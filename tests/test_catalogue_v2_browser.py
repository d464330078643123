"""The catalogue's v2 facets in Debian's Chromium, on the repository's own cards: real practices
apart from examples, foreign practice by country, with counts that follow the other filters.

The expected cards are read from the card files' front matter with PyYAML, not through the Card API.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from tests.sites import REPO

pytestmark = pytest.mark.browser

RUSSIA = ("Россия", "Российская Федерация")


def front_matters() -> dict[str, dict]:
    found = {}
    for path in sorted((REPO / "practices").glob("*.md")):
        found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return found


def settled(page) -> None:
    """The catalogue loads its data in shards: the list and counts are settled when not busy."""
    page.wait_for_selector(".catalogue-results:not([aria-busy])", state="attached")


def visible_ids(page) -> set[str]:
    settled(page)
    return set(
        page.eval_on_selector_all(".catalogue-list > li:not([hidden])", "items => items.map(li => li.dataset.id)")
    )


def count_of(page, facet: str, value: str) -> int:
    settled(page)
    return int(page.locator(f'input[name="{facet}"][value="{value}"] ~ .catalogue-facet__count').inner_text())


def test_real_practices_apart_from_examples(page, repo_url: str) -> None:
    cards = front_matters()
    real = {card_id for card_id, data in cards.items() if data.get("example") is False}
    examples = {card_id for card_id, data in cards.items() if data.get("example") is True}
    assert real and examples and len(real) + len(examples) == len(cards)

    page.goto(f"{repo_url}catalogue/")
    facet = page.locator('fieldset[data-facet="kind"]')
    assert facet.locator("legend").inner_text() == "Реальные практики и примеры"
    assert facet.locator(".catalogue-facet__label").all_inner_texts() == ["Реальные практики", "Примеры"]
    assert (count_of(page, "kind", "real"), count_of(page, "kind", "example")) == (len(real), len(examples))

    facet.get_by_label("Реальные практики").check()
    assert visible_ids(page) == real
    assert parse_qs(urlparse(page.url).query) == {"kind": ["real"]}
    assert page.locator(".catalogue-list > li:not([hidden]) .practice-badge--example").count() == 0
    page.reload()
    assert visible_ids(page) == real

    # A card page's badge leads to the same list.
    page.goto(f"{repo_url}practices/{sorted(real)[0]}/")
    page.locator(".practice-badges").get_by_role("link", name="Реальная практика").click()
    page.wait_for_url("**/catalogue/?kind=real")
    assert visible_ids(page) == real


def test_foreign_practice_by_country_and_counts_that_follow(page, repo_url: str) -> None:
    cards = front_matters()
    by_country: dict[str, set[str]] = {}
    for card_id, data in cards.items():
        if data.get("country", "Россия") not in RUSSIA:
            by_country.setdefault(data["country"], set()).add(card_id)
    assert by_country, "the repository's cards include foreign practice"
    country, chosen = sorted(by_country.items())[0]

    page.goto(f"{repo_url}catalogue/")
    facet = page.locator('fieldset[data-facet="country"]')
    assert facet.locator("legend").inner_text() == "Зарубежный опыт"
    assert facet.locator(".catalogue-facet__label").all_inner_texts() == sorted(by_country)
    assert {value: count_of(page, "country", value) for value in by_country} == {
        value: len(ids) for value, ids in by_country.items()
    }

    facet.get_by_label(country).check()
    assert visible_ids(page) == chosen
    assert page.locator(".catalogue-status").inner_text() == f"Найдено практик: {len(chosen)} из {len(cards)}"
    # The other facets count within the chosen country: these foreign cards are all real ones.
    real_here = sum(cards[card_id].get("example") is False for card_id in chosen)
    assert (count_of(page, "kind", "real"), count_of(page, "kind", "example")) == (real_here, len(chosen) - real_here)
    # Foreign practice is listed with its country and marked.
    for card_id in chosen:
        item = page.locator(f'.catalogue-list > li[data-id="{card_id}"]')
        assert item.locator(".practice-badge--foreign").inner_text() == "Зарубежный опыт"
        assert country in item.locator(".catalogue-item__meta").inner_text()
