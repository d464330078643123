"""The relevance set (search_relevance.yaml) run through the site's search engine in Chromium.

Shared by the test that fails when a query's practice leaves the first three
(tests/test_search_relevance.py) and by `make bench`, which reports the measures over the set.
The queries run through the engine the search page uses (search-engine.mjs), in the browser,
against the index of a built site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RELEVANCE_SET = Path(__file__).with_name("search_relevance.yaml")
TOP = 3

_RUN = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(`${config.base}/`, location.href);
  const engine = await import(new URL("assets/javascripts/search-engine.mjs", root).href);
  const index = await engine.openIndex(root);
  const out = [];
  for (const query of queries) {
    const found = await index.search(query);
    const urls = await Promise.all(found.practices.map((doc) => index.document(doc).then((d) => d.u)));
    out.push({ urls, pages: found.pages.length, suggestion: found.suggestion });
  }
  return out;
}"""


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]  # card ids that must be among the first TOP practices
    suggest: str | None = None  # for a misspelt query: the word to suggest


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: tuple[str, ...]  # card ids, best first
    suggestion: str | None
    # For a misspelt query, the practices found by the suggested query (the reader's next step).
    found_after_suggestion: tuple[str, ...] = ()

    @property
    def ranked(self) -> tuple[str, ...]:
        return self.found_after_suggestion if self.query.suggest else self.found

    def rank(self, card_id: str) -> int | None:
        return self.ranked.index(card_id) + 1 if card_id in self.ranked else None

    @property
    def in_top(self) -> bool:
        return all((rank := self.rank(card)) is not None and rank <= TOP for card in self.query.expect)

    @property
    def reciprocal_rank(self) -> float:
        ranks = [rank for card in self.query.expect if (rank := self.rank(card)) is not None]
        return 1 / min(ranks) if ranks else 0.0

    @property
    def r_precision(self) -> float:
        """Of the first R practices found (R = the practices expected), the share expected."""
        expected = set(self.query.expect)
        return len(expected & set(self.ranked[: len(expected)])) / len(expected)


def load_queries() -> list[Query]:
    data = yaml.safe_load(RELEVANCE_SET.read_text(encoding="utf-8"))
    queries = [Query(item["query"], tuple(item["expect"])) for item in data["queries"]]
    queries += [Query(item["query"], tuple(item["expect"]), item["suggest"]) for item in data["typos"]]
    return queries


def card_id(url: str) -> str:
    return url.strip("/").split("/")[-1]


def run(page, search_url: str, queries: list[Query]) -> list[Outcome]:
    """Run every query in ``page`` (a Playwright page), opened at the site's search page."""
    page.goto(search_url)
    first = page.evaluate(_RUN, [query.text for query in queries])
    followed = [(i, result["suggestion"]) for i, result in enumerate(first) if queries[i].suggest]
    second = page.evaluate(_RUN, [suggestion or "" for _, suggestion in followed])
    after = {i: result for (i, _), result in zip(followed, second, strict=True)}
    return [
        Outcome(
            query,
            tuple(card_id(url) for url in result["urls"]),
            result["suggestion"],
            tuple(card_id(url) for url in after[i]["urls"]) if i in after else (),
        )
        for i, (query, result) in enumerate(zip(queries, first, strict=True))
    ]


@dataclass(frozen=True)
class Summary:
    queries: int
    in_top: int  # queries whose every expected practice is among the first TOP
    mrr: float
    r_precision: float
    suggestions: int  # misspelt queries given the right suggestion
    typos: int


def summarize(outcomes: list[Outcome]) -> Summary:
    typos = [o for o in outcomes if o.query.suggest]
    return Summary(
        queries=len(outcomes),
        in_top=sum(o.in_top for o in outcomes),
        mrr=sum(o.reciprocal_rank for o in outcomes) / len(outcomes),
        r_precision=sum(o.r_precision for o in outcomes) / len(outcomes),
        suggestions=sum(o.suggestion == o.query.suggest for o in typos),
        typos=len(typos),
    )
