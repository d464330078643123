"""Pre-review warning: a card whose title is very close to another card's (a likely duplicate)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.cards.loading import Card

SIMILARITY = 0.85  # difflib ratio of normalised titles
# A stem shared by more cards than this («охраны», «труда») says nothing about duplication,
# and comparing every card that has it would make a large catalogue quadratic.
COMMON_STEM = 50


def _normalised(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold().replace("ё", "е")))


def _stems(title: str) -> set[str]:
    # Five letters stand in for a stem, so «аудиты» and «аудитов» meet in the same bucket.
    return {word[:5] for word in _normalised(title).split() if len(word) > 3}


def similar_titles(cards: Sequence[Card]) -> Iterator[tuple[Card, Card]]:
    """Pairs (later card, earlier card by id) with near-identical titles.

    Only cards sharing at least half of their distinctive title stems are compared, so a large
    catalogue is not compared pair by pair; each card is reported once, with its first match.
    """
    by_stem: dict[str, list[int]] = defaultdict(list)
    stems = [_stems(card.title) for card in cards]
    for index, card_stems in enumerate(stems):
        for stem in card_stems:
            by_stem[stem].append(index)
    stems = [{stem for stem in card_stems if len(by_stem[stem]) <= COMMON_STEM} for card_stems in stems]
    for index, card in enumerate(cards):
        shared: dict[int, int] = defaultdict(int)
        for stem in stems[index]:
            for other in by_stem[stem]:
                if other < index:
                    shared[other] += 1
        for other, count in shared.items():
            if count * 2 < max(len(stems[index]), len(stems[other]), 1):
                continue
            ratio = difflib.SequenceMatcher(None, _normalised(card.title), _normalised(cards[other].title)).ratio()
            if ratio >= SIMILARITY:
                yield card, cards[other]
                break
