"""A source's page and the sources in an event's details: the quote highlighted in the
stored text, the other events drawn from it marked, every report of an event listed."""

from __future__ import annotations

import json

import pytest
from conftest import (
    TEXTS,
    callback_request,
    components,
    cut_in_place_once_read,
    reported_chronology,
    vanishing_when_read,
)

from timeline.dashboard import create_app
from timeline.dashboard.source_page import source_address


@pytest.fixture
def events(tmp_path):
    return reported_chronology(tmp_path)


@pytest.fixture
def app(events):
    return create_app(events)


def page_at(app, path: str, search: str = "") -> dict:
    client = app.server.test_client()
    client.get("/")  # Dash declares the routing callback on the first request
    request = callback_request(
        app,
        "_pages_content.children",
        {"_pages_location.pathname": path, "_pages_location.search": search},
    )
    return client.post("/_dash-update-component", json=request).json


def test_a_source_page_highlights_the_chosen_quote_and_marks_the_others(app):
    page = page_at(app, "/c/events/source/a", "?event=talks")
    marks = {m["props"]["className"]: m["props"]["children"] for m in components(page, "Mark")}
    assert marks == {
        "quote-other": "Parliament adopted the law in May 2024.",
        "quote-current": "Protests followed.",
    }
    text = next(d for d in components(page, "Div") if d["props"].get("id") == "source-text")
    joined = "".join(
        p if isinstance(p, str) else p["props"]["children"] for p in text["props"]["children"]
    )
    assert joined == TEXTS["sources/a.txt"]  # the whole text, nothing lost around the marks
    dumped = json.dumps(page)
    assert "Events from this source (2)" in dumped and "Paper A, Law adopted" in dumped


@pytest.mark.parametrize(
    "path, words",
    [("/c/events/source/nope", "No source 'nope'"), ("/c/other/source/a", "Not found")],
)
def test_an_unknown_source_or_chronology_says_so(app, path, words):
    assert words in json.dumps(page_at(app, path))


def test_the_details_list_every_report_the_dates_they_give_and_link_to_each_source(app):
    client = app.server.test_client()
    client.get("/")
    request = callback_request(
        app, "details.children",
        {"timeline.clickData": {"points": [{"customdata": ["law"]}]}, "chronology.data": "events"},
    )  # fmt: skip
    details = client.post("/_dash-update-component", json=request).json["response"]["details"]
    dumped = json.dumps(details)
    assert "Sources disagree on the date: May 2024 (2 sources); April 2024 (1 source)" in dumped
    assert "Sources (3)" in dumped and " dates it April 2024" in dumped
    links = [link["props"]["href"] for link in components(details["children"], "Link")]
    assert links == [source_address("events", s, "law") for s in ("a", "b", "c")]
    assert links[0] == "/c/events/source/a?event=law"


@pytest.mark.parametrize("failure", [cut_in_place_once_read, vanishing_when_read])
def test_a_source_page_whose_file_fails_for_a_moment_says_it_cannot_be_read_now(
    app, events, monkeypatch, failure
):
    """Not "Not found": the source is there, its events file failed for a moment."""
    page_at(app, "/c/events/source/a")  # read before it fails
    message = failure(events, monkeypatch)
    page = page_at(app, "/c/events/source/a", "?event=talks")
    (heading,) = components(page, "H1")
    assert heading["props"]["children"] == "Cannot be read now"
    texts = [p["props"]["children"] for p in components(page, "P")]
    assert message in texts and "Reload the page in a moment to try again." in texts
