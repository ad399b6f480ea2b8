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

from timeline.errors import FileProblemsError, Problem, WriteConflict
from timeline.events import COLUMNS, Event, IdAllocator
from timeline.records import Record, format_row, newline_of, read_records, record_text
from timeline.store import (
    FALLBACK_COLOURS,
    TOPIC_COLUMNS,
    column_names,
    event_from_row,
    header_problems,
    load_topics,
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


@dataclass
class Snapshot:
    """An events file as one write read it: its text, records, header and line break."""

    path: Path
    version: Version | None  # None: there was no file (or an empty one)
    text: str
    bom: bool
    records: list[Record]
    header: Record | None
    names: list[str]
    newline: str

    def rows(self) -> Iterator[Record]:
        """The records after the header that hold something."""
        started = False
        for record in self.records:
            if record is self.header:
                started = True
            elif started and not record.blank:
                yield record

    def ids(self) -> set[str]:
        """Every id in the file, unusable rows included, so that a new row never takes one."""
        return {record.cells[0].strip() for record in self.rows()}

    def find(self, event_id: str) -> Record | None:
        return next((r for r in self.rows() if r.cells[0].strip() == event_id), None)

    def as_dict(self, record: Record) -> dict[str, str]:
        cells = record.cells + [""] * (len(self.names) - len(record.cells))
        return dict(zip(self.names, cells, strict=False))

    def cells_of(self, row: Mapping[str, str]) -> list[str]:
        return [row.get(name, "") for name in self.names]

    def vocabulary(self):
        """The topics beside the file, or None when there is no topics.csv (any topic goes)."""
        topics = topics_path_for(self.path)
        return load_topics(topics) if topics.exists() else None


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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = repr(data[error.start : error.start + 8])
        raise FileProblemsError([Problem(str(path), line, "", bad, "not UTF-8 text")]) from None
    records = list(read_records(text, str(path)))
    header = next((r for r in records if not r.blank), None)
    if header is None:
        message = f"no header; the header must be {','.join(COLUMNS)}"
        raise FileProblemsError([Problem(str(path), 1, "", "", message)])
    problems = header_problems(header.cells, header.line, str(path))
    if problems:
        raise FileProblemsError(problems)  # no header to follow: refuse rather than guess
    names = column_names(header.cells)
    return Snapshot(
        path, version, text, data.startswith(BOM), records, header, names, newline_of(text, header)
    )


def _empty(path: Path) -> Snapshot:
    return Snapshot(path, None, "", False, [], None, list(COLUMNS), "\n")


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
    """The snapshot's text cut into its header and one piece per record; pieces are
    replaced, removed or followed by new rows, and every other byte stays as it was."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        text, header = snapshot.text, snapshot.header
        cut = header.end if header is not None else 0
        self.head = text[:cut] if header is not None else format_row(COLUMNS, snapshot.newline)
        self.pieces: list[str | None] = []
        self.index: dict[str, int] = {}
        for record in snapshot.records:
            if record.end <= cut:
                continue
            if not record.blank:
                self.index.setdefault(record.cells[0].strip(), len(self.pieces))
            self.pieces.append(text[record.start : record.end])
        self.inserted: dict[int, list[str]] = {}  # after piece i (-1: after the header)
        self.new_ids: dict[str, tuple[int, int]] = {}

    def current(self, event_id: str) -> str | None:
        """The row of ``event_id`` as it stands in the splice, without its line break."""
        if event_id in self.new_ids:
            anchor, position = self.new_ids[event_id]
            return self.inserted[anchor][position]
        index = self.index.get(event_id)
        if index is None or self.pieces[index] is None:
            return None
        return _without_newline(self.pieces[index])  # type: ignore[arg-type]

    def replace(self, event_id: str, text: str | None) -> None:
        if event_id in self.new_ids:  # a row this same change put in
            anchor, position = self.new_ids.pop(event_id)
            del self.inserted[anchor][position]
            for other, (at, later) in list(self.new_ids.items()):
                if at == anchor and later > position:
                    self.new_ids[other] = (at, later - 1)
            if text is not None:
                self.insert(text, None if anchor < 0 else row_id(self.pieces[anchor] or ""))
            return
        index = self.index[event_id]
        self.pieces[index] = None if text is None else text + self.snapshot.newline

    def insert(self, text: str, follows: str | None) -> None:
        """Put a new row after the row ``follows`` (after the header when None, at the end
        when that row is gone)."""
        if follows is not None and follows in self.new_ids:
            anchor = self.new_ids[follows][0]
        elif follows is not None and follows in self.index:
            anchor = self.index[follows]
        elif follows is None:
            anchor = -1
        else:
            anchor = len(self.pieces) - 1
        rows = self.inserted.setdefault(anchor, [])
        after = self.new_ids[follows][1] + 1 if follows in self.new_ids else len(rows)
        if after < len(rows):  # rows after it move down one (appending moves nothing)
            for other, (at, position) in list(self.new_ids.items()):
                if at == anchor and position >= after:
                    self.new_ids[other] = (at, position + 1)
        rows.insert(after, text)
        self.new_ids[row_id(text)] = (anchor, after)

    def append(self, text: str) -> None:
        self.insert(text, self.last_id())

    def last_id(self) -> str | None:
        """The id of the last row, new ones included; None when there is none."""
        for index in range(len(self.pieces) - 1, -2, -1):
            new = self.inserted.get(index)
            if new:
                return row_id(new[-1])
            piece = self.pieces[index] if index >= 0 else None
            if piece is not None and piece.strip():
                return row_id(piece)
        return None

    def follows(self, event_id: str) -> str | None:
        """The id of the row before ``event_id``'s, None when it comes first."""
        index = self.index[event_id]
        for earlier in range(index - 1, -1, -1):
            piece = self.pieces[earlier]
            if piece is not None and piece.strip():
                return row_id(piece)
        return None

    def text(self) -> str:
        newline = self.snapshot.newline
        parts = [_ended(self.head, newline)]
        parts += [row + newline for row in self.inserted.get(-1, [])]
        for index, piece in enumerate(self.pieces):
            rows = self.inserted.get(index, [])
            if piece is not None:
                parts.append(_ended(piece, newline) if rows else piece)
            parts += [row + newline for row in rows]
        return "".join(parts)


def _without_newline(piece: str) -> str:
    return piece.rstrip("\r\n") if piece.endswith(("\n", "\r")) else piece


def _ended(piece: str, newline: str) -> str:
    return piece if piece.endswith(("\n", "\r")) else piece + newline


# --- the writes ---------------------------------------------------------------------------


def add_events(path: str | Path, events: Sequence[Event], by: str = "") -> list[Event]:
    """Append ``events`` to the events file (created if missing); taken ids get a numbered
    suffix. Returns them as written. Every row is checked as ``validate`` checks it."""
    path = real_path(path)
    with write_lock(path):
        snapshot = read_snapshot(path)
        allocator = IdAllocator(snapshot.ids())
        written = [replace(event, id=allocator.claim(event.id)) for event in events]
        splice = _Splice(snapshot)
        vocabulary = snapshot.vocabulary()
        problems: list[Problem] = []
        changes = []
        line = _next_line(snapshot)
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
            _commit(snapshot, splice.text(), "add", by, changes)
    return written


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
        current = snapshot.as_dict(record)
        row = {**current, **updates}
        event = _checked_event(path, record.line, row, snapshot.vocabulary())
        if snapshot.cells_of(row) != snapshot.cells_of(current):
            before = record_text(snapshot.text, record)
            after = _row_text(snapshot, row)
            splice = _Splice(snapshot)
            splice.replace(event_id, after)
            _commit(snapshot, splice.text(), "edit", by, [RowChange(before, after)])
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
        change = RowChange(record_text(snapshot.text, record), None, splice.follows(event_id))
        splice.replace(event_id, None)
        return _commit(snapshot, splice.text(), "delete", by, [change])


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
        undone = _commit(snapshot, splice.text(), "undo", by, inverse, undoes=target.number)
        return target, undone


def history(path: str | Path) -> list[Change]:
    """Every recorded change of the events file, oldest first."""
    return read_history(real_path(path))


def _record_of(snapshot: Snapshot, event_id: str, expected: Mapping[str, str] | None) -> Record:
    record = snapshot.find(event_id)
    if record is None:
        problem = Problem(str(snapshot.path), 0, "id", event_id, "no event with this id")
        raise FileProblemsError([problem])
    if expected is not None:
        current = snapshot.as_dict(record)
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
    return event_from_row(str(path), line, dict(row), vocabulary)


def _problems_of(path: Path, line: int, row: Mapping[str, str], vocabulary) -> list[Problem]:
    try:
        _checked_event(path, line, row, vocabulary)
    except FileProblemsError as error:
        return error.problems
    return []


def _row_text(snapshot: Snapshot, row: Mapping[str, str]) -> str:
    return format_row(snapshot.cells_of(row), "")


def _next_line(snapshot: Snapshot) -> int:
    """The line a row appended to the file will start on."""
    text = snapshot.text
    if not text:
        return 2
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (1 if text.endswith(("\n", "\r")) else 2)


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
    text: str,
    action: str,
    by: str,
    rows: Sequence[RowChange],
    undoes: int | None = None,
) -> Change:
    """Replace the file with ``text`` (if nothing else wrote it meanwhile) and record it."""
    data = (BOM if snapshot.bom else b"") + text.encode("utf-8")
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
        for number, name in enumerate(added, start=len(known)):
            writer.writerow((name, FALLBACK_COLOURS[number % len(FALLBACK_COLOURS)], ""))
        replace_atomically(vocabulary, existing + buffer.getvalue().encode("utf-8"))
    return added
