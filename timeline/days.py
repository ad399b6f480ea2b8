"""Days of the proleptic Gregorian calendar with astronomical years, -9999 to 9999.

Python's ``date`` stops at year 1; history does not. A ``Day`` is a day number (the same
number as ``date.toordinal()`` from 0001-01-01 on, zero and below before it: year 0 is 1 BC,
year -489 is 490 BC) and does the arithmetic the figures and filters need.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import total_ordering

FIRST_YEAR, LAST_YEAR = -9999, 9999
CYCLE_DAYS, CYCLE_YEARS = 146_097, 400  # the Gregorian calendar repeats every 400 years
_ISO = re.compile(r"(-?)(\d{4,})-(\d{2})-(\d{2})")


@total_ordering
class Day:
    """One day; compares, subtracts (a ``timedelta``) and adds days like ``date``."""

    __slots__ = ("ordinal",)

    def __init__(self, ordinal: int) -> None:
        self.ordinal = ordinal

    # --- making ---------------------------------------------------------------------------

    @classmethod
    def of(cls, year: int, month: int = 1, day: int = 1) -> Day:
        """The day ``year-month-day``; ``ValueError`` for a day that does not exist."""
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} is outside {FIRST_YEAR}..{LAST_YEAR}")
        cycles = 0 if year >= 1 else (CYCLE_YEARS - year) // CYCLE_YEARS
        shifted = date(year + cycles * CYCLE_YEARS, month, day)
        return cls(shifted.toordinal() - cycles * CYCLE_DAYS)

    @classmethod
    def from_date(cls, value: date) -> Day:
        return cls(value.toordinal())

    @classmethod
    def fromisoformat(cls, text: str) -> Day:
        """``2024-05-17``, ``-0489-03-01`` (and a datetime's date part)."""
        match = _ISO.match(text.strip())
        if match is None:
            raise ValueError(f"not a day: {text!r}")
        sign, year, month, day = match.groups()
        return cls.of(int(year) * (-1 if sign else 1), int(month), int(day))

    @classmethod
    def fromordinal(cls, ordinal: int) -> Day:
        return cls(ordinal)

    # --- reading --------------------------------------------------------------------------

    def _date(self) -> tuple[date, int]:
        """A ``date`` with the same month and day, and the years to add to its year."""
        if self.ordinal >= 1:
            return date.fromordinal(self.ordinal), 0
        cycles = (CYCLE_DAYS - self.ordinal) // CYCLE_DAYS
        return date.fromordinal(self.ordinal + cycles * CYCLE_DAYS), -cycles * CYCLE_YEARS

    @property
    def year(self) -> int:
        value, shift = self._date()
        return value.year + shift

    @property
    def month(self) -> int:
        return self._date()[0].month

    @property
    def day(self) -> int:
        return self._date()[0].day

    def toordinal(self) -> int:
        return self.ordinal

    def to_date(self) -> date | None:
        """The Python date, or None before year 1."""
        return date.fromordinal(self.ordinal) if self.ordinal >= 1 else None

    def isoformat(self) -> str:
        """``2024-05-17``; ``-0489-03-01`` before year 1 (``0000`` is 1 BC)."""
        value, shift = self._date()
        year = value.year + shift
        sign = "-" if year < 0 else ""
        return f"{sign}{abs(year):04d}-{value.month:02d}-{value.day:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Day({self.isoformat()})"

    # --- arithmetic and order ---------------------------------------------------------------

    def __add__(self, delta: timedelta) -> Day:
        if not isinstance(delta, timedelta):
            return NotImplemented
        return Day(self.ordinal + delta.days)

    def __sub__(self, other):
        if isinstance(other, Day):
            return timedelta(days=self.ordinal - other.ordinal)
        if isinstance(other, timedelta):
            return Day(self.ordinal - other.days)
        return NotImplemented

    def __eq__(self, other) -> bool:
        return isinstance(other, Day) and self.ordinal == other.ordinal

    def __lt__(self, other) -> bool:
        if not isinstance(other, Day):
            return NotImplemented
        return self.ordinal < other.ordinal

    def __hash__(self) -> int:
        return hash(self.ordinal)


MIN = Day.of(FIRST_YEAR, 1, 1)
MAX = Day.of(LAST_YEAR, 12, 31)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """Days in a month of any year, before Christ too (0 is 1 BC, a leap year)."""
    if not 1 <= month <= 12:
        raise calendar.IllegalMonthError(month)
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


def year_text(year: int) -> str:
    """A year as EDTF writes it: ``2024``, ``0000``, ``-0489``."""
    return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"


ROUND_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


def round_years(first: int, last: int, most: int) -> list[int]:
    """At most about ``most`` years from ``first`` to ``last`` that are round as written:
    500 BC (the year -499), AD 500, never the astronomical -500 or 0."""
    step = next((s for s in ROUND_STEPS if (last - first) / s <= most), ROUND_STEPS[-1])
    before = range(-(-(1 - min(last, 0)) // step) * step, 1 - first + 1, step)  # n BC
    after = range(-(-max(first, 1) // step) * step, last + 1, step)  # AD n
    return sorted([1 - n for n in before if n > 0] + list(after))


def year_label(year: int) -> str:
    """How a year is written: ``2024``; ``490 BC`` for the astronomical year -489."""
    return str(year) if year >= 1 else f"{1 - year} BC"
