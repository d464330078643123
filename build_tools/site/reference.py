"""Markdown describing the card structure, generated from the schema for the site.

The questions and the directions are quoted word for word from the schema, which quotes the seeds:
the «Структура сведений» page never paraphrases the official wording. The page is for readers: it
names the answers in words; the keys and codes of the card file are in CONTRIBUTING.md and the
JSON Schema (the developers' section of the site links both).
"""

from __future__ import annotations

from build_tools.cards.schema import OPEN_LIST_FIELDS, card_schema, direction, enum_labels, official_fields


def structure_markdown() -> str:
    """The official table: number, question word for word and allowed answers."""
    properties = card_schema()["properties"]
    lines = [
        "| № | Вопрос | Ответ |",
        "|---|--------|-------|",
    ]
    for field in official_fields():
        spec = properties[field.key]
        if field.key == "organization":
            *others, last = enum_labels("sector").values()
            sectors = f"{', '.join(others)} или {last}"
            answer = (
                f"наименование; тип организации: {sectors}; код вида экономической деятельности по ОКВЭД 2 "
                "(с наименованием по классификатору или без него); среднесписочная численность (необязательно)"
            )
        elif field.key in OPEN_LIST_FIELDS:
            options = "; ".join(enum_labels(field.key).values())
            answer = f"одно или несколько значений: {options}, или свой вариант ответа"
        elif field.key == "summary":
            answer = f"текст, не более {spec['maxLength']} символов (анонс в каталоге)"
        else:
            answer = "текст"
        lines.append(f"| {field.number} | {field.question} | {answer} |")
    return "\n".join(lines) + "\n"


def directions_markdown() -> str:
    """The directions (seed 001) in the letter's own words, with their short label in the catalogue."""
    found = direction()
    lines = [f"- {found.wording[code]} — в каталоге «{label}»;" for code, label in found.options.items()]
    lines[-1] = lines[-1].removesuffix(";") + "."
    return "\n".join(lines) + "\n"


def golden_rules_markdown() -> str:
    return "\n".join(f"{number}. {label}" for number, label in enum_labels("golden_rule").items()) + "\n"
