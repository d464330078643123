"""A site build that does not care which generator drives it.

``SiteBuild`` loads the cards, plans the generated pages and files, renders card pages and every
marker's fragment, writes the open-data files and the search index and applies the error policy.
It is given only paths, the site's URL layout (``UrlLayout``) and, for card pages, a way to render
the theme's page once (``ShellPages``). A generator's adapter translates its
events into these calls, in this order for each build:

1. ``plan()`` — when the generator collects its files: card pages and generated files to add;
2. ``new_build(site_dir)`` — before any page is written (MkDocs calls it before ``plan`` too);
3. per hand-written page: ``expand_markdown`` before conversion, ``expand_html`` after it;
   per card page: ``card_content``;
4. ``pages_rendered(pages, site_dir)`` — every page's content is rendered, the theme comes next;
5. ``finish_written_page`` on each hand-written page the theme wrote (``card_page`` for card
   pages, ``list_page`` for the catalogue's list pages: ``is_list_page``); the pages of
   ``SitePlan.built_last`` after all others;
6. ``finish(site_dir)`` — after the site is written; ``close()`` when the generator exits.

Error policy: a static build stops (``SiteBuildError``) on an invalid card, an unknown marker or a
failed index; the live preview (``serving``) shows the valid cards, lists the invalid ones on the
catalogue page and logs what failed.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from build_tools.cards.loading import Card, CardCache, LoadResult
from build_tools.cards.schema import SCHEMA_PATH
from build_tools.content_cache import ContentCache, content_key
from build_tools.contribution import card_form
from build_tools.exports.open_data import DOWNLOAD_LIMIT
from build_tools.exports.site_open_data import OpenDataProcessError, SiteOpenData
from build_tools.search.site_index import IndexedCard, IndexedPage, SearchIndexError, SiteIndex
from build_tools.site.catalogue import catalogue_json
from build_tools.site.catalogue_pages import (
    LIST_PLACEHOLDER,
    CatalogueLists,
    ListEntries,
    ListPage,
    list_html,
    list_page_source,
)
from build_tools.site.catalogue_shards import write_shards
from build_tools.site.compact_html import compact_html
from build_tools.site.render import CardPageRenderer, keep_compiled_templates_in
from build_tools.site_build import fragments, shell_pages
from build_tools.site_build.calculator_assets import CalculatorAssets, with_python_boot
from build_tools.site_build.card_content import CardContents, card_title_html
from build_tools.site_build.early_pages import EarlyCardPages
from build_tools.site_build.files import CardPageSource, GeneratedFile, SitePlan
from build_tools.site_build.incremental import (
    PREVIEW_FOLDER,
    PREVIEW_STATE,
    STATE_NAME,
    SiteState,
    build_signature,
    claim,
)
from build_tools.site_build.layout import PageRef, UrlLayout, relative_url
from build_tools.site_build.markers import MarkerError, MarkerRegistry, Stage
from build_tools.site_build.precompressed import write_precompressed
from build_tools.site_build.shell_pages import ShellPages
from build_tools.theme import page_shell
from build_tools.theme.icon_sprite import IconSprite
from build_tools.theme.page_shell import PageShellError
from build_tools.theme.theme_folders import installed
from build_tools.theme.theme_scripts import ThemeScriptError, palette_script

ICON_SPRITE = "assets/images/icons.svg"
PALETTE_SCRIPT = "assets/javascripts/palette.js"


class SiteBuildError(RuntimeError):
    """The build cannot go on (message in Russian)."""


@dataclass(frozen=True)
class SiteSettings:
    root: Path  # the project: mkdocs.yml's folder
    docs_dir: Path  # the hand-written pages
    practices: Path  # the card files
    layout: UrlLayout = field(default_factory=UrlLayout)
    theme_dirs: tuple[Path, ...] = ()  # the theme's template folders, overrides first
    repo_url: str | None = None  # the repository, for edit links and the card form
    edit_uri: str = "edit/main/"  # appended to repo_url and the card's path: its edit link
    search: bool = True  # write the site's search index (build_tools.search)
    card_docx: bool = True  # a DOCX of the appendix table on each card page
    card_page_shell: bool = True  # fill one rendering of the theme per card and list page (ShellPages)
    serving: bool = False  # the live preview: show what is valid, log what is not
    # A build that updates the site folder in place (``incremental``; MkDocs ``--dirty``); the
    # live preview's is then a folder in the cache (``site_folder``).
    in_place: bool = False
    config_file: Path | None = None  # the generator's configuration (mkdocs.yml): see ``incremental``
    # Kept between builds (each card's page, search document and DOCX, by content);
    # None: <root>/.cache/practices.
    cache_dir: Path | None = None


class SiteBuild:
    def __init__(self, settings: SiteSettings, log: logging.Logger) -> None:
        self.settings = settings
        self.layout = settings.layout
        self.log = log
        self.loaded = LoadResult()
        self._cards: dict[str, Card] = {}
        self._contents: CardContents | None = None  # made by plan()
        self._card_pages = ShellPages(page_shell.CONTENT)
        self._list_shells = ShellPages(page_shell.CONTENT_WITHOUT_H1)
        self._icons = IconSprite()
        self._rendered_once: dict[str, str] = {}
        # Files made during a build for the generator to copy; removed by close().
        cache = self._cache_dir = settings.cache_dir or settings.root / ".cache" / "practices"
        keep_compiled_templates_in(cache)
        # The live preview's own folder, while no other preview holds it.
        self._preview_lock = claim(cache / PREVIEW_FOLDER) if settings.serving and settings.in_place else None
        self._in_place = settings.in_place and (not settings.serving or self._preview_lock is not None)
        self._scratch, self._scratch_lock = _scratch_folder(cache, keep=self._in_place)
        self._state = SiteState(cache, PREVIEW_STATE if settings.serving else STATE_NAME)
        self._signature = ""
        self._updating = False  # this build updates the site folder in place (``begin``)
        self._cards_key = ""
        self._fragment_keys: dict[str, str] = {}  # page → what its fragments made from the cards are
        self._outputs: list[str] = []  # the generator's files of this build
        # Only changed card files are read again: in a live preview (in memory) and between builds.
        self._card_cache = CardCache(cache / "loaded.sqlite")
        self._index = (
            SiteIndex(cache / "search.sqlite", on_error=self._log_error)
            if settings.serving
            else SiteIndex(cache / "search.sqlite", index_cache=cache / "search-index")
        )
        self._card_cache_entries = ContentCache(cache / "cards.sqlite")
        self._fragment_entries = ContentCache(cache / "fragments.sqlite")
        self.open_data = SiteOpenData(
            self._scratch / "open-data", serving=settings.serving, on_error=self._log_error, cache=cache
        )
        self.catalogue_data_size: int | None = None
        self._list_entries = ListEntries()  # kept between the live preview's rebuilds
        self.catalogue_lists = CatalogueLists([])
        self._list_pages: dict[str, ListPage] = {}  # static list pages by address
        self.calculators: CalculatorAssets | None = None
        self.markers = MarkerRegistry()
        fragments.register(self.markers, self)
        self._early_pages = EarlyCardPages(
            layout=self.layout,
            root=settings.root,
            practices=settings.practices,
            contents_cache=cache / "cards.sqlite",
            site_signature=self._site_signature,
            edit_url=self._edit_url,
            finish=self._finished,
        )

    # -- 1. planning ------------------------------------------------------------------------

    def plan(self) -> SitePlan:
        self.markers.forget_made()
        self.loaded = self._card_cache.load([self.settings.practices], root=self.settings.root)
        self._report_problems()
        self._cards = {card.id: card for card in self.loaded.cards}
        # First: the open-data files need only the cards, and are written by another process
        # while this one plans and renders the rest (a build waits for them at its end).
        self._plan_open_data()
        self._card_cache_entries = ContentCache(self._cache_dir / "cards.sqlite")  # this build's entries
        layout = self.layout
        card_pages = [
            CardPageSource(
                card.id,
                layout.card_src_uri(card.id),
                card.file or Path(card.source_path),
                card_title_html(card),
                layout.card_dest_uri(card.id),
                layout.card_url(card.id),
            )
            for card in self.loaded.cards
        ]
        # A card with a cost and a money indicator links its economic effect to the economics
        # calculator, prefilled; a site without that page shows the effect without a link.
        economics = layout.economics_page
        self._contents = CardContents(
            self._card_cache_entries,
            CardPageRenderer(),
            catalogue_url=layout.catalogue_url,
            economics_url=layout.page_url(economics) if (self.settings.docs_dir / economics).is_file() else None,
        )
        catalogue_files = self._plan_catalogue()
        catalogue_data = catalogue_json(self.catalogue_lists.faceted).encode()
        # An open-data download only (the page loads shards), offered while within the limit.
        fits = len(catalogue_data) <= DOWNLOAD_LIMIT
        self.catalogue_data_size = len(catalogue_data) if fits else None
        files = [
            *catalogue_files,
            *([GeneratedFile(layout.data_file, content=catalogue_data)] if fits else []),
            GeneratedFile(layout.schema_file, source=SCHEMA_PATH),
            GeneratedFile(PALETTE_SCRIPT, content=self._palette_script()),
            # Fetched by the «Предложить практику» form only, when it needs the classifier.
            GeneratedFile(card_form.CLASSIFIER_DATA, content=card_form.classifier_json()),
        ]
        files += self._plan_calculators()
        # Every card, valid or not (the live preview lists the invalid ones), and where it is.
        self._cards_key = content_key(
            sorted(card.digest for card in self.loaded.cards),
            [str(problem) for problem in self.loaded.errors],
        )
        if self._updating and self._state.cards_key == self._cards_key:
            self._fragment_keys = self._state.fragments
            return SitePlan(card_pages, files, always_rebuilt=[], built_last=[])
        rebuilt, waiting = self._pages_made_from_cards()
        return SitePlan(card_pages, files, always_rebuilt=rebuilt, built_last=waiting)

    def _plan_catalogue(self) -> list[GeneratedFile]:
        """The catalogue's static list pages (their lists are put in when the theme has written
        them: ``finish_page``) and the filters' data shards."""
        layout = self.layout
        lists = self.catalogue_lists = CatalogueLists(self.loaded.cards, entries=self._list_entries)
        catalogue_url = layout.catalogue_url
        folder = self._scratch / "catalogue-data"
        names = write_shards(lists, folder, card_url=lambda card: relative_url(layout.card_url(card.id), catalogue_url))
        files = [GeneratedFile(f"{layout.shards_folder}/{name}", source=folder / name) for name in names]
        self._list_pages = {}
        for page in lists.pages:
            if not page.path:
                continue  # the catalogue page itself is hand-written (the «catalogue» marker)
            src_uri = layout.catalogue_list_src_uri(page.path)
            self._list_pages[layout.page_url(src_uri)] = page
            stub = self._scratch / "catalogue-pages" / src_uri
            # A dirty build renders a page whose source is newer than it: a list's source names
            # what the list shows, and is written again only when that changed.
            shown = [card.digest for card in lists.cards_of(page)]
            source = list_page_source(page.title, page.count, shown)
            if not stub.is_file() or stub.read_text(encoding="utf-8") != source:
                stub.parent.mkdir(parents=True, exist_ok=True)
                stub.write_text(source, encoding="utf-8")
            files.append(GeneratedFile(src_uri, source=stub))
        return files

    def list_page_content(self, html: str, page_url: str) -> str:
        """A static list page as the theme wrote it, its list put in (held by no generator meanwhile)."""
        page = self._list_pages.get(page_url)
        if page is None or LIST_PLACEHOLDER not in html:  # not a list page, or its shell
            return html
        layout = self.layout
        content = list_html(
            self.catalogue_lists,
            page,
            link=lambda path: relative_url(layout.catalogue_list_url(path), page_url),
            card_url=lambda card: relative_url(layout.card_url(card.id), page_url),
        )
        # No blank line at either end: the page is the same whether it was compacted whole or as
        # a shell and its content (compact_html joins blank lines only within what it is given).
        return html.replace(LIST_PLACEHOLDER, content.strip("\n"), 1)

    def site_folder(self, requested: Path) -> Path:
        """Where the generator writes the site: ``requested``, or the live preview's own folder."""
        return self._cache_dir / PREVIEW_FOLDER if self._preview_lock is not None else requested

    def error_page(self, site_dir: Path, code: int) -> bytes | None:
        """The site's own page for an HTTP error (404.html), for the live preview's server."""
        try:
            return (site_dir / f"{code}.html").read_bytes()
        except OSError:
            return None

    def new_build(self, site_dir: Path) -> None:
        """Before the generator writes anything. With ``in_place``: whether the site folder can be
        updated in place (``incremental``); if not, it is emptied for a full build."""
        self._rendered_once.clear()  # the navigation may have changed since the last build
        self._card_pages.new_build()
        self._list_shells.new_build()
        if self._in_place:
            self._signature = self._site_signature()
            self._updating = self._state.begin(site_dir, self._signature)

    def _site_signature(self) -> str:
        """What the pages around the cards' content are made of: the generator's configuration,
        the hand-written pages, the project's own theme folders, the site's address, the code."""
        settings = self.settings
        # The installed theme's folders are the pinned requirements' (in the code version):
        # read again, Material's 14,000 files took most of an unchanged build's second.
        custom = [
            folder for folder in settings.theme_dirs if folder.is_relative_to(settings.root) and not installed(folder)
        ]
        inputs = [*([settings.config_file] if settings.config_file else []), settings.docs_dir, *custom]
        return build_signature(inputs=inputs, values=[settings.layout.site_url or ""])

    def listed_files(self, uris: Iterable[str]) -> None:
        """The site paths of every file the generator writes in this build."""
        self._outputs = list(uris)

    def _plan_open_data(self) -> None:
        """The whole catalogue as JSON, CSV and XLSX next to catalogue.json; a DOCX per card. They
        are put into the site after the pages (``finish``): the pages do not wait for them."""
        cards, layout = self.loaded.cards, self.layout
        docx_uris = {card.id: layout.card_docx_uri(card.id) for card in cards} if self.settings.card_docx else {}
        urls = {card.id: layout.absolute_card_url(card.id) for card in cards}
        self.open_data.plan(cards, urls, data_folder=layout.data_folder, docx_uris=docx_uris)

    def _plan_calculators(self) -> list[GeneratedFile]:
        from build_tools.calculator_site.pyodide_assets import PyodideMissingError

        try:
            self.calculators = CalculatorAssets.find(self.settings.root)
        except PyodideMissingError as error:
            raise SiteBuildError(str(error)) from None
        return self.calculators.files()

    def _pages_made_from_cards(self) -> tuple[list[str], list[str]]:
        """Hand-written pages a dirty rebuild must redo: those with a fragment made from the
        cards that is not what it was when the site folder was written. The fragments are made
        now (and kept for the page); one made from files the build writes later (the downloads'
        sizes) counts as changed, and its page is the second list: the generator writes it last.
        (The others' titles in the navigation: the adapter's ``on_nav``.)"""
        docs = self.settings.docs_dir
        if not (docs / self.layout.catalogue_page).is_file():
            raise SiteBuildError(f"Нет страницы каталога {docs.name}/{self.layout.catalogue_page}")
        self._fragment_keys, rebuilt, waiting = {}, [], []
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if not self.markers.uses_cards(text):
                continue
            src_uri = path.relative_to(docs).as_posix()
            if self.markers.waits_for_files(text):
                waiting.append(src_uri)
            try:
                made = self.markers.made_from_cards(text, PageRef(src_uri, self.layout.page_url(src_uri)))
            except MarkerError as error:
                raise SiteBuildError(str(error)) from None
            if made is not None:
                self._fragment_keys[src_uri] = content_key(made)
            if made is None or self._state.fragments.get(src_uri) != self._fragment_keys[src_uri]:
                rebuilt.append(src_uri)
        return rebuilt, waiting

    def _palette_script(self) -> str:
        try:
            return palette_script(self.settings.theme_dirs)
        except ThemeScriptError as error:
            raise SiteBuildError(str(error)) from None

    # -- 3. page content --------------------------------------------------------------------

    def card(self, card_id: str) -> Card:
        return self._cards[card_id]

    def card_edit_url(self, card_id: str) -> str | None:
        return self._edit_url(self._cards[card_id])

    def _edit_url(self, card: Card) -> str | None:
        repo_url = self.settings.repo_url
        if not repo_url:
            return None
        return f"{repo_url.rstrip('/')}/{self.settings.edit_uri}{card.source_path}"

    def card_content(self, card_id: str, *, page_url: str, edit_url: str | None) -> str:
        """A card page's content. With ``card_page_shell`` it is rendered only when the theme
        writes the page (``card_page``) and ``""`` is returned: nothing of the card waits in
        memory between the two (a build of 100,000 cards would otherwise hold every page)."""
        card = self._cards[card_id]
        if self.settings.card_page_shell:
            return ""
        return shell_pages.decompress(self._card_html(card, page_url=page_url, edit_url=edit_url))

    def _card_html(self, card: Card, *, page_url: str, edit_url: str | None) -> bytes:
        assert self._contents is not None, "plan() first"
        return self._contents.of(card, page_url=page_url, edit_url=edit_url)

    def code_only_fragment(self, make: Callable[[], str], *material: object) -> str:
        """A fragment made from the code alone and ``material`` (the card form: its checks are
        the validator's own messages, found by running it, about half a second): kept between
        builds like a card's page."""
        key = self._fragment_entries.key(*material)
        cached = self._fragment_entries.read(key)
        if cached is not None:
            return cached.decode()
        html = make()
        self._fragment_entries.store(key, html.encode())
        return html

    def expand_markdown(self, markdown: str, page: PageRef) -> str:
        return self._expand(markdown, Stage.MARKDOWN, page)

    def expand_html(self, html: str, page: PageRef) -> str:
        return self._expand(html, Stage.HTML, page)

    def _expand(self, text: str, stage: Stage, page: PageRef) -> str:
        try:
            return self.markers.expand(text, stage, page)
        except MarkerError as error:
            raise SiteBuildError(str(error)) from None

    @property
    def cache_dir(self) -> Path:
        """What is kept between builds (``SiteSettings.cache_dir``)."""
        return self._cache_dir

    @property
    def catalogue_url(self) -> str:
        return self.layout.catalogue_url

    # -- 4. all content rendered ------------------------------------------------------------

    def pages_rendered(self, pages: Iterable[IndexedPage], site_dir: Path) -> None:
        """``pages``: the hand-written pages to index (not the cards, not the excluded)."""
        if self.settings.search:
            # The index is written on the second core while the theme writes the pages.
            layout = self.layout
            # In the catalogue's order (newest first), as the plan sorted them.
            cards = (IndexedCard(card, layout.card_url(card.id)) for card in self.catalogue_lists.cards)
            self._index.start(cards, pages, site_dir)

    def ensure_open_data(self) -> None:
        try:
            self.open_data.ensure_written()
        except OpenDataProcessError as error:
            raise SiteBuildError(str(error)) from None

    # -- 5. finished pages ------------------------------------------------------------------

    def finish_written_page(self, html: str, page: PageRef) -> str:
        """A hand-written page as the theme wrote it: its fragments made from the files written
        meanwhile (``Stage.PAGE``: the generator writes such a page last), then ``finish_page``."""
        return self.finish_page(self._expand(html, Stage.PAGE, page), page.url)

    def finish_page(self, html: str, page_url: str) -> str:
        """Every page as the theme wrote it: a list page's list put in, then ``_finished``."""
        return self._finished(self.list_page_content(html, page_url), page_url)

    def _finished(self, html: str, page_url: str) -> str:
        """Compact, its icons referring to one sprite, Python started early where a form needs it."""
        html = self._icons.link(compact_html(html), relative_url(ICON_SPRITE, page_url))
        return with_python_boot(html, page_url)

    def card_page(
        self, card_id: str, page_url: str, *, title: str, edit_url: str | None, canonical_url: str | None,
        render_shell: Callable[[], str],
    ) -> str:  # fmt: skip
        """A card page, finished: see ``ShellPages.fill``."""
        content = shell_pages.decompress(self._card_html(self._cards[card_id], page_url=page_url, edit_url=edit_url))
        shown = self.layout.card_src_uri(card_id)
        return self._filled(self._card_pages, page_url, content, shown, title, edit_url, canonical_url, render_shell)

    def show_edited_cards(self, paths: Iterable[Path], site_dir: Path) -> list[str]:
        """The live preview: the pages of the edited cards among ``paths`` (card files saved since
        the last build) written at once, before or while the site is rebuilt (``early_pages``);
        their addresses. Safe to call from another thread while a build runs. None before the
        preview's first build in its own folder (``finish``), nor without card shells."""
        return self._early_pages.show(paths, site_dir)

    def is_list_page(self, page_url: str) -> bool:
        """One of the catalogue's static list pages (not the catalogue page itself)."""
        return page_url in self._list_pages

    def list_page(
        self, page_url: str, content: str, *, title: str, canonical_url: str | None, render_shell: Callable[[], str]
    ) -> str:
        """A static list page, finished: ``content`` (its list's placeholder, as the generator
        converted the page's source) in the theme's page rendered once per depth (``ShellPages``);
        ``render_shell`` as for ``card_page``. A thousand list pages at 10,000 cards."""
        return self._filled(self._list_shells, page_url, content, page_url, title, None, canonical_url, render_shell)

    def _filled(
        self, shells: ShellPages, page_url: str, content: str, shown: str, title: str, edit_url: str | None,
        canonical_url: str | None, render_shell: Callable[[], str],
    ) -> str:  # fmt: skip
        """``shown``: the page as an error names it."""
        try:
            return shells.fill(
                page_url,
                content,
                title=title,
                edit_url=edit_url,
                canonical_url=canonical_url,
                render_shell=render_shell,
                finish=lambda html: self.finish_page(html, page_url),
            )
        except PageShellError as error:
            raise SiteBuildError(f"{shown}: {error}") from None

    def render_once(self, key: str, render: Callable[[], str]) -> str:
        """Parts of the theme's page that are the same on every card page, rendered once per build."""
        if key not in self._rendered_once:
            self._rendered_once[key] = render()
        return self._rendered_once[key]

    # -- 6. after the site is written ---------------------------------------------------------

    def finish(self, site_dir: Path) -> None:
        # A dirty rebuild (the live preview, an in-place build) renders only the changed cards:
        # the entries of the others are still needed.
        if not self.settings.serving and not self._updating:
            self._card_cache_entries.forget_unused()
            self._card_cache.forget_unused()
            self._fragment_entries.forget_unused()
        sprite = site_dir / ICON_SPRITE
        sprite.parent.mkdir(parents=True, exist_ok=True)
        sprite.write_text(self._icons.svg(), encoding="utf-8")
        self.ensure_open_data()  # no page asked for them when none lists the downloads
        self.open_data.after_build(site_dir)
        if self.calculators is not None and not self.settings.serving:
            # The live preview's server sends files as they are: no compressed copies there.
            uris = [*self.calculators.compressed_uris(site_dir), ICON_SPRITE]
            write_precompressed(site_dir, uris, self.calculators.compressed_cache, self.log.info)
        if self.settings.search and not self.settings.serving:
            # In the live preview the page reloads at once and the index follows a few seconds later.
            try:
                self._index.wait()
            except SearchIndexError as error:
                raise SiteBuildError(str(error)) from None
        if self.settings.in_place or self.settings.serving:  # dirty builds: stale files go
            signature = self._signature if self._in_place else None
            outputs = [*self._outputs, *self.open_data.site_paths()]
            # The card shell is kept for the live preview's early pages only (``show_edited_cards``).
            serving = self.settings.serving
            rendered = self._card_pages.rendered().items() if serving else ()
            self._state.finish(
                site_dir,
                outputs,
                signature,
                self._cards_key,
                self._fragment_keys,
                {depth: (shell.before, shell.after) for depth, shell in rendered},
                written_meanwhile=self._early_pages.take_new_pages(),
            )
            if serving and signature is not None and self._contents is not None:
                economics_url = self._contents.economics_url
                self._early_pages.after_build(
                    signature, self._state.card_shells, self._cards, economics_url=economics_url
                )

    def close(self) -> None:
        self.open_data.close()
        if self._preview_lock is not None:
            self._preview_lock.close()
        if self._scratch_lock is not None:
            self._scratch_lock.close()  # the kept folder stays for the next build
        else:
            shutil.rmtree(self._scratch, ignore_errors=True)

    # -- problems ---------------------------------------------------------------------------

    def _report_problems(self) -> None:
        for problem in self.loaded.warnings:
            # Pre-review warnings are shown but do not fail a strict build.
            self.log.info(str(problem))
        if not self.loaded.errors:
            return
        message = "\n".join(str(problem) for problem in self.loaded.errors)
        count = len({problem.path for problem in self.loaded.errors})
        if not self.settings.serving:
            # A static build never ships a half-built catalogue.
            raise SiteBuildError(f"Карточки с ошибками ({count}), сборка остановлена:\n{message}")
        self.log.error(f"Карточки с ошибками ({count}) не показаны на сайте:\n{message}")

    def _log_error(self, error: Exception) -> None:
        self.log.error(str(error))


def _scratch_folder(cache: Path, *, keep: bool) -> tuple[Path, IO[str] | None]:
    """Where a build writes the files the generator copies. An in-place build keeps it in the
    cache folder, so that unchanged files keep their times and are not copied again; a second
    build of the same project running meanwhile (a live preview) gets a folder of its own."""
    if keep and (lock := claim(cache / "scratch")) is not None:
        return cache / "scratch", lock
    return Path(tempfile.mkdtemp(prefix="practices-")), None
