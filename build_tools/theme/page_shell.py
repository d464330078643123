"""One rendering of the theme's page template, filled in for every card page and list page.

Card pages are thousands and differ only in their title, content, edit link and canonical
address: the navigation, header and footer around them are the same on each (they sit at the
same depth of the site and are not in the navigation). The catalogue's static list pages are the
same kind of page. Rendering Material's template once with placeholders and filling it per page
is exact and takes microseconds instead of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

# Private-use characters: never in a card's text, never changed by a template filter.
TITLE = "\ue000practices-title\ue000"
# A card's content starts with its own <h1>, and Material adds the page title as one when the
# content has none: the placeholder content must say it has one too.
CONTENT = "\ue000practices-content\ue000<!--<h1>-->"
# A list page's content has no <h1>: the template prints the page title as one (the title placeholder).
CONTENT_WITHOUT_H1 = "\ue000practices-content\ue000"
EDIT_URL = "\ue000practices-edit-url\ue000"
CANONICAL_URL = "\ue000practices-canonical-url\ue000"


class PageShellError(RuntimeError):
    pass


@dataclass(frozen=True)
class PageShell:
    before: str
    after: str

    @classmethod
    def from_rendering(cls, rendered: str, content: str = CONTENT) -> PageShell:
        """``rendered``: the template's output for a page whose values were the placeholders
        (``content``: ``CONTENT`` or ``CONTENT_WITHOUT_H1``)."""
        if rendered.count(content) != 1:
            raise PageShellError("шаблон страницы должен выводить содержимое страницы ровно один раз")
        before, after = rendered.split(content)
        return cls(before, after)

    def fill(self, *, title: str, content: str, edit_url: str | None, canonical_url: str | None) -> str:
        """The page: ``title`` exactly as the template would print it (already HTML text)."""

        def values(part: str) -> str:
            return (
                part.replace(TITLE, title).replace(EDIT_URL, edit_url or "").replace(CANONICAL_URL, canonical_url or "")
            )

        # The content goes in last, untouched: a card's text is never searched for placeholders.
        return values(self.before) + content + values(self.after)
