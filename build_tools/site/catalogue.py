"""The catalogue: facets, order and the compact ``catalogue.json`` (an open-data download; the
page itself loads its data in shards, ``catalogue_shards``, and is paged, ``catalogue_pages``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from build_tools import formatting
from build_tools.cards import okved
from build_tools.cards.loading import Card
from build_tools.site.render import labels

SIZE_LABELS = {"small": "до 100 работников", "large": "свыше 100 работников", "unknown": "не указано"}
# Real practices (from their sources) apart from the fictional examples that show how a card is filled.
KIND_LABELS = {"real": "Реальные практики", "example": "Примеры"}


@dataclass(frozen=True)
class Facet:
    id: str  # also the URL parameter
    label: str
    values_of: Callable[[Card], list[str]]
    label_of: Callable[[str], str]
    # Sort order of values in the panel: by label, or newest first for time facets.
    newest_first: bool = False


def _okved_label(letter: str) -> str:
    return f"{letter} — {okved.SECTION_BY_LETTER[letter].name}"


def _kind(card: Card) -> list[str]:
    return ["example" if card.is_example else "real"]


FACETS: tuple[Facet, ...] = (
    Facet("kind", "Реальные практики и примеры", _kind, lambda v: KIND_LABELS[v]),
    Facet("category", "Направление", lambda c: c.categories, lambda v: labels()["category"][v]),
    Facet("sector", "Тип организации", lambda c: [c.organization["sector"]], lambda v: labels()["sector"][v]),
    Facet("okved", "Раздел ОКВЭД 2", lambda c: [c.okved_section.letter] if c.okved_section else [], _okved_label),
    Facet("region", "Субъект РФ", lambda c: [c.region] if c.region and not c.is_foreign else [], str),
    # Foreign practice by its country; Russian practice has no value here (as foreign has no region).
    Facet("country", "Зарубежный опыт", lambda c: [c.country] if c.is_foreign else [], str),
    Facet("year", "Год", lambda c: [str(c.year)], str, newest_first=True),
    Facet("quarter", "Квартал", lambda c: [c.quarter], formatting.quarter_label, newest_first=True),
    Facet(
        "size",
        "Численность работников",
        lambda c: [c.size_group],
        lambda v: SIZE_LABELS[v],
    ),
    Facet(
        "rule",
        "«Золотое правило»",
        lambda c: [str(n) for n in c.golden_rules],
        lambda v: f"{v}. {labels()['golden_rule'][int(v)]}",
    ),
)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def facet_values(facet: Facet, cards: Sequence[Card]) -> list[FacetValue]:
    return ordered_facet_values(facet, _counts(facet.values_of(card) for card in cards))


def _counts(value_lists: Iterable[Iterable[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for values in value_lists:
        for value in values:
            counts[value] = counts.get(value, 0) + 1
    return counts


def ordered_facet_values(facet: Facet, counts: Mapping[str, int]) -> list[FacetValue]:
    """The values with their counts in the order of the filter panel."""
    values = [FacetValue(v, facet.label_of(v), n) for v, n in counts.items()]
    if facet.newest_first:
        return sorted(values, key=lambda item: item.value, reverse=True)
    if facet.id in ("kind", "category", "sector", "size", "rule"):
        order = list(_declared_order(facet.id))
        return sorted(values, key=lambda item: order.index(item.value))
    return sorted(values, key=lambda item: item.label)


def _declared_order(facet_id: str) -> list[str]:
    if facet_id == "size":
        return list(SIZE_LABELS)
    if facet_id == "kind":
        return list(KIND_LABELS)
    if facet_id == "rule":
        return [str(n) for n in labels()["golden_rule"]]
    return list(labels()[facet_id])


def sorted_cards(cards: Sequence[Card]) -> list[Card]:
    """Newest first (by :attr:`Card.sort_date`), then by title: the order of the list without JavaScript."""
    by_title = sorted(cards, key=lambda card: card.title.casefold())
    return sorted(by_title, key=lambda card: card.sort_date.sort_key, reverse=True)


def sort_date_label(card: Card) -> str:
    """The date the list is sorted by (:attr:`Card.sort_date`), saying which date it is:
    «внедрена: 2020 г.», «публикация: 9 декабря 2020 г.», «сведения от 14 марта 2026 г.»."""
    day = formatting.russian_partial_date(card.sort_date)
    if card.introduced is not None:
        return f"внедрена: {day}"
    if any(source.date is not None for source in card.sources):
        return f"публикация: {day}"
    return f"сведения от {day}"


class FacetedCards:
    """The cards in the catalogue's order (``sorted_cards``), each with its values of every facet,
    and every facet's values with their counts: worked out once a build for the catalogue's data,
    its list pages and its shards (each card's values were asked for four times, a second per
    10,000 cards)."""

    def __init__(self, cards: Sequence[Card]) -> None:
        self.cards = sorted_cards(cards)
        # values[position][facet's number in FACETS]: the card's values of that facet
        self.values = [tuple(facet.values_of(card) for facet in FACETS) for card in self.cards]
        self.facets = [
            ordered_facet_values(facet, _counts(card_values[number] for card_values in self.values))
            for number, facet in enumerate(FACETS)
        ]
        # numbers[facet's number][value]: the value's position in ``facets`` (the data refer to it)
        self.numbers = [{item.value: i for i, item in enumerate(values)} for values in self.facets]


def catalogue_data(cards: Sequence[Card] | FacetedCards) -> dict:
    """The compact data the catalogue's script filters and sorts with.

    Facet values are stored once; each card refers to them by index.
    """
    faceted = cards if isinstance(cards, FacetedCards) else FacetedCards(cards)
    facets = []
    for facet, values in zip(FACETS, faceted.facets, strict=True):
        facets.append(
            {
                "id": facet.id,
                "label": facet.label,
                "values": [item.value for item in values],
                "labels": [item.label for item in values],
            }
        )
    entries = [
        {
            "id": card.id,
            "title": card.title,
            # The sort date as ISO text at its own precision: such strings sort as the dates do.
            "date": card.sort_date.text,
            "f": [[number[v] for v in values] for number, values in zip(faceted.numbers, card_values, strict=True)],
        }
        for card, card_values in zip(faceted.cards, faceted.values, strict=True)
    ]
    # Version 2: cards[].date became the sort date (see Card.sort_date), at its own precision.
    return {"version": 2, "facets": facets, "cards": entries}


def catalogue_json(cards: Sequence[Card] | FacetedCards) -> str:
    return json.dumps(catalogue_data(cards), ensure_ascii=False, separators=(",", ":"))
