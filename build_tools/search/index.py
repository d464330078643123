"""The site's search index: static files that the reader's browser fetches only as a query needs them.

Chosen over Pagefind by measurement (README «Поиск»; tests/bench): Pagefind substitutes a two-letter
prefix for a Russian word whose stem it does not hold («погрузка» → «по», the practice 41st of 43),
has no derived forms and no typo suggestions, and its index must be split in bundles of a few
hundred pages (it holds a whole index in memory) whose every first search loads each bundle's
entry, metadata and filters (715 KB at 10,000 cards, over 1 MB near 15,000).

Layout, under ``search-index/`` in the site (all names relative to it):

- ``meta.json`` — the entry: counts, the service words, the first term of each term chunk, the
  filters (facets) with their values and labels, the letters that have a vocabulary file;
- ``terms/<n>.bin`` — the sorted terms with their postings, cut into chunks of about
  ``CHUNK_BYTES``; a query word loads the one or two chunks where its stem, and the terms that
  share its root, are. Each term: varint byte length, the term in UTF-8, varint document count,
  then per document the varint gap from the previous document number and one byte of weight;
- ``facets.bin`` — per filter, one or two bytes per card: the value's number + 1 (0: none) or, for
  filters where a card has several values, a bit mask; the counts beside each filter value come
  from it;
- ``docs/<n // 1000>/<n>.json`` — a result's title, address and passages (for its excerpt),
  loaded only for the results shown;
- ``words/<code point>.json`` — the vocabulary by first letter, ``[word, documents]`` most
  frequent first, loaded only when a query word is not in the index (for «Возможно, вы искали …»).

Cards come first (document numbers ``0 … cards - 1``), then the site's pages.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from build_tools.search import documents as docs
from build_tools.search import matching
from build_tools.search.documents import SearchDocument
from build_tools.search.words import MIN_WORD_LENGTH, STOP_WORDS, stem, words
from build_tools.site.catalogue import Facet, ordered_facet_values

FOLDER = "search-index"
FORMAT_VERSION = 1
CHUNK_BYTES = 16 * 1024
DOCS_PER_FOLDER = 1000
# Words shorter than this get no typo suggestions (too many words are one letter away).
VOCABULARY_MIN_LENGTH = 4

# Term weight in a document: BM25's term-frequency part over the weighted parts of the document,
# plus a bonus when the term is in the title; stored in one byte as a share of WEIGHT_SCALE.
BM25_K1 = 1.2
BM25_B = 0.5
TITLE_BONUS = 1.5
WEIGHT_SCALE = BM25_K1 + 1 + TITLE_BONUS


class SearchIndex:
    """Collects documents (cards first, then pages) and writes the index files.

    Postings are kept compact as they are added (a gap and a byte per document and term), and
    the documents' own data goes to disk at once: memory grows with the vocabulary and the
    postings, not with the text.
    """

    def __init__(self, cards: Sequence[SearchDocument], pages: Sequence[SearchDocument]) -> None:
        self._cards = list(cards)
        self._pages = list(pages)

    def write(self, site_dir: Path) -> None:
        """Write ``search-index/`` into ``site_dir``, replacing the previous index at once."""
        fresh, live, old = site_dir / f".{FOLDER}.new", site_dir / FOLDER, site_dir / f".{FOLDER}.old"
        shutil.rmtree(fresh, ignore_errors=True)
        _IndexWriter(fresh).write(self._cards, self._pages)
        # The live preview may be serving the old index: swap, never write into it.
        shutil.rmtree(old, ignore_errors=True)
        if live.exists():
            live.rename(old)
        fresh.rename(live)
        shutil.rmtree(old, ignore_errors=True)


class _IndexWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.postings: dict[str, bytearray] = {}
        self.last_doc: dict[str, int] = {}
        self.df: Counter[str] = Counter()
        self.vocabulary: Counter[str] = Counter()

    def write(self, cards: Sequence[SearchDocument], pages: Sequence[SearchDocument]) -> None:
        (self.folder / "terms").mkdir(parents=True)
        all_docs = [*cards, *pages]
        for kind in (cards, pages):
            average = _average_length(kind)
            first = 0 if kind is cards else len(cards)
            for offset, document in enumerate(kind):
                self._add(first + offset, document, average)
        chunks = self._write_terms()
        facets = self._write_facets(cards)
        letters = self._write_vocabulary()
        meta = {
            "version": FORMAT_VERSION,
            "cards": len(cards),
            "docs": len(all_docs),
            "docsPerFolder": DOCS_PER_FOLDER,
            "weightScale": WEIGHT_SCALE,
            "minWordLength": MIN_WORD_LENGTH,
            "stopWords": sorted(STOP_WORDS),
            "vocabularyMinLength": VOCABULARY_MIN_LENGTH,
            "matching": matching.rules(),
            "chunks": chunks,
            "facets": facets,
            "vocabulary": letters,
        }
        # Fetched with a version mark, so a browser never mixes the files of two builds.
        text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        meta["build"] = hashlib.sha256(text.encode()).hexdigest()[:12]
        (self.folder / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    # -- documents ---------------------------------------------------------------------------

    def _add(self, number: int, document: SearchDocument, average_length: float) -> None:
        title = {stem(word) for word in words(document.title)}
        frequencies: dict[str, float] = {}
        surface: set[str] = set()
        length = len(document.title)
        for part in document.parts:
            found = words(part.text)
            surface.update(found)
            length += len(part.text)
            for word in found:
                term = stem(word)
                frequencies[term] = frequencies.get(term, 0.0) + part.weight
        # BM25's length normalisation, by characters: the same in effect as by words, and known
        # before the text is split (the average is taken over all documents first).
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average_length)
        for term in frequencies.keys() | title:
            tf = frequencies.get(term, 0.0)
            weight = tf * (BM25_K1 + 1) / (tf + norm) + (TITLE_BONUS if term in title else 0.0)
            self._post(term, number, max(1, min(255, round(weight / WEIGHT_SCALE * 255))))
        surface.update(words(document.title))
        self.vocabulary.update(w for w in surface if len(w) >= VOCABULARY_MIN_LENGTH and not w.isdigit())
        self._write_document(number, document)

    def _post(self, term: str, number: int, weight: int) -> None:
        out = self.postings.get(term)
        if out is None:
            out = self.postings[term] = bytearray()
        _varint(number - self.last_doc.get(term, 0), out)
        out.append(weight)
        self.last_doc[term] = number
        self.df[term] += 1

    def _write_document(self, number: int, document: SearchDocument) -> None:
        path = self.folder / "docs" / str(number // DOCS_PER_FOLDER) / f"{number}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"t": document.title, "u": document.url, "p": list(docs.passages(document))}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    # -- files -------------------------------------------------------------------------------

    def _write_terms(self) -> list[str]:
        """Terms in code-point order (the browser compares strings the same way for these
        letters), cut into chunks; returns each chunk's first term."""
        firsts: list[str] = []
        chunk = bytearray()
        for term in sorted(self.postings):
            entry = bytearray()
            encoded = term.encode()
            _varint(len(encoded), entry)
            entry += encoded
            _varint(self.df[term], entry)
            entry += self.postings[term]
            if chunk and len(chunk) + len(entry) > CHUNK_BYTES:
                (self.folder / "terms" / f"{len(firsts) - 1}.bin").write_bytes(chunk)
                chunk = bytearray()
            if not chunk:
                firsts.append(term)
            chunk += entry
        if chunk:
            (self.folder / "terms" / f"{len(firsts) - 1}.bin").write_bytes(chunk)
        return firsts

    def _write_facets(self, cards: Sequence[SearchDocument]) -> list[dict]:
        """One array per filter over the cards, one after another in ``facets.bin``."""
        described = []
        data = bytearray()
        for facet in docs.SEARCH_FACETS:
            values = _ordered_values(facet, cards)
            number = {value: i for i, value in enumerate(values)}
            multiple = any(len(card.facets.get(facet.id, ())) > 1 for card in cards)
            limit = 16 if multiple else 65535
            if len(values) > limit:
                raise ValueError(f"Слишком много значений фильтра «{facet.label}» для поискового индекса")
            width = 1 if len(values) <= (8 if multiple else 255) else 2
            for card in cards:
                codes = [number[value] for value in card.facets.get(facet.id, ())]
                code = sum(1 << c for c in codes) if multiple else (codes[0] + 1 if codes else 0)
                data += code.to_bytes(width, "little")
            described.append(
                {
                    "id": facet.id,
                    "label": facet.label,
                    "values": values,
                    "labels": [facet.label_of(value) for value in values],
                    "mask": multiple,
                    "width": width,
                }
            )
        (self.folder / "facets.bin").write_bytes(data)
        return described

    def _write_vocabulary(self) -> list[str]:
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for word, count in self.vocabulary.items():
            by_letter.setdefault(word[0], []).append((word, count))
        (self.folder / "words").mkdir()
        for letter, entries in by_letter.items():
            entries.sort(key=lambda entry: (-entry[1], entry[0]))
            (self.folder / "words" / f"{ord(letter)}.json").write_text(
                json.dumps(entries, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
        return sorted(by_letter)


def _average_length(documents: Sequence[SearchDocument]) -> float:
    """Characters of text a document, on average."""
    if not documents:
        return 1.0
    total = sum(len(text) for document in documents for text in docs.all_text(document))
    return max(total / len(documents), 1.0)


def _ordered_values(facet: Facet, cards: Iterable[SearchDocument]) -> list[str]:
    """The facet's values in the order of the catalogue's filter panel."""
    counts = Counter(value for card in cards for value in card.facets.get(facet.id, ()))
    return [item.value for item in ordered_facet_values(facet, counts)]


def _varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
