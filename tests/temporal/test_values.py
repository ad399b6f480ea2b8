"""TIMEX3 calendar values: reading, writing and moving them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from timeline.temporal.values import feast_day, parse_value, weekday_in_month


@pytest.mark.parametrize(("value", "unit", "count", "expected"), [
    # a season, quarter or half keeps its granularity only when it lands on one of its starts
    ("2010-SU", "month", 4, "2010-10"),
    ("2010-SU", "month", 3, "2010-FA"),
    ("2010-SU", "month", -4, "2010-02"),
    ("2010-WI", "month", 3, "2011-SP"),
    ("2010-SU", "day", 40, "2010-07"),
    ("2010-SU", "season", 1, "2011-SU"),
    ("2010-Q3", "month", 2, "2010-09"),
    ("2010-Q3", "month", 3, "2010-Q4"),
    ("2010-H1", "month", 6, "2010-H2"),
    ("2010-H1", "month", 1, "2010-02"),
    ("2010-05", "month", 4, "2010-09"),
    # hours, minutes and seconds move a clock time; without one the value stays
    ("2010-05-03T23:30", "hour", 2, "2010-05-04T01:30"),
    ("2010-05-03T00:10", "minute", -20, "2010-05-02T23:50"),
    ("2010-05-03T10:00", "second", 30, "2010-05-03T10:00:30"),
    ("2010-05-03", "hour", -1, "2010-05-03"),
    ("2010-05-03TMO", "hour", 5, "2010-05-03"),
    ("2010-05", "minute", 30, "2010-05"),
    ("2010-05-03T10:00", "day", 1, "2010-05-04"),
    # a day moved by months or years keeps its day of the month, or the month's last
    ("1920-06-12", "month", 1, "1920-07-12"),
    ("1918-03-03", "year", 2, "1920-03-03"),
    ("2024-01-31", "month", 1, "2024-02-29"),
    ("2024-02-29", "year", -1, "2023-02-28"),
])  # fmt: skip
def test_shift(value, unit, count, expected):
    assert parse_value(value).shift(unit, count).format() == expected


@pytest.mark.parametrize("value", [
    "2010-SU", "2010-Q3", "2010-H2", "2010-05", "2010-05-03", "2010-05-03T17:45", "2010-W05",
    "2010-W05-WE", "2010", "199", "19",
])  # fmt: skip
def test_values_read_back_as_written(value):
    assert parse_value(value).format() == value


@pytest.mark.parametrize(
    ("value", "unit", "count", "moved"),
    [
        ("BC0490", "year", 1, "BC0489"),  # the year after 490 BC
        ("BC0480-08", "month", -1, "BC0480-07"),
        ("BC0481-SU", "year", 1, "BC0480-SU"),
        ("BC0001", "year", 1, "0001"),  # after 1 BC comes AD 1
        ("9999-12", "month", -1, "9999-11"),  # a late AD year is not taken for one BC
    ],
)
def test_years_before_christ_move_like_any_other(value, unit, count, moved):
    assert parse_value(value).shift(unit, count).format() == moved


@pytest.mark.parametrize(
    ("value", "granularity", "expected"),
    [
        ("BC0480", "decade", "BC048"),  # the 480s BC are 489 to 480 BC
        ("BC0489", "decade", "BC048"),
        ("BC0490", "decade", "BC049"),
        ("BC0480-08", "decade", "BC048"),
        ("BC0480", "century", "BC04"),  # the 400s BC: 499 to 400 BC
        ("BC0500", "century", "BC05"),
        ("1989", "decade", "198"),
        ("1989-05", "century", "19"),
    ],
)
def test_decades_and_centuries_before_christ_count_down(value, granularity, expected):
    assert parse_value(value).coarsen(granularity).format() == expected


@pytest.mark.parametrize(
    ("year", "rule", "expected"),
    [
        (1914, "12-25", date(1914, 12, 25)),  # a fixed day
        (1999, "11-01-TH+4", date(1999, 11, 25)),  # the fourth Thursday of November
        (2024, "05-31-MO-1", date(2024, 5, 27)),  # the last Monday of May
        (2023, "09-01-MO+1", date(2023, 9, 4)),  # a first Monday falling on the 4th
        (2000, "easter", date(2000, 4, 23)),
        (1998, "easter-2", date(1998, 4, 10)),
        (2024, "orthodox_easter", date(2024, 5, 5)),
        (2024, "02-29", date(2024, 2, 29)),
    ],
)
def test_feast_days(year, rule, expected):
    assert feast_day(year, rule) == expected


@pytest.mark.parametrize(
    ("year", "month", "weekday", "nth", "expected"),
    [
        (2003, 10, 2, 2, date(2003, 10, 14)),  # the second Tuesday of October
        (2025, 6, 5, -1, date(2025, 6, 27)),  # the last Friday of June
        (2024, 2, 4, -1, date(2024, 2, 29)),  # the last Thursday of a leap February
        (2024, 12, 2, -1, date(2024, 12, 31)),  # the last day of the year
        (2024, 9, 1, 1, date(2024, 9, 2)),
    ],
)  # fmt: skip
def test_weekdays_counted_in_a_month(year, month, weekday, nth, expected):
    assert weekday_in_month(year, month, weekday, nth) == expected


def test_a_month_without_a_fifth_such_weekday_is_named():
    with pytest.raises(ValueError, match="2025-02"):
        weekday_in_month(2025, 2, 1, 5)


@pytest.mark.parametrize("rule", ["13-01", "11-01-XX+4", "easter*2", "", "11-01-TH+0"])
def test_a_feast_rule_that_cannot_be_read_is_named(rule):
    with pytest.raises(ValueError, match=re.escape(repr(rule))):
        feast_day(2000, rule)
