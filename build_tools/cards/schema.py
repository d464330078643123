"""The card schema (a JSON Schema file) and the Russian labels it carries.

The schema file is the single source of truth: field order, official labels and
enumeration labels are all read from it, so the validator, the pages and the
editor's schema never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "schema" / "card.schema.json"

# Enumerated fields whose values are codes with Russian labels in `$defs`.
ENUM_DEFS = ("sector", "category", "source", "presentation_format", "dissemination", "golden_rule")


@dataclass(frozen=True)
class OfficialField:
    """One of the 14 rows of the official appendix table."""

    number: int
    key: str
    label: str


@cache
def card_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def official_fields() -> tuple[OfficialField, ...]:
    """The 14 fields in the official order, with their official labels."""
    fields = [
        OfficialField(spec["x-official-number"], key, spec["title"])
        for key, spec in card_schema()["properties"].items()
        if "x-official-number" in spec
    ]
    return tuple(sorted(fields, key=lambda field: field.number))


@cache
def enum_labels(name: str) -> dict[Any, str]:
    """Code → Russian label for one enumeration of `$defs` (e.g. ``"category"``)."""
    return {option["const"]: option["title"] for option in card_schema()["$defs"][name]["oneOf"]}


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
