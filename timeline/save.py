"""Add events to an events file without losing what it holds: write a copy, then rename it.

The rows already there stay byte for byte, with their order and any extra columns; new rows
follow, in the file's own column order. Ids that are taken get a numbered suffix.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from timeline.errors import FileProblemsError, Problem
from timeline.events import COLUMNS, Event
from timeline.store import load_chronology


def append_events(path: str | Path, events: Sequence[Event]) -> list[Event]:
    """Append ``events`` to the events file at ``path`` (created if missing); return them
    as written (ids made unique)."""
    path = Path(path)
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
    _replace_atomically(path, existing + separator + buffer.getvalue().encode("utf-8"))
    return written


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
