"""Russian formatting of numbers and dates for pages."""

from __future__ import annotations

import datetime as dt

from build_tools.cards.partial_dates import PartialDate
from calculators import display

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
_MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_QUARTERS = ("I", "II", "III", "IV")


def russian_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def russian_partial_date(day: PartialDate) -> str:
    """A date at its own precision: «2020 г.», «май 2023 г.», «12 мая 2023 г.»."""
    if day.month is None:
        return f"{day.year} г."
    if day.day is None:
        return f"{_MONTHS_NOMINATIVE[day.month - 1]} {day.year} г."
    return russian_date(day.first_day)


def quarter_label(quarter: str) -> str:
    """``"2026Q1"`` → ``"I квартал 2026 г."``."""
    year, _, number = quarter.partition("Q")
    return f"{_QUARTERS[int(number) - 1]} квартал {year} г."


def russian_number(value: float, decimals: int = 2) -> str:
    """``12345.5`` → ``"12 345,50"``: the site's one number style, :func:`calculators.display.number`."""
    return display.number(value, decimals)


def russian_percent(value: float, decimals: int = 1) -> str:
    """``25`` → ``"25,0 %"``: :func:`calculators.display.percent`."""
    return display.percent(value, decimals)


def employees_phrase(count: int) -> str:
    last_two, last = count % 100, count % 10
    if last == 1 and last_two != 11:
        word = "работник"
    elif 2 <= last <= 4 and not 12 <= last_two <= 14:
        word = "работника"
    else:
        word = "работников"
    return f"{russian_number(count, 0)} {word}"
