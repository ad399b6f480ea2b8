"""The page's components; ids are the names callbacks use."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from timeline.dashboard.review import review_section
from timeline.engine import Table
from timeline.errors import Problem
from timeline.events import Event
from timeline.formats import FORMATS

MAX_MARKS = 10


def page_layout(
    table: Table | None,
    title: str,
    chronologies: Sequence[tuple[str, str]] = (),
    current: str = "",
    status: str | None = None,
) -> html.Div:
    """The whole page; filters start empty and are set from the URL by a callback.

    ``table`` is None while the events file is still being read (``status`` says so): the
    page then opens at once, and its callbacks fill it when the reading is done.
    ``chronologies`` (name, address) are the other chronologies of the server, offered in a
    selector above the title; ``current`` is this one's name.
    """
    first, last = (table.year_span() if table else None) or (2000, 2030)
    source_line = f"{table.path}: {len(table):,} events" if table else (status or "")
    return html.Div(
        className="page",
        children=[
            dcc.Location(id="url", refresh=False),
            chronology_selector(chronologies, current),
            html.H1(title),
            html.P(source_line, className="source-line"),
            html.P(status if table is None else "", id="loading", className="loading"),
            html.Div(id="filter-warnings", className="warnings"),
            # above the timeline: a row left out must be seen, not found by scrolling
            html.Div(id="problems"),
            dcc.Store(id="saved", data=0),
            # the filters to draw, written by the URL/controls callback every time it runs:
            # the view never waits on a value that might come back unchanged
            dcc.Store(id="view", data=None),
            _filters(list(table.topics) if table else [], first, last),
            html.Div(id="count", className="count"),
            dcc.Loading(dcc.Graph(id="timeline", config={"displaylogo": False}), delay_show=300),
            _export_bar(),
            html.Div(
                className="columns",
                children=[
                    html.Div([html.H2("Events"), html.Ol(id="event-list")], className="list"),
                    html.Div(
                        [html.H2("Details"), html.Div(_details_hint(), id="details"), _edit_form()],
                        className="details-column",
                    ),
                ],
            ),
            review_section(),
        ],
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """At most about ten labelled years on the slider."""
    step = max(1, (last - first) // MAX_MARKS + 1)
    return {year: str(year) for year in range(first, last + 1, step)}


def chronology_selector(chronologies: Sequence[tuple[str, str]], current: str) -> html.Nav:
    """Links to every chronology of the server, this one marked (none when there is one)."""
    if len(chronologies) < 2:
        return html.Nav(id="chronologies", hidden=True)
    links = [
        html.Li(html.A(name, href=address), className="current" if name == current else "")
        for name, address in chronologies
    ]
    return html.Nav([html.Span("Chronologies: "), html.Ul(links)], id="chronologies")


def _filters(topics: list[str], first: int, last: int) -> html.Div:
    marks = year_marks(first, last)
    return html.Div(
        className="filters",
        children=[
            html.Label(
                [
                    "Years",
                    dcc.RangeSlider(
                        id="years",
                        min=first,
                        max=last,
                        step=1,
                        value=[first, last],
                        marks=marks,
                        allowCross=True,
                        tooltip={"placement": "bottom"},
                    ),
                ],
                className="years",
            ),
            html.Label(
                [
                    "Topics",
                    dcc.Dropdown(
                        id="topics",
                        options=topics,
                        value=[],
                        multi=True,
                        placeholder="All topics",
                    ),
                ],
                className="topics",
            ),
            html.Label(
                [
                    "Text",
                    dcc.Input(
                        id="text",
                        type="search",
                        value="",
                        debounce=0.4,
                        placeholder="Search titles, summaries and quotes",
                    ),
                ],
                className="text",
            ),
            html.A("Reset filters", href="?", className="reset"),
        ],
    )


def _export_bar() -> html.Div:
    buttons = [
        html.Button(fmt.label, id=f"export-{name}", n_clicks=0, className="export-button")
        for name, fmt in FORMATS.items()
    ]
    return html.Div(
        className="export",
        children=[
            html.Span("Download this view:"),
            *buttons,
            dcc.Download(id="download"),
            html.Span(id="export-status", className="export-status"),
        ],
    )


def event_list(events: Sequence[Event]) -> list[html.Li]:
    """One clickable line per event: date label, title, topics."""
    return [
        html.Li(
            html.Button(
                [
                    html.Span(e.date.label, className="when"),
                    " ",
                    e.title,
                    html.Span(" · " + ", ".join(e.topics), className="topics-of"),
                ],
                id={"type": "event-item", "id": e.id},
                n_clicks=0,
                className="event-item",
            )
        )
        for e in events
    ]


def event_details(event: Event) -> list:
    """Everything about one event, its quote and provenance first."""
    rows = [
        ("Date", f"{event.date.label} (EDTF {event.date.edtf})"),
        ("Topics", ", ".join(event.topics)),
        ("Actors", ", ".join(event.actors)),
        ("Summary", event.summary),
        ("Source", event.source),
        ("Note", event.note),
    ]
    return [
        html.H3(event.title, id="details-title", title=event.id),
        html.Blockquote(event.quote, id="details-quote"),
        html.Dl(
            [part for name, value in rows if value for part in (html.Dt(name), html.Dd(value))]
        ),
    ]


def _edit_form() -> html.Details:
    """Edit or delete the event shown in the details (filled when one is clicked)."""
    fields = [
        html.Label([label, dcc.Input(id=f"edit-{name}", type="text", value="")])
        for name, label in (
            ("date", "Date (EDTF) "),
            ("title", "Title "),
            ("topics", "Topics (;) "),
        )
    ]
    return html.Details(
        id="edit",
        className="edit",
        children=[
            html.Summary("Edit or delete this event"),
            dcc.Store(id="selected-id", data=None),
            *fields,
            html.Button("Save changes", id="edit-save", n_clicks=0),
            html.Button("Delete event", id="edit-delete", n_clicks=0),
            html.Div(id="edit-status", className="status"),
        ],
    )


def _details_hint() -> str:
    return "Click an event in the timeline or the list to read its quote, source and note."


def problems_panel(problems: Sequence[Problem]) -> list:
    """Rows that could not be used, each with its line, column and reason."""
    if not problems:
        return []
    return [
        html.H2(f"{len(problems)} problem(s) in the events file: these rows are not shown"),
        html.Ul([html.Li(str(problem)) for problem in problems], className="problem-list"),
    ]
