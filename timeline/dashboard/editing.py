"""Writing from the page: edit, delete or add one event, through the one write path. Each
answers on the page (saved, or refused and why), shows the file as it now is, and cannot be
sent twice while it is on its way."""

from __future__ import annotations

from dash import Input, Output, State, ctx, html, no_update

from timeline.dashboard import inputs
from timeline.dashboard.details import details_and_form, editable_values
from timeline.dashboard.figure import page_title, render_view
from timeline.dashboard.layout import EDITED, reserved_height
from timeline.dashboard.wiring import allowed, callback, client, refusal, served
from timeline.errors import TimelineError
from timeline.events import slug
from timeline.store import event_from_row
from timeline.write import add_events, delete_event, edit_event

REDRAWN = (
    Output("timeline", "figure", allow_duplicate=True),
    Output("count", "children", allow_duplicate=True),
    Output("event-list", "children", allow_duplicate=True),
    Output("timeline-box", "style", allow_duplicate=True),
)


def apply_edit(path, selected: dict | None, action: str, values: dict[str, str]):
    """Save the form's values into the selected event, or delete it; refused when the event
    changed since the form was filled. Returns the status line and the event's id (None once
    deleted)."""
    selected = inputs.mapping(selected)
    event_id, seen = inputs.text(selected.get("id")), selected.get("seen")
    if not event_id:
        raise TimelineError("click an event first")
    seen = {k: v for k, v in inputs.mapping(seen).items() if isinstance(v, str)} or None
    if action == "edit-delete":
        delete_event(path, event_id, expected=seen, by=client())
        return f"Deleted {event_id}.", None
    updates = {name: inputs.text(values.get(name)) for name in EDITED}
    new = edit_event(path, event_id, updates, expected=seen, by=client())
    return f"Saved {event_id}: {new.date.label}, {new.title}.", event_id


def add_event(path, values: dict[str, str]):
    """Add one event from the form's values, checked as `validate` checks a row; an event
    identical to one already there (date, title and source) is refused with its id."""
    row = {name: inputs.text(values.get(name)) for name in EDITED}
    row["id"] = slug(f"{row['date']}-{row['title']}")
    event = event_from_row(str(path), 0, row, None)
    (written,) = add_events(path, [event], by=client())
    return f"Added {written.id}: {written.date.label}, {written.title}."


def redraw(name: str | None, shown: str | None):
    table = served().source(name).table()
    figure, count, items, _ = render_view(table, shown, page_title(name))
    return (figure, count, items, reserved_height(figure)), table


@callback(
    Output("edit-status", "children"),
    Output("details", "children", allow_duplicate=True),
    Output("selected-id", "data", allow_duplicate=True),
    *(Output(f"edit-{name}", "value", allow_duplicate=True) for name in EDITED),
    *REDRAWN,
    Input("edit-save", "n_clicks"),
    Input("edit-delete", "submit_n_clicks"),
    State("chronology", "data"),
    State("shown", "data"),
    State("selected-id", "data"),
    *(State(f"edit-{name}", "value") for name in EDITED),
    State("write-token", "value"),
    running=[(Output("edit-save", "disabled"), True, False)],
    prevent_initial_call=True,
)
def edit(_save, _delete, name, shown, selected, *values_and_token):
    *values, token = values_and_token
    unchanged = (no_update,) * (2 + len(EDITED) + len(REDRAWN))
    name = inputs.optional_text(name)
    try:
        allowed(inputs.text(token))
        source = served().source(name)
        action = "edit-delete" if ctx.triggered_id == "edit-delete" else "edit-save"
        status, event_id = apply_edit(
            source.path, selected, action, dict(zip(EDITED, values, strict=True))
        )
    except TimelineError as error:
        return (refusal(error), *unchanged)
    drawn, table = redraw(name, inputs.text(shown))
    if event_id is None:  # deleted: the details say so rather than show what is gone
        gone = html.P(f"{status} Click an event to see its details.")
        return (status, gone, None, *([""] * len(EDITED)), *drawn)
    return (status, *details_and_form(table, event_id, source.name), *drawn)


@callback(
    Output("add-status", "children"),
    *(Output(f"add-{name}", "value") for name in EDITED),
    *REDRAWN,
    Input("add-save", "n_clicks"),
    State("chronology", "data"),
    State("shown", "data"),
    *(State(f"add-{name}", "value") for name in EDITED),
    State("write-token", "value"),
    running=[(Output("add-save", "disabled"), True, False)],
    prevent_initial_call=True,
)
def add(_clicks, name, shown, *values_and_token):
    *values, token = values_and_token
    name = inputs.optional_text(name)
    try:
        allowed(inputs.text(token))
        status = add_event(served().source(name).path, dict(zip(EDITED, values, strict=True)))
    except TimelineError as error:
        return (refusal(error), *((no_update,) * (len(EDITED) + len(REDRAWN))))
    drawn, _table = redraw(name, inputs.text(shown))
    return (status, *([""] * len(EDITED)), *drawn)


__all__ = ["add_event", "apply_edit", "editable_values"]
