"""Open data from the cache (issues 17, 18): a build after one card's edit publishes the same
files as a cold build of the edited project, and a build with nothing changed starts no process
to write them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config

from build_tools.cards.loading import CardCache
from build_tools.exports import open_data, open_data_process, site_open_data
from tests.bench.generate import generate
from tests.sites import FIXTURE_CARDS, make_project, mkdocs_build
from tests.test_build_cache import CARD_ID, build

# Files that carry the time they were written (XLSX and DOCX properties, ZIP entries): compared
# part by part, without the time.
_STAMPED = (".xlsx", ".docx", ".zip")
_TIME_PART = "docProps/core.xml"


def published(site: Path) -> dict[str, Any]:
    """Every open-data file of a built site (data folder and each card's DOCX), as a reader gets it."""
    files: dict[str, Any] = {}
    for path in sorted([*(site / "data").glob("practices*"), *(site / "practices").rglob("*.docx")]):
        content = path.read_bytes()
        if path.suffix in _STAMPED:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = {name: archive.read(name) for name in archive.namelist() if name != _TIME_PART}
        files[path.relative_to(site).as_posix()] = content
    # The list of downloads: a stamped file's size may differ by the bytes its time compresses to.
    listed = json.loads((site / "data" / "downloads.json").read_text(encoding="utf-8"))
    files["downloads"] = [(uri, text, None if uri.endswith(_STAMPED) else size) for uri, text, size in listed]
    return files


def test_a_build_after_one_edit_publishes_what_a_cold_build_of_the_edited_cards_does(tmp_path: Path) -> None:
    cards = generate(tmp_path / "cards", 12)  # three years, so that one year's files are not remade
    project = make_project(tmp_path / "edited", card_dir=cards)
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    card = project / "practices" / "praktika-00005.md"
    card.write_text(card.read_text(encoding="utf-8").replace('title: "', 'title: "Изменено: ', 1), "utf-8")
    warm = mkdocs_build(project)
    assert warm.returncode == 0, warm.stderr
    cold_project = make_project(tmp_path / "cold", card_dir=project / "practices")
    cold = mkdocs_build(cold_project)
    assert cold.returncode == 0, cold.stderr

    edited, expected = published(project / "site"), published(cold_project / "site")
    assert edited.keys() == expected.keys()
    assert {"data/practices.json", "data/practices.xlsx", "data/practices.zip"} <= edited.keys()
    assert len([name for name in edited if name.endswith(".docx")]) == 12
    for name, content in expected.items():
        assert edited[name] == content, name
    whole = json.loads(edited["data/practices.json"])
    assert "Изменено: " in next(p["title"] for p in whole["practices"] if p["id"] == card.stem)


def test_a_build_with_nothing_changed_starts_no_open_data_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    started: list[object] = []
    popen = open_data_process.subprocess.Popen

    def counted(*args: Any, **kwargs: Any) -> Any:
        if open_data_process.__name__ in args[0]:
            started.append(args)
        return popen(*args, **kwargs)

    monkeypatch.setattr(open_data_process.subprocess, "Popen", counted)
    build(project, card_docx=True)
    assert len(started) == 1
    site = project / "site"
    first = (site / "data" / "practices.csv").read_bytes()
    build(project, card_docx=True)
    assert started == [started[0]]  # every file from the cache
    assert (site / "data" / "practices.csv").read_bytes() == first
    card = project / "practices" / f"{CARD_ID}.md"
    card.write_text(card.read_text(encoding="utf-8").replace("на складском комплексе", "на новом складе"), "utf-8")
    build(project, card_docx=True)
    assert len(started) == 2
    assert "на новом складе" in (site / "data" / "practices.csv").read_text(encoding="utf-8-sig")


def _open_data_processes() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue  # ended meanwhile
        if open_data_process.__name__.encode() in words:
            found.append(cmdline.parent.name)
    return found


def test_a_build_that_fails_leaves_no_open_data_process_writing_behind(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    generate(project / "practices", 300)  # an empty cache: the process has a few seconds of work
    statistics = project / "docs" / "statistics.md"
    # A typo in a marker stops the build while it plans, after the process has started.
    statistics.write_text(statistics.read_text(encoding="utf-8") + "\n<!-- practices:statistika -->\n", "utf-8")
    jobs = tmp_path / "tmp"
    jobs.mkdir()
    assert _open_data_processes() == []
    result = mkdocs_build(project, env={"TMPDIR": str(jobs)})
    assert result.returncode != 0 and "practices:statistika" in result.stderr
    assert _open_data_processes() == []
    assert list(jobs.iterdir()) == []  # its jobs' folder is gone too


def test_every_page_is_written_before_the_build_waits_for_the_open_data_but_the_one_listing_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open-data files are written on the other core while the pages are: only the downloads
    page (their sizes) waits for them, and it is written last."""
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    site = project / "site"
    written_by_then: list[set[str]] = []
    wait = open_data_process.OpenDataProcess.wait

    def recorded(process: open_data_process.OpenDataProcess) -> None:
        written_by_then.append({path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")})
        wait(process)

    monkeypatch.setattr(open_data_process.OpenDataProcess, "wait", recorded)
    monkeypatch.chdir(project)
    config = load_config("mkdocs.yml", strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build_site(config)
    finally:
        config.plugins.on_shutdown()
    pages = {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}
    assert {"downloads", "catalogue", f"practices/{CARD_ID}"} <= pages
    assert written_by_then == [pages - {"downloads"}]
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "practices:downloads" not in downloads
    assert all(
        f'href="../{uri}"' in downloads for uri, *_ in json.loads((site / "data" / "downloads.json").read_text())
    )


def test_the_live_preview_archives_a_card_file_again_when_only_its_bytes_change(tmp_path: Path) -> None:
    """The archive holds the card files as they are: a comment added to a card's YAML changes no
    field of the card, but the archive must change (the preview keeps the files' digests)."""
    practices = generate(tmp_path / "practices", 3)
    files = open_data.OpenDataFiles(tmp_path / "site-data", tmp_path / "cache")
    loader = CardCache()

    def zip_jobs() -> list[open_data.ZipJob]:
        cards = loader.load([practices], root=tmp_path).cards
        files.plan(cards, lambda card: f"practices/{card.id}/", data_folder="data", docx_uris={})
        return [job for job in files.pending() if isinstance(job, open_data.ZipJob)]

    jobs = zip_jobs()
    assert len(jobs) == 1
    open_data.run_jobs(files.pending(), files.cache)
    assert zip_jobs() == []  # unchanged: the archive comes from the cache
    card = sorted(practices.glob("*.md"))[1]
    before = loader.load([practices], root=tmp_path).cards
    card.write_text(card.read_text(encoding="utf-8").replace("---\n", "---\n# примечание редактора\n", 1), "utf-8")
    assert [c.digest for c in loader.load([practices], root=tmp_path).cards] == [c.digest for c in before]
    assert [job.files for job in zip_jobs()] == [jobs[0].files]


def test_the_live_preview_refreshes_its_data_files_in_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit the preview shows the page with the previous data files and writes fresh ones
    in the background: by a process of their own, so that the preview's interpreter is free for
    the next edit (done in its thread, a year's and the whole catalogue's files held it)."""
    practices = generate(tmp_path / "practices", 3)
    started: list[bool] = []

    class Recorded(open_data_process.OpenDataProcess):
        def __init__(
            self,
            jobs: list[open_data.Job],
            cache: open_data.OpenDataCache,
            *,
            docx: bool = True,
            background: bool = False,
        ) -> None:
            started.append((docx, background))
            super().__init__(jobs, cache, docx=docx, background=background)

    monkeypatch.setattr(site_open_data, "OpenDataProcess", Recorded)
    errors: list[Exception] = []
    preview = site_open_data.SiteOpenData(tmp_path / "out", serving=True, on_error=errors.append, cache=tmp_path / "c")
    loader = CardCache()
    site = tmp_path / "site"

    def rebuild() -> str:
        cards = loader.load([practices], root=tmp_path).cards
        preview.plan(cards, {card.id: f"practices/{card.id}/" for card in cards}, data_folder="data", docx_uris={})
        preview.ensure_written()
        preview.after_build(site)
        preview._background.wait()
        return (site / "data" / "practices.csv").read_text(encoding="utf-8-sig")

    assert "Изменено" not in rebuild()
    assert started == []  # the first files: written before the page is shown, in the preview
    card = sorted(practices.glob("*.md"))[0]
    card.write_text(card.read_text(encoding="utf-8").replace('title: "', 'title: "Изменено: ', 1), "utf-8")
    assert "Изменено: " in rebuild()
    # One process, writing no DOCX (the preview did), at a lower priority than the preview.
    assert started == [(False, True)] and errors == []
