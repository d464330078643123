"""ОКВЭД 2 (ОК 029-2014): the classifier shipped with the project, and what cards ask of it.

``data/okved2.csv`` is the official classifier (source and checks: ``data/okved2.README.md``).
A card's activity is a code, optionally followed by the classifier's name for it: the code must
exist at its own depth (25.11.1 is looked up as 25.11.1, not as class 25) and a given name must
be the classifier's. Sections (A–U) are the catalogue facet.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CLASSIFIER_PATH = Path(__file__).parent / "data" / "okved2.csv"

# NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN; ASCII digits only (Python's \d takes any script's digits).
CODE = re.compile(r"[0-9]{2}(?:\.[0-9](?:[0-9](?:\.[0-9]{1,2})?)?)?")

# Messages shared with the site's «Предложить практику» form (build_tools/card_form.py).
UNKNOWN_CODE = "кода {code} нет в ОКВЭД 2{nearest}: проверьте код"
NEAREST_GROUP = " (есть группировка {code} «{name}»)"  # {nearest} of UNKNOWN_CODE, when there is one
WRONG_NAME = (
    "код {code} в ОКВЭД 2 называется «{name}»: исправьте наименование или оставьте только код "
    "(наименование возьмётся из классификатора)"
)


@dataclass(frozen=True)
class Section:
    letter: str
    name: str
    first: int  # first two-digit class of the section
    last: int


# The classifier's section names are in capitals; these are the same names as a sentence.
SECTIONS: tuple[Section, ...] = (
    Section("A", "Сельское, лесное хозяйство, охота, рыболовство и рыбоводство", 1, 3),
    Section("B", "Добыча полезных ископаемых", 5, 9),
    Section("C", "Обрабатывающие производства", 10, 33),
    Section("D", "Обеспечение электрической энергией, газом и паром; кондиционирование воздуха", 35, 35),
    Section(
        "E",
        "Водоснабжение; водоотведение, организация сбора и утилизации отходов, деятельность по ликвидации загрязнений",
        36,
        39,
    ),
    Section("F", "Строительство", 41, 43),
    Section("G", "Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов", 45, 47),
    Section("H", "Транспортировка и хранение", 49, 53),
    Section("I", "Деятельность гостиниц и предприятий общественного питания", 55, 56),
    Section("J", "Деятельность в области информации и связи", 58, 63),
    Section("K", "Деятельность финансовая и страховая", 64, 66),
    Section("L", "Деятельность по операциям с недвижимым имуществом", 68, 68),
    Section("M", "Деятельность профессиональная, научная и техническая", 69, 75),
    Section("N", "Деятельность административная и сопутствующие дополнительные услуги", 77, 82),
    Section(
        "O",
        "Государственное управление и обеспечение военной безопасности; социальное обеспечение",
        84,
        84,
    ),
    Section("P", "Образование", 85, 85),
    Section("Q", "Деятельность в области здравоохранения и социальных услуг", 86, 88),
    Section("R", "Деятельность в области культуры, спорта, организации досуга и развлечений", 90, 93),
    Section("S", "Предоставление прочих видов услуг", 94, 96),
    Section(
        "T",
        "Деятельность домашних хозяйств как работодателей; недифференцированная деятельность "
        "частных домашних хозяйств по производству товаров и оказанию услуг для собственного "
        "потребления",
        97,
        98,
    ),
    Section("U", "Деятельность экстерриториальных организаций и органов", 99, 99),
)

SECTION_BY_LETTER = {section.letter: section for section in SECTIONS}


@dataclass(frozen=True)
class Entry:
    """One grouping of the classifier: a class (NN) down to a subgroup (NN.NN.NN)."""

    code: str
    name: str
    section: str  # the section letter

    @property
    def text(self) -> str:
        """``"49.41 Деятельность автомобильного грузового транспорта"``: how a card writes it."""
        return f"{self.code} {self.name}"


@cache
def classifier() -> dict[str, Entry]:
    """Every code of the classifier, in code order."""
    entries: dict[str, Entry] = {}
    with CLASSIFIER_PATH.open(encoding="utf-8", newline="") as file:
        for letter, code, name in csv.reader(file, delimiter=";"):
            if code.strip():  # section headings carry a blank code
                entries[code] = Entry(code, name, letter)
    # The source lists 14.11.2 before 14.11.1: sorted codes give the classifier's own order.
    return {code: entries[code] for code in sorted(entries)}


def lookup(code: str) -> Entry | None:
    return classifier().get(code)


def split_activity(activity: str) -> tuple[str, str]:
    """``"49.41 Деятельность …"`` → ``("49.41", "Деятельность …")``; a bare code → ``(code, "")``."""
    code, _, name = activity.strip().partition(" ")
    return code, " ".join(name.split())


def section_of(code: str) -> Section | None:
    """The section of an ОКВЭД 2 code, or None when its class belongs to no section."""
    entry = lookup(code[:2])
    return SECTION_BY_LETTER.get(entry.section) if entry else None


def activity_name(activity: str) -> str | None:
    """The classifier's name for a card's activity (given with its name or as a bare code)."""
    entry = lookup(split_activity(activity)[0])
    return entry.name if entry else None


def activity_problem(activity: str) -> str | None:
    """What the classifier says against a card's activity value, or None.

    A value whose code is not of the form NN… is left to the schema's pattern message.
    """
    code, name = split_activity(activity)
    if not CODE.fullmatch(code):
        return None
    entry = lookup(code)
    if entry is None:
        parent = _nearest_group(code)
        nearest = NEAREST_GROUP.format(code=parent.code, name=parent.name) if parent else ""
        return UNKNOWN_CODE.format(code=code, nearest=nearest)
    if name and _comparable(name) != _comparable(entry.name):
        return WRONG_NAME.format(code=code, name=entry.name)
    return None


def _nearest_group(code: str) -> Entry | None:
    # 25.11.9 → 25.11.9 is missing; 25.11 exists: the contributor probably meant a code below it.
    while len(code) > 2:
        code = code[:-1].rstrip(".")
        if code in classifier():
            return classifier()[code]
    return None


# Latin letters that look like Cyrillic ones: a name typed with a Latin «Р» (the classifier's own
# «IР-телефония» mixes them) is the same name to a reader.
LOOKALIKE_LATIN = "aceopxykmtbhACEOPXYKMTBH"
LOOKALIKE_CYRILLIC = "асеорхукмтвнАСЕОРХУКМТВН"
_LOOKALIKES = str.maketrans(LOOKALIKE_LATIN, LOOKALIKE_CYRILLIC)


def _comparable(name: str) -> str:
    """Case, spacing, «ё»/«е» and Latin look-alike letters ignored."""
    text = " ".join(name.split()).casefold().replace("ё", "е")
    return text.translate(_LOOKALIKES).rstrip(".")


SEARCH_LIMIT = 20


def search(query: str, limit: int = SEARCH_LIMIT) -> list[Entry]:
    """Groupings matching ``query``: a code prefix («52.1») or words of the name («складир хран»).

    Words match the start of a word of the name, case- and «ё»-insensitively; broader groupings
    (shorter codes) come first, then the classifier's order.
    """
    text = query.strip()
    if not text:
        return []
    if re.fullmatch(r"[0-9][0-9.]*", text):
        found = [entry for code, entry in classifier().items() if code.startswith(text)]
    else:
        words = [word for word in re.split(r"[^\w]+", _comparable(text)) if word]
        found = []
        for entry in classifier().values():
            name_words = re.split(r"[^\w]+", _comparable(entry.name))
            if all(any(word.startswith(term) for word in name_words) for term in words):
                found.append(entry)
        found.sort(key=lambda entry: len(entry.code))
    return found[:limit]
