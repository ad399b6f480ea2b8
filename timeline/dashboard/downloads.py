"""The page's downloads: exactly the filtered view, in every format of the registry."""

from __future__ import annotations

from dash import Input, Output, State, ctx, dcc, no_update

from timeline.dashboard import inputs
from timeline.dashboard.figure import page_title
from timeline.dashboard.wiring import callback, table_of
from timeline.engine import Table
from timeline.errors import TimelineError
from timeline.formats import FORMATS
from timeline.formats import export as export_view
from timeline.query import from_query_string
from timeline.settings import current


def download_for(table: Table, search: str | None, fmt: str, title: str) -> dict:
    """The dcc.Download payload of the filtered view in ``fmt``."""
    filters = from_query_string(search, table.topics)
    limit = current().download_limit
    data = export_view(table, filters, fmt, title, keep_browser=True, limit=limit)
    chosen = FORMATS[fmt]
    return dcc.send_bytes(data, chosen.file_name, type=chosen.media_type)


@callback(
    Output("download", "data"),
    Output("export-status", "children"),
    *(Input(f"export-{fmt}", "n_clicks") for fmt in FORMATS),
    State("chronology", "data"),
    State("shown", "data"),
    prevent_initial_call=True,
)
def download(*args):
    *_clicks, name, shown = args
    fmt = str(ctx.triggered_id).removeprefix("export-")
    name = inputs.optional_text(name)
    try:
        return download_for(table_of(name), inputs.text(shown), fmt, page_title(name)), ""
    except TimelineError as error:
        return no_update, str(error)
