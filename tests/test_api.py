"""The JSON API, asked over HTTP on a running server (waitress on a loopback port)."""

from __future__ import annotations

import json
import queue
import threading
from urllib.parse import quote

import pytest
import requests
import schemathesis
from conftest import SMALL_ROWS, serving, write_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from timeline.api_schema import openapi
from timeline.dashboard import create_app
from timeline.dates import PRECISIONS
from timeline.limits import RETRY_AFTER_S
from timeline.settings import current

MAX_LIMIT = current().api_page_limit
MAX_TEXT_CHARS = current().max_text_chars


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> str:
    """The base address of a server of the five small events."""
    path = write_events(tmp_path_factory.mktemp("api"), SMALL_ROWS)
    with serving(create_app(path).server) as address:
        yield address


def get(api: str, route: str, **params) -> requests.Response:
    return requests.get(f"{api}/api/v1/{route}", params=params, timeout=60)


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({}, ["t4", "t3", "t1", "t2", "t5"]),
        ({"years": "2024:2025"}, ["t1", "t2", "t5"]),
        ({"years": "2023"}, ["t3"]),
        ({"topics": "trade"}, ["t1", "t2", "t5"]),
        ({"topics": "diplomacy,energy"}, ["t4", "t3", "t2", "t5"]),
        ({"q": "GAS"}, ["t2"]),
        ({"years": "2025", "topics": "diplomacy"}, ["t5"]),
        ({"q": "nothing like this"}, []),
    ],
)
def test_events_are_filtered_like_the_page(api, params, ids):
    page = get(api, "events", **params).json()
    assert [e["id"] for e in page["events"]] == ids
    assert (page["matched"], page["total"]) == (len(ids), 5)


def test_an_event_carries_its_date_bounds_label_and_provenance(api):
    event = get(api, "events/t2").json()
    assert event["date"] == "2025-40"
    assert (event["start"], event["end"]) == ("2025-01-01", "2025-06-30")
    assert event["precision"] == "half"
    assert event["label"] == "first half of 2025"
    assert (event["quote"], event["source"]) == ("Quote two about gas.", "Src")
    assert event["topics"] == ["energy", "trade"]


def test_open_ends_are_null_bounds(api):
    event = get(api, "events/t5").json()
    assert (event["start"], event["end"]) == ("2025-07-01", None)


def test_pages_follow_next_to_every_event_once(api):
    seen, route, pages = [], "events?limit=2&topics=trade,diplomacy", 0
    while route:
        page = requests.get(f"{api}/api/v1/{route}", timeout=60).json()
        seen += [e["id"] for e in page["events"]]
        pages += 1
        route = page["next"] and page["next"].removeprefix("/api/v1/")
    assert seen == ["t4", "t3", "t1", "t2", "t5"]
    assert pages == 3


@pytest.mark.parametrize(
    ("route", "params", "status", "named"),
    [
        ("events", {"years": "soon"}, 400, "soon"),
        ("events", {"years": "2026:2020"}, 400, "2026"),
        ("events", {"topics": "trade,weather"}, 400, "weather"),
        ("events", {"limit": "0"}, 400, "limit"),
        ("events", {"limit": str(MAX_LIMIT + 1)}, 400, str(MAX_LIMIT)),
        ("events", {"offset": "-1"}, 400, "offset"),
        ("events", {"offset": "ten"}, 400, "ten"),
        ("events", {"q": "x" * 201}, 400, "200"),
        ("events", {"chronology": "other"}, 404, "other"),
        ("events/t9", {}, 404, "t9"),
        ("timeline.gif", {}, 404, "gif"),
        ("timeline.png", {"topics": "weather"}, 400, "weather"),
        ("no/such/route", {}, 404, "no/such/route"),
    ],
)
def test_errors_are_json_with_a_status_and_the_bad_value(api, route, params, status, named):
    response = get(api, route, **params)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status
    assert named in error["message"]


def test_a_wrong_method_is_a_json_405(api):
    response = requests.delete(f"{api}/api/v1/events", timeout=60)
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


def test_the_page_still_serves_html_beside_the_api(api):
    response = requests.get(f"{api}/", timeout=60)
    assert response.status_code == 200
    assert "text/html" in response.headers["Content-Type"]


def test_reads_may_come_from_any_web_page(api):
    assert get(api, "events").headers["Access-Control-Allow-Origin"] == "*"


def test_chronologies_lists_the_one_file(api):
    (listed,) = get(api, "chronologies").json()["chronologies"]
    assert (listed["name"], listed["file"], listed["events"]) == ("events", "events.csv", 5)
    assert listed["topics"] == ["diplomacy", "energy", "trade"]
    assert get(api, "events", chronology=listed["name"]).json()["total"] == 5


ARTICLE = "Georgia adopted the transparency law in May 2024. Talks resumed last month."


def test_extract_proposes_dated_events_without_saving(api, small_events):
    sent = {"text": ARTICLE, "published": "2025-07-20", "source": "https://example.org/a"}
    answer = requests.post(f"{api}/api/v1/extract", json=sent, timeout=60).json()
    dates = {e["date"] for e in answer["events"]}
    assert {"2024-05", "2025-06"} <= dates
    assert all(e["quote"] in ARTICLE for e in answer["events"])
    assert answer["source"] == "https://example.org/a"
    assert get(api, "events").json()["total"] == 5


@pytest.mark.parametrize(
    ("body", "headers", "status", "named"),
    [
        (json.dumps({"text": ARTICLE, "published": "20 July"}), {}, 400, "20 July"),
        (json.dumps({"text": "  "}), {}, 400, "text"),
        (json.dumps(["a list"]), {}, 400, "object"),
        ("{not json", {}, 400, "JSON"),
        ("text=hello", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "JSON"),
        (json.dumps({"text": "x" * (MAX_TEXT_CHARS + 1)}), {}, 413, f"{MAX_TEXT_CHARS:,}"),
    ],
)
def test_bad_extraction_requests(api, body, headers, status, named):
    headers = {"Content-Type": "application/json", **headers}
    response = requests.post(f"{api}/api/v1/extract", data=body, headers=headers, timeout=60)
    assert response.status_code == status
    assert named in response.json()["error"]["message"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fmt", "magic", "media"),
    [("png", b"\x89PNG", "image/png"), ("svg", b"<svg", "image/svg+xml"), ("pdf", b"%PDF", None)],
)
def test_images_of_a_filtered_view(api, fmt, magic, media):
    response = get(api, f"timeline.{fmt}", topics="energy")
    assert response.status_code == 200
    assert magic in response.content[:200]
    assert response.headers["Content-Type"].startswith(media or "application/pdf")
    if fmt == "svg":
        assert "1 of 5 events" in response.text
        assert "Gas purchases up" in response.text
        assert "Trade deal signed" not in response.text


def test_the_description_names_every_precision_and_route(api):
    spec = get(api, "openapi.json").json()
    assert spec == json.loads(json.dumps(openapi()))  # generated from the declared models
    precision = spec["components"]["schemas"]["Event"]["properties"]["precision"]
    assert precision["enum"] == list(PRECISIONS)
    assert set(spec["paths"]) == {
        "/api/v1/chronologies",
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/sources",
        "/api/v1/sources/{id}",
        "/api/v1/extract",
        "/api/v1/timeline.png",
        "/api/v1/timeline.svg",
        "/api/v1/timeline.pdf",
    }


# the description the server serves (a test above checks they are the same), so that the
# cases are known when tests are collected; they are sent to the running server
described = schemathesis.openapi.from_dict(openapi())


@pytest.mark.browser  # the image routes render with Chromium
@described.parametrize()
@settings(max_examples=25, deadline=None)
def test_the_server_keeps_to_its_openapi_description(api, case):
    # whether a topic or chronology exists depends on the data, not on the description, so
    # a well-formed but unknown one is rightly refused: that one check does not apply
    case.call_and_validate(base_url=api, excluded_checks=[positive_data_acceptance])


def test_extraction_requests_beyond_the_bound_are_refused_at_once(api, gated_extraction):
    answers: queue.Queue = queue.Queue()

    def post() -> None:
        sent = {"text": ARTICLE, "published": "2025-07-20"}
        response = requests.post(f"{api}/api/v1/extract", json=sent, timeout=120)
        answers.put((response.status_code, response.headers.get("Retry-After"), response.json()))

    threads = [threading.Thread(target=post) for _ in range(2 + 3)]  # two accepted, three more
    for thread in threads:
        thread.start()
    # the accepted two wait for the gate: the first three answers are the refusals
    refused = [answers.get(timeout=120) for _ in range(3)]
    gated_extraction.touch()
    for thread in threads:
        thread.join()
    done = [answers.get_nowait() for _ in range(2)]
    assert [(status, retry) for status, retry, _ in refused] == [(503, str(RETRY_AFTER_S))] * 3
    assert all("try again in" in body["error"]["message"] for _, _, body in refused)
    assert [status for status, _, _ in done] == [200, 200]
    assert all({"2024-05", "2025-06"} <= {e["date"] for e in b["events"]} for _, _, b in done)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
extraction_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(json_values, st.text(min_size=1, max_size=80)),
            "published": st.one_of(
                json_values, st.dates().map(str), st.sampled_from(["2024-02-30", "０２０２４"])
            ),
            "source": json_values,
        },
    ),
)
raw_bodies = st.one_of(
    extraction_bodies.map(lambda body: json.dumps(body).encode()),
    st.binary(max_size=100),
    st.sampled_from(
        [
            b"[" * 5_000 + b"]" * 5_000,
            b'{"text": "\\ud800 in May 2024"}',
            b'{"text": "May 2024", "source": "\\udfff"}',
            b'{"text": "May 2024", "published": "2024-05-01\\u0000"}',
            b"\xef\xbb\xbf{}",
            b"NaN",
        ]
    ),
)


@pytest.mark.parametrize(
    ("route", "answers"),
    [
        ("extract", (200, 400, 413)),
        ("events", (405,)),
        ("events/t1", (405,)),
        ("nowhere", (404, 405)),
    ],
)
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=raw_bodies)
def test_any_body_gets_an_answer_never_a_server_error(api, route, answers, body):
    response = requests.post(
        f"{api}/api/v1/{route}",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code in answers, response.text
    answer = response.json()
    if response.status_code != 200:
        assert answer["error"]["status"] == response.status_code


ODD_IDS = (
    "2008-08-07/2008-08-12-Russo-Georgian war",
    "a//b",
    "/leading",
    "trailing/",
    "100% sure?#x",
    "ünï cødé",
    "..",
)


@pytest.fixture(scope="module")
def odd_ids(tmp_path_factory) -> str:
    rows = "".join(
        f'"{event_id}",2024,Title {i},trade,,,Q.,S,\n' for i, event_id in enumerate(ODD_IDS)
    )
    path = write_events(tmp_path_factory.mktemp("odd-ids"), rows)
    with serving(create_app(path).server) as address:
        yield address


@pytest.mark.parametrize("event_id", ODD_IDS)
def test_any_id_in_the_file_is_served_url_encoded(odd_ids, event_id):
    encoded = quote(event_id, safe="").replace(".", "%2E")  # "." would be a path step
    response = requests.get(f"{odd_ids}/api/v1/events/{encoded}", timeout=30, allow_redirects=False)
    assert response.status_code == 200
    assert response.json()["id"] == event_id
    listed = requests.get(f"{odd_ids}/api/v1/events", timeout=30).json()["events"]
    assert event_id in [e["id"] for e in listed]


def test_two_hundred_topics_through_the_api(tmp_path):
    names = [f"topic {n:03d}" for n in range(200)]
    topics = "name,colour,description\n" + "".join(f"{n},#123456,\n" for n in names)
    rows = "".join(f"e{n},2024,Event {n},{names[n % 200]},,,Q.,S,\n" for n in range(400))
    path = write_events(tmp_path, rows, topics=topics)
    client = create_app(path).server.test_client()
    page = client.get("/api/v1/events", query_string={"topics": "topic 199,topic 007"}).json
    assert sorted(e["id"] for e in page["events"]) == ["e199", "e207", "e399", "e7"]
    listed = client.get("/api/v1/chronologies").json["chronologies"][0]
    assert len(listed["topics"]) == 200


@pytest.mark.parametrize(
    ("date", "years", "start", "end", "label"),
    [
        ("-0489-09", "-0500:-0480", "-0489-09-01", "-0489-09-30", "September 490 BC"),
        ("2004-01-01T10:10:10+05:00", "2004", "2004-01-01T05:10:10Z", "2004-01-01T05:10:10Z",
         "1 January 2004, 10:10:10 UTC+05:00"),
        ("[1667, 1668]", "1668", "1667-01-01", "1668-12-31", "one of 1667, 1668"),
    ],
)  # fmt: skip
def test_the_rest_of_edtf_is_served_with_its_bounds(tmp_path, date, years, start, end, label):
    path = write_events(tmp_path, f'x,"{date}",T,trade,,,Q.,S,\n')
    with serving(create_app(path).server) as address:
        answer = requests.get(f"{address}/api/v1/events", params={"years": years}, timeout=60)
    assert answer.status_code == 200, answer.text
    (event,) = answer.json()["events"]
    assert (event["start"], event["end"], event["label"]) == (start, end, label)


@pytest.mark.parametrize("route", ["events", "events/t1", "chronologies", "events?years=2024"])
def test_a_file_that_cannot_be_read_now_is_a_503_that_says_so(tmp_path, monkeypatch, route):
    """The file vanished while it was read (a rename in flight): the client is told what
    failed and to ask again, not sent an opaque 500."""
    from timeline import engine

    path = write_events(tmp_path, SMALL_ROWS)
    client = create_app(path).server.test_client()
    assert client.get("/api/v1/events").status_code == 200

    def vanished(path, *args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", str(path))

    monkeypatch.setattr(engine, "read_table", vanished)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    answer = client.get(f"/api/v1/{route}")
    assert (answer.status_code, answer.headers.get("Retry-After")) == (503, "1")
    assert answer.json["error"]["message"] == (
        f"{path}: could not be read: [Errno 2] No such file or directory: '{path}'"
    )
