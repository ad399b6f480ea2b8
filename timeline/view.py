"""A view of a chronology: the filtered events, the stretch of time shown, and its figure.

One function decides what a view shows, for the page, the API's images and the command
line alike: the events themselves when few enough are in view, else how many events of
each topic overlap each period (a count heatmap), with the title saying so. A zoom shows
only its range; events that span the whole of a zoomed range are counted in a note rather
than drawn, so that zooming in always reaches single events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from timeline.days import Day
from timeline.engine import Table, in_order
from timeline.errors import ExportError
from timeline.events import Event
from timeline.figures import NOTHING_MATCHES, build_figure, density_figure, shifted
from timeline.query import Filters
from timeline.settings import current

DETAILS = ("auto", "events", "counts")
NOTHING_IN_RANGE = "No event begins or ends in this range"  # a zoom: any others span it


@dataclass(frozen=True)
class View:
    """What one view shows: its figure, how many events pass the filters, those listed."""

    figure: go.Figure
    matched: int
    total: int
    listed: list[Event]
    in_view: int
    drawn: list[Event]  # the events drawn one by one (none when counts are drawn)

    @property
    def count(self) -> str:
        return f"{self.matched:,} of {self.total:,} events"

    @property
    def more(self) -> int:
        """Events in view beyond those listed."""
        return max(0, self.in_view - len(self.listed))


def subtitle(shown: int, total: int, filters: Filters) -> str:
    """``9 of 14 events · years 2024–2025; topics: trade`` for titles and page counts."""
    return f"{shown:,} of {total:,} events · {filters.describe()}"


def make_view(
    table: Table,
    filters: Filters,
    title: str,
    x_range: tuple[str, str] | None = None,
    detail: str = "auto",
) -> View:
    """The view of ``table`` through ``filters``: the whole span of what passes them, or
    ``x_range`` (ISO days) when zoomed; ``detail`` forces single events ("events", up to
    the detail limit) or counts ("counts"); the limits are settings."""
    settings = current()
    matched = table.matching(filters)
    days = _days_shown(table, matched, x_range, filters.years)
    first, last = days[0].toordinal(), days[1].toordinal()
    overlap = pl.col("start").fill_null(first).le(last) & pl.col("end").fill_null(last).ge(first)
    in_view = matched.filter(overlap)
    spanning = None
    if x_range:
        covers = pl.col("start").fill_null(first).le(first) & pl.col("end").fill_null(last).ge(last)
        spanning = in_view.filter(covers)
        inside = in_view.filter(~covers)
    else:
        inside = in_view
    line = subtitle(matched.height, len(table), filters)
    limit = settings.detail_limit if detail == "events" else settings.max_drawn
    if detail == "events" and inside.height > limit:
        raise ExportError(
            f"{inside.height:,} events are in view; at most {limit:,} are drawn one "
            "by one: filter further, or draw counts"
        )
    if inside.height <= limit and detail != "counts":
        drawn = table.events(inside)
        told = {e.id: table.provenance(e) for e in drawn} if table.sources or table.reports else {}
        figure = build_figure(
            drawn, table.topics, title, line, filters.topics,
            view=days if x_range or filters.years else None, told=told,
            empty_says=NOTHING_IN_RANGE if x_range else NOTHING_MATCHES,
        )  # fmt: skip
        if spanning is not None and spanning.height:
            _note_spanning(figure, spanning.height)
    else:
        drawn = []
        lanes = table.lanes(in_view, filters.topics)
        counts = table.counts(in_view, lanes, first, last, settings.density_buckets)
        figure = density_figure(counts, lanes, table.topics, days, title, line, in_view.height)
    listed = table.events(in_order(in_view).head(settings.list_limit))
    return View(figure, matched.height, len(table), listed, in_view.height, drawn)


def _days_shown(
    table: Table, rows: pl.DataFrame, x_range, years: tuple[int, int] | None = None
) -> tuple[Day, Day]:
    """The zoomed range, else the years asked for, else every known day of the rows (or of
    the table), padded."""
    if x_range:
        return Day.fromisoformat(str(x_range[0])), Day.fromisoformat(str(x_range[1]))
    if years:
        return Day.of(years[0]), shifted(Day.of(years[1], 12, 31), timedelta(days=1))
    span = table.known_span(rows) or table.known_span() or (Day.from_date(date.today()),) * 2
    pad = timedelta(days=max(60, (span[1] - span[0]).days // 20))
    return shifted(span[0], -pad), shifted(span[1], pad)


def _note_spanning(figure: go.Figure, count: int) -> None:
    figure.add_annotation(
        text=f"+ {count:,} {'event' if count == 1 else 'events'} spanning the whole range shown",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=1,
        y=1.02,
        xanchor="right",
        yanchor="bottom",
    )
