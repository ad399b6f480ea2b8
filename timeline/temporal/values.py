"""TIMEX3 calendar values as (granularity, anchor date), and arithmetic on them.

Supported forms: ``199`` (decade), ``19`` (century), ``1998``, ``1998-Q3``, ``1998-H1``,
``1998-SU`` (season), ``1998-08``, ``1998-W32``, ``1998-W32-WE``, ``1998-08-07``, and a
day with a part of day or clock time (``1998-08-07TMO``, ``1998-08-07T14:30``); a clock
time is kept (so that "two hours later" can move it), a part of day is not. Years before
Christ (``BC0480``, ``BC0480-08``, ``BC0481-SU``, ``BC0479-06-12``) are held ``BC_SHIFT``
years (a whole number of 400-year cycles, so months, leap years and weekdays stay true)
after their astronomical number, and marked ``bc``: Python's dates start at year 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from timeline.days import month_length

SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_OF_MONTH = {month: name for name, month in SEASON_MONTH.items()}
CLOCK_UNITS = {"hour": "hours", "minute": "minutes", "second": "seconds"}
_STARTS = {"season": (3, 6, 9, 12), "quarter": (1, 4, 7, 10), "half": (1, 7)}  # first months
_CLOCK = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?")
_FORMS = [
    ("day", re.compile(r"(\d{4})-(\d{2})-(\d{2})(T.*)?")),
    ("weekend", re.compile(r"(\d{4})-W(\d{2})-WE")),
    ("week", re.compile(r"(\d{4})-W(\d{2})")),
    ("month", re.compile(r"(\d{4})-(\d{2})")),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])")),
    ("half", re.compile(r"(\d{4})-H([12])")),
    ("season", re.compile(r"(\d{4})-(SP|SU|FA|WI)")),
    ("year", re.compile(r"(\d{4})")),
    ("decade", re.compile(r"(\d{3})")),
    ("century", re.compile(r"(\d{2})")),
]
UNITS = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
_YEARS_IN = {"decade": 10, "century": 100}
BC_SHIFT = 8400  # years; 21 cycles of 400: the year n BC is held as 8400 + 1 - n
_BC_YEAR = re.compile(r"BC(\d{4})(?=$|-)")
_FEAST = re.compile(
    r"(?P<month>\d{2})-(?P<day>\d{2})(?:-(?P<weekday>MO|TU|WE|TH|FR|SA|SU)(?P<nth>[+-][1-5]))?"
    r"|(?P<easter>(?:orthodox_)?easter)(?P<offset>[+-]\d{1,3})?"
)
_WEEKDAYS = {"MO": MO, "TU": TU, "WE": WE, "TH": TH, "FR": FR, "SA": SA, "SU": SU}


@dataclass(frozen=True, slots=True)
class Calendar:
    """A calendar value: its granularity, the first day it covers and, for a day, its clock
    time when known."""

    granularity: str
    first: date
    clock: time | None = None
    bc: bool = False  # ``first`` is held BC_SHIFT years on (see the module's note)

    @property
    def year(self) -> int:
        """The astronomical year: 1998; 0 for 1 BC, -489 for 490 BC."""
        return self.first.year - BC_SHIFT if self.bc else self.first.year

    def format(self) -> str:
        """The TIMEX3 value string (``BC0480-08`` before Christ)."""
        if not self.bc or self.granularity in ("week", "weekend"):
            return self._format_ad()
        years_bc = 1 - self.year
        if years_bc < 1:  # moved past 1 BC: AD 1 on
            return replace(self, first=self.first.replace(year=self.year), bc=False).format()
        if self.granularity == "decade":
            return f"BC{years_bc // 10:03d}"
        if self.granularity == "century":
            return f"BC{years_bc // 100:02d}"
        return f"BC{years_bc:04d}" + self._format_ad()[4:]

    def _format_ad(self) -> str:
        d = self.first
        if self.granularity == "day":
            return d.isoformat() + (_format_clock(self.clock) if self.clock else "")
        if self.granularity in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.granularity == "weekend" else "")
        if self.granularity == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.granularity == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.granularity == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if self.granularity == "season":
            return f"{d.year:04d}-{SEASON_OF_MONTH[d.month]}"
        if self.granularity == "year":
            return f"{d.year:04d}"
        if self.granularity == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def shift(self, unit: str, count: int) -> Calendar:
        """Move by ``count`` units; the granularity stays (a quarter a year back is a quarter)
        unless the move leaves its starts: summer moved by four months is October."""
        if unit in CLOCK_UNITS:
            return self._shift_clock(unit, count)
        months = {
            "month": 1,
            "quarter": 3,
            "half": 6,
            "season": 12,
            "year": 12,
            "decade": 120,
            "century": 1200,
        }
        if unit in ("day", "week", "weekend"):
            days = count * (7 if unit != "day" else 1)
            moved = _landed(self.granularity, self.first + timedelta(days=days))
        else:
            first = _add_months(self.first, months[unit] * count, self.granularity == "day")
            moved = _landed(self.granularity, first)
        return replace(moved, bc=self.bc)

    def _shift_clock(self, unit: str, count: int) -> Calendar:
        """Hours, minutes or seconds move a known clock time; without one, the value stays
        (an hour after some time on a day is still that day, as far as we know)."""
        if self.clock is None:
            return self
        moved = datetime.combine(self.first, self.clock) + timedelta(**{CLOCK_UNITS[unit]: count})
        return Calendar("day", moved.date(), moved.time(), self.bc)

    def coarsen(self, granularity: str) -> Calendar:
        """The value of the given (coarser or equal) granularity that contains this one.
        Decades and centuries before Christ count down: the 480s BC are 489 to 480 BC."""
        if self.bc and granularity in _YEARS_IN:
            size = _YEARS_IN[granularity]
            earliest_bc = (1 - self.year) // size * size + size - 1
            return Calendar(granularity, date(1 - earliest_bc + BC_SHIFT, 1, 1), bc=True)
        return replace(calendar_of(self.first, granularity), bc=self.bc)


def calendar_of(day: date, granularity: str) -> Calendar:
    """The calendar value of ``granularity`` that contains ``day``."""
    if granularity in ("day",):
        return Calendar("day", day)
    if granularity in ("week", "weekend"):
        return Calendar(granularity, day - timedelta(days=day.weekday()))
    if granularity == "month":
        return Calendar("month", day.replace(day=1))
    if granularity == "quarter":
        return Calendar("quarter", date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
    if granularity == "half":
        return Calendar("half", date(day.year, 1 if day.month <= 6 else 7, 1))
    if granularity == "season":
        month = {12: 12, 1: 12, 2: 12}.get(day.month, (day.month // 3) * 3)
        year = day.year - 1 if day.month < 3 else day.year
        return Calendar("season", date(year, month, 1))
    if granularity == "year":
        return Calendar("year", date(day.year, 1, 1))
    if granularity == "decade":
        return Calendar("decade", date(max(1, day.year // 10 * 10), 1, 1))
    return Calendar("century", date(max(1, day.year // 100 * 100), 1, 1))


def _landed(granularity: str, first: date) -> Calendar:
    """A value moved to start at ``first``: its month when no value of its granularity
    starts in that month (a season, quarter or half)."""
    if first.month not in _STARTS.get(granularity, (first.month,)):
        return Calendar("month", first.replace(day=1))
    return Calendar(granularity, first)


def _format_clock(clock: time) -> str:
    return clock.strftime("T%H:%M:%S" if clock.second else "T%H:%M")


@lru_cache(maxsize=4096)  # a text names the same few dates again and again; Calendar is frozen
def parse_value(value: str) -> Calendar | None:
    """A TIMEX3 calendar value, or None for anything else (durations, PRESENT_REF, XXXX)."""
    before_christ = _BC_YEAR.match(value)
    if before_christ:  # BC0480-08: held as 8400 + 1 - 480 = 7921
        years_bc = int(before_christ.group(1))
        if not 1 <= years_bc <= BC_SHIFT:
            return None
        held = parse_value(f"{BC_SHIFT + 1 - years_bc:04d}" + value[before_christ.end() :])
        return replace(held, bc=True) if held else None
    for granularity, pattern in _FORMS:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        try:
            return _calendar_from(granularity, match.groups())
        except ValueError:
            return None
    return None


def _calendar_from(granularity: str, parts: tuple) -> Calendar:
    year = int(parts[0])
    if granularity == "day":
        clock = _CLOCK.fullmatch(parts[3] or "")
        hour, minute, second = (int(n or 0) for n in clock.groups()) if clock else (0, 0, 0)
        at = time(hour, minute, second) if clock else None
        return Calendar("day", date(year, int(parts[1]), int(parts[2])), at)
    if granularity in ("week", "weekend"):
        return Calendar(granularity, date.fromisocalendar(year, int(parts[1]), 1))
    if granularity == "month":
        return Calendar("month", date(year, int(parts[1]), 1))
    if granularity == "quarter":
        return Calendar("quarter", date(year, (int(parts[1]) - 1) * 3 + 1, 1))
    if granularity == "half":
        return Calendar("half", date(year, (int(parts[1]) - 1) * 6 + 1, 1))
    if granularity == "season":
        return Calendar("season", date(year, SEASON_MONTH[parts[1]], 1))
    if granularity == "year":
        return Calendar("year", date(year, 1, 1))
    if granularity == "decade":
        return Calendar("decade", date(max(1, year * 10), 1, 1))
    return Calendar("century", date(max(1, year * 100), 1, 1))


def in_year(granularity: str, year: int, month: int, day: int = 1) -> Calendar:
    """A value starting on ``year-month-day`` of any astronomical year (0 is 1 BC)."""
    if year >= 1:
        return Calendar(granularity, date(year, month, day))
    return Calendar(granularity, date(year + BC_SHIFT, month, day), bc=True)


def feast_day(year: int, rule: str) -> date:
    """The day of a feast in a year (1 to 9999) by its rule in holiday.csv: ``12-25`` a fixed
    day; ``11-01-TH+4`` the fourth Thursday on or after 1 November; ``05-31-MO-1`` the last
    Monday on or before 31 May; ``easter``, ``easter-2``, ``orthodox_easter``: Western or
    Orthodox Easter Sunday (in the Gregorian calendar) and days from it."""
    found = _FEAST.fullmatch(rule)
    if found is None:
        raise ValueError(f"feast rule {rule!r} is not MM-DD, MM-DD-WD+N, MM-DD-WD-N or easter+N")
    if found["easter"]:
        method = EASTER_ORTHODOX if found["easter"].startswith("orthodox") else EASTER_WESTERN
        return easter(year, method) + timedelta(days=int(found["offset"] or 0))
    try:
        day = date(year, int(found["month"]), int(found["day"]))
    except ValueError as exc:
        raise ValueError(f"feast rule {rule!r} in {year}: {exc}") from None
    if found["weekday"] is None:
        return day
    return day + relativedelta(weekday=_WEEKDAYS[found["weekday"]](int(found["nth"])))


def weekday_in_month(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (ISO: Monday is 1) of a month, counted from its end when
    ``nth`` is negative: the second Tuesday of October 2003 is 14 October, the last (-1)
    Friday of June 2025 is 27 June. Raises ValueError where the month has no such day."""
    start = date(year, month, 1 if nth > 0 else month_length(year, month))
    day = start + relativedelta(weekday=list(_WEEKDAYS.values())[weekday - 1](nth))
    if day.month != month:
        raise ValueError(f"{year}-{month:02d} has no weekday {weekday} number {nth}")
    return day


def _add_months(day: date, months: int, keep_day: bool = False) -> date:
    """The first of the month ``months`` after ``day``'s; with ``keep_day``, the same day of
    that month, or its last where it is shorter (31 January and a month is 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, month_length(year, month + 1)) if keep_day else 1)
