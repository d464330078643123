"""Generated fragments of hand-written pages: one marker syntax, one parser, one registry.

A page asks for a generated fragment with an HTML comment, ``<!-- practices:NAME -->`` or
``<!-- practices:NAME ARGUMENT -->`` (``<!-- practices:calculator-form coefficients -->``). A
comment, because every Markdown renderer passes it through and a page read on GitHub stays clean.

Each name has one handler, registered with the stage it runs at:

- ``Stage.MARKDOWN``: the fragment is Markdown (tables, headings the table of contents should
  list), put in before the page is converted. Such a marker stands on a line of its own, outside
  fenced code blocks, so that a page can show a marker in an example.
- ``Stage.HTML``: the fragment is finished HTML (forms, the catalogue), put in after conversion;
  a marker shown in code is escaped by then and is not found.
- ``Stage.PAGE``: the fragment is HTML made from files the build writes while the pages are
  rendered (the downloads' sizes), put into the finished page. The marker stands on a line of its
  own and stays in the page's content until then (an HTML comment: not indexed for search), and
  the page is written after the others, so that the pages need not wait for those files.

A marker with a name nobody registered, an argument where none is expected (or none where one is),
or a Markdown marker that is not on a line of its own is a build error naming the page: a typo must
fail the build, not vanish from the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from build_tools.site_build.layout import PageRef

PREFIX = "practices:"
MARKER = re.compile(r"<!--\s*practices:(?P<name>[a-z][a-z0-9-]*)(?:\s+(?P<argument>[A-Za-z0-9_-]+))?\s*-->")
_OWN_LINE = re.compile(rf"^[ \t]*{MARKER.pattern}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# The calculators' reference tables used «<!-- calculator-inputs: id -->» before this syntax: a page
# still written that way would lose its tables without a word.
_OLD_SYNTAX = re.compile(r"<!--\s*calculator-[a-z]+(?:\s*:\s*[A-Za-z0-9_-]+)?\s*-->")
_CODE_SPAN = re.compile(r"(`+).*?\1")


class Stage(Enum):
    MARKDOWN = "markdown"
    HTML = "html"
    PAGE = "page"


class MarkerError(ValueError):
    """A marker that names no fragment, or is written wrong (message in Russian, names the page)."""


@dataclass(frozen=True)
class Marker:
    name: str
    argument: str | None

    @property
    def text(self) -> str:
        return f"<!-- {PREFIX}{self.name}{f' {self.argument}' if self.argument else ''} -->"


Render = Callable[[Marker, PageRef], str]


@dataclass(frozen=True)
class Handler:
    stage: Stage
    render: Render
    argument: bool  # whether the marker names something (a calculator) after its name
    uses_cards: bool  # whether the fragment changes when a card does

    @property
    def waits_for_files(self) -> bool:
        """Whether it is made from files the build writes later (their sizes)."""
        return self.stage is Stage.PAGE


class MarkerRegistry:
    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}
        self._made: dict[tuple[str, Marker], str] = {}  # made before the page asks (made_from_cards)

    def register(
        self,
        name: str,
        stage: Stage,
        render: Render,
        *,
        argument: bool = False,
        uses_cards: bool = False,
    ) -> None:
        if name in self._handlers:
            raise ValueError(f"marker {name!r} registered twice")
        self._handlers[name] = Handler(stage, render, argument, uses_cards)

    def uses_cards(self, text: str) -> bool:
        """Whether a page's source has a marker whose fragment changes with the cards."""
        return any(handler.uses_cards for handler in self._handlers_in(text))

    def waits_for_files(self, text: str) -> bool:
        """Whether a page's source has a marker made from files the build writes later: the
        generator should write that page last."""
        return any(handler.waits_for_files for handler in self._handlers_in(text))

    def _handlers_in(self, text: str) -> Iterator[Handler]:
        for match in MARKER.finditer(text):
            handler = self._handlers.get(match["name"])
            if handler is not None:
                yield handler

    def made_from_cards(self, text: str, page: PageRef) -> str | None:
        """The fragments of a page's source that are made from the cards, made now and kept
        until the page asks for them; None when one waits for files the build writes later."""
        made = []
        for match in MARKER.finditer(text):
            marker = _marker(match)
            handler = self._handler(marker, page)
            if not handler.uses_cards:
                continue
            if handler.waits_for_files:
                return None
            fragment = self._made[(page.src_uri, marker)] = handler.render(marker, page)
            made.append(fragment)
        return "\n".join(made)

    def forget_made(self) -> None:
        """Drop the fragments made ahead (a new build's cards may differ)."""
        self._made.clear()

    @property
    def names(self) -> list[str]:
        return sorted(self._handlers)

    def expand(self, text: str, stage: Stage, page: PageRef) -> str:
        """``text`` with every marker of ``stage`` replaced by its fragment."""
        if stage is Stage.MARKDOWN:
            return self._expand_markdown(text, page)
        if PREFIX not in text:
            return text
        return MARKER.sub(lambda match: self._render(_marker(match), stage, page), text)

    def _expand_markdown(self, text: str, page: PageRef) -> str:
        if PREFIX not in text and "calculator-" not in text:
            return text
        out: list[str] = []
        fence: str | None = None
        for line in text.split("\n"):
            opening = _FENCE.match(line)
            if fence is not None:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    fence = None
                out.append(line)
            elif opening:
                fence = opening.group(1)
                out.append(line)
            elif match := _OWN_LINE.match(line):
                out.append(self._render(_marker(match), Stage.MARKDOWN, page, line=line))
            else:
                self._check_inline(line, page)
                out.append(line)
        return "\n".join(out)

    def _render(self, marker: Marker, stage: Stage, page: PageRef, line: str | None = None) -> str:
        handler = self._handler(marker, page)
        if handler.stage is not stage:
            if _ORDER[handler.stage] > _ORDER[stage]:
                return line if line is not None else marker.text  # a fragment of a later stage
            raise MarkerError(
                f"{page.src_uri}: метка «{marker.text}» должна стоять в отдельной строке (её содержимое — Markdown)"
            )
        made = self._made.pop((page.src_uri, marker), None)
        return made if made is not None else handler.render(marker, page)

    def _handler(self, marker: Marker, page: PageRef) -> Handler:
        handler = self._handlers.get(marker.name)
        if handler is None:
            known = ", ".join(self.names)
            raise MarkerError(f"{page.src_uri}: неизвестная метка «{marker.text}»; известные: {known}")
        if handler.argument and marker.argument is None:
            raise MarkerError(f"{page.src_uri}: в метке «{marker.text}» не указано, к чему она относится")
        if not handler.argument and marker.argument is not None:
            raise MarkerError(f"{page.src_uri}: у метки «{PREFIX}{marker.name}» не бывает аргумента")
        return handler

    def _check_inline(self, line: str, page: PageRef) -> None:
        line = _CODE_SPAN.sub("", line)  # a marker shown as `code` is text
        old = _OLD_SYNTAX.search(line)
        if old is not None:
            raise MarkerError(
                f"{page.src_uri}: метка «{old[0]}» записана по-старому; пишите <!-- {PREFIX}ИМЯ АРГУМЕНТ -->"
            )
        for match in MARKER.finditer(line):
            handler = self._handler(_marker(match), page)
            if handler.stage is not Stage.HTML:  # its fragment is a block (Markdown, a table)
                where = f"{page.src_uri}: метка «{match[0]}»"
                raise MarkerError(f"{where} должна стоять в отдельной строке (на её место встаёт целый блок)")


# The stages in the order the build reaches them.
_ORDER = {Stage.MARKDOWN: 0, Stage.HTML: 1, Stage.PAGE: 2}


def _marker(match: re.Match[str]) -> Marker:
    return Marker(match["name"], match["argument"])
