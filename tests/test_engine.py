"""The engine reads any events file as the row-by-row rules do, filters as they do, caches
itself, counts, and reads again what changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import HEADER, TOPICS, write_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates import parse_edtf
from timeline.days import Day
from timeline.engine import (
    NO_TOPIC,
    EventSource,
    cache_path_for,
    in_order,
    load_chronology,
    read_table,
)
from timeline.events import COLUMNS
from timeline.generate import generate_file
from timeline.query import Filters
from timeline.store import Reading, event_from_row, read_rows, read_vocabulary, topics_path_for
from timeline.write import replace_atomically


def reference(path):
    """The file read row by row with the store's rules: (events, problems), the oracle."""
    reading = Reading(str(path))
    topics_file = topics_path_for(path)
    vocabulary = read_vocabulary(topics_file, reading) if topics_file.exists() else None
    events, seen = [], {}
    for line, row in read_rows(path, reading):
        try:
            event = event_from_row(str(path), line, row, vocabulary)
        except Exception as error:  # FileProblemsError: its problems are the row's
            reading.problems.extend(error.problems)
            continue
        if event.id in seen:
            message = f"duplicate id; first used on line {seen[event.id]}"
            reading.problem(line, "id", event.id, message)
            continue
        seen[event.id] = line
        events.append(event)
    return events, reading.problems


def passes(event, filters: Filters) -> bool:
    """The filters, one event at a time: a date is in a year range if it overlaps it."""
    if filters.years:
        first, last = Day.of(filters.years[0]), Day.of(filters.years[1], 12, 31)
        if not event.date.overlaps(first, last):
            return False
    lanes = event.topics or (NO_TOPIC,)
    if filters.topics and not set(lanes) & set(filters.topics):
        return False
    text = f"{event.title}\x1f{event.summary}\x1f{event.quote}".lower()
    return not filters.text or filters.text.lower() in text


# --- any file, read as the rows read ---------------------------------------------------------

CELL = st.text(alphabet=st.sampled_from('ab ,"\n\r;\u00e9'), max_size=6)
DATES = st.sampled_from(["2024", "2024-05", "2025-40", "2023~", "2025-07/..", "2024-13", "", " "])
TOPIC_CELLS = st.sampled_from(["trade", "energy;trade", "", "sport", " diplomacy ;", "trade;x"])


@st.composite
def events_files(draw):
    """An events file with every kind of row: good, blank, ragged, bad dates and topics,
    duplicate ids, quoted line breaks; \\n, \\r\\n or \\r line breaks; a BOM or not."""
    import csv
    import io

    rows = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["good", "good", "good", "blank", "short", "long", "odd"]))
        row = [
            draw(st.sampled_from(["a", "b", "c", " d", "e e"])),
            draw(DATES),
            draw(CELL),
            draw(TOPIC_CELLS),
            draw(CELL),
            draw(CELL),
            draw(CELL),
            draw(st.sampled_from(["S", "", "src"])),
            draw(CELL),
        ]
        if kind == "blank":
            row = [""] * draw(st.integers(1, 9))
        elif kind == "short":
            row = row[: draw(st.integers(1, 8))]
        elif kind == "long":
            row = [*row, "extra"]
        rows.append(row)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([list(COLUMNS), *rows])
    text = buffer.getvalue().replace("\r\n", "\0").replace("\0", newline)
    if draw(st.booleans()) and newline != "\r":
        text += 'tv,2024,5" screen,trade,,,Q.,S,' + newline  # a bare quote mark: exact reader
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=events_files(), with_topics=st.booleans())
def test_any_file_reads_as_its_rows_read_one_by_one(tmp_path_factory, text, with_topics):
    folder = tmp_path_factory.mktemp("any")
    path = folder / "events.csv"
    path.write_bytes(text.encode("utf-8"))
    if with_topics:
        (folder / "topics.csv").write_text(TOPICS, encoding="utf-8")
    events, problems = reference(path)
    table = read_table(path)
    assert table.all_events() == events
    assert list(table.problems) == problems


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / "events.csv"
    generate_file(2000, path, seed=11)
    return path


FILTERS = st.builds(
    Filters,
    years=st.none() | st.tuples(st.integers(1985, 2030), st.integers(0, 6)).map(
        lambda p: (p[0], p[0] + p[1])),
    topics=st.lists(st.sampled_from(["diplomacy", "trade", "energy", "health", NO_TOPIC]),
                    max_size=2, unique=True).map(tuple),
    text=st.sampled_from(["", "event 12", "EVENT 7", "generator", "zzz"]),
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(FILTERS)
def test_filters_agree_with_the_filters_of_single_events(generated, filters):
    table = read_table(generated)
    events = table.all_events()
    expected = [e.id for e in sorted(events, key=lambda e: e.date.sort_key) if passes(e, filters)]
    assert table.matching(filters).get_column("id").to_list() == expected


HISTORY = (
    "marathon,-0489-09,Marathon,trade,,,Q.,S,\n"
    "ides,-0043-03-15,Ides,trade,,,Q.,S,\n"
    "bc,-0336/-0323,Alexander,trade,,,Q.,S,\n"
    "bomb,1998-12-31T23:30:00-02:00,Bomb,trade,,,Q.,S,\n"
    'treaty,"[1667, 1668, 1670..1672]",Treaty,trade,,,Q.,S,\n'
    'both,"{1960, 1961-12}",Both,trade,,,Q.,S,\n'
    'later,"[1760-01, 1760-12..]",Later,trade,,,Q.,S,\n'
    "part,2004?-06-~11,Part,trade,,,Q.,S,\n"
    "some,156X-12-25,Some,trade,,,Q.,S,\n"
)


@pytest.mark.parametrize(
    ("years", "ids"),
    [
        ((-500, -400), ["marathon"]),
        ((-43, -43), ["ides"]),  # 44 BC
        ((-330, -330), ["bc"]),
        ((1669, 1669), []),  # between the candidates of a one-of set: not possibly in it
        ((1671, 1671), ["treaty"]),
        ((1961, 1961), ["later", "both"]),  # "or later" reaches on
        ((1700, 1759), []),
        ((1998, 1998), ["later"]),  # 23:30 on 31 December at UTC-2 is 1999 in UTC
        ((1999, 1999), ["later", "bomb"]),
        ((1565, 1565), ["some"]),
        ((2004, 2004), ["later", "part"]),
    ],
)
def test_years_filter_the_rest_of_edtf_as_single_events_do(tmp_path, years, ids):
    path = write_events(tmp_path, HISTORY)
    table = read_table(path)
    assert table.problems == ()
    filters = Filters(years)
    assert table.matching(filters).get_column("id").to_list() == ids
    in_order = sorted(table.all_events(), key=lambda e: e.date.sort_key)
    assert [e.id for e in in_order if passes(e, filters)] == ids


# --- the cache ---------------------------------------------------------------------------------


def big_enough(tmp_path, rows: str):
    """A file over the size from which the engine keeps a cache."""
    from timeline.settings import current

    path = write_events(tmp_path, rows)
    padding = "".join(
        f"p{n},2020,Padding,trade,,,{'Q' * 200},S,\n"
        for n in range(current().cache_min_bytes // 200)
    )
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    return path


def data_files(path):
    return sorted(path.parent.glob(f".{path.name}.timeline-cache.*.arrow"))


def test_the_cache_is_used_and_renewed_when_the_file_changes(tmp_path):
    path = big_enough(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    first = read_table(path)
    assert cache_path_for(path).exists() and len(data_files(path)) == 1
    again = read_table(path)
    assert again.frame.equals(first.frame) and again.topic_names == first.topic_names
    with path.open("a", encoding="utf-8") as handle:
        handle.write("b,2025,U,energy,,,Q.,S,\n")
    changed = read_table(path)
    assert len(changed) == len(first) + 1 and changed.frame.get_column("id")[-1] == "b"
    assert len(data_files(path)) == 1  # the old data went with its description


def test_a_touched_file_keeps_its_cache_and_a_changed_one_does_not(tmp_path, monkeypatch):
    import timeline.engine as engine

    path = big_enough(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    read_table(path)
    parsed = []
    real = engine._parse
    monkeypatch.setattr(engine, "_parse", lambda *a: parsed.append(1) or real(*a))
    os.utime(path, ns=(1, 1))  # touched: the same bytes
    assert read_table(path).frame.get_column("id")[0] == "a" and parsed == []
    data = path.read_bytes()
    path.write_bytes(data.replace(b"a,2024,T,", b"a,2023,T,"))  # same size, other bytes
    os.utime(path, ns=(1, 1))
    assert read_table(path).find("a").date.edtf == "2023" and parsed == [1]


@pytest.mark.parametrize("damage", [b"not json", b'{"key": 1}'])
def test_a_damaged_cache_is_read_again(tmp_path, damage):
    path = big_enough(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    read_table(path)
    cache_path_for(path).write_bytes(damage)
    assert read_table(path).find("a").title == "T"


def test_a_missing_data_file_is_read_again(tmp_path):
    path = big_enough(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    read_table(path)
    for data in data_files(path):
        data.unlink()
    assert read_table(path).find("a").title == "T"


def test_problems_and_unusable_ids_survive_the_cache(tmp_path):
    path = big_enough(tmp_path, "a,2024-13,T,trade,,,Q.,S,\nb,2024,T,trade,,,Q.,S,\n")
    read_table(path)
    table = read_table(path)
    assert [(p.line, p.column) for p in table.problems] == [(2, "date")]
    assert table.unusable_ids == ("a",) and table.find("b") is not None


def test_a_small_file_leaves_no_cache_behind(small_events):
    read_table(small_events)
    names = sorted(p.name for p in small_events.parent.iterdir())
    assert names == ["events.csv", "topics.csv"]


def test_a_new_vocabulary_is_read_with_the_events(tmp_path):
    path = big_enough(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    assert read_table(path).problems == ()
    topics = path.with_name("topics.csv")
    topics.write_text(TOPICS.replace("trade,#2ca02c,Trade\n", ""), encoding="utf-8")
    assert {p.value for p in read_table(path).problems} == {"trade"}


# --- counting, spans, lanes -------------------------------------------------------------------


def test_counts_per_lane_and_bucket(tmp_path):
    rows = (
        "a,2020,T,trade,,,Q.,S,\n"  # the whole of 2020
        "b,2020-07,T,trade;energy,,,Q.,S,\n"  # July 2020, in two lanes
        "c,2021-03-01,T,,,,Q.,S,\n"  # a day, no topic
        "d,2019/..,T,energy,,,Q.,S,\n"  # open end: every bucket from 2019
    )
    table = read_table(write_events(tmp_path, rows))
    first, last = date(2020, 1, 1).toordinal(), date(2023, 12, 31).toordinal()
    lanes = table.lanes()
    assert lanes == ["trade", "energy", NO_TOPIC]
    counts = table.counts(table.frame, lanes, first, last, buckets=4)  # years
    assert dict(zip(lanes, counts.tolist(), strict=True)) == {
        "trade": [2, 0, 0, 0],
        "energy": [2, 1, 1, 1],
        NO_TOPIC: [0, 1, 0, 0],
    }


def test_two_hundred_topics_are_filtered_and_counted(tmp_path):
    names = [f"topic {n:03d}" for n in range(200)]
    topics = "name,colour,description\n" + "".join(f"{n},#123456,\n" for n in names)
    rows = "".join(
        f"e{n},2024,T,{names[n % 200]};{names[(n * 7) % 200]},,,Q.,S,\n" for n in range(400)
    )
    table = read_table(write_events(tmp_path, rows, topics=topics))
    assert table.problems == () and len(table.topic_names) == 200
    chosen = table.matching(Filters(topics=("topic 199",)))
    expected = {f"e{n}" for n in range(400) if 199 in (n % 200, (n * 7) % 200)}
    assert set(chosen.get_column("id")) == expected
    lanes = table.lanes(chosen, ("topic 199",))
    assert table.counts(chosen, lanes, 738886, 739251, 1).tolist() == [[len(expected)]]


def test_spans_and_date_order(small_events):
    table = read_table(small_events)
    assert table.year_span() == (2022, 2025)
    assert in_order(table.frame).get_column("id").to_list() == ["t4", "t3", "t1", "t2", "t5"]


# --- reading again ----------------------------------------------------------------------------


def test_a_file_that_grows_or_shrinks_is_read_again(small_events):
    source = EventSource(small_events)
    assert len(source.table()) == 5
    with small_events.open("a", encoding="utf-8") as handle:
        handle.write("t6,2021,Six,trade,,,Q.,S,\n")
    assert len(source.table()) == 6
    small_events.write_text(HEADER + "t1,2024,One,trade,,,Q.,S,\n", encoding="utf-8")
    assert len(source.table()) == 1


@pytest.mark.parametrize(
    ("failure", "unreadable"),
    [
        (FileNotFoundError(2, "No such file or directory"), True),  # renamed away mid-read
        (PermissionError(13, "Permission denied"), True),
        (ZeroDivisionError("division by zero"), False),  # a bug: not worth asking again
    ],
)
def test_a_failed_reading_says_whether_asking_again_may_help(
    small_events, monkeypatch, failure, unreadable
):
    import timeline.engine as engine
    from timeline.errors import FileUnreadable, TimelineError

    def failing(*args, **kwargs):
        raise failure

    monkeypatch.setattr(engine, "read_table", failing)
    message = f"{small_events}: could not be read: {failure}"
    with pytest.raises(TimelineError, match=re.escape(message)) as raised:
        EventSource(small_events).table()
    assert isinstance(raised.value, FileUnreadable) is unreadable


def test_a_reader_that_must_not_wait_gets_the_last_table_and_a_status(small_events):
    import threading

    import timeline.engine as engine

    source = EventSource(small_events)
    assert len(source.table()) == 5
    gate, started = threading.Event(), threading.Event()
    real = engine.read_table

    def slow(*args):
        started.set()
        gate.wait()
        return real(*args)

    engine.read_table = slow
    try:
        small_events.write_text(HEADER + "t1,2024,One,trade,,,Q.,S,\n", encoding="utf-8")
        assert len(source.ready()) == 5  # the last one, while the new is read
        started.wait()
        assert source.status() == "Reading events.csv…"
    finally:
        engine.read_table = real
        gate.set()
    assert len(source.table()) == 1 and source.status() is None


def test_a_reader_that_waits_gets_the_file_as_it_is_not_a_reading_begun_before_it_changed(
    small_events, monkeypatch
):
    """The page starts a reading when it opens; a save while that reading is under way must
    not hand the save's answer the table of the file before it (the save's redraw then read
    the rows of a file that had changed meanwhile)."""
    import threading

    import timeline.engine as engine

    source = EventSource(small_events)
    gate, read = threading.Event(), threading.Event()
    real = engine.read_table

    def read_then_wait(*args):
        table = real(*args)
        read.set()
        gate.wait()
        return table

    monkeypatch.setattr(engine, "read_table", read_then_wait)
    assert source.ready() is None  # a reading begins, of the file with its 5 events
    read.wait()
    small_events.write_text(HEADER + "t1,2024,One,trade,,,Q.,S,\n", encoding="utf-8")
    monkeypatch.setattr(engine, "read_table", real)
    gate.set()
    table = source.table()
    assert len(table) == 1 and table.stamp == engine.Stamp.of(small_events)


@pytest.mark.parametrize("asked_first", [False, True], ids=["not asked before", "asked before"])
def test_a_table_reads_its_own_rows_after_its_file_is_replaced(small_events, asked_first):
    """Every save renames a new file over the old one; a table read before it (a page being
    made) still reads its events' other cells from the file it was read from."""
    table = read_table(small_events)
    if asked_first:
        table.all_events()
    expected, _ = reference(small_events)
    rows = small_events.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [rows[0], "t0,2020,Zero,trade,,,Another quote.,S,\n", *rows[1:]]
    replace_atomically(small_events, "".join(changed).encode())
    assert table.all_events() == expected


CUT_IN_PLACE = """
import sys
from pathlib import Path
from timeline.engine import read_table
from timeline.errors import TimelineError
path = Path(sys.argv[1])
table = read_table(path)
table.all_events()
path.write_bytes(path.read_bytes()[:40])  # an editor saving over the file, much shorter
try:
    table.all_events()
except TimelineError as error:
    print(error)
"""


def test_a_file_cut_short_in_place_is_an_error_for_the_table_read_before_not_a_crash(
    tmp_path,
):
    """Many pages of rows, so that the old rows lie well past the new end of the file."""
    rows = [f"e{n},2020,Event {n},trade,,,Quote {n}.,S,\n" for n in range(3000)]
    events = write_events(tmp_path, "".join(rows))
    run = subprocess.run(
        [sys.executable, "-c", CUT_IN_PLACE, str(events)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == f"{events} changed while it was read; read it again\n"


def test_the_whole_file_as_events(small_events):
    chronology = load_chronology(small_events)
    assert [e.id for e in chronology.events] == ["t1", "t2", "t3", "t4", "t5"]
    assert chronology.events[1].date == parse_edtf("2025-40") and chronology.ok
