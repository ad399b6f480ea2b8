"""The JSON API declared once: its requests, answers and errors as pydantic models, and each
route with what it takes and gives. The routes answer through these models, and the OpenAPI
description served at ``/api/v1/openapi.json`` is generated from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from timeline.dates import PRECISIONS
from timeline.formats import FORMATS, PICTURES

PREFIX = "/api/v1"
YEARS_PATTERN = r"^\s*[0-9]{1,4}\s*([:\-–]\s*[0-9]{1,4}\s*)?$"
MAX_QUERY_CHARS = 200
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000  # the api_page_limit setting's default, as the description states it

BOUND = r"^-?\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?$"  # a day, or an instant


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- answers --------------------------------------------------------------------------------


class Cited(_Model):
    """A source of sources.csv: where a text came from, and whether it is stored."""

    id: str
    path: str
    published: str = Field(description="EDTF; an interval when the day is not known.")
    outlet: str
    url: str
    title: str
    language: str
    note: str
    stored: bool = Field(description="Whether its text is stored, so quotes can be checked.")


class Report(_Model):
    """One source's report of an event: its quote and the date it gives."""

    source: str = Field(description="A source id of sources.csv, or free text.")
    quote: str
    date: str
    label: str
    note: str
    quote_start: int | None = Field(description="Where the quote starts in the stored text.")
    quote_end: int | None
    cited: Cited | None = Field(description="The source's entry; null for free text.")


class DateTally(_Model):
    date: str
    label: str
    sources: int = Field(description="How many sources give this date.")


class Event(_Model):
    """One dated event, with its date as EDTF and in words, and where it comes from."""

    id: str
    date: str = Field(
        description="The date in EDTF (Library of Congress Extended Date/Time Format), e.g. "
        "2024-05, 2025-40 (first half of 2025), 2024~, 2010/..",
        examples=["2024-05"],
    )
    title: str
    topics: list[str]
    actors: list[str]
    summary: str
    quote: str = Field(description="The verbatim sentence the event rests on.")
    source: str = Field(description="Where the quote comes from.")
    note: str
    start: str | None = Field(
        description="First day the date can mean (ISO 8601, astronomical years: -0489-09-01 is "
        "in 490 BC), or a timed date's instant (2004-01-01T05:10:10Z); null when unknown or open.",
        pattern=BOUND,
    )
    end: str | None = Field(
        description="Last day the date can mean, as start; null when unknown or open.",
        pattern=BOUND,
    )
    precision: Literal[PRECISIONS]  # type: ignore[valid-type]
    approximate: bool
    uncertain: bool
    label: str = Field(description="The date in words, e.g. May 2024.", examples=["May 2024"])
    sources: list[Report] = Field(description="Every report of the event, its own row first.")
    dates_by_source: list[DateTally] = Field(description="The dates the reports give, most first.")
    sources_disagree: bool = Field(description="Whether the reports give different dates.")


class SupportedEvent(_Model):
    """An event a source supports, and where its quote stands in the source's text."""

    id: str
    title: str
    date: str
    label: str
    quote: str
    quote_start: int | None
    quote_end: int | None


class SourceSummary(Cited):
    events: list[str] = Field(description="The ids of the events it supports.")


class SourceList(_Model):
    chronology: str
    sources: list[SourceSummary]


class SourceDetail(Cited):
    """A source with its stored text and every event it supports."""

    text: str | None = Field(description="The stored text; null when only cited.")
    events: list[SupportedEvent]


class AppliedFilters(_Model):
    years: list[int] | None = Field(description="First and last year, or null for all.")
    topics: list[str]
    q: str


class EventPage(_Model):
    """Events that pass the filters, a page of them in date order, and the next page."""

    chronology: str
    total: int = Field(description="Events in the chronology.")
    matched: int = Field(description="Events that pass the filters.")
    offset: int
    limit: int
    filters: AppliedFilters
    events: list[Event]
    next: str | None = Field(description="The address of the next page; null on the last.")


class Chronology(_Model):
    name: str
    file: str
    events: int
    problems: int = Field(description="Rows of the file that cannot be used.")
    topics: list[str]
    page: str = Field(description="The address of its page.")
    events_url: str


class ChronologyList(_Model):
    chronologies: list[Chronology]


class EventMatch(_Model):
    """An event of the chronology a proposal reports again (see timeline/matching.py)."""

    event: str
    title: str
    date: str
    label: str
    share: float = Field(description="The weighted share of the proposal's words the event has.")
    dates_differ: bool


class Proposal(_Model):
    """A dated event proposed from the article, with the sentence it comes from."""

    id: str
    date: str
    start: str | None = Field(pattern=BOUND)
    end: str | None = Field(pattern=BOUND)
    label: str
    title: str
    topics: list[str]
    quote: str = Field(description="Verbatim from the text: text[char_start:char_end].")
    char_start: int
    char_end: int
    expressions: list[str] = Field(description="The words of the text that date it.")
    matches: EventMatch | None = Field(
        None,
        description="With against: the event of that chronology this proposal reports again "
        "(null: a new event).",
    )


class ExtractResponse(_Model):
    published: dt.date | None
    source: str
    events: list[Proposal]


class ErrorDetail(_Model):
    status: int
    message: str


class Error(_Model):
    """Every error of the API: its status and what went wrong, naming the value."""

    error: ErrorDetail


# --- requests --------------------------------------------------------------------------------


class ExtractRequest(_Model):
    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1, description="The article's text.")
    published: dt.date | None = Field(
        None, description="Its publication date, which relative dates are read against."
    )
    source: str | None = Field(None, description="What to write as each event's source.")
    against: str | None = Field(
        None,
        description="A chronology served here: each proposal says which of its events it "
        "reports again, if any.",
    )


class ChronologyQuery(_Model):
    chronology: str | None = Field(None, description="Which chronology (default: the first).")


class FilterQuery(ChronologyQuery):
    years: str | None = Field(
        None,
        pattern=YEARS_PATTERN,
        description="A year or range, FIRST:LAST.",
        examples=["2024:2025"],
    )
    topics: str | None = Field(
        None, description="Comma-separated topics.", examples=["trade,energy"]
    )
    q: str | None = Field(
        None, max_length=MAX_QUERY_CHARS, description="Text in the title, summary or quote."
    )


class PageQuery(FilterQuery):
    offset: int = Field(0, ge=0)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


# --- routes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One route: method, path (under the prefix), what it does, what it takes and gives."""

    method: str
    path: str
    summary: str
    answer: type[BaseModel] | str  # a model, or the media type of a picture
    errors: tuple[int, ...] = ()
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    path_parameters: dict[str, str] = field(default_factory=dict)


ROUTES: tuple[Route, ...] = (
    Route("get", "/chronologies", "The chronologies served here.", ChronologyList, (503,)),
    Route(
        "get", "/events", "Events that pass the filters, in date order, a page at a time.",
        EventPage, (400, 404, 503), PageQuery,
    ),
    Route(
        "get", "/events/{id}", "One event.", Event, (404, 503), ChronologyQuery,
        path_parameters={"id": "The event's id (URL-encoded; it may hold any character)."},
    ),
    Route("get", "/sources", "The sources of a chronology and the events each supports.",
          SourceList, (404, 503), ChronologyQuery),
    Route(
        "get", "/sources/{id}", "One source: its entry, stored text and the events it supports.",
        SourceDetail, (404, 503), ChronologyQuery,
        path_parameters={"id": "The source's id (URL-encoded)."},
    ),
    Route(
        "post", "/extract", "Dated events proposed from an article's text; nothing is saved.",
        ExtractResponse, (400, 404, 413, 415, 503, 504), body=ExtractRequest,
    ),
    *(
        Route(
            "get", f"/timeline.{name}", f"The {name.upper()} image the page would export.",
            FORMATS[name].media_type, (400, 404, 503), FilterQuery,
        )
        for name in PICTURES
    ),
)  # fmt: skip

ERRORS = {
    400: "A filter, parameter or body that makes no sense; the message names it.",
    404: "No such chronology, event or route.",
    413: "The body or the text is over the limit (the server may answer in plain text).",
    415: "The body is not JSON.",
    503: "Not now (see Retry-After): the events file is being replaced, no browser draws "
    "images, or every extraction worker is busy; the message says which.",
    504: "The extraction took longer than its time limit.",
}


@cache
def openapi() -> dict:
    """The OpenAPI 3.1 description of the API, generated from the routes and models."""
    schemas: dict[str, dict] = {}
    paths: dict[str, dict] = {}
    for route in ROUTES:
        operation: dict = {"summary": route.summary, "parameters": _parameters(route)}
        if route.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(route.body, schemas)}},
            }
        operation["responses"] = _responses(route, schemas)
        paths.setdefault(PREFIX + route.path, {})[route.method] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Chronology service API",
            "version": "1.0.0",
            "description": "Read dated events with their EDTF dates, bounds, labels and "
            "provenance; images of a filtered view; events proposed from an article's text. "
            'Every error is JSON: {"error": {"status": 400, "message": "..."}}.',
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _ref(model: type[BaseModel], schemas: dict) -> dict:
    """A reference to ``model``, its schema (and those it uses) added to ``schemas``."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _parameters(route: Route) -> list[dict]:
    found = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "description": text,
            "schema": {"type": "string"},
        }
        for name, text in route.path_parameters.items()
    ]
    if route.query is None:
        return found
    schema = route.query.model_json_schema()
    for name, prop in schema["properties"].items():
        kept = {k: v for k, v in prop.items() if k not in ("title", "description", "examples")}
        options = kept.pop("anyOf", None)
        if options:  # "a string or nothing" is a parameter that may be left out
            kept = {**next(o for o in options if o.get("type") != "null"), **kept}
        kept.pop("default", None) if prop.get("default") is None else None
        parameter = {"name": name, "in": "query", "required": False, "schema": kept}
        if "description" in prop:
            parameter["description"] = prop["description"]
        found.append(parameter)
    return found


def _responses(route: Route, schemas: dict) -> dict:
    if isinstance(route.answer, str):
        answer = {"description": "The image.", "content": {route.answer: {"schema": {}}}}
    else:
        answer = {
            "description": route.answer.__doc__ or route.summary,
            "content": {"application/json": {"schema": _ref(route.answer, schemas)}},
        }
    responses = {"200": answer}
    error = _ref(Error, schemas)
    for status in route.errors:
        content = {"application/json": {"schema": error}}
        if status == 413:
            content["text/plain"] = {"schema": {"type": "string"}}
        responses[str(status)] = {"description": ERRORS[status], "content": content}
    return responses
