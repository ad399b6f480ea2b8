"""Appending events keeps every existing byte, row order and extra column."""

from __future__ import annotations

import pytest
from conftest import HEADER, write_events

from timeline.dates import parse_edtf
from timeline.errors import FileProblemsError
from timeline.events import Event
from timeline.save import append_events
from timeline.store import load_chronology


def new_event(event_id="n1", edtf="2025-02", title="New"):
    return Event(event_id, parse_edtf(edtf), title, ("trade",), quote="Q.", source="S")


def test_existing_rows_stay_byte_for_byte(small_events):
    before = small_events.read_bytes()
    append_events(small_events, [new_event()])
    after = small_events.read_bytes()
    assert after.startswith(before)
    ids = [e.id for e in load_chronology(small_events).events]
    assert ids == ["t1", "t2", "t3", "t4", "t5", "n1"]


def test_taken_ids_get_a_suffix(small_events):
    written = append_events(small_events, [new_event("t1"), new_event("t1")])
    assert [e.id for e in written] == ["t1-2", "t1-3"]
    assert load_chronology(small_events).problems == ()


def test_extra_columns_are_kept_and_left_blank_for_new_rows(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.strip() + ",url\nx,2024,T,trade,,,Q.,S,,http://x\n", encoding="utf-8")
    append_events(path, [new_event()])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(",http://x") and lines[2].startswith("n1,2025-02,New,trade")
    assert lines[2].count(",") == lines[0].count(",")


def test_a_missing_file_is_created_with_a_header(tmp_path):
    path = tmp_path / "new.csv"
    append_events(path, [new_event()])
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER.strip()


def test_a_file_without_final_newline_is_continued_on_a_new_line(tmp_path):
    path = write_events(tmp_path, "x,2024,T,trade,,,Q.,S,")
    append_events(path, [new_event()])
    assert [e.id for e in load_chronology(path).events] == ["x", "n1"]


def test_a_file_with_a_broken_header_is_not_touched(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("id,date\nx,2024\n", encoding="utf-8")
    with pytest.raises(FileProblemsError, match="missing column"):
        append_events(path, [new_event()])
    assert path.read_text(encoding="utf-8") == "id,date\nx,2024\n"


def test_no_temporary_file_is_left_behind(small_events):
    append_events(small_events, [new_event()])
    names = sorted(p.name for p in small_events.parent.iterdir())
    assert names == [".events.csv.lock", ".events.csv.previous", "events.csv", "topics.csv"]


WRITER = """
import sys
from timeline.dates import parse_edtf
from timeline.events import Event
from timeline.save import append_events
path, name, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for n in range(count):
    batch = [Event(f"{name}-{n}-{i}", parse_edtf("2024"), "T" * size, ("trade",),
                   quote="Q" * size, source="S") for i in range(int(sys.argv[5]))]
    append_events(path, batch)
"""


def run_writers(path, names, count=5, size=10, batch=1):
    import subprocess
    import sys

    return [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(count), str(size), str(batch)]
        )
        for name in names
    ]


def test_twenty_processes_adding_at_once_lose_no_row(small_events):
    writers = run_writers(small_events, [f"w{i}" for i in range(20)])
    assert [w.wait(timeout=120) for w in writers] == [0] * 20
    chronology = load_chronology(small_events)
    assert chronology.problems == ()
    ids = [e.id for e in chronology.events]
    assert ids[:5] == ["t1", "t2", "t3", "t4", "t5"]
    assert sorted(ids[5:]) == sorted(f"w{i}-{n}-0" for i in range(20) for n in range(5))


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_a_writer_killed_mid_write_leaves_a_whole_file(small_events, delay):
    import signal
    import time

    original = small_events.read_bytes()
    (writer,) = run_writers(small_events, ["k"], count=50, size=2000, batch=200)
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    data = small_events.read_bytes()
    assert data.startswith(original)
    chronology = load_chronology(small_events)
    assert chronology.problems == ()
    assert (len(chronology.events) - 5) % 200 == 0  # whole batches only: old or new file


def test_undo_puts_back_the_previous_version_and_redo_swaps_again(small_events):
    from timeline.save import undo

    before = small_events.read_bytes()
    append_events(small_events, [new_event()])
    after = small_events.read_bytes()
    undo(small_events)
    assert small_events.read_bytes() == before
    undo(small_events)
    assert small_events.read_bytes() == after


def test_undo_without_history_says_so(tmp_path):
    from timeline.save import undo

    path = write_events(tmp_path, "a,2024,T,trade,,,Q.,S,\n")
    with pytest.raises(FileProblemsError, match="nothing to undo"):
        undo(path)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date", "2024-13", "--title", "T", "--quote", "Q", "--source", "S"], "month 13"),
        (["--date", "2024", "--title", "T", "--source", "S"], "--quote"),
        (
            [
                "--date",
                "2024",
                "--title",
                "T",
                "--quote",
                "Q",
                "--source",
                "S",
                "--topics",
                "sport",
            ],
            "unknown topic 'sport'",
        ),
    ],
)
def test_cli_add_refuses_bad_events_and_changes_nothing(small_events, args, words):
    from click.testing import CliRunner

    from timeline.cli import main

    before = small_events.read_bytes()
    result = CliRunner().invoke(main, ["add", str(small_events), *args])
    assert result.exit_code == 2 and words in result.stderr
    assert small_events.read_bytes() == before


def test_cli_add_and_undo(small_events):
    from click.testing import CliRunner

    from timeline.cli import main

    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "add",
            str(small_events),
            "--date",
            "2025-02",
            "--title",
            "Talks",
            "--topics",
            "diplomacy",
            "--quote",
            "Q.",
            "--source",
            "S",
        ],
    )
    assert result.exit_code == 0 and "added 2025-02-talks (February 2025)" in result.stdout
    assert load_chronology(small_events).events[-1].title == "Talks"
    assert runner.invoke(main, ["undo", str(small_events)]).exit_code == 0
    assert [e.id for e in load_chronology(small_events).events][-1] == "t5"


def test_replacing_an_event_changes_only_its_row(tmp_path):
    from timeline.save import replace_event

    path = tmp_path / "events.csv"
    path.write_text(
        HEADER.strip() + ',url\na,2024,"Multi\nline",trade,,,Q.,S,,http://a\n'
        "b,2025,B,trade,,,Q.,S,,http://b\nc,2023,C,trade,,,Q.,S,,http://c\n",
        encoding="utf-8",
    )
    replace_event(path, "b", new_event("b", "2025-02", "Edited"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ['a,2024,"Multi', 'line",trade,,,Q.,S,,http://a']
    assert lines[3].startswith("b,2025-02,Edited,trade") and lines[3].endswith(",http://b")
    assert lines[4] == "c,2023,C,trade,,,Q.,S,,http://c"
    replace_event(path, "a", None)
    assert [e.id for e in load_chronology(path).events] == ["b", "c"]


def test_replacing_an_unknown_event_is_an_error(small_events):
    from timeline.save import replace_event

    before = small_events.read_bytes()
    with pytest.raises(FileProblemsError, match="no event with this id"):
        replace_event(small_events, "nope", None)
    assert small_events.read_bytes() == before


def test_a_new_topics_file_keeps_the_topics_the_events_file_already_uses(tmp_path):
    from timeline.save import add_topics
    from timeline.store import load_chronology

    path = write_events(tmp_path, "a1,2024,A,trade;energy,,,Q.,S,\n", topics=None)
    assert add_topics(path, ["weather", "trade"]) == ["trade", "energy", "weather"]
    assert load_chronology(path).problems == ()
    assert add_topics(path, ["weather", "sport"]) == ["sport"]
    lines = (tmp_path / "topics.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["name", "trade", "energy", "weather", "sport"]
    assert len({line.split(",")[1] for line in lines[1:]}) == 4  # a colour each
