"""The GitHub issue form «Предложить практику», derived from the card schema.

The committed file `.github/ISSUE_TEMPLATE/practice.yml` must equal `issue_form_yaml()`
(a test checks it), so the form always asks exactly the card's questions.
"""

from __future__ import annotations

from typing import Any

import yaml

from build_tools.cards.schema import card_schema, direction, enum_labels, official_fields

FORM_PATH = ".github/ISSUE_TEMPLATE/practice.yml"
OPEN_LISTS = ("source", "presentation_format", "dissemination")


def issue_form() -> dict[str, Any]:
    properties = card_schema()["properties"]
    org = properties["organization"]["properties"]
    body: list[dict[str, Any]] = [
        _markdown(
            "Ответьте на вопросы структуры предоставления информации о передовом опыте. "
            "Редактор каталога оформит карточку и пришлёт ссылку на неё. "
            "Не указывайте персональные данные: вместо фамилий — должности."
        ),
        _input("title", properties["title"]["title"], "10–200 символов", required=True),
        _input("region", properties["region"]["title"], "Например: Краснодарский край", required=True),
        _input("municipality", properties["municipality"]["title"], "Например: город Краснодар"),
        _markdown(f"### 1. {official_fields()[0].question}"),
        _input("organization_name", org["name"]["title"], "Полное наименование организации или ИП", required=True),
        _dropdown("organization_sector", org["sector"]["title"], list(enum_labels("sector").values()), required=True),
        _input("organization_activity", org["activity"]["title"], org["activity"]["description"], required=True),
        _input("organization_employees", org["employees"]["title"], "Целое число"),
    ]
    body.append(
        _dropdown(direction().key, direction().label, list(direction().options.values()), multiple=True, required=True)
    )
    for field in official_fields()[1:]:
        label = f"{field.number}. {field.label}"
        if field.key in OPEN_LISTS:
            body.append(
                _dropdown(field.key, label, list(enum_labels(field.key).values()), multiple=True, hint=field.hint)
            )
            body.append(
                _input(f"{field.key}_other", f"{field.number}. Свой вариант ответа", "Если подходящего нет в списке")
            )
        else:
            description = field.hint
            if field.key == "summary":
                description = "Не более 600 символов: это анонс практики в каталоге."
            body.append(_textarea(field.key, label, description, required=True))
    body += [
        _dropdown(
            "golden_rules",
            properties["golden_rules"]["title"],
            [f"{n}. {label}" for n, label in enum_labels("golden_rule").items()],
            multiple=True,
        ),
        _textarea("body", "Подробное описание", "Как устроена практика по шагам, что потребовалось, цифры, выводы."),
        _textarea("sources", properties["sources"]["title"], "По одной ссылке http(s) в строке"),
        {
            "type": "checkboxes",
            "id": "consent",
            "attributes": {
                "label": "Подтверждение",
                "options": [
                    {
                        "label": "В ответах нет персональных данных "
                        "(телефонов, личных адресов почты, фамилий пострадавших)",
                        "required": True,
                    },
                    {"label": "Я согласен на публикацию ответов под лицензией CC BY 4.0", "required": True},
                ],
            },
        },
    ]
    return {
        "name": "Предложить практику",
        "description": "Описать передовой опыт по охране труда без работы с файлами",
        "title": "Практика: ",
        "labels": ["новая практика"],
        "body": body,
    }


def issue_form_yaml() -> str:
    header = (
        "# Generated from build_tools/cards/schema/card.schema.json"
        " by build_tools/contribution/issue_form.py: edit those.\n"
    )
    return header + yaml.safe_dump(issue_form(), allow_unicode=True, sort_keys=False, width=1000)


def _markdown(text: str) -> dict[str, Any]:
    return {"type": "markdown", "attributes": {"value": text}}


def _input(id_: str, label: str, description: str = "", required: bool = False) -> dict[str, Any]:
    return _field("input", id_, {"label": label, "description": description}, required)


def _textarea(id_: str, label: str, description: str = "", required: bool = False) -> dict[str, Any]:
    return _field("textarea", id_, {"label": label, "description": description}, required)


def _dropdown(
    id_: str, label: str, options: list[str], multiple: bool = False, required: bool = False, hint: str = ""
) -> dict[str, Any]:
    attributes = {"label": label, "description": hint, "multiple": multiple, "options": options}
    return _field("dropdown", id_, attributes, required)


def _field(kind: str, id_: str, attributes: dict[str, Any], required: bool) -> dict[str, Any]:
    attributes = {key: value for key, value in attributes.items() if value != ""}
    return {"type": kind, "id": id_, "attributes": attributes, "validations": {"required": required}}
