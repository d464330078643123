"""The GitHub issue form «Предложить практику», derived from the card schema.

The committed file `.github/ISSUE_TEMPLATE/practice.yml` must equal `issue_form_yaml()`
(a test checks it), so the form always asks exactly the card's questions.
"""

from __future__ import annotations

from typing import Any

import yaml

from build_tools.cards.answers import NO_INFORMATION
from build_tools.cards.schema import OPEN_LIST_FIELDS, card_schema, direction, enum_labels, official_fields
from build_tools.cards.schema_messages import FREE_ANSWERS

FORM_PATH = ".github/ISSUE_TEMPLATE/practice.yml"
OPEN_LISTS = OPEN_LIST_FIELDS
REAL_PRACTICE = "Настоящая практика (из опыта организации или публикации)"
EXAMPLE_PRACTICE = "Пример с вымышленной организацией"


def issue_form() -> dict[str, Any]:
    properties = card_schema()["properties"]
    org = properties["organization"]["properties"]
    cost = properties["cost"]["properties"]
    none_hint = f"Если источник об этом не сообщает — «{NO_INFORMATION}»."
    body: list[dict[str, Any]] = [
        _markdown(
            "Ответьте на вопросы структуры предоставления информации о передовом опыте. "
            "Редактор каталога оформит карточку и пришлёт ссылку на неё. "
            f"Если источник не отвечает на вопрос, напишите «{NO_INFORMATION}». "
            "Не указывайте персональные данные: вместо фамилий — должности."
        ),
        _input("title", properties["title"]["title"], "10–200 символов", required=True),
        _dropdown(
            "example",
            "Настоящая практика или пример",
            [REAL_PRACTICE, EXAMPLE_PRACTICE],
            required=True,
            hint="Пример — карточка с вымышленной организацией: в каталоге у неё значок «Пример».",
        ),
        _input(
            "country", f"{properties['country']['title']} (для зарубежного опыта)", properties["country"]["description"]
        ),
        _input(
            "region",
            properties["region"]["title"],
            "Например: Краснодарский край. Для зарубежного опыта — регион страны, необязательно.",
        ),
        _input("municipality", properties["municipality"]["title"], "Например: город Краснодар"),
        _input("introduced", properties["introduced"]["title"], "Год, месяц или день, например 2023 или 05.2023"),
        _markdown(f"### 1. {official_fields()[0].question}"),
        _input("organization_name", org["name"]["title"], "Полное наименование организации или ИП", required=True),
        _dropdown("organization_sector", org["sector"]["title"], list(enum_labels("sector").values()), required=True),
        _input(
            "organization_activity",
            org["activity"]["title"],
            "Код ОКВЭД 2 и наименование по классификатору, например «52.10 Деятельность по складированию и "
            "хранению», или только код",
            required=True,
        ),
        _input("organization_employees", org["employees"]["title"], "Целое число, если известна"),
        _textarea(
            "co_organizers",
            properties["co_organizers"]["title"],
            f"{properties['co_organizers']['description']} По одной организации в строке: наименование — роль.",
        ),
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
                _input(
                    f"{field.key}_other",
                    f"{field.number}. Свой вариант ответа",
                    f"Если подходящего нет в списке; {none_hint[0].lower()}{none_hint[1:]}",
                )
            )
        else:
            description = " ".join(
                part for part in (field.hint, none_hint if field.key in FREE_ANSWERS else "") if part
            )
            if field.key == "summary":
                description = "Не более 600 символов: это анонс практики в каталоге."
            body.append(_textarea(field.key, label, description[:1].upper() + description[1:], required=True))
    body += [
        _textarea(
            "sources",
            properties["sources"]["title"],
            "По публикации в строке: адрес (http:// или https://), заголовок, кто опубликовал, дата публикации.",
        ),
        _textarea(
            "metrics",
            properties["metrics"]["title"],
            "По показателю в строке: название и единица, значение до внедрения (период), после (период), "
            "например «Доля работников без СИЗ, %: 11 (2023) → 3 (2024)».",
        ),
        _input(
            "cost_amount", f"{properties['cost']['title']}: {cost['amount']['title'].lower()}", "Число, если известно"
        ),
        _input("cost_year", cost["year"]["title"], "Например: 2024"),
        _input("cost_note", cost["note"]["title"]),
        _dropdown(
            "golden_rules",
            properties["golden_rules"]["title"],
            [f"{n}. {label}" for n, label in enum_labels("golden_rule").items()],
            multiple=True,
        ),
        _input("tags", properties["tags"]["title"], "Через запятую"),
        _textarea("body", "Подробное описание", "Как устроена практика по шагам, что потребовалось, цифры, выводы."),
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
