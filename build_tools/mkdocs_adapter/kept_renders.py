"""Hand-written pages converted from Markdown once: MkDocs' render of a page kept between builds.

A full build (a new day, new code, the first `make serve` of a checkout) converts every
hand-written page again, and their Markdown (the calculators' reference, the statistics…) took
about 0.55 s of a build at 1,000 cards here. What ``Page.render`` leaves on the page (its HTML,
table of contents, title from its <h1>, anchors and links to other pages' anchors) is kept per
page, with the digest of what it was made from: the page's Markdown as the build expanded it,
its address, the address of every file of the site (links are resolved against them),
``mkdocs.yml`` (the Markdown extensions and their settings) and the code and pinned libraries
(``content_key``). A render that logged a warning is not kept, so that the warning comes again
(`make build --strict` fails on it).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.content_cache import ContentCache, content_key


class KeptRenders:
    def __init__(self, database: Path) -> None:
        self._entries = ContentCache(database)
        self._context = ""

    def new_build(self, config: MkDocsConfig, files: Files) -> None:
        """Once the site's files are known (before any page is rendered)."""
        addresses = hashlib.sha256()
        for page_file in sorted(files, key=lambda item: item.src_uri):
            addresses.update(f"{page_file.src_uri}\0{page_file.url}\n".encode())
        settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        self._context = content_key(addresses.hexdigest(), hashlib.sha256(settings).hexdigest())

    def keep(self, page: Page) -> None:
        """``page``'s next render (MkDocs calls it right after ``on_page_markdown``) is taken from
        the kept one when it was made from the same, and kept otherwise."""
        render: Callable[[MkDocsConfig, Files], None] = page.render
        page.render = lambda config, files: self._render(page, render, config, files)  # type: ignore[method-assign]

    def _render(
        self, page: Page, render: Callable[[MkDocsConfig, Files], None], config: MkDocsConfig, files: Files
    ) -> None:
        key = self._entries.key("page", page.file.src_uri)
        made_from = content_key(page.url, page.markdown, self._context)
        stored = self._entries.read_made_from(key, made_from)
        if stored is not None:
            content, toc, title, anchors, links = pickle.loads(stored)
            page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
            if links is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
            return
        with _warnings_logged() as warnings:
            render(config, files)
        if warnings:
            return
        links = page.links_to_anchors
        state = (
            page.content,
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
            None if links is None else {linked.src_uri: found for linked, found in links.items()},
        )
        self._entries.store_made_from(key, made_from, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _warnings_logged() -> Iterator[list[logging.LogRecord]]:
    # MkDocs' logger does not pass its records on to the root logger; Markdown's extensions log to
    # their own, which do.
    count = _Count()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(count)
    try:
        yield count.records
    finally:
        for logger in loggers:
            logger.removeHandler(count)
