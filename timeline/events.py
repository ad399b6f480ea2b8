"""The ``Event`` and ``Topic`` types that cross module borders, and the events.csv columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.dates import FuzzyDate

COLUMNS = ("id", "date", "title", "topics", "actors", "summary", "quote", "source", "note")
REQUIRED = ("id", "date", "title", "quote", "source")
LIST_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic of the vocabulary: its name, colour (``#rrggbb``) and what it covers."""

    name: str
    colour: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening with the verbatim sentence that supports it."""

    id: str
    date: FuzzyDate
    title: str
    topics: tuple[str, ...]
    actors: tuple[str, ...] = ()
    summary: str = ""
    quote: str = ""
    source: str = ""
    note: str = ""
    line: int = 0

    def as_row(self) -> dict[str, str]:
        """The event as an events.csv row."""
        return {
            "id": self.id,
            "date": self.date.edtf,
            "title": self.title,
            "topics": LIST_SEPARATOR.join(self.topics),
            "actors": LIST_SEPARATOR.join(self.actors),
            "summary": self.summary,
            "quote": self.quote,
            "source": self.source,
            "note": self.note,
        }

    def as_dict(self) -> dict[str, object]:
        """The event as JSON: the row's fields, lists as lists, and the date's bounds and label."""
        return {
            **self.as_row(),
            "topics": list(self.topics),
            "actors": list(self.actors),
            "start": self.date.start.isoformat() if self.date.start else None,
            "end": self.date.end.isoformat() if self.date.end else None,
            "precision": self.date.precision,
            "approximate": self.date.approximate,
            "uncertain": self.date.uncertain,
            "label": self.date.label,
        }

    def searchable_text(self) -> str:
        """Title, summary and quote in lower case, for the free-text filter."""
        return f"{self.title}\n{self.summary}\n{self.quote}".casefold()


def split_list(cell: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple of its non-empty, trimmed items."""
    return tuple(item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip())


def unique_id(seed: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """A readable id from ``seed`` (lower case, dashes), not in ``taken``; added to it.
    ``counters`` (kept by the caller across calls) remembers the last number given to
    each slug, so that many events of one slug do not each count up from 2."""
    slug = re.sub(r"[^a-z0-9]+", "-", seed.lower()).strip("-")[:48].rstrip("-") or "event"
    counters = {} if counters is None else counters
    candidate, number = slug, counters.get(slug, 2)
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    counters[slug] = number
    taken.add(candidate)
    return candidate
