"""The «Программа "Нулевой травматизм"» page's form: the shell here, the rest in programme-page.js.

A docs page names the form with the marker line ``<!-- practices:programme-form -->``
(``build_tools.site_build.fragments``). The build
writes the fixed part of the form (the passport, the sources of financing and the risks of section
7, labelled with the programme's own field declarations) and, in a ``<script
type="application/json">``, everything the page script needs to lead the employer through seed
003: the goals, tasks, four typical indicators with their methods, the seven golden rules and the
36 measures, the field labels and limits, and the empty programme to start from. The lists that
grow with the programme (indicators, years, measures) are drawn by ``programme-page.js``; the
checks, E_i and the DOCX are the ``calculators.programme`` code run in the browser by Pyodide.

No MkDocs here; everything in the HTML is escaped by Jinja's autoescape.
"""

from __future__ import annotations

from typing import Any

from build_tools.calculator_site import pyodide_assets
from build_tools.calculator_site.calculator_forms import FormUrls, script_json
from build_tools.site.render import environment
from calculators import programme, vision_zero, zero_injury
from calculators import programme_template as template
from calculators.declarations import Input
from calculators.vision_zero_measures import MEASURES, RULES

STORAGE_KEY = "okhrana-truda:programme"
# Where the Vision Zero page keeps its answers: calculator-page.js stores a data-store="local"
# form under «okhrana-truda:calculator:<calculator id>».
VISION_ZERO_KEY = f"okhrana-truda:calculator:{vision_zero.CALCULATOR.id}"
# The answers that pre-select a measure: it is not (fully) carried out yet.
NOT_IMPLEMENTED = ("no", "partly")


def _label(item: Input) -> dict[str, Any]:
    return {"label": item.label, "unit": item.unit, "hint": item.hint, "max_length": item.max_length}


def empty_programme() -> dict[str, Any]:
    """The programme a new reader starts from: the template's goals, tasks and four indicators."""
    return {
        "organization": "",
        "title": "",
        "approved_by": "",
        "years": ["", ""],
        "financing": {},
        "financing_sources": "",
        "goals": list(template.GOALS),
        "tasks": list(template.TASKS),
        "indicators": [
            {"preset": item.id, "base": "", "plan": {}, "actual": {}} for item in template.TYPICAL_INDICATORS
        ],
        "measures": [],
        "risks": {item.id: "" for item in programme.RISK_FIELDS},
    }


def page_data(catalogue_url: str) -> dict[str, Any]:
    indicator_fields = {item.id: item for item in programme.INDICATOR_FIELDS}
    measure_fields = {item.id: item for item in programme.MEASURE_FIELDS}
    return {
        "storage_key": STORAGE_KEY,
        "vision_zero": {
            "key": VISION_ZERO_KEY,
            "prefix": vision_zero.measure_id(MEASURES[0]).removesuffix(str(MEASURES[0].number)),
            "not_implemented": list(NOT_IMPLEMENTED),
        },
        "catalogue": catalogue_url,
        "years": {
            "min": zero_injury.FIRST_YEAR,
            "max": zero_injury.LAST_YEAR,
            "span": programme.MAX_PROGRAMME_YEARS,
        },
        "limits": {
            "indicators": programme.MAX_INDICATORS,
            "measures": programme.MAX_MEASURES,
            "list": programme.MAX_LIST_ITEMS,
        },
        "labels": {
            "goal": _label(programme.GOAL),
            "task": _label(programme.TASK),
            "financing": _label(programme.FINANCING),
            "indicator": {key: _label(item) for key, item in indicator_fields.items()},
            "better": [{"value": c.value, "label": c.label} for c in indicator_fields["better"].choices],
            "plan": _label(programme.PLAN),
            "actual": _label(programme.ACTUAL),
            "measure": {key: _label(item) for key, item in measure_fields.items()},
        },
        "programme_name": template.PROGRAMME_NAME,
        "typical": [{"id": item.id, "name": item.name, "method": item.method} for item in template.TYPICAL_INDICATORS],
        "rules": [{"number": rule.number, "rule": rule.rule, "section": rule.section} for rule in RULES],
        "own_section": f"{len(RULES) + 1}. {template.OWN_SECTION}",
        "measures": [{"number": m.number, "rule": m.rule, "text": m.text, "term": m.term} for m in MEASURES],
        "empty": empty_programme(),
    }


def form_html(urls: FormUrls, programme_stylesheet: str) -> str:
    """The form's HTML; ``urls.script`` is programme-page.js."""
    data = page_data(urls.catalogue)
    return (
        environment()
        .get_template("programme_form.html.j2")
        .render(
            urls=urls,
            boot=pyodide_assets.boot_attributes(),
            programme_stylesheet=programme_stylesheet,
            data_json=script_json(data),
            template=template,
            organization=programme.ORGANIZATION,
            title=programme.TITLE,
            approved_by=programme.APPROVED_BY,
            first_year=programme.FIRST_YEAR,
            last_year=programme.LAST_YEAR,
            sources=programme.SOURCES,
            risks=programme.RISK_FIELDS,
            rules=RULES,
            years=data["years"],
        )
    )
