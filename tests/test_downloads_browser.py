"""Downloads in Debian's Chromium: the catalogue's filtered CSV, a card's DOCX, the open-data and statistics pages."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
import pytest

from build_tools.cards.loading import load_cards
from build_tools.cards.schema import official_fields
from build_tools.exports.export_tabular import columns
from build_tools.site.catalogue import FACETS
from tests.sites import REPO

pytestmark = pytest.mark.browser

CARD_ID = "povedencheskie-audity-bezopasnosti"


def visible_ids(page) -> list[str]:
    # The catalogue loads its data in shards: the list is settled when the results are not busy.
    page.wait_for_selector(".catalogue-results:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(".catalogue-list > li:not([hidden])", "items => items.map(li => li.dataset.id)")


def most_common(facet_id: str) -> str:
    facet = next(f for f in FACETS if f.id == facet_id)
    counts: dict[str, int] = {}
    for card in load_cards([REPO / "practices"], root=REPO).cards:
        for value in facet.values_of(card):
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda value: counts[value])


def download_csv(page) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Скачать выбранное (CSV)").click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def parse_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_filtered_csv_holds_exactly_the_visible_cards(page, repo_url: str, repo_site: Path) -> None:
    category = most_common("category")
    page.goto(f"{repo_url}catalogue/?sort=title")
    page.locator(f'input[name="category"][value="{category}"]').check()
    shown = visible_ids(page)
    assert 0 < len(shown) < len(load_cards([REPO / "practices"], root=REPO).cards)

    name, data = download_csv(page)
    assert re.fullmatch(r"practices-\d{4}-\d{2}-\d{2}\.csv", name)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Cyrillic only with the byte order mark
    table = parse_csv(data)
    assert table[0] == [column.label for column in columns()]
    assert [row[0] for row in table[1:]] == shown  # the visible cards, in the order shown

    # Each row is the full download's row, byte for byte.
    full = {row[0]: row for row in parse_csv((repo_site / "data" / "practices.csv").read_bytes())[1:]}
    for row in table[1:]:
        assert row == full[row[0]]
    direction = [c.key for c in columns()].index("category")
    label = next(f for f in FACETS if f.id == "category").label_of(category)
    assert all(label in row[direction] for row in table[1:])


def test_download_follows_the_filters_as_they_change(page, repo_url: str) -> None:
    region = most_common("region")
    page.goto(f"{repo_url}catalogue/")
    total = len(visible_ids(page))
    _, data = download_csv(page)
    assert len(parse_csv(data)) == 1 + total

    # The filter's data is held back until the download has been clicked: the reader who ticks a
    # region and clicks at once gets that region's cards, not the list still on the screen.
    held: list | None = []

    def hold(route) -> None:
        if held is not None:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r".*/facet-[^/]*\.json$"), hold)
    page.locator(f'input[name="region"][value="{region}"]').check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Скачать выбранное (CSV)").click()
        page.wait_for_function("document.querySelector('.catalogue-results').hasAttribute('aria-busy')")
        assert held, "the filter's data was requested"
        waiting, held = held, None
        for route in waiting:
            route.continue_()
    rows = parse_csv(Path(info.value.path()).read_bytes())[1:]
    assert {row[0] for row in rows} == set(visible_ids(page))
    assert len(rows) < total
    region_column = [c.key for c in columns()].index("region")
    assert {row[region_column] for row in rows} == {region}


def test_download_button_is_disabled_when_nothing_is_shown(page, repo_url: str) -> None:
    cards = load_cards([REPO / "practices"], root=REPO).cards
    # A region and a year that no card has together: the two filters leave the list empty.
    region, year = next(
        (card.region, str(other.year))
        for card in cards
        for other in cards
        if not any(c.region == card.region and c.year == other.year for c in cards)
    )
    page.goto(f"{repo_url}catalogue/")
    button = page.get_by_role("button", name="Скачать выбранное (CSV)")
    assert button.is_enabled()
    page.locator(f'input[name="region"][value="{region}"]').check()
    page.locator(f'input[name="year"][value="{year}"]').check()
    assert visible_ids(page) == []
    assert button.is_disabled()


def test_card_page_downloads_its_appendix_table(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}practices/{CARD_ID}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Скачать таблицу (DOCX)").click()
    download = info.value
    assert download.suggested_filename == f"{CARD_ID}.docx"
    document = docx.Document(download.path())
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows] == [field.question for field in official_fields()]
    assert "Руководители участков еженедельно проводят поведенческие аудиты" in table.rows[1].cells[1].text


def test_open_data_links_all_resolve(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}downloads/")
    links = page.eval_on_selector_all(
        "article a[href$='.json'], article a[href$='.csv'], article a[href$='.xlsx']", "links => links.map(a => a.href)"
    )
    assert len(links) >= 5
    for link in links:
        response = page.request.get(link)
        assert response.ok, link


def test_statistics_charts_show_in_both_palettes(page, fixture_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{fixture_url}statistics/")
        charts = page.locator(".stats-chart svg")
        # Region, direction, year, real or example, golden rule (no foreign practice in the fixtures).
        assert charts.count() == 5
        assert charts.first.is_visible()
        bar_fill = page.eval_on_selector(".stats-chart__bar", "bar => getComputedStyle(bar).fill")
        text_fill = page.eval_on_selector(".stats-chart svg text", "text => getComputedStyle(text).fill")
        body_colour = page.eval_on_selector("article", "node => getComputedStyle(node).color")
        assert text_fill == body_colour  # labels follow the palette's text colour
        assert bar_fill not in ("none", text_fill)
    assert errors == []
