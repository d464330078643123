"""The MkDocs adapter: MkDocs' events translated into calls on ``SiteBuild``. No logic of its own.

Also runs under ProperDocs (the maintained MkDocs 1.x fork), which answers ``import mkdocs``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools.compiled_templates import CompiledTemplates
from build_tools.mkdocs_adapter import early_reload
from build_tools.mkdocs_adapter.card_watch import CardWatch, watch_cards
from build_tools.mkdocs_adapter.kept_renders import KeptRenders
from build_tools.search.site_index import IndexedPage
from build_tools.site_build.build import SiteBuild, SiteBuildError, SiteSettings
from build_tools.site_build.files import CardPageSource
from build_tools.site_build.layout import PageRef, UrlLayout
from build_tools.theme import page_shell
from build_tools.theme.jinja_tuning import tune_theme_environment
from build_tools.theme.theme_folders import list_folders_once

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
CARD_PAGE_TEMPLATE = "practices/card-page.html"  # served from memory: see on_env
LIST_PAGE_TEMPLATE = "practices/list-page.html"
Hook = TypeVar("Hook", bound=Callable[..., Any])


def _build_errors(hook: Hook) -> Hook:
    """The core's errors as MkDocs' own: a message, no traceback."""

    @functools.wraps(hook)
    def translated(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except SiteBuildError as error:
            raise PluginError(str(error)) from None

    return translated  # type: ignore[return-value]


class PracticesConfig(Config):
    practices_dir = opt.Type(str, default="practices")  # folder of card files, relative to mkdocs.yml
    pages_dir = opt.Type(str, default="practices")  # card pages: <pages_dir>/<id>/
    catalogue_page = opt.Type(str, default="catalogue.md")  # the page with <!-- practices:catalogue -->
    economics_page = opt.Type(str, default="calculators/economics.md")  # cards link their economic effect
    data_file = opt.Type(str, default="data/catalogue.json")  # the catalogue's compact data
    schema_file = opt.Type(str, default="schema/card.schema.json")  # the card schema, for editors
    edit_uri = opt.Type(str, default="edit/main/")  # repo_url + this + the card's path: its edit link
    search = opt.Type(bool, default=True)  # write the site's search index (build_tools/search/)
    card_docx = opt.Type(bool, default=True)  # each card page links its appendix table as DOCX
    card_page_shell = opt.Type(bool, default=True)  # the theme rendered once and filled per card


class PracticesPlugin(BasePlugin[PracticesConfig]):
    site: SiteBuild  # made by on_config

    def __init__(self) -> None:
        self._serving = self._in_place = False
        self._card_watch: CardWatch | None = None  # the cards' folder, in the live preview
        self._templates = CompiledTemplates()  # kept between the live preview's rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving, self._in_place = command == "serve", dirty
        if dirty:  # MkDocs warns that it may be inexact: the core keeps it exact (incremental.py)
            for name in ("mkdocs.commands.build", "properdocs.commands.build"):
                logging.getLogger(name).addFilter(lambda record: "'dirty' build" not in record.getMessage())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        layout = UrlLayout(
            pages_dir=self.config.pages_dir,
            catalogue_page=self.config.catalogue_page,
            economics_page=self.config.economics_page,
            data_file=self.config.data_file,
            schema_file=self.config.schema_file,
            directory_urls=config.use_directory_urls,
            site_url=config.site_url,
        )
        settings = SiteSettings(
            root=root,
            config_file=Path(config.config_file_path),
            docs_dir=Path(config.docs_dir),
            practices=root / self.config.practices_dir,
            layout=layout,
            theme_dirs=tuple(Path(folder) for folder in config.theme.dirs),
            repo_url=config.repo_url,
            edit_uri=self.config.edit_uri,
            search=self.config.search,
            card_docx=self.config.card_docx,
            card_page_shell=self.config.card_page_shell,
            serving=self._serving,
            in_place=self._in_place,
        )
        previous = getattr(self, "site", None)
        if previous is None or previous.settings != settings:  # the live preview keeps its caches
            if previous is not None:
                previous.close()
            self.site = SiteBuild(settings, log)
            self._renders = KeptRenders(self.site.cache_dir / "rendered-pages.sqlite")
        config.site_dir = str(self.site.site_folder(Path(config.site_dir)))
        theme_env = config.theme.get_env
        config.theme.get_env = lambda: list_folders_once(theme_env())  # type: ignore[method-assign]
        return config

    @_build_errors
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        plan = self.site.plan()
        card_pages = [_CardPageFile.for_card(config, source) for source in plan.card_pages]
        for page_file in card_pages:
            _UnconvertedPage(None, page_file, config)
        # MkDocs renders and writes pages in this order: the cards' long run first, and last the
        # pages that wait for the open-data files being written meanwhile (the downloads page).
        files = Files([*card_pages, *files])
        for src_uri in plan.always_rebuilt:
            page_file = files.get_file_from_path(src_uri)
            if page_file is not None:
                page_file.is_modified = lambda: True  # type: ignore[method-assign]
        for generated in plan.files:
            source = str(generated.source) if generated.source is not None else None
            page_file = File.generated(config, generated.uri, content=generated.content, abs_src_path=source)
            files.append(page_file)
            if page_file.is_documentation_page() and self.site.is_list_page(page_file.url):
                _UnconvertedPage(None, page_file, config)
        for src_uri in plan.built_last:
            page_file = files.get_file_from_path(src_uri)
            if page_file is not None:
                files.remove(page_file)
                files.append(page_file)
        self.site.listed_files(page_file.dest_uri for page_file in files)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A dirty build reads only the pages it renders: a page with no title in `nav` would have
        # none in the navigation of the others.
        for page in nav.pages:
            if page.title is None:
                page.file.is_modified = lambda: True  # type: ignore[method-assign]
        self._renders.new_build(config, files)
        return nav

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.site.new_build(Path(config.site_dir))

    @_build_errors
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.globals["practices_once"] = self.site.render_once
        env.globals["practices_card_page"] = self._card_page
        env.globals["practices_list_page"] = self._list_page
        own = {CARD_PAGE_TEMPLATE: "{{ practices_card_page() }}", LIST_PAGE_TEMPLATE: "{{ practices_list_page() }}"}
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(own), env.loader])
        self._templates.keep_in(self.site.cache_dir)
        tune_theme_environment(env, self._templates)
        self.site.pages_rendered(_indexed_pages(files), Path(config.site_dir))
        return env

    @_build_errors
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page.file, _CardPageFile):
            if isinstance(page, _UnconvertedPage):  # a list page
                if self.config.card_page_shell:
                    page.meta["template"] = LIST_PAGE_TEMPLATE
            else:
                self._renders.keep(page)
            return self.site.expand_markdown(markdown, _ref(page))
        page.meta["hide"] = ["navigation", "toc"]
        page.meta["practice_card"] = True
        if self.config.card_page_shell:
            page.meta["template"] = CARD_PAGE_TEMPLATE
        page.edit_url = self.site.card_edit_url(page.file.card_id)
        return ""  # the page is rendered from the card in on_page_content

    @_build_errors
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page.file, _CardPageFile):
            return self.site.expand_html(html, _ref(page))
        return self.site.card_content(page.file.card_id, page_url=page.url, edit_url=page.edit_url)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.meta.get("template") in (CARD_PAGE_TEMPLATE, LIST_PAGE_TEMPLATE):
            return output  # finished by the core (_card_page, _list_page)
        return self.site.finish_written_page(output, _ref(page))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        card_watch = self._card_watch = watch_cards(server, self.site.settings.practices)
        server.root = site_dir = config.site_dir  # the preview's own folder (SiteBuild.site_folder)
        server.error_handler = lambda code: self.site.error_page(Path(site_dir), code)
        if early_reload.supported(server):
            early = early_reload.EarlyReload(
                server,
                show=lambda paths: self.site.show_edited_cards(paths, Path(site_dir)),
                take_saved=card_watch.take_saved,
            )
            rebuild = server.builder
            server.builder = lambda: early.rebuild(rebuild)
            card_watch.on_saved = early.saved
        return server

    @_build_errors
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.site.finish(Path(config.site_dir))

    def on_shutdown(self) -> None:
        if self._card_watch is not None:
            self._card_watch.stop()
        if hasattr(self, "site"):
            self.site.close()

    @jinja2.pass_context
    @_build_errors
    def _card_page(self, context: jinja2.runtime.Context) -> str:
        """A card page: the theme's page rendered once per build with placeholders, filled in."""
        page = context["page"]
        return self.site.card_page(
            page.file.card_id,
            page.url,
            title=page.meta["title"],
            edit_url=page.edit_url,
            canonical_url=page.canonical_url,
            render_shell=lambda: _render_shell(context, page_shell.CONTENT),
        )

    @jinja2.pass_context
    @_build_errors
    def _list_page(self, context: jinja2.runtime.Context) -> str:
        """A static list page of the catalogue: like a card page, the theme's page rendered once
        (per depth) with placeholders and filled in."""
        page = context["page"]
        return self.site.list_page(
            page.url,
            page.content,
            title=page.meta["title"],
            canonical_url=page.canonical_url,
            render_shell=lambda: _render_shell(context, page_shell.CONTENT_WITHOUT_H1),
        )


def _render_shell(context: jinja2.runtime.Context, content: str) -> str:
    """The theme's page for ``context``'s page with the placeholders of ``page_shell`` instead of
    its title, ``content`` (a content placeholder), edit link and canonical address."""
    page = context["page"]
    saved = (page.meta["title"], page.content, page.edit_url, page.canonical_url)
    page.meta["title"] = page_shell.TITLE
    page.content = content
    page.edit_url = page_shell.EDIT_URL if page.edit_url else None
    page.canonical_url = page_shell.CANONICAL_URL if page.canonical_url else None
    try:
        return context.environment.get_template("main.html").render(context.get_all())
    finally:
        page.meta["title"], page.content, page.edit_url, page.canonical_url = saved


class _CardPageFile(File):
    """A card's page: its source is the card file, so `mkdocs serve --dirty` rebuilds only the changed
    card's page; but MkDocs reads a one-line stub, not the card's YAML a second time."""

    card_id: str
    stub: str

    @classmethod
    def for_card(cls, config: MkDocsConfig, source: CardPageSource) -> _CardPageFile:
        page_file = cls.generated(config, source.src_uri, abs_src_path=str(source.file))
        assert isinstance(page_file, cls)
        # Where the core's layout puts the page: MkDocs would work both out again, path by path,
        # for every card in every build (a third of a second at 10,000 cards).
        page_file.dest_uri = source.dest_uri
        page_file.url = source.url
        page_file.card_id = source.card_id
        page_file.stub = source.stub
        return page_file

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.stub


class _UnconvertedPage(Page):
    """A page whose Markdown needs no converting: a card's (empty: the page is rendered from the
    card) or a static list page's (the list's placeholder alone, an HTML comment Markdown passes as
    it is). MkDocs' own render builds a Markdown instance with every extension for each page: 0.7 ms
    a page, a second per thousand cards, and a thousand list pages at 10,000 cards."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = (self.markdown or "").strip()
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def _ref(page: Page) -> PageRef:
    return PageRef(page.file.src_uri, page.url)


def _indexed_pages(files: Files) -> list[IndexedPage]:
    """The hand-written pages for the search index (not the cards, not those that opt out)."""
    indexed = []
    for page_file in files.documentation_pages():
        page = page_file.page
        if page is None or isinstance(page_file, _CardPageFile):
            continue
        search_meta = page.meta.get("search")
        if isinstance(search_meta, dict) and search_meta.get("exclude"):
            continue
        indexed.append(IndexedPage(page_file.dest_uri, page_file.url, page.title or "", page.content))
    return indexed
