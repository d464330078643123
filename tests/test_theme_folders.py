"""The theme's folders as the generator lists them: Jinja's listing without hidden files, an
installed theme's read once, the project's own read afresh at each build."""

from __future__ import annotations

from pathlib import Path

import jinja2
import material

from build_tools.theme.theme_folders import ListedOnceLoader, installed
from tests.sites import REPO

MATERIAL = Path(material.__file__).parent / "templates"


def _visible(names: list[str]) -> list[str]:
    return [name for name in names if not any(part.startswith(".") for part in name.split("/"))]


def test_the_listing_is_jinjas_without_hidden_files() -> None:
    folders = [str(REPO / "overrides"), str(MATERIAL)]
    listed = ListedOnceLoader(folders).list_templates()
    assert listed == _visible(jinja2.FileSystemLoader(folders).list_templates())
    assert any(name.startswith("assets/javascripts/") for name in listed)
    assert not any(name.startswith(".icons/") for name in listed)  # 10,000 icons, included by name
    assert installed(MATERIAL) and not installed(REPO / "overrides")


def test_a_file_added_to_the_projects_folder_is_listed_at_the_next_build(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "assets").mkdir(parents=True)
    folders = [str(overrides), str(MATERIAL)]
    before = ListedOnceLoader(folders).list_templates()
    (overrides / "assets" / "extra.css").write_text("p {}", encoding="utf-8")
    (overrides / ".hidden.css").write_text("p {}", encoding="utf-8")
    after = ListedOnceLoader(folders).list_templates()
    assert sorted({*before, "assets/extra.css"}) == after
