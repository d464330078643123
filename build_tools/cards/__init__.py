"""Practice cards: reading files, validating them against the schema and the checks, the Card model.

Imports nothing of the site, the exports or any generator."""
