"""Build the Dash app of a server: the pages of its chronologies (one events file, or every
events file of a folder) and the JSON API, on one Flask server."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import dash
from dash import Input, dcc, html

from timeline.access import WritePolicy
from timeline.api import add_api, api_blueprint
from timeline.catalogue import Catalogue
from timeline.dashboard import (  # noqa: F401  (each module declares its callbacks)
    controls,
    details,
    downloads,
    editing,
    figure,
    reading,
    review,
)
from timeline.dashboard.layout import page_address
from timeline.dashboard.pages import register
from timeline.dashboard.wiring import Served, attach
from timeline.errors import TimelineError
from timeline.limits import limit_flask

ASSETS = Path(__file__).parent / "assets"


def create_app(
    events_path: str | Path | None = None,
    topics_path: str | Path | None = None,
    title: str | None = None,
    write_token: str | None = None,
    *,
    policy: WritePolicy | None = None,
    folder: str | Path | None = None,
) -> dash.Dash:
    """The app that serves ``events_path`` (or every events file of ``folder``), each read
    again whenever its file changes, with the JSON API under ``/api/v1``.

    Who may write is ``policy`` (see ``timeline.access``): by default ``write_token`` when
    given, else writes from this machine only; every callback that writes checks it and says
    on the page why a write was refused. Reading needs nothing.
    """
    if folder is not None:
        catalogue = Catalogue.of_folder(folder)
    elif events_path is not None:
        catalogue = Catalogue.of_file(events_path, topics_path)
    else:
        raise TimelineError("give an events file or a folder of them")
    policy = policy or WritePolicy.for_server("127.0.0.1", write_token)
    served = Served(catalogue, policy, title)
    app = dash.Dash(
        __name__,
        title=title or "Chronology",
        assets_folder=str(ASSETS),
        use_pages=True,
        pages_folder="",
        suppress_callback_exceptions=True,  # a page's components come with the page
        routing_callback_inputs={"ready": Input("table-ready", "data")},
        update_title=None,  # type: ignore[arg-type]  # None keeps the tab title still
        enable_mcp=False,  # a second way into the callbacks that the page does not need
    )
    app.server.config["timeline"] = served
    register()
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            dcc.Store(id="table-ready"),
            dash.page_container,
        ]
    )
    attach(app)
    app.server.before_request(_unknown_pages_are_not_found)
    limit_flask(app.server)
    add_api(app.server, api_blueprint(catalogue, served.title_for, page_address))
    _start_reading(catalogue)
    return app


# the pages' addresses (see pages.register): a chronology, its review page, one of its sources
PAGE = re.compile(r"/(?:review/?|source/[^/]+)?|/c/(?P<name>[^/]+)(?:/(?:review/?|source/[^/]+)?)?")
DASH_PREFIXES = ("/_dash", "/_reload", "/_favicon", "/assets/", "/api/")


def _unknown_pages_are_not_found():
    """A page address that serves nothing answers 404 (Dash would answer any path with its
    page), listing the chronologies served."""
    from flask import Response, request

    from timeline.dashboard.wiring import served

    path = request.path
    if request.method != "GET" or path.startswith(DASH_PREFIXES):
        return None
    catalogue = served().catalogue
    names = catalogue.names()
    match = PAGE.fullmatch(path)
    name = match.group("name") if match else None
    if match and (name in names if name else bool(names)):
        return None
    if match is None:
        message = f"No page at {path}."
    elif name:
        message = f"no chronology named {name!r}; known: {', '.join(names) or 'none'}"
    else:
        message = f"{catalogue.folder}: no events files (*.csv) to serve"
    links = "".join(f'<li><a href="{escape(page_address(n))}">{escape(n)}</a></li>' for n in names)
    body = (
        f"<!doctype html><title>Not found</title><p>{escape(message)}</p>"
        f"<p>Chronologies served here:</p><ul>{links}</ul>"
    )
    return Response(body, status=404, mimetype="text/html")


def _start_reading(catalogue: Catalogue) -> None:
    """Read the first chronology now: the port opens while its file is read."""
    try:
        catalogue.source().events.ready()
    except TimelineError:
        pass  # a folder without events files yet: its pages say so


def default_title(path: Path) -> str:
    return f"Chronology · {path.name}"
