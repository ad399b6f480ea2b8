"""Conversion between TIMEX3 values and the EDTF dates of events files.

``2025-H1`` is ``2025-40``, ``2025-Q2`` is ``2025-34``, ``2018-SP`` is ``2018-21``,
``199`` is ``199X``, ``19`` is ``19XX``; a week or weekend becomes an interval of its days;
a time of day keeps only its day. Durations, sets, ``XXXX`` and ``PAST_REF`` have no EDTF.
"""

from __future__ import annotations

import re
from datetime import timedelta

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


def timex_to_edtf(value: str) -> str | None:
    """The EDTF date of a TIMEX3 calendar value, or None when it has none."""
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
