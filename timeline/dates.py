"""EDTF dates as honest intervals: earliest start, latest end, precision, qualifiers, label.

All of EDTF levels 0 to 2 within the years -9999 to 9999 (astronomical: ``0000`` is 1 BC,
``-0489`` is 490 BC):

- days, months and years; times of day with or without a zone (``2004-01-01T10:10:10Z``,
  ``…+05:00``): the bounds are the instant in UTC, the label keeps the source's own zone;
- intervals with open (``..``) and unknown (empty) ends;
- qualifiers on the whole date (``2024~``) or on a part of it: after a part for it and the
  parts before it (``2004?-06-11``), before a part for that part alone (``2004-06-~11``);
- unspecified digits anywhere (``202X``, ``156X-12-25``, ``XXXX-XX-23``): the bounds run from
  the earliest day the date can be to the latest;
- seasons, quarters, thirds and halves (``2024-21`` .. ``2024-41``);
- sets: one of (``[1667, 1668, 1670..1672]``, ``[..1760-12-03]``) and all of (``{1960,
  1961-12}``), whose members are kept;
- significant digits (``1950S2``: a year from 1900 to 1999, estimated as 1950) and the
  ``Y`` forms of years (``Y-1E3``).

Anything else, or a year outside -9999..9999, is a ``DateError`` that says why.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

import pendulum

from timeline.days import FIRST_YEAR, LAST_YEAR, MAX, MIN, Day, month_length, year_label
from timeline.errors import DateError
from timeline.resources import label_templates

PRECISIONS = (
    "second",
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
PARTS = ("year", "month", "day")

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

_Q = r"[?~%]"
_POINT = re.compile(
    rf"(?P<yl>{_Q})?(?P<year>Y-?\d+(?:E\d+)?|-?[0-9X]{{4}})(?:S(?P<digits>\d+))?(?P<yr>{_Q})?"
    rf"(?:-(?P<ml>{_Q})?(?P<month>[0-9X]{{2}})(?P<mr>{_Q})?"
    rf"(?:-(?P<dl>{_Q})?(?P<day>[0-9X]{{2}})(?P<dr>{_Q})?)?)?"
    r"(?:T(?P<time>\d{2}:\d{2}:\d{2})(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_YEAR_DIGITS = {1: "decade", 2: "century", 3: "millennium"}
OPEN = ".."
SETS = {"[": ("]", "one-of"), "{": ("}", "all-of")}


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day as written, and its offset from UTC in minutes (None: no zone given)."""

    hour: int
    minute: int
    second: int
    offset: int | None

    def zone_text(self) -> str:
        if self.offset is None:
            return ""
        if self.offset == 0:
            return " UTC"
        sign = "+" if self.offset > 0 else "-"
        hours, minutes = divmod(abs(self.offset), 60)
        return f" UTC{sign}{hours:02d}:{minutes:02d}"

    def label(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}:{self.second:02d}{self.zone_text()}"


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """An EDTF value read as an interval of whole days; ``None`` bounds are open or unknown.

    A timed value also has ``instant``: its moment in UTC (``2004-01-01T05:10:10Z``; without
    a ``Z`` when the source gave no zone), and its days are that moment's UTC day. A set
    keeps its ``members`` and whether it is ``one-of`` or ``all-of`` (``kind``).
    """

    edtf: str
    start: Day | None
    end: Day | None
    precision: str
    approximate: bool = False
    uncertain: bool = False
    open_start: bool = False
    open_end: bool = False
    label: str = ""
    instant: str = ""
    kind: str = ""
    members: tuple[FuzzyDate, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[int, int]:
        """Order by start, then end; an open start comes first and an open end last."""
        return (
            MIN.ordinal - 1 if self.start is None else self.start.ordinal,
            MAX.ordinal + 1 if self.end is None else self.end.ordinal,
        )

    def interval(self) -> pendulum.Interval:
        """The pendulum interval from start to end; open or unknown ends, and days before
        year 1 (which Python's dates do not have), are refused."""
        if self.start is None or self.end is None:
            raise DateError(self.edtf, "an open or unknown end has no pendulum interval")
        first, last = self.start.to_date(), self.end.to_date()
        if first is None or last is None:
            raise DateError(self.edtf, "days before year 1 have no pendulum interval")
        start, end = (pendulum.Date(d.year, d.month, d.day) for d in (first, last))
        return pendulum.interval(start, end)  # type: ignore[arg-type]

    def overlaps(self, first: Day | None, last: Day | None) -> bool:
        """True when the date could fall between ``first`` and ``last`` (``None``: unbounded);
        a set, when one of its members could (an open set end reaches past its members)."""
        if self.members:
            return any(m.overlaps(first, last) for m in self._reaches())
        starts_before_last = last is None or self.start is None or self.start <= last
        ends_after_first = first is None or self.end is None or self.end >= first
        return starts_before_last and ends_after_first

    def _reaches(self) -> list[FuzzyDate]:
        """The members, the first reaching back without end when the set is open there."""
        members = list(self.members)
        if self.open_start:
            members[0] = _replace(members[0], start=None)
        if self.open_end:
            members[-1] = _replace(members[-1], end=None)
        return members

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``timeline date``."""
        start = self.instant or (self.start.isoformat() if self.start else None)
        end = self.instant or (self.end.isoformat() if self.end else None)
        out: dict[str, object] = {
            "edtf": self.edtf,
            "start": start,
            "end": end,
            "precision": self.precision,
            "approximate": self.approximate,
            "uncertain": self.uncertain,
            "label": self.label,
        }
        if self.kind:
            out["set"] = self.kind
            out["members"] = [m.as_dict() for m in self.members]
        return out

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


def _replace(fuzzy: FuzzyDate, **changes) -> FuzzyDate:
    values = {name: getattr(fuzzy, name) for name in FuzzyDate.__dataclass_fields__}
    return FuzzyDate(**{**values, **changes})


@dataclass(frozen=True, slots=True)
class _Point:
    """One date: its bounds, precision, qualifiers by part and unqualified label."""

    start: Day
    end: Day
    precision: str
    approximate: frozenset[str]
    uncertain: frozenset[str]
    label: str
    parts: tuple[str, ...]
    instant: str = ""

    @property
    def whole(self) -> tuple[bool, bool]:
        """Whether every part of the date is approximate, and whether every part uncertain."""
        every = frozenset(self.parts)
        return self.approximate >= every, self.uncertain >= every


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
    if text[0] in SETS:
        return _parse_set(text)
    if "/" in text:
        return _parse_interval(text)
    return _single(text, _parse_point(text))


def _single(text: str, point: _Point) -> FuzzyDate:
    return FuzzyDate(
        edtf=text,
        start=point.start,
        end=point.end,
        precision=point.precision,
        approximate=bool(point.approximate),
        uncertain=bool(point.uncertain),
        label=_qualified(point),
        instant=point.instant,
    )


# --- intervals and sets ---------------------------------------------------------------------


def _parse_interval(text: str) -> FuzzyDate:
    parts = text.split("/")
    if len(parts) != 2:
        raise DateError(text, "an interval has exactly one '/'")
    first, last = (None if p in ("", OPEN) else _parse_point(p) for p in parts)
    if first is None and last is None:
        raise DateError(text, "an interval needs at least one known end")
    if first and last and first.start > last.end:
        raise DateError(text, "the interval ends before it starts")
    known = [p for p in (first, last) if p]
    return FuzzyDate(
        edtf=text,
        start=first.start if first else None,
        end=last.end if last else None,
        precision=max((p.precision for p in known), key=PRECISIONS.index),
        approximate=any(p.approximate for p in known),
        uncertain=any(p.uncertain for p in known),
        open_start=parts[0] == OPEN,
        open_end=parts[1] == OPEN,
        label=_interval_label(first, last, parts),
    )


def _parse_set(text: str) -> FuzzyDate:
    closing, kind = SETS[text[0]]
    if not text.endswith(closing):
        raise DateError(text, f"a set that opens with {text[0]!r} closes with {closing!r}")
    items = [item.strip() for item in text[1:-1].split(",")]
    if not any(items) or not all(items):
        raise DateError(text, "a set lists dates separated by commas, e.g. [1667, 1668]")
    open_start, open_end = items[0].startswith(OPEN), items[-1].endswith(OPEN)
    if open_start:
        items[0] = items[0][len(OPEN) :]
    if open_end:
        items[-1] = items[-1][: -len(OPEN)]
    members = tuple(_member(text, item) for item in items)
    return FuzzyDate(
        edtf=text,
        start=None if open_start else min(m.start for m in members),  # type: ignore[type-var]
        end=None if open_end else max(m.end for m in members),  # type: ignore[type-var]
        precision=max((m.precision for m in members), key=PRECISIONS.index),
        approximate=any(m.approximate for m in members),
        uncertain=any(m.uncertain for m in members),
        open_start=open_start,
        open_end=open_end,
        label=_set_label(kind, members, open_start, open_end),
        kind=kind,
        members=members,
    )


def _member(text: str, item: str) -> FuzzyDate:
    """One member of a set: a date, or a run of consecutive ones (``1670..1672``)."""
    if not item:
        raise DateError(text, "a set lists dates separated by commas, e.g. [1667, 1668]")
    first, dots, last = item.partition(OPEN)
    if not dots:
        return _single(item, _parse_point(item))
    try:
        run = _parse_interval(f"{first}/{last}")
    except DateError as error:
        raise DateError(text, f"{item!r}: {error.reason}") from None
    return _replace(run, edtf=item, label=run.label.replace(" to ", "–", 1))


# --- one date -------------------------------------------------------------------------------


def _parse_point(text: str) -> _Point:
    match = _POINT.fullmatch(text)
    if match is None:
        raise DateError(text, _why_unreadable(text))
    year, month, day = match.group("year", "month", "day")
    approximate, uncertain = _qualifiers(match)
    parts = PARTS[: 1 + (month is not None) + (day is not None)]
    if year.startswith("Y"):
        if month is not None:
            raise DateError(text, "a year written with Y has no month or day")
        start, end, precision, label = _year_bounds(text, _exponent_year(text, year))
    elif match.group("digits"):
        if month is not None:
            raise DateError(text, "significant digits (S) go with a year alone")
        start, end, precision, label = _significant(text, year, int(match.group("digits")))
    else:
        start, end, precision, label = _bounds(text, year, month, day)
    instant = ""
    if match.group("time"):
        if precision != "day" or start != end:
            raise DateError(text, "a time of day needs a complete date before the T")
        start, instant, label = _timed(text, start, match.group("time"), match.group("zone"))
        end, precision = start, "second"
    return _Point(start, end, precision, approximate, uncertain, label, parts, instant)


def _qualifiers(match: re.Match) -> tuple[frozenset[str], frozenset[str]]:
    """Which parts are approximate and which uncertain: a mark before a part is for it
    alone; a mark after a part is for it and every part before it."""
    approximate: set[str] = set()
    uncertain: set[str] = set()
    for index, part in enumerate(PARTS):
        for mark, covered in (
            (match.group(part[0] + "l"), (part,)),
            (match.group(part[0] + "r"), PARTS[: index + 1]),
        ):
            if mark in ("~", "%"):
                approximate.update(covered)
            if mark in ("?", "%"):
                uncertain.update(covered)
    return frozenset(approximate), frozenset(uncertain)


def _why_unreadable(text: str) -> str:
    if re.fullmatch(r"-?\d{5,}.*", text):
        return "a year of five digits or more is written with Y (Y12345); years run -9999..9999"
    if text.startswith("-0000"):
        return "year zero has no sign: write 0000"
    if any(c in text for c in "[]{},"):
        return "a set is written [a, b] (one of) or {a, b} (all of)"
    if "T" in text:
        return "a time is written YYYY-MM-DDThh:mm:ss, optionally ending in Z or +hh:mm"
    return "expected YYYY, YYYY-MM or YYYY-MM-DD, with ? ~ or % after or before a part"


def _exponent_year(text: str, year: str) -> int:
    digits, _, exponent = year[1:].partition("E")
    value = int(digits) * 10 ** int(exponent or 0)
    _check_year(text, value)
    return value


def _check_year(text: str, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(text, f"year {year} is outside the supported {FIRST_YEAR}..{LAST_YEAR}")


def _year_bounds(text: str, year: int) -> tuple:
    _check_year(text, year)
    return Day.of(year), Day.of(year, 12, 31), "year", year_label(year)


def _significant(text: str, year: str, digits: int) -> tuple:
    """``1950S2``: some year from 1900 to 1999, estimated as 1950."""
    if "X" in year:
        raise DateError(text, "significant digits go with a year written in full")
    value = int(year)
    width = 4 - digits
    if not 0 <= width <= 3:
        raise DateError(text, f"S{digits}: a four-digit year has 1 to 4 significant digits")
    size = 10**width
    low = abs(value) // size * size
    first, last = (low, low + size - 1) if value >= 0 else (-(low + size - 1), -low)
    _check_year(text, first)
    _check_year(text, last)
    precision = _YEAR_DIGITS.get(width, "year")
    label = label_templates()["significant"].format(
        estimate=year_label(value), start=year_label(first), end=year_label(last)
    )
    return Day.of(first), Day.of(last, 12, 31), precision, label


def _bounds(text: str, year: str, month: str | None, day: str | None) -> tuple:
    if year == "-0000":
        raise DateError(text, "year zero has no sign: write 0000")
    years = _candidates(year)
    if month is not None and month.isdigit() and int(month) in SUB_YEAR:
        if "X" in year:
            raise DateError(text, "a season or part of a year needs a known year")
        return _sub_year(text, years[0], int(month), day)
    months = [m for m in range(1, 13) if month is None or _fits(month, m)]
    if not months:
        raise DateError(text, f"month {month} does not exist (01-12, or 21-41 for parts of a year)")
    if day is None or month is None:
        return _month_bounds(year, years, month, months)
    first = _first_day(years, months, day)
    last = _last_day(years, months, day)
    if first is None or last is None:
        raise DateError(text, f"day {day} does not exist in {year}-{month}")
    if "X" not in year + month + day:
        return first, last, "day", _day_label(first)
    if day == "XX":
        return _month_bounds(year, years, month, months)
    if "X" not in year + month:
        label = label_templates()["some_day"].format(first=first.day, last=_day_label(last))
        return first, last, "day", label
    return first, last, "day", _unspecified_label(year, years, month, day)


def _month_bounds(year: str, years: list[int], month: str | None, months: list[int]) -> tuple:
    first = Day.of(years[0], months[0], 1)
    last = Day.of(years[-1], months[-1], month_length(years[-1], months[-1]))
    if month is not None and "X" not in month and "X" not in year:
        return first, last, "month", _month_label(years[0], months[0])
    if "X" not in year:
        return first, last, "year", year_label(years[0])
    if month is None or month == "XX":
        return first, last, *_unspecified_year(year, years)
    return first, last, "month", f"{_month_name(months[0])}, {_year_range(years)}"


def _candidates(year: str) -> list[int]:
    """The years a (possibly partly unspecified) four-digit year can be, lowest first."""
    sign = -1 if year.startswith("-") else 1
    digits = year.lstrip("-")
    low, high = int(digits.replace("X", "0")) * sign, int(digits.replace("X", "9")) * sign
    if "X" not in digits:
        return [low]
    return sorted({low, high})  # the ends are what the bounds need


def _fits(pattern: str, value: int) -> bool:
    return all(p in ("X", c) for p, c in zip(pattern, f"{value:02d}", strict=True))


def _first_day(years: list[int], months: list[int], day: str) -> Day | None:
    for month in months:
        for d in range(1, 32):
            if _fits(day, d) and d <= month_length(years[0], month):
                return Day.of(years[0], month, d)
    return None


def _last_day(years: list[int], months: list[int], day: str) -> Day | None:
    for month in reversed(months):
        for d in range(31, 0, -1):
            if _fits(day, d) and d <= month_length(years[-1], month):
                return Day.of(years[-1], month, d)
    return None


def _unspecified_year(year: str, years: list[int]) -> tuple[str, str]:
    digits = year.lstrip("-")
    unknown = len(digits) - len(digits.rstrip("X"))
    if "X" in digits.rstrip("X") or unknown == 4:
        return "millennium" if unknown >= 3 else "century", _year_range(years)
    precision = _YEAR_DIGITS[unknown]
    if precision == "decade" and years[0] >= 1:
        return precision, label_templates()["decade"].format(start=years[0])
    return precision, label_templates()["years"].format(
        start=year_label(years[0]), end=year_label(years[-1])
    )


def _year_range(years: list[int]) -> str:
    return label_templates()["some_year"].format(
        start=year_label(years[0]), end=year_label(years[-1])
    )


def _unspecified_label(year: str, years: list[int], month: str, day: str) -> str:
    """``156X-12-25``: "25 December, a year in 1560–1569"; ``1560-XX-25``: "the 25th of a
    month in 1560"."""
    when = year_label(years[0]) if "X" not in year else _year_range(years)
    days = day if "X" in day else str(int(day))
    if "X" in month:
        return label_templates()["day_of_some_month"].format(day=days, year=when)
    return f"{days} {_month_name(int(month))}, {when}"


def _sub_year(text: str, year: int, code: int, day: str | None) -> tuple:
    if day is not None:
        raise DateError(text, "a season or part of a year has no day")
    first_month, months, precision = SUB_YEAR[code]
    end_index = year * 12 + first_month - 1 + months - 1
    end_year, end_month = divmod(end_index, 12)
    _check_year(text, end_year)
    end = Day.of(end_year, end_month + 1, month_length(end_year, end_month + 1))
    label = label_templates()[str(code)].format(
        year=year_label(year), next_year=year_label(year + 1)
    )
    return Day.of(year, first_month, 1), end, precision, label


def _timed(text: str, day: Day, time: str, zone: str | None) -> tuple[Day, str, str]:
    """The UTC day, the instant (ISO, in UTC when the zone is known) and the label, which
    keeps the time as the source wrote it."""
    hour, minute, second = (int(n) for n in time.split(":"))
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(text, f"{time} is not a time of day (00:00:00 to 23:59:59)")
    offset = None if zone is None else _offset(text, zone)
    clock = Clock(hour, minute, second, offset)
    label = f"{_day_label(day)}, {clock.label()}"
    seconds = hour * 3600 + minute * 60 + second - (offset or 0) * 60
    days, seconds = divmod(seconds, 86_400)
    utc = day + timedelta(days=days)
    hh, rest = divmod(seconds, 3600)
    instant = f"{utc.isoformat()}T{hh:02d}:{rest // 60:02d}:{rest % 60:02d}"
    return utc, instant + ("Z" if offset is not None else ""), label


def _offset(text: str, zone: str) -> int:
    if zone == "Z":
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise DateError(text, f"{zone} is not a time zone offset (-14:00 to +14:00)")
    return sign * (hours * 60 + minutes)


# --- labels ---------------------------------------------------------------------------------


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def _month_label(year: int, month: int) -> str:
    return f"{_month_name(month)} {year_label(year)}"


def _day_label(day: Day) -> str:
    return f"{day.day} {_month_label(day.year, day.month)}"


def _qualified(point: _Point) -> str:
    """The label with its qualifiers: for the whole date ("c. May 2024"), or by part when
    only some parts are qualified ("2004 (year uncertain), 11 June")."""
    templates = label_templates()
    all_approximate, all_uncertain = point.whole
    partial = (point.approximate and not all_approximate) or (point.uncertain and not all_uncertain)
    if partial and len(point.parts) > 1:
        return _by_part(point)
    label = point.label
    if point.approximate:
        label = templates["approximate"].format(label=label)
    if point.uncertain:
        label = templates["uncertain"].format(label=label)
    return label


def _by_part(point: _Point) -> str:
    year = year_label(point.start.year)
    rest = _day_label(point.start).removesuffix(f" {year}") if "day" in point.parts else ""
    rest = rest or _month_name(point.start.month)
    year_note = _part_note(point, ("year",))
    rest_note = _part_note(point, point.parts[1:])
    return f"{year}{year_note}, {rest}{rest_note}"


def _part_note(point: _Point, parts: tuple[str, ...]) -> str:
    """The note " (month and day approximate)" for the parts that are; "" for none."""
    notes = []
    for flags, word in ((point.uncertain, "uncertain"), (point.approximate, "approximate")):
        named = [p for p in parts if p in flags]
        if named:
            notes.append((" and ".join(named), word))
    if not notes:
        return ""
    if len(notes) == 2 and notes[0][0] == notes[1][0]:
        return f" ({notes[0][0]} uncertain and approximate)"
    return " (" + "; ".join(f"{who} {word}" for who, word in notes) + ")"


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
            start=_month_name(first.start.month), end=_month_name(last.end.month)
        )
        return templates["interval_same_year"].format(
            months=months, year=year_label(first.start.year)
        )
    return templates["interval"].format(start=_qualified(first), end=_qualified(last))


def _same_year_months(first: _Point, last: _Point) -> bool:
    plain = not (first.approximate or first.uncertain or last.approximate or last.uncertain)
    months = first.precision == last.precision == "month"
    return plain and months and first.start.year == last.start.year


def _set_label(kind: str, members: tuple[FuzzyDate, ...], open_start: bool, open_end: bool):
    templates = label_templates()
    labels = [m.label for m in members]
    if open_start:
        labels[0] = templates["or_earlier"].format(label=labels[0])
    if open_end:
        labels[-1] = templates["or_later"].format(label=labels[-1])
    if len(labels) == 1:
        return labels[0]
    return templates[kind].format(dates=", ".join(labels))
