"""The card schema (a JSON Schema file) and the Russian labels it carries.

The schema file is the single source of truth: field order, official wording and
enumeration labels are all read from it, so the validator, the pages, the exports and the
editor's schema never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "schema" / "card.schema.json"
SCHEMA_VERSION = 2

# Enumerated fields whose values are codes with Russian labels in `$defs`.
ENUM_DEFS = ("sector", "category", "source", "presentation_format", "dissemination", "golden_rule")
# The official questions answered by a list of codes and/or free text (9–11).
OPEN_LIST_FIELDS = ("source", "presentation_format", "dissemination")
DIRECTION_KEY = "category"


@dataclass(frozen=True)
class OfficialField:
    """One of the 13 questions of the official appendix table (seed 000)."""

    number: int
    key: str
    label: str  # the question before its bracketed explanation: the card page's row title
    question: str  # the question word for word, explanation included: the DOCX row, the XLSX/CSV header
    hint: str  # the bracketed explanation without brackets; empty when the question has none


@dataclass(frozen=True)
class Direction:
    """The direction of best practice (seed 001): the card's classification, not an official question."""

    key: str
    label: str
    description: str
    options: dict[str, str]  # code → short label (badges, facets)
    wording: dict[str, str]  # code → the seed's own words


@cache
def card_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def official_fields() -> tuple[OfficialField, ...]:
    """The 13 questions in the official order, with their official wording."""
    fields = [
        OfficialField(
            spec["x-official-number"],
            key,
            spec["title"],
            spec["x-official-question"],
            spec.get("description", ""),
        )
        for key, spec in card_schema()["properties"].items()
        if "x-official-number" in spec
    ]
    return tuple(sorted(fields, key=lambda field: field.number))


@cache
def direction() -> Direction:
    spec = card_schema()["properties"][DIRECTION_KEY]
    options = card_schema()["$defs"][DIRECTION_KEY]["oneOf"]
    return Direction(
        DIRECTION_KEY,
        spec["title"],
        spec.get("description", ""),
        {option["const"]: option["title"] for option in options},
        {option["const"]: option["description"] for option in options},
    )


@cache
def enum_labels(name: str) -> dict[Any, str]:
    """Code → Russian label for one enumeration of `$defs` (e.g. ``"category"``)."""
    return {option["const"]: option["title"] for option in card_schema()["$defs"][name]["oneOf"]}


@cache
def all_enum_labels() -> dict[str, dict[Any, str]]:
    """Every enumeration's labels, by the name of its `$defs` entry: the one place pages and exports read."""
    return {name: enum_labels(name) for name in ENUM_DEFS}


def field_title(path: tuple[str | int, ...]) -> str | None:
    """The Russian title the schema gives a field path, if any (list indexes are skipped)."""
    node: dict[str, Any] = card_schema()
    title = None
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
            continue
        node = node.get("properties", {}).get(part, {})
        title = node.get("title", title)
    return title
