"""The search index, written by a separate Python process on the machine's second core.

Indexing costs about a second of CPU per thousand cards (words, stems, a file per result); the
site generator meanwhile renders the pages with the theme. As with the open-data files
(build_tools/exports/open_data_process.py), a fresh process gets its input in a file rather than
as a fork of the whole build. The documents are written one by one, as the build's cache keeps
them (``documents.encode``), and read back one by one, so that neither process holds the text of
every card at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from build_tools.background import exit_with_parent, yield_to_parent
from build_tools.content_cache import code_version
from build_tools.search.documents import SearchDocument, decode
from build_tools.search.index import FOLDER, IndexWriter, document_length, replace_index

_COMPLETE = ".complete"  # written last into a kept index: an entry without it is not used


class SearchIndexError(RuntimeError):
    pass


class SearchIndexProcess:
    """Writes ``search-index/`` into ``site_dir`` for these documents in a child process."""

    def __init__(
        self,
        cards: Iterable[bytes],
        pages: Iterable[bytes],
        site_dir: Path,
        *,
        cache: Path | None = None,
        current: Callable[[], bool] = lambda: True,
        background: bool = False,
    ) -> None:
        """``cards``, ``pages``: documents as ``documents.encode`` writes them. ``cache``: a folder
        that keeps the last index written, by the hash of its documents and the code: a build
        whose documents are all as they were copies it instead of starting a process (the live
        preview passes none). No process starts (``started`` is false) when the documents are
        no longer ``current`` once written. ``background``: the live preview's index, written at a
        lower priority (``background.yield_to_parent``)."""
        # A file, not a pipe: the child starts once every document is written.
        counts = [0, 0]
        digest = hashlib.sha256(code_version().encode())
        with tempfile.NamedTemporaryFile(prefix="search-index-", suffix=".job", delete=False) as job:
            for kind, documents in enumerate((cards, pages)):
                for document in documents:
                    framed = len(document).to_bytes(4, "big") + document
                    job.write(framed)
                    digest.update(framed)
                    counts[kind] += 1
        plan = {"site_dir": str(site_dir), "cards": counts[0], "pages": counts[1], "parent": os.getpid()}
        if background:
            plan["background"] = True
        self._lock = threading.Lock()
        self._errors: str | None = None
        self._job, self._cancelled = Path(job.name), False
        entry = cache / digest.hexdigest() if cache is not None else None
        self.started = True
        if not current():
            self._job.unlink()
            self._errors, self.started = "", False
            return
        if entry is not None and (entry / _COMPLETE).is_file():
            Path(job.name).unlink()
            replace_index(site_dir, lambda folder: _linked_copy(entry, folder))
            self._errors = ""
            return
        if entry is not None:
            plan["keep_in"] = str(entry)
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, job.name, json.dumps(plan)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def cancel(self) -> None:
        """Stop writing an index that a newer one replaces (the live preview, edited again before
        the last index was done): ``wait`` then returns without an error. Any thread may cancel."""
        if self._errors is None:
            self._cancelled = True
            self._process.terminate()

    def wait(self) -> None:
        """Block until the index is written; raise its error. Any thread may wait, many times."""
        with self._lock:
            if self._errors is None:
                _, stderr = self._process.communicate()
                failed = self._process.returncode and not self._cancelled
                self._errors = stderr.decode("utf-8", errors="replace") if failed else ""
                self._job.unlink(missing_ok=True)  # a stopped process leaves it
        if self._errors:
            raise SearchIndexError(f"Поисковый индекс не построен:\n{self._errors}")


def _main() -> None:
    job, plan = Path(sys.argv[1]), json.loads(sys.argv[2])
    exit_with_parent(plan["parent"], lambda: job.unlink(missing_ok=True))
    if plan.get("background"):
        yield_to_parent()
    cards, pages, site_dir = plan["cards"], plan["pages"], Path(plan["site_dir"])

    def write(folder: Path) -> None:
        # BM25 needs each kind's average length before the first weight: a first pass reads it.
        lengths = [0, 0]
        for number, document in enumerate(_documents(job)):
            lengths[number >= cards] += document_length(document)
        writer = IndexWriter(
            folder,
            cards=cards,
            card_length=lengths[0] / max(cards, 1),
            page_length=lengths[1] / max(pages, 1),
            previous=site_dir / FOLDER,  # still served until the new one replaces it
        )
        for document in _documents(job):
            writer.add(document)
        writer.finish()

    try:
        replace_index(site_dir, write)
    finally:
        job.unlink()
    if "keep_in" in plan:
        _keep(site_dir / FOLDER, Path(plan["keep_in"]))


def _documents(job: Path) -> Iterator[SearchDocument]:
    """The job's documents one at a time (the index process never holds every card's text)."""
    with job.open("rb") as stream:
        while size := stream.read(4):
            yield decode(stream.read(int.from_bytes(size, "big")))


def _keep(index: Path, entry: Path) -> None:
    """The index just written becomes the cache's only entry (an older one is of no use)."""
    if entry.parent.is_dir():
        for other in entry.parent.iterdir():
            shutil.rmtree(other, ignore_errors=True)
    partial = entry.with_name(f".{entry.name}.{os.getpid()}")
    _linked_copy(index, partial)
    (partial / _COMPLETE).touch()
    partial.rename(entry)


def _linked_copy(source: Path, target: Path) -> None:
    """Hard links where the file system allows (the index is never written into: a new one
    replaces it), copies elsewhere."""
    shutil.copytree(source, target, copy_function=_link_or_copy, ignore=shutil.ignore_patterns(_COMPLETE))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


if __name__ == "__main__":
    _main()
