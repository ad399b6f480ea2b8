"""Events -> a plotly timeline figure: a lane per topic, each date drawn at its true width."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

import pendulum
import plotly.graph_objects as go

from timeline.dates import FuzzyDate, parse_edtf
from timeline.days import MAX, MIN, Day, round_years, year_label, year_text
from timeline.events import Event, Topic
from timeline.settings import current
from timeline.sources import Provenance
from timeline.store import NO_TOPIC_COLOUR

MS_PER_DAY = 86_400_000
TEXT_LIMIT = 60  # beyond this many events, titles are left to the hover
MAX_ROWS_PER_LANE = 12  # a lane's height is capped; beyond it, events overlap
CHARS_ACROSS = 150  # about how many characters of title fit across the plot
ROW_PX, LANE_GAP_ROWS = 30, 0.7
APPROXIMATE_OPACITY, EXACT_OPACITY = 0.45, 0.9
MAX_TICKS = 8
CANDIDATE_OPACITY = 0.3  # each date of a one-of set: one of them is the date
UNCERTAIN_PATTERN = "/"
OPEN_LINE_OFFSET = 0.3
KEY_COLOUR = NO_TOPIC_COLOUR
NO_TOPIC = "(no topic)"
HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}"
    "<extra></extra>"
)
DISAGREE_COLOUR, DISAGREE_WIDTH = "#000000", 3  # the outline of an event whose sources differ


@dataclass(frozen=True, slots=True)
class Placed:
    """An event placed in a lane: its row (y) and the bounds drawn, open ends at the view edge."""

    event: Event
    lane: str
    y: float
    start: Day
    end: Day
    text_outside: bool
    member: FuzzyDate | None = None  # one date of a set, drawn on the set's row

    @property
    def band(self) -> tuple[Day, Day]:
        """The solid part: the whole date (or the member drawn), or only its known end when
        the other is open."""
        fuzzy = self.member or self.event.date
        if fuzzy.members:
            starts = [m.start for m in fuzzy.members if m.start is not None]
            ends = [m.end for m in fuzzy.members if m.end is not None]
            return min(starts, default=self.start), max(ends, default=self.end)
        if fuzzy.start is not None and fuzzy.end is not None:
            return fuzzy.start, fuzzy.end
        known = known_part(fuzzy.edtf)
        return known.start or self.start, known.end or self.end

    def members(self) -> list[Placed]:
        """A set, as one placed item per member on the set's row; anything else as itself."""
        if self.member is not None or not self.event.date.members:
            return [self]
        return [
            Placed(self.event, self.lane, self.y, self.start, self.end, self.text_outside, m)
            for m in self.event.date.members
        ]


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


def inert(text: str) -> str:
    """``text`` as plotly shows it literally: plotly reads some HTML in every text it draws
    (``<a href>``, ``<span style>``, ``<b>``, ``<br>``), and reads ``&lt;`` back as ``<``."""
    return html.escape(text, quote=False)


def shifted(day: Day, delta: timedelta) -> Day:
    """``day`` moved by ``delta``, kept within the days there are (years -9999 to 9999)."""
    return min(max(day + delta, MIN), MAX)


def view_bounds(events: Sequence[Event]) -> tuple[Day, Day]:
    """The time span to show: every known bound, padded on both sides for open ends."""
    known = [d for e in events for d in (e.date.start, e.date.end) if d is not None]
    if not known:
        today = Day.from_date(pendulum.today().date())
        return today - timedelta(days=365), today + timedelta(days=365)
    first, last = min(known), max(known)
    pad = timedelta(days=max(60, (last - first).days // 12))
    return shifted(first, -pad), shifted(last, pad)


def known_part(edtf: str) -> FuzzyDate:
    """The known end of an interval with an open or unknown end, as a date of its own."""
    first, _, last = edtf.partition("/")
    return parse_edtf(first if first not in ("", "..") else last)


def fit_titles(view: tuple[Day, Day], events: Sequence[Event]) -> tuple[Day, Day]:
    """Widen the view on the right so that a title written after its band stays inside it."""
    first, last = view
    for event in events:
        share = (len(event.title) + 3) / CHARS_ACROSS  # of the view's width the title takes
        end = known_part(event.date.edtf).end if event.date.end is None else event.date.end
        if end is not None and share < 0.9:
            days = (end.toordinal() - first.toordinal()) / (1 - share)
            needed = shifted(first, timedelta(days=min(round(days), MAX.ordinal - first.ordinal)))
            last = max(last, needed)
    return first, last


def lanes_of(event: Event) -> tuple[str, ...]:
    """The lanes an event is drawn in: its topics, or one lane for events without any."""
    return event.topics or (NO_TOPIC,)


def lane_order(
    events: Sequence[Event], topics: dict[str, Topic], only: Sequence[str] = ()
) -> list[str]:
    """Topics that have events, in vocabulary order, then others; only ``only`` when given."""
    used = dict.fromkeys(t for e in events for t in lanes_of(e) if not only or t in only)
    return [name for name in topics if name in used] + [t for t in used if t not in topics]


def place_events(
    events: Sequence[Event], lanes: list[str], view: tuple[Day, Day], with_text: bool
) -> tuple[list[Placed], list[Lane]]:
    """Give every (event, topic) a row in its topic's lane so that nothing drawn overlaps."""
    char_days = (view[1] - view[0]).days / CHARS_ACROSS
    placed: list[Placed] = []
    bands: list[Lane] = []
    top = 0.0
    in_lane: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.date.sort_key):
        for lane in lanes_of(event):
            in_lane[lane].append(event)
    for lane in lanes:
        row_ends: list[Day] = []
        for event in in_lane[lane]:
            start = event.date.start or view[0]
            end = event.date.end or view[1]
            text_days = timedelta(days=char_days * (len(event.title) + 3) if with_text else 0)
            solid = Placed(event, lane, 0, start, end, False).band
            outside = with_text and (solid[1] - solid[0]) < text_days
            beyond = text_days if outside else timedelta(days=char_days * 2)
            reach = max(end, shifted(solid[1], beyond))
            row = _first_free_row(row_ends, start)
            if row == len(row_ends):
                row_ends.append(reach)
            row_ends[row] = reach
            placed.append(Placed(event, lane, top + row, start, end, outside))
        bands.append(Lane(lane, top - 0.5, top + len(row_ends) - 0.5))
        top += len(row_ends) + LANE_GAP_ROWS
    return placed, bands


def _first_free_row(row_ends: list[Day], start: Day) -> int:
    """The first row free at ``start``; when a lane is full, the row that frees up first
    (events then overlap rather than make the figure ever taller)."""
    for row, end in enumerate(row_ends):
        if end < start:
            return row
    if len(row_ends) >= MAX_ROWS_PER_LANE:
        return min(range(len(row_ends)), key=row_ends.__getitem__)
    return len(row_ends)


NOTHING_MATCHES = "No events match these filters"


def build_figure(
    events: Sequence[Event],
    topics: dict[str, Topic],
    title: str = "Timeline",
    subtitle: str = "",
    only_topics: Sequence[str] = (),
    view: tuple[Day, Day] | None = None,
    told: Mapping[str, Provenance] | None = None,
    empty_says: str = NOTHING_MATCHES,
) -> go.Figure:
    """The timeline of ``events``: bands for months, seasons and years, diamonds for days.

    An event is drawn in the lane of each of its topics; ``only_topics`` limits the lanes.
    ``told`` gives each event's reports: their number is shown, and an event whose sources
    disagree on its date is outlined in black.
    """
    told = told or {}
    with_text = len(events) <= TEXT_LIMIT
    if view is None:
        view = fit_titles(view_bounds(events), events) if with_text else view_bounds(events)
    lanes = lane_order(events, topics, only_topics)
    placed, bands = place_events(events, lanes, view, with_text)
    by_lane: dict[str, list[Placed]] = defaultdict(list)
    for item in placed:
        by_lane[item.lane].append(item)
    figure = go.Figure()
    for lane in lanes:
        colour = topics[lane].colour if lane in topics else KEY_COLOUR
        for trace in _lane_traces(lane, colour, by_lane[lane], view, with_text, told):
            figure.add_trace(trace)
    for trace in _key_traces(placed, told):
        figure.add_trace(trace)
    _lay_out(figure, bands, view, title, subtitle, "" if events else empty_says)
    return figure


def _lane_traces(lane, colour, placed: list[Placed], view, with_text: bool, told) -> list:
    drawn = [m for p in placed for m in p.members()]
    bands = [p for p in drawn if p.band[0] != p.band[1]]
    days = [p for p in drawn if p.band[0] == p.band[1]]
    traces: list = []
    candidates = [p for p in placed if p.event.date.kind == "one-of"]
    if candidates:
        traces.append(_candidates_trace(lane, colour, candidates))
    if bands:
        traces.append(_band_trace(lane, colour, bands, with_text, told))
    if days:
        traces.append(_day_trace(lane, colour, days, with_text, told, legend=not bands))
    opens = [p for p in placed if p.event.date.start is None or p.event.date.end is None]
    if opens:
        traces.append(_open_end_trace(lane, colour, opens, view))
    return traces


def _custom(placed: list[Placed], told) -> list[list[str]]:
    """What the hover shows (made inert), after the id that a click looks the event up by."""
    return [
        [
            p.event.id,
            *map(inert, (p.event.title, p.event.date.label, ", ".join(p.event.topics))),
            inert(_sources_line(told.get(p.event.id))),
        ]
        for p in placed
    ]


def _sources_line(provenance: Provenance | None) -> str:
    if provenance is None:
        return ""
    if provenance.disagree:
        return f"{provenance.count} sources disagree: {provenance.summary()}"
    return provenance.summary()


def _label(p: Placed, told) -> str:
    """The title drawn beside an event, with its number of sources when more than one (a
    set's title after its last member only)."""
    event = p.event
    if p.member is not None and p.member is not event.date.members[-1]:
        return ""
    provenance = told.get(event.id)
    if provenance is None or provenance.count < 2:
        return inert(event.title)
    differ = ", dates differ" if provenance.disagree else ""
    return inert(f"{event.title} ({provenance.count} sources{differ})")


def _outline(p: Placed, colour: str, told, width: int) -> tuple[str, int]:
    provenance = told.get(p.event.id)
    if provenance is not None and provenance.disagree:
        return DISAGREE_COLOUR, DISAGREE_WIDTH
    return colour, width


def _band_trace(lane: str, colour: str, placed: list[Placed], with_text: bool, told) -> go.Bar:
    outlines = [_outline(p, colour, told, 1) for p in placed]
    return go.Bar(
        orientation="h",
        base=[_midnight(p.band[0]) for p in placed],
        x=[((p.band[1] - p.band[0]).days + 1) * MS_PER_DAY for p in placed],
        y=[p.y for p in placed],
        name=inert(lane),
        legendgroup=lane,
        marker={
            "color": colour,
            "opacity": [_opacity(p) for p in placed],
            "line": {"color": [c for c, _ in outlines], "width": [w for _, w in outlines]},
            "pattern": {
                "shape": [UNCERTAIN_PATTERN if p.event.date.uncertain else "" for p in placed],
                "fgcolor": "white",
                "solidity": 0.3,
            },
        },
        width=0.7,
        text=[_label(p, told) for p in placed] if with_text else None,
        textposition=["outside" if p.text_outside or p.member else "inside" for p in placed],
        insidetextanchor="start",
        textfont={"size": 11},
        cliponaxis=False,
        customdata=_custom(placed, told),
        hovertemplate=HOVER,
    )


def _day_trace(lane, colour, placed: list[Placed], with_text: bool, told, legend: bool):
    outlines = [_outline(p, colour, told, 2) for p in placed]
    return go.Scatter(
        x=[_moment(p) for p in placed],
        y=[p.y for p in placed],
        mode="markers+text" if with_text else "markers",
        name=inert(lane),
        legendgroup=lane,
        showlegend=legend,
        marker={
            "symbol": ["diamond-open" if p.event.date.uncertain else "diamond" for p in placed],
            "size": 13,
            "color": colour,
            "opacity": [_opacity(p) for p in placed],
            "line": {"color": [c for c, _ in outlines], "width": [w for _, w in outlines]},
        },
        text=[_label(p, told) for p in placed] if with_text else None,
        textposition="middle right",
        textfont={"size": 11},
        customdata=_custom(placed, told),
        hovertemplate=HOVER,
    )


def _open_end_trace(lane, colour, placed: list[Placed], view) -> go.Scatter:
    """A dotted line from the known end to the edge of the view, an arrow at the edge."""
    xs: list = []
    ys: list = []
    symbols: list[str] = []
    for p in placed:
        solid_start, solid_end = p.band
        if p.event.date.end is None:
            xs += [_midnight(shifted(solid_end, timedelta(days=1))), _midnight(view[1]), None]
            symbols += ["circle", "triangle-right", "circle"]
        else:
            xs += [_midnight(view[0]), _midnight(solid_start), None]
            symbols += ["triangle-left", "circle", "circle"]
        # just under the band, so that a title written beside the band stays readable
        ys += [p.y + OPEN_LINE_OFFSET, p.y + OPEN_LINE_OFFSET, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        legendgroup=lane,
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
        line={"color": colour, "dash": "dot", "width": 2},
        marker={
            "symbol": symbols,
            "size": [s != "circle" and 13 or 0 for s in symbols],
            "color": colour,
        },
    )


def _key_traces(placed: list[Placed], told) -> list:
    """Legend entries that explain the drawing, for the styles present in the figure."""
    dates = [p.event.date for p in placed]
    key = []
    if any(d.precision == "day" and d.start == d.end for d in dates):
        key.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="a single day",
                marker={"symbol": "diamond", "color": KEY_COLOUR, "size": 11},
            )
        )
    if any(d.start != d.end for d in dates):
        key.append(
            go.Bar(
                x=[None],
                y=[None],
                name="a span: its width is the date's",
                marker={"color": KEY_COLOUR},
            )
        )
    if any(d.approximate for d in dates):
        key.append(
            go.Bar(
                x=[None],
                y=[None],
                name="approximate (c.): faded",
                marker={"color": KEY_COLOUR, "opacity": APPROXIMATE_OPACITY},
            )
        )
    if any(d.uncertain for d in dates):
        key.append(
            go.Bar(
                x=[None],
                y=[None],
                name="uncertain (?): hatched",
                marker={"color": KEY_COLOUR, "pattern": {"shape": UNCERTAIN_PATTERN}},
            )
        )
    if any(d.kind == "one-of" for d in dates):
        key.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name="one of these dates: faint, dotted between",
                line={"dash": "dot", "color": KEY_COLOUR},
                marker={"symbol": "square", "color": KEY_COLOUR, "opacity": CANDIDATE_OPACITY},
            )
        )
    if any(d.start is None or d.end is None for d in dates):
        key.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name="open or unknown end: dotted",
                line={"dash": "dot", "color": KEY_COLOUR},
                marker={"symbol": "triangle-right", "color": KEY_COLOUR, "size": 12},
            )
        )
    if any(told.get(p.event.id) and told[p.event.id].disagree for p in placed):
        key.append(
            go.Bar(
                x=[None],
                y=[None],
                name="sources disagree on the date: outlined",
                marker={
                    "color": KEY_COLOUR,
                    "line": {"color": DISAGREE_COLOUR, "width": DISAGREE_WIDTH},
                },
            )
        )
    for trace in key:
        trace.update(
            legendgroup="key", legendgrouptitle_text="How dates are drawn", hoverinfo="skip"
        )
    return key


def _lay_out(figure: go.Figure, bands: list[Lane], view, title: str, subtitle: str, empty: str):
    rows = bands[-1].bottom + 0.5 if bands else 1
    figure.update_layout(
        title={"text": _title(title, subtitle), "x": 0.01},
        height=int(max(320, 170 + rows * ROW_PX)),
        barmode="overlay",
        plot_bgcolor="white",
        margin={"l": 150, "r": 30, "t": 80, "b": 50},
        legend={"tracegroupgap": 4, "groupclick": "toggleitem"},
        hoverlabel={"align": "left"},
        clickmode="event",
        dragmode="zoom",
    )
    figure.update_xaxes(
        type="date",
        range=[_midnight(view[0]), _midnight(view[1])],
        **_year_ticks(view),
        showgrid=True,
        gridcolor="#e5e5e5",
        linecolor="#999",
        ticks="outside",
    )
    figure.update_yaxes(
        tickvals=[b.centre for b in bands],
        ticktext=[inert(b.name) for b in bands],
        range=[rows - 0.5, -0.7],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    for band in bands[1:]:
        figure.add_hline(y=band.top - LANE_GAP_ROWS / 2, line={"color": "#ddd", "width": 1})
    if empty:  # what the reader sees instead of events
        figure.add_annotation(
            text=empty,
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            font={"size": 16},
        )


def _year_ticks(view: tuple[Day, Day]) -> dict:
    """Before year 1 plotly writes years as signed numbers ("-0500"); there the axis gets
    round years as a historian writes them ("500 BC", "AD 500"). Later views keep plotly's."""
    if view[0].year >= 1:
        return {}
    years = round_years(view[0].year, view[1].year, MAX_TICKS)
    return {
        "tickvals": [f"{year_text(year)}-01-01" for year in years],
        "ticktext": [year_label(year) if year < 1 else f"AD {year}" for year in years],
    }


def _title(title: str, subtitle: str) -> str:
    """The figure's title, and under it in small type the filters shown (both inert)."""
    return f"{inert(title)}<br><sup>{inert(subtitle)}</sup>" if subtitle else inert(title)


def _opacity(p: Placed) -> float:
    if p.member is not None and p.event.date.kind == "one-of":
        return CANDIDATE_OPACITY
    approximate = (p.member or p.event.date).approximate
    return APPROXIMATE_OPACITY if approximate else EXACT_OPACITY


def _midnight(day: Day) -> str:
    """The start of ``day`` as plotly reads a date (years before 1 too: ``-0489-03-01``)."""
    return day.isoformat()


def _moment(p: Placed) -> str:
    """Where a single day or instant is drawn: a timed date at its moment (UTC when the
    zone is known), a day at its noon."""
    instant = (p.member or p.event.date).instant
    if instant:
        return instant.rstrip("Z").replace("T", " ")
    return f"{p.band[0].isoformat()} 12:00"


def _candidates_trace(lane, colour, placed: list[Placed]) -> go.Scatter:
    """A one-of set: a dotted line from its first candidate to its last, on its row."""
    xs: list = []
    ys: list = []
    for p in placed:
        first, last = p.band
        xs += [_midnight(first), _midnight(last + timedelta(days=1)), None]
        ys += [p.y, p.y, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        legendgroup=lane,
        showlegend=False,
        hoverinfo="skip",
        line={"color": colour, "dash": "dot", "width": 2},
    )


def density_figure(
    counts,
    lanes: Sequence[str],
    topics: dict[str, Topic],
    view: tuple[Day, Day],
    title: str,
    subtitle: str,
    in_view: int,
) -> go.Figure:
    """Too many events to draw one by one: how many overlap each period, lane by lane."""
    rows = [i for i, lane in enumerate(lanes) if counts[i].any()]
    buckets = counts.shape[1]
    width = ((view[1] - view[0]).days + 1) / buckets
    x = [_midnight(view[0] + timedelta(days=int(width * (b + 0.5)))) for b in range(buckets)]
    figure = go.Figure(
        go.Heatmap(
            z=[counts[i].tolist() for i in rows],
            x=x,
            y=[inert(lanes[i]) for i in rows],
            colorscale="Blues",
            colorbar={"title": {"text": "events"}},
            hovertemplate="%{y}<br>%{x|%d %b %Y}: %{z} events<extra></extra>",
            xgap=0,
            ygap=2,
        )
    )
    note = (
        f"{in_view:,} events in view: counts per period. Zoom in or filter to see single "
        f"events (at most {current().max_drawn:,})."
    )
    figure.update_layout(
        title={"text": _title(title, subtitle), "x": 0.01},
        height=int(max(320, 170 + len(rows) * 46)),
        plot_bgcolor="white",
        margin={"l": 150, "r": 30, "t": 80, "b": 70},
        annotations=[
            {
                "text": note,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.18,
                "xanchor": "left",
                "font": {"size": 12},
            }
        ],
    )
    figure.update_xaxes(type="date", range=[_midnight(view[0]), _midnight(view[1])])
    figure.update_yaxes(autorange="reversed", fixedrange=True)
    return figure
