"""Build the Dash app for one events file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import dash

from timeline.access import WritePolicy
from timeline.api import add_api, api_blueprint
from timeline.catalogue import Catalogue, Source
from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.layout import page_layout
from timeline.limits import limit_flask

ASSETS = Path(__file__).parent / "assets"
LAYOUT_WAIT_S = 1.0  # a page waits this long for its file before it opens saying "reading"


def create_app(
    events_path: str | Path,
    topics_path: str | Path | None = None,
    title: str | None = None,
    write_token: str | None = None,
    *,
    policy: WritePolicy | None = None,
    source: Source | None = None,
    url_base: str = "/",
    chronologies: Callable[[], Sequence[tuple[str, str]]] = tuple,
) -> dash.Dash:
    """A Dash app that serves ``events_path``, read again whenever the file changes.

    Who may write is ``policy`` (see ``timeline.access``): by default ``write_token`` when
    given, else writes from this machine only; every callback that writes checks it and says
    on the page why a write was refused. Reading needs nothing. On its own
    (no ``source`` given) the app also serves the JSON API under ``/api/v1``. Several
    chronologies on one server (``timeline.dashboard.site``) give each app its ``source``,
    its ``url_base`` and a function that lists every chronology (name, address) for the
    page's selector, asked again on each page load.
    """
    own_api = source is None
    source = source or Catalogue.of_file(events_path, topics_path).source()
    title = title or default_title(source)
    source.events.ready()  # start reading now: the port opens while the file is read
    app = dash.Dash(
        __name__,
        title=title,
        assets_folder=str(ASSETS),
        url_base_pathname=url_base,
        update_title=None,  # type: ignore[arg-type]  # None keeps the tab title still
        enable_mcp=False,  # a second way into the callbacks that the page does not need
    )
    app.layout = lambda: page_layout(
        source.events.ready(LAYOUT_WAIT_S),
        title,
        chronologies(),
        source.name,
        source.events.status(),
    )
    policy = policy or WritePolicy.for_server("127.0.0.1", write_token)
    register_callbacks(app, source, title, policy)
    limit_flask(app.server)
    if own_api:
        blueprint = api_blueprint(
            Catalogue.of_source(source), lambda _s: title, lambda _n: url_base
        )
        add_api(app.server, blueprint)
    return app


def default_title(source: Source) -> str:
    return f"Chronology · {source.path.name}"
