"""Build the Dash app for one events file."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import dash

from timeline.api import add_api, api_blueprint
from timeline.catalogue import Catalogue, Source
from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.large import large_layout
from timeline.dashboard.layout import page_layout
from timeline.limits import limit_flask

ASSETS = Path(__file__).parent / "assets"
WRITE_OUTPUTS = ("save-status.children", "edit-status.children")  # the callbacks that write


def create_app(
    events_path: str | Path,
    topics_path: str | Path | None = None,
    title: str | None = None,
    write_token: str | None = None,
    *,
    source: Source | None = None,
    url_base: str = "/",
    chronologies: Callable[[], Sequence[tuple[str, str]]] = tuple,
) -> dash.Dash:
    """A Dash app that serves ``events_path``, read again whenever the file changes.

    With ``write_token``, a request that writes (saving reviewed events) must carry it in
    the page's token box, or it is refused with 403; reading needs no token. On its own
    (no ``source`` given) the app also serves the JSON API under ``/api/v1``. Several
    chronologies on one server (``timeline.dashboard.site``) give each app its ``source``,
    its ``url_base`` and a function that lists every chronology (name, address) for the
    page's selector, asked again on each page load.
    """
    own_api = source is None
    source = source or Catalogue.of_file(events_path, topics_path).source()
    large = source.large
    title = title or default_title(source)
    app = dash.Dash(
        __name__,
        title=title,
        assets_folder=str(ASSETS),
        url_base_pathname=url_base,
        update_title=None,  # type: ignore[arg-type]  # None keeps the tab title still
    )
    app.layout = (
        (lambda: large_layout(large.current(), title, chronologies(), source.name))
        if large
        else (
            lambda: page_layout(
                source.chronology(), title, chronologies=chronologies(), current=source.name
            )
        )
    )
    register_callbacks(app, source.whole, title, large)
    limit_flask(app.server)
    if write_token:
        app.server.before_request(partial(refuse_writes_without, write_token))
    if own_api:
        blueprint = api_blueprint(
            Catalogue.of_source(source), lambda _s: title, lambda _n: url_base
        )
        add_api(app.server, blueprint)
    return app


def default_title(source: Source) -> str:
    return f"Chronology · {source.path.name}"


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
