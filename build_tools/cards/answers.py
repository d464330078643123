"""«Нет сведений»: the explicit answer for an official question the source does not answer.

It is an answer (an empty value still is not): pages show it greyed with that wording, exports
write it, and statistics count how many of the 13 questions a card really answers.
"""

from __future__ import annotations

from typing import Any

NO_INFORMATION = "нет сведений"


def is_no_information(value: Any) -> bool:
    """True for «нет сведений» (any case, spaces around and a final full stop ignored).

    A list (questions 9–11) is «нет сведений» when that is its only item.
    """
    if isinstance(value, list):
        return len(value) == 1 and is_no_information(value[0])
    if not isinstance(value, str):
        return False
    return " ".join(value.split()).removesuffix(".").strip().casefold() == NO_INFORMATION
