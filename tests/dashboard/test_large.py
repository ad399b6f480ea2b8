"""Large files on the page: counts per period when too many to draw, events when zoomed in."""

from __future__ import annotations

import json
from datetime import date

import plotly.io as pio
import pytest

from timeline.dashboard.callbacks import zoomed_range
from timeline.dashboard.large import LIST_LIMIT, large_layout, render_large_view
from timeline.figures import MAX_DRAWN
from timeline.generate import generate_file
from timeline.table import TableFile


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "events.csv"
    generate_file(MAX_DRAWN * 3, path, seed=5)
    return TableFile(path)


def kinds(figure) -> set[str]:
    return {trace.type for trace in figure.data}


def test_too_many_events_are_drawn_as_counts_in_a_small_payload(big):
    figure, count, items, warnings, problems = render_large_view(big, "", "T")
    assert kinds(figure) == {"heatmap"}
    heat = figure.data[0]
    assert sum(map(sum, heat.z)) >= len(big.table)  # every event counted in at least one period
    assert count == f"{len(big.table):,} of {len(big.table):,} events"
    assert len(pio.to_json(figure)) < 200_000
    assert len(items) == LIST_LIMIT + 1 and "more in view" in items[-1].children
    assert warnings == [] and problems == []


def test_zooming_in_draws_single_events(big):
    figure, *_ = render_large_view(big, "", "T", x_range=("2010-01-01", "2010-03-31"))
    assert "heatmap" not in kinds(figure) and "bar" in kinds(figure)
    drawn = {c[0] for t in figure.data if t.customdata is not None for c in t.customdata}
    for event in big.events([big.row_of(i) for i in drawn]):
        assert event.date.overlaps(date(2010, 1, 1), date(2010, 3, 31))
    assert str(figure.layout.xaxis.range[0]).startswith("2010-01-01")
    # open-ended and long events cover the whole range: counted, not drawn
    notes = [a.text for a in figure.layout.annotations if "spanning" in a.text]
    assert len(notes) == 1 and int(notes[0].split()[1].replace(",", "")) > 0


def test_filters_apply_before_counting(big):
    figure, count, *_ = render_large_view(big, "?topics=trade&years=2001:2001", "T")
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


def test_large_layout_says_how_many_events(big):
    page = json.dumps(large_layout(big, "T").to_plotly_json(), default=str)
    assert f"{len(big.table):,} events" in page


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
    from timeline.dashboard.callbacks import changes_range

    assert changes_range(relayout) is expected


@pytest.mark.parametrize("fmt", ["timelinejs", "sheet", "ics", "html"])
def test_a_large_file_downloads_in_every_interchange_format(big, fmt):
    import base64

    from timeline.dashboard.large import large_download
    from timeline.interchange import reader

    payload = large_download(big, "?q=Synthetic event 7", fmt, "T")
    data = base64.b64decode(payload["content"])
    wanted = {
        e.id for e in big.events(range(len(big.table))) if "synthetic event 7" in e.title.lower()
    }
    if fmt == "html":
        assert b"Plotly.newPlot" in data
        return
    assert {e.id for e in reader(fmt)(data, "x").events} == wanted
