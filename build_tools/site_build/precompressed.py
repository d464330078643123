"""Brotli (``.br``) and gzip (``.gz``) copies of the calculators' files beside them in the site.

A static host that serves precompressed files (nginx ``gzip_static``/``brotli_static``, Apache with
the rules in docs/developers/calculators.md) sends the 13.5 MB of Pyodide as about 5.5 MB.
Brotli at its best quality costs about 32 s of CPU for Pyodide's wasm alone, so each compressed
copy is kept in a cache keyed by the sha256 of the original: a build compresses only what it has
not compressed before (a new Pyodide, a changed calculator script), the first build of a checkout
everything, on every core. Both formats are deterministic (gzip without a name or time stamp), so
the same site gives the same bytes.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from build_tools.formatting import russian_number

# Files this small gain nothing worth a request header.
MIN_SIZE = 1024
# Brotli's quality 11 except for files larger than this (Pyodide's 9.6 MB wasm): quality 10 takes
# 18 s instead of 32 s there for 2.79 MB instead of 2.74 MB (measured here), 52 KB more on a
# reader's first visit of a calculator (5.8 of the 6 MB allowed) for 14 s less on the first build
# of every checkout. The project's convention; no standard asks for either.
LARGE = 4 * 2**20
# Raise when the compression settings change: entries made with the old ones are not reused.
_FORMAT = "2"
COMPRESSING = (
    "Сжимаются копии файлов калькуляторов для публикации (.br и .gz, {size} МБ): "
    "это делается один раз для этой копии проекта и может занять до полуминуты…"
)


def _brotli(data: bytes) -> bytes:
    import brotli  # only a build that writes the site needs it

    return bytes(brotli.compress(data, quality=11 if len(data) <= LARGE else 10))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {".br": _brotli, ".gz": _gzip}


def write_precompressed(
    site_dir: Path, uris: Iterable[str], cache: Path, announce: Callable[[str], None] = lambda _message: None
) -> list[str]:
    """Writes ``<uri>.br`` and ``<uri>.gz`` for each file of the site at least ``MIN_SIZE`` long;
    returns the URIs written. ``announce`` gets a message before copies not yet in the cache are
    made (a wait of seconds)."""
    copies: list[tuple[str, Path]] = []
    missing: list[tuple[Path, Callable[[bytes], bytes], bytes]] = []
    for uri in sorted(set(uris)):
        original = site_dir / uri
        if not original.is_file() or original.stat().st_size < MIN_SIZE:
            continue
        data = original.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in COMPRESSORS.items():
            entry = cache / f"{digest}.{_FORMAT}{suffix}"
            if not entry.is_file():
                missing.append((entry, compress, data))
            copies.append((f"{uri}{suffix}", entry))
    if missing:
        announce(COMPRESSING.format(size=russian_number(sum(len(data) for _, _, data in missing) / 2**20, 1)))
        # Threads, largest first: brotli and zlib let go of the GIL while they compress, and the
        # wasm alone is most of the work, so the rest is done beside it on the other cores.
        missing.sort(key=lambda job: len(job[2]), reverse=True)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(lambda job: _store_once(*job), missing))
    for uri, entry in copies:
        shutil.copyfile(entry, site_dir / uri)
    return [uri for uri, _ in copies]


def _store_once(entry: Path, compress: Callable[[bytes], bytes], data: bytes) -> None:
    """Several builds may share the cache (the tests run two at once): one compresses an entry,
    the others wait for it on its lock instead of spending the same half-minute."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    with entry.with_name(f".{entry.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if entry.is_file():
            return
        partial = entry.with_name(f".{entry.name}.{os.getpid()}.part")
        partial.write_bytes(compress(data))
        partial.replace(entry)
