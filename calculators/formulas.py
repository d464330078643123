"""Plain-text formulas that are both shown to readers and evaluated.

A formula such as ``{victims} × 1000 / {headcount}`` is the single statement of a rate: the docs
print it with symbols (``T × 1000 / P``) and with the numbers of a worked example, and the
calculator evaluates the very same text, so the two cannot drift apart. The grammar is tiny:
numbers, ``{input_id}``, ``+ − × /`` and parentheses, evaluated left to right with the usual
precedence, exactly as Python would evaluate the same expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

Number = int | float

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|\{([a-z0-9_]+)\}|([+−×/()]))")


@dataclass(frozen=True)
class Num:
    value: Number


@dataclass(frozen=True)
class Var:
    id: str


@dataclass(frozen=True)
class Op:
    op: str
    left: Node
    right: Node


Node = Num | Var | Op


class MissingValuesError(Exception):
    def __init__(self, ids: list[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = ids


class ZeroDivisorError(Exception):
    def __init__(self, divisor: Node) -> None:
        super().__init__("division by zero")
        self.divisor = divisor


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"bad formula {text!r} at {position}")
        number, name, symbol = match.groups()
        if number is not None:
            tokens.append(("num", number))
        elif name is not None:
            tokens.append(("var", name))
        else:
            tokens.append(("op", symbol))
        position = match.end()
    return tokens


@cache
def parse(text: str) -> Node:
    tokens = _tokens(text)
    node, rest = _sum(tokens)
    if rest:
        raise ValueError(f"bad formula {text!r}: unexpected {rest[0][1]!r}")
    return node


def _sum(tokens: list[tuple[str, str]]) -> tuple[Node, list[tuple[str, str]]]:
    node, tokens = _product(tokens)
    while tokens and tokens[0] in (("op", "+"), ("op", "−")):
        op = tokens[0][1]
        right, tokens = _product(tokens[1:])
        node = Op(op, node, right)
    return node, tokens


def _product(tokens: list[tuple[str, str]]) -> tuple[Node, list[tuple[str, str]]]:
    node, tokens = _atom(tokens)
    while tokens and tokens[0] in (("op", "×"), ("op", "/")):
        op = tokens[0][1]
        right, tokens = _atom(tokens[1:])
        node = Op(op, node, right)
    return node, tokens


def _atom(tokens: list[tuple[str, str]]) -> tuple[Node, list[tuple[str, str]]]:
    if not tokens:
        raise ValueError("bad formula: ends too early")
    kind, text = tokens[0]
    if kind == "num":
        return Num(float(text) if "." in text else int(text)), tokens[1:]
    if kind == "var":
        return Var(text), tokens[1:]
    if text == "(":
        node, rest = _sum(tokens[1:])
        if not rest or rest[0] != ("op", ")"):
            raise ValueError("bad formula: missing )")
        return node, rest[1:]
    raise ValueError(f"bad formula: unexpected {text!r}")


def variables(text: str) -> list[str]:
    """The input ids a formula uses, in order of first appearance."""
    found: list[str] = []
    for kind, name in _tokens(text):
        if kind == "var" and name not in found:
            found.append(name)
    return found


def evaluate(text: str, values: Mapping[str, Any]) -> Number:
    """The value of ``text``; raises ``MissingValuesError`` or ``ZeroDivisorError``."""
    missing = [name for name in variables(text) if values.get(name) is None]
    if missing:
        raise MissingValuesError(missing)
    return _evaluate(parse(text), values)


def _evaluate(node: Node, values: Mapping[str, Any]) -> Number:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Var):
        value: Number = values[node.id]
        return value
    left = _evaluate(node.left, values)
    right = _evaluate(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "−":
        return left - right
    if node.op == "×":
        return left * right
    if right == 0:
        raise ZeroDivisorError(node.right)
    return left / right


def render(text: str, show: Callable[[str], str], show_number: Callable[[str], str]) -> str:
    """``text`` with each ``{id}`` replaced by ``show(id)`` and each number by ``show_number``."""

    def replace(match: re.Match[str]) -> str:
        number, name, _ = match.groups()
        if name is not None:
            return match.group(0).replace(f"{{{name}}}", show(name))
        if number is not None:
            return match.group(0).replace(number, show_number(number))
        return match.group(0)

    return _TOKEN.sub(replace, text)


def node_text(node: Node, show: Callable[[str], str]) -> str:
    """A sub-expression written back as text (for «знаменатель … равен нулю»)."""
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Var):
        return show(node.id)
    parts = []
    for child in (node.left, node.right):
        text = node_text(child, show)
        parts.append(f"({text})" if isinstance(child, Op) else text)
    return f"{parts[0]} {node.op} {parts[1]}"
