"""Search documents between live-preview rebuilds: each card's document in its shard, once."""

from __future__ import annotations

from pathlib import Path

from build_tools.search.pagefind import SearchDocuments


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
