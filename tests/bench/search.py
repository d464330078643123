"""Search in `make bench`: what a first search downloads, what indexing costs, and relevance.

Usage:
  python -m tests.bench.search [N …]   the index alone for N synthetic cards (default 5000 10000
                                       100000): CPU, peak memory of the indexing process, first
                                       search; then the relevance set on the repository's cards.
  python -m tests.bench.search index DIR SITE   (internal) index the cards of DIR into SITE.

Targets: a first search ≤ 1 MB at any size (issue 17); relevance reported as MRR and R-precision
over tests/search_relevance.yaml (issue 15).
"""

from __future__ import annotations

import bisect
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools.search import matching
from build_tools.search.index import DENSE, FOLDER, read_varint

RESULTS_SHOWN = 20
ENGINE = "assets/javascripts/search-engine.mjs"


@dataclass(frozen=True)
class FirstSearch:
    """Bytes a first one-word search downloads at most (files as served, uncompressed)."""

    engine: int
    meta: int
    filters: int
    terms: int  # the largest set of term chunks one query word can touch
    results: int  # the RESULTS_SHOWN largest result files
    vocabulary: int  # the largest vocabulary file, loaded only for a word the index does not have

    @property
    def total(self) -> int:
        return self.engine + self.meta + self.filters + self.terms + self.results

    @property
    def with_suggestion(self) -> int:
        return self.total + self.vocabulary


def first_search(index: Path, engine: Path) -> FirstSearch:
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    ranges: list[list[str]] = meta["chunks"]
    lasts = [last for _, last in ranges]
    sizes = [(index / "terms" / f"{n}.bin").stat().st_size for n in range(len(ranges))]
    worst = 0
    for prefix, exact_only in _lookups(index, len(ranges), meta["docs"]):
        # The chunks the browser loads for this lookup (search-engine.mjs: termsWith).
        total = 0
        for n in range(bisect.bisect_left(lasts, prefix), len(ranges)):
            first = ranges[n][0]
            if first > prefix and (exact_only or not first.startswith(prefix)):
                break
            total += sizes[n]
        worst = max(worst, total)
    results = sorted((path.stat().st_size for path in (index / "docs").rglob("*.json")), reverse=True)
    vocabulary = [path.stat().st_size for path in (index / "words").glob("*.json")]
    return FirstSearch(
        engine=engine.stat().st_size,
        meta=(index / "meta.json").stat().st_size,
        filters=(index / "facets.bin").stat().st_size,
        terms=worst,
        results=sum(results[:RESULTS_SHOWN]),
        vocabulary=max(vocabulary, default=0),
    )


def _lookups(index: Path, chunks: int, documents: int) -> Iterator[tuple[str, bool]]:
    """Every lookup a query word can make: each term of the index taken as a query's stem, and
    each beginning of four and five letters (a word being typed)."""
    seen: set[tuple[str, bool]] = set()
    for n in range(chunks):
        for term in _terms((index / "terms" / f"{n}.bin").read_bytes(), documents):
            for lookup in (matching.lookup(term), matching.lookup(term[:4]), matching.lookup(term[:5])):
                if lookup not in seen:
                    seen.add(lookup)
                    yield lookup


def _terms(chunk: bytes, documents: int) -> Iterator[str]:
    """The terms of a chunk (format: build_tools/search/index.py)."""
    at = 0
    while at < len(chunk):
        length, at = read_varint(chunk, at)
        yield chunk[at : at + length].decode()
        count, at = read_varint(chunk, at + length)
        kind = chunk[at]
        at += 1
        if kind == DENSE:
            at += -(-documents // 8) + count
        else:
            for _ in range(count):
                _, at = read_varint(chunk, at)
                at += 1


# -- indexing at scale -----------------------------------------------------------------------


def _synthetic_cards(folder: Path) -> Iterator[object]:
    """Cards of tests/bench/generate.py, read without the validator (they are valid by
    construction; validating 100,000 would measure the validator)."""
    from build_tools.cards.frontmatter import parse
    from build_tools.cards.loading import Card

    for path in sorted(folder.glob("*.md")):
        front = parse(path.read_text(encoding="utf-8"))
        yield Card.of(path.stem, f"practices/{path.name}", front.data, front.body)


def _index_child(cards: Path, site: Path) -> None:
    from build_tools.search.documents import card_document, encode
    from build_tools.search.process import SearchIndexProcess

    started, cpu = time.perf_counter(), time.process_time()
    documents = (encode(card_document(card, f"practices/{card.id}/")) for card in _synthetic_cards(cards))  # type: ignore[arg-type]
    process = SearchIndexProcess(documents, [], site)
    parent_cpu = time.process_time() - cpu
    process.wait()
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "wall_s": time.perf_counter() - started,
                "documents_cpu_s": parent_cpu,
                "index_cpu_s": child.ru_utime + child.ru_stime,
                "index_peak_mb": child.ru_maxrss / 1024,
                "parent_peak_mb": own.ru_maxrss / 1024,
            }
        )
    )


def index_at_scale(count: int, work: Path) -> dict[str, float]:
    from tests.bench.generate import generate

    cards, site = work / f"search-{count}" / "cards", work / f"search-{count}" / "site"
    if len(list(cards.glob("*.md"))) != count:
        shutil.rmtree(cards, ignore_errors=True)
        generate(cards, count)
    shutil.rmtree(site, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", __name__, "index", str(cards), str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"search index at {count} failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    search = first_search(site / FOLDER, _repo() / "docs" / ENGINE)
    return {"cards": count, **figures, "first_search_kb": search.total / 1024, "typo_kb": search.with_suggestion / 1024}


# -- relevance ----------------------------------------------------------------------------------


def relevance(site: Path) -> tuple[object, list[object]]:
    """The relevance set on a built site, in Chromium: (summary, outcomes)."""
    from playwright.sync_api import sync_playwright

    from tests import search_relevance
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.sites import serve

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            outcomes = search_relevance.run(browser.new_page(), f"{url}search/", search_relevance.load_queries())
        finally:
            browser.close()
    return search_relevance.summarize(outcomes), outcomes


def report_relevance(summary) -> None:  # type: ignore[no-untyped-def]
    print("| запросов | все ожидаемые практики в первой тройке | MRR | R-точность | опечаток с верной подсказкой |")
    print("|---|---|---|---|---|")
    print(
        f"| {summary.queries} | {summary.in_top} | {summary.mrr:.3f} | {summary.r_precision:.3f} | "
        f"{summary.suggestions} из {summary.typos} |"
    )


def report_scale(rows: list[dict[str, float]]) -> None:
    print(
        "| карточек | индекс: ЦП, с (документы / запись) | пик памяти процесса индекса, МБ "
        "| первый поиск, КБ | с подсказкой опечатки, КБ |"
    )
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['cards']} | {r['documents_cpu_s']:.1f} / {r['index_cpu_s']:.1f} | {r['index_peak_mb']:.0f} "
            f"| {r['first_search_kb']:.0f} | {r['typo_kb']:.0f} |"
        )


def _repo() -> Path:
    return Path(__file__).resolve().parents[2]


def report(work: Path, counts: list[int]) -> None:
    """The index alone at each size, then the relevance set on the repository's cards."""
    from tests.sites import REPO, make_project, mkdocs_build

    report_scale([index_at_scale(count, work) for count in counts])
    print()
    project = make_project(work / "search-repo", card_dir=REPO / "practices")
    built = mkdocs_build(project)
    if built.returncode != 0:
        raise SystemExit(f"site build failed:\n{built.stderr[-3000:]}")
    summary, _ = relevance(project / "site")
    report_relevance(summary)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["index"]:
        _index_child(Path(arguments[1]), Path(arguments[2]))
        return
    report(_repo() / ".bench", [int(n) for n in arguments] or [5000, 10_000, 100_000])


if __name__ == "__main__":
    main(sys.argv[1:])
