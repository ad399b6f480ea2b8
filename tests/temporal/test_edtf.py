"""TIMEX3 values and the EDTF dates of events files."""

from __future__ import annotations

import pytest

from timeline.dates import parse_edtf
from timeline.temporal.edtf import edtf_to_timex, timex_to_edtf


@pytest.mark.parametrize(("timex", "edtf"), [
    ("2024-05", "2024-05"),
    ("2024-05-07", "2024-05-07"),
    ("2025-H1", "2025-40"),
    ("2025-H2", "2025-41"),
    ("2025-Q2", "2025-34"),
    ("2018-SP", "2018-21"),
    ("2018-WI", "2018-24"),
    ("199", "199X"),
    ("19", "19XX"),
    ("2013-W11", "2013-03-11/2013-03-17"),
    ("2013-W11-WE", "2013-03-16/2013-03-17"),
    ("1998-08-07TMO", "1998-08-07"),
    ("1998-08-07T10:30", "1998-08-07T10:30:00"),
    ("2019-06-02T16:30Z", "2019-06-02T16:30:00Z"),
    ("2019-06-02T16:30:15+05:30", "2019-06-02T16:30:15+05:30"),
    ("BC0490", "-0489"),
    ("BC0044-03-15", "-0043-03-15"),
    ("BC0001", "0000"),
    ("BC049", "-0498/-0489"),
    ("BC04", "-0498/-0399"),
])  # fmt: skip
def test_timex_to_edtf(timex, edtf):
    assert timex_to_edtf(timex) == edtf
    parse_edtf(edtf)  # every result is a date events files accept


@pytest.mark.parametrize(
    "timex", ["P3Y", "PRESENT_REF", "PAST_REF", "XXXX", "XXXX-03", "P1D", "BC0000", "BCXX"]
)
def test_values_without_a_date(timex):
    assert timex_to_edtf(timex) is None


@pytest.mark.parametrize("timex", ["2024", "2024-05", "2024-05-07", "2025-H1", "2025-Q4",
                                   "2018-FA", "199", "19"])  # fmt: skip
def test_round_trip(timex):
    assert edtf_to_timex(timex_to_edtf(timex)) == timex


def test_intervals_and_qualified_dates_have_no_single_timex():
    assert edtf_to_timex("2024/2028") is None and edtf_to_timex("2024~") is None
