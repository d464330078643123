"""Card pages as HTML fragments (Jinja2, autoescaped: card text is data, never markup)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from build_tools import formatting
from build_tools.cards.answers import NO_INFORMATION, is_no_information
from build_tools.cards.loading import Card, Metric
from build_tools.cards.schema import OPEN_LIST_FIELDS, all_enum_labels, official_fields
from build_tools.site.markdown_body import BodyRenderer

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )


def labels() -> dict[str, dict[Any, str]]:
    """Code → Russian label of every enumeration (read from the card schema)."""
    return all_enum_labels()


class CardPageRenderer:
    """Renders one card's page body; keep one instance for a whole build."""

    def __init__(self) -> None:
        self._body = BodyRenderer()
        self._template = environment().get_template("card.html.j2")
        self._search_template = environment().get_template("card_search.html.j2")

    def render(self, card: Card, *, catalogue_url: str, edit_url: str | None) -> str:
        return self._template.render(self._context(card, catalogue_url=catalogue_url, edit_url=edit_url))

    def render_with_search_document(self, card: Card, *, catalogue_url: str, edit_url: str | None) -> tuple[str, str]:
        """The page body, and what the search index gets of the card (the answers and the text,
        not the labels and notes every card repeats)."""
        context = self._context(card, catalogue_url=catalogue_url, edit_url=edit_url)
        return self._template.render(context), self._search_template.render(context)

    def _context(self, card: Card, *, catalogue_url: str, edit_url: str | None) -> dict[str, Any]:
        return {
            "card": card,
            "fields": official_fields(),
            "values": {field.key: field_value(card, field.key) for field in official_fields()},
            "labels": labels(),
            "body_html": Markup(self._body.render(card.body)) if card.body.strip() else "",
            "metrics": [_metric_row(metric) for metric in card.metrics],
            "golden_rules": [(n, labels()["golden_rule"][n]) for n in card.golden_rules],
            "sources": card.sources,
            "tags": card.data.get("tags", []),
            "date": formatting.russian_date(card.date),
            "quarter": formatting.quarter_label(card.quarter),
            "catalogue_url": catalogue_url,
            "edit_url": edit_url,
        }


def field_value(card: Card, key: str) -> Markup:
    """The answer to one official question as escaped HTML."""
    value = card.data[key]
    if key == "organization":
        return _organization(card)
    if key == "category":
        return _list(labels()["category"][code] for code in value)
    if is_no_information(value):
        return Markup('<p class="practice-no-information">{}</p>').format(NO_INFORMATION)
    if key in OPEN_LIST_FIELDS:
        items = [value] if isinstance(value, str) else value
        return _list(labels()[key].get(item, item) for item in items)
    return _paragraphs(value)


def field_text(card: Card, key: str) -> str:
    """The answer as plain text (for exports and search)."""
    value = card.data[key]
    if key == "organization":
        org = card.organization
        parts = [org["name"], labels()["sector"][org["sector"]], card.activity]
        if card.employees is not None:
            parts.append(f"численность — {formatting.employees_phrase(card.employees)}")
        return "; ".join(parts)
    if key == "category":
        return "; ".join(labels()["category"][code] for code in value)
    if is_no_information(value):
        return NO_INFORMATION
    if key in OPEN_LIST_FIELDS:
        items = [value] if isinstance(value, str) else value
        return "; ".join(labels()[key].get(item, item) for item in items)
    return value.strip()


def _organization(card: Card) -> Markup:
    org = card.organization
    section = card.okved_section
    rows = [
        Markup("<strong>{}</strong>").format(org["name"]),
        escape(labels()["sector"][org["sector"]]),
        Markup("Вид экономической деятельности: {} {}{}").format(
            card.activity_code, card.activity_name, f" (раздел {section.letter} ОКВЭД 2)" if section else ""
        ),
    ]
    if card.employees is not None:
        rows.append(escape(f"Среднесписочная численность: {formatting.employees_phrase(card.employees)}"))
    return Markup("<br>").join(rows)


def _paragraphs(text: str) -> Markup:
    parts = [part.strip() for part in text.strip().split("\n") if part.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(part) for part in parts)


def _list(items: Iterable[str]) -> Markup:
    items = list(items)
    if len(items) == 1:
        return Markup("<p>{}</p>").format(items[0])
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(i) for i in items))


def _metric_row(metric: Metric) -> dict[str, Any]:
    before, after = metric.before, metric.after
    change = formatting.russian_number(after - before)
    if not change.startswith("-") and after != before:
        change = "+" + change
    if before:
        change += f" ({formatting.russian_number((after - before) / abs(before) * 100, 1)} %)"
    return {
        "label": metric.label,
        "unit": metric.unit,
        "before": formatting.russian_number(before),
        "after": formatting.russian_number(after),
        "period_before": metric.period_before,
        "period_after": metric.period_after,
        "change": change.replace("-", "−"),
    }
