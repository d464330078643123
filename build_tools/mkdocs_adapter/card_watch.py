"""The live preview hears of a saved card from the system's file events, not by polling.

MkDocs' server polls every watched file twice a second: an edit waits up to half a second before
the rebuild starts, and the cards' folder, the one that grows (10,000 files stat'ed twice a second
at 10,000 cards), costs the most. The cards' folder is watched instead by watchdog's native
observer (inotify on Linux), with MkDocs' own handler, so a change asks for the same rebuild.
Only writes, creations, deletions and moves count: the native observer also reports every
file the build opens to read. Where the system refuses (no inotify watch left), the folder is
polled as before. The files saved are noted too: the preview shows an edited card's page before
its rebuild (``SiteBuild.show_edited_cards``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]


class CardWatch:
    """The cards' folder watched for the live preview: which files were saved since last asked
    (``take_saved``), ``on_saved`` called in the watching thread for each save completed (the file
    closed after writing, or renamed into place), and ``stop`` at shutdown."""

    def __init__(self, observer: BaseObserver | None) -> None:
        self._observer = observer
        self._saved: set[Path] = set()
        self._lock = threading.Lock()
        self.on_saved: Callable[[Path], None] | None = None

    def take_saved(self) -> list[Path]:
        with self._lock:
            saved, self._saved = self._saved, set()
        return sorted(saved)

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()

    def _heard(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        path = Path(os.fsdecode(event.dest_path if isinstance(event, FileMovedEvent) else event.src_path))
        with self._lock:
            self._saved.add(path)
        if self.on_saved is not None and isinstance(event, FileClosedEvent | FileMovedEvent):
            self.on_saved(path)


def watch_cards(server: LiveReloadServer, folder: Path) -> CardWatch:
    """Watch ``folder`` for ``server``: with the native observer, or MkDocs' polling where the
    system refuses it."""
    native = Observer()
    _with_observer(server, native, lambda: server.watch(str(folder)))
    watch = CardWatch(native)
    native.schedule(_handler(watch), str(folder), recursive=True, event_filter=CHANGES)
    try:
        native.start()
    except OSError as error:  # inotify's limits: MkDocs' polling still sees the edit, later
        log.info(f"Папка карточек проверяется опросом раз в полсекунды: {error}")
        _with_observer(server, native, lambda: server.unwatch(str(folder)))
        server.watch(str(folder))
        # Polling reports no file closed: saves are known as a rebuild begins, not while one runs.
        polled = CardWatch(None)
        server.observer.schedule(_handler(polled), str(folder), recursive=True)
        return polled
    return watch


def _handler(watch: CardWatch) -> FileSystemEventHandler:
    handler = FileSystemEventHandler()
    handler.on_any_event = watch._heard  # type: ignore[method-assign]
    return handler


def _with_observer(server: LiveReloadServer, observer: BaseObserver, action: Callable[[], None]) -> None:
    """Run ``action`` (``server.watch`` or ``unwatch``) with ``observer`` as the server's: MkDocs
    schedules its handler on whichever observer the server holds."""
    polling, server.observer = server.observer, _ChangesOnly(observer)  # type: ignore[assignment]
    try:
        action()
    finally:
        server.observer = polling


class _ChangesOnly:
    """What ``LiveReloadServer.watch``/``unwatch`` call on an observer, asking for changes only."""

    def __init__(self, observer: BaseObserver) -> None:
        self._observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> ObservedWatch:
        return self._observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    def unschedule(self, watch: ObservedWatch) -> None:
        self._observer.unschedule(watch)
