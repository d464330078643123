"""Choosing cards for a report: region, municipality, year, quarter and direction filters.

Filters combine (every given filter must match); the ``categories`` filter matches a card in
any of the given directions, like the catalogue's facets. Foreign practice is left out of the
Russian regional report unless ``include_foreign`` asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from build_tools import formatting
from build_tools.cards import regions
from build_tools.cards.loading import Card
from build_tools.site.catalogue import sorted_cards
from build_tools.site.render import labels

# "2026Q1", "2026-Q1", "2026 q1" and the Cyrillic "2026К1" all mean the first quarter of 2026.
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[QqКк]\s*([1-4])\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100


class SelectionError(ValueError):
    """A filter value that cannot mean anything; the message is Russian and says why."""


@dataclass(frozen=True)
class Selection:
    region: str | None = None  # canonical spelling (see regions.canonical_region)
    municipality: str | None = None
    year: int | None = None
    quarter: str | None = None  # "2026Q1"
    categories: tuple[str, ...] = field(default_factory=tuple)
    include_foreign: bool = False

    def __post_init__(self) -> None:
        if self.year is not None and self.quarter is not None and not self.quarter.startswith(f"{self.year}Q"):
            label = formatting.quarter_label(self.quarter)
            raise SelectionError(f"год {self.year} не совпадает с годом квартала {self.quarter} ({label})")

    def matches(self, card: Card) -> bool:
        if card.is_foreign and not self.include_foreign:
            return False
        if self.region is not None and card.region != self.region:
            return False
        if self.municipality is not None and _normalise(card.municipality or "") != _normalise(self.municipality):
            return False
        if self.year is not None and card.year != self.year:
            return False
        if self.quarter is not None and card.quarter != self.quarter:
            return False
        return not self.categories or any(code in self.categories for code in card.categories)

    def period_label(self) -> str | None:
        """The reporting period, e.g. ``"за I квартал 2026 г."``, or None if not limited in time."""
        if self.quarter is not None:
            return f"за {formatting.quarter_label(self.quarter)}"
        if self.year is not None:
            return f"за {self.year} г."
        return None

    def describe(self) -> str:
        """The filters in words, for messages («субъект РФ: …; I квартал 2026 г.»)."""
        parts = []
        if self.region is not None:
            parts.append(f"субъект РФ — {self.region}")
        if self.municipality is not None:
            parts.append(f"муниципальное образование — {self.municipality}")
        if self.quarter is not None:
            parts.append(formatting.quarter_label(self.quarter))
        elif self.year is not None:
            parts.append(f"{self.year} г.")
        if self.categories:
            parts.append("направление — " + " или ".join(f"«{labels()['category'][c]}»" for c in self.categories))
        if self.include_foreign:
            parts.append("включая зарубежный опыт")
        return "; ".join(parts) or "без условий"


def select(cards: Sequence[Card], selection: Selection) -> list[Card]:
    """The matching cards in the catalogue's order (newest first, then by title)."""
    return [card for card in sorted_cards(cards) if selection.matches(card)]


# -- parsing filter values (used by the command line; each raises SelectionError) ------------


def parse_quarter(text: str) -> str:
    match = _QUARTER.match(text)
    if not match:
        raise SelectionError(f"квартал «{text}» не распознан: укажите год и номер квартала, например 2026Q1")
    year, number = int(match[1]), int(match[2])
    _check_year(year)
    return f"{year}Q{number}"


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise SelectionError(f"год «{text}» не распознан: укажите четыре цифры, например 2026")
    return _check_year(int(text))


def parse_region(text: str) -> str:
    canonical = regions.canonical_region(text)
    if canonical is None:
        suggestion = regions.suggest_region(text)
        hint = f": возможно, «{suggestion}»" if suggestion else ""
        raise SelectionError(f"«{text}» — не субъект Российской Федерации{hint}")
    return canonical


def parse_category(text: str) -> str:
    known = labels()["category"]
    code = text.strip()
    if code in known:
        return code
    by_label = {label.casefold(): c for c, label in known.items()}
    if code.casefold() in by_label:
        return by_label[code.casefold()]
    codes = ", ".join(f"{c} ({label})" for c, label in known.items())
    raise SelectionError(f"направление «{text}» не известно; возможные значения: {codes}")


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SelectionError(f"год {year} вне допустимого диапазона {MIN_YEAR}–{MAX_YEAR}")
    return year


def _normalise(text: str) -> str:
    # «г. Краснодар» typed with two spaces or different case is still the same municipality.
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().casefold()
