"""`make build` updates the site folder in place (MkDocs ``--dirty``, kept exact by the core): after
cards are edited, added and deleted, the site is the one a build from scratch writes, and the
pages of unchanged cards are not written again."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from tests.sites import FIXTURE_CARDS, REPO, make_project, mkdocs_build

V2_CARDS = REPO / "tests" / "fixtures" / "v2_cards"

# Office files and archives record when they were written: compared by their parts, without that.
_ZIPPED = (".docx", ".xlsx", ".zip")
_WRITTEN_AT = ("docProps/core.xml",)


def site_files(site: Path) -> dict[str, object]:
    files: dict[str, object] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        content = path.read_bytes()
        if path.name == "downloads.json":  # the data files' sizes: a zipped one's with its time
            listed = json.loads(content)
            files[path.relative_to(site).as_posix()] = [entry[:2] for entry in listed]
        elif path.suffix in _ZIPPED:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                files[path.relative_to(site).as_posix()] = {
                    name: archive.read(name) for name in archive.namelist() if name not in _WRITTEN_AT
                }
        else:
            files[path.relative_to(site).as_posix()] = content
    return files


def differences(ours: dict[str, object], expected: dict[str, object]) -> dict[str, str]:
    found = {name: "лишний файл" for name in ours.keys() - expected.keys()}
    found |= {name: "нет файла" for name in expected.keys() - ours.keys()}
    found |= {name: "другое содержимое" for name in ours.keys() & expected.keys() if ours[name] != expected[name]}
    return found


def build_in_place(project: Path) -> None:
    result = mkdocs_build(project, "--dirty")
    assert result.returncode == 0, result.stderr


def test_an_in_place_build_after_edits_writes_the_site_a_full_build_writes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", card_dir=V2_CARDS)
    shutil.copytree(FIXTURE_CARDS, project / "practices", dirs_exist_ok=True)
    build_in_place(project)
    cards = sorted((project / "practices").glob("*.md"))
    edited, deleted, unchanged = cards[0], cards[1], cards[2]
    unchanged_page = project / "site" / "practices" / unchanged.stem / "index.html"
    written = unchanged_page.stat().st_mtime_ns

    edited.write_text(edited.read_text(encoding="utf-8").replace('title: "', 'title: "Изменено: ', 1), "utf-8")
    deleted.unlink()
    added = project / "practices" / f"{unchanged.stem}-kopiya.md"
    added.write_text(unchanged.read_text(encoding="utf-8").replace('title: "', 'title: "Копия: ', 1), "utf-8")
    build_in_place(project)

    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".cache"))
    result = mkdocs_build(fresh)
    assert result.returncode == 0, result.stderr
    assert differences(site_files(project / "site"), site_files(fresh / "site")) == {}
    assert not (project / "site" / "practices" / deleted.stem).exists()
    assert unchanged_page.stat().st_mtime_ns == written  # not rendered and written again


def test_an_in_place_build_starts_over_when_a_hand_written_page_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", card_dir=FIXTURE_CARDS)
    build_in_place(project)
    stray = project / "site" / "stray.html"  # not written by this build: a full build leaves none
    stray.write_text("<p>old</p>", encoding="utf-8")
    structure = project / "docs" / "structure.md"
    assert "своеобразнейший" not in _search_words(project / "site")
    structure.write_text(structure.read_text(encoding="utf-8") + "\nСвоеобразнейший абзац.\n", encoding="utf-8")
    build_in_place(project)
    assert not stray.exists()
    assert "Своеобразнейший абзац." in (project / "site" / "structure" / "index.html").read_text(encoding="utf-8")
    # The page's search document is made again from its new text, not taken from the last build.
    assert "своеобразнейший" in _search_words(project / "site")


def _search_words(site: Path) -> set[str]:
    folder = site / "search-index" / "words"
    return {word for path in folder.glob("*.json") for word, _ in json.loads(path.read_text(encoding="utf-8"))}


def test_an_unchanged_in_place_build_renders_no_page_made_from_the_cards(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", card_dir=FIXTURE_CARDS)
    build_in_place(project)
    site = project / "site"
    pages = {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}
    before = site_files(site)
    build_in_place(project)
    rewritten = sorted(
        path.relative_to(site).as_posix() for path, time in pages.items() if path.stat().st_mtime_ns != time
    )
    # Only the theme's 404 page (MkDocs renders it each build) and a page whose navigation title
    # is its heading (the adapter's on_nav) are written again.
    assert rewritten == ["404.html", "calculators/index.html"]
    assert differences(site_files(site), before) == {}

    # A change to a card's text alone (no field) still reaches the pages made from every card.
    card = sorted((project / "practices").glob("*.md"))[0]
    card.write_text(card.read_text(encoding="utf-8") + "\nДобавленный абзац.\n", encoding="utf-8")
    build_in_place(project)
    assert (site / "downloads" / "index.html").stat().st_mtime_ns != pages[site / "downloads" / "index.html"]
    # Only the downloads (their sizes) follow such a change: the statistics and the catalogue
    # show nothing of a card's text, and are not rendered again.
    assert (site / "statistics" / "index.html").stat().st_mtime_ns == pages[site / "statistics" / "index.html"]
    assert (site / "catalogue" / "index.html").stat().st_mtime_ns == pages[site / "catalogue" / "index.html"]

    # A change they show (the region) is rendered, and the site is the one a full build writes.
    card.write_text(
        card.read_text(encoding="utf-8").replace("region: Краснодарский край", "region: Ростовская область"), "utf-8"
    )
    build_in_place(project)
    assert (site / "statistics" / "index.html").stat().st_mtime_ns != pages[site / "statistics" / "index.html"]
    assert "Ростовская область" in (site / "statistics" / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site", ".cache"))
    assert mkdocs_build(fresh).returncode == 0
    assert differences(site_files(site), site_files(fresh / "site")) == {}


def test_a_full_build_that_takes_the_kept_renders_of_hand_written_pages_writes_the_same_site(tmp_path: Path) -> None:
    # The second build starts over (its site folder is gone) and finds every hand-written page's
    # render kept from the first (kept_renders): tables of contents, titles and links included.
    project = make_project(tmp_path / "project", card_dir=FIXTURE_CARDS)
    build_in_place(project)
    kept = project / ".cache" / "practices" / "rendered-pages.sqlite"
    assert kept.is_file()
    shutil.rmtree(project / "site")
    build_in_place(project)
    fresh = make_project(tmp_path / "fresh", card_dir=FIXTURE_CARDS)
    result = mkdocs_build(fresh)
    assert result.returncode == 0, result.stderr
    assert differences(site_files(project / "site"), site_files(fresh / "site")) == {}


def test_a_kept_render_does_not_hide_a_link_that_broke_since(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", card_dir=FIXTURE_CARDS)
    (project / "docs" / "spravka.md").write_text("# Справка\n\nСм. [приложение](prilozhenie.md).\n", "utf-8")
    (project / "docs" / "prilozhenie.md").write_text("# Приложение\n\nТекст.\n", encoding="utf-8")
    build_in_place(project)
    (project / "docs" / "prilozhenie.md").unlink()  # the linking page itself is unchanged
    result = mkdocs_build(project, "--dirty")
    assert result.returncode != 0
    assert "prilozhenie.md" in result.stderr
