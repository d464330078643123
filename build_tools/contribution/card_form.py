"""The «Предложить практику» form: every field of a card, checked in the browser with the very
messages of ``python -m build_tools validate``.

The browser cannot run the Python validator (jsonschema needs a compiled extension), so the form
gets, from here, everything the validator would say: the message templates themselves
(``schema_messages``, ``checks``, ``okved``), the messages for an empty or missing field (asked of
the validator for each field at build time: ``form_fields``), the limits and patterns of the
schema, the subjects of the Federation and — in a file of its own, fetched only when the form
needs it — the ОКВЭД 2 classifier. Tests fill the form in Chromium with broken answers and
compare its messages with the command line's, word for word.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from markupsafe import Markup

from build_tools.cards import characters, checks, okved, regions, schema_messages, translit
from build_tools.cards.answers import NO_INFORMATION
from build_tools.cards.schema import SCHEMA_VERSION, card_schema, official_fields
from build_tools.contribution.form_fields import FormField, form_fields
from build_tools.site import card_facts, markdown_body
from build_tools.site.render import environment
from calculators.economics import RUBLES

# The classifier the form searches and checks codes against: 2,900 groupings, 400 KB (55 KB
# compressed) — a file of its own, so that only this page fetches it, and only when it is used.
CLASSIFIER_DATA = "assets/data/okved2.json"

__all__ = ["CLASSIFIER_DATA", "FormField", "classifier_json", "form_fields", "form_html", "form_rules"]


def form_messages() -> dict[str, Any]:
    """The validator's message templates the browser fills in ({length}, {code}, …)."""
    return {
        "too_short": schema_messages.TOO_SHORT,
        "too_long": schema_messages.TOO_LONG,
        "below_minimum": schema_messages.BELOW_MINIMUM,
        "wrong_type": schema_messages.WRONG_TYPE,
        "type_names": schema_messages.TYPE_NAMES,
        "year_digits": schema_messages.YEAR_DIGITS,
        "unknown_free_answer": schema_messages.UNKNOWN_FREE_ANSWER,
        "codes_hint": schema_messages.CODES_HINT,
        "patterns": schema_messages.PATTERN_MESSAGES,
        "partial_date": schema_messages.PARTIAL_DATE,
        "no_such_date": checks.NO_SUCH_DATE,
        "future_date": checks.FUTURE_DATE,
        "early_date": checks.EARLY_DATE,
        "no_information_alone": checks.NO_INFORMATION_ALONE,
        "russia_spelling": checks.RUSSIA_SPELLING.format(russia=regions.DEFAULT_COUNTRY),
        "foreign_region": checks.FOREIGN_REGION,
        "unknown_okved_code": okved.UNKNOWN_CODE,
        "nearest_group": okved.NEAREST_GROUP,
        "wrong_okved_name": okved.WRONG_NAME,
        "phone": checks.PHONE_WARNING,
        "email": checks.EMAIL_WARNING,
        "raw_html": checks.RAW_HTML_WARNING,
        "link_scheme": checks.LINK_SCHEME_WARNING,
        "body_field": checks.BODY_FIELD,
        "draft": schema_messages.DRAFT_MESSAGE,
        "forbidden_character": checks.FORBIDDEN_CHARACTER,
        "invisible_only": checks.INVISIBLE_ONLY,
        "too_big_integer": checks.TOO_BIG_INTEGER,
    }


def form_rules(repo_url: str | None, classifier_url: str = "") -> dict[str, Any]:
    """Everything the browser needs to check a card and write its file."""
    properties = card_schema()["properties"]
    free_text = card_schema()["$defs"]["free_text"]["pattern"]
    return {
        "fields": [item.to_json() for item in form_fields()],
        "messages": form_messages(),
        # The characters the validator refuses (and those that show nothing), as the browser's
        # regular expressions generated from the same table.
        "characters": characters.js_patterns(),
        "max_integer": checks.MAX_INTEGER,
        "earliest_year": checks.EARLIEST_YEAR,
        "earliest_partial_year": checks.EARLIEST_PARTIAL_YEAR,
        "no_information": NO_INFORMATION,
        "organization_label": official_fields()[0].label,
        # Words of the card page the preview repeats (build_tools/site/card_facts.py).
        "page_words": {"co_organizers": card_facts.CO_ORGANIZERS, "rubles": RUBLES},
        "patterns": {
            "activity": properties["organization"]["properties"]["activity"]["pattern"],
            "url": properties["sources"]["items"]["properties"]["url"]["pattern"],
            "date": properties["date"]["pattern"],
            "partial_date": card_schema()["$defs"]["partial_date"]["pattern"],
            "free_text": free_text,
            "okved_code": okved.CODE.pattern,
            # Python's \w is every letter and digit; the browser's needs the Unicode classes.
            "phone": checks.PHONE_PATTERN,
            "email": checks.EMAIL_PATTERN.replace(r"\w", r"\p{L}\p{N}_"),
            "raw_html": checks.RAW_HTML_PATTERN,
            "markdown_link": checks.MARKDOWN_LINK_PATTERN,
            "region_dash": regions.DASH,
        },
        "regions": regions.normalised_names(),
        "russia": list(regions.RUSSIA),
        "russia_lookalikes": sorted(regions.RUSSIA_LOOKALIKES),
        "okved": {
            "url": classifier_url,
            "lookalike_latin": okved.LOOKALIKE_LATIN,
            "lookalike_cyrillic": okved.LOOKALIKE_CYRILLIC,
            "limit": okved.SEARCH_LIMIT,
        },
        # What the site's sanitiser keeps of a body: the preview keeps the same.
        "markdown": {"tags": sorted(markdown_body.ALLOWED_TAGS), "schemes": sorted(markdown_body.URL_SCHEMES)},
        "draft_key": schema_messages.DRAFT_KEY,
        "schema_version": SCHEMA_VERSION,
        "translit": translit.LETTERS,
        "max_slug": translit.MAX_SLUG,
        "repo_url": (repo_url or "").rstrip("/"),
    }


@cache
def classifier_json() -> str:
    """The classifier for the form: ``[[code, name], …]`` in the classifier's order."""
    entries = [[entry.code, entry.name] for entry in okved.classifier().values()]
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"))


def form_html(
    repo_url: str | None, *, script_url: str, stylesheet_url: str, markdown_url: str = "", classifier_url: str = ""
) -> str:
    rules = form_rules(repo_url, classifier_url)
    # JSON in a <script> element: "</" must not close it.
    rules_json = json.dumps(rules, ensure_ascii=False).replace("</", "<\\/")
    return (
        environment()
        .get_template("card_form.html.j2")
        .render(
            fields=form_fields(),
            rules_json=Markup(rules_json),
            script_url=script_url,
            markdown_url=markdown_url,
            stylesheet_url=stylesheet_url,
            repo_url=rules["repo_url"],
            no_information=NO_INFORMATION,
        )
    )
