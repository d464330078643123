"""The MkDocs adapter: turns practice cards into pages. All logic lives in the core modules."""

from __future__ import annotations

import contextlib
import json
import logging
import posixpath
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from build_tools.background import SerialWorker
from build_tools.calculator_site import calculator_forms, programme_form, pyodide_assets
from build_tools.cards.loading import Card, CardCache, LoadResult
from build_tools.cards.schema import SCHEMA_PATH
from build_tools.contribution import card_form
from build_tools.exports import open_data
from build_tools.exports.export_tabular import public_site_url
from build_tools.exports.open_data_process import OpenDataProcess, OpenDataProcessError
from build_tools.search import documents as search_documents
from build_tools.search.process import SearchIndexError, SearchIndexProcess
from build_tools.site.catalogue import catalogue_html, catalogue_json, sorted_cards
from build_tools.site.compact_html import compact_html
from build_tools.site.reference import directions_markdown, golden_rules_markdown, structure_markdown
from build_tools.site.render import CardPageRenderer
from build_tools.site.statistics import statistics_markdown
from build_tools.theme import page_shell
from build_tools.theme.icon_sprite import IconSprite
from build_tools.theme.theme_scripts import ThemeScriptError, palette_script

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

CATALOGUE_MARKER = "<!-- practices:catalogue -->"
ERRORS_MARKER = "<!-- practices:errors -->"
STRUCTURE_MARKER = "<!-- practices:structure -->"
DIRECTIONS_MARKER = "<!-- practices:directions -->"
GOLDEN_RULES_MARKER = "<!-- practices:golden-rules -->"
# Open data and statistics (docs/downloads.md, docs/statistics.md).
DOWNLOADS_MARKER = "<!-- practices:downloads -->"
EXPORT_FIELDS_MARKER = "<!-- practices:export-fields -->"
EXPORT_JSON_MARKER = "<!-- practices:export-json -->"
CATALOGUE_FIELDS_MARKER = "<!-- practices:catalogue-fields -->"
STATISTICS_MARKER = "<!-- practices:statistics -->"
CATALOGUE_SCRIPT = "assets/javascripts/catalogue.js"
# The «Предложить практику» form (build_tools/contribution/card_form.py).
CARD_FORM_SCRIPT = "assets/javascripts/card-form.js"
CARD_FORM_STYLESHEET = "assets/stylesheets/card-form.css"
ICON_SPRITE = "assets/images/icons.svg"
CARD_PAGE_TEMPLATE = "practices/card-page.html"  # served from memory: see on_env
PALETTE_SCRIPT = "assets/javascripts/palette.js"
# Calculators in the browser (build_tools/calculator_site/: calculator_forms.py, pyodide_assets.py).
CALCULATOR_SCRIPT = "assets/javascripts/calculator-page.js"
CALCULATOR_WORKER = "assets/javascripts/calculator-worker.mjs"
SERVICE_WORKER = "sw.js"  # at the site root: its scope is the whole site
CALCULATOR_STYLESHEET = "assets/stylesheets/calculators.css"
# The «Нулевой травматизм» programme (build_tools/calculator_site/programme_form.py).
PROGRAMME_SCRIPT = "assets/javascripts/programme-page.js"
PROGRAMME_STYLESHEET = "assets/stylesheets/programme.css"


class PracticesConfig(Config):
    practices_dir = opt.Type(str, default="practices")
    """Folder of card files, relative to mkdocs.yml."""

    pages_dir = opt.Type(str, default="practices")
    """Where card pages go in the site: ``<pages_dir>/<id>/``."""

    catalogue_page = opt.Type(str, default="catalogue.md")
    """Docs page whose ``<!-- practices:catalogue -->`` marker becomes the catalogue."""

    economics_page = opt.Type(str, default="calculators/economics.md")
    """The economics calculator's page: a card with a cost and a money indicator links its
    economic effect there, prefilled (no link when the site has no such page)."""

    data_file = opt.Type(str, default="data/catalogue.json")
    """Where the catalogue's compact data is written in the site."""

    schema_file = opt.Type(str, default="schema/card.schema.json")
    """Where the card JSON Schema is published in the site, for editors."""

    edit_uri = opt.Type(str, default="edit/main/")
    """Appended to ``repo_url`` and the card's path to link a card to its source for editing."""

    search = opt.Type(bool, default=True)
    """Write the site's search index (build_tools/search/: Russian stems, filters)."""

    downloads_page = opt.Type(str, default="downloads.md")
    """Docs page listing the open-data files; always rebuilt, since the files change with the cards."""

    statistics_page = opt.Type(str, default="statistics.md")
    """Docs page whose ``<!-- practices:statistics -->`` marker becomes the charts and tables."""

    card_docx = opt.Type(bool, default=True)
    """Give each card page its appendix table as DOCX (about 2.5 ms and 7 KB per card)."""

    card_page_shell = opt.Type(bool, default=True)
    """Render the theme's template once and fill it in for each card page (exact, and a few
    milliseconds less per card); off renders every card page through the template."""


class PracticesPlugin(BasePlugin[PracticesConfig]):
    def __init__(self) -> None:
        self._serving = False
        self._loaded = LoadResult()
        self._cards: dict[str, Card] = {}
        self._renderer: CardPageRenderer | None = None
        self._card_cache = CardCache()
        # Files made during a build for MkDocs to copy; removed on shutdown.
        self._scratch = Path(tempfile.mkdtemp(prefix="practices-"))
        # The site's pages as the search indexes them, kept between the live preview's rebuilds
        # (a rebuild renders only the pages that changed); the process writing the index.
        self._search_pages: dict[str, search_documents.SearchDocument] = {}
        self._search_index: SearchIndexProcess | None = None
        # The live preview's work after a build: its errors are logged, the preview goes on.
        self._background = SerialWorker("practices", on_error=_log_error)
        self._rendered_once: dict[str, str] = {}
        self._icons = IconSprite()
        self._templates = _CompiledTemplates()
        self._card_shells: dict[int, page_shell.PageShell] = {}  # by the depth of the page in the site
        self._card_contents: dict[str, bytes] = {}  # card page src_uri → its HTML, zlib-compressed
        self._open_data = open_data.OpenDataFiles(self._scratch / "open-data")
        self._open_data_due = False
        self._open_data_process: OpenDataProcess | None = None
        self._refresh_data = False
        self._files: Files | None = None
        # Live preview: what each shown card wrote in the site (its page, its DOCX), to take away
        # when the card is deleted or broken (a dirty rebuild leaves unlisted files in place).
        self._card_outputs: dict[str, list[str]] = {}

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
        card_pages = []
        for card in self._loaded.cards:
            page_file = _CardPageFile.for_card(config, self._card_src_uri(card), card)
            _CardPage(None, page_file, config)
            card_pages.append(page_file)
        # Card pages first: MkDocs renders pages in this order, and the pages that wait for the
        # open-data files (the downloads page) then come after the cards' long run.
        files = Files([*card_pages, *files])
        catalogue = files.get_file_from_path(self.config.catalogue_page)
        if catalogue is not None:
            # The catalogue lists every card, so a dirty rebuild must always redo it.
            catalogue.is_modified = lambda: True  # type: ignore[method-assign]
        files.append(File.generated(config, self.config.data_file, content=catalogue_json(self._loaded.cards)))
        files.append(File.generated(config, self.config.schema_file, abs_src_path=str(SCHEMA_PATH)))
        try:
            files.append(File.generated(config, PALETTE_SCRIPT, content=palette_script(config.theme.dirs)))
        except ThemeScriptError as error:
            raise PluginError(str(error)) from None
        self._add_open_data(files, config)
        self._add_calculator_assets(files, config)
        if self._serving:
            self._remove_vanished_cards(card_pages, config)
        return files

    def _remove_vanished_cards(self, card_pages: list[_CardPageFile], config: MkDocsConfig) -> None:
        """Live preview: the page and DOCX of a card deleted or broken since the last build go."""
        outputs = {
            card.id: [page_file.dest_uri, *([self._card_docx_uri(card, config)] if self.config.card_docx else [])]
            for card, page_file in zip(self._loaded.cards, card_pages, strict=True)
        }
        site_dir = Path(config.site_dir)
        for card_id in self._card_outputs.keys() - outputs.keys():
            for uri in self._card_outputs[card_id]:
                path = site_dir / uri
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # the card's folder, once empty
                    path.parent.rmdir()
        self._card_outputs = outputs

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._rendered_once.clear()  # the navigation may have changed since the last build
        self._card_shells.clear()

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.globals["practices_once"] = self._render_once
        env.globals["practices_card_page"] = self._card_page
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({CARD_PAGE_TEMPLATE: "{{ practices_card_page() }}"}), env.loader]
        )
        # Material writes its settings and Russian labels into every page as JSON: as text they
        # are a third of the size of \u escapes (Jinja still escapes <, > and & for a <script>).
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        # A new environment is made for every build: checking each include's file for changes
        # (thirty per page) only costs time, and compiling the theme's templates again costs the
        # live preview most of a second per rebuild (the cache checks each template's source).
        env.auto_reload = False
        env.bytecode_cache = self._templates
        self._write_open_data()  # MkDocs copies the files right after this event
        if self.config.search:
            # Every page's content is rendered by now: the index is written on the second core
            # while the theme writes the pages.
            self._start_search_index(files, Path(config.site_dir))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        card = self._card_of(page)
        if card is not None:
            page.meta["hide"] = ["navigation", "toc"]
            page.meta["practice_card"] = True
            if self.config.card_page_shell:
                page.meta["template"] = CARD_PAGE_TEMPLATE
            if config.repo_url:
                page.edit_url = f"{config.repo_url.rstrip('/')}/{self.config.edit_uri}{card.source_path}"
            return ""  # the page is rendered from the card in on_page_content
        markdown = markdown.replace(STRUCTURE_MARKER, structure_markdown())
        markdown = markdown.replace(DIRECTIONS_MARKER, directions_markdown())
        markdown = markdown.replace(GOLDEN_RULES_MARKER, golden_rules_markdown())
        markdown = self._expand_open_data_markers(markdown, page)
        return _expand_calculator_markers(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        card = self._card_of(page)
        if card is not None:
            assert self._renderer is not None
            html = self._renderer.render(
                card,
                catalogue_url=get_relative_url(self._catalogue_url(files), page.url),
                edit_url=page.edit_url,
                economics_url=self._economics_url(files, page),
            )
            if not self.config.card_page_shell:
                return html
            # Thousands of card pages wait in memory for the theme (MkDocs renders every page's
            # content first): compressed, a card's HTML takes a fifth of the room.
            self._card_contents[page.file.src_uri] = zlib.compress(html.encode(), 1)
            return ""
        if calculator_forms.MARKER.search(html):
            html = calculator_forms.replace_markers(html, lambda calc_id: self._calculator_form(calc_id, page, files))
        if programme_form.MARKER in html:
            urls = self._form_urls(page, files, PROGRAMME_SCRIPT)
            stylesheet = get_relative_url(PROGRAMME_STYLESHEET, page.url)
            html = html.replace(programme_form.MARKER, programme_form.form_html(urls, stylesheet))
        if card_form.MARKER in html:
            html = html.replace(
                card_form.MARKER,
                card_form.form_html(
                    config.repo_url,
                    script_url=get_relative_url(CARD_FORM_SCRIPT, page.url),
                    stylesheet_url=get_relative_url(CARD_FORM_STYLESHEET, page.url),
                ),
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
        if page.meta.get("template") == CARD_PAGE_TEMPLATE:
            return output  # filled in from a finished shell (_card_page)
        return self._finish_page(output, page)

    def _finish_page(self, html: str, page: Page) -> str:
        return self._icons.link(compact_html(html), get_relative_url(ICON_SPRITE, page.url))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._practices))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        sprite = Path(config.site_dir) / ICON_SPRITE
        sprite.parent.mkdir(parents=True, exist_ok=True)
        sprite.write_text(self._icons.svg(), encoding="utf-8")
        if self._refresh_data:  # live preview only: see _write_open_data
            self._refresh_data = False
            site_dir = Path(config.site_dir)
            self._background.request("data", lambda: self._open_data.write_data(copy_to=site_dir))
        if self._search_index is not None and not self._serving:
            # In the live preview the page reloads at once and the index follows a moment later.
            try:
                self._search_index.wait()
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            finally:
                self._search_index = None

    def on_shutdown(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _start_search_index(self, files: Files, site_dir: Path) -> None:
        previous = self._search_index
        if previous is not None:  # the live preview's previous index: never two at once
            with contextlib.suppress(SearchIndexError):  # the live preview's worker logs it
                previous.wait()
        indexed = set()
        for page_file in files.documentation_pages():
            page = page_file.page
            if page is None or isinstance(page_file, _CardPageFile):
                continue
            search_meta = page.meta.get("search")
            if isinstance(search_meta, dict) and search_meta.get("exclude"):
                continue
            indexed.add(page_file.dest_uri)
            if page.content is not None:  # None: a dirty rebuild left the page as it was
                document = search_documents.page_document(page_file.url, page.title or "", page.content)
                self._search_pages[page_file.dest_uri] = document
        for gone in self._search_pages.keys() - indexed:
            del self._search_pages[gone]
        pages = [self._search_pages[uri] for uri in sorted(self._search_pages)]
        process = self._search_index = SearchIndexProcess(self._card_documents(files), pages, site_dir)
        if self._serving:
            self._background.request("search", process.wait)

    def _card_documents(self, files: Files) -> Iterator[search_documents.SearchDocument]:
        """Newest first (the order of equally good results), made one at a time."""
        for card in sorted_cards(self._loaded.cards):
            page_file = files.get_file_from_path(self._card_src_uri(card))
            url = page_file.url if page_file is not None else self._card_url(card)
            yield search_documents.card_document(card, url)

    # -- open data, reports and statistics ---------------------------------------------------

    def _add_open_data(self, files: Files, config: MkDocsConfig) -> None:
        """The whole catalogue as JSON, CSV and XLSX next to catalogue.json; a DOCX per card."""
        self._files = files
        for src in (self.config.downloads_page, self.config.statistics_page):
            page_file = files.get_file_from_path(src)
            if page_file is not None:
                page_file.is_modified = lambda: True  # type: ignore[method-assign]
        cards = self._loaded.cards
        docx_uris = {card.id: self._card_docx_uri(card, config) for card in cards} if self.config.card_docx else {}
        urls = self._absolute_card_urls(files, config)
        data_folder = posixpath.dirname(self.config.data_file)
        self._open_data.plan(cards, lambda card: urls[card.id], data_folder=data_folder, docx_uris=docx_uris)
        for uri in [*self._open_data.data_uris, *self._open_data.docx_uris]:
            files.append(File.generated(config, uri, abs_src_path=str(self._open_data.folder / uri)))
        self._open_data_due = True
        if not self._serving:
            # A build: the files are written on the second core while MkDocs renders the pages.
            folder = self._open_data.folder
            self._open_data_process = OpenDataProcess(cards, urls, folder, data_folder=data_folder, docx_uris=docx_uris)

    def _write_open_data(self) -> None:
        """Called when the files are first needed: after the cards are rendered (the downloads
        page, or just before MkDocs copies files)."""
        if not self._open_data_due:
            return
        self._open_data_due = False
        if self._open_data_process is not None:
            process, self._open_data_process = self._open_data_process, None
            try:
                process.wait()
            except OpenDataProcessError as error:
                raise PluginError(str(error)) from None
            return
        self._open_data.write_docx()  # only new and changed cards'
        if self._serving and self._open_data.has_data():
            # Live preview: the data files take about a second per thousand cards, so the page is
            # shown with the previous ones and fresh ones follow (on_post_build).
            self._refresh_data = True
        else:
            self._open_data.write_data()

    def _catalogue_data_size(self) -> int | None:
        catalogue_data = self._files.get_file_from_path(self.config.data_file) if self._files else None
        return len(catalogue_data.content_bytes) if catalogue_data is not None else None

    def _absolute_card_urls(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        # Exported files travel without the site: their links are absolute when site_url is set
        # (and is not the local preview's address).
        base = public_site_url(config.site_url) or ""
        urls = {}
        for card in self._loaded.cards:
            page_file = files.get_file_from_path(self._card_src_uri(card))
            urls[card.id] = base + (page_file.url if page_file is not None else self._card_url(card))
        return urls

    def _card_docx_uri(self, card: Card, config: MkDocsConfig) -> str:
        # Next to the page's index.html, so the card template links it as "<id>.docx" whether or
        # not use_directory_urls is on (without it the page is <pages_dir>/<id>.html).
        if config.use_directory_urls:
            return f"{self.config.pages_dir}/{card.id}/{card.id}.docx"
        return f"{self.config.pages_dir}/{card.id}.docx"

    def _expand_open_data_markers(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        if DOWNLOADS_MARKER in markdown:
            self._write_open_data()
            downloads = [
                open_data.Download(get_relative_url(uri, src), posixpath.basename(uri), description, size)
                for uri, description, size in self._open_data.downloads()
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
                STATISTICS_MARKER,
                statistics_markdown(
                    self._loaded.cards,
                    catalogue_link=catalogue_link,
                    card_link=lambda card: get_relative_url(self._card_src_uri(card), src),
                ),
            )
        return markdown

    # -- calculators in the browser -----------------------------------------------------------

    def _add_calculator_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Pyodide's boot files, the calculators wheel and the service worker, all from this site."""
        folder = pyodide_assets.node_package(self._root, pyodide_assets.ROOT)
        try:
            pyodide = pyodide_assets.find_pyodide(folder, pyodide_assets.pinned_version(folder.parent.parent))
        except pyodide_assets.PyodideMissingError as error:
            raise PluginError(str(error)) from None
        self._pyodide = pyodide
        self._wheel = pyodide_assets.build_wheel()
        for name, path in pyodide.files():
            files.append(File.generated(config, f"assets/pyodide/{pyodide.version}/{name}", abs_src_path=str(path)))
        files.append(File.generated(config, self._wheel.site_path, content=self._wheel.content))
        service_worker = pyodide_assets.service_worker(pyodide, self._wheel)
        files.append(File.generated(config, SERVICE_WORKER, content=service_worker))

    def _form_urls(self, page: Page, files: Files, script: str) -> calculator_forms.FormUrls:
        def relative(path: str) -> str:
            return get_relative_url(path, page.url)

        return calculator_forms.FormUrls(
            pyodide=relative(f"assets/pyodide/{self._pyodide.version}/"),
            wheel=relative(self._wheel.site_path),
            wheel_integrity=self._wheel.integrity,
            worker=relative(CALCULATOR_WORKER),
            script=relative(script),
            stylesheet=relative(CALCULATOR_STYLESHEET),
            service_worker=relative(SERVICE_WORKER),
            catalogue=relative(self._catalogue_url(files)),
            offline_cache=pyodide_assets.runtime_cache(self._pyodide, self._wheel),
        )

    def _calculator_form(self, calculator_id: str, page: Page, files: Files) -> str:
        urls = self._form_urls(page, files, CALCULATOR_SCRIPT)
        try:
            return calculator_forms.form_html(calculator_id, urls)
        except calculator_forms.CalculatorFormError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

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

    @jinja2.pass_context
    def _card_page(self, context: jinja2.runtime.Context) -> str:
        """A card page: the theme's page rendered once per build (with placeholders), filled in."""
        page = context["page"]
        depth = page.url.count("/")
        shell = self._card_shells.get(depth)
        if shell is None:
            saved = (page.meta["title"], page.content, page.edit_url, page.canonical_url)
            page.meta["title"] = page_shell.TITLE
            page.content = page_shell.CONTENT
            page.edit_url = page_shell.EDIT_URL if page.edit_url else None
            page.canonical_url = page_shell.CANONICAL_URL if page.canonical_url else None
            try:
                rendered = context.environment.get_template("main.html").render(context.get_all())
                # Finished here once, so on_post_page can pass card pages through untouched.
                shell = page_shell.PageShell.from_rendering(self._finish_page(rendered, page))
                self._card_shells[depth] = shell
            except page_shell.PageShellError as error:
                raise PluginError(f"{page.file.src_uri}: {error}") from None
            finally:
                page.meta["title"], page.content, page.edit_url, page.canonical_url = saved
        return shell.fill(
            title=page.meta["title"],
            content=self._finish_page(zlib.decompress(self._card_contents.pop(page.file.src_uri)).decode(), page),
            edit_url=page.edit_url,
            canonical_url=page.canonical_url,
        )

    def _catalogue_url(self, files: Files) -> str:
        catalogue = files.get_file_from_path(self.config.catalogue_page)
        if catalogue is None:
            raise PluginError(f"Нет страницы каталога docs/{self.config.catalogue_page}")
        return catalogue.url

    def _economics_url(self, files: Files, page: Page) -> str | None:
        economics = files.get_file_from_path(self.config.economics_page)
        return get_relative_url(economics.url, page.url) if economics is not None else None

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
        # MkDocs' templates print the title unescaped (its Jinja has no autoescaping), so the
        # title MkDocs sees is already HTML text: a card's title can never become markup.
        # JSON strings are valid YAML scalars: the title needs no escaping of its own.
        title = json.dumps(str(escape(card.title)), ensure_ascii=False)
        page_file.stub = f"---\ntitle: {title}\n---\n"
        return page_file

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.stub


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the live preview's rebuilds."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class _CardPage(Page):
    """A card's page: its HTML is the card's (on_page_content), there is no Markdown to convert.

    MkDocs' own render builds a Markdown instance with every configured extension for each
    page, about a millisecond: a second per thousand cards spent on an empty string.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def _log_error(error: Exception) -> None:
    log.error(str(error))


def _expand_calculator_markers(markdown: str) -> str:
    try:
        from calculators.docs import expand_markers
    except ImportError:  # the calculators package is optional for the catalogue
        return markdown
    return expand_markers(markdown)
