"""Which terms of the index a query word matches, and how much each counts.

The browser applies these rules (docs/assets/javascripts/search-engine.mjs) with the numbers the
index carries in its ``meta.json``; they are defined once, here. A query word, reduced to its stem,
matches:

- the same stem (weight ``EXACT``);
- a longer term that begins with the whole stem, when the stem has at least ``MIN_COMPLETED``
  letters — the reader is still typing («настав» → «наставник») (``COMPLETION``);
- a term that shares at least ``MIN_SHARED`` first letters and at least ``SHARED_PART`` of the
  stem — a derived word («погрузк» → «погрузочн») or a slip of a letter late in the word
  (``DERIVED``).

A shorter common beginning never counts: a query word never matches on «по» or «на». These are
the project's conventions, set on the relevance set (tests/search_relevance.yaml).
"""

from __future__ import annotations

import math

EXACT = 1.0
COMPLETION = 0.7
DERIVED = 0.5
MIN_COMPLETED = 4
MIN_SHARED = 5
SHARED_PART = 0.75


def shared_needed(stem: str) -> int:
    return max(MIN_SHARED, math.ceil(len(stem) * SHARED_PART))


def lookup(stem: str) -> tuple[str, bool]:
    """The beginning every matching term has, and whether only the stem itself can match."""
    if len(stem) < MIN_COMPLETED:
        return stem, True
    if len(stem) <= MIN_SHARED:
        return stem, False
    return stem[: shared_needed(stem)], False


def rules() -> dict[str, float]:
    """The numbers the browser needs, as written into the index."""
    return {
        "exact": EXACT,
        "completion": COMPLETION,
        "derived": DERIVED,
        "minCompleted": MIN_COMPLETED,
        "minShared": MIN_SHARED,
        "sharedPart": SHARED_PART,
    }
