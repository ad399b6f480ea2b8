"""Several chronologies on one server (``timeline serve --events-dir``): pages and API."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
import requests
from conftest import (
    HEADER,
    TOPICS,
    callback_request,
    components,
    cut_in_place_once_read,
    serving,
    vanishing_when_read,
)

from timeline.catalogue import Catalogue
from timeline.dashboard import create_app
from timeline.engine import EventSource

TRADE = """\
    t1,2024-05,Trade deal signed,trade,,,Quote one.,Src,
    t2,2025-40,Gas purchases up,energy,,,Quote two.,Src,
    """
TALKS = """\
    d1,2023-03-14,Envoys meet,diplomacy,,,Quote three.,Src,
    """


@pytest.fixture
def folder(tmp_path):
    for name, rows in (("trade", TRADE), ("talks", TALKS)):
        (tmp_path / f"{name}.csv").write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    (tmp_path / "topics.csv").write_text(TOPICS, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a chronology", encoding="utf-8")
    (tmp_path / "my events.csv").write_text(HEADER, encoding="utf-8")
    return tmp_path


@pytest.fixture
def site(folder):
    with serving(create_app(folder=folder).server) as address:
        yield address


def test_the_folder_s_events_files_are_the_chronologies(folder):
    catalogue = Catalogue.of_folder(folder)
    assert catalogue.names() == ["talks", "trade"]  # not topics.csv, notes.txt, "my events"
    assert catalogue.skipped() == [
        f"{folder / 'my events.csv'}: not served; a chronology's file name may hold only "
        "letters, digits, '.', '_' and '-'"
    ]


def test_the_api_lists_and_serves_each_chronology(site):
    listed = requests.get(f"{site}/api/v1/chronologies", timeout=30).json()["chronologies"]
    assert [(c["name"], c["events"], c["page"]) for c in listed] == [
        ("talks", 1, "/c/talks"),
        ("trade", 2, "/c/trade"),
    ]
    trade = requests.get(f"{site}/api/v1/events?chronology=trade", timeout=30).json()
    assert [e["id"] for e in trade["events"]] == ["t1", "t2"]
    default = requests.get(f"{site}/api/v1/events", timeout=30).json()
    assert default["chronology"] == "talks"
    event = requests.get(f"{site}/api/v1/events/t1?chronology=talks", timeout=30)
    assert event.status_code == 404
    assert "'talks'" in event.json()["error"]["message"]


def test_a_file_added_later_is_served_without_a_restart(site, folder):
    (folder / "later.csv").write_text(HEADER + textwrap.dedent(TALKS), encoding="utf-8")
    listed = requests.get(f"{site}/api/v1/chronologies", timeout=30).json()["chronologies"]
    assert "later" in [c["name"] for c in listed]
    assert requests.get(f"{site}/c/later/", timeout=30).status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),  # the first chronology
        ("/c/trade", 200),
        ("/c/trade/", 200),
        ("/c/trade/review", 200),
        # a source's page, opened from its link in a new tab or reloaded
        ("/c/trade/source/Src", 200),
        ("/c/trade/source/Src?event=t1", 200),
        ("/source/Src", 200),
        ("/c/nothing", 404),
        ("/c/nothing/review", 404),
        ("/c/nothing/source/Src", 404),
        ("/c/trade/source/", 404),
        ("/c/trade/source/a/b", 404),
        ("/elsewhere", 404),
    ],
)
def test_addresses(site, path, status):
    response = requests.get(site + path, allow_redirects=False, timeout=30)
    assert response.status_code == status
    if status == 404:
        assert 'href="/c/trade"' in response.text  # the way back


@pytest.mark.parametrize(
    ("path", "shown", "absent"),
    [
        ("/", '"chronology", "data": "talks"', "article-text"),
        ("/c/trade", '"chronology", "data": "trade"', "article-text"),
        ("/c/trade/review", "article-text", '"id": "count"'),
        ("/review", "article-text", '"id": "count"'),
    ],
)
def test_each_address_gets_its_page(folder, path, shown, absent):
    app = create_app(folder=folder)
    client = app.server.test_client()
    client.get("/")  # Dash declares the routing callback on the first request
    request = callback_request(app, "_pages_content.children", {"_pages_location.pathname": path})
    page = json.dumps(client.post("/_dash-update-component", json=request).json)
    assert shown in page
    assert absent not in page


@pytest.mark.browser
def test_the_selector_leads_from_one_chronology_to_another(browser, site):
    browser.go(site + "/")
    browser.wait_text("#count", "1 of 1 events")
    assert browser.text("#chronologies .current") == "talks"
    browser.click("#chronologies a[href='/c/trade']")
    browser.wait_text("#count", "2 of 2 events")
    assert browser.driver.current_url == site + "/c/trade"
    assert browser.text("#chronologies .current") == "trade"
    assert "trade.csv" in browser.text("h1")
    browser.find("#topics")  # the page works as on its own: filters are there
    assert browser.errors() == []


def test_a_large_file_in_the_folder_is_served_like_any_other(folder):
    from timeline.generate import generate_file

    generate_file(3_000, folder / "big.csv", seed=2)  # uses the folder's topics.csv
    with serving(create_app(folder=folder).server) as address:
        page = requests.get(f"{address}/api/v1/events?chronology=big&limit=50", timeout=30).json()
        assert (page["total"], len(page["events"])) == (3_000, 50)
        starts = [e["start"] for e in page["events"] if e["start"]]
        assert starts == sorted(starts)
        assert requests.get(f"{address}/c/big/", timeout=30).status_code == 200


def test_an_empty_folder_answers_404_with_the_reason(tmp_path):
    with serving(create_app(folder=tmp_path).server) as address:
        assert requests.get(f"{address}/api/v1/chronologies", timeout=30).json() == {
            "chronologies": []
        }
        events = requests.get(f"{address}/api/v1/events", timeout=30)
        assert events.status_code == 404
        assert "no events files" in events.json()["error"]["message"]
        page = requests.get(f"{address}/", timeout=30)
        assert page.status_code == 404 and "no events files" in page.text


@pytest.fixture
def linked(folder, tmp_path_factory):
    """The folder with links: to a file elsewhere, to one of its own files, and a dangling one."""
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "secret.csv"
    elsewhere.write_text(HEADER + "s1,2024,Secret,trade,,,Private quote.,Src,\n", encoding="utf-8")
    (folder / "passwd.csv").symlink_to("/etc/passwd")
    (folder / "secret.csv").symlink_to(elsewhere)
    (folder / "again.csv").symlink_to(folder / "trade.csv")
    (folder / "gone.csv").symlink_to(folder / "nothing.csv")
    return folder


def test_symbolic_links_in_the_folder_are_skipped_and_named(linked):
    catalogue = Catalogue.of_folder(linked)
    assert catalogue.names() == ["talks", "trade"]
    link = "not served; a symbolic link (to {}); only the folder's own files are served"
    assert catalogue.skipped() == [
        f"{linked / 'again.csv'}: {link.format(linked / 'trade.csv')}",
        f"{linked / 'gone.csv'}: {link.format(linked / 'nothing.csv')}",
        f"{linked / 'my events.csv'}: not served; a chronology's file name may hold only "
        "letters, digits, '.', '_' and '-'",
        f"{linked / 'passwd.csv'}: {link.format('/etc/passwd')}",
        f"{linked / 'secret.csv'}: {link.format((linked / 'secret.csv').readlink())}",
    ]
    with pytest.raises(LookupError, match="'passwd'"):
        catalogue.source("passwd")


def test_a_hard_link_to_a_file_elsewhere_is_not_served(tmp_path):
    folder = tmp_path / "served"
    folder.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.link(secret, folder / "hard.csv")
    catalogue = Catalogue.of_folder(folder)
    assert catalogue.names() == []
    assert catalogue.skipped() == [
        f"{folder / 'hard.csv'}: not served; it has other names elsewhere (hard links); "
        "only the folder's own files are served"
    ]


def test_symbolic_links_in_the_folder_are_never_served(linked):
    with serving(create_app(folder=linked).server) as address:
        listed = requests.get(f"{address}/api/v1/chronologies", timeout=30).json()
        assert [c["name"] for c in listed["chronologies"]] == ["talks", "trade"]
        for name in ("passwd", "secret", "again"):
            assert requests.get(f"{address}/c/{name}/", timeout=30).status_code == 404
            events = requests.get(f"{address}/api/v1/events?chronology={name}", timeout=30)
            assert events.status_code == 404
        page = requests.get(f"{address}/c/passwd/", timeout=30).text
        assert "root:" not in page


@pytest.mark.parametrize(
    ("ticks", "polling", "remade"),
    [
        (None, False, False),  # a page drawn with its events: the poll sees it inserted
        (None, True, False),  # a page still reading, inserted: not a tick yet
        (1, True, True),  # a tick of a page still reading, once the events are read
    ],
)
def test_the_reading_poll_remakes_the_page_only_for_a_page_drawn_while_reading(
    folder, ticks, polling, remade
):
    """Dash calls the poll when a page is inserted (its output is outside the page); an
    answer then would make the page again, and a click on the first one would be lost."""
    app = create_app(folder=folder)
    client = app.server.test_client()
    client.get("/")
    app.server.config["timeline"].source("talks").events.ready(None)  # the events are read
    values = {
        "reading-poll.n_intervals": ticks,
        "reading-poll.disabled": not polling,
        "chronology.data": "talks",
    }
    request = callback_request(app, "table-ready.data", values)
    answer = client.post("/_dash-update-component", json=request)
    changed = answer.status_code == 200 and "table-ready" in answer.json["response"]
    assert changed == remade


@pytest.mark.parametrize(
    ("shown", "years", "drawn_with_events", "answer"),
    [
        ("?years=-0500:-0480", [-500, -480], True, None),  # the same filters, written otherwise
        ("?years=2024-2025", [2024, 2025], True, None),
        ("?years=2024:2025", [2024, 2024], True, "?years=2024%3A2024"),  # the reader moved it
        ("", [2000, 2030], False, None),  # the placeholder years of a page drawn while reading
    ],
)
def test_the_controls_write_the_address_only_when_the_filters_change(
    folder, shown, years, drawn_with_events, answer
):
    """Dash calls this when a page is inserted too: an address written differently but
    meaning the same filters, or the placeholder years of a page drawn while its file was
    read, must not make the page again (it came back filtered to 2000-2030)."""
    app = create_app(folder=folder)
    client = app.server.test_client()
    client.get("/")
    app.server.config["timeline"].source("talks").events.ready(None)
    values = {
        "years.value": years,
        "chronology.data": "talks",
        "shown.data": shown,
        "reading-poll.disabled": drawn_with_events,
    }
    request = callback_request(app, "url.search", values)
    reply = client.post("/_dash-update-component", json=request)
    written = reply.json["response"]["url"]["search"] if reply.status_code == 200 else None
    assert written == answer


def test_a_tick_of_the_reading_poll_says_a_failed_reading_and_keeps_asking(
    talks_client, folder, monkeypatch
):
    from timeline.errors import TimelineError

    app, client = talks_client

    def failed(source, *args, **kwargs):
        raise TimelineError(f"{source.path}: could not be read: disk on fire")

    monkeypatch.setattr(EventSource, "ready", failed)
    values = {"reading-poll.n_intervals": 3, "reading-poll.disabled": False}
    request = callback_request(app, "table-ready.data", {**values, "chronology.data": "talks"})
    answer = client.post("/_dash-update-component", json=request)
    assert answer.status_code == 200
    assert answer.json["response"] == {
        "loading": {"children": f"{folder / 'talks.csv'}: could not be read: disk on fire"}
    }


def test_the_placeholder_years_of_a_chronology_with_no_events_are_not_written(folder):
    """A page of a file with no events shows the placeholder years 2000-2030: nobody's
    filter, however the page was drawn."""
    (folder / "talks.csv").write_text(HEADER, encoding="utf-8")
    app = create_app(folder=folder)
    client = app.server.test_client()
    client.get("/")
    values = {
        "years.value": [2000, 2030],
        "chronology.data": "talks",
        "shown.data": "",
        "reading-poll.disabled": True,
    }
    reply = client.post("/_dash-update-component", json=callback_request(app, "url.search", values))
    assert reply.status_code == 204


@pytest.fixture
def talks_client(folder):
    """The test client of a server of ``folder``, its default chronology (talks) read."""
    app = create_app(folder=folder)
    client = app.server.test_client()
    client.get("/")
    return app, client


@pytest.fixture
def cut_in_place(folder, monkeypatch) -> str:
    return cut_in_place_once_read(folder / "talks.csv", monkeypatch)


@pytest.fixture
def vanished(folder, monkeypatch) -> str:
    return vanishing_when_read(folder / "talks.csv", monkeypatch)


@pytest.mark.parametrize("failure", ["cut_in_place", "vanished"])
def test_a_file_that_fails_while_its_page_is_made_is_said_on_the_page(
    talks_client, request, failure
):
    """The page says what failed and asks again (as while reading), rather than answering
    500."""
    app, client = talks_client
    message = request.getfixturevalue(failure)
    values = {"_pages_location.pathname": "/c/talks", "_pages_location.search": ""}
    answer = client.post(
        "/_dash-update-component", json=callback_request(app, "_pages_content.children", values)
    )
    assert answer.status_code == 200
    page = answer.json["response"]["_pages_content"]["children"]
    (loading,) = [p["props"] for p in components(page, "P") if p["props"].get("id") == "loading"]
    assert loading["children"] == message
    (poll,) = components(page, "Interval")
    assert poll["props"]["disabled"] is False  # asked again until the file is read


def test_a_zoom_while_its_file_is_cut_in_place_says_so_where_the_count_goes(
    talks_client, cut_in_place
):
    """The count says what happened and the drawn timeline stays, rather than the zoom
    answering nothing."""
    app, client = talks_client
    zoom = {"xaxis.range[0]": "2023-01-01", "xaxis.range[1]": "2023-12-31"}
    values = {"zoom.data": zoom, "chronology.data": "talks", "shown.data": ""}
    (zooming,) = [key for key in app.callback_map if key.startswith("..timeline.figure@")]
    answer = client.post("/_dash-update-component", json=callback_request(app, zooming, values))
    assert answer.status_code == 200
    assert answer.json["response"] == {"count": {"children": cut_in_place}}


def test_a_filter_changed_while_its_file_cannot_be_read_still_makes_the_page_again(
    talks_client, vanished
):
    """The address is written all the same, so the page made for it says what failed."""
    app, client = talks_client
    values = {
        "years.value": [2023, 2023],
        "chronology.data": "talks",
        "shown.data": "",
        "reading-poll.disabled": True,
        "text.value": "envoys",
    }
    request = callback_request(app, "url.search", values, changed="text.value")
    reply = client.post("/_dash-update-component", json=request)
    assert reply.status_code == 200
    assert reply.json["response"]["url"]["search"] == "?years=2023%3A2023&q=envoys"
