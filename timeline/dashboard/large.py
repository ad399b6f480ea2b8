"""The page for large events files: filters on columns, counts when too many to draw."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
from dash import html

from timeline.dashboard.layout import event_list, page_layout, problems_panel
from timeline.errors import ExportError
from timeline.export import (
    FIGURE_FORMATS,
    MEDIA_TYPES,
    data_bytes,
    figure_bytes,
    file_name,
    view_subtitle,
)
from timeline.figures import MAX_DRAWN, NO_TOPIC, build_figure, density_figure, shifted
from timeline.query import Filters, from_query_string
from timeline.store import Chronology
from timeline.table import TableFile, known_span, table_topics

DENSITY_BUCKETS = 200
LIST_LIMIT = 50
PROBLEM_LIMIT = 200
EXPORT_LIMIT = 100_000  # events in one CSV or JSON download from the page


def visible_days(file: TableFile, keep: np.ndarray, x_range) -> tuple[date, date]:
    """The zoomed range, else every known day of the kept rows, padded a little."""
    if x_range:
        return (date.fromisoformat(str(x_range[0])[:10]), date.fromisoformat(str(x_range[1])[:10]))
    span = known_span(file.table, keep) or known_span(file.table) or (date.today(),) * 2
    pad = timedelta(days=max(60, (span[1] - span[0]).days // 20))
    return shifted(span[0], -pad), shifted(span[1], pad)


def render_large_view(file: TableFile, search: str | None, title: str, x_range=None):
    """Figure, count, list and warnings, as ``render_view`` gives them for small files."""
    table = file.table
    topics = table_topics(file)
    filters = from_query_string(search, table.topic_names)
    keep = table.mask(filters)
    view = visible_days(file, keep, x_range)
    first, last = view[0].toordinal(), view[1].toordinal()
    in_view = keep & (table.start <= last) & (table.end >= first)
    shown, total = int(keep.sum()), len(table)
    subtitle = view_subtitle(shown, total, filters)
    rows = np.flatnonzero(in_view)
    # events that cover the whole zoomed range (open-ended, decades…) would keep a zoom from
    # ever reaching single events: they are counted in a note instead of drawn
    spanning = in_view & (table.start <= first) & (table.end >= last) if x_range else None
    inside = rows if spanning is None else np.flatnonzero(in_view & ~spanning)
    if len(inside) <= MAX_DRAWN:
        figure = build_figure(
            file.events(inside),
            topics,
            title,
            subtitle,
            filters.topics,
            view=view if x_range else None,
        )
        if spanning is not None and spanning.any():
            figure.add_annotation(
                text=f"+ {int(spanning.sum()):,} events spanning the whole range shown",
                showarrow=False,
                xref="paper",
                yref="paper",
                x=1,
                y=1.02,
                xanchor="right",
                yanchor="bottom",
            )
    else:
        counts = table.counts(keep, first, last, DENSITY_BUCKETS)
        lanes = [*table.topic_names, NO_TOPIC]
        chosen = [i for i, lane in enumerate(lanes) if not filters.topics or lane in filters.topics]
        figure = density_figure(
            counts[chosen], [lanes[i] for i in chosen], topics, view, title, subtitle, len(rows)
        )
    figure.update_layout(uirevision=search or "all")
    return (
        figure,
        f"{shown:,} of {total:,} events",
        _list(file, in_view),
        _warnings(filters),
        _problems(file),
    )


def _list(file: TableFile, in_view: np.ndarray) -> list:
    order = file.by_start(in_view)
    items = event_list(file.events(order[:LIST_LIMIT]))
    if len(order) > LIST_LIMIT:
        items.append(html.Li(f"… and {len(order) - LIST_LIMIT:,} more in view: zoom or filter."))
    return items


def _warnings(filters: Filters) -> list:
    return [html.P(f"Ignored filter: {p}") for p in filters.problems]


def _problems(file: TableFile) -> list:
    problems = file.table.problems
    panel = problems_panel(problems[:PROBLEM_LIMIT])
    if len(problems) > PROBLEM_LIMIT:
        panel.append(
            html.P(f"… and {len(problems) - PROBLEM_LIMIT:,} more: run timeline validate.")
        )
    return panel


def large_year_span(file: TableFile) -> tuple[int, int] | None:
    span = known_span(file.table)
    return (span[0].year, span[1].year) if span else None


def large_layout(
    file: TableFile, title: str, chronologies: Sequence[tuple[str, str]] = (), current: str = ""
):
    """The page for a large file: the small page's layout, told the count and years."""
    table = file.table
    problems = tuple(table.problems[:PROBLEM_LIMIT])
    summary = Chronology(str(file.path), (), table_topics(file), problems, len(table))
    return page_layout(
        summary,
        title,
        count=len(table),
        span=large_year_span(file),
        chronologies=chronologies,
        current=current,
    )


def large_download(file: TableFile, search: str | None, fmt: str, title: str) -> dict:
    """The filtered view of a large file as an image or page (what the page draws) or data."""
    from dash import dcc

    filters = from_query_string(search, file.table.topic_names)
    rows = np.flatnonzero(file.table.mask(filters))
    if fmt in FIGURE_FORMATS:
        figure = render_large_view(file, search, title)[0]
        shown = file.events(rows) if len(rows) <= MAX_DRAWN else []  # details of drawn events
        data = figure_bytes(figure, fmt, shown, keep_browser=True)
    else:
        if len(rows) > EXPORT_LIMIT:
            raise ExportError(
                f"{len(rows):,} events are too many to download from the page "
                f"(limit {EXPORT_LIMIT:,}); filter further or use timeline export"
            )
        data = data_bytes(file.events(rows), table_topics(file), fmt, title)
    return dcc.send_bytes(data, file_name(fmt), type=MEDIA_TYPES[fmt])
