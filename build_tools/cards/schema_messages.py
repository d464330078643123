"""Russian messages for JSON Schema errors.

jsonschema speaks English and reports alternatives (``oneOf``/``anyOf``) as nested
errors; a contributor needs one plain sentence naming the field and what is allowed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema takes a sixth of a second to import; only an invalid card needs it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from build_tools.cards.frontmatter import Path_
from build_tools.cards.schema import card_schema, field_title

TYPE_NAMES = {
    "string": "текст",
    "integer": "целое число",
    "number": "число",
    "array": "список",
    "object": "набор полей «ключ: значение»",
    "boolean": "true или false",
}

# Message templates shared with the site's «Предложить практику» form (build_tools/contribution/card_form.py),
# which checks the same fields in the browser and must say the same words.
TOO_SHORT = "слишком коротко: {length} симв., нужно не менее {limit}"
TOO_LONG = "слишком длинно: {length} симв., допустимо не более {limit}"
BELOW_MINIMUM = "значение должно быть не меньше {limit}"
ABOVE_MAXIMUM = "значение должно быть не больше {limit}"
WRONG_TYPE = "ожидается {expected}, указано: {shown}"
REQUIRED_MISSING = "обязательное поле отсутствует («{label}»)"
YEAR_DIGITS = "год должен быть записан четырьмя цифрами, указано: {shown}"
# A "code or free text" answer (questions 9–11) that is neither.
UNKNOWN_FREE_ANSWER = (
    "неизвестное значение {shown}; допустимые: {options} — или свой вариант ответа русскими словами ({hint})"
)

PARTIAL_DATE = "дата должна быть в формате ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, например 2023 или 2023-05"
PATTERN_MESSAGES = {
    "activity": (
        "нужен код ОКВЭД 2 (NN, NN.N, NN.NN, NN.NN.N или NN.NN.NN) и через пробел наименование — "
        "или только код, например «49.41 Деятельность автомобильного грузового транспорта» или «49.41»"
    ),
    "date": "дата должна быть в формате ГГГГ-ММ-ДД, например 2026-03-14",
    "url": "допускаются только ссылки, начинающиеся с http:// или https://",
}
# Fields whose date may be a year or a month (the schema's `partial_date`); `date` is the source's.
_PARTIAL_DATE_PATHS = {("introduced",), ("sources", "date")}
NUMERIC_CODE = 'код ОКВЭД 2 прочитан как число: заключите его в кавычки, например activity: "24.20"'
# Where a file needs the code of a value the message could only name by its Russian label.
CODES_HINT = "коды значений — на странице «Структура сведений»"


@cache
def _inlined_schema() -> dict[str, Any]:
    # Local $refs inlined: resolving a $ref costs jsonschema more than checking the value,
    # and every card has dozens of them.
    schema = _inline_refs(card_schema(), card_schema()["$defs"])
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_inlined_schema())


@cache
def _is_valid() -> Callable[[Any], Any]:
    # fastjsonschema compiles the schema to Python code: five times faster than jsonschema on a
    # valid card, which is nearly every card of a build. It stops at the first error, so an
    # invalid card is checked again by jsonschema to name every problem.
    return fastjsonschema.compile(_consts_as_enums(_inlined_schema()))


def _consts_as_enums(node: Any) -> Any:
    """``oneOf`` of ``const`` alternatives (an enumeration with Russian titles) as ``enum``.

    The same values are allowed, but fastjsonschema checks a ``oneOf`` by trying every branch
    and building an exception for each miss: forty of them per valid card.
    """
    if isinstance(node, list):
        return [_consts_as_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _consts_as_enums(value) for key, value in node.items()}
    options = node.get("oneOf")
    if options and all(isinstance(option, dict) and "const" in option for option in options):
        node = {key: value for key, value in node.items() if key != "oneOf"}
        node["enum"] = [option["const"] for option in options]
    return node


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline_refs(value, defs) for key, value in node.items() if key != "$defs"}
    ref = node.pop("$ref", None)
    if ref is None:
        return node
    target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
    return {**target, **node}


def schema_problems(data: Any) -> Iterator[tuple[Path_, str]]:
    """Every schema violation as (field path, Russian message), each once."""
    try:
        _is_valid()(data)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return
    validator = _validator()
    seen: set[tuple[Path_, str]] = set()
    for error in validator.iter_errors(data):
        for found in _translate(error):
            if found not in seen:
                seen.add(found)
                yield found


def _translate(error: ValidationError) -> Iterator[tuple[Path_, str]]:
    path: Path_ = tuple(error.absolute_path)
    instance = error.instance
    kind = error.validator

    if kind == "required":
        for key in error.schema["required"]:
            if key not in instance:
                label = field_title((*path, key)) or key
                yield (*path, key), REQUIRED_MISSING.format(label=label)
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                yield (*path, key), _unknown_key_message(path, str(key), allowed)
    elif instance is None or (kind in ("minLength", "pattern", "oneOf", "anyOf") and _blank(instance)):
        # A blank choice among alternatives («sector: ""») is an empty field too, not a wrong value.
        yield path, _empty_message(error, path)
    elif kind == "type" and path == ("organization", "activity") and isinstance(instance, int | float):
        yield path, NUMERIC_CODE
    elif kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else expected
        wanted = " или ".join(TYPE_NAMES.get(name, name) for name in names)
        yield path, WRONG_TYPE.format(expected=wanted, shown=show_value(instance))
    elif kind == "minLength":
        yield path, TOO_SHORT.format(length=len(instance), limit=error.validator_value)
    elif kind == "maxLength":
        yield path, TOO_LONG.format(length=len(instance), limit=error.validator_value)
    elif kind == "pattern":
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        if _schema_path(path) in _PARTIAL_DATE_PATHS:
            yield path, PARTIAL_DATE
        else:
            yield path, PATTERN_MESSAGES.get(key, f"значение {show_value(instance)} имеет неверный вид")
    elif kind == "minItems":
        yield path, "список пуст: нужен хотя бы один пункт"
    elif kind == "uniqueItems":
        yield path, "в списке есть повторяющиеся значения"
    elif kind in ("minimum", "maximum") and _schema_path(path) in _PARTIAL_DATE_PATHS | {("cost", "year")}:
        yield path, YEAR_DIGITS.format(shown=show_value(instance))
    elif kind == "minimum":
        yield path, BELOW_MINIMUM.format(limit=error.validator_value)
    elif kind == "maximum":
        yield path, ABOVE_MAXIMUM.format(limit=error.validator_value)
    elif kind == "const" and path == ("schema_version",):
        yield path, f"версия схемы карточки — {error.validator_value}, указано: {show_value(instance)}"
    elif kind in ("oneOf", "anyOf"):
        yield from _translate_alternatives(error, path)
    else:
        yield path, f"значение {show_value(instance)} не подходит ({error.message})"


def _translate_alternatives(error: ValidationError, path: Path_) -> Iterator[tuple[Path_, str]]:
    options = _enum_options(error.schema)
    if options is not None:
        yield path, f"недопустимое значение {show_value(error.instance)}; допустимые: {options} ({CODES_HINT})"
        return
    alternatives = error.schema.get(error.validator, [])
    if alternatives and all(set(branch) <= {"required", "not", "title"} for branch in alternatives):
        # Alternatives of which fields to give: sources[] (url or title), metrics[] (indicator or name).
        yield path, _which_fields_message(error.instance, alternatives, path)
        return
    # A "code or free text" item: explain both ways of answering at once.
    nested_enum = next(
        (sub for sub in error.context or [] if sub.validator == "oneOf" and _enum_options(sub.schema) is not None),
        None,
    )
    if nested_enum is not None and isinstance(error.instance, str):
        options = _enum_options(nested_enum.schema)
        yield path, UNKNOWN_FREE_ANSWER.format(shown=show_value(error.instance), options=options, hint=CODES_HINT)
        return
    # A list-or-text field: report the errors of the alternative that matches the value's type.
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    for subs in branches.values():
        if not any(sub.validator == "type" and not sub.relative_path for sub in subs):
            for sub in subs:
                yield from _translate(sub)
            return
    yield path, f"значение {show_value(error.instance)} не подходит: ожидается текст или список"


# Questions of the official form answered in words, where the source may have nothing to say
# («нет сведений»): the empty-field message says so, and the site's form offers that answer.
FREE_ANSWERS = {
    "problem",
    "why_advanced",
    "result",
    "demand",
    "replicability",
    "adoptions",
    "challenges",
    "incentives",
}


def _empty_message(error: ValidationError, path: Path_) -> str:
    options = _enum_options(error.schema)
    if options is None:
        nested = next((_enum_options(sub.schema) for sub in error.context or [] if _enum_options(sub.schema)), None)
        options = f"{nested} — или свой вариант ответа русскими словами" if nested else None
    if options is not None:
        return f"поле пустое: укажите одно из значений: {options}"
    if error.schema.get("type") in ("integer", "number"):
        return "поле пустое: укажите число (или удалите строку, если поле необязательное)"
    if path in [(key,) for key in FREE_ANSWERS]:
        return "поле пустое: напишите ответ словами (если источник об этом не сообщает — «нет сведений»)"
    return "поле пустое: заполните его"


def _enum_options(schema: dict[str, Any]) -> str | None:
    options = schema.get("oneOf")
    if not options or not all("const" in option for option in options):
        return None
    # Russian labels only: the internal codes mean nothing to a contributor filling in a form.
    return "; ".join(option["title"] for option in options)


def _schema_path(path: Path_) -> Path_:
    """The path without list indexes: ("sources", 0, "date") → ("sources", "date")."""
    return tuple(part for part in path if isinstance(part, str))


def _which_fields_message(instance: Any, alternatives: list[dict[str, Any]], path: Path_) -> str:
    if not isinstance(instance, dict):
        return f"значение {show_value(instance)} не подходит: ожидается {TYPE_NAMES['object']}"
    if _schema_path(path) == ("metrics",):
        given = [key for key in ("indicator", "name") if key in instance]
        if len(given) == 2:
            return "укажите либо indicator (показатель калькуляторов), либо name (свой показатель), но не оба"
        if given == ["indicator"] and "unit" in instance:
            return "unit указывается только у своего показателя (name): у показателя калькуляторов единица своя"
        return "укажите показатель: indicator (показатель калькуляторов) или name (название своего показателя)"
    keys = [key for branch in alternatives for key in branch.get("required", [])]
    named = " или ".join(f"{key} ({field_title((*path, key)) or key})" for key in keys)
    return f"нужно хотя бы одно из полей: {named}"


# The mark of a draft the site's form saved with its errors (build_tools/contribution/card_form.py):
# not a field of the card, so a draft is never published; the validator says what it is.
DRAFT_KEY = "draft"
DRAFT_MESSAGE = (
    "черновик, сохранённый формой «Предложить практику» с ошибками: исправьте их (в форме — "
    "«Открыть файл», или в этом файле) и удалите строку draft"
)

# Fields that are not the card's own: of version 1 that version 2 replaced, and the draft mark.
_REPLACED = {
    ("links",): "поле links заменено списком sources: у каждого источника url, а также title, publisher, date",
    (DRAFT_KEY,): DRAFT_MESSAGE,
}


def _unknown_key_message(path: Path_, key: str, allowed: list[str]) -> str:
    if (*path, key) in _REPLACED:
        return _REPLACED[(*path, key)]
    message = "неизвестное поле"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        label = field_title((*path, close[0]))
        message += f": возможно, имелось в виду «{close[0]}»" + (f" ({label})" if label else "")
    return f"{message}. Допустимые поля: {', '.join(allowed)}"


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return f"«{value if len(value) <= 60 else value[:57] + '…'}»"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "список"
    if isinstance(value, dict):
        return "набор полей"
    return str(value)
