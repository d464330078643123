"""The theme's Jinja environment, set up for thousands of pages and for the live preview.

Any generator that renders the theme's templates with Jinja (MkDocs, ProperDocs) hands its
environment here once per build.
"""

from __future__ import annotations

import jinja2

from build_tools.compiled_templates import CompiledTemplates


def tune_theme_environment(env: jinja2.Environment, compiled: CompiledTemplates) -> None:
    # Material writes its settings and Russian labels into every page as JSON: as text they
    # are a third of the size of \u escapes (Jinja still escapes <, > and & for a <script>).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    # A new environment is made for every build: checking each include's file for changes
    # (thirty per page) only costs time, and compiling the theme's templates again costs the
    # live preview most of a second per rebuild (the cache checks each template's source).
    env.auto_reload = False
    env.bytecode_cache = compiled
