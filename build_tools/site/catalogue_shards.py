"""The catalogue filters' data, in shards the page loads only as the reader's filters ask for them.

The catalogue page carries its first list page and the filter panel with every count; the script
then needs, and fetches, only:

- ``index.json`` (small): the facets with their values, labels and counts, the number of cards;
- ``facet-<id>.json`` when a filter is ticked: for each value of the facet, the cards that have it,
  as positions in the catalogue's order (newest first) written as gaps (``[3, 1, 7]`` is 3, 4, 11):
  every facet's counts follow from these, whatever is ticked;
- ``order-<sort>.json`` when another order is chosen: the positions in that order;
- ``cards-<n>.html`` for the entries it shows: the list entries ``n·CHUNK`` … in the catalogue's
  order, the same markup as the static pages (``catalogue_item.html.j2``);
- ``ids.json`` when the reader downloads the selection: the card ids by position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from build_tools.cards.loading import Card
from build_tools.site.catalogue import FACETS
from build_tools.site.catalogue_pages import CatalogueLists

CHUNK = 10  # entries in a cards-<n>.html: the filtered entries of a page lie scattered
INDEX_NAME = "index.json"
VERSION = 1
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 17)  # the live preview sorts every title again after each edit
def title_order_key(title: str) -> str:
    """Russian order of titles as the browser's ``Intl.Collator("ru", {ignorePunctuation: true})``
    and readers expect: punctuation and spaces ignored, case and ё/е alike, digits, then Cyrillic,
    then Latin letters. Each character is preceded by the digit of its group, so that comparing
    two keys compares group, then character, position by position."""
    return "".join(
        ("0" if char.isdigit() else "1" if "а" <= char <= "я" else "2") + char
        for char in _NOT_WORD.sub("", title).casefold().replace("ё", "е")
    )


def _gaps(positions: Sequence[int]) -> list[int]:
    previous, gaps = 0, []
    for position in positions:
        gaps.append(position - previous)
        previous = position
    return gaps


def write_shards(lists: CatalogueLists, folder: Path, *, card_url: Callable[[Card], str]) -> list[str]:
    """Write every shard into ``folder``; their names. ``card_url``: a card's page as seen from the
    catalogue page (the script puts the entries there)."""
    folder.mkdir(parents=True, exist_ok=True)
    cards = lists.cards
    written: list[str] = []

    def write(name: str, text: str) -> None:
        # An unchanged shard keeps its file (and its time): a live preview does not copy it again.
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(name)

    def write_json(name: str, data: object) -> None:
        write(name, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    facets = []
    for facet_number, (facet, values) in enumerate(zip(FACETS, lists.faceted.facets, strict=True)):
        number = lists.faceted.numbers[facet_number]
        positions: list[list[int]] = [[] for _ in values]
        for position, card_values in enumerate(lists.faceted.values):
            for value in card_values[facet_number]:
                positions[number[value]].append(position)
        write_json(f"facet-{facet.id}.json", [_gaps(items) for items in positions])
        facets.append(
            {
                "id": facet.id,
                "values": [item.value for item in values],
                "counts": [item.count for item in values],
            }
        )
    # Ties keep the catalogue's order (sorted() is stable): the newest first among equal titles.
    by_title = sorted(range(len(cards)), key=lambda position: title_order_key(cards[position].title))
    write_json("order-title.json", by_title)
    # Oldest first; among cards of the same date, by title as in the newest-first order.
    by_date = sorted(by_title, key=lambda position: cards[position].sort_date.sort_key)
    write_json("order-date-asc.json", by_date)
    write_json("ids.json", [card.id for card in cards])
    for start in range(0, len(cards), CHUNK):
        write(
            f"cards-{start // CHUNK}.html",
            lists.entries.html(cards[start : start + CHUNK], compact=False, card_url=card_url),
        )
    write_json(INDEX_NAME, {"version": VERSION, "total": len(cards), "chunk": CHUNK, "facets": facets})
    return written
