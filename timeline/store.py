"""Located validation of events files: rows, headers and the topics vocabulary, checked as
``timeline validate`` checks them; every unusable row becomes a ``Problem`` that names the
file, line, column and value. The engine reads whole files through these rules; the write
path checks one row at a time."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from timeline.dates import parse_edtf
from timeline.errors import DateError, FileProblemsError, Problem
from timeline.events import COLUMNS, REQUIRED, Event, Topic, split_list
from timeline.records import MAX_CELL_CHARS, format_row, read_records  # noqa: F401  (re-exported)
from timeline.settings import current

TOPIC_COLUMNS = ("name", "colour", "description")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
NO_TOPIC_COLOUR = "#7f7f7f"  # the lane of events without a topic; no topic is given it
# New topics take these first, in order, then further hues (see ``topic_colours``).
FALLBACK_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)
GOLDEN_ANGLE = 137.508  # degrees: successive hues this far apart stay far from each other


def topic_colours(count: int, taken: Iterable[str] = ()) -> list[str]:
    """Colours for ``count`` new topics, none of them ``taken`` (case aside), none grey: the
    palette first, then hues spread round the colour wheel."""
    used = {colour.lower() for colour in taken} | {NO_TOPIC_COLOUR}
    chosen: list[str] = []
    step = 0
    candidates = iter(FALLBACK_COLOURS)
    while len(chosen) < count:
        colour = next(candidates, None) or _hue(step := step + 1)
        if colour not in used:
            used.add(colour)
            chosen.append(colour)
    return chosen


def _hue(step: int) -> str:
    red, green, blue = colorsys.hls_to_rgb((step * GOLDEN_ANGLE % 360) / 360, 0.45, 0.6)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


@dataclass
class Reading:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, column: str, value: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, value, message))


def topics_path_for(events_path: Path) -> Path:
    """The topics vocabulary that belongs to an events file: ``topics.csv`` beside it."""
    return events_path.with_name("topics.csv")


def read_bytes_within_limit(path: Path, reading: Reading) -> bytes | None:
    """The file's bytes, or None after recording why not (too large for the setting, or
    unreadable)."""
    try:
        size = path.stat().st_size
        most = current().max_file_bytes
        if size > most:
            reading.problem(0, "", f"{size} bytes", f"file larger than {most} bytes")
            return None
        return path.read_bytes()
    except OSError as error:
        reading.problem(0, "", str(path), f"cannot read the file: {error.strerror or error}")
        return None


def read_text(path: Path, reading: Reading) -> str | None:
    """The file as UTF-8 text, or None after recording why it cannot be read as such."""
    data = read_bytes_within_limit(path, reading)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 8]
        reading.problem(line, "", repr(bad), "not UTF-8 text; save the file as UTF-8")
        return None


def csv_records(text: str, reading: Reading) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, cells) for each non-blank CSV record; malformed
    CSV ends the reading with a problem (the records before it are kept)."""
    try:
        for record in read_records(text, reading.path):
            if not record.blank:
                yield record.line, record.cells
    except FileProblemsError as error:
        reading.problems.extend(error.problems)


def read_rows(path: Path, reading: Reading) -> Iterator[tuple[int, dict[str, str]]]:
    text = read_text(path, reading)
    if text is None:
        return
    records = csv_records(text, reading)
    first = next(records, None)
    if first is None:
        reading.problem(1, "", "", f"empty file; the header must be {','.join(COLUMNS)}")
        return
    header_line, header = first
    problems = header_problems(header, header_line, reading.path)
    reading.problems.extend(problems)
    if problems:
        return
    names = column_names(header)
    for line, cells in records:
        if len(cells) > len(names):
            extra = ",".join(cells[len(names) :])
            reading.problem(line, "", extra, f"{len(cells)} cells but the header has {len(names)}")
            continue
        cells = cells + [""] * (len(names) - len(cells))
        yield line, dict(zip(names, cells, strict=True))


def column_names(header: list[str]) -> list[str]:
    """The header's column names as rows are read by them: spaces around a name do not count."""
    return [name.strip() for name in header]


def header_problems(header: list[str], line: int, path: str) -> list[Problem]:
    """Everything that keeps a header from being used: a missing, repeated or misplaced
    column (a repeated one would be read silently as one of its copies)."""
    names = column_names(header)
    shown = ",".join(header)
    problems = [
        Problem(path, line, name, shown, f"missing column {name!r}")
        for name in COLUMNS
        if name not in names
    ]
    seen: dict[str, int] = {}
    for number, name in enumerate(names, 1):
        if name in seen:
            message = f"column {name!r} appears twice (columns {seen[name]} and {number})"
            problems.append(Problem(path, line, name, shown, message))
        seen.setdefault(name, number)
    if not problems and tuple(names[: len(COLUMNS)]) != COLUMNS:
        problems.append(Problem(path, line, "", shown, f"columns must start {','.join(COLUMNS)}"))
    return problems


def _event_from_row(line: int, row: dict[str, str], vocabulary, reading: Reading) -> Event | None:
    checked = check_row(line, row, vocabulary, reading)
    if checked is None:
        return None
    date, topics = checked
    return Event(
        id=row["id"].strip(),
        date=date,
        title=row["title"].strip(),
        topics=topics,
        actors=split_list(row["actors"]),
        summary=row["summary"].strip(),
        quote=row["quote"],
        source=row["source"].strip(),
        note=row["note"].strip(),
        line=line,
    )


def event_from_row(path: str, line: int, row: dict[str, str], vocabulary) -> Event:
    """The event of one row, checked as ``validate`` checks it; its problems are raised."""
    reading = Reading(path)
    event = _event_from_row(line, row, vocabulary, reading)
    if event is None:
        raise FileProblemsError(reading.problems)
    return event


def check_row(line: int, row: dict[str, str], vocabulary, reading: Reading):
    """The row's date and topics, or None after recording every problem it has."""
    before = len(reading.problems)
    for name in REQUIRED:
        if not row[name].strip():
            reading.problem(line, name, row[name], f"{name} is required")
    date = None
    if row["date"].strip():
        try:
            date = parse_edtf(row["date"])
        except DateError as error:
            reading.problem(line, "date", row["date"], error.reason)
    topics = split_list(row["topics"])
    if vocabulary is not None:
        for topic in topics:
            if topic not in vocabulary:
                known = ", ".join(vocabulary)
                reading.problem(line, "topics", topic, f"unknown topic; known topics: {known}")
    if len(reading.problems) > before or date is None:
        return None
    return date, topics


def load_topics(path: str | Path) -> dict[str, Topic]:
    """A topics vocabulary on its own; any problem in it is raised."""
    reading = Reading(str(path))
    topics = read_vocabulary(Path(path), reading)
    if reading.problems:
        raise FileProblemsError(reading.problems)
    return topics


def read_vocabulary(path: Path, reading: Reading) -> dict[str, Topic]:
    topic_reading = Reading(str(path))
    topics: dict[str, Topic] = {}
    text = read_text(path, topic_reading)
    records = [
        (line, cells)
        for line, cells in csv_records(text or "", topic_reading)
        if not cells[0].lstrip().startswith("#")
    ]
    if records and [c.strip() for c in records[0][1]] != list(TOPIC_COLUMNS):
        topic_reading.problem(
            records[0][0], "", ",".join(records[0][1]), f"header must be {','.join(TOPIC_COLUMNS)}"
        )
        records = []
    for line, cells in records[1:]:
        name, colour, description = (cells + ["", "", ""])[:3]
        if not name.strip():
            topic_reading.problem(line, "name", name, "a topic needs a name")
        elif any(mark in name for mark in ",;"):
            topic_reading.problem(line, "name", name, "a topic name cannot hold ',' or ';'")
        elif not _COLOUR.fullmatch(colour.strip()):
            topic_reading.problem(line, "colour", colour, "colour must be #rrggbb")
        else:
            topics[name.strip()] = Topic(name.strip(), colour.strip(), description.strip())
    reading.problems.extend(topic_reading.problems)
    return topics


def write_events_csv(
    events: Sequence[Event], handle: TextIO, extra: dict[str, list[str]] | None = None
) -> None:
    """Write events as an events.csv (header and rows) to an open text handle; a cell holding
    a line break or a carriage return is quoted. ``extra`` columns (a value per event)
    follow the standard ones, as the format allows."""
    extra = extra or {}
    handle.write(format_row([*COLUMNS, *extra], "\n"))
    for number, event in enumerate(events):
        row = event.as_row()
        cells = [row[name] for name in COLUMNS] + [values[number] for values in extra.values()]
        handle.write(format_row(cells, "\n"))
