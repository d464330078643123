"""The search index, written by a separate Python process on the machine's second core.

Indexing costs about a second of CPU per thousand cards (words, stems, a file per result); the
site generator meanwhile renders the pages with the theme. As with the open-data files
(build_tools/exports/open_data_process.py), a fresh process gets its input as pickles rather than
as a fork of the whole build. The documents are pickled one by one as they are made and read back
one by one, so that neither process holds the text of every card at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from build_tools.content_cache import code_version
from build_tools.search.documents import SearchDocument
from build_tools.search.index import FOLDER, IndexWriter, document_length, replace_index

_COMPLETE = ".complete"  # written last into a kept index: an entry without it is not used


class SearchIndexError(RuntimeError):
    pass


class SearchIndexProcess:
    """Writes ``search-index/`` into ``site_dir`` for these documents in a child process."""

    def __init__(
        self,
        cards: Iterable[SearchDocument],
        pages: Iterable[SearchDocument],
        site_dir: Path,
        *,
        cache: Path | None = None,
    ) -> None:
        """``cache``: a folder that keeps the last index written, by the hash of its documents
        and the code: a build whose documents are all as they were copies it instead of
        starting a process (the live preview passes none)."""
        # A file, not a pipe: the child starts once every document is written.
        counts, lengths = [0, 0], [0, 0]
        digest = hashlib.sha256(code_version().encode())
        with tempfile.NamedTemporaryFile(prefix="search-index-", suffix=".pickle", delete=False) as job:
            for kind, documents in enumerate((cards, pages)):
                for document in documents:
                    data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
                    job.write(data)
                    digest.update(data)
                    counts[kind] += 1
                    lengths[kind] += document_length(document)
        plan = {
            "site_dir": str(site_dir),
            "cards": counts[0],
            "pages": counts[1],
            "card_length": lengths[0] / max(counts[0], 1),
            "page_length": lengths[1] / max(counts[1], 1),
        }
        self._lock = threading.Lock()
        self._errors: str | None = None
        entry = cache / digest.hexdigest() if cache is not None else None
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

    def wait(self) -> None:
        """Block until the index is written; raise its error. Any thread may wait, many times."""
        with self._lock:
            if self._errors is None:
                _, stderr = self._process.communicate()
                self._errors = stderr.decode("utf-8", errors="replace") if self._process.returncode else ""
        if self._errors:
            raise SearchIndexError(f"Поисковый индекс не построен:\n{self._errors}")


def _main() -> None:
    job, plan = Path(sys.argv[1]), json.loads(sys.argv[2])

    def write(folder: Path) -> None:
        writer = IndexWriter(
            folder, cards=plan["cards"], card_length=plan["card_length"], page_length=plan["page_length"]
        )
        with job.open("rb") as stream:
            for _ in range(plan["cards"] + plan["pages"]):
                writer.add(pickle.load(stream))
        writer.finish()

    try:
        replace_index(Path(plan["site_dir"]), write)
    finally:
        job.unlink()
    if "keep_in" in plan:
        _keep(Path(plan["site_dir"]) / FOLDER, Path(plan["keep_in"]))


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
