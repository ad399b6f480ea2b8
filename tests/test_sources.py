"""sources.csv and quote checks: sources read with located problems, quotes found verbatim
(whitespace and quote marks normalised, nothing else), and the shipped chronology verified."""

from __future__ import annotations

import textwrap

import pytest
from conftest import ARTICLE, ROOT, TEXTS, reported_chronology, write_events

from timeline.engine import read_table
from timeline.sources import nearest_passage, normalised, quote_span, read_sources
from timeline.store import Reading

SOURCES_HEADER = "id,path,published,outlet,url,title,language\n"
TEXT = "First sentence here.  The law was “adopted”\nin May 2024. Last one!"


@pytest.mark.parametrize(
    "quote, found",
    [
        ("The law was “adopted” in May 2024.", "The law was “adopted”\nin May 2024."),
        ('The law was "adopted" in May 2024.', "The law was “adopted”\nin May 2024."),
        ("  First   sentence here. ", "First sentence here."),
        ("here. The law", "here.  The law"),
        ("The law was adopted in May 2024.", None),  # quote marks dropped: not the same words
        ("The law was “passed” in May 2024.", None),  # one word changed
        ("the law was “adopted”", None),  # case is not forgiven
        ("", None),
    ],
)
def test_a_quote_is_found_verbatim_up_to_whitespace_and_quote_marks(quote, found):
    span = quote_span(TEXT, quote)
    assert (TEXT[span[0] : span[1]] if span else None) == found


def test_normalising_keeps_the_offset_of_every_character():
    text, offsets = normalised("a \t\n b’c")
    assert text == "a b'c"
    assert offsets == [0, 1, 5, 6, 7]


def test_the_nearest_passage_is_the_sentence_most_like_the_quote():
    assert nearest_passage(TEXT, "The law was passed in May 2024.") == (
        'The law was "adopted" in May 2024.'
    )


def sources_file(folder, rows: str, texts: dict[str, str] | None = None):
    for name, text in (texts or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "sources.csv"
    path.write_text(SOURCES_HEADER + textwrap.dedent(rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "rows, line, column, words",
    [
        ("a,missing.txt,2024,,,,en\n", 2, "path", "no such file"),
        ("a,../outside.txt,2024,,,,en\n", 2, "path", "inside the folder"),
        ("a,,2024-13,,,,en\n", 2, "published", "month 13"),
        (",,2024,,,,en\n", 2, "id", "needs an id"),
        ("a,,2024,,,,en\nb,,,,,,\na,,,,,,\n", 4, "id", "line 2"),
        ("a,bad.txt,,,,,\n", 2, "path", "UTF-8"),
    ],
)
def test_each_unusable_source_row_is_named_with_line_and_column(
    tmp_path, rows, line, column, words
):
    (tmp_path.parent / "outside.txt").write_text("x", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    reading = Reading("events.csv")
    read_sources(sources_file(tmp_path, rows), reading)
    (problem,) = reading.problems
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message and problem.path.endswith("sources.csv")


def test_a_sources_header_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("id,path\na,\n", encoding="utf-8")
    reading = Reading("events.csv")
    assert read_sources(path, reading) == {}
    assert "missing: published, outlet, url, title, language" in reading.problems[0].message


def test_an_event_whose_quote_is_not_in_its_stored_source_is_a_problem(tmp_path):
    sources_file(tmp_path, "s1,texts/s1.txt,2024-06,Paper,,,en\n", {"texts/s1.txt": TEXT})
    path = write_events(
        tmp_path,
        """\
        ok,2024-05,Law adopted,trade,,,"The law was ""adopted"" in May 2024.",s1,
        bad,2024-05,Law passed,trade,,,The law was passed in May 2024.,s1,
        free,2024-05,Elsewhere,trade,,,Not in any stored text.,"A paper, 2024",
        """,
    )
    table = read_table(path)
    (problem,) = table.problems
    assert (problem.line, problem.column, problem.value) == (
        3,
        "quote",
        "The law was passed in May 2024.",
    )
    assert "nearest passage: 'The law was \"adopted\" in May 2024.'" in problem.message
    assert len(table) == 3 and set(table.sources) == {"s1"}


def test_the_shipped_chronology_cites_its_stored_article_and_every_quote_is_in_it():
    table = read_table(ROOT / "events.csv")
    assert table.problems == ()
    (source,) = table.sources.values()
    assert source.file == ARTICLE.resolve() and source.text == ARTICLE.read_text(encoding="utf-8")
    assert source.published == "2025-07/"  # the text gives no date: an interval, not a guess
    events = table.all_events()
    assert len(events) == 14 and {e.source for e in events} == {source.id}
    assert all(quote_span(source.text, e.quote) for e in events)


def test_validate_verifies_the_shipped_quotes_and_fails_on_a_quote_altered_by_one_word(tmp_path):
    import shutil

    from click.testing import CliRunner

    from timeline.cli import main

    shipped = CliRunner().invoke(main, ["validate", str(ROOT / "events.csv")])
    assert shipped.exit_code == 0
    assert "14 events, no problems; 14 quotes found verbatim" in shipped.output
    for name in ("events.csv", "topics.csv", "sources.csv", "sources"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    events = tmp_path / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("a steady increase in trade", "a steady rise in trade"), "utf-8")
    altered = CliRunner().invoke(main, ["validate", str(events)])
    assert altered.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "steady increase" in row)
    assert f"events.csv, line {line}, column quote: not found verbatim" in altered.output
    assert "nearest passage: 'In recent years, there has been a steady increase in trade" in (
        altered.output
    )


# --- several reports of one event ------------------------------------------------------------


@pytest.fixture
def reported(tmp_path):
    return reported_chronology(tmp_path)


def test_sources_that_disagree_on_the_date_are_all_kept_and_counted(reported):
    table = read_table(reported)
    assert table.problems == ()
    law, talks = table.all_events()
    provenance = table.provenance(law)
    assert [(r.source, r.date.edtf) for r in provenance.reports] == [
        ("a", "2024-05"),
        ("b", "2024-05"),
        ("c", "2024-04"),
    ]
    assert provenance.disagree and provenance.count == 3
    assert provenance.summary() == "May 2024 (2 sources); April 2024 (1 source)"
    assert table.provenance(talks).summary() == "2 sources"
    assert not table.provenance(talks).disagree


@pytest.mark.parametrize(
    "row, line, column, words",
    [
        ("ghost,a,Protests followed.,2024-05,", 2, "event", "no usable event"),
        ("law,a,Protests followed.,2024-13,", 2, "date", "month 13"),
        ("law,a,,2024-05,", 2, "quote", "needs its quote"),
        ("law,b,The law was passed.,2024-05,", 2, "quote", "nearest passage"),
    ],
)
def test_each_unusable_report_is_named_with_its_line_and_column(reported, row, line, column, words):
    (reported.parent / "reports.csv").write_text(f"event,source,quote,date,note\n{row}\n", "utf-8")
    (problem,) = read_table(reported).problems
    assert problem.path.endswith("reports.csv")
    assert (problem.line, problem.column) == (line, column) and words in problem.message


def test_the_api_gives_every_report_the_dates_they_give_and_the_sources(reported):
    from timeline.dashboard import create_app

    client = create_app(reported).server.test_client()
    law = client.get("/api/v1/events/law").get_json()
    assert law["sources_disagree"] is True
    assert law["dates_by_source"] == [
        {"date": "2024-05", "label": "May 2024", "sources": 2},
        {"date": "2024-04", "label": "April 2024", "sources": 1},
    ]
    first = law["sources"][0]
    text = TEXTS["sources/a.txt"]
    assert text[first["quote_start"] : first["quote_end"]] == law["quote"]
    assert first["cited"]["outlet"] == "Paper A" and first["cited"]["stored"] is True
    listed = client.get("/api/v1/sources").get_json()["sources"]
    assert {s["id"]: s["events"] for s in listed} == {
        "a": ["law", "talks"],
        "b": ["law"],
        "c": ["law"],
    }
    detail = client.get("/api/v1/sources/c").get_json()
    assert detail["text"] == TEXTS["sources/c.txt"]
    (event,) = detail["events"]
    assert (event["id"], event["date"]) == ("law", "2024-04")
    assert detail["text"][event["quote_start"] : event["quote_end"]] == event["quote"]
    assert client.get("/api/v1/sources/nope").status_code == 404


@pytest.mark.parametrize(
    "fmt, expected",
    [
        (
            "timelinejs",
            "Reported by: Paper A, Law adopted, published 1 June 2024; Paper B, "
            "published June 2024; Paper C, published c. June 2024 (dates it April 2024)",
        ),
        ("ics", "Reported by: Paper C, published c. June 2024 (dates it April 2024)"),
    ],
)
def test_exports_for_other_tools_cite_every_source(reported, fmt, expected):
    from timeline.formats import export
    from timeline.query import Filters

    data = export(read_table(reported), Filters(), fmt, "T").decode("utf-8")
    unfolded = data.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")
    assert expected in unfolded


def test_the_json_export_carries_every_report_and_the_dates_they_give(reported):
    import json

    from timeline.formats import export
    from timeline.query import Filters

    law, talks = json.loads(export(read_table(reported), Filters(), "json", "T"))
    assert [s["source"] for s in law["sources"]] == ["a", "b", "c"]
    assert law["sources_disagree"] and not talks["sources_disagree"]
    assert law["sources"][2]["note"] == "says April"
    assert talks["sources"][1]["cited"] is None  # free text: no entry in sources.csv


def test_the_sources_command_lists_each_source_with_the_events_it_supports(reported):
    import json

    from click.testing import CliRunner

    from timeline.cli import main

    text = CliRunner().invoke(main, ["sources", str(reported)])
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0] == "a, Paper A, Law adopted, published 1 June 2024, sources/a.txt: 2 events"
    assert lines[1:3] == ["  law  May 2024: Law adopted", "  talks  July 2024: Talks begin"]
    assert "'Radio, 2024-07-02' (cited as text, no stored text): 1 event" in lines
    listing = json.loads(
        CliRunner().invoke(main, ["sources", str(reported), "--format", "json"]).output
    )
    by_source = {entry["source"]: entry for entry in listing}
    assert [e["label"] for e in by_source["c"]["events"]] == ["April 2024"]
    assert by_source["Radio, 2024-07-02"]["stored"] is False
