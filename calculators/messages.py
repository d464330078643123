"""Messages attached to a result, and the marker for a value that cannot be computed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

MessageKind = Literal["rejected", "warning", "unavailable", "note"]
PathItem = str | int


@dataclass(frozen=True)
class Message:
    """One Russian explanation; ``input`` or ``output`` names the field it concerns."""

    kind: MessageKind
    text: str
    input: str | None = None
    output: str | None = None
    path: tuple[PathItem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.input is not None:
            data["input"] = self.input
        if self.output is not None:
            data["output"] = self.output
        if self.path:
            data["path"] = list(self.path)
        data["text"] = self.text
        return data


@dataclass(frozen=True)
class Unavailable:
    """An output that cannot be computed: it becomes ``null`` and ``reason`` becomes a message."""

    reason: str


def rejected(text: str, input_id: str | None = None, path: tuple[PathItem, ...] = ()) -> Message:
    return Message("rejected", text, input=input_id, path=path)


def warning(text: str, input_id: str | None = None, path: tuple[PathItem, ...] = ()) -> Message:
    return Message("warning", text, input=input_id, path=path)


def note(text: str, output_id: str | None = None, path: tuple[PathItem, ...] = ()) -> Message:
    return Message("note", text, output=output_id, path=path)
