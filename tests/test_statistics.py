"""Statistics: counts by region, direction, year and golden rule; SVG charts made at build time."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.site.statistics import (
    FOREIGN_ROW,
    NOT_GIVEN,
    Breakdown,
    Count,
    bar_chart_svg,
    breakdowns,
    completeness_by_region,
    completeness_distribution,
    no_information_by_question,
    statistics_markdown,
)
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
    assert "[2025](catalogue.md?year=2025) | 1 | 25,0\u00a0% |" in markdown


def test_statistics_of_an_empty_catalogue() -> None:
    assert statistics_markdown([]) == "В каталоге пока нет практик.\n"


def test_statistics_page_is_built(fixture_site: Path) -> None:
    page = (fixture_site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert page.count('<svg class="stats-chart__svg"') == 5
    assert "<!-- practices:" not in page
    assert 'href="../catalogue/?region=' in page


# -- real and example, foreign, completeness (card model v2) ------------------------------------

V2_CARDS = REPO / "tests" / "fixtures" / "v2_cards"


@pytest.fixture(scope="module")
def v2_cards() -> list[Card]:
    result = load_cards([V2_CARDS], root=REPO, today=dt.date(2026, 11, 23))
    assert not result.errors, result.errors
    return result.cards


def test_completeness_hand_counted(v2_cards: list[Card]) -> None:
    # «нет сведений» in the files: the Krasnodar example — adoptions, challenges («Нет сведений.»);
    # the Krasnodar trade-union card — adoptions, challenges; the German card — result, demand,
    # adoptions, dissemination, challenges, incentives. 13 questions each.
    assert {card.id: card.completeness for card in v2_cards} == {
        "snizhenie-poter-ot-travmatizma-v-tsekhe": (11, 13),
        "konkurs-upolnomochennykh-profsoyuza": (11, 13),
        "zarubezhnyy-opyt-nablyudeniy": (7, 13),
    }
    assert [(c.label, c.practices, c.no_information) for c in completeness_distribution(v2_cards)] == [
        ("11", 2, 4),
        ("7", 1, 6),
    ]
    by_region = completeness_by_region(v2_cards)
    assert [(c.label, c.practices, c.no_information) for c in by_region] == [
        ("Краснодарский край", 2, 4),
        (FOREIGN_ROW, 1, 6),
    ]
    # 22 of 26 answers, 7 of 13.
    assert [round(c.answered_share, 2) for c in by_region] == [84.62, 53.85]
    missing = {number: count for number, _, count in no_information_by_question(v2_cards)}
    assert missing == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 0, 8: 3, 9: 0, 10: 0, 11: 1, 12: 3, 13: 1}


def test_statistics_page_counts_real_examples_foreign_and_completeness(v2_cards: list[Card]) -> None:
    markdown = statistics_markdown(v2_cards, card_link=lambda card: f"p/{card.id}/")
    assert "Реальных практик — **2**, примеров с вымышленными организациями — **1**" in markdown
    assert "зарубежных практик — **1**" in markdown
    assert "| [Реальные практики](catalogue.md?kind=real) | 2 | 66,7\u00a0% |" in markdown
    assert "| [Примеры](catalogue.md?kind=example) | 1 | 33,3\u00a0% |" in markdown
    assert (
        "| [Германия](catalogue.md?country=%D0%93%D0%B5%D1%80%D0%BC%D0%B0%D0%BD%D0%B8%D1%8F) | 1 | 33,3\u00a0% |"
        in markdown
    )
    # Foreign practice is not a subject of the Federation.
    assert "| 1 | [Краснодарский край]" in markdown and "Бавария" not in markdown
    assert "| 11 из 13 | 2 | 66,7\u00a0% |" in markdown and "| 7 из 13 | 1 | 33,3\u00a0% |" in markdown
    assert "| Краснодарский край | 2 | 4 | 84,6\u00a0% |" in markdown
    assert f"| {FOREIGN_ROW} | 1 | 6 | 53,8\u00a0% |" in markdown
    assert "| 8 | Есть ли случаи внедрения данного передового опыта на других предприятиях региона | 3 |" in markdown
    # Per card, the least complete first, each linked to its page.
    rows = [line for line in markdown.splitlines() if line.startswith("    | [")]
    assert rows == [
        "    | [Наблюдения за безопасностью без имён на тестовой фабрике](p/zarubezhnyy-opyt-nablyudeniy/)"
        " | 7 из 13 | 5, 6, 8, 11, 12, 13 |",
        "    | [Конкурс уполномоченных по охране труда тестового профсоюза](p/konkurs-upolnomochennykh-profsoyuza/)"
        " | 11 из 13 | 8, 12 |",
        "    | [Снижение потерь от травматизма в механическом цехе](p/snizhenie-poter-ot-travmatizma-v-tsekhe/)"
        " | 11 из 13 | 8, 12 |",
    ]


def test_a_catalogue_without_gaps_lists_no_cards_by_completeness(cards: list[Card]) -> None:
    markdown = statistics_markdown(cards)
    assert "| 13 из 13 | 4 | 100,0\u00a0% |" in markdown
    assert "По карточкам" not in markdown
