"""How the page's features declare their callbacks, and what a callback knows of its server.

Each feature module declares its callbacks at module level with ``@callback`` (as
``dash.callback`` does); ``attach`` gives them to every app made, so that several apps can
live in one process (Dash's own global list goes to the first app only). A callback finds
the chronologies, the write policy and the title of the server that called it through
``served()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import Dash

from timeline.access import WritePolicy
from timeline.catalogue import Catalogue, Source
from timeline.engine import Table
from timeline.errors import TimelineError

_DECLARED: list[tuple[Callable, tuple, dict]] = []
_IN_BROWSER: list[tuple[str, tuple, dict]] = []


def callback(*dependencies, **options):
    """Declare a callback of a feature module; ``attach`` wires it into each app."""

    def declare(function):
        _DECLARED.append((function, dependencies, options))
        return function

    return declare


def in_browser(function: str, *dependencies, **options) -> None:
    """Declare a callback that runs in the browser: ``function`` of ``timeline.js`` (in the
    assets), for what needs no server and must not wait for one."""
    _IN_BROWSER.append((function, dependencies, options))


def attach(app: Dash) -> None:
    from dash import ClientsideFunction

    for function, dependencies, options in _DECLARED:
        app.callback(*dependencies, **options)(function)
    for name, dependencies, options in _IN_BROWSER:
        app.clientside_callback(ClientsideFunction("timeline", name), *dependencies, **options)


@dataclass(frozen=True)
class Served:
    """What one server serves: its chronologies, who may write, and the title."""

    catalogue: Catalogue
    policy: WritePolicy
    title: str | None = None

    def source(self, name: str | None) -> Source:
        return self.catalogue.source(name or None)

    def title_for(self, source: Source) -> str:
        if self.title and len(self.catalogue.names()) > 1:
            return f"{self.title} · {source.name}"
        return self.title or f"Chronology · {source.path.name}"


def served() -> Served:
    """The ``Served`` of the server handling this request."""
    from flask import current_app

    return current_app.config["timeline"]


def table_of(name: str | None) -> Table:
    """The table of the chronology a page shows (read first if need be)."""
    return served().source(name).table()


def allowed(token: str | None) -> None:
    """Raise ``WriteRefused`` unless this request may write (token, host, origin)."""
    from flask import has_request_context, request

    served().policy.check(token, request if has_request_context() else None)


def client() -> str:
    """Who writes, for the file's history: the page and the address it came from."""
    from flask import has_request_context, request

    return f"page ({request.remote_addr or '?'})" if has_request_context() else "page"


def refusal(error: TimelineError) -> str:
    return f"Nothing changed: {error}"
