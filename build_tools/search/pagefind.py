"""Full-text search: Pagefind indexes each page's content (Russian stemming, filters).

Chosen over Material's built-in search by measurement (see the benchmarks page): Material's
index is downloaded whole on the first page view and does not stem Russian; Pagefind loads
nothing until the reader searches, then only the index chunks the query needs.

Pagefind does not read the finished site. Each page's content is written as a small document
(``SearchDocuments``) as soon as it is rendered, so the index is built on the second core while
the theme is still writing pages. Pagefind holds a whole index in memory (about 270 MB per
thousand cards, 1.3 GB at five thousand), so the card pages are indexed in shards of at most
``SHARD_SIZE`` pages, one bundle each; the search script merges them (``pagefind.mergeIndex``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pagefind_bin

from build_tools.background import SerialWorker

BUNDLE = "pagefind"  # the site's pages, and the search script (pagefind.js) for all bundles
CARD_BUNDLE = "pagefind-cards-{number}"
BUNDLES_MANIFEST = "bundles.json"  # in BUNDLE: the card bundles, relative to it
# Cards a bundle: Pagefind starts on a shard as soon as its last card is rendered (its memory,
# about 270 MB per thousand cards, stays well under 400 MB), and a first search loads a little
# of each bundle (about 40 KB).
SHARD_SIZE = 500
# Heading permalinks ("¶") are not words of the page.
_EXCLUDE_SELECTORS = ".headerlink"

CARDS = "cards"
PAGES = "pages"
# Held while a bundle is swapped in and while the manifest is written.
_BUNDLES_LOCK = threading.Lock()


_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_INDEX_ATTRIBUTE = re.compile(r'\s+data-pagefind-[a-z-]+(?:="[^"]*")?')


def without_index_markup(html_text: str) -> str:
    """The page without Pagefind's attributes (filters, metadata): only its search document needs
    them. Looked for inside tags only, so a card's text is never changed."""
    return _TAG.sub(lambda tag: _INDEX_ATTRIBUTE.sub("", tag[0]), html_text)


class SearchIndexError(RuntimeError):
    pass


class SearchDocuments:
    """The searchable part of each page, kept as minimal HTML documents under ``root``.

    The site's pages form one bundle; the cards are dealt, in the order they are rendered, into
    shards of ``shard_size``, a bundle each, so that Pagefind can start on a shard as soon as its
    last card is rendered. Documents stay between the live preview's rebuilds: a rebuild renders
    only the changed pages, and the others keep their document.
    """

    def __init__(self, root: Path, shard_size: int = SHARD_SIZE) -> None:
        self.root = root
        self.shard_size = shard_size

    def shard_of(self, position: int) -> int:
        """The shard of the card rendered at ``position`` (0, 1, …) of the site's cards."""
        return position // self.shard_size

    def shard_count(self, cards: int) -> int:
        return -(-cards // self.shard_size)  # none for a site without cards

    def write_page(self, dest_uri: str, title: str, content: str) -> None:
        """A page of the site at ``dest_uri`` (``structure/index.html``), title as plain text."""
        _write_document(self.root / PAGES / dest_uri, title, content)

    def write_card(self, shard: int, dest_uri: str, title: str, content: str) -> None:
        _write_document(self._card_folder(shard) / dest_uri, title, content)

    def keep_pages(self, dest_uris: Iterable[str]) -> None:
        """Remove the documents of pages that are gone or no longer indexed."""
        folder = self.root / PAGES
        wanted = {folder / uri for uri in dest_uris}
        for path in _documents(folder):
            if path not in wanted:
                path.unlink()

    def arrange_cards(self, shards: dict[str, int]) -> set[int]:
        """Put every card's document in its shard (``dest_uri → shard``): a card added or removed in
        the live preview moves the others along; the documents of removed cards go. Returns the
        shards whose documents changed."""
        changed: set[int] = set()
        for path in _documents(self.root / CARDS):
            shard_name, dest_uri = path.relative_to(self.root / CARDS).as_posix().split("/", 1)
            shard, wanted = int(shard_name), shards.get(dest_uri)
            if wanted == shard:
                continue
            changed.add(shard)
            target = None if wanted is None else self._card_folder(wanted) / dest_uri
            if target is None or target.exists():  # gone, or already written where it belongs
                path.unlink()
            else:
                changed.add(wanted)
                target.parent.mkdir(parents=True, exist_ok=True)
                path.replace(target)
        return changed

    def index_pages(self, site_dir: Path) -> None:
        self._index(self.root / PAGES, site_dir, BUNDLE)

    def index_cards(self, shard: int, site_dir: Path) -> None:
        self._index(self._card_folder(shard), site_dir, CARD_BUNDLE.format(number=shard + 1))

    def finish_cards(self, count: int, site_dir: Path) -> None:
        """After the card shards are indexed: remove the bundles of shards that are gone and list
        the others for the search script."""
        with _BUNDLES_LOCK:
            _remove_card_bundles(site_dir, after=count)
            bundles = [f"../{CARD_BUNDLE.format(number=number)}/" for number in range(1, count + 1)]
            (site_dir / BUNDLE).mkdir(parents=True, exist_ok=True)
            (site_dir / BUNDLE / BUNDLES_MANIFEST).write_text(json.dumps(bundles), encoding="utf-8")

    def _card_folder(self, shard: int) -> Path:
        return self.root / CARDS / str(shard)

    def _index(self, folder: Path, site_dir: Path, name: str) -> None:
        # The bundle is written beside the live one and then swapped in, so the live preview
        # never serves half an index.
        fresh, live, old = site_dir / f".{name}.new", site_dir / name, site_dir / f".{name}.old"
        shutil.rmtree(fresh, ignore_errors=True)
        _run_pagefind(folder, fresh)
        with _BUNDLES_LOCK:
            shutil.rmtree(old, ignore_errors=True)
            manifest = live / BUNDLES_MANIFEST
            if manifest.is_file() and not (fresh / BUNDLES_MANIFEST).exists():
                shutil.copyfile(manifest, fresh / BUNDLES_MANIFEST)  # the cards' list stays
            if live.exists():
                live.rename(old)
            fresh.rename(live)
        shutil.rmtree(old, ignore_errors=True)


class BackgroundIndexer:
    """Indexes on two worker threads, the cards' shards one after another on one, the site's pages
    on the other, so the small bundle of pages never waits behind the cards."""

    def __init__(self, documents: SearchDocuments, on_error: Callable[[Exception], None] | None = None) -> None:
        self._documents = documents
        self._cards = SerialWorker("pagefind-cards", on_error)
        self._pages = SerialWorker("pagefind-pages", on_error)

    def request_cards(self, shard: int, site_dir: Path) -> None:
        self._cards.request(shard, lambda: self._documents.index_cards(shard, site_dir))

    def request_pages(self, site_dir: Path) -> None:
        self._pages.request(PAGES, lambda: self._documents.index_pages(site_dir))

    def request_finish(self, count: int, site_dir: Path) -> None:
        """After the shards requested so far: list the bundles (see ``finish_cards``)."""
        self._cards.request("finish", lambda: self._documents.finish_cards(count, site_dir))

    def wait(self) -> None:
        """Block until every requested run is done; raise the first error, if any."""
        errors = [*self._cards.wait(), *self._pages.wait()]
        if errors:
            error = errors[0]
            raise error if isinstance(error, SearchIndexError) else SearchIndexError(str(error))


def _write_document(target: Path, title: str, content: str) -> None:
    # Material adds the title as <h1> when the content has none; the index should too.
    heading = "" if "<h1" in content else f"<h1>{html.escape(title)}</h1>"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><div data-pagefind-body>{heading}{content}</div></body></html>",
        encoding="utf-8",
    )


def _documents(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html")) if folder.is_dir() else []


def _run_pagefind(site: Path, output: Path) -> None:
    command = [
        # The binary itself: `python -m pagefind` would start an interpreter first for each run.
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--silent",
        "--exclude-selectors",
        _EXCLUDE_SELECTORS,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SearchIndexError(f"Не удалось построить поисковый индекс Pagefind:\n{completed.stdout}{completed.stderr}")


def _remove_card_bundles(site_dir: Path, after: int) -> None:
    number = after + 1
    while (stale := site_dir / CARD_BUNDLE.format(number=number)).exists():
        shutil.rmtree(stale)
        number += 1
