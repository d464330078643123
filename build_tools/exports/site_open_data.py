"""When a site build writes its open-data files (JSON, CSV, XLSX, ZIP of the catalogue; a DOCX per card).

Every file is kept in the project's cache under a key of what it is made of
(``open_data.OpenDataFiles``); a build makes only what the cache lacks and puts the rest in place
from it (hard links).

- A static build makes what is missing in a second process on the other core
  (``OpenDataProcess``), started as soon as the cards are loaded, and waits for it only when the
  files are first needed: when the downloads page, written after every other page, lists their
  sizes, or when the site is written. When nothing is missing, no process is started.
- The files are put into the site once the pages are written (``after_build``), the DOCX too:
  the generator never copies them, so it never waits for them.
- The live preview writes only the DOCX of new and changed cards before the page is shown; the
  data files are refreshed after the page is shown, by a process a thread waits for, the
  previous ones served meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from build_tools.background import SerialWorker
from build_tools.cards.loading import Card
from build_tools.exports import open_data
from build_tools.exports.open_data_process import OpenDataProcess, OpenDataProcessError
from build_tools.output_file import place_file


class SiteOpenData:
    def __init__(self, folder: Path, *, serving: bool, on_error: Callable[[Exception], None], cache: Path) -> None:
        """``cache``: the folder that keeps the files between builds."""
        self.files = open_data.OpenDataFiles(folder, cache)
        self._serving = serving
        self._process: OpenDataProcess | None = None
        self._due = False
        self._refresh = False
        self._background = SerialWorker("open-data", on_error=on_error)
        self._docx: dict[str, Path] = {}  # this build's: site path → file in the cache
        self._placed_docx: dict[str, Path] = {}  # put into the site by this process

    def plan(
        self, cards: Sequence[Card], urls: Mapping[str, str], *, data_folder: str, docx_uris: Mapping[str, str]
    ) -> None:
        """Starts the writing of this build's files. They are put into the site after the build
        (``after_build``): how many volumes they take is known only once they are written."""
        self.files.plan(cards, lambda card: urls[card.id], data_folder=data_folder, docx_uris=docx_uris)
        self._docx = self.files.docx_files()
        self._due = True
        if not self._serving:
            jobs = self.files.pending()
            self._process = OpenDataProcess(jobs, self.files.cache) if jobs else None

    def ensure_written(self) -> None:
        """The files are needed now (called after the cards are rendered, while the process
        writes them on the other core). Raises ``OpenDataProcessError``."""
        if not self._due:
            return
        self._due = False
        if not self._serving:
            if self._process is not None:
                process, self._process = self._process, None
                process.wait()
            self.files.place()
            return
        self.files.write_docx()  # only new and changed cards'
        if self._serving and self.files.has_data():
            self._refresh = True  # shown with the previous data files; fresh ones after the build
        else:
            self.files.write_data()

    def close(self) -> None:
        """A build that ends before it needed the files (an error) leaves no process writing them."""
        process, self._process = self._process, None
        if process is not None:
            process.stop()

    def site_paths(self) -> list[str]:
        """The site paths of this build's files (what an in-place build keeps)."""
        return [*(entry[0] for entry in self.files.downloads()), *self._docx]

    def after_build(self, site_dir: Path) -> None:
        """Put the files into the site, once ``ensure_written`` has returned."""
        for uri, source in self._docx.items():
            # The cache's file is named by its content: the same file is already in place.
            if self._placed_docx.get(uri) != source:
                place_file(source, site_dir / uri)
                self._placed_docx[uri] = source
        self.files.copy_data(site_dir)
        if self._refresh:
            self._refresh = False
            self._background.request("data", lambda: self.files.write_data(copy_to=site_dir, run=_in_a_process))


def _in_a_process(jobs: list[open_data.Job], cache: open_data.OpenDataCache) -> None:
    """The live preview's refresh of the data files, on the other core: done in the preview's
    own thread, a year's and the whole catalogue's files (seconds at 10,000 cards) held the
    interpreter while the next edit was being rebuilt."""
    if jobs:
        OpenDataProcess(jobs, cache, docx=False, background=True).wait()


__all__ = ["OpenDataProcessError", "SiteOpenData"]
