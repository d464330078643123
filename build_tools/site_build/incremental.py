"""A static build that updates the site folder in place instead of writing it again whole.

`make build` runs the generator's dirty build (MkDocs ``--dirty``): a page is rendered again only
when its source is newer than its output, so a build after the edit of one card renders that
card's page and the pages made from every card (catalogue, statistics, downloads) — a tenth of
the work or less — and deletes nothing it does not have to. Thousands of unchanged pages and
DOCX files are neither rendered, nor copied, nor removed and written again.

A dirty build is exact only while everything else a page is made from stays as it was. What
that is, is this build's signature: the code and its pinned libraries, the generator's
configuration, every hand-written page and asset, the theme's templates, the site's address
and the date (a card's page may depend on it). The signature of the build that wrote the site
folder is kept beside the other caches; when it differs, or the folder was written by another
build (a plain ``mkdocs build`` leaves no signature), the folder is emptied first and the build is
a full one. After the build, the files the last build listed and this one does not (a deleted
card's page and DOCX, a list page of a value no card has any more) are removed; the live preview,
a dirty build too, removes them the same way.

The live preview (``make serve``, a dirty build too) keeps its folder in the cache in the same
way: started again, it renders only what changed since it last ran instead of every page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from build_tools.content_cache import code_version

STATE_NAME = "site-state.json"
PREVIEW_FOLDER, PREVIEW_STATE = "preview", "preview-state.json"  # the live preview's (``claim``)


def build_signature(*, inputs: Iterable[Path], values: Iterable[str]) -> str:
    """The hash of every file under ``inputs`` (folders or files), ``values``, the code and the date."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(dt.date.today().isoformat().encode())
    for value in values:
        digest.update(b"\0" + value.encode())
    for root in inputs:
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(b"\0" + path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def claim(folder: Path) -> IO[str] | None:
    """This process's hold on ``folder``, a folder kept in the cache between builds, for as long
    as the returned file stays open; None while another build or live preview holds it."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = folder.with_name(f"{folder.name}.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        return None
    return lock


class SiteState:
    """What the last build wrote into the site folder: its signature and its files. The live
    preview keeps it in memory between its rebuilds (no signature: its folder is its own)."""

    def __init__(self, cache_dir: Path, name: str = STATE_NAME) -> None:
        self._path = cache_dir / name
        self._previous: list[str] = []
        # What the cards were when the folder was last written (``finish``): the pages made from
        # every card need no new rendering while it is the same; and, by page, what their
        # fragments made from the cards were.
        self.cards_key: str | None = None
        self.fragments: dict[str, str] = {}
        # The theme's page around a card, as the folder's card pages were filled in (by depth:
        # the text before and after the content; ``ShellPages``): the live preview fills an
        # edited card's page with it before rebuilding (``SiteBuild.show_edited_cards``).
        self.card_shells: dict[int, tuple[str, str]] = {}

    def begin(self, site_dir: Path, signature: str) -> bool:
        """True when the site folder can be updated in place; otherwise it is emptied (a full build)."""
        try:
            state = json.loads(self._path.read_text(encoding="utf-8"))
            same = state["signature"] == signature and state["site_dir"] == str(site_dir.resolve())
            previous = [str(uri) for uri in state["outputs"]]
            cards_key = state.get("cards")
            fragments = {str(page): str(key) for page, key in state.get("fragments", {}).items()}
            shells = {int(depth): (str(parts[0]), str(parts[1])) for depth, parts in state.get("shells", {}).items()}
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            same, previous, cards_key, fragments, shells = False, [], None, {}, {}
        # Invalid until this build has finished: a build that stops half way leaves a folder that
        # only a full build may trust.
        self._path.unlink(missing_ok=True)
        if same and site_dir.is_dir():
            self._previous, self.cards_key = previous, cards_key if isinstance(cards_key, str) else None
            self.fragments, self.card_shells = fragments, shells
            return True
        self._previous, self.cards_key, self.fragments, self.card_shells = [], None, {}, {}
        if site_dir.is_dir():
            # Whatever cannot be removed (a file a stopped preview's index process was still
            # writing) is written over or listed as stale by this build: no reason to stop it.
            for entry in site_dir.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        entry.unlink()
        return False

    def finish(
        self,
        site_dir: Path,
        outputs: Iterable[str],
        signature: str | None = None,
        cards_key: str | None = None,
        fragments: dict[str, str] | None = None,
        card_shells: dict[int, tuple[str, str]] | None = None,
        *,
        written_meanwhile: Iterable[str] = (),
    ) -> None:
        """Remove what the last build listed, or was ``written_meanwhile`` (the live preview's early
        pages of new cards), and this one does not (a deleted or broken card's page and DOCX, a
        list page of a value no card has any more); keep this build's list, on
        disk with the ``signature`` of an in-place build, the key of its cards and of each page's
        fragments made from them."""
        listed = sorted(set(outputs))
        for uri in (set(self._previous) | set(written_meanwhile)) - set(listed):
            path = site_dir / uri
            path.unlink(missing_ok=True)
            for folder in path.parents:  # its folders, once empty, up to the site's
                if folder == site_dir:
                    break
                with contextlib.suppress(OSError):
                    folder.rmdir()
        self._previous = listed
        if signature is None:
            return
        self.cards_key, self.fragments = cards_key, fragments or {}
        # A build that filled no card page (nothing of the cards changed) leaves the shells as
        # they were: the same signature, the same theme's page.
        self.card_shells = card_shells or self.card_shells
        state = {
            "signature": signature,
            "site_dir": str(site_dir.resolve()),
            "outputs": listed,
            "cards": cards_key,
            "fragments": self.fragments,
            "shells": {str(depth): list(parts) for depth, parts in self.card_shells.items()},
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_name(f".{self._path.name}.part")
        partial.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        partial.replace(self._path)
