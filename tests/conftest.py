from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.sites import FIXTURE_CARDS, REPO, built_site, serve

# Hypothesis' per-example deadline is a timed test: on a shared two-core machine that builds sites
# in parallel it fails for the load, not for a fault. Speed is measured in make bench.
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
    return built_site(tmp_path_factory, "fixture-site", card_dir=FIXTURE_CARDS)


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site: the repository's own practices/."""
    return built_site(tmp_path_factory, "repo-site", card_dir=REPO / "practices")


@pytest.fixture(scope="session")
def properdocs_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture cards' site built by ProperDocs, the maintained MkDocs 1.x fork."""
    return built_site(tmp_path_factory, "fixture-site-properdocs", card_dir=FIXTURE_CARDS, command="properdocs")


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def repo_url(repo_site: Path) -> Iterator[str]:
    with serve(repo_site) as url:
        yield url


@pytest.fixture(scope="session")
def form_url(fixture_url: str) -> str:
    """«Предложить практику» (docs/suggest.md) on the fixture site."""
    return fixture_url + "suggest/"


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
