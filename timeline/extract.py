"""Text -> proposed events: each dated happening with its verbatim sentence, for review.

A sentence gives one event per dated clause: "the plant was sold in 2019 and closed two
years later" gives two. A statement is dated by the date next to its reporting verb, not by
the dates it speaks of. Ranges ("between March and May 2025") become intervals, "until 2028"
a span from the sentence's other date, "since 2010" an open end; dates that are only
compared with ("7% more than in 2024") give no event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from timeline.dates import parse_edtf
from timeline.errors import DateError
from timeline.events import Event, unique_id
from timeline.limits import MAX_TEXT_CHARS
from timeline.resources import RESOURCES, read_table
from timeline.temporal.edtf import timex_to_edtf
from timeline.temporal.tagger import Timex, tag

TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed event and where in the text it comes from."""

    event: Event
    char_start: int
    char_end: int
    expressions: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON line printed by ``timeline extract``."""
        fuzzy = self.event.date
        return {
            "id": self.event.id,
            "date": fuzzy.edtf,
            "start": fuzzy.start.isoformat() if fuzzy.start else None,
            "end": fuzzy.end.isoformat() if fuzzy.end else None,
            "label": fuzzy.label,
            "title": self.event.title,
            "topics": list(self.event.topics),
            "quote": self.event.quote,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "expressions": list(self.expressions),
        }


@dataclass(frozen=True)
class Words:
    """The word lists of ``resources/<language>/extraction.csv`` by kind."""

    by_kind: dict[str, tuple[str, ...]]

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        return self.by_kind.get(kind, ())


@dataclass(frozen=True, slots=True)
class _Dated:
    """One date of a sentence: its EDTF and the span of text that gives it."""

    edtf: str
    start: int
    end: int
    texts: tuple[str, ...]
    same_clause: bool = False  # "until 2028" dates the clause of the date before it


@cache
def extraction_words(language: str = "en") -> Words:
    rows = read_table(RESOURCES / language / "extraction.csv", ("kind", "text"))
    kinds: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row["text"])
    return Words({kind: tuple(texts) for kind, texts in kinds.items()})


@cache
def topic_keywords(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    """(topic, keyword) pairs of a keyword file (default: the package's English one)."""
    path = path or RESOURCES / "en" / "topic_keywords.csv"
    return tuple((row["topic"], row["keyword"]) for row in read_table(path, ("topic", "keyword")))


def sentences(text: str, words: Words | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks and at . ! ? before a capital."""
    words = words or extraction_words()
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in re.finditer(r"[.!?][\"'”’)]*(?=\s+[\"“'(—–A-Z0-9])", line.group(0)):
            stop = line.start() + end.end()
            before = text[max(start, stop - 6) : stop].split()[-1:] or [""]
            if before[0].lower() in words["abbreviation"] or re.search(r"\b[A-Z]\.$", before[0]):
                continue
            spans.append(_trimmed(text, start, stop))
            start = stop
        if text[start : line.end()].strip():
            spans.append(_trimmed(text, start, line.end()))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def extract(
    text: str,
    published: date | None,
    source: str = "",
    keywords: tuple[tuple[str, str], ...] | None = None,
) -> list[Proposal]:
    """Proposed events of ``text``, dated against its publication date."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text of {len(text)} characters is over the {MAX_TEXT_CHARS} limit")
    words = extraction_words()
    keywords = keywords if keywords is not None else topic_keywords()
    timexes = [t for t in tag(text, published) if t.type in ("DATE", "TIME")]
    proposals: list[Proposal] = []
    used_ids: set[str] = set()
    for start, end in sentences(text, words):
        inside = [t for t in timexes if start <= t.start and t.end <= end]
        for dated, clause in _dated_clauses(text, start, end, inside, words):
            event = _event(text, start, end, dated, clause, inside, source, keywords, used_ids)
            if event is not None:
                proposals.append(Proposal(event, start, end, dated.texts))
    return proposals


def _dated_clauses(text, start, end, timexes: list[Timex], words: Words):
    """(date, clause span) for each dated clause of one sentence."""
    dated = _dates_of(text, start, timexes, words)
    heads = [d for d in dated if not d.same_clause]
    bounds = [start]
    for before, after in zip(heads, heads[1:], strict=False):
        bounds.append(_clause_break(text, before.end, after.start, words) or after.start)
    bounds.append(end)
    clause_of = {id(d): (bounds[i], bounds[i + 1]) for i, d in enumerate(heads)}
    return [(d, clause_of[id(_head_of(dated, d))]) for d in dated]


def _head_of(dated: list[_Dated], item: _Dated) -> _Dated:
    """The date whose clause a same-clause date shares: the nearest before it."""
    index = dated.index(item)
    while dated[index].same_clause:
        index -= 1
    return dated[index]


def _dates_of(text: str, sentence_start: int, timexes: list[Timex], words: Words) -> list[_Dated]:
    """The sentence's dates: ranges joined, comparisons dropped, until/since made spans."""
    dated: list[_Dated] = []
    index = 0
    while index < len(timexes):
        timex = timexes[index]
        edtf = timex_to_edtf(timex.value)
        lead = text[max(sentence_start, timex.start - 40) : timex.start].lower()
        if edtf is None or _ends_with_any(lead, words["comparison"]):
            index += 1
            continue
        joined = _range(text, timexes, index, words)
        if joined is not None:
            dated.append(joined)
            index += 2
            continue
        if _ends_with_any(lead, words["since"]):
            edtf = f"{_first_of(edtf)}/.."
        elif _ends_with_any(lead, words["until"]) and dated:
            span = f"{_first_of(dated[-1].edtf)}/{_last_of(edtf)}"
            dated.append(_Dated(span, timex.start, timex.end, (timex.text,), same_clause=True))
            index += 1
            continue
        dated.append(_Dated(edtf, timex.start, timex.end, (timex.text,)))
        index += 1
    return dated


def _range(text: str, timexes: list[Timex], index: int, words: Words) -> _Dated | None:
    """ "between March and May 2025", "January – June 2025": one interval."""
    if index + 1 >= len(timexes):
        return None
    first, second = timexes[index], timexes[index + 1]
    gap = text[first.end : second.start].strip().lower()
    if gap not in words["range_join"]:
        return None
    lead = text[max(0, first.start - 12) : first.start].lower()
    if gap in ("and", "to") and not _ends_with_any(lead, words["range_start"]):
        return None
    a, b = timex_to_edtf(first.value), timex_to_edtf(second.value)
    if a is None or b is None:
        return None
    edtf = f"{_first_of(a)}/{_last_of(b)}"
    try:
        parse_edtf(edtf)
    except DateError:
        return None
    return _Dated(edtf, first.start, second.end, (first.text, second.text))


def _first_of(edtf: str) -> str:
    return edtf.split("/")[0]


def _last_of(edtf: str) -> str:
    return edtf.split("/")[-1]


def _ends_with_any(lead: str, phrases: tuple[str, ...]) -> bool:
    lead = re.sub(r"\s+", " ", lead).rstrip(" ,")
    return any(re.search(rf"\b{re.escape(p)}(?: the| in| in the| of)?$", lead) for p in phrases)


def _clause_break(text: str, left: int, right: int, words: Words) -> int | None:
    """Where, between two dates, the clause of the first ends: the last break in the gap
    ("that" only after a reporting verb)."""
    gap = text[left:right]
    best = None
    for mark in words["clause_break"]:
        at = gap.lower().rfind(mark)
        if at < 0 or (mark.strip() == "that" and not _reports(text[max(0, left - 80) : left + at])):
            continue
        if best is None or at > best:
            best = at
    return left + best if best is not None else None


def _reports(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{verb}\b", lowered) for verb in extraction_words()["reporting"])


def _event(text, start, end, dated, clause, timexes, source, keywords, used_ids) -> Event | None:
    try:
        fuzzy = parse_edtf(dated.edtf)
    except DateError:
        return None
    sentence = text[start:end]
    title = _title(text, clause, timexes)
    topics = _topics(sentence, keywords)
    event_id = unique_id(f"{dated.edtf}-{title}", used_ids)
    note = "proposed from " + ", ".join(f"“{t}”" for t in dated.texts)
    return Event(event_id, fuzzy, title, topics, quote=sentence, source=source, note=note)


def _title(text: str, clause: tuple[int, int], timexes: list[Timex]) -> str:
    """The clause without its dates and the prepositions before them, cut to a dozen words."""
    words = extraction_words()
    leading = "|".join(map(re.escape, words["preposition"] + words["range_start"]))
    pieces, position = [], clause[0]
    for timex in timexes:
        if clause[0] <= timex.start and timex.end <= clause[1]:
            before = text[position : timex.start].rstrip()
            if before.strip().lower() in words["range_join"]:
                before = ""  # the "–" of "January – June"
            pieces.append(re.sub(rf"\b(?:{leading})$", "", before, flags=re.IGNORECASE))
            position = timex.end
    pieces.append(text[position : clause[1]])
    title = re.sub(r"\s+", " ", " ".join(pieces))
    title = re.sub(r"^[\s,;:—–\-\"“]*(?:and |but |that |however,? )?", "", title, flags=re.I)
    title = re.sub(r"\s+([,.;:])", r"\1", title).strip(' ,;:."”')
    parts = title.split()
    short = " ".join(parts[:TITLE_WORDS]) + ("…" if len(parts) > TITLE_WORDS else "")
    return (short[:1].upper() + short[1:]) or "(untitled)"


def _topics(sentence: str, keywords) -> tuple[str, ...]:
    lowered = " " + re.sub(r"\s+", " ", sentence.lower()) + " "
    found: list[str] = []
    for topic, keyword in keywords:
        word = re.escape(keyword.rstrip("*").lower())
        pattern = rf"\b{word}\w*" if keyword.endswith("*") else rf"\b{word}\b"
        if topic not in found and re.search(pattern, lowered):
            found.append(topic)
    return tuple(found)
