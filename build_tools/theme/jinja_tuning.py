"""The theme's Jinja environment, set up for thousands of pages and for the live preview.

Any generator that renders the theme's templates with Jinja (MkDocs, ProperDocs) hands its
environment here once per build.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the live preview's rebuilds and, once a build
    names a folder, on disk between builds: compiling the theme's 45 templates is most of a
    second of every build of the site. Jinja checks each entry against its template's source
    (a checksum) and the Python version; the folder is per Jinja version."""

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


def tune_theme_environment(env: jinja2.Environment, compiled: CompiledTemplates) -> None:
    # Material writes its settings and Russian labels into every page as JSON: as text they
    # are a third of the size of \u escapes (Jinja still escapes <, > and & for a <script>).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    # A new environment is made for every build: checking each include's file for changes
    # (thirty per page) only costs time, and compiling the theme's templates again costs the
    # live preview most of a second per rebuild (the cache checks each template's source).
    env.auto_reload = False
    env.bytecode_cache = compiled
