"""Which proposals from a new article are other reports of events already in a chronology.

A proposal is another report of an event when their dates are close and their words agree:

* *words*: the proposal's content words (title and quote, lower case, without the words of
  ``resources/<language>/matching.csv`` and without numbers) found among the event's (title,
  summary, quote and actors), as a share of the proposal's, each word weighted by how rare it
  is among the chronology's events (``log((n + 1) / (events with it + 1))``: a word every
  event has, such as the country the chronology is about, tells nothing and weighs 0); a
  word matches another that starts with the same five letters ("adopts", "adopted");
* *dates*: when the two dates overlap, a share of 0.3 is enough; when they do not overlap but
  lie within a year of each other, the words must agree more (0.5), and the match says the
  dates differ (one outlet says April, another May); further apart, never;
* the event's actors count among its words ("Kobakhidze", "Lavrov").

The event with the highest share wins; among equal shares, the one whose date is the same,
then the one with fewest words of its own (the more specific event). The others are left
alone. These are rules, not a
model: they are meant to be read, and a person decides on every match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from timeline.dates import FuzzyDate
from timeline.days import MAX, MIN, Day
from timeline.events import Event
from timeline.resources import RESOURCES, read_table

OVERLAPPING = 0.3  # share of words needed when the dates overlap
NEAR = 0.5  # share needed when the dates are apart by at most NEAR_DAYS
NEAR_DAYS = 366
STEM = 5  # letters two words must share at their start to count as one
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Match:
    """A proposal taken for another report of ``event``."""

    event: Event
    share: float
    dates_differ: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "event": self.event.id,
            "title": self.event.title,
            "date": self.event.date.edtf,
            "label": self.event.date.label,
            "share": round(self.share, 2),
            "dates_differ": self.dates_differ,
        }


@cache
def ignored_words(language: str = "en") -> frozenset[str]:
    rows = read_table(RESOURCES / language / "matching.csv", ("word",))
    return frozenset(row["word"] for row in rows)


def content_words(*texts: str) -> set[str]:
    """The words of ``texts`` that can tell events apart, cut to their first letters."""
    ignored = ignored_words()
    words = (w.lower() for text in texts for w in _WORD.findall(text))
    return {w[:STEM] for w in words if len(w) > 2 and w not in ignored}


def best_match(proposal: Event, known: Sequence[tuple[Event, set[str]]], weight) -> Match | None:
    """The event ``proposal`` most likely reports again, if any passes the rules above;
    ``known`` holds each event with its words, ``weight`` gives a word's weight."""
    wanted = content_words(proposal.title, proposal.quote)
    whole = sum(weight(word) for word in wanted)
    if not whole:
        return None
    best: Match | None = None
    best_rank: tuple = ()
    for event, words in known:
        apart = days_apart(proposal.date, event.date)
        if apart is None or apart > NEAR_DAYS:
            continue
        share = sum(weight(word) for word in wanted & words) / whole
        if share < (OVERLAPPING if apart == 0 else NEAR):
            continue
        same_date = proposal.date.edtf == event.date.edtf
        rank = (share, same_date, -len(words))
        if best is None or rank > best_rank:
            best, best_rank = Match(event, share, dates_differ=not same_date), rank
    return best


def matches(proposals: Sequence[Event], events: Sequence[Event]) -> list[Match | None]:
    """For each proposal, the event it reports again, or None for a new one."""
    known = [(e, content_words(e.title, e.summary, e.quote, *e.actors)) for e in events]
    having = Counter(word for _, words in known for word in words)

    def weight(word: str) -> float:
        return math.log((len(known) + 1) / (having[word] + 1))

    return [best_match(proposal, known, weight) for proposal in proposals]


def days_apart(one: FuzzyDate, other: FuzzyDate) -> int | None:
    """Days between two dates' spans (0 when they overlap; an open end reaches any day);
    None when one of them has no known day at all."""
    first = _span(one)
    second = _span(other)
    if first is None or second is None:
        return None
    if first[0] <= second[1] and second[0] <= first[1]:
        return 0
    return min(abs((first[0] - second[1]).days), abs((second[0] - first[1]).days))


def _span(fuzzy: FuzzyDate) -> tuple[Day, Day] | None:
    if fuzzy.start is None and fuzzy.end is None:
        return None
    return (fuzzy.start or MIN, fuzzy.end or MAX)
