"""What builds keep for the next one, keyed by what it is made of: a card's page, its DOCX.

Most cards are unchanged from one build to the next, and their outputs with them: a card's DOCX
costs about 1.5 ms to write, its page about a millisecond to render. An entry's key is the
sha256 of everything its content depends on, including ``code_version()``: every file of
``build_tools`` (code, templates, schema, classifiers) and of ``calculators`` and the pinned
versions of the libraries, hashed once per process. A change to any of them makes a new entry;
nothing else does. Entries no card of a build asked for are removed at its end.

``ContentCache`` keeps its entries in one SQLite database (the standard library's): a card has an
entry in five caches, and a file per entry made a first build of 1,000 cards create 5,000 files;
on this project's machines (ext4 without a journal, where each new inode costs a scan) that build
spent 6.7 s in the kernel, 2.3 s with the databases. ``FileCache``
keeps files, for what is hard-linked into the site as it is (a card's DOCX).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
_SOURCES = ("build_tools", "calculators")
_PINS = "requirements.txt"  # Jinja2, Python-Markdown, nh3, python-docx… shape the output too
_DIGEST_BYTES = 32  # a content_key as bytes
_KEYS_PER_QUERY = 500  # within SQLite's limit of parameters in a statement (999 before 3.32)


@cache
def code_version() -> str:
    digest = hashlib.sha256()
    if (_ROOT / _PINS).is_file():
        digest.update((_ROOT / _PINS).read_bytes())
    for package in _SOURCES:
        for path in sorted((_ROOT / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(*material: Any) -> str:
    """The sha256 of ``material`` (JSON-serialisable) and of this version of the code."""
    text = json.dumps([*material, code_version()], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class _Entries:
    """What both caches share: keys, and which entries this build used."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def key(self, *material: Any) -> str:
        """The key of an entry made of ``material`` (JSON-serialisable) by this version of the code."""
        return content_key(*material)

    def keep(self, key: str) -> None:
        """An entry in use whose content was not read (the live preview's file from an earlier rebuild)."""
        self._used.add(key)


class ContentCache(_Entries):
    """Entries in a SQLite database at ``database`` (a file of the cache folder).

    Each thread has its own connection (SQLite's rule); several processes and builds may use the
    database at once (write-ahead log, a busy writer is waited for). The cache only saves work:
    an entry that cannot be read is a miss, one that cannot be stored is made again next time,
    and a damaged database is started afresh.
    """

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database
        self._local = threading.local()
        # Until 2 December 2026 the entries were files in the folder of the same name.
        legacy = database.with_suffix("")
        if legacy.is_dir():
            shutil.rmtree(legacy, ignore_errors=True)

    def has(self, key: str) -> bool:
        """Whether the entry is kept (it is then in use: not removed at the end of the build)."""
        if self._query("SELECT 1 FROM entries WHERE key = ?", key) is None:
            return False
        self._used.add(key)
        return True

    def kept(self, keys: Collection[str]) -> set[str]:
        """Those of ``keys`` whose entries are kept (then in use, as with ``has``): one query per
        few hundred keys, where ``has`` makes one a key (a build plans 10,000 cards' in 0.3 s)."""
        found = {key for key, _ in self._rows_of("key, NULL", keys)}
        self._used |= found
        return found

    def sizes(self, keys: Collection[str]) -> dict[str, int]:
        """The lengths in bytes of the kept entries of ``keys``, without reading them."""
        return {key: int(size) for key, size in self._rows_of("key, length(value)", keys)}

    def read_many(self, keys: Collection[str]) -> dict[str, bytes]:
        """The kept entries of ``keys`` (as ``read`` gives each, in a query per few hundred)."""
        found = {key: bytes(value) for key, value in self._rows_of("key, value", keys)}
        self._used.update(found)
        return found

    def _rows_of(self, columns: str, keys: Collection[str]) -> Iterator[tuple[str, Any]]:
        wanted = list(keys)
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            chunk = wanted[start : start + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._connection().execute(f"SELECT {columns} FROM entries WHERE key IN ({marks})", chunk)
                yield from rows.fetchall()
            except sqlite3.Error:
                continue  # misses: made again

    def read(self, key: str) -> bytes | None:
        row = self._query("SELECT value FROM entries WHERE key = ?", key)
        if row is None:
            return None
        self._used.add(key)
        return bytes(row[0])

    def store(self, key: str, content: bytes) -> None:
        self._used.add(key)
        with contextlib.suppress(sqlite3.Error):  # not kept: made again by the next build that needs it
            self._connection().execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, content))

    # Entries kept per thing (a hand-written page) rather than per content: the value starts with
    # the digest of what it was made from, so that a thing made again from the same is read back.
    def read_made_from(self, key: str, made_from: str | None = None) -> bytes | None:
        """What ``store_made_from`` stored under ``key``: only if it was made from ``made_from``
        (a ``content_key``) when that is given, whatever it was made from otherwise."""
        stored = self.read(key)
        if stored is None or (made_from is not None and stored[:_DIGEST_BYTES] != bytes.fromhex(made_from)):
            return None
        return stored[_DIGEST_BYTES:]

    def store_made_from(self, key: str, made_from: str, content: bytes) -> None:
        self.store(key, bytes.fromhex(made_from) + content)

    def forget_unused(self) -> None:
        """Remove the entries nothing asked for since this cache was made (edited or deleted cards')."""
        if not self.database.is_file():
            return
        with contextlib.suppress(sqlite3.Error):  # removed by a later build instead
            connection = self._connection()
            unused = [(key,) for (key,) in connection.execute("SELECT key FROM entries") if key not in self._used]
            with _transaction(connection):
                connection.executemany("DELETE FROM entries WHERE key = ?", unused)

    def _query(self, sql: str, key: str) -> tuple[Any, ...] | None:
        try:
            return self._connection().execute(sql, (key,)).fetchone()
        except sqlite3.Error:
            return None

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = _open(self.database)
            except sqlite3.DatabaseError:  # not a database, or damaged: the cache starts again
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.database}{suffix}").unlink(missing_ok=True)
                connection = _open(self.database)
            self._local.connection = connection
        return connection


def _open(database: Path) -> sqlite3.Connection:
    database.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit (isolation_level=None): each entry is stored at once, as its file was.
    connection = sqlite3.connect(database, timeout=60, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        # A cache: after a power cut it may lose its last entries, which are made again.
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID"
        )
    except sqlite3.Error:
        connection.close()
        raise
    return connection


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN`` … ``COMMIT`` on an autocommit connection (``ROLLBACK`` on an error)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class FileCache(_Entries):
    """Entries as files in ``folder``: for outputs hard-linked into the site as they are."""

    def __init__(self, folder: Path, suffix: str) -> None:
        super().__init__()
        self.folder = folder
        self._suffix = suffix

    def has(self, key: str) -> bool:
        """Whether the entry is kept (it is then in use: not removed at the end of the build)."""
        if self._path(key).is_file():
            self._used.add(key)
            return True
        return False

    def kept(self, keys: Collection[str]) -> set[str]:
        """Those of ``keys`` whose files are kept (then in use, as with ``has``): the folder is
        listed once instead of a file looked for a key."""
        try:
            names = set(os.listdir(self.folder))
        except OSError:
            return set()
        found = {key for key in keys if f"{key}{self._suffix}" in names}
        self._used |= found
        return found

    def path(self, key: str) -> Path:
        """The entry's file (for a hard link: never to be written into)."""
        return self._path(key)

    def store(self, key: str, content: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}.part"  # two builds may store the same entry
        partial.write_bytes(content)
        partial.replace(self._path(key))
        self._used.add(key)

    def forget_unused(self) -> None:
        """Remove the entries nothing asked for since this cache was made (edited or deleted cards')."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.endswith(self._suffix) and entry.name[: -len(self._suffix)] not in self._used:
                os.unlink(entry.path)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{self._suffix}"
