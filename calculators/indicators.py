"""The indicators a practice card may report (``metrics[].indicator``).

Keyed by the output ids of the ``coefficients`` calculator, which takes its labels and units from
here. Importing this module must stay cheap: the card validator imports it for every build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Better = Literal["lower", "higher"]


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str
    better: Better
    decimals: int = 2


def _indicators(*items: Indicator) -> dict[str, Indicator]:
    return {item.id: item for item in items}


INDICATORS: dict[str, Indicator] = _indicators(
    Indicator(
        "frequency",
        "Коэффициент частоты травматизма Кч",
        "на 1000 работников",
        "lower",
    ),
    Indicator(
        "fatal_frequency",
        "Коэффициент частоты травматизма со смертельным исходом Кчсм",
        "на 1000 работников",
        "lower",
        decimals=3,
    ),
    Indicator(
        "severity",
        "Коэффициент тяжести травматизма Кт",
        "дней нетрудоспособности на 1 пострадавшего",
        "lower",
    ),
    Indicator(
        "loss",
        "Коэффициент потерь Кп",
        "дней нетрудоспособности на 1000 работников",
        "lower",
    ),
    Indicator(
        "occupational_disease",
        "Профессиональная заболеваемость",
        "случаев на 10 000 работников",
        "lower",
    ),
    Indicator(
        "harmful_share",
        "Удельный вес работников, занятых на работах с вредными и (или) опасными условиями труда",
        "% от среднесписочной численности работников",
        "lower",
    ),
    Indicator(
        "ilo_frequency",
        "Показатель частоты несчастных случаев (МОТ)",
        "на 1 000 000 отработанных человеко-часов",
        "lower",
    ),
    Indicator(
        "ilo_incidence",
        "Показатель травматизма на 1000 работников (МОТ)",
        "на 1000 работников",
        "lower",
    ),
    Indicator(
        "ltifr",
        "Частота травм с потерей рабочего времени LTIFR",
        "на 1 000 000 отработанных человеко-часов",
        "lower",
    ),
    Indicator(
        "trir",
        "Общий показатель регистрируемых случаев TRIR (OSHA)",
        "на 200 000 отработанных человеко-часов",
        "lower",
    ),
    Indicator(
        "dart",
        "Показатель случаев с освобождением от работы, ограничением или переводом DART (OSHA)",
        "на 200 000 отработанных человеко-часов",
        "lower",
    ),
)
