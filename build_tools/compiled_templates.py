"""Compiled Jinja templates kept between builds: the theme's (``theme.jinja_tuning``) and the
core's own (``site.render``)."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the live preview's rebuilds and, once a build
    names a folder, on disk between builds: compiling the theme's 45 templates is most of a
    second of every build of the site, the core's 16 another 0.2 s. Jinja checks each entry
    against its template's source (a checksum) and the Python version; the folder is per Jinja
    version."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._folder: Path | None = None

    def keep_in(self, folder: Path) -> None:
        self._folder = folder / f"jinja-{jinja2.__version__}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])
        elif self._folder is not None:
            try:
                bucket.bytecode_from_string((self._folder / bucket.key).read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                bucket.reset()  # absent or unreadable: Jinja compiles the template again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            self._folder.mkdir(parents=True, exist_ok=True)
            partial = self._folder / f".{bucket.key}.{os.getpid()}.part"
            partial.write_bytes(compiled)
            partial.replace(self._folder / bucket.key)
