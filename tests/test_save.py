"""Appending events keeps every existing byte, row order and extra column."""

from __future__ import annotations

import pytest
from conftest import HEADER, write_events

from timeline.dates import parse_edtf
from timeline.errors import FileProblemsError
from timeline.events import Event
from timeline.save import append_events
from timeline.store import load_chronology


def new_event(event_id="n1", edtf="2025-02", title="New"):
    return Event(event_id, parse_edtf(edtf), title, ("trade",), quote="Q.", source="S")


def test_existing_rows_stay_byte_for_byte(small_events):
    before = small_events.read_bytes()
    append_events(small_events, [new_event()])
    after = small_events.read_bytes()
    assert after.startswith(before)
    ids = [e.id for e in load_chronology(small_events).events]
    assert ids == ["t1", "t2", "t3", "t4", "t5", "n1"]


def test_taken_ids_get_a_suffix(small_events):
    written = append_events(small_events, [new_event("t1"), new_event("t1")])
    assert [e.id for e in written] == ["t1-2", "t1-3"]
    assert load_chronology(small_events).problems == ()


def test_extra_columns_are_kept_and_left_blank_for_new_rows(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.strip() + ",url\nx,2024,T,trade,,,Q.,S,,http://x\n", encoding="utf-8")
    append_events(path, [new_event()])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(",http://x") and lines[2].startswith("n1,2025-02,New,trade")
    assert lines[2].count(",") == lines[0].count(",")


def test_a_missing_file_is_created_with_a_header(tmp_path):
    path = tmp_path / "new.csv"
    append_events(path, [new_event()])
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER.strip()


def test_a_file_without_final_newline_is_continued_on_a_new_line(tmp_path):
    path = write_events(tmp_path, "x,2024,T,trade,,,Q.,S,")
    append_events(path, [new_event()])
    assert [e.id for e in load_chronology(path).events] == ["x", "n1"]


def test_a_file_with_a_broken_header_is_not_touched(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("id,date\nx,2024\n", encoding="utf-8")
    with pytest.raises(FileProblemsError, match="missing column"):
        append_events(path, [new_event()])
    assert path.read_text(encoding="utf-8") == "id,date\nx,2024\n"


def test_no_temporary_file_is_left_behind(small_events):
    append_events(small_events, [new_event()])
    assert sorted(p.name for p in small_events.parent.iterdir()) == ["events.csv", "topics.csv"]
