"""Each card's DOCX kept between builds, keyed by what it is made of.

Writing a card's DOCX takes about 1.5 ms; a thousand cards, most of them unchanged since the last
build, cost a second and a half of every build. The key is the card's data, its address and the
code that writes the file (every module of ``build_tools`` and the card schema, hashed once per
process): a change to any of them writes the file anew, nothing else does.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path

from build_tools.cards.loading import Card

_PACKAGE = Path(__file__).resolve().parents[1]


@cache
def code_version() -> str:
    """A hash of the code and data that shape the files (``build_tools``' sources and schema)."""
    digest = hashlib.sha256()
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("*.json")]):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DocxCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def key(self, card: Card, url: str) -> str:
        material = [card.id, card.data, url, code_version()]
        material = json.dumps(material, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(material.encode()).hexdigest()

    def copy_to(self, key: str, target: Path) -> bool:
        """Put the cached file at ``target``; False when there is none."""
        cached = self.folder / f"{key}.docx"
        if not cached.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        self._used.add(key)
        return True

    def store(self, key: str, content: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.part"
        partial.write_bytes(content)
        partial.replace(self.folder / f"{key}.docx")
        self._used.add(key)

    def keep(self, key: str) -> None:
        """A card whose file is already in place (the live preview's earlier build) keeps its entry."""
        self._used.add(key)

    def forget_unused(self) -> None:
        """Remove the files no card of this build asked for (edited or deleted cards')."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".docx") and entry.name[: -len(".docx")] not in self._used:
                os.unlink(entry.path)
