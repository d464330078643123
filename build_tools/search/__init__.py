"""Full-text search: what is indexed of cards and pages, Russian words and stems, the static index."""
