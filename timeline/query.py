"""Filter events by years, topics and text; filters round-trip through a URL query string."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from timeline.days import FIRST_YEAR, LAST_YEAR, Day, year_label
from timeline.errors import FilterError
from timeline.events import Event

MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR  # astronomical: 0 is 1 BC, -489 is 490 BC
_YEARS = re.compile(r"\s*(-?\d{1,4})\s*(?:[:\-–]\s*(-?\d{1,4})\s*)?")


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see; empty fields mean no restriction."""

    years: tuple[int, int] | None = None
    topics: tuple[str, ...] = ()
    text: str = ""
    problems: tuple[str, ...] = field(default=(), compare=False)

    def describe(self) -> str:
        """The active filters in words, for titles of exported images."""
        parts = []
        if self.years:
            first, last = (year_label(year) for year in self.years)
            parts.append(f"years {first}" if first == last else f"years {first}–{last}")
        if self.topics:
            parts.append("topics: " + ", ".join(self.topics))
        if self.text:
            parts.append(f"text: “{self.text}”")
        return "; ".join(parts) if parts else "no filters"


def parse_years(value: str) -> tuple[int, int]:
    """``2024:2025`` (or ``2024-2025``, or ``2024``) as a (first, last) pair of years;
    astronomical years before 1 (``-0489:-0400``: 490 to 401 BC)."""
    match = _YEARS.fullmatch(value)
    if match is None:
        raise FilterError("years", value, "expected FIRST:LAST, e.g. 2024:2025")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not (MIN_YEAR <= first <= MAX_YEAR and MIN_YEAR <= last <= MAX_YEAR):
        raise FilterError("years", value, f"years must be between {MIN_YEAR} and {MAX_YEAR}")
    if first > last:
        raise FilterError("years", value, "the first year is after the last")
    return first, last


def parse_topics(value: str, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """``trade,energy`` as a tuple of topic names, checked against ``known`` when given."""
    topics = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
    if known is not None:
        known = list(known)
        unknown = [t for t in topics if t not in known]
        if unknown:
            raise FilterError("topics", ",".join(unknown), f"unknown; known: {', '.join(known)}")
    return topics


def matches(event: Event, filters: Filters) -> bool:
    """Whether the event passes every filter; a date is in a year range if it overlaps it."""
    if filters.years:
        first, last = filters.years
        if not event.date.overlaps(Day.of(first), Day.of(last, 12, 31)):
            return False
    if filters.topics and not set(event.topics) & set(filters.topics):
        return False
    return not filters.text or filters.text.casefold() in event.searchable_text()


def apply_filters(events: Iterable[Event], filters: Filters) -> list[Event]:
    """The events that pass the filters, in chronological order."""
    return sorted((e for e in events if matches(e, filters)), key=lambda e: e.date.sort_key)


def year_span(events: Sequence[Event]) -> tuple[int, int] | None:
    """The first and last year any known bound of the events falls in."""
    years = [d.year for e in events for d in (e.date.start, e.date.end) if d is not None]
    return (min(years), max(years)) if years else None


def to_query_string(filters: Filters) -> str:
    """The filters as ``?years=2024:2025&topics=trade,energy&q=gas`` (empty when none)."""
    params = {}
    if filters.years:
        params["years"] = f"{filters.years[0]}:{filters.years[1]}"
    if filters.topics:
        params["topics"] = ",".join(filters.topics)
    if filters.text:
        params["q"] = filters.text
    return "?" + urlencode(params) if params else ""


def from_query_string(search: str | None, known_topics: Iterable[str] | None = None) -> Filters:
    """Filters read from a URL query string; bad parts are dropped and named in ``problems``."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    problems: list[str] = []
    years = topics = None
    if "years" in params:
        try:
            years = parse_years(params["years"][0])
        except FilterError as error:
            problems.append(str(error))
    if "topics" in params:
        try:
            topics = parse_topics(params["topics"][0], known_topics)
        except FilterError as error:
            problems.append(str(error))
    text = params.get("q", [""])[0].strip()[:200]
    return Filters(years, topics or (), text, tuple(problems))
