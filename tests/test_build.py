"""Real `mkdocs build` runs in temporary folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.sites import FIXTURE_CARDS, REPO, built_site, make_project, mkdocs_build

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
    assert set(facets) == {
        "kind",
        "category",
        "sector",
        "okved",
        "region",
        "country",
        "year",
        "quarter",
        "size",
        "rule",
    }
    card = data["cards"][0]
    region = facets["region"]
    assert [region["values"][i] for i in card["f"][list(facets).index("region")]] == ["Краснодарский край"]


def test_schema_is_published(fixture_site: Path) -> None:
    schema = json.loads((fixture_site / "schema" / "card.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["summary"]["maxLength"] == 600


def test_headings_get_cyrillic_anchors(fixture_site: Path) -> None:
    page = (fixture_site / "structure" / "index.html").read_text(encoding="utf-8")
    assert 'id="направление-передового-опыта"' in page
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


def test_search_index_is_built(fixture_site: Path) -> None:
    index = fixture_site / "search-index"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert meta["cards"] == len(list(FIXTURE_CARDS.glob("*.md")))
    assert meta["docs"] > meta["cards"]  # the site's pages follow the cards
    assert (index / "docs" / "0" / "0.json").is_file()
    assert not (fixture_site / "search" / "search_index.json").exists()
    assert not (fixture_site / "pagefind").exists()


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


def test_an_unknown_marker_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    page = project / "docs" / "structure.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- practices:statistcs -->\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "structure.md: неизвестная метка «<!-- practices:statistcs -->»" in result.stdout + result.stderr


HOSTILE_TITLE = 'Аудиты </title><script>alert("title")</script> <img src=x onerror=alert(2)> & «кавычки»'


def _hostile_card() -> str:
    text = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    return re.sub(r"^title: .*$", f"title: {json.dumps(HOSTILE_TITLE, ensure_ascii=False)}", text, count=1, flags=re.M)


def _html_pages(site: Path, folder: str = "") -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((site / folder).rglob("*.html"))
    }


def _card_pages(site: Path) -> dict[str, str]:
    return {
        path.parent.name: path.read_text(encoding="utf-8") for path in sorted((site / "practices").glob("*/index.html"))
    }


HOSTILE_CARD = "vrazhdebnyj-zagolovok"


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The repository's cards and one with a hostile title, card pages filled from one rendering
    of the theme (True) and rendered through it one by one (False)."""
    return {
        shell: built_site(
            tmp_path_factory,
            f"hostile-shell-{shell}",
            card_dir=REPO / "practices",
            cards={f"{HOSTILE_CARD}.md": _hostile_card()},
            options={"search": False, "card_docx": False, "card_page_shell": shell},
        )
        for shell in (True, False)
    }


def test_card_pages_filled_from_one_rendering_equal_full_renderings(hostile_sites: dict[bool, Path]) -> None:
    """Card pages are the theme's template rendered once and filled in (card_page_shell): every
    page must be exactly what rendering the template for that card gives, hostile title included."""
    sites = {shell: _card_pages(site) for shell, site in hostile_sites.items()}
    assert len(sites[True]) == len(list((REPO / "practices").glob("*.md"))) + 1
    assert sites[True] == sites[False]


def test_list_pages_filled_from_one_rendering_equal_full_renderings(hostile_sites: dict[bool, Path]) -> None:
    """The catalogue's static list pages (each facet value's list) are filled in the same way:
    each exactly the theme's rendering, a hostile title listed. (At 1,000 synthetic cards, with
    second pages at two depths, the same held when this was written.)"""
    sites = {
        shell: {
            str(path.relative_to(site)): path.read_text(encoding="utf-8")
            for path in (site / "catalogue").rglob("index.html")
            if path.parent != site / "catalogue"
        }
        for shell, site in hostile_sites.items()
    }
    assert len(sites[True]) > 20
    assert sites[True].keys() == sites[False].keys()
    for path, page in sites[True].items():
        assert page == sites[False][path], path
        assert page.count("<h1") == 1, path


def test_a_card_title_never_becomes_markup(hostile_sites: dict[bool, Path]) -> None:
    site = hostile_sites[True]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<script>alert("title")' not in text, page
        assert "<img src=x" not in text, page
    card_page = (site / "practices" / HOSTILE_CARD / "index.html").read_text(encoding="utf-8")
    assert "<title>Аудиты &lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)" in card_page
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "Аудиты &lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)" in catalogue  # listed, as text


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_pages(fixture_site: Path, properdocs_fixture_site: Path) -> None:
    """ProperDocs, the maintained MkDocs 1.x fork, builds the site unchanged: every page the same
    but for the generator's name in its <meta name="generator">."""
    ours = _html_pages(fixture_site)
    theirs = _html_pages(properdocs_fixture_site)
    assert any(path.startswith(f"practices/{CARD_ID}/") for path in theirs)
    assert "ProperDocs" in _GENERATOR.search(theirs["index.html"])[0]
    assert set(theirs) == set(ours)
    for path, page in theirs.items():
        assert _GENERATOR.sub("", page) == _GENERATOR.sub("", ours[path]), path
