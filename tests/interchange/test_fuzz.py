"""Malformed files for every reader and any valid event for every writer (Hypothesis).

Readers may only raise the project's errors or report problems located in the file (its
name, the event or line, and the value); writers never raise for a valid event. To search
harder than the default 100 examples a test: ``pytest --hypothesis-profile=deep``.
"""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates import parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import Event, Topic
from timeline.export import events_csv, events_json, standalone_html
from timeline.figures import build_figure
from timeline.interchange import Imported, reader, writer
from timeline.interchange.sheet import OURS, TEMPLATE
from timeline.query import Filters
from timeline.view import subtitle

WHERE = "their-file"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- values of every kind, where files put them ---------------------------------------------

numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -5, 1, 12, 13, 29, 30, 31, 32, 9999, 10000, 99999, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
)
number_texts = st.one_of(
    numbers.map(str),
    st.sampled_from(["abc", "", " ", "2024", "05", "-5", "1,000", "２０２４", "12.5", "0x10"]),
)
json_scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=20), number_texts)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
date_fields = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            key: st.one_of(number_texts, numbers, json_values)
            for key in ("year", "month", "day", "hour", "minute", "second", "time")
        },
    ),
)
edtf_texts = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?(/(\.\.|[0-9]{4}))?", fullmatch=True),
)
ours = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(json_values, edtf_texts if key == "edtf" else st.text(max_size=30))
        for key in ("edtf", "id", "title", "topics", "actors", "summary", "quote", "source", "note")
    },
)
slides = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "start_date": date_fields,
            "end_date": date_fields,
            "text": st.one_of(
                json_values,
                st.fixed_dictionaries({}, optional={"headline": json_values, "text": json_values}),
            ),
            "unique_id": st.one_of(json_values, st.text(max_size=40)),
            "group": json_values,
            "media": st.one_of(json_values, st.fixed_dictionaries({"url": json_values})),
            "display_date": json_values,
            "chronology": st.one_of(json_values, ours),
        },
    ),
)
timelinejs_documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"events": st.one_of(json_values, st.lists(slides, max_size=5))},
        optional={"title": json_values, "eras": json_values},
    ),
)


def check_imported(imported: Imported, unit: str) -> None:
    """Every event usable, every problem located: the file, and the event or line."""
    for event in imported.events:
        assert isinstance(event, Event)
        assert SAFE_ID.fullmatch(event.id), event.id
        assert all(isinstance(getattr(event, f), str) for f in ("title", "quote", "source"))
        assert all(isinstance(t, str) for t in event.topics + event.actors)
    assert len({e.id for e in imported.events}) == len(imported.events)
    for message in imported.problems:
        assert message.startswith(f"{WHERE}: {unit} "), message
    events_csv(imported.events)  # what `timeline import` writes them with


def read(fmt: str, data: bytes, unit: str) -> None:
    try:
        imported = reader(fmt)(data, WHERE)
    except TimelineError as error:
        assert WHERE in str(error)
        return
    check_imported(imported, unit)


@FUZZ
@given(timelinejs_documents)
def test_any_json_structure_is_read_or_refused_with_a_located_reason(document):
    read("timelinejs", json.dumps(document).encode(), "event")


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_as_timelinejs(data):
    read("timelinejs", data, "event")


headers = st.lists(
    st.one_of(st.sampled_from((*TEMPLATE, *OURS)), st.text(max_size=8)), max_size=12
).map(lambda names: ["Year", "Headline", *names])
cells = st.one_of(number_texts, st.text(max_size=20), edtf_texts)


@FUZZ
@given(headers, st.lists(st.lists(cells, max_size=14), max_size=5))
def test_any_sheet_rows_are_read_or_refused_with_a_located_reason(header, rows):
    buffer = io.StringIO()
    writer_ = csv.writer(buffer)
    writer_.writerow(header)
    writer_.writerows(rows)
    read("sheet", buffer.getvalue().encode(), "line")


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_as_a_sheet(data):
    read("sheet", data, "line")


ics_values = st.one_of(
    st.sampled_from(
        [
            "20240501",
            "20240501T120000",
            "20240501T120000Z",
            "T120000",
            "120000",
            "garbage",
            "",
            "99991231",
            "00010101",
            "20241301",
            "20240230",
            "P1W",
            "-P1D",
            "PT1H",
            "P99999999D",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=15),
)
ics_names = st.sampled_from(
    [
        "DTSTART",
        "DTSTART;VALUE=DATE",
        "DTSTART;VALUE=DATE-TIME",
        "DTSTART;TZID=Nowhere/Zone",
        "DTSTART;VALUE=PERIOD",
        "DTEND",
        "DTEND;VALUE=DATE",
        "DURATION",
        "SUMMARY",
        "DESCRIPTION",
        "UID",
        "X-EDTF",
        "CATEGORIES",
        "URL",
        "RRULE",
        "BEGIN",
        "END",
    ]
)
ics_events = st.lists(st.tuples(ics_names, ics_values), max_size=8).map(
    lambda lines: ["BEGIN:VEVENT", *(f"{n}:{v}" for n, v in lines), "END:VEVENT"]
)


@FUZZ
@given(st.lists(ics_events, max_size=4), st.booleans())
def test_any_calendar_is_read_or_refused_with_a_located_reason(events, wrapped):
    lines = [line for event in events for line in event]
    if wrapped:
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"]
    read("ics", "\r\n".join(lines).encode(), "event")


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_are_read_or_refused_as_a_calendar(data):
    read("ics", data, "event")


# -- writers: any valid event -----------------------------------------------------------------


def valid(edtf: str):
    try:
        return parse_edtf(edtf)
    except DateError:
        return None


years = st.integers(1, 9999).map(lambda y: f"{y:04d}")
single_dates = st.one_of(
    years,
    st.tuples(years, st.integers(1, 41)).map(lambda p: f"{p[0]}-{p[1]:02d}"),
    st.tuples(years, st.integers(1, 12), st.integers(1, 31)).map(
        lambda p: f"{p[0]}-{p[1]:02d}-{p[2]:02d}"
    ),
    st.sampled_from(["199X", "19XX", "1XXX", "999X", "9XXX", "2024-XX", "2024-05-XX", "0001"]),
).flatmap(lambda d: st.sampled_from([d, d + "?", d + "~", d + "%"]))
edtf_dates = (
    st.one_of(
        single_dates,
        st.tuples(single_dates, single_dates).map("/".join),
        single_dates.map(lambda d: f"{d}/.."),
        single_dates.map(lambda d: f"../{d}"),
        single_dates.map(lambda d: f"{d}/"),
        single_dates.map(lambda d: f"/{d}"),
    )
    .map(valid)
    .filter(lambda fuzzy: fuzzy is not None)
)
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(["<!--<script>", "</script>", '<a href="x">', "=cmd|'", "\u2028", "a;b", ""]),
    st.integers(1_000, 8_000).map(lambda n: ("é<&>\x00\r\n " * n)[:n]),
)
events = st.builds(
    Event,
    id=st.text(min_size=1),
    date=edtf_dates,
    title=any_text,
    topics=st.lists(any_text, max_size=3).map(tuple),
    actors=st.lists(any_text, max_size=2).map(tuple),
    summary=any_text,
    quote=any_text,
    source=st.one_of(any_text, any_text.map(lambda t: "https://" + t)),
    note=any_text,
)


@FUZZ
@given(st.lists(events, max_size=4), any_text)
def test_every_writer_takes_any_valid_event(written, title):
    topics = {t: Topic(t, "#123456") for e in written for t in e.topics}
    for fmt in ("timelinejs", "sheet", "ics"):
        data = writer(fmt)(written, topics, title)
        back = reader(fmt)(data, WHERE)
        assert len(back.events) == len(written), (fmt, back.problems)
    assert len(json.loads(events_json(written))) == len(written)
    assert len(list(csv.reader(io.StringIO(events_csv(written).decode(), newline="")))) == (
        len(written) + 1
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, max_size=3), any_text)
def test_the_standalone_page_takes_any_valid_event(written, title):
    topics = {t: Topic(t, "#123456") for e in written for t in e.topics}
    filters = Filters(text=title[:200])
    figure = build_figure(written, topics, title, subtitle(len(written), 9, filters))
    page = standalone_html(figure, written).decode()
    assert page.count('<script type="application/json"') == 2
