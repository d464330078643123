"""What a site build asks the generator to put in the site besides the pages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site: its path in the site and either its content or a file to copy."""

    uri: str
    content: str | bytes | None = None
    source: Path | None = None


@dataclass(frozen=True)
class CardPageSource:
    """A card page as the generator should list it."""

    card_id: str
    src_uri: str  # the source it is said to have: "practices/<id>.md" (see UrlLayout)
    file: Path  # the card file: a live preview rebuilds the page when it changes
    title_html: str  # the page title as HTML text (escaped): themes print titles unescaped
    dest_uri: str  # the page's file in the site (UrlLayout.card_dest_uri)
    url: str  # its address (UrlLayout.card_url)

    @property
    def stub(self) -> str:
        """The source the generator reads for the page: its title only (the page is rendered from
        the card). A JSON string is a valid YAML scalar: the title needs no escaping of its own."""
        return f"---\ntitle: {json.dumps(self.title_html, ensure_ascii=False)}\n---\n"


@dataclass(frozen=True)
class SitePlan:
    """What one build holds besides the hand-written pages, in the order the generator should take it."""

    card_pages: list[CardPageSource]  # first: the cards' long run, then the hand-written pages
    files: list[GeneratedFile]
    # Hand-written pages whose content depends on the cards: a dirty rebuild must redo them.
    always_rebuilt: list[str]
    # Hand-written pages made from files the build writes meanwhile (the downloads' sizes): the
    # generator writes them after every other page, so that nothing waits for those files before.
    built_last: list[str]
