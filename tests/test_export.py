"""Exports of the filtered view: data formats without a browser, images with Chromium."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from timeline.engine import load_chronology, read_table
from timeline.errors import ExportError
from timeline.formats import export
from timeline.query import Filters


@pytest.fixture
def table(small_events):
    return read_table(small_events)


def test_csv_export_is_an_events_file_of_the_view(table, tmp_path):
    data = export(table, Filters(topics=("trade",)), "csv", "T")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert [r["id"] for r in rows] == ["t1", "t2", "t5"]
    assert rows[1]["topics"] == "energy;trade" and rows[1]["date"] == "2025-40"
    (tmp_path / "out.csv").write_bytes(data)
    assert [e.id for e in load_chronology(tmp_path / "out.csv").events] == ["t1", "t2", "t5"]


def test_json_export_carries_bounds_labels_and_provenance(table):
    records = json.loads(export(table, Filters(years=(2025, 2025)), "json", "T"))
    assert [(r["id"], r["start"], r["end"], r["label"]) for r in records] == [
        ("t2", "2025-01-01", "2025-06-30", "first half of 2025"),
        ("t5", "2025-07-01", None, "from July 2025"),
    ]
    assert records[0]["quote"] == "Quote two about gas." and records[0]["source"] == "Src"


def test_unknown_format_is_refused(table):
    with pytest.raises(ExportError, match="unknown format 'gif'; choose one of png, svg"):
        export(table, Filters(), "gif", "T")


def test_data_downloads_stop_at_their_limit(table):
    with pytest.raises(ExportError, match="5 events are too many .* limit is 4"):
        export(table, Filters(), "csv", "T", limit=4)


MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_images_have_title_filters_and_legend(table, fmt):
    filters = Filters(years=(2025, 2025), topics=("trade",))
    data = export(table, filters, fmt, "Trade view")
    assert data.startswith(MAGIC[fmt])
    if fmt == "svg":
        text = data.decode("utf-8")
        assert "Trade view" in text and "2 of 5 events" in text and "topics: trade" in text
        assert ">trade<" in text and ">diplomacy<" not in text  # legend and lanes of the view


@pytest.mark.browser
def test_png_size_follows_the_figure(table):
    import struct

    data = export(table, Filters(), "png", "T")
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1400 and 320 <= height < 1000


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_export_neutralises_formulas(tmp_path, cell):
    from conftest import write_events

    quoted = '"' + cell.replace('"', '""') + '"'
    path = write_events(tmp_path, f"f,2024,{quoted},trade,,,Q.,S,\n")
    data = export(read_table(path), Filters(), "csv", "T")
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8")))
    assert row["title"] == "'" + cell


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_a_control_character_in_a_searched_text_does_not_sink_the_image(table, fmt):
    data = export(table, Filters(text="gas\x1c"), fmt, "T\x00itle")
    assert data.startswith(MAGIC[fmt])


def test_html_export_is_one_page_that_needs_no_server(table):
    page = export(table, Filters(topics=("energy",)), "html", "Energy").decode()
    assert page.startswith("<html>") or page.lower().startswith("<!doctype html")
    assert "<script src=" not in page  # plotly.js is inside, nothing is fetched
    assert "Plotly.newPlot" in page
    details = page.split('id="timeline-events">', 1)[1].split("</script>", 1)[0]
    assert json.loads(details) == {
        "t2": {
            "title": "Gas purchases up",
            "label": "first half of 2025",
            "quote": "Quote two about gas.",
            "source": "Src",
            "note": "",
        }
    }


def test_html_export_keeps_markup_in_event_text_inert(tmp_path):
    from conftest import write_events

    path = write_events(tmp_path, "x1,2024,</script><script>alert(1)</script>,trade,,,Q.,S,\n")
    page = export(read_table(path), Filters(), "html", "T").decode()
    assert "</script><script>alert(1)" not in page


HOSTILE_ROWS = (
    "x1,2024,<!--<script>,trade,,,<!--<script>,S,\n"
    'x2,2024-05,"<a href=""http://evil"">x</a>",energy,,,"</script> & \u2028\u2029",S,\n'
)


def script_elements(page: str) -> dict[str, str]:
    """The text of each script element that has an id, by id."""
    return dict(re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', page))


def test_html_export_embeds_json_no_html_parser_can_misread(tmp_path):
    from conftest import write_events

    page = export(read_table(write_events(tmp_path, HOSTILE_ROWS)), Filters(), "html", "<!--")
    page = page.decode()
    scripts = script_elements(page)
    assert set(scripts) == {"timeline-figure", "timeline-events"}
    for text in scripts.values():
        assert not set(text) & set("<>&\u2028\u2029")
    details = json.loads(scripts["timeline-events"])
    assert details["x1"]["quote"] == "<!--<script>"
    assert details["x2"]["quote"] == "</script> & \u2028\u2029"
    figure = json.loads(scripts["timeline-figure"])
    assert {c[0] for trace in figure["data"] for c in trace.get("customdata") or []} == {
        "x1",
        "x2",
    }


@pytest.mark.browser
def test_the_html_export_opens_from_disk_and_shows_an_event_s_quote(browser, tmp_path):
    from conftest import ROOT

    table = read_table(ROOT / "events.csv")
    filters = Filters(topics=("energy",))
    shown = table.events(table.matching(filters))
    path = tmp_path / "timeline.html"
    path.write_bytes(export(table, filters, "html", "Energy"))
    browser.go(path.as_uri())
    browser.find(".js-plotly-plot .main-svg")
    drawn = browser.script(
        "const plot = document.querySelector('.js-plotly-plot');"
        "return plot.data.filter(t => t.customdata).flatMap(t => t.customdata.map(c => c[0]));"
    )
    assert sorted(set(drawn)) == sorted(e.id for e in shown)
    fetched = browser.script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert [name for name in fetched if not name.startswith("file:")] == []
    event = shown[0]
    browser.script(
        "const plot = document.querySelector('.js-plotly-plot');"
        "plot.emit('plotly_click', {points: [{customdata: [arguments[0]]}]});",
        event.id,
    )
    browser.wait_contains("#timeline-details", event.quote[:40])
    assert event.source in browser.text("#timeline-details")
    assert browser.errors() == []


@pytest.mark.parametrize(
    "rows",
    [
        None,  # the small file of every kind of width
        'o1,2024,"Odd \\"quoted\\" title",trade,A; B ;,"  spaced  ","Q, with comma",S , note \n'
        'o2,../2024~,T,,,,"multi\nline quote",S,\n',
    ],
)
def test_json_written_by_columns_is_the_json_of_each_event(small_events, tmp_path, rows):
    from conftest import write_events

    from timeline.export import events_json, table_json

    path = small_events if rows is None else write_events(tmp_path, rows.replace('\\"', '""'))
    table = read_table(path)
    matched = table.matching(Filters())
    assert json.loads(table_json(table, matched)) == json.loads(events_json(table.events(matched)))
