"""The open-data files a build's cache lacks, written by a separate Python process on the
machine's second core.

A forked child would inherit the cards for free, but in a virtual machine every object the parent
then touches costs a copy-on-write page fault: the build got slower, not faster. A fresh process
gets its jobs (``open_data.OpenDataFiles.pending``) as pickles instead, one file per job, and loads
them one after the other: it holds one job's cards (500) or one volume of a year at a time, never
the catalogue. What it makes goes into the cache; the build puts the files in place from there. A
build whose files are all in the cache starts no process.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from build_tools.background import exit_with_parent, yield_to_parent
from build_tools.exports.open_data import Job, OpenDataCache, run_jobs


class OpenDataProcessError(RuntimeError):
    pass


class OpenDataProcess:
    """Does ``jobs`` for ``cache`` (``open_data.run_jobs``) in a child process."""

    def __init__(
        self, jobs: Sequence[Job], cache: OpenDataCache, *, docx: bool = True, background: bool = False
    ) -> None:
        """``docx``: write the cards' DOCX too (the live preview writes them itself);
        ``background``: the live preview's refresh, at a lower priority (``yield_to_parent``)."""
        # Files, not a pipe: writing megabytes into a pipe would wait for the child to start.
        self._folder = Path(tempfile.mkdtemp(prefix="open-data-jobs-"))
        pickle_file = self._folder / "cache.pickle"
        pickle_file.write_bytes(pickle.dumps((cache.folder, cache.limit, docx, background)))
        for number, job in enumerate(jobs):
            (self._folder / f"{number:06}.pickle").write_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(self._folder), str(os.getpid())],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def stop(self) -> None:
        """End the process if it still runs (the build failed before it needed the files)."""
        if self._process.poll() is None:
            self._process.terminate()
            self._process.communicate()
        shutil.rmtree(self._folder, ignore_errors=True)

    def wait(self) -> None:
        assert self._process.stderr is not None
        errors = self._process.stderr.read().decode("utf-8", errors="replace")
        failed = self._process.wait() != 0
        shutil.rmtree(self._folder, ignore_errors=True)
        if failed:
            raise OpenDataProcessError(f"Файлы открытых данных не записаны:\n{errors}")


def _jobs(folder: Path) -> Iterator[Job]:
    for path in sorted(folder.glob("0*.pickle")):
        job = pickle.loads(path.read_bytes())
        path.unlink()
        yield job
        del job  # gone from memory before the next is loaded


def _main() -> None:
    folder = Path(sys.argv[1])
    exit_with_parent(int(sys.argv[2]), lambda: shutil.rmtree(folder, ignore_errors=True))
    cache_folder, limit, docx, background = pickle.loads((folder / "cache.pickle").read_bytes())
    if background:
        yield_to_parent()
    run_jobs(_jobs(folder), OpenDataCache(cache_folder, limit), docx=docx)


if __name__ == "__main__":
    _main()
