"""The browser's words and stems are the index's: search-engine.mjs against build_tools/search/words.py.

A query word is stemmed in the browser and looked up among the stems the build wrote; a single
ending treated differently would make a word unfindable. Every word of the cards and the site's
pages is compared (Snowball's reference implementation on the Python side).
"""

from __future__ import annotations

import pytest

from build_tools.search import matching
from build_tools.search.words import WORD, normalize, stem, words
from tests.sites import REPO

pytestmark = pytest.mark.browser

SOURCES = [
    *sorted((REPO / "practices").glob("*.md")),
    *sorted((REPO / "docs").rglob("*.md")),
    *sorted((REPO / "tests" / "fixtures" / "cards").glob("*.md")),
]


def texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in SOURCES if path.is_file()]


@pytest.fixture(scope="module")
def engine_page(browser, fixture_url: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{fixture_url}search/")
    page.evaluate(
        """async () => {
          const config = JSON.parse(document.getElementById("__config").textContent);
          const root = new URL(`${config.base}/`, location.href);
          window.engine = await import(new URL("assets/javascripts/search-engine.mjs", root).href);
          window.meta = await (await fetch(new URL("search-index/meta.json", root))).json();
        }"""
    )
    yield page
    context.close()


def test_every_word_has_the_same_stem_in_the_browser(engine_page) -> None:
    vocabulary = sorted({word for text in texts() for word in WORD.findall(normalize(text))})
    assert len(vocabulary) > 3000
    browser_stems = engine_page.evaluate("words => words.map((w) => window.engine.stem(w))", vocabulary)
    different = [(w, stem(w), b) for w, b in zip(vocabulary, browser_stems, strict=True) if stem(w) != b]
    assert not different[:20]


def test_texts_split_into_the_same_words(engine_page) -> None:
    samples = [*texts(), "Погрузочно-разгрузочные работы, QR-коды; ЁЛКА и ёж — «СОУТ» 13,04 % по 2025 г."]
    browser_words = engine_page.evaluate("texts => texts.map((t) => window.engine.words(t, window.meta))", samples)
    assert browser_words == [words(text) for text in samples]


def test_a_query_stem_looks_in_the_same_place_of_the_index(engine_page) -> None:
    stems = sorted({stem(word) for text in texts() for word in words(text)})
    browser = engine_page.evaluate("stems => stems.map((s) => window.engine.lookup(s, window.meta.matching))", stems)
    assert [tuple(found) for found in browser] == [matching.lookup(s) for s in stems]
