"""The page's components; ids are the names callbacks use."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from timeline.dashboard.review import review_section
from timeline.errors import Problem
from timeline.events import Event
from timeline.export import FORMATS, LABELS
from timeline.query import year_span
from timeline.store import Chronology

MAX_MARKS = 10


def page_layout(
    chronology: Chronology,
    title: str,
    count: int | None = None,
    span: tuple[int, int] | None = None,
    chronologies: Sequence[tuple[str, str]] = (),
    current: str = "",
) -> html.Div:
    """The whole page; filters start empty and are set from the URL by a callback.

    For a large file, ``chronology`` holds no events: ``count`` and ``span`` say what it has.
    ``chronologies`` (name, address) are the other chronologies of the server, offered in a
    selector above the title; ``current`` is this one's name.
    """
    first, last = span or year_span(chronology.events) or (2000, 2030)
    count = len(chronology.events) if count is None else count
    return html.Div(
        className="page",
        children=[
            dcc.Location(id="url", refresh=False),
            chronology_selector(chronologies, current),
            html.H1(title),
            html.P(f"{chronology.path}: {count:,} events", className="source-line"),
            html.Div(id="filter-warnings", className="warnings"),
            # above the timeline: a row left out must be seen, not found by scrolling
            html.Div(id="problems", children=problems_panel(chronology.problems)),
            dcc.Store(id="saved", data=0),
            _filters(chronology, first, last),
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


def chronology_selector(chronologies: Sequence[tuple[str, str]], current: str) -> html.Nav:
    """Links to every chronology of the server, this one marked (none when there is one)."""
    if len(chronologies) < 2:
        return html.Nav(id="chronologies", hidden=True)
    links = [
        html.Li(html.A(name, href=address), className="current" if name == current else "")
        for name, address in chronologies
    ]
    return html.Nav([html.Span("Chronologies: "), html.Ul(links)], id="chronologies")


def _filters(chronology: Chronology, first: int, last: int) -> html.Div:
    step = max(1, (last - first) // MAX_MARKS + 1)
    marks = {year: str(year) for year in range(first, last + 1, step)}
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
                        options=list(chronology.topics),
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
        html.Button(
            LABELS.get(fmt, fmt.upper()), id=f"export-{fmt}", n_clicks=0, className="export-button"
        )
        for fmt in FORMATS
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
