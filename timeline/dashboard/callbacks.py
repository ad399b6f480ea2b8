"""Callbacks: thin wiring around pure functions that take the chronology and the URL."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from timeline.access import WritePolicy
from timeline.catalogue import Source
from timeline.dashboard import inputs
from timeline.dashboard.layout import event_details, event_list, problems_panel, year_marks
from timeline.dashboard.review import (
    edited_rows,
    proposal_rows,
    propose,
    save_accepted,
    text_from_upload,
)
from timeline.engine import Table
from timeline.errors import TimelineError
from timeline.formats import FORMATS
from timeline.formats import export as export_view
from timeline.query import Filters, from_query_string, to_query_string
from timeline.settings import current
from timeline.view import make_view
from timeline.write import delete_event, edit_event

PROBLEM_LIMIT = 200  # problems listed on the page; `timeline validate` lists them all


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


def render_view(table: Table, search: str | None, title: str, x_range=None):
    """Figure, count, event list, filter warnings and problems for the view the URL (and a
    zoom) describes."""
    filters = from_query_string(search, table.topics)
    view = make_view(table, filters, title, x_range)
    view.figure.update_layout(uirevision=search or "all")  # a redraw keeps the reader's zoom
    listed = event_list(view.listed)
    if view.more:
        listed.append(html.Li(f"… and {view.more:,} more in view: zoom or filter."))
    warnings = [html.P(f"Ignored filter: {p}") for p in filters.problems]
    return view.figure, view.count, listed, warnings, problems_list(table)


def problems_list(table: Table) -> list:
    panel = problems_panel(table.problems[:PROBLEM_LIMIT])
    if len(table.problems) > PROBLEM_LIMIT:
        more = len(table.problems) - PROBLEM_LIMIT
        panel.append(html.P(f"… and {more:,} more: run timeline validate."))
    return panel


def details_for(table: Table, event_id: str | None):
    """The details panel for one event id, or a message if it is gone."""
    event = table.find(event_id) if event_id else None
    if event is None:
        return html.P(f"No event with id {event_id!r} in {table.path}.")
    return event_details(event)


def download_for(table: Table, search: str | None, fmt: str, title: str) -> dict:
    """The dcc.Download payload of the filtered view in ``fmt``."""
    filters = from_query_string(search, table.topics)
    limit = current().download_limit
    data = export_view(table, filters, fmt, title, keep_browser=True, limit=limit)
    chosen = FORMATS[fmt]
    return dcc.send_bytes(data, chosen.file_name, type=chosen.media_type)


def controls_for(table: Table):
    """The year slider's bounds and marks and the topic menu's choices for a table."""
    first, last = table.year_span() or (2000, 2030)
    return first, last, year_marks(first, last), list(table.topics)


def zoomed_range(relayout: dict | None) -> tuple[str, str] | None:
    """The x range of a zoom (two ISO days), or None for a reset (autorange), anything
    else, or a range that is not two dates."""
    relayout = inputs.mapping(relayout)
    if "xaxis.range[0]" in relayout:
        ends = [relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")]
    else:
        ends = inputs.items(relayout.get("xaxis.range"))[:2]
    try:
        first, last = (date.fromisoformat(str(end)[:10]) for end in ends)
    except ValueError:
        return None
    return (first.isoformat(), last.isoformat()) if first <= last else None


def shown_event_id(children) -> str | None:
    """The id of the event the details panel shows (carried by its title's data attribute)."""
    for child in children if isinstance(children, list) else []:
        props = child.get("props", {}) if isinstance(child, dict) else {}
        if props.get("id") == "details-title":
            return props.get("title")
    return None


def apply_edit(
    path, selected: dict | None, action: str, edtf: str, title: str, topics: str
) -> tuple[str, dict | None]:
    """Save the edited date, title and topics of the selected event, or delete it; refused
    when the event changed since the form was filled. Returns the status line and what the
    form now holds (None once the event is deleted)."""
    selected = inputs.mapping(selected)
    event_id, seen = inputs.text(selected.get("id")), selected.get("seen")
    if not event_id:
        raise TimelineError("the event is no longer in the file")
    seen = {k: v for k, v in inputs.mapping(seen).items() if isinstance(v, str)} or None
    by = f"page ({_client()})"
    edtf, title, topics = inputs.text(edtf), inputs.text(title), inputs.text(topics)
    if action == "edit-delete":
        delete_event(path, event_id, expected=seen, by=by)
        return f"Deleted {event_id}.", None
    if not (title or "").strip():
        raise TimelineError("the title is empty")
    updates = {"date": (edtf or "").strip(), "title": title.strip(), "topics": topics or ""}
    new = edit_event(path, event_id, updates, expected=seen, by=by)
    status = f"Saved {event_id}: {new.date.label}, {new.title}."
    return status, {"id": event_id, "seen": editable_values(new)}


def editable_values(event) -> dict[str, str]:
    """The values the edit form shows, as the file holds them: what a save expects to find."""
    row = event.as_row()
    return {name: row[name] for name in ("date", "title", "topics")}


def _client() -> str:
    from flask import has_request_context, request

    return (request.remote_addr or "?") if has_request_context() else "?"


def changes_range(relayout: dict | None) -> bool:
    """Whether a relayout event zooms or resets the time axis."""
    keys = inputs.mapping(relayout)
    return any(key.startswith("xaxis.range") or key == "xaxis.autorange" for key in keys)


def clicked_event_id(click_data: dict | None) -> str | None:
    """The event id a click on the figure landed on (it travels in ``customdata``)."""
    points = inputs.items(inputs.mapping(click_data).get("points")) or [{}]
    custom = inputs.items(inputs.mapping(points[0]).get("customdata"))
    return inputs.optional_text(custom[0]) if custom else None


def register_callbacks(
    app: Dash, source: Source, title: str, policy: WritePolicy | None = None
) -> None:
    """Wire the page's components to the pure functions above (``policy``: who may write,
    checked by every callback that writes)."""
    policy = policy or WritePolicy(loopback=True)

    def table() -> Table:
        found = source.table()
        assert found is not None
        return found

    def allowed(token: str | None) -> None:
        from flask import has_request_context, request

        policy.check(token, request if has_request_context() else None)

    @app.callback(
        Output("url", "search"),
        Output("years", "value"),
        Output("topics", "value"),
        Output("text", "value"),
        Output("years", "min"),
        Output("years", "max"),
        Output("years", "marks"),
        Output("topics", "options"),
        Output("view", "data"),
        Input("url", "search"),
        Input("years", "value"),
        Input("topics", "value"),
        Input("text", "value"),
        State("view", "data"),
    )
    def sync_url_and_controls(search, years, topics, text, view):
        """The URL sets the controls on a load (or back and forward); the controls set the
        URL when the reader changes them. Either way the view store gets the query to draw,
        a new value every time, so the figure is drawn on every load."""
        search, years = inputs.text(search), inputs.years(years)
        topics, text = inputs.texts(topics), inputs.text(text)
        current = table()
        first, last, marks, options = controls_for(current)
        span = (first, last)
        drawn = inputs.mapping(view)
        number = inputs.count(drawn.get("n")) + 1
        if ctx.triggered_id in (None, "url"):
            filters = from_query_string(search, current.topics)
            controls = controls_from_filters(filters, span)
            return no_update, *controls, first, last, marks, options, {"q": search, "n": number}
        query = to_query_string(filters_from_controls(years, topics, text, span)) or "?"
        if query == (search or "?") and drawn.get("q") == search:
            return (no_update,) * 9  # the controls only caught up with the URL
        view = {"q": query, "n": number}
        return query, no_update, no_update, no_update, first, last, marks, options, view

    @app.callback(
        Output("timeline", "figure"),
        Output("count", "children"),
        Output("event-list", "children"),
        Output("filter-warnings", "children"),
        Output("problems", "children"),
        Output("loading", "children"),
        Input("view", "data"),  # the filters to draw (see sync_url_and_controls)
        Input("saved", "data"),  # saved events: draw again
    )
    def show_view(view, _saved):
        search = inputs.text(inputs.mapping(view).get("q"))
        try:
            return *render_view(table(), search, title), ""
        except TimelineError as error:
            return go.Figure(), "", [], [html.P(str(error))], no_update, ""

    # A zoom is drawn by a callback of its own: the figure's first "autosize" relayout comes
    # while the view is still being drawn, and an answer of the same callback that said
    # "nothing to change" would have replaced the view's (the page loaded blank).
    @app.callback(
        Output("timeline", "figure", allow_duplicate=True),
        Output("count", "children", allow_duplicate=True),
        Output("event-list", "children", allow_duplicate=True),
        Input("timeline", "relayoutData"),
        State("view", "data"),
        prevent_initial_call=True,
    )
    def zoom(relayout, view):
        if not changes_range(relayout):  # a resize, not a zoom
            raise PreventUpdate
        search = inputs.text(inputs.mapping(view).get("q"))
        try:
            figure, count, listed, *_ = render_view(table(), search, title, zoomed_range(relayout))
        except TimelineError:
            raise PreventUpdate from None
        return figure, count, listed

    @app.callback(
        Output("selected-id", "data"),
        Output("edit-date", "value"),
        Output("edit-title", "value"),
        Output("edit-topics", "value"),
        Input("details", "children"),
        prevent_initial_call=True,
    )
    def fill_edit_form(children):
        event_id = shown_event_id(children)
        event = table().find(event_id) if event_id else None
        if event is None:
            return None, "", "", ""
        seen = editable_values(event)
        return {"id": event.id, "seen": seen}, seen["date"], seen["title"], seen["topics"]

    @app.callback(
        Output("edit-status", "children"),
        Output("saved", "data", allow_duplicate=True),
        Output("selected-id", "data", allow_duplicate=True),
        Input("edit-save", "n_clicks"),
        Input("edit-delete", "n_clicks"),
        State("selected-id", "data"),
        State("edit-date", "value"),
        State("edit-title", "value"),
        State("edit-topics", "value"),
        State("saved", "data"),
        State("write-token", "value"),
        prevent_initial_call=True,
    )
    def edit(_save, _delete, selected, edtf, event_title, topics, saved, token):
        saved, token = inputs.count(saved), inputs.text(token)
        if not inputs.mapping(selected):
            return "Click an event first.", no_update, no_update
        try:
            allowed(token)
            status, now = apply_edit(
                source.path, selected, ctx.triggered_id, edtf, event_title, topics
            )
        except TimelineError as error:
            return f"Nothing changed: {error}", no_update, no_update
        return status, saved + 1, now

    @app.callback(
        Output("details", "children"),
        Input("timeline", "clickData"),
        Input({"type": "event-item", "id": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def show_details(click_data, _clicks):
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            if not any(t["value"] for t in ctx.triggered):
                return no_update  # the list was redrawn, nobody clicked
            return details_for(table(), trigger["id"])
        event_id = clicked_event_id(click_data)
        return details_for(table(), event_id) if event_id else no_update

    @app.callback(
        Output("article-text", "value"),
        Output("review-status", "children", allow_duplicate=True),
        Input("article-upload", "contents"),
        State("article-upload", "filename"),
        prevent_initial_call=True,
    )
    def read_upload(contents, filename):
        contents, filename = inputs.text(contents), inputs.text(filename)
        try:
            return text_from_upload(contents, filename), f"Read {filename}."
        except TimelineError as error:
            return no_update, str(error)

    @app.callback(
        Output("proposals", "data"),
        Output("proposal-rows", "children"),
        Output("article-marked", "children"),
        Output("review-status", "children"),
        Input("propose", "n_clicks"),
        State("article-text", "value"),
        State("published", "value"),
        State("article-source", "value"),
        prevent_initial_call=True,
    )
    def propose_events(_clicks, text, published, source_name):
        text, published = inputs.text(text), inputs.text(published)
        rows, marked, status = propose(text, published, inputs.text(source_name))
        return rows, proposal_rows(rows), marked, status

    @app.callback(
        Output("save-status", "children"),
        Output("saved", "data"),
        Input("save-accepted", "n_clicks"),
        State("proposals", "data"),
        State({"type": "accept", "index": ALL}, "value"),
        State({"type": "date", "index": ALL}, "value"),
        State({"type": "title", "index": ALL}, "value"),
        State({"type": "topics", "index": ALL}, "value"),
        State("saved", "data"),
        State("write-token", "value"),
        prevent_initial_call=True,
    )
    def save(_clicks, rows, accepted, dates, titles, topics, saved, token):
        saved, token = inputs.count(saved), inputs.text(token)
        lists = [inputs.items(value) for value in (accepted, dates, titles, topics)]
        rows, ticked = edited_rows(inputs.rows(rows), *lists)
        try:
            allowed(token)
            status = save_accepted(source.path, rows, ticked, by=f"page ({_client()})")
        except TimelineError as error:
            return str(error), no_update
        return status, saved + 1

    @app.callback(
        Output("download", "data"),
        Output("export-status", "children"),
        *(Input(f"export-{fmt}", "n_clicks") for fmt in FORMATS),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def download(*args):
        fmt = str(ctx.triggered_id).removeprefix("export-")
        try:
            return download_for(table(), inputs.text(args[-1]), fmt, title), ""
        except TimelineError as error:
            return no_update, str(error)
