"""What the search indexes of a card and of a site page: the text a reader searches, not the chrome.

A card is indexed from its data, not from its page: its title, keywords, summary and answers, the
organisation, the place and the description, each with a weight (a word of the title says more of
a practice than a word of its description). The fourteen question labels, the badges, the
download link and the notes repeated on every card page are left out: on every card, they would
only make every card match. The catalogue's filters come from the card data too.

A site page is indexed from its rendered content: its text by paragraphs, without permalinks,
scripts and what is marked ``data-search-ignore`` (a calculator's form).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from build_tools.cards.loading import Card
from build_tools.site.catalogue import FACETS, Facet
from build_tools.site.render import field_text, labels

# The catalogue's facets that the search page offers as filters.
SEARCH_FACET_IDS = ("category", "sector", "region", "year", "rule")
SEARCH_FACETS: tuple[Facet, ...] = tuple(facet for facet in FACETS if facet.id in SEARCH_FACET_IDS)

# Field weights: how much a word in this part of a card says of the practice.
TITLE = 3.0
KEYWORDS = 2.0
SUMMARY = 1.5
TEXT = 1.0

# The answers a reader searches (the lists of standard answers — how the information was
# received, presented, disseminated — are the same few phrases on every card; an answer «нет
# сведений» says nothing of the practice).
_ANSWERS = ("problem", "why_advanced", "result", "demand", "replicability", "adoptions", "challenges", "incentives")


@dataclass(frozen=True)
class Part:
    """A passage of a document (an excerpt under a result is cut from one) and its weight."""

    weight: float
    text: str


@dataclass
class SearchDocument:
    url: str  # relative to the site's root, e.g. "practices/x/"
    title: str
    parts: list[Part]
    facets: dict[str, list[str]] = field(default_factory=dict)  # facet id → values (cards only)
    is_card: bool = False


# A document as it is kept in the build's cache and handed to the index's process: JSON rather
# than pickle (what is read back from the cache folder is data, never code), and passed on as the
# cached bytes, so the build decodes and pickles nothing it reads back.
def encode(document: SearchDocument) -> bytes:
    parts = [[part.weight, part.text] for part in document.parts]
    data = [document.url, document.title, parts, document.facets, document.is_card]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def decode(content: bytes) -> SearchDocument:
    url, title, parts, facets, is_card = json.loads(content)
    return SearchDocument(url, title, [Part(weight, text) for weight, text in parts], facets, is_card)


def card_document(card: Card, url: str) -> SearchDocument:
    data = card.data
    answers = [key for key in _ANSWERS if data.get(key) and not card.says_no_information(key)]
    place = [card.country if card.is_foreign else None, card.region, card.municipality]
    parts = [
        Part(SUMMARY, field_text(card, "summary")),
        *(Part(TEXT, field_text(card, key)) for key in answers),
        *(Part(TEXT, paragraph) for paragraph in markdown_paragraphs(card.body)),
        Part(KEYWORDS, ", ".join(data.get("tags", []))),
        Part(TEXT, ". ".join([card.organization["name"], *(co.name for co in card.co_organizers), card.activity])),
        Part(TEXT, ", ".join(filter(None, place))),
        Part(TEXT, "; ".join(labels()["category"][code] for code in card.categories)),
    ]
    facets = {facet.id: list(facet.values_of(card)) for facet in SEARCH_FACETS}
    return SearchDocument(url, card.title, [part for part in parts if part.text.strip()], facets, is_card=True)


def page_document(url: str, title: str, html: str) -> SearchDocument:
    return SearchDocument(url, title, [Part(TEXT, passage) for passage in html_passages(html)])


# -- plain text ------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src): the text stays
_URL = re.compile(r"<?https?://\S+>?")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.MULTILINE)
_LINE_MARK = re.compile(r"^ {0,3}(?:#{1,6} +|> ?|[-*+] +|\d+[.)] +)", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def markdown_paragraphs(markdown: str) -> list[str]:
    """A card's Markdown description as plain paragraphs (its markup is not part of its words)."""
    text = markdown
    if "---" in text:
        text = _TABLE_RULE.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "://" in text:
        text = _URL.sub(" ", text)
    text = _LINE_MARK.sub("", text)
    for mark in ("**", "__", "`", "~~", "|"):
        text = text.replace(mark, " " if mark == "|" else "")
    paragraphs = (_SPACES.sub(" ", block).strip() for block in _PARAGRAPH_BREAK.split(text))
    return [paragraph for paragraph in paragraphs if paragraph]


_BLOCK_TAGS = """
address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4
h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul
"""
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_VOID_TAGS = "area base br col embed hr img input link meta source track wbr"
_VOID = frozenset(_VOID_TAGS.split())
_SKIPPED_TAGS = frozenset({"script", "style", "template", "svg", "button", "select", "textarea"})


class _Passages(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.passages: list[str] = []
        self._current: list[str] = []
        self._stack: list[bool] = []  # per open element: whether it is skipped with its content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()
        if tag in _VOID:
            return
        names = dict(attrs)
        skipped = (
            tag in _SKIPPED_TAGS
            or "data-search-ignore" in names
            or "headerlink" in (names.get("class") or "").split()
            or (self._stack and self._stack[-1])
        )
        self._stack.append(bool(skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._stack:
            self._stack.pop()
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._break()

    def _break(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        if text:
            self.passages.append(text)
        self._current = []


def html_passages(html: str) -> list[str]:
    """The text of a rendered page, one passage a block (paragraph, list item, heading, cell)."""
    parser = _Passages()
    parser.feed(html)
    parser.close()
    return parser.passages


def passages(document: SearchDocument) -> Sequence[str]:
    return [part.text for part in document.parts]


def all_text(document: SearchDocument) -> Iterable[str]:
    yield document.title
    for part in document.parts:
        yield part.text
