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
import os
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
# At most this many cards a bundle (about 320 MB of Pagefind's memory); shards are split evenly.
SHARD_SIZE = 1200
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

    Two groups, indexed separately: the card pages (ready first, and the bulk of the work) and
    the site's other pages. Documents stay between the live preview's rebuilds: a rebuild
    renders only the changed pages, and the others keep their document.
    """

    def __init__(self, root: Path, shard_size: int = SHARD_SIZE) -> None:
        self.root = root
        self.shard_size = shard_size

    def write(self, group: str, dest_uri: str, title: str, content: str) -> None:
        """The page at ``dest_uri`` (``practices/x/index.html``): its plain-text title and content."""
        # Material adds the title as <h1> when the content has none; the index should too.
        heading = "" if "<h1" in content else f"<h1>{html.escape(title)}</h1>"
        target = self.root / group / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head>"
            f"<body><div data-pagefind-body>{heading}{content}</div></body></html>",
            encoding="utf-8",
        )

    def keep_only(self, group: str, dest_uris: Iterable[str]) -> None:
        """Remove the group's documents of pages that are gone (a deleted card, an excluded page)."""
        wanted = {self.root / group / uri for uri in dest_uris}
        for path in self._documents(group):
            if path not in wanted:
                path.unlink()

    def index(self, group: str, site_dir: Path) -> None:
        """Write the group's Pagefind bundles into ``site_dir``."""
        documents = self._documents(group)
        if group == PAGES:
            self._index_shard(group, documents, site_dir, BUNDLE)
        else:
            count = -(-len(documents) // self.shard_size)  # none for a site without cards
            for number in range(1, count + 1):
                shard = documents[number - 1 :: count]
                self._index_shard(group, shard, site_dir, CARD_BUNDLE.format(number=number))
            with _BUNDLES_LOCK:
                _remove_card_bundles(site_dir, after=count)
        # The groups are indexed on two threads: whichever finishes last lists the bundles.
        with _BUNDLES_LOCK:
            _write_manifest(site_dir)

    def _documents(self, group: str) -> list[Path]:
        folder = self.root / group
        return sorted(folder.rglob("*.html")) if folder.is_dir() else []

    def _index_shard(self, group: str, shard: list[Path], site_dir: Path, name: str) -> None:
        # Each shard is a folder of hard links with the pages' own paths, so Pagefind gives every
        # result its page's URL; the bundle is written beside the live one and then swapped in,
        # so the live preview never serves half an index.
        folder = self.root / "shards" / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for document in shard:
            link = folder / document.relative_to(self.root / group)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(document, link)
        fresh, live, old = site_dir / f".{name}.new", site_dir / name, site_dir / f".{name}.old"
        shutil.rmtree(fresh, ignore_errors=True)
        _run_pagefind(folder, fresh)
        with _BUNDLES_LOCK:
            shutil.rmtree(old, ignore_errors=True)
            if live.exists():
                live.rename(old)
            fresh.rename(live)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


class BackgroundIndexer:
    """Indexes each group on a worker thread of its own: the small group of the site's pages is
    not kept waiting behind the cards."""

    def __init__(self, documents: SearchDocuments, on_error: Callable[[Exception], None] | None = None) -> None:
        self._documents = documents
        self._workers = {group: SerialWorker(f"pagefind-{group}", on_error) for group in (CARDS, PAGES)}

    def request(self, group: str, site_dir: Path) -> None:
        self._workers[group].request(group, lambda: self._documents.index(group, site_dir))

    def wait(self) -> None:
        """Block until every requested run is done; raise the first error, if any."""
        errors = [error for worker in self._workers.values() for error in worker.wait()]
        if errors:
            error = errors[0]
            raise error if isinstance(error, SearchIndexError) else SearchIndexError(str(error))


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


def _write_manifest(site_dir: Path) -> None:
    """The card bundles that the search script merges into the first one."""
    bundles, number = [], 1
    while (site_dir / CARD_BUNDLE.format(number=number)).is_dir():
        bundles.append(f"../{CARD_BUNDLE.format(number=number)}/")
        number += 1
    (site_dir / BUNDLE).mkdir(parents=True, exist_ok=True)
    (site_dir / BUNDLE / BUNDLES_MANIFEST).write_text(json.dumps(bundles), encoding="utf-8")
