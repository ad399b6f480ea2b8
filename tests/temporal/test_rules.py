"""The rule files: every rule matches its own example, and bad files fail naming file and line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline.errors import FileProblemsError
from timeline.temporal.rules import (
    ASCII,
    MAX_DIGIT_RUN,
    first_characters,
    first_digit_ends,
    first_digit_runs,
    first_words,
    joined,
    load_rules,
)
from timeline.temporal.tagger import Tagger, default_tagger
from timeline.temporal.values import feast_day

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.name)
def test_every_rule_matches_its_example(rule):
    """The expression marked in the example (all of it, without [brackets]) is found
    whole; words around it may hold others of their own ("[3]-5 August": "5 August")."""
    expected = re.search(r"\[(.*)\]", rule.example)
    text = f"x {rule.example.replace('[', '').replace(']', '')} x"
    found = default_tagger().tag(text, date(1998, 8, 7))
    wanted = expected.group(1) if expected else rule.example
    at = 2 + (expected.start() if expected else 0)
    overlapping = [t for t in found if t.start < at + len(wanted) and at < t.end]
    assert [(t.start, t.text) for t in overlapping] == [(at, wanted)], rule.source
    assert expected or len(found) == 1, rule.source


@pytest.mark.parametrize(("text", "found"), [
    ("sept. 5", "sept."), ("september 5", "september"), ("sept 5", "sept"), ("may 5", "may"),
])  # fmt: skip
def test_vocabulary_words_are_matched_longest_first(text, found):
    month = RULES.vocabularies["month"]
    assert re.match(f"(?:{month.regex()})", text).group() == found
    assert month.lookup(found.title()) is not None


def test_vocabulary_words_are_looked_up_whatever_their_case():
    month = RULES.vocabularies["month"]
    assert month.lookup("Sept.") == "09" and month.lookup("SEPTEMBER") == "09"


@pytest.mark.parametrize(("text", "value"), [("May", "05"), ("may", None), ("March", "03")])
def test_cased_words_need_a_capital(text, value):
    assert RULES.vocabularies["month"].lookup(text) == value


def copy_resources(tmp_path):
    folder = tmp_path / "temporal"
    folder.mkdir()
    for path in load_rules.__globals__["RESOURCES"].joinpath("en", "temporal").iterdir():
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("line", "words"), [
    ("# EXAMPLE: x\nbroken | DATE | x\n", "expected: name | TYPE | pattern | value"),
    ("# EXAMPLE: x\nbad_type | EVENT | x | 1\n", "type must be one of"),
    ("no_example | DATE | x | 1\n", "needs a '# EXAMPLE:' line"),
    ("# EXAMPLE: x\nbad_regex | DATE | (x | 1\n", "bad pattern"),
    ("# EXAMPLE: x\nunknown | DATE | {nothing} | 1\n", "bad pattern"),
    ("# EXAMPLE: x\ntwice | DATE | {month} {month} | 1\n", "appears twice"),
    ("# EXAMPLE: now\nnow | DATE | now | 1\n", "a rule of this name comes earlier"),
    ("# EXAMPLE: q3\nraw | DATE | q(?P<q>[1-4]) | 2024-Q{q}\n", "{q} is no {label:name}"),
    # the text is matched lower-cased: a capital in a pattern would never match
    ("# EXAMPLE: x\ncapital | DATE | {month}(?= [A-Z]) | 1\n", "write A-Z in lower case"),
    ("# EXAMPLE: x\nletter | DATE | (?:Q|q)[1-4] | 1\n", "write A-Z in lower case"),
])  # fmt: skip
def test_a_bad_rule_is_named_with_file_and_line(tmp_path, line, words):
    folder = copy_resources(tmp_path)
    rules = folder / "rules.txt"
    original = rules.read_text(encoding="utf-8")
    rules.write_text(original + line, encoding="utf-8")
    with pytest.raises(FileProblemsError) as caught:
        load_rules(folder)
    number = len(original.splitlines()) + line.count("\n")
    assert f"rules.txt, line {number}" in str(caught.value) and words in str(caught.value)


@pytest.mark.parametrize(("name", "line", "words"), [
    ("holiday.csv", "odd day,11-01-XX+4,\n", "11-01-XX+4"),  # a feast whose rule gives no day
    ("patterns.csv", 'odd,"\\d{3} {nothing}"\n', "{nothing} names no"),  # no vocabulary
    ("scene.csv", "amid,en,\n", "'en'"),  # a scene word's kind is 1, end or name
    ("past.csv", "ago,begin,\n", "must be one of word, phrase, begun"),
    ("offset.csv", "the week,P1X,\n", "'P1X'"),  # a length of one unit, or a side
])  # fmt: skip
def test_a_bad_data_line_is_named_with_file_and_line(tmp_path, name, line, words):
    folder = copy_resources(tmp_path)
    data = folder / name
    original = data.read_text(encoding="utf-8")
    data.write_text(original + line, encoding="utf-8")
    with pytest.raises(FileProblemsError) as caught:
        load_rules(folder)
    number = len(original.splitlines()) + 1
    assert f"{name}, line {number}" in str(caught.value) and words in str(caught.value)


def test_an_unknown_function_fails_when_the_tagger_is_built(tmp_path):
    folder = copy_resources(tmp_path)
    rules = folder / "rules.txt"
    rules.write_text(rules.read_text() + "# EXAMPLE: zzz\nzzz | DATE | zzz | nope(1)\n")
    with pytest.raises(FileProblemsError, match="unknown function 'nope'"):
        Tagger(load_rules(folder))


def test_a_bad_vocabulary_line_is_named(tmp_path):
    folder = copy_resources(tmp_path)
    (folder / "season.csv").write_text("surface,value,flags\nspring,SP\n", encoding="utf-8")
    with pytest.raises(FileProblemsError, match=r"season.csv, line 2.*expected 3 cells"):
        load_rules(folder)


@pytest.mark.parametrize(("regex", "first"), [
    ("may|june", "jm"),
    ("(?:the )?1[5-9]", "1t"),
    (r"(?!x)\d{2}", "0123456789"),
    (r"(?<![\w'])'\d0s", "'"),
    ("(?:a|)b", "ab"),
    ("[^a]", ASCII.replace("a", "")),
    ("x*", None),  # may match empty
    ("(?i:a)", None),  # case-insensitive: not read
    (".b", None),
])  # fmt: skip
def test_first_characters(regex, first):
    found = first_characters(regex)
    assert found == first if first is None or found is None else set(found) == set(first)


def expression_of_example(rule) -> str:
    """The expression a rule's example shows: all of it, or the part in [brackets]."""
    marked = re.search(r"\[(.*)\]", rule.example)
    return marked.group(1) if marked else rule.example


def test_every_rule_is_tried_where_its_example_starts():
    for rule in RULES.rules:
        expression = expression_of_example(rule).lower()
        assert rule.first is None or expression[0] in rule.first, rule.name


@pytest.mark.parametrize(("regex", "words"), [
    (r"the\s+(?:following|next)\s+day", {"the"}),
    (r"(?:early\s+|late\s+)?the\s+end", {"early", "late", "the"}),
    (r"years?\b", {"year", "years"}),
    (r"(?<=for\s)(?:days|weeks)", {"days", "weeks"}),  # a look-behind consumes nothing
    (r"mid-?(?:june|july)", {"mid", "midjune", "midjuly"}),
    (r"the\s+[ab]", {"the"}),
    (r"\d{4}", set()),  # digits first: no word that begins with a letter
    (r"(?:the\s+)?\d{4}", {"the"}),
    (r"(?:0?[1-9]|eleven)\s+o'clock", {"eleven"}),  # a word of digits adds none, however long
    (r"(?:(?:the\s+end\s+of\s+)?fiscal\s+)\d{4}", {"the", "fiscal"}),
    (r"'\d\d", set()),  # opens with a mark, not a word
    (r"jun(?:e|\.)", {"june", "jun"}),  # a letter and a mark, read by re as one class
    (r"q[1-4]", {"q1", "q2", "q3", "q4"}),  # a few digits that go on the word
    (r"h\d", None),  # too many digits to list
    (r"(?i:may)", None),
    (r"[a-z]+", None),
    (r"(?:the\s+)?", None),  # may match empty
])  # fmt: skip
def test_first_words(regex, words):
    found = first_words(regex)
    assert found == (None if words is None else frozenset(words))


def test_every_rule_is_tried_where_its_example_starts_by_its_first_word():
    for rule in RULES.rules:
        word = re.match(r"\w+", expression_of_example(rule).lower())
        looked_up = word is not None and word.group()[0].isalpha()  # by its first words
        assert rule.words is None or not looked_up or word.group() in rule.words, rule.name


@pytest.mark.parametrize(("regex", "runs"), [
    (r"\d{4}", {4}),
    (r"(?:the\s+)?\d{4}s?", {4}),  # a branch that begins with a letter begins no run
    (r"\d{1,2}(?::\d\d)?\s*[ap]m", {1, 2}),
    (r"\d\d?(?:[-/]\d\d?){2}", {1, 2}),  # the run ends at the first mark
    (r"(?:\d{2}|\d{4})\b", {2, 4}),
    (r"\d{1,2}(?!\d)", {1, 2}),
    (r"[0-9a-z]{2}", {1, 2}),  # "1a" or "12"
    (r"'\d0s", set()),  # opens with a mark
    (r"may \d", set()),
    (r"\d+", None),  # as long as it likes
    (rf"\d{{{MAX_DIGIT_RUN + 1}}}", None),
    (r"\w\d", {2}),  # at a digit, a word character that begins a match is one
    (r"(\d)\1", None),  # a back-reference is not read
])  # fmt: skip
def test_first_digit_runs(regex, runs):
    found = first_digit_runs(regex)
    assert found == (None if runs is None else frozenset(runs))


@pytest.mark.parametrize(("regex", "ends"), [
    (r"\d{1,2}:\d\d", {":"}),
    (r"\d\d?[:.]\d\d", {":", "."}),
    (r"\d{4}-\d\d", {"-"}),
    (r"\d+(?:st|th)", None),  # as long as it likes: not read
    (r"may \d", set()),  # begins with no digit
    (r"\d.", None),  # any character
])  # fmt: skip
def test_first_digit_ends(regex, ends):
    assert first_digit_ends(regex) == (None if ends is None else frozenset(ends))


def test_a_run_of_digits_that_ends_a_match_is_followed_by_no_word_character():
    ends = first_digit_ends(r"\d{4}")
    assert {" ", "\n", ",", ":"} <= ends and not {"a", "0", "_"} & ends


def test_every_rule_is_tried_where_its_example_starts_by_its_run_of_digits_and_what_ends_it():
    for rule in RULES.rules:
        digits = re.match(r"\d+", expression_of_example(rule))
        if digits is not None and rule.digit_runs is not None:
            assert len(digits.group()) in rule.digit_runs, rule.name
        after = expression_of_example(rule)[digits.end() :][:1] if digits else ""
        if after and rule.digit_ends is not None:
            assert after.lower() in rule.digit_ends, rule.name


@pytest.mark.parametrize(("surface", "rule"), sorted(RULES.vocabularies["holiday"].values.items()))
def test_every_feast_has_a_day_in_every_year_of_a_long_span(surface, rule):
    days = [feast_day(year, rule) for year in (1583, 1900, 2000, 2024, 2100)]
    assert [d.year for d in days] == [1583, 1900, 2000, 2024, 2100], surface


@pytest.mark.parametrize("text", [
    "may 4, 2019", "mayé 4", "the 1990s", "the 1990sé", "mid-june 2019", "3 years ago",
    "twö years ago", "last friday", "at 9:45pm", "2 1/2 years", "nothing here",
])  # fmt: skip
def test_the_rules_joined_find_the_first_rule_that_matches(text):
    """One pattern of all rules names the first rule whose own pattern matches at the start
    of the text, or none when none does (a letter beyond ASCII goes on a word in both)."""
    union = joined(RULES.rules)
    found = union.match(text)
    first = next((n for n, r in enumerate(RULES.rules) if r.regex.match(text)), None)
    assert (found and int(found.lastgroup[1:])) == first
