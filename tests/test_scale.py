"""Scale: open data split into downloads within a limit, and (marked) a whole site of 20,000 cards."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import docx
import openpyxl
import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.exports.export_tabular import default_url_of
from build_tools.exports.open_data import DOWNLOAD_LIMIT, data_files
from tests.sites import REPO, make_project, mkdocs_build, plugin_options

PRACTICES = REPO / "practices"


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    result = load_cards([PRACTICES], root=REPO)
    assert not result.errors, result.errors
    return result.cards


def _csv_ids(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=_separator(content)))
    return [row[0] for row in rows[1:]]


def _separator(content: bytes) -> str:
    header = content.decode("utf-8-sig").split("\r\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def test_a_small_limit_splits_years_into_volumes_that_keep_every_card_once(cards: list[Card]) -> None:
    # A limit a few cards' worth: each year must come in several volumes, none above it.
    limit = 60_000
    files = {item.name: item for item in data_files(cards, default_url_of, limit=limit)}
    assert all(len(item.content) <= limit for item in files.values()), {n: len(f.content) for n, f in files.items()}
    assert any(name.endswith("-2.json") for name in files) and any(name.endswith("-2.zip") for name in files)
    years = Counter(card.year for card in cards)
    json_ids: list[str] = []
    for year, count in years.items():
        volumes = sorted(name for name in files if name.startswith(f"practices-{year}") and name.endswith(".json"))
        assert volumes, year
        year_ids = []
        for name in volumes:
            practices = json.loads(files[name].content)["practices"]
            assert {str(p["date"])[:4] for p in practices} == {str(year)}
            year_ids += [p["id"] for p in practices]
            stem = name.removesuffix(".json")
            # The three formats of a volume hold the same cards in the same order.
            assert _csv_ids(files[f"{stem}.csv"].content) == [p["id"] for p in practices]
            sheet = openpyxl.load_workbook(io.BytesIO(files[f"{stem}.xlsx"].content)).worksheets[0]
            assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [p["id"] for p in practices]
        assert len(year_ids) == count, year
        json_ids += year_ids
    assert sorted(json_ids) == sorted(card.id for card in cards)
    # The whole set does not fit in 60 KB: only per year and in the archive.
    assert "practices.json" not in files and "practices.csv" not in files
    archived = []
    for name in (n for n in files if n.endswith(".zip")):
        with zipfile.ZipFile(io.BytesIO(files[name].content)) as archive:
            archived += archive.namelist()
    assert sorted(archived) == sorted(f"practices/{card.id}.md" for card in cards)


def test_the_whole_set_comes_in_one_file_when_it_fits(cards: list[Card]) -> None:
    files = {item.name: item for item in data_files(cards, default_url_of)}
    assert {"practices.json", "practices.csv", "practices.xlsx", "practices.zip"} <= files.keys()
    whole = json.loads(files["practices.json"].content)["practices"]
    assert len(whole) == len(cards)
    with zipfile.ZipFile(io.BytesIO(files["practices.zip"].content)) as archive:
        card = cards[0]
        assert archive.read(f"practices/{card.id}.md") == (PRACTICES / f"{card.id}.md").read_bytes()


# -- a whole site of 20,000 synthetic cards, built once ------------------------------------------

SCALE = 20_000
FIRST_VIEW_LIMIT = 300 * 1024  # the catalogue's HTML and what its script loads before the list
_FRONT = re.compile(r"^(region|date|category|title|example): (.*)$", re.MULTILINE)
_LINK = re.compile(r'href="(?![a-z]+:)([^"#?]+)"')  # the site's own links (no scheme)


@dataclass(frozen=True)
class Fact:
    """What a card file says, read with a regular expression: nothing of the code under test."""

    id: str
    title: str
    region: str
    year: str
    quarter: str
    categories: tuple[str, ...]


@pytest.mark.scale
def test_twenty_thousand_cards(tmp_path: Path) -> None:
    """One build (minutes), many checks: a test per check would build the site once per xdist worker."""
    scale = _build(tmp_path)
    _statistics_count_every_card_by_region_and_year(scale)
    _open_data_per_year_adds_up_to_every_card(scale)
    _quarterly_docx_holds_exactly_the_quarters_practices(scale)
    _static_catalogue_pages_reach_every_card_and_the_first_view_is_light(scale)


def _build(base: Path) -> tuple[Path, list[Fact]]:
    subprocess.run(
        [sys.executable, "-m", "tests.bench.generate", str(SCALE), str(base / "cards")], cwd=REPO, check=True
    )
    project = make_project(base / "project", card_dir=base / "cards")
    # The search index and each card's DOCX are tested on the small sites; here they only cost time.
    plugin_options(project, {"search": False, "card_docx": False})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-5000:]
    facts = _facts(project)
    assert len(facts) == SCALE
    return project, facts


def _facts(project: Path) -> list[Fact]:
    facts = []
    for path in sorted((project / "practices").glob("*.md")):
        front = dict(_FRONT.findall(path.read_text(encoding="utf-8").split("\n---\n", 1)[0]))
        year, month = front["date"][:4], int(front["date"][5:7])
        facts.append(
            Fact(
                path.stem,
                json.loads(front["title"]) if front["title"].startswith('"') else front["title"],
                front["region"],
                year,
                f"{year}Q{(month - 1) // 3 + 1}",
                tuple(code.strip() for code in front["category"].strip("[]").split(",")),
            )
        )
    return facts


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _statistics_count_every_card_by_region_and_year(scale: tuple[Path, list[Fact]]) -> None:
    project, facts = scale
    page = (project / "site" / "statistics" / "index.html").read_text(encoding="utf-8")
    # Counts are written in the site's number style (20 000 with a no-break space): read them as numbers.
    total = re.search(r"Всего практик в каталоге: <strong>([\d\u00a0]+)</strong>", page)
    assert total is not None and int(total.group(1).replace("\u00a0", "")) == len(facts)
    for facet, expected in (("region", Counter(f.region for f in facts)), ("year", Counter(f.year for f in facts))):
        # Each table row links its value to the catalogue's filter, then gives its count.
        rows = re.findall(rf'<a href="[^"]*\?{facet}=[^"]*">([^<]+)</a></td>\s*<td[^>]*>([\d\u00a0]+)</td>', page)
        assert {unescape(label): int(count.replace("\u00a0", "")) for label, count in rows} == dict(expected), facet


def _open_data_per_year_adds_up_to_every_card(scale: tuple[Path, list[Fact]]) -> None:
    project, facts = scale
    data = project / "site" / "data"
    listed = json.loads((data / "downloads.json").read_text(encoding="utf-8"))
    names = [posixpath.basename(uri) for uri, _description, _size in listed]
    for name in names:
        assert (data / name).stat().st_size <= DOWNLOAD_LIMIT, name
    years = Counter(f.year for f in facts)
    ids: dict[str, list[str]] = {"json": [], "csv": [], "xlsx": []}
    for year, count in years.items():
        stems = sorted({n.rsplit(".", 1)[0] for n in names if re.fullmatch(rf"practices-{year}(-\d+)?\.json", n)})
        rows = {"json": [], "csv": [], "xlsx": []}
        for stem in stems:
            rows["json"] += [p["id"] for p in json.loads((data / f"{stem}.json").read_bytes())["practices"]]
            rows["csv"] += _csv_ids((data / f"{stem}.csv").read_bytes())
            sheet = openpyxl.load_workbook(data / f"{stem}.xlsx", read_only=True).worksheets[0]
            rows["xlsx"] += [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        for kind, found in rows.items():
            assert len(found) == count, (year, kind)
            ids[kind] += found
    everything = sorted(f.id for f in facts)
    assert all(sorted(found) == everything for found in ids.values())
    archived = []
    for name in (n for n in names if n.endswith(".zip")):
        with zipfile.ZipFile(data / name) as archive:
            archived += archive.namelist()
    assert sorted(archived) == sorted(f"practices/{card_id}.md" for card_id in everything)


def _quarterly_docx_holds_exactly_the_quarters_practices(scale: tuple[Path, list[Fact]]) -> None:
    project, facts = scale
    quarter = Counter(f.quarter for f in facts).most_common(1)[0][0]
    out = project / "report.docx"
    command = [sys.executable, "-m", "build_tools", "export", "--format", "docx", "--quarter", quarter]
    result = subprocess.run([*command, "--out", str(out)], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    expected = sorted(f.title for f in facts if f.quarter == quarter)
    document = docx.Document(out)
    headings = [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert sorted(re.sub(r"^\d+\. ", "", text) for text in headings) == expected
    assert f"Количество практик: {len(expected)}" in [p.text for p in document.paragraphs]
    assert len(document.tables) == len(expected)


def _static_catalogue_pages_reach_every_card_and_the_first_view_is_light(
    scale: tuple[Path, list[Fact]],
) -> None:
    project, facts = scale
    site = project / "site"
    catalogue = site / "catalogue" / "index.html"
    first_view = catalogue.stat().st_size
    first_view += (site / "assets" / "javascripts" / "catalogue.js").stat().st_size
    first_view += (site / "data" / "catalogue" / "index.json").stat().st_size
    assert first_view <= FIRST_VIEW_LIMIT

    # Follow the links of the catalogue's pages, as a reader without JavaScript would.
    seen, queue, cards = {catalogue}, [catalogue], set()
    titles: dict[str, int] = {}
    while queue:
        page = queue.pop()
        html = page.read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        listed = re.search(r'<p class="catalogue-list-info">Практик: (\d+)', html)
        if heading and listed:
            titles[_text(heading.group(1))] = int(listed.group(1))
        for href in _LINK.findall(html):
            target = (page.parent / href).resolve()
            if target.is_relative_to(site / "practices"):
                cards.add(target.name)
            elif target.is_relative_to(site / "catalogue") and (target / "index.html") not in seen:
                seen.add(target / "index.html")
                queue.append(target / "index.html")
    assert cards == {f.id for f in facts}
    # The whole list: 50 a page, newest first; a value's list: 100 a page.
    pages = -(-len(facts) // 50)
    assert (site / "catalogue" / "page" / str(pages) / "index.html") in seen
    assert not (site / "catalogue" / "page" / str(pages + 1)).exists()
    for region, count in Counter(f.region for f in facts).items():
        assert titles[f"Субъект РФ: {region}"] == count, region
    for year, count in Counter(f.year for f in facts).items():
        assert titles[f"Год: {year}"] == count, year
    category_pages = [page for page in seen if "/catalogue/category/" in page.as_posix()]
    by_category = Counter(code for f in facts for code in f.categories)
    assert len(category_pages) == sum(-(-count // 100) for count in by_category.values())
