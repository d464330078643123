"""Real `mkdocs build` runs in temporary folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.sites import FIXTURE_CARDS, make_project, mkdocs_build

CARD_ID = "povedencheskie-audity-bezopasnosti"


def test_card_page_is_generated_and_kept_out_of_navigation(fixture_site: Path) -> None:
    page = (fixture_site / "practices" / CARD_ID / "index.html").read_text(encoding="utf-8")
    assert "Поведенческие аудиты безопасности на складском комплексе" in page
    assert 'lang="ru"' in page
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert f"practices/{CARD_ID}/" not in home  # navigation lists pages, not thousands of cards


def test_catalogue_lists_cards_without_javascript(fixture_site: Path) -> None:
    page = (fixture_site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert f'href="../practices/{CARD_ID}/"' in page
    assert "Руководители участков еженедельно проводят поведенческие аудиты" in page


def test_catalogue_data_is_compact_json(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert [card["id"] for card in data["cards"]] == [CARD_ID]
    facets = {facet["id"]: facet for facet in data["facets"]}
    assert set(facets) == {"category", "sector", "okved", "region", "year", "quarter", "size", "rule"}
    card = data["cards"][0]
    region = facets["region"]
    assert [region["values"][i] for i in card["f"][list(facets).index("region")]] == ["Краснодарский край"]


def test_schema_is_published(fixture_site: Path) -> None:
    schema = json.loads((fixture_site / "schema" / "card.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["summary"]["maxLength"] == 600


def test_headings_get_cyrillic_anchors(fixture_site: Path) -> None:
    page = (fixture_site / "structure" / "index.html").read_text(encoding="utf-8")
    assert 'id="направления-передового-опыта"' in page
    assert not re.search(r'id="_\d+"', page)


def test_site_requests_nothing_from_other_hosts(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        assert 'data-md-component="source"' not in text, path  # would call the code host's API
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if 'rel="canonical"' in tag:
                continue  # names the page, loads nothing
            url = re.search(r'(?:src|href)="(https?://[^"]+)"', tag)
            assert url is None, f"{path}: внешний ресурс {url.group(1) if url else ''}"


def test_search_bundle_is_built(fixture_site: Path) -> None:
    assert (fixture_site / "pagefind" / "pagefind.js").is_file()
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_invalid_card_fails_the_build_with_the_validator_message(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    broken = valid.replace("sector: commercial", "sector: comercial")
    project = make_project(tmp_path, cards={"good-card.md": valid, "broken-card.md": broken})
    result = mkdocs_build(project)
    assert result.returncode != 0
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "sector:" in text)
    assert f"practices/broken-card.md:{line}: organization.sector: недопустимое значение «comercial»" in (
        result.stdout + result.stderr
    )
    assert not (project / "site" / "practices" / "good-card").exists()  # no half-built site
