"""Full-text search: documents for Pagefind and the indexing runs."""
