"""The card body: Markdown rendered as inert HTML.

Raw HTML is not parsed (it comes out as visible text), and the result goes through
an allow-list sanitizer so only http(s) and relative links survive.
"""

from __future__ import annotations

import markdown
import nh3
from markdown.extensions import Extension
from pymdownx.slugs import slugify

# What the sanitiser keeps (also the «Предложить практику» preview's rules: card_form.py).
URL_SCHEMES = {"http", "https"}
ALLOWED_TAGS = {
    "p",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
    "br",
    "img",
    "del",
    "sup",
    "sub",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}


class _NoRawHtml(Extension):
    """Treat HTML in a card as text: the card is data, never markup."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class BodyRenderer:
    """Reusable renderer: building a Markdown instance costs more than rendering a card."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[_NoRawHtml(), "tables", "sane_lists", "toc"],
            extension_configs={
                # Body headings sit under the page's own h2 sections, and get Cyrillic ids.
                "toc": {"baselevel": 2, "slugify": slugify(case="lower"), "permalink": False},
            },
            output_format="html",
        )

    def render(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(text)
        return nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
