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
from build_tools.cards.loading import Card
from build_tools.cards.schema import OPEN_LIST_FIELDS, all_enum_labels, official_fields
from build_tools.compiled_templates import CompiledTemplates
from build_tools.site import card_facts
from build_tools.site.markdown_body import BodyRenderer

TEMPLATES = Path(__file__).parent / "templates"


# In memory for the process; on disk between builds once the build names its cache.
_COMPILED = CompiledTemplates()


def keep_compiled_templates_in(folder: Path) -> None:
    _COMPILED.keep_in(folder)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        bytecode_cache=_COMPILED,
    )


def labels() -> dict[str, dict[Any, str]]:
    """Code → Russian label of every enumeration (read from the card schema)."""
    return all_enum_labels()


class CardPageRenderer:
    """Renders one card's page body; keep one instance for a whole build."""

    def __init__(self) -> None:
        self._body = BodyRenderer()
        self._template = environment().get_template("card.html.j2")

    def render(self, card: Card, *, catalogue_url: str, edit_url: str | None, economics_url: str | None = None) -> str:
        """``economics_url``: the economics calculator's page relative to the card's page; without
        it the economic effect is shown with no link to the calculator."""
        return self._template.render(
            card=card,
            fields=official_fields(),
            values={field.key: field_value(card, field.key) for field in official_fields()},
            labels=labels(),
            body_html=Markup(self._body.render(card.body)) if card.body.strip() else "",
            metrics=[card_facts.metric_row(metric) for metric in card.metrics],
            cost=card_facts.cost_text(card.cost) if card.cost else None,
            effects=card_facts.effect_views(card),
            economics_url=economics_url,
            economics_title=card_facts.ECONOMICS.title,
            golden_rules=[(n, labels()["golden_rule"][n]) for n in card.golden_rules],
            sources=[
                (source, card_facts.source_name(source), card_facts.source_details(source)) for source in card.sources
            ],
            from_publications=card_facts.FROM_PUBLICATIONS if card_facts.from_publications(card) else None,
            introduced=formatting.russian_partial_date(card.introduced) if card.introduced else None,
            completeness=card_facts.completeness_text(card),
            tags=card.data.get("tags", []),
            date=formatting.russian_date(card.date),
            quarter=formatting.quarter_label(card.quarter),
            catalogue_url=catalogue_url,
            edit_url=edit_url,
        )


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
    html = Markup("<p>{}</p>").format(Markup("<br>").join(rows))
    if card.co_organizers:
        items = Markup("").join(
            Markup("<li>{}</li>").format(card_facts.co_organizer_text(item)) for item in card.co_organizers
        )
        html += Markup('<p class="practice-co-organizers">{}:</p><ul>{}</ul>').format(card_facts.CO_ORGANIZERS, items)
    return html


def _paragraphs(text: str) -> Markup:
    parts = [part.strip() for part in text.strip().split("\n") if part.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(part) for part in parts)


def _list(items: Iterable[str]) -> Markup:
    items = list(items)
    if len(items) == 1:
        return Markup("<p>{}</p>").format(items[0])
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(i) for i in items))
