"""Search documents: what a card gives the index; each card's document in its shard, once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from build_tools.cards.loading import parse_card
from build_tools.cards.schema import enum_labels, official_fields
from build_tools.search.pagefind import SearchDocuments
from build_tools.site.render import CardPageRenderer
from tests.sites import FIXTURE_CARDS


def uris(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((root / "cards").rglob("*.html")):
        shard, uri = path.relative_to(root / "cards").as_posix().split("/", 1)
        found.setdefault(uri, []).append(shard)
    return found


def test_cards_follow_their_shard_when_a_card_is_added_or_removed(tmp_path: Path) -> None:
    documents = SearchDocuments(tmp_path, shard_size=2)
    for position, name in enumerate(["a", "b", "c"]):
        documents.write_card(documents.shard_of(position), f"practices/{name}/index.html", name, "<h1>x</h1>")
    assert uris(tmp_path) == {f"practices/{n}/index.html": [s] for n, s in (("a", "0"), ("b", "0"), ("c", "1"))}
    # A card "0" is added at the front and "c" is deleted: "a" and "b" shift; only "0" is rendered.
    documents.write_card(0, "practices/0/index.html", "0", "<h1>0</h1>")
    shards = {"practices/0/index.html": 0, "practices/a/index.html": 0, "practices/b/index.html": 1}
    changed = documents.arrange_cards(shards)
    assert uris(tmp_path) == {uri: [str(shard)] for uri, shard in shards.items()}
    assert changed == {0, 1}
    assert documents.arrange_cards(shards) == set()  # nothing left to move


def test_a_cards_search_document_holds_its_words_and_filters_not_the_page_labels() -> None:
    name = "povedencheskie-audity-bezopasnosti"
    path = FIXTURE_CARDS / f"{name}.md"
    card, problems = parse_card(path.read_text(encoding="utf-8"), name, f"practices/{name}.md", dt.date(2026, 11, 23))
    assert card is not None, problems
    page, document = CardPageRenderer().render_with_search_document(card, catalogue_url="../", edit_url=None)
    text = re.sub(r"<[^>]+>", " ", document)
    # The card's own words: title, every answer, the text below the table.
    assert '<h1 data-pagefind-meta="title">Поведенческие аудиты безопасности на складском комплексе</h1>' in document
    for key in ("summary", "problem", "result", "incentives"):
        first_words = " ".join(card.data[key].split()[:4])
        assert first_words in " ".join(text.split()), key
    assert "еженедельно" in text  # the body
    # The filters of the search page, with the values the catalogue uses.
    filters = dict(re.findall(r'data-pagefind-filter="([^"]+)">([^<]+)<', document))
    assert filters["Субъект РФ"] == "Краснодарский край"
    assert filters["Год"] == "2026"
    assert filters["Тип организации"] == enum_labels("sector")["commercial"]
    assert filters["Направление"] in {enum_labels("category")[code] for code in card.data["category"]}
    assert "Золотое правило" in filters
    # Not the page's furniture: the official questions, the example note, the download line.
    for field in official_fields():
        assert field.label not in document, field.key
    assert "Организация в этой карточке вымышленная" not in document
    assert "Скачать таблицу" not in document
    assert len(document) < len(page) / 2
