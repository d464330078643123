"""Statistics: counts by region, direction, year and golden rule; SVG charts made at build time."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.site.statistics import NOT_GIVEN, Breakdown, Count, bar_chart_svg, breakdowns, statistics_markdown
from tests.sites import FIXTURE_CARDS, REPO

EXPORT_CARDS = REPO / "tests" / "fixtures" / "export_cards"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    result = load_cards([FIXTURE_CARDS, EXPORT_CARDS], root=REPO, today=dt.date(2026, 11, 23))
    assert not result.errors, result.errors
    return result.cards


def counts(cards: list[Card], facet: str) -> list[tuple[str, int]]:
    breakdown = next(b for b in breakdowns(cards) if b.facet == facet)
    return [(item.label, item.count) for item in breakdown.counts]


def test_counts_by_region_direction_year_and_rule(cards: list[Card]) -> None:
    # Most practices first; equal counts by name.
    assert counts(cards, "region") == [("Краснодарский край", 2), ("Приморский край", 1), ("город Москва", 1)]
    assert [count for _, count in counts(cards, "category")] == [1, 1, 2, 2]  # the schema's order of directions
    assert counts(cards, "year") == [("2025", 1), ("2026", 3)]
    rules = counts(cards, "rule")
    assert [label.split(".")[0] for label, _ in rules[:-1]] == ["1", "2", "5", "6", "7"]
    assert rules[-1] == (NOT_GIVEN, 1)  # the Moscow card names no rule


def test_chart_is_well_formed_svg_without_script(cards: list[Card]) -> None:
    for breakdown in breakdowns(cards):
        svg = bar_chart_svg(breakdown)
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img" and root.get("fill") == "currentColor"
        bars = root.findall(f"{SVG}rect")
        assert len(bars) == len(breakdown.counts)
        assert "<script" not in svg and "onload" not in svg
        widths = [float(bar.get("width")) for bar in bars]
        top = max(item.count for item in breakdown.counts)
        for width, item in zip(widths, breakdown.counts, strict=True):
            assert (width == max(widths)) == (item.count == top)


def test_chart_labels_are_escaped() -> None:
    hostile = Breakdown(
        "region", "Заголовок <b>", "Субъект", (Count("x", '<script>alert("x")</script> & «Ко»', 3), Count("y", "Б", 1))
    )
    svg = bar_chart_svg(hostile)
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # still well-formed
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert '<script>alert("x")</script> & «Ко»' in texts


def test_long_labels_wrap_above_their_bars() -> None:
    long = "Обеспечивать безопасность и гигиену на рабочих местах, при работе со станками и оборудованием, всегда"
    svg = bar_chart_svg(Breakdown("rule", "Правила", "Правило", (Count("5", long, 2),)))
    lines = [element.text for element in ET.fromstring(svg).iter(f"{SVG}text")][:-1]
    assert len(lines) == 2 and " ".join(lines) == long


def test_statistics_page_has_russian_sections_charts_and_filter_links(cards: list[Card]) -> None:
    markdown = statistics_markdown(cards, catalogue_link="catalogue.md")
    for heading in (
        "## По субъектам Российской Федерации",
        "## По направлениям передового опыта",
        "## По годам представления информации",
        "## По «золотым правилам» Vision Zero",
        "## Реальные практики и примеры",
        "## Полнота сведений",
    ):
        assert heading in markdown
    # No foreign practice among these cards: no chart of countries.
    assert "## Зарубежный опыт" not in markdown
    assert markdown.count('<div class="stats-chart"><svg') == 5
    assert "Всего практик в каталоге: **4**" in markdown
    assert "| 1 | [Краснодарский край](catalogue.md?region=%D0%9A" in markdown
    # Equal counts share a place.
    assert "| 2 | [Приморский край]" in markdown and "| 2 | [город Москва]" in markdown
    assert "[2025](catalogue.md?year=2025) | 1 | 25 % |" in markdown


def test_statistics_of_an_empty_catalogue() -> None:
    assert statistics_markdown([]) == "В каталоге пока нет практик.\n"


def test_statistics_page_is_built(fixture_site: Path) -> None:
    page = (fixture_site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert page.count('<svg class="stats-chart__svg"') == 5
    assert "<!-- practices:" not in page
    assert 'href="../catalogue/?region=' in page
