"""EDTF -> interval, precision, qualifiers and label; property tests against the edtf package."""

from __future__ import annotations

import time

import edtf
import pytest
from edtf.parser.edtf_exceptions import EDTFParseException
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline.dates import SUB_YEAR, parse_edtf
from timeline.days import Day
from timeline.errors import DateError

VALID = [
    # edtf, start, end, precision, approximate, uncertain, label
    # level 0
    ("2024", "2024-01-01", "2024-12-31", "year", False, False, "2024"),
    ("2024-05", "2024-05-01", "2024-05-31", "month", False, False, "May 2024"),
    ("2024-02", "2024-02-01", "2024-02-29", "month", False, False, "February 2024"),
    ("2023-02", "2023-02-01", "2023-02-28", "month", False, False, "February 2023"),
    ("2024-11-28", "2024-11-28", "2024-11-28", "day", False, False, "28 November 2024"),
    ("0001", "0001-01-01", "0001-12-31", "year", False, False, "1"),
    # qualifiers
    ("2024~", "2024-01-01", "2024-12-31", "year", True, False, "c. 2024"),
    ("2024?", "2024-01-01", "2024-12-31", "year", False, True, "2024 (uncertain)"),
    ("2024%", "2024-01-01", "2024-12-31", "year", True, True, "c. 2024 (uncertain)"),
    ("2024-05~", "2024-05-01", "2024-05-31", "month", True, False, "c. May 2024"),
    # seasons, quarters, thirds, halves
    ("2018-21", "2018-03-01", "2018-05-31", "season", False, False, "spring 2018"),
    ("2024-24", "2024-12-01", "2025-02-28", "season", False, False, "winter 2024–2025"),
    ("2023-24", "2023-12-01", "2024-02-29", "season", False, False, "winter 2023–2024"),
    ("2025-33", "2025-01-01", "2025-03-31", "quarter", False, False, "first quarter of 2025"),
    ("2025-36", "2025-10-01", "2025-12-31", "quarter", False, False, "fourth quarter of 2025"),
    ("2025-38", "2025-05-01", "2025-08-31", "third", False, False, "second third of 2025"),
    ("2025-40", "2025-01-01", "2025-06-30", "half", False, False, "first half of 2025"),
    ("2025-41", "2025-07-01", "2025-12-31", "half", False, False, "second half of 2025"),
    # unspecified digits
    ("202X", "2020-01-01", "2029-12-31", "decade", False, False, "2020s"),
    ("19XX", "1900-01-01", "1999-12-31", "century", False, False, "1900 to 1999"),
    ("2024-XX", "2024-01-01", "2024-12-31", "year", False, False, "2024"),
    ("2024-05-XX", "2024-05-01", "2024-05-31", "month", False, False, "May 2024"),
    # intervals
    ("2024/2028", "2024-01-01", "2028-12-31", "year", False, False, "2024 to 2028"),
    ("2025-01/2025-06", "2025-01-01", "2025-06-30", "month", False, False, "January to June 2025"),
    (
        "2024-11-28/2025-02",
        "2024-11-28",
        "2025-02-28",
        "month",
        False,
        False,
        "28 November 2024 to February 2025",
    ),
    ("2025-07/..", "2025-07-01", None, "month", False, False, "from July 2025"),
    ("../2024", None, "2024-12-31", "year", False, False, "until 2024"),
    ("/2024", None, "2024-12-31", "year", False, False, "until 2024 (start unknown)"),
    ("2010/", "2010-01-01", None, "year", False, False, "from 2010 (end unknown)"),
    ("2019~/2021", "2019-01-01", "2021-12-31", "year", True, False, "c. 2019 to 2021"),
    # years before 1: astronomical, 0000 is 1 BC
    ("0000", "0000-01-01", "0000-12-31", "year", False, False, "1 BC"),
    ("-0489", "-0489-01-01", "-0489-12-31", "year", False, False, "490 BC"),
    ("-0043-03-15", "-0043-03-15", "-0043-03-15", "day", False, False, "15 March 44 BC"),
    ("-0275~", "-0275-01-01", "-0275-12-31", "year", True, False, "c. 276 BC"),
    ("-01XX", "-0199-01-01", "-0100-12-31", "century", False, False, "200 BC to 101 BC"),
    ("-0415-22", "-0415-06-01", "-0415-08-31", "season", False, False, "summer 416 BC"),
    ("Y-1E3", "-1000-01-01", "-1000-12-31", "year", False, False, "1001 BC"),
    ("-0336/-0323", "-0336-01-01", "-0323-12-31", "year", False, False, "337 BC to 324 BC"),
    # times of day: bounds in UTC, the label as the source wrote it
    (
        "2004-01-01T10:10:10Z",
        "2004-01-01T10:10:10Z",
        "2004-01-01T10:10:10Z",
        "second",
        False,
        False,
        "1 January 2004, 10:10:10 UTC",
    ),
    (
        "2004-01-01T03:10:10+05:00",
        "2003-12-31T22:10:10Z",
        "2003-12-31T22:10:10Z",
        "second",
        False,
        False,
        "1 January 2004, 03:10:10 UTC+05:00",
    ),
    (
        "2019-06-02T16:30:00-0430",
        "2019-06-02T21:00:00Z",
        "2019-06-02T21:00:00Z",
        "second",
        False,
        False,
        "2 June 2019, 16:30:00 UTC-04:30",
    ),
    (
        "2001-02-03T09:30:01",
        "2001-02-03T09:30:01",
        "2001-02-03T09:30:01",
        "second",
        False,
        False,
        "3 February 2001, 09:30:01",
    ),
    # a qualifier on a part: after a part for it and those before, before a part for it alone
    (
        "2004?-06-11",
        "2004-06-11",
        "2004-06-11",
        "day",
        False,
        True,
        "2004 (year uncertain), 11 June",
    ),
    (
        "2004-06~-11",
        "2004-06-11",
        "2004-06-11",
        "day",
        True,
        False,
        "2004 (year approximate), 11 June (month approximate)",
    ),
    (
        "2004-06-~11",
        "2004-06-11",
        "2004-06-11",
        "day",
        True,
        False,
        "2004, 11 June (day approximate)",
    ),
    (
        "?2004-%06",
        "2004-06-01",
        "2004-06-30",
        "month",
        True,
        True,
        "2004 (year uncertain), June (month uncertain and approximate)",
    ),
    ("2004-06-11%", "2004-06-11", "2004-06-11", "day", True, True, "c. 11 June 2004 (uncertain)"),
    ("~2024", "2024-01-01", "2024-12-31", "year", True, False, "c. 2024"),
    # unspecified digits anywhere: from the earliest day the date can be to the latest
    (
        "156X-12-25",
        "1560-12-25",
        "1569-12-25",
        "day",
        False,
        False,
        "25 December, a year in 1560–1569",
    ),
    ("1560-XX-25", "1560-01-25", "1560-12-25", "day", False, False, "day 25 of a month in 1560"),
    ("2024-05-3X", "2024-05-30", "2024-05-31", "day", False, False, "a day in 30–31 May 2024"),
    ("2024-1X", "2024-10-01", "2024-12-31", "year", False, False, "2024"),
    (
        "15XX-12-XX",
        "1500-12-01",
        "1599-12-31",
        "month",
        False,
        False,
        "December, a year in 1500–1599",
    ),
    ("XXXX", "0000-01-01", "9999-12-31", "millennium", False, False, "a year in 1 BC–9999"),
    # significant digits: the width of the digits given, the estimate in the label
    (
        "1950S2",
        "1900-01-01",
        "1999-12-31",
        "century",
        False,
        False,
        "1950, estimated (a year in 1900–1999)",
    ),
    (
        "1953S3",
        "1950-01-01",
        "1959-12-31",
        "decade",
        False,
        False,
        "1953, estimated (a year in 1950–1959)",
    ),
]


@pytest.mark.parametrize(
    ("value", "start", "end", "precision", "approx", "uncertain", "label"), VALID
)
def test_valid_dates(value, start, end, precision, approx, uncertain, label):
    fuzzy = parse_edtf(value)
    assert fuzzy.as_dict() == {
        "edtf": value,
        "start": start,
        "end": end,
        "precision": precision,
        "approximate": approx,
        "uncertain": uncertain,
        "label": label,
    }


@pytest.mark.parametrize(
    ("value", "open_start", "open_end"),
    [
        ("2025-07/..", False, True),
        ("../2024", True, False),
        ("/2024", False, False),
        ("2024/2028", False, False),
    ],
)
def test_open_ends_are_flagged(value, open_start, open_end):
    fuzzy = parse_edtf(value)
    assert (fuzzy.open_start, fuzzy.open_end) == (open_start, open_end)


INVALID = [
    # value, words the message must contain
    ("", "empty"),
    ("   ", "empty"),
    (" 2024", "spaces"),
    ("2024-13", "month 13 does not exist"),
    ("2024-00", "month 00 does not exist"),
    ("0000-00", "month 00 does not exist"),
    ("2024-2X", "month 2X does not exist"),
    ("99999", "written with Y"),
    ("-10000", "written with Y"),
    ("-0000", "year zero has no sign"),
    ("Y170000002", "outside the supported -9999..9999"),
    ("Y-17E7", "outside the supported -9999..9999"),
    ("Y17E7-12-26", "has no month or day"),
    ("9999-24", "outside the supported -9999..9999"),
    ("2024-02-30", "day 30 does not exist"),
    ("2023-02-29", "day 29 does not exist"),
    ("2024-02-3X", "day 3X does not exist"),
    ("2024-40-01", "has no day"),
    ("2028/2024", "ends before it starts"),
    ("2024/2025/2026", "exactly one '/'"),
    ("../..", "at least one known end"),
    ("/", "at least one known end"),
    ("[2024, 2025", "closes with ']'"),
    ("[]", "a set lists dates"),
    ("{2024,,2025}", "a set lists dates"),
    ("[2024..2020]", "ends before it starts"),
    ("1950S5", "1 to 4 significant digits"),
    ("2024-05-17T25:00:00", "is not a time of day"),
    ("2024-05-17T10:00:00+15:00", "is not a time zone offset"),
    ("2024-05T10:00:00", "needs a complete date"),
    ("2024-05-17T10:00", "a time is written"),
    ("May 2024", "expected YYYY"),
    ("24", "expected YYYY"),
]


@pytest.mark.parametrize(("value", "words"), INVALID)
def test_invalid_dates_name_the_value_and_reason(value, words):
    with pytest.raises(DateError) as caught:
        parse_edtf(value, where="events.csv, line 7")
    message = str(caught.value)
    assert message.startswith(f"events.csv, line 7: invalid date {value!r}")
    assert words in message


def test_sorting_is_by_start_then_end():
    values = ["2025-02", "2024", "2024-05", "../2023", "2024/2028", "2025-07/..", "2024-01-01"]
    ordered = sorted((parse_edtf(v) for v in values), key=lambda d: d.sort_key)
    assert [d.edtf for d in ordered] == [
        "../2023",
        "2024-01-01",
        "2024",
        "2024/2028",
        "2024-05",
        "2025-02",
        "2025-07/..",
    ]


def test_interval_is_a_pendulum_interval():
    interval = parse_edtf("2025-40").interval()
    assert (interval.start.isoformat(), interval.end.isoformat()) == ("2025-01-01", "2025-06-30")
    assert interval.in_days() == 180
    with pytest.raises(DateError, match="open or unknown"):
        parse_edtf("2025-07/..").interval()


@pytest.mark.parametrize(
    ("value", "first", "last", "expected"),
    [
        ("2024-05", "2024-01-01", "2024-12-31", True),
        ("2024-05", "2024-06-01", "2024-12-31", False),
        ("2024-05", "2024-05-31", "2024-05-31", True),
        ("2025-07/..", "2030-01-01", "2030-12-31", True),
        ("2025-07/..", "2020-01-01", "2025-06-30", False),
        ("../2023", "1900-01-01", "1900-12-31", True),
        ("2024/2028", "2026-01-01", None, True),
        ("-0489", "-0489-09-01", "-0489-09-30", True),
        ("-0489", "-0488-01-01", "2024-12-31", False),
        # a set is possibly in each of its members' years, not in the years between them
        ("[1667, 1760-12]", "1700-01-01", "1700-12-31", False),
        ("[1667, 1760-12]", "1760-01-01", "1760-12-31", True),
        ("[1667, 1668, 1670..1672]", "1669-01-01", "1669-12-31", False),
        ("[1667, 1668, 1670..1672]", "1671-01-01", "1671-12-31", True),
        ("{1960, 1961-12}", "1961-01-01", "1961-06-30", False),
        ("[..1760-12-03]", "1500-01-01", "1500-12-31", True),
        ("[1760-01, 1760-12..]", "1900-01-01", "1900-12-31", True),
        ("[1760-01, 1760-12..]", "1760-03-01", "1760-03-31", False),
    ],
)
def test_overlaps(value, first, last, expected):
    as_day = Day.fromisoformat
    assert parse_edtf(value).overlaps(as_day(first), last and as_day(last)) is expected


# --- property tests -----------------------------------------------------------------------

years = st.integers(min_value=1, max_value=9998).map(lambda y: f"{y:04d}")
qualifiers = st.sampled_from(["", "", "~", "?", "%"])


@st.composite
def single_dates(draw):
    year = draw(years)
    kind = draw(st.sampled_from(["year", "month", "day", "sub", "decade", "century"]))
    if kind == "month":
        text = f"{year}-{draw(st.integers(1, 12)):02d}"
    elif kind == "day":
        month = draw(st.integers(1, 12))
        text = f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}"
    elif kind == "sub":
        text = f"{year}-{draw(st.sampled_from(sorted(SUB_YEAR)))}"
    elif kind == "decade":
        text = year[:3] + "X"
    elif kind == "century":
        text = year[:2] + "XX"
    else:
        text = year
    return text + draw(qualifiers)


@st.composite
def edtf_values(draw):
    if draw(st.booleans()):
        return draw(single_dates())
    first, last = draw(single_dates()), draw(single_dates())
    first = draw(st.sampled_from([first, first, "..", ""]))
    last = draw(st.sampled_from([last, last, "..", ""]))
    assume((first, last) not in {("..", ".."), ("", ""), ("..", ""), ("", "..")})
    return f"{first}/{last}"


@given(edtf_values())
def test_start_is_never_after_end(value):
    try:
        fuzzy = parse_edtf(value)
    except DateError as error:
        assert "ends before it starts" in str(error)
        return
    if fuzzy.start and fuzzy.end:
        assert fuzzy.start <= fuzzy.end
    assert fuzzy.label


@given(st.text(max_size=30))
def test_any_text_gives_a_date_or_a_date_error(value):
    try:
        fuzzy = parse_edtf(value)
    except DateError as error:
        assert repr(value) in str(error)
    else:
        assert fuzzy.edtf == value


# Where we deliberately differ from the edtf package's strict bounds, and why:
# - winter (24, 28) and the southern summer (30) run December to February; the package
#   ends them on 31 December of the same year, leaving out January and February;
# - an unknown start or end ("/2024") is unknown to us; the package invents one 10 years off;
# - an open end ("..") has no bound; the package raises a TypeError for its bounds;
# - 000X, 00XX and 0XXX start in year 1: Python dates have no year 0.
WINTER_CODES = {"24", "28", "30"}


def _package_bounds(value: str) -> tuple[str, str]:
    parsed = edtf.parse_edtf(value)
    return _iso(parsed.lower_strict()), _iso(parsed.upper_strict())


def _iso(bound: time.struct_time) -> str:
    return f"{bound.tm_year:04d}-{bound.tm_mon:02d}-{bound.tm_mday:02d}"


def _deliberately_different(value: str) -> bool:
    parts = value.split("/")
    ends_in_winter = parts[-1].rstrip("~?%")[-2:] in WINTER_CODES and len(parts[-1]) > 6
    from_year_zero = any(part.startswith(("000X", "00XX", "0XXX")) for part in parts)
    return ends_in_winter or from_year_zero or any(part in ("", "..") for part in parts)


@given(edtf_values())
def test_bounds_agree_with_the_edtf_package(value):
    assume(not _deliberately_different(value))
    try:
        expected = _package_bounds(value)
    except EDTFParseException:
        assume(False)  # compared only where the package reads the value (not "2024-21~")
    try:
        fuzzy = parse_edtf(value)
    except DateError as error:  # we refuse reversed intervals; the package reads them
        assert "ends before it starts" in str(error) and expected[0] > expected[1]
        return
    assert (fuzzy.start.isoformat(), fuzzy.end.isoformat()) == expected


@pytest.mark.parametrize(
    ("value", "ours", "package"),
    [
        ("2024-24", ("2024-12-01", "2025-02-28"), ("2024-12-01", "2024-12-31")),
        ("2023-28", ("2023-12-01", "2024-02-29"), ("2023-12-01", "2023-12-31")),
    ],
)
def test_winter_runs_into_the_next_year_unlike_the_edtf_package(value, ours, package):
    fuzzy = parse_edtf(value)
    assert (fuzzy.start.isoformat(), fuzzy.end.isoformat()) == ours
    assert _package_bounds(value) == package
