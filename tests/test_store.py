"""Reading events.csv: the project's own chronology, and every kind of broken file."""

from __future__ import annotations

import re

import pytest
from conftest import ARTICLE, HEADER, ROOT, TOPICS, write_events

from timeline.engine import load_chronology
from timeline.store import FALLBACK_COLOURS, NO_TOPIC_COLOUR, topic_colours

EXPECTED_DATES = [
    # the article's events and the dates it gives them
    ("second-front-refusal", "2022"),
    ("ferry-proposal", "2023"),
    ("transparency-law", "2024-05"),
    ("lavrov-softening-remarks", "2024-09"),
    ("kobakhidze-no-way", "2025-02"),
    ("trade-h1-2025", "2025-40"),
    ("gas-purchases-h1-2025", "2025-01/2025-06"),
    ("ivanishvili-apology-promise", "2024"),
    ("eu-talks-suspended", "2024"),
    ("mfa-no-prerequisites", "2025-07/.."),
]


@pytest.fixture(scope="module")
def chronology():
    return load_chronology(ROOT / "events.csv")


def test_events_csv_is_valid(chronology):
    assert chronology.problems == ()
    assert len(chronology.events) == chronology.rows == 14


@pytest.mark.parametrize(("event_id", "edtf"), EXPECTED_DATES)
def test_events_csv_has_the_articles_dates(chronology, event_id, edtf):
    by_id = {e.id: e for e in chronology.events}
    assert by_id[event_id].date.edtf == edtf


def test_trade_and_gas_cover_january_to_june_2025(chronology):
    by_id = {e.id: e for e in chronology.events}
    for event_id in ("trade-h1-2025", "gas-purchases-h1-2025"):
        fuzzy = by_id[event_id].date
        assert (fuzzy.start.isoformat(), fuzzy.end.isoformat()) == ("2025-01-01", "2025-06-30")


def test_every_quote_is_a_verbatim_sentence_of_the_article(chronology):
    article = ARTICLE.read_text(encoding="utf-8")
    for event in chronology.events:
        assert event.quote in article, event.id
        assert event.quote.rstrip('"”').endswith((".", "?", "!")), event.id


def test_every_open_or_inferred_date_says_why_in_a_note(chronology):
    for event in chronology.events:
        if event.date.start is None or event.date.end is None:
            assert event.note, event.id


BROKEN = [
    # rows after the header, then (line, column, words in the message)
    ("x1,2024-13,T,trade,,,Q.,S,\n", 2, "date", "month 13 does not exist"),
    ("x1,,T,trade,,,Q.,S,\n", 2, "date", "date is required"),
    ("x1,2024,,trade,,,Q.,S,\n", 2, "title", "title is required"),
    ("x1,2024,T,sport,,,Q.,S,\n", 2, "topics", "unknown topic"),
    ("x1,2024,T,trade,,,,S,\n", 2, "quote", "quote is required"),
    (
        "x1,2024,T,trade,,,Q.,S,\nx1,2025,T,trade,,,Q.,S,\n",
        3,
        "id",
        "duplicate id; first used on line 2",
    ),
    ("x1,2024,T,trade,,,Q.,S,,surplus\n", 2, "", "10 cells but the header has 9"),
    ('x1,2024,"Two\nlines",trade,,,Q.,S,\nx2,1999-99,T,trade,,,Q.,S,\n', 4, "date", "month 99"),
]


@pytest.mark.parametrize(("rows", "line", "column", "words"), BROKEN)
def test_broken_rows_are_reported_with_line_and_column(tmp_path, rows, line, column, words):
    chronology = load_chronology(write_events(tmp_path, rows))
    assert len(chronology.problems) == 1
    problem = chronology.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message
    assert str(problem).startswith(f"{tmp_path / 'events.csv'}, line {line}")


def test_good_rows_survive_beside_bad_ones(tmp_path):
    rows = "a,2024,T,trade,,,Q.,S,\nb,2024-13,T,trade,,,Q.,S,\nc,2025,T,energy,,,Q.,S,\n"
    chronology = load_chronology(write_events(tmp_path, rows))
    assert [e.id for e in chronology.events] == ["a", "c"]
    assert [p.line for p in chronology.problems] == [3]


@pytest.mark.parametrize(
    ("header", "column", "words"),
    [
        ("id,date,title,topics,actors,summary,quote,source\n", "note", "missing column 'note'"),
        (
            "id,when,title,topics,actors,summary,quote,source,note\n",
            "date",
            "missing column 'date'",
        ),
        ("date,id,title,topics,actors,summary,quote,source,note\n", "", "columns must start"),
        (
            "id,date,title,topics,actors,summary,quote,source,note,title\n",
            "title",
            "column 'title' appears twice (columns 3 and 10)",
        ),
    ],
)
def test_wrong_header_is_reported_on_line_1(tmp_path, header, column, words):
    path = tmp_path / "events.csv"
    path.write_text(header + "x1,2024,T,trade,,,Q.,S,\n", encoding="utf-8")
    chronology = load_chronology(path)
    assert chronology.events == ()
    assert (chronology.problems[0].line, chronology.problems[0].column) == (1, column)
    assert words in chronology.problems[0].message


def test_spaces_around_column_names_do_not_count(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.replace(",", ", ") + "x1,2024,T,trade,,,Q.,S,\n", encoding="utf-8")
    chronology = load_chronology(path)
    assert chronology.problems == ()
    assert [(e.id, e.date.edtf, e.source) for e in chronology.events] == [("x1", "2024", "S")]


def test_extra_columns_after_the_standard_ones_are_allowed(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.strip() + ",url\nx1,2024,T,trade,,,Q.,S,,http://x\n", encoding="utf-8")
    (tmp_path / "topics.csv").write_text(TOPICS, encoding="utf-8")
    assert [e.id for e in load_chronology(path).events] == ["x1"]


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"", 1, "empty file"),
        (HEADER.encode() + b"x1,2024,T\xff\xfe,trade,,,Q.,S,\n", 2, "not UTF-8"),
        (b"\x00\x01\x02\x89PNG", 1, "not UTF-8"),
    ],
)
def test_unreadable_files_are_problems_not_tracebacks(tmp_path, content, line, words):
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    chronology = load_chronology(path)
    assert chronology.events == ()
    assert chronology.problems[0].line == line and words in chronology.problems[0].message


def test_missing_file_is_a_problem(tmp_path):
    chronology = load_chronology(tmp_path / "nope.csv")
    assert "cannot read the file" in chronology.problems[0].message


@pytest.mark.parametrize(
    ("topics", "line", "column", "words"),
    [
        ("name,colour,description\ntrade,green,x\n", 2, "colour", "#rrggbb"),
        ("name,colour,description\n,#00ff00,x\n", 2, "name", "needs a name"),
        ("name,colour,description\na;b,#00ff00,x\n", 2, "name", "cannot hold"),
        ("topic,colour\ntrade,#00ff00\n", 1, "", "header must be name,colour,description"),
    ],
)
def test_bad_topic_files_are_reported(tmp_path, topics, line, column, words):
    chronology = load_chronology(write_events(tmp_path, "", topics=topics))
    problem = chronology.problems[0]
    assert problem.path.endswith("topics.csv")
    assert (problem.line, problem.column) == (line, column) and words in problem.message


def test_without_topics_file_every_topic_is_accepted_and_coloured(tmp_path):
    path = write_events(tmp_path, "x1,2024,T,sport;art,,,Q.,S,\n", topics=None)
    chronology = load_chronology(path)
    assert chronology.problems == ()
    assert list(chronology.topics) == ["sport", "art"]
    assert chronology.topics["sport"].colour != chronology.topics["art"].colour


@pytest.mark.parametrize("size", [1, 100_000])  # past our limit; past the csv module's
def test_a_huge_cell_is_refused_with_a_message_not_read_into_memory(tmp_path, size):
    from timeline.store import MAX_CELL_CHARS

    path = write_events(tmp_path, f"a,2024,{'x' * (MAX_CELL_CHARS + size)},trade,,,Q.,S,\n")
    chronology = load_chronology(path)
    assert chronology.events == ()
    (problem,) = chronology.problems
    assert problem.line == 2
    assert "longer than 100,000 characters" in problem.message or "field limit" in problem.message


def test_reading_leaves_the_csv_modules_cell_limit_as_it_was(small_events):
    import csv

    before = csv.field_size_limit()
    load_chronology(small_events)
    assert csv.field_size_limit() == before


def test_a_quote_that_never_closes_is_named_where_it_opens(tmp_path):
    rows = 'a,2024,A,trade,,,Q.,S,\ntv,2024,"5 screen,trade,,,Q.,S,\nb,2024,B,trade,,,Q.,S,\n'
    chronology = load_chronology(write_events(tmp_path, rows))
    (problem,) = chronology.problems
    assert problem.line == 3 and problem.value.startswith('tv,2024,"5 screen')
    assert "a quoted cell opens on this line and is never closed" in problem.message
    assert "the 1 line(s) after it were read into it" in problem.message


@pytest.mark.parametrize("taken", [(), ("#1F77B4", "#ff7f0e"), FALLBACK_COLOURS])
@pytest.mark.parametrize("count", [1, 9, 40])
def test_topic_colours_are_new_distinct_and_never_the_no_topic_grey(count, taken):
    colours = topic_colours(count, taken)
    assert len(colours) == count == len(set(colours))
    assert not {c.lower() for c in taken} & set(colours)
    assert NO_TOPIC_COLOUR not in colours
    assert all(re.fullmatch("#[0-9a-f]{6}", c) for c in colours)
