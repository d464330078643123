"""Brotli (``.br``) and gzip (``.gz``) copies of the calculators' files beside them in the site.

A static host that serves precompressed files (nginx ``gzip_static``/``brotli_static``, Apache with
the rules in docs/developers/calculators.md) sends the 13.5 MB of Pyodide as about 5.5 MB.
Brotli at its best quality costs about 35 s of CPU for Pyodide's wasm, so each compressed copy
is kept in a cache keyed by the sha256 of the original: a build compresses only what it has not
compressed before (a new Pyodide, a changed calculator script). Both formats are deterministic
(gzip without a name or time stamp), so the same site gives the same bytes.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

# Files this small gain nothing worth a request header.
MIN_SIZE = 1024
# Raise when the compression settings change: entries made with the old ones are not reused.
_FORMAT = "1"


def _brotli(data: bytes) -> bytes:
    import brotli  # only a build that writes the site needs it

    return bytes(brotli.compress(data, quality=11))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {".br": _brotli, ".gz": _gzip}


def write_precompressed(site_dir: Path, uris: Iterable[str], cache: Path) -> list[str]:
    """Writes ``<uri>.br`` and ``<uri>.gz`` for each file of the site at least ``MIN_SIZE`` long;
    returns the URIs written."""
    written = []
    for uri in sorted(set(uris)):
        original = site_dir / uri
        if not original.is_file() or original.stat().st_size < MIN_SIZE:
            continue
        data = original.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in COMPRESSORS.items():
            entry = cache / f"{digest}.{_FORMAT}{suffix}"
            if not entry.is_file():
                _store_once(entry, compress, data)
            shutil.copyfile(entry, site_dir / f"{uri}{suffix}")
            written.append(f"{uri}{suffix}")
    return written


def _store_once(entry: Path, compress: Callable[[bytes], bytes], data: bytes) -> None:
    """Several builds may share the cache (the tests run two at once): one compresses, the others
    wait for it on a lock instead of spending the same half-minute."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    with (entry.parent / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if entry.is_file():
            return
        partial = entry.with_name(f".{entry.name}.{os.getpid()}.part")
        partial.write_bytes(compress(data))
        partial.replace(entry)
