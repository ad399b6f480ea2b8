"""A source's page: its entry in sources.csv, its stored text with the quote of the chosen
event highlighted and the quotes of the other events drawn from it marked, and every event
it supports. Reached from an event's details ("Read the source")."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlencode

from dash import dcc, html

from timeline.dates import parse_edtf
from timeline.engine import Table
from timeline.events import Event
from timeline.sources import Report, Source, quote_span


def source_address(name: str, source_id: str, event_id: str | None = None) -> str:
    """The page of one source of chronology ``name``, with ``event_id``'s quote highlighted."""
    query = "?" + urlencode({"event": event_id}) if event_id else ""
    return f"/c/{name}/source/{quote(source_id, safe='')}{query}"


def source_view(
    name: str, back: str, table: Table, source: Source, event_id: str | None, nav: html.Nav
) -> html.Div:
    told = table.supported().get(source.id, [])
    return html.Div(
        className="page source-page",
        children=[
            nav,
            html.P(dcc.Link("← Back to the chronology", href=back)),
            html.H1(heading(source), id="source-heading"),
            html.Dl(_entry(source), className="source-entry"),
            html.H2(f"Events from this source ({len(told)})"),
            html.Ol(_supported(name, source, told, event_id), id="source-events"),
            html.H2("The text"),
            _marked_text(source, told, event_id),
        ],
    )


def heading(source: Source) -> str:
    return ", ".join(part for part in (source.outlet, source.title) if part) or source.id


def _entry(source: Source) -> list:
    published = parse_edtf(source.published).label if source.published else ""
    link = html.A(source.url, href=source.url) if source.url.startswith("http") else source.url
    rows = [
        ("Id", source.id),
        ("Published", published),
        ("Address", link),
        ("Language", source.language),
        ("Stored text", source.path),
        ("Note", source.note),
    ]
    return [part for label, value in rows if value for part in (html.Dt(label), html.Dd(value))]


def _supported(name: str, source: Source, told, event_id: str | None) -> list:
    return [
        html.Li(
            dcc.Link(
                f"{report.date.label}: {event.title}",
                href=source_address(name, source.id, event.id),
            ),
            className="current" if event.id == event_id else "",
        )  # fmt: skip
        for event, report in told
    ]


def _marked_text(source: Source, told: Sequence[tuple[Event, Report]], event_id: str | None):
    """The stored text as spans: the chosen event's quote in a highlighted mark, the other
    events' quotes marked more quietly (where two quotes overlap, the first one wins, and
    among quotes that start together, the chosen event's)."""
    if source.text is None:
        return html.P("No text of this source is stored.", id="source-text")
    text = source.text
    spans = sorted(
        (
            (span[0], span[1], event)
            for event, report in told
            for span in [quote_span(text, report.quote)]
            if span is not None
        ),
        key=lambda item: (item[0], -item[1], item[2].id != event_id),
    )  # the chosen event first among quotes that start at the same place
    parts: list = []
    position = 0
    for start, end, event in spans:
        if start < position:
            continue
        parts.append(text[position:start])
        current = event.id == event_id
        said = f"{event.date.label}: {event.title}"
        parts.append(
            html.Mark(text[start:end], className="quote-current", id="quote-current", title=said)
            if current
            else html.Mark(text[start:end], className="quote-other", title=said)
        )
        position = end
    parts.append(text[position:])
    return html.Div(parts, id="source-text", className="source-text")
