"""Words as the search sees them, on both sides: the index is built from these rules here, and the
reader's browser applies the same ones to a query (docs/assets/javascripts/search-engine.mjs, kept
equal by tests/test_search_words.py in Chromium).

A word is a run of Russian or Latin letters and digits, in lower case, «ё» read as «е»; a hyphen
splits («погрузочно-разгрузочных» is two words). Russian words are reduced to their stem with the
Snowball Russian stemmer (the reference implementation, PyPI ``snowballstemmer``), so «аудитами»,
«аудита» and «аудит» are one term. Service words (prepositions, conjunctions, pronouns) are not
indexed: alone they match every page and say nothing of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Shorter words carry no meaning of their own (a single letter, a stray initial).
MIN_WORD_LENGTH = 2
# Letters and digits only: punctuation, hyphens and spaces separate words.
WORD = re.compile(rf"[0-9a-zа-я]{{{MIN_WORD_LENGTH},}}")
_CYRILLIC_ONLY = re.compile(r"[а-я]+")

# Russian service words: prepositions, conjunctions, particles, pronouns and the forms of «быть».
# Deliberately short: a content word listed here could never be found. «ё» is written as «е».
_STOP_WORDS = """
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до
его ее ей если есть еще же за здесь и из или им их к как какая какие какой когда кто ли либо мы
на над не него нее нет ни них но о об однако он она они оно от по под при про с со так также там
то тоже того той том тот у уже чем что чтобы эта эти это этого этой этом этот эту я
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_stemmer = snowballstemmer.stemmer("russian")


def normalize(text: str) -> str:
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of ``text`` in order, normalized, service words and single letters left out."""
    return [word for word in WORD.findall(normalize(text)) if word not in STOP_WORDS]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The term of a normalized word: its Snowball stem when the word is Russian, else itself."""
    if _CYRILLIC_ONLY.fullmatch(word):
        return _stemmer.stemWord(word)
    return word
