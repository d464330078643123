"""Split a card file into YAML front matter and Markdown body, keeping line numbers.

Dates are read as plain strings (not ``datetime.date``) so that an impossible date
such as 2026-02-30 becomes a validation message with its line, not a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CardLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loader without the implicit timestamp type."""


_CardLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(Exception):
    """The front matter is missing or is not valid YAML; ``line`` is 1-based in the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class FrontMatter:
    data: Any
    body: str
    body_line: int
    # 1-based file line of every key and list item, by path; () is the opening line.
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path_, int]] = field(default_factory=list)
    # The text of each plain scalar YAML read as a number, by path: `activity: 24.20` is 24.2 to
    # YAML, but the file says the ОКВЭД 2 code «24.20».
    number_texts: dict[Path_, str] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known ancestor of ``path``."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


def parse(text: str) -> FrontMatter:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "нет фронтматтера: файл должен начинаться строкой «---»")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    else:
        raise FrontMatterError(1, "фронтматтер не закрыт: нет второй строки «---»")
    yaml_text = "".join(lines[1:end])
    offset = 2  # the YAML's first line is the file's second line
    try:
        loader = _CardLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + offset if mark else 1
        raise FrontMatterError(line, _describe_yaml_error(error)) from error
    except yaml.YAMLError as error:
        raise FrontMatterError(1, f"ошибка YAML: {error}") from error
    front = FrontMatter(data=data, body="".join(lines[end + 1 :]), body_line=end + 2)
    front.lines[()] = 1
    if node is not None:
        _index_lines(node, (), offset, front)
    return front


def _index_lines(node: yaml.Node, path: Path_, offset: int, front: FrontMatter) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            line = key_node.start_mark.line + offset
            if key in seen:
                front.duplicate_keys.append((child, line))
            seen.add(key)
            front.lines.setdefault(child, line)
            _index_lines(value_node, child, offset, front)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            front.lines[child] = item.start_mark.line + offset
            _index_lines(item, child, offset, front)
    elif node.tag in _NUMBER_TAGS and not node.style:  # plain, not quoted
        front.number_texts[path] = node.value


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _describe_yaml_error(error: yaml.MarkedYAMLError) -> str:
    # PyYAML's own wording is English; keep it after a Russian lead so nothing is lost.
    problem = error.problem or error.context or "неизвестная ошибка"
    hints = {
        "mapping values are not allowed here": (
            "двоеточие с пробелом внутри значения: заключите значение в кавычки или используйте «>-»"
        ),
        "found character '\\t' that cannot start any token": "табуляция вместо пробелов",
        "could not find expected ':'": "ожидалось «ключ: значение»",
        "did not find expected key": "нарушены отступы",
        "found undefined alias": "неизвестная ссылка «*»",
        "did not find expected ',' or ']'": "список в квадратных скобках не закрыт «]»",
        "did not find expected ',' or '}'": "набор в фигурных скобках не закрыт «}»",
        "found unexpected end of stream": "не закрыты кавычки",
    }
    for english, russian in hints.items():
        if english in problem:
            return f"ошибка YAML: {russian} ({problem})"
    return f"ошибка YAML: {problem}"
