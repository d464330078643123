"""Pages made by filling one rendering of the theme: card pages and the catalogue's list pages.

The theme's page around a card is the same for every card at the same depth of the site, and the
page around a static list of the catalogue the same for every list page at the same depth; each
is rendered once with placeholders (``build_tools.theme.page_shell``) and filled in. A card's
content comes zlib-compressed (level 1), as the build cache keeps it, and is rendered (or read
from the cache) only when its page is written: no card's page waits in memory for the theme.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from build_tools.theme.page_shell import PageShell


def compress(content: str) -> bytes:
    return zlib.compress(content.encode(), 1)


def decompress(compressed: bytes) -> str:
    return zlib.decompress(compressed).decode()


class ShellPages:
    """The shells of one kind of page, by the page's depth in the site."""

    def __init__(self, content_placeholder: str) -> None:
        self._placeholder = content_placeholder
        self._shells: dict[int, PageShell] = {}

    def new_build(self) -> None:
        """The theme or the navigation may have changed since the last build."""
        self._shells.clear()

    def rendered(self) -> dict[int, PageShell]:
        """The shells rendered in this build, by depth."""
        return dict(self._shells)

    def fill(
        self,
        url: str,
        content: str,
        *,
        title: str,
        edit_url: str | None,
        canonical_url: str | None,
        render_shell: Callable[[], str],
        finish: Callable[[str], str],
    ) -> str:
        """The finished page at ``url`` showing ``content``.

        ``render_shell()`` renders the theme's page for this page with the placeholders of
        ``page_shell`` instead of its values (this kind's content placeholder); the shell and the
        content are finished like every page (``finish``). ``title`` is exactly what the template
        would print (already HTML text).
        """
        depth = depth_of(url)
        shell = self._shells.get(depth)
        if shell is None:
            shell = self._shells[depth] = PageShell.from_rendering(finish(render_shell()), self._placeholder)
        return shell.fill(title=title, content=finish(content), edit_url=edit_url, canonical_url=canonical_url)


def depth_of(url: str) -> int:
    """Pages at the same depth share a shell (their links to the site's assets are the same)."""
    return url.count("/")
