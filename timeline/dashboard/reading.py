"""A page opened while its file is still being read asks again until it is, then is made
again with the events (the store is an input of Dash's page router).

Dash also calls the poll when a page is inserted, since its output lies outside the page;
only a tick of a page drawn while reading may answer, or every page would be made twice
and a click on the first lost. The tick that finds the file read also stops the poll: a
later tick would make the page again while it is being made (Dash keeps the answer of a
router's latest call only), so that a page slower to make than a tick never came, and one
that came was made again under the reader."""

from __future__ import annotations

from dash import Input, Output, State, no_update

from timeline.dashboard import inputs
from timeline.dashboard.wiring import callback, served
from timeline.errors import TimelineError


@callback(
    Output("table-ready", "data"),
    Output("loading", "children"),
    Output("reading-poll", "max_intervals"),
    Input("reading-poll", "n_intervals"),
    State("reading-poll", "disabled"),
    State("chronology", "data"),
    prevent_initial_call=True,
)
def poll(ticks, drawn_with_events, name):
    if drawn_with_events or not inputs.count(ticks):
        return no_update, no_update, no_update
    try:
        source = served().source(inputs.optional_text(name))
        if source.events.ready() is None:
            return no_update, source.events.status() or "", no_update
    except TimelineError as error:  # said, and asked again at the next tick
        return no_update, str(error), no_update
    return {"read": inputs.count(ticks)}, "", 0  # 0: no more ticks
