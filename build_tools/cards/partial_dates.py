"""Dates known to the year, the month or the day: ``2023``, ``2023-05`` or ``2023-05-12``.

When a practice was introduced and when a source was published are often known only to the year;
such a date is kept at its own precision, never padded with an invented month or day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

# ASCII digits only: Python's \d also takes Arabic-Indic or full-width digits.
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def text(self) -> str:
        """ISO form at the date's own precision. Strings of this form sort as the dates do."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A year alone sorts before any month of that year: the project's convention, which the
        # ISO strings of `text` follow too ("2023" < "2023-05").
        return (self.year, self.month or 0, self.day or 0)


class PartialDateError(ValueError):
    """The value has the right shape but names no such date (2023-13, 2023-02-30)."""


def parse_partial_date(value: Any) -> PartialDate | None:
    """A card's value (``2023`` as a number, or a string of one of the three forms) as a date.

    None for a value of the wrong shape (the schema's pattern reports it); raises
    :class:`PartialDateError` for a well-shaped value naming no real date.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _PARTIAL.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise PartialDateError(value)
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise PartialDateError(value) from None
    return PartialDate(year, month, day)


def of_date(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)
