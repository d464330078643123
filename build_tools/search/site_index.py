"""The site's search index during a build: its documents, and the process that writes it.

A card's search document is made from its data (``documents.card_document``), not from its page,
and is kept between builds in the content cache, keyed by the card and its address: an unchanged
card's document is read back, not made again. The site's other pages are indexed from their
rendered content once every page's content is rendered; the live preview keeps the documents of
the pages a dirty rebuild did not render. The index is written by a child process on the second
core (``process.SearchIndexProcess``) while the theme writes the pages: a static build waits for
it and fails on an error; the live preview shows the page at once and logs the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools.background import SerialWorker
from build_tools.cards.loading import Card
from build_tools.content_cache import ContentCache, content_key
from build_tools.search.documents import SearchDocument, card_document, decode, encode, page_document
from build_tools.search.process import SearchIndexError, SearchIndexProcess


@dataclass(frozen=True)
class IndexedPage:
    dest_uri: str  # the page's file in the site: "structure/index.html"
    url: str  # its address, relative to the site's root: "structure/"
    title: str  # plain text
    content: str | None  # its rendered content; None when a dirty rebuild left the page as it was


@dataclass(frozen=True)
class IndexedCard:
    card: Card
    url: str  # its page's address, relative to the site's root


class SiteIndex:
    def __init__(
        self,
        cache: Path,
        *,
        on_error: Callable[[Exception], None] | None = None,
        index_cache: Path | None = None,
    ) -> None:
        """``cache``: the database of the cards' documents (the pages' is beside it).
        ``on_error`` (the live preview) is told of a failed index in a thread of its own;
        without it, ``wait`` raises it. ``index_cache``: see ``SearchIndexProcess``."""
        self._cache = cache
        self._index_cache = index_cache
        self._pages: dict[str, SearchDocument] = {}  # by dest_uri, kept between the preview's rebuilds
        self._process: SearchIndexProcess | None = None
        self._background = SerialWorker("search", on_error=on_error) if on_error is not None else None
        self._generation = 0  # the live preview's latest index

    def start(self, cards: Iterable[IndexedCard], pages: Iterable[IndexedPage], site_dir: Path) -> None:
        """Write ``search-index/`` into ``site_dir``: ``cards`` newest first (the order of equally
        good results), ``pages`` the hand-written pages to index."""
        documents = self._page_documents(pages)
        if self._background is None:  # a build: ``wait`` follows
            self._process = self._index_process(cards, documents, site_dir)
            return
        # The live preview shows the page without waiting for the index: everything else is done
        # in the background, where reading every card's document back (seconds at 10,000 cards)
        # does not hold up the page. A newer edit stops an index still being written.
        self._generation += 1
        generation, cards = self._generation, list(cards)
        if self._process is not None:
            self._process.cancel()

        def write() -> None:
            process = self._index_process(cards, documents, site_dir, current=lambda: generation == self._generation)
            if process is not None:
                self._process = process
                process.wait()

        self._background.request("search", write)

    def _page_documents(self, pages: Iterable[IndexedPage]) -> list[bytes]:
        indexed = set()
        # A page a dirty build did not render keeps its document: from memory in the live
        # preview, from the cache folder in a new process (an in-place build, which follows a
        # full build of the same pages: a page without a kept document is one its front matter
        # keeps out of the search, which the generator does not know of a page it did not read).
        kept = ContentCache(self._cache.with_name(f"{self._cache.stem}-pages.sqlite"))
        for page in pages:
            indexed.add(page.dest_uri)
            key = kept.key("page", page.dest_uri)
            if page.content is not None:
                # Kept with the digest of what it was made from: a page rendered again unchanged
                # is not parsed again (the 13 pages' HTML took 0.2 s of every full build).
                made_from = content_key(page.url, page.title, page.content)
                stored = kept.read_made_from(key, made_from)
                if stored is not None:
                    self._pages[page.dest_uri] = decode(stored)
                else:
                    self._pages[page.dest_uri] = page_document(page.url, page.title, page.content)
                    kept.store_made_from(key, made_from, encode(self._pages[page.dest_uri]))
            elif page.dest_uri not in self._pages and (stored := kept.read_made_from(key)) is not None:
                self._pages[page.dest_uri] = decode(stored)
        for gone in self._pages.keys() - indexed:
            del self._pages[gone]
        return [encode(self._pages[uri]) for uri in sorted(self._pages)]

    def _index_process(
        self,
        cards: Iterable[IndexedCard],
        documents: list[bytes],
        site_dir: Path,
        current: Callable[[], bool] = lambda: True,
    ) -> SearchIndexProcess | None:
        """The index process, once every card's document is written for it; None when the index
        is no longer ``current`` by then (the live preview was edited again meanwhile)."""
        cache = ContentCache(self._cache)
        process = SearchIndexProcess(
            _card_documents(cards, cache),
            documents,
            site_dir,
            cache=self._index_cache,
            current=current,
            background=self._background is not None,  # the live preview's
        )
        # Every card's document was asked for: the others are those of edited or deleted cards.
        cache.forget_unused()
        return process if process.started else None

    def wait(self) -> None:
        """Block until the index is written; raises ``SearchIndexError`` (in a build; the live
        preview's errors go to its ``on_error``)."""
        if self._background is not None:
            self._background.wait()
        process, self._process = self._process, None
        if process is not None:
            process.wait()


def _card_documents(cards: Iterable[IndexedCard], cache: ContentCache) -> Iterator[bytes]:
    """Encoded a few hundred at a time (neither this process nor the index's holds every card's
    text), the kept ones read from the cache together."""
    batch: list[tuple[IndexedCard, str]] = []
    for indexed in cards:
        batch.append((indexed, cache.key(indexed.card.digest, indexed.url)))
        if len(batch) == _READ_AT_ONCE:
            yield from _documents_of(batch, cache)
            batch = []
    yield from _documents_of(batch, cache)


_READ_AT_ONCE = 500


def _documents_of(batch: list[tuple[IndexedCard, str]], cache: ContentCache) -> Iterator[bytes]:
    kept = cache.read_many([key for _, key in batch])
    for indexed, key in batch:
        document = kept.get(key)
        if document is None:
            document = encode(card_document(indexed.card, indexed.url))
            cache.store(key, document)
        yield document


__all__ = ["IndexedCard", "IndexedPage", "SearchIndexError", "SiteIndex"]
