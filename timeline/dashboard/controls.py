"""The filter controls and the address: a control the reader changes writes the filters
into the URL, and the page is made again for it (the URL is the one source of truth)."""

from __future__ import annotations

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from timeline.dashboard import inputs
from timeline.dashboard.wiring import callback, table_of
from timeline.errors import TimelineError
from timeline.query import Filters, from_query_string, to_query_string


def filters_from_controls(
    years: list[int] | None, topics: list[str] | None, text: str | None, span
) -> Filters:
    """The filters the controls show; the full year span means no year filter."""
    chosen = tuple(sorted(years)) if years else None
    if chosen == span or chosen is None:
        chosen = None
    return Filters(chosen, tuple(topics or ()), (text or "").strip())  # type: ignore[arg-type]


def controls_from_filters(filters: Filters, span) -> tuple[list[int], list[str], str]:
    """What the year slider, topic menu and text box show for these filters."""
    years = list(filters.years or span or (0, 0))
    return years, list(filters.topics), filters.text


@callback(
    Output("url", "search"),
    Input("years", "value"),
    Input("topics", "value"),
    Input("text", "value"),
    State("chronology", "data"),
    State("shown", "data"),
    State("reading-poll", "disabled"),
    prevent_initial_call=True,
)
def filters_changed(years, topics, text, name, shown, drawn_with_events):
    """The controls' filters into the URL (which makes the page again). A page drawn while
    its file was still being read shows placeholder years: they are nobody's filter. When
    the file cannot be read now, the years are written as shown (its span is unknown)."""
    if not drawn_with_events:
        raise PreventUpdate
    try:
        table = table_of(inputs.optional_text(name))
    except TimelineError:  # written all the same: the page made for it says what failed
        table = None
    span = (table.year_span() or (2000, 2030)) if table is not None else None
    filters = filters_from_controls(
        inputs.years(years), inputs.texts(topics), inputs.text(text), span
    )
    if table is not None and filters == from_query_string(inputs.text(shown), table.topics):
        raise PreventUpdate  # the page already shows these filters (however they were written)
    return to_query_string(filters) or "?"
