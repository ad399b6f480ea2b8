"""The columnar table agrees with the row-by-row reader, caches itself, and counts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from conftest import write_events
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.generate import generate_file
from timeline.query import Filters, apply_filters
from timeline.store import load_chronology
from timeline.table import NO_END, NO_START, cache_path_for, load_table


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / "events.csv"
    generate_file(2000, path, seed=11)
    return path


def test_columns_match_the_row_reader(generated):
    table = load_table(generated, use_cache=False)
    events = load_chronology(generated).events
    assert table.ids == [e.id for e in events]
    assert table.dates == [e.date.edtf for e in events]
    starts = [e.date.start.toordinal() if e.date.start else NO_START for e in events]
    ends = [e.date.end.toordinal() if e.date.end else NO_END for e in events]
    assert table.start.tolist() == starts and table.end.tolist() == ends


FILTERS = st.builds(
    Filters,
    years=st.none() | st.tuples(st.integers(1985, 2030), st.integers(0, 6)).map(
        lambda p: (p[0], p[0] + p[1])),
    topics=st.lists(st.sampled_from(["diplomacy", "trade", "energy", "health", "nope"]),
                    max_size=2, unique=True).map(tuple),
    text=st.sampled_from(["", "event 12", "EVENT 7", "generator", "zzz"]),
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(FILTERS)
def test_vectorised_filters_agree_with_the_row_filters(generated, filters):
    table = load_table(generated, use_cache=False)
    events = load_chronology(generated).events
    expected = {e.id for e in apply_filters(events, filters)}
    assert {table.ids[i] for i in np.flatnonzero(table.mask(filters))} == expected


def test_the_cache_is_used_and_renewed_when_the_file_changes(tmp_path):
    path = write_events(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    assert load_table(path).ids == ["a"]
    assert cache_path_for(path).exists()
    cached = load_table(path)
    assert cached.ids == ["a"] and cached.topic_names[:2] == ("trade", "energy")
    path.write_text(path.read_text() + "b,2025,U,energy,,,Q.,S,\n", encoding="utf-8")
    assert load_table(path).ids == ["a", "b"]


def test_a_damaged_cache_is_ignored(tmp_path):
    path = write_events(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    load_table(path)
    cache_path_for(path).write_bytes(b"not a cache")
    assert load_table(path).ids == ["a"]


def test_problems_survive_the_cache(tmp_path):
    path = write_events(tmp_path, "a,2024-13,T,trade,,,Q.,S,\nb,2024,T,trade,,,Q.,S,\n")
    load_table(path)
    table = load_table(path)
    assert table.ids == ["b"] and [(p.line, p.column) for p in table.problems] == [(2, "date")]


def test_counts_per_topic_and_bucket(tmp_path):
    rows = (
        "a,2020,T,trade,,,Q.,S,\n"  # the whole of 2020
        "b,2020-07,T,trade;energy,,,Q.,S,\n"  # July 2020, in two lanes
        "c,2021-03-01,T,,,,Q.,S,\n"  # a day, no topic
        "d,2019/..,T,energy,,,Q.,S,\n"
    )  # open end: every bucket from 2019
    table = load_table(write_events(tmp_path, rows), use_cache=False)
    first, last = date(2020, 1, 1).toordinal(), date(2023, 12, 31).toordinal()
    counts = table.counts(np.ones(len(table), bool), first, last, buckets=4)  # years
    by_topic = dict(zip((*table.topic_names, "(none)"), counts.tolist(), strict=True))
    assert by_topic["trade"] == [2, 0, 0, 0]
    assert by_topic["energy"] == [2, 1, 1, 1]
    assert by_topic["(none)"] == [0, 1, 0, 0]


def test_the_table_reports_the_same_problems_as_the_row_reader(tmp_path):
    rows = ("a,2024,T,trade,,,Q.,S,\n"
            "b,2024,T,sport,,,Q.,S,\n"   # unknown topic after a good row with the same date
            "c,2024,,trade,,,Q.,S,\n"    # missing title, date and topics seen before
            "d,2024-13,T,trade,,,Q.,S,\n"
            "e,2024,T,trade,,,Q.,S,\n")  # fmt: skip
    path = write_events(tmp_path, rows)
    table = load_table(path, use_cache=False)
    assert table.ids == ["a", "e"]
    assert table.problems == list(load_chronology(path).problems)


def test_rows_in_date_order_match_a_sort_of_the_kept_rows(tmp_path):
    import numpy as np

    from timeline.generate import generate_file
    from timeline.query import Filters
    from timeline.table import TableFile

    path = tmp_path / "events.csv"
    generate_file(2_000, path, seed=3)
    file = TableFile(path)
    keep = file.table.mask(Filters(topics=("trade",)))
    assert 0 < keep.sum() < len(keep)
    rows = np.flatnonzero(keep)
    expected = rows[np.argsort(file.table.start[rows], kind="stable")]
    assert file.by_start(keep).tolist() == expected.tolist()
    assert len(file.by_start()) == len(file.table)
