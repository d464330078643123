"""Every generated fragment a hand-written page can ask for, by marker name (see ``markers``).

=========================  =========  =====================================================
marker                     stage      fragment
=========================  =========  =====================================================
catalogue                  HTML       the catalogue: the list's first page, page links, filter panel
errors                     HTML       the live preview's invalid cards (empty in a build)
statistics                 Markdown   counts by region, direction, year, rule, with charts
downloads                  Markdown   the open-data files with their sizes
export-fields              Markdown   every column of the CSV/XLSX/JSON exports
export-json                Markdown   the top level of practices.json
catalogue-fields           Markdown   the fields of catalogue.json
structure                  Markdown   the official structure of a practice's description
directions                 Markdown   the directions of best practice a card may name
golden-rules               Markdown   the «золотые правила» a card may name
card-form                  HTML       the «Предложить практику» form
calculator-form ID         HTML       a calculator's form, with its default example computed
programme-form             HTML       the «Нулевой травматизм» programme's form
calculator-PART [ID]       Markdown   a calculator's reference part (``calculators.docs``)
=========================  =========  =====================================================
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from markupsafe import Markup

from build_tools.calculator_site.calculator_forms import CalculatorFormError
from build_tools.cards.schema import SCHEMA_PATH
from build_tools.contribution import card_form
from build_tools.exports import open_data
from build_tools.site.catalogue_pages import catalogue_html
from build_tools.site.catalogue_shards import INDEX_NAME
from build_tools.site.reference import directions_markdown, golden_rules_markdown, structure_markdown
from build_tools.site.statistics import statistics_markdown
from build_tools.site_build.layout import PageRef, relative_url
from build_tools.site_build.markers import Marker, MarkerError, MarkerRegistry, Stage
from calculators import docs as calculator_docs

if TYPE_CHECKING:
    from build_tools.site_build.build import SiteBuild

CATALOGUE_SCRIPT = "assets/javascripts/catalogue.js"
CARD_FORM_SCRIPT = "assets/javascripts/card-form.js"
CARD_FORM_STYLESHEET = "assets/stylesheets/card-form.css"
CARD_FORM_MARKDOWN = "assets/javascripts/card-form-markdown.js"


def register(registry: MarkerRegistry, site: SiteBuild) -> None:
    markdown, html = Stage.MARKDOWN, Stage.HTML
    fixed = {
        "structure": structure_markdown,
        "directions": directions_markdown,
        "golden-rules": golden_rules_markdown,
        "export-fields": open_data.export_fields_markdown,
        "export-json": open_data.json_top_level_markdown,
        "catalogue-fields": open_data.catalogue_json_markdown,
    }
    for name, text in fixed.items():
        registry.register(name, markdown, lambda _marker, _page, text=text: text())
    registry.register("statistics", markdown, lambda _m, page: _statistics(site, page), uses_cards=True)
    registry.register("downloads", Stage.PAGE, lambda _m, page: _downloads(site, page), uses_cards=True)
    registry.register("catalogue", html, lambda _m, page: _catalogue(site, page), uses_cards=True)
    registry.register("errors", html, lambda _m, _page: _errors(site), uses_cards=True)
    registry.register("card-form", html, lambda _m, page: _card_form(site, page))
    registry.register("calculator-form", html, lambda marker, page: _calculator_form(site, marker, page), argument=True)
    registry.register("programme-form", html, lambda _m, page: _programme_form(site, page))
    register_calculator_parts(registry)


def register_calculator_parts(registry: MarkerRegistry) -> None:
    """The calculators' reference parts: they need nothing of the build."""
    for part in calculator_docs.SITE_PARTS:
        registry.register(f"calculator-{part}", Stage.MARKDOWN, _calculator_part)
    for part in calculator_docs.CALCULATOR_PARTS:
        registry.register(f"calculator-{part}", Stage.MARKDOWN, _calculator_part, argument=True)


def _statistics(site: SiteBuild, page: PageRef) -> str:
    # Markdown links to the sources: the generator turns them into the pages' addresses.
    layout = site.layout
    return statistics_markdown(
        site.loaded.cards,
        catalogue_link=relative_url(layout.catalogue_page, page.src_uri),
        card_link=lambda card: relative_url(layout.card_src_uri(card.id), page.src_uri),
    )


def _downloads(site: SiteBuild, page: PageRef) -> str:
    site.ensure_open_data()  # their sizes are listed

    def link(uri: str) -> str:
        return relative_url(uri, page.url)

    files = site.open_data.files
    downloads = [
        open_data.Download(link(uri), posixpath.basename(uri), description, size)
        for uri, description, size in files.downloads()
    ]
    data_file, schema_file = site.layout.data_file, site.layout.schema_file
    if site.catalogue_data_size is not None:  # not written when larger than a download may be
        downloads.append(
            open_data.Download(
                link(data_file),
                posixpath.basename(data_file),
                "компактные данные фильтров каталога (поля — ниже)",
                site.catalogue_data_size,
            )
        )
    downloads.append(
        open_data.Download(
            link(schema_file),
            posixpath.basename(schema_file),
            "JSON Schema карточки практики",
            SCHEMA_PATH.stat().st_size,
        )
    )
    return open_data.downloads_html(downloads)


def _catalogue(site: SiteBuild, page: PageRef) -> str:
    layout = site.layout
    return catalogue_html(
        site.catalogue_lists,
        link=lambda path: relative_url(layout.catalogue_list_url(path), page.url),
        card_url=lambda card: relative_url(layout.card_url(card.id), page.url),
        data_url=relative_url(f"{layout.shards_folder}/{INDEX_NAME}", page.url),
        script_url=relative_url(CATALOGUE_SCRIPT, page.url),
    )


def _errors(site: SiteBuild) -> str:
    # Only the live preview gets here with errors: a static build has already stopped.
    errors = site.loaded.errors
    if not errors:
        return ""
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(str(problem)) for problem in errors)
    return Markup(
        '<div class="admonition failure"><p class="admonition-title">'
        "Карточки с ошибками не показаны</p>"
        "<p>Исправьте ошибки — страница обновится сама.</p><ul>{}</ul></div>"
    ).format(items)


def _card_form(site: SiteBuild, page: PageRef) -> str:
    repo_url = site.settings.repo_url
    urls = {
        "script_url": relative_url(CARD_FORM_SCRIPT, page.url),
        "stylesheet_url": relative_url(CARD_FORM_STYLESHEET, page.url),
        "markdown_url": relative_url(CARD_FORM_MARKDOWN, page.url),
        "classifier_url": relative_url(card_form.CLASSIFIER_DATA, page.url),
    }
    return site.code_only_fragment(lambda: card_form.form_html(repo_url, **urls), "card-form", repo_url, urls)


def _calculator_form(site: SiteBuild, marker: Marker, page: PageRef) -> str:
    assert site.calculators is not None and marker.argument is not None, "plan() first"
    try:
        return site.calculators.form_html(marker.argument, page_url=page.url, catalogue_url=site.catalogue_url)
    except CalculatorFormError as error:
        raise MarkerError(f"{page.src_uri}: {error}") from None


def _programme_form(site: SiteBuild, page: PageRef) -> str:
    assert site.calculators is not None, "plan() first"
    return site.calculators.programme_form_html(page_url=page.url, catalogue_url=site.catalogue_url)


def _calculator_part(marker: Marker, page: PageRef) -> str:
    part = marker.name.removeprefix("calculator-")
    try:
        text = calculator_docs.part(part, marker.argument)
    except ValueError as error:
        raise MarkerError(f"{page.src_uri}: {error}") from None
    # Blank lines around the block keep tables and lists apart from the hand-written text.
    return f"\n{text}\n"
