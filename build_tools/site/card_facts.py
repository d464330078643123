"""What a v2 card carries beside the 13 answers, written for readers: sources, co-organisers,
results in numbers, cost, the economic effect and completeness.

The card page, the DOCX report and the data files all take their wording from here, so a source
or an indicator reads the same everywhere. Numbers are written by ``calculators.display`` (the
project's one number style): a value the card gives is shown as given, a computed one rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools import formatting
from build_tools.cards.loading import Card, CoOrganizer, Cost, Metric, Source
from calculators import display
from calculators.economics import CALCULATOR as ECONOMICS
from calculators.economics import RUBLES, PracticeEffect, practice_effects
from calculators.indicators import INDICATORS

FROM_PUBLICATIONS = "Практика описана по публикациям"
CO_ORGANIZERS = "Соорганизаторы"


def from_publications(card: Card) -> bool:
    """A real practice whose information comes from the publications it lists (not a fictional example)."""
    return not card.is_example and bool(card.sources)


# -- sources and co-organisers ------------------------------------------------------------------


def source_name(source: Source) -> str:
    """The publication's title, or «Публикация на сайте <host>» when the card gives only its address."""
    if source.title:
        return source.title
    host = urlsplit(source.url or "").hostname or ""
    return f"Публикация на сайте {host.removeprefix('www.')}" if host else (source.url or "")


def source_details(source: Source) -> str:
    """Publisher and date: «Металлоинвест, 4 декабря 2020 г.»; empty when the card gives neither."""
    parts = [source.publisher or "", formatting.russian_partial_date(source.date) if source.date else ""]
    return ", ".join(part for part in parts if part)


def source_text(source: Source) -> str:
    """One source on one line, for paper and tables: name — publisher, date — address."""
    parts = [source_name(source), source_details(source), source.url or ""]
    return " — ".join(part for part in parts if part)


def co_organizer_text(co_organizer: CoOrganizer) -> str:
    return f"{co_organizer.name} — {co_organizer.role}" if co_organizer.role else co_organizer.name


# -- results in numbers -----------------------------------------------------------------------


@dataclass(frozen=True)
class MetricRow:
    """One row of the before/after table, every number already written for reading."""

    label: str
    unit: str | None
    before: str
    after: str
    period_before: str | None
    period_after: str | None
    change: str  # «−5,88 (−66,7 %)»; «0» when nothing changed


def metric_row(metric: Metric) -> MetricRow:
    before, after = metric.before, metric.after
    indicator = INDICATORS.get(metric.indicator) if metric.indicator else None
    # A calculator indicator's change is rounded like the calculator's figure; a free indicator's
    # to the decimals its own values are given with (11 → 3 is −8, 1200,5 → 400 is −800,5).
    decimals = indicator.decimals if indicator else max(_decimals(before), _decimals(after))
    change = _signed(after - before, decimals)
    if before:
        change += f" ({_signed((after - before) / abs(before) * 100, 1)}{display.NBSP}%)"
    return MetricRow(
        label=metric.label,
        unit=metric.unit,
        before=display.entered(before),
        after=display.entered(after),
        period_before=metric.period_before,
        period_after=metric.period_after,
        change=change,
    )


def metric_text(metric: Metric) -> str:
    """«Доля работников без СИЗ, %: 11 (2023) → 3 (2024), изменение −8 (−72,7 %)»."""
    row = metric_row(metric)
    name = f"{row.label}, {row.unit}" if row.unit else row.label
    before = f"{row.before} ({row.period_before})" if row.period_before else row.before
    after = f"{row.after} ({row.period_after})" if row.period_after else row.after
    return f"{name}: {before} → {after}, изменение {row.change}"


def _decimals(value: float) -> int:
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = repr(float(value))
    return len(text.partition(".")[2]) if "e" not in text else 2


def _signed(value: float, decimals: int) -> str:
    # A change reads with its sign: «+0,5», «−1,2»; no sign when it rounds to zero.
    text = display.number(value, decimals)
    return "+" + text if value > 0 and any(ch not in "0," for ch in text) else text


# -- cost and the economic effect ---------------------------------------------------------------


def rubles(amount: float) -> str:
    """An amount the card gives, as given: «180 000 руб.»."""
    return f"{display.entered(amount)} {RUBLES}"


def cost_text(cost: Cost) -> str:
    """«180 000 руб. (2024 г.): обучение руководителей, стремянки»."""
    text = rubles(cost.amount)
    if cost.year is not None:
        text += f" ({cost.year} г.)"
    return f"{text}: {cost.note}" if cost.note else text


@dataclass(frozen=True)
class EffectView:
    """The economic effect of one money indicator, as the card page shows it."""

    metric: str
    rows: tuple[tuple[str, str], ...]  # (the calculator's label, the value with its unit)
    messages: tuple[str, ...]
    calculator_query: str


def effects(card: Card) -> list[PracticeEffect]:
    """The card's economic effect, computed by the economics calculator (``practice_effects``)."""
    return practice_effects(card.facts.get("cost"), card.facts.get("metrics", []))


def effect_views(card: Card) -> list[EffectView]:
    """Each effect with the economics calculator's own labels, units and rounding."""
    investment, savings = ECONOMICS.input("investment"), ECONOMICS.input("annual_savings")
    payback = ECONOMICS.output("payback_years")
    views = []
    for effect in effects(card):
        # Labels with their units, as the calculator's form has them; the value as it shows it.
        rows = [(f"{investment.label}, {investment.unit}", display.entered(effect.cost))]
        if effect.annual_savings is not None:
            rows.append((f"{savings.label}, {savings.unit}", display.number(effect.annual_savings, 2)))
        if effect.payback_years is not None:
            also = "".join(
                f" ({display.number(effect.payback_years * alt.factor, alt.decimals)} {alt.unit})"
                for alt in payback.alternatives
            )
            rows.append(
                (f"{payback.label}, {payback.unit}", display.number(effect.payback_years, payback.decimals) + also)
            )
        views.append(EffectView(effect.metric, tuple(rows), effect.messages, effect.calculator_query))
    return views


# -- completeness -------------------------------------------------------------------------------


def completeness_text(card: Card) -> str:
    """«8 из 13 вопросов структуры (5 — «нет сведений»)»."""
    answered, total = card.completeness
    text = f"{answered} из {total} вопросов структуры"
    return text + (f" ({total - answered} — «нет сведений»)" if answered < total else "")
