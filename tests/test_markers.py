"""The one marker syntax of generated fragments, and the site's URL layout."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from build_tools.site_build.layout import PageRef, UrlLayout, relative_url
from build_tools.site_build.markers import MarkerError, MarkerRegistry, Stage

PAGE = PageRef("guide/page.md", "guide/page/")


def registry() -> MarkerRegistry:
    markers = MarkerRegistry()
    markers.register("table", Stage.MARKDOWN, lambda marker, page: f"| таблица для {page.src_uri} |")
    markers.register("form", Stage.HTML, lambda marker, page: f"<form data-id={marker.argument}></form>", argument=True)
    return markers


def test_markdown_markers_are_replaced_on_their_own_line_and_html_ones_after_conversion() -> None:
    text = "До\n<!-- practices:table -->\n<!-- practices:form coefficients -->\nПосле"
    markdown = registry().expand(text, Stage.MARKDOWN, PAGE)
    assert markdown == "До\n| таблица для guide/page.md |\n<!-- practices:form coefficients -->\nПосле"
    html = registry().expand("<p>x</p>\n<!-- practices:form coefficients -->", Stage.HTML, PAGE)
    assert html == "<p>x</p>\n<form data-id=coefficients></form>"


def test_markers_shown_as_code_are_left_alone() -> None:
    text = "```html\n<!-- practices:table -->\n<!-- practices:nonsense -->\n```\nКод: `<!-- practices:table -->`."
    assert registry().expand(text, Stage.MARKDOWN, PAGE) == text
    escaped = "<pre><code>&lt;!-- practices:nonsense --&gt;</code></pre>"
    assert registry().expand(escaped, Stage.HTML, PAGE) == escaped


@pytest.mark.parametrize(
    ("text", "stage", "message"),
    [
        ("<!-- practices:tabel -->", Stage.MARKDOWN, "guide/page.md: неизвестная метка «<!-- practices:tabel -->»"),
        ("<p><!-- practices:tabel --></p>", Stage.HTML, "guide/page.md: неизвестная метка"),
        ("<!-- practices:form -->", Stage.HTML, "не указано, к чему она относится"),
        ("<!-- practices:table coefficients -->", Stage.MARKDOWN, "не бывает аргумента"),
        ("Текст <!-- practices:table --> в строке", Stage.MARKDOWN, "должна стоять в отдельной строке"),
        ("<!-- calculator-inputs: coefficients -->", Stage.MARKDOWN, "записана по-старому"),
        # The developers' page's markers as they landed on main before this syntax.
        ("<!-- calculator-fields: economics -->", Stage.MARKDOWN, "записана по-старому"),
        ("<!-- calculator-ids -->", Stage.MARKDOWN, "записана по-старому"),
    ],
)
def test_a_marker_that_names_nothing_fails_naming_the_page(text: str, stage: Stage, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        registry().expand(text, stage, PAGE)


def test_a_fragment_of_written_files_waits_in_the_page_until_it_is_finished() -> None:
    markers = registry()
    markers.register("sizes", Stage.PAGE, lambda marker, page: "<table>размеры</table>", uses_cards=True)
    text = "До\n<!-- practices:sizes -->\n<!-- practices:form coefficients -->\nПосле"
    markdown = markers.expand(text, Stage.MARKDOWN, PAGE)
    assert markdown == text  # both wait: the form for the HTML, the sizes for the finished page
    html = markers.expand(markdown, Stage.HTML, PAGE)
    assert html == "До\n<!-- practices:sizes -->\n<form data-id=coefficients></form>\nПосле"
    assert (
        markers.expand(html, Stage.PAGE, PAGE)
        == "До\n<table>размеры</table>\n<form data-id=coefficients></form>\nПосле"
    )
    assert markers.waits_for_files(text) and not markers.waits_for_files("<!-- practices:form coefficients -->")
    with pytest.raises(MarkerError, match="должна стоять в отдельной строке"):
        markers.expand("Текст <!-- practices:sizes --> в строке", Stage.MARKDOWN, PAGE)


def test_pages_whose_fragments_follow_the_cards_are_recognised() -> None:
    markers = MarkerRegistry()
    markers.register("catalogue", Stage.HTML, lambda marker, page: "", uses_cards=True)
    markers.register("structure", Stage.MARKDOWN, lambda marker, page: "")
    assert markers.uses_cards("Текст\n<!-- practices:catalogue -->\n")
    assert not markers.uses_cards("Текст\n<!-- practices:structure -->\n<!-- другое -->\n")


URL_PAIRS = [
    ("catalogue/", "practices/x/"),
    ("catalogue/", ""),
    ("data/catalogue.json", "downloads.md"),
    ("catalogue.md", "statistics.md"),
    ("assets/images/icons.svg", "calculators/coefficients/"),
    ("assets/images/icons.svg", "calculators/coefficients.html"),
    ("practices/x/", "catalogue/"),
    ("practices/x.html", "catalogue.html"),
    ("a/b/c/", "a/b/c/"),
    ("a/../../b/", "x/"),
]


@pytest.mark.parametrize(("target", "base"), URL_PAIRS)
def test_relative_addresses_are_those_mkdocs_makes(target: str, base: str) -> None:
    assert relative_url(target, base) == get_relative_url(target, base)


def test_relative_addresses_by_hand() -> None:
    assert relative_url("catalogue/", "practices/x/") == "../../catalogue/"
    assert relative_url("data/catalogue.json", "downloads.md") == "data/catalogue.json"
    assert relative_url("catalogue/", "catalogue/") == "./"


SOURCES = ["index.md", "catalogue.md", "calculators/index.md", "calculators/coefficients.md", "practices/x.md"]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src_uri", SOURCES)
def test_page_addresses_are_those_mkdocs_gives_its_files(src_uri: str, directory_urls: bool) -> None:
    expected = File(src_uri, "/docs", "/site", use_directory_urls=directory_urls)
    layout = UrlLayout(directory_urls=directory_urls)
    assert layout.dest_uri(src_uri) == expected.dest_uri
    assert layout.page_url(src_uri) == ("" if expected.url in (".", "./") else expected.url)


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("card_id", ["x", "okhrana-truda-2026", "index"])
def test_card_page_addresses_are_those_mkdocs_gives_its_files(card_id: str, directory_urls: bool) -> None:
    """The adapter hands MkDocs a card page's file and address as the layout has them."""
    layout = UrlLayout(directory_urls=directory_urls)
    expected = File(layout.card_src_uri(card_id), "/docs", "/site", use_directory_urls=directory_urls)
    assert layout.card_dest_uri(card_id) == expected.dest_uri
    assert layout.card_url(card_id) == expected.url


def test_card_files_sit_beside_their_page_in_either_layout() -> None:
    assert UrlLayout().card_docx_uri("x") == "practices/x/x.docx"
    assert UrlLayout(directory_urls=False).card_docx_uri("x") == "practices/x.docx"
    assert UrlLayout(directory_urls=False).card_url("x") == "practices/x.html"
    assert UrlLayout(site_url="https://example.org/").absolute_card_url("x") == "https://example.org/practices/x/"
    assert UrlLayout(site_url="http://127.0.0.1:8000/").absolute_card_url("x") == "practices/x/"
