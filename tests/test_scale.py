"""Scale: open data split into downloads within a limit, and (marked) a whole site of 20,000 cards."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter

import openpyxl
import pytest

from build_tools.cards.loading import Card, load_cards
from build_tools.exports.export_tabular import default_url_of
from build_tools.exports.open_data import data_files
from tests.sites import REPO

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
