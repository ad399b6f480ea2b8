"""TimelineJS3 JSON, its sheet CSV and iCalendar: out and back in without losing anything."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pytest
from conftest import ROOT

from timeline.dates import parse_edtf
from timeline.engine import load_chronology
from timeline.interchange import edtf_for_days, known_span, reader, writer

FORMATS = ("timelinejs", "sheet", "ics")
EVERY_WIDTH = """\
    d1,2024-05-17,A day,trade,A;B,A summary,Quote “one”.,https://example.org/a,
    m1,2024-05,A month,energy,,,Quote two.,Src,a note
    y1,2023,A year,diplomacy,,,Quote three.,Src,
    h1,2025-40,First half,trade;energy,,,Quote four.,Src,
    s1,2018-21,A spring,diplomacy,,,Quote five.,Src,
    q1,2025-34,A quarter,trade,,,Quote six.,Src,
    a1,2024~,About a year,trade,,,Quote seven.,Src,
    u1,2024-06?,Maybe June,trade,,,Quote eight.,Src,
    o1,2010/..,Since 2010,diplomacy,,,Quote nine.,Src,
    o2,../2025-03,Until March,diplomacy,,,Quote ten.,Src,
    i1,2024-05-03/2024-06-20,Days apart,trade,,,Quote eleven.,Src,
    i2,2023-11/2024-02,Months apart,trade,,,Quote twelve.,Src,
    x1,202X,A decade,trade,,,"=cmd|' /C calc'!A0",Src,
    t1,2024,"<b>Bold</b> & <script>alert(1)</script>",trade,,,Quote <i>.,Src,
    c1,2004-01-01T10:10:10+05:00,A moment,trade,,,Quote thirteen.,Src,
    c2,2001-02-03T09:30:01,A moment without a zone,trade,,,Quote fourteen.,Src,
    s2,"[1667, 1668, 1670..1672]",One of these years,trade,,,Quote fifteen.,Src,
    s3,"{1960, 1961-12}",All of these,trade,,,Quote sixteen.,Src,
    p1,2004?-06-~11,Parts qualified,trade,,,Quote seventeen.,Src,
    g1,1950S2,Significant digits,trade,,,Quote eighteen.,Src,
    """
BEFORE_YEAR_1 = """\
    m1,-0489-09,Marathon,trade,,,Quote one.,Src,
    c1,-0043-03-15,Ides,trade,,,Quote two.,Src,
    """


@pytest.fixture
def every_width(tmp_path):
    from conftest import write_events

    return load_chronology(write_events(tmp_path, EVERY_WIDTH))


@pytest.mark.parametrize("fmt", ["timelinejs", "sheet"])
def test_years_before_1_come_back_the_same(tmp_path, fmt):
    from conftest import write_events

    chronology = load_chronology(write_events(tmp_path, BEFORE_YEAR_1))
    data = writer(fmt)(chronology.events, chronology.topics, "History")
    back = reader(fmt)(data, f"out.{fmt}")
    assert [e.as_row() for e in back.events] == [e.as_row() for e in chronology.events]


def test_a_timelinejs_slide_before_year_1_has_a_negative_year_and_its_label(tmp_path):
    from conftest import write_events

    chronology = load_chronology(write_events(tmp_path, BEFORE_YEAR_1))
    slides = json.loads(writer("timelinejs")(chronology.events, chronology.topics, "T"))
    first, second = slides["events"]
    assert (first["start_date"], first["display_date"]) == (
        {"year": -489, "month": 9},
        "September 490 BC",
    )
    assert second["start_date"] == {"year": -43, "month": 3, "day": 15}


def test_a_calendar_says_it_cannot_hold_days_before_year_1(tmp_path):
    from conftest import write_events

    from timeline.errors import ExportError

    chronology = load_chronology(write_events(tmp_path, BEFORE_YEAR_1))
    with pytest.raises(ExportError, match="'m1' \\(September 490 BC\\): a calendar cannot"):
        writer("ics")(chronology.events, chronology.topics, "T")


@pytest.mark.parametrize(
    ("edtf", "line"),
    [
        ("2004-01-01T10:10:10+05:00", "DTSTART:20040101T051010Z"),
        ("2001-02-03T09:30:01", "DTSTART:20010203T093001"),
    ],
)
def test_a_calendar_holds_a_moment_as_a_date_time(tmp_path, edtf, line):
    from conftest import write_events

    chronology = load_chronology(write_events(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\n"))
    lines = writer("ics")(chronology.events, chronology.topics, "T").decode().splitlines()
    assert line in lines and not [row for row in lines if row.startswith("DTEND")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_events_come_back_the_same(every_width, fmt):
    data = writer(fmt)(every_width.events, every_width.topics, "Every width")
    back = reader(fmt)(data, f"out.{fmt}")
    assert back.problems == []
    assert [e.as_row() for e in back.events] == [e.as_row() for e in every_width.events]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_source_article_s_chronology_comes_back_the_same(fmt):
    chronology = load_chronology(ROOT / "events.csv")
    back = reader(fmt)(writer(fmt)(chronology.events, chronology.topics, "T"), "x")
    assert {e.id: e.as_row() for e in back.events} == {e.id: e.as_row() for e in chronology.events}


@pytest.mark.parametrize(
    ("first", "last", "edtf"),
    [
        ("2024-01-01", "2024-12-31", "2024"),
        ("2020-01-01", "2021-12-31", "2020/2021"),
        ("2024-05-01", "2024-05-31", "2024-05"),
        ("2024-02-01", "2024-02-29", "2024-02"),
        ("2025-01-01", "2025-06-30", "2025-01/2025-06"),
        ("2024-05-03", "2024-05-03", "2024-05-03"),
        ("2024-05-01", "2024-05-30", "2024-05-01/2024-05-30"),
    ],
)
def test_a_span_of_days_is_named_at_its_width(first, last, edtf):
    from datetime import date

    assert edtf_for_days(date.fromisoformat(first), date.fromisoformat(last)) == edtf


@pytest.mark.parametrize(
    ("edtf", "span"),
    [
        ("2010/..", ("2010-01-01", "2010-12-31")),
        ("2025-07/..", ("2025-07-01", "2025-07-31")),
        ("../2025-03-04", ("2025-03-04", "2025-03-04")),
        ("2025-40", ("2025-01-01", "2025-06-30")),
    ],
)
def test_the_known_span_of_open_dates_is_their_known_side(edtf, span):
    assert tuple(d.isoformat() for d in known_span(parse_edtf(edtf))) == span


# --- TimelineJS files made elsewhere: the fields given are the precision ---------------


def tljs(*slides, **extra) -> bytes:
    return json.dumps({"events": list(slides), **extra}).encode()


@pytest.mark.parametrize(
    ("start", "end", "edtf"),
    [
        ({"year": "2024"}, None, "2024"),
        ({"year": 2024, "month": 5}, None, "2024-05"),
        ({"year": "2024", "month": "5", "day": "17"}, None, "2024-05-17"),
        ({"year": "1,999"}, None, "1999"),
        ({"year": "2023"}, {"year": "2024"}, "2023/2024"),
        ({"year": "2023", "month": "11"}, {"year": "2024", "month": "2"}, "2023-11/2024-02"),
        ({"year": "2024", "month": "5"}, {"year": "2024", "month": "5"}, "2024-05"),
    ],
)
def test_a_timelinejs_date_keeps_its_precision(start, end, edtf):
    slide = {"start_date": start, "text": {"headline": "H", "text": "T"}}
    if end:
        slide["end_date"] = end
    (event,) = reader("timelinejs")(tljs(slide), "f.json").events
    assert event.date.edtf == edtf


def test_a_timelinejs_slide_becomes_an_event_with_its_provenance():
    slide = {
        "start_date": {"year": "2024", "month": "5"},
        "display_date": "Spring-ish 2024",
        "text": {"headline": "<b>Law</b> adopted", "text": "<p>The law was <i>adopted</i>.</p>"},
        "group": "politics",
        "unique_id": "law",
        "media": {"url": "https://example.org/photo.jpg"},
    }
    (event,) = reader("timelinejs")(tljs(slide), "f.json").events
    assert (event.id, event.title, event.topics) == ("law", "Law adopted", ("politics",))
    assert event.quote == "The law was adopted ."
    assert event.source == "https://example.org/photo.jpg"
    assert event.note == "TimelineJS display date: Spring-ish 2024"


@pytest.mark.parametrize(
    ("slide", "named"),
    [
        ({"text": {"headline": "H"}}, "no start_date"),
        ({"start_date": {"year": "abc"}}, "'abc'"),
        ({"start_date": {"year": "2024", "month": "13"}}, "month 13"),
        ({"start_date": {"year": "2024", "month": "2", "day": "30"}}, "day 30"),
        ({"start_date": {"year": "-44"}}, "-44"),
        ({"start_date": {"month": "5"}}, "no year"),
        ("not a slide", "not an object"),
    ],
)
def test_a_bad_timelinejs_slide_is_left_out_and_named(slide, named):
    good = {"start_date": {"year": "2024"}, "text": {"headline": "Good"}}
    imported = reader("timelinejs")(tljs(good, slide), "f.json")
    assert [e.title for e in imported.events] == ["Good"]
    (problem,) = imported.problems
    assert problem.startswith("f.json: event 2: left out:") and named in problem


def test_what_has_no_place_is_reported():
    slide = {"start_date": {"year": "2024", "hour": "10"}, "text": {"headline": "H"}}
    imported = reader("timelinejs")(tljs(slide, eras=[{"start_date": {"year": "2020"}}]), "f")
    assert imported.notes == [
        "f: event 1: the time of start_date was not kept (dates here are days at most)",
        "f: 1 era(s) not imported (no place)",
    ]


def test_duplicate_timelinejs_ids_are_made_unique():
    slide = {"start_date": {"year": "2024"}, "unique_id": "same", "text": {"headline": "H"}}
    events = reader("timelinejs")(tljs(slide, slide), "f").events
    assert [e.id for e in events] == ["same", "same-2"]


@pytest.mark.parametrize("data", [b"{", b"[]", b'{"events": 3}', b"\xff\xfe"])
def test_not_a_timelinejs_file(data):
    from timeline.errors import TimelineError

    with pytest.raises(TimelineError, match="f.json: not a TimelineJS JSON file"):
        reader("timelinejs")(data, "f.json")


# --- the Google Sheets template -------------------------------------------------------

SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    ",,,,,,,,,My timeline,Intro,,,,,title,,\n"
    "2024,,,,,,,,,A year,Text one,,,,,,trade,\n"
    "2024,5,,,2024,9,,,,Some months,Text two,,,,,,,\n"
    "2024,13,,,,,,,,Bad month,Text,,,,,,,\n"
    "2020,,,,2022,,,,,An era,,,,,,era,,\n"
)


def test_a_sheet_made_elsewhere():
    imported = reader("sheet")(SHEET.encode(), "s.csv")
    assert [(e.date.edtf, e.title, e.topics) for e in imported.events] == [
        ("2024", "A year", ("trade",)),
        ("2024-05/2024-09", "Some months", ()),
    ]
    assert imported.problems == [
        "s.csv: line 5: left out: start_date.month 13 is not a month (1 to 12)"
    ]
    assert imported.notes == [
        "s.csv: 1 title row(s) not imported",
        "s.csv: 1 era row(s) not imported",
    ]


def test_a_csv_that_is_not_a_sheet_is_refused():
    from timeline.errors import TimelineError

    with pytest.raises(TimelineError, match="s.csv: line 1: not a TimelineJS sheet: no Year"):
        reader("sheet")(b"id,date,title\n", "s.csv")


def test_sheet_cells_cannot_run_as_formulas(every_width):
    data = writer("sheet")(every_width.events, every_width.topics, "T").decode()
    assert "\n=" not in data and ",=" not in data and ",'=cmd" in data


# --- iCalendar -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "first", "after"),
    [
        ("d1", "2024-05-17", "2024-05-18"),
        ("m1", "2024-05-01", "2024-06-01"),
        ("h1", "2025-01-01", "2025-07-01"),
        ("s1", "2018-03-01", "2018-06-01"),
        ("o1", "2010-01-01", "2011-01-01"),
        ("o2", "2025-03-01", "2025-04-01"),
        ("i2", "2023-11-01", "2024-03-01"),
    ],
)
def test_calendar_events_span_each_date_s_width(every_width, event_id, first, after):
    data = writer("ics")(every_width.events, every_width.topics, "T")
    found = {str(c.get("uid")): c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")}[
        f"{event_id}@timeline"
    ]
    assert (found.get("dtstart").dt.isoformat(), found.get("dtend").dt.isoformat()) == (
        first,
        after,
    )


def test_calendar_summaries_say_what_a_calendar_cannot(every_width):
    data = writer("ics")(every_width.events, every_width.topics, "T")
    summaries = {str(c.get("summary")) for c in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert {"About a year (c. 2024)", "A month", "Since 2010 (from 2010)"} <= summaries


def test_a_calendar_made_elsewhere_is_read_by_its_days():
    calendar = icalendar.Calendar()
    for uid, start, end in (("a", "20240501", "20240601"), ("b", "20240101", "20250101")):
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("summary", f"Event {uid}")
        event.add("description", f"Said of {uid}.")
        event.add("dtstart", date.fromisoformat(f"{start[:4]}-{start[4:6]}-{start[6:]}"))
        event.add("dtend", date.fromisoformat(f"{end[:4]}-{end[4:6]}-{end[6:]}"))
        calendar.add_component(event)
    imported = reader("ics")(calendar.to_ical(), "c.ics")
    assert [(e.id, e.date.edtf, e.quote, e.source) for e in imported.events] == [
        ("a", "2024-05", "Said of a.", "c.ics"),
        ("b", "2024", "Said of b.", "c.ics"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_imported_ids_are_slugs_a_url_can_carry(every_width, fmt):
    from dataclasses import replace

    event = replace(every_width.events[0], id="2008-08-07/2008-08-12-Russo-Georgian war")
    data = writer(fmt)([event, replace(event, title="Again")], every_width.topics, "T")
    assert [e.id for e in reader(fmt)(data, "x").events] == [
        "2008-08-07-2008-08-12-russo-georgian-war",
        "2008-08-07-2008-08-12-russo-georgian-war-2",
    ]
