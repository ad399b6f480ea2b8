"""Load the tagger's language data (vocabularies, named patterns, rules) and compile it once.

Every error names the file and line it comes from.
"""

from __future__ import annotations

import re
import re._compiler as sre_compile  # compiles a parse: rules are joined without parsing again
import re._constants as sre  # the opcodes of re's own parser, to read a rule's first characters
import re._parser as sre_parse
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from timeline.errors import FileProblemsError, Problem
from timeline.resources import RESOURCES, read_table
from timeline.temporal.values import feast_day

TYPES = ("DATE", "TIME", "DURATION", "SET")
_PLACEHOLDER = re.compile(r"\{(?:([a-z_]\w*):)?([a-z_]\w*)\}")  # not a repeat: \d{3}
_NOT_PATTERNS = {"patterns.csv", "rules.txt"}
ASCII = "".join(map(chr, range(128)))
MAX_FIRST_WORDS = 400  # beyond this many first words a rule is tried by its first letter
MAX_DIGIT_RUN = 12  # a rule that may begin with a longer run of digits is tried at any run
_WORD_CHAR = re.compile(r"\w")
KINDS = {  # the values allowed
    "scene": ("1", "end", "name"),
    "past": ("word", "phrase", "begun", "participle"),
    "attributive": ("determiner", "adverb"),
    "perfect": ("auxiliary", "adverb", "passive"),
    "future": ("1", "schedule", "plural_schedule", "lower_case"),
    "describing_form": ("before", "join", "both", "relative"),
}
_OFFSET_VALUE = re.compile(r"-?1|P\d+[YMWD]|PT\d+[HMS]")  # a side, or a length of one unit
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


@dataclass(frozen=True)
class Vocabulary:
    """Surface forms of one kind of word and their values; ``cased`` ones need a capital."""

    name: str
    values: dict[str, str]
    cased: frozenset[str]

    def regex(self) -> str:
        """The alternatives, longest first so that "sept." wins over "sept"."""
        return alternatives(self.values)

    def lookup(self, text: str) -> str | None:
        """The value of a matched surface form; None if a cased word is written in lower case."""
        key = " ".join(text.split()).casefold()
        if key in self.cased and not text[:1].isupper():
            return None
        return self.values.get(key)


def alternatives(words: Iterable[str]) -> str:
    """Words as one pattern that branches character by character ("ma(?:rch|y)"), the
    longest first wherever one word goes on from another ("sept(?:ember|\\.)?"); a space
    matches any white space. A text is read once, not against each word in turn."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    """The pattern of a node of the tree: its branches, optional where a word ends here."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _branches(child)
        for char, child in node.items()
        if char
    ]
    if not branches:
        return ""
    joined = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{joined})?" if "" in node else joined


@dataclass(frozen=True)
class Rule:
    """A compiled rule: what it matches, the type it gives and its value template."""

    name: str
    type: str
    regex: re.Pattern[str]
    value: str
    groups: dict[str, str]  # group label -> vocabulary or pattern name
    body: str  # the pattern as a regular expression, without the word-start guard
    example: str
    source: str
    first: str | None = None  # the ASCII characters a match can begin with; None: any
    words: frozenset[str] | None = None  # the words a match can begin with; None: not known
    # the lengths of the run of digits a match can begin with; None: not known
    digit_runs: frozenset[int] | None = None
    # the ASCII characters that can end such a run (":" for "10:30"); None: any
    digit_ends: frozenset[str] | None = None
    # the body as re parsed it, its groups unnamed: what ``joined`` puts together
    parse: tuple = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class RuleSet:
    """Everything the tagger knows about one language."""

    rules: tuple[Rule, ...]
    vocabularies: dict[str, Vocabulary]
    patterns: dict[str, str]
    pattern_vocabularies: dict[str, tuple[str, ...]]  # {count} may be a word of number.csv


def load_rules(folder: Path | None = None) -> RuleSet:
    """Read and compile the vocabularies, patterns and rules of a language folder."""
    folder = folder or RESOURCES / "en" / "temporal"
    vocabularies = {
        path.stem: _read_vocabulary(path)
        for path in sorted(folder.glob("*.csv"))
        if path.name not in _NOT_PATTERNS
    }
    _check_feasts(folder / "holiday.csv", vocabularies["holiday"])
    for name, kinds in KINDS.items():
        _check_kinds(folder / f"{name}.csv", vocabularies[name], kinds)
    _check_offsets(folder / "offset.csv", vocabularies["offset"])
    raw = {
        row["name"]: row["regex"] for row in read_table(folder / "patterns.csv", ("name", "regex"))
    }
    patterns = {
        name: _expand_vocabularies(folder / "patterns.csv", name, regex, vocabularies)
        for name, regex in raw.items()
    }
    rules = tuple(_read_rules(folder / "rules.txt", vocabularies, patterns))
    used = {
        name: tuple(m.group(2) for m in _PLACEHOLDER.finditer(regex)) for name, regex in raw.items()
    }
    return RuleSet(rules, vocabularies, patterns, used)


def _read_vocabulary(path: Path) -> Vocabulary:
    rows = read_table(path, ("surface", "value", "flags"))
    values = {row["surface"].casefold(): row["value"] for row in rows}
    cased = frozenset(row["surface"].casefold() for row in rows if "cased" in row["flags"])
    return Vocabulary(path.stem, values, cased)


def _check_feasts(path: Path, feasts: Vocabulary) -> None:
    """Every feast's rule gives a day (``values.feast_day``), or its line is named."""
    for surface, rule in feasts.values.items():
        try:
            feast_day(2000, rule)
        except ValueError as error:
            raise _error(path, _line_of(path, surface), rule, str(error)) from None


def _check_kinds(path: Path, vocabulary: Vocabulary, kinds: tuple[str, ...]) -> None:
    """Every value of a vocabulary of kinds (scene.csv, past.csv) is one of ``kinds``."""
    for surface, kind in vocabulary.values.items():
        if kind not in kinds:
            message = f"the value must be one of {', '.join(kinds)}"
            raise _error(path, _line_of(path, surface), kind, message)


def _check_offsets(path: Path, offsets: Vocabulary) -> None:
    """Every row of offset.csv is a side (1 after, -1 before) or a length of one unit."""
    for surface, value in offsets.values.items():
        if _OFFSET_VALUE.fullmatch(value) is None:
            message = "the value must be 1, -1 or a duration of one unit such as P1D"
            raise _error(path, _line_of(path, surface), value, message)


def _line_of(path: Path, key: str) -> int:
    """The number of the line of a data file that starts with ``key,`` (0 if none does)."""
    lines = path.read_text(encoding="utf-8").casefold().splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key},")), 0)


def _expand_vocabularies(path: Path, name: str, regex: str, vocabularies) -> str:
    unknown = [m.group(2) for m in _PLACEHOLDER.finditer(regex) if m.group(2) not in vocabularies]
    if unknown:
        message = f"{{{unknown[0]}}} names no vocabulary (.csv file)"
        raise _error(path, _line_of(path, name.casefold()), name, message)
    return _PLACEHOLDER.sub(lambda m: f"(?:{vocabularies[m.group(2)].regex()})", regex)


def _read_rules(path: Path, vocabularies, patterns) -> list[Rule]:
    rules: list[Rule] = []
    example = ""
    names: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("# EXAMPLE:"):
            example = stripped.removeprefix("# EXAMPLE:").strip()
        if not stripped or stripped.startswith("#"):
            continue
        rule = _parse_rule(path, number, stripped, example, vocabularies, patterns)
        if rule.name in names:
            raise _error(path, number, rule.name, "a rule of this name comes earlier")
        names.add(rule.name)
        rules.append(rule)
        example = ""
    return rules


def _parse_rule(path, number, line, example, vocabularies, patterns) -> Rule:
    fields = [field.strip() for field in line.split(" | ")]
    if len(fields) != 4:
        raise _error(path, number, line, "expected: name | TYPE | pattern | value")
    name, kind, pattern, value = fields
    if kind not in TYPES:
        raise _error(path, number, kind, f"type must be one of {', '.join(TYPES)}")
    if not example:
        raise _error(path, number, name, "every rule needs a '# EXAMPLE:' line above it")
    groups: dict[str, str] = {}
    try:
        body = _compile_body(pattern, groups, vocabularies, patterns)
        # A pattern that starts with a letter is found by re's fast literal scan, which a
        # look-behind would stop; others fail fastest on a look-behind at each mid-word
        # position. The tagger checks that every match starts a word either way.
        guard = "" if body[:1].isalpha() else r"(?<![\w'])"
        regex = re.compile(rf"{guard}(?:{body})(?![\w])")
    except (KeyError, re.error) as error:
        raise _error(path, number, pattern, f"bad pattern: {error}") from None
    unknown = [f for f in _template_fields(value) if f not in groups and f != "dir"]
    if unknown:
        raise _error(path, number, value, f"{{{unknown[0]}}} is no {{label:name}} of the pattern")
    parsed = sre_parse.parse(body)
    if _reads_capitals(parsed.data):
        raise _error(path, number, pattern, "the text is read lower-cased: write A-Z in lower case")
    first, words, runs = first_characters(parsed), first_words(parsed), first_digit_runs(parsed)
    ends = first_digit_ends(parsed)
    source = f"{path.name}:{number}"
    unnamed = tuple(_unnamed(parsed.data))
    return Rule(
        name, kind, regex, value, groups, body, example, source, first, words, runs, ends, unnamed
    )


def joined(rules: Sequence[Rule]) -> re.Pattern[str]:
    """The rules' bodies as one pattern of alternatives, each followed by the end of a word
    and an empty group ``r<index>`` that names it (at the end, each alternative opens as its
    rule does, so re passes over one that cannot start at a character in a single test).
    Built from the parses read with the rules: compiling the joined text would parse every
    body again, 4 to 7 times slower."""
    state = sre_parse.State()
    state.flags = re.UNICODE.value  # what re.compile gives a str pattern
    word_end = sre_parse.parse(r"(?!\w)").data
    alternatives = []
    for index, rule in enumerate(rules):
        name = state.opengroup(f"r{index}")
        empty = sre_parse.SubPattern(state, [])
        state.closegroup(name, empty)
        items = [*rule.parse, *word_end, (sre.SUBPATTERN, (name, 0, 0, empty))]
        alternatives.append(sre_parse.SubPattern(state, items))
    union = sre_parse.SubPattern(state, [(sre.BRANCH, (None, alternatives))])
    return sre_compile.compile(union)


def _reads_capitals(items) -> bool:
    """Whether a parse looks for a capital A to Z, which the lower-cased text never holds."""
    for op, value in items:
        if op is sre.LITERAL and chr(value) in string.ascii_uppercase:
            return True
        if op is sre.IN and any(_capital_in_class(kind, item) for kind, item in value):
            return True
        if any(_reads_capitals(inner) for inner in _inner_parses(op, value)):
            return True
    return False


def _inner_parses(op, value) -> list:
    """The parses inside a group, a branch, a repeat or a look-around."""
    if op is sre.SUBPATTERN:
        return [value[3]]
    if op is sre.BRANCH:
        return list(value[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [value[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [value[1]]
    return [value] if op is sre.ATOMIC_GROUP else []


def _capital_in_class(kind, item) -> bool:
    if kind is sre.LITERAL:
        return chr(item) in string.ascii_uppercase
    if kind is sre.RANGE:
        low, high = item
        return low <= ord("Z") and high >= ord("A")
    return False


def _unnamed(items) -> list:
    """A parse with every group made a group that captures nothing, as "(?:...)" would."""
    return [(op, _unnamed_value(op, value)) for op, value in items]


def _unnamed_value(op, value):
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, inner = value
        return None, add_flags, del_flags, _sub(inner)
    if op is sre.BRANCH:
        return value[0], [_sub(branch) for branch in value[1]]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return value[0], value[1], _sub(value[2])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return value[0], _sub(value[1])
    if op is sre.ATOMIC_GROUP:
        return _sub(value)
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        raise re.error("a rule may not refer to a group")
    return value


def _sub(pattern: sre_parse.SubPattern) -> sre_parse.SubPattern:
    return sre_parse.SubPattern(pattern.state, _unnamed(pattern.data))


def _template_fields(value: str) -> list[str]:
    """The names a value template fills in: "{year}-{month}-{day:02d}" has year, month, day."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(value) if name]
    except ValueError:
        return []


def first_characters(regex: str | sre_parse.SubPattern) -> str | None:
    """The ASCII characters a match of ``regex`` (or its parse) can begin with (a superset),
    or None when it may begin with any character or match empty. Lets the tagger try at a
    word only the rules that can start with its first letter."""
    parsed = sre_parse.parse(regex) if isinstance(regex, str) else regex
    if parsed.state.flags & re.IGNORECASE:
        return None
    matchers, empty = _first_of_sequence(parsed)
    if empty or any(op is sre.ANY for op, _ in matchers):
        return None
    classes = [_one_char_regex(op, av) for op, av in matchers]
    if None in classes:
        return None
    any_of = re.compile("|".join(c for c in classes if c is not None))
    return "".join(c for c in ASCII if any_of.fullmatch(c))


def first_words(regex: str | sre_parse.SubPattern) -> frozenset[str] | None:
    """The words (runs of letters, digits and _) that begin with a letter and that a match
    of ``regex`` (or its parse) can begin with, or None when they cannot be listed: a
    pattern that may start with a class of many letters, a repeated letter, or no word at
    all. A match that begins with a digit or a mark adds none (a word that begins so is
    not looked up by its words). A superset: look-arounds are passed over."""
    parsed = sre_parse.parse(regex) if isinstance(regex, str) else regex
    if parsed.state.flags & re.IGNORECASE:
        return None
    ends = _words_of_sequence(list(parsed), {("", False)})
    if ends is None or any(word == "" for word, _ in ends):
        return None
    return frozenset(word for word, _ in ends)


def first_digit_runs(regex: str | sre_parse.SubPattern) -> frozenset[int] | None:
    """The lengths of the run of digits that a match of ``regex`` (or its parse), followed
    by the end of a word as every rule is, can begin with: ``\\d{4}`` {4}, ``\\d{1,2}:`` {1,
    2}; empty when no match begins with a digit; None when they cannot be listed (``\\d+``, a
    run longer than ``MAX_DIGIT_RUN``, a back-reference). Lets the tagger try at "1990" only
    the rules that can begin with four digits. A superset: look-arounds are passed over."""
    parsed = sre_parse.parse(regex) if isinstance(regex, str) else regex
    ends = _runs_of_sequence(list(parsed), {(0, None)})
    if ends is None:
        return None
    return frozenset(count for count, _ in ends if count)


def first_digit_ends(regex: str | sre_parse.SubPattern) -> frozenset[str] | None:
    """The ASCII characters that can end the run of digits a match of ``regex`` begins with
    (a superset): ``\\d{1,2}:\\d\\d`` {":"}; a run that ends the match, any character but a
    letter, a digit or "_" (every rule ends a word); None when they cannot be listed. Lets
    the tagger try at "2" before a line's end none of the rules for "10:30"."""
    parsed = sre_parse.parse(regex) if isinstance(regex, str) else regex
    ends = _runs_of_sequence(list(parsed), {(0, None)})
    if ends is None:
        return None
    found: set[str] = set()
    for count, enders in ends:
        if count and enders is _ANY_END:
            return None
        if count:
            found |= _WORD_ENDS if enders is None else enders
    return frozenset(found)


# the digits so far, and what ended them: None while they go on, else the ASCII characters
# that may have (_ANY_END: not known)
_Run = tuple[int, frozenset[str] | None]
_ANY_END: frozenset[str] = frozenset({"any"})
_WORD_ENDS = frozenset(c for c in string.printable if not (c.isalnum() or c == "_"))


def _runs_of_sequence(items, states: set[_Run]) -> set[_Run] | None:
    for op, av in items:
        following: set[_Run] = set()
        for state in states:
            step = {state} if state[1] is not None else _runs_of_item(op, av, state)
            if step is None:
                return None
            following |= step
        if any(count > MAX_DIGIT_RUN for count, _ in following):
            return None
        states = following
    return states


def _runs_of_item(op, av, state: _Run) -> set[_Run] | None:
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return _runs_of_character(op, av, state[0])
    if op is sre.BRANCH:
        return _runs_of_branches([list(branch) for branch in av[1]], state)
    if op is sre.SUBPATTERN:
        return _runs_of_sequence(list(av[3]), {state})
    if op is sre.ATOMIC_GROUP:
        return _runs_of_sequence(list(av), {state})
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _runs_of_repeat(av, state)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {state}  # consumes nothing
    return None  # a back-reference, a conditional...: not read


def _runs_of_branches(branches: list, state: _Run) -> set[_Run] | None:
    found: set[_Run] = set()
    for branch in branches:
        step = _runs_of_sequence(branch, {state})
        if step is None:
            return None
        found |= step
    return found


def _runs_of_repeat(av, state: _Run) -> set[_Run] | None:
    """The states after ``low`` to ``high`` repeats of an item: each repeat from the states
    of the one before, until no state is new (a run of digits longer than MAX_DIGIT_RUN
    gives up first)."""
    low, high, item = av
    found: set[_Run] = {state} if low == 0 else set()
    current, done = {state}, 0
    while current and done < high:
        step = _runs_of_sequence(list(item), current)
        if step is None:
            return None
        done += 1
        new = step - found if done >= low else step
        if done >= low:
            found |= step
        if not new:
            break
        current = new
    return found


def _runs_of_character(op, av, count: int) -> set[_Run]:
    """One character more: a digit goes on the run; any other character ends it, or, as
    the first, begins no run at all (no state)."""
    digit, other = _may_be_digit_or_other(op, av)
    longer: set[_Run] = {(count + 1, None)} if digit else set()
    return longer | ({(count, _ascii_matched(op, av))} if other and count else set())


def _ascii_matched(op, av) -> frozenset[str]:
    """The ASCII characters but digits one character matcher matches (_ANY_END if unknown)."""
    regex = None if op is sre.ANY else _one_char_regex(op, av)
    return _ANY_END if regex is None else _ascii_of(regex)


@cache
def _ascii_of(regex: str) -> frozenset[str]:
    pattern = re.compile(regex)
    return frozenset(c for c in _OTHER_SAMPLES if c.isascii() and pattern.fullmatch(c))


_DIGIT_SAMPLES = "0123456789٣"  # ASCII digits and one that is not ASCII (\d matches both)
_OTHER_SAMPLES = ASCII.translate(str.maketrans("", "", "0123456789")) + "é²"


def _may_be_digit_or_other(op, av) -> tuple[bool, bool]:
    """Whether one character matcher may match a digit, and whether something else."""
    if op is sre.ANY:
        return True, True
    regex = _one_char_regex(op, av)
    if regex is None:
        return True, True
    return _matches_some(regex, _DIGIT_SAMPLES), _matches_some(regex, _OTHER_SAMPLES)


@cache
def _matches_some(regex: str, samples: str) -> bool:
    pattern = re.compile(regex)
    return any(pattern.fullmatch(c) for c in samples)


_Word = tuple[str, bool]  # the word so far, and whether a non-word character ended it


def _words_of_sequence(items, states: set[_Word]) -> set[_Word] | None:
    for op, av in items:
        following: set[_Word] = set()
        for word, ended in states:
            if ended:
                following.add((word, ended))
                continue
            step = _words_of_item(op, av, word)
            if step is None:
                return None
            following |= step
        if len(following) > MAX_FIRST_WORDS:
            return None
        states = following
    return states


def _words_of_item(op, av, word: str) -> set[_Word] | None:
    if op is sre.LITERAL:
        char = chr(av)
        if _WORD_CHAR.match(char):
            return {(word + char, False)}
        return {(word, True)} if word else set()  # a match that opens with a mark: no word
    if op is sre.IN:
        return _words_of_class(av, word)
    if op is sre.BRANCH:
        found: set[_Word] = set()
        for branch in av[1]:
            step = _words_of_sequence(list(branch), {(word, False)})
            if step is None:
                return None
            found |= step
        return found
    if op is sre.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _words_of_sequence(list(av[3]), {(word, False)})
    if op is sre.ATOMIC_GROUP:
        return _words_of_sequence(list(av), {(word, False)})
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av
        once = _words_of_sequence(list(item), {(word, False)})
        if once is None or (high > 1 and any(not ended for _, ended in once)):
            return None  # a word part repeated: its words cannot be listed
        return once | ({(word, False)} if low == 0 else set())
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {(word, False)}  # consumes nothing
    return None


def _words_of_class(items, word: str) -> set[_Word] | None:
    """A character class adds each of a few letters or digits it holds, and ends the word
    for the marks it holds ("jun(?:e|\\.)" is read as one class: "june", "jun"; "q[1-4]":
    "q1" to "q4"); opening a word, digits and marks add no word (see first_words). Anything
    else (many letters or digits, \\w) makes the words unknown."""
    regex = _one_char_regex(sre.IN, items)
    if regex is None:
        return None
    chars, beyond_ascii = _class_members(regex)
    if beyond_ascii:
        return None
    if not word:
        return None if any(c.isalpha() for c in chars) else set()  # digits or marks first
    if word[0].isdigit():
        return set()  # a word that begins with a digit is not looked up by its words ("0?[1-9]")
    word_chars = [c for c in chars if _WORD_CHAR.match(c)]
    if len(word_chars) > 4:
        return None  # many letters or digits
    ends = len(word_chars) < len(chars)
    return {(word + c, False) for c in word_chars} | ({(word, True)} if ends else set())


@cache
def _class_members(regex: str) -> tuple[str, bool]:
    """The ASCII characters a one-character class matches, and whether it matches a letter
    beyond ASCII too ("é")."""
    pattern = re.compile(regex)
    return "".join(c for c in ASCII if pattern.fullmatch(c)), bool(pattern.fullmatch("é"))


def _first_of_sequence(items) -> tuple[list, bool]:
    """The one-character matchers that can consume a sequence's first character, and
    whether the whole sequence can match empty."""
    found: list = []
    for op, av in items:
        first, empty = _first_of_item(op, av)
        found += first
        if not empty:
            return found, False
    return found, True


def _first_of_item(op, av) -> tuple[list, bool]:
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return [(op, av)], False
    if op is sre.BRANCH:
        parts = [_first_of_sequence(branch) for branch in av[1]]
        return [m for first, _ in parts for m in first], any(empty for _, empty in parts)
    if op is sre.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return [(sre.ANY, None)], True
        return _first_of_sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        first, empty = _first_of_sequence(av[2])
        return first, empty or av[0] == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return [], True  # consumes nothing
    return [(sre.ANY, None)], True  # anything else (a back-reference...): may start anywhere


def _one_char_regex(op, av) -> str | None:
    """A regular expression for one first-character matcher, or None if unknown."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    parts, negate = [], ""
    for kind, value in av:  # op is IN
        if kind is sre.NEGATE:
            negate = "^"
        elif kind is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return f"[{negate}{''.join(parts)}]"


def _compile_body(pattern: str, groups: dict[str, str], vocabularies, patterns) -> str:
    """Placeholders become named groups; a space outside [...] matches any whitespace."""
    out: list[str] = []
    position = 0
    depth = 0
    while position < len(pattern):
        match = _PLACEHOLDER.match(pattern, position)
        if match and depth == 0:
            label, name = match.group(1) or match.group(2), match.group(2)
            source = vocabularies[name].regex() if name in vocabularies else patterns[name]
            if label in groups:
                raise re.error(f"{{{label}}} appears twice; give one a label, as {{x:{name}}}")
            groups[label] = name
            out.append(f"(?P<{label}>{source})")
            position = match.end()
            continue
        char = pattern[position]
        if char == "\\":
            out.append(pattern[position : position + 2])
            position += 2
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        out.append(r"\s+" if char == " " and depth == 0 else char)
        position += 1
    return "".join(out)


def _error(path: Path, line: int, value: str, message: str) -> FileProblemsError:
    return FileProblemsError([Problem(str(path), line, "", value, message)])
