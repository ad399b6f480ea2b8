"""Storing an article and attaching reports: atomic, under the events file's lock, every
row already there kept byte for byte, each report checked, none written twice."""

from __future__ import annotations

import pytest
from conftest import TEXTS, reported_chronology

from timeline.engine import read_table
from timeline.errors import TimelineError
from timeline.write_sources import NewReport, attach_reports, store_article

ARTICLE = "Talks began in July 2024. The law was adopted in May 2024."


@pytest.fixture
def events(tmp_path):
    return reported_chronology(tmp_path)


def test_an_article_is_stored_with_its_entry_and_the_rows_before_are_kept(events):
    listing = events.parent / "sources.csv"
    before = listing.read_bytes()
    source = store_article(events, ARTICLE, "Radio Free", "2024-07-03", "Radio Free")
    assert (source.id, source.path, source.published) == (
        "radio-free",
        "sources/radio-free.txt",
        "2024-07-03",
    )
    assert (events.parent / source.path).read_text("utf-8") == ARTICLE
    assert listing.read_bytes().startswith(before)
    assert read_table(events).problems == ()


def test_the_same_text_is_the_same_source_and_a_taken_id_gets_a_suffix(events):
    again = store_article(events, TEXTS["sources/a.txt"], "a")
    assert again.id == "a"  # stored before: that entry, no copy
    other = store_article(events, "Something else entirely.", "a")
    assert other.id == "a-2"


@pytest.mark.parametrize(
    "report, words",
    [
        (NewReport("ghost", "a", "Protests followed.", "2024-05"), "no such event"),
        (NewReport("law", "a", "Protests followed.", "2024-13"), "month 13"),
        (NewReport("law", "zzz", "Protests followed.", "2024-05"), "no source 'zzz'"),
        (NewReport("law", "a", "Nothing like this.", "2024-05"), "not in source 'a'"),
    ],
)
def test_a_wrong_report_is_refused_and_nothing_is_written(events, report, words):
    reports = events.parent / "reports.csv"
    before = reports.read_bytes()
    good = NewReport("talks", "a", "Protests followed.", "2024-07")
    with pytest.raises(TimelineError, match=words):
        attach_reports(events, [good, report])
    assert reports.read_bytes() == before


def test_reports_are_appended_once(events):
    reports = events.parent / "reports.csv"
    before = reports.read_bytes()
    report = NewReport("talks", "b", "In May 2024 the law was adopted, the paper said.", "2024-05")
    assert attach_reports(events, [report, report]) == [report]
    assert attach_reports(events, [report]) == []
    assert reports.read_bytes().startswith(before)
    table = read_table(events)
    talks = next(e for e in table.all_events() if e.id == "talks")
    provenance = table.provenance(talks)
    assert [r.source for r in provenance.reports] == ["a", "Radio, 2024-07-02", "b"]
    assert provenance.summary() == "July 2024 (2 sources); May 2024 (1 source)"


def test_a_new_reports_file_gets_its_header(tmp_path):
    events = reported_chronology(tmp_path)
    (tmp_path / "reports.csv").unlink()
    attach_reports(events, [NewReport("law", "c", TEXTS["sources/c.txt"], "2024-04")])
    assert (tmp_path / "reports.csv").read_text("utf-8").splitlines()[
        0
    ] == "event,source,quote,date,note"
    assert read_table(events).problems == ()


@pytest.mark.parametrize("action", ["add", "edit"])
def test_a_write_whose_quote_is_not_in_its_stored_source_is_refused(events, action):
    from timeline.write import add_events, edit_event

    before = events.read_bytes()
    with pytest.raises(TimelineError, match="nearest passage: 'Protests followed.'"):
        if action == "add":
            law = read_table(events).find("law")
            add_events(
                events,
                [law.__class__("new", law.date, "New", (), quote="Protests follow.", source="a")],
            )
        else:
            edit_event(events, "talks", {"quote": "Protests follow."})
    assert events.read_bytes() == before
