"""Markdown describing the card structure, generated from the schema for the site."""

from __future__ import annotations

from build_tools.cards.schema import card_schema, enum_labels, official_fields

_ENUM_OF_FIELD = {
    "category": "category",
    "source": "source",
    "presentation_format": "presentation_format",
    "dissemination": "dissemination",
}


def structure_markdown() -> str:
    """The official table: number, question, key in the card file and allowed answers."""
    properties = card_schema()["properties"]
    lines = [
        "| № | Сведения | Поле карточки | Ответ |",
        "|---|----------|---------------|-------|",
    ]
    for field in official_fields():
        spec = properties[field.key]
        if field.key == "organization":
            sectors = "; ".join(enum_labels("sector").values())
            answer = (
                f"наименование; {sectors}; код и наименование вида деятельности по ОКВЭД 2; "
                "среднесписочная численность (необязательно)"
            )
        elif field.key in _ENUM_OF_FIELD:
            options = "; ".join(f"`{code}` — {label}" for code, label in enum_labels(field.key).items())
            free = "" if field.key == "category" else ", или свой вариант ответа"
            answer = f"одно или несколько значений: {options}{free}"
        elif field.key == "summary":
            answer = f"текст, не более {spec['maxLength']} символов (анонс в каталоге)"
        else:
            answer = "текст"
        description = spec.get("description", "")
        question = field.label + (f" ({description[0].lower()}{description[1:].rstrip('.')})" if description else "")
        lines.append(f"| {field.number} | {question} | `{field.key}` | {answer} |")
    return "\n".join(lines) + "\n"


def golden_rules_markdown() -> str:
    return "\n".join(f"{number}. {label}" for number, label in enum_labels("golden_rule").items()) + "\n"
