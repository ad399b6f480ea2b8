"""Request limits: bodies over the limit refused on every route before they are read, the
largest legitimate requests still taken, under waitress and under any WSGI server."""

from __future__ import annotations

import base64
import json
import re
import socket
from urllib.parse import urlsplit

import pytest
import requests
from conftest import ROOT, SMALL_ROWS, serving, write_events
from werkzeug.test import Client

from timeline.dashboard import create_app
from timeline.limits import waitress_settings
from timeline.settings import current

MAX_REQUEST_BYTES = current().max_request_bytes
MAX_TEXT_CHARS = current().max_text_chars

ROUTES = ("/api/v1/extract", "/_dash-update-component", "/", "/?years=2024")
SITE_ROUTES = ("/api/v1/extract", "/_dash-update-component", "/c/events", "/")


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return write_events(tmp_path_factory.mktemp("limits"), SMALL_ROWS)


@pytest.fixture(scope="module")
def page(events):
    with serving(create_app(events).server) as address:
        yield address


def declared_only(address: str, path: str, length: int) -> str:
    """The status line answered to headers that declare a body of ``length`` bytes, none of
    which is sent."""
    where = urlsplit(address)
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {where.netloc}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n".encode()
        )
        return sock.makefile("rb").readline().decode().strip()


@pytest.mark.parametrize("path", ROUTES)
def test_a_body_over_the_limit_is_refused_before_it_is_sent(page, path):
    assert declared_only(page, path, MAX_REQUEST_BYTES + 1).startswith("HTTP/1.1 413")
    assert requests.get(f"{page}/api/v1/events", timeout=30).status_code == 200


@pytest.mark.parametrize("path", ("/api/v1/extract", "/_dash-update-component"))
def test_a_body_over_the_limit_without_a_length_is_refused_as_it_comes(page, path):
    def chunks():
        for _ in range(MAX_REQUEST_BYTES // 2**20 + 1):
            yield b" " * 2**20

    response = requests.post(
        page + path, data=chunks(), headers={"Content-Type": "application/json"}, timeout=60
    )
    assert response.status_code == 413


@pytest.mark.parametrize("path", ROUTES)
def test_any_wsgi_server_gets_413_for_the_page_s_app(events, path):
    client = Client(create_app(events).server)
    response = client.post(
        path,
        data=b"{}",
        content_type="application/json",
        environ_overrides={"CONTENT_LENGTH": str(MAX_REQUEST_BYTES + 1)},
    )
    assert response.status_code == 413
    assert f"{MAX_REQUEST_BYTES + 1:,} bytes" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("path", SITE_ROUTES)
def test_any_wsgi_server_gets_413_for_a_folder_site(events, path):
    site = create_app(folder=events.parent).server
    response = Client(site).post(
        path,
        data=b"{}",
        content_type="application/json",
        environ_overrides={"CONTENT_LENGTH": str(MAX_REQUEST_BYTES + 1)},
    )
    assert response.status_code == 413


def test_every_flask_server_has_the_limit(events):
    for server in (create_app(events).server, create_app(folder=events.parent).server):
        assert server.config["MAX_CONTENT_LENGTH"] == MAX_REQUEST_BYTES


def test_waitress_is_given_the_limits():
    settings = waitress_settings()
    assert settings["max_request_body_size"] == MAX_REQUEST_BYTES + 1  # it refuses its own size
    assert settings["connection_limit"] > 100  # waitress's default, which idle sockets filled
    assert settings["asyncore_use_poll"] is True


def test_the_longest_article_fully_escaped_is_taken_by_the_api(page):
    body = json.dumps({"text": "é" * MAX_TEXT_CHARS})  # every character as \u00e9
    assert len(body) > 6 * MAX_TEXT_CHARS
    response = requests.post(
        f"{page}/api/v1/extract",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=120,
    )
    assert response.status_code == 200
    assert response.json()["events"] == []


def callback(address: str, input_id: str) -> dict:
    """The declaration of the page's callback that ``input_id`` triggers."""
    dependencies = requests.get(f"{address}/_dash-dependencies", timeout=30).json()
    return next(d for d in dependencies if any(i["id"] == input_id for i in d["inputs"]))


def test_the_longest_article_uploaded_is_taken_by_the_page(page):
    text = "𝄞" * MAX_TEXT_CHARS  # four bytes each in UTF-8
    contents = "data:text/plain;base64," + base64.b64encode(text.encode()).decode()
    declared = callback(page, "article-upload")
    names = declared["output"].strip(".").split("...")
    body = {
        "output": declared["output"],
        "outputs": [dict(zip(("id", "property"), n.split("."), strict=True)) for n in names],
        "inputs": [{"id": "article-upload", "property": "contents", "value": contents}],
        "state": [{"id": "article-upload", "property": "filename", "value": "long.txt"}],
        "changedPropIds": ["article-upload.contents"],
    }
    sent = json.dumps(body)
    assert len(sent) > 10 * 1024 * 1024
    response = requests.post(
        f"{page}/_dash-update-component",
        data=sent,
        headers={"Content-Type": "application/json"},
        timeout=120,
    )
    assert response.status_code == 200
    answer = response.json()["response"]
    assert answer["article-text"]["value"] == text


def test_the_deployment_docs_give_another_waitress_the_same_settings():
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    command = next(line for line in docs.splitlines() if "waitress-serve --listen" in line)
    given = dict(re.findall(r"--([a-z-]+)(?:=([^\s`]+))?", command))
    for name, value in waitress_settings().items():
        assert given[name.replace("_", "-")] == ("" if value is True else str(value)), name
