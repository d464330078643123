"""What keeps card pages light: icons in one sprite, the palette script in one file, the theme's
template filled in once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.theme.icon_sprite import IconSprite
from build_tools.theme.page_shell import CONTENT, TITLE, PageShell, PageShellError
from build_tools.theme.theme_scripts import ThemeScriptError, palette_script
from tests.sites import REPO

MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
GIT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><!--! Font Awesome Free 7.1.0 '
    'License - https://fontawesome.com/license/free (Icons: CC BY 4.0) --><path d="M439.6 236.1z"/></svg>'
)
CHART = (
    '<svg class="stats-chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="5" height="5"/><text x="1" y="1">5</text></svg>'
)


def test_icons_become_references_to_one_sprite_and_charts_stay_inline() -> None:
    sprite = IconSprite()
    page = sprite.link(f"<header>{MENU}{GIT}</header><main>{CHART}</main><footer>{MENU}</footer>", "../../icons.svg")
    assert "<path" not in page.replace(CHART, "")
    assert CHART in page
    references = re.findall(r'<use href="\.\./\.\./icons\.svg#(i[0-9a-f]+)"/>', page)
    assert len(references) == 3 and references[0] == references[2] != references[1]
    svg = sprite.svg()
    for symbol in set(references):
        assert f'<symbol id="{symbol}"' in svg
    assert "Font Awesome Free 7.1.0" in svg  # the icon's licence notice travels with it
    assert svg.count("<symbol") == 2


def test_a_page_shell_is_filled_with_each_pages_values() -> None:
    shell = PageShell.from_rendering(f"<title>{TITLE}</title><h2>{TITLE}</h2><main>{CONTENT}</main>")
    page = shell.fill(title="Аудиты &amp; тесты", content=f"<p>{TITLE}</p>", edit_url=None, canonical_url=None)
    # The content is put in as it is, even text that looks like a placeholder.
    assert page == f"<title>Аудиты &amp; тесты</title><h2>Аудиты &amp; тесты</h2><main><p>{TITLE}</p></main>"


def test_a_template_that_prints_the_content_twice_cannot_be_a_shell() -> None:
    with pytest.raises(PageShellError):
        PageShell.from_rendering(f"{CONTENT}{CONTENT}")


def test_the_palette_script_comes_from_the_themes_own_partial(tmp_path: Path) -> None:
    import material

    theme = Path(material.__file__).parent / "templates"
    script = palette_script([REPO / "overrides", theme])
    assert "__md_get" in script and "<script" not in script
    with pytest.raises(ThemeScriptError):
        palette_script([REPO / "overrides", tmp_path])


def test_card_pages_are_light(fixture_site: Path) -> None:
    card_page = fixture_site / "practices" / "povedencheskie-audity-bezopasnosti" / "index.html"
    page = card_page.read_text(encoding="utf-8")
    assert "<path" not in page  # every icon is in the sprite
    assert '__md_get("__palette")' not in page  # the palette script is a file
    sprite = (fixture_site / "assets" / "images" / "icons.svg").read_text(encoding="utf-8")
    for symbol in re.findall(r'icons\.svg#(i[0-9a-f]+)"', page):
        assert f'id="{symbol}"' in sprite
    assert (fixture_site / "assets" / "javascripts" / "palette.js").is_file()
