"""A card unchanged since the last build is not rendered again (issue 17): its page comes from the
cache, byte for byte, and an edited card is rendered anew."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import material
import pytest

from build_tools.site.render import CardPageRenderer
from build_tools.site_build.build import SiteBuild, SiteSettings
from tests.sites import FIXTURE_CARDS, make_project

CARD_ID = "povedencheskie-audity-bezopasnosti"


def card_content(project: Path, *, card_docx: bool = False) -> str:
    settings = SiteSettings(
        root=project,
        docs_dir=project / "docs",
        practices=project / "practices",
        card_docx=card_docx,
        card_page_shell=False,
    )
    theme = Path(material.__file__).parent / "templates"
    settings = dataclasses.replace(settings, theme_dirs=(project / "overrides", theme))
    site = SiteBuild(settings, logging.getLogger("test"))
    try:
        site.plan()
        site.new_build()
        content = site.card_content(CARD_ID, page_url=f"practices/{CARD_ID}/", edit_url=None, site_dir=project / "site")
        site.ensure_open_data()
        return content
    finally:
        site.close()


def test_an_unchanged_card_comes_from_the_cache_and_an_edited_one_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    first = card_content(project)
    assert "Поведенческие аудиты безопасности на складском комплексе" in first

    def no_rendering(*args: object, **kwargs: object) -> tuple[str, str]:
        raise AssertionError("rendered again")

    monkeypatch.setattr(CardPageRenderer, "render_with_search_document", no_rendering)
    assert card_content(project) == first  # a new build, another process's worth of state: the cache
    card = project / "practices" / f"{CARD_ID}.md"
    card.write_text(card.read_text(encoding="utf-8").replace("на складском комплексе", "на новом складе"), "utf-8")
    with pytest.raises(AssertionError, match="rendered again"):
        card_content(project)


def test_a_static_build_keeps_each_cards_docx_for_the_next(tmp_path: Path) -> None:
    project = make_project(tmp_path, card_dir=FIXTURE_CARDS)
    card_content(project, card_docx=True)  # the open-data process writes the DOCX, and keeps it
    assert [path.suffix for path in (project / ".cache" / "practices" / "docx").iterdir()] == [".docx"]
