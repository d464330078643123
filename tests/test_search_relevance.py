"""The relevance set: each query's practices among the first three, in Chromium, on the real site."""

from __future__ import annotations

import pytest

from build_tools.cards.loading import load_cards
from tests import search_relevance
from tests.sites import REPO

pytestmark = pytest.mark.browser

QUERIES = search_relevance.load_queries()


def test_the_set_is_large_enough_and_names_existing_practices() -> None:
    # A renamed or removed card must fail here, not silently drop out of the set.
    ids = {card.id for card in load_cards([REPO / "practices"], root=REPO).cards}
    missing = sorted({card for query in QUERIES for card in query.expect} - ids)
    assert not missing, f"в наборе запросов — карточки, которых нет в practices/: {missing}"
    assert len([query for query in QUERIES if not query.suggest]) >= 30
    assert all(query.expect for query in QUERIES)


@pytest.fixture(scope="module")
def outcomes(browser, repo_url: str) -> dict[str, search_relevance.Outcome]:
    context = browser.new_context()
    try:
        page = context.new_page()
        results = search_relevance.run(page, f"{repo_url}search/", QUERIES)
    finally:
        context.close()
    return {outcome.query.text: outcome for outcome in results}


@pytest.mark.parametrize("query", [q for q in QUERIES if not q.suggest], ids=lambda q: q.text)
def test_expected_practices_are_among_the_first_three(outcomes, query: search_relevance.Query) -> None:
    outcome = outcomes[query.text]
    assert outcome.in_top, f"«{query.text}»: ожидались {list(query.expect)}, найдено {outcome.found[:5]}"


@pytest.mark.parametrize("query", [q for q in QUERIES if q.suggest], ids=lambda q: q.text)
def test_a_misspelt_query_gets_the_right_suggestion(outcomes, query: search_relevance.Query) -> None:
    outcome = outcomes[query.text]
    assert outcome.suggestion == query.suggest
    # Following the suggestion finds the practice.
    assert outcome.in_top, f"«{outcome.suggestion}»: найдено {outcome.found_after_suggestion[:5]}"
