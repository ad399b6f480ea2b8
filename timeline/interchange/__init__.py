"""Interchange with other timeline tools: TimelineJS3 (JSON and its Google Sheets template as
CSV) in and out, and iCalendar out and back in.

Each format module has ``dump(events, topics, title) -> bytes`` and
``load(data, where) -> Imported``. A date keeps its width both ways: what the other tool can
say (a year, a month, a day, a span of them) is read as exactly that; what it cannot say
(seasons, halves, "c. 2024", open ends) goes out as its span with the honest label beside
it, and our own EDTF travels in a field the other tool ignores, so a round trip is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from timeline.dates import FuzzyDate
from timeline.days import Day, month_length, year_text
from timeline.errors import TimelineError
from timeline.events import Event, IdAllocator, slug

FORMATS = ("timelinejs", "sheet", "ics")


@dataclass
class Imported:
    """Events read from another tool's file, and what could not be carried over."""

    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # items left out, each with where and why
    notes: list[str] = field(default_factory=list)  # parts of the file with no place here


def edtf_for_days(first: date | Day, last: date | Day) -> str:
    """The EDTF that means exactly the days ``first`` to ``last``: whole years as years,
    whole months as months, else days (``2024``, ``2024-05/2024-09``, ``2024-05-03``)."""
    if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31):
        parts = (year_text(first.year), year_text(last.year))
    elif first.day == 1 and last.day == month_length(last.year, last.month):
        parts = (_month_text(first), _month_text(last))
    else:
        parts = (first.isoformat(), last.isoformat())
    return parts[0] if parts[0] == parts[1] else f"{parts[0]}/{parts[1]}"


def _month_text(day: date | Day) -> str:
    return f"{year_text(day.year)}-{day.month:02d}"


def known_span(fuzzy: FuzzyDate) -> tuple[Day, Day]:
    """The days a date certainly covers: its bounds, or for an open or unknown end the
    known side's own unit ("since July 2025": July 2025; "until 2025": 2025)."""
    if fuzzy.start is not None and fuzzy.end is not None:
        return fuzzy.start, fuzzy.end
    day = fuzzy.start or fuzzy.end
    if day is None:
        raise TimelineError(f"{fuzzy.edtf!r} has no known day to place on a timeline")
    if fuzzy.precision in ("second", "day"):
        return day, day
    if fuzzy.precision == "month":
        last = month_length(day.year, day.month)
        return Day.of(day.year, day.month, 1), Day.of(day.year, day.month, last)
    return Day.of(day.year), Day.of(day.year, 12, 31)


URL_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,99}")


def claim_id(wanted: str, taken: IdAllocator) -> str:
    """``wanted`` as it is if free and a URL can carry it as one path segment, else a slug of
    it (``2008-08-07/2008-08-12-Russo-Georgian war`` becomes
    ``2008-08-07-2008-08-12-russo-georgian-war``), numbered if taken; either way now taken."""
    return taken.claim(wanted if URL_SAFE_ID.fullmatch(wanted) else slug(wanted))


TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """HTML as the text a reader sees: tags dropped, entities read, spaces collapsed."""
    import html

    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", markup or ""))).strip()


def writer(fmt: str):
    """The ``dump(events, topics, title) -> bytes`` of a format."""
    return _module(fmt).dump


def reader(fmt: str):
    """The ``load(data, where) -> Imported`` of a format."""
    return _module(fmt).load


def _module(fmt: str):
    from importlib import import_module

    if fmt not in FORMATS:
        raise TimelineError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return import_module(f"timeline.interchange.{fmt}")
