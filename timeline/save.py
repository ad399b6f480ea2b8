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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from timeline.errors import FileProblemsError, Problem
from timeline.events import COLUMNS, Event
from timeline.store import (
    FALLBACK_COLOURS,
    TOPIC_COLUMNS,
    load_chronology,
    load_topics,
    topics_path_for,
)


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


def replace_event(path: str | Path, event_id: str, event: Event | None) -> None:
    """Replace the row of ``event_id`` by ``event`` (None deletes it); every other byte of
    the file stays as it was, extra columns of the row included."""
    path = Path(path)
    with write_lock(path):
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
        spans = _record_spans(text)
        header = next(csv.reader([text[spans[0][0] : spans[0][1]]]))
        for start, end in spans[1:]:
            cells = next(csv.reader(io.StringIO(text[start:end], newline="")), [])
            if cells and cells[0].strip() == event_id:
                break
        else:
            problem = Problem(str(path), 0, "id", event_id, "no event with this id")
            raise FileProblemsError([problem])
        replacement = ""
        if event is not None:
            row = dict(zip(header, cells + [""] * len(header), strict=False))
            row.update(event.as_row())
            buffer = io.StringIO()
            csv.DictWriter(buffer, fieldnames=header, lineterminator="\n").writerow(row)
            replacement = buffer.getvalue()
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        _replace_atomically(previous_path(path), data)
        _replace_atomically(path, (bom + text[:start] + replacement + text[end:]).encode("utf-8"))


def _record_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each CSV record, its line break included; quoted breaks stay inside."""
    spans, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def add_topics(events_path: str | Path, names: Iterable[str]) -> list[str]:
    """Add the topics a topics.csv beside ``events_path`` lacks, each in a colour of its own;
    return the names added. Rows already there stay as they are. A topics.csv made here also
    lists the topics the events file already uses, which would otherwise become unknown."""
    events_path = Path(events_path)
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
        elif not existing.endswith(b"\n"):
            buffer.write("\n")
        for number, name in enumerate(added, start=len(known)):
            writer.writerow((name, FALLBACK_COLOURS[number % len(FALLBACK_COLOURS)], ""))
        _replace_atomically(vocabulary, existing + buffer.getvalue().encode("utf-8"))
    return added
