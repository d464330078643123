"""The catalogue's list entries and facet values, worked out once a build and shared by every list
page and shard (issue 17: a one-card change at 10,000 cards re-rendered 40,000 entries)."""

from __future__ import annotations

import posixpath
import re

import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.site import catalogue_pages
from build_tools.site.catalogue import FACETS, catalogue_data, facet_values, sorted_cards
from build_tools.site.catalogue_pages import CatalogueLists, ListEntries, list_html
from build_tools.site_build.layout import UrlLayout, relative_url
from tests.sites import REPO

LAYOUT = UrlLayout()


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    loaded = load_cards([REPO / "practices"], root=REPO)
    assert len(loaded.cards) > 20
    return loaded.cards


def _links(html: str, page_url: str) -> dict[str, str]:
    """Each entry's card id → the address its link leads to, resolved from ``page_url``."""
    found = re.findall(r'<li class="catalogue-item" data-id="([^"]+)">\s*<h2[^>]*><a href="([^"]+)"', html)
    return {card_id: posixpath.normpath(posixpath.join(page_url, href)) + "/" for card_id, href in found}


def test_an_entry_is_rendered_once_and_links_its_card_from_every_depth(
    cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[tuple[str, bool]] = []
    entry_html = catalogue_pages._entry_html

    def counted(card: Card, *, compact: bool, url: str) -> str:
        rendered.append((card.id, compact))
        return entry_html(card, compact=compact, url=url)

    monkeypatch.setattr(catalogue_pages, "_entry_html", counted)
    lists = CatalogueLists(cards, page_size=10, facet_page_size=10, entries=ListEntries())
    # Pages at three depths: catalogue/, catalogue/<facet>/<value>/, …/<value>/page/2/.
    assert len({page.path.count("/") for page in lists.pages}) == 3
    shown = 0
    for page in lists.pages:
        page_url = LAYOUT.catalogue_list_url(page.path)
        html = list_html(
            lists,
            page,
            link=lambda path, page_url=page_url: relative_url(LAYOUT.catalogue_list_url(path), page_url),
            card_url=lambda card, page_url=page_url: relative_url(LAYOUT.card_url(card.id), page_url),
        )
        links = _links(html, "/" + page_url)
        assert list(links) == [card.id for card in lists.cards_of(page)]
        for card_id, target in links.items():
            assert target == "/" + LAYOUT.card_url(card_id)  # the card's own page, from this depth
        shown += len(links)
    # Every card is on about ten lists; its entry was rendered once for each kind (full, compact).
    assert shown > 5 * len(cards)
    assert len(rendered) == len(set(rendered)) == 2 * len(cards)


def test_the_catalogue_data_counts_every_facet_as_the_cards_do(cards: list[Card]) -> None:
    data = catalogue_data(cards)
    ordered = sorted_cards(cards)
    assert [entry["id"] for entry in data["cards"]] == [card.id for card in ordered]
    for number, (facet, described) in enumerate(zip(FACETS, data["facets"], strict=True)):
        values = facet_values(facet, cards)
        assert described["values"] == [item.value for item in values]
        for card, entry in zip(ordered, data["cards"], strict=True):
            assert [described["values"][i] for i in entry["f"][number]] == list(facet.values_of(card))
