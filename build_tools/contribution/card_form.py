"""The «Предложить практику» form: every field of a card, checked in the browser with the very
messages of ``python -m build_tools validate``.

The browser cannot run the Python validator (jsonschema needs a compiled extension), so the form
gets, from here, everything the validator would say: the message templates themselves
(``schema_messages``, ``checks``), the messages for an empty field (asked of the validator for
each field at build time), the limits and patterns of the schema, the ОКВЭД 2 classes and the
subjects of the Federation. A test fills the form in Chromium with broken answers and compares its
messages with the command line's, word for word.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markupsafe import Markup

from build_tools.cards import characters, checks, okved, regions, schema_messages, translit
from build_tools.cards.schema import SCHEMA_VERSION, card_schema
from build_tools.site.render import environment

# A valid card the validator is asked about, one field emptied at a time.
_VALID: dict[str, Any] = {
    "schema_version": SCHEMA_VERSION,
    "title": "Поведенческие аудиты безопасности",
    "region": "Краснодарский край",
    "date": "2026-01-15",
    "organization": {"name": "Организация", "sector": "commercial", "activity": "52.10"},
    "category": ["organization"],
    "summary": "Текст.",
    "problem": "Текст.",
    "why_advanced": "Текст.",
    "result": "Текст.",
    "demand": "Текст.",
    "replicability": "Текст.",
    "adoptions": "Текст.",
    "source": ["direct"],
    "presentation_format": ["round_table"],
    "dissemination": ["website"],
    "challenges": "Текст.",
    "incentives": "Текст.",
}

_TEXT_KEYS = ("summary", "problem", "why_advanced", "result", "demand", "replicability", "adoptions")


@dataclass(frozen=True)
class FormField:
    path: str  # dotted, as the validator names it: "organization.activity"
    label: str
    kind: str  # text, textarea, date, select, checks, integer, lines, words, body
    number: int | None = None  # the question's number in the official structure
    required: bool = False
    hint: str = ""
    min_length: int | None = None
    max_length: int | None = None
    options: list[dict[str, Any]] = field(default_factory=list)
    empty: str = ""  # what the validator says when the field is left empty
    rows: int = 3

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "label": self.label,
            "kind": self.kind,
            "number": self.number,
            "required": self.required,
            "min": self.min_length,
            "max": self.max_length,
            "options": self.options,
            "empty": self.empty,
        }


@cache
def form_fields() -> tuple[FormField, ...]:
    """The form's fields; cached, since each empty-field message is asked of the validator."""
    schema = card_schema()
    props, defs = schema["properties"], schema["$defs"]
    org = props["organization"]["properties"]

    def options(name: str) -> list[dict[str, Any]]:
        return [{"value": option["const"], "title": option["title"]} for option in defs[name]["oneOf"]]

    def text(key: str, *, kind: str = "textarea", rows: int = 3) -> FormField:
        node = props[key]
        resolved = defs["text"] if "$ref" in node else node
        return FormField(
            key,
            node["title"],
            kind,
            number=node.get("x-official-number"),
            required=True,
            hint=node.get("description", ""),
            min_length=resolved.get("minLength") if resolved.get("minLength", 1) > 1 else None,
            max_length=resolved.get("maxLength"),
            empty=_empty_message((key,), ""),
            rows=rows,
        )

    def checks_field(key: str, option_set: str) -> FormField:
        node = props[key]
        return FormField(
            key,
            node["title"],
            "checks",
            number=node.get("x-official-number"),
            required=True,
            options=options(option_set),
            empty=_empty_message((key,), []),
        )

    def organization(key: str, kind: str, **extra: Any) -> FormField:
        # Question 1: the organisation's required parts.
        path = ("organization", key)
        return FormField(
            ".".join(path), org[key]["title"], kind, number=1, required=True, empty=_empty_message(path, ""), **extra
        )

    return (
        text("title", kind="text"),
        FormField(
            "region",
            props["region"]["title"],
            "select",
            required=True,
            options=[{"value": name, "title": name} for name in regions.REGIONS],
            empty=_empty_message(("region",), ""),
        ),
        FormField("municipality", props["municipality"]["title"], "text"),
        FormField("date", props["date"]["title"], "date", required=True, empty=_empty_message(("date",), "")),
        organization("name", "text"),
        organization("sector", "select", options=options("sector")),
        organization(
            "activity",
            "text",
            hint=(
                "Код и через пробел наименование по классификатору, например «49.41 Деятельность автомобильного "
                "грузового транспорта», или только код"
            ),
        ),
        FormField("organization.employees", org["employees"]["title"], "integer", number=1),
        checks_field("category", "category"),
        *(text(key, rows=4 if key == "summary" else 3) for key in _TEXT_KEYS),
        checks_field("source", "source"),
        checks_field("presentation_format", "presentation_format"),
        checks_field("dissemination", "dissemination"),
        text("challenges"),
        text("incentives"),
        FormField("golden_rules", props["golden_rules"]["title"], "checks", options=options("golden_rule")),
        FormField("tags", props["tags"]["title"], "words", hint="Через запятую"),
        FormField("sources", props["sources"]["title"], "lines", hint="По одной ссылке в строке, http:// или https://"),
        FormField(
            "body", "Подробное описание", "body", hint="Текст Markdown: абзацы, списки, подзаголовки «## …»", rows=9
        ),
    )


def form_rules(repo_url: str | None) -> dict[str, Any]:
    """Everything the browser needs to check a card and write its file."""
    return {
        "fields": [item.to_json() for item in form_fields()],
        "messages": {
            "too_short": schema_messages.TOO_SHORT,
            "too_long": schema_messages.TOO_LONG,
            "below_minimum": schema_messages.BELOW_MINIMUM,
            "wrong_type": schema_messages.WRONG_TYPE,
            "integer": "целое число",
            "patterns": schema_messages.PATTERN_MESSAGES,
            "no_such_date": checks.NO_SUCH_DATE,
            "future_date": checks.FUTURE_DATE,
            "early_date": checks.EARLY_DATE,
            "unknown_okved_code": okved.UNKNOWN_CODE,
            "phone": checks.PHONE_WARNING,
            "email": checks.EMAIL_WARNING,
            "forbidden_character": checks.FORBIDDEN_CHARACTER,
            "invisible_only": checks.INVISIBLE_ONLY,
            "too_big_integer": checks.TOO_BIG_INTEGER,
        },
        # The characters the validator refuses (and those that show nothing), as the browser's
        # regular expressions generated from the same table.
        "characters": characters.js_patterns(),
        "max_integer": checks.MAX_INTEGER,
        "earliest_year": checks.EARLIEST_YEAR,
        "okved_classes": [
            f"{group:02d}" for section in okved.SECTIONS for group in range(section.first, section.last + 1)
        ],
        "patterns": {
            "activity": card_schema()["properties"]["organization"]["properties"]["activity"]["pattern"],
            "url": card_schema()["properties"]["sources"]["items"]["properties"]["url"]["pattern"],
            "okved_code": okved.CODE.pattern,
            # Python's \w is every letter and digit; the browser's needs the Unicode classes.
            "phone": checks.PHONE_PATTERN,
            "email": checks.EMAIL_PATTERN.replace(r"\w", r"\p{L}\p{N}_"),
        },
        "schema_version": SCHEMA_VERSION,
        "translit": translit.LETTERS,
        "max_slug": translit.MAX_SLUG,
        "repo_url": (repo_url or "").rstrip("/"),
    }


def form_html(repo_url: str | None, *, script_url: str, stylesheet_url: str) -> str:
    rules = form_rules(repo_url)
    # JSON in a <script> element: "</" must not close it.
    rules_json = json.dumps(rules, ensure_ascii=False).replace("</", "<\\/")
    return (
        environment()
        .get_template("card_form.html.j2")
        .render(
            fields=form_fields(),
            rules_json=Markup(rules_json),
            script_url=script_url,
            stylesheet_url=stylesheet_url,
            repo_url=rules["repo_url"],
        )
    )


def _empty_message(path: tuple[str, ...], empty: Any) -> str:
    data = copy.deepcopy(_VALID)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = empty
    messages = [message for found, message in schema_messages.schema_problems(data) if found == path]
    if len(messages) != 1:
        raise AssertionError(f"the validator should say one thing about an empty {path}: {messages}")
    return messages[0]
