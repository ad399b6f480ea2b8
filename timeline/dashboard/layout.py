"""The page's components; ids are the names callbacks use.

A chronology's page is a function of its address: the filters in the URL are read when the
page is made, and the figure, the count and the list are drawn with it, so that a page
never waits on a callback to show what its address asks for.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from timeline.access import WritePolicy
from timeline.dashboard.source_page import heading as source_heading
from timeline.dashboard.source_page import source_address
from timeline.days import round_years, year_label
from timeline.engine import Table
from timeline.errors import Problem
from timeline.events import Event
from timeline.formats import FORMATS
from timeline.query import Filters
from timeline.view import View

MAX_MARKS = 10
PROBLEM_LIMIT = 200  # problems listed on the page; `timeline validate` lists them all
EDITED = ("date", "title", "topics", "actors", "summary", "quote", "source", "note")
LABELS = {
    "date": "Date (EDTF)",
    "title": "Title",
    "topics": "Topics (;)",
    "actors": "Actors (;)",
    "summary": "Summary",
    "quote": "Quote (verbatim)",
    "source": "Source",
    "note": "Note",
}


def chronology_page(
    name: str,
    title: str,
    table: Table | None,
    filters: Filters,
    view: View | None,
    search: str,
    policy: WritePolicy,
    chronologies: Sequence[tuple[str, str]] = (),
    status: str | None = None,
) -> html.Div:
    """A chronology's page for the filters of its address; while its file is still being
    read (``table`` None), the same page saying so, asked again until the file is read."""
    first, last = (table.year_span() if table is not None else None) or (2000, 2030)
    if filters.years:  # the slider reaches the years asked for, or it would move its handles
        first, last = min(first, filters.years[0]), max(last, filters.years[1])
    years = list(filters.years or (first, last))
    source_line = f"{table.path}: {len(table):,} events" if table is not None else ""
    return html.Div(
        className="page",
        children=[
            dcc.Store(id="chronology", data=name),
            dcc.Store(id="shown", data=search),  # the query this page was drawn for
            dcc.Store(id="zoom"),  # the latest zoom or reset of the time axis
            dcc.Store(id="clicked-item"),  # the event of the list clicked last
            chronology_selector(chronologies, name),
            html.H1(title),
            html.P(source_line, className="source-line"),
            html.P(status or "", id="loading", className="loading"),
            dcc.Interval(id="reading-poll", interval=700, disabled=table is not None),
            html.Div(
                [html.P(f"Ignored filter: {p}") for p in filters.problems],
                id="filter-warnings",
                className="warnings",
            ),  # fmt: skip
            # above the timeline: a row left out must be seen, not found by scrolling
            html.Div(problems_list(table.problems) if table is not None else [], id="problems"),
            _filters(list(table.topics) if table is not None else [], first, last, years, filters),
            html.Div(view.count if view else "", id="count", className="count"),
            html.Div(
                dcc.Graph(
                    id="timeline",
                    figure=view.figure if view else {},
                    config={"displaylogo": False},
                ),
                id="timeline-box",
                className="timeline-box",
                style=reserved_height(view.figure if view else None),
            ),
            _export_bar(),
            html.Div(
                className="columns",
                children=[
                    html.Div(
                        [html.H2("Events"), html.Ol(listed(view) if view else [], id="event-list")],
                        className="list",
                    ),
                    html.Div(
                        [
                            html.H2("Details"),
                            html.Div(_details_hint(), id="details"),
                            write_access(policy, "write-token"),
                            _edit_form(),
                            _add_form(list(table.topics) if table is not None else []),
                        ],
                        className="details-column",
                    ),
                ],
            ),
            html.P(
                dcc.Link("Propose events from an article →", href=review_address(name)),
                className="review-link",
            ),
        ],
    )


def reserved_height(figure) -> dict[str, str]:
    """The figure's height, kept for the timeline on the page (see style.css) while plotly.js
    comes and draws it: what is below is not moved under the reader's pointer, and the page
    never gets shorter for a moment (a browser would scroll it to the top). A redraw sets it
    again, for its own figure."""
    height = figure.layout.height if figure is not None else None
    return {"--figure-height": f"{height}px"} if height else {}


def review_address(name: str) -> str:
    return f"/c/{name}/review"


def page_address(name: str) -> str:
    return f"/c/{name}"


def chronology_selector(chronologies: Sequence[tuple[str, str]], current: str) -> html.Nav:
    """Links to every chronology of the server, this one marked (none when there is one)."""
    if len(chronologies) < 2:
        return html.Nav(id="chronologies", hidden=True)
    links = [
        html.Li(dcc.Link(name, href=address), className="current" if name == current else "")
        for name, address in chronologies
    ]
    return html.Nav([html.Span("Chronologies: "), html.Ul(links)], id="chronologies")


def year_marks(first: int, last: int) -> dict[int, str]:
    """At most about ten labelled years on the slider; from a year before 1 on, round years
    as historians write them ("500 BC", "AD 500")."""
    if first < 1:
        gap = (last - first) / MAX_MARKS  # a round year this near an end would cover it
        inner = [
            y for y in round_years(first, last, MAX_MARKS // 2) if first + gap < y < last - gap
        ]
        return {year: year_label(year) for year in (first, *inner, last)}
    step = max(1, (last - first) // MAX_MARKS + 1)
    return {year: str(year) for year in range(first, last + 1, step)}


def _filters(topics: list[str], first: int, last: int, years: list[int], filters: Filters):
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
                        value=years,
                        marks=year_marks(first, last),
                        allowCross=True,
                        tooltip={"placement": "bottom", "transform": "yearLabel"},
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
                        value=list(filters.topics),
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
                        value=filters.text,
                        debounce=0.4,
                        placeholder="Search titles, summaries and quotes",
                    ),
                ],
                className="text",
            ),
            dcc.Link("Reset filters", href="?", className="reset"),
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


def listed(view: View) -> list:
    """The events listed under the figure, and how many more are in view."""
    items = event_list(view.listed)
    if view.more:
        items.append(html.Li(f"… and {view.more:,} more in view: zoom or filter."))
    return items


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


def event_details(event: Event, table: Table | None = None, name: str = "") -> list:
    """Everything about one event, its quote and provenance first: with its table, every
    report of it, the date each gives where they differ, and a link to each stored source."""
    provenance = table.provenance(event) if table is not None else None
    rows = [
        ("Date", f"{event.date.label} (EDTF {event.date.edtf})"),
        ("Topics", ", ".join(event.topics)),
        ("Actors", ", ".join(event.actors)),
        ("Summary", event.summary),
        ("Source", event.source if provenance is None or not _listed(provenance, table) else ""),
        ("Note", event.note),
    ]
    parts = [
        html.H3(event.title, id="details-title", title=event.id),
        html.Blockquote(event.quote, id="details-quote"),
    ]
    if provenance is not None and provenance.disagree:
        parts.append(
            html.P(f"Sources disagree on the date: {provenance.summary()}", id="details-dates",
                   className="dates-differ")
        )  # fmt: skip
    parts.append(
        html.Dl(
            [part for label, value in rows if value for part in (html.Dt(label), html.Dd(value))]
        )
    )
    if table is not None and provenance is not None:
        parts += _reports(event, provenance, table, name)
    return parts


def _listed(provenance, table) -> bool:
    """Whether the details list the event's sources (several, or a stored one)."""
    return provenance.count > 1 or provenance.reports[0].source in table.sources


def _reports(event: Event, provenance, table: Table, name: str) -> list:
    """Each source of the event: who, the date it gives when it differs, its quote (when not
    the event's own), and a link to read it with the quote highlighted."""
    if not _listed(provenance, table):
        return []
    items = []
    for report in provenance.reports:
        cited = table.sources.get(report.source)
        said: list = [html.Strong(source_heading(cited) if cited else report.source)]
        if report.date.edtf != event.date.edtf:
            said.append(html.Span(f" dates it {report.date.label}", className="report-date"))
        if report.quote != event.quote:
            said.append(html.Blockquote(report.quote))
        if cited is not None and cited.file is not None:
            said.append(
                html.Div(dcc.Link("Read the source", href=source_address(name, cited.id, event.id),
                                  className="read-source"))
            )  # fmt: skip
        items.append(html.Li(said, className="report"))
    return [html.H4(f"Sources ({provenance.count})"), html.Ul(items, id="details-sources")]


def write_access(policy: WritePolicy, token_id: str) -> html.Div:
    """Where the page says whether it can write, with the token box when one is needed."""
    if policy.needs_token:
        box = dcc.Input(id=token_id, type="password", value="")
        said = html.Label(["Write token (this server asks for one to save) ", box])
        return html.Div(said, className="write-access")
    hidden = dcc.Input(id=token_id, type="hidden", value="")
    if policy.disabled:
        return html.Div(
            [html.P(f"Read-only: {policy.disabled}."), hidden], className="write-access"
        )
    return html.Div([html.P("Saving is open to this machine."), hidden], className="write-access")


def _fields(prefix: str, topics: list[str] | None = None) -> list:
    fields: list = []
    for name in EDITED:
        box = (
            dcc.Textarea(id=f"{prefix}-{name}", value="")
            if name in ("summary", "quote", "note")
            else dcc.Input(id=f"{prefix}-{name}", value="", type="text")
        )
        fields.append(html.Label([f"{LABELS[name]} ", box], className=f"field field-{name}"))
    if topics:
        fields.append(html.P("Topics: " + ", ".join(topics), className="known-topics"))
    return fields


def _edit_form() -> html.Details:
    """Edit or delete the event shown in the details (filled when one is clicked)."""
    return html.Details(
        id="edit",
        className="edit",
        children=[
            html.Summary("Edit or delete this event"),
            dcc.Store(id="selected-id", data=None),
            *_fields("edit"),
            html.Button("Save changes", id="edit-save", n_clicks=0),
            dcc.ConfirmDialogProvider(
                html.Button("Delete event", id="edit-delete-button", n_clicks=0),
                id="edit-delete",
                message="Delete this event from the file? (timeline undo can bring it back)",
            ),
            html.Div(id="edit-status", className="status", role="status"),
        ],
    )


def _add_form(topics: list[str]) -> html.Details:
    """Add one event by hand."""
    return html.Details(
        id="add",
        className="edit",
        children=[
            html.Summary("Add an event"),
            *_fields("add", topics),
            html.Button("Add event", id="add-save", n_clicks=0),
            html.Div(id="add-status", className="status", role="status"),
        ],
    )


def _details_hint() -> str:
    return "Click an event in the timeline or the list to read its quote, source and note."


def problems_list(problems: Sequence[Problem]) -> list:
    """Rows that could not be used, each with its line, column and reason."""
    if not problems:
        return []
    shown = [html.Li(str(problem)) for problem in problems[:PROBLEM_LIMIT]]
    if len(problems) > PROBLEM_LIMIT:
        more = len(problems) - PROBLEM_LIMIT
        shown.append(html.Li(f"… and {more:,} more: run timeline validate."))
    return [
        html.H2(f"{len(problems)} problem(s) in the events file: these rows are not shown"),
        html.Ul(shown, className="problem-list"),
    ]


def not_found(message: str, chronologies: Sequence[tuple[str, str]]) -> html.Div:
    return _notice("Not found", [message], chronologies)


def cannot_read(message: str, chronologies: Sequence[tuple[str, str]], for_now: bool) -> html.Div:
    """A page whose events file failed: what failed, and, where it failed for a moment
    (``for_now``: it vanished while read, or was changed in place), that asking again helps."""
    if for_now:
        return _notice(
            "Cannot be read now", [message, "Reload the page in a moment to try again."],
            chronologies,
        )  # fmt: skip
    return _notice("Cannot be read", [message], chronologies)


def _notice(
    heading: str, paragraphs: Sequence[str], chronologies: Sequence[tuple[str, str]]
) -> html.Div:
    links = [html.Li(dcc.Link(name, href=address)) for name, address in chronologies]
    return html.Div(
        className="page",
        children=[
            html.H1(heading),
            *[html.P(text) for text in paragraphs],
            html.P("Chronologies served here:"),
            html.Ul(links),
        ],  # fmt: skip
    )
