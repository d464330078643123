"""Full-text search: Pagefind indexes the built site (Russian stemming, filters).

Chosen over Material's built-in search by measurement (see the benchmarks page): Material's
index is downloaded whole on the first page view and does not stem Russian; Pagefind loads
nothing until the reader searches, then only the index chunks the query needs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Write the Pagefind bundle to ``<site_dir>/pagefind``."""
    # Heading permalinks ("¶") are not words of the page.
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--silent",
        "--exclude-selectors",
        ".headerlink",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SearchIndexError(f"Не удалось построить поисковый индекс Pagefind:\n{completed.stdout}{completed.stderr}")
