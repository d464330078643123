"""What the search index holds: the words a reader searches, not the page chrome; filters from the data."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from build_tools.cards.loading import load_cards
from build_tools.cards.schema import official_fields
from build_tools.search.documents import card_document, html_passages, markdown_paragraphs, page_document
from build_tools.search.index import IndexWriter, document_length
from build_tools.search.words import normalize, stem, words
from tests.sites import FIXTURE_CARDS, REPO


def write_index(folder: Path, cards: list, pages: list, previous: Path | None = None) -> dict:
    writer = IndexWriter(
        folder,
        cards=len(cards),
        card_length=sum(map(document_length, cards)) / max(len(cards), 1),
        page_length=sum(map(document_length, pages)) / max(len(pages), 1),
        previous=previous,
    )
    for document in [*cards, *pages]:
        writer.add(document)
    writer.finish()
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def vocabulary(folder: Path) -> set[str]:
    return {word for path in (folder / "words").glob("*.json") for word, _ in json.loads(path.read_text())}


def test_the_question_labels_and_page_chrome_are_not_indexed(tmp_path: Path) -> None:
    cards = load_cards([FIXTURE_CARDS], root=REPO).cards
    documents = [card_document(card, f"practices/{card.id}/") for card in cards]
    write_index(tmp_path, documents, [])
    indexed = vocabulary(tmp_path)
    card_words = {word for document in documents for part in document.parts for word in words(part.text)}
    chrome = {word for field in official_fields() for word in words(field.label)}
    chrome |= set(words("Скачать таблицу (DOCX) — для отчёта органа местного самоуправления Исходный файл"))
    assert not {word for word in chrome - card_words if len(word) >= 4} & indexed
    # What the reader searches is there: title, keywords, answers, the place.
    for text in ("Поведенческие аудиты", "склад", "Краснодарский"):
        assert {normalize(word) for word in words(text) if len(word) >= 4} <= indexed


def test_filters_are_the_catalogues_in_its_order(tmp_path: Path) -> None:
    cards = load_cards([REPO / "practices"], root=REPO).cards
    meta = write_index(tmp_path, [card_document(card, f"practices/{card.id}/") for card in cards], [])
    filters = {facet["id"]: facet for facet in meta["facets"]}
    assert list(filters) == ["category", "sector", "region", "year", "rule"]
    assert filters["year"]["values"] == sorted({str(card.year) for card in cards}, reverse=True)
    assert filters["category"]["mask"] and not filters["region"]["mask"]
    assert (tmp_path / "facets.bin").stat().st_size == len(cards) * meta["facetRecordBytes"]


def test_a_page_is_indexed_by_its_text_without_permalinks_scripts_or_forms() -> None:
    html = (
        '<h2 id="a">Расчёт<a class="headerlink" href="#a">¶</a></h2>'
        "<p>Коэффициент <strong>частоты</strong> травматизма.</p>"
        "<script>var секрет = 1;</script>"
        '<form data-search-ignore><label>Численность<input name="n"></label><p>Поле формы</p></form>'
        "<ul><li>Первый</li><li>Второй</li></ul>"
    )
    assert html_passages(html) == ["Расчёт", "Коэффициент частоты травматизма.", "Первый", "Второй"]
    document = page_document("calculators/x/", "Калькулятор", html)
    assert document.url == "calculators/x/" and not document.is_card


def test_a_cards_markdown_is_indexed_as_its_text() -> None:
    body = (
        "## Как это устроено\n\n"
        "**Договоры** с [поставщиками](https://example.org/x) и `код`.\n"
        "- пункт списка\n\n"
        "| Позиция | Тыс. рублей |\n|---|---|\n| Тележки | 1 680 |\n"
    )
    assert markdown_paragraphs(body) == [
        "Как это устроено",
        "Договоры с поставщиками и код. пункт списка",
        "Позиция Тыс. рублей",
        "Тележки 1 680",
    ]


def test_service_words_and_single_letters_are_not_words() -> None:
    assert words("По охране труда и в работе с ёлками — ОТ, СИЗ, QR-коды") == [
        "охране",
        "труда",
        "работе",
        "елками",
        "сиз",
        "qr",
        "коды",
    ]
    assert stem("погрузочно") == stem("погрузочных") == "погрузочн"


def test_the_card_forms_controls_are_not_indexed() -> None:
    # «Предложить практику»: its labels, 89 regions and help texts are not what a reader looks for.
    from build_tools.contribution.card_form import form_html

    html = "<p>Заполните форму.</p>" + form_html(None, script_url="a.js", stylesheet_url="a.css")
    passages = html_passages(html)
    assert passages[0] == "Заполните форму."
    assert not [
        passage for passage in passages if "Чукотский автономный округ" in passage or "Соорганизатор" in passage
    ]


def test_the_live_previews_index_is_the_latest_edits_and_an_outdated_one_is_stopped(tmp_path: Path) -> None:
    from build_tools.search.site_index import IndexedCard, SiteIndex

    cards = load_cards([FIXTURE_CARDS, REPO / "tests" / "fixtures" / "v2_cards"]).cards
    indexed = [IndexedCard(card, f"practices/{card.id}/") for card in cards]
    errors: list[Exception] = []
    index = SiteIndex(tmp_path / "cache" / "search.sqlite", on_error=errors.append)
    site = tmp_path / "site"
    site.mkdir()
    index.start(indexed, [], site)
    index.start(indexed[:2], [], site)  # edited again before the first index was written
    index.wait()
    meta = json.loads((site / "search-index" / "meta.json").read_text(encoding="utf-8"))
    assert len(cards) > 2 and meta["cards"] == 2
    assert errors == []  # the stopped index is not reported as a failure
    assert sorted(path.name for path in site.iterdir()) == ["search-index"]


def test_an_index_process_ends_with_the_build_that_started_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    job = tmp_path / "index.job"
    job.write_bytes(b"")
    child = (
        "import sys, time; from pathlib import Path; from build_tools.background import exit_with_parent; "
        "job = Path(sys.argv[1]); exit_with_parent(int(sys.argv[2]), lambda: job.unlink(missing_ok=True)); "
        "time.sleep(60)"
    )
    # The «build»: starts the index's process and stops at once, as a stopped `make serve` does.
    parent = (
        "import os, subprocess, sys; "
        f"child = subprocess.Popen([sys.executable, '-c', {child!r}, sys.argv[1], str(os.getpid())], "
        "stdout=subprocess.DEVNULL); print(child.pid, flush=True)"
    )
    started = subprocess.run(
        [sys.executable, "-c", parent, str(job)], capture_output=True, text=True, check=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    pid = int(started.stdout)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), "процесс индекса пережил сборку, которая его запустила"
    assert not job.exists()


def test_an_index_shares_the_unchanged_files_of_the_one_it_replaces(tmp_path: Path) -> None:
    cards = load_cards([REPO / "practices"], root=REPO).cards
    documents = [card_document(card, f"practices/{card.id}/") for card in cards]
    old = tmp_path / "old"
    write_index(old, documents[1:], [])
    before = files(old)
    # A newer card comes first (every other document moves one number along) and one is edited.
    edited = dataclasses.replace(documents[5], title=f"{documents[5].title} (исправлено)")
    now = [*documents[:5], edited, *documents[6:]]
    write_index(tmp_path / "new", now, [], previous=old)
    write_index(tmp_path / "fresh", now, [])
    assert files(tmp_path / "new") == files(tmp_path / "fresh")
    assert files(old) == before  # the index being served is not written into

    old_files = {(path.stat().st_dev, path.stat().st_ino) for path in old.rglob("*") if path.is_file()}
    new_docs = [tmp_path / "new" / "docs" / "0" / f"{number}.json" for number in range(len(now))]
    shared = [number for number, path in enumerate(new_docs) if (path.stat().st_dev, path.stat().st_ino) in old_files]
    assert shared == [number for number in range(len(now)) if number not in (0, 5)]
