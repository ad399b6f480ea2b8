"""The timeline figure, built without a browser: lanes, widths, styles, open ends."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
from conftest import write_events

from timeline.dates import parse_edtf
from timeline.engine import load_chronology
from timeline.events import Event, Topic
from timeline.figures import (
    APPROXIMATE_OPACITY,
    CANDIDATE_OPACITY,
    MS_PER_DAY,
    TEXT_LIMIT,
    UNCERTAIN_PATTERN,
    build_figure,
    density_figure,
    place_events,
    view_bounds,
)
from timeline.query import Filters
from timeline.view import subtitle as view_subtitle


def figure_of(tmp_path, rows, **kwargs):
    chronology = load_chronology(write_events(tmp_path, rows))
    assert chronology.problems == ()
    return build_figure(chronology.events, chronology.topics, "T", **kwargs)


def drawn_ids(figure) -> list[str]:
    """Event ids of every bar and marker drawn (an event with two topics counts twice)."""
    return [c[0] for trace in figure.data if trace.customdata is not None for c in trace.customdata]


def bars(figure):
    return [t for t in figure.data if t.type == "bar" and t.customdata is not None]


@pytest.mark.parametrize(
    ("edtf", "days"),
    [
        ("2024-05", 31),
        ("2024", 366),
        ("2025", 365),
        ("2025-40", 181),
        ("2024-24", 90),
        ("2025-34", 91),
        ("2024/2028", 366 + 365 * 3 + 366),
    ],
)
def test_a_band_is_as_wide_as_its_date(tmp_path, edtf, days):
    figure = figure_of(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\n")
    (bar,) = bars(figure)
    assert bar.x[0] == days * MS_PER_DAY
    start = load_chronology(tmp_path / "events.csv").events[0].date.start
    assert bar.base[0] == start.isoformat()


def test_a_day_is_a_marker_not_a_band(tmp_path):
    figure = figure_of(tmp_path, "x,2024-11-28,T,trade,,,Q.,S,\n")
    assert bars(figure) == []
    (marker,) = [t for t in figure.data if t.customdata is not None]
    assert marker.type == "scatter" and marker.marker.symbol[0] == "diamond"


def test_a_lane_per_topic_and_an_event_in_each_of_its_topics(tmp_path, small_events):
    chronology = load_chronology(small_events)
    figure = build_figure(chronology.events, chronology.topics, "T")
    assert list(figure.layout.yaxis.ticktext) == ["trade", "energy", "diplomacy"]
    assert sorted(drawn_ids(figure)) == ["t1", "t2", "t2", "t3", "t4", "t5", "t5"]


def test_only_topics_limits_the_lanes(small_events):
    chronology = load_chronology(small_events)
    figure = build_figure(chronology.events, chronology.topics, "T", only_topics=("trade",))
    assert list(figure.layout.yaxis.ticktext) == ["trade"]
    assert sorted(drawn_ids(figure)) == ["t1", "t2", "t5"]


@pytest.mark.parametrize(
    ("edtf", "opacity", "pattern"),
    [
        ("2024", 0.9, ""),
        ("2024~", APPROXIMATE_OPACITY, ""),
        ("2024?", 0.9, UNCERTAIN_PATTERN),
        ("2024%", APPROXIMATE_OPACITY, UNCERTAIN_PATTERN),
    ],
)
def test_approximate_is_faded_and_uncertain_is_hatched(tmp_path, edtf, opacity, pattern):
    (bar,) = bars(figure_of(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\n"))
    assert bar.marker.opacity[0] == opacity
    assert bar.marker.pattern.shape[0] == pattern


@pytest.mark.parametrize(
    ("edtf", "arrow", "edge"),
    [
        ("2025-07/..", "triangle-right", 1),
        ("../2023", "triangle-left", 0),
    ],
)
def test_open_ends_are_dotted_to_the_edge_with_an_arrow(tmp_path, edtf, arrow, edge):
    figure = figure_of(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\nref,2020,R,trade,,,Q.,S,\n")
    (line,) = [
        t
        for t in figure.data
        if t.type == "scatter"
        and t.line.dash == "dot"
        and t.customdata is None
        and t.x[0] is not None
    ]
    assert arrow in line.marker.symbol
    assert line.x[list(line.marker.symbol).index(arrow)] == figure.layout.xaxis.range[edge]
    # the solid part is the known end alone: July 2025 for "2025-07/.."
    widths = sorted(bars(figure)[0].x)
    assert widths[0] == (31 if edge else 365) * MS_PER_DAY


def test_nothing_overlaps_within_a_lane(tmp_path):
    rows = "".join(f"e{i},2024-{m:02d},T{i},trade,,,Q.,S,\n" for i, m in enumerate([1, 1, 2, 1, 3]))
    chronology = load_chronology(write_events(tmp_path, rows))
    view = view_bounds(chronology.events)
    placed, lanes = place_events(chronology.events, ["trade"], view, with_text=False)
    for a in placed:
        for b in placed:
            if a is not b and a.y == b.y:
                assert a.end < b.start or b.end < a.start
    assert lanes[0].bottom - lanes[0].top == len({p.y for p in placed})


def test_hover_has_title_label_and_topics(small_events):
    chronology = load_chronology(small_events)
    figure = build_figure(chronology.events, chronology.topics, "T")
    hovered = {
        c[0]: tuple(c[1:]) for t in figure.data if t.customdata is not None for c in t.customdata
    }
    assert hovered["t2"] == ("Gas purchases up", "first half of 2025", "energy, trade", "")
    assert all("customdata[2]" in t.hovertemplate for t in figure.data if t.customdata is not None)


def test_titles_and_filters_are_written_on_the_figure(small_events):
    chronology = load_chronology(small_events)
    figure = build_figure(chronology.events, chronology.topics, "My title", "3 of 5 events")
    assert figure.layout.title.text == "My title<br><sup>3 of 5 events</sup>"


def test_the_key_explains_only_the_styles_present(small_events):
    chronology = load_chronology(small_events)
    figure = build_figure(chronology.events, chronology.topics, "T")
    key = [t.name for t in figure.data if t.legendgroup == "key"]
    assert key == [
        "a single day",
        "a span: its width is the date's",
        "approximate (c.): faded",
        "open or unknown end: dotted",
    ]


def test_no_events_says_so(tmp_path):
    figure = figure_of(tmp_path, "")
    assert figure.layout.annotations[0].text == "No events match these filters"


def test_titles_are_left_to_the_hover_beyond_the_text_limit(tmp_path):
    rows = "".join(f"e{i},2024,T{i},trade,,,Q.,S,\n" for i in range(TEXT_LIMIT + 1))
    assert bars(figure_of(tmp_path, rows))[0].text is None


def test_events_without_topics_get_a_lane_of_their_own(tmp_path):
    figure = figure_of(tmp_path, "x,2024,T,,,,Q.,S,\ny,2025,U,trade,,,Q.,S,\n")
    assert list(figure.layout.yaxis.ticktext) == ["trade", "(no topic)"]


def test_a_lane_never_grows_past_its_row_limit(tmp_path):
    from timeline.figures import MAX_ROWS_PER_LANE

    rows = "".join(f"e{i},2024,T{i},trade,,,Q.,S,\n" for i in range(MAX_ROWS_PER_LANE * 3))
    figure = figure_of(tmp_path, rows)
    (bar,) = bars(figure)
    assert len(bar.x) == MAX_ROWS_PER_LANE * 3
    assert len(set(bar.y)) == MAX_ROWS_PER_LANE


HOSTILE = (
    '5" screen <b>',
    '<a href="http://evil">x</a>',
    '<span style="font-size:99px">big</span>',
    "<!--<script>",
    "fish & chips <br> &lt;",
)


def drawn_texts(value, path=()):
    """(path, text) of every string in a figure's JSON that plotly may draw: all but the
    hover templates (ours), the legend group keys, and customdata[0], the id a click uses."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("hovertemplate", "legendgroup"):
                yield from drawn_texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if not (len(path) > 1 and path[-2] == "customdata" and index == 0):
                yield from drawn_texts(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_on_the_figure_is_drawn_as_typed_never_as_markup(hostile):
    events = [
        Event("day", parse_edtf("2024-05-01"), hostile, (hostile,), quote="Q.", source="S"),
        Event("span", parse_edtf("2024"), hostile, ("trade",), quote="Q.", source="S"),
    ]
    topics = {"trade": Topic("trade", "#2ca02c"), hostile: Topic(hostile, "#123456")}
    subtitle = view_subtitle(2, 2, Filters(topics=(hostile,), text=hostile))
    figure = build_figure(events, topics, hostile, subtitle)
    texts = list(drawn_texts(json.loads(figure.to_json())))
    for path, text in texts:
        ours = text.replace("<br><sup>", "").replace("</sup>", "")  # the title's own markup
        assert "<" not in ours and ">" not in ours, path
    shown = [html.unescape(text) for _, text in texts]
    assert shown.count(hostile) >= 6  # two titles, a lane's legend entry and tick, hover
    assert html.unescape(figure.layout.title.text) == f"{hostile}<br><sup>{subtitle}</sup>"


def test_lane_names_of_the_counts_figure_are_drawn_as_typed():
    import numpy as np

    hostile = '<a href="http://evil">x</a>'
    figure = density_figure(
        np.ones((1, 4), dtype=int),
        [hostile],
        {},
        (date(2024, 1, 1), date(2024, 12, 31)),
        hostile,
        hostile,
        4,
    )
    for path, text in drawn_texts(json.loads(figure.to_json())):
        ours = text.replace("<br><sup>", "").replace("</sup>", "")
        assert "<" not in ours, path
    assert [html.unescape(y) for y in figure.data[0].y] == [hostile]


def test_an_event_shows_its_number_of_sources_and_is_outlined_when_they_disagree(small_events):
    from timeline.dates import parse_edtf
    from timeline.sources import Provenance, Report

    chronology = load_chronology(small_events)
    t1, t2, *_ = chronology.events
    told = {
        "t1": Provenance((Report("t1", "a", "q", t1.date), Report("t1", "b", "q", t1.date))),
        "t2": Provenance(
            (Report("t2", "a", "q", t2.date), Report("t2", "b", "q", parse_edtf("2025")))
        ),
    }
    figure = build_figure(chronology.events, chronology.topics, "T", told=told)
    drawn = {}
    for trace in figure.data:
        if trace.customdata is None:
            continue
        widths = trace.marker.line.width
        for n, custom in enumerate(trace.customdata):
            width = widths[n] if isinstance(widths, (list, tuple)) else widths
            drawn[custom[0]] = (trace.text[n], custom[4], width)
    assert drawn["t1"] == ("Trade deal signed (2 sources)", "2 sources", 1)
    assert drawn["t2"] == (
        "Gas purchases up (2 sources, dates differ)",
        "2 sources disagree: first half of 2025 (1 source); 2025 (1 source)",
        3,
    )
    assert drawn["t3"][1:] == ("", 2)  # a day's diamond: its own outline
    assert "sources disagree on the date: outlined" in {t.name for t in figure.data}


# --- the rest of EDTF: years before 1, times, sets, qualified parts ---------------------------


@pytest.mark.parametrize(
    ("edtf", "base", "days"),
    [
        ("-0489-09", "-0489-09-01", 30),  # September 490 BC
        ("-0043", "-0043-01-01", 365),
        ("0000", "0000-01-01", 366),  # 1 BC was a leap year
        ("-0336/-0323", "-0336-01-01", 14 * 365 + 4),
    ],
)
def test_a_date_before_year_1_is_as_wide_as_its_date(tmp_path, edtf, base, days):
    (bar,) = bars(figure_of(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\n"))
    assert (bar.base[0], bar.x[0]) == (base, days * MS_PER_DAY)


def test_years_before_1_are_written_as_historians_write_them(tmp_path):
    figure = figure_of(tmp_path, "x,-0489-09,T,trade,,,Q.,S,\ny,0030,T,trade,,,Q.,S,\n")
    ticks = list(figure.layout.xaxis.ticktext)
    assert "500 BC" in ticks and "AD 1" not in ticks and all("-" not in t for t in ticks)
    assert figure_of(tmp_path, "x,2024,T,trade,,,Q.,S,\n").layout.xaxis.ticktext is None


@pytest.mark.parametrize(
    ("edtf", "x"),
    [
        ("1998-08-07T10:30:00+03:00", "1998-08-07 07:30:00"),  # at its moment in UTC
        ("1998-08-07T23:30:00-02:00", "1998-08-08 01:30:00"),  # the next day in UTC
        ("1998-08-07T10:30:00", "1998-08-07 10:30:00"),  # no zone given: as written
        ("1998-08-07", "1998-08-07 12:00"),  # a day at its noon
    ],
)
def test_a_timed_date_is_drawn_at_its_moment(tmp_path, edtf, x):
    figure = figure_of(tmp_path, f"x,{edtf},T,trade,,,Q.,S,\n")
    (marker,) = [t for t in figure.data if t.type == "scatter" and t.customdata is not None]
    assert marker.x == (x,)


def test_one_of_a_set_draws_each_candidate_faintly_with_a_dotted_range(tmp_path):
    figure = figure_of(tmp_path, 'x,"[1667, 1668, 1670..1672]",T,trade,,,Q.,S,\n')
    (bar,) = bars(figure)
    assert list(bar.base) == ["1667-01-01", "1668-01-01", "1670-01-01"]
    assert len(set(bar.y)) == 1  # one row
    assert set(bar.marker.opacity) == {CANDIDATE_OPACITY}
    assert [t for t in bar.text] == ["", "", "T"]  # the title once, after the last
    dotted = [t for t in figure.data if t.type == "scatter" and t.line.dash == "dot"]
    drawn = [t for t in dotted if t.x != (None,)]  # the other is its entry in the key
    assert [x for t in drawn for x in t.x] == ["1667-01-01", "1673-01-01", None]


def test_all_of_a_set_draws_each_member_in_full(tmp_path):
    figure = figure_of(tmp_path, 'x,"{1960, 1961-12}",T,trade,,,Q.,S,\n')
    (bar,) = bars(figure)
    assert list(bar.base) == ["1960-01-01", "1961-12-01"]
    assert list(bar.x) == [366 * MS_PER_DAY, 31 * MS_PER_DAY]
    assert CANDIDATE_OPACITY not in bar.marker.opacity
    assert not [t for t in figure.data if t.type == "scatter" and t.line.dash == "dot"]


def test_a_part_qualified_date_says_which_part_in_its_hover(tmp_path):
    figure = figure_of(tmp_path, "x,2004?-06-11,T,trade,,,Q.,S,\n")
    (marker,) = [t for t in figure.data if t.type == "scatter" and t.customdata is not None]
    assert marker.customdata[0][2] == "2004 (year uncertain), 11 June"
    assert marker.marker.symbol == ("diamond-open",)  # uncertain, as a whole-date ? is
