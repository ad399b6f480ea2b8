"""Find temporal expressions in text and give each its TIMEX3 type and value."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from timeline.errors import FileProblemsError, Problem
from timeline.temporal.mend import mend, past_mended
from timeline.temporal.resolve import (
    FUNCTIONS,
    NOTHING,
    PAST_FORM,
    Context,
    Tense,
    joined_dates,
    moved_by,
    opens_a_sentence,
)
from timeline.temporal.rules import (
    ASCII,
    KINDS,
    Rule,
    RuleSet,
    Vocabulary,
    alternatives,
    joined,
    load_rules,
)
from timeline.temporal.values import Calendar

_CALL = re.compile(r"([a-z_]+)\(([^()]*)\)")  # lower-case names: in ")Tclock(" T is text
_BRACKET_OPEN = re.compile(r"\s*[\[(]\s*")  # "September 16 [2008]"
_BRACKET_CLOSE = re.compile(r"\s*[\])]")
# a sentence ends at . ! ? before a capital, but not after an initial ("Daniel P. Davison"),
# and at a blank line; a bullet ends one too (found apart: few texts have one)
# not the full stop of "a.m." or "p.m." before a zone or a bracket: "3 p.m. EDT (1900 GMT)"
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])(?!(?<=\b[ap]\.m\.)\s+(?:\(|[A-Z]{2,5}\b))"
    r"[\"'”’)]*\s+(?=[A-Z\"“'(])|\n\s*\n"
)
_BULLETS = "·•"
_BULLET = re.compile(rf"[{_BULLETS}]\s+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TOKEN = re.compile(r"\w+")
# a number that can anchor a date by itself: a year, a clock (10:30, 8.15, 3 pm), a year BC,
# a year of two digits after a mark ('69), a month and day with a slash (9/16)
_NUMBER_ANCHOR = re.compile(
    r"\d{4,}|\d{1,2}(?=[:.]\d\d|\s*[ap]\.?m\b|/\d)|\d{1,4}(?=\s*b\.?c)|(?<=['’])\d\d(?![\w'’])"
)
WORDS_BEFORE, WORDS_AFTER = 6, 4  # how far (in \w+ runs) from an anchor a match may reach
_WORDS_BEFORE = re.compile(rf"(?:\W*\w+){{{WORDS_BEFORE}}}\W*")  # read on the reversed text
_WORDS_AFTER = re.compile(rf"(?:\W*\w+){{{WORDS_AFTER}}}\W*")
ANCHOR_VOCABULARIES = ("anchor", "month", "weekday", "unit", "season", "day_part", "set_words",
                       "holiday", "decade_word", "anno_domini")  # fmt: skip
_DIGIT_RUN = re.compile(r"\d+")  # the run of digits a word begins with (see _rules_for_word)
# one or two digits find the rules of either: a day and a month are written with one or two,
# and the two sets, nearly the same, then share one joined pattern, compiled once
_SHORT_RUNS = frozenset({1, 2})
_WORD_START = re.compile(r"(?<![\w'’])(?:\w+|['’$])")  # a word, or the mark that opens one
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # 1,000 is a thousand
SENTENCE_REACH = 400
UNION_AFTER = 50  # a union of rules is compiled once it has been wanted this often,
UNION_AFTER_PER_RULE = 10  # and this often for each rule in it (a big one costs more)
JOIN_AT_LEAST = 8  # fewer rules than this are tried one by one
MAX_REMEMBERED_WORDS = 50_000  # words whose rules are kept, to find them by one look-up
ED_STEM = 3  # a word in -ed is told in the past when this many characters come before -ed
_ED_ENDING = re.compile(r"ed\b")  # a literal first: re finds it without trying each position
_WORD_RUN = re.compile(r"\w*")
_SLASH_DATE = "slash_date("  # a date of numbers the text may write day first (written_order.csv)
_THE_BEFORE = re.compile(r"(?i)\b(?:the|those|these)\s+$")  # "the two weeks before": a span
_YEAR_GUESSED = "named("  # a month or season whose year is guessed (see resolve.named)
# a month, season or day whose year is guessed: "named(month, {m}, near)", "monthday({m}, 1)"
_GUESSED_YEAR = re.compile(r"^named\([^)]*, near\)|^monthday\([^,()]*, [^,()]*\)$")
_CLITIC = re.compile(r"n?['’]")  # "'ve", "n't": a word's end, written on to it
_CAPITAL_WORD_BEFORE = re.compile(r"(?<![\w'])([A-Z][\w'’]*)\.? $")  # "Theresa ", "Mrs. "
_CAPITAL_WORD_AFTER = re.compile(r" ([A-Z][a-z]+)\b")  # " Times"
_LOWER_WORD_AFTER = re.compile(r" ([a-z]+)\b")  # " newspaper"
_OF_A_NAME_AFTER = re.compile(r" of (?:the )?[A-Z][a-z]+\b")  # " of Life", " of the Patriarch"
_CAUSE_AFTER = re.compile(r" (?:of|for|on|against) (?:the )?[A-Z][a-z]+\b")  # " for the Left"
_ARTICLE_BEFORE = re.compile(r"(?<![\w'])(?:[Tt]he|[Aa]) (?:``|[\"“'])?$")  # "the ``"
_WORD_BEFORE = re.compile(r"(?<![\w'])([A-Za-z]+)\s+$")  # "resolution "
_WORD_REACH = 30  # characters searched before a word for the word before it
_WORD_END_BEFORE = re.compile(r"[\w'’] $")  # "USA ", "4's ": a word right before, same line
_REMEMBERED_LENGTH = 32  # group values of texts up to this long are remembered


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: where it is (Python string offsets), its type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    values: dict[str, object]


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return ""


class Tagger:
    """Compiled rules of one language, ready to tag any number of texts."""

    def __init__(self, rules: RuleSet | None = None) -> None:
        self.rules = rules or load_rules()
        self._directions = self.rules.vocabularies["direction"]
        _check_functions(self.rules)
        self._all = tuple(enumerate(self.rules.rules))
        self._known: dict[tuple[str, str], object] = {}  # group values already looked up
        # joined patterns by the number of a set of rules and the first rule joined
        self._unions: dict[tuple[int, int], re.Pattern[str]] = {}
        self._wanted: dict[tuple[int, int], int] = {}  # how often each was wanted
        self._rules_at = {  # the rules that can match at a word, by its first character
            char: tuple((n, r) for n, r in self._all if r.first is None or char in r.first)
            for char in ASCII
        }
        self._rules_of_word: dict[str, tuple[int, tuple]] = {}  # see _rules_for_word
        self._sets: dict[tuple[int, ...], tuple[int, tuple]] = {}  # rule orders: (number, set)
        self._next_set = itertools.count()  # next() is atomic: threads never share a number
        self._anchors = frozenset(  # a surface of several words is anchored by its last one
            re.findall(r"\w+", surface)[-1]  # ("good friday": "friday", not "good")
            for name in ANCHOR_VOCABULARIES
            for surface in self.rules.vocabularies[name].values
            if len(re.findall(r"\w+", surface)[-1]) > 1  # "a.m.": "m" would anchor too much
        )
        scene = self.rules.vocabularies["scene"].values
        self._scene = _right_before(w for w, value in scene.items() if value == "1")
        self._naming = _right_before(w for w, value in scene.items() if value == "name")
        ending = [w for w, value in scene.items() if value == "end"]
        self._span_end = re.compile(rf"(?i)\b(?:{alternatives(ending)})\b") if ending else NOTHING
        self._tense = _tense(self.rules.vocabularies)
        self._cased_months = self.rules.vocabularies["month"].cased
        self._month_leaders = frozenset(self.rules.vocabularies["month_before"].values)
        wishes = alternatives(self.rules.vocabularies["wish_after"].values)
        self._wish_after = re.compile(rf"(?i)\s+(?:{wishes})\b")
        self._weekdays = frozenset(self.rules.vocabularies["weekday"].values)
        names = self.rules.vocabularies["weekday_name"].values
        self._weekday_names = frozenset(w for w, kind in names.items() if kind == "after")
        self._weekday_papers = frozenset(w for w, kind in names.items() if kind == "plain_after")
        leaders = [w for w, kind in names.items() if kind == "before"]
        self._weekday_name_before = (
            re.compile(rf"(?i)(?<![\w'])({alternatives(leaders)}) $") if leaders else NOTHING
        )
        self._year_names = frozenset(self.rules.vocabularies["year_name"].values)
        streets = alternatives(self.rules.vocabularies["street"].values)
        # "1600 Pennsylvania Avenue": up to three words with a capital, then a street's end
        self._street_after = re.compile(rf" (?:[A-Z][\w'’-]*\.? ){{1,3}}?(?i:{streets})\b")
        self._house_number_before = re.compile(rf"(?i){self.rules.patterns['house_number_before']}")
        self._set_words = frozenset(self.rules.vocabularies["set_words"].values)
        self._day_words = frozenset(self.rules.vocabularies["day_words"].values)
        self._seasons = frozenset(self.rules.vocabularies["season"].values)
        self._season_names = frozenset(self.rules.vocabularies["season_name"].values)
        self._speaker_verbs = frozenset(self.rules.vocabularies["speaker_verb"].values)
        # a word that anchors (no tense: ()) or begins a word of tense (where it may start)
        self._anchor_kinds: dict[str, tuple[int, ...]] = {word: () for word in self._anchors}
        self._word_kinds = self._anchor_kinds | _tense_words(self.rules.vocabularies)
        future = self.rules.vocabularies["future"].values
        # a word of tense only in lower case ("may"): its capital is a month ("May 2")
        self._lower_case_tense = frozenset(w for w, kind in future.items() if kind == "lower_case")
        self._written_order = self.rules.vocabularies["written_order"].values
        offsets = self.rules.vocabularies["offset"].values
        self._sides = {w: int(v) for w, v in offsets.items() if not v.startswith("P")}
        self._lengths = {w: v for w, v in offsets.items() if v.startswith("P")}
        sides = alternatives(self._sides)
        self._side_between = re.compile(rf"(?i)\s+(?P<side>{sides})\s+")
        # what joins two dates: "March to May", "on 3 May and on 4 June", "and again on"
        self._connector = re.compile(rf"(?i)\s*{self.rules.patterns['date_connector']}\s*")
        # what joins the two ends of a span: "from June 1 to Nov. 30", never back in time
        self._span_connector = re.compile(rf"(?i)\s*{self.rules.patterns['span_connector']}\s*")
        self._length_side = _right_before(
            f"{length} {side}" for length in self._lengths for side in self._sides
        )

    def tag(self, text: str, dct: date | None = None, anchor: str = "auto") -> list[Timex]:
        """Every temporal expression of ``text``, resolved against ``dct`` and earlier dates;
        ``anchor`` (auto, narrative, document) says what a yearless date takes its year
        from (``resolve._narrative_year``)."""
        source, (text, mended) = text, mend(text)  # the same length, so offsets hold
        lowered = text.translate(_ASCII_LOWER)  # same length as text, so offsets hold
        anchors, word_starts = self._read_words(text, lowered, tense=dct is not None)
        chosen = [
            candidate
            for candidate in _without_overlaps(self._candidates(text, lowered, anchors))
            if not self._is_a_name(text, candidate.start, candidate.end)
        ]
        sentences = _SentenceEnds(text)
        around = [sentences.around(candidate.start, candidate.end) for candidate in chosen]
        tense_starts = self._tense_starts(lowered, word_starts, around) if dct is not None else []
        context = Context(
            dct, text=text, anchor=anchor, scene=self._scene, span_end=self._span_end,
            naming=self._naming, tense=self._tense, tense_starts=tense_starts,
            sentence_starts=sentences.ends, day_first=self._writes_days_first(text, chosen),
        )  # fmt: skip
        found: list[Timex] = []
        on_borrowed_days: list[int] = []  # the clock times on the day of the last date
        last = _Last()  # what the expression before this one was resolved with
        last_start = -1  # where the date before this one starts
        brackets = "(" in text  # an aside in brackets may stand between a date and its year
        for index, candidate in enumerate(chosen):
            context.position = candidate.start
            context.end = candidate.end
            context.sentence_start, context.sentence = around[index]
            context.next_year = _year_named_next(text, chosen, index, brackets, self._connector)
            story = context.story
            value = _evaluate(candidate, context)
            if value is None:
                continue
            start = candidate.start
            guessed = _guesses_a_year(candidate.rule.value)
            borrowed = candidate.rule.value.startswith(_BORROWED_DAY)
            if candidate.rule.type in ("DATE", "TIME"):
                start, value = self._placed(text, found, candidate.start, value, context)
                joined = bool(found) and bool(self._connector.fullmatch(text, found[-1].end, start))
                if joined:  # a day with its month from this one is in its month and year
                    span = bool(self._span_connector.fullmatch(text, found[-1].end, start))
                    span = span or last.month_of_next  # "3 and 4 April last year"
                    guesses = (last.guessed, guessed)
                    value = _joined_to_last(found, value, guesses, span, last, context)
                    if last.borrowed_day and not borrowed:  # "from 7am until 10pm on Monday"
                        _clocks_on_the_day_of(found, value, 1)
                elif last.clocks and not borrowed:  # "at noon on 2 June 2019"
                    moved = _clocks_before_on(text, found[-1].end, start, last)
                    _clocks_on_the_day_of(found, value, moved)
                named = _remembered_as_named(candidate.rule.value, context)
                if named is False and context.next_year is not None:
                    named = True  # its year is named right after it: "March to May 2025"
                if named is not None:
                    year_guessed = _YEAR_GUESSED in candidate.rule.value
                    goes_on = joined and context.story_position == last_start
                    context.remember(
                        value, candidate.start, named, candidate.end, year_guessed, goes_on
                    )
                last_start = candidate.start
            end = past_mended(candidate.end, mended)
            found.append(Timex(start, end, source[start:end], candidate.rule.type, value))
            clocks, ranged = _clocks(text, found, last, self._span_connector)
            month_of_next = candidate.rule.name in _MONTH_OF_NEXT
            last = _Last(guessed, story, borrowed, clocks if borrowed else 0, month_of_next, ranged)
            if borrowed:
                on_borrowed_days.append(len(found) - 1)
        if on_borrowed_days:
            _recurring_clocks(text, found, frozenset(on_borrowed_days))
        return found

    def _is_a_name(self, text: str, start: int, end: int) -> bool:
        """Whether the expression is a weekday, a month, a year or a word of frequency standing
        in a name (see ``_weekday_in_a_name``, ``_month_in_a_name``, ``_year_in_a_name``,
        ``_frequency_in_a_name``, ``_day_word_in_a_name`` and ``_season_in_a_name``)."""
        return (
            self._weekday_in_a_name(text, start, end)
            or self._month_in_a_name(text, start, end)
            or self._year_in_a_name(text, start, end)
            or self._frequency_in_a_name(text, start, end)
            or self._day_word_in_a_name(text, start, end)
            or self._season_in_a_name(text, start, end)
            or self._title_in_a_name(text, start, end)
        )

    def _title_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A date of a word of direction.csv and a unit, each word with a capital (not in
        capitals), inside a sentence: the title of a programme or work ("on ABC's This
        Week", "the film 4:44 Last Day on Earth"); not "This Week we met" at a sentence's
        start, nor a heading in capitals ("ALSO OUT THIS WEEK")."""
        if not text[start].isupper():
            return False  # most dates: no capital at all
        words = text[start:end].split()
        if len(words) < 2 or not all(word[:1].isupper() and not word.isupper() for word in words):
            return False
        if words[0].casefold() not in self._directions.values:
            return False
        return not opens_a_sentence(text, start)

    def _frequency_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A word of set_words.csv written with a capital, next to another word with a
        capital: a newspaper ("the Daily Mail", "China Daily", "the Weekly Standard")."""
        word = text[start:end]
        if word.casefold() not in self._set_words or not word[:1].isupper():
            return False
        after = _CAPITAL_WORD_AFTER.match(text, end)
        before = _CAPITAL_WORD_BEFORE.search(text, max(0, start - _WORD_REACH), start)
        return after is not None or before is not None

    def _day_word_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A word of day_words.csv written with a capital (not in capitals) right after a
        word: "BBC Radio 4's Today programme", "USA Today", "The Tonight Show"."""
        word = text[start:end].removesuffix("'s").removesuffix("’s")
        if word.casefold() not in self._day_words or not word[:1].isupper() or word.isupper():
            return False
        return _WORD_END_BEFORE.search(text, max(0, start - 2), start) is not None

    def _season_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A season ending the expression, written with a capital (not in capitals) or in
        season_name.csv, right after a word with a capital that cannot lead a date
        (month_before.csv): "the Arab Spring", "the Prague spring", "Brian Winter"; or written
        with a capital right before another ("the Winter Olympics", "Operation Summer Rain"),
        or "of" and one ("the Summer of Love"), or inside a sentence before a verb of saying
        ("Winter argues", ``_a_speaker``); not "In Spring", "Last Summer", "the Manchurian
        winter" nor "the Autumn of 2007"."""
        last = text[start:end].rsplit(maxsplit=1)[-1]
        word = last.removesuffix("'s").removesuffix("’s")
        if word.casefold() not in self._seasons or word.isupper():
            return False
        if not word[:1].isupper() and word.casefold() not in self._season_names:
            return False
        if self._after_a_name_word(text, end - len(last)):
            return True  # "the Arab Spring", "the Arab spring", "Brian Winter"
        after = _CAPITAL_WORD_AFTER.match(text, end) or _OF_A_NAME_AFTER.match(text, end)
        return word[:1].isupper() and (after is not None or self._a_speaker(text, start, end))

    def _a_speaker(self, text: str, start: int, end: int) -> bool:
        """A word with a capital inside a sentence, right before a verb of speaker_verb.csv:
        a person's name ("Temer must act, Winter argues"); not at a sentence's start."""
        verb = _LOWER_WORD_AFTER.match(text, end)
        if verb is None or verb.group(1) not in self._speaker_verbs:
            return False
        return not opens_a_sentence(text, start)

    def _year_in_a_name(self, text: str, start: int, end: int) -> bool:
        """Four digits alone right after a word of year_name.csv ("resolution 1701"), or
        before a street's name (street.csv) where an address is written, after "at" or a
        comma (``house_number_before``: "at 1600 Pennsylvania Avenue"; not "By 1990 Main
        Street had emptied", "the 1989 Tiananmen Square protests")."""
        if not text[start:end].isdigit():
            return False
        if self._street_after.match(text, end) is not None:  # not "By 1990 Main Street had"
            return self._house_number_before.match(text, start) is not None
        before = _WORD_BEFORE.search(text, max(0, start - _WORD_REACH), start)
        return before is not None and before.group(1).casefold() in self._year_names

    def _weekday_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A weekday alone (not "Saturday's World Aids Day") next to a word of
        weekday_name.csv: one written with a capital after it ("the Sunday Times", "the
        Thursday Group"), one in lower case after it ("a Sunday newspaper"), or one written
        with a capital before it ("Sheffield Wednesday", "Black Wednesday")."""
        if text[start:end].casefold() not in self._weekdays:
            return False
        after = _CAPITAL_WORD_AFTER.match(text, end)
        if after is not None and after.group(1).casefold() in self._weekday_names:
            return True
        plain = _LOWER_WORD_AFTER.match(text, end)
        if plain is not None and plain.group(1) in self._weekday_papers:
            return True
        before = self._weekday_name_before.search(text, max(0, start - _WORD_REACH), start)
        return before is not None and before.group(1)[:1].isupper()

    def _month_in_a_name(self, text: str, start: int, end: int) -> bool:
        """A month that is also a name (month.csv, cased) alone right after a word with a
        capital that cannot lead a date (month_before.csv): "Theresa May", "Mrs May's"; not
        "In May", nor after a possessive ("Russia's March election"); or "May" in a wish
        (``_a_wish``); or a march named for its cause (``_a_named_march``)."""
        word = text[start:end].removesuffix("'s")
        if word.casefold() not in self._cased_months or not word[:1].isupper():
            return False
        return (
            self._after_a_name_word(text, start)
            or self._a_wish(text, start, end)
            or self._a_named_march(text, start, end)
        )

    @staticmethod
    def _a_named_march(text: str, start: int, end: int) -> bool:
        """A month with a capital after "the" or "a" and before "of", "for", "on" or
        "against" and a name is a march: "the March of the Combatant Mothers", "the March
        for the Alternative"; not "in May of Dmitry Medvedev's inauguration" nor "the March
        of 1917"."""
        if _CAUSE_AFTER.match(text, end) is None:
            return False
        return _ARTICLE_BEFORE.search(text, max(0, start - 8), start) is not None

    def _a_wish(self, text: str, start: int, end: int) -> bool:
        """ "May" right before a word of wish_after.csv, and after no word of month_before.csv,
        is the verb of a wish: "May God bless you", "May his memory live"; not "In May he
        resigned"."""
        if text[start:end] != "May" or self._wish_after.match(text, end) is None:
            return False
        before = _WORD_BEFORE.search(text, max(0, start - _WORD_REACH), start)
        return before is None or before.group(1).casefold() not in self._month_leaders

    def _after_a_name_word(self, text: str, position: int) -> bool:
        """Whether a word with a capital that cannot lead a date (month_before.csv), and is
        no possessive, stands right before ``position``: "Theresa ", "Arab "."""
        before = _CAPITAL_WORD_BEFORE.search(text, max(0, position - _WORD_REACH), position)
        if before is None or before.group(1).endswith(("'s", "’s")):
            return False
        return before.group(1).casefold() not in self._month_leaders

    def _placed(
        self, text: str, found: list[Timex], position: int, value: str, context: Context
    ) -> tuple[int, str]:
        """Where a date starts and its value, moved when a length and a side stand right
        before it ("two days after Christmas"); the length found on its own is dropped."""
        offset = self._offset(text, found, position, context.sentence_start)
        moved = moved_by(value, offset[1], offset[2]) if offset else None
        if offset is None or moved is None:
            return position, value
        while found and found[-1].end > offset[0]:
            found.pop()  # the length ("two days") is part of this date now
        return offset[0], moved

    def _offset(
        self, text: str, found: list[Timex], position: int, sentence_start: int
    ) -> tuple[int, str, int] | None:
        """A length and a side right before a date (offset.csv): where they start, the
        length as a duration and the side (1 after, -1 before). The length is the last
        expression found ("two days after") or a phrase of offset.csv ("the day after")."""
        if found and found[-1].type == "DURATION":
            last = found[-1]
            between = self._side_between.fullmatch(text, last.end, position)
            if between and not _THE_BEFORE.search(text, max(0, last.start - 8), last.start):
                side = self._sides[" ".join(between.group("side").casefold().split())]
                return last.start, last.value, side
        low = max(sentence_start, position - 40)
        phrase = self._length_side.search(text, low, position)
        if phrase is None:
            return None
        words = " ".join(phrase.group().casefold().split())
        for length, duration in self._lengths.items():
            if words.startswith(f"{length} "):
                return phrase.start(), duration, self._sides[words[len(length) + 1 :]]
        return None

    def _candidates(self, text: str, lowered: str, anchors: list) -> list[_Candidate]:
        """Every match of every rule: each rule is tried at the word starts of the stretches
        around the anchor words only."""
        candidates = []
        for low, high in self._windows(lowered, anchors):
            candidates += self._candidates_between(text, lowered, low, high)
        return candidates

    def _windows(self, lowered: str, anchors: list) -> list[tuple[int, int]]:
        """Stretches of text a few words around each anchor word (a month, a unit, a digit…,
        found by ``_read_words``); no rule can match outside them. The words around each are
        counted by a pattern (backwards on the reversed text)."""
        backwards = lowered[::-1]
        size = len(lowered)
        windows: list[tuple[int, int]] = []
        for start, end in anchors:
            ahead = _WORDS_AFTER.match(lowered, end)
            high = ahead.end() if ahead else size  # up to the next word, marks and all
            if windows and start < windows[-1][1]:  # inside the last window: it reaches on
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
                continue
            behind = _WORDS_BEFORE.match(backwards, size - start)
            low = size - behind.end() if behind else 0  # the end of the word before: "'90s"
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows

    def _read_words(
        self, text: str, lowered: str, tense: bool
    ) -> tuple[list[tuple[int, int]], list[int]]:
        """One pass over the words: the spans of those that may anchor an expression, and
        with ``tense`` where a word of tense may begin (``_tense_words``; see
        ``_tense_starts``; one of value ``lower_case`` only so written, or a wish:
        ``_lower_or_wish``).
        An anchor is a word of the anchor vocabularies, or a number that can date something
        by itself (``_NUMBER_ANCHOR``, or digits with letters: 1990s, 3pm, 5th); a bare
        number ("1,200", "3.5", "45") dates nothing without one of these near it."""
        spans, tense_starts = [], []
        kinds = self._word_kinds if tense else self._anchor_kinds
        anchors, lower_case = self._anchors, self._lower_case_tense
        for token in _TOKEN.finditer(lowered):
            word = token.group()
            if word.isalpha():  # most words: one look-up
                kind = kinds.get(word)
                if kind is None:
                    continue
                if word in anchors:
                    spans.append(token.span())
                if kind and (word not in lower_case or self._lower_or_wish(text, token)):
                    tense_starts += [token.start() - before for before in kind]
            elif (
                word in anchors
                or not word.isdigit()
                or _NUMBER_ANCHOR.match(lowered, token.start()) is not None
            ):
                spans.append(token.span())
        # nearly in order already: a phrase may start a little before its first word
        return spans, sorted(tense_starts)

    def _writes_days_first(self, text: str, chosen: list[_Candidate]) -> bool:
        """Whether the text writes its dates of numbers day first (written_order.csv), as one
        that cannot be read month first shows ("30/06/2025") and none that cannot be read day
        first; asked only where a date of numbers may be read either way."""
        if "/" not in text or not any(c.rule.value.startswith(_SLASH_DATE) for c in chosen):
            return False
        shown = {self._written_order.get(c.rule.name) for c in chosen if _day_over_twelve(c.values)}
        return "day_first" in shown and "month_first" not in shown

    def _lower_or_wish(self, text: str, token: re.Match[str]) -> bool:
        """Whether a word of tense of value ``lower_case`` is one: written in lower case ("prices
        may fall"), or "May" opening a wish ("May the best team win")."""
        start, end = token.span()
        return text[start].islower() or self._a_wish(text, start, end)

    @staticmethod
    def _tense_starts(
        lowered: str, word_starts: list[int], sentences: list[tuple[int, str]]
    ) -> list[int]:
        """Where a word of tense may begin in the given sentences (start, text), those of the
        expressions found, the only stretches whose tense is ever asked: the starts of words
        of tense ``_read_words`` found there, and of words in -ed."""
        starts: list[int] = []
        backwards = lowered[::-1]
        for low, high in _merged((start, start + len(sentence)) for start, sentence in sentences):
            inside = word_starts[
                bisect.bisect_left(word_starts, low) : bisect.bisect_left(word_starts, high)
            ]
            starts += inside
            starts += _ed_words(lowered, backwards, low, high)
        return sorted(set(starts))

    def _candidates_between(self, text: str, lowered: str, low: int, high: int) -> list:
        """The matches of the rules at each word start from ``low`` to ``high``."""
        candidates = []
        known = self._rules_of_word
        for word in _WORD_START.finditer(lowered, low, high):
            text_of_word = word.group()
            if text_of_word.isdigit():  # the rules for "2" depend on what follows: "2:30"
                text_of_word += lowered[word.end() : word.end() + 1]
            bucket, rules = known.get(text_of_word) or self._rules_for_word(text_of_word)
            if not rules:  # most words ("to", "for", "million") begin no rule
                continue
            start = word.start()
            for order, rule, match in self._matching(lowered, start, bucket, rules):
                values = self._normalise(rule, match, text)
                if values is not None:
                    candidates.append(_Candidate(start, match.end(), order, rule, values))
        return candidates

    def _matching(self, lowered: str, start: int, bucket: int, rules: tuple):
        """(order, rule, match) of each rule of a word's set (``_rules_for_word``) that
        matches at ``start``. One pattern joining the rules finds the first that matches (a
        position where none does, nearly every one, costs one test); one joining the rules
        after it finds the next, and so on. Until a joined pattern has been wanted often
        enough to be worth compiling, the rules it would join are tried one by one."""
        first = 0
        while len(rules) - first >= JOIN_AT_LEAST:
            union = self._union(bucket, rules, first)
            if union is None:
                break
            found = union.match(lowered, start)
            if found is None:
                return
            index = first + int((found.lastgroup or "r0")[1:])
            order, rule = rules[index]
            match = rule.regex.match(lowered, start)
            if match is not None:
                yield order, rule, match
            first = index + 1
        for order, rule in rules[first:]:
            match = rule.regex.match(lowered, start)
            if match is not None:
                yield order, rule, match

    def _rules_for_word(self, word: str) -> tuple[int, tuple]:
        """The rules that can match where ``word`` begins (a word, or a mark that opens one):
        of those that can start with its first character, the ones whose first words are not
        known or include it (a word that begins with a letter), or that can begin with a run
        of as many digits as it begins with, ended by the character after them (a word that
        begins with digits: "1990", "3pm"; a word of digits alone comes with the character
        after it, "2\n" or "10:"); with the number of that set of rules, which all words with
        the same set share (and so its joined pattern)."""
        rules = self._rules_at.get(word[0], self._all)
        if word[0].isalpha():
            rules = tuple((n, r) for n, r in rules if r.words is None or word in r.words)
        elif (digits := _DIGIT_RUN.match(word)) is not None:
            run = len(digits.group())
            end = word[run : run + 1]  # the character after the digits, if ASCII: a filter
            end = end if end.isascii() else ""
            runs = _SHORT_RUNS if run in _SHORT_RUNS else {run}  # "2" and "20" share a set
            rules = tuple(
                (n, r)
                for n, r in rules
                if (r.digit_runs is None or not runs.isdisjoint(r.digit_runs))
                and (not end or r.digit_ends is None or end in r.digit_ends)
            )
        orders = tuple(n for n, _ in rules)
        found = self._sets.get(orders) or self._sets.setdefault(
            orders, (next(self._next_set), rules)
        )
        if len(self._rules_of_word) < MAX_REMEMBERED_WORDS:
            self._rules_of_word[word] = found
        return found

    def _union(self, bucket: int, rules: tuple, first: int) -> re.Pattern[str] | None:
        """The rules of a set from ``first`` on joined in one pattern, once wanted often."""
        key = (bucket, first)
        if key not in self._unions:
            self._wanted[key] = wanted = self._wanted.get(key, 0) + 1
            if wanted < max(UNION_AFTER, UNION_AFTER_PER_RULE * (len(rules) - first)):
                return None
            self._unions[key] = joined([rule for _, rule in rules[first:]])
        return self._unions[key]

    def _normalise(
        self, rule: Rule, match: re.Match[str], original: str
    ) -> dict[str, object] | None:
        """Matched groups as values: vocabulary words looked up, numbers as integers."""
        values: dict[str, object] = _Values()
        for label, name in rule.groups.items():
            if match.group(label) is None:
                continue
            text = original[match.start(label) : match.end(label)]
            value = self._group_value(name, text)
            if value is None:
                return None
            values[label] = value
        if "{dir}" in rule.value:
            values["dir"] = self._direction(match.group(0))
        return values

    def _group_value(self, name: str, text: str) -> object:
        if len(text) > _REMEMBERED_LENGTH:
            return self._look_up(name, text)
        key = (name, text)
        if key not in self._known:  # the same few words come back again and again
            self._known[key] = self._look_up(name, text)
        return self._known[key]

    def _look_up(self, name: str, text: str) -> object:
        vocabularies = self.rules.vocabularies
        if name in vocabularies:
            return vocabularies[name].lookup(text)
        part = self._ending_word("fraction", text)
        if part is not None:  # "two and a half", "2 1/2", "2½" (fraction.csv)
            whole = self._look_up(name, part[0])
            return None if whole in (None, "X") else float(str(whole)) + part[1]
        factor = self._ending_word("multiplier", text)
        if factor is not None:  # "two hundred", "fifteen hundred" (multiplier.csv)
            many = self._look_up(name, factor[0])
            return None if many in (None, "X") else float(str(many)) * factor[1]
        for vocabulary in self.rules.pattern_vocabularies.get(name, ()):
            found = vocabularies[vocabulary].lookup(text)
            if found is not None:
                return found
        tens_ones = self._tens_and_ones(text)
        if tens_ones is not None:
            return tens_ones
        digits = _DIGITS.search(text)
        if digits is None:
            return text
        number = float(digits.group(0).replace(",", ""))
        return int(number) if number == int(number) else number

    def _ending_word(self, vocabulary: str, text: str) -> tuple[str, float] | None:
        """The words before a word of ``vocabulary`` that ends ``text``, and its value."""
        key = " ".join(text.split()).casefold()
        for surface, value in self.rules.vocabularies[vocabulary].values.items():
            if key.endswith(surface) and len(key) > len(surface):
                return key[: -len(surface)].rstrip(), float(value)
        return None

    def _tens_and_ones(self, text: str) -> int | None:
        """A number of two words: "twenty-four", "thirty five"."""
        words = re.split(r"[- ]", text, maxsplit=1)
        if len(words) != 2:
            return None
        tens, ones = self.rules.vocabularies["tens"], self.rules.vocabularies["ones"]
        digits = tens.lookup(words[0]), ones.lookup(words[1])
        return None if None in digits else int(f"{digits[0]}{digits[1]}")

    def _direction(self, text: str) -> int:
        """The first word of direction.csv that points back or ahead ("this past": -1)."""
        for word in re.findall(r"[\w]+", text):
            value = self._directions.values.get(word.casefold())
            if value is not None and int(value) != 0:
                return int(value)
        return 0


# a word not written with a capital, unless it opens a sentence ("Asked on Thursday, he ..."),
# in a pattern that ignores case
_LOWER = r"(?:(?-i:(?=[a-z]))|\A|(?<=[.!?:;\n]\s)|(?<=[.!?:;]\s\s)|(?<=\n))"


def _tense(vocabularies: dict[str, Vocabulary]) -> Tense:
    """The patterns of a clause's tense: a word of future.csv that begins no phrase of
    not_future.csv ("next to"), one of value ``schedule`` only where no word of
    not_present.csv stands right before it ("meet", not "did not meet"), one of value
    ``lower_case`` only so written ("may", not the month "May"); a word of past.csv,
    a phrase of it with the word after, or a word ending in -ed that is no word of
    future.csv or not_past.csv, or a word of past.csv of value ``participle``, that follows
    no "be", "is", "are" or "being" ("will be named", "will be held", "is thought unlikely":
    a passive of the present) and is not written with a capital but to open a sentence (a
    name: "United Nations", "Mohammed", "Rose"), the group ``PAST_FORM``; a word of past.csv
    of value ``begun`` right before a date; a determiner of attributive.csv, and at most one
    adverb (one of its own or a word in -ly), right before such a past form ("a still
    unspecified date": it describes the noun; not "This was"); a word of present.csv."""
    future, past = vocabularies["future"], vocabularies["past"]
    not_future = vocabularies["not_future"].regex()
    plans = [w for w, kind in future.values.items() if kind == "1"]
    schedule = [w for w, kind in future.values.items() if kind == "schedule"]
    told_future = alternatives(plans)
    not_present = _not_after(vocabularies["not_present"].values)
    if schedule:  # a verb of a schedule in the present: not after "to", "did", "not"...
        told_future += rf"|{not_present}(?:{alternatives(schedule)})"
    plural = [w for w, kind in future.values.items() if kind == "plural_schedule"]
    if plural:  # ... one that is as often a noun: only after a plural subject
        told_future += rf"|{not_present}{_AFTER_A_PLURAL}(?:{alternatives(plural)})"
    lower = [w for w, kind in future.values.items() if kind == "lower_case"]
    if lower:  # ... and one that is a month with a capital: "prices may fall", not "in May"
        told_future += rf"|(?-i:{alternatives(lower)})|{_a_wish(vocabularies, lower)}"
    words = [w for w, kind in past.values.items() if kind in ("word", "begun")]
    phrases = [w for w, kind in past.values.items() if kind == "phrase"]
    begun = [w for w, kind in past.values.items() if kind == "begun"]
    participles = [w for w, kind in past.values.items() if kind == "participle"]
    not_past = [*future.values, *vocabularies["not_past"].values]
    told_past = "|".join(
        [
            rf"(?:{alternatives(phrases)})\s+\w+(?:\s+to\b)?",
            alternatives(words),
            rf"(?P<{PAST_FORM}>(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeing\s){_LOWER}"
            rf"(?:(?!(?:{alternatives(not_past)})\b)\w{{{ED_STEM},}}ed|{alternatives(participles)}))",
        ]
    )
    return Tense(
        re.compile(rf"\b(?!(?:{not_future})\b)(?:{told_future})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{told_past})\b", re.IGNORECASE),
        _right_before(begun),
        _attributive(vocabularies["attributive"]),
        re.compile(rf"\b(?:{vocabularies['present'].regex()})\b", re.IGNORECASE),
        _right_before(vocabularies["deadline"].values),
        _opening(vocabularies),
        _perfect(vocabularies["perfect"]),
        re.compile(rf"(?i),?\s+(?:{alternatives(vocabularies['clause_opening'].values)})\b"),
        re.compile(rf"(?i)(?:{alternatives(vocabularies['subordinate'].values)})\b[^,.;!?\n]*,"),
        *_describing(vocabularies["describing_form"]),
    )


def _describing(describing: Vocabulary) -> tuple[re.Pattern[str], ...]:
    """A word, not one that makes the past form after it a verb ("was", "he", "which": value
    before, both or relative), then a past form (group ``form``), "by" someone, and "in" or
    "during", ending a stretch of text; a word that joins another clause (value join or
    both), or a mark that does; and a relative clause right after a date, up to its comma
    ("that set no amount,")."""
    kinds = describing.values
    before = [word for word, kind in kinds.items() if kind in ("before", "both", "relative")]
    joins = [word for word, kind in kinds.items() if kind in ("join", "both")]
    relatives = [word for word, kind in kinds.items() if kind == "relative"]
    return (
        re.compile(
            rf"(?i)(?<![\w'’])(?!(?:{alternatives(before)})\b)[\w'’]+,?\s+(?P<form>\w+)"
            r"(?:\s+by\s+[^,.;:()]{1,40}?)?\s+(?:in|during)\s+$"
        ),
        re.compile(rf"(?i)\b(?:{alternatives(joins)})\b|[;:]"),
        re.compile(rf"(?i),?\s+(?:{alternatives(relatives)})\b[^,.;:!?]*,"),
    )


# right after a plural subject: a word of three letters or more in -s ("talks", "polls"; not
# "was", "has", "its", "his", "this", "does") or "they", "we", "you"
_AFTER_A_PLURAL = (
    r"(?:(?<=[a-z][a-z]s\s)(?<!\bwas\s)(?<!\bhas\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bthis\s)"
    r"(?<!\bdoes\s)|(?<=\bthey\s)|(?<=\bwe\s)|(?<=\byou\s))"
)


def _a_wish(vocabularies: dict[str, Vocabulary], lower: list[str]) -> str:
    """One of ``lower`` with a capital that opens a wish: before a word of wish_after.csv and
    after no word of month_before.csv ("May the best team win"; not "In May the talks
    resumed"), as ``Tagger._a_wish`` tells it."""
    wishes = alternatives(vocabularies["wish_after"].values)
    capitals = [word.capitalize() for word in lower]
    # the word first, so that re tries the words before it only where it stands
    leaders = "".join(
        rf"(?<!{_as_word(word)}\s{capital})(?<!{_as_word(word)}\s\s{capital})"
        for word in vocabularies["month_before"].values
        for capital in capitals
    )
    return rf"(?-i:{alternatives(capitals)}){leaders}(?=\s+(?:{wishes})\b)"


def _day_over_twelve(values: dict[str, object]) -> bool:
    """Whether a date of numbers has a day no month could be ("30/06/2025")."""
    day = values.get("d")
    return isinstance(day, int) and day > 12


def _not_after(words: Iterable[str]) -> str:
    """A pattern of no width that fails right after one of ``words`` and a space (or two,
    where a clitic was written on: "did n't meet" reads "didn't  meet")."""
    return "".join(rf"(?<!{_as_word(word)}\s)(?<!{_as_word(word)}\s\s)" for word in words)


def _as_word(word: str) -> str:
    """A word of a list as a pattern: after no letter, or for a clitic ("'ve", "n't") right
    after one ("they've", "didn't")."""
    edge = r"(?<=\w)" if _CLITIC.match(word) else r"(?<![\w'’])"
    return edge + re.escape(word)


def _opening(vocabularies: dict[str, Vocabulary]) -> re.Pattern[str]:
    """A word of clause_opening.csv and at most one word of scene.csv (but those that make a
    date name something) or deadline.csv, ending a stretch of text (see ``_tense``)."""
    openers = vocabularies["clause_opening"].values
    scene = vocabularies["scene"].values
    between = [w for w, v in scene.items() if v != "name"] + list(vocabularies["deadline"].values)
    return re.compile(
        rf"(?i)(?<![\w'])(?:{alternatives(openers)})\s+(?:(?:{alternatives(between)})\s+)?$"
    )


def _attributive(words: Vocabulary) -> re.Pattern[str]:
    """A determiner and at most one adverb, ending a stretch of text (see ``_tense``)."""
    determiners = [w for w, kind in words.values.items() if kind == "determiner"]
    adverbs = [w for w, kind in words.values.items() if kind == "adverb"]
    adverb = rf"(?:\w+ly|{alternatives(adverbs)})\s+" if adverbs else r"\w+ly\s+"
    return re.compile(rf"(?i)(?<![\w'])(?:{alternatives(determiners)})\s+(?:{adverb})?$")


def _perfect(words: Vocabulary) -> re.Pattern[str]:
    """An auxiliary (a word, or a clitic such as "'ve" right after one), at most one adverb
    (one of its own or a word in -ly) and at most one passive word, ending a stretch of
    text (see ``Tense``)."""
    kinds = {kind: [w for w, k in words.values.items() if k == kind] for kind in KINDS["perfect"]}
    if not kinds["auxiliary"]:
        return NOTHING
    auxiliary = "|".join(map(_as_word, kinds["auxiliary"]))
    adverb = "|".join([r"\w+ly", *map(re.escape, kinds["adverb"])])
    passive = "|".join(map(re.escape, kinds["passive"]))
    return re.compile(
        rf"(?i)(?:{auxiliary})\s+(?:(?:{adverb})\s+)?"
        + (rf"(?:(?:{passive})\s+)?$" if passive else "$")
    )


def _tense_words(vocabularies: dict[str, Vocabulary]) -> dict[str, tuple[int, ...]]:
    """The first word of each phrase of future.csv, past.csv and present.csv, with how many
    characters come before it in the phrase ("'ll": "ll", 1): a tense marker can start only
    there, or at a word in -ed (see ``_tense``)."""
    words: dict[str, set[int]] = {}
    for name in ("future", "past", "present"):
        for surface in vocabularies[name].values:
            first = re.search(r"\w+", surface)
            if first is not None:
                words.setdefault(first.group(), set()).add(first.start())
    return {word: tuple(sorted(before)) for word, before in words.items()}


def _ed_words(lowered: str, backwards: str, low: int, high: int) -> list[int]:
    """Where the words in -ed of at least ``ED_STEM`` characters before -ed begin, between
    ``low`` and ``high``: found by their ending, which re finds fast, and read back to their
    start (on ``backwards``, the text reversed)."""
    size = len(lowered)
    starts = []
    for ending in _ED_ENDING.finditer(lowered, low, high):
        stem = _WORD_RUN.match(backwards, size - ending.start())
        length = stem.end() - stem.start() if stem else 0
        if length >= ED_STEM:
            starts.append(ending.start() - length)
    return starts


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans (start, end) in order, those that overlap or touch joined."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _right_before(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern of one of ``words`` ending a stretch of text, but for white space: searched
    in the text before a date, it finds the word right before it."""
    listed = list(words)
    return re.compile(rf"(?i)(?<![\w'])(?:{alternatives(listed)})\s+$") if listed else NOTHING


def _check_functions(rules: RuleSet) -> None:
    """Every function a value template calls must exist: fail at load, naming the rule."""
    for rule in rules.rules:
        for call in _CALL.finditer(rule.value):
            if call.group(1) not in FUNCTIONS:
                path, _, line = rule.source.partition(":")
                problem = Problem(
                    path, int(line), "", rule.value, f"unknown function {call.group(1)!r}"
                )
                raise FileProblemsError([problem])


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then the earlier rule; keep each that overlaps none already kept."""
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start))
    taken = bytearray(max((c.end for c in candidates), default=0))  # 1 where a kept one is
    kept = []
    for candidate in ranked:
        if taken.find(1, candidate.start, candidate.end) < 0:
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _evaluate(candidate: _Candidate, context: Context) -> str | None:
    try:
        value = candidate.rule.value.format_map(candidate.values)
    except (ValueError, TypeError):
        return None
    while (call := _CALL.search(value)) is not None:
        name, listed = call.group(1), call.group(2).strip()
        args = [a.strip() for a in listed.split(",")] if listed else []
        try:
            result = FUNCTIONS[name](context, *args)
        except (ValueError, TypeError, OverflowError):
            return None
        value = value[: call.start()] + result + value[call.end() :]
    return value if _a_real_day(value) else None


def _a_real_day(value: str) -> bool:
    """Whether a value that names a day names one the calendar has: not "2024-04-31"
    ("31/4/2024"), nor "2023-02-29"."""
    day = _DAY_VALUE.match(value)
    if day is None:
        return True
    try:
        date.fromisoformat(day.group())
    except ValueError:
        return False
    return True


class _SentenceEnds:
    """Where the sentences of a text end (a full stop, a blank line, a bullet), found in
    one scan (two with bullets); the sentence around a span is then a bisection. A sentence
    reaches at most SENTENCE_REACH characters either side."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []  # where the next sentence starts
        matches = list(_SENTENCE_END.finditer(text))
        if any(bullet in text for bullet in _BULLETS):
            matches = sorted([*matches, *_BULLET.finditer(text)], key=lambda match: match.start())
        for match in matches:
            self.starts.append(match.start())
            self.ends.append(match.end())

    def around(self, start: int, end: int) -> tuple[int, str]:
        """Where the sentence holding [start, end) starts, and its text."""
        left = max(0, start - SENTENCE_REACH)
        index = bisect.bisect_right(self.ends, start) - 1
        before = index >= 0 and self.starts[index] >= left
        first = self.ends[index] if before else left
        index = bisect.bisect_left(self.starts, end)
        if index < len(self.starts) and self.ends[index] <= end + SENTENCE_REACH:
            return first, self.text[first : self.starts[index] + 1]
        return first, self.text[first : end + SENTENCE_REACH]


def _year_named_next(
    text: str, chosen: list[_Candidate], index: int, brackets: bool, connector: re.Pattern[str]
) -> int | None:
    """The year of the next expression when a ``connector`` joins them ("March to May 2025"),
    a year alone in brackets right after it ("September 16 [2008]", "on 3 March (2009)"), or
    a year alone after an aside in brackets ("December 7 (December 8 in Asian time zones),
    1941": both days are 1941's), looked for only where the text holds a bracket
    (``brackets``)."""
    if index + 1 >= len(chosen):
        return None
    here, following = chosen[index], chosen[index + 1]
    joined = connector.fullmatch(text, here.end, following.start) is not None
    if not joined and not _in_brackets_after(text, here.end, following):
        near = brackets and _aside_may_follow(chosen, index, text)
        aside = _year_after_aside(text, chosen, index) if near else None
        if aside is None:
            return None
        following = aside
    year = following.values.get("year")
    return year if isinstance(year, int) else None


def _aside_may_follow(chosen: list[_Candidate], index: int, text: str) -> bool:
    """Whether one of the next two expressions is a year alone and a bracket stands near
    the expression: a quick test, nearly always false, before ``_year_after_aside``."""
    later = chosen[index + 2] if index + 2 < len(chosen) else chosen[index + 1]
    if chosen[index + 1].rule.name != "year" and later.rule.name != "year":
        return False
    here = chosen[index]
    return text.rfind("(", max(0, here.start - 60), here.end + 3) >= 0


def _year_after_aside(text: str, chosen: list[_Candidate], index: int) -> _Candidate | None:
    """A year alone right after an aside in brackets that follows the expression, or that
    holds it and closes after it ("December 7 (December 8 in Asian time zones), 1941": both
    days are 1941's); else None."""
    here = chosen[index]
    opening = _ASIDE_OPEN.match(text, here.end)
    if opening is None and not _inside_brackets(text, here.start):
        return None
    close = _ASIDE_CLOSE.match(text, opening.end() if opening else here.end)
    if close is None:
        return None
    following = next((c for c in chosen[index + 1 :] if c.start >= close.end()), None)
    if following is None or following.start != close.end() or following.rule.name != "year":
        return None
    return following


def _inside_brackets(text: str, position: int) -> bool:
    """Whether a bracket opened at most 60 characters before ``position``, on its line, is
    still open there."""
    opened = text.rfind("(", max(0, position - 60), position)
    return opened >= 0 and not any(mark in text[opened:position] for mark in ")\n")


def _in_brackets_after(text: str, end: int, following: _Candidate) -> bool:
    """Whether ``following`` is a year alone in brackets right after ``end``."""
    if _BRACKET_OPEN.fullmatch(text, end, following.start) is None:
        return False
    return following.rule.name == "year" and _BRACKET_CLOSE.match(text, following.end) is not None


@dataclass(frozen=True, slots=True)
class _Last:
    """Of the expression found last: whether its year was guessed, the story's date before it
    was resolved, and whether it is a clock time on a day it borrowed (``_BORROWED_DAY``)."""

    guessed: bool = False
    story: Calendar | None = None
    borrowed_day: bool = False
    clocks: int = 0  # clock times on a borrowed day, each in brackets after the one before
    month_of_next: bool = False  # a day that takes its month from the next ("[3] and 4 April")
    ranged: bool = False  # its clock times include the ends of a range ("8pm-11pm")


def _guesses_a_year(template: str) -> bool:
    """Whether a rule's value guesses the year of a month or season named alone ("in
    July") or of a day with no year ("June 1"): not "next April" nor "next June 1", whose
    year their words tell."""
    return _GUESSED_YEAR.search(template) is not None


# a time of day on the day of the last date mentioned: a clock time (a stamp that is no
# entry too), or a part of the day or midnight on no day of its own ("in the afternoon")
_BORROWED_DAY = ("clock_day()T", "stamp(", "day_of(0)T")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
# "2-27 Jan.", "3, 4 and 5 April": the first day of a range, or a day of a list, then the next
_RANGE_DASH = re.compile(r"\s*[-–,]\s*")
# an aside in brackets between a day and its year ("December 7 (December 8 in Asian time
# zones), 1941"): where it opens, and the rest of it up to the year
_ASIDE_OPEN = re.compile(r"\s*\(")
_ASIDE_CLOSE = re.compile(r"[^()\n]{0,60}\)\s*,?\s*")
# "(18.50 GMT) on Thursday", "(1900 GMT) Friday", "00:01 BST Tuesday": "on" may go unsaid
_THEN_ON = re.compile(r"\s*\)\s*,?\s*(?:on\s+)?|\s*,?\s*(?:on\s+)?", re.IGNORECASE)
_BORROWED_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)T")  # a day, or none known


def _clocks_before_on(text: str, end: int, start: int, last: _Last) -> int:
    """How many of the last clock times, on a day they borrowed, take the day of a date
    right after them, maybe after "on" or a comma: all, after a closing bracket ("8.50pm
    (18.50 GMT) on Thursday", and so "3 p.m. EDT (1900 GMT) Friday") or when they are the
    ends of a range ("8pm-11pm, Sat 14 Jun"), else the last ("at noon on 2 June 2019",
    "00:01 BST Tuesday 4 March"; "1am (2200 GMT on Saturday)": 1am is Sunday's); none where
    more stands between them."""
    between = _THEN_ON.fullmatch(text, end, start)
    if between is None or (text[end - 1] == "." and not between.group().strip()):
        return 0  # "It ended at 3 p.m. The next day they left": a sentence may end at "p.m."
    return last.clocks if ")" in between.group() or last.ranged else 1


def _clocks(text: str, found: list[Timex], last: _Last, span: re.Pattern[str]) -> tuple[int, bool]:
    """How many clock times on a day they borrowed end the expressions found, each in
    brackets after the one before ("8.50pm (18.50 GMT)": 2) or the end of a range the one
    before opens ("8pm-11pm": 2, a range), the last one just found on a day it borrowed."""
    if len(found) < 2 or not last.clocks:
        return 1, False
    if _BRACKET_OPEN.fullmatch(text, found[-2].end, found[-1].start):
        return last.clocks + 1, last.ranged
    if span.fullmatch(text, found[-2].end, found[-1].start):
        return last.clocks + 1, True
    return 1, False


def _clocks_on_the_day_of(found: list[Timex], value: str, clocks: int) -> None:
    """The last ``clocks`` expressions, clock times on a day they borrowed, moved to the day
    of a date joined to them that names its own ("from 7am until 10pm on Monday": 7am is
    Monday's), or after "on" (``_clocks_before_on``: "at 8.50pm (18.50 GMT) on Thursday
    night": both are Thursday's)."""
    day = _DAY_VALUE.match(value)
    for index in range(len(found) - clocks, len(found)):
        before = found[index]
        if day is not None and before.type == "TIME" and _BORROWED_VALUE.match(before.value):
            moved = day.group() + before.value[len(day.group()) :]
            found[index] = Timex(before.start, before.end, before.text, before.type, moved)


_SET_LINK = re.compile(  # a set and a clock time beside it: "daily at 6.15am"
    r"[\s,]*(?:(?:at|from|between|before|after|until|till|by|on)\s+)?", re.IGNORECASE
)
_CLOCK_LINK = re.compile(r"\s*(?:to|and|until|till|-|–)\s*", re.IGNORECASE)  # "8am to 8pm"


def _recurring_clocks(text: str, found: list[Timex], on_borrowed_days: frozenset[int]) -> None:
    """Clock times with no day of their own right beside a set, or joined to one that is,
    recur: their day is not known ("8 am every day", "daily at 6.15am", "open seven days a
    week, from 8am to 8pm" are ``XXXX-XX-XXT08:00``), not the day of the last date."""
    for index, timex in enumerate(found):
        if timex.type != "SET":
            continue
        for step in (1, -1):
            near, other, link = index, index + step, _SET_LINK
            while other in on_borrowed_days and _linked(text, found[near], found[other], link):
                clock = found[other]
                unknown = _DAY_VALUE.sub("XXXX-XX-XX", clock.value, count=1)
                found[other] = Timex(clock.start, clock.end, clock.text, clock.type, unknown)
                near, other, link = other, other + step, _CLOCK_LINK


def _linked(text: str, a: Timex, b: Timex, link: re.Pattern[str]) -> bool:
    """Whether nothing but ``link`` stands between two expressions."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return link.fullmatch(text, first.end, second.start) is not None


def _joined_to_last(
    found: list[Timex],
    value: str,
    guessed: tuple[bool, bool],
    span: bool,
    last: _Last,
    context: Context,
) -> str:
    """The value of an expression joined to the last one found ("July and August", as the
    end of a ``span``: "from June 1 to Nov. 30"), with the last one's value made to agree
    with it (``resolve.joined_dates``), and so the start of a range the last one ends
    ("from 2-27 Jan. to 8 Nov.": 2 as 27 Jan.)."""
    before = found[-1]
    first, value = joined_dates(context, before.value, value, guessed, span, last.story)
    if first[:4] != before.value[:4]:
        for index in range(len(found) - 1, -1, -1):
            one = found[index]
            found[index] = Timex(one.start, one.end, one.text, one.type, first[:4] + one.value[4:])
            if index == 0 or not _in_a_range(context.text, found[index - 1], one, before):
                break
    return value


def _in_a_range(text: str, start: Timex, end: Timex, last: Timex) -> bool:
    """Whether ``start`` opens a range of days ``end`` closes ("2-27 Jan."), or stands
    before it in a list ("3, 4 and 5 April"), in the year of ``last`` (the expression a later
    one was joined to)."""
    if _RANGE_DASH.fullmatch(text, start.end, end.start) is None:
        return False
    return start.value[:4] == last.value[:4] and _DAY_VALUE.fullmatch(start.value) is not None


@cache
def default_tagger() -> Tagger:
    """The English tagger, compiled on first use."""
    return Tagger()


_MONTH_OF_NEXT = frozenset({"range_first_day"})  # rules of a day whose month is the next's
_COUNTED_FROM_LAST = ("named_after(", "year_after(", "weekday_after(")  # see below


def _remembered_as_named(template: str, context: Context) -> bool | None:
    """How a resolved date is remembered for the dates after it: as named in full (it may move
    the story, ``Context.remember``), as the last date only (False), or not at all (None). A
    length counted back from the document ("a year ago") is not remembered, nor a year's period
    compared with ("the 1988 period": "the quarter" after it is the text's). A date counted from
    the last one ("a year later", "the following year", "the following summer") is named in full
    where it opens its sentence or clause, so that "The following year ... In July" is that
    year's July; in passing, a length is not remembered (a "year-earlier" figure does not move
    the story) and a month, season, year or weekday ("the following Monday") is the last date. A
    time on a day named in full ("5:34 AM on March 20, 2003") is that day named in full, as is
    a date of numbers read either way ("01/07/2024", ``slash_date``). A day, week or month so
    far back ("Two years ago this month ... On the same day") is the last date."""
    if "day_back(" in template:
        return False
    if "back(" in template or "quarter_of_year(" in template:
        return None
    opens = context.opens_clause(context.position)
    if "shift(" in template:
        return True if opens else None
    if any(counted in template for counted in _COUNTED_FROM_LAST):
        return opens
    day_part = template.partition("T")[0]  # "{year}-{month}-{day:02d}Tclock(...)": the day is named
    return "(" not in day_part or "named(" in template or template.startswith(_SLASH_DATE)


def tag(text: str, dct: date | None = None, anchor: str = "auto") -> list[Timex]:
    """Temporal expressions of English ``text`` (see ``Tagger.tag``)."""
    return default_tagger().tag(text, dct, anchor)
