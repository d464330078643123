"""A card unchanged since the last build is not rendered again (issue 17): its page and its search
document come from the cache, byte for byte, and an edited card's are made anew."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import pickle
import sqlite3
import sys
from pathlib import Path
from typing import Any

import material
import pytest

from build_tools.cards import loading
from build_tools.cards.frontmatter import parse
from build_tools.cards.loading import Card, CardCache
from build_tools.cards.schema import official_fields
from build_tools.content_cache import ContentCache
from build_tools.search import process as search_process
from build_tools.search import site_index
from build_tools.search.documents import SearchDocument
from build_tools.site.render import CardPageRenderer
from build_tools.site_build.build import SiteBuild, SiteSettings
from tests.sites import FIXTURE_CARDS, REPO, make_project

CARD_ID = "povedencheskie-audity-bezopasnosti"


def build(project: Path, *, card_docx: bool = False, search: bool = False) -> str:
    """One build's calls on the core (as an adapter makes them) for one card page; its content."""
    settings = SiteSettings(
        root=project,
        docs_dir=project / "docs",
        practices=project / "practices",
        card_docx=card_docx,
        card_page_shell=False,
        search=search,
    )
    theme = Path(material.__file__).parent / "templates"
    settings = dataclasses.replace(settings, theme_dirs=(project / "overrides", theme))
    site = SiteBuild(settings, logging.getLogger("test"))
    site_dir = project / "site"
    try:
        site.plan()
        site.new_build(site_dir)
        content = site.card_content(CARD_ID, page_url=f"practices/{CARD_ID}/", edit_url=None)
        site.pages_rendered([], site_dir)
        site.finish(site_dir)
        return content
    finally:
        site.close()


def kept_entries(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database)) as kept:
        return kept.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_an_unchanged_card_comes_from_the_cache_and_an_edited_one_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    first = build(project)
    assert "Поведенческие аудиты безопасности на складском комплексе" in first

    def no_rendering(*args: object, **kwargs: object) -> str:
        raise AssertionError("rendered again")

    monkeypatch.setattr(CardPageRenderer, "render", no_rendering)
    assert build(project) == first  # a new build, another process's worth of state: the cache
    card = project / "practices" / f"{CARD_ID}.md"
    card.write_text(card.read_text(encoding="utf-8").replace("на складском комплексе", "на новом складе"), "utf-8")
    with pytest.raises(AssertionError, match="rendered again"):
        build(project)


def test_a_static_build_keeps_each_cards_docx_for_the_next(tmp_path: Path) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    build(project, card_docx=True)  # the open-data process writes the DOCX, and keeps it
    assert [path.suffix for path in (project / ".cache" / "practices" / "docx").iterdir()] == [".docx"]


def test_an_unchanged_cards_search_document_is_read_back_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    index = project / "site" / "search-index"
    build(project, search=True)
    first = {path.relative_to(index): path.read_bytes() for path in index.rglob("*") if path.is_file()}
    assert kept_entries(project / ".cache" / "practices" / "search.sqlite") == len(list(FIXTURE_CARDS.glob("*.md")))
    made: list[str] = []
    card_document = site_index.card_document

    def counted(card: Card, url: str) -> SearchDocument:
        made.append(card.id)
        return card_document(card, url)

    monkeypatch.setattr(site_index, "card_document", counted)
    started: list[object] = []
    popen = search_process.subprocess.Popen

    def counted_process(*args: Any, **kwargs: Any) -> Any:
        if search_process.__name__ in args[0]:  # not the open-data process
            started.append(args)
        return popen(*args, **kwargs)

    monkeypatch.setattr(search_process.subprocess, "Popen", counted_process)
    build(project, search=True)
    assert made == []
    assert started == []  # the same documents: the index kept from the last build, no process
    again = {path.relative_to(index): path.read_bytes() for path in index.rglob("*") if path.is_file()}
    assert again == first  # the same index from the cached documents
    card = project / "practices" / f"{CARD_ID}.md"
    card.write_text(card.read_text(encoding="utf-8").replace("на складском комплексе", "на новом складе"), "utf-8")
    build(project, search=True)
    assert made == [CARD_ID]
    assert len(started) == 1
    titles = {json.loads(path.read_text(encoding="utf-8"))["t"] for path in (index / "docs").rglob("*.json")}
    assert "Поведенческие аудиты безопасности на новом складе" in titles


@pytest.mark.parametrize(
    ("cards", "batch", "warned"),
    # The fixture card carries pre-review warnings; the repository's cards come in several batches.
    [(FIXTURE_CARDS, loading._LOAD_AT_ONCE, True), (REPO / "practices", 4, False)],
    ids=["fixture", "batches"],
)
def test_an_unchanged_card_file_is_not_parsed_again_and_keeps_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cards: Path, batch: int, warned: bool
) -> None:
    practices = tmp_path / "practices"
    practices.mkdir()
    for path in cards.glob("*.md"):
        (practices / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(loading, "_LOAD_AT_ONCE", batch)
    first = CardCache(tmp_path / "loaded.sqlite").load([practices], root=tmp_path)
    assert first.cards and bool(first.warnings) == warned
    assert warned or len(first.cards) > 3 * batch

    parsed: list[str] = []
    parse_card = loading.parse_card

    def counted(text: str, stem: str, shown: str, today: dt.date):  # type: ignore[no-untyped-def]
        parsed.append(stem)
        return parse_card(text, stem, shown, today)

    monkeypatch.setattr(loading, "parse_card", counted)
    again = CardCache(tmp_path / "loaded.sqlite").load([practices], root=tmp_path)  # a new process's cache
    assert parsed == []
    assert [(card.id, card.data, card.body, card.file) for card in again.cards] == [
        (card.id, card.data, card.body, card.file) for card in first.cards
    ]
    assert [str(problem) for problem in again.problems] == [str(problem) for problem in first.problems]

    middle = sorted(practices.glob("*.md"))[len(first.cards) // 2]
    middle.write_text(middle.read_text(encoding="utf-8").replace("title: ", "title: Изменено — ", 1), "utf-8")
    edited = CardCache(tmp_path / "loaded.sqlite").load([practices], root=tmp_path)
    assert parsed == [middle.stem]
    assert [card.id for card in edited.cards] == [card.id for card in first.cards]
    assert next(card for card in edited.cards if card.id == middle.stem).title.startswith("Изменено — ")


def test_a_card_kept_in_the_cache_does_not_hold_its_text_twice(tmp_path: Path) -> None:
    """A new build pickles every card into the card cache (and into the open-data jobs): pickle
    would leave a UTF-8 copy of each Russian string inside the card for the rest of the build."""
    practices = tmp_path / "practices"
    practices.mkdir()
    source = FIXTURE_CARDS / f"{CARD_ID}.md"
    (practices / source.name).write_bytes(source.read_bytes())
    loaded = CardCache(tmp_path / "loaded.sqlite").load([practices], root=tmp_path)
    (card,) = loaded.cards
    fresh, _ = loading.load_card(practices / source.name, root=tmp_path)
    assert fresh is not None and fresh == card

    def sizes(value: Any) -> list[int]:
        if isinstance(value, dict):
            return [size for item in value.values() for size in sizes(item)]
        if isinstance(value, list):
            return [size for item in value for size in sizes(item)]
        return [sys.getsizeof(value)]

    # What a card holds unpacked for the whole build: its facts (the texts are packed bytes).
    assert sizes(card.facts) == sizes(fresh.facts)
    again = pickle.loads(pickle.dumps(card))
    assert again == card and again.digest == card.digest
    assert sizes(card.facts) == sizes(fresh.facts)


def test_a_card_holds_its_long_answers_and_body_packed_and_gives_them_back_whole(tmp_path: Path) -> None:
    """A build holds every card for its whole length: only what lists, filters and statistics
    read is kept as objects; the long answers and the body come back, exactly as the file has
    them, for the one card whose page, search document or export is being made."""
    practices = tmp_path / "practices"
    practices.mkdir()
    source = FIXTURE_CARDS / f"{CARD_ID}.md"
    (practices / source.name).write_bytes(source.read_bytes())
    (card,) = CardCache(tmp_path / "loaded.sqlite").load([practices], root=tmp_path).cards
    front = parse(source.read_text(encoding="utf-8"))
    assert card.data == front.data and card.body == front.body
    assert list(card.data) == list(front.data)  # the file's order of fields
    long_answers = [key for key in front.data if key in loading.LONG_ANSWERS]
    assert {"summary", "problem", "why_advanced", "result"} <= set(long_answers)
    assert not card.facts.keys() & loading.LONG_ANSWERS
    assert card.facts == {key: value for key, value in front.data.items() if key not in loading.LONG_ANSWERS}
    assert "organization" in card.facts and "summary" not in card.facts
    assert card.summary == front.data["summary"]  # what a list entry shows, opened for it
    # Held packed: the texts as bytes, smaller than the strings they give back.
    held = len(card.packed)
    assert held < sum(sys.getsizeof(card.data[key]) for key in long_answers) + sys.getsizeof(card.body)
    # The statistics still know which questions say «нет сведений», from the facts alone.
    answered, asked = card.completeness
    assert asked == 13 and answered == 13 - len(card.no_information & {f.key for f in official_fields()})
    # The card cache and the open-data and search processes get it whole, and a short value (a
    # region) is one string object for every card that gives it.
    for again in (pickle.loads(pickle.dumps(card)), CardCache(tmp_path / "loaded.sqlite").load([practices]).cards[0]):
        assert (again.data, again.body, again.facts, again.no_information) == (
            card.data,
            card.body,
            card.facts,
            card.no_information,
        )
        assert again.facts["region"] is card.facts["region"]


def test_a_damaged_cache_is_started_afresh_and_the_build_is_the_same(tmp_path: Path) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    first = build(project, search=True)
    cache = project / ".cache" / "practices"
    # What a full disk, a copy cut short or another program can leave: not a database at all.
    for name in ("cards.sqlite", "loaded.sqlite", "search.sqlite"):
        (cache / name).write_bytes(b"\x00not a database\xff" * 64)
    for name in ("cards.sqlite-wal", "cards.sqlite-shm"):
        (cache / name).unlink(missing_ok=True)
    # Entries kept as files by the builds until 2 December 2026: removed, not read.
    (cache / "cards").mkdir()
    (cache / "cards" / "0123.z").write_bytes(b"old")

    assert build(project, search=True) == first
    assert not (cache / "cards").exists()
    assert kept_entries(cache / "cards.sqlite") == 1  # the page built again, kept
    assert build(project, search=True) == first


def test_entries_asked_for_together_are_the_kept_ones_and_stay_in_use(tmp_path: Path) -> None:
    database = tmp_path / "entries.sqlite"
    stored = ContentCache(database)
    keys = [f"{number:064x}" for number in range(1_200)]  # more than one query's worth
    for key in keys:
        stored.store(key, key.encode()[:8] + b"\xff")
    unknown = [f"{number:064x}" for number in range(5_000, 5_100)]

    asked = ContentCache(database)
    assert asked.kept([*keys[:700], *unknown]) == set(keys[:700])
    assert asked.read_many([*unknown, *keys[700:1_000]]) == {key: key.encode()[:8] + b"\xff" for key in keys[700:1_000]}
    asked.forget_unused()  # what neither call found in use is removed
    assert ContentCache(database).kept(keys) == set(keys[:1_000])
