"""Split a card file into YAML front matter and Markdown body, keeping line numbers.

Dates are read as plain strings (not ``datetime.date``) so that an impossible date
such as 2026-02-30 becomes a validation message with its line, not a crash.

Cards come from anyone, so the YAML is read with bounded work: anchors and aliases (an
"alias bomb" of a kilobyte expands to gigabytes), nesting deeper than any card needs (libyaml's
composer recurses in C and crashes at about 100,000 levels) and tags other than YAML's plain
types are refused while composing, before anything is built.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.resolver import Resolver

Path_ = tuple[str | int, ...]

# Cards nest three levels (metrics: a list of mappings); anything near this is not a card.
MAX_DEPTH = 20
_PLAIN_TAGS = {None, "!"} | {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}
ANCHOR_REFUSED = "якоря и ссылки YAML («&имя», «*имя») в карточке не допускаются: напишите значение полностью"
TOO_DEEP = f"слишком глубокая вложенность: в карточке не больше {MAX_DEPTH} уровней"
TAG_REFUSED = "тег YAML «{tag}» в карточке не допускается: уберите его"
INTEGER_TOO_LONG = "число из {digits} цифр слишком длинное"

if getattr(yaml, "__with_libyaml__", False):  # libyaml's parser: several times faster
    from yaml.cyaml import CParser as _Parser
else:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that a card may not use; ``problem`` is already Russian."""


class _CardLoader(Composer, _Parser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
    """Safe loader: libyaml's parser, PyYAML's composer (to refuse anchors, aliases, deep nesting
    and tags before anything is built), no implicit timestamp type."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
            raise _Refused(None, None, ANCHOR_REFUSED, event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(None, None, TAG_REFUSED.format(tag=shown), event.start_mark)
        if isinstance(event, CollectionStartEvent):
            if self._depth >= MAX_DEPTH:
                raise _Refused(None, None, TOO_DEEP, event.start_mark)
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Every card repeats the same few dozen field names: one string each for all the cards
        # in memory instead of one per card (2 KB a card); marshal keeps them so in the card cache.
        mapping = super().construct_mapping(node, deep=deep)
        return {sys.intern(key) if type(key) is str else key: value for key, value in mapping.items()}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python's limit on converting long digit strings (4,300 digits)
            digits = sum(char.isdigit() for char in node.value)
            raise _Refused(None, None, INTEGER_TOO_LONG.format(digits=digits), node.start_mark) from None


_CardLoader.add_constructor("tag:yaml.org,2002:int", _CardLoader.construct_yaml_int)
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

    def path_at(self, line: int) -> Path_:
        """The field whose text ``line`` is in: what starts last on or before it (on a line that
        starts several, as ``tags: [a, b]`` does, the field they share)."""
        start = max((found for found in self.lines.values() if found <= line), default=1)
        paths = [path for path, found in self.lines.items() if found == start]
        shared = paths[0]
        for path in paths[1:]:
            length = 0
            while length < min(len(shared), len(path)) and shared[length] == path[length]:
                length += 1
            shared = shared[:length]
        return shared

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known ancestor of ``path``."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


def parse(text: str) -> FrontMatter:
    # Lines are counted at "\n" only, as editors and GitHub count them (str.splitlines would also
    # break at \v, \f, U+2028… and shift every later line number).
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise FrontMatterError(1, "нет фронтматтера: файл должен начинаться строкой «---»")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    else:
        raise FrontMatterError(1, "фронтматтер не закрыт: нет второй строки «---»")
    yaml_text = "\n".join(lines[1:end]) + "\n"
    offset = 2  # the YAML's first line is the file's second line
    try:
        loader = _CardLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = _telling_mark(error)
        line = mark.line + offset if mark else 1
        raise FrontMatterError(line, _describe_yaml_error(error, yaml_text)) from error
    except yaml.reader.ReaderError as error:
        line = _reader_error_line(yaml_text, error) + offset
        raise FrontMatterError(line, _describe_reader_error(error)) from error
    except yaml.YAMLError as error:
        raise FrontMatterError(1, f"ошибка YAML: {error}") from error
    except UnicodeEncodeError as error:  # a lone surrogate (not from a file: UTF-8 cannot hold one)
        line = yaml_text[: error.start].count("\n") + offset
        raise FrontMatterError(line, f"ошибка YAML: недопустимый символ U+{ord(yaml_text[error.start]):04X}") from error
    front = FrontMatter(data=data, body="\n".join(lines[end + 1 :]), body_line=end + 2)
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


# PyYAML's own wording is English; a Russian lead comes first and the English stays after it, so
# nothing is lost. libyaml (the C parser) and PyYAML's Python parser word some errors differently:
# both wordings are listed.
_YAML_HINTS = {
    "mapping values are not allowed": (
        "двоеточие с пробелом внутри значения: заключите значение в кавычки или используйте «>-»"
    ),
    "could not find expected ':'": "ожидалось «ключ: значение»",
    "did not find expected key": "нарушены отступы",
    "expected <block end>": "нарушены отступы",
    "did not find expected '-' indicator": "нарушены отступы в списке",
    "did not find expected ',' or ']'": "список в квадратных скобках не закрыт «]»",
    "expected ',' or ']'": "список в квадратных скобках не закрыт «]»",
    "did not find expected ',' or '}'": "набор в фигурных скобках не закрыт «}»",
    "expected ',' or '}'": "набор в фигурных скобках не закрыт «}»",
    "found unexpected end of stream": "не закрыты кавычки",
    "found unknown escape character": (
        "неизвестная последовательность «\\…» в кавычках: удвойте обратную косую черту «\\\\»"
    ),
    "found invalid Unicode character escape code": "недопустимый код символа в «\\u…» или «\\x…»",
    "but found another document": "вторая строка «---» внутри фронтматтера",
    "found unhashable key": "ключом поля может быть только слово",
    "found a tab character": "табуляция вместо пробелов",
    "block sequence entries are not allowed": "пункт списка «- …» не на своём месте: начните список с новой строки",
}
# Errors found where the text ended or moved on, while the mistake is where the construct began
# (an unclosed quote or bracket, a key without a colon): the line of its beginning is reported.
_FOUND_LATER = ("found unexpected end of stream", "could not find expected ':'", "did not find expected ','")


def _telling_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    problem = error.problem or ""
    if error.context_mark is not None and any(text in problem for text in _FOUND_LATER):
        return error.context_mark
    return error.problem_mark or error.context_mark


def _describe_yaml_error(error: yaml.MarkedYAMLError, yaml_text: str) -> str:
    if isinstance(error, _Refused):
        return str(error.problem)
    problem = error.problem or error.context or "неизвестная ошибка"
    if "cannot start any token" in problem:
        # libyaml does not name the character; the mark points at it.
        char = _char_at(error.problem_mark, yaml_text)
        if char == "\t":
            return f"ошибка YAML: табуляция вместо пробелов ({problem})"
        if char:
            return f"ошибка YAML: значение не может начинаться с «{char}»: заключите значение в кавычки ({problem})"
    for english, russian in _YAML_HINTS.items():
        if english in problem:
            return f"ошибка YAML: {russian} ({problem})"
    return f"ошибка YAML: {problem}"


def _char_at(mark: yaml.Mark | None, yaml_text: str) -> str | None:
    if mark is None:
        return None
    lines = yaml_text.split("\n")
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return None
    return lines[mark.line][mark.column]


def _reader_error_line(yaml_text: str, error: yaml.reader.ReaderError) -> int:
    # libyaml counts the position in bytes of UTF-8, PyYAML's reader in characters.
    if getattr(yaml, "__with_libyaml__", False):
        return yaml_text.encode("utf-8")[: error.position].count(b"\n")
    return yaml_text[: error.position].count("\n")


def _describe_reader_error(error: yaml.reader.ReaderError) -> str:
    return f"ошибка YAML: недопустимый символ U+{error.character:04X} ({error.reason})"
