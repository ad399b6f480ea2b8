"""Which proposals are other reports of a chronology's events: the rules of
timeline/matching.py, on the shipped chronology and on small made-up ones."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT

from timeline.dates import parse_edtf
from timeline.engine import load_chronology
from timeline.events import Event
from timeline.extract import extract
from timeline.matching import content_words, days_apart, matches

PUBLISHED = date(2025, 7, 20)


@pytest.fixture(scope="module")
def chronology():
    return load_chronology(ROOT / "events.csv").events


@pytest.mark.parametrize(
    "sentence, event, dates_differ",
    [
        ("Georgia's parliament adopted the law on transparency of foreign influence in May 2024, "
         "despite protests.", "transparency-law", False),
        ("Prime Minister Irakli Kobakhidze said in February 2025 that there is no way to restore "
         "diplomatic relations with Russia.", "kobakhidze-no-way", False),
        ("In April 2024, parliament passed the foreign influence transparency law.",
         "transparency-law", True),  # another month, strong wording: a report that disagrees
        ("Russian Foreign Minister Sergei Lavrov noted in September 2024 that Tbilisi had "
         "softened its rhetoric.", "lavrov-softening-remarks", False),
        ("Trade between Georgia and Russia grew in the first half of 2025, the statistics "
         "office said.", "trade-h1-2025", False),
        # new: words every event shares (Georgia, Russia) say nothing
        ("Georgia and Russia held talks on aviation in 2024.", None, None),
        ("Russian tourists visited Georgia in record numbers in 2024.", None, None),
        ("A new bridge over the Enguri river opened in March 2025, officials said.", None, None),
        # the right words, but years away from the event
        ("Parliament adopted the foreign influence transparency law in 2019.", None, None),
    ],
)  # fmt: skip
def test_a_proposal_matches_the_event_it_reports_again_or_none(
    chronology, sentence, event, dates_differ
):
    (proposal,) = extract(sentence, PUBLISHED)
    (found,) = matches([proposal.event], chronology)
    assert (
        (found.event.id, found.dates_differ)
        if found
        else (None, None) == ((event, dates_differ) if event else (None, None))
    )


@pytest.mark.parametrize(
    "one, other, days",
    [
        ("2024-05", "2024-05-14", 0),
        ("2024-04", "2024-05", 1),
        ("2024", "2026-01-01", 366),
        ("2025-07/..", "2030", 0),  # an open end reaches any later day
        ("../2020", "2021-01-02", 2),
    ],
)
def test_days_apart_counts_between_spans(one, other, days):
    assert days_apart(parse_edtf(one), parse_edtf(other)) == days
    assert days_apart(parse_edtf(other), parse_edtf(one)) == days


def test_content_words_leave_out_common_words_numbers_and_endings():
    assert content_words("The law was adopted in May 2024 by 150 votes.") == {
        "law",
        "adopt",
        "votes",
    }


def test_a_word_every_event_has_weighs_nothing():
    day = parse_edtf("2024-05")
    events = [Event(f"e{n}", day, f"Georgia {word}", ()) for n, word in enumerate(("law", "vote"))]
    proposal = Event("p", day, "Georgia Georgia", ())
    assert matches([proposal], events) == [None]


SECOND = (
    "Georgia's parliament adopted the law on transparency of foreign influence in May 2024. "
    "A new bridge over the Enguri river opened in March 2025, officials said."
)


def test_extract_against_a_chronology_says_which_event_each_proposal_reports(tmp_path):
    import csv
    import io
    import json

    from click.testing import CliRunner

    from timeline.cli import main

    article = tmp_path / "second.txt"
    article.write_text(SECOND, encoding="utf-8")
    given = [str(article), "--published", "2025-07-20", "--against", str(ROOT / "events.csv")]
    lines = CliRunner().invoke(main, ["extract", *given]).output.splitlines()
    found = [json.loads(line)["matches"] for line in lines]
    assert found[0]["event"] == "transparency-law" and found[1] is None
    table = CliRunner().invoke(main, ["extract", *given, "--format", "csv"]).output
    assert [row["report_of"] for row in csv.DictReader(io.StringIO(table))] == [
        "transparency-law",
        "",
    ]


def test_the_api_matches_proposals_against_a_chronology_served_there():
    from timeline.dashboard import create_app

    client = create_app(ROOT / "events.csv").server.test_client()
    sent = {"text": SECOND, "published": "2025-07-20", "against": "events"}
    answer = client.post("/api/v1/extract", json=sent).get_json()
    assert [e["matches"] and e["matches"]["event"] for e in answer["events"]] == [
        "transparency-law",
        None,
    ]
    unknown = client.post("/api/v1/extract", json={**sent, "against": "nope"})
    assert unknown.status_code == 404 and "nope" in unknown.get_json()["error"]["message"]
    plain = client.post("/api/v1/extract", json={"text": SECOND}).get_json()
    assert [e["matches"] for e in plain["events"]] == [None, None]
