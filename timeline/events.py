"""The ``Event`` and ``Topic`` types that cross module borders, and the events.csv columns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.dates import FuzzyDate

COLUMNS = ("id", "date", "title", "topics", "actors", "summary", "quote", "source", "note")
REQUIRED = ("id", "date", "title", "quote", "source")
LIST_SEPARATOR = ";"

DATE_FIELDS = ("start", "end", "precision", "approximate", "uncertain", "label")


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
        shown = self.date.as_dict()
        return {
            **self.as_row(),
            "topics": list(self.topics),
            "actors": list(self.actors),
            **{name: shown[name] for name in DATE_FIELDS},
        }

    def searchable_text(self) -> str:
        """Title, summary and quote in lower case, for the free-text filter."""
        return f"{self.title}\n{self.summary}\n{self.quote}".casefold()


def split_list(cell: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple of its non-empty, trimmed items."""
    return tuple(item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip())


def slug(seed: str) -> str:
    """A readable id from ``seed``: lower case letters and digits joined by dashes. A seed
    that opens with a year before 1 (``-0479-08-…``, August 480 BC) says so: ``480bc-08-…``."""
    before_christ = _ASTRONOMICAL_YEAR.match(seed)
    if before_christ:
        seed = f"{1 - int(before_christ.group(0))}bc{seed[before_christ.end() :]}"
    return re.sub(r"[^a-z0-9]+", "-", seed.lower()).strip("-")[:48].rstrip("-") or "event"


_ASTRONOMICAL_YEAR = re.compile(r"-\d{4}(?!\d)|0000(?=$|-)")


class IdAllocator:
    """Hands out ids not taken yet: a wanted id as it is when free, else with the next free
    number (``x-2``, ``x-3``…). Each base remembers its last number, so a thousand copies of
    one id cost a thousand steps, not half a million."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        candidate, number = wanted, self._next.get(wanted, 2)
        while candidate in self.taken:
            candidate, number = f"{wanted}-{number}", number + 1
        self._next[wanted] = number
        self.taken.add(candidate)
        return candidate
