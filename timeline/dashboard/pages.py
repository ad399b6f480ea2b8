"""The pages of a server, by address (Dash Pages): a chronology at ``/c/NAME`` (the first at
``/``), and the review of an article for it at ``/c/NAME/review``. Each page is a function of
its address: its filters come from the query string. A source of a chronology is at
``/c/NAME/source/ID`` (``?event=ID`` highlights that event's quote)."""

from __future__ import annotations

from urllib.parse import unquote, urlencode

import dash

from timeline.dashboard.layout import (
    cannot_read,
    chronology_page,
    chronology_selector,
    not_found,
    page_address,
)
from timeline.dashboard.review import review_page
from timeline.dashboard.source_page import source_view
from timeline.dashboard.wiring import Served, served
from timeline.engine import Table
from timeline.errors import FileUnreadable, TimelineError
from timeline.query import Filters, from_query_string
from timeline.view import View, make_view

LAYOUT_WAIT_S = 1.0  # a page waits this long for its file before it opens saying "reading"
QUERY = ("years", "topics", "q")


def register() -> None:
    """Put the pages in Dash's registry (the same functions serve every app: each finds
    its own server's chronologies through ``served()``)."""
    # Dash tries the pages by their order, and <name> would take "events/review" too
    for order, (module, path, template, layout) in enumerate(
        (
            ("timeline.pages.review", None, "/c/<name>/review", review),
            ("timeline.pages.first_review", "/review", None, review),
            ("timeline.pages.source", None, "/c/<name>/source/<source_id>", source),
            ("timeline.pages.first_source", None, "/source/<source_id>", source),
            ("timeline.pages.chronology", None, "/c/<name>", chronology),
            ("timeline.pages.first", "/", None, chronology),
        )
    ):
        options = {"path": path} if path else {"path_template": template}
        dash.register_page(module, layout=layout, title=_title, order=order, **options)


def chronologies(here: Served) -> list[tuple[str, str]]:
    return [(name, page_address(name)) for name in here.catalogue.names()]


def chronology(name: str | None = None, **query) -> object:
    """A chronology's page for the filters of its address."""
    here = served()
    try:
        source = here.source(name)
    except TimelineError as error:
        return not_found(str(error), chronologies(here))
    title = here.title_for(source)
    search = query_string(query)
    table, status = None, None
    try:  # fails when its file vanished while read, or was changed in place since
        table = source.events.ready(LAYOUT_WAIT_S)
        if table is not None:
            filters, view = _filtered_view(table, search, title)
    except TimelineError as error:
        table, status = None, str(error)
    if table is None:  # the page while its file is read, asked again until it is
        return chronology_page(
            source.name, title, None, Filters(), None, search, here.policy, chronologies(here),
            status or source.events.status(),
        )  # fmt: skip
    return chronology_page(
        source.name, title, table, filters, view, search, here.policy, chronologies(here)
    )


def _filtered_view(table: Table, search: str, title: str) -> tuple[Filters, View]:
    filters = from_query_string(search, table.topics)
    view = make_view(table, filters, title)
    view.figure.update_layout(uirevision=search or "all")  # a redraw keeps the reader's zoom
    return filters, view


def review(name: str | None = None, **_query) -> object:
    """The page that proposes events from an article for a chronology."""
    here = served()
    try:
        source = here.source(name)
    except TimelineError as error:
        return not_found(str(error), chronologies(here))
    return review_page(source.name, here.title_for(source), here.policy)


def source(source_id: str = "", name: str | None = None, event: str | None = None, **_query):
    """A source of a chronology, with ``event``'s quote highlighted in its text."""
    here = served()
    try:
        chosen = here.source(name)
    except TimelineError as error:
        return not_found(str(error), chronologies(here))
    try:  # fails when its file vanished while read, or was changed in place since
        table = chosen.table()
        cited = table.sources.get(unquote(source_id))
        if cited is None:
            return not_found(
                f"No source {unquote(source_id)!r} in chronology {chosen.name!r}.",
                chronologies(here),
            )
        nav = chronology_selector(chronologies(here), chosen.name)
        return source_view(chosen.name, page_address(chosen.name), table, cited, event, nav)
    except TimelineError as error:
        return cannot_read(str(error), chronologies(here), isinstance(error, FileUnreadable))


def query_string(query: dict) -> str:
    """The filters of a page's address as a query string (other parameters left out)."""
    kept = {k: v if isinstance(v, str) else str(v) for k, v in query.items() if k in QUERY}
    return "?" + urlencode(kept) if kept else ""


def _title(name: str | None = None, **_variables) -> str:
    here = served()
    try:
        return here.title_for(here.source(name))
    except TimelineError:
        return "Not found"
