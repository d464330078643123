"""The theme's folders: which belong to an installed library, and their files listed once.

A generator lists every file of the theme's folders at each build, to copy the static ones (the
live preview: at each rebuild). Material's folder holds 14,000 files, 10,000 of them icons in its
hidden ``.icons/`` folder, which templates include by name and no generator copies (hidden files
are skipped); the listing and its filtering took about a tenth of a second of every rebuild.
"""

from __future__ import annotations

import functools
import os
import sysconfig
from pathlib import Path

import jinja2


def installed(folder: Path) -> bool:
    """Whether ``folder`` belongs to an installed library (a theme's templates): the pinned
    requirements, part of the code version, already stand for it."""
    libraries = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return any(folder.resolve().is_relative_to(library) for library in libraries)


class ListedOnceLoader(jinja2.FileSystemLoader):
    """Jinja's loader of files, listing no hidden file, and an installed folder once per process
    (it changes only with the requirements, that is in a new process)."""

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.searchpath:
            names.update(_installed_files(folder) if installed(Path(folder)) else _visible_files(folder))
        return sorted(names)


@functools.cache
def _installed_files(folder: str) -> tuple[str, ...]:
    return _visible_files(folder)


def _visible_files(folder: str) -> tuple[str, ...]:
    """The files under ``folder`` as Jinja names them ("assets/x.js"), hidden ones left out."""
    names = []
    for directory, subfolders, files in os.walk(folder, followlinks=True):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = Path(directory).relative_to(folder).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        names += [prefix + name for name in files if not name.startswith(".")]
    return tuple(names)


def list_folders_once(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` (a generator's theme environment, loading from its folders) with ``ListedOnceLoader``."""
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader) and not isinstance(loader, ListedOnceLoader):
        env.loader = ListedOnceLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return env
