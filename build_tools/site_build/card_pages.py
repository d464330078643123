"""Card pages between their rendering and the theme: content held compressed, one shell per depth.

A generator renders every page's content first and wraps them in its theme afterwards, so
thousands of card pages wait in memory in between: compressed (zlib level 1), a card's HTML takes
a fifth of the room. The theme's page around a card is the same for every card at the same depth of
the site; it is rendered once with placeholders (``build_tools.theme.page_shell``) and filled in.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from build_tools.theme.page_shell import PageShell


class CardPages:
    def __init__(self) -> None:
        self._contents: dict[str, bytes] = {}  # card id → its page content, compressed
        self._shells: dict[int, PageShell] = {}  # by the page's depth in the site

    def new_build(self) -> None:
        """The theme or the navigation may have changed since the last build."""
        self._shells.clear()

    @staticmethod
    def compress(content: str) -> bytes:
        return zlib.compress(content.encode(), 1)

    def keep_compressed(self, card_id: str, compressed: bytes) -> None:
        """Content already in the form ``compress`` gives (the build cache keeps it so)."""
        self._contents[card_id] = compressed

    def fill(
        self,
        card_id: str,
        url: str,
        *,
        title: str,
        edit_url: str | None,
        canonical_url: str | None,
        render_shell: Callable[[], str],
        finish: Callable[[str], str],
    ) -> str:
        """The finished page of a card kept with ``keep``.

        ``render_shell()`` renders the theme's page for this card with the placeholders of
        ``page_shell`` instead of its values; the shell and the content are finished like every
        page (``finish``). ``title`` is exactly what the template would print (already HTML text).
        """
        depth = url.count("/")
        shell = self._shells.get(depth)
        if shell is None:
            shell = self._shells[depth] = PageShell.from_rendering(finish(render_shell()))
        content = zlib.decompress(self._contents.pop(card_id)).decode()
        return shell.fill(title=title, content=finish(content), edit_url=edit_url, canonical_url=canonical_url)
