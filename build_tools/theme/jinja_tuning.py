"""The theme's Jinja environment, set up for thousands of pages and for the live preview.

Any generator that renders the theme's templates with Jinja (MkDocs, ProperDocs) hands its
environment here once per build.
"""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the live preview's rebuilds."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def tune_theme_environment(env: jinja2.Environment, compiled: CompiledTemplates) -> None:
    # Material writes its settings and Russian labels into every page as JSON: as text they
    # are a third of the size of \u escapes (Jinja still escapes <, > and & for a <script>).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    # A new environment is made for every build: checking each include's file for changes
    # (thirty per page) only costs time, and compiling the theme's templates again costs the
    # live preview most of a second per rebuild (the cache checks each template's source).
    env.auto_reload = False
    env.bytecode_cache = compiled
