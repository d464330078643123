"""The MkDocs adapter: turns practice cards into pages. All logic lives in the core modules."""

from __future__ import annotations

import json
import logging
import posixpath
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_tools import open_data, search
from build_tools.cards import Card, CardCache, LoadResult
from build_tools.catalogue import catalogue_html, catalogue_json
from build_tools.compact_html import compact_html
from build_tools.export_docx import DocxWriter
from build_tools.export_tabular import UrlOf, public_site_url
from build_tools.reference import golden_rules_markdown, structure_markdown
from build_tools.render import CardPageRenderer
from build_tools.schema import SCHEMA_PATH
from build_tools.statistics import statistics_markdown

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

CATALOGUE_MARKER = "<!-- practices:catalogue -->"
ERRORS_MARKER = "<!-- practices:errors -->"
STRUCTURE_MARKER = "<!-- practices:structure -->"
GOLDEN_RULES_MARKER = "<!-- practices:golden-rules -->"
# Open data and statistics (docs/downloads.md, docs/statistics.md).
DOWNLOADS_MARKER = "<!-- practices:downloads -->"
EXPORT_FIELDS_MARKER = "<!-- practices:export-fields -->"
EXPORT_JSON_MARKER = "<!-- practices:export-json -->"
CATALOGUE_FIELDS_MARKER = "<!-- practices:catalogue-fields -->"
STATISTICS_MARKER = "<!-- practices:statistics -->"
CATALOGUE_SCRIPT = "assets/javascripts/catalogue.js"


class PracticesConfig(Config):
    practices_dir = opt.Type(str, default="practices")
    """Folder of card files, relative to mkdocs.yml."""

    pages_dir = opt.Type(str, default="practices")
    """Where card pages go in the site: ``<pages_dir>/<id>/``."""

    catalogue_page = opt.Type(str, default="catalogue.md")
    """Docs page whose ``<!-- practices:catalogue -->`` marker becomes the catalogue."""

    data_file = opt.Type(str, default="data/catalogue.json")
    """Where the catalogue's compact data is written in the site."""

    schema_file = opt.Type(str, default="schema/card.schema.json")
    """Where the card JSON Schema is published in the site, for editors."""

    edit_uri = opt.Type(str, default="edit/main/")
    """Appended to ``repo_url`` and the card's path to link a card to its source for editing."""

    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind (Russian stemming, filters)."""

    downloads_page = opt.Type(str, default="downloads.md")
    """Docs page listing the open-data files; always rebuilt, since the files change with the cards."""

    statistics_page = opt.Type(str, default="statistics.md")
    """Docs page whose ``<!-- practices:statistics -->`` marker becomes the charts and tables."""

    card_docx = opt.Type(bool, default=True)
    """Give each card page its appendix table as DOCX (about 2.5 ms and 7 KB per card)."""


class PracticesPlugin(BasePlugin[PracticesConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._loaded = LoadResult()
        self._cards: dict[str, Card] = {}
        self._renderer: CardPageRenderer | None = None
        self._card_cache = CardCache()
        self._background_index = _BackgroundIndex()
        self._rendered_once: dict[str, str] = {}
        self._downloads: list[tuple[str, str, int]] = []  # (site path, description, size)
        # DOCX of unchanged cards, kept between live-preview rebuilds: card id → (card, url, bytes).
        self._docx_cache: dict[str, tuple[Card, str, bytes]] = {}
        self._data_files: list[open_data.DataFile] = []
        self._files: Files | None = None
        self._data_job: Callable[[], list[open_data.DataFile]] | None = None
        self._background_data = _BackgroundJobs()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._root = Path(config.config_file_path).parent
        self._practices = self._root / self.config.practices_dir
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._loaded = self._card_cache.load([self._practices], root=self._root)
        self._report_problems()
        self._cards = {card.id: card for card in self._loaded.cards}
        self._renderer = CardPageRenderer()
        for card in self._loaded.cards:
            files.append(_CardPageFile.for_card(config, self._card_src_uri(card), card))
        catalogue = files.get_file_from_path(self.config.catalogue_page)
        if catalogue is not None:
            # The catalogue lists every card, so a dirty rebuild must always redo it.
            catalogue.is_modified = lambda: True  # type: ignore[method-assign]
        files.append(File.generated(config, self.config.data_file, content=catalogue_json(self._loaded.cards)))
        files.append(File.generated(config, self.config.schema_file, abs_src_path=str(SCHEMA_PATH)))
        self._add_open_data(files, config)
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._rendered_once.clear()  # the navigation may have changed since the last build

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.globals["practices_once"] = self._render_once
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        card = self._card_of(page)
        if card is not None:
            page.meta["hide"] = ["navigation", "toc"]
            page.meta["practice_card"] = True
            if config.repo_url:
                page.edit_url = f"{config.repo_url.rstrip('/')}/{self.config.edit_uri}{card.source_path}"
            return ""  # the page is rendered from the card in on_page_content
        markdown = markdown.replace(STRUCTURE_MARKER, structure_markdown())
        markdown = markdown.replace(GOLDEN_RULES_MARKER, golden_rules_markdown())
        markdown = self._expand_open_data_markers(markdown, page)
        return _expand_calculator_markers(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        card = self._card_of(page)
        if card is not None:
            assert self._renderer is not None
            return self._renderer.render(
                card,
                catalogue_url=get_relative_url(self._catalogue_url(files), page.url),
                edit_url=page.edit_url,
            )
        if page.file.src_uri == self.config.catalogue_page:
            html = html.replace(ERRORS_MARKER, self._errors_html())
            html = html.replace(
                CATALOGUE_MARKER,
                catalogue_html(
                    self._loaded.cards,
                    card_url=lambda c: get_relative_url(self._card_url(c), page.url),
                    data_url=get_relative_url(self.config.data_file, page.url),
                    script_url=get_relative_url(CATALOGUE_SCRIPT, page.url),
                ),
            )
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return compact_html(output)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._practices))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._data_job is not None:  # live preview only: see _add_open_data
            self._background_data.request(self._refresh_data_files(self._data_job, Path(config.site_dir)))
            self._data_job = None
        if not self.config.search:
            return
        if not self._serving:
            search.index_site(Path(config.site_dir))
            return
        # In the live preview the page reloads at once; the search index follows a few seconds later.
        self._background_index.request(Path(config.site_dir))

    # -- open data, reports and statistics ---------------------------------------------------

    def _add_open_data(self, files: Files, config: MkDocsConfig) -> None:
        """The whole catalogue as JSON, CSV and XLSX next to catalogue.json; a DOCX per card."""
        self._files = files
        url_of = self._absolute_card_url(files, config)
        cards = self._loaded.cards
        if self._serving and self._data_files:
            # Live preview: writing the three files takes about a second per thousand cards, so
            # the page is shown at once with the previous build's files and fresh ones are
            # written just after the build (on_post_build).
            self._data_job = lambda: open_data.data_files(cards, url_of)
        else:
            self._data_files = open_data.data_files(cards, url_of)
        folder = posixpath.dirname(self.config.data_file)
        self._downloads = []
        for data_file in self._data_files:
            uri = posixpath.join(folder, data_file.name)
            files.append(File.generated(config, uri, content=data_file.content))
            self._downloads.append((uri, data_file.description, len(data_file.content)))
        for src in (self.config.downloads_page, self.config.statistics_page):
            page_file = files.get_file_from_path(src)
            if page_file is not None:
                page_file.is_modified = lambda: True  # type: ignore[method-assign]
        if not self.config.card_docx:
            return
        writer = DocxWriter()
        cached = self._docx_cache
        self._docx_cache = {}
        for card in cards:
            url = url_of(card)
            hit = cached.get(card.id)
            # The card cache returns the same Card object for an unchanged file.
            reused = hit is not None and hit[0] is card and hit[1] == url
            content = hit[2] if hit is not None and reused else writer.card(card, url_of=url_of)
            self._docx_cache[card.id] = (card, url, content)
            docx_file = File.generated(config, self._card_docx_uri(card, config), content=content)
            if reused:
                docx_file.is_modified = lambda: False  # type: ignore[method-assign]  # a dirty rebuild skips it
            files.append(docx_file)

    def _refresh_data_files(self, make: Callable[[], list[open_data.DataFile]], site_dir: Path) -> Callable[[], None]:
        folder = site_dir / posixpath.dirname(self.config.data_file)

        def refresh() -> None:
            fresh = make()
            for data_file in fresh:
                target = folder / data_file.name
                partial = target.with_name(f".{data_file.name}.part")
                partial.write_bytes(data_file.content)
                partial.replace(target)  # the server never sends a half-written file
            self._data_files = fresh

        return refresh

    def _catalogue_data_size(self) -> int | None:
        catalogue_data = self._files.get_file_from_path(self.config.data_file) if self._files else None
        return len(catalogue_data.content_bytes) if catalogue_data is not None else None

    def _absolute_card_url(self, files: Files, config: MkDocsConfig) -> UrlOf:
        # Exported files travel without the site: their links are absolute when site_url is set
        # (and is not the local preview's address).
        base = public_site_url(config.site_url) or ""
        urls = {}
        for card in self._loaded.cards:
            page_file = files.get_file_from_path(self._card_src_uri(card))
            urls[card.id] = page_file.url if page_file is not None else self._card_url(card)
        return lambda card: base + urls[card.id]

    def _card_docx_uri(self, card: Card, config: MkDocsConfig) -> str:
        # Next to the page's index.html, so the card template links it as "<id>.docx" whether or
        # not use_directory_urls is on (without it the page is <pages_dir>/<id>.html).
        if config.use_directory_urls:
            return f"{self.config.pages_dir}/{card.id}/{card.id}.docx"
        return f"{self.config.pages_dir}/{card.id}.docx"

    def _expand_open_data_markers(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        if DOWNLOADS_MARKER in markdown:
            downloads = [
                open_data.Download(get_relative_url(uri, src), posixpath.basename(uri), description, size)
                for uri, description, size in self._downloads
            ]
            downloads.append(
                open_data.Download(
                    get_relative_url(self.config.data_file, src),
                    posixpath.basename(self.config.data_file),
                    "компактные данные фильтров каталога (поля — ниже)",
                    self._catalogue_data_size(),
                )
            )
            downloads.append(
                open_data.Download(
                    get_relative_url(self.config.schema_file, src),
                    posixpath.basename(self.config.schema_file),
                    "JSON Schema карточки практики",
                    SCHEMA_PATH.stat().st_size,
                )
            )
            markdown = markdown.replace(DOWNLOADS_MARKER, open_data.downloads_markdown(downloads))
        markdown = markdown.replace(EXPORT_FIELDS_MARKER, open_data.export_fields_markdown())
        markdown = markdown.replace(EXPORT_JSON_MARKER, open_data.json_top_level_markdown())
        markdown = markdown.replace(CATALOGUE_FIELDS_MARKER, open_data.catalogue_json_markdown())
        if STATISTICS_MARKER in markdown:
            catalogue_link = get_relative_url(self.config.catalogue_page, src)
            markdown = markdown.replace(
                STATISTICS_MARKER, statistics_markdown(self._loaded.cards, catalogue_link=catalogue_link)
            )
        return markdown

    # -- helpers ---------------------------------------------------------------------------

    def _report_problems(self) -> None:
        for problem in self._loaded.warnings:
            # Pre-review warnings are shown but do not fail a strict build.
            log.info(str(problem))
        if not self._loaded.errors:
            return
        message = "\n".join(str(problem) for problem in self._loaded.errors)
        count = len({problem.path for problem in self._loaded.errors})
        if not self._serving:
            # A static build never ships a half-built catalogue.
            raise PluginError(f"Карточки с ошибками ({count}), сборка остановлена:\n{message}")
        log.error(f"Карточки с ошибками ({count}) не показаны на сайте:\n{message}")

    def _errors_html(self) -> str:
        # Only `make serve` gets here with errors: a static build has already stopped.
        if not self._loaded.errors:
            return ""
        items = Markup("").join(
            Markup("<li><code>{}</code></li>").format(str(problem)) for problem in self._loaded.errors
        )
        return Markup(
            '<div class="admonition failure"><p class="admonition-title">'
            "Карточки с ошибками не показаны</p>"
            "<p>Исправьте ошибки — страница обновится сама.</p><ul>{}</ul></div>"
        ).format(items)

    def _render_once(self, key: str, render: Callable[[], str]) -> str:
        if key not in self._rendered_once:
            self._rendered_once[key] = render()
        return self._rendered_once[key]

    def _catalogue_url(self, files: Files) -> str:
        catalogue = files.get_file_from_path(self.config.catalogue_page)
        if catalogue is None:
            raise PluginError(f"Нет страницы каталога docs/{self.config.catalogue_page}")
        return catalogue.url

    def _card_src_uri(self, card: Card) -> str:
        return f"{self.config.pages_dir}/{card.id}.md"

    def _card_url(self, card: Card) -> str:
        return f"{self.config.pages_dir}/{card.id}/"

    def _card_of(self, page: Page) -> Card | None:
        src = page.file.src_uri
        prefix = f"{self.config.pages_dir}/"
        if page.file.generated_by and src.startswith(prefix) and src.endswith(".md"):
            return self._cards.get(src[len(prefix) : -3])
        return None


class _CardPageFile(File):
    """A card's page as MkDocs sees it.

    Its source is the card file, so `mkdocs serve --dirty` rebuilds only the page of the card
    that changed; but MkDocs reads a one-line stub instead of parsing the card's YAML a second
    time: the plugin renders the page from the already validated card.
    """

    stub: str

    @classmethod
    def for_card(cls, config: MkDocsConfig, src_uri: str, card: Card) -> _CardPageFile:
        page_file = cls.generated(config, src_uri, abs_src_path=str(card.file))
        assert isinstance(page_file, cls)
        # JSON strings are valid YAML scalars: the title needs no escaping of its own.
        page_file.stub = f"---\ntitle: {json.dumps(card.title, ensure_ascii=False)}\n---\n"
        return page_file

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.stub


class _BackgroundIndex:
    """One Pagefind run at a time; a request made during a run starts one more run after it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._running = False

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._work, name="pagefind", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._running = False
                    return
            try:
                search.index_site(site_dir)
            except search.SearchIndexError as error:
                log.error(str(error))


class _BackgroundJobs:
    """Runs jobs one at a time in a thread; a job requested during a run replaces any waiting one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Callable[[], None] | None = None
        self._running = False

    def request(self, job: Callable[[], None]) -> None:
        with self._lock:
            self._pending = job
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._work, name="practices-data", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._running = False
                    return
            try:
                job()
            except Exception as error:  # a preview keeps running; the next edit tries again
                log.error(f"Файлы открытых данных не обновлены: {error}")


def _expand_calculator_markers(markdown: str) -> str:
    try:
        from calculators.docs import expand_markers
    except ImportError:  # the calculators package is optional for the catalogue
        return markdown
    return expand_markers(markdown)
