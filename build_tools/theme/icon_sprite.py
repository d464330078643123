"""The theme's icons as one cached sprite file instead of inline copies on every page.

Material inlines each icon as ``<svg>…</svg>``: the logo, the menu, both palette toggles, the
repository's icon (twice, with its licence comment), the edit button, "back to top". That is
about 3.7 KB of every card page, repeated on thousands of pages. Each icon goes to a
``<symbol>`` of one sprite, downloaded once and cached, and the page keeps a ``<use>`` of it.
"""

from __future__ import annotations

import hashlib
import re
import threading
from html import escape

# Only single-path icons, the shape of every Material and Font Awesome icon; charts and other
# drawings in a page's content have several elements and stay inline.
_ICON = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="(?P<viewbox>[0-9. -]+)">'
    r'(?P<notice><!--.*?-->)?(?P<path><path d="[^"<>]*"/>)</svg>',
    re.DOTALL,
)


class IconSprite:
    """Collects the icons of every page written and writes them out as one sprite."""

    def __init__(self) -> None:
        # Kept across rebuilds of the live preview: a dirty rebuild sees only the changed pages,
        # but the sprite must still hold the icons of the pages that were not rebuilt.
        self._symbols: dict[str, tuple[str, str, str]] = {}
        # The live preview also finishes an edited card's page in another thread (site_build.early_pages).
        self._lock = threading.Lock()

    def link(self, html: str, sprite_url: str) -> str:
        """The page with each inline icon replaced by a reference to the sprite at ``sprite_url``."""
        url = escape(sprite_url, quote=True)

        def refer(match: re.Match[str]) -> str:
            viewbox, path = match["viewbox"], match["path"]
            symbol_id = "i" + hashlib.sha1(f"{viewbox}{path}".encode()).hexdigest()[:10]
            # An icon's licence notice (Font Awesome's) travels with it into the sprite.
            with self._lock:
                self._symbols.setdefault(symbol_id, (viewbox, match["notice"] or "", path))
            return f'<svg viewBox="{viewbox}"><use href="{url}#{symbol_id}"/></svg>'

        return _ICON.sub(refer, html)

    def svg(self) -> str:
        """The sprite: one ``<symbol>`` per icon seen so far."""
        with self._lock:
            seen = sorted(self._symbols.items())
        symbols = "".join(
            f'<symbol id="{symbol_id}" viewBox="{viewbox}">{notice}{path}</symbol>'
            for symbol_id, (viewbox, notice, path) in seen
        )
        return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'
