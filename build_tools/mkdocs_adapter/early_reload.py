"""The live preview's browsers reload as soon as an edited card's page is written, before the rebuild.

MkDocs' server (``LiveReloadServer`` of MkDocs 1.6, the same in ProperDocs) counts versions of the
site: it holds every request while a rebuild runs (``_wanted_epoch`` ahead of ``_visible_epoch``)
and tells the browsers to reload when it ends. At 100,000 cards a rebuild takes a minute, during
which the preview answers nothing. When the edited cards' pages are already written
(``SiteBuild.show_edited_cards``: as a rebuild begins, or while one runs), the version being built
is made the visible one at once: the browsers reload and get those pages, and the preview keeps
answering while the rest of the site (lists, catalogue, statistics) is rewritten; when the rebuild
ends, the browsers reload once more.

These are the server's private attributes: without them (another MkDocs), nothing is shown early.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

_ATTRIBUTES = ("_epoch_cond", "_visible_epoch", "_wanted_epoch")


def supported(server: Any) -> bool:
    return all(hasattr(server, name) for name in _ATTRIBUTES)


def show_now(server: Any) -> None:
    """The version being built is made the visible one, or a newer one if it already is (a second
    edit during the same rebuild): browsers reload, and waiting requests go on."""
    with server._epoch_cond:
        epoch = max(server._wanted_epoch, server._visible_epoch + 1)
        server._wanted_epoch = server._visible_epoch = epoch
        server._epoch_cond.notify_all()


def reload_when_built(server: Any) -> None:
    """Once the rebuild returns, the server makes a newer version visible: browsers reload again."""
    with server._epoch_cond:
        server._wanted_epoch = max(server._wanted_epoch, server._visible_epoch) + 1


class EarlyReload:
    """Around the server's rebuilds: ``show`` (the pages of edited cards written, their addresses)
    with the cards saved since the last rebuild as one begins (``take_saved``) and with each card
    saved while one runs (``saved``, from the watching thread)."""

    def __init__(
        self, server: Any, show: Callable[[list[Path]], list[str]], take_saved: Callable[[], list[Path]]
    ) -> None:
        self._server = server
        self._show = show
        self._take_saved = take_saved
        self._lock = threading.Lock()
        self._building = False
        self._shown_while_building = False

    def rebuild(self, build: Callable[[], None]) -> None:
        with self._lock:
            self._building = True
        shown = self._shown(self._take_saved())
        try:
            build()
        finally:
            with self._lock:
                self._building = False
                shown = shown or self._shown_while_building
                self._shown_while_building = False
        if shown:  # not after a failed rebuild: the server would hold every request until the next
            reload_when_built(self._server)

    def saved(self, path: Path) -> None:
        """A card file saved (in the watching thread); its page is shown now if a rebuild runs
        (otherwise the next rebuild begins with it)."""
        with self._lock:
            if not self._building:
                return
        if self._shown([path]):
            with self._lock:
                self._shown_while_building = True

    def _shown(self, paths: list[Path]) -> bool:
        try:
            shown = self._show(paths) if paths else []
        # Whatever stops it, the rebuild comes next and says it again or does it; an error let
        # through would end the thread that hears the saves, and the preview would hear no more.
        except Exception as error:
            log.warning(f"Страница изменённой карточки не показана до пересборки: {error}")
            return False
        if shown:
            show_now(self._server)
        return bool(shown)
