"""Several chronologies on one server: a page per events file of a folder, and one API.

``/c/<name>/`` is the page of ``<name>.csv`` (a Dash app made on its first visit, so a file
added to the folder later is served without a restart), ``/api/v1`` the JSON API over every
file, and ``/`` leads to the first chronology. Each page offers the others in a selector.
"""

from __future__ import annotations

import html
import threading
from urllib.parse import quote

import dash
from flask import Flask

from timeline.access import WritePolicy
from timeline.api import add_api, api_blueprint
from timeline.catalogue import Catalogue, Source, UnknownChronology
from timeline.dashboard.app import create_app, default_title
from timeline.errors import TimelineError
from timeline.limits import limit_flask, refuse_large_bodies

PAGES = "/c/"


def page_address(name: str) -> str:
    return f"{PAGES}{quote(name)}/"


class Site:
    """A WSGI application serving every chronology of ``catalogue``."""

    def __init__(
        self,
        catalogue: Catalogue,
        title: str | None = None,
        write_token: str | None = None,
        policy: WritePolicy | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.title = title
        self.policy = policy or WritePolicy.for_server("127.0.0.1", write_token)
        self._apps: dict[str, tuple[Source, dash.Dash]] = {}
        self._lock = threading.Lock()
        self.api = Flask(__name__)
        limit_flask(self.api)
        add_api(self.api, api_blueprint(catalogue, self.title_for, page_address))
        self._guarded = refuse_large_bodies(self._dispatch)  # for the site's own answers too

    def title_for(self, source: Source) -> str:
        return f"{self.title} · {source.name}" if self.title else default_title(source)

    def chronologies(self) -> list[tuple[str, str]]:
        return [(name, page_address(name)) for name in self.catalogue.names()]

    def app_for(self, name: str) -> dash.Dash:
        """The page of one chronology, made once (again if its file was replaced)."""
        source = self.catalogue.source(name)
        with self._lock:
            made = self._apps.get(name)
            if made is None or made[0] is not source:
                app = create_app(
                    source.path,
                    title=self.title_for(source),
                    policy=self.policy,
                    source=source,
                    url_base=page_address(name),
                    chronologies=self.chronologies,
                )
                made = self._apps[name] = (source, app)
            return made[1]

    def __call__(self, environ, start_response):
        return self._guarded(environ, start_response)

    def _dispatch(self, environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        if path.startswith("/api/"):
            return self.api(environ, start_response)
        if path == "/":
            return self._to_first(start_response)
        name, slash, _rest = path.removeprefix(PAGES).partition("/")
        if not path.startswith(PAGES) or not slash:
            if path.startswith(PAGES) and name:  # /c/name without its slash
                return _redirect(start_response, page_address(name))
            return _not_found(start_response, f"No page at {path}.", self.chronologies())
        try:
            app = self.app_for(name)
        except UnknownChronology as error:
            return _not_found(start_response, str(error), self.chronologies())
        return app.server(environ, start_response)

    def _to_first(self, start_response):
        try:
            first = self.catalogue.default
        except TimelineError as error:
            return _not_found(start_response, str(error), [])
        return _redirect(start_response, page_address(first))


def _redirect(start_response, location: str):
    start_response("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]


def _not_found(start_response, message: str, chronologies: list[tuple[str, str]]):
    links = "".join(
        f'<li><a href="{html.escape(address)}">{html.escape(name)}</a></li>'
        for name, address in chronologies
    )
    body = (
        f"<!doctype html><title>Not found</title><p>{html.escape(message)}</p>"
        f"<p>Chronologies served here:</p><ul>{links}</ul>"
    ).encode()
    start_response(
        "404 Not Found",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]
