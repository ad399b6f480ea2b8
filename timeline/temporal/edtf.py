"""Conversion between TIMEX3 values and the EDTF dates of events files.

``2025-H1`` is ``2025-40``, ``2025-Q2`` is ``2025-34``, ``2018-SP`` is ``2018-21``,
``199`` is ``199X``, ``19`` is ``19XX``; a week or weekend becomes an interval of its days.
A clock time is kept to the second (``1998-08-07T10:30`` is ``1998-08-07T10:30:00``, with its
zone when it has one); a part of the day (``TMO``, morning) keeps only its day. Years before
Christ are astronomical: ``BC0490`` (490 BC) is ``-0489``, the decade ``BC049`` (the 490s BC)
is ``-0498/-0489``, the century ``BC04`` (the 400s BC) is ``-0498/-0399``. Durations, sets,
``XXXX`` and ``PAST_REF`` have no EDTF.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from timeline.days import year_text
from timeline.temporal.values import parse_value

SEASONS = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}
QUARTERS = {"1": "33", "2": "34", "3": "35", "4": "36"}
HALVES = {"1": "40", "2": "41"}
_REVERSE = {
    **{code: f"Q{n}" for n, code in QUARTERS.items()},
    **{code: f"H{n}" for n, code in HALVES.items()},
    **{code: season for season, code in SEASONS.items()},
}
_SUB_YEAR = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}(?::?\d{2})?)?")
_BEFORE_CHRIST = re.compile(r"BC(\d{2,4})((?:-\d{2}){0,2})")


@lru_cache(maxsize=4096)
def timex_to_edtf(value: str) -> str | None:
    """The EDTF date of a TIMEX3 calendar value, or None when it has none."""
    if value.startswith("BC"):
        return _before_christ(value)
    clock = _CLOCK.fullmatch(value)
    if clock:
        day, hour, minute, second, zone = clock.groups()
        return f"{day}T{hour}:{minute}:{second or '00'}{zone or ''}"
    value = value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value
    sub_year = _SUB_YEAR.fullmatch(value)
    if sub_year:
        year, part = sub_year.groups()
        code = {"Q": QUARTERS, "H": HALVES}.get(part[0], {}).get(part[1:]) or SEASONS.get(part)
        return f"{year}-{code}"
    calendar = parse_value(value)
    if calendar is None:
        return None
    if calendar.granularity in ("week", "weekend"):
        first = calendar.first + timedelta(days=5 if calendar.granularity == "weekend" else 0)
        last = calendar.first + timedelta(days=6)
        return f"{first.isoformat()}/{last.isoformat()}"
    if calendar.granularity == "decade":
        return value + "X"
    if calendar.granularity == "century":
        return value + "XX"
    return value


def _before_christ(value: str) -> str | None:
    """``BC0490`` -> ``-0489``; ``BC0490-03-15`` -> ``-0489-03-15``; decades and centuries
    -> the interval of their years."""
    match = _BEFORE_CHRIST.fullmatch(value)
    if match is None:
        return None
    digits, rest = match.groups()
    if len(digits) == 4:
        return year_text(1 - int(digits)) + rest if int(digits) else None
    if rest:
        return None
    width = 10 ** (4 - len(digits))  # years in the decade or century
    latest = int(digits) * width  # the latest year BC: 490 for the 490s BC
    return f"{year_text(1 - latest - width + 1)}/{year_text(1 - latest)}"


def edtf_to_timex(edtf: str) -> str | None:
    """The TIMEX3 value of an EDTF date without qualifiers or intervals, or None."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", edtf)
    if match and match.group(2) in _REVERSE:
        return f"{match.group(1)}-{_REVERSE[match.group(2)]}"
    if re.fullmatch(r"\d{3}X", edtf):
        return edtf[:3]
    if re.fullmatch(r"\d{2}XX", edtf):
        return edtf[:2]
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", edtf):
        return edtf
    return None
