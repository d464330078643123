"""The constituent entities of the Russian Federation (Constitution, article 65).

Region is a catalogue facet, so a card must name its region exactly one way:
"Краснодарский край", never "Краснодарский Край" or "Кубань".
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_REPUBLICS = (
    "Республика Адыгея",
    "Республика Алтай",
    "Республика Башкортостан",
    "Республика Бурятия",
    "Республика Дагестан",
    "Донецкая Народная Республика",
    "Республика Ингушетия",
    "Кабардино-Балкарская Республика",
    "Республика Калмыкия",
    "Карачаево-Черкесская Республика",
    "Республика Карелия",
    "Республика Коми",
    "Республика Крым",
    "Луганская Народная Республика",
    "Республика Марий Эл",
    "Республика Мордовия",
    "Республика Саха (Якутия)",
    "Республика Северная Осетия — Алания",
    "Республика Татарстан",
    "Республика Тыва",
    "Удмуртская Республика",
    "Республика Хакасия",
    "Чеченская Республика",
    "Чувашская Республика",
)
_KRAIS = tuple(
    f"{name} край"
    for name in (
        "Алтайский",
        "Забайкальский",
        "Камчатский",
        "Краснодарский",
        "Красноярский",
        "Пермский",
        "Приморский",
        "Ставропольский",
        "Хабаровский",
    )
)
_OBLASTS = tuple(
    name if " — " in name else f"{name} область"
    for name in (
        "Амурская",
        "Архангельская",
        "Астраханская",
        "Белгородская",
        "Брянская",
        "Владимирская",
        "Волгоградская",
        "Вологодская",
        "Воронежская",
        "Запорожская",
        "Ивановская",
        "Иркутская",
        "Калининградская",
        "Калужская",
        "Кемеровская область — Кузбасс",
        "Кировская",
        "Костромская",
        "Курганская",
        "Курская",
        "Ленинградская",
        "Липецкая",
        "Магаданская",
        "Московская",
        "Мурманская",
        "Нижегородская",
        "Новгородская",
        "Новосибирская",
        "Омская",
        "Оренбургская",
        "Орловская",
        "Пензенская",
        "Псковская",
        "Ростовская",
        "Рязанская",
        "Самарская",
        "Саратовская",
        "Сахалинская",
        "Свердловская",
        "Смоленская",
        "Тамбовская",
        "Тверская",
        "Томская",
        "Тульская",
        "Тюменская",
        "Ульяновская",
        "Херсонская",
        "Челябинская",
        "Ярославская",
    )
)
_OTHERS = (
    "город Москва",
    "город Санкт-Петербург",
    "город Севастополь",
    "Еврейская автономная область",
    "Ненецкий автономный округ",
    "Ханты-Мансийский автономный округ — Югра",
    "Чукотский автономный округ",
    "Ямало-Ненецкий автономный округ",
)

REGIONS: tuple[str, ...] = _REPUBLICS + _KRAIS + _OBLASTS + _OTHERS

# Official long forms and everyday short forms that mean the same entity.
_ALIASES = {
    "Республика Адыгея (Адыгея)": "Республика Адыгея",
    "Республика Татарстан (Татарстан)": "Республика Татарстан",
    "Чувашская Республика — Чувашия": "Чувашская Республика",
    "Москва": "город Москва",
    "Санкт-Петербург": "город Санкт-Петербург",
    "Севастополь": "город Севастополь",
    "Кемеровская область": "Кемеровская область — Кузбасс",
    "Ханты-Мансийский автономный округ": "Ханты-Мансийский автономный округ — Югра",
    "Республика Якутия": "Республика Саха (Якутия)",
}


# A dash between words, however spaced, is one spaced em dash (shared with the site's form).
DASH = r"\s*[-–—]\s+|\s+[-–—]\s*"


def _normalise(name: str) -> str:
    name = re.sub(DASH, " — ", name.strip())
    return re.sub(r"\s+", " ", name).casefold()


_CANONICAL = {_normalise(name): name for name in REGIONS}
_CANONICAL.update({_normalise(alias): name for alias, name in _ALIASES.items()})


def normalised_names() -> dict[str, str]:
    """Every accepted spelling, normalised (see ``_normalise``) → the list's spelling."""
    return dict(_CANONICAL)


# Every card's region is looked up on every list, facet and export (about 30 times a card a build).
@lru_cache(maxsize=1024)
def canonical_region(name: str) -> str | None:
    """The list's spelling of a region, or None if it is not a subject of the Federation."""
    return _CANONICAL.get(_normalise(name))


def suggest_region(name: str) -> str | None:
    matches = difflib.get_close_matches(_normalise(name), list(_CANONICAL), n=1, cutoff=0.6)
    return _CANONICAL[matches[0]] if matches else None


# The spellings of the country that make a practice Russian (the card schema's `if` names the same
# two); any other `country` is foreign practice.
RUSSIA = ("Россия", "Российская Федерация")
DEFAULT_COUNTRY = RUSSIA[0]


def is_russia(country: str | None) -> bool:
    """True when a card's ``country`` (absent = Россия) is Russia, spelt as the schema expects."""
    return country is None or country in RUSSIA


# Russia in another spelling («россия», «РФ»), normalised: an error, not a foreign country.
RUSSIA_LOOKALIKES = frozenset(_normalise(name) for name in (*RUSSIA, "РФ", "Russia", "Russian Federation"))


def looks_like_russia(country: str) -> bool:
    """Russia in another spelling («россия», «РФ»): an error, not a foreign country."""
    return _normalise(country) in RUSSIA_LOOKALIKES
