"""The site's search index during a build: which bundle each card goes to, and when Pagefind runs.

Cards are dealt into shards in the order they are rendered (``SearchDocuments``); the moment a
shard's last card is rendered, Pagefind starts on it on the second core while the next cards are
rendered. The other pages are indexed once all content is rendered. A static build waits for the
index and fails on an error; the live preview shows the page at once and logs an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.pagefind import BackgroundIndexer, SearchDocuments, SearchIndexError


@dataclass(frozen=True)
class IndexedPage:
    dest_uri: str  # the page's file in the site: "structure/index.html"
    title: str  # plain text
    content: str | None  # its rendered content; None when a dirty rebuild left the page as it was


class SiteIndex:
    def __init__(self, folder: Path, *, shard_size: int, on_error: Callable[[Exception], None] | None = None) -> None:
        """``on_error`` (the live preview) is told of a failed run at once; without it, ``wait``
        raises it."""
        self._documents = SearchDocuments(folder, shard_size)
        self._indexer = BackgroundIndexer(self._documents, on_error)
        self._card_shards: dict[str, int] = {}  # card page dest_uri → shard
        self._shard_sizes: Counter[int] = Counter()
        self._rendered: Counter[int] = Counter()
        self._written: set[int] = set()
        self._requested: set[int] = set()

    def plan(self, card_dest_uris: Sequence[str]) -> None:
        """The card pages of this build, in the order the generator renders them."""
        shard_of = self._documents.shard_of
        self._card_shards = {dest: shard_of(position) for position, dest in enumerate(card_dest_uris)}
        self._shard_sizes = Counter(self._card_shards.values())

    def new_build(self) -> None:
        self._rendered = Counter()
        self._written = set()
        self._requested = set()

    def card_rendered(self, dest_uri: str, title: str, html: str, site_dir: Path) -> None:
        shard = self._card_shards[dest_uri]
        self._documents.write_card(shard, dest_uri, title, html)
        self._written.add(shard)
        self._rendered[shard] += 1
        if self._rendered[shard] == self._shard_sizes[shard]:
            # The shard's last card: Pagefind starts on it while the next ones are rendered.
            self._indexer.request_cards(shard, site_dir)
            self._requested.add(shard)

    def pages_rendered(self, pages: Iterable[IndexedPage], site_dir: Path) -> None:
        """Every page's content is rendered: write the other pages' documents, index the rest."""
        indexed = []
        for page in pages:
            indexed.append(page.dest_uri)
            if page.content is not None:
                self._documents.write_page(page.dest_uri, page.title, page.content)
        self._documents.keep_pages(indexed)
        # A card added or removed in the live preview moves the cards after it to other shards.
        moved = self._documents.arrange_cards(self._card_shards)
        for shard in sorted(moved | (self._written - self._requested)):
            self._indexer.request_cards(shard, site_dir)
        self._indexer.request_finish(self._documents.shard_count(len(self._card_shards)), site_dir)
        self._indexer.request_pages(site_dir)

    def wait(self) -> None:
        """Block until the index is written; raises ``SearchIndexError``."""
        self._indexer.wait()


__all__ = ["IndexedPage", "SearchIndexError", "SiteIndex"]
