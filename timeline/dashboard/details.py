"""The details of the event the reader clicks, in the timeline or in the list; the edit
form is filled with it at the same time."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, html, no_update

from timeline.dashboard import inputs
from timeline.dashboard.layout import EDITED, event_details
from timeline.dashboard.wiring import callback, in_browser, table_of
from timeline.engine import Table
from timeline.errors import TimelineError
from timeline.events import Event


def details_for(table: Table, event_id: str | None, name: str = ""):
    """The details panel for one event id, or a message if it is gone."""
    event = table.find(event_id) if event_id else None
    if event is None:
        return html.P(f"No event with id {event_id!r} in {table.path}.")
    return event_details(event, table, name)


def editable_values(event: Event) -> dict[str, str]:
    """The values the edit form shows, as the file holds them: what a save expects to find."""
    row = event.as_row()
    return {name: row[name] for name in EDITED}


def clicked_event_id(click_data: dict | None) -> str | None:
    """The event id a click on the figure landed on (it travels in ``customdata``)."""
    points = inputs.items(inputs.mapping(click_data).get("points")) or [{}]
    custom = inputs.items(inputs.mapping(points[0]).get("customdata"))
    return inputs.optional_text(custom[0]) if custom else None


def details_and_form(table: Table, event_id: str | None, name: str = "") -> tuple:
    """The details panel, what the form holds (id and values as seen), and its values."""
    event = table.find(event_id) if event_id else None
    if event is None:
        return (details_for(table, event_id, name), None, *([""] * len(EDITED)))
    seen = editable_values(event)
    return (event_details(event, table, name), {"id": event.id, "seen": seen}, *seen.values())


# A click on the list becomes "clicked-item" in the browser (``listClicked`` in timeline.js):
# were the list's buttons an input here, every list drawn anew would ask again, and Dash,
# which keeps the answer of a callback's latest call only, would lose a click on its way.
in_browser(
    "listClicked",
    Output("clicked-item", "data"),
    Input({"type": "event-item", "id": ALL}, "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output("details", "children"),
    Output("selected-id", "data"),
    *(Output(f"edit-{name}", "value") for name in EDITED),
    Output("edit-status", "children", allow_duplicate=True),
    Input("timeline", "clickData"),
    Input("clicked-item", "data"),
    State("chronology", "data"),
    prevent_initial_call=True,
)
def show_details(click_data, clicked_item, name):
    if ctx.triggered_id == "clicked-item":
        event_id = inputs.optional_text(inputs.mapping(clicked_item).get("id"))
    else:
        event_id = clicked_event_id(click_data)
    if not event_id:
        return (no_update,) * (len(EDITED) + 3)
    try:
        chronology = inputs.optional_text(name)
        table = table_of(chronology)
    except TimelineError as error:
        return (html.P(str(error)), None, *([""] * len(EDITED)), "")
    return (*details_and_form(table, event_id, chronology or ""), "")
