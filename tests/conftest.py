from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.sites import FIXTURE_CARDS, REPO, make_project, mkdocs_build, serve

# Speed belongs in `make bench`: a property test checks behaviour, not how fast a loaded machine runs it.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

CHROMIUM = "/usr/bin/chromium"
# The flags that keep Chromium from calling home on a machine without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from the test fixture cards."""
    project = make_project(tmp_path_factory.mktemp("fixture-site"), card_dir=FIXTURE_CARDS)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site: the repository's own practices/."""
    project = make_project(tmp_path_factory.mktemp("repo-site"), card_dir=REPO / "practices")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def repo_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"Нет {CHROMIUM}: установите Chromium из Debian (make test делает это сам под root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
