"""The review section's functions, called without a browser."""

from __future__ import annotations

import base64
import threading
import time

import pytest
from conftest import callback_request

from timeline.access import WritePolicy
from timeline.dashboard.review import edited_rows, propose, save_accepted, text_from_upload
from timeline.engine import load_chronology
from timeline.errors import TimelineError

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
    assert status == (
        "2 proposed events (published 2025-01-01): 2 new, 0 other reports of events in the "
        "chronology."
    )


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
    status = save_accepted(events, rows, ticked)
    assert status.startswith("Saved 1 events to events.csv")
    saved = load_chronology(events).events
    assert [(e.id, e.date.edtf, e.title) for e in saved][0] == ("old", "2020", "Old")
    assert (saved[1].date.edtf, saved[1].title, saved[1].topics) == ("2019~", "Fell", ("trade",))


@pytest.mark.parametrize(
    ("date", "title", "topics", "words"),
    [
        ("2024-13", "T", "", "row 1: invalid date '2024-13'"),
        ("2024", "", "", "row 1: the title is empty"),
        (
            "2024",
            "T",
            "sport",
            "column topics: unknown topic; known topics: trade (value: 'sport')",
        ),
    ],
)
def test_bad_rows_save_nothing(events, date, title, topics, words):
    before = events.read_bytes()
    rows = [
        {"id": "n", "date": date, "title": title, "topics": topics, "quote": "Q", "source": "S"}
    ]
    status = save_accepted(events, rows, [0])
    assert status.startswith("Nothing saved.") and words in status
    assert events.read_bytes() == before


def test_nothing_ticked(events):
    assert save_accepted(events, [{"id": "x"}], []) == ("Tick the events to accept first.")


def test_uploads_must_be_utf8():
    good = "data:text/plain;base64," + base64.b64encode(b"in 2019").decode()
    assert text_from_upload(good, "a.txt") == "in 2019"
    bad = "data:text/plain;base64," + base64.b64encode(b"\xff\xfe\x00").decode()
    with pytest.raises(TimelineError, match="a.bin is not UTF-8 text"):
        text_from_upload(bad, "a.bin")


@pytest.mark.parametrize(
    ("data", "filename", "status", "text"),
    [
        (b"Trade fell in 2019.", "article.txt", "Read article.txt.", "Trade fell in 2019."),
        (b"%PDF-1.7\n%\xe2\xe3", "report.pdf", "report.pdf is a PDF: copy its text", None),
        (b"\xff\xfe\x00", "scan.bin", "scan.bin is not UTF-8 text", None),
        (b"a\x00b", "x.doc", "x.doc is not text (it holds NUL bytes)", None),
    ],
)
def test_an_upload_is_read_or_explained_on_the_page(events, data, filename, status, text):
    from timeline.dashboard import create_app

    app = create_app(events)
    contents = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    request = callback_request(
        app,
        "article-text.value",
        {"article-upload.contents": contents, "article-upload.filename": filename},
    )
    response = app.server.test_client().post("/_dash-update-component", json=request)
    shown = response.get_json()["response"]
    assert shown["review-status"]["children"].startswith(status)
    assert shown.get("article-text", {}).get("value") == text


def test_the_upload_takes_any_file_so_that_none_is_refused_in_silence(events):
    from timeline.dashboard.review import review_page

    upload = str(review_page("events", "T", WritePolicy.for_server("127.0.0.1", None)))
    assert "article-upload" in upload and "accept=" not in upload


def save_request(app, token: str) -> dict:
    """The request the page sends when Save is clicked (one proposal ticked)."""
    row = {"id": "p1", "date": "2024", "title": "T", "topics": "", "quote": "Q.", "source": "S"}
    return callback_request(
        app,
        "save-status.children",
        {
            "save-accepted.n_clicks": 1,
            "chronology.data": "events",
            "proposals.data": [row],
            "accept.value": [({"type": "accept", "index": 0}, ["yes"])],
            "date.value": [({"type": "date", "index": 0}, "2024")],
            "title.value": [({"type": "title", "index": 0}, "Posted")],
            "topics.value": [({"type": "topics", "index": 0}, "")],
            "write-token.value": token,
        },
    )


def post_save(app, token: str = "", headers: dict | None = None, remote: str = "127.0.0.1"):
    client = app.server.test_client()
    assert client.get("/_dash-layout").status_code == 200  # reading needs nothing
    response = client.post(
        "/_dash-update-component",
        json=save_request(app, token),
        headers=headers or {},
        environ_base={"REMOTE_ADDR": remote},
    )
    assert response.status_code == 200
    return response.get_json()["response"]["save-status"]["children"]


@pytest.mark.parametrize(
    ("policy", "token", "headers", "remote", "saved"),
    [
        (("127.0.0.1", "s3cret"), "", {}, "127.0.0.1", False),
        (("127.0.0.1", "s3cret"), "wrong", {}, "127.0.0.1", False),
        (("127.0.0.1", "s3cret"), "s3cret", {}, "127.0.0.1", True),
        (("0.0.0.0", "s3cret"), "s3cret", {"Host": "news.example"}, "10.0.0.9", True),
        # no token: only from this machine, addressed to this machine
        (("127.0.0.1", None), "", {}, "127.0.0.1", True),
        (("127.0.0.1", None), "", {"Host": "evil.example:8050"}, "127.0.0.1", False),
        (("127.0.0.1", None), "", {"Origin": "http://evil.example"}, "127.0.0.1", False),
        (("127.0.0.1", None), "", {"Origin": "http://127.0.0.1:8050"}, "127.0.0.1", True),
        (("127.0.0.1", None), "", {}, "192.168.1.7", False),
        # listening beyond loopback without a token (an empty one is none): nobody writes
        (("0.0.0.0", None), "", {}, "127.0.0.1", False),
        (("0.0.0.0", ""), "", {}, "127.0.0.1", False),
        (("0.0.0.0", "   "), "   ", {}, "127.0.0.1", False),  # spaces are no token either
    ],
)
def test_writes_are_allowed_only_where_the_server_can_prove_it_safe(
    events, policy, token, headers, remote, saved
):
    from timeline.access import WritePolicy
    from timeline.dashboard import create_app

    before = events.read_bytes()
    app = create_app(events, policy=WritePolicy.for_server(*policy))
    status = post_save(app, token, headers, remote)
    assert ("Saved 1 events" in status) is saved
    assert (events.read_bytes() != before) is saved
    if not saved:
        assert "nothing saved" in status or "disabled" in status or "only allowed" in status


def test_the_wsgi_entry_point_without_a_token_is_read_only():
    from timeline.access import WritePolicy

    assert WritePolicy.for_wsgi(None).disabled
    assert WritePolicy.for_wsgi("").disabled
    assert WritePolicy.for_wsgi("t").disabled is None


def test_dash_mcp_cannot_reach_the_callbacks(events, monkeypatch):
    from timeline.dashboard import create_app

    monkeypatch.setenv("DASH_MCP_ENABLED", "true")
    client = create_app(events).server.test_client()
    response = client.post("/_mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert response.status_code in (404, 405)


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
    assert [status.split(":")[0] for _, _, status in answers] == [
        "2 proposed events (published 2025-01-01)"
    ] * 2


# --- a chronicle of several uploaded articles ------------------------------------------------

from conftest import UPLOADS  # noqa: E402


def as_upload(text: str) -> str:
    import base64

    return "data:text/plain;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def test_uploaded_articles_take_their_day_from_their_name_or_the_box():
    from timeline.dashboard.review import uploaded_articles

    names = [*UPLOADS, "report.pdf"]
    contents = [as_upload(t) for t in UPLOADS.values()] + ["data:application/pdf;base64,JVBERi0="]
    articles, said = uploaded_articles(contents, names, "")
    assert [(a["name"], a["published"]) for a in articles] == [
        ("2011-05-15-wire.txt", "2011-05-15"),
        ("2011-05-19-paper.txt", "2011-05-19"),
        ("undated.txt", ""),
    ]
    assert said.startswith("Read 3 articles. 1 have no publication day")
    assert "report.pdf is a PDF" in said


def test_a_chronicle_of_uploads_is_reviewed_and_saved_with_each_article_stored(tmp_path):
    from conftest import write_events

    from timeline.dashboard.review import build_chronicle, save_accepted, uploaded_articles
    from timeline.engine import read_table

    path = write_events(tmp_path, "", topics=None)
    articles, _ = uploaded_articles([as_upload(t) for t in UPLOADS.values()], list(UPLOADS), "")
    rows, said = build_chronicle(articles, 2, 1, "Strauss-Kahn")
    assert said == "The chronicle of 3 articles: 2 days, 2 rows to review below."
    assert [row["date"] for row in rows] == ["2011-05-14", "2011-05-18"]  # 2 articles, then 1
    assert all(row["quote"] in UPLOADS[row["article"]] for row in rows)
    status = save_accepted(path, rows, [0, 1], uploaded=articles)
    assert status.startswith("Saved 2 events")
    table = read_table(path)
    assert table.problems == ()  # every quote found in its stored article
    assert {e.source for e in table.all_events()} == {"2011-05-15-wire", "2011-05-19-paper"}
    assert table.sources["2011-05-15-wire"].published == "2011-05-15"
