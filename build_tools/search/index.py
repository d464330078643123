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
  ``CHUNK_BYTES`` (``meta.json`` has each chunk's first and last term); a query word loads the
  one or two chunks where its stem, and the terms that share its root, are. Each term: varint
  byte length, the term in UTF-8, varint document count, then its postings (``_postings``);
- ``facets.bin`` — a record of a few bits per card (three bytes for the five filters): per filter
  the value's number + 1 (0: none) or, for filters where a card has several values, a bit mask;
  the counts beside each filter value come from it;
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
from collections.abc import Callable, Sequence
from pathlib import Path

from build_tools.output_file import SharingWriter
from build_tools.search import documents as docs
from build_tools.search import matching
from build_tools.search.documents import SearchDocument
from build_tools.search.words import MIN_WORD_LENGTH, STOP_WORDS, stem, words
from build_tools.site.catalogue import Facet, ordered_facet_values

FOLDER = "search-index"
FORMAT_VERSION = 1
CHUNK_BYTES = 16 * 1024
SPARSE, DENSE = 0, 1  # the two forms of a term's postings (_postings)
DOCS_PER_FOLDER = 1000
# Words shorter than this get no typo suggestions (too many words are one letter away).
VOCABULARY_MIN_LENGTH = 4

# Term weight in a document: BM25's term-frequency part over the weighted parts of the document,
# plus a bonus when the term is in the title; stored in one byte as a share of WEIGHT_SCALE.
BM25_K1 = 1.2
BM25_B = 0.5
TITLE_BONUS = 1.5
WEIGHT_SCALE = BM25_K1 + 1 + TITLE_BONUS


def replace_index(site_dir: Path, write: Callable[[Path], None]) -> None:
    """Write a new ``search-index/`` with ``write(folder)`` beside the live one, then swap: the
    live preview may be serving the old index, so it is never written into."""
    fresh, live, old = site_dir / f".{FOLDER}.new", site_dir / FOLDER, site_dir / f".{FOLDER}.old"
    shutil.rmtree(fresh, ignore_errors=True)
    write(fresh)
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)


def document_length(document: SearchDocument) -> int:
    """Characters of text: BM25's length normalisation, in effect the same as by words and known
    before the text is split."""
    return sum(len(text) for text in docs.all_text(document))


class IndexWriter:
    """Writes an index into an empty ``folder`` from documents added one at a time, the cards
    first, then the site's pages.

    BM25 needs the average length of a document of each kind before the first weight: the caller
    knows it (``document_length``). Postings are kept compact as they are added (a gap and a byte
    per document and term), each document's own data goes to disk at once, and its filter values
    are kept as small numbers: memory grows with the vocabulary and the postings, not with the text.
    """

    def __init__(
        self, folder: Path, *, cards: int, card_length: float, page_length: float, previous: Path | None = None
    ) -> None:
        """``previous``: the index this one replaces; its files whose bytes are unchanged are
        linked, not written again (``SharingWriter``)."""
        self.folder = folder
        self._files = SharingWriter(folder, previous)
        self.cards = cards
        self.average = (max(card_length, 1.0), max(page_length, 1.0))
        self.count = 0
        self.postings: dict[str, bytearray] = {}
        self.last_doc: dict[str, int] = {}
        self.df: Counter[str] = Counter()
        self.vocabulary: Counter[str] = Counter()
        self.facets = [_FacetColumn(facet) for facet in docs.SEARCH_FACETS]
        (folder / "terms").mkdir(parents=True)
        (folder / "words").mkdir()

    def add(self, document: SearchDocument) -> None:
        number = self.count
        self.count += 1
        is_card = number < self.cards
        if is_card != document.is_card:
            raise ValueError("поисковый индекс: карточки должны идти перед страницами сайта")
        title = {stem(word) for word in words(document.title)}
        frequencies: dict[str, float] = {}
        surface: set[str] = set(words(document.title))
        for part in document.parts:
            found = words(part.text)
            surface.update(found)
            for word in found:
                term = stem(word)
                frequencies[term] = frequencies.get(term, 0.0) + part.weight
        average = self.average[0 if is_card else 1]
        norm = BM25_K1 * (1 - BM25_B + BM25_B * document_length(document) / average)
        for term in frequencies.keys() | title:
            tf = frequencies.get(term, 0.0)
            weight = tf * (BM25_K1 + 1) / (tf + norm) + (TITLE_BONUS if term in title else 0.0)
            self._post(term, number, max(1, min(255, round(weight / WEIGHT_SCALE * 255))))
        self.vocabulary.update(w for w in surface if len(w) >= VOCABULARY_MIN_LENGTH and not w.isdigit())
        if is_card:
            for column in self.facets:
                column.add(document.facets.get(column.facet.id, ()))
        self._write_document(number, document)

    def finish(self) -> None:
        chunks = self._write_terms()
        filters = self._write_facets()
        letters = self._write_vocabulary()
        meta = {
            "version": FORMAT_VERSION,
            "cards": self.cards,
            "docs": self.count,
            "docsPerFolder": DOCS_PER_FOLDER,
            "weightScale": WEIGHT_SCALE,
            "minWordLength": MIN_WORD_LENGTH,
            "stopWords": sorted(STOP_WORDS),
            "vocabularyMinLength": VOCABULARY_MIN_LENGTH,
            "matching": matching.rules(),
            "chunks": chunks,
            "facetRecordBytes": filters["recordBytes"],
            "facets": filters["facets"],
            "vocabulary": letters,
        }
        # Fetched with a version mark, so a browser never mixes the files of two builds.
        text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        meta["build"] = hashlib.sha256(text.encode()).hexdigest()[:12]
        self._files.write("meta.json", _json(meta))

    def _post(self, term: str, number: int, weight: int) -> None:
        out = self.postings.get(term)
        if out is None:
            out = self.postings[term] = bytearray()
        _varint(number - self.last_doc.get(term, 0), out)
        out.append(weight)
        self.last_doc[term] = number
        self.df[term] += 1

    def _write_document(self, number: int, document: SearchDocument) -> None:
        folder = f"docs/{number // DOCS_PER_FOLDER}"
        if number % DOCS_PER_FOLDER == 0:
            (self.folder / folder).mkdir(parents=True, exist_ok=True)
        data = {"t": document.title, "u": document.url, "p": list(docs.passages(document))}
        self._files.write(f"{folder}/{number}.json", _json(data))

    def _write_terms(self) -> list[tuple[str, str]]:
        """Terms in code-point order (the browser compares strings the same way for these
        letters), cut into chunks; returns each chunk's first and last term."""
        ranges: list[tuple[str, str]] = []
        chunk = bytearray()
        first = last = ""
        for term in sorted(self.postings):
            entry = bytearray()
            encoded = term.encode()
            _varint(len(encoded), entry)
            entry += encoded
            _varint(self.df[term], entry)
            entry += _postings(self.postings.pop(term), self.df[term], self.count)  # the memory goes with it
            if chunk and len(chunk) + len(entry) > CHUNK_BYTES:
                self._files.write(f"terms/{len(ranges)}.bin", bytes(chunk))
                ranges.append((first, last))
                chunk = bytearray()
            if not chunk:
                first = term
            last = term
            chunk += entry
        if chunk:
            self._files.write(f"terms/{len(ranges)}.bin", bytes(chunk))
            ranges.append((first, last))
        return ranges

    def _write_facets(self) -> dict:
        """Every card's filter values packed in a record of a few bits per filter: the value's
        number + 1 (0: none), or for filters where a card may have several values a bit mask
        (``facets.bin``: card after card, each record little-endian)."""
        described, offset = [], 0
        for column in self.facets:
            described.append({**column.describe(), "bit": offset})
            offset += column.bits
        size = -(-offset // 8)
        data = bytearray()
        for card in range(self.cards):
            record = 0
            for column, description in zip(self.facets, described, strict=True):
                record |= column.code(card) << description["bit"]
            data += record.to_bytes(size, "little")
        self._files.write("facets.bin", bytes(data))
        return {"recordBytes": size, "facets": described}

    def _write_vocabulary(self) -> list[str]:
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for word, count in self.vocabulary.items():
            by_letter.setdefault(word[0], []).append((word, count))
        for letter, entries in by_letter.items():
            entries.sort(key=lambda entry: (-entry[1], entry[0]))
            self._files.write(f"words/{ord(letter)}.json", _json(entries))
        return sorted(by_letter)


class _FacetColumn:
    """One filter's values over the cards, as numbers in the order first seen; ordered as in the
    catalogue's panel once every card is in."""

    def __init__(self, facet: Facet) -> None:
        self.facet = facet
        self.numbers: dict[str, int] = {}
        self.counts: Counter[str] = Counter()
        self.cards: list[tuple[int, ...]] = []
        self.multiple = False
        self.values: list[str] = []
        self.final: dict[int, int] = {}
        self.bits = 0

    def add(self, values: Sequence[str]) -> None:
        self.multiple |= len(values) > 1
        self.counts.update(values)
        self.cards.append(tuple(self.numbers.setdefault(value, len(self.numbers)) for value in values))

    def describe(self) -> dict:
        self.values = _ordered_values(self.facet, self.counts)
        self.final = {self.numbers[value]: i for i, value in enumerate(self.values)}
        self.bits = len(self.values) if self.multiple else len(self.values).bit_length()
        if self.bits > 30:  # the browser reads a filter's bits into a 32-bit integer
            raise ValueError(f"Слишком много значений фильтра «{self.facet.label}» для поискового индекса")
        return {
            "id": self.facet.id,
            "label": self.facet.label,
            "values": self.values,
            "labels": [self.facet.label_of(value) for value in self.values],
            "mask": self.multiple,
            "bits": self.bits,
        }

    def code(self, card: int) -> int:
        codes = [self.final[n] for n in self.cards[card]]
        if self.multiple:
            return sum(1 << c for c in codes)
        return codes[0] + 1 if codes else 0


def _ordered_values(facet: Facet, counts: Counter[str]) -> list[str]:
    """The facet's values in the order of the catalogue's filter panel."""
    return [item.value for item in ordered_facet_values(facet, counts)]


def _postings(gaps: bytearray, count: int, documents: int) -> bytes:
    """A term's documents, in the smaller of two forms after a kind byte: ``SPARSE`` — per
    document the varint gap from the previous one and its weight byte; ``DENSE`` — a bit per
    document of the index (``ceil(documents / 8)`` bytes), then the weights in document order.
    A term in most cards («охрана», «работа») takes a little over a byte a card instead of two."""
    dense_size = -(-documents // 8) + count
    if dense_size >= len(gaps):
        return bytes([SPARSE]) + gaps
    bitmap = bytearray(-(-documents // 8))
    weights = bytearray()
    at = number = 0
    while at < len(gaps):
        gap, at = read_varint(gaps, at)
        number += gap
        bitmap[number >> 3] |= 1 << (number & 7)
        weights.append(gaps[at])
        at += 1
    return bytes([DENSE]) + bitmap + weights


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def read_varint(data: bytes | bytearray, at: int) -> tuple[int, int]:
    """The unsigned varint at ``at`` and the position after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def _varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
