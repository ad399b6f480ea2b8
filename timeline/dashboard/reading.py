"""A page opened while its file is still being read asks again until it is, then is made
again with the events (the store is an input of Dash's page router)."""

from __future__ import annotations

from dash import Input, Output, State, no_update

from timeline.dashboard import inputs
from timeline.dashboard.wiring import callback, served
from timeline.errors import TimelineError


@callback(
    Output("table-ready", "data"),
    Output("loading", "children"),
    Input("reading-poll", "n_intervals"),
    State("chronology", "data"),
    prevent_initial_call=True,
)
def poll(count, name):
    try:
        source = served().source(inputs.optional_text(name))
    except TimelineError as error:
        return no_update, str(error)
    if source.events.ready() is None:
        return no_update, source.events.status() or ""
    return {"read": inputs.count(count)}, ""
