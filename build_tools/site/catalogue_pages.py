"""The catalogue as static pages: the whole list and each facet value's list, paged.

Without JavaScript a reader still reaches every card: the catalogue page shows the newest cards
and links the next pages of the list (``catalogue/page/2/`` …) and a list per facet value
(``catalogue/region/primorskii-krai/`` …), each paged the same way. The filters' script does
not need these pages; it loads its data in shards (``catalogue_shards``).
"""

from __future__ import annotations

import json
import math
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup, escape

from build_tools.cards.loading import Card
from build_tools.cards.translit import slugify
from build_tools.content_cache import content_key
from build_tools.site.catalogue import FACETS, Facet, FacetedCards, sort_date_label
from build_tools.site.render import environment, labels

PAGE_SIZE = 50  # cards on a page of the whole list: the project's convention (a first view within 300 KB)
# A facet value's list shows entries without their summary, twice as many a page: every card is on
# about ten such lists (one per facet), and the site should not grow ten full catalogues.
FACET_PAGE_SIZE = 100
# A static list page's source holds this instead of its list: the list is put into the finished
# page (``SiteBuild.finish_page``), so thousands of lists are not held while the theme waits.
LIST_PLACEHOLDER = "<!--catalogue-list-->"


def list_page_source(title: str, pages: int, cards: Sequence[str]) -> str:
    """The Markdown source of a static list page: its title (as HTML text: themes print titles
    unescaped) and the placeholder of its list. Out of the site's search, like the catalogue.
    ``pages`` (the list's page count) and ``cards`` (its cards' digests, ``Card.digest``) are only named in
    it, so that the source changes exactly when what the page shows does (a dirty build renders
    a page whose source is newer than it)."""
    front = json.dumps(str(escape(title)), ensure_ascii=False)
    shows = content_key(title, pages, *cards)
    return (
        f"---\ntitle: {front}\nsearch:\n  exclude: true\nhide: [navigation, toc]\nshows: {shows}\n---\n\n"
        f"{LIST_PLACEHOLDER}\n"
    )


@dataclass(frozen=True)
class ListPage:
    """One page of a list: ``path`` is relative to the catalogue's folder (``""``: the catalogue page)."""

    path: str
    base: str  # the path of the list's first page
    number: int  # from 1
    count: int  # pages in this list
    first: int  # index of its first card in the list
    facet: Facet | None = None  # None: the whole catalogue
    value: str | None = None
    value_label: str | None = None
    total: int = 0  # cards in the list

    @property
    def title(self) -> str:
        name = "Каталог практик" if self.facet is None else f"{self.facet.label}: {self.value_label}"
        return name if self.number == 1 else f"{name} — страница {self.number} из {self.count}"


@dataclass(frozen=True)
class FacetLink:
    """A facet value's first list page, for the catalogue page's «Разделы каталога»."""

    label: str
    path: str
    count: int


def list_path(base: str, number: int) -> str:
    """``base`` (a list's first page) → its page ``number``: ``region/x`` → ``region/x/page/2``."""
    if number == 1:
        return base
    return posixpath.join(base, "page", str(number))


def value_slugs(facet: Facet, values: Sequence[str]) -> dict[str, str]:
    """A stable, readable address part for each value (Latin letters): ``Приморский край`` →
    ``primorskii-krai``; a clash gets a number."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for value in values:
        slug = slugify(value) or "value"
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        taken.add(candidate)
        slugs[value] = candidate
    return slugs


class CatalogueLists:
    """Every static list page of the catalogue for one set of cards."""

    def __init__(
        self, cards: Sequence[Card], page_size: int = PAGE_SIZE, facet_page_size: int = FACET_PAGE_SIZE,
        entries: ListEntries | None = None,
    ) -> None:  # fmt: skip
        self.entries = entries or ListEntries()
        self.page_size = page_size
        self.facet_page_size = facet_page_size
        self.faceted = FacetedCards(cards)
        self.cards = self.faceted.cards
        self._lists: dict[str, list[Card]] = {"": self.cards}
        self.pages: list[ListPage] = []
        self.facet_links: list[tuple[Facet, list[FacetLink]]] = []
        self._add_list("", self.cards)
        for number, (facet, values) in enumerate(zip(FACETS, self.faceted.facets, strict=True)):
            slugs = value_slugs(facet, [item.value for item in values])
            members: dict[str, list[Card]] = {item.value: [] for item in values}
            # In the catalogue's order, so each list is too.
            for card, card_values in zip(self.cards, self.faceted.values, strict=True):
                for value in card_values[number]:
                    members[value].append(card)
            links = []
            for item in values:
                base = f"{facet.id}/{slugs[item.value]}"
                self._add_list(base, members[item.value], facet, item.value, item.label)
                links.append(FacetLink(item.label, base, item.count))
            self.facet_links.append((facet, links))
        self._by_path = {page.path: page for page in self.pages}

    def _add_list(
        self, base: str, cards: list[Card], facet: Facet | None = None, value: str | None = None,
        label: str | None = None,
    ) -> None:  # fmt: skip
        self._lists[base] = cards
        size = self.page_size if facet is None else self.facet_page_size
        count = max(1, math.ceil(len(cards) / size))
        for number in range(1, count + 1):
            path = list_path(base, number)
            first = (number - 1) * size
            self.pages.append(ListPage(path, base, number, count, first, facet, value, label, len(cards)))

    def page(self, path: str) -> ListPage | None:
        return self._by_path.get(path)

    def cards_of(self, page: ListPage) -> list[Card]:
        size = self.page_size if page.facet is None else self.facet_page_size
        return self._lists[page.base][page.first : page.first + size]

    def items_html(self, page: ListPage, card_url: Callable[[Card], str]) -> Markup:
        """The entries of ``page``'s cards."""
        return self.entries.html(self.cards_of(page), compact=page.facet is not None, card_url=card_url)


class ListEntries:
    """Each card's list entry, rendered once per card and kind (compact or not).

    Every card is on about ten lists (the whole list and one per facet value), and the filters'
    shards hold it once more: rendering each entry once took the lists from most of a second to a
    third of it per thousand cards. An entry is kept without its link, which depends on the depth
    of the page that shows it, so one rendering serves every list. Kept for the live preview's
    next rebuild too, where an entry stays valid while its card does (the card cache hands back
    the same Card object for an unchanged file). Bounded, so a large catalogue's build does not
    keep every entry in memory.
    """

    def __init__(self, limit: int = 40_000) -> None:
        self._limit = limit
        # (id, compact) → the card, and its entry before and after the link's address
        self._entries: dict[tuple[str, bool], tuple[Card, str, str]] = {}

    def html(self, cards: Sequence[Card], *, compact: bool, card_url: Callable[[Card], str]) -> Markup:
        parts = []
        for card in cards:
            key = (card.id, compact)
            kept = self._entries.get(key)
            if kept is None or kept[0] is not card:
                if len(self._entries) >= self._limit:
                    del self._entries[next(iter(self._entries))]  # the oldest
                # The link is the entry's first slot (before it only the card's id, a checked
                # pattern): what follows it may hold any text of the card.
                before, _, after = _entry_html(card, compact=compact, url=_URL_SLOT).partition(_URL_SLOT)
                kept = self._entries[key] = (card, before, after)
            parts += (kept[1], escape(card_url(card)), kept[2])
        return Markup("".join(parts))


_URL_SLOT = "\x00url\x00"  # stands for the link's address in a kept entry


@cache
def _templates() -> jinja2.Environment:
    return environment()


def list_html(
    lists: CatalogueLists, page: ListPage, *, link: Callable[[str], str], card_url: Callable[[Card], str]
) -> str:
    """A page's list and its page links. ``link(path)``: the address of the list page at ``path``
    (relative to the catalogue's folder) as seen from this page."""
    return (
        _templates()
        .get_template("catalogue_list.html.j2")
        .render(
            page=page,
            items=lists.items_html(page, card_url),
            **_pager(lists, page, link),
            catalogue=link(""),
        )
    )


def _pager(lists: CatalogueLists, page: ListPage, link: Callable[[str], str]) -> dict[str, object]:
    """Links to the first, the last and the three pages either side; the previous and the next."""
    base = page.base
    numbers = sorted({1, page.count, *range(max(1, page.number - 3), min(page.count, page.number + 3) + 1)})
    return {
        "pager": [(n, link(list_path(base, n))) for n in numbers] if page.count > 1 else [],
        "previous": link(list_path(base, page.number - 1)) if page.number > 1 else None,
        "next": link(list_path(base, page.number + 1)) if page.number < page.count else None,
    }


def _entry_html(card: Card, *, compact: bool, url: str) -> str:
    return _entry_template().render(
        card=card, compact=compact, url=url, labels=labels(), sort_date_label=sort_date_label
    )


@cache
def _entry_template() -> jinja2.Template:
    return _templates().get_template("catalogue_item.html.j2")  # once: get_template checks the file


def catalogue_html(
    lists: CatalogueLists, *, link: Callable[[str], str], card_url: Callable[[Card], str], data_url: str,
    script_url: str,
) -> str:  # fmt: skip
    """The catalogue page: the filter panel, the list's first page with its page links and the
    facet values' lists («Разделы каталога»)."""
    page = lists.page("")
    assert page is not None
    return (
        _templates()
        .get_template("catalogue.html.j2")
        .render(
            page=page,
            total=len(lists.cards),
            page_size=lists.page_size,
            items=lists.items_html(page, card_url),
            facets=list(zip(FACETS, lists.faceted.facets, strict=True)),
            facet_links=lists.facet_links,
            **_pager(lists, page, link),
            link=link,
            data_url=data_url,
            script_url=script_url,
        )
    )
