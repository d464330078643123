"""Where things are in the built site: the URL layout every generator of this site shares.

MkDocs, ProperDocs and Zensical all read ``mkdocs.yml`` and lay pages out the same way: a source
``docs/<path>.md`` becomes ``<path>/index.html`` (``use_directory_urls``, the default) or
``<path>.html``; ``index.md`` and ``README.md`` become their folder's ``index.html``. Card pages
follow the same rule as if their source were ``<pages_dir>/<id>.md``. Addresses here are relative
to the site's root and never start with a slash.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urljoin

from build_tools.exports.export_tabular import public_site_url

_INDEX_NAMES = ("index", "README")


@dataclass(frozen=True)
class PageRef:
    """A page as the marker handlers see it."""

    src_uri: str  # its source, relative to the docs folder: "calculators/coefficients.md"
    url: str  # its address, relative to the site's root: "calculators/coefficients/"


@dataclass(frozen=True)
class UrlLayout:
    pages_dir: str = "practices"  # card pages: <pages_dir>/<id>/
    catalogue_page: str = "catalogue.md"  # source of the catalogue page, in the docs folder
    economics_page: str = "calculators/economics.md"  # the economics calculator: cards link it
    data_file: str = "data/catalogue.json"  # the catalogue's compact data, in the site
    schema_file: str = "schema/card.schema.json"  # the card schema, published for editors
    directory_urls: bool = True  # MkDocs' use_directory_urls
    site_url: str | None = None  # the public address of the site, if known

    def dest_uri(self, src_uri: str) -> str:
        """The file a page's source becomes: ``catalogue.md`` → ``catalogue/index.html``."""
        folder, name = posixpath.split(src_uri)
        stem = posixpath.splitext(name)[0]
        if stem in _INDEX_NAMES:
            return posixpath.join(folder, "index.html")
        if self.directory_urls:
            return posixpath.join(folder, stem, "index.html")
        return posixpath.join(folder, f"{stem}.html")

    def page_url(self, src_uri: str) -> str:
        """A page's address: ``catalogue.md`` → ``catalogue/`` (``""`` for the home page)."""
        dest = self.dest_uri(src_uri)
        folder, name = posixpath.split(dest)
        if self.directory_urls and name == "index.html":
            return quote(f"{folder}/") if folder else ""
        return quote(dest)

    def card_src_uri(self, card_id: str) -> str:
        """The source a card's page is said to have (the generator reads a stub, never this file)."""
        return f"{self.pages_dir}/{card_id}.md"

    def card_url(self, card_id: str) -> str:
        # What page_url gives, without splitting paths: a card stands in about ten lists, so
        # this is asked ten times per card.
        if self.directory_urls and card_id not in _INDEX_NAMES:
            return quote(f"{self.pages_dir}/{card_id}/")
        return self.page_url(self.card_src_uri(card_id))

    def card_dest_uri(self, card_id: str) -> str:
        if self.directory_urls and card_id not in _INDEX_NAMES:  # as card_url
            return f"{self.pages_dir}/{card_id}/index.html"
        return self.dest_uri(self.card_src_uri(card_id))

    def card_docx_uri(self, card_id: str) -> str:
        """Next to the card page's HTML file, so the page links it as ``<id>.docx`` in either layout."""
        return posixpath.join(posixpath.dirname(self.card_dest_uri(card_id)), f"{card_id}.docx")

    @property
    def catalogue_url(self) -> str:
        return self.page_url(self.catalogue_page)

    @property
    def catalogue_folder(self) -> str:
        """The catalogue's static list pages live under its address: ``catalogue/page/2/``."""
        return posixpath.splitext(self.catalogue_page)[0]

    def catalogue_list_src_uri(self, path: str) -> str:
        """The source a static list page is said to have; ``path`` relative to the catalogue's folder
        (``""``: the catalogue page, ``region/x/page/2``: a page of a facet value's list)."""
        return f"{self.catalogue_folder}/{path}.md" if path else self.catalogue_page

    def catalogue_list_url(self, path: str) -> str:
        return self.page_url(self.catalogue_list_src_uri(path))

    @property
    def shards_folder(self) -> str:
        """The catalogue filters' data in shards: ``data/catalogue/`` beside ``data/catalogue.json``."""
        return posixpath.splitext(self.data_file)[0]

    @property
    def data_folder(self) -> str:
        """The open-data files go next to the catalogue's data."""
        return posixpath.dirname(self.data_file)

    def canonical_url(self, url: str) -> str | None:
        """A page's canonical address as MkDocs gives it (``Page.canonical_url``): the site's
        address joined with the page's; None without one."""
        if not self.site_url:
            return None
        return urljoin(self.site_url if self.site_url.endswith("/") else f"{self.site_url}/", url)

    def absolute_card_url(self, card_id: str) -> str:
        """For files that travel without the site (exports): absolute when the public address is
        known, never the local preview's address."""
        return (public_site_url(self.site_url) or "") + self.card_url(card_id)


def relative_url(target: str, base: str) -> str:
    """``target`` as seen from the page at ``base``, both relative to the site's root.

    ``base``'s last part is a file when it has a dot (``downloads.md``, ``a/b.html``) and a folder
    otherwise; a trailing slash of ``target`` is kept (``catalogue/`` from ``practices/x/`` is
    ``../../catalogue/``). The same rule as MkDocs' ``get_relative_url``, which the pages built
    before this module were made with.
    """
    folder, _, last = base.rpartition("/")
    if "." in last:
        base = folder
    base_parts, target_parts = _parts(base), _parts(target)
    shared = 0
    for ours, theirs in zip(base_parts, target_parts, strict=False):
        if ours != theirs:
            break
        shared += 1
    parts = [".."] * (len(base_parts) - shared) + target_parts[shared:]
    relative = "/".join(parts) or "."
    return f"{relative}/" if target.endswith("/") else relative


def _parts(path: str) -> list[str]:
    # normpath of a rooted path: "a/../../b" stays inside the site ("b").
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []
