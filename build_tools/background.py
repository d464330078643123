"""Work beside the build: in a thread of its own (the search index, the live preview's data
files), or in a child process that ends with the build (``exit_with_parent``).

A thread's job runs one at a time, in the order first requested; a job requested again while it
waits runs once, with its latest arguments; a job requested while it runs runs once more
afterwards, so the last request is always served.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Hashable


def exit_with_parent(parent: int, clean_up: Callable[[], None]) -> None:
    """In a child process: end it, after ``clean_up``, once the build or preview that started it
    (process ``parent``) has stopped: what it writes is then of no use, and it would write on into
    a cache or a folder another build may be emptying. ``parent`` is given, not asked: it may have
    stopped before the child got this far."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        clean_up()
        os._exit(1)

    threading.Thread(target=watch, name="parent", daemon=True).start()


# A child doing the live preview's background work (the search index, the data files after an
# edit) yields the processor to the preview's next rebuild: on two cores, edits saved one after
# another at 10,000 cards waited behind it.
BACKGROUND_NICENESS = 10


def yield_to_parent() -> None:
    """In such a child: run at a lower priority than the preview (where the system allows it)."""
    with contextlib.suppress(OSError):  # not allowed here: the work is done all the same
        os.nice(BACKGROUND_NICENESS)


class SerialWorker:
    def __init__(self, name: str, on_error: Callable[[Exception], None] | None = None) -> None:
        """``on_error`` is told of each failed job at once (the live preview logs it); otherwise
        ``wait`` returns the errors."""
        self._name = name
        self._on_error = on_error
        self._lock = threading.Lock()
        self._pending: dict[Hashable, Callable[[], None]] = {}
        self._thread: threading.Thread | None = None
        self._errors: list[Exception] = []

    def request(self, key: Hashable, job: Callable[[], None]) -> None:
        with self._lock:
            self._pending[key] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._thread.start()

    def wait(self) -> list[Exception]:
        """Block until every requested job is done; the errors raised since the last wait."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
        with self._lock:
            errors, self._errors = self._errors, []
        return errors

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._thread = None
                    return
                key = next(iter(self._pending))
                job = self._pending.pop(key)
            try:
                job()
            except Exception as error:  # a live preview keeps running; the next edit tries again
                if self._on_error is not None:
                    self._on_error(error)
                else:
                    with self._lock:
                        self._errors.append(error)
