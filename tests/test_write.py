"""The write path: adds, edits, deletes and undos change only their own rows, never lose one,
and are recorded so that one change can be undone without touching another's."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from conftest import HEADER, SMALL_ROWS, write_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates import parse_edtf
from timeline.engine import load_chronology
from timeline.errors import DuplicateEvent, FileProblemsError, WriteConflict
from timeline.events import Event, IdAllocator
from timeline.store import NO_TOPIC_COLOUR, topic_colours
from timeline.write import add_events, add_topics, delete_event, edit_event, history, undo


def new_event(event_id="n1", edtf="2025-02", title="New", quote="Q."):
    return Event(event_id, parse_edtf(edtf), title, ("trade",), quote=quote, source="S")


def ids(path) -> list[str]:
    return [e.id for e in load_chronology(path).events]


# --- adding ----------------------------------------------------------------------------------


def test_existing_rows_stay_byte_for_byte(small_events):
    before = small_events.read_bytes()
    add_events(small_events, [new_event()])
    assert small_events.read_bytes().startswith(before)
    assert ids(small_events) == ["t1", "t2", "t3", "t4", "t5", "n1"]


def test_taken_ids_get_a_suffix(small_events):
    written = add_events(small_events, [new_event("t1"), new_event("t1", title="Other")])
    assert [e.id for e in written] == ["t1-2", "t1-3"]
    assert load_chronology(small_events).problems == ()


def test_many_copies_of_one_id_are_numbered_in_order():
    allocator = IdAllocator({"x", "x-3"})
    assert [allocator.claim("x") for _ in range(4)] == ["x-2", "x-4", "x-5", "x-6"]
    assert allocator.claim("y") == "y"


def test_extra_columns_are_kept_and_left_blank_for_new_rows(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.strip() + ",url\nx,2024,T,trade,,,Q.,S,,http://x\n", encoding="utf-8")
    add_events(path, [new_event()])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(",http://x") and lines[2].startswith("n1,2025-02,New,trade")
    assert lines[2].count(",") == lines[0].count(",")


def test_a_missing_file_is_created_with_a_header(tmp_path):
    path = tmp_path / "new.csv"
    add_events(path, [new_event()])
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER.strip()


def test_a_file_without_final_newline_is_continued_on_a_new_line(tmp_path):
    path = write_events(tmp_path, "x,2024,T,trade,,,Q.,S,")
    add_events(path, [new_event()])
    assert ids(path) == ["x", "n1"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id,date\nx,2024\n", "missing column"),
        ("id,date,title,topics,actors,summary,quote,source,note,date\n", "appears twice"),
    ],
)
def test_a_file_with_a_broken_header_is_not_touched(tmp_path, content, words):
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileProblemsError, match=words):
        add_events(path, [new_event()])
    assert path.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    ("event", "column", "words"),
    [
        (new_event(quote=""), "quote", "quote is required"),
        (Event("a", parse_edtf("2024"), "T", ("sport",), quote="Q", source="S"), "topics", "sport"),
    ],
)
def test_a_new_row_is_checked_as_validate_checks_it(small_events, event, column, words):
    before = small_events.read_bytes()
    with pytest.raises(FileProblemsError, match=words) as caught:
        add_events(small_events, [event])
    (problem,) = caught.value.problems
    assert (problem.column, problem.line) == (column, 7)
    assert small_events.read_bytes() == before


def test_no_temporary_file_is_left_behind(small_events):
    add_events(small_events, [new_event()])
    names = sorted(p.name for p in small_events.parent.iterdir())
    assert names == [".events.csv.history", ".events.csv.lock", "events.csv", "topics.csv"]


@pytest.mark.parametrize(
    ("already", "added", "refused"),
    [
        ([], [new_event("a"), new_event("b")], True),  # twice in one save
        ([new_event("a")], [new_event("b")], True),  # one already in the file
        ([new_event("a")], [new_event("b", title="Other")], False),
        ([new_event("a")], [new_event("b", edtf="2025-03")], False),
    ],
)
def test_an_event_identical_to_one_already_there_is_refused_with_its_id(
    small_events, already, added, refused
):
    """Issue: "Save accepted events" clicked twice saved everything twice."""
    add_events(small_events, already)
    before = small_events.read_bytes()
    if not refused:
        add_events(small_events, added)
        return
    with pytest.raises(DuplicateEvent, match=r"identical event is already there: a \(") as caught:
        add_events(small_events, added)
    assert "--force" in str(caught.value)
    assert small_events.read_bytes() == before
    written = add_events(small_events, added, force=True)
    assert len(written) == len(added)


# --- line breaks, quotes and the rows around a change (issue: rows lost after a quote) ----


TV_ROWS = 'tv,2024,5" screen,trade,,,Q.,S,\n' + "".join(
    f"r{n},2024,Row {n},trade,,,Q.,S,\n" for n in range(16)
)


@pytest.mark.parametrize("action", ["delete", "edit"])
def test_an_unquoted_quote_mark_never_costs_the_rows_after_it(tmp_path, action):
    path = write_events(tmp_path, TV_ROWS)
    before = path.read_text(encoding="utf-8")
    assert len(ids(path)) == 17
    if action == "delete":
        delete_event(path, "tv")
        assert ids(path) == [f"r{n}" for n in range(16)]
        assert path.read_text(encoding="utf-8") == before.replace(
            TV_ROWS.splitlines()[0] + "\n", ""
        )
    else:
        edit_event(path, "r3", {"title": "Row three"})
        assert len(ids(path)) == 17
        assert path.read_text(encoding="utf-8") == before.replace("Row 3,", "Row three,")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_carriage_return_in_a_field_is_quoted_and_line_breaks_stay_the_files(tmp_path, newline):
    path = tmp_path / "events.csv"
    rows = [HEADER.strip(), "a,2024,A,trade,,,Q.,S,", "b,2025,B,trade,,,Q.,S,"]
    path.write_bytes((newline.join(rows) + newline).encode())
    (tmp_path / "topics.csv").write_text("name,colour,description\ntrade,#123456,\n")
    add_events(path, [new_event("c", quote="One line.\rAnother\r\nand\nmore.")])
    edit_event(path, "a", {"title": "A\rB"})
    add_events(path, [new_event("d", title="Newer")])
    chronology = load_chronology(path)
    assert chronology.problems == ()
    assert [e.id for e in chronology.events] == ["a", "b", "c", "d"]
    assert chronology.events[2].quote == "One line.\rAnother\r\nand\nmore."
    assert chronology.events[0].title == "A\rB"
    data = path.read_bytes().decode()
    outside_quotes = "".join(data.split('"')[::2])  # every line break outside quoted cells
    breaks = outside_quotes.replace(newline, "")
    assert "\r" not in breaks and "\n" not in breaks  # one kind of line break, the file's


def test_a_byte_order_mark_stays(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "a,2024,A,trade,,,Q.,S,\n").encode())
    edit_event(path, "a", {"title": "Changed"})
    add_events(path, [new_event()])
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,date,")
    assert ids(path) == ["a", "n1"]


def test_a_header_with_spaces_after_its_commas_is_read_and_written(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER.replace(",", ", ") + "a,2024,A,trade,,,Q.,S,\n", encoding="utf-8")
    assert ids(path) == ["a"]
    edit_event(path, "a", {"title": "Changed"})
    assert load_chronology(path).events[0].title == "Changed"


# --- editing and deleting ---------------------------------------------------------------------


def test_an_edit_changes_only_its_row(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        HEADER.strip() + ',url\na,2024,"Multi\nline",trade,,,Q.,S,,http://a\n'
        "b,2025,B,trade,,,Q.,S,,http://b\nc,2023,C,trade,,,Q.,S,,http://c\n",
        encoding="utf-8",
    )
    edit_event(path, "b", {"date": "2025-02", "title": "Edited"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ['a,2024,"Multi', 'line",trade,,,Q.,S,,http://a']
    assert lines[3] == "b,2025-02,Edited,trade,,,Q.,S,,http://b"
    assert lines[4] == "c,2023,C,trade,,,Q.,S,,http://c"
    delete_event(path, "a")
    assert ids(path) == ["b", "c"]


@pytest.mark.parametrize(
    ("updates", "column", "words"),
    [
        ({"date": "2024-13"}, "date", "month 13"),
        ({"topics": "sport;trade"}, "topics", "unknown topic"),
        ({"title": " "}, "title", "title is required"),
    ],
)
def test_an_edit_is_checked_as_validate_checks_a_row(small_events, updates, column, words):
    before = small_events.read_bytes()
    with pytest.raises(FileProblemsError, match=words) as caught:
        edit_event(small_events, "t3", updates)
    assert caught.value.problems[0].column == column
    assert caught.value.problems[0].line == 4
    assert small_events.read_bytes() == before


@pytest.mark.parametrize("action", [delete_event, lambda p, i: edit_event(p, i, {"title": "X"})])
def test_an_unknown_event_is_an_error(small_events, action):
    before = small_events.read_bytes()
    with pytest.raises(FileProblemsError, match="no event with this id"):
        action(small_events, "nope")
    assert small_events.read_bytes() == before


def test_an_event_changed_since_it_was_opened_is_not_overwritten(small_events):
    seen = {"date": "2023-03-14", "title": "Envoys meet", "topics": "diplomacy"}
    edit_event(small_events, "t3", {"title": "Envoys met"})  # someone else, meanwhile
    after_them = small_events.read_bytes()
    with pytest.raises(WriteConflict, match="title is now 'Envoys met'"):
        edit_event(small_events, "t3", {"date": "2023-03"}, expected=seen)
    with pytest.raises(WriteConflict, match="changed since it was opened"):
        delete_event(small_events, "t3", expected=seen)
    assert small_events.read_bytes() == after_them


def test_an_edit_applies_when_only_other_rows_changed_since(small_events):
    seen = {"date": "2023-03-14", "title": "Envoys meet", "topics": "diplomacy"}
    add_events(small_events, [new_event()])  # someone else, meanwhile
    edit_event(small_events, "t3", {"title": "Envoys met"}, expected=seen)
    assert ids(small_events)[-1] == "n1"
    assert load_chronology(small_events).events[2].title == "Envoys met"


@pytest.mark.parametrize("action", ["add", "edit", "delete"])
def test_a_file_rewritten_in_place_during_a_write_is_not_replaced(
    small_events, monkeypatch, action
):
    """Another program rewrites the file while a write is between reading and renaming."""
    import timeline.write

    theirs = (HEADER + "only,2024,Only,trade,,,Q.,S,\n").encode()
    original = timeline.write._Splice.data

    def other_program_writes(splice):
        with open(small_events, "r+b") as handle:  # in place, as an editor might
            handle.write(theirs)
            handle.truncate()
        return original(splice)

    monkeypatch.setattr(timeline.write._Splice, "data", other_program_writes)
    with pytest.raises(WriteConflict, match="changed by another program"):
        if action == "add":
            add_events(small_events, [new_event()])
        elif action == "edit":
            edit_event(small_events, "t3", {"title": "X"})
        else:
            delete_event(small_events, "t3")
    assert small_events.read_bytes() == theirs
    assert history(small_events) == []


HALF_WRITER = """
import sys
path, half = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
with open(path, "r+b") as handle:  # rewrites in place, as some editors and scripts do
    handle.truncate(0)
    handle.write(data[:half])
    handle.flush()
    print("half", flush=True)
    sys.stdin.readline()  # paused mid-rewrite until told to go on
    handle.write(data[half:])
"""


@pytest.mark.parametrize("action", ["add", "edit", "delete"])
def test_a_file_another_program_is_rewriting_is_refused_whatever_its_part_looks_like(
    small_events, action
):
    """Issue: a page save during an in-place rewrite truncated the file to 8 of 14."""
    whole = small_events.read_bytes()
    half = whole.index(b"\nt3,") + 1  # a part that ends at a row: it reads as a whole file
    with subprocess.Popen(
        [sys.executable, "-c", HALF_WRITER, str(small_events), str(half)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as writer:
        assert writer.stdout.readline() == b"half\n"
        with pytest.raises(WriteConflict, match=r"open for writing by another program \(python"):
            if action == "add":
                add_events(small_events, [new_event()])
            elif action == "edit":
                edit_event(small_events, "t1", {"title": "X"})
            else:
                delete_event(small_events, "t1")
        writer.communicate(b"go\n", timeout=60)
    assert small_events.read_bytes() == whole
    delete_event(small_events, "t1")  # once it has finished, writes go through
    assert ids(small_events) == ["t2", "t3", "t4", "t5"]


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path):
    old = os.umask(0o022)
    try:
        add_events(tmp_path / "new.csv", [new_event()])
        add_topics(tmp_path / "new.csv", ["trade"])
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "topics.csv").stat().st_mode & 0o777 == 0o644


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = write_events(tmp_path, SMALL_ROWS)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    link = folder / "events.csv"
    link.symlink_to(real)
    edit_event(link, "t1", {"title": "Through the link"})
    add_events(link, [new_event()])
    delete_event(link, "t2")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert ids(real) == ["t1", "t3", "t4", "t5", "n1"]
    assert load_chronology(real).events[0].title == "Through the link"
    assert [p.name for p in folder.iterdir()] == ["events.csv"]


# --- history and undo ------------------------------------------------------------------------


def test_history_lists_every_change_with_its_rows(small_events):
    add_events(small_events, [new_event()], by="cli (ana)")
    edit_event(small_events, "t1", {"title": "Changed"}, by="page (127.0.0.1)")
    delete_event(small_events, "t2", by="cli (ben)")
    changes = history(small_events)
    assert [(c.number, c.action, c.by, c.ids()) for c in changes] == [
        (1, "add", "cli (ana)", ["n1"]),
        (2, "edit", "page (127.0.0.1)", ["t1"]),
        (3, "delete", "cli (ben)", ["t2"]),
    ]


def test_undo_reverts_the_latest_change_and_again_redoes_it(small_events):
    before = small_events.read_bytes()
    add_events(small_events, [new_event()])
    after = small_events.read_bytes()
    undo(small_events)
    assert small_events.read_bytes() == before
    undo(small_events)
    assert small_events.read_bytes() == after


@pytest.mark.parametrize(
    "change",
    [
        lambda p: edit_event(p, "t3", {"title": "Changed", "topics": "trade"}),
        lambda p: delete_event(p, "t3"),
        lambda p: add_events(p, [new_event("a1"), new_event("a2", title="Two")]),
    ],
)
def test_undoing_one_change_keeps_a_later_change_to_other_rows(small_events, change):
    """Issue: one person's undo removed another's row added after it."""
    before = small_events.read_bytes()
    change(small_events)
    add_events(small_events, [new_event("theirs", title="Theirs")])
    undo(small_events, 1)
    assert small_events.read_bytes() == before + b"theirs,2025-02,Theirs,trade,,,Q.,S,\n"


def test_a_deleted_row_comes_back_where_it_stood(small_events):
    before = small_events.read_bytes()
    delete_event(small_events, "t3")
    undo(small_events)
    assert small_events.read_bytes() == before


def test_undo_is_refused_when_a_later_change_touched_the_same_row(small_events):
    edit_event(small_events, "t1", {"title": "First"})
    edit_event(small_events, "t1", {"title": "Second"})
    after = small_events.read_bytes()
    with pytest.raises(WriteConflict, match=r"row 't1' was changed after it by change 2"):
        undo(small_events, 1)
    assert small_events.read_bytes() == after
    undo(small_events, 2)
    undo(small_events, 1)
    assert load_chronology(small_events).events[0].title == "Trade deal signed"


def test_undoing_twice_is_refused_with_the_reason(small_events):
    add_events(small_events, [new_event()])
    add_events(small_events, [new_event("other", title="Other")])
    undo(small_events, 1)
    with pytest.raises(WriteConflict, match="already undone by change 3"):
        undo(small_events, 1)


@pytest.mark.parametrize(("number", "words"), [(None, "nothing to undo"), (4, "no such change")])
def test_undo_without_such_a_change_says_so(small_events, number, words):
    if number:
        add_events(small_events, [new_event()])
    with pytest.raises(FileProblemsError, match=words):
        undo(small_events, number)


# --- many writers, killed writers ------------------------------------------------------------

WRITER = """
import sys
from timeline.dates import parse_edtf
from timeline.events import Event
from timeline.write import add_events
path, name, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for n in range(count):
    batch = [Event(f"{name}-{n}-{i}", parse_edtf("2024"), f"{name}-{n}-{i}" + "T" * size,
                   ("trade",), quote="Q" * size, source="S") for i in range(int(sys.argv[5]))]
    add_events(path, batch)
"""


def run_writer(path, name, count=5, size=10, batch=1, prelude=""):
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            prelude + WRITER,
            str(path),
            name,
            str(count),
            str(size),
            str(batch),
        ],
        stdin=subprocess.PIPE if prelude else None,
        stdout=subprocess.PIPE if prelude else None,
    )


def test_twenty_processes_adding_at_once_lose_no_row(small_events):
    writers = [run_writer(small_events, f"w{i}") for i in range(20)]
    assert [w.wait(timeout=300) for w in writers] == [0] * 20
    chronology = load_chronology(small_events)
    assert chronology.problems == ()
    assert chronology.events[:5] == load_chronology(small_events).events[:5]
    found = [e.id for e in chronology.events]
    assert sorted(found[5:]) == sorted(f"w{i}-{n}-0" for i in range(20) for n in range(5))
    assert len(history(small_events)) == 100


# Freeze the writer at one point of its second write (it says so, then waits to be killed).
FREEZE = """
import os, sys, timeline.write as w
def frozen(_name, real):
    calls = []
    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == {point}:
            print("frozen", flush=True)
            sys.stdin.readline()
        return real(*args, **kwargs)
    return wrapper
{patch}
"""
FREEZE_POINTS = {
    # the new file is written and flushed, not yet renamed over the old one
    "before the rename": ("os.replace = frozen('replace', os.replace)", 2),
    # the new file is in place, its change not yet recorded in the history
    "before the history": ("w._append_line = frozen('append', w._append_line)", 2),
    # the temporary copy is written, not yet flushed to disk (fsyncs: copy, history, copy)
    "before the flush": ("os.fsync = frozen('fsync', os.fsync)", 3),
}


@pytest.mark.parametrize("point", FREEZE_POINTS)
def test_a_writer_killed_mid_write_leaves_a_whole_file(small_events, point):
    import signal

    patch, count = FREEZE_POINTS[point]
    original = small_events.read_bytes()
    prelude = FREEZE.replace("{point}", str(count)).replace("{patch}", patch)
    with run_writer(small_events, "k", count=3, size=2000, batch=200, prelude=prelude) as writer:
        assert writer.stdout.readline() == b"frozen\n"  # its second write has begun
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    data = small_events.read_bytes()
    assert data.startswith(original)
    chronology = load_chronology(small_events)
    assert chronology.problems == ()
    assert len(chronology.events) - 5 in (200, 400)  # whole batches only: old or new file
    assert len(history(small_events)) in (1, 2)


# --- any CSV the reader takes survives any edit or delete of any row ---------------------

TEXT = st.text(alphabet=st.sampled_from("ab \"',;\r\n\u00e9"), max_size=8)
CELL = st.text(alphabet=st.sampled_from("ab c\u00e9-"), min_size=1, max_size=6)


@st.composite
def csv_files(draw):
    """An events file as a person's tools might write it, with the text of each row."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    count = draw(st.integers(1, 6))
    rows = []
    for number in range(count):
        title = draw(TEXT.filter(lambda t: t.strip()))
        quote = draw(TEXT.filter(lambda t: t.strip()))
        cells = [f"e{number}", draw(st.sampled_from(["2024", "2024-05", "2025-40", "2023~"]))]
        cells += [title, "trade", "", draw(CELL), quote, "S", ""]
        rows.append(_written(cells, draw(st.booleans()), draw(st.booleans())))
    header = ",".join(HEADER.strip().split(","))
    final = draw(st.booleans())
    body = newline.join([header, *rows]) + (newline if final else "")
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + body, header, rows, newline


def _written(cells: list[str], quote_all: bool, bare_quote_marks: bool) -> str:
    """A row quoted as csv does, or every cell quoted; a '"' inside a cell that needs no
    quoting otherwise may be left bare, as `5" screen`."""
    out = []
    for cell in cells:
        special = any(c in cell for c in ",\r\n") or cell[:1] == '"'
        if quote_all or special or ('"' in cell and not bare_quote_marks):
            out.append('"' + cell.replace('"', '""') + '"')
        else:
            out.append(cell)
    return ",".join(out)


@settings(
    deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    file=csv_files(),
    choice=st.integers(0, 5),
    delete=st.booleans(),
    title=TEXT.filter(lambda t: t.strip()),
)
def test_any_row_can_be_edited_or_deleted_and_every_other_row_stays(
    tmp_path_factory, file, choice, delete, title
):
    text, header, rows, newline = file
    folder = tmp_path_factory.mktemp("any")
    path = folder / "events.csv"
    path.write_bytes(text.encode("utf-8"))
    before = load_chronology(path)
    assert before.problems == ()
    index = choice % len(rows)
    target = f"e{index}"
    if delete:
        delete_event(path, target)
    else:
        edit_event(path, target, {"title": title})
    after = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    start = len(bom) + len(header) + len(newline) + sum(len(r) + len(newline) for r in rows[:index])
    end = (
        start
        + len(rows[index])
        + (len(newline) if index < len(rows) - 1 or text.endswith(newline) else 0)
    )
    assert after[:start] == text[:start]  # every row before, byte for byte
    assert after.endswith(text[end:])  # and every row after
    chronology = load_chronology(path)
    assert chronology.problems == ()
    expected = [e.id for e in before.events if not (delete and e.id == target)]
    assert [e.id for e in chronology.events] == expected
    if not delete:
        edited = next(e for e in chronology.events if e.id == target)
        assert edited.title == title.strip()
        middle = after[start : len(after) - len(text[end:])]
        assert list(csv.reader(io.StringIO(middle, newline="")))[0][2] == title


# --- topics -----------------------------------------------------------------------------------


def test_a_new_topics_file_keeps_the_topics_the_events_file_already_uses(tmp_path):
    path = write_events(tmp_path, "a1,2024,A,trade;energy,,,Q.,S,\n", topics=None)
    assert add_topics(path, ["weather", "trade"]) == ["trade", "energy", "weather"]
    assert load_chronology(path).problems == ()
    assert add_topics(path, ["weather", "sport"]) == ["sport"]
    lines = (tmp_path / "topics.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["name", "trade", "energy", "weather", "sport"]
    assert len({line.split(",")[1] for line in lines[1:]}) == 4  # a colour each


@pytest.mark.parametrize("existing", [0, 1, 7, 9, 30])
def test_an_added_topic_gets_a_colour_no_other_lane_has(tmp_path, existing):
    topics = "name,colour,description\n" + "".join(
        f"t{n},{colour},\n" for n, colour in enumerate(topic_colours(existing))
    )
    path = write_events(tmp_path, "a1,2024,A,,,,Q.,S,\n", topics=topics)
    add_topics(path, ["imported", "also imported"])
    colours = [topic.colour.lower() for topic in load_chronology(path).topics.values()]
    assert len(colours) == existing + 2
    assert len(set(colours)) == len(colours)
    assert NO_TOPIC_COLOUR not in colours  # the grey of the "(no topic)" lane
