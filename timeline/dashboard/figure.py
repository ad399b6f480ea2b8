"""The figure, the count and the list of a page: drawn for its filters, and again for a
zoom (single events when few enough are in view)."""

from __future__ import annotations

from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from timeline.dashboard import inputs
from timeline.dashboard.layout import listed, reserved_height
from timeline.dashboard.wiring import callback, in_browser, table_of
from timeline.days import Day
from timeline.engine import Table
from timeline.errors import TimelineError
from timeline.query import from_query_string
from timeline.view import make_view


def render_view(table: Table, search: str | None, title: str, x_range=None):
    """Figure, count, event list and filter warnings for the view a URL (and a zoom)
    describes."""
    from dash import html

    filters = from_query_string(search, table.topics)
    view = make_view(table, filters, title, x_range)
    view.figure.update_layout(uirevision=search or "all")  # a redraw keeps the reader's zoom
    warnings = [html.P(f"Ignored filter: {p}") for p in filters.problems]
    return view.figure, view.count, listed(view), warnings


def zoomed_range(relayout: dict | None) -> tuple[str, str] | None:
    """The x range of a zoom (two ISO days), or None for a reset (autorange), anything
    else, or a range that is not two dates."""
    relayout = inputs.mapping(relayout)
    if "xaxis.range[0]" in relayout:
        ends = [relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")]
    else:
        ends = inputs.items(relayout.get("xaxis.range"))[:2]
    try:
        first, last = (Day.fromisoformat(str(end)) for end in ends)
    except ValueError:
        return None
    return (first.isoformat(), last.isoformat()) if first <= last else None


def changes_range(relayout: dict | None) -> bool:
    """Whether a relayout event zooms or resets the time axis."""
    keys = inputs.mapping(relayout)
    return any(key.startswith("xaxis.range") or key == "xaxis.autorange" for key in keys)


def page_title(name: str | None) -> str:
    from timeline.dashboard.wiring import served

    here = served()
    return here.title_for(here.source(name))


# Plotly reports resizes as relayouts too; one sent to the server after a zoom would take
# the zoom's place (Dash keeps the answer of a callback's latest call only). The browser
# passes on zooms and resets alone (``changes_range`` in timeline.js).
in_browser("zooms", Output("zoom", "data"), Input("timeline", "relayoutData"))


@callback(
    Output("timeline", "figure", allow_duplicate=True),
    Output("count", "children", allow_duplicate=True),
    Output("event-list", "children", allow_duplicate=True),
    Output("timeline-box", "style", allow_duplicate=True),
    Input("zoom", "data"),
    State("chronology", "data"),
    State("shown", "data"),
    prevent_initial_call=True,
)
def zoom(relayout, name, shown):
    """A zoom draws its range again: single events when few enough are in it. A file that
    cannot be read now (changed in place since it was read) is said where the count goes,
    and the timeline stays as drawn."""
    if not changes_range(relayout):  # a resize, not a zoom
        raise PreventUpdate
    name = inputs.optional_text(name)
    try:
        table = table_of(name)
        figure, count, items, _ = render_view(
            table, inputs.text(shown), page_title(name), zoomed_range(relayout)
        )
    except TimelineError as error:
        return no_update, str(error), no_update, no_update
    return figure, count, items, reserved_height(figure)
