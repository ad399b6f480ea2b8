"""The functions of rule value templates: resolve relative and underspecified expressions.

They work on a ``Context``: the document creation time (dct), the dates mentioned so far in
the text, and the sentence around the expression (its tense decides "Friday").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta

from timeline.days import month_length
from timeline.temporal.values import (
    BC_SHIFT,
    SEASON_MONTH,
    Calendar,
    calendar_of,
    feast_day,
    in_year,
    parse_value,
    weekday_in_month,
)

UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "season": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}
CALENDAR_UNITS = {"hour": "day", "minute": "day", "second": "day"}  # the value they fall in
DURATION_LETTERS = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "decade": "DE",
    "century": "CE",
    "hour": "H",
    "minute": "M",
    "second": "S",
}
_UNIT_ORDER = (
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
PAST_STORY_YEARS = 1  # a story this many years before its document is not about its present
STORY_AHEAD_REACH = 400  # characters from the last date named in full to a future told of it
STORY_DATES = 1  # ... when the last this many dates named in full are all that far back
STORY_DATES_AFTER_PRESENT = 2  # ... or this many, named since the text spoke of its present
STORY_LEAD = 12  # characters from a sentence's start within which a year sets the scene
SCENE_REACH = 24  # characters before a date in which a scene word is looked for
ONE_DAY = timedelta(days=1)
QUARTER_LENGTH = timedelta(days=92)  # a quarter's first day and this are after its last
RANGE_GAP = len(" through ")  # at most this between the two days of "May 4 through 5"
AHEAD_DAYS = 61  # a yearless month or quarter up to this far ahead of the document is this year's
AHEAD_REACH = 40  # characters after an expression searched for its clause's tense
WEEKDAY_DAY_MONTHS = 28  # months each side searched for "Friday the 13th": every pair recurs
_SPACE = re.compile(r"\s+")
VERB_REACH = 40  # characters a word of tense may take (a phrase of past.csv or future.csv)
_PLAN_MADE = re.compile(r"\w+ed\b")  # a word of the future in the past: "pledged to", "planned"
_AFTER_BE = re.compile(r"(?i)\b(?:is|are|be|been|being|'s|'re)\s+$")  # "is expected to": ahead
_CLOSING_MARK = re.compile(r'^\s*["”](?=\s)')  # the close of a quotation ending the sentence before
CLAUSE_BREAK = re.compile(r"[:;](?=\s)")  # the tense of words before one does not reach past it
_WOULD = re.compile(r"would", re.IGNORECASE)
# an entry of a dated list: a date opens the line (after a bullet), then a colon or a dash
# ("March 2021: The complaint is filed; a hearing is set for May")
ENTRY_OPENING = re.compile(r"[ \t]*(?:[-•·*–—][ \t]*)?")
ENTRY_MARK = re.compile(r"[ \t]*(?::|[ \t][-–—])[ \t]")
ENTRY_INDENT = 40  # how far back from an entry's date its line may start (spaces, a bullet)
_WILL = re.compile(r"will|won't|wo n't|shall", re.IGNORECASE)  # a future of the present
_OF_BEFORE = re.compile(r"\bof\s+\Z")  # "a major event of this year"
_CLAUSE_OPEN = re.compile(r"(?:,\s*(?:and|but)|;)\s+$")  # what opens a clause joined to a sentence
_NAME_BREAK = re.compile(r"[,;:()\[\]\"“”]")  # marks that end a name a date makes
BEHIND_DAYS = 92  # in the future tense, one that began up to this long ago may still be meant
TURN_OF_YEAR_DAYS = 62  # a date early in a year this close after one late in the last goes on


NOTHING = re.compile(r"(?!)")
_FULL_STOP = re.compile(r"[.!?]")


@dataclass(frozen=True)
class Tense:
    """Where a clause looks ahead (``future``), back (``past``) or is told in the present
    (``present``), the words after which a month has begun (``begun``, ending where the date
    starts), the words after which a past form describes a noun (``attributive``, ending
    where the form starts), the words after which a date is a deadline (``deadline``,
    ending where the date starts), and the words that open a clause of its own (``opening``,
    and at most one word of scene.csv or deadline.csv, ending where the date starts), and
    the words that make a past form after them a perfect (``perfect``, ending where the form
    starts), and a word that opens a clause right after a date (``opening_after``, ", that"),
    and a clause of its own that opens a sentence, up to its comma (``subordinate``, "As his
    son has noted,"), and a past form that describes the noun before it, up to the "in" of a
    date (``describing``), a word that joins another clause (``joining``), and a relative
    clause right after a date, up to its comma (``relative_after``): patterns built
    from future.csv, past.csv, present.csv, not_past.csv, attributive.csv, deadline.csv,
    clause_opening.csv, perfect.csv, subordinate.csv and describing_form.csv."""

    future: re.Pattern[str]
    past: re.Pattern[str]
    begun: re.Pattern[str]
    attributive: re.Pattern[str]
    present: re.Pattern[str]
    deadline: re.Pattern[str]
    opening: re.Pattern[str]  # a word that opens a clause, ending where the date starts
    perfect: re.Pattern[str]  # "has", "have been": a past form after it is a perfect
    opening_after: re.Pattern[str]  # a word that opens a clause, right after the date
    subordinate: re.Pattern[str]  # a clause of its own opening a sentence, up to its comma
    describing: re.Pattern[str]  # a past form after a noun, then "in": "a law passed in "
    joining: re.Pattern[str]  # a word that joins a clause ("and", "before"), or ";"
    relative_after: re.Pattern[str]  # a relative clause right after a date, to its comma


NO_TENSE = Tense(*[NOTHING] * len(fields(Tense)))
_YEARS_OR_COARSER = ("year", "decade", "century")
_DECADES = ("decade", "century")  # too coarse to lend a year to a month or day
ATTRIBUTIVE_REACH = 40  # characters before a past form searched for a determiner (and adverb)
PERFECT_REACH = 40  # characters before a past form searched for "has" (adverb, "been")
_ADVERB = re.compile(r"\w+ly\b")  # "recently", "currently"
PAST_FORM = "form"  # the group of the past pattern that matched a word in -ed or a participle
DESCRIBING_REACH = 80  # characters before a date searched for a past form describing a noun
_TENSES = ("past", "present", "future")


class _Markers:
    """The matches of one pattern of tense in a text, tried only where a word of tense may
    begin (``starts``, found with the text's words); as ``finditer`` would find them, a
    match never starting inside the one before; none right after ``unless_after`` (a
    determiner: "a still unspecified date" tells no past)."""

    def __init__(
        self, text: str, pattern: re.Pattern[str], starts: list[int],
        unless_after: re.Pattern[str] = NOTHING,
    ) -> None:  # fmt: skip
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start in starts:
            if self.ends and start < self.ends[-1]:
                continue
            match = pattern.match(text, start)
            if match is None:
                continue
            form = match.lastgroup == PAST_FORM  # a word in -ed or a participle, not "was"
            if (
                not form
                or unless_after.search(text, max(0, start - ATTRIBUTIVE_REACH), start) is None
            ):
                self.starts.append(match.start())
                self.ends.append(match.end())

    def last_end(self, low: int, high: int) -> int | None:
        """The end of the last match wholly inside [low, high), or None."""
        last = self.last(low, high)
        return last[1] if last else None

    def last(self, low: int, high: int) -> tuple[int, int] | None:
        """The start and end of the last match wholly inside [low, high), or None."""
        index = bisect.bisect_right(self.ends, high) - 1
        if index >= 0 and self.starts[index] >= low:
            return self.starts[index], self.ends[index]
        return None

    def first_start(self, low: int, high: int) -> int | None:
        """The start of the first match wholly inside [low, high), or None."""
        index = bisect.bisect_left(self.starts, low)
        inside = index < len(self.starts) and self.ends[index] <= high
        return self.starts[index] if inside else None


@dataclass
class Context:
    """What resolution may use: the document date and what the text said so far."""

    dct: date | None
    sentence: str = ""
    sentence_start: int = 0
    position: int = 0
    end: int = 0  # where the expression being resolved ends
    ref: Calendar | None = None
    explicit_ref: Calendar | None = None
    ref_position: int = -(10**9)
    ref_end: int = -(10**9)  # where the last date mentioned ends, explicit or not
    latest_of: dict[str, Calendar] = field(default_factory=dict)  # a quarter: see _reported_on
    quarter_named: Calendar | None = None  # the last quarter named, reported on or not
    named_years: list[int] = field(default_factory=list)  # of the dates named in full, in order
    named_at: list[int] = field(default_factory=list)  # where each of them is
    year_named: Calendar | None = None  # the last date named in full known to its year
    story: Calendar | None = None  # the time the story is at (see remember)
    last_stamp: datetime | None = None  # the last entry of a live blog (see stamp)
    next_year: int | None = None  # "between March and September 2025": March is 2025
    text: str = ""  # the whole text, where tense markers are found once
    anchor: str = "auto"  # what a yearless date takes its year from: see _narrative_year
    scene: re.Pattern[str] | None = None  # words before a date that set the scene (scene.csv)
    span_end: re.Pattern[str] | None = None  # words that end a span and look ahead (scene.csv)
    naming: re.Pattern[str] | None = None  # words before a date that names something (scene.csv)
    tense: Tense | None = None  # the words of a clause that looks ahead or back
    # where a word of tense may begin: read with a document date only, the one thing the
    # tense of a clause decides against (every use of ``markers`` has one)
    tense_starts: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)  # where each sentence starts
    story_position: int = -1  # where the story was last moved
    entry: tuple[int, Calendar] | None = None  # where a dated entry's line ends, its date
    present_position: int = -2  # where the text last spoke of its own present ("on Friday")
    day_first: bool = False  # the text writes dates of numbers day first (slash_date)
    recent_end: int = -1  # where the last word of a past that reaches the present ends
    _markers: dict[str, _Markers] = field(default_factory=dict, repr=False)
    _told_in_present: dict[int, bool] = field(default_factory=dict, repr=False)
    _first_stop: int | None = field(default=None, repr=False)

    def markers(self, kind: str) -> _Markers:
        """Where the future, past or present tense markers of the text are, or its breaks
        between clauses (``clause``), found on first use."""
        if kind not in self._markers:
            if kind == "clause":
                starts = [m.start() for m in CLAUSE_BREAK.finditer(self.text)]
                self._markers[kind] = _Markers(self.text, CLAUSE_BREAK, starts)
            else:
                tense = self.tense or NO_TENSE
                pattern = getattr(tense, kind)
                unless = tense.attributive if kind == "past" else NOTHING
                self._markers[kind] = _Markers(self.text, pattern, self.tense_starts, unless)
        return self._markers[kind]

    def remember(
        self,
        value: str,
        position: int,
        explicit: bool,
        end: int = -(10**9),
        guessed: bool = False,
        goes_on: bool = False,
    ) -> None:
        """Record a resolved date so that later expressions can refer to it; one whose year
        was ``guessed`` ("in December", without a year) names no year for the dates after it
        in its sentence ("In December they met, and on January 3 they signed"); one that
        ``goes_on`` from a date that moved the story, joined to it ("from November 21, 1948
        to January 31, 1949"), moves the story on to it."""
        calendar = parse_value(value)
        if calendar is None:
            return
        if calendar.granularity == "quarter":
            self.quarter_named = calendar
        if calendar.granularity != "quarter" or self._reported_on(calendar):
            self.latest_of[calendar.granularity] = calendar
        self.ref = calendar
        self.ref_end = end
        if explicit and not guessed:
            self.explicit_ref = calendar
            self.ref_position = position
        if explicit:
            self._note_entry(calendar, position, end)
            if _known_to(calendar, "year"):
                self.year_named = calendar
            self.named_years.append(calendar.year)
            self.named_at.append(position)
            moves = goes_on or self._moves_story(calendar, position)
            if position != self.present_position and moves:
                self.story = calendar
                self.story_position = position

    def _note_entry(self, calendar: Calendar, position: int, end: int) -> None:
        """Record a date that opens an entry of a dated list (``ENTRY_OPENING``, then the
        date, then ``ENTRY_MARK``): the dates of its line without a year are in its year.
        The line's start is looked for at most ``ENTRY_INDENT`` characters back, so that a
        long line of dates costs no more than a short one."""
        if ENTRY_MARK.match(self.text, end) is None or not _known_to(calendar, "year"):
            return
        reach = max(0, position - ENTRY_INDENT)
        newline = self.text.rfind("\n", reach, position)
        if newline < 0 and reach > 0:
            return  # no line starts near enough before it
        opening = ENTRY_OPENING.match(self.text, newline + 1)
        if opening is not None and opening.end() == position:
            line_end = self.text.find("\n", end)  # once a line: only a line's opening date
            self.entry = (len(self.text) if line_end < 0 else line_end, calendar)

    def entry_date(self) -> Calendar | None:
        """The date of the dated entry whose line the expression stands in, after the date
        (``_note_entry``); none with ``anchor="document"``."""
        if self.entry is None or self.position >= self.entry[0] or self.anchor == "document":
            return None
        return self.entry[1]

    def _looks_back_from_story(self, calendar: Calendar) -> bool:
        """Whether a date is earlier than the story's, which its own sentence moved: a point
        compared with, not where the story goes ("Deaths were under 100 a month in the
        second half of 2008, from a high of 300 in summer 2007. In May ..." is May 2008)."""
        story = self.story
        if story is None or self.story_position < self.sentence_start:
            return False
        return calendar.first < story.first

    def _dates_the_subject(self, position: int) -> bool:
        """Whether a year after a word of ``scene.csv`` dates what the text is about, and so
        sets its first story: in the text's first sentence (after a title without a full
        stop), whose words of tense before it are all of the past, with at least one, and
        with no clause of its own opening before it right after a past verb ("The
        Falklands War was a ten-week conflict between Argentina and the United Kingdom in
        1982. It began on 2 April" is 1982's April, and so after "The disaster was an
        accident that occurred in 1986"; not "Rihanna has defended ... Brown, who assaulted
        her in 2009", nor "a story mentioned that a writer had accused him of it in 2003")."""
        if self.story is not None or self.sentence_start > self._first_sentence_end():
            return False
        low = max(self.sentence_start, position - SCENE_REACH)
        if self.scene is None or self.scene.search(self.text[low:position]) is None:
            return False
        between, past = (self.sentence_start, position), self.markers("past")
        if past.last(*between) is None:
            return False
        if any(self.markers(kind).last(*between) for kind in ("present", "future")):
            return False
        opening = (self.tense or NO_TENSE).opening_after
        return all(
            past.last_end(self.sentence_start, that.start()) != that.start()
            for that in opening.finditer(self.text, *between)
        )  # "mentioned that" opens a clause of its own; "an accident that occurred" does not

    def _first_sentence_end(self) -> int:
        """Where the text's first full stop (or ! or ?) is; its length without one."""
        if self._first_stop is None:
            stop = _FULL_STOP.search(self.text)
            self._first_stop = stop.start() if stop else len(self.text)
        return self._first_stop

    def _reported_on(self, quarter: Calendar) -> bool:
        """Whether a quarter named is the one the text now reports on, that "the quarter"
        and "a year ago" refer to: one over by the document date and after the last such
        quarter; not a quarter ahead ("a fourth-quarter charge", written in November) or
        one looked back on ("after a flat second quarter", in a report on the third)."""
        last = self.latest_of.get("quarter")
        over = self.dct is None or quarter.first + QUARTER_LENGTH <= self.dct
        return over and (last is None or quarter.first > last.first)

    def names_something(self, position: int) -> bool:
        """Whether the date at ``position`` is used to name something: right after a word
        of scene.csv of value ``name`` ("the 2010 World Cup final", "its May 2024 law")."""
        low = max(self.sentence_start, position - SCENE_REACH)
        return self.naming is not None and self.naming.search(self.text, low, position) is not None

    def opens_sentence(self, position: int) -> bool:
        """Whether ``position`` is near the start of its sentence, where a date sets the scene
        ("In 1941, ...", "The following year, ...")."""
        return position - self.sentence_start <= STORY_LEAD

    def opens_clause(self, position: int) -> bool:
        """Whether ``position`` opens its sentence or a clause joined to it ("..., and the
        following year he was appointed")."""
        if self.opens_sentence(position):
            return True
        low = max(self.sentence_start, position - len(", but "))
        return _CLAUSE_OPEN.search(self.text, low, position) is not None

    def at_present(self) -> None:
        """Note that the expression being resolved counts from the document date: the text is
        back at its own present ("Protesters planned a rally on Saturday")."""
        self.present_position = self.position

    def _moves_story(self, calendar: Calendar, position: int) -> bool:
        """A date moves the story to it where it sets the scene: near the start of its sentence
        or of a clause joined to it ("In 1941, ...", "..., and in 1942 ..."), or, for one finer
        than a year, after a word of ``scene.csv`` ("Russia attacked in August 2008"); not a
        date in passing ("a campaign planned for 1976", "the August 1988 cease-fire"), one soon
        after a word that ends a span ("lasted until the fall of Budapest in February 1945") nor
        one after "since", the start of a state that still holds ("Since 2009, he has visited
        twice"), nor one earlier than the story its sentence moved to
        (``_looks_back_from_story``)."""
        low = max(self.sentence_start, position - SCENE_REACH)
        if self.names_something(position):
            return False  # "The Dec. 21, 1988, bombing" names an event
        if self._looks_back_from_story(calendar):
            return False  # "in the second half of 2008, from a peak in summer 2007"
        if _after_since(self, position):
            return False  # "Since 2009, he has visited twice": a state that still holds
        if self.opens_clause(position):
            return True
        if self.scene is None:
            return False
        if calendar.granularity in _YEARS_OR_COARSER:
            first_story = calendar.granularity == "year" and self.story is None
            return first_story and self._dates_the_subject(position)
        before = self.text[low:position]
        clause = self.text[max(self.sentence_start, position - 3 * SCENE_REACH) : position]
        if self.span_end is not None and self.span_end.search(clause):
            return False  # the end of a span looks ahead: "lasted until the fall ... in 1945"
        return self.scene.search(before) is not None


_LENGTH = re.compile(r"P(?:(?P<count>\d+)(?P<unit>[YMWD])|T(?P<clock_count>\d+)(?P<clock>[HMS]))")


def moved_by(value: str, length: str, side: int) -> str | None:
    """A date ``value`` moved by a duration of one unit (``P2D``, ``PT48H``) after it
    (``side`` 1) or before it (-1): "two days after Christmas 2024" is 2024-12-27. None
    when the date is coarser than the unit ("a day after May 2024" is not one day), or
    either is not a plain value."""
    calendar = parse_value(value)
    parts = _LENGTH.fullmatch(length)
    if calendar is None or parts is None:
        return None
    if parts.group("clock"):
        if calendar.clock is None:
            return None
        unit, count = _UNIT_OF_LETTER[True, parts["clock"]], parts["clock_count"]
    else:
        unit, count = _UNIT_OF_LETTER[False, parts["unit"]], parts["count"]
        if not _known_to(calendar, unit):
            return None
    return calendar.shift(unit, side * int(count)).format()


def _unit(unit: str) -> str:
    return CALENDAR_UNITS.get(unit, unit)


def _int(text: str) -> int:
    return int(float(text)) if text not in ("", "X") else 0


def rel(ctx: Context, anchor: str, unit: str, offset: str) -> str:
    """The unit containing the anchor (dct, now or ref), moved ``offset`` units. In a story
    told of the past, "the end of the month" and "the latter part of the year" are the story's
    month and year. ``now`` is the document date, as ``dct``, for a unit said with "this"
    ("earlier this month"): the story's too, but a year ("earlier this year", "this year's
    election") is the document's, unless "of" names it after an event ("a major event of
    this year")."""
    if anchor == "now":
        anchor = "dct"
        if _unit(unit) == "year" and not _named_of(ctx):
            return _document_unit(ctx, anchor, unit, offset)
    value = _story_unit(ctx, anchor, unit, offset)
    if value is not None:
        return value
    return _document_unit(ctx, anchor, unit, offset)


def _named_of(ctx: Context) -> bool:
    """Whether "of" stands right before the expression: "a major event of this year"."""
    return _OF_BEFORE.search(ctx.text, max(0, ctx.position - len("of  ")), ctx.position) is not None


def _document_unit(ctx: Context, anchor: str, unit: str, offset: str) -> str:
    """The unit containing the anchor, moved; counted from the document date, the text
    speaks of its own present; in a quotation in a story of the past, from the time it was
    spoken (``_speakers_time``)."""
    if anchor == "dct" and ctx.dct is not None:
        spoken = _speakers_time(ctx)
        if spoken is not None and _known_to(spoken, _unit(unit)):
            return spoken.coarsen(_unit(unit)).shift(unit, _int(offset)).format()
        if spoken is not None and _unit(unit) == "day":
            return _unknown_days(spoken)  # "today", said in a month known, not its day
        ctx.at_present()
    return _rel(ctx, anchor, unit, offset)


def _speakers_time(ctx: Context) -> Calendar | None:
    """When a quotation in a story of the past (``_told_of_past``) was spoken, from which its
    "next summer" or "tomorrow" counts: the story's date, when it is known to its month or
    day and was named in the quotation's paragraph at most ``STORY_AHEAD_REACH`` characters
    before ("On September 10, 2007, Petraeus envisioned "the withdrawal of 30,000 troops by
    next summer"" is the summer of 2008; "today", chanted in October 1967, a day of October
    1967); else None."""
    story = ctx.story
    if story is None or story.granularity not in ("day", "month") or ctx.anchor == "document":
        return None
    if ctx.position - ctx.story_position > STORY_AHEAD_REACH:
        return None
    if ctx.story_position < _paragraph_start(ctx.text, ctx.position):
        return None
    quoted = _quoted_in_its_paragraph(ctx.text, ctx.position)
    return story if quoted and _told_of_past(ctx) else None


def _story_unit(ctx: Context, anchor: str, unit: str, offset: str) -> str | None:
    """The unit of the story's date, for "this" or "the end of the" unit in a story of the
    past (``_narrative_year``), when the story is known to that unit or finer; a decade or
    century right after one was named is that one ("Through the 1960s she worked, and by the
    end of the decade" is the 1960s, after a story at 1959), else that of a later date named
    in full (``_later_year_named``)."""
    unit = _unit(unit)
    if anchor != "dct" or _int(offset) != 0 or ctx.story is None or unit not in _UNIT_ORDER:
        return None
    entry = ctx.entry_date()
    if entry is not None and _known_to(entry, unit):  # "Summer 2021: … through the end of the year"
        return entry.coarsen(unit).format()
    named = ctx.ref if unit in _DECADES and ctx.ref and ctx.ref.granularity == unit else None
    if named is None and not _known_to(ctx.story, unit):
        return None
    if _narrative_year(ctx) is None:
        return None
    if named is None and unit in _DECADES and _later_year_named(ctx):
        named = ctx.year_named  # "went public in 2004 ... by the end of the decade": the 2000s
    return (named or ctx.story).coarsen(unit).format()


def _later_year_named(ctx: Context) -> bool:
    """Whether a date named in full since the story last moved lies after it (a year in
    passing, which moves no story, still tells which decade "the decade" is)."""
    named, story = ctx.year_named, ctx.story
    return named is not None and story is not None and named.first > story.first


def _rel(ctx: Context, anchor: str, unit: str, offset: str) -> str:
    """The unit holding the anchor, moved; a reference coarser than the unit ("10 p.m." after
    "in 1997") holds no such unit: the document date's is taken."""
    ref = ctx.ref if anchor == "ref" else None
    if ref is not None and not _known_to(ref, _unit(unit)):
        ref = None
    base = ref.first if ref is not None else ctx.dct
    if base is None:
        return UNRESOLVED.get(_unit(unit), "XXXX")
    return calendar_of(base, _unit(unit)).shift(unit, _int(offset)).format()


def ahead(ctx: Context, unit: str, count: str) -> str:
    """``count`` units after the document date ("three weeks from now", "in two days'
    time"), at the unit's granularity; a count not known ("a few weeks from now") is
    ``FUTURE_REF``."""
    if count == "X":
        return "FUTURE_REF"
    return rel(ctx, "dct", unit, count)


def back(ctx: Context, unit: str, count: str) -> str:
    """``count`` units before the document date; a year back from the last quarter named (or
    a half just named) is that quarter a year before (from a quarter ahead of the document,
    the same quarter's latest begun)."""
    if count == "X":
        return "PAST_REF"
    period = _period_compared(ctx)
    if unit == "year" and period is not None:
        if ctx.dct is not None and period.first > ctx.dct:  # a forecast: the year-ago
            # results compared are those of the same quarter (or half) that has begun
            make, months = _NAMED[period.granularity], _PERIOD_MONTHS[period.granularity]
            ordinal = str((period.first.month - 1) // months + 1)
            period = _latest_begun(ctx.dct, make, ordinal)
        return period.shift("year", -_int(count)).format()
    if ctx.dct is None:
        return UNRESOLVED.get(_unit(unit), "XXXX")
    granularity = "year" if unit in ("decade", "century") else _unit(unit)
    return calendar_of(ctx.dct, granularity).shift(unit, -_int(count)).format()


def day_back(ctx: Context, unit: str, count: str, period: str = "day") -> str:
    """The day ``count`` units before the document date ("a year ago today"), or the week or
    month ``period`` that holds it ("fifty years ago this week")."""
    granularity = _unit(period)
    if ctx.dct is None or count == "X":
        return UNRESOLVED.get(granularity, UNRESOLVED["day"])
    day = calendar_of(ctx.dct, "day").shift(unit, -_int(count)).first
    return calendar_of(day, granularity).format()


_PERIOD_MONTHS = {"quarter": 3, "half": 6}


def _period_compared(ctx: Context) -> Calendar | None:
    """The period of results a "year-ago" figure is compared with: the last date mentioned
    when it is a half ("the first half of 2024, from the same period a year earlier"), else
    the quarter reported on (``Context._reported_on``), else the last quarter named (a
    forecast: "Losses may last through the third quarter. In the year-ago period ...")."""
    if ctx.ref is not None and ctx.ref.granularity == "half":
        return ctx.ref
    return ctx.latest_of.get("quarter") or ctx.quarter_named


def quarter_a_year_back(ctx: Context, ordinal: str) -> str:
    """ "The year-ago third quarter": the third quarter of results, a year before."""
    if ctx.dct is None:
        return f"XXXX-Q{ordinal}"
    return _latest_begun(ctx.dct, _quarter, ordinal).shift("year", -1).format()


def shift(ctx: Context, unit: str, count: str, direction: str) -> str:
    """``count`` units after (or before) the last date mentioned, at its granularity. A
    number of hours (or minutes) not known is on the day of a last date known to its day, as
    far as the text tells ("on 3 May ... hours later"); of other units, in the future or the
    past."""
    if count == "X":
        ref = ctx.ref
        if unit in _CLOCK and ref is not None and ref.granularity == "day":
            return replace(ref, clock=None).format()
        return "FUTURE_REF" if _int(direction) > 0 else "PAST_REF"
    sign = -1 if _int(direction) < 0 else 1
    granularity = _unit(unit)
    ref = _counted_from_scene(ctx, granularity)
    if ref is not None:
        moved = _counted_from(ref, granularity, sign).shift(unit, sign * _int(count))
        quarter_on = ref.granularity in ("quarter", "half") and granularity not in _DECADES
        keep = quarter_on or _finer_or_same(granularity, ref)  # not "the next decade": 2035-Q2
        return (moved if keep else moved.coarsen(granularity)).format()
    if ctx.dct is None:
        return UNRESOLVED.get(granularity, "XXXX")
    return calendar_of(ctx.dct, granularity).shift(unit, sign * _int(count)).format()


def _counted_from_scene(ctx: Context, granularity: str) -> Calendar | None:
    """What a count of years (or decades, centuries) that opens its sentence counts from:
    the story's date, when the last date mentioned is the start, before it, of a state that
    still held ("In 492 BC he took Thrace, part of the empire since 513 BC. The following
    year ..." is 491 BC); else the last date ("in an interview in 1990. A year later" is
    1991, wherever the story is)."""
    ref, story = ctx.ref, ctx.story
    if ref is None or story is None or ref is not ctx.explicit_ref or ref.year >= story.year:
        return ref
    if granularity not in _YEARS_OR_COARSER or not ctx.opens_sentence(ctx.position):
        return ref
    return story if _after_since(ctx, ctx.ref_position) else ref


def _after_since(ctx: Context, position: int) -> bool:
    """Whether a word of past.csv of value ``begun`` ("since") is right before ``position``:
    the date there starts a state that still holds."""
    return _since_before(ctx, position) is not None


def _since_before(ctx: Context, position: int) -> re.Match[str] | None:
    """The word of past.csv of value ``begun`` ("since") right before ``position``, if any."""
    begun = (ctx.tense or NO_TENSE).begun
    return begun.search(ctx.text, max(0, position - SCENE_REACH), position)


def _after_deadline_word(ctx: Context) -> bool:
    """Whether a word of deadline.csv ("until", "by") is right before the expression: it is
    a deadline, ahead unless its clause is told in the past (``_clause_tense``)."""
    deadline = (ctx.tense or NO_TENSE).deadline
    start = max(0, ctx.position - SCENE_REACH)
    return deadline.search(ctx.text, start, ctx.position) is not None


def _counted_from(ref: Calendar, unit: str, sign: int) -> Calendar:
    """Where a count of finer units starts: back from a year or month's last day, ahead from
    its first, so that "two days earlier" than something in 2008 stays in 2008."""
    if sign > 0 or unit == ref.granularity or ref.granularity not in ("year", "month"):
        return ref
    if ref.granularity == "year":
        return replace(ref, first=ref.first.replace(month=12, day=31))
    return replace(ref, first=ref.first.replace(day=month_length(ref.first.year, ref.first.month)))


def named(ctx: Context, kind: str, value: str, when: str) -> str:
    """A month, season, quarter or half without a year: ``near`` (see _near_year), the
    last (``-1``) or next (``1``) one from the document's, or the latest ``begun`` by the
    document date ("third-quarter net", reported once the quarter is over or nearly)."""
    make = _NAMED[kind]
    if when == "near":
        year = _near_year(ctx, lambda y: make(y, value).first)
        return make(year, value).format() if year else _unresolved_named(kind, value)
    if ctx.dct is None:
        return _unresolved_named(kind, value)
    if when == "begun":  # results of a quarter: the latest one begun by the document date
        return _latest_begun(ctx.dct, make, value).format()
    spoken = _speakers_time(ctx)
    now = ctx.dct if spoken is None else spoken.first
    if spoken is None:
        ctx.at_present()  # "last summer", "next March": the text speaks of its own present
    current = calendar_of(now, make(now.year, value).granularity)
    direction = _int(when)
    if direction == 0:
        return make(now.year, value).format()
    years = _years_around(now.year, 2, 2)
    candidates = [make(y, value) for y in years]
    if direction < 0:
        return max((c for c in candidates if c.first < current.first), key=_first_day).format()
    return min((c for c in candidates if c.first > current.first), key=_first_day).format()


def named_after(ctx: Context, kind: str, value: str, direction: str) -> str:
    """ "The following summer": the first month or season of that name that starts after the
    last date mentioned is over (1), or the last that starts before it began (-1); after
    1942 the following summer is 1943's, after March 1942 it is 1942's. With no date
    mentioned, the next or last one from the document date (``named``)."""
    if ctx.ref is None:
        return named(ctx, kind, value, direction)
    make = _NAMED[kind]
    years = range(max(ctx.ref.year - 1, 1 - BC_SHIFT), min(ctx.ref.year + 2, MAXYEAR) + 1)
    candidates = [make(year, value) for year in years]  # astronomical: BC years too
    if _int(direction) < 0:
        before = (c for c in candidates if c.first < ctx.ref.first)
        found = max(before, key=_first_day, default=None)
    else:
        after = (c for c in candidates if c.first >= _day_after(ctx.ref))
        found = min(after, key=_first_day, default=None)
    return found.format() if found else _unresolved_named(kind, value)


def _day_after(calendar: Calendar) -> date:
    """The first day after ``calendar`` is over (its own first day at the calendar's end). A
    season lasts three months, as a quarter does (moved by "season", it moves a year)."""
    unit = "quarter" if calendar.granularity == "season" else calendar.granularity
    try:
        return calendar.shift(unit, 1).first
    except (OverflowError, ValueError):
        return calendar.first


def _latest_begun(dct: date, make, value: str) -> Calendar:
    """The latest month, season, quarter or half of this kind begun by ``dct``."""
    begun = [make(y, value) for y in _years_around(dct.year, 1, 0)]
    return max((c for c in begun if c.first <= dct), key=_first_day)


def monthday(ctx: Context, month: str, day: str, when: str = "near") -> str:
    """A day of a month without a year: the one ``near`` (see _near_year), or the last
    (``-1``) or next (``1``) one from the document date ("last Oct. 23"); ``0`` is near."""
    if when not in ("near", "0") and ctx.dct is not None:
        return _month_day_from_document(ctx.dct, int(month), _int(day), _int(when))
    year = _near_year(ctx, lambda y: _safe_day(y, int(month), _int(day)))
    if year is None:
        return f"XXXX-{month}-{_int(day):02d}"
    if (int(month), _int(day)) == (2, 29):
        year = _nearest_leap_year(year)
    last = month_length(year, int(month))
    return in_year("day", year, int(month), min(_int(day), last)).format()


def _nearest_leap_year(year: int) -> int:
    """The leap year nearest ``year`` (the earlier of two as near): 29 February of 2007 is
    most likely 2008's, and no such day is ever the 28th."""
    leap = [y for y in range(year - 3, year + 4) if month_length(y, 2) == 29]
    return min(leap, key=lambda y: (abs(y - year), y))


def weekday_monthday(ctx: Context, weekday: str, month: str, day: str, when: str = "near") -> str:
    """A day of a month without a year, with its weekday ("Wednesday 6 June"): as
    ``monthday``, but where that day is not that weekday in the year found, the document's
    year or the one before or after it, the nearest in which it is ("This article was
    amended on Wednesday 6 June", written in 2012, in a text whose story is in 2009)."""
    value = monthday(ctx, month, day, when)
    found, dct = parse_value(value), ctx.dct
    if found is None or dct is None or found.first.isoweekday() == int(weekday):
        return value
    for year in sorted(_years_around(dct.year, 1, 1), key=lambda y: abs(y - dct.year)):
        if _safe_day(year, int(month), _int(day)).isoweekday() == int(weekday):
            return in_year("day", year, int(month), _int(day)).format()
    return value


def weekday_day(ctx: Context, weekday: str, day: str) -> str:
    """A weekday with a day of the month and no month ("Wednesday 14th", "Friday the 13th"):
    that day in the month nearest the document date where it falls on that weekday; the
    next such when the clause looks ahead, the last when it is told in the past
    (``_clause_tense``). With no document date, or ``anchor="narrative"``, counted from the
    story's day or month, else a day of a month not known."""
    return _day_numbered_near(ctx, _int(day), lambda d: d.isoweekday() == int(weekday))


def day_alone(ctx: Context, day: str) -> str:
    """A day of the month alone ("Glasgow on the 20th"), only after a date in its sentence
    (not "a triple-bogey on the 5th", a golf hole): that day of the month of that date, if a
    day or month ("In March he landed on the 20th"), else as ``weekday_day`` without the
    weekday ("next week in Leeds, then Glasgow on the 20th"): the nearest such day by the
    document date, the next when the clause looks ahead, the last when it is told in the
    past."""
    number, ref = _int(day), ctx.ref
    if ref is None or ctx.ref_end < ctx.sentence_start:
        raise ValueError(f"the {day} of no month: no date before it in its sentence")
    if _a_month_or_day(ref):
        first = ref.first
        if number <= month_length(first.year, first.month):
            return date(first.year, first.month, number).isoformat()
    return _day_numbered_near(ctx, number, lambda _day: True)


def _a_month_or_day(calendar: Calendar) -> bool:
    return calendar.granularity in ("day", "month") and not calendar.bc


def _day_numbered_near(ctx: Context, number: int, wanted: Callable[[date], bool]) -> str:
    """See ``weekday_day``."""
    if ctx.dct is None or ctx.anchor == "narrative":
        known = (c for c in (ctx.ref, ctx.story) if c and c.granularity in ("day", "month"))
        base = next((c.first for c in known), None)
    else:
        ctx.at_present()
        base = ctx.dct
    if base is None:
        return f"XXXX-XX-{number:02d}"
    days = [d for d in _days_numbered(base, number) if wanted(d)]
    tense = _clause_tense(ctx)
    if tense == "future":
        days = [d for d in days if d >= base] or days
    elif tense == "past":
        days = [d for d in days if d <= base] or days
    return min(days, key=lambda d: (abs((d - base).days), d < base)).isoformat()


def _days_numbered(around: date, number: int) -> list[date]:
    """The days numbered ``number`` in the months from 28 before ``around`` to 28 after."""
    days = []
    for step in range(-WEEKDAY_DAY_MONTHS, WEEKDAY_DAY_MONTHS + 1):
        year, month = divmod(around.year * 12 + around.month - 1 + step, 12)
        if MINYEAR <= year <= MAXYEAR and number <= month_length(year, month + 1):
            days.append(date(year, month + 1, number))
    return days


def week_of(ctx: Context, month: str, day: str, year: str) -> str:
    """ "The week of March 6": the calendar week that holds that day (its year as written,
    else as for a day without one)."""
    if year:
        return calendar_of(_safe_day(int(year), int(month), _int(day)), "week").format()
    named = monthday(ctx, month, day)
    if not named[0].isdigit():  # a year not known, or before Christ
        return UNRESOLVED["week"]
    return calendar_of(date.fromisoformat(named), "week").format()


def _month_day_from_document(dct: date, month: int, day: int, direction: int) -> str:
    days = [_safe_day(year, month, day) for year in _years_around(dct.year, 1, 1)]
    if direction < 0:
        return max(d for d in days if d < dct).isoformat()
    return min(d for d in days if d > dct).isoformat()


def weekday(ctx: Context, number: str, when: str) -> str:
    """A weekday: by default (``near``) the latest one up to the document date, or the next
    one when the sentence speaks of the future; ``latest`` whatever the tense (a weekday that
    names an event, "they will appeal Wednesday's ruling", tells of it as reported);
    ``coming`` the first from the document date on ("ahead of Sunday's vote"); ``next_week``
    that day of the week after the document's ("next Friday", said on a Thursday, is eight
    days on);
    ``deadline`` the next one unless the clause is in the past, a day something lasts
    until or is done by ("Results may not be final until Tuesday", "open until Saturday";
    not "By Monday, the toll had risen"). A next one "would" tells of counts from the day
    it was told on (``_day_told_on``)."""
    if when == "near" and _after_deadline_word(ctx):
        when = "deadline"
    if ctx.dct is None or ctx.anchor == "narrative":
        return _weekday_in_story(ctx, int(number), when)
    ctx.at_present()
    target = int(number)
    today = ctx.dct.isoweekday()
    if when == "next_week":
        return (ctx.dct + timedelta(days=7 + target - today)).isoformat()
    if when in ("near", "latest", "coming", "deadline"):
        ahead = _looks_ahead(ctx, when)
        told_on = _day_told_on(ctx) if ahead and when != "coming" else None
        if told_on is not None:  # "On Thursday he said he would resign on Friday"
            return _weekday_from(told_on, target, 1).isoformat()
        when = "1" if ahead else "-1"
        if target == today:
            return ctx.dct.isoformat()
    direction = _int(when)
    if direction == 0:
        return _this_weekday(ctx, ctx.dct, ctx.dct + timedelta(days=target - today)).isoformat()
    return _weekday_from(ctx.dct, target, direction).isoformat()


def _this_weekday(ctx: Context, dct: date, in_week: date) -> date:
    """ "This Monday": the Monday of the document's week, but the next one where that is
    over and the clause looks ahead ("a pledge to leave this Monday", written on a
    Thursday). One still to come stays, even told in the past: "the run-off, which was due
    to have been held this Friday", "their intention to gather this Saturday"."""
    if in_week < dct and _clause_tense(ctx) == "future":
        return in_week + timedelta(days=7)
    return in_week


def _day_told_on(ctx: Context) -> date | None:
    """The day a future told in the past counts from: a day named before the expression in
    its sentence, before the document date, when the last word of the future before the
    expression is "would" ("On Thursday, Downing Street said that Mugabe would resign on
    Friday": the Friday after that Thursday) or opens with a past form ("On Monday the vote
    was postponed until Tuesday", "On Monday the court gave him until Tuesday")."""
    ref = ctx.ref
    if ref is None or ref.granularity != "day" or ctx.ref_end < ctx.sentence_start:
        return None
    if ctx.dct is None or ref.first >= ctx.dct:
        return None
    future = ctx.markers("future").last(_told_from(ctx), ctx.position)
    if future is None:
        return None
    if not (_WOULD.fullmatch(ctx.text, *future) or _opens_with_past(ctx, future)):
        return None
    return ref.first


def _opens_with_past(ctx: Context, future: tuple[int, int]) -> bool:
    """Whether a phrase of the future opens with a past form: a word of past.csv ("gave them
    until"), or a word in -ed not after "is", "are" or "be" ("was postponed until"; not "is
    postponed until")."""
    start = future[0]
    return ctx.markers("past").first_start(start, future[1]) == start or _plan_made(ctx, start)


def _plan_made(ctx: Context, start: int) -> bool:
    """Whether the word of the future at ``start`` in -ed tells when a plan was made, in the
    past ("pledged to", "was postponed until"), not after "is", "are" or "be" ("is expected
    to")."""
    if _PLAN_MADE.match(ctx.text, start) is None:
        return False
    return _AFTER_BE.search(ctx.text, max(0, start - len(" being ")), start) is None


def _looks_ahead(ctx: Context, when: str) -> bool:
    """Whether a weekday said ``when`` (see ``weekday``) is the next one rather than the
    last: ``coming`` always, ``latest`` never, ``near`` in a clause of the future and
    ``deadline`` unless its clause is in the past (a perfect is not: "has given them until
    Tuesday")."""
    if when in ("coming", "latest"):
        return when == "coming"
    tense = _clause_tense(ctx)
    if when == "near":
        return tense == "future"
    return _deadline_ahead(ctx, tense)


def _deadline_ahead(ctx: Context, tense: str | None) -> bool:
    """Whether a deadline in a clause of ``tense`` (``_clause_tense``) is ahead: unless the
    clause is told in the past, and a perfect is not ("has given them until Tuesday")."""
    return tense != "past" or _told_perfect(ctx)


def weekday_week_on(ctx: Context, number: str) -> str:
    """ "A week on Friday", "Friday week": seven days after the first such weekday from the
    document date on (the document's own day when it is one); unresolved with no document
    date."""
    if ctx.dct is None:
        return "XXXX-XX-XX"
    ctx.at_present()
    coming = _weekday_from(ctx.dct, int(number), 1, same_day=True)
    return (coming + timedelta(days=7)).isoformat()


def _weekday_from(day: date, target: int, direction: int, same_day: bool = False) -> date:
    """The first weekday ``target`` (1 Monday to 7 Sunday) after ``day`` (direction 1) or
    the last before it (-1); ``day`` itself when it is one and ``same_day``."""
    gap = (target - day.isoweekday()) % 7 if direction > 0 else (day.isoweekday() - target) % 7
    return day + timedelta(days=direction * (gap or (0 if same_day else 7)))


def _weekday_in_story(ctx: Context, target: int, when: str) -> str:
    """A weekday read against the story rather than the document date (no document date,
    or ``anchor="narrative"``): the latest up to the day the story is at (the next after it
    where the clause looks ahead), or a weekday of a week not known when the story is not
    known to its day. With ``auto`` a weekday is the document's: news names the days of its
    own week ("said Thursday") even in a paragraph of background."""
    day = next((c for c in (ctx.ref, ctx.story) if c is not None and c.granularity == "day"), None)
    if day is None:
        return f"XXXX-WXX-{target}"
    if when == "next_week":
        moved = day.first + timedelta(days=7 + target - day.first.isoweekday())
    elif when == "coming":
        moved = _weekday_from(day.first, target, 1, same_day=True)
    elif when == "1" or (when in ("near", "deadline") and _looks_ahead(ctx, when)):
        moved = _weekday_from(day.first, target, 1)
    else:  # "last Monday" is before the story's day; a Monday (or "this Monday") may be it
        moved = _weekday_from(day.first, target, -1, same_day=when != "-1")
    return Calendar("day", moved, bc=day.bc).format()


def weekday_joined(ctx: Context, number: str, span: str) -> str:
    """The second of two weekdays joined: the first such weekday after the day just before
    when they make a span ("Monday to Friday"), or the day next to it ("on Thursday and
    Friday", "made Friday and Thursday"); else a weekday as ``weekday``."""
    ref = ctx.ref
    if ref is None or ref.granularity != "day" or ctx.position - ctx.ref_end > RANGE_GAP:
        return weekday(ctx, number, "near")
    after = _weekday_from(ref.first, int(number), 1)
    if span == "1" or after - ref.first == ONE_DAY:
        return Calendar("day", after, bc=ref.bc).format()
    before = _weekday_from(ref.first, int(number), -1)
    if ref.first - before == ONE_DAY:
        return Calendar("day", before, bc=ref.bc).format()
    return weekday(ctx, number, "near")


def weekday_after(ctx: Context, number: str, direction: str) -> str:
    """ "The following Monday": the first such weekday after the last date mentioned, when
    that is a day (1), or the last before it (-1); else as ``weekday`` from the document's."""
    if ctx.ref is None or ctx.ref.granularity != "day":
        return weekday(ctx, number, "-1" if _int(direction) < 0 else "1")
    day = _weekday_from(ctx.ref.first, int(number), -1 if _int(direction) < 0 else 1)
    return Calendar("day", day, bc=ctx.ref.bc).format()


def latest(ctx: Context, granularity: str) -> str:
    """The last value of that granularity mentioned; else the one containing the dct."""
    granularity = _unit(granularity)
    if granularity in ctx.latest_of:
        return ctx.latest_of[granularity].format()
    # news reports on the period just ended: the quarter before the document's
    return _rel(ctx, "dct", granularity, "-1" if granularity == "quarter" else "0")


def _finer_or_same(unit: str, calendar: Calendar) -> bool:
    return _UNIT_ORDER.index(unit) <= _UNIT_ORDER.index(calendar.granularity)


def _known_to(calendar: Calendar, unit: str) -> bool:
    """Whether the value is of ``unit`` or finer (a day is known to its year)."""
    return _UNIT_ORDER.index(calendar.granularity) <= _UNIT_ORDER.index(unit)


def that(ctx: Context, unit: str) -> str:
    """The unit containing the last date mentioned: "that year" after "May 1998" is 1998;
    "that day" after a month ("killed last October ... that same day"), or after a year when
    no day was named, a day not known in it, whatever the clause's tense. After a decade or
    century, "that year" is the year of the last date named in full that knows it ("in
    November 1918 ... in the 1920s ... that year" is 1918), not the document's."""
    unit = _unit(unit)
    if ctx.ref is not None and _known_to(ctx.ref, unit):
        return ctx.ref.coarsen(unit).format()
    if unit == "year" and ctx.year_named is not None:
        return ctx.year_named.coarsen(unit).format()
    if unit == "day" and ctx.ref is not None and ctx.ref.granularity == "month":
        return _unknown_days(ctx.ref)
    if unit == "day" and "day" not in ctx.latest_of:
        last = (ctx.ref, ctx.story, ctx.latest_of.get("month"), ctx.latest_of.get("year"))
        known = [c for c in last if c and c.granularity in ("month", "year")]
        if known:  # "that same day" in a story known to its month or year
            return _unknown_days(known[0])
    return latest(ctx, unit)


def _unknown_days(calendar: Calendar) -> str:
    """A day not known within a month or year: ``BC0479-06-XX``, ``1941-XX-XX``."""
    return calendar.format() + ("-XX" if calendar.granularity == "month" else "-XX-XX")


def year_after(ctx: Context, direction: str) -> str:
    """ "(June of) the following year": the year after (or, for -1, before) the year of the
    last date mentioned, when that is known to its year or finer; else the document's. With
    0, "(June of) that year" (see ``that``)."""
    if _int(direction) == 0:
        return that(ctx, "year")
    sign = -1 if _int(direction) < 0 else 1
    ref = _counted_from_scene(ctx, "year")
    if ref is not None and _known_to(ref, "year"):
        return ref.coarsen("year").shift("year", sign).format()
    if ctx.dct is None:
        return "XXXX"
    return f"{ctx.dct.year + sign:04d}"


def month_end(_ctx: Context, year: str, month: str) -> str:
    """ "The last day of June 2024": 2024-06-30."""
    return f"{year}-{month}-{month_length(int(year), int(month)):02d}"


def day_of_that_year(ctx: Context, month: str, day: str) -> str:
    """ "July 25 of that year": the day in the year of the last date mentioned."""
    return f"{that(ctx, 'year')}-{month}-{_int(day):02d}"


def weekend(ctx: Context, direction: str) -> str:
    """ "The weekend" on a weekday is the one just past, unless the clause looks ahead."""

    def offset(dct: date) -> int:
        if _int(direction) == 0 and dct.isoweekday() < 6 and not _speaks_of_future(ctx):
            return -1
        return _int(direction)

    return _document_weekend(ctx, offset)


def weekend_after(ctx: Context, direction: str) -> str:
    """ "The following weekend": the first weekend after the last date mentioned (``1``), or
    the last before it (``-1``), when that date is a day or a week; else as ``weekend``."""
    ref = ctx.ref
    if ref is None or ref.granularity not in ("day", "week", "weekend"):
        return weekend(ctx, direction)
    own = calendar_of(ref.first, "weekend")
    if _int(direction) < 0:
        return own.shift("week", -1).format()
    starts_after = own.first > ref.first and ref.granularity == "day"
    return (own if starts_after else own.shift("week", 1)).format()


def this_weekend(ctx: Context) -> str:
    """ "This weekend" is the one of the document's week; on the Monday after it, in a clause
    told in the past, the one just gone ("Putin this weekend reiterated"). Later in the week
    it is still the one to come, even in reported speech ("said they were prepared to take
    to the streets this weekend")."""
    return _document_weekend(
        ctx, lambda dct: -1 if dct.isoweekday() == 1 and _clause_tense(ctx) == "past" else 0
    )


def _document_weekend(ctx: Context, offset: Callable[[date], int]) -> str:
    """The weekend of the document's week, moved ``offset(dct)`` weeks; the text speaks of
    its own present."""
    if ctx.dct is None:
        return UNRESOLVED["weekend"]
    ctx.at_present()
    return calendar_of(ctx.dct, "weekend").shift("week", offset(ctx.dct)).format()


def month_in(ctx: Context, month: str, direction: str) -> str:
    if ctx.dct is None:
        return f"XXXX-{month}"
    ctx.at_present()
    return f"{ctx.dct.year + _int(direction):04d}-{month}"


def quarter_of_year(ctx: Context, year: str) -> str:
    """ "The 1989 period": the quarter last named, in that year."""
    quarter = ctx.latest_of.get("quarter")
    return f"{year}-Q{(quarter.first.month - 1) // 3 + 1}" if quarter else year


def spoken_year(_ctx: Context, hundreds: str, tens: str, ones: str) -> str:
    return f"{int(hundreds) * 100 + _int(tens) * 10 + _int(ones):04d}"


SHORT_YEAR_AHEAD = 10  # a year of two digits is at most this many years after its date


def short_year(ctx: Context, two_digits: str) -> str:
    """A year written with two digits ("FY25", "Q3'24", "the summer of '69"): the latest of
    that ending at most ``SHORT_YEAR_AHEAD`` years after the document date (or the last date
    mentioned), as such a year is mostly one gone by ('69 in 2025 is 1969, not 2069); with
    neither date, the one from 1950 to 2049."""
    around = ctx.dct.year if ctx.dct else ctx.ref.year if ctx.ref else 2039
    latest = around + SHORT_YEAR_AHEAD
    return f"{latest - (latest - int(two_digits)) % 100:04d}"


def decade(_ctx: Context, year: str) -> str:
    return f"{int(year) // 10:03d}"


def quarter_in(ctx: Context, number: str, direction: str) -> str:
    if ctx.dct is None:
        return f"XXXX-Q{number}"
    return f"{ctx.dct.year + _int(direction):04d}-Q{number}"


def century(_ctx: Context, number: str) -> str:
    return f"{int(number) - 1:02d}"


def century_bc(_ctx: Context, number: str) -> str:
    """The 5th century BC (500 to 401 BC) as ``BC04``, as TIMEX3 writes the 400s BC."""
    return f"BC{int(number) - 1:02d}"


def day_of(ctx: Context, offset: str) -> str:
    """The day ``offset`` days after the last date mentioned ("that morning", "the next
    morning"), when that date is a day; else a day not known."""
    ref = ctx.ref
    if ref is None or ref.granularity != "day":
        return UNRESOLVED["day"]
    return replace(ref.shift("day", _int(offset)), clock=None).format()


def decade_bc(_ctx: Context, years: str) -> str:
    """The 470s BC (479 to 470 BC) as ``BC047``."""
    return f"BC{int(years) // 10:03d}"


def range_end(ctx: Context, day: str) -> str:
    """The last day of a range that names its month once ("April 6-7", "May 4 and 5"): that
    day of the month of the date just before. Anything else is no date ("won 3-2")."""
    ref = ctx.ref
    if ref is None or ref.granularity != "day" or ctx.position - ctx.ref_end > RANGE_GAP:
        raise ValueError(f"no day just before {day!r}")
    if _int(day) <= ref.first.day:
        raise ValueError(f"{day!r} does not end a range from {ref.format()}")
    return replace(
        ref, first=_safe_day(ref.first.year, ref.first.month, _int(day)), clock=None
    ).format()


def holiday(ctx: Context, rule: str, year: str = "") -> str:
    """A feast by its rule in holiday.csv (``12-25``, ``11-01-TH+4``, ``easter-2``): in the
    year named with it, else in the year a day without one would take."""
    if year:
        return _feast(int(year), rule)
    near = _near_year(ctx, lambda y: feast_day(y, rule))
    if near is None:
        return f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX"
    return _feast(near, rule)


def holiday_in(ctx: Context, rule: str, direction: str) -> str:
    """A feast in the document's year, the one after or the one before ("Easter next year",
    "Christmas last year")."""
    year = rel(ctx, "now", "year", direction)
    return holiday(ctx, rule, year) if year.isdigit() else _unresolved_named("holiday", rule)


def new_year(ctx: Context) -> str:
    """ "The new year": the year that begins on the 1 January a day without a year would
    take ("a trial expected to start in the new year", written in December, is the next
    year; "Medvedev has spent the new year at a ski resort", written in January, this one)."""
    year = _near_year(ctx, lambda y: _month(y, "01").first)
    return "XXXX" if year is None else _month(year, "01").coarsen("year").format()


def holiday_weekend(ctx: Context, rule: str) -> str:
    """The weekend of a feast ("the Easter weekend"): the one it falls in, or for a feast on
    a Monday the one just before ("Labor Day weekend")."""
    day = parse_value(holiday(ctx, rule))
    if day is None or day.granularity != "day":
        return UNRESOLVED["weekend"]
    weekend = calendar_of(day.first, "weekend")
    return (weekend.shift("week", -1) if day.first.isoweekday() == 1 else weekend).format()


def weekday_of_month(ctx: Context, nth: str, weekday: str, month: str, year: str = "") -> str:
    """A weekday counted in a month ("the second Tuesday in October"; ``nth`` -1 is the last:
    "the last Friday of June"): in the year named with it, else in the year a day without one
    would take."""

    def day_in(y: int) -> date:
        return weekday_in_month(y if y >= 1 else y + BC_SHIFT, int(month), int(weekday), int(nth))

    found = int(year) if year else _near_year(ctx, day_in)
    if found is None:
        return UNRESOLVED["day"]
    day = day_in(found)
    return in_year("day", found, day.month, day.day).format()


def _feast(year: int, rule: str) -> str:
    return _feast_day(year, rule).format()


def _feast_day(year: int, rule: str) -> Calendar:
    day = feast_day(year if year >= 1 else year + BC_SHIFT, rule)  # weekdays repeat in 400 years
    return in_year("day", year, day.month, day.day)


def slash_date(ctx: Context, month: str, day: str, year: str) -> str:
    """ "01/07/2024" as month/day/year, or as day/month/year where the text writes its dates
    of numbers day first (``Context.day_first``, written_order.csv)."""
    first, second = _int(month), _int(day)
    if ctx.day_first and second <= 12:
        first, second = second, first
    return in_year("day", int(year), first, second).format()


def clock(_ctx: Context, hour: str, minute: str, am_pm: str) -> str:
    """``10``, ``30``, ``p.m.`` as ``22:30``; ``as_written`` keeps the hour ("twelve o'clock"
    is ``12:00``)."""
    if am_pm == "as_written":
        return f"{int(hour):02d}:{int(minute or 0):02d}"
    value = int(hour) % 12 + (12 if am_pm.lower().startswith("p") else 0)
    return f"{value:02d}:{int(minute or 0):02d}"


# a sentence's opening, up to a word: its start, or an end mark or a line's end, and what
# may stand between (quotes, spaces, marks); searched in the few characters before the word
_SENTENCE_OPENING = re.compile(r"(?:\A|[.!?:\n])[^A-Za-z0-9]*\Z")
OPENING_REACH = 30  # characters before a word searched for its sentence's opening


def opens_a_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` is its sentence's first (after quotes or marks)."""
    low = max(0, position - OPENING_REACH)
    return _SENTENCE_OPENING.search(text, low, position) is not None


_STAMP_COLON = re.compile(r"\s*:\s")  # "7.10pm: Oosthuizen": an entry wherever it stands
_NEW_SENTENCE = re.compile(r"\s+[A-Z\"“]")  # "11.15am Reuters confirmed": what an entry opens


def stamp(ctx: Context, hour: str, minute: str, am_pm: str) -> str:
    """A clock time that is an entry of a live blog or a schedule (``_an_entry``: "12.03pm:
    Harman pays tribute", "Stenson 7.10pm: Oosthuizen") follows the entry before it
    (``_entry_time``), whatever day the entries mention; anywhere else, a clock time is on
    the day of the last date mentioned (``clock_day``)."""
    told = clock(ctx, hour, minute, am_pm)
    entry = _entry_time(ctx, time(int(told[:2]), int(told[3:]))) if _an_entry(ctx) else None
    if entry is None:
        return f"{clock_day(ctx)}T{told}"
    ctx.last_stamp = entry
    return entry.strftime("%Y-%m-%dT%H:%M")


def clock_day(ctx: Context) -> str:
    """The day a clock time with no day of its own is on: the day of the last date mentioned,
    unless the clause tells of the future, with no word of the past before it in its
    sentence, and that day is over by the document date; then the text speaks of its present,
    as with no date mentioned, and it is the document's day ("He is expected to appear in
    court at 11 am", after a paragraph on the day before). So too for a clause told in the
    past after a day still to come, named in a sentence before ("The storm will clear by
    Tuesday morning. Gusts were recorded shortly after 3am")."""
    day = rel(ctx, "ref", "day", "0")
    found = parse_value(day)
    if ctx.dct is None or found is None:
        return day
    if found.first > ctx.dct:
        before = ctx.ref_end <= ctx.sentence_start
        past = before and _clause_tense(ctx) == "past"
        return rel(ctx, "dct", "day", "0") if past else day
    if found.first == ctx.dct:
        return day
    ahead = _clause_tense(ctx) == "future" and not _past_in_sentence_before(ctx, ctx.position)
    return rel(ctx, "dct", "day", "0") if ahead else day


def _past_in_sentence_before(ctx: Context, position: int) -> bool:
    """Whether a word of the past stands in the expression's sentence before ``position``:
    "He claimed he was rushing to a lunch set for 12.30pm" tells of a plan made in the past."""
    return ctx.markers("past").last(ctx.sentence_start, position) is not None


def _an_entry(ctx: Context) -> bool:
    """Whether a clock time is an entry: before a colon, or its sentence's first word before
    a new sentence (a capital or a quotation mark: "11.15am Reuters confirmed"; the rules
    read the text in lower case, so the capital is seen here)."""
    if _STAMP_COLON.match(ctx.text, ctx.end):
        return True
    opens = opens_a_sentence(ctx.text, ctx.position)
    return opens and _NEW_SENTENCE.match(ctx.text, ctx.end) is not None


def _entry_time(ctx: Context, at: time) -> datetime | None:
    """An entry at ``at``: on the day of the entry before, or the day before or after it
    where that is nearer ("11.40pm: ... 12.17am:" crosses midnight); the first one on the
    document date (none without one)."""
    last = ctx.last_stamp
    if last is None:
        return None if ctx.dct is None else datetime.combine(ctx.dct, at)
    days = (last.date() + timedelta(days=shift) for shift in (-1, 0, 1))
    return min((datetime.combine(day, at) for day in days), key=lambda moment: abs(moment - last))


def duration(_ctx: Context, count: str, unit: str, more: str = "0") -> str:
    """``3``, ``year`` as ``P3Y``; hours, minutes and seconds as ``PT3H``; a fraction in the
    next smaller unit where it is exact (``2.5`` years ``P2Y6M``, ``1.5`` days ``P1DT12H``)."""
    factor, unit = _COUNTED_IN.get(unit, (1, unit))
    if count == "X":
        return f"{'PT' if unit in _CLOCK else 'P'}X{DURATION_LETTERS[unit]}"
    amount = (float(count) + float(more)) * factor
    if unit == "week" and amount != int(amount):
        amount, unit = amount * 7, "day"
    return _format_duration(_duration_parts(amount, unit))


def two_durations(_ctx: Context, count: str, unit: str, count2: str, unit2: str) -> str:
    """A length told in two units, the second smaller ("four years and two months" is
    ``P4Y2M``, "nine hours and 32 minutes" ``PT9H32M``); weeks beside days or months are
    counted in days, a decade beside years in years. Raises ValueError when the second unit
    is not the smaller ("two days and three days")."""
    parts = [_counted(count, unit), _counted(count2, unit2)]
    order = [_LENGTH_ORDER.index(u) for _, u in parts]
    if unit2 == unit or order[1] < order[0]:
        raise ValueError(f"{unit2} is not smaller than {unit}")
    if "week" in (parts[0][1], parts[1][1]):
        parts = [(n * 7, "day") if u == "week" else (n, u) for n, u in parts]
    if parts[0][1] == parts[1][1]:
        return _format_duration([(parts[0][0] + parts[1][0], parts[0][1])])
    return _format_duration(parts)


_LENGTH_ORDER = ("year", "month", "week", "day", "hour", "minute", "second")


def _counted(count: str, unit: str) -> tuple[float, str]:
    """A count of a unit as a count of a unit of ``_LENGTH_ORDER`` (a decade is ten years)."""
    factor, unit = _COUNTED_IN.get(unit, (1, unit))
    return float(count) * factor, unit


def _format_duration(parts: list[tuple[float, str]]) -> str:
    """Counts of units, largest first, as ``P2Y6M`` or ``P1DT12H``."""
    days = "".join(f"{_number(n)}{DURATION_LETTERS[u]}" for n, u in parts if u not in _CLOCK)
    clock = "".join(f"{_number(n)}{DURATION_LETTERS[u]}" for n, u in parts if u in _CLOCK)
    return f"P{days}" + (f"T{clock}" if clock else "")


def duration_to_now(ctx: Context, count: str, unit: str) -> str:
    """A length up to the document's present ("over the past two months"): as ``duration``;
    the text is back at its own present (``_back_at_present``)."""
    _back_at_present(ctx)
    return duration(ctx, count, unit)


def told_now(ctx: Context, value: str) -> str:
    """A word of the document's present ("currently", ``PRESENT_REF``) or of a past that
    reaches it ("in recent years", ``PAST_REF``): ``value``; the text is back at its own
    present (``_back_at_present``)."""
    _back_at_present(ctx)
    if value == "PAST_REF":
        ctx.recent_end = ctx.end  # "most recently in January" is the document's January
    return value


def _back_at_present(ctx: Context) -> None:
    """Note that the text is back at the document's present (``at_present``), unless the
    expression is quoted: the present is the speaker's ("Is an American's word reliable
    these days?", said in 1975; a quotation may open sentences before, in its paragraph),
    or is an adverb describing a noun, after a determiner (attributive.csv): "a recently
    laid minefield" is recent to the story, not to the document."""
    if ctx.dct is None or _quoted_in_its_paragraph(ctx.text, ctx.position):
        return
    if not _describes_a_noun(ctx):
        ctx.at_present()


def _describes_a_noun(ctx: Context) -> bool:
    """Whether the expression is an adverb in -ly right after a determiner of
    attributive.csv: "a recently laid minefield", "the currently serving chief"."""
    if _ADVERB.match(ctx.text, ctx.position) is None:
        return False
    low = max(0, ctx.position - ATTRIBUTIVE_REACH)
    return (ctx.tense or NO_TENSE).attributive.search(ctx.text, low, ctx.position) is not None


_COUNTED_IN = {"quarter": (3, "month"), "decade": (10, "year"), "century": (100, "year")}
_SMALLER = {"year": (12, "month"), "day": (24, "hour"), "hour": (60, "minute"),
            "minute": (60, "second")}  # fmt: skip
_CLOCK = ("hour", "minute", "second")
# the unit of a letter of a duration, before (False) or after (True) its T: M is a month or a minute
_UNIT_OF_LETTER = {(unit in _CLOCK, letter): unit for unit, letter in DURATION_LETTERS.items()}


def _duration_parts(amount: float, unit: str) -> list[tuple[float, str]]:
    """``2.5`` years as 2 years and 6 months; a fraction stays as written where the smaller
    units would not be whole (``22.8`` years)."""
    whole = int(amount)
    if amount == whole or unit not in _SMALLER:
        return [(amount, unit)]
    factor, smaller = _SMALLER[unit]
    rest = _duration_parts(round((amount - whole) * factor, 9), smaller)
    if rest[-1][0] != int(rest[-1][0]):
        return [(amount, unit)]
    return [(whole, unit)] * bool(whole) + rest


def _first_day(calendar: Calendar) -> date:
    return calendar.first


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _clause_start(ctx: Context) -> int:
    """Where the expression's clause starts: its sentence's start, or the sentence's last
    colon or semicolon before it."""
    return ctx.markers("clause").last_end(ctx.sentence_start, ctx.position) or ctx.sentence_start


def _opens_a_clause(ctx: Context, clause_start: int) -> bool:
    """Whether the expression opens a clause of its own after "that" or "whether" (and at
    most one word of scene.csv or deadline.csv), since ``clause_start``: "said that by
    Wednesday he would"."""
    opening = (ctx.tense or NO_TENSE).opening
    low = max(clause_start, ctx.position - SCENE_REACH)
    return opening.search(ctx.text, low, ctx.position) is not None


def _speaks_of_future(ctx: Context) -> bool:
    """Whether the expression's clause is in the future tense (``_clause_tense``)."""
    return _clause_tense(ctx) == "future"


def _told_from(ctx: Context) -> int:
    """Where the words that tell the expression's tense start: its clause's start, or the
    expression itself when it opens its clause."""
    low = _clause_start(ctx)
    return ctx.position if _opens_a_clause(ctx, low) else low


def _clause_tense(ctx: Context) -> str | None:
    """The tense of the expression's clause, ``future``, ``past`` or None when no word
    tells it. The later of the last future and the last past marker since the sentence's
    start, or its last colon or semicolon ("He told supporters: come September, I will
    present a resolution"), decides; with neither, the first of them after it, up to the
    clause's end where the expression opens its sentence, else within ``AHEAD_REACH`` ("On
    Tuesday, the league plans to hold a news conference"; not "On Tuesday, he said he would
    resign"), but not past a word that opens a clause of its own right after the expression
    ("The bank forecast on Sunday that trade would suffer"). After the expression a word of
    the future in -ed tells when a plan was made,
    in the past ("On Tuesday, the two leaders pledged to sign a treaty"), but after "is",
    "are" or "be" ("After the March poll, Putin is expected to remain"). A past verb right
    after the expression is its own and decides first (``_past_verb_right_after``)."""
    if not _tense_word_near(ctx):
        return None  # most dates of a list or a table: found in one look
    if _past_verb_right_after(ctx):
        return "past"
    low = _told_from(ctx)
    future = ctx.markers("future").last_end(low, ctx.position)
    past = ctx.markers("past").last_end(low, ctx.position)
    if future is not None or past is not None:
        return "future" if future is not None and (past is None or future > past) else "past"
    if (ctx.tense or NO_TENSE).opening_after.match(ctx.text, ctx.end):
        return None  # "forecast on Sunday that trade would suffer": "would" is the clause's
    high = _clause_end(ctx)
    if not ctx.opens_sentence(ctx.position):
        high = min(ctx.position + AHEAD_REACH, high)
    future = ctx.markers("future").first_start(ctx.position, high)
    past = ctx.markers("past").first_start(ctx.position, high)
    if future is None:
        return None if past is None else "past"
    if past is not None and past < future:
        return "past"
    if past == future and _PLAN_MADE.match(ctx.text, future) is None:
        return "past"  # a phrase of the future that opens with a past form: "gave them until"
    return "past" if _plan_made(ctx, future) else "future"


def _tense_word_near(ctx: Context) -> bool:
    """Whether a word of tense may begin in the expression's sentence, or right after the
    expression (``_past_verb_right_after``): where ``_clause_tense`` looks for one."""
    space = _SPACE.match(ctx.text, ctx.end)
    after = (space.end() if space else ctx.end) + VERB_REACH
    high = max(ctx.sentence_start + len(ctx.sentence), after)
    starts = ctx.tense_starts
    index = bisect.bisect_left(starts, ctx.sentence_start)
    return index < len(starts) and starts[index] < high


def _past_verb_right_after(ctx: Context) -> bool:
    """Whether the word right after the expression is a past form, or a word of the future
    in -ed that tells when a plan was made: the date stands between a subject and its verb
    ("after the ANC on Saturday told the president", "a service planned for Saturday was
    cancelled", "Assad, who on Friday vowed to regain the country")."""
    space = _SPACE.match(ctx.text, ctx.end)
    if space is None:
        return False
    verb = space.end()
    if ctx.markers("past").first_start(verb, verb + VERB_REACH) == verb:
        return True
    future = ctx.markers("future").first_start(verb, verb + VERB_REACH) == verb
    return future and _PLAN_MADE.match(ctx.text, verb) is not None


def _told_perfect(ctx: Context, before: int | None = None) -> bool:
    """Whether the clause's last past form before the expression (or before ``before``) is a
    perfect ("has given the family until Tuesday", "have been ordered to leave by Sunday"; see
    perfect.csv), or, with no comma between it and the expression, is joined by "and" to a
    past form before it that is ("The firm has spent $7bn and received grants in March"; not
    "have obtained and studied in writing a book, Three Days in May")."""
    low, past = _told_from(ctx), ctx.markers("past")
    last = past.last(low, ctx.position if before is None else before)
    if last is None:
        return False
    starts = [last[0]]
    if "," not in ctx.text[last[1] : ctx.position]:
        while (joined := _AND_BEFORE.search(ctx.text, max(low, starts[-1] - 7), starts[-1])) and (
            earlier := past.last(low, joined.start())
        ):
            starts.append(earlier[0])
    perfect = (ctx.tense or NO_TENSE).perfect
    return any(perfect.search(ctx.text, max(0, s - PERFECT_REACH), s) for s in starts)


_AND_BEFORE = re.compile(r",?\s+and\s+$")  # right before a word: "has spent $7bn and received"


def _clause_end(ctx: Context) -> int:
    """Where the expression's clause ends: its sentence's end, or the first colon or
    semicolon after it ("March 29: elections take place" is a line of a chronology)."""
    end = ctx.sentence_start + len(ctx.sentence)
    return ctx.markers("clause").first_start(ctx.position, end) or end


def _inside_quotation(text: str, start: int, position: int) -> bool:
    """Whether a quotation opened since ``start`` is still open at ``position`` (a mark that
    closes the sentence before, ahead of a space, opens nothing): an odd number of straight
    marks, or a last curly mark that opens. A quotation that runs over paragraphs opens again
    at each and closes once ("“The state is old. “Can't we change?”"), so two opening marks
    in a row, where the text lost its paragraph breaks, are one quotation."""
    stretch = _CLOSING_MARK.sub("", text[start:position], count=1)
    return stretch.count('"') % 2 == 1 or stretch.rfind("“") > stretch.rfind("”")


def _paragraph_start(text: str, position: int) -> int:
    """Where the paragraph holding ``position`` starts: after the line break before it."""
    return text.rfind("\n", 0, position) + 1


def _quoted_in_its_paragraph(text: str, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened in its paragraph (a quotation may
    open sentences before it there)."""
    return _inside_quotation(text, _paragraph_start(text, position), position)


def _begun(ctx: Context) -> bool:
    """Whether a word of past.csv of value ``begun`` is right before the expression."""
    return _after_since(ctx, ctx.position)


def _near_year(ctx: Context, first_day) -> int | None:
    """The year for a yearless value: the year named next to it, a year named earlier in the
    same sentence (not one after "since", nor one naming something: "the 2010 World Cup final,
    on Tuesday 10 December", nor a decade or century), else the latest that is not far ahead of
    the document date (or the first that is not over, when the clause speaks of the future or
    sets a deadline not told in the past, a perfect aside: "have been ordered to leave by June";
    the nearest to the document date, before or after it, when it is told in the present: "The
    deadline is 1 July"; the latest begun after "since")."""
    if ctx.next_year is not None:
        return ctx.next_year
    if _right_after_recently(ctx):  # "planned for 2022 but slipped, most recently in January"
        return _latest_begun_year(ctx, first_day)
    near = ctx.explicit_ref
    if near is not None and near.granularity not in _DECADES and _lends_its_year(ctx):
        if not _tense_against(ctx, near):  # "invited in July 1997, they will join on March 12"
            goes_on = _goes_on_from(ctx, near, first_day) or _turns_the_year(ctx, near, first_day)
            return near.year + goes_on
    entry = ctx.entry_date()
    if entry is not None:  # "March 2021: The complaint is filed; a hearing is set for May"
        return entry.year + _turns_the_year(ctx, entry, first_day)
    narrative = _narrative_year(ctx)
    if narrative is not None and ctx.story is not None:
        return narrative + _turns_the_year(ctx, ctx.story, first_day)
    ahead = _story_ahead_year(ctx, first_day)
    if ahead is not None:
        return ahead
    if ctx.dct is None:
        return ctx.ref.year if ctx.ref else None
    return _document_year(ctx, first_day)


def _document_year(ctx: Context, first_day) -> int:
    """The year for a yearless value told of the document's present (see _near_year)."""
    assert ctx.dct is not None
    ctx.at_present()
    years = _years_around(ctx.dct.year, 1, 1)
    if _begun(ctx):  # "on patrol since March": a March that has begun
        return _latest_begun_year(ctx, first_day)
    tense = _clause_tense(ctx)
    if tense == "future" or (_after_deadline_word(ctx) and _deadline_ahead(ctx, tense)):
        since = ctx.dct - timedelta(days=BEHIND_DAYS)
        return next((y for y in years if first_day(y) >= since), ctx.dct.year)
    if _told_now(ctx):
        return min(years, key=lambda y: abs((first_day(y) - ctx.dct).days))
    latest = ctx.dct + timedelta(days=AHEAD_DAYS)  # the years go up, and so their days
    return next((y for y in reversed(years) if first_day(y) <= latest), ctx.dct.year)


def _latest_begun_year(ctx: Context, first_day) -> int:
    """The year of the latest such value begun by the document date."""
    assert ctx.dct is not None
    ctx.at_present()
    years = _years_around(ctx.dct.year, 1, 1)
    return next((y for y in reversed(years) if first_day(y) <= ctx.dct), ctx.dct.year)


def _right_after_recently(ctx: Context) -> bool:
    """Whether the expression stands right after a word of a past that reaches the document's
    present ("recently", ``told_now``), maybe with a preposition between: "slipped twice,
    most recently in January", "as recently as March" are the document's, whatever year the
    sentence named before."""
    if ctx.dct is None or ctx.recent_end < ctx.sentence_start:
        return False
    return _RECENT_GAP.fullmatch(ctx.text, ctx.recent_end, ctx.position) is not None


def _tense_against(ctx: Context, near: Calendar) -> bool:
    """Whether the clause's tense rules out the year of a date named earlier in the sentence:
    one before the document's in a clause told ahead ("invited in July 1997, they will join
    on March 12"), or one after it in a clause told in the past ("jars dated 2026 were
    recalled after tests on 28 May found salmonella")."""
    if ctx.dct is None or near.year == ctx.dct.year:
        return False
    return _clause_tense(ctx) == ("future" if near.year < ctx.dct.year else "past")


_AND = re.compile(r"\band\s+", re.IGNORECASE)
_RECENT_GAP = re.compile(r",?\s+(?:(?:as|in|on|at|during)\s+)?", re.IGNORECASE)
_PERFECT_WORD = re.compile(r"\b(?:had|has|have)\b", re.IGNORECASE)


def _earlier_in_its_year(near: Calendar, first_day) -> bool:
    """Whether a month or day (not BC) lends its year to an expression earlier in that year,
    which the story may have gone on to in the next (``_goes_on_from``, ``_turns_the_year``)."""
    return (
        near.granularity in ("month", "day") and not near.bc and first_day(near.year) < near.first
    )


def _goes_on_from(ctx: Context, near: Calendar, first_day) -> int:
    """1 when the expression stands in a clause joined by "and" after the month or day that
    lends it its year, with a past verb of its own after "and" and no perfect, and is earlier
    in that year: the story goes on ("Talks stalled in September 2008 and they formed a
    government in February" is February 2009; not "... and had begun in February"); else 0."""
    if not _earlier_in_its_year(near, first_day):
        return 0
    joins = [m.end() for m in _AND.finditer(ctx.text, ctx.ref_position, ctx.position)]
    if not joins or ctx.markers("past").first_start(joins[-1], ctx.position) is None:
        return 0
    return 0 if _PERFECT_WORD.search(ctx.text, joins[-1], ctx.position) else 1


def _turns_the_year(ctx: Context, near: Calendar, first_day) -> int:
    """1 when a day or month late in a year lends its year to one early in it that, in the
    next year, is soon after it, and the sentence holds no perfect, or one told up to it as
    a deadline: the story goes on across the new year ("On 25 December 1776 Washington
    crossed the Delaware. On 3 January he won at Princeton" is 1777's, and so "The offensive
    had been repulsed by January" after "On December 16, 1944"; "He had left on 3 January"
    is 1776's); else 0."""
    if not _earlier_in_its_year(near, first_day):
        return 0
    ahead = (first_day(near.year + 1) - near.first).days
    if not 0 < ahead <= TURN_OF_YEAR_DAYS:
        return 0
    perfect = _PERFECT_WORD.search(ctx.text, ctx.sentence_start, ctx.end or ctx.position)
    return 0 if perfect and not _after_deadline_word(ctx) else 1


def _lends_its_year(ctx: Context) -> bool:
    """Whether the last date named in full lends its year to the expression: it is in the
    same sentence, not after "since" ("led since 2007, ...") and names nothing, unless the
    expression stands in that name (``_in_its_name``)."""
    if ctx.ref_position < ctx.sentence_start or _after_since(ctx, ctx.ref_position):
        return False
    if ctx.names_something(ctx.ref_position) and not _in_its_name(ctx):
        return False
    return not _in_a_describing_form(ctx)


def _in_a_describing_form(ctx: Context) -> bool:
    """Whether the last date named in full stands in a past form that describes the noun
    before it, and the verb of the main clause comes after it, before the expression, with
    no word between them that joins another clause (describing_form.csv): "A publication
    declassified in 2005 revealed that there was no attack on 4 August", "Under a program
    approved by the company in 1987 that set no amount, it had bought shares through Sept.
    29" (a relative clause right after the date is skipped); not "The law was passed in 2012
    and repealed in March", nor "Talks stalled in 2008 and they formed a government in
    February"."""
    tense = ctx.tense or NO_TENSE
    low = max(ctx.sentence_start, ctx.ref_position - DESCRIBING_REACH)
    described = tense.describing.search(ctx.text, low, ctx.ref_position)
    if described is None:
        return False
    form = tense.past.fullmatch(ctx.text, described.start("form"), described.end("form"))
    if form is None or form.group(PAST_FORM) is None:
        return False
    after = ctx.ref_end  # a relative clause right after the date is not the main clause
    relative = tense.relative_after.match(ctx.text, after, ctx.position)
    after = relative.end() if relative else after
    verbs = (ctx.markers(kind).first_start(after, ctx.position) for kind in _TENSES)
    verb = min((start for start in verbs if start is not None), default=None)
    return verb is not None and tense.joining.search(ctx.text, after, verb) is None


def _in_its_name(ctx: Context) -> bool:
    """Whether the expression stands in the name the last date made ("the 2014 Winter
    Olympics", "his 1963 Christmas record"): at most ``SCENE_REACH`` characters, no mark of
    punctuation and no word of tense between them (not "The 1972 treaty expired on 5
    December", nor "the 2015 nuclear deal by a congressional deadline of 15 October")."""
    between = ctx.text[ctx.ref_end : ctx.position]
    if len(between) > SCENE_REACH or _NAME_BREAK.search(between):
        return False
    kinds = ("past", "future", "present")
    return all(ctx.markers(kind).first_start(ctx.ref_end, ctx.position) is None for kind in kinds)


# a month, a day, a quarter or a half: the values a pair joined by a word agree in
_PAIRED = re.compile(r"(\d{4})-(\d\d-\d\d|\d\d|Q[1-4]|H[12])")


def joined_dates(
    ctx: Context,
    first: str,
    second: str,
    guessed: tuple[bool, bool],
    span: bool,
    story: Calendar | None,
) -> tuple[str, str]:
    """The values of two months, days, quarters or halves, joined as a pair ("July and
    August", "from November to January", "from June 1 to Nov. 30", "from Q2 to Q3"), made to
    agree: the second is the first or, earlier in the year, the next one's. One whose year
    was guessed takes it from the other ("January and August last year", "next April and
    May"); when both were guessed, the pair around the story's date where the story lent
    them its year ("from October to March", told in March 1945), else the pair over by the
    document date in a clause told in the past ("During the fighting in July and August",
    written in May), else the pair the document date falls in, in a clause told ahead ("The
    season runs from June 1 to Nov. 30", written in September), else the first one's year.
    Days agree only as the ends of a ``span`` (joined by ``span_connector``): a list may go
    back in time ("on Jan. 27 and Nov. 8")."""
    a, b = _PAIRED.fullmatch(first), _PAIRED.fullmatch(second)
    if a is None or b is None or not any(guessed) or _kind(a) != _kind(b):
        return first, second  # "Friday to December's figures": no pair
    if not span and _kind(a) == "day":
        return first, second
    year_a, year_b = int(a.group(1)), int(b.group(1))
    earlier = b.group(2) < a.group(2)  # the second comes before the first in a year
    keep_first = (first, f"{year_a + earlier:04d}{second[4:]}")
    keep_second = (f"{year_b - earlier:04d}{first[4:]}", second)
    if keep_first == (first, second) or not guessed[0]:
        return keep_first
    if not guessed[1]:
        return keep_second
    return _likelier_pair(ctx, (keep_first, keep_second), story)


def _kind(value: re.Match[str]) -> str:
    """Of a value of ``_PAIRED``: day, month, or Q or H (a quarter or a half)."""
    part = value.group(2)
    return "day" if len(part) == 5 else "month" if part[0].isdigit() else part[0]


def _far_from_story(story: Calendar, first: Calendar, last: Calendar) -> tuple[int, bool]:
    """How far a pair of months lies from the story's date, in days (0 when they overlap),
    then whether it does not begin in it: after "In 1944", "from October to March" is
    October 1944 to March 1945; told in April 2005, "November and January" the ones just
    before."""
    story_end, pair_end = _day_after(story), _day_after(last)
    gap = max((first.first - story_end).days + 1, (story.first - pair_end).days + 1, 0)
    return gap, not story.first <= first.first < story_end


def _likelier_pair(
    ctx: Context, pairs: tuple[tuple[str, str], ...], story: Calendar | None
) -> tuple[str, str]:
    """Of two readings of a pair of months, days, quarters or halves (``joined_dates``), the
    one the story's date falls in, the latest over by the document date in a clause told in
    the past, the one the document date falls in in a clause told ahead, or the first."""
    spans = []
    for pair in pairs:
        first, last = parse_value(pair[0]), parse_value(pair[1])
        if first is not None and last is not None:
            spans.append((pair, (first, last)))
    if not spans:
        return pairs[0]
    if story is not None and _narrative_year(ctx) is not None:
        return min(spans, key=lambda span: _far_from_story(story, *span[1]))[0]
    if ctx.dct is not None and _clause_tense(ctx) == "past" and not _told_perfect(ctx):
        over = [pair for pair, (_, other) in spans if other.first <= ctx.dct]
        return max(over, default=pairs[0])
    if ctx.dct is not None and _clause_tense(ctx) == "future":
        around = [pair for pair, (one, other) in spans if one.first <= ctx.dct < _day_after(other)]
        return around[0] if around else pairs[0]
    return pairs[0]


def _narrative_year(ctx: Context) -> int | None:
    """The year the text's story is at (none for a story at a decade or century), when a
    yearless date should take it rather than the document's: with ``anchor="narrative"`` always
    (once a date was named); with ``auto`` when there is no document date, or when the story and
    the last ``STORY_DATES`` dates named in full (``STORY_DATES_AFTER_PRESENT``, all named
    since, once the text has spoken of its present) are all at least ``PAST_STORY_YEARS`` before
    it (history, background), the text has not spoken of its own present since the story last
    moved (``at_present``) and the clause does not look ahead ("a summit set for April" is the
    document's April) nor is told as it stands now (in the present, or a perfect: "the team
    have won twice in March"); never with ``document``."""
    if ctx.story is None or ctx.anchor == "document" or ctx.story.granularity in _DECADES:
        return None
    year = ctx.story.year  # astronomical: 0 is 1 BC
    if ctx.anchor == "narrative" or ctx.dct is None:
        return year
    told_as_now = _told_now(ctx) or _holds_since(ctx) or _told_perfect(ctx)
    if not _told_of_past(ctx) or _speaks_of_future(ctx) or told_as_now:
        return None
    return year


def _told_of_past(ctx: Context) -> bool:
    """Whether the text tells a story of the past (with ``auto``, see ``_narrative_year``):
    the story and the last dates named in full are all long before the document date, and the
    text has not spoken of its own present since the story last moved."""
    if ctx.story is None or ctx.dct is None or ctx.present_position > ctx.story_position:
        return False
    wanted = STORY_DATES if ctx.present_position < 0 else STORY_DATES_AFTER_PRESENT
    since_present = len(ctx.named_at) - bisect.bisect_right(ctx.named_at, ctx.present_position)
    recent = [*ctx.named_years[-wanted:], ctx.story.year]
    long_ago = since_present >= wanted and max(recent) <= ctx.dct.year - PAST_STORY_YEARS
    return long_ago and not _present_told_since_story(ctx)


def _present_told_since_story(ctx: Context) -> bool:
    """Whether a sentence between the one that last moved the story and the expression's is
    told in the present (``_sentence_told_in_present``): the text is back at its own present
    ("The boat sank in late November", after a paragraph on 1959 and "Gonzalez has cited
    his rights", written in April 2000, is November 1999)."""
    starts = ctx.sentence_starts
    first = bisect.bisect_right(starts, ctx.story_position)
    last = bisect.bisect_left(starts, ctx.sentence_start)
    if last <= first:
        return False
    ends = [*starts[first + 1 : last], ctx.sentence_start]
    return any(
        _sentence_told_in_present(ctx, start, end)
        for start, end in zip(starts[first:last], ends, strict=True)
    )


def _sentence_told_in_present(ctx: Context, start: int, end: int) -> bool:
    """Whether the sentence from ``start`` to ``end`` is told in the present: the first word
    of tense of its main clause, after an opening clause of its own (subordinate.csv, up to
    its comma: "As his son has noted, he was proud"), is one of present.csv, outside a
    quotation ("He has cited his rights"; not '"He is proud," she said', nor "He said he is
    proud"), and the sentence names no date in full, which would date what it tells ("The
    provinces account for 73% of deaths (as of December 5, 2006)"). Found once per
    sentence."""
    if start not in ctx._told_in_present:
        dated = bisect.bisect_left(ctx.named_at, start) < bisect.bisect_left(ctx.named_at, end)
        ctx._told_in_present[start] = not dated and _first_tense_is_present(ctx, start, end)
    return ctx._told_in_present[start]


def _first_tense_is_present(ctx: Context, start: int, end: int) -> bool:
    """See ``_sentence_told_in_present``."""
    tense = ctx.tense or NO_TENSE
    opening = tense.subordinate.match(ctx.text, start, end)
    low = opening.end() if opening else start
    present = tense.present.search(ctx.text, low, end)
    if present is None or ctx.text[start : start + 1] in _QUOTATION_MARKS:
        return False
    if tense.past.search(ctx.text, low, present.start()) or tense.future.search(
        ctx.text, low, present.start()
    ):
        return False  # "He said he is proud"
    return not _quoted_in_its_paragraph(ctx.text, present.start())


_QUOTATION_MARKS = "\"“`'‘"


def _story_ahead_year(ctx: Context, first_day) -> int | None:
    """The year of a future told in the past in a story of the past (``_told_of_past``): a
    clause that looks ahead with a word of the past before its word of the future in its
    sentence, at most ``STORY_AHEAD_REACH`` characters after the last date named in full ("On
    October 5, 1910, Madero issued a letter. It called for revolt starting on November 20" is
    1910's November): the first such date from the start of the story's month on ("On
    September 10, 2007, Petraeus envisioned a withdrawal beginning in September" is that
    September, as "later this month" would be)."""
    if ctx.anchor != "auto" or ctx.story is None or ctx.story.granularity in _DECADES:
        return None
    if ctx.explicit_ref is None or ctx.position - ctx.ref_position > STORY_AHEAD_REACH:
        return None
    if not _told_of_past(ctx) or not _speaks_of_future(ctx):
        return None
    future = ctx.markers("future").last(_told_from(ctx), ctx.position)
    if future is None or _WILL.fullmatch(ctx.text, *future):
        return None  # "invited in July 1997, will join on March 12": the document's March
    if not _past_in_sentence_before(ctx, future[0]):
        return None
    month_begun = ctx.story.first.replace(day=1)  # "in September", said on September 10
    years = _years_around(ctx.story.year, 0, 1)
    return next((y for y in years if first_day(y) >= month_begun), None)


def _holds_since(ctx: Context) -> bool:
    """Whether the expression follows "since" in a clause told in the present or the present
    perfect: a state that holds to the document's present ("He has been in exile since May",
    "His blog has been closed since May"; not "had been closed")."""
    since = _since_before(ctx, ctx.position)
    if since is None:
        return False
    told_now = _present_is_last(ctx, _told_from(ctx), since.start())
    return told_now or _told_perfect(ctx, since.start())


def _told_now(ctx: Context) -> bool:
    """Whether the last word of tense before the expression in its clause is one of the
    present ("Questions remain over the crash on 6 March"): the text is at its own present;
    not inside a quotation, whose present is the speaker's ("Nixon said: "I am tonight
    announcing ..."")."""
    if not _present_is_last(ctx, _clause_start(ctx), ctx.position):
        return False  # nearly always: looked at first, as it is cheaper than the quotation
    return not _inside_quotation(ctx.text, ctx.sentence_start, ctx.position)


def _present_is_last(ctx: Context, low: int, high: int) -> bool:
    """Whether the last word of tense between ``low`` and ``high`` is one of the present."""
    present = ctx.markers("present").last_end(low, high)
    if present is None:
        return False
    others = (ctx.markers(kind).last_end(low, high) for kind in ("past", "future"))
    return all(other is None or present > other for other in others)


def _safe_day(year: int, month: int, day: int) -> date:
    """The day, or the last of its month when the month is shorter ("Feb. 30")."""
    return date(year, month, min(day, month_length(year, month)))


def _years_around(year: int, before: int, after: int) -> range:
    """The years from ``before`` before ``year`` to ``after`` after it, within 1 to 9999."""
    return range(max(year - before, MINYEAR), min(year + after, MAXYEAR) + 1)


def _unresolved_named(kind: str, value: str) -> str:
    return {
        "month": f"XXXX-{value}",
        "season": f"XXXX-{value}",
        "quarter": f"XXXX-Q{value}",
        "half": f"XXXX-H{value}",
        "holiday": f"XXXX-{value}" if re.fullmatch(r"\d\d-\d\d", value) else "XXXX-XX-XX",
    }[kind]


def _month(year: int, value: str) -> Calendar:
    return in_year("month", year, int(value))


def _season(year: int, value: str) -> Calendar:
    return in_year("season", year, SEASON_MONTH[value])


def _quarter(year: int, value: str) -> Calendar:
    return in_year("quarter", year, (int(value) - 1) * 3 + 1)


def _half(year: int, value: str) -> Calendar:
    return in_year("half", year, (int(value) - 1) * 6 + 1)


_NAMED = {
    "month": _month,
    "season": _season,
    "quarter": _quarter,
    "half": _half,
    "holiday": _feast_day,
}
FUNCTIONS: dict[str, Callable[..., str]] = {
    "rel": rel,
    "back": back,
    "day_back": day_back,
    "shift": shift,
    "named": named,
    "named_after": named_after,
    "holiday_in": holiday_in,
    "monthday": monthday,
    "month_end": month_end,
    "weekday_monthday": weekday_monthday,
    "weekday_day": weekday_day,
    "day_alone": day_alone,
    "weekday_week_on": weekday_week_on,
    "weekday": weekday,
    "latest": latest,
    "that": that,
    "decade": decade,
    "stamp": stamp,
    "two_durations": two_durations,
    "clock_day": clock_day,
    "this_weekend": this_weekend,
    "weekend": weekend,
    "weekend_after": weekend_after,
    "month_in": month_in,
    "year_after": year_after,
    "weekday_after": weekday_after,
    "weekday_joined": weekday_joined,
    "week_of": week_of,
    "quarter_of_year": quarter_of_year,
    "spoken_year": spoken_year,
    "short_year": short_year,
    "quarter_in": quarter_in,
    "quarter_a_year_back": quarter_a_year_back,
    "century": century,
    "century_bc": century_bc,
    "holiday": holiday,
    "new_year": new_year,
    "holiday_weekend": holiday_weekend,
    "weekday_of_month": weekday_of_month,
    "range_end": range_end,
    "day_of": day_of,
    "decade_bc": decade_bc,
    "day_of_that_year": day_of_that_year,
    "clock": clock,
    "slash_date": slash_date,
    "duration": duration,
    "ahead": ahead,
    "duration_to_now": duration_to_now,
    "told_now": told_now,
}
