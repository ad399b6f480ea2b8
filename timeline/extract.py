"""Text -> proposed events: each dated happening with its verbatim sentence, for review.

A sentence gives one event per dated clause: "the plant was sold in 2019 and closed two
years later" gives two. A statement is dated by the date next to its reporting verb, not by
the dates it speaks of. Ranges ("between March and May 2025") become intervals, "until 2028"
a span from the sentence's other date, "since 2010" an open end; dates that are only
compared with ("7% more than in 2024") give no event.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from timeline.dates import parse_edtf
from timeline.errors import DateError
from timeline.events import Event, IdAllocator, slug
from timeline.resources import RESOURCES, read_table
from timeline.settings import current
from timeline.temporal.edtf import timex_to_edtf
from timeline.temporal.resolve import ENTRY_MARK, ENTRY_OPENING, opens_a_sentence
from timeline.temporal.tagger import Timex, default_tagger, tag

_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")
_FULL_STOP = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“'(—–A-Z0-9])")
_INITIAL = re.compile(r"\b[A-Z]\.$")
# A wire story's dateline: its place in capitals, perhaps its region, its day, perhaps its
# agency ("TBILISI, May 1. /TASS/.", "WASHINGTON, Feb 3 (Reuters) -"), or with no day its
# agency and a dash ("SACRAMENTO, Calif. (AP) —"). It opens the lead sentence, is no
# sentence of its own, and dates the lead when the lead names no date itself.
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.\- ]{2,}(?:, [A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?)?,?\s+(?:"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?\.?"
    r"(?:\s*(?:/[A-Z][A-Za-z]*/|\([A-Z][A-Za-z ]*\)))?\s*[.—–-]*"
    r"|\([A-Z][A-Za-z ]*\)\s*[—–-]+)(?=\s)"
)
_TITLE_START = re.compile(r"^[\s,;:—–\-\"“]*(?:and |but |that |however,? )?", re.IGNORECASE)
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:])")
_COMMAS = re.compile(r",(?:\s*,)+")  # the commas that set off a date dropped from a title
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_MARKS = (".", "!", "?", '"', "”")  # how a sentence of prose ends
# "Marie Curie (7 November 1867 – 4 July 1934)", "(6 am EDT/11am BST)"
_EMPTY_BRACKETS = re.compile(r" ?[(\[][\s/,;]*[)\]]")
_DAY_OR_FINER = re.compile(r"\d{4}-\d\d-\d\d")  # a value of a day, or a time on it
_ENDING_AFTER = frozenset({"the", "in", "of"})  # words a phrase of _ending may have after it
_AMOUNT_THEN = (" in", " on", " at")  # "up from 56.1% in 2020"
_CITATION_END = re.compile(r"[a-z]?\s*[;),]")  # "2019;", "2021a)", "2023, p. 14"
_CITATION_CLOSE = re.compile(r"[a-z]?\s*\)")  # "et al. (2020)"
_CITED_PAGE = re.compile(r"[a-z]?,\s*pp?\.\s*\d")  # "(Garcia 2023, p. 14)"
_RELATIVE_THAT = re.compile(r"\s+that\s+(?P<verb>[\w'’]+)", re.IGNORECASE)
_WORDS_BEFORE_THAT = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+)*\s*$")  # a run of words
_A_WORD = re.compile(r"[\w'’-]+")
NOUN_WORDS = 4  # words before "that" read for a word that opens the noun it refers to
_NOT_VERBS_IN_S = frozenset({"this", "thus", "always", "perhaps", "sometimes", "yours", "ours"})
_OPENING_BRACKET = re.compile(r"\s*[(\[]\s*")  # "14:05 local time (12:05 GMT)"
_RESTATED_AGAIN = re.compile(r"\s*[/,;]\s*")  # "(6 am EDT/11am BST/8pm AEST)"
_A_NOTE = re.compile(r"[(\[][^()\[\]]*[)\]]")  # a title all in one bracket is a note
_MARK_BEFORE_CLOSE = re.compile(r"\s*[;,:]\s*(?=[)\]])")  # "(née Byron; 10 December 1815 – ...)"
_POSSESSIVE_MARK = re.compile(r" ?['’]s\b")  # "pushing for Monday's talks": a date names a noun
_POSSESSIVE = ("'s", "’s")  # "today's": a date that opens a noun, as often a new clause's
LINE_MARGIN = 40  # how far around a sentence a line's start and end are looked for
TITLE_WORDS = 12
TITLE_CHARS = 120  # a title of very long words is cut too
LONG_SENTENCE = 600  # a longer sentence is quoted only around each date: its clause or less
SENTENCE_QUOTED = 3_000  # nor is a sentence quoted whole by its events past this many chars


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed event and where in the text it comes from."""

    event: Event
    char_start: int
    char_end: int
    expressions: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON line printed by ``timeline extract``."""
        dated = self.event.date.as_dict()  # bounds as ``timeline date`` writes them
        return {
            "id": self.event.id,
            "date": dated["edtf"],
            "start": dated["start"],
            "end": dated["end"],
            "label": dated["label"],
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


def sentences(
    text: str, words: Words | None = None, unbroken: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks and at . ! ? before a capital or
    a digit, but never inside one of the spans ``unbroken`` (the dates found in the text:
    "on Aug. 14, 2023", "at 9 a.m. Tuesday")."""
    words = words or extraction_words()
    opens = [low for low, _ in unbroken]
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        dateline = dateline_end(text, start, line.end())  # its stops end no sentence
        for end in _FULL_STOP.finditer(text, line.start(), line.end()):
            stop = end.end()
            before = text[max(start, stop - 6) : stop].split()[-1:] or [""]
            if before[0].lower() in words["abbreviation"] or _INITIAL.search(before[0]):
                continue
            if _inside(unbroken, opens, stop):
                continue  # "Aug." of "Aug. 14": the date goes on
            if start == line.start() and dateline >= stop:
                continue  # the dateline stays with the lead sentence ("Calif." in it too)
            spans.append(_trimmed(text, start, stop))
            start = stop
        if text[start : line.end()].strip():
            spans.append(_trimmed(text, start, line.end()))
    return spans


def _inside(spans: Sequence[tuple[int, int]], opens: list[int], position: int) -> bool:
    """Whether ``position`` falls inside one of ``spans`` (in text order, apart; ``opens``
    their starts), not at its edge."""
    index = bisect.bisect_left(opens, position) - 1
    return index >= 0 and spans[index][1] > position


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the sentence after a dateline at ``start`` begins; ``start`` when there is none."""
    found = _DATELINE.match(text, start, min(end + 1, len(text)))  # the space after it too
    if found is None:
        return start
    body = found.end()
    while body < end and text[body].isspace():
        body += 1
    return body


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    span = text[start:end]
    kept = span.strip()
    if not kept:
        return start, start
    start += len(span) - len(span.lstrip())
    return start, start + len(kept)


def extract(
    text: str,
    published: date | None,
    source: str = "",
    keywords: tuple[tuple[str, str], ...] | None = None,
    anchor: str = "auto",
) -> list[Proposal]:
    """Proposed events of ``text``, dated against its publication date and the time its
    story is at (``anchor``: see ``Tagger.tag``)."""
    limit = current().max_text_chars
    if len(text) > limit:
        raise ValueError(f"text of {len(text)} characters is over the {limit} limit")
    words = extraction_words()
    keywords = keywords if keywords is not None else topic_keywords()
    timexes = [t for t in tag(text, published, anchor) if t.type in ("DATE", "TIME")]
    proposals: list[Proposal] = []
    ids = IdAllocator()
    spans = sentences(text, words, [(t.start, t.end) for t in timexes])
    for (start, end), inside in _by_sentence(spans, timexes):
        body = dateline_end(text, start, end)
        if body > start:  # the dateline's date dates the lead only if it names none itself
            inside = [t for t in inside if t.start >= body] or inside
        if _only_dates(text, body, end, inside):
            continue  # no clause of it has a title: found at once ("May 2\nMay 3\n")
        if _a_stamp(text, start, end, words):
            continue  # "By JANE DOE | Updated 3:45 PM EST, Tue March 5, 2024"
        titles = _Titles(text, _with_citations_whole(text, inside, words))
        clauses = _dated_clauses(text, body, end, inside, words, titles, published)
        whole = end - start <= min(LONG_SENTENCE, SENTENCE_QUOTED // len(clauses or [0]))
        sentence = _Sentence(text, start, end, keywords, whole, titles)
        for dated, clause in clauses:
            proposal = sentence.proposal(dated, clause, source, ids)
            if proposal is not None:
                proposals.append(proposal)
    return proposals


def _a_stamp(text: str, start: int, end: int, words: Words) -> bool:
    """Whether a sentence is a line of its own, with no full stop at its end, that stamps
    the page, not an event: a word of ``stamp`` (after a byline and a mark, if any) then a
    date or "on" or ":" ("Updated 3:45 PM EST", "Posted on 2024-03-05 in Local News",
    "Published: 12:01 AM ET"; not "Published on 5 March, the report found flaws.")."""
    if text[start:end].rstrip().endswith(_SENTENCE_MARKS):
        return False
    if _stamp(words["stamp"]).match(text, start, end) is None:
        return False
    return _a_whole_line(text, start, end)


def _a_whole_line(text: str, start: int, end: int) -> bool:
    """Whether nothing but white space stands between ``start`` and ``end`` and the line's
    start and end, looked for at most ``LINE_MARGIN`` characters away (so that a long line
    costs no more than a short one)."""
    reach = max(0, start - LINE_MARGIN)
    before = text.rfind("\n", reach, start)
    if (before < 0 and reach > 0) or text[before + 1 : start].strip():
        return False
    limit = min(len(text), end + LINE_MARGIN)
    after = text.find("\n", end, limit)
    if after < 0 and limit < len(text):
        return False
    return not text[end : limit if after < 0 else after].strip()


@cache
def _stamp(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, words))
    return re.compile(
        rf"\s*(?:by\b[^\n|•·—–]{{1,60}}[|•·—–]\s*)?(?:{alternatives})(?::|\s+on\b|\s+\d)",
        re.IGNORECASE,
    )


def _only_dates(text: str, start: int, end: int, timexes: list[Timex]) -> bool:
    """Whether ``text[start:end]`` has no letter outside the expressions: no clause of it
    has a title (``_title``)."""
    position = start
    for timex in timexes:
        if _LETTER.search(text, position, timex.start) is not None:
            return False
        position = max(position, timex.end)
    return _LETTER.search(text, position, end) is None


def _by_sentence(spans: list[tuple[int, int]], timexes: list[Timex]):
    """Each sentence span with the expressions wholly inside it, in one pass over both
    (both are in text order); sentences without any are skipped."""
    index = 0
    for start, end in spans:
        while index < len(timexes) and timexes[index].start < start:
            index += 1
        inside = []
        while index < len(timexes) and timexes[index].start < end:
            if timexes[index].end <= end:
                inside.append(timexes[index])
            index += 1
        if inside:
            yield (start, end), inside


class _Sentence:
    """One sentence's proposals; its title of each clause and its topics are found once.
    ``whole``: each event quotes the whole sentence, else its clause or less."""

    def __init__(self, text: str, start: int, end: int, keywords, whole, titles: _Titles):
        self.text, self.start, self.end, self.whole = text, start, end, whole
        self.keywords = keywords
        self.titles: _Titles = titles
        self.hits: list[tuple[int, int, int]] | None = None  # (start, end, keyword index)

    def proposal(self, dated: _Dated, clause: tuple[int, int], source, ids) -> Proposal | None:
        """The proposed event of one date of the sentence, or None."""
        title = self.titles.with_subject(clause)
        if title is None:
            return None  # a clause of nothing but dates ("2020 2020 2020") is not an event
        try:
            fuzzy = parse_edtf(dated.edtf)
        except DateError:
            return None
        sentence = (self.start, self.end) if self.whole else clause
        low, high = _quote_span(self.text, sentence, clause, dated)
        event_id = ids.claim(slug(f"{dated.edtf}-{title}"))
        note = "proposed from " + ", ".join(f"“{t}”" for t in dated.texts)
        quote = self.text[low:high]
        topics = self.topics(low, high)
        event = Event(event_id, fuzzy, title, topics, quote=quote, source=source, note=note)
        return Proposal(event, low, high, dated.texts)

    def topics(self, low: int, high: int) -> tuple[str, ...]:
        """The topics of the keywords found between ``low`` and ``high``, in keyword order."""
        if self.hits is None:
            self.hits = _keyword_hits(self.text, self.start, self.end, self.keywords)
        first = bisect.bisect_left(self.hits, (low, -1, -1))
        last = bisect.bisect_left(self.hits, (high, -1, -1))
        found = sorted({index for _, end, index in self.hits[first:last] if end <= high})
        return tuple(dict.fromkeys(self.keywords[k][0] for k in found))


def _quote_span(text, sentence, clause, dated: _Dated) -> tuple[int, int]:
    """What a proposal quotes: its sentence, if that is not very long, else its clause, or
    the words around its date when the clause is very long too. A verbatim span."""
    for low, high in (sentence, clause):
        if high - low <= LONG_SENTENCE:
            return _trimmed(text, low, high)
    width = max(LONG_SENTENCE, dated.end - dated.start)
    centred = dated.start - (width - (dated.end - dated.start)) // 2  # the date in the middle
    low = max(clause[0], min(centred, clause[1] - width))
    high = min(clause[1], low + width)
    if low > clause[0] and not text[low - 1].isspace():  # cut at the next word
        space = _first_space(text, low, dated.start)
        low = dated.start if space is None else space
    if high < clause[1] and not text[high].isspace():  # cut after the last whole word
        space = _last_space(text, dated.end, high)
        high = dated.end if space is None else space
    return _trimmed(text, low, high)


def _first_space(text: str, low: int, high: int) -> int | None:
    match = _SPACE.search(text, low, high)
    return match.start() if match else None


def _last_space(text: str, low: int, high: int) -> int | None:
    spaces = [m.start() for m in _SPACE.finditer(text, low, high)]
    return spaces[-1] if spaces else None


PARTICLE_REACH = 20  # characters before a date read for a verb whose "through" is its own
SUPERLATIVE_REACH = 5  # words between a superlative and "since" that compare with a date
NOUN_REACH = 40  # characters before "that" read for the noun it refers back to
CITATION_REACH = 60  # characters around a year read for the names and marks of a citation
WORD_REACH = 20  # characters before a date read for the word right before it
LEAD_REACH = 40  # characters before a date read for the words that shape it ("since", "c.")
_ASIDE_COMMA = re.compile(r",(?=\s)")  # the comma that ends an aside
_ARTICLES = frozenset({"the", "a", "an"})  # a date that begins with one may name a noun
NAMING_REACH = 12  # characters before a date searched for a word that makes it name something
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]+$")  # the word right before a date
_NEXT_WORD_AFTER_MARK = re.compile(r",?[ \t]+([A-Za-z][\w'’-]*)")  # "in 27 BC, the Senate"
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")  # the word right after a date
_BETWEEN_MARKS = re.compile(r"[\s,;:()\[\]–—-]+")  # what may stand between two dates beside


def _dated_clauses(
    text, start, end, timexes: list[Timex], words: Words, titles: _Titles, published=None
):
    """(date, clause span) for each dated clause of one sentence; the titles read on the
    way are kept in ``titles``."""
    dated = _dates_of(text, start, timexes, words, published)
    heads = [d for d in dated if not d.same_clause]
    bounds, broken = [start], [True]
    for before, after in zip(heads, heads[1:], strict=False):
        at = _clause_break(text, before.end, after.start, words)
        if at is not None and (noun := _antecedent(text, at, after.start)) is not None:
            titles.subjects[at] = noun  # "after a consultation that closes on 14 February"
        at = at if at is not None else _reported_after(text, before.end, after.start, words)
        if at is None and (aside := _aside(text, bounds[-1], before, after, words)):
            at, titles.subjects[aside[0]] = aside[0], (bounds[-1], aside[1])
        bounds.append(at or after.start)
        broken.append(at is not None)
    bounds.append(end)
    spans = _joined_clauses(bounds, broken, titles)
    clauses, head = [], -1
    for item in dated:  # a same-clause date shares the clause of the nearest head before it
        head += not item.same_clause
        clauses.append((item, spans[head]))
    return _without_repeats(text, clauses, words)


def _without_repeats(text: str, clauses: list, words: Words) -> list:
    """The dated clauses but a date its clause told before, or tells more finely right
    beside it, nothing but marks and a preposition between ("at six o'clock (0600 GMT) this
    morning": one proposal, at 06:00; "In 2019, on 3 March" one, on the day; not "in 1991,
    which expired in December"). Only the dates next to one can stand beside it."""
    kept, told = [], set()
    for index, (item, span) in enumerate(clauses):
        if (item.edtf, span) in told:
            continue
        near = clauses[max(0, index - 1) : index] + clauses[index + 1 : index + 2]
        if any(s == span and _finer_beside(text, item, other, words) for other, s in near):
            continue
        told.add((item.edtf, span))
        kept.append((item, span))
    return kept


def _finer_beside(text: str, item: _Dated, other: _Dated, words: Words) -> bool:
    """Whether ``other`` tells ``item`` more finely, right beside it (a range inside it too:
    "8pm-11pm, Sat 14 Jun")."""
    if other.edtf == item.edtf or "/" in item.edtf:
        return False
    if not all(end.startswith(item.edtf) for end in other.edtf.split("/")):
        return False
    return _beside(text, item, other, words)


def _beside(text: str, one: _Dated, other: _Dated, words: Words) -> bool:
    """Whether nothing but marks and at most one preposition stand between two dates."""
    first, second = sorted((one, other), key=lambda d: d.start)
    gap = _BETWEEN_MARKS.sub(" ", text[first.end : second.start]).strip().lower()
    return not gap or gap in words["preposition"]


def _joined_clauses(
    bounds: list[int], broken: list[bool], titles: _Titles
) -> list[tuple[int, int]]:
    """Each head date's clause: from its bound to the next, but a clause that begins at its
    date, no break found before it, and has no title of its own (nothing but dates, the
    words that join them and the prepositions before them) joins the clause before it
    ("Northgate, founded in 1887 as a bakery, listed its shares in 1998": both years date
    the whole sentence, rather than 1998 being left with no title). One pass each way."""
    count = len(bounds) - 1
    joins = [
        index > 0 and not broken[index] and titles.of((bounds[index], bounds[index + 1])) is None
        for index in range(count)
    ]
    ends, end = [0] * count, bounds[count]
    for index in range(count - 1, -1, -1):
        ends[index] = end
        if not joins[index]:
            end = bounds[index]
    spans, start = [], bounds[0]
    for index in range(count):
        start = start if joins[index] else bounds[index]
        spans.append((start, ends[index]))
    return spans


class _Titles:
    """The titles of one sentence's clauses (``_title``), each found once: for joining a
    clause of nothing but dates to the one before, and for its proposal."""

    def __init__(self, text: str, timexes: list[Timex]):
        self.text, self.timexes = text, timexes
        self.starts = [t.start for t in timexes]
        self.found: dict[tuple[int, int], str | None] = {}
        # the clause that opens after an aside, by its start: the aside's subject's span
        self.subjects: dict[int, tuple[int, int]] = {}

    def with_subject(self, clause: tuple[int, int]) -> str | None:
        """The clause's title, after an aside led by the aside's subject ("Smith, who served
        as mayor from 2011, was arrested in October 2020": "Smith was arrested")."""
        title = self.of(clause)
        span = self.subjects.get(clause[0])
        subject = self.of(span) if span else None
        if title is None or subject is None:
            return title
        first = _LETTER.search(self.text, clause[0], clause[1])  # a name keeps its capital
        if first is not None and first.group().islower():
            title = title[:1].lower() + title[1:]
        return _shortened(f"{subject.rstrip('…')} {title.rstrip('…')}")

    def of(self, clause: tuple[int, int]) -> str | None:
        """The clause's title; None where it holds nothing but dates, the words that join
        them and the prepositions before them ("in June and July")."""
        if clause not in self.found:
            self.found[clause] = _title(self.text, clause, self.timexes, self.starts)
        return self.found[clause]


def _dates_of(
    text: str, sentence_start: int, timexes: list[Timex], words: Words, published=None
) -> list[_Dated]:
    """The sentence's dates: ranges joined, comparisons dropped, until/since made spans (a
    date after "until" and no date before it an open start: "on recess until Feb. 28")."""
    dated: list[_Dated] = []
    index, restating, compared_end = 0, False, -1
    while index < len(timexes):
        timex = timexes[index]
        edtf = timex_to_edtf(timex.value)
        lead = _lead(text[max(sentence_start, timex.start - LEAD_REACH) : timex.start])
        if _ends_with_any(lead, words["moved_from"]) and _moved_to(text, timexes, index, words):
            index += 1  # "moved from Thursday to Friday 15 March": the date it left
            continue
        joined = _range(text, timexes, index, words)
        if edtf is None:
            index += 1
            continue
        if dated and _restated(text, timexes, index, dated[-1], restating):
            # told again, in brackets: one proposal ("7 am local time (6 am EDT/11am BST)")
            dated.append(_Dated(dated[-1].edtf, timex.start, timex.end, (timex.text,), True))
            index, restating = index + 1, True
            continue
        restating = False
        if _a_citation(text, timex, words):  # "(Smith, 2019; Jones et al., 2021)"
            index += 1
            continue
        compared = _compared(lead, words) or _compared_period(lead, timex, words)
        compared = compared or _from_after_a_date(text, lead, dated, timex, words)
        compared = compared and not _opens_a_range(lead, joined, words)
        if compared or _goes_on_from(text, compared_end, timex):
            compared_end = timex.end  # "compared with the same month last year": both
            index += 1
            continue
        if joined is not None:
            dated.append(joined)
            index += 2
            continue
        if _ends_with_any(lead, words["since"]) or _open_after(text, timex.end, words):
            edtf = f"{_first_of(edtf)}/.."  # "since 2010", "2024 onwards"
        elif _ends_with_any(lead, words["approximate"]) and "T" not in timex.value:
            edtf = _approximate(edtf)
        elif _ends_with_any(lead, words["until"]) and not _ends_with_any(lead, words["particle"]):
            if dated and _clause_break(text, dated[-1].end, timex.start, words) is None:
                span = _span(_first_of(dated[-1].edtf), _last_of(edtf))
                dated.append(_Dated(span, timex.start, timex.end, (timex.text,), True))
                index += 1
                continue
            if _open_until(text, timex, lead, words):
                edtf = f"../{_last_of(edtf)}"  # "on recess until Feb. 28": it began before
        listed = _listed_after(text, dated, timex, edtf, words)
        dated.append(_Dated(edtf, timex.start, timex.end, (timex.text,), listed))
        index += 1
    return [
        date
        for index, date in enumerate(dated)
        if not _names_a_noun(text, date, _next_of(dated, index), words)
        and not _ends_a_period(text, date, _next_of(dated, index), words)
        and not _names_a_later_thing(text, date, _next_of(dated, index), words, published)
    ]


def _with_citations_whole(text: str, timexes: list[Timex], words: Words) -> list[Timex]:
    """The sentence's dates as its titles leave them out: a year that cites a work as the
    whole bracket it stands in ("A meta-analysis (Garcia 2023, p. 14) confirmed it" is
    titled "A meta-analysis confirmed it")."""
    if not timexes or "(" not in text[max(0, timexes[0].start - CITATION_REACH) : timexes[-1].end]:
        return timexes
    spans: list[Timex] = []
    for timex in timexes:
        opening = text.rfind("(", max(0, timex.start - CITATION_REACH), timex.start)
        closing = text.find(")", timex.end, timex.end + CITATION_REACH)
        if opening < 0 or closing < 0 or not _a_citation(text, timex, words):
            spans.append(timex)
        elif not spans or spans[-1].start != opening:  # one bracket may cite several
            whole = text[opening : closing + 1]
            spans.append(Timex(opening, closing + 1, whole, timex.type, timex.value))
    return spans


def _a_citation(text: str, timex: Timex, words: Words) -> bool:
    """Whether a year cites a work, as a paper does: in brackets after a name and a comma, or
    a word of ``citation`` ("(Smith, 2019; Jones et al., 2021)"), after a name and before a
    page ("(Garcia 2023, p. 14)"), or alone in brackets after a word of ``citation`` ("Lee
    et al. (2020)"); not a name and a year in brackets that dates it ("Iraq (2003)"), nor a
    month ("(June, 2001)")."""
    if not _a_year(timex.value):
        return False
    before = text[max(0, timex.start - CITATION_REACH) : timex.start]
    if "(" not in before:  # nearly always: looked at first, as it costs least
        return False
    after = text[timex.end : timex.end + CITATION_REACH]
    cited_before, cited_alone = _citation_patterns(words["citation"])
    if cited_alone.search(before):
        return _CITATION_CLOSE.match(after) is not None
    named = cited_before.search(before)
    if named is None or named.group("name").lower() in _tagger_words("month"):
        return False
    if named.group("comma") or named.group("marker"):
        return _CITATION_END.match(after) is not None
    return _CITED_PAGE.match(after) is not None


@cache
def _citation_patterns(markers: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name (or two, or one and a word of ``citation``) opening a bracket or after a
    semicolon, maybe with a comma, right before a year; and a word of ``citation`` and an
    opening bracket right before it."""
    marker = "|".join(map(re.escape, markers))
    name = r"[A-Z][\w'’-]+"
    cited_before = re.compile(
        rf"[(;]\s*(?P<name>{name})(?:\s+(?:and|&)\s+{name})?(?P<marker>\s+(?:{marker}))?"
        rf"(?P<comma>,)?\s*$"
    )
    return cited_before, re.compile(rf"(?:{marker})\s*\(\s*$")


def _open_after(text: str, end: int, words: Words) -> re.Match[str] | None:
    """A word of ``since_after`` right after a date ("2024 onwards"), which leaves it open at
    its end, as "since" before it does."""
    phrases = words["since_after"]
    if text[end : end + 2].lower() not in _first_letters(phrases):  # nearly always: cheapest
        return None
    return _words_after(phrases).match(text, end)


@cache
def _first_letters(phrases: tuple[str, ...]) -> frozenset[str]:
    """A space and the first letter of each phrase: what must follow a date it follows."""
    return frozenset(f" {phrase[0].lower()}" for phrase in phrases)


def _word_before(text: str, start: int) -> str:
    """The last word before ``start`` (lower case, commas and spaces left out)."""
    before = text[max(0, start - WORD_REACH) : start].rstrip(" ,").lower()
    return before[before.rfind(" ") + 1 :]


@cache
def _words_after(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, phrases))
    return re.compile(rf"\s+(?:{alternatives})\b", re.IGNORECASE)


def _a_year(text: str) -> bool:
    """Whether ``text`` is a year of four digits, as a citation gives it."""
    return len(text) == 4 and text.isdigit()


def _goes_on_from(text: str, end: int, timex: Timex) -> bool:
    """Whether a date stands right after the end of another, nothing but a space between."""
    return end >= 0 and (timex.start == end or text[end : timex.start].isspace())


def _moved_to(text: str, timexes: list[Timex], index: int, words: Words) -> bool:
    """Whether the next date follows this one after "to" (or "until"): the date something
    was moved to ("moved from Thursday to Friday"), not the end of a span."""
    if index + 1 >= len(timexes):
        return False
    gap = text[timexes[index].end : timexes[index + 1].start].strip().lower()
    return gap in words["moved_to"]


def _restated(text: str, timexes: list[Timex], index: int, last: _Dated, restating: bool) -> bool:
    """Whether a date opens a bracket right after the last date, or follows one that did
    in that bracket after a slash or comma: the same moment told again, in another zone or
    reckoning ("at 14:05 local time (12:05 GMT)", "7 am local time (6 am EDT/11am BST)")."""
    if index == 0 or timexes[index - 1].end != last.end:
        return False
    gap = text[last.end : timexes[index].start]
    if not restating and "(" not in gap and "[" not in gap:
        return False  # nearly always: looked at first, as it costs least
    joint = _RESTATED_AGAIN if restating else _OPENING_BRACKET
    return joint.fullmatch(text, last.end, timexes[index].start) is not None


def _next_of(dated: list[_Dated], index: int) -> _Dated | None:
    return dated[index + 1] if index + 1 < len(dated) else None


def _names_a_noun(text: str, date: _Dated, following: _Dated | None, words: Words) -> bool:
    """Whether a date in the possessive, or one before a noun after a word that makes it
    name something (scene.csv, value name: "the 2024-25 season"), holds the next date of its
    clause, and so names a noun there rather than dating a clause of its own ("This year's
    ceremony takes place on Tuesday", "The 2024-25 season kicks off on Friday 16 August";
    not "Monday's attack killed five, police said on Wednesday", nor "The 1991 treaty
    expired on 5 December", which it does not hold); so does the date that heads an entry of
    a dated list ("2004 – Listed on Nasdaq in August")."""
    # the next date must head a clause, not end a span ("today's ... until 2010")
    if following is None or following.same_clause or not _holds_more(date.edtf, following.edtf):
        return False
    naming = _in_the_possessive(text, date) or _before_a_noun(text, date, words)
    if not naming and not _heads_an_entry(text, date):
        return False
    return _clause_break(text, date.end, following.start, words) is None


def _ends_a_period(text: str, date: _Dated, following: _Dated | None, words: Words) -> bool:
    """Whether a date ends a period that names a noun (``period_end``: "the six months to
    30 June") and its clause holds another date, which dates it ("Results for the six
    months to 30 June will be announced on 4 September")."""
    if following is None or following.same_clause:
        return False
    if _word_before(text, date.start) not in _last_words(words["period_end"]):
        return False  # nearly always: looked at first, as it costs least
    lead = _lead(text[max(0, date.start - LEAD_REACH) : date.start])
    if not _ends_with_any(lead, words["period_end"]):
        return False
    between = (text, date.end, following.start, words)
    return _clause_break(*between) is None and _reported_after(*between) is None


def _names_a_later_thing(
    text: str, date: _Dated, following: _Dated | None, words: Words, published
) -> bool:
    """Whether a year stands in a name (after a name, or "the" before one: "Vision 2030
    plan", "The 2030 Agenda"), lies after the year of publication, and its clause holds
    another date, which dates the clause: a target or a name, not when the thing happened
    ("The 2030 Agenda was adopted in September 2015"; not "The 1991 treaty expired on 5
    December", nor "the 1989 Tiananmen Square massacre", written in 2012, nor "succeed
    Mbeki at the 2009 presidential election", written in 2007)."""
    if following is None or following.same_clause or not _a_year(date.texts[0]):
        return False  # a year in digits only: "the 2030 Agenda", not "the end of the year"
    if published is None or not _a_year(date.edtf):
        return False  # nor "since 2005"
    if int(date.edtf) <= published.year:
        return False
    naming = _after_a_name(text, date) or _before_a_name(text, date, words)
    return naming and _clause_break(text, date.end, following.start, words) is None


def _before_a_name(text: str, date: _Dated, words: Words) -> bool:
    """Whether a date names a noun ("the", "its"...) and the word after it has a capital:
    a name ("The 2030 Agenda", "the 2012 Olympics"; not "the 2009 presidential election",
    which the year dates)."""
    after = _NEXT_WORD.match(text, date.end)
    return after is not None and after.group(1)[:1].isupper() and _before_a_noun(text, date, words)


def _after_a_name(text: str, date: _Dated) -> bool:
    """Whether a capitalised word stands right before a date, not opening its sentence
    ("Saudi Arabia's Vision 2030 plan")."""
    before = _WORD_BEFORE.search(text, max(0, date.start - NAMING_REACH), date.start)
    if before is None or not before.group(1)[:1].isupper():
        return False
    return not opens_a_sentence(text, before.start(1))


def _heads_an_entry(text: str, date: _Dated) -> bool:
    """Whether a date opens its line (after a bullet) and a colon or a spaced dash follows
    it: the heading of an entry of a dated list ("2004 – Listed on Nasdaq")."""
    line = text.rfind("\n", max(0, date.start - LINE_MARGIN), date.start) + 1
    if line == 0 and date.start > LINE_MARGIN:
        return False
    opening = ENTRY_OPENING.fullmatch(text, line, date.start)
    return opening is not None and ENTRY_MARK.match(text, date.end) is not None


def _before_a_noun(text: str, date: _Dated, words: Words) -> bool:
    """Whether a date stands after a word that makes it name something ("the", "its"; it may
    begin with an article: "The summer") and right before a word that is not a preposition
    or a conjunction ("the middle of next week before a final vote")."""
    before = text[max(0, date.start - NAMING_REACH) : date.start].split()
    first = date.texts[0].split()[0].lower()  # "The summer", not "this month"
    naming = bool(before) and before[-1].lower() in _tagger_words("scene", "name")
    if not naming and first not in _ARTICLES:
        return False
    after = _NEXT_WORD.match(text, date.end)
    if after is None:
        return False
    word = after.group(1).lower()
    return word not in words["preposition"] and word not in words["conjunction"]


@cache
def _tagger_words(vocabulary: str, value: str | None = None) -> frozenset[str]:
    """The words of one of the tagger's vocabularies, those of ``value`` only if given
    (scene.csv, value name: the words after which a date names something)."""
    words = default_tagger().rules.vocabularies[vocabulary].values
    return frozenset(word for word, kind in words.items() if value is None or kind == value)


def _holds_more(wide: str, narrow: str) -> bool:
    """Whether the days of one date hold all those of another, and more, or the other is a
    time on its one day ("Sunday's show (8 pm)")."""
    try:
        outer, inner = parse_edtf(wide), parse_edtf(narrow)
    except DateError:  # a value the proposal refuses in turn (see _Sentence.proposal)
        return False
    first, last, inner_first, inner_last = outer.start, outer.end, inner.start, inner.end
    if first is None or last is None or inner_first is None or inner_last is None:
        return False
    inside = first <= inner_first and inner_last <= last
    finer = (first, last) != (inner_first, inner_last) or ("T" in narrow and "T" not in wide)
    return inside and finer


def _listed_after(text: str, dated: list[_Dated], timex: Timex, edtf: str, words: Words) -> bool:
    """Whether the date is listed after the sentence's last one, joined to it by nothing but
    a word of list_join ("on 14 and 15 November", "in 2019, 2021 and 2023") or of
    list_join_again ("in 2002 and again in 2008", "on 3 May, and again on 9 May"): not when
    one holds the other ("on Saturday morning, 14 May"), nor a possessive, as often the start
    of a clause ("next year and today's spokesman said"), nor after a comma and "and"
    unless a comma listed the date before ("in September, and last month the court ruled";
    "in 2019, 2021, and 2023" is a list)."""
    if not dated or _in_the_possessive(text, timex):
        return False
    last = dated[-1]
    gap = text[last.end : timex.start].strip().lower()
    if _holds(last.edtf, edtf):
        return False
    if _a_subject_after(text, timex.end, words):  # "in 31 BC and in 27 BC the Senate gave"
        return False
    if gap in words["list_join_again"]:  # "in 2002 and again in 2008": told again
        return True
    return gap in words["list_join"] and (not gap.startswith(", ") or last.same_clause)


def _a_subject_after(text: str, end: int, words: Words) -> bool:
    """Whether the word right after a date (and a comma) opens a subject, and so a clause of
    the date's own: a word of ``subject`` ("he", "the"; not "that": "strikes in 1998 and
    1999 that brought the country to a halt")."""
    after = _NEXT_WORD_AFTER_MARK.match(text, end)
    return after is not None and after.group(1).lower() in words["subject"]


def _open_until(text: str, timex: Timex, lead: str, words: Words) -> bool:
    """Whether a date after a word of ``until`` ends a span begun before it: not after a
    word of negation ("He didn't speak until 2019": then, not up to then), nor a date in the
    possessive ("only through today's unity government": by way of it)."""
    if _in_the_possessive(text, timex):
        return False
    return _negation(words["negation"]).search(lead) is None


def _in_the_possessive(text: str, timex: Timex | _Dated) -> bool:
    """Whether a date is written in the possessive ("today's"), its mark inside it or
    right after it: it names a noun rather than dating a clause."""
    written = timex.text if isinstance(timex, Timex) else timex.texts[-1]
    return written.endswith(_POSSESSIVE) or text.startswith(_POSSESSIVE, timex.end)


@cache
def _negation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


def _holds(a: str, b: str) -> bool:
    """Whether one of two dates lies within the other, as their EDTF strings show
    (``2011-05`` holds ``2011-05-14`` and ``2011-05-14T09:00:00``)."""
    return a.startswith(b) or b.startswith(a)


def _range(text: str, timexes: list[Timex], index: int, words: Words) -> _Dated | None:
    """ "between March and May 2025", "January – June 2025": one interval."""
    if index + 1 >= len(timexes):
        return None
    first, second = timexes[index], timexes[index + 1]
    gap = text[first.end : second.start].strip().lower()
    if gap not in words["range_join"]:
        return None
    lead = _lead(text[max(0, first.start - 20) : first.start])
    approximate = _ending_at(lead, words["approximate"])
    if approximate is not None:  # "from c. 1850 to 1870"
        lead = lead[:approximate].rstrip()
    if gap in ("and", "to") and not _ends_with_any(lead, words["range_start"]):
        return None
    a, b = timex_to_edtf(first.value), timex_to_edtf(second.value)
    if a is None or b is None:
        return None
    if approximate is not None and "T" not in first.value:
        a = _approximate(a)
    edtf = _span(_first_of(a), _last_of(b))
    try:
        parse_edtf(edtf)
    except DateError:
        return None
    return _Dated(edtf, first.start, second.end, (first.text, second.text))


def _span(first: str, last: str) -> str:
    """The interval from ``first`` to ``last``; one date where they are the same ("in July,
    ... through the middle of the month" is July)."""
    return first if first == last else f"{first}/{last}"


def _approximate(edtf: str) -> str:
    """ "c. 2024": the date marked approximate (EDTF ``~``), each end of an interval."""
    marked = "/".join(f"{part}~" if part and part != ".." else part for part in edtf.split("/"))
    try:
        parse_edtf(marked)
    except DateError:
        return edtf
    return marked


def _first_of(edtf: str) -> str:
    return edtf.split("/")[0]


def _last_of(edtf: str) -> str:
    return edtf.split("/")[-1]


def _lead(text: str) -> str:
    """The words before a date as ``_ends_with_any`` reads them."""
    return _SPACES.sub(" ", text.lower()).rstrip(" ,")


def _opens_a_range(lead: str, joined: _Dated | None, words: Words) -> bool:
    """Whether a date compared with opens a range after a word of ``range_start``: "grew by
    23% from 2002 to 2010" is a span, "up 8% from a year earlier" a comparison."""
    return joined is not None and _ends_with_any(lead, words["range_start"])


def _compared(lead: str, words: Words) -> bool:
    """Whether the words before a date make it one only compared with: a word of
    ``comparison`` ("than", "compared with"), or a superlative, at most
    ``SUPERLATIVE_REACH`` words and "since" ("its lowest since", "the biggest protest since",
    "City's first league win over Arsenal since")."""
    if _ends_with_any(lead, words["comparison"]):
        return True
    if lead[-1:].isdigit() or lead.endswith(words["amount"] + _AMOUNT_THEN):  # "down from £1.5bn"
        return _from_an_amount(words["amount"]).search(lead) is not None
    if not lead.endswith("since"):  # nearly always: looked at first, as it costs least
        return False
    return _since_a_superlative(words["superlative"]).search(lead) is not None


def _compared_period(lead: str, timex: Timex, words: Words) -> bool:
    """Whether a period longer than a day is only compared with after a word of
    ``comparison_period`` ("down 3 percent on last year"; not "Shares fell 5% on Monday")."""
    if not _ends_with_any(lead, words["comparison_period"]):
        return False
    return timex.type == "DATE" and _DAY_OR_FINER.match(timex.value) is None


def _from_after_a_date(
    text: str, lead: str, dated: list[_Dated], timex: Timex, words: Words
) -> bool:
    """Whether "from", an amount and a preposition stand before a date, after a date of its
    clause: it compares ("Inflation eased to 2.3% in April from 3.2% in March"; not "fell
    from 39,000 in 2010 to 19,000 in 2013", whose first date opens the fall)."""
    if not dated or not lead.endswith(_AMOUNT_THEN):
        return False
    if _from_an_amount_then(words["amount"]).search(lead) is None:
        return False
    return _clause_break(text, dated[-1].end, timex.start, words) is None


@cache
def _from_an_amount_then(units: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\bfrom\s+{_amount(units)}\s+(?:in|on|at)$")


def _amount(units: tuple[str, ...]) -> str:
    """A pattern of an amount: a mark of currency, digits and a unit ("£1.5bn", "56.1%")."""
    unit = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    return rf"[^\s\d]?\d[\d.,]*\s*(?:{unit})?"


@cache
def _from_an_amount(units: tuple[str, ...]) -> re.Pattern[str]:
    """ "from" and an amount at the end of the words before a date ("down from £1.5bn a year
    earlier"), or "up from" or "down from", an amount and a preposition ("up from 56.1% in
    2020"): the date is the one the amount was at, compared with; "fell from 39,000 in 2010"
    dates a fall."""
    amount = _amount(units)
    return re.compile(rf"\b(?:from\s+{amount}|(?:up|down)\s+from\s+{amount}\s+(?:in|on|at))$")


@cache
def _since_a_superlative(superlatives: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, superlatives))
    return re.compile(rf"\b(?:{alternatives})(?:\s+[\w'’-]+){{0,{SUPERLATIVE_REACH}}}\s+since$")


def _ends_with_any(lead: str, phrases: tuple[str, ...]) -> bool:
    return _ending_at(lead, phrases) is not None


def _ending_at(lead: str, phrases: tuple[str, ...]) -> int | None:
    """Where the phrase that ``lead`` ends with starts, if it ends with one of ``phrases``
    (looked for only when its last word may end one: nearly never)."""
    if lead[lead.rfind(" ") + 1 :] not in _last_words(phrases):
        return None
    found = _ending(phrases).match(lead[::-1])
    return None if found is None else len(lead) - found.end()


@cache
def _last_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The words a text may end with that ends with one of ``phrases`` (see ``_ending``)."""
    return frozenset(phrase.split()[-1] for phrase in phrases) | _ENDING_AFTER


@cache
def _ending(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A text that ends with one of ``phrases``, maybe with "the", "in" or "of" after it,
    read backwards: matched at the start of the reversed text, it tries only its end (a
    search for the end of the text tries every position)."""
    if not phrases:
        return re.compile(r"(?!)")
    longest_first = sorted(phrases, key=len, reverse=True)  # the phrase that starts first
    alternatives = "|".join(re.escape(phrase[::-1]) for phrase in longest_first)
    return re.compile(rf"(?:eht |ni |eht ni |fo )?(?:{alternatives})\b")


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


def _antecedent(text: str, at: int, high: int) -> tuple[int, int] | None:
    """The noun a clause break at "that" refers back to, where the clause after it opens
    with its verb ("after a consultation that closes at 5pm": "a consultation"): a word
    that names something (scene.csv, value name: "a", "the", "its") and at most
    ``NOUN_WORDS`` - 1 more words right before "that", not right after a verb of reporting;
    None for a "that" that opens what is reported ("told the court that he was innocent",
    "warned a party conference that were its support to plunge") or any other break."""
    opening = _RELATIVE_THAT.match(text, at, high)
    if opening is None or not _a_verb_after_that(opening.group("verb")):
        return None
    run = _WORDS_BEFORE_THAT.search(text, max(0, at - NOUN_REACH), at)  # no marks between
    if run is None:
        return None
    words = list(_A_WORD.finditer(text, run.start(), at))
    openers, reporting = _tagger_words("scene", "name"), extraction_words()["reporting"]
    for index in range(len(words) - 2, max(-1, len(words) - NOUN_WORDS - 1), -1):
        if words[index].group().lower() in openers:  # the nearest: "the price of a deal that"
            told = index > 0 and words[index - 1].group().lower() in reporting
            return None if told else (words[index].start(), at)  # not "warned a party that"
    return None


def _a_verb_after_that(word: str) -> bool:
    """Whether the word after "that" is a verb: a word of tense, one in -ed, or in -s but
    not a word of ``_NOT_VERBS_IN_S`` ("that closes", "that expired"; not "that he")."""
    lowered = word.lower()
    if _a_verb(lowered):
        return True
    return lowered.endswith("s") and len(lowered) > 3 and lowered not in _NOT_VERBS_IN_S


def _aside(text: str, low: int, before: _Dated, after: _Dated, words: Words):
    """(where it ends, where it opens) of an aside that holds the first of two dates: a
    comma and a word of ``relative`` after ``low`` open it, a comma after the date ends it
    ("Smith, who served as mayor from 2011, was arrested in October 2020": the aside is
    2011's, the arrest October's, and its subject "Smith" the text before the aside)."""
    opening = _relative_opening(words["relative"]).search(text, low, before.start)
    if opening is None:
        return None
    comma = _ASIDE_COMMA.search(text, before.end, after.start)  # not "19,000"
    return (comma.end(), opening.start()) if comma else None


@cache
def _relative_opening(relatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?i),\s+(?:{'|'.join(map(re.escape, relatives))})\b")


def _dateless_asides(text: str, clause: tuple[int, int], starts: list[int]) -> list[str]:
    """The asides of a clause that hold none of its dates, as a title writes them: a comma
    and a word of ``relative`` to the next comma before a space ("19,000" goes on), with
    more of the clause after it ("Margaret Ellis, who has died aged 91, was born in Leeds on
    3 March 1933" is titled "Margaret Ellis was born in Leeds"; not "Putin, who took over
    in 2000, was obliged to step down", dated 2000)."""
    if ", " not in text[clause[0] : clause[1]]:
        return []
    found = _aside_pattern(extraction_words()["relative"]).finditer(text, *clause)
    return [
        _SPACES.sub(" ", aside.group())
        for aside in found
        if bisect.bisect_left(starts, aside.start()) == bisect.bisect_left(starts, aside.end())
        and _a_verb(aside.group("next"))
    ]


@cache
def _aside_pattern(relatives: tuple[str, ...]) -> re.Pattern[str]:
    """An aside and the word after it (``next``)."""
    alternatives = "|".join(map(re.escape, relatives))
    aside = rf"(?i),\s+(?:{alternatives})\b(?:[^,]|,(?!\s))*,"
    return re.compile(rf"{aside}(?=\s+(?P<next>[\w'’]+))")


def _a_verb(word: str) -> bool:
    """Whether a word after an aside is its clause's verb, so that the aside stood between
    the subject and it: a word of tense of the tagger (past.csv, present.csv, future.csv:
    "was", "has", "will") or one in -ed; not a name or "the", which goes on from an aside
    that held a comma of its own ("Ashton, who met Iran's minister, Mohammad Zarif")."""
    word = word.lower()
    return word.endswith("ed") or word in _tense_first_words()


@cache
def _tense_first_words() -> frozenset[str]:
    kinds = ("past", "present", "future")  # words, not the first words of phrases ("as of")
    return frozenset(word for kind in kinds for word in _tagger_words(kind) if " " not in word)


def _reported_after(text: str, left: int, right: int, words: Words) -> int | None:
    """Where, between two dates, a clause opens that reports the one before: a comma, at
    most four words and a verb of ``reporting`` right before the second date and its
    preposition ("Inflation fell in May, official data showed on Wednesday")."""
    found = _report_tail(words["reporting"], words["preposition"]).search(text, left, right)
    return found.start() if found else None


@cache
def _report_tail(verbs: tuple[str, ...], prepositions: tuple[str, ...]) -> re.Pattern[str]:
    said = "|".join(map(re.escape, verbs))
    before = "|".join(map(re.escape, prepositions))
    return re.compile(rf"(?i),\s+(?:[\w'’-]+\s+){{1,4}}(?:{said})\s+(?:(?:{before})\s+)?$")


def _reports(text: str) -> bool:
    return _any_word(extraction_words()["reporting"]).search(text) is not None


@cache
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


@cache
def _trailing_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words of ``words`` that end a text, one or more ("from c.")."""
    alternatives = "|".join(map(re.escape, words))
    return re.compile(rf"\b(?:{alternatives})(?:\s+(?:{alternatives}))*$", re.IGNORECASE)


@cache
def _title_words() -> tuple[re.Pattern[str], frozenset[str]]:
    """What a title leaves out: a preposition or a ``modifier`` right before a date, and the
    words that join two dates (range_join, list_join, list_join_again)."""
    words = extraction_words()
    leading = _trailing_word(words["preposition"] + words["range_start"] + words["modifier"])
    return leading, frozenset(words["range_join"] + words["list_join"] + words["list_join_again"])


def _title(text: str, clause: tuple[int, int], timexes: list[Timex], starts) -> str | None:
    """The clause without its dates and the prepositions before them (a date in the
    possessive goes with its mark, and its preposition stays: "pushing for talks", as does a
    verb's own "through": "would get through"), cut to a dozen words; None when no letter is
    left."""
    leading, joins = _title_words()
    pieces, position = [], clause[0]
    first, last = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
    for timex in timexes[first:last]:
        if timex.end <= clause[1]:
            before = text[position : timex.start].rstrip()
            if before.strip().lower() in joins:
                before = ""  # the "–" of "January – June", the "and" of "14 and 15 May"
            mark = _possessive_mark(text, timex.end, clause[1])
            possessive = mark is not None or timex.text.endswith(_POSSESSIVE)
            keeps = possessive or _a_particle_ends(before)  # "would get through tomorrow"
            if not keeps:
                stripped = leading.sub("", before)  # a determiner right before the date only
                before = _without_determiner(before, timex) if stripped == before else stripped
            pieces.append(before)
            position = mark.end() if mark else timex.end
            after = _open_after(text, position, extraction_words())
            position = after.end() if after else position  # "2024 onwards: Profitability"
    tail = text[position : clause[1]]
    if last < len(starts) and starts[last] == clause[1]:  # the next clause opens at its date
        tail = leading.sub("", tail.rstrip())  # "its first quarter, which ended on"
    elif ";" in tail and pieces:  # "The consultation closed on 31 March; we received ..."
        tail = tail[: tail.index(";")]
    pieces.append(tail)
    title = _SPACES.sub(" ", " ".join(pieces))
    if "(" in title or "[" in title:
        title = _EMPTY_BRACKETS.sub("", _MARK_BEFORE_CLOSE.sub("", title))
    title = _TITLE_START.sub("", title)
    for aside in _dateless_asides(text, clause, starts):
        title = title.replace(aside, "", 1)
    title = _COMMAS.sub("", _SPACE_BEFORE_MARK.sub(r"\1", title)).strip(' ,;:."”')
    if not _LETTER.search(title) or _a_note_after_date(text, clause, title, timexes, first):
        return None
    if title.lower() in _tagger_words("scene", "name"):  # "The" of "The 2014 winter games"
        return None
    return _shortened(title)


def _a_note_after_date(text: str, clause, title: str, timexes: list[Timex], first: int) -> bool:
    """Whether a clause that opens at its date holds no more than a note in brackets after
    it ("on 25 April 2026 (the record date)"), which titles nothing."""
    if _A_NOTE.fullmatch(title) is None or first >= len(timexes):
        return False
    return not text[clause[0] : timexes[first].start].strip()


def _shortened(title: str) -> str:
    """A title cut to ``TITLE_WORDS`` words and ``TITLE_CHARS`` characters, with a capital."""
    short = " ".join(title.split()[:TITLE_WORDS])
    if len(short) > TITLE_CHARS:
        short = short[:TITLE_CHARS].rsplit(" ", 1)[0] if " " in short else short[:TITLE_CHARS]
    return short[:1].upper() + short[1:] + ("…" if short != title else "")


def _without_determiner(text: str, timex: Timex) -> str:
    """``text`` without a word of ``determiner`` at its end where the date after it is a
    name of a month, weekday or season ("she died that November"; not "a round like that
    today")."""
    words = text.rsplit(None, 1)
    if len(words) < 2 or words[1].lower() not in extraction_words()["determiner"]:
        return text
    first = timex.text.split()[0]
    named = first[:1].isupper() or first.lower() in _tagger_words("season")
    return words[0] if named else text


def _a_particle_ends(text: str) -> bool:
    """Whether a verb's own "through" ends ``text`` (``particle``: "would get through")."""
    near = text[-PARTICLE_REACH:]
    if not any(word in near for word in _particle_ends()):  # nearly always: cheapest first
        return False
    return _ends_with_any(_lead(near), extraction_words()["particle"])


@cache
def _particle_ends() -> frozenset[str]:
    """The last words of the phrases of ``particle`` ("through")."""
    return frozenset(phrase.split()[-1] for phrase in extraction_words()["particle"])


def _possessive_mark(text: str, position: int, end: int) -> re.Match[str] | None:
    """The mark of a possessive right after a date ("Monday's"), looked at only where an
    apostrophe is near (most dates have none)."""
    near = text[position : position + 2]
    if "'" not in near and "’" not in near:
        return None
    return _POSSESSIVE_MARK.match(text, position, end)


def _keyword_hits(text: str, start: int, end: int, keywords) -> list[tuple[int, int, int]]:
    """(start, end, keyword index) of every topic keyword in text[start:end], in order."""
    finder, each = _keyword_patterns(keywords)
    hits = []
    for match in finder.finditer(text, start, end):
        at = match.start()
        for index, pattern in enumerate(each):
            found = pattern.match(text, at, end)
            if found is not None:
                hits.append((at, found.end(), index))
    return hits


@cache
def _keyword_patterns(keywords) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """One pattern that finds where any keyword starts, and one per keyword to check it
    there ("export*" is any word that starts with export; a space is any white space)."""
    sources = []
    for _topic, keyword in keywords:
        word = re.escape(keyword.rstrip("*").lower()).replace(r"\ ", r"\s+")
        sources.append(rf"\b{word}\w*" if keyword.endswith("*") else rf"\b{word}\b")
    finder = re.compile(rf"(?=(?:{'|'.join(sources) or '(?!)'}))", re.IGNORECASE)
    return finder, tuple(re.compile(source, re.IGNORECASE) for source in sources)
