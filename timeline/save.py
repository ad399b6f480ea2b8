"""Add events to an events file without losing what it holds: write a copy, then rename it.

The rows already there stay byte for byte, with their order and any extra columns; new rows
follow, in the file's own column order. Ids that are taken get a numbered suffix. Writers
take a lock beside the file (``.<name>.lock``), so processes that write at once each see the
others' rows, and the version before each write is kept (``.<name>.previous``) for ``undo``.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from timeline.errors import FileProblemsError, Problem
from timeline.events import COLUMNS, Event
from timeline.store import load_chronology


def append_events(path: str | Path, events: Sequence[Event]) -> list[Event]:
    """Append ``events`` to the events file at ``path`` (created if missing); return them
    as written (ids made unique)."""
    path = Path(path)
    with write_lock(path):
        return _append_locked(path, events)


def _append_locked(path: Path, events: Sequence[Event]) -> list[Event]:
    existing = path.read_bytes() if path.exists() else b""
    header = list(COLUMNS)
    taken: set[str] = set()
    if existing:
        chronology = load_chronology(path)
        fatal = [p for p in chronology.problems if p.line <= 1]
        if fatal:
            raise FileProblemsError(fatal)  # no header to follow: refuse rather than guess
        header = next(csv.reader(io.StringIO(existing.decode("utf-8-sig"))))
        taken = {e.id for e in chronology.events} | _all_ids(existing)
    written = [_with_free_id(event, taken) for event in events]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    if not existing:
        writer.writeheader()
    for event in written:
        writer.writerow(event.as_row())
    separator = b"" if not existing or existing.endswith(b"\n") else b"\n"
    if existing:
        _replace_atomically(previous_path(path), existing)
    _replace_atomically(path, existing + separator + buffer.getvalue().encode("utf-8"))
    return written


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


def previous_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.previous")


def undo(path: str | Path) -> None:
    """Put back the version before the last write; the undone one becomes the previous."""
    path = Path(path)
    with write_lock(path):
        previous = previous_path(path)
        if not previous.exists():
            problem = Problem(str(path), 0, "", "", "nothing to undo: no previous version kept")
            raise FileProblemsError([problem])
        current = path.read_bytes() if path.exists() else b""
        _replace_atomically(path, previous.read_bytes())
        _replace_atomically(previous, current)


def _all_ids(data: bytes) -> set[str]:
    """Every id in the file, unusable rows included, so that a new row never takes one."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    next(rows, None)
    return {row[0].strip() for row in rows if row}


def _with_free_id(event: Event, taken: set[str]) -> Event:
    candidate, number = event.id, 2
    while candidate in taken:
        candidate, number = f"{event.id}-{number}", number + 1
    taken.add(candidate)
    return replace(event, id=candidate)


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        problem = Problem(str(path), 0, "", "", f"could not save: {error.strerror or error}")
        raise FileProblemsError([problem]) from error
