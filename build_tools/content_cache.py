"""Files kept between builds, keyed by what they are made of: a card's DOCX, a card's page.

Most cards are unchanged from one build to the next, and their outputs with them: a card's DOCX
costs about 1.5 ms to write, its page about a millisecond to render. An entry's key is the
sha256 of everything its content depends on, including ``code_version()``: every file of
``build_tools`` (code, templates, schema, classifiers) and of ``calculators`` and the pinned
versions of the libraries, hashed once per process. A change to any of them makes a new entry;
nothing else does. Entries no card of a build asked for are removed at its end.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
_SOURCES = ("build_tools", "calculators")
_PINS = "requirements.txt"  # Jinja2, Python-Markdown, nh3, python-docx… shape the output too


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


class ContentCache:
    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self._suffix = suffix
        self._used: set[str] = set()

    def key(self, *material: Any) -> str:
        """The key of an entry made of ``material`` (JSON-serialisable) by this version of the code."""
        return content_key(*material)

    def has(self, key: str) -> bool:
        """Whether the entry is kept (it is then in use: not removed at the end of the build)."""
        if self._path(key).is_file():
            self._used.add(key)
            return True
        return False

    def path(self, key: str) -> Path:
        """The entry's file (for a hard link: never to be written into)."""
        return self._path(key)

    def read(self, key: str) -> bytes | None:
        try:
            content = self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        self._used.add(key)
        return content

    def copy_to(self, key: str, target: Path) -> bool:
        """Put the entry's file at ``target``; False when there is none."""
        cached = self._path(key)
        if not cached.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        self._used.add(key)
        return True

    def store(self, key: str, content: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.{os.getpid()}.part"  # two builds may store the same entry
        partial.write_bytes(content)
        partial.replace(self._path(key))
        self._used.add(key)

    def keep(self, key: str) -> None:
        """An entry in use whose content was not read (the live preview's file from an earlier rebuild)."""
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
