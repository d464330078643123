"""Russian formatting of numbers and dates for pages."""

from __future__ import annotations

import datetime as dt
import math

_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_QUARTERS = ("I", "II", "III", "IV")


def russian_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def quarter_label(quarter: str) -> str:
    """``"2026Q1"`` → ``"I квартал 2026 г."``."""
    year, _, number = quarter.partition("Q")
    return f"{_QUARTERS[int(number) - 1]} квартал {year} г."


def russian_number(value: float, decimals: int = 2) -> str:
    """``1234.5`` → ``"1 234,5"``: decimal comma, narrow no-break space between thousands."""
    if not math.isfinite(value):
        return "—"
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\u202f").replace(".", ",")


def employees_phrase(count: int) -> str:
    last_two, last = count % 100, count % 10
    if last == 1 and last_two != 11:
        word = "работник"
    elif 2 <= last <= 4 and not 12 <= last_two <= 14:
        word = "работника"
    else:
        word = "работников"
    return f"{russian_number(count, 0)} {word}"
