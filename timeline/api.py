"""The JSON API under ``/api/v1``: chronologies, events, images of a view, and extraction.

It only reads: nothing here writes an events file. Every error is JSON,
``{"error": {"status": 400, "message": "…"}}``, with the status that fits it. What each route
takes and gives is declared once, in ``timeline.api_schema``: the answers are made through
its models, and the OpenAPI description served at ``/api/v1/openapi.json`` is generated
from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, current_app, request
from pydantic import BaseModel
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from timeline import jobs
from timeline.api_schema import (
    DEFAULT_LIMIT,
    MAX_QUERY_CHARS,
    PREFIX,
    ChronologyList,
    Error,
    ErrorDetail,
    Event,
    EventPage,
    ExtractResponse,
    SourceDetail,
    SourceList,
    openapi,
)
from timeline.catalogue import Catalogue, Source
from timeline.engine import Table
from timeline.errors import ExportError, FileUnreadable, FilterError, TimelineError
from timeline.formats import FORMATS, PICTURES
from timeline.formats import export as export_view
from timeline.matching import matches
from timeline.query import Filters, parse_topics, parse_years, to_query_string
from timeline.settings import current
from timeline.sources import quote_span

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ApiError(Exception):
    """An answer other than 200, with the message the client reads."""

    def __init__(
        self,
        status: int,
        message: str,
        allow: list[str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.allow = allow or []  # the methods a 405 route answers
        self.retry_after = retry_after  # seconds, for a 503


def api_blueprint(
    catalogue: Catalogue, title_for: Callable[[Source], str], page_for: Callable[[str], str]
) -> Blueprint:
    """The API's routes over ``catalogue``; ``page_for(name)`` is a chronology's page URL."""
    api = Blueprint("api_v1", __name__, url_prefix=PREFIX)

    @api.get("/openapi.json")
    def description():
        return as_json(openapi())

    @api.get("/chronologies")
    def chronologies():
        listed = [describe(catalogue.source(name), page_for(name)) for name in catalogue.names()]
        return as_json(ChronologyList(chronologies=listed))

    @api.get("/events")
    def events():
        source = chosen_source(catalogue)
        filters = filters_from_args(source)
        offset = int_arg("offset", 0, 0, None)
        limit = int_arg("limit", DEFAULT_LIMIT, 1, current().api_page_limit)
        matched, page = source.matching(filters, offset, limit)
        return as_json(
            EventPage(
                **{
                    "chronology": source.name,
                    "total": len(source.table()),
                    "matched": matched,
                    "offset": offset,
                    "limit": limit,
                    "filters": filters_as_dict(filters),
                    "events": [event_json(source.table(), event) for event in page],
                    "next": next_page(source, filters, offset, limit, matched),
                }
            )
        )

    # any id an events file may hold: "/" (sent as %2F), a leading, trailing or double slash
    @api.get("/events/<event_id:event_id>", merge_slashes=False)
    def event(event_id: str):
        source = chosen_source(catalogue)
        found = source.event(event_id)
        if found is None:
            raise ApiError(404, f"no event with id {event_id!r} in chronology {source.name!r}")
        return as_json(event_json(source.table(), found))

    @api.get("/sources")
    def sources():
        source = chosen_source(catalogue)
        table = source.table()
        supported = table.supported()
        listed = [
            {**cited.as_dict(), "events": [e.id for e, _ in supported.get(cited.id, [])]}
            for cited in table.sources.values()
        ]
        return as_json(SourceList.model_validate({"chronology": source.name, "sources": listed}))

    @api.get("/sources/<event_id:source_id>", merge_slashes=False)
    def one_source(source_id: str):
        source = chosen_source(catalogue)
        table = source.table()
        cited = table.sources.get(source_id)
        if cited is None:
            raise ApiError(404, f"no source with id {source_id!r} in chronology {source.name!r}")
        events = [
            {"id": e.id, "title": e.title, "date": report.date.edtf, "label": report.date.label,
             "quote": report.quote, "quote_start": span[0] if span else None,
             "quote_end": span[1] if span else None}
            for e, report in table.supported().get(source_id, [])
            for span in [quote_span(cited.text, report.quote) if cited.text else None]
        ]  # fmt: skip
        return as_json(
            SourceDetail.model_validate({**cited.as_dict(), "text": cited.text, "events": events})
        )

    @api.get("/timeline.<fmt>")
    def image(fmt: str):
        if fmt not in PICTURES:
            raise ApiError(404, f"no image format {fmt!r}; choose one of {', '.join(PICTURES)}")
        source = chosen_source(catalogue)
        filters = filters_from_args(source)
        data = view_image(source, filters, fmt, title_for(source))
        return Response(data, mimetype=FORMATS[fmt].media_type)

    @api.post("/extract")
    def propose():
        try:
            jobs.check_free()  # a full queue is answered before the body is even parsed
            body = json_body()
            text, published, source_name = extraction_request(body)
            against = against_events(body, catalogue)
            proposals = jobs.extraction(text, published, source_name).proposals
        except jobs.JobError as error:
            raise ApiError(error.status, str(error), retry_after=error.retry_after) from None
        found = matches([p.event for p in proposals], against) if against is not None else None
        return as_json(
            ExtractResponse(
                **{
                    "published": published.isoformat() if published else None,
                    "source": source_name,
                    "events": [
                        {**p.as_dict(), "matches": m.as_dict() if m else None}
                        for p, m in zip(proposals, found or [None] * len(proposals), strict=True)
                    ],
                }
            )
        )

    api.register_error_handler(ApiError, error_response)
    api.register_error_handler(FileUnreadable, unreadable_response)
    return api


def methods_for(path: str) -> list[str]:
    """The methods the API's routes answer at ``path``."""
    adapter = current_app.create_url_adapter(request)
    allowed = []
    for method in ("GET", "POST"):
        try:
            endpoint, _ = adapter.match(path, method=method)  # type: ignore[union-attr]
        except HTTPException:
            continue
        if endpoint.startswith("api_v1."):
            allowed.append(method)
    return allowed


def options_response(methods: list[str]) -> Response:
    """The answer to OPTIONS: the API's own methods here (not the page's catch-all GET)."""
    allowed = [*methods, *(["HEAD"] if "GET" in methods else []), "OPTIONS"]
    response = Response(status=204 if methods else 404)
    response.headers["Allow"] = ", ".join(allowed)
    return response


class EventIdConverter(BaseConverter):
    """The rest of the path, whatever it holds: an event id may contain ``/``."""

    regex = ".+"
    part_isolating = False


def add_api(server: Flask, blueprint: Blueprint) -> None:
    """Register the API on a Flask server, with JSON errors for its routing failures too
    (a wrong method, say); other paths keep the server's own error pages."""
    server.url_map.converters["event_id"] = EventIdConverter
    server.register_blueprint(blueprint)

    @server.before_request
    def not_an_api_route():
        # under the prefix, a path no API route takes would reach the page's catch-all
        rule = request.url_rule
        if not request.path.startswith(PREFIX + "/") or rule is None:
            return None
        if request.method == "OPTIONS":
            return options_response(methods_for(request.path))
        if rule.endpoint.startswith("api_v1."):
            return None
        allowed = methods_for(request.path)
        if allowed:
            message = f"{request.method} is not allowed here; use {', '.join(allowed)}"
            return error_response(ApiError(405, message, allowed))
        route = request.path
        return error_response(ApiError(404, f"no API route {route}; see {PREFIX}/openapi.json"))

    def http_error(error: HTTPException):
        if request.path.startswith(PREFIX + "/"):
            allow = getattr(error, "valid_methods", None)
            return error_response(ApiError(error.code or 500, error.description or "", allow))
        return error

    server.register_error_handler(HTTPException, http_error)


def event_json(table: Table, event) -> Event:
    """An event as the API gives it: its fields, its date's bounds and every report of it."""
    return Event.model_validate(
        {**event.as_dict(), **table.provenance(event).as_json(table.sources)}
    )


def as_json(payload: object, status: int = 200) -> Response:
    """A JSON answer: a model of ``timeline.api_schema`` (or the description itself)."""
    if isinstance(payload, BaseModel):
        payload = payload.model_dump(mode="json")
    text = json.dumps(payload, ensure_ascii=False)
    response = Response(text, status=status, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"  # reads are public
    return response


def error_response(error: ApiError) -> Response:
    answer = Error(error=ErrorDetail(status=error.status, message=error.message))
    response = as_json(answer, error.status)
    if error.allow:
        response.headers["Allow"] = ", ".join(error.allow)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def unreadable_response(error: FileUnreadable) -> Response:
    """A file that cannot be read just now, wherever a route asked for it: a 503 that says
    why and when to ask again."""
    return error_response(ApiError(error.status, str(error), retry_after=error.retry_after))


def describe(source: Source, page: str) -> dict[str, object]:
    table = source.table()
    return {
        "name": source.name,
        "file": source.path.name,
        "events": len(table),
        "problems": len(table.problems),
        "topics": sorted(table.topics),
        "page": page,
        "events_url": f"{PREFIX}/events?{urlencode({'chronology': source.name})}",
    }


def chosen_source(catalogue: Catalogue) -> Source:
    try:
        return catalogue.source(request.args.get("chronology") or None)
    except TimelineError as error:  # an unknown name, or a folder with no events files yet
        raise ApiError(404, str(error)) from None


def filters_from_args(source: Source) -> Filters:
    """The ``years``, ``topics`` and ``q`` arguments; a bad one is a 400, never ignored."""
    args = request.args
    text = args.get("q", "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise ApiError(400, f"q has {len(text)} characters; the limit is {MAX_QUERY_CHARS}")
    try:
        years = parse_years(args["years"]) if "years" in args else None
        topics = parse_topics(args["topics"], source.table().topics) if "topics" in args else ()
    except FilterError as error:
        raise ApiError(400, str(error)) from None
    return Filters(years, topics, text)


def filters_as_dict(filters: Filters) -> dict[str, object]:
    return {
        "years": list(filters.years) if filters.years else None,
        "topics": list(filters.topics),
        "q": filters.text,
    }


def int_arg(name: str, default: int, least: int, most: int | None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise ApiError(400, f"{name}={raw!r} is not a whole number")
    value = int(raw)
    if value < least or (most is not None and value > most):
        bounds = f"from {least} to {most}" if most is not None else f"{least} or more"
        raise ApiError(400, f"{name}={value} is out of range; it must be {bounds}")
    return value


def next_page(source: Source, filters: Filters, offset: int, limit: int, matched: int):
    if offset + limit >= matched:
        return None
    params = dict(chronology=source.name, offset=offset + limit, limit=limit)
    return f"{PREFIX}/events{to_query_string(filters) or '?'}&{urlencode(params)}".replace(
        "?&", "?"
    )


def view_image(source: Source, filters: Filters, fmt: str, title: str) -> bytes:
    """The image the page would export for this view (counts when too many are in view)."""
    try:
        return export_view(source.table(), filters, fmt, title, keep_browser=True)
    except ExportError as error:
        raise ApiError(503, str(error)) from None


def json_body() -> dict:
    if request.mimetype != "application/json":
        raise ApiError(415, f"send JSON (Content-Type: application/json), not {request.mimetype!r}")
    most = current().max_request_bytes
    if (request.content_length or 0) > most:
        raise ApiError(413, f"the body has {request.content_length:,} bytes; the limit is {most:,}")
    data = request.stream.read(most + 1)
    if len(data) > most:
        raise ApiError(413, f"the body is over the limit of {most:,} bytes")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ApiError(400, f"the body is not UTF-8 JSON: {error}") from None
    except RecursionError:
        raise ApiError(400, "the body's JSON is nested too deeply") from None
    if not isinstance(body, dict):
        raise ApiError(400, 'the body must be a JSON object with a "text" field')
    return body


def against_events(body: dict, catalogue: Catalogue) -> list | None:
    """The events of the chronology named by ``against``, or None when none is named."""
    name = body.get("against")
    if name is None:
        return None
    if not isinstance(name, str):
        raise ApiError(400, f"against must be a chronology's name, not {name!r}")
    try:
        source = catalogue.source(name)
    except TimelineError as error:
        raise ApiError(404, str(error)) from None
    return source.table().all_events()


def extraction_request(body: dict) -> tuple[str, date | None, str]:
    """The article text, publication date and source name of an extraction request."""
    text, published, source = body.get("text"), body.get("published"), body.get("source")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, '"text" must be the article\'s text (a non-empty string)')
    most = current().max_text_chars
    if len(text) > most:
        raise ApiError(413, f"the text has {len(text):,} characters; the limit is {most:,}")
    day = None
    if published is not None:
        try:
            day = date.fromisoformat(published) if ISO_DAY.fullmatch(str(published)) else None
        except ValueError:
            pass
        if day is None:
            raise ApiError(400, f'"published" must be a date YYYY-MM-DD, not {published!r}')
    if source is not None and not isinstance(source, str):
        raise ApiError(400, f'"source" must be a string, not {source!r}')
    for name, value in (("text", text), ("source", source or "")):
        refuse_lone_surrogates(name, value)
    return text, day, (source or "").strip() or "article sent to the API"


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_lone_surrogates(name: str, value: str) -> None:
    """JSON can escape half of a UTF-16 pair (``"\\ud800"``): that is no text, and no answer
    holding it could be written as UTF-8."""
    found = LONE_SURROGATE.search(value)
    if found:
        raise ApiError(
            400,
            f'"{name}" holds a lone surrogate {found.group()!r} at character {found.start()}; '
            "send Unicode text",
        )
