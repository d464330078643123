"""A build's open-data files, written by a separate Python process on the machine's second core.

The files take about two seconds per thousand cards (DOCX, XLSX), a quarter of a build. A forked
child would inherit the cards for free, but in a virtual machine every object the parent then
touches costs a copy-on-write page fault: the build got slower, not faster. A fresh process gets
the validated cards as a pickle instead (tens of milliseconds) and writes the files into the
folder the site generator copies them from.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from build_tools.cards.loading import Card
from build_tools.exports.open_data import OpenDataFiles


class OpenDataProcessError(RuntimeError):
    pass


class OpenDataProcess:
    """Writes the files of ``OpenDataFiles(folder)`` for these cards in a child process."""

    def __init__(
        self,
        cards: Sequence[Card],
        urls: Mapping[str, str],
        folder: Path,
        *,
        data_folder: str,
        docx_uris: Mapping[str, str],
        docx_cache: Path | None = None,
    ) -> None:
        # A file, not a pipe: writing megabytes into a pipe would wait for the child to start.
        folder.mkdir(parents=True, exist_ok=True)
        job = folder / "job.pickle"
        job.write_bytes(pickle.dumps((list(cards), dict(urls), folder, data_folder, dict(docx_uris), docx_cache)))
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(job)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait(self) -> None:
        assert self._process.stderr is not None
        errors = self._process.stderr.read().decode("utf-8", errors="replace")
        if self._process.wait() != 0:
            raise OpenDataProcessError(f"Файлы открытых данных не записаны:\n{errors}")


def _main() -> None:
    job = Path(sys.argv[1])
    cards, urls, folder, data_folder, docx_uris, docx_cache = pickle.loads(job.read_bytes())
    job.unlink()
    files = OpenDataFiles(folder, docx_cache=docx_cache)
    files.plan(cards, lambda card: urls[card.id], data_folder=data_folder, docx_uris=docx_uris)
    files.write_docx()
    files.write_data()


if __name__ == "__main__":
    _main()
