"""The live preview shows an edited card's page at once, before the site is rebuilt around it.

A rebuild of the preview takes seconds at 10,000 cards and about a minute at 100,000. The page of
an edited card needs none of it: ``EarlyCardPages.show`` writes the page of each saved card that
is valid (one on the site, or a new file in the cards' folder), filled in the card shell of the
last finished build (the theme's
page around a card: the same for every card while the site's signature, that is the
configuration, hand-written pages, theme, address, code and date, is unchanged), exactly as the
rebuild would render it. The rebuild then leaves the page alone, since its file is newer than the
card's (MkDocs ``--dirty``), and rewrites the catalogue, lists and statistics. A new card's page
written early is handed to the next finished build as written (``take_new_pages``): if that
build does not list it (the card was removed or broken meanwhile), the page goes.

The preview calls it as a rebuild begins and, while one runs, from the thread that hears the
saves. It works from what the last finished build left (``after_build``), with its own renderer
and cache connection, under its own lock. A page it writes while a rebuild runs may be written
over by that rebuild with the card as it was; the rebuild after it (the save asks for one) sees
the card differ from what the finished build had and writes the page again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.cards.loading import Card, is_card_file_name, load_card
from build_tools.content_cache import ContentCache
from build_tools.site.render import CardPageRenderer
from build_tools.site_build import shell_pages
from build_tools.site_build.card_content import CardContents, card_title_html
from build_tools.site_build.layout import UrlLayout
from build_tools.theme.page_shell import PageShell


@dataclass
class _FinishedBuild:
    signature: str
    shells: dict[int, tuple[str, str]]  # SiteState.card_shells
    cards: dict[str, Card]  # then each shown card as it was shown
    economics_url: str | None


class EarlyCardPages:
    def __init__(
        self,
        *,
        layout: UrlLayout,
        root: Path,
        practices: Path,
        contents_cache: Path,
        site_signature: Callable[[], str],
        edit_url: Callable[[Card], str | None],
        finish: Callable[[str, str], str],
    ) -> None:
        """``practices``: the cards' folder; ``contents_cache``: the build's cache of card pages'
        content; ``site_signature``: the site's signature now; ``edit_url``: a card's edit link;
        ``finish(html, page_url)``: a page as every page is finished (thread-safe)."""
        self._layout = layout
        self._root = root
        self._practices = practices
        self._new_pages: set[str] = set()  # site paths of new cards' pages written early
        self._contents_cache = contents_cache
        self._site_signature = site_signature
        self._edit_url = edit_url
        self._finish = finish
        self._lock = threading.Lock()
        self._last: _FinishedBuild | None = None
        self._contents: CardContents | None = None  # made when first needed: most previews never do

    def after_build(
        self,
        signature: str,
        shells: Mapping[int, tuple[str, str]],
        cards: Mapping[str, Card],
        *,
        economics_url: str | None,
    ) -> None:
        with self._lock:
            self._last = _FinishedBuild(signature, dict(shells), dict(cards), economics_url)

    def take_new_pages(self) -> set[str]:
        """The new cards' pages written early since last asked (site paths)."""
        with self._lock:
            taken, self._new_pages = self._new_pages, set()
        return taken

    def show(self, paths: Iterable[Path], site_dir: Path) -> list[str]:
        """Write the pages of the edited cards among ``paths`` (card files saved); their addresses."""
        with self._lock:
            last = self._last
            if last is None or not last.shells or self._site_signature() != last.signature:
                return []  # no build yet, no card shell, or more than cards changed
            return [url for path in sorted(set(paths)) if (url := self._show(last, path, site_dir)) is not None]

    def _show(self, last: _FinishedBuild, path: Path, site_dir: Path) -> str | None:
        card_id, file = path.stem, path.resolve()
        on_site = last.cards.get(card_id)
        if on_site is None:  # a new card: a Markdown file of the cards' folder, as the loader reads them
            if file.parent != self._practices.resolve() or not is_card_file_name(file.name):
                return None
        elif on_site.file != file:
            return None
        card, _ = load_card(file, root=self._root)
        if card is None or (on_site is not None and card.digest == on_site.digest):
            return None  # invalid (the rebuild says why), or saved unchanged
        layout = self._layout
        url, uri = layout.card_url(card_id), layout.card_dest_uri(card_id)
        shell, dest = last.shells.get(shell_pages.depth_of(url)), site_dir / uri
        if shell is None or (on_site is not None and not dest.is_file()):
            return None
        if self._contents is None or self._contents.economics_url != last.economics_url:
            renderer = CardPageRenderer()
            self._contents = CardContents(
                ContentCache(self._contents_cache),
                renderer,
                catalogue_url=layout.catalogue_url,
                economics_url=last.economics_url,
            )
        edit_url = self._edit_url(card)
        content = shell_pages.decompress(self._contents.of(card, page_url=url, edit_url=edit_url))
        html = PageShell(*shell).fill(
            title=card_title_html(card),
            content=self._finish(content, url),
            edit_url=edit_url,
            canonical_url=layout.canonical_url(url),
        )
        if on_site is None:
            dest.parent.mkdir(parents=True, exist_ok=True)
            self._new_pages.add(uri)
        # As the generator writes pages (MkDocs: xmlcharrefreplace), whole or not at all: the
        # preview's server may be sending the file meanwhile.
        partial = dest.with_name(f".{dest.name}.part")
        partial.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
        partial.replace(dest)
        last.cards[card_id] = card
        return url
