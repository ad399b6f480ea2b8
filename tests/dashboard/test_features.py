"""The page's features, their functions called as plain functions: no server, no browser."""

from __future__ import annotations

import base64
import json

import pytest
from conftest import write_events

from timeline.dashboard.controls import controls_from_filters, filters_from_controls
from timeline.dashboard.details import clicked_event_id, details_for
from timeline.dashboard.downloads import download_for
from timeline.dashboard.figure import render_view
from timeline.dashboard.layout import problems_list
from timeline.engine import read_table
from timeline.query import Filters


@pytest.fixture
def chronology(small_events):
    return read_table(small_events)


@pytest.mark.parametrize(
    ("search", "count", "listed"),
    [
        ("", "5 of 5 events", 5),
        ("?years=2024:2024", "1 of 5 events", 1),
        ("?topics=trade", "3 of 5 events", 3),
        ("?q=gas", "1 of 5 events", 1),
        ("?years=2025:2025&topics=diplomacy", "1 of 5 events", 1),
    ],
)
def test_render_view_counts_and_lists_the_same_events(chronology, search, count, listed):
    figure, count_text, items, warnings = render_view(chronology, search, "T")
    assert count_text == count and len(items) == listed
    assert (
        len({c[0] for t in figure.data if t.customdata is not None for c in t.customdata}) == listed
    )
    assert warnings == []


def test_bad_url_filter_is_shown_not_raised(chronology):
    _, count, _, warnings = render_view(chronology, "?years=banana", "T")
    assert count == "5 of 5 events"
    assert "invalid years 'banana'" in warnings[0].children


def test_unusable_rows_are_listed_on_the_page(tmp_path):
    chronology = read_table(
        write_events(tmp_path, "a,2024,T,trade,,,Q.,S,\nb,2024-13,T,trade,,,Q.,S,\n")
    )
    text = str(problems_list(chronology.problems))
    assert "1 problem(s)" in text and "line 3, column date" in text and "2024-13" in text


@pytest.mark.parametrize(
    ("years", "topics", "text", "filters"),
    [
        ([2022, 2025], [], "", Filters()),  # the whole span is no filter
        ([2024, 2025], ["trade"], " gas ", Filters((2024, 2025), ("trade",), "gas")),
        ([2025, 2024], None, None, Filters((2024, 2025))),
    ],
)
def test_controls_and_filters_round_trip(years, topics, text, filters):
    assert filters_from_controls(years, topics, text, (2022, 2025)) == filters
    shown = controls_from_filters(filters, (2022, 2025))
    assert filters_from_controls(*shown, (2022, 2025)) == filters


def test_details_show_quote_source_and_note(chronology):
    text = str(details_for(chronology, "t3"))
    assert "Envoys meet" in text and "Quote three." in text and "Src" in text
    assert "a note" in text and "14 March 2023 (EDTF 2023-03-14)" in text
    assert "No event with id 'gone'" in str(details_for(chronology, "gone"))


def test_a_click_on_the_figure_gives_the_event_id():
    click = {"points": [{"customdata": ["t3", "Envoys meet", "14 March 2023", "diplomacy"]}]}
    assert clicked_event_id(click) == "t3"
    assert clicked_event_id({"points": [{"x": 1}]}) is None
    assert clicked_event_id(None) is None


def test_json_download_is_the_filtered_view(chronology):
    payload = download_for(chronology, "?topics=energy", "json", "T")
    assert payload["filename"] == "timeline.json" and payload["type"] == "application/json"
    records = json.loads(base64.b64decode(payload["content"]))
    assert [r["id"] for r in records] == ["t2"]


@pytest.mark.parametrize("title", ["../../etc/passwd", "/tmp/x", "a\\b"])
def test_download_names_never_come_from_user_text(chronology, title):
    payload = download_for(chronology, "?q=../..", "csv", title)
    assert payload["filename"] == "timeline.csv"


@pytest.mark.parametrize(
    ("fmt", "filename", "media", "marker"),
    [
        ("timelinejs", "timeline.timelinejs.json", "application/json", b'"unique_id": "t2"'),
        ("sheet", "timeline.sheet.csv", "text/csv", b"Gas purchases up"),
        ("ics", "timeline.ics", "text/calendar", b"UID:t2@timeline"),
        ("html", "timeline.html", "text/html", b"Plotly.newPlot"),
    ],
)
def test_interchange_downloads_are_the_filtered_view(chronology, fmt, filename, media, marker):
    payload = download_for(chronology, "?topics=energy", fmt, "T")
    assert (payload["filename"], payload["type"]) == (filename, media)
    data = base64.b64decode(payload["content"])
    assert marker in data
    assert b"Trade deal signed" not in data  # t1 is not in the view
