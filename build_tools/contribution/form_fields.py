"""The fields of the «Предложить практику» form, read from the card schema.

Every field of the schema has a control, in the order of a card file. Labels, limits and
enumerations come from the schema; what the validator says about an empty or missing value is
asked of the validator itself (``_ask``), so the browser says the command line's words.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from build_tools.cards import regions
from build_tools.cards.schema import OPEN_LIST_FIELDS, SCHEMA_VERSION, card_schema
from build_tools.cards.schema_messages import FREE_ANSWERS, schema_problems

# A valid card the validator is asked about, one value changed at a time.
VALID_CARD: dict[str, Any] = {
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
# A valid item of each list of objects, and a valid cost: the base of questions about their parts.
_VALID_ITEMS: dict[str, Any] = {
    "co_organizers": {"name": "Профсоюз"},
    "sources": {"url": "https://example.org/"},
    "metrics": {"name": "Показатель", "before": 1, "after": 2},
}
_VALID_COST = {"amount": 1000}

_TEXT_KEYS = ("summary", "problem", "why_advanced", "result", "demand", "replicability", "adoptions")
_PARTIAL_DATE_HINT = "Год (ГГГГ), месяц (ММ.ГГГГ) или день (ДД.ММ.ГГГГ); можно и ГГГГ-ММ-ДД."


@dataclass(frozen=True)
class FormField:
    path: str  # the validator's dotted path; inside a list of objects, the part's key ("url")
    label: str
    # text, textarea, select, checks, open (codes + «свой вариант»), integer, number, year, period,
    # date, partial_date, okved, country, region, switch, words, body, indicator, repeat, group
    kind: str
    number: int | None = None  # the question's number in the official structure
    required: bool = False
    hint: str = ""
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    options: list[dict[str, Any]] = field(default_factory=list)
    empty: str = ""  # what the validator says when the field is left empty
    missing: str = ""  # … and when a required part of a list item or of a group is left out
    which: str = ""  # … and when an item gives none of the parts it must give one of
    which_keys: tuple[str, ...] = ()  # those parts
    rows: int = 3
    no_information: bool = False  # offers the answer «нет сведений»
    items: tuple[FormField, ...] = ()  # the parts of a list item (repeat) or of a group
    item_label: str = ""  # «Источник»: a list item's legend, numbered
    add_label: str = ""  # «Добавить источник»
    switch_label: str = ""  # country: the checkbox that makes a practice foreign

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "label": self.label,
            "kind": self.kind,
            "number": self.number,
            "required": self.required,
            "min": self.min_length,
            "max": self.max_length,
            "minimum": self.minimum,
            "options": self.options,
            "empty": self.empty,
            "missing": self.missing,
            "which": self.which,
            "which_keys": list(self.which_keys),
            "none": self.no_information,
            "items": [item.to_json() for item in self.items],
            "item_label": self.item_label,
        }


@cache
def form_fields() -> tuple[FormField, ...]:
    """The form's fields; cached, since each message is asked of the validator."""
    from calculators.indicators import INDICATORS

    schema = card_schema()
    props, defs = schema["properties"], schema["$defs"]
    org = props["organization"]["properties"]

    def options(name: str) -> list[dict[str, Any]]:
        return [{"value": option["const"], "title": option["title"]} for option in defs[name]["oneOf"]]

    def question(key: str, kind: str, empty: Any, **extra: Any) -> FormField:
        """A top-level field answered by the contributor: one of the 13 questions, the title, the direction."""
        node = props[key]
        return FormField(
            key,
            node["title"],
            kind,
            number=node.get("x-official-number"),
            required=True,
            empty=_empty_message((key,), empty),
            **extra,
        )

    def text(key: str, *, kind: str = "textarea", rows: int = 3) -> FormField:
        node = props[key]
        resolved = defs["text"] if "$ref" in node else node
        return question(
            key,
            kind,
            "",
            hint=node.get("description", ""),
            min_length=resolved.get("minLength") if resolved.get("minLength", 1) > 1 else None,
            max_length=resolved.get("maxLength"),
            rows=rows,
            no_information=key in FREE_ANSWERS,
        )

    def answer_list(key: str, option_set: str, kind: str) -> FormField:
        hint = props[key].get("description", "") if kind == "open" else ""
        return question(key, kind, [], hint=hint, options=options(option_set))

    def organization(key: str, kind: str, **extra: Any) -> FormField:
        # Question 1: the organisation's required parts.
        path = ("organization", key)
        return FormField(
            ".".join(path), org[key]["title"], kind, number=1, required=True, empty=_empty_message(path, ""), **extra
        )

    def part(group: str, key: str, kind: str, **extra: Any) -> FormField:
        """A part of a list item (``group`` is a list) or of the cost."""
        node = props[group].get("items", props[group])
        spec = node["properties"][key]
        required = key in node.get("required", [])
        path: tuple[str | int, ...] = (group, 0, key) if "items" in props[group] else (group, key)
        empty = _empty_message(path, "") if spec.get("type") == "string" else ""
        extra.setdefault("label", spec["title"])
        return FormField(
            key,
            kind=kind,
            required=required,
            minimum=spec.get("minimum"),
            empty=empty,
            missing=_missing_message(path) if required else "",
            **extra,
        )

    indicators = [{"value": "", "title": "Свой показатель (название и единица — ниже)"}] + [
        {"value": item.id, "title": f"{item.label}, {item.unit}"} for item in INDICATORS.values()
    ]
    return (
        text("title", kind="text"),
        FormField(
            "country",
            props["country"]["title"],
            "country",
            hint="Страна по-русски, например «Германия». Зарубежный опыт отмечается в каталоге и не входит в "
            "региональный отчёт.",
            empty=_empty_message(("country",), ""),
            switch_label="Зарубежный опыт — практика из другой страны",
        ),
        FormField(
            "region",
            props["region"]["title"],
            "region",
            required=True,
            options=[{"value": name, "title": name} for name in regions.REGIONS],
            empty=_empty_message(("region",), ""),
        ),
        FormField("municipality", props["municipality"]["title"], "text", empty=_empty_message(("municipality",), "")),
        FormField(
            "date",
            props["date"]["title"],
            "date",
            required=True,
            hint="Когда сведения о практике представлены: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД. По дате — год и квартал отчёта.",
            empty=_empty_message(("date",), ""),
        ),
        FormField(
            "introduced",
            props["introduced"]["title"],
            "partial_date",
            hint=f"Если известно. {_PARTIAL_DATE_HINT}",
        ),
        FormField(
            "example",
            props["example"]["title"],
            "switch",
            hint="Отметьте, только если организация вымышлена: карточка получит значок «Пример». "
            "Настоящая практика — без отметки.",
        ),
        organization("name", "text"),
        organization("sector", "select", options=options("sector")),
        organization(
            "activity",
            "okved",
            hint=(
                "Код и через пробел наименование по классификатору, например «49.41 Деятельность автомобильного "
                "грузового транспорта», или только код. Найдите код поиском ниже."
            ),
        ),
        FormField(
            "organization.employees",
            org["employees"]["title"],
            "integer",
            number=1,
            minimum=org["employees"]["minimum"],
            hint="Целое число; если неизвестна, оставьте пустым.",
        ),
        FormField(
            "co_organizers",
            props["co_organizers"]["title"],
            "repeat",
            hint=props["co_organizers"]["description"],
            items=(part("co_organizers", "name", "text"), part("co_organizers", "role", "text")),
            item_label="Соорганизатор",
            add_label="Добавить соорганизатора",
        ),
        answer_list("category", "category", "checks"),
        *(text(key, rows=4 if key == "summary" else 3) for key in _TEXT_KEYS),
        *(answer_list(key, key, "open") for key in OPEN_LIST_FIELDS),
        text("challenges"),
        text("incentives"),
        FormField(
            "sources",
            props["sources"]["title"],
            "repeat",
            hint=props["sources"]["description"],
            which=_message(_with_item("sources", {"publisher": "Издатель"}), ("sources", 0)),
            which_keys=_alternative_keys("sources"),
            items=(
                part("sources", "url", "text", hint="http:// или https://"),
                part("sources", "title", "text"),
                part("sources", "publisher", "text"),
                part("sources", "date", "partial_date", hint=_PARTIAL_DATE_HINT),
            ),
            item_label="Источник",
            add_label="Добавить источник",
        ),
        FormField(
            "metrics",
            props["metrics"]["title"],
            "repeat",
            hint="Значения до и после внедрения: показатель калькуляторов или свой. Дробные числа — через запятую.",
            which=_message(_with_item("metrics", {"before": 1, "after": 2}), ("metrics", 0)),
            which_keys=_alternative_keys("metrics"),
            items=(
                FormField("indicator", "Показатель", "indicator", options=indicators),
                part("metrics", "name", "text"),
                part("metrics", "unit", "text", hint="Например: %, случаев, дней"),
                part("metrics", "before", "number"),
                part("metrics", "after", "number"),
                part("metrics", "period_before", "period", hint="Например: 2023"),
                part("metrics", "period_after", "period", hint="Например: 2024"),
            ),
            item_label="Показатель",
            add_label="Добавить показатель",
        ),
        FormField(
            "cost",
            props["cost"]["title"],
            "group",
            hint="Если известно, сколько стоило внедрение.",
            items=(
                part("cost", "amount", "number"),
                part("cost", "year", "year"),
                part("cost", "note", "text"),
            ),
        ),
        FormField("golden_rules", props["golden_rules"]["title"], "checks", options=options("golden_rule")),
        FormField("tags", props["tags"]["title"], "words", hint="Через запятую"),
        FormField(
            "body",
            "Подробное описание",
            "body",
            hint="Текст Markdown: абзацы через пустую строку, подзаголовки «## …», списки «- …», "
            "**жирный**, *курсив*, ссылки [текст](https://…), таблицы.",
            rows=9,
        ),
    )


def _alternative_keys(group: str) -> tuple[str, ...]:
    """The parts an item must give one of: the schema's alternatives (``anyOf``/``oneOf``) of ``required``."""
    items = card_schema()["properties"][group]["items"]
    branches = items.get("anyOf") or items.get("oneOf") or []
    return tuple(key for branch in branches for key in branch.get("required", []))


def _with_item(group: str, item: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(VALID_CARD)
    data[group] = [item]
    return data


def _with_value(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The valid card with ``value`` at ``path`` (a list item or the cost made valid first)."""
    data = copy.deepcopy(VALID_CARD)
    if len(path) > 1 and path[0] in _VALID_ITEMS:
        data[path[0]] = [copy.deepcopy(_VALID_ITEMS[path[0]])]
    elif path[0] == "cost":
        data["cost"] = dict(_VALID_COST)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def _message(data: dict[str, Any], path: tuple[str | int, ...]) -> str:
    messages = [message for found, message in schema_problems(data) if found == path]
    if len(messages) != 1:
        raise AssertionError(f"the validator should say one thing about {path}: {messages}")
    return messages[0]


def _empty_message(path: tuple[str | int, ...], empty: Any) -> str:
    return _message(_with_value(path, empty), path)


def _missing_message(path: tuple[str | int, ...]) -> str:
    data = _with_value(path, None)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return _message(data, path)
