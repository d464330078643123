"""A card page's content, as the build and the live preview's early pages both make it."""

from __future__ import annotations

from markupsafe import escape

from build_tools.cards.loading import Card
from build_tools.content_cache import ContentCache
from build_tools.site.render import CardPageRenderer
from build_tools.site_build import shell_pages
from build_tools.site_build.layout import relative_url


class CardContents:
    """Card pages' content, zlib-compressed (``shell_pages.compress``): from the cache (as it is,
    not unpacked and packed again) when the card, its addresses and the code are as they were when
    it was last rendered. Not for sharing between threads (its renderer is not)."""

    def __init__(
        self, entries: ContentCache, renderer: CardPageRenderer, *, catalogue_url: str, economics_url: str | None
    ) -> None:
        """``economics_url``: the economics calculator's page, where the site has one (cards link
        their economic effect to it, prefilled)."""
        self._entries = entries
        self._renderer = renderer
        self._catalogue_url = catalogue_url
        self.economics_url = economics_url

    def of(self, card: Card, *, page_url: str, edit_url: str | None) -> bytes:
        catalogue_url = relative_url(self._catalogue_url, page_url)
        economics_url = relative_url(self.economics_url, page_url) if self.economics_url is not None else None
        key = self._entries.key(card.digest, catalogue_url, edit_url, economics_url)
        cached = self._entries.read(key)
        if cached is not None:
            return cached
        html = self._renderer.render(card, catalogue_url=catalogue_url, edit_url=edit_url, economics_url=economics_url)
        compressed = shell_pages.compress(html)
        self._entries.store(key, compressed)
        return compressed


def card_title_html(card: Card) -> str:
    """The card's title as its page prints it. Themes print titles unescaped (MkDocs' Jinja has no
    autoescaping): the title a generator gets is already HTML text, so it can never become markup."""
    return str(escape(card.title))
