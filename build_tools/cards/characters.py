"""Characters a card may not hold, characters that show nothing, and problem text made safe to print.

One table serves the validator (``checks``), the printing of problems (``problems``) and the
«Предложить практику» form, which receives the same sets as JavaScript regular expressions
(``js_patterns``), so the browser refuses exactly what the command line refuses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Kind:
    name: str  # Russian, as the messages say it
    ranges: Ranges
    printable: bool = False  # harmless on a terminal: printed as is


def _noncharacters() -> Ranges:
    # U+FDD0–U+FDEF and the last two code points of each of the 17 planes.
    return ((0xFDD0, 0xFDEF), *((plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF) for plane in range(17)))


# Why each is refused: control characters move the cursor, clear a terminal or end a line where
# none is seen; bidirectional controls reorder what is shown ("Trojan Source"); U+2028/U+2029 are
# line breaks to YAML and JavaScript but not to an editor; noncharacters and lone surrogates are
# not text at all (a lone surrogate cannot even be written as UTF-8).
KINDS: tuple[Kind, ...] = (
    # C0 except tab and line feed; DEL and C1. A CR of a CRLF file is gone before the check.
    Kind("управляющий символ", ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))),
    Kind(
        "символ смены направления текста",
        ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)),
    ),
    Kind("разделитель строк или абзацев", ((0x2028, 0x2029),)),
    Kind("несимвол Юникода", _noncharacters()),
    Kind("одиночный суррогат", ((0xD800, 0xDFFF),)),
)
# Digits of other scripts (Arabic-Indic «٤٩» and the like) pass for numbers in Python's \d and
# int(), but a code, a date or a figure is written with 0–9. Found by category, not by a list.
FOREIGN_DIGIT = "цифра не из набора 0–9"

# Letters' absence: a title of zero-width spaces or Hangul fillers looks empty and is empty.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_INVISIBLE_EXTRA = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800})  # Hangul fillers, blank Braille


def _python_class(ranges: Ranges) -> str:
    def one(cp: int) -> str:
        return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"

    return "".join(one(start) if start == end else f"{one(start)}-{one(end)}" for start, end in ranges)


def _js_class(ranges: Ranges) -> str:
    def one(cp: int) -> str:
        return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\u{{{cp:x}}}"

    return "".join(one(start) if start == end else f"{one(start)}-{one(end)}" for start, end in ranges)


_UNPRINTABLE = re.compile(f"[\\t\\n{''.join(_python_class(kind.ranges) for kind in KINDS if not kind.printable)}]")


@dataclass(frozen=True)
class Found:
    index: int  # in the text
    char: str
    kind: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


def forbidden_character(text: str) -> Found | None:
    """The first character ``text`` may not hold, if any (one linear scan)."""
    scanner, position = _scanner(), 0
    while (match := scanner.search(text, position)) is not None:
        char = match.group()
        kind = _kind_of(ord(char))
        if kind is not None:
            return Found(match.start(), char, kind)
        position = match.end()  # a character beyond the BMP that is allowed
    return None


# Why the scan stops at every character beyond the Basic Multilingual Plane and checks it apart:
# `re` tests a class of BMP code points with one table lookup per character, but a class holding
# any code point beyond it range by range. With the digits of other scripts (some beyond the BMP)
# and the noncharacters of planes 1–16 in one class, scanning the cards took 0.5 s per 1,000 here,
# 14× longer than this; cards rarely hold such characters at all.
@cache
def _scanner() -> re.Pattern[str]:
    bmp = "".join(map(chr, range(0x80, 0x10000)))
    digits = tuple((cp, cp) for cp in (match.start() + 0x80 for match in re.finditer(r"\d", bmp)))
    ranges = tuple((start, min(end, 0xFFFF)) for kind in KINDS for start, end in kind.ranges if start <= 0xFFFF)
    return re.compile(f"[{_python_class(ranges + digits)}\\U00010000-\\U0010ffff]")


def _kind_of(cp: int) -> str | None:
    for kind in KINDS:
        if any(start <= cp <= end for start, end in kind.ranges):
            return kind.name
    return FOREIGN_DIGIT if _is_foreign_digit(chr(cp)) else None


def is_invisible_char(char: str) -> bool:
    return ord(char) in _INVISIBLE_EXTRA or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def shows_nothing(text: str) -> bool:
    """True for a non-empty text with nothing visible: spaces, zero-width and format characters only."""
    return bool(text) and all(is_invisible_char(char) for char in text)


def printable(text: str) -> str:
    """``text`` as one line safe for a terminal or a GitHub annotation.

    Control and bidirectional characters, line breaks and tabs become visible escapes (``\\x1b``,
    ``\\u202e``, ``\\n``): a card cannot clear the screen, fake a line of the summary or reorder
    what is shown. Lone surrogates, which cannot be printed at all, are escaped the same way.
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    cp = ord(match.group())
    if cp == 0x0A:
        return "\\n"
    if cp == 0x09:
        return "\\t"
    return f"\\x{cp:02x}" if cp <= 0xFF else (f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}")


# Planes where Unicode 14 (Python 3.11's database) has format, space and digit characters; the test
# of the form's patterns compares them with Python on every code point.
_SCANNED = (range(0, 0x30000), range(0xE0000, 0xE1000))


@cache
def _ranges(predicate: Callable[[str], bool]) -> Ranges:
    ranges: list[tuple[int, int]] = []
    for block in _SCANNED:
        for cp in block:
            if not predicate(chr(cp)):
                continue
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return tuple(ranges)


def _is_foreign_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd" and not "0" <= char <= "9"


def js_patterns() -> dict[str, object]:
    """The same sets for the browser: character classes for ``new RegExp(…, "u")``.

    The sets are written out as code point ranges from Python's Unicode database, so a browser
    with a newer Unicode version still refuses and accepts exactly what the validator does.
    """
    kinds = [{"kind": kind.name, "pattern": f"[{_js_class(kind.ranges)}]"} for kind in KINDS]
    kinds.append({"kind": FOREIGN_DIGIT, "pattern": f"[{_js_class(_ranges(_is_foreign_digit))}]"})
    return {"forbidden": kinds, "invisible": f"[{_js_class(_ranges(is_invisible_char))}]"}
