"""Build the Dash app for one events file."""

from __future__ import annotations

import hmac
from functools import partial
from pathlib import Path

import dash

from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.large import is_large, large_layout
from timeline.dashboard.layout import page_layout
from timeline.store import ChronologyFile
from timeline.table import TableSource

ASSETS = Path(__file__).parent / "assets"
WRITE_OUTPUTS = ("save-status.children", "edit-status.children")  # the callbacks that write


def create_app(
    events_path: str | Path,
    topics_path: str | Path | None = None,
    title: str | None = None,
    write_token: str | None = None,
) -> dash.Dash:
    """A Dash app that serves ``events_path``, read again whenever the file changes.

    With ``write_token``, a request that writes (saving reviewed events) must carry it in
    the page's token box, or it is refused with 403; reading needs no token.
    """
    source = ChronologyFile(events_path, topics_path)
    large = TableSource(events_path) if is_large(Path(events_path)) else None
    title = title or f"Chronology · {Path(events_path).name}"
    app = dash.Dash(
        __name__,
        title=title,
        assets_folder=str(ASSETS),
        update_title=None,  # type: ignore[arg-type]  # None keeps the tab title still
    )
    app.layout = (
        (lambda: large_layout(large.current(), title))
        if large
        else (lambda: page_layout(source.current(), title))
    )
    register_callbacks(app, source, title, large)
    if write_token:
        app.server.before_request(partial(refuse_writes_without, write_token))
    return app


def refuse_writes_without(token: str):
    """Abort with 403 a callback request that writes and does not carry ``token``."""
    from flask import abort, request

    if request.method != "POST" or not request.path.endswith("_dash-update-component"):
        return None
    body = request.get_json(silent=True) or {}
    if not any(output in str(body.get("output", "")) for output in WRITE_OUTPUTS):
        return None
    states = [s for s in body.get("state", []) if isinstance(s, dict)]  # ALL ones are lists
    given = next((s.get("value") for s in states if s.get("id") == "write-token"), "")
    if not hmac.compare_digest(str(given or ""), token):
        abort(403, description="saving needs the write token")
    return None
