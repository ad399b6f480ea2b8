"""The review section's functions, called without a browser."""

from __future__ import annotations

import base64
import threading
import time

import pytest

from timeline.dashboard.review import edited_rows, propose, save_accepted, text_from_upload
from timeline.errors import TimelineError
from timeline.store import load_chronology

HEADER = "id,date,title,topics,actors,summary,quote,source,note\n"


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "old,2020,Old,trade,,,Q.,S,\n", encoding="utf-8")
    (tmp_path / "topics.csv").write_text("name,colour,description\ntrade,#2ca02c,T\n")
    return path


def test_propose_gives_rows_marks_and_status():
    rows, marked, status = propose("Trade fell in 2019 and rose in May 2024.", "2025-01-01", "src")
    assert [(r["date"], r["label"], r["source"]) for r in rows] == [
        ("2019", "2019", "src"),
        ("2024-05", "May 2024", "src"),
    ]
    assert [m.children for m in marked if hasattr(m, "children")] == ["2019", "May 2024"]
    assert status == "2 proposed events (published 2025-01-01)."


@pytest.mark.parametrize(
    ("text", "published", "words"),
    [
        ("", "2025-01-01", "Paste or upload"),
        ("in 2019", "2025-13-01", "is not YYYY-MM-DD"),
        ("x" * 2_000_001, "", "the limit is"),
    ],
)
def test_propose_explains_what_is_wrong(text, published, words):
    rows, _, status = propose(text, published, "")
    assert rows == [] and words in status


def test_save_accepted_appends_the_ticked_edited_rows(events):
    rows, _, _ = propose("Trade fell in 2019 and rose in May 2024.", "2025-01-01", "src")
    rows, ticked = edited_rows(
        rows, [["yes"], []], ["2019~", "2024-05"], ["Fell", "Rose"], ["trade", ""]
    )
    status = save_accepted(events, load_chronology(events), rows, ticked)
    assert status.startswith("Saved 1 events to events.csv")
    saved = load_chronology(events).events
    assert [(e.id, e.date.edtf, e.title) for e in saved][0] == ("old", "2020", "Old")
    assert (saved[1].date.edtf, saved[1].title, saved[1].topics) == ("2019~", "Fell", ("trade",))


@pytest.mark.parametrize(
    ("date", "title", "topics", "words"),
    [
        ("2024-13", "T", "", "row 1: invalid date '2024-13'"),
        ("2024", "", "", "row 1: the title is empty"),
        ("2024", "T", "sport", "row 1: unknown topic 'sport'"),
    ],
)
def test_bad_rows_save_nothing(events, date, title, topics, words):
    before = events.read_bytes()
    rows = [
        {"id": "n", "date": date, "title": title, "topics": topics, "quote": "Q", "source": "S"}
    ]
    status = save_accepted(events, load_chronology(events), rows, [0])
    assert status.startswith("Nothing saved.") and words in status
    assert events.read_bytes() == before


def test_nothing_ticked(events):
    assert save_accepted(events, load_chronology(events), [{"id": "x"}], []) == (
        "Tick the events to accept first."
    )


def test_uploads_must_be_utf8():
    good = "data:text/plain;base64," + base64.b64encode(b"in 2019").decode()
    assert text_from_upload(good, "a.txt") == "in 2019"
    bad = "data:text/plain;base64," + base64.b64encode(b"\xff\xfe\x00").decode()
    with pytest.raises(TimelineError, match="a.bin is not UTF-8 text"):
        text_from_upload(bad, "a.bin")


def save_request(token: str | None) -> dict:
    """The request the page sends when Save is clicked (no proposals ticked)."""
    state = [
        {"id": "proposals", "property": "data", "value": []},
        [],
        [],
        [],
        [],
        {"id": "saved", "property": "data", "value": 0},
    ]
    if token is not None:
        state.append({"id": "write-token", "property": "value", "value": token})
    outputs = [{"id": "save-status", "property": "children"}, {"id": "saved", "property": "data"}]
    return {
        "output": "..save-status.children...saved.data..",
        "outputs": outputs,
        "inputs": [{"id": "save-accepted", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["save-accepted.n_clicks"],
        "state": state,
    }


@pytest.mark.parametrize(("token", "status"), [(None, 403), ("wrong", 403), ("s3cret", 200)])
def test_writes_need_the_token_reads_do_not(events, token, status):
    from timeline.dashboard import create_app

    client = create_app(events, write_token="s3cret").server.test_client()
    assert client.get("/_dash-layout").status_code == 200
    response = client.post("/_dash-update-component", json=save_request(token))
    assert response.status_code == status


def test_without_a_token_nothing_is_checked(events):
    from timeline.dashboard import create_app

    client = create_app(events).server.test_client()
    response = client.post("/_dash-update-component", json=save_request(""))
    assert response.status_code == 200 and b"Tick the events" in response.data


def test_propose_says_when_every_extraction_worker_is_taken(gated_extraction):
    from timeline import jobs

    article = "Trade fell in 2019 and rose in May 2024."
    answers: list = []
    waiting = [
        threading.Thread(target=lambda: answers.append(propose(article, "2025-01-01", "src")))
        for _ in range(2)
    ]
    for thread in waiting:
        thread.start()
    while not answers:  # until the runner is full (its two jobs wait for the gate)
        try:
            jobs.check_free()
        except jobs.JobsBusy:
            break
        time.sleep(0.02)
    rows, marked, status = propose(article, "2025-01-01", "src")
    assert (rows, marked) == ([], [])
    assert status.startswith("No events proposed: the server is already extracting")
    gated_extraction.touch()
    for thread in waiting:
        thread.join()
    assert [status for _, _, status in answers] == ["2 proposed events (published 2025-01-01)."] * 2
