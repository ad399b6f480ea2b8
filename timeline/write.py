"""The one write path of events files: add, edit, delete and undo, each recorded as a change.

Every write holds a lock beside the file (``.<name>.lock``), so writers in several processes
queue. It reads the file whole, changes only the rows it must (every other byte stays as it
was: quoting, line breaks, extra columns, rows that cannot be used), checks just before
replacing the file that nothing else wrote it meanwhile (size, modification time, inode and
a hash of the content), then writes a temporary copy, flushes it to disk and renames it over.
A symbolic link is written through, never replaced by a copy.

Each change is recorded in ``.<name>.history``, one JSON line with every row it touched as
it was before and after, so that one change can be undone by its own inverse without
touching anybody else's rows, and is refused when a later change touched the same row.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from timeline.engine import Table, read_table
from timeline.errors import DuplicateEvent, FileProblemsError, Problem, WriteConflict
from timeline.events import COLUMNS, Event, IdAllocator
from timeline.records import format_row, line_starts, newline_of, read_records
from timeline.sources import quote_problems, read_sources, sources_path_for
from timeline.store import (
    TOPIC_COLUMNS,
    Reading,
    column_names,
    event_from_row,
    header_problems,
    load_topics,
    topic_colours,
    topics_path_for,
)

BOM = b"\xef\xbb\xbf"
_NUMBER = re.compile(rb'\{"change": (\d+)')


@dataclass(frozen=True, slots=True)
class Version:
    """What identifies a file's content as read: size, modification time, inode and hash."""

    size: int
    mtime_ns: int
    inode: int
    digest: str


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row as it was before a change and after it (None: not there). ``follows`` is the
    id of the row before it, so that a deleted row can be put back where it stood."""

    before: str | None
    after: str | None
    follows: str | None = None

    @property
    def ids(self) -> set[str]:
        return {row_id(text) for text in (self.before, self.after) if text is not None}

    def inverse(self) -> RowChange:
        return RowChange(self.after, self.before, self.follows)


@dataclass(frozen=True)
class Change:
    """One recorded write: its number, when, what, by whom, and the rows it touched."""

    number: int
    time: str
    action: str
    by: str
    rows: tuple[RowChange, ...]
    undoes: int | None = None

    def ids(self) -> list[str]:
        return list(dict.fromkeys(i for row in self.rows for i in sorted(row.ids)))

    def to_json(self) -> str:
        rows = [[row.before, row.after, row.follows] for row in self.rows]
        return json.dumps(
            {
                "change": self.number,  # first, so that the last number is read cheaply
                "time": self.time,
                "action": self.action,
                "by": self.by,
                "undoes": self.undoes,
                "rows": rows,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> Change:
        data = json.loads(line)
        rows = tuple(RowChange(*row) for row in data["rows"])
        return cls(
            data["change"], data["time"], data["action"], data["by"], rows, data.get("undoes")
        )

    def describe(self) -> str:
        """``7  2026-11-29 10:02  edit by cli (ana): trade-h1-2025``."""
        ids = self.ids()
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        undoes = f" of change {self.undoes}" if self.undoes else ""
        return f"{self.number}  {self.time}  {self.action}{undoes} by {self.by}: {shown}"


def row_id(text: str) -> str:
    """The id (first cell) of a row as written."""
    return next(csv.reader(io.StringIO(text, newline="")), [""])[0].strip()


def row_cells(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline="")), [])


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Located:
    """One record of the file: its bytes (``start`` to ``end``, its line break included),
    the line it starts on, and its cells."""

    start: int
    end: int
    line: int
    cells: list[str]


@dataclass
class Snapshot:
    """An events file as one write read it: its bytes, header and line break. Records are
    found through the engine's table of the same bytes (by the line each row starts on), so
    that a write reads only the rows it changes, whatever the size of the file."""

    path: Path
    version: Version | None  # None: there was no file (or an empty one)
    data: bytes
    body: int  # where the text starts, after any byte order mark
    header_end: int  # where the first row may start
    names: list[str]
    newline: str
    _table: Table | None = None
    _starts: np.ndarray | None = None

    @property
    def bom(self) -> bool:
        return self.body > 0

    def table(self) -> Table:
        """The engine's table of these very bytes."""
        if self._table is None:
            table = read_table(self.path)
            stamp = table.stamp
            if self.version is not None and (
                stamp is None
                or (stamp.size, stamp.mtime_ns, stamp.inode)
                != (self.version.size, self.version.mtime_ns, self.version.inode)
            ):
                raise WriteConflict(
                    f"{self.path} changed while it was being read; nothing saved: try again"
                )
            self._table = table
        return self._table

    def ids(self) -> set[str]:
        """Every id in the file, unusable rows included, so that a new row never takes one."""
        if self.version is None:
            return set()
        table = self.table()
        return set(table.frame.get_column("id")) | set(table.unusable_ids)

    def locate(self, event_id: str) -> Located | None:
        """The first record of ``event_id``: through the table for a usable row, else by
        reading every record (a row with problems)."""
        if self.version is None:
            return None
        lines = self.table().frame.filter(pl.col("id") == event_id).get_column("line")
        if len(lines):
            return self.record_at(int(lines[0]))
        return next(self._scan(lambda cells: cells[0].strip() == event_id), None)

    def record_at(self, line: int) -> Located:
        """The record that starts on ``line``, read on until it is whole."""
        start = int(self.starts()[line - 1])
        size = 4096
        while True:
            chunk = self.data[start : start + size]
            text = chunk.decode("utf-8", errors="ignore")  # a cut character at the end
            whole = start + size >= len(self.data)
            try:
                record = next(read_records(text, str(self.path)), None)
            except FileProblemsError:
                record = None  # a quoted cell runs past the chunk
            if record is not None and (whole or record.end < len(text)):
                end = start + len(text[: record.end].encode("utf-8"))
                return Located(start, end, line, record.cells)
            if whole:
                raise FileProblemsError(
                    [Problem(str(self.path), line, "", "", "no whole record starts here")]
                )
            size *= 4

    def starts(self) -> np.ndarray:
        """The byte where each line starts (after \\n, \\r\\n, or a lone \\r)."""
        if self._starts is None:
            self._starts = line_starts(self.data)
        return self._starts

    def _scan(self, wanted):
        text = self.data[self.body :].decode("utf-8")
        offset = self.body
        consumed = 0
        for record in read_records(text, str(self.path)):
            start = offset + len(text[consumed : record.start].encode("utf-8"))
            end = start + len(text[record.start : record.end].encode("utf-8"))
            offset, consumed = end, record.end
            if record.line > 1 and not record.blank and wanted(record.cells):
                yield Located(start, end, record.line, record.cells)

    def previous_id(self, located: Located) -> str | None:
        """The id of the usable row before a record (None when none comes before it)."""
        earlier = self.table().frame.filter(pl.col("line") < located.line)
        return earlier.sort("line").get_column("id")[-1] if len(earlier) else None

    def last_id(self) -> str | None:
        if self.version is None or not len(self.table()):
            return None
        return self.table().frame.sort("line").get_column("id")[-1]

    def text_of(self, located: Located) -> str:
        """A record as written, without its line break."""
        text = self.data[located.start : located.end].decode("utf-8")
        return _without_newline(text)

    def as_dict(self, cells: list[str]) -> dict[str, str]:
        cells = cells + [""] * (len(self.names) - len(cells))
        return dict(zip(self.names, cells, strict=False))

    def cells_of(self, row: Mapping[str, str]) -> list[str]:
        return [row.get(name, "") for name in self.names]

    def vocabulary(self):
        """The topics beside the file, or None when there is no topics.csv (any topic goes)."""
        topics = topics_path_for(self.path)
        return load_topics(topics) if topics.exists() else None

    def next_line(self) -> int:
        """The line a row appended to the file will start on."""
        return len(self.starts()) + 1  # after the last line (ended first if it is not)


def read_snapshot(path: Path) -> Snapshot:
    """The file as it is now; a file that another program is writing, or that changes while
    it is read, is refused."""
    try:
        before = path.stat()
    except FileNotFoundError:
        return _empty(path)
    _not_being_written(path)
    data = path.read_bytes()
    after = path.stat()
    if _stamp(before) != _stamp(after):
        raise WriteConflict(
            f"{path} changed while it was being read (another program is writing it); "
            "nothing saved: try again when it has finished"
        )
    if not data:
        return _empty(path)
    version = Version(after.st_size, after.st_mtime_ns, after.st_ino, _digest(data))
    body = len(BOM) if data.startswith(BOM) else 0
    head = data[body : body + (1 << 16)].decode("utf-8", errors="replace")
    try:
        header = next((r for r in read_records(head, str(path)) if not r.blank), None)
    except FileProblemsError:
        header = None
    if header is None:
        message = f"no header; the header must be {','.join(COLUMNS)}"
        raise FileProblemsError([Problem(str(path), 1, "", "", message)])
    problems = header_problems(header.cells, header.line, str(path))
    if problems:
        raise FileProblemsError(problems)  # no header to follow: refuse rather than guess
    header_end = body + len(head[: header.end].encode("utf-8"))
    names = column_names(header.cells)
    return Snapshot(path, version, data, body, header_end, names, newline_of(head, header))


def _empty(path: Path) -> Snapshot:
    """A file to make: its header, then the rows added."""
    header = format_row(COLUMNS, "\n").encode()
    return Snapshot(path, None, header, 0, len(header), list(COLUMNS), "\n")


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ino


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _not_being_written(path: Path) -> None:
    """Refuse a file that another program holds open for writing: one that rewrites it in
    place may have written only part of it yet, and a part looks like a whole file."""
    writers = other_writers(path)
    if writers:
        raise WriteConflict(
            f"{path} is open for writing by another program ({', '.join(writers)}); "
            "nothing saved: try again when it has finished"
        )


def other_writers(path: Path) -> list[str]:
    """Other processes that hold ``path`` open for writing, as "name (pid N)"; none where
    the system does not say (no /proc)."""
    try:
        target = path.stat()
        entries = os.scandir("/proc")
    except OSError:
        return []
    found = []
    with entries:
        for entry in entries:
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                if _writes(entry.name, (target.st_dev, target.st_ino)):
                    found.append(f"{_command(entry.name)} (pid {entry.name})")
    return found


def _writes(pid: str, file: tuple[int, int]) -> bool:
    """Whether process ``pid`` has the file open for writing (its descriptor's flags)."""
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in descriptors:
        try:
            status = os.stat(f"/proc/{pid}/fd/{fd}")
            if (status.st_dev, status.st_ino) != file:
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
                flags = next(line for line in info if line.startswith("flags:"))
        except (OSError, StopIteration):
            continue
        if int(flags.split()[1], 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR):
            return True
    return False


def _command(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as handle:
            return handle.read().strip() or "?"
    except OSError:
        return "?"


def _still_as_read(snapshot: Snapshot) -> None:
    """Refuse to replace a file that something else wrote since this write read it, or
    that another program holds open for writing."""
    path = snapshot.path
    if snapshot.version is not None:
        _not_being_written(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    if snapshot.version is None:
        unchanged = status is None or status.st_size == 0
    else:
        version = snapshot.version
        unchanged = status is not None and _stamp(status) == (
            version.size,
            version.mtime_ns,
            version.inode,
        )
        unchanged = unchanged and _digest(path.read_bytes()) == version.digest
    if not unchanged:
        raise WriteConflict(
            f"{path} was changed by another program while this change was being saved; "
            "nothing saved: reload and try again"
        )


# --- the file as a list of rows, changed row by row ----------------------------------------


class _Splice:
    """The changes one write makes to the snapshot's bytes: rows replaced or removed, and
    new rows put after a row (or the header, or the end). Every other byte stays."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.replaced: dict[int, tuple[Located, str | None]] = {}  # by start
        self.inserted: dict[int, list[str]] = {}  # new rows, by the byte they follow
        self.new_ids: dict[str, int] = {}  # a new row's id: the byte it follows
        self.found: dict[str, Located | None] = {}

    def _locate(self, event_id: str) -> Located | None:
        if event_id not in self.found:
            self.found[event_id] = self.snapshot.locate(event_id)
        return self.found[event_id]

    def current(self, event_id: str) -> str | None:
        """The row of ``event_id`` as it stands in the splice, without its line break."""
        if event_id in self.new_ids:
            rows = self.inserted[self.new_ids[event_id]]
            return next(row for row in rows if row_id(row) == event_id)
        located = self._locate(event_id)
        if located is None:
            return None
        if located.start in self.replaced:
            return self.replaced[located.start][1]
        return self.snapshot.text_of(located)

    def replace(self, event_id: str, text: str | None) -> None:
        """Put ``text`` in place of the row of ``event_id`` (None: remove it)."""
        if event_id in self.new_ids:  # a row this same change put in
            offset = self.new_ids.pop(event_id)
            rows = self.inserted[offset]
            index = next(i for i, row in enumerate(rows) if row_id(row) == event_id)
            if text is None:
                del rows[index]
            else:
                rows[index] = text
                self.new_ids[row_id(text)] = offset
            return
        located = self._locate(event_id)
        assert located is not None
        self.replaced[located.start] = (located, text)

    def insert(self, text: str, follows: str | None) -> None:
        """Put a new row after the row ``follows`` (after the header when None, at the end
        when that row is gone)."""
        if follows is not None and follows in self.new_ids:
            offset = self.new_ids[follows]
            rows = self.inserted[offset]
            index = next(i for i, row in enumerate(rows) if row_id(row) == follows) + 1
        else:
            offset = self._after(follows)
            rows = self.inserted.setdefault(offset, [])
            index = 0 if follows is None else len(rows)
        rows.insert(index, text)
        self.new_ids[row_id(text)] = offset

    def _after(self, follows: str | None) -> int:
        snapshot = self.snapshot
        if follows is None:
            return snapshot.header_end
        located = self._locate(follows)
        return located.end if located is not None else len(snapshot.data)

    def append(self, text: str) -> None:
        rows = self.inserted.setdefault(len(self.snapshot.data), [])
        rows.append(text)
        self.new_ids[row_id(text)] = len(self.snapshot.data)

    def follows(self, event_id: str) -> str | None:
        """The id of the row before ``event_id``'s, None when it comes first."""
        located = self._locate(event_id)
        return self.snapshot.previous_id(located) if located is not None else None

    def last_id(self) -> str | None:
        """The id of the last row, new ones included; None when there is none."""
        appended = self.inserted.get(len(self.snapshot.data))
        return row_id(appended[-1]) if appended else self.snapshot.last_id()

    def data(self) -> bytes:
        """The new file, bytes and all: at each place a change touches, new rows first,
        then the replaced row (or nothing for a removed one)."""
        snapshot = self.snapshot
        newline = snapshot.newline.encode()
        changes: list[tuple[int, int, Any]] = [
            (offset, 0, rows) for offset, rows in self.inserted.items()
        ]
        changes += [(start, 1, change) for start, change in self.replaced.items()]
        parts, position = [], 0
        for offset, kind, change in sorted(changes, key=lambda item: item[:2]):
            parts.append(snapshot.data[position:offset])
            position = offset
            if kind == 0:
                if change and not _ends_a_line(parts):
                    parts.append(newline)
                parts += [row.encode() + newline for row in change]
            else:
                located, text = change
                if text is not None:
                    parts.append(text.encode() + newline)
                position = located.end
        parts.append(snapshot.data[position:])
        return b"".join(parts)


def _ends_a_line(parts: list[bytes]) -> bool:
    last = next((part for part in reversed(parts) if part), b"\n")
    return last.endswith((b"\n", b"\r"))


def _without_newline(piece: str) -> str:
    return piece.rstrip("\r\n") if piece.endswith(("\n", "\r")) else piece


# --- the writes ---------------------------------------------------------------------------


def add_events(
    path: str | Path, events: Sequence[Event], by: str = "", force: bool = False
) -> list[Event]:
    """Append ``events`` to the events file (created if missing); taken ids get a numbered
    suffix. Returns them as written. Every row is checked as ``validate`` checks it, and an
    event identical to one already there (same date, title and source) is refused with the
    other's id, unless ``force``."""
    path = real_path(path)
    with write_lock(path):
        snapshot = read_snapshot(path)
        if not force:
            _refuse_duplicates(snapshot, events)
        allocator = IdAllocator(snapshot.ids())
        written = [replace(event, id=allocator.claim(event.id)) for event in events]
        splice = _Splice(snapshot)
        vocabulary = snapshot.vocabulary()
        problems: list[Problem] = []
        changes = []
        line = snapshot.next_line()
        for event in written:
            row = event.as_row()
            problems += _problems_of(path, line, row, vocabulary)
            text = _row_text(snapshot, row)
            changes.append(RowChange(None, text, splice.last_id()))
            splice.append(text)
            line += text.count("\n") + 1
        if problems:
            raise FileProblemsError(problems)
        if written:
            _commit(snapshot, splice.data(), "add", by, changes)
    return written


def _refuse_duplicates(snapshot: Snapshot, events: Sequence[Event]) -> None:
    """Refuse an event identical (date, title, source) to one in the file or the batch."""
    seen: dict[tuple[str, str, str], str] = {}
    if snapshot.version is not None and events:
        table = snapshot.table()
        keys = {(e.date.edtf, e.title.strip()) for e in events}
        dates, titles = zip(*keys, strict=True)
        candidates = table.frame.filter(
            pl.col("date").is_in(list(dates)) & pl.col("title").is_in(list(titles))
        )
        for found in table.events(candidates):
            seen[(found.date.edtf, found.title, found.source)] = f"{found.id} (line {found.line})"
    for event in events:
        key = (event.date.edtf, event.title.strip(), event.source.strip())
        if key in seen:
            raise DuplicateEvent(
                f"{snapshot.path}: an identical event is already there: {seen[key]}, "
                f"{event.date.edtf}, {event.title!r}, from {event.source!r}; nothing saved "
                "(timeline add --force adds it anyway)"
            )
        seen[key] = f"{event.id} (in this same save)"


def edit_event(
    path: str | Path,
    event_id: str,
    updates: Mapping[str, str],
    expected: Mapping[str, str] | None = None,
    by: str = "",
) -> Event:
    """Change some columns of one event; every other byte of the file stays as it was.

    With ``expected`` (the row's values as the person saw them), a row that changed since is
    refused rather than overwritten, whatever else changed in the file meanwhile.
    """
    path = real_path(path)
    with write_lock(path):
        snapshot = read_snapshot(path)
        record = _record_of(snapshot, event_id, expected)
        unknown = [name for name in updates if name not in snapshot.names]
        if unknown:
            known = ", ".join(snapshot.names)
            raise FileProblemsError(
                [Problem(str(path), record.line, unknown[0], "", f"no such column; {known}")]
            )
        current = snapshot.as_dict(record.cells)
        row = {**current, **updates}
        event = _checked_event(path, record.line, row, snapshot.vocabulary())
        if snapshot.cells_of(row) != snapshot.cells_of(current):
            before = snapshot.text_of(record)
            after = _row_text(snapshot, row)
            splice = _Splice(snapshot)
            splice.replace(event_id, after)
            _commit(snapshot, splice.data(), "edit", by, [RowChange(before, after)])
        return event


def delete_event(
    path: str | Path, event_id: str, expected: Mapping[str, str] | None = None, by: str = ""
) -> Change:
    """Remove one event's row; every other byte of the file stays as it was."""
    path = real_path(path)
    with write_lock(path):
        snapshot = read_snapshot(path)
        record = _record_of(snapshot, event_id, expected)
        splice = _Splice(snapshot)
        change = RowChange(snapshot.text_of(record), None, splice.follows(event_id))
        splice.replace(event_id, None)
        return _commit(snapshot, splice.data(), "delete", by, [change])


def undo(path: str | Path, number: int | None = None, by: str = "") -> tuple[Change, Change]:
    """Revert one change (default: the latest) by its own inverse; other rows stay as they
    are. Refused, with the reason, when a later change touched one of its rows. Returns the
    change undone and the new change that undid it (itself undoable: a redo)."""
    path = real_path(path)
    with write_lock(path):
        changes = read_history(path)
        target = _change_to_undo(path, changes, number)
        snapshot = read_snapshot(path)
        splice = _Splice(snapshot)
        inverse = [row.inverse() for row in reversed(target.rows)]
        for row in inverse:
            _apply(splice, row, target, changes, path)
        undone = _commit(snapshot, splice.data(), "undo", by, inverse, undoes=target.number)
        return target, undone


def history(path: str | Path) -> list[Change]:
    """Every recorded change of the events file, oldest first."""
    return read_history(real_path(path))


def _record_of(snapshot: Snapshot, event_id: str, expected: Mapping[str, str] | None) -> Located:
    record = snapshot.locate(event_id)
    if record is None:
        problem = Problem(str(snapshot.path), 0, "id", event_id, "no event with this id")
        raise FileProblemsError([problem])
    if expected is not None:
        current = snapshot.as_dict(record.cells)
        changed = [k for k, v in expected.items() if current.get(k, "").strip() != str(v).strip()]
        if changed:
            name = changed[0]
            raise WriteConflict(
                f"{snapshot.path}, line {record.line}: event {event_id!r} was changed since it "
                f"was opened ({name} is now {current.get(name, '')!r}); nothing saved: "
                "reload it and try again"
            )
    return record


def _checked_event(path: Path, line: int, row: Mapping[str, str], vocabulary) -> Event:
    """The row as an event, checked as ``validate`` checks it: its cells, and its quote
    against its source's stored text when there is one."""
    event = event_from_row(str(path), line, dict(row), vocabulary)
    sources_file = sources_path_for(path)
    if sources_file.exists():
        sources = read_sources(sources_file, Reading(str(sources_file)))
        problems = quote_problems(str(path), [event], sources)
        if problems:
            raise FileProblemsError(problems)
    return event


def _problems_of(path: Path, line: int, row: Mapping[str, str], vocabulary) -> list[Problem]:
    try:
        _checked_event(path, line, row, vocabulary)
    except FileProblemsError as error:
        return error.problems
    return []


def _row_text(snapshot: Snapshot, row: Mapping[str, str]) -> str:
    return format_row(snapshot.cells_of(row), "")


def _apply(splice: _Splice, row: RowChange, target: Change, changes: list[Change], path: Path):
    """One row of an undo: the row must be as the undone change left it."""
    left = row.before  # what the undone change left there (it is being reverted)
    event_id = row_id(row.after if row.after is not None else left)  # type: ignore[arg-type]
    wanted_id = row_id(left) if left is not None else event_id
    current = splice.current(wanted_id)
    if left is None:
        as_left = current is None
    else:
        as_left = current is not None and row_cells(current) == row_cells(left)
    if not as_left:
        raise WriteConflict(_why_not_undone(path, target, changes, wanted_id))
    if left is None:
        splice.insert(row.after, row.follows)  # type: ignore[arg-type]
    else:
        splice.replace(wanted_id, row.after)


def _why_not_undone(path: Path, target: Change, changes: list[Change], event_id: str) -> str:
    undone_by = _undone_by(target, changes)
    if undone_by is not None:
        return f"{path}: change {target.number} was already undone by change {undone_by.number}"
    later = [c for c in changes if c.number > target.number and event_id in c.ids()]
    if later:
        last = later[-1]
        return (
            f"{path}: cannot undo change {target.number}: row {event_id!r} was changed "
            f"after it by change {last.number} ({last.action} by {last.by}, {last.time}); "
            f"undo that first (timeline undo {path.name} --change {last.number})"
        )
    return (
        f"{path}: cannot undo change {target.number}: row {event_id!r} is no longer as that "
        "change left it (changed outside timeline); nothing undone"
    )


def _undone_by(target: Change, changes: list[Change]) -> Change | None:
    """The change that undid ``target``, unless that undo was undone in turn."""
    for change in reversed(changes):
        if change.undoes == target.number:
            return None if _undone_by(change, changes) else change
    return None


def _change_to_undo(path: Path, changes: list[Change], number: int | None) -> Change:
    if not changes:
        problem = Problem(str(path), 0, "", "", "nothing to undo: no change recorded")
        raise FileProblemsError([problem])
    if number is None:
        return changes[-1]
    found = next((c for c in changes if c.number == number), None)
    if found is None:
        numbers = f"{changes[0].number} to {changes[-1].number}"
        problem = Problem(str(path), 0, "", str(number), f"no such change; there are {numbers}")
        raise FileProblemsError([problem])
    return found


def _commit(
    snapshot: Snapshot,
    data: bytes,
    action: str,
    by: str,
    rows: Sequence[RowChange],
    undoes: int | None = None,
) -> Change:
    """Replace the file with ``data`` (if nothing else wrote it meanwhile) and record it."""
    _still_as_read(snapshot)
    replace_atomically(snapshot.path, data)
    history_file = history_path(snapshot.path)
    number = _last_number(history_file) + 1
    time = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    change = Change(number, time, action, by or "unknown", tuple(rows), undoes)
    _append_line(history_file, change.to_json())
    return change


# --- files beside the events file ----------------------------------------------------------


def real_path(path: str | Path) -> Path:
    """The file a path names, through a symbolic link: the lock, the history and the rename
    all happen beside it, so a link stays a link. Other paths stay as given (messages
    name them as the person wrote them)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold the lock that serialises writers of ``path`` (an advisory flock)."""
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def history_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.history")


def read_history(path: Path) -> list[Change]:
    """The changes recorded for ``path``; a line that cannot be read is skipped with the
    others kept (a write cut short by a crash leaves at most its own line broken)."""
    return _changes_in(history_path(path))


def _changes_in(history_file: Path) -> list[Change]:
    if not history_file.exists():
        return []
    changes = []
    with history_file.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                changes.append(Change.from_json(line))
            except (ValueError, KeyError, TypeError):
                continue
    return changes


def _last_number(history_file: Path) -> int:
    """The number of the last change, read from the start of the file's last line."""
    try:
        size = history_file.stat().st_size
    except FileNotFoundError:
        return 0
    with history_file.open("rb") as handle:
        position = start = max(0, size - 1)
        while position > 0:
            start = max(0, position - 65536)
            handle.seek(start)
            at = handle.read(position - start).rfind(b"\n")
            if at >= 0:
                start += at + 1
                break
            position = start
        handle.seek(start)
        found = _NUMBER.match(handle.read(64))
    if found:
        return int(found.group(1))
    return max((change.number for change in _changes_in(history_file)), default=0)


def _append_line(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def replace_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        problem = Problem(str(path), 0, "", "", f"could not save: {error.strerror or error}")
        raise FileProblemsError([problem]) from error


def _new_file_mode() -> int:
    """The mode a new file gets from the process's umask (a temporary file starts 0600).
    The umask is read, not set and reset, which would race with other threads."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("Umask:"))
        return 0o666 & ~int(line.split()[1], 8)
    except (OSError, StopIteration, ValueError):
        return 0o644


def add_topics(events_path: str | Path, names: Iterable[str]) -> list[str]:
    """Add the topics a topics.csv beside ``events_path`` lacks, each in a colour of its own;
    return the names added. Rows already there stay as they are. A topics.csv made here also
    lists the topics the events file already uses, which would otherwise become unknown."""
    from timeline.engine import load_chronology

    events_path = real_path(events_path)
    vocabulary = topics_path_for(events_path)
    with write_lock(vocabulary):
        existing = vocabulary.read_bytes() if vocabulary.exists() else b""
        known = set(load_topics(vocabulary)) if existing else set()
        if not existing and events_path.exists():
            used = [t for e in load_chronology(events_path).events for t in e.topics]
            names = [*used, *names]
        added = [name for name in dict.fromkeys(names) if name and name not in known]
        if not added:
            return []
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if not existing:
            writer.writerow(TOPIC_COLUMNS)
        elif not existing.endswith((b"\n", b"\r")):
            buffer.write("\n")
        taken = [topic.colour for topic in load_topics(vocabulary).values()] if existing else []
        for name, colour in zip(added, topic_colours(len(added), taken), strict=True):
            writer.writerow((name, colour, ""))
        replace_atomically(vocabulary, existing + buffer.getvalue().encode("utf-8"))
    return added
