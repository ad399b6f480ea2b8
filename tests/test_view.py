"""Views: counts per period when too many events are in view, single events when zoomed in;
the same for the page, the API's images and the command line."""

from __future__ import annotations

import json
from datetime import date

import plotly.io as pio
import pytest
from conftest import ROOT

from timeline.access import WritePolicy
from timeline.dashboard.figure import render_view, zoomed_range
from timeline.dashboard.layout import chronology_page
from timeline.days import Day
from timeline.engine import read_table
from timeline.errors import ExportError
from timeline.generate import generate_file
from timeline.query import Filters
from timeline.settings import current, use
from timeline.view import make_view

MAX_DRAWN = current().max_drawn
LIST_LIMIT = current().list_limit
SAMPLE = ROOT / "events.csv"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "events.csv"
    generate_file(MAX_DRAWN * 3, path, seed=5)
    return read_table(path)


def kinds(figure) -> set[str]:
    return {trace.type for trace in figure.data}


def test_too_many_events_are_drawn_as_counts_in_a_small_payload(big):
    figure, count, items, warnings = render_view(big, "", "T")
    assert kinds(figure) == {"heatmap"}
    heat = figure.data[0]
    assert sum(map(sum, heat.z)) >= len(big)  # every event counted in at least one period
    assert count == f"{len(big):,} of {len(big):,} events"
    assert len(pio.to_json(figure)) < 200_000
    assert len(items) == LIST_LIMIT + 1 and "more in view" in items[-1].children
    assert warnings == []


def test_zooming_in_draws_single_events(big):
    figure, *_ = render_view(big, "", "T", x_range=("2010-01-01", "2010-03-31"))
    assert "heatmap" not in kinds(figure) and "bar" in kinds(figure)
    drawn = {c[0] for t in figure.data if t.customdata is not None for c in t.customdata}
    assert drawn
    for event_id in drawn:
        assert big.find(event_id).date.overlaps(Day.of(2010, 1, 1), Day.of(2010, 3, 31))
    assert str(figure.layout.xaxis.range[0]).startswith("2010-01-01")
    # open-ended and long events cover the whole range: counted, not drawn
    notes = [a.text for a in figure.layout.annotations if "spanning" in a.text]
    assert len(notes) == 1 and int(notes[0].split()[1].replace(",", "")) > 0


@pytest.mark.parametrize(
    "search, zoom, says",
    [
        ("?q=no-such-words", None, ["No events match these filters"]),
        # the 2022 event and the one with no known start cover all of 2022: noted, not drawn
        (
            "",
            ("2022-01-01", "2022-12-31"),
            ["No event begins or ends in this range", "+ 2 events spanning the whole range shown"],
        ),
        (
            "",
            ("1990-01-01", "1990-12-31"),
            ["No event begins or ends in this range", "+ 1 event spanning the whole range shown"],
        ),
        ("", ("2024-01-01", "2024-12-31"), ["+ 4 events spanning the whole range shown"]),
    ],
)
def test_an_empty_view_says_why(search, zoom, says):
    figure, *_ = render_view(read_table(SAMPLE), search, "T", x_range=zoom)
    assert [a.text for a in figure.layout.annotations] == says


def test_filters_apply_before_counting(big):
    figure, count, *_ = render_view(big, "?topics=trade&years=2001:2001", "T")
    shown = int(count.split(" of ")[0].replace(",", ""))
    assert 0 < shown < MAX_DRAWN and "heatmap" not in kinds(figure)
    lanes = {t.legendgroup for t in figure.data if t.customdata is not None}
    assert lanes == {"trade"}


ZOOM = ("2010-01-01", "2011-01-01")


@pytest.mark.parametrize(
    ("relayout", "expected"),
    [
        ({"xaxis.range[0]": "2010-01-01", "xaxis.range[1]": "2011-01-01"}, ZOOM),
        ({"xaxis.range": ["2010-01-01", "2011-01-01"]}, ZOOM),
        ({"xaxis.autorange": True}, None),
        (None, None),
    ],
)
def test_zoomed_range(relayout, expected):
    assert zoomed_range(relayout) == expected


def test_the_page_says_how_many_events_or_that_it_is_still_reading(big):
    view = make_view(big, Filters(), "T")
    policy = WritePolicy(loopback=True)
    page = chronology_page("big", "T", big, Filters(), view, "", policy).to_plotly_json()
    assert f"{len(big):,} events" in json.dumps(page, default=str)
    status = "Reading x.csv (12 MB)…"
    waiting = chronology_page("big", "T", None, Filters(), None, "", policy, status=status)
    assert "Reading x.csv (12 MB)" in json.dumps(waiting.to_plotly_json(), default=str)


@pytest.mark.parametrize(
    ("detail", "kind"), [("auto", "heatmap"), ("events", "bar"), ("counts", "heatmap")]
)
def test_the_detail_asked_for_is_drawn(big, detail, kind):
    view = make_view(big, Filters(), "T", detail=detail)
    assert kind in kinds(view.figure)
    assert len(view.drawn) == (len(big) if detail == "events" else 0)


def test_counts_when_few_events_are_asked_for_and_refusal_past_the_limit(big):
    assert kinds(make_view(big, Filters(years=(2001, 2001)), "T", detail="counts").figure) == {
        "heatmap"
    }
    use(current().with_values({"detail_limit": 10}))
    with pytest.raises(ExportError, match="at most 10 are drawn one by one"):
        make_view(big, Filters(), "T", detail="events")


@pytest.mark.parametrize(
    ("relayout", "expected"),
    [
        ({"xaxis.range[0]": "2010-01-01", "xaxis.range[1]": "2011-01-01"}, True),
        ({"xaxis.autorange": True}, True),
        ({"autosize": True}, False),
        ({"yaxis.range": [0, 1]}, False),
        (None, False),
    ],
)
def test_only_zooms_and_resets_of_the_time_axis_redraw(relayout, expected):
    from timeline.dashboard.figure import changes_range

    assert changes_range(relayout) is expected


@pytest.mark.parametrize("fmt", ["timelinejs", "sheet", "ics", "html"])
def test_a_large_file_downloads_in_every_interchange_format(big, fmt):
    import base64

    from timeline.dashboard.downloads import download_for
    from timeline.formats import FORMATS

    payload = download_for(big, "?q=Synthetic event 7", fmt, "T")
    data = base64.b64decode(payload["content"])
    wanted = set(big.matching(Filters(text="Synthetic event 7")).get_column("id"))
    if fmt == "html":
        assert b"Plotly.newPlot" in data
        return
    assert {e.id for e in FORMATS[fmt].read(data, "x").events} == wanted


@pytest.fixture(scope="module")
def many_topics(tmp_path_factory):
    from conftest import write_events

    names = [f"topic {n:03d}" for n in range(200)]
    topics = "name,colour,description\n" + "".join(f"{n},#123456,\n" for n in names)
    rows = "".join(
        f"e{n},{2000 + n % 20},Event {n},{names[n % 200]};{names[(n * 7) % 200]},,,Q.,S,\n"
        for n in range(2000)
    )
    return write_events(tmp_path_factory.mktemp("topics"), rows, topics=topics)


def test_two_hundred_topics_on_the_page(many_topics):
    table = read_table(many_topics)
    figure, count, items, warnings = render_view(table, "?topics=topic 199", "T")
    assert warnings == []
    wanted = {n for n in range(2000) if 199 in (n % 200, (n * 7) % 200)}
    assert count == f"{len(wanted)} of 2,000 events"
    lanes = {t.legendgroup for t in figure.data if t.customdata is not None}
    assert lanes == {"topic 199"}
    everything, *_ = render_view(table, "", "T")
    assert kinds(everything) == {"heatmap"} and len(everything.data[0].y) == 200


@pytest.mark.parametrize(
    ("years", "first", "last"),
    [
        ((2030, 2031), date(2030, 1, 1), date(2032, 1, 1)),  # only open ends reach them
        ((2024, 2025), date(2024, 1, 1), date(2026, 1, 1)),
        ((2025, 2025), date(2025, 1, 1), date(2026, 1, 1)),
    ],
)
@pytest.mark.parametrize("source", ["sample", "big"])
def test_the_time_axis_spans_the_years_filtered(request, years, first, last, source):
    table = read_table(SAMPLE) if source == "sample" else request.getfixturevalue("big")
    figure = make_view(table, Filters(years), "T").figure
    shown = [date.fromisoformat(str(day)[:10]) for day in figure.layout.xaxis.range]
    assert shown == [first, last]


def test_open_ends_are_drawn_to_the_edge_of_the_years_filtered():
    figure = make_view(read_table(SAMPLE), Filters((2030, 2031)), "T").figure
    dotted = [t for t in figure.data if t.type == "scatter" and t.line.dash == "dot"]
    ends = {x for trace in dotted for x in trace.x if x is not None}
    assert max(ends) == "2032-01-01"
