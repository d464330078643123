// The site's search engine, in the reader's browser: reads the static index that
// build_tools/search/index.py writes under search-index/ and loads only the files a query needs.
// Loaded by site-search.js with import() on the search page only.
//
// A query word finds a practice when the practice has a word of the same stem (Snowball Russian,
// the same algorithm as the index), a longer word beginning with the query's stem (the reader is
// still typing), or a word sharing most of the stem («погрузка» — «погрузочно-разгрузочных»).
// A shorter common beginning never counts: «погрузка» never finds a page on «по».

// -- Russian Snowball stemmer (snowballstem.org/algorithms/russian), as the index uses it through
// PyPI snowballstemmer; tests/test_search_words.py compares the two on every word of the cards.

const VOWELS = new Set("аеиоуыэюя");
const group = (text) => text.trim().split(/\s+/);
const PERFECTIVE_GERUND_AFTER_A = new Set(group("в вши вшись"));
const PERFECTIVE_GERUND = new Set(group("ив ивши ившись ыв ывши ывшись"));
const REFLEXIVE = new Set(group("ся сь"));
const ADJECTIVE = new Set(group("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею"));
const PARTICIPLE_AFTER_A = new Set(group("ем нн вш ющ щ"));
const PARTICIPLE = new Set(group("ивш ывш ующ"));
const VERB_AFTER_A = new Set(group("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно"));
const VERB = new Set(
  group("ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю"),
);
const NOUN = new Set(
  group("а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я"),
);
const DERIVATIONAL = new Set(group("ост ость"));
const TIDY = new Set(group("ейше ейш н ь"));
const NONE = new Set();

// The longest ending of `word` found in one of the sets, lying wholly at or after `limit`.
function longestEnding(word, limit, ...sets) {
  for (let length = Math.min(6, word.length - limit); length > 0; length--) {
    const ending = word.slice(word.length - length);
    if (sets.some((set) => set.has(ending))) return ending;
  }
  return "";
}

// Removes the longest ending of either group; an ending of `afterA` only after «а» or «я» (which
// stays). Returns the shorter word, or null when there is no ending or its condition fails.
function removeEnding(word, afterA, plain, limit) {
  const ending = longestEnding(word, limit, afterA, plain);
  if (!ending) return null;
  const rest = word.slice(0, word.length - ending.length);
  if (afterA.has(ending) && !plain.has(ending)) {
    const before = rest.length - 1;
    if (before < limit || (rest[before] !== "а" && rest[before] !== "я")) return null;
  }
  return rest;
}

function regions(word) {
  let rv = word.length;
  let r2 = word.length;
  let i = 0;
  const past = (vowel) => {
    while (i < word.length && VOWELS.has(word[i]) !== vowel) i++;
    if (i >= word.length) return false;
    i++;
    return true;
  };
  if (past(true)) {
    rv = i;
    if (past(false) && past(true) && past(false)) r2 = i;
  }
  return [rv, r2];
}

export function stem(input) {
  let word = input.replaceAll("ё", "е");
  if (!/^[а-я]+$/.test(word)) return word;
  const [rv, r2] = regions(word);
  // Step 1.
  const gerund = removeEnding(word, PERFECTIVE_GERUND_AFTER_A, PERFECTIVE_GERUND, rv);
  if (gerund !== null) {
    word = gerund;
  } else {
    word = removeEnding(word, NONE, REFLEXIVE, rv) ?? word;
    const adjective = removeEnding(word, NONE, ADJECTIVE, rv);
    if (adjective !== null) {
      word = removeEnding(adjective, PARTICIPLE_AFTER_A, PARTICIPLE, rv) ?? adjective;
    } else {
      word = removeEnding(word, VERB_AFTER_A, VERB, rv) ?? removeEnding(word, NONE, NOUN, rv) ?? word;
    }
  }
  // Step 2.
  if (word.endsWith("и") && word.length - 1 >= rv) word = word.slice(0, -1);
  // Step 3: a derivational ending in R2.
  const derivational = longestEnding(word, rv, DERIVATIONAL);
  if (derivational && word.length - derivational.length >= r2) word = word.slice(0, -derivational.length);
  // Step 4: a superlative ending, a double «н», a soft sign.
  const tidy = longestEnding(word, rv, TIDY);
  if (tidy === "ейш" || tidy === "ейше") {
    word = word.slice(0, -tidy.length);
    if (word.endsWith("нн") && word.length - 2 >= rv) word = word.slice(0, -1);
  } else if (tidy === "н") {
    if (word.endsWith("нн") && word.length - 2 >= rv) word = word.slice(0, -1);
  } else if (tidy === "ь") {
    word = word.slice(0, -1);
  }
  return word;
}

// -- words ---------------------------------------------------------------------------------

export function normalize(text) {
  return text.toLowerCase().replaceAll("ё", "е");
}

// The words of a text as the index has them (build_tools/search/words.py: words()).
export function words(text, meta) {
  const pattern = new RegExp(`[0-9a-zа-я]{${meta.minWordLength},}`, "g");
  const stop = stopWords(meta);
  return (normalize(text).match(pattern) || []).filter((word) => !stop.has(word));
}

const stopSets = new WeakMap();
function stopWords(meta) {
  if (!stopSets.has(meta)) stopSets.set(meta, new Set(meta.stopWords));
  return stopSets.get(meta);
}

// -- matching rules (build_tools/search/matching.py; the numbers come with the index) ----------

function sharedNeeded(query, rules) {
  return Math.max(rules.minShared, Math.ceil(query.length * rules.sharedPart));
}

// The beginning every term matching `query` has, and whether only `query` itself can match.
export function lookup(query, rules) {
  if (query.length < rules.minCompleted) return [query, true];
  if (query.length <= rules.minShared) return [query, false];
  return [query.slice(0, sharedNeeded(query, rules)), false];
}

// How much a term of the index counts for a query word with stem `query` (0: not at all).
export function matchWeight(query, term, rules) {
  if (term === query) return rules.exact;
  if (query.length >= rules.minCompleted && term.startsWith(query)) return rules.completion;
  if (query.length > rules.minShared) {
    const needed = sharedNeeded(query, rules);
    let shared = 0;
    while (shared < query.length && shared < term.length && query[shared] === term[shared]) shared++;
    if (shared >= needed) return rules.derived;
  }
  return 0;
}

// Damerau–Levenshtein distance (adjacent transpositions count as one), stopping beyond `limit`.
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length];
}

// -- the index -------------------------------------------------------------------------------

export async function openIndex(siteRoot) {
  const root = new URL("search-index/", siteRoot);
  const response = await fetch(new URL("meta.json", root), { cache: "no-cache" });
  if (!response.ok) throw new Error(`search index: ${response.status}`);
  return new SearchIndex(root, await response.json());
}

class SearchIndex {
  constructor(root, meta) {
    this.root = root;
    this.meta = meta;
    this.chunks = new Map(); // chunk number → Promise of its terms
    this.vocabulary = new Map(); // first letter → Promise of [word, documents][]
    this.documents = new Map();
    this.facetData = null;
  }

  file(path) {
    return new URL(`${path}?v=${this.meta.build}`, this.root);
  }

  async fetch(path, kind) {
    const response = await fetch(this.file(path));
    if (!response.ok) throw new Error(`search index: ${path}: ${response.status}`);
    return kind === "json" ? response.json() : response.arrayBuffer();
  }

  // Terms beginning with `prefix` (only `prefix` itself when `exactOnly`), with their postings
  // (decoded on demand).
  async termsWith(prefix, exactOnly) {
    const ranges = this.meta.chunks; // [first term, last term] of each chunk, in order
    let low = 0;
    let high = ranges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranges[middle][1] < prefix) low = middle + 1;
      else high = middle;
    }
    const numbers = [];
    for (let n = low; n < ranges.length; n++) {
      const first = ranges[n][0];
      if (first > prefix && (exactOnly || !first.startsWith(prefix))) break;
      numbers.push(n);
    }
    const chunks = await Promise.all(numbers.map((n) => this.chunk(n)));
    return chunks.flat().filter((entry) => (exactOnly ? entry.term === prefix : entry.term.startsWith(prefix)));
  }

  chunk(number) {
    if (!this.chunks.has(number)) {
      this.chunks.set(
        number,
        this.fetch(`terms/${number}.bin`).then((buffer) => parseChunk(new Uint8Array(buffer), this.meta.docs)),
      );
    }
    return this.chunks.get(number);
  }

  async facets() {
    if (!this.facetData) this.facetData = this.fetch("facets.bin").then((buffer) => new Uint8Array(buffer));
    return this.facetData;
  }

  document(number) {
    if (!this.documents.has(number)) {
      const folder = Math.floor(number / this.meta.docsPerFolder);
      this.documents.set(number, this.fetch(`docs/${folder}/${number}.json`, "json"));
    }
    return this.documents.get(number);
  }

  async words(letter) {
    if (!this.meta.vocabulary.includes(letter)) return [];
    if (!this.vocabulary.has(letter)) {
      this.vocabulary.set(letter, this.fetch(`words/${letter.codePointAt(0)}.json`, "json"));
    }
    return this.vocabulary.get(letter);
  }

  idf(documentCount) {
    const total = this.meta.docs;
    return Math.log(1 + (total - documentCount + 0.5) / (documentCount + 0.5));
  }

  // Runs a query. `selected`: Map of filter id → Set of values. Returns the practices and the
  // site's pages found, best first, the filters' counts and, for a likely typo, a suggestion.
  async search(query, selected = new Map()) {
    const queryWords = [...new Set(words(query, this.meta))];
    const result = {
      words: queryWords,
      practices: [],
      pages: [],
      partial: false,
      terms: new Set(),
      suggestion: null,
      filters: [],
    };
    if (!queryWords.length) {
      result.filters = await this.filterCounts([], selected);
      return result;
    }
    const perWord = await Promise.all(queryWords.map((word) => this.matchWord(word)));
    for (const match of perWord) for (const term of match.terms) result.terms.add(term);
    result.suggestion = await this.suggest(query, perWord);

    // Every word must match; when no document has them all, documents with the most of them.
    const found = new Map(); // document → [words matched, score]
    for (const match of perWord) {
      for (const [doc, score] of match.scores) {
        const entry = found.get(doc);
        if (entry) {
          entry[0] += 1;
          entry[1] += score;
        } else {
          found.set(doc, [1, score]);
        }
      }
    }
    const all = [...found].filter(([, [count]]) => count === queryWords.length);
    let candidates = all;
    if (!all.length && queryWords.length > 1 && found.size) {
      result.partial = true;
      candidates = [...found];
    }
    candidates.sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0]);
    const cards = this.meta.cards;
    const facetData = await this.facets();
    const passes = this.filterTest(facetData, selected);
    const matchedCards = [];
    for (const [doc] of candidates) {
      if (doc < cards) {
        matchedCards.push(doc);
        if (passes(doc)) result.practices.push(doc);
      } else if (!selected.size || [...selected.values()].every((values) => !values.size)) {
        result.pages.push(doc);
      }
    }
    result.filters = await this.filterCounts(matchedCards, selected);
    return result;
  }

  async matchWord(word) {
    const query = stem(word);
    const rules = this.meta.matching;
    const entries = await this.termsWith(...lookup(query, rules));
    const scores = new Map();
    const terms = [];
    let exact = false;
    for (const entry of entries) {
      const weight = matchWeight(query, entry.term, rules);
      if (!weight) continue;
      exact ||= entry.term === query;
      terms.push(entry.term);
      const idf = this.idf(entry.count);
      const scale = this.meta.weightScale / 255;
      for (const [doc, termWeight] of postings(entry)) {
        const score = weight * idf * termWeight * scale;
        if (score > (scores.get(doc) ?? 0)) scores.set(doc, score);
      }
    }
    return { word, stem: query, exact, terms, scores };
  }

  // «Возможно, вы искали …»: each word whose stem the index does not have is replaced by the
  // nearest word of the index's vocabulary (one letter off; two in words of eight letters and more).
  async suggest(query, perWord) {
    let suggestion = normalize(query);
    let changed = false;
    for (const match of perWord) {
      const word = match.word;
      if (match.exact || word.length < this.meta.vocabularyMinLength || /\d/.test(word)) continue;
      const limit = word.length >= 8 ? 2 : 1;
      let best = null;
      let bestDistance = limit + 1;
      for (const [candidate] of await this.words(word[0])) {
        if (candidate === word) continue;
        const d = distance(word, candidate, bestDistance - 1);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          if (d === 1) break; // the list is most frequent first: the first at one letter wins
        }
      }
      if (best) {
        suggestion = suggestion.replace(new RegExp(`(^|[^0-9a-zа-я])${word}(?![0-9a-zа-я])`), `$1${best}`);
        changed = true;
      }
    }
    return changed ? suggestion : null;
  }

  filterTest(facetData, selected) {
    const active = this.meta.facets
      .map((facet, index) => [facet, index, selected.get(facet.id)])
      .filter(([, , values]) => values?.size);
    return (doc, except = -1) =>
      active.every(([facet, index, values]) => {
        if (index === except) return true;
        return facetValues(this.meta, facetData, index, doc).some((value) => values.has(facet.values[value]));
      });
  }

  // Each filter's values with the number of practices found that have it, counted with the
  // other filters applied (as in the catalogue).
  async filterCounts(matchedCards, selected) {
    const facetData = await this.facets();
    const passes = this.filterTest(facetData, selected);
    return this.meta.facets.map((facet, index) => {
      const counts = new Array(facet.values.length).fill(0);
      for (const doc of matchedCards) {
        if (!passes(doc, index)) continue;
        for (const value of facetValues(this.meta, facetData, index, doc)) counts[value]++;
      }
      return {
        id: facet.id,
        label: facet.label,
        values: facet.values.map((value, i) => ({
          value,
          label: facet.labels[i],
          count: counts[i],
          selected: !!selected.get(facet.id)?.has(value),
        })),
      };
    });
  }

  // The passage of a result that shows the most of the query's words, cut around the first one;
  // a list of [text, marked] pieces (inserted as text, never as HTML).
  excerpt(document, terms, size = 240) {
    let best = null;
    for (const passage of document.p) {
      const hits = wordSpans(passage, this.meta).filter((span) => terms.has(span.term));
      const distinct = new Set(hits.map((span) => span.term)).size;
      if (!best || distinct > best.distinct) best = { passage, hits, distinct };
    }
    if (!best) return [];
    const { passage, hits } = best;
    let start = 0;
    let end = passage.length;
    if (passage.length > size) {
      const first = hits.length ? hits[0].start : 0;
      start = Math.max(0, first - Math.floor(size / 4));
      if (start > 0) start = passage.indexOf(" ", start) + 1 || start;
      end = Math.min(passage.length, start + size);
      if (end < passage.length) end = passage.lastIndexOf(" ", end) > start ? passage.lastIndexOf(" ", end) : end;
    }
    return pieces(passage, hits, start, end);
  }

  // A title or other text with the query's words marked.
  highlight(text, terms) {
    const hits = wordSpans(text, this.meta).filter((span) => terms.has(span.term));
    return pieces(text, hits, 0, text.length);
  }
}

// The text from `start` to `end` as [text, marked] pieces, «…» where it is cut.
function pieces(text, hits, start, end) {
  const out = [];
  let at = start;
  if (start > 0) out.push(["… ", false]);
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    if (hit.start > at) out.push([text.slice(at, hit.start), false]);
    out.push([text.slice(hit.start, hit.end), true]);
    at = hit.end;
  }
  if (at < end) out.push([text.slice(at, end), false]);
  if (end < text.length) out.push([" …", false]);
  return out;
}

function wordSpans(text, meta) {
  const spans = [];
  const stop = stopWords(meta);
  for (const found of text.matchAll(/[0-9a-zа-яё]+/gi)) {
    const word = normalize(found[0]);
    if (word.length < meta.minWordLength || stop.has(word)) continue;
    spans.push({ start: found.index, end: found.index + found[0].length, term: stem(word) });
  }
  return spans;
}

// A card's values of one filter (as value numbers), from its record in facets.bin.
function facetValues(meta, data, index, doc) {
  const facet = meta.facets[index];
  const start = doc * meta.facetRecordBytes * 8 + facet.bit;
  let code = 0;
  for (let i = 0; i < facet.bits; i++) {
    const bit = start + i;
    if (data[bit >> 3] & (1 << (bit & 7))) code |= 1 << i;
  }
  if (!facet.mask) return code ? [code - 1] : [];
  const values = [];
  for (let bit = 0; bit < facet.values.length; bit++) if (code & (1 << bit)) values.push(bit);
  return values;
}

// -- the binary chunk format (build_tools/search/index.py) ------------------------------------

function readVarint(bytes, state) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[state.at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
  }
}

const decoder = new TextDecoder();

// A term's postings are sparse (kind 0: per document, a varint gap and a weight byte) or dense:
const DENSE = 1; // a bit per document of the index, then the weights in document order

function parseChunk(bytes, documents) {
  const entries = [];
  const state = { at: 0 };
  while (state.at < bytes.length) {
    const length = readVarint(bytes, state);
    const term = decoder.decode(bytes.subarray(state.at, state.at + length));
    state.at += length;
    const count = readVarint(bytes, state);
    const kind = bytes[state.at++];
    const start = state.at;
    if (kind === DENSE) {
      state.at += Math.ceil(documents / 8) + count;
    } else {
      for (let i = 0; i < count; i++) {
        readVarint(bytes, state);
        state.at++;
      }
    }
    entries.push({ term, count, kind, bytes: bytes.subarray(start, state.at) });
  }
  return entries;
}

function* postings(entry) {
  const bytes = entry.bytes;
  if (entry.kind === DENSE) {
    const bitmap = bytes.length - entry.count;
    let weight = bitmap;
    for (let at = 0; at < bitmap; at++) {
      const byte = bytes[at];
      if (!byte) continue;
      for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) yield [at * 8 + bit, bytes[weight++]];
    }
    return;
  }
  const state = { at: 0 };
  let doc = 0;
  for (let i = 0; i < entry.count; i++) {
    doc += readVarint(bytes, state);
    yield [doc, bytes[state.at++]];
  }
}
