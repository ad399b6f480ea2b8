"""The page's review section: paste an article, review proposed events, save accepted ones."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from dash import dcc, html

from timeline.dates import parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import Event, split_list
from timeline.jobs import JobError, extraction
from timeline.settings import current
from timeline.temporal import Timex
from timeline.write import add_events

EDITABLE = ("date", "title", "topics")


def review_section() -> html.Details:
    """The collapsible "propose events from an article" part of the page."""
    return html.Details(
        id="review",
        className="review",
        children=[
            html.Summary("Propose events from an article"),
            dcc.Textarea(
                id="article-text", placeholder="Paste an article here…", className="article-input"
            ),  # fmt: skip
            html.Div(
                className="review-inputs",
                children=[
                    dcc.Upload(
                        id="article-upload",
                        accept=".txt,text/plain",
                        children=html.Button("…or upload a .txt file"),
                    ),  # fmt: skip
                    html.Label(
                        [
                            "Published (YYYY-MM-DD) ",
                            dcc.Input(id="published", type="text", placeholder="2025-07-15"),
                        ]
                    ),  # fmt: skip
                    html.Label(["Source ", dcc.Input(id="article-source", type="text")]),
                    html.Button("Propose events", id="propose", n_clicks=0),
                ],
            ),
            html.Div(id="review-status", className="status"),
            html.Div(id="article-marked", className="article-marked"),
            dcc.Store(id="proposals", data=[]),
            html.Div(id="proposal-rows", className="proposal-rows"),
            html.P(
                "Ticked events are accepted; edit a date (EDTF), title or topics before saving."
            ),
            html.Label(
                [
                    "Write token (if the server asks for one) ",
                    dcc.Input(id="write-token", type="password", value=""),
                ]
            ),
            html.Button("Save accepted events", id="save-accepted", n_clicks=0),
            html.Div(id="save-status", className="status"),
        ],
    )


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def text_from_upload(contents: str, filename: str | None) -> str:
    """The text of an uploaded file (a data: URL); a clear error if it is not UTF-8 text."""
    _, _, encoded = contents.partition(",")
    try:
        data = base64.b64decode(encoded, validate=True)
    except ValueError:
        name = filename or "the file"
        raise TimelineError(f"{name} did not arrive whole; send it again") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TimelineError(f"{filename or 'the file'} is not UTF-8 text") from None


def propose(text: str | None, published: str | None, source: str | None):
    """Table rows, the article with its dated words marked, and a status line."""
    text = text or ""
    if not text.strip():
        return [], [], "Paste or upload an article first."
    limit = current().max_text_chars
    if len(text) > limit:
        return [], [], f"The article has {len(text):,} characters; the limit is {limit:,}."
    try:
        day = date.fromisoformat(published.strip()) if published and published.strip() else None
    except ValueError:
        return [], [], f"Publication date {published!r} is not YYYY-MM-DD."
    try:
        found = extraction(text, day, source or "pasted article", with_timexes=True)
    except JobError as error:
        return [], [], f"No events proposed: {error}."
    rows = [_row(p.event) for p in found.proposals]
    when = (
        f"published {day.isoformat()}" if day else "no publication date: relative dates unresolved"
    )
    status = f"{len(rows)} proposed events ({when})."
    return rows, marked_text(text, found.timexes), status


def _row(event: Event) -> dict[str, str]:
    return {**event.as_row(), "label": event.date.label}


def proposal_rows(rows: list[dict[str, str]]) -> list[html.Div]:
    """One editable line per proposal: accept box, date, title, topics, and its sentence."""
    return [
        html.Div(className="proposal", children=_proposal_cells(i, row))
        for i, row in enumerate(rows)
    ]


def _proposal_cells(index: int, row: dict[str, str]) -> list:
    accept = dcc.Checklist(
        id={"type": "accept", "index": index},
        options=[{"label": "", "value": "yes"}],
        value=["yes"],
        className="accept",
    )
    fields = [
        dcc.Input(
            id={"type": field, "index": index},
            value=row[field],
            type="text",
            className=f"proposal-{field}",
            debounce=True,
        )
        for field in EDITABLE
    ]
    return [
        accept,
        *fields,
        html.Span(row["label"], className="proposal-label"),
        html.Div(row["quote"], className="proposal-quote"),
    ]


def edited_rows(rows: list[dict], accepted: list, dates: list, titles: list, topics: list):
    """The proposals with the reader's edits, and the indexes of those ticked."""
    edited = [
        {**row, "date": _text(d), "title": _text(t), "topics": _text(p)}
        for row, d, t, p in zip(rows, dates, titles, topics, strict=False)
    ]
    ticked = [i for i, value in enumerate(accepted) if value]
    return edited, ticked


def marked_text(text: str, timexes: list[Timex]) -> list:
    """The article with each temporal expression in a <mark> that shows its value."""
    children: list = []
    position = 0
    for timex in timexes:
        children.append(text[position : timex.start])
        children.append(html.Mark(timex.text, title=f"{timex.type} {timex.value}"))
        position = timex.end
    children.append(text[position:])
    return children


def save_accepted(path: Path, rows: list[dict], selected: list[int], by: str = "page"):
    """Check the ticked rows and append them to the events file; a status line either way."""
    picked = [i for i in sorted(selected or []) if 0 <= i < len(rows)]
    if not picked:
        return "Tick the events to accept first."
    events, problems = [], []
    for number in picked:
        try:
            events.append(_event_from_row(rows[number]))
        except TimelineError as error:
            problems.append(f"row {number + 1}: {error}")
    if problems:
        return "Nothing saved. " + "; ".join(problems)
    try:
        written = add_events(path, events, by=by)
    except TimelineError as error:
        return f"Nothing saved. {error}"
    return f"Saved {len(written)} events to {path.name}: " + ", ".join(e.id for e in written)


def _event_from_row(row: dict) -> Event:
    try:
        fuzzy = parse_edtf(str(row.get("date", "")).strip())
    except DateError as error:
        raise TimelineError(str(error)) from None
    title = str(row.get("title", "")).strip()
    if not title:
        raise TimelineError("the title is empty")
    topics = split_list(str(row.get("topics", "")))  # checked against topics.csv on saving
    event_id = str(row.get("id") or "").strip() or "event"
    return Event(
        event_id,
        fuzzy,
        title,
        topics,
        quote=str(row.get("quote", "")),
        source=str(row.get("source", "")),
        note=str(row.get("note", "")),
    )
