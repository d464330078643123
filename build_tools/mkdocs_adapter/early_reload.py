"""The live preview's browsers reload as soon as an edited card's page is written, before the rebuild.

MkDocs' server (``LiveReloadServer`` of MkDocs 1.6, the same in ProperDocs) counts versions of the
site: it holds every request while a rebuild runs (``_wanted_epoch`` ahead of ``_visible_epoch``)
and tells the browsers to reload when it ends. At 100,000 cards a rebuild takes a minute, during
which the preview answers nothing. When the edited cards' pages are already written
(``SiteBuild.show_edited_cards``), the version being built is made the visible one at once: the
browsers reload and get those pages, and the preview keeps answering while the rest of the site
(lists, catalogue, statistics) is rewritten; when the rebuild ends, the browsers reload once more.

These are the server's private attributes: without them (another MkDocs), nothing is shown early.
"""

from __future__ import annotations

from typing import Any

_ATTRIBUTES = ("_epoch_cond", "_visible_epoch", "_wanted_epoch")


def supported(server: Any) -> bool:
    return all(hasattr(server, name) for name in _ATTRIBUTES)


def show_now(server: Any) -> None:
    """The version being built is the visible one: waiting requests go on, browsers reload."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def reload_when_built(server: Any) -> None:
    """Once the rebuild returns, the server makes a newer version visible: browsers reload again."""
    with server._epoch_cond:
        server._wanted_epoch = max(server._wanted_epoch, server._visible_epoch) + 1
