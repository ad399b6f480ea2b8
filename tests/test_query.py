"""Filters: year ranges by overlap, topics, text, and the URL form of a view."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.engine import load_chronology
from timeline.errors import FilterError
from timeline.query import (
    Filters,
    apply_filters,
    from_query_string,
    parse_topics,
    parse_years,
    to_query_string,
    year_span,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024:2025", (2024, 2025)),
        ("2024-2025", (2024, 2025)),
        ("2024", (2024, 2024)),
        (" 1999 : 2001 ", (1999, 2001)),
        ("-0489:-0400", (-489, -400)),  # astronomical years: 490 to 401 BC
        ("-44", (-44, -44)),
        ("-0100:0100", (-100, 100)),
    ],
)
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025:2024", "first year is after the last"),
        ("-10000:2024", "expected FIRST:LAST"),
        ("abc", "expected FIRST:LAST"),
        ("2024:99999", "expected FIRST:LAST"),
        ("", "expected FIRST:LAST"),
    ],
)
def test_bad_years_name_the_value(text, words):
    with pytest.raises(FilterError) as caught:
        parse_years(text)
    assert repr(text) in str(caught.value) and words in str(caught.value)


def test_unknown_topic_is_named():
    with pytest.raises(FilterError, match="'sport'.*known: trade, energy"):
        parse_topics("trade,sport", ["trade", "energy"])


@pytest.fixture
def events(small_events):
    return load_chronology(small_events).events


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (Filters(), ["t4", "t3", "t1", "t2", "t5"]),
        (Filters(years=(2024, 2024)), ["t1"]),
        (Filters(years=(2025, 2025)), ["t2", "t5"]),
        (Filters(years=(2030, 2031)), ["t5"]),  # an open end reaches every later year
        (Filters(years=(2022, 2023)), ["t4", "t3"]),
        (Filters(topics=("energy",)), ["t2"]),
        (Filters(topics=("trade",)), ["t1", "t2", "t5"]),
        (Filters(topics=("energy", "diplomacy")), ["t4", "t3", "t2", "t5"]),
        (Filters(text="GAS"), ["t2"]),  # title, summary and quote, any case
        (Filters(text="quote three"), ["t3"]),
        (Filters(years=(2025, 2025), topics=("diplomacy",)), ["t5"]),
        (Filters(text="nothing like this"), []),
    ],
)
def test_apply_filters(events, filters, ids):
    assert [e.id for e in apply_filters(events, filters)] == ids


def test_year_span_covers_known_bounds(events):
    assert year_span(events) == (2022, 2025)
    assert year_span([]) is None


@pytest.mark.parametrize(
    ("search", "filters"),
    [
        ("", Filters()),
        ("?years=2024:2025", Filters(years=(2024, 2025))),
        ("?topics=trade,energy&q=gas", Filters(topics=("trade", "energy"), text="gas")),
        ("?topics=EU+and+the+West", Filters(topics=("EU and the West",))),
    ],
)
def test_from_query_string(search, filters):
    assert from_query_string(search) == filters


@pytest.mark.parametrize(
    ("search", "words"),
    [
        ("?years=1:99999999", "invalid years"),
        ("?years=2025:2024", "after the last"),
        ("?topics=sport", "unknown"),
    ],
)
def test_bad_url_filters_are_dropped_and_named(search, words):
    filters = from_query_string(search, ["trade"])
    assert filters.years is None and filters.topics == ()
    assert any(words in problem for problem in filters.problems)


topic_names = (
    st.text(
        st.characters(blacklist_characters=",", blacklist_categories=("Cs", "Cc")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@given(
    st.none()
    | st.tuples(st.integers(1, 9999), st.integers(0, 50)).map(
        lambda p: (p[0], min(9999, p[0] + p[1]))
    ),
    st.lists(topic_names, max_size=3, unique=True).map(tuple),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(str.strip),
)
def test_filters_survive_the_url(years, topics, text):
    filters = Filters(years, topics, text)
    assert from_query_string(to_query_string(filters)) == filters


def test_describe_says_what_is_filtered():
    assert Filters().describe() == "no filters"
    text = Filters((2024, 2025), ("trade", "energy"), "gas").describe()
    assert text == "years 2024–2025; topics: trade, energy; text: “gas”"
