"""EDTF dates as honest intervals: earliest start, latest end, precision, qualifiers, label.

Supported: EDTF level 0 (``2024``, ``2024-05``, ``2024-05-17``, ``2024/2028``), level 1
(``2024~`` ``2024?`` ``2024%``, seasons ``2024-21``..``24``, unspecified trailing digits
``202X`` ``2024-XX`` ``2024-05-XX``, open ``2025-07/..`` and unknown ``/2024`` ends) and the
level 2 sub-year groupings ``25``..``41`` (hemisphere seasons, quarters, thirds, halves).
Years run from 0001 to 9999, the range of Python dates; anything else is a ``DateError``.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pendulum

from timeline.errors import DateError
from timeline.resources import label_templates

PRECISIONS = (
    "day",
    "month",
    "season",
    "quarter",
    "third",
    "half",
    "year",
    "decade",
    "century",
    "millennium",
)

# EDTF sub-year code -> (first month, number of months, precision). Winter runs into the
# next year: December to February, not December alone as the edtf package has it.
SUB_YEAR: dict[int, tuple[int, int, str]] = {
    21: (3, 3, "season"),
    22: (6, 3, "season"),
    23: (9, 3, "season"),
    24: (12, 3, "season"),
    25: (3, 3, "season"),
    26: (6, 3, "season"),
    27: (9, 3, "season"),
    28: (12, 3, "season"),
    29: (9, 3, "season"),
    30: (12, 3, "season"),
    31: (3, 3, "season"),
    32: (6, 3, "season"),
    33: (1, 3, "quarter"),
    34: (4, 3, "quarter"),
    35: (7, 3, "quarter"),
    36: (10, 3, "quarter"),
    37: (1, 4, "third"),
    38: (5, 4, "third"),
    39: (9, 4, "third"),
    40: (1, 6, "half"),
    41: (7, 6, "half"),
}

_SINGLE = re.compile(
    r"(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<qualifier>[?~%])?"
)
_YEAR_DIGITS = {"X": "decade", "XX": "century", "XXX": "millennium"}
OPEN = ".."


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """An EDTF value read as an interval of whole days; ``None`` bounds are open or unknown."""

    edtf: str
    start: pendulum.Date | None
    end: pendulum.Date | None
    precision: str
    approximate: bool = False
    uncertain: bool = False
    open_start: bool = False
    open_end: bool = False
    label: str = ""

    @property
    def sort_key(self) -> tuple[date, date]:
        """Order by start, then end; an open start comes first and an open end last."""
        return (self.start or date.min, self.end or date.max)

    def interval(self) -> pendulum.Interval:
        """The pendulum interval from start to end; open or unknown ends are refused."""
        if self.start is None or self.end is None:
            raise DateError(self.edtf, "an open or unknown end has no pendulum interval")
        return pendulum.interval(self.start, self.end)  # type: ignore[arg-type]

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """True when the date could fall between ``first`` and ``last`` (``None``: unbounded)."""
        starts_before_last = last is None or self.start is None or self.start <= last
        ends_after_first = first is None or self.end is None or self.end >= first
        return starts_before_last and ends_after_first

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``timeline date``."""
        return {
            "edtf": self.edtf,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "approximate": self.approximate,
            "uncertain": self.uncertain,
            "label": self.label,
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class _Point:
    """One side of a date: its bounds, precision, qualifiers and unqualified label."""

    start: pendulum.Date
    end: pendulum.Date
    precision: str
    approximate: bool
    uncertain: bool
    label: str


def parse_edtf(value: str, where: str = "") -> FuzzyDate:
    """Read an EDTF string; ``where`` (e.g. ``events.csv, line 4``) goes into any error."""
    try:
        return _parse_cached(value)
    except DateError as error:
        if error.value == value and not where:
            raise
        reason = error.reason if error.value == value else f"{error.value!r}: {error.reason}"
        raise DateError(value, reason, where) from None


@lru_cache(maxsize=65536)
def _parse_cached(value: str) -> FuzzyDate:
    text = value.strip()
    if not text:
        raise DateError(value, "empty; write a year at least, e.g. 2024")
    if text != value:
        raise DateError(value, "has spaces around it")
    if "/" in text:
        return _parse_interval(text)
    point = _parse_point(text)
    return FuzzyDate(
        edtf=text,
        start=point.start,
        end=point.end,
        precision=point.precision,
        approximate=point.approximate,
        uncertain=point.uncertain,
        label=_qualified(point),
    )


def _parse_interval(text: str) -> FuzzyDate:
    parts = text.split("/")
    if len(parts) != 2:
        raise DateError(text, "an interval has exactly one '/'")
    first, last = (None if p in ("", OPEN) else _parse_point(p) for p in parts)
    if first is None and last is None:
        raise DateError(text, "an interval needs at least one known end")
    if first and last and first.start > last.end:
        raise DateError(text, "the interval ends before it starts")
    precisions = [p.precision for p in (first, last) if p]
    return FuzzyDate(
        edtf=text,
        start=first.start if first else None,
        end=last.end if last else None,
        precision=max(precisions, key=PRECISIONS.index),
        approximate=any(p.approximate for p in (first, last) if p),
        uncertain=any(p.uncertain for p in (first, last) if p),
        open_start=parts[0] == OPEN,
        open_end=parts[1] == OPEN,
        label=_interval_label(first, last, parts),
    )


def _parse_point(text: str) -> _Point:
    match = _SINGLE.fullmatch(text)
    if match is None:
        raise DateError(text, _why_unreadable(text))
    year, month, day = match.group("year", "month", "day")
    qualifier = match.group("qualifier") or ""
    start, end, precision, label = _bounds(text, year, month, day)
    return _Point(
        pendulum.Date(start.year, start.month, start.day),
        pendulum.Date(end.year, end.month, end.day),
        precision,
        qualifier in "~%" and qualifier != "",
        qualifier in "?%" and qualifier != "",
        label,
    )


def _why_unreadable(text: str) -> str:
    if text[:1] in "-Y" or re.fullmatch(r"\d{5,}.*", text):
        return "supported years are 0001 to 9999"
    if any(c in text for c in "[]{},"):
        return "sets and lists of dates are not supported"
    if text[:1] in "?~%" or re.search(r"[?~%].", text):
        return "a qualifier (? ~ %) goes at the end and applies to the whole date"
    return "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ? ~ or %"


def _bounds(text: str, year: str, month: str | None, day: str | None) -> tuple:
    if "X" in year:
        return _unspecified_year(text, year, month)
    y = int(year)
    if y == 0:
        raise DateError(text, "supported years are 0001 to 9999")
    if month is None or month == "XX":
        if day is not None and day != "XX":
            raise DateError(text, "a day needs a month")
        return date(y, 1, 1), date(y, 12, 31), "year", str(y)
    if "X" in month:
        raise DateError(text, f"month {month!r} must be all digits or XX")
    m = int(month)
    if m in SUB_YEAR:
        return _sub_year(text, y, m, day)
    if not 1 <= m <= 12:
        raise DateError(text, f"month {m} does not exist (01-12, or 21-41 for seasons and parts)")
    last_day = calendar.monthrange(y, m)[1]
    if day is None or day == "XX":
        return date(y, m, 1), date(y, m, last_day), "month", _month_label(y, m)
    if "X" in day or not 1 <= int(day) <= last_day:
        raise DateError(text, f"day {day} does not exist in {year}-{month}")
    d = date(y, m, int(day))
    return d, d, "day", f"{d.day} {_month_label(y, m)}"


def _unspecified_year(text: str, year: str, month: str | None) -> tuple:
    digits = year.rstrip("X")
    if "X" in digits or not digits:
        raise DateError(text, "unspecified digits (X) may only end a year, as in 202X")
    if month is not None and month != "XX":
        raise DateError(text, "a month needs a fully known year")
    width = 10 ** (4 - len(digits))
    first = max(int(digits) * width, 1)
    last = int(digits) * width + width - 1
    precision = _YEAR_DIGITS[year[len(digits) :]]
    template = label_templates()[precision]
    return date(first, 1, 1), date(last, 12, 31), precision, template.format(start=first, end=last)


def _sub_year(text: str, year: int, code: int, day: str | None) -> tuple:
    if day is not None:
        raise DateError(text, "a season or part of a year has no day")
    first_month, months, precision = SUB_YEAR[code]
    end_index = year * 12 + first_month - 1 + months - 1
    end_year, end_month = divmod(end_index, 12)
    if end_year > 9999:
        raise DateError(text, "supported years are 0001 to 9999")
    end = date(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])
    label = label_templates()[str(code)].format(year=year, next_year=year + 1)
    return date(year, first_month, 1), end, precision, label


def _month_label(year: int, month: int) -> str:
    return f"{pendulum.Date(year, month, 1).format('MMMM', locale='en')} {year}"


def _qualified(point: _Point) -> str:
    templates = label_templates()
    label = point.label
    if point.approximate:
        label = templates["approximate"].format(label=label)
    if point.uncertain:
        label = templates["uncertain"].format(label=label)
    return label


def _interval_label(first: _Point | None, last: _Point | None, parts: list[str]) -> str:
    templates = label_templates()
    if first is None:
        key = "open_start" if parts[0] == OPEN else "unknown_start"
        return templates[key].format(end=_qualified(last))  # type: ignore[arg-type]
    if last is None:
        key = "open_end" if parts[1] == OPEN else "unknown_end"
        return templates[key].format(start=_qualified(first))
    if _same_year_months(first, last):
        months = templates["interval"].format(
            start=first.start.format("MMMM", locale="en"),
            end=last.end.format("MMMM", locale="en"),
        )
        return templates["interval_same_year"].format(months=months, year=first.start.year)
    return templates["interval"].format(start=_qualified(first), end=_qualified(last))


def _same_year_months(first: _Point, last: _Point) -> bool:
    plain = not (first.approximate or first.uncertain or last.approximate or last.uncertain)
    months = first.precision == last.precision == "month"
    return plain and months and first.start.year == last.start.year
