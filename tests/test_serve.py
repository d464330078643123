"""`mkdocs serve` (what `make serve` runs): a broken card hides only itself and says why."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.sites import FIXTURE_CARDS, free_port, make_project, start_serve
from tests.test_hostile_input import ALIAS_BOMB

CARD_ID = "povedencheskie-audity-bezopasnosti"


def _get(url: str, timeout: float = 60) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_keeps_valid_cards_and_shows_errors(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    broken = valid.replace("sector: commercial", "sector: comercial")
    project = make_project(tmp_path, cards={f"{CARD_ID}.md": valid, "broken-card.md": broken})
    port = free_port()
    server = start_serve(project, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        status, card_page = _get(f"{base}practices/{CARD_ID}/")
        assert status == 200 and "Поведенческие аудиты" in card_page
        assert _get(f"{base}practices/broken-card/")[0] == 404
        _, catalogue = _get(f"{base}catalogue/")
        assert "Карточки с ошибками не показаны" in catalogue
        assert json.loads(_get(f"{base}search-index/meta.json")[1] or "{}").get("cards") in (None, 1)
        assert "practices/broken-card.md:" in catalogue and "organization.sector" in catalogue

        # Fixing the card brings it in without restarting the server.
        (project / "practices" / "broken-card.md").write_text(
            broken.replace("sector: comercial", "sector: budget"), encoding="utf-8"
        )
        deadline = time.monotonic() + 60
        while _get(f"{base}practices/broken-card/")[0] != 200:
            assert time.monotonic() < deadline, "исправленная карточка не появилась"
            time.sleep(0.3)
        # The search index follows a moment later, swapped in whole.
        while json.loads(_get(f"{base}search-index/meta.json")[1] or "{}").get("cards") != 2:
            assert time.monotonic() < deadline, "поисковый индекс не обновился"
            time.sleep(0.3)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "practices/broken-card.md:" in output and "недопустимое значение «comercial»" in output


def _wait_for_status(url: str, status: int, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while _get(url)[0] != status:
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


def test_serve_takes_away_deleted_and_broken_cards_and_survives_a_hostile_one(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    other_id = "nastavnichestvo-na-sklade"
    other = valid.replace("Поведенческие аудиты безопасности на складском комплексе", "Наставничество на складе")
    project = make_project(tmp_path, cards={f"{CARD_ID}.md": valid, f"{other_id}.md": other})
    practices = project / "practices"
    port = free_port()
    server = start_serve(project, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        other_page, other_docx = f"{base}practices/{other_id}/", f"{base}practices/{other_id}/{other_id}.docx"
        assert _get(other_page)[0] == 200 and _get(other_docx)[0] == 200

        # A deleted card's page and DOCX go with it.
        (practices / f"{other_id}.md").unlink()
        _wait_for_status(other_page, 404, "страница удалённой карточки осталась")
        assert _get(other_docx)[0] == 404

        # A broken card's old page is not served as if it were valid.
        card_page = f"{base}practices/{CARD_ID}/"
        assert _get(card_page)[0] == 200
        (practices / f"{CARD_ID}.md").write_text(valid.replace("sector: commercial", "sector: comercial"), "utf-8")
        _wait_for_status(card_page, 404, "страница сломанной карточки осталась")

        # A hostile card is refused at once and the preview goes on: fixing the other card shows it.
        (practices / "aliasy-bomba.md").write_text(ALIAS_BOMB, encoding="utf-8")
        deadline = time.monotonic() + 90
        while "practices/aliasy-bomba.md:2" not in _get(f"{base}catalogue/")[1]:
            assert time.monotonic() < deadline, "карточка-бомба не попала в список ошибок"
            time.sleep(0.3)
        (practices / f"{CARD_ID}.md").write_text(valid, encoding="utf-8")
        _wait_for_status(card_page, 200, "после карточки-бомбы сервер не показал исправленную карточку")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "якоря и ссылки YAML" in output
    assert "Traceback" not in output


def test_serve_started_again_shows_what_changed_while_it_was_stopped_and_keeps_the_rest(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    title = "Поведенческие аудиты безопасности на складском комплексе"
    others = {name: valid.replace(title, f"Практика {name}") for name in ("kept-card", "deleted-card")}
    project = make_project(
        tmp_path, cards={f"{CARD_ID}.md": valid, **{f"{name}.md": text for name, text in others.items()}}
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    kept_page = project / ".cache" / "practices" / "preview" / "practices" / "kept-card" / "index.html"
    server = start_serve(project, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _get(f"{base}practices/kept-card/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    written = kept_page.stat().st_mtime_ns

    # While no preview runs: one card edited, one deleted.
    edited_text = valid.replace(title, "Аудиты, изменённые без сервера")
    (project / "practices" / f"{CARD_ID}.md").write_text(edited_text, encoding="utf-8")
    (project / "practices" / "deleted-card.md").unlink()
    time.sleep(0.05)  # a later modification time than the page written before
    server = start_serve(project, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, edited = _get(f"{base}practices/{CARD_ID}/")
        assert status == 200 and "Аудиты, изменённые без сервера" in edited
        assert _get(f"{base}practices/deleted-card/")[0] == 404
        assert _get(f"{base}practices/deleted-card/deleted-card.docx")[0] == 404
        _, catalogue = _get(f"{base}catalogue/")
        assert "Практика kept-card" in catalogue and "Практика deleted-card" not in catalogue
        # The unchanged card's page was not rendered again; a missing page is the site's own 404.
        assert kept_page.stat().st_mtime_ns == written
        with urllib.request.urlopen(f"{base}practices/kept-card/", timeout=5) as response:
            assert "Практика kept-card" in response.read().decode("utf-8")
        try:
            urllib.request.urlopen(f"{base}net-takoj-stranicy/", timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404 and "Страница не найдена" in error.read().decode("utf-8")
        else:
            raise AssertionError("несуществующая страница отдана как найденная")

        # A second preview of the same project meanwhile gets a folder of its own and works too.
        second_port = free_port()
        second = start_serve(project, second_port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            status, page = _get(f"http://127.0.0.1:{second_port}/practices/kept-card/")
            assert status == 200 and "Практика kept-card" in page
        finally:
            second.terminate()
            second.wait(timeout=30)
        assert kept_page.stat().st_mtime_ns == written
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output


def test_serve_sees_saves_as_editors_make_them_and_rebuilds_once_for_each(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    title = "Поведенческие аудиты безопасности на складском комплексе"
    project = make_project(tmp_path, cards={f"{CARD_ID}.md": valid})
    practices = project / "practices"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = start_serve(project, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert _get(f"{base}practices/{CARD_ID}/")[0] == 200
        time.sleep(2)  # the build reads every card: reading is not a change

        # Saved as many editors save: written beside the card, then renamed over it.
        temporary = practices / f".{CARD_ID}.md.swp"
        temporary.write_text(valid.replace(title, "Аудиты, сохранённые переименованием"), encoding="utf-8")
        temporary.replace(practices / f"{CARD_ID}.md")
        deadline = time.monotonic() + 60
        while "Аудиты, сохранённые переименованием" not in _get(f"{base}practices/{CARD_ID}/")[1]:
            assert time.monotonic() < deadline, "сохранение переименованием не видно"
            time.sleep(0.2)
        time.sleep(2)

        # A new card file appears as a new page.
        (practices / "novaya-kartochka.md").write_text(valid.replace(title, "Новая карточка"), encoding="utf-8")
        _wait_for_status(f"{base}practices/novaya-kartochka/", 200, "новая карточка не появилась", timeout=60)
        time.sleep(2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # The first build and one for each save: no build set off by the builds themselves.
    assert output.count("Building documentation") == 3, output


def _epoch(page: str) -> int:
    """The version of the site a page of the live preview was served at (MkDocs' reload script)."""
    found = re.search(r"livereload\((\d+),", page)
    assert found, "нет скрипта перезагрузки"
    return int(found.group(1))


def _browsers_told_to_reload(base: str, epoch: int) -> bool:
    """Whether the preview tells a browser showing version ``epoch`` to reload, within 10 s (MkDocs'
    long poll: it answers at once with a newer version, or after a minute with the same)."""
    with urllib.request.urlopen(f"{base}livereload/{epoch}/1", timeout=10) as response:
        return int(response.read()) > epoch


# Holds each rebuild at its start while the file «hold» exists beside mkdocs.yml (at most a minute).
_HOLDING_HOOK = """import time
from pathlib import Path


def on_pre_build(config, **kwargs):
    hold = Path(config.config_file_path).parent / "hold"
    deadline = time.monotonic() + 60
    while hold.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
"""


def test_serve_shows_an_edited_card_before_its_rebuild_and_as_the_rebuild_would(tmp_path: Path) -> None:
    valid = (FIXTURE_CARDS / f"{CARD_ID}.md").read_text(encoding="utf-8")
    title = "Поведенческие аудиты безопасности на складском комплексе"
    project = make_project(tmp_path, cards={f"{CARD_ID}.md": valid})
    (project / "holding_hook.py").write_text(_HOLDING_HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - holding_hook.py\n")
    card, hold = project / "practices" / f"{CARD_ID}.md", project / "hold"
    written = project / ".cache" / "practices" / "preview" / "practices" / CARD_ID / "index.html"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    # Started again, as a developer does: the card pages' shell comes from the preview's first run.
    first = start_serve(project, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert title in _get(f"{base}practices/{CARD_ID}/")[1]
    finally:
        first.terminate()
        first.wait(timeout=30)
    server = start_serve(project, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        shown = _get(f"{base}practices/{CARD_ID}/")[1]
        assert title in shown
        time.sleep(2)  # the preview's background work after its first build

        # The rebuild is held at its start: the edited card's page shows all the same, and the
        # preview keeps answering; the catalogue follows when the rebuild is let go.
        hold.touch()
        card.write_text(valid.replace(title, "Аудиты, показанные до пересборки"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "Аудиты, показанные до пересборки" not in (
            shown_early := _get(f"{base}practices/{CARD_ID}/", timeout=5)[1]
        ):
            assert time.monotonic() < deadline, "правка карточки не видна, пока идёт пересборка"
            time.sleep(0.1)
        assert _browsers_told_to_reload(base, _epoch(shown)), "браузер не получил сигнала перезагрузки"
        catalogue = _get(f"{base}catalogue/", timeout=5)[1]
        assert title in catalogue and "Аудиты, показанные до пересборки" not in catalogue

        # Saved again while that rebuild runs: shown at once too, not after the rebuild.
        card.write_text(valid.replace(title, "Аудиты, показанные во время пересборки"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "Аудиты, показанные во время пересборки" not in _get(f"{base}practices/{CARD_ID}/", timeout=5)[1]:
            assert time.monotonic() < deadline, "правка, сохранённая во время пересборки, не видна"
            time.sleep(0.1)
        # A browser showing the first edit is told to reload again.
        assert _browsers_told_to_reload(base, _epoch(shown_early)), "браузер не получил второго сигнала"
        assert title in _get(f"{base}catalogue/", timeout=5)[1]
        early = written.read_bytes()

        # A new card's page shows at once as well; one removed again before the rebuild goes with it.
        new_card, gone_card = project / "practices" / "novaya-kartochka.md", project / "practices" / "ushedshaya.md"
        new_cards = {new_card: "Новая карточка до пересборки", gone_card: "Карточка, удалённая до пересборки"}
        for page, what in new_cards.items():
            page.write_text(valid.replace(title, what), encoding="utf-8")
        for page, what in new_cards.items():
            deadline = time.monotonic() + 30
            while what not in _get(f"{base}practices/{page.stem}/", timeout=5)[1]:
                assert time.monotonic() < deadline, f"страница новой карточки «{what}» не видна до пересборки"
                time.sleep(0.1)
        assert "Новая карточка до пересборки" not in _get(f"{base}catalogue/", timeout=5)[1]
        gone_card.unlink()
        hold.unlink()
        deadline = time.monotonic() + 60
        while "Аудиты, показанные во время пересборки" not in (catalogue := _get(f"{base}catalogue/")[1]):
            assert time.monotonic() < deadline, "каталог не обновился после пересборки"
            time.sleep(0.2)
        assert "Новая карточка до пересборки" in catalogue
        _wait_for_status(f"{base}practices/ushedshaya/", 404, "страница удалённой карточки осталась", timeout=30)
        time.sleep(2)  # the rebuild the saves during the held one asked for
        assert written.read_bytes() == early  # the rebuilds left the page as it was

        # Saved again unchanged: nothing is shown early, and the rebuild renders the page itself,
        # byte for byte as it was shown early.
        time.sleep(1)
        card.write_text(card.read_text(encoding="utf-8"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while written.stat().st_mtime_ns <= card.stat().st_mtime_ns:
            assert time.monotonic() < deadline, "пересборка не записала страницу карточки"
            time.sleep(0.2)
        time.sleep(1)
        assert written.read_bytes() == early
    finally:
        hold.unlink(missing_ok=True)
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output and "не показана до пересборки" not in output, output
    # The first build, the held one, the one the save during it asked for, the unchanged save's.
    assert output.count("Building documentation") == 4, output
