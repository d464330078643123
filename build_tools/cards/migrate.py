"""``python -m build_tools migrate``: version-1 cards upgraded to version 2 in place.

The card file is edited as text, never re-dumped from YAML: comments, quoting, folded text and the
order of keys stay exactly as the author wrote them, and only the spans that change are touched.
What changes (and nothing else is guessed):

- ``schema_version: 2`` is added as the first line of the front matter (or replaces ``1``);
- each ``links`` item becomes a ``sources`` item with only its ``url``;
- ``sector: budget`` becomes ``commercial`` where the organisation's name says it is a municipal
  unitary enterprise («МУП», «муниципальное унитарное предприятие»): a commercial organisation.

A card already at version 2 is left as it is, so running the command twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.cards.card_file import CardFileError, read_card_file
from build_tools.cards.checks import MUNICIPAL_ENTERPRISE
from build_tools.cards.frontmatter import FrontMatterError, parse
from build_tools.cards.loading import card_files
from build_tools.cards.schema import SCHEMA_VERSION
from build_tools.output_file import OutputError, write_output


@dataclass
class Migration:
    """The outcome for one file: its new text and what changed, or why it was refused."""

    path: Path
    text: str
    changes: list[str] = field(default_factory=list)
    refusal: str | None = None  # "line: message", as the validator would say it

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class _Edit:
    start: int  # offsets in the file's text
    end: int
    text: str


def migrate_text(text: str) -> tuple[str, list[str]]:
    """The version-2 text of a card file and the list of changes (empty when already version 2).

    Raises :class:`FrontMatterError` for a file the validator could not read either.
    """
    front = parse(text)
    if not isinstance(front.data, dict):
        raise FrontMatterError(1, "фронтматтер должен состоять из полей «ключ: значение»")
    version = front.data.get("schema_version")
    if version == SCHEMA_VERSION:
        return text, []
    if version not in (None, 1):
        raise FrontMatterError(front.line_of(("schema_version",)), f"неизвестная версия схемы {version}")

    # The same YAML again, as nodes with positions; `parse` has just read it without error.
    first_line = text.splitlines(keepends=True)[0]
    base = len(first_line)
    yaml_text = text[base : base + _yaml_length(text, base)]
    root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    nodes = {key.value: (key, value) for key, value in root.value}

    edits: list[_Edit] = []
    newline = "\r\n" if first_line.endswith("\r\n") else "\n"
    version_line = f"schema_version: {SCHEMA_VERSION}{newline}"
    if "schema_version" in nodes:
        # `schema_version: 1` or an empty one: the line is replaced whole.
        key, value = nodes["schema_version"]
        start = base + _line_start(yaml_text, key.start_mark.index)
        edits.append(_Edit(start, base + _line_end(yaml_text, value.end_mark.index), version_line))
        changes = [f"schema_version: {version if version is not None else 'пусто'} → {SCHEMA_VERSION}"]
    else:
        edits.append(_Edit(base, base, version_line))
        changes = [f"добавлено schema_version: {SCHEMA_VERSION}"]

    if "links" in nodes:
        edits_, change = _links_to_sources(yaml_text, base, *nodes["links"])
        edits += edits_
        changes.append(change)

    organization = nodes.get("organization", (None, None))[1]
    if isinstance(organization, yaml.MappingNode):
        parts = {key.value: value for key, value in organization.value}
        name, sector = parts.get("name"), parts.get("sector")
        if (
            isinstance(name, yaml.ScalarNode)
            and isinstance(sector, yaml.ScalarNode)
            and sector.value == "budget"
            and MUNICIPAL_ENTERPRISE.search(name.value)
        ):
            edits.append(_Edit(base + sector.start_mark.index, base + sector.end_mark.index, "commercial"))
            changes.append(
                "organization.sector: budget → commercial (муниципальное унитарное предприятие — коммерческая "
                "организация)"
            )

    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, changes


def _yaml_length(text: str, base: int) -> int:
    """Length of the front matter's YAML: from after the opening «---» to its closing line."""
    offset = base
    for line in text[base:].splitlines(keepends=True):
        if line.strip() in ("---", "..."):
            return offset - base
        offset += len(line)
    return offset - base


def _links_to_sources(yaml_text: str, base: int, key: yaml.ScalarNode, value: yaml.Node) -> tuple[list[_Edit], str]:
    empty = (isinstance(value, yaml.SequenceNode) and not value.value) or value.tag == "tag:yaml.org,2002:null"
    if empty:
        # `links: []` (or an empty `links:`): version 2 has no empty list of sources.
        start = base + _line_start(yaml_text, key.start_mark.index)
        end = base + _line_end(yaml_text, value.end_mark.index)
        return [_Edit(start, end, "")], "удалено пустое поле links"
    if not isinstance(value, yaml.SequenceNode) or not all(isinstance(item, yaml.ScalarNode) for item in value.value):
        # Not what version 1 allowed: nothing to infer; the validator will name the field.
        return [], "поле links оставлено как есть: это не список ссылок, перенесите его в sources вручную"
    edits = [_Edit(base + key.start_mark.index, base + key.end_mark.index, "sources")]
    for item in value.value:
        start, end = base + item.start_mark.index, base + item.end_mark.index
        if value.flow_style:
            edits += [_Edit(start, start, "{url: "), _Edit(end, end, "}")]
        else:
            edits.append(_Edit(start, start, "url: "))
    return edits, f"links → sources (ссылок: {len(value.value)}, у каждой только url)"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    # The end of a node may already stand at the start of the next line.
    if index > 0 and text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def migrate_file(path: Path) -> Migration:
    try:
        # The card reader keeps CRLF line ends (read_text would turn them into LF) and refuses a
        # link, a device or a file too big, as the validator does.
        text = read_card_file(path)
    except CardFileError as error:
        return Migration(path, "", refusal=f"{error.line}: файл: {error.message}")
    try:
        new_text, changes = migrate_text(text)
    except FrontMatterError as error:
        return Migration(path, text, refusal=f"{error.line}: фронтматтер: {error.message}")
    if changes:
        try:  # whole or not at all: a full disk must not leave half a card
            write_output(path, new_text.encode("utf-8"), overwrite=True)
        except OutputError as error:
            return Migration(path, text, refusal=f"1: файл: {error}")
    return Migration(path, new_text, changes)


def migrate_paths(paths: Iterable[Path]) -> list[Migration]:
    return [migrate_file(path) for path in card_files(paths)]
