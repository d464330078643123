"""The search index, written by a separate Python process on the machine's second core.

Indexing costs about a second of CPU per thousand cards (words, stems, a file per result); the
site generator meanwhile renders the pages with the theme. As with the open-data files
(build_tools/exports/open_data_process.py), a fresh process gets its input as a pickle — here
the documents, plain text — rather than as a fork of the whole build.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from build_tools.search.documents import SearchDocument
from build_tools.search.index import SearchIndex


class SearchIndexError(RuntimeError):
    pass


class SearchIndexProcess:
    """Writes ``search-index/`` into ``site_dir`` for these documents in a child process."""

    def __init__(self, cards: Sequence[SearchDocument], pages: Sequence[SearchDocument], site_dir: Path) -> None:
        # A file, not a pipe: writing megabytes into a pipe would wait for the child to start.
        site_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix="search-index-", suffix=".pickle", delete=False) as job:
            pickle.dump((list(cards), list(pages), site_dir), job, protocol=pickle.HIGHEST_PROTOCOL)
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, job.name],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

        self._lock = threading.Lock()
        self._errors: str | None = None

    def wait(self) -> None:
        """Block until the index is written; raise its error. Any thread may wait, many times."""
        with self._lock:
            if self._errors is None:
                _, stderr = self._process.communicate()
                self._errors = stderr.decode("utf-8", errors="replace") if self._process.returncode else ""
        if self._errors:
            raise SearchIndexError(f"Поисковый индекс не построен:\n{self._errors}")


def _main() -> None:
    job = Path(sys.argv[1])
    try:
        cards, pages, site_dir = pickle.loads(job.read_bytes())
    finally:
        job.unlink()
    SearchIndex(cards, pages).write(site_dir)


if __name__ == "__main__":
    _main()
