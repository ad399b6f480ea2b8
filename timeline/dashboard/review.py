"""The review page: paste or upload an article, review the events proposed from it, save
the accepted ones into the chronology."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dash import ALL, Input, Output, State, dcc, html, no_update

from timeline.access import WritePolicy
from timeline.chronicle import chronicle, sentences_from, title_of
from timeline.corpus import text_rows
from timeline.dashboard import inputs
from timeline.dashboard.layout import write_access
from timeline.dashboard.wiring import allowed, callback, client, refusal, served, table_of
from timeline.dates import parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import Event, slug, split_list
from timeline.jobs import JobError, extraction
from timeline.matching import Match, matches
from timeline.settings import current
from timeline.sources import Source
from timeline.temporal import Timex
from timeline.write import add_events
from timeline.write_sources import NewReport, attach_reports, store_article

EDITABLE = ("date", "title", "topics")
MAX_COUNT = 200  # days, or sentences a day, of a chronicle built on the page


def review_page(name: str, title: str, policy: WritePolicy) -> html.Div:
    """Propose events from an article for one chronology: paste or upload it, review the
    proposals, save the ticked ones."""
    return html.Div(
        className="page review",
        children=[
            dcc.Store(id="chronology", data=name),
            html.P(dcc.Link(f"← {title}", href=f"/c/{name}")),
            html.H1(f"Propose events from an article · {name}"),
            dcc.Textarea(
                id="article-text", placeholder="Paste an article here…", className="article-input"
            ),
            html.Div(
                className="review-inputs",
                children=[
                    dcc.Upload(  # takes any file: one it cannot read is explained, not ignored
                        id="article-upload", children=html.Button("…or upload a .txt file")
                    ),
                    html.Label(
                        [
                            "Published (YYYY-MM-DD) ",
                            dcc.Input(id="published", type="text", placeholder="2025-07-15"),
                        ]
                    ),
                    html.Label(["Source ", dcc.Input(id="article-source", type="text")]),
                    html.Button("Propose events", id="propose", n_clicks=0),
                ],
            ),
            html.Div(id="review-status", className="status", role="status"),
            _chronicle_section(),
            html.Div(id="article-marked", className="article-marked"),
            dcc.Store(id="proposals", data=[]),
            html.Div(id="proposal-rows", className="proposal-rows"),
            html.P(
                "Ticked events are accepted; edit a date (EDTF), title or topics before saving."
            ),
            write_access(policy, "write-token"),
            html.Button("Save accepted events", id="save-accepted", n_clicks=0),
            html.Div(id="save-status", className="status", role="status"),
        ],
    )


def _chronicle_section() -> html.Details:
    """Build a chronicle from several uploaded articles; its rows come to the review below."""
    return html.Details(
        className="chronicle",
        children=[
            html.Summary("…or build a chronicle from several articles"),
            html.P(
                "Upload .txt articles; a name that starts with its publication day "
                "(2024-05-14-reuters.txt) dates it, the others take the Published date above."
            ),
            dcc.Upload(
                id="chronicle-upload", multiple=True, children=html.Button("Upload articles")
            ),  # fmt: skip
            dcc.Store(id="chronicle-articles", data=[]),
            html.Div(
                className="review-inputs",
                children=[
                    _count_field("Days ", "chronicle-dates", 10),
                    _count_field("Sentences a day ", "chronicle-per-date", 1),
                    html.Label(["Keywords ", dcc.Input(id="chronicle-keywords", type="text")]),
                    html.Button("Build the chronicle", id="build-chronicle", n_clicks=0),
                ],
            ),
            html.Div(id="chronicle-progress", className="status", role="status"),
            html.Div(id="chronicle-status", className="status", role="status"),
        ],
    )


def _number(box_id: str, value: int) -> dcc.Input:
    return dcc.Input(id=box_id, value=value, type="number", min=1, step=1)


_DAY_IN_NAME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})")


def uploaded_articles(contents: list, names: list, published: str) -> tuple[list[dict], str]:
    """The uploaded articles (name, text, publication day) and a line saying what was read;
    a file that cannot be read is named and left out."""
    articles, problems = [], []
    for content, name in zip(contents, names, strict=False):
        try:
            text = text_from_upload(inputs.text(content), inputs.text(name))
        except TimelineError as error:
            problems.append(str(error))
            continue
        found = _DAY_IN_NAME.match(inputs.text(name))
        articles.append({"name": inputs.text(name), "text": text,
                         "published": found.group(1) if found else published.strip()})  # fmt: skip
    undated = sum(1 for a in articles if not a["published"])
    said = f"Read {len(articles)} articles."
    if undated:
        said += f" {undated} have no publication day: their relative dates stay unresolved."
    return articles, " ".join([said, *problems])


def build_chronicle(
    articles: list[dict], dates: int, per_date: int, keywords: str, events: Sequence[Event] = ()
) -> tuple[list[dict], str]:
    """The chronicle of the uploaded articles as proposal rows (each naming its article),
    matched against ``events`` like any proposal, and a status line."""
    if not articles:
        return [], "Upload the articles first."
    rows = []
    for number, article in enumerate(articles, 1):
        text = article.get("text")
        if isinstance(text, str) and text.strip():
            name = inputs.text(article.get("name")) or f"article-{number}"
            rows += text_rows(name, text, _day(article.get("published")))
    wanted = [k.strip() for k in keywords.split(",") if k.strip()]
    chosen = chronicle(sentences_from(rows), dates, per_date, date(1, 1, 1), date(9999, 12, 31),
                       wanted)  # fmt: skip
    proposed = [
        Event(f"{c.edtf}-{slug(title_of(c.sentence.text))}", parse_edtf(c.edtf),
              title_of(c.sentence.text), (), quote=c.sentence.text, source=c.sentence.article)
        for c in chosen
    ]  # fmt: skip
    found = [
        {**_row(e, m), "article": e.source}
        for e, m in zip(proposed, matches(proposed, events), strict=True)
    ]
    days = len({c.edtf for c in chosen})
    said = f"The chronicle of {len(articles)} articles: {days} days, {len(found)} rows"
    return found, said + " to review below."


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def text_from_upload(contents: str, filename: str | None) -> str:
    """The text of an uploaded file (a data: URL); a clear error if it is not UTF-8 text."""
    name = filename or "the file"
    _, _, encoded = contents.partition(",")
    try:
        data = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise TimelineError(f"{name} did not arrive whole; send it again") from None
    if data.startswith(b"%PDF"):
        raise TimelineError(f"{name} is a PDF: copy its text and paste it here instead")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TimelineError(
            f"{name} is not UTF-8 text (byte {error.start}); save it as plain text (.txt)"
        ) from None
    if "\x00" in text:
        raise TimelineError(f"{name} is not text (it holds NUL bytes); upload a .txt file")
    return text


def propose(
    text: str | None, published: str | None, source: str | None, events: Sequence[Event] = ()
):
    """Table rows, the article with its dated words marked, and a status line; a proposal
    that reports an event of ``events`` again is offered as another report of it."""
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
    proposed = [p.event for p in found.proposals]
    rows = [_row(e, m) for e, m in zip(proposed, matches(proposed, events), strict=True)]
    when = (
        f"published {day.isoformat()}" if day else "no publication date: relative dates unresolved"
    )
    again = sum(1 for row in rows if row.get("match"))
    status = (
        f"{len(rows)} proposed events ({when}): {len(rows) - again} new, "
        f"{again} other reports of events in the chronology."
    )
    return rows, marked_text(text, found.timexes), status


def _row(event: Event, match: Match | None = None) -> dict:
    row: dict = {**event.as_row(), "label": event.date.label}
    if match is not None:
        row["match"] = match.as_dict()
    return row


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
        value=["yes"] if row.get("accepted", True) else [],
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
        html.Div(_what_it_is(row), className="proposal-kind"),
        html.Div(row["quote"], className="proposal-quote"),
    ]


def _what_it_is(row: dict) -> str:
    """ "New event", or "Another report of <event>" (ticked: saved as a source of it)."""
    match = row.get("match")
    if not isinstance(match, dict):
        return "New event"
    said = f"Another report of “{match.get('title')}” ({match.get('label')})"
    if match.get("dates_differ"):
        said += f"; this article dates it {row.get('label')}"
    return said + ": ticked, it is saved as another source of that event"


def edited_rows(rows: list[dict], accepted: list, dates: list, titles: list, topics: list):
    """The proposals with the reader's edits, and the indexes of those ticked."""
    edited = [
        {**row, "date": inputs.text(d), "title": inputs.text(t), "topics": inputs.text(p)}
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


@dataclass(frozen=True)
class Article:
    """The article the proposals come from, as the review page holds it."""

    text: str = ""
    name: str = ""
    published: str = ""


def save_accepted(
    path: Path,
    rows: list[dict],
    selected: list[int],
    by: str = "page",
    force: bool = False,
    article: Article | None = None,
    uploaded: Sequence[dict] = (),
):
    """Check the ticked rows, store the article beside the events file (its text and its
    sources.csv entry), add the new events and attach the other reports to their events;
    a status line either way. Rows of a chronicle name their article among ``uploaded``,
    and each such article is stored too."""
    picked = [i for i in sorted(selected or []) if 0 <= i < len(rows)]
    if not picked:
        return "Tick the events to accept first."
    events, reports, problems = [], [], []
    for number in picked:
        try:
            if isinstance(rows[number].get("match"), dict):
                reports.append(rows[number])
            else:
                events.append(_event_from_row(rows[number]))
        except TimelineError as error:
            problems.append(f"row {number + 1}: {error}")
    if problems:
        return "Nothing saved. " + "; ".join(problems)
    try:
        stored = _stored(path, article)
        kept = _stored_uploads(path, uploaded, {e.source for e in events})
        events = [
            replace(e, source=kept[e.source].id) if e.source in kept
            else replace(e, source=stored.id) if stored is not None else e
            for e in events
        ]  # fmt: skip
        written = add_events(path, events, by=by, force=force) if events else []
        attached = attach_reports(path, [_report(row, stored) for row in reports])
    except TimelineError as error:
        return f"Nothing saved. {error}"
    return _saved(path, written, attached, len(reports), stored)


def _stored_uploads(path: Path, uploaded: Sequence[dict], wanted: set[str]) -> dict[str, Source]:
    """Store the uploaded articles that accepted rows quote, by their upload name."""
    kept = {}
    for item in uploaded:
        name = str(item.get("name", ""))
        if name in wanted:
            stem = name.rsplit(".", 1)[0]
            kept[name] = store_article(path, str(item.get("text", "")), stem,
                                       str(item.get("published", "")), "")  # fmt: skip
    return kept


def _stored(path: Path, article: Article | None) -> Source | None:
    if article is None or not article.text.strip():
        return None
    return store_article(path, article.text, article.name, article.published, article.name)


def _report(row: dict, stored: Source | None) -> NewReport:
    if stored is None:
        raise TimelineError("another report needs its article stored: paste the article again")
    date_given = str(row.get("date", "")).strip()
    return NewReport(str(row["match"]["event"]), stored.id, str(row.get("quote", "")), date_given)


def _saved(path: Path, written, attached, asked: int, stored: Source | None) -> str:
    ids = ": " + ", ".join(e.id for e in written) if written else ""
    said = [f"Saved {len(written)} events to {path.name}{ids}."]
    if asked:
        events = ", ".join(sorted({r.event for r in attached})) or "no event"
        there = f" ({asked - len(attached)} already there)" if asked > len(attached) else ""
        said.append(f"Attached {len(attached)} reports as sources of {events}{there}.")
    if stored is not None:
        said.append(f"The article is stored as {stored.path} (source {stored.id}).")
    return " ".join(said)


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


# --- callbacks --------------------------------------------------------------------------------


@callback(
    Output("article-text", "value"),
    Output("review-status", "children", allow_duplicate=True),
    Input("article-upload", "contents"),
    State("article-upload", "filename"),
    prevent_initial_call=True,
)
def read_upload(contents, filename):
    contents, filename = inputs.text(contents), inputs.text(filename)
    try:
        return text_from_upload(contents, filename), f"Read {filename}."
    except TimelineError as error:
        return no_update, str(error)


@callback(
    Output("proposals", "data"),
    Output("proposal-rows", "children"),
    Output("article-marked", "children"),
    Output("review-status", "children"),
    Output("save-status", "children", allow_duplicate=True),
    Input("propose", "n_clicks"),
    State("article-text", "value"),
    State("published", "value"),
    State("article-source", "value"),
    State("chronology", "data"),
    running=[(Output("propose", "disabled"), True, False)],
    prevent_initial_call=True,
)
def propose_events(_clicks, text, published, source_name, name):
    text, published = inputs.text(text), inputs.text(published)
    events = _chronology_events(name)
    rows, marked, status = propose(text, published, inputs.text(source_name), events)
    return rows, proposal_rows(rows), marked, status, ""


@callback(
    Output("save-status", "children"),
    Output("proposals", "data", allow_duplicate=True),
    Output("proposal-rows", "children", allow_duplicate=True),
    Input("save-accepted", "n_clicks"),
    State("chronology", "data"),
    State("proposals", "data"),
    State({"type": "accept", "index": ALL}, "value"),
    State({"type": "date", "index": ALL}, "value"),
    State({"type": "title", "index": ALL}, "value"),
    State({"type": "topics", "index": ALL}, "value"),
    State("write-token", "value"),
    State("article-text", "value"),
    State("published", "value"),
    State("article-source", "value"),
    State("chronicle-articles", "data"),
    running=[(Output("save-accepted", "disabled"), True, False)],
    prevent_initial_call=True,
)
def save(
    _clicks, name, rows, accepted, dates, titles, topics, token, text, published, source_name,
    uploaded,
):  # fmt: skip
    """Save the ticked proposals; once saved they leave the list (a second click has
    nothing left to save twice)."""
    lists = [inputs.items(value) for value in (accepted, dates, titles, topics)]
    rows, ticked = edited_rows(inputs.rows(rows), *lists)
    try:
        allowed(inputs.text(token))
        source = served().source(inputs.optional_text(name))
    except TimelineError as error:
        return refusal(error), no_update, no_update
    article = Article(inputs.text(text), inputs.text(source_name), inputs.text(published).strip())
    chronicle_rows = any(row.get("article") for row in rows)
    status = save_accepted(
        source.path, rows, ticked, by=client(),
        article=None if chronicle_rows else article, uploaded=inputs.rows(uploaded),
    )  # fmt: skip
    if not status.startswith("Saved"):
        return status, no_update, no_update
    left = [{**row, "accepted": False} for index, row in enumerate(rows) if index not in ticked]
    return status, left, proposal_rows(left)


@callback(
    Output("chronicle-articles", "data"),
    Output("chronicle-status", "children"),
    Input("chronicle-upload", "contents"),
    State("chronicle-upload", "filename"),
    State("published", "value"),
    prevent_initial_call=True,
)
def read_articles(contents, names, published):
    articles, said = uploaded_articles(
        inputs.items(contents), inputs.items(names), inputs.text(published)
    )
    return articles, said


@callback(
    Output("proposals", "data", allow_duplicate=True),
    Output("proposal-rows", "children", allow_duplicate=True),
    Output("chronicle-status", "children", allow_duplicate=True),
    Output("save-status", "children", allow_duplicate=True),
    Input("build-chronicle", "n_clicks"),
    State("chronicle-articles", "data"),
    State("chronicle-dates", "value"),
    State("chronicle-per-date", "value"),
    State("chronicle-keywords", "value"),
    State("chronology", "data"),
    running=[
        (Output("build-chronicle", "disabled"), True, False),
        (Output("chronicle-progress", "children"), "Building the chronicle…", ""),
    ],
    prevent_initial_call=True,
)
def build(_clicks, articles, dates, per_date, keywords, name):
    events = _chronology_events(name)
    rows, said = build_chronicle(
        inputs.rows(articles), _count(dates, 10), _count(per_date, 1), inputs.text(keywords),
        events,
    )  # fmt: skip
    return rows, proposal_rows(rows), said, ""


def _chronology_events(name) -> list[Event]:
    """The events proposals are matched against (none when the chronology cannot be read)."""
    try:
        return table_of(inputs.optional_text(name)).all_events()
    except TimelineError:
        return []


def _count_field(label: str, field_id: str, value: int) -> html.Label:
    """A whole number from 1 to ``MAX_COUNT``, read back by ``_count``."""
    number = dcc.Input(id=field_id, value=value, type="number", min=1, max=MAX_COUNT, step=1)
    return html.Label([label, number])


def _count(value, default: int) -> int:
    return inputs.bounded(value, default, 1, MAX_COUNT)
