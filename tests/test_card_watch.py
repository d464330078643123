"""The live preview hears which card files were saved: with inotify, and where it is refused."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

from build_tools.mkdocs_adapter import card_watch


def _server(root: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


def _saved_after(watch: card_watch.CardWatch, path: Path, text: str) -> list[Path]:
    path.write_text(text, encoding="utf-8")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        saved = watch.take_saved()
        if saved:
            return saved
        time.sleep(0.1)
    return []


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_saves_are_heard_with_inotify_and_each_completed_save_is_told(tmp_path: Path) -> None:
    server = _server(tmp_path)
    watch = card_watch.watch_cards(server, tmp_path)
    completed: list[Path] = []
    watch.on_saved = completed.append
    try:
        card = tmp_path / "kartochka.md"
        assert _saved_after(watch, card, "---\n") == [card]
        _wait_for(lambda: card in completed)  # the file closed: told after its change was noted
        assert set(completed) == {card}
        # Renamed into place, as many editors save: the new name is the one saved.
        temporary = tmp_path / ".kartochka.md.swp"
        temporary.write_text("---\ntitle: x\n", encoding="utf-8")
        _wait_for(lambda: temporary in completed)
        completed.clear()
        temporary.replace(card)
        _wait_for(lambda: card in completed)
        assert completed == [card] and card in watch.take_saved()
    finally:
        watch.stop()


def test_where_inotify_is_refused_the_polled_folder_still_says_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Refused(Observer):  # type: ignore[misc, valid-type]
        def start(self) -> None:
            raise OSError("inotify watch limit reached")

    monkeypatch.setattr(card_watch, "Observer", Refused)
    server = _server(tmp_path)
    watch = card_watch.watch_cards(server, tmp_path)
    server.observer.start()  # as the server starts it when it serves
    try:
        card = tmp_path / "kartochka.md"
        time.sleep(1)  # the polling observer's first look at the folder
        assert _saved_after(watch, card, "---\n") == [card]
    finally:
        server.observer.stop()
        watch.stop()
