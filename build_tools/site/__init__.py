"""Generated site content: card pages, the catalogue, statistics and reference pages (no generator imports)."""
