"""Practice cards: loading, validation, catalogue and page rendering.

Nothing in this package imports MkDocs except :mod:`build_tools.mkdocs_adapter.plugin`,
so the catalogue can move to another static site generator.
"""
