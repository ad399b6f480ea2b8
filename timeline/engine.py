"""One read model for every events file, whatever its size: the file as columns (Polars).

Reading: Polars reads the CSV into string columns. A file it cannot read exactly as our own
CSV reader does (line breaks that are carriage returns only, a quote mark inside an unquoted
cell, a row with more cells than the header, malformed quoting, text that is not UTF-8) is
read by ``timeline.records`` into the same columns instead, so both give one table. Rows
are then checked as ``timeline validate`` checks them, once per distinct date and topics
cell; every unusable row becomes a located ``Problem``, and the rest are the table.

The table holds what filters, orders, counts and lists need (ids, dates as day numbers,
titles, topics, and the lower-cased text that searches run over). The other cells of a row
(actors, summary, quote, source, note) are read from the events file when a row is shown
or exported, by the byte where its line starts.

The table is cached beside the file (Arrow IPC, memory-mapped when read, described by
``.<name>.timeline-cache.json``), keyed by the size, modification time and inode of the
events file and the content of the topics file; only when those differ is the events file
hashed, so that a file merely touched or copied keeps its cache.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import re
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from timeline.dates import PRECISIONS, FuzzyDate, parse_edtf
from timeline.days import Day
from timeline.errors import DateError, FileProblemsError, FileUnreadable, Problem, TimelineError
from timeline.events import COLUMNS, REQUIRED, Event, Topic, split_list
from timeline.query import Filters
from timeline.records import MAX_CELL_CHARS, line_starts, read_records
from timeline.settings import current
from timeline.sources import (
    Provenance,
    Report,
    Source,
    provenance_of,
    quote_problems,
    read_reports,
    read_sources,
    reports_path_for,
    sources_path_for,
)
from timeline.store import (
    Reading,
    column_names,
    header_problems,
    read_bytes_within_limit,
    read_rows,
    read_vocabulary,
    topic_colours,
    topics_path_for,
)

CACHE_VERSION = "3"
DETAILS = ("actors", "summary", "quote", "source", "note")  # read from the file when shown
STRIPPED = ("id", "title", "summary", "source", "note")  # as an Event holds them
SEARCH_SEPARATOR = "\x1f"
_NEWLINES = r"\r\n|\r|\n"
_BLANK = r"^\s*$"
NO_TOPIC = "(no topic)"
_CORE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "line": pl.UInt32,
    "id": pl.String,
    "date": pl.String,
    "title": pl.String,
    "topics": pl.List(pl.String),
    "start": pl.Int32,
    "end": pl.Int32,
    "precision": pl.Int8,
    "approximate": pl.Boolean,
    "uncertain": pl.Boolean,
    "search": pl.String,
}


@dataclass(frozen=True, slots=True)
class Stamp:
    """What says cheaply that a file is unchanged: size, modification time and inode."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stamp | None:
        try:
            status = path.stat()
        except OSError:
            return None
        return cls(status.st_size, status.st_mtime_ns, status.st_ino)

    def key(self) -> list[int]:
        return [self.size, self.mtime_ns, self.inode]


@dataclass
class Table:
    """The usable events of a file as columns, its topics, and every problem of the rest.

    ``frame`` has a row per usable event, in file order: ``line`` (where the row starts in
    the file), ``id``, ``date`` (EDTF), ``title``, ``topics`` (codes into ``topic_names``),
    ``start`` and ``end`` (day numbers: ``Day.ordinal``, the same as ``date.toordinal()``
    from year 1 on; null when open or unknown),
    ``precision`` (an index into ``dates.PRECISIONS``), ``approximate``, ``uncertain`` and
    ``search`` (title, summary and quote in lower case).
    """

    path: Path
    frame: pl.DataFrame
    topic_names: tuple[str, ...]
    topics: dict[str, Topic]
    problems: tuple[Problem, ...]
    rows: int  # records read, usable or not
    stamp: Stamp | None = None
    unusable_ids: tuple[str, ...] = ()  # ids of the rows with problems
    sources: dict[str, Source] = field(default_factory=dict)  # sources.csv beside the file
    reports: dict[str, tuple[Report, ...]] = field(default_factory=dict)  # reports.csv, by event
    _lines: _LineIndex | None = field(default=None, repr=False)
    _set_dates: dict[str, FuzzyDate] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return self.frame.height

    @property
    def ok(self) -> bool:
        return not self.problems

    def codes(self, names: Sequence[str]) -> list[int]:
        return [i for i, name in enumerate(self.topic_names) if name in names]

    # --- choosing rows --------------------------------------------------------------------

    def condition(self, filters: Filters) -> pl.Expr:
        """The filters as one Polars condition: a year range overlaps, any topic, text."""
        keep = pl.lit(True)
        if filters.years:
            first, last = Day.of(filters.years[0]), Day.of(filters.years[1], 12, 31)
            keep &= pl.col("start").fill_null(last.ordinal).le(last.ordinal)
            keep &= pl.col("end").fill_null(first.ordinal).ge(first.ordinal)
            keep &= self._sets_possibly_in(first, last)
        if filters.topics:
            wanted = pl.lit(self.codes(filters.topics), dtype=pl.List(pl.UInt16))
            chosen = pl.col("topics").list.set_intersection(wanted).list.len() > 0
            if NO_TOPIC in filters.topics:
                chosen |= pl.col("topics").list.len() == 0
            keep &= chosen
        if filters.text:
            keep &= pl.col("search").str.contains(filters.text.lower(), literal=True)
        return keep

    def matching(self, filters: Filters) -> pl.DataFrame:
        """The rows that pass the filters, in date order."""
        return in_order(self.frame.filter(self.condition(filters)))

    def find(self, event_id: str) -> Event | None:
        found = self.events(self.frame.filter(pl.col("id") == event_id))
        return found[0] if found else None

    def events(self, frame: pl.DataFrame) -> list[Event]:
        """Whole events for the rows of ``frame`` (their other cells read from the file)."""
        details = self._details(frame.get_column("line").to_list())
        names = self.topic_names
        return [
            Event(
                id=row[0],
                date=parse_edtf(row[1]),
                title=row[2],
                topics=tuple(names[code] for code in row[3]),
                actors=split_list(cells["actors"]),
                summary=cells["summary"].strip(),
                quote=cells["quote"],
                source=cells["source"].strip(),
                note=cells["note"].strip(),
                line=row[4],
            )
            for row, cells in zip(
                frame.select("id", "date", "title", "topics", "line").iter_rows(),
                details,
                strict=True,
            )
        ]

    def all_events(self) -> list[Event]:
        return self.events(self.frame)

    def provenance(self, event: Event) -> Provenance:
        """The event's own report and every other one of it (reports.csv)."""
        return provenance_of(event, self.reports)

    def supported(self, stored_only: bool = True) -> dict[str, list[tuple[Event, Report]]]:
        """For each source (each stored one, or every citation), the events it supports
        with its report of each, in file order."""
        found: dict[str, list[tuple[Event, Report]]] = {}
        if stored_only and not self.sources:
            return found
        for event in self.all_events():
            for report in self.provenance(event).reports:
                if report.source in self.sources or not stored_only:
                    found.setdefault(report.source, []).append((event, report))
        return found

    def records(self, frame: pl.DataFrame) -> pl.DataFrame:
        """The rows of ``frame`` as the JSON of their events (``Event.as_dict``), built column
        by column: what an export of many events is written from."""
        details = pl.DataFrame(
            self._details(frame.get_column("line").to_list()),
            schema=pl.Schema(dict.fromkeys(DETAILS, pl.String())),
        )
        names = dict(enumerate(self.topic_names))
        distinct = frame.get_column("date").unique().to_list()
        shown = {value: parse_edtf(value).as_dict() for value in distinct}
        labels = {value: fields["label"] for value, fields in shown.items()}
        day = [
            pl.col("date")
            .replace_strict({v: f[end] for v, f in shown.items()}, return_dtype=pl.String)
            .alias(end)
            for end in ("start", "end")
        ]
        topics = pl.col("topics").list.eval(
            pl.element().replace_strict(names, return_dtype=pl.String)
        )
        return pl.concat([frame, details], how="horizontal").select(
            "id",
            "date",
            "title",
            topics,
            _topic_list(pl.col("actors")).alias("actors"),
            pl.col("summary").str.strip_chars(),
            "quote",
            pl.col("source").str.strip_chars(),
            pl.col("note").str.strip_chars(),
            *day,
            pl.col("precision").replace_strict(dict(enumerate(PRECISIONS)), return_dtype=pl.String),
            "approximate",
            "uncertain",
            pl.col("date").replace_strict(labels, return_dtype=pl.String).alias("label"),
        )

    def _details(self, lines: list[int]) -> list[dict[str, str]]:
        if not lines:
            return []
        if self._lines is None:  # a table made without reading its file
            self._lines = _LineIndex.of_stamp(self.path, self.stamp)
        return self._lines.details(lines)

    def _sets_possibly_in(self, first: Day, last: Day) -> pl.Expr:
        """Sets of dates are in the years of their members only: ``[1667, 1760-12]`` is not
        in 1700. Other rows pass (their bounds were checked)."""
        if self._set_dates is None:
            is_set = pl.col("date").str.starts_with("[") | pl.col("date").str.starts_with("{")
            values = self.frame.filter(is_set).get_column("date").unique().to_list()
            self._set_dates = {value: parse_edtf(value) for value in values}
        if not self._set_dates:
            return pl.lit(True)
        inside = [v for v, fuzzy in self._set_dates.items() if fuzzy.overlaps(first, last)]
        return ~pl.col("date").is_in(list(self._set_dates)) | pl.col("date").is_in(inside)

    # --- what the rows cover ----------------------------------------------------------------

    def known_span(self, frame: pl.DataFrame | None = None) -> tuple[Day, Day] | None:
        """The first and last known day of the rows (all of them by default)."""
        frame = self.frame if frame is None else frame
        low = pl.min_horizontal(pl.col("start").min(), pl.col("end").min()).alias("low")
        high = pl.max_horizontal(pl.col("start").max(), pl.col("end").max()).alias("high")
        first, last = frame.select(low, high).row(0)
        if first is None:
            return None
        return Day.fromordinal(first), Day.fromordinal(last)

    def year_span(self) -> tuple[int, int] | None:
        span = self.known_span()
        return (span[0].year, span[1].year) if span else None

    def lanes(self, frame: pl.DataFrame | None = None, only: Sequence[str] = ()) -> list[str]:
        """Topics the rows have, in the order of the names, then "(no topic)"."""
        frame = self.frame if frame is None else frame
        topics = frame.get_column("topics")
        used = set(topics.explode().drop_nulls().unique().to_list())
        lanes = [name for code, name in enumerate(self.topic_names) if code in used]
        if (topics.list.len() == 0).any():
            lanes.append(NO_TOPIC)
        return [lane for lane in lanes if not only or lane in only]

    def counts(
        self, frame: pl.DataFrame, lanes: Sequence[str], first: int, last: int, buckets: int
    ) -> np.ndarray:
        """How many rows of ``frame`` overlap each of ``buckets`` equal stretches of the days
        ``first`` to ``last``, per lane (a row counts in the lane of each of its topics)."""
        width = max(1.0, (last - first + 1) / buckets)
        no_topic = len(self.topic_names)  # the code of "(no topic)" here
        lane_codes = pl.when(pl.col("topics").list.len() == 0).then(pl.lit([no_topic]))
        pairs = frame.select(
            pl.col("start").fill_null(first).clip(first, last + 1).cast(pl.Int64),
            pl.col("end").fill_null(last).clip(first - 1, last).cast(pl.Int64),
            lane_codes.otherwise(pl.col("topics")).alias("code"),
        ).explode("code")
        row_of = np.full(no_topic + 1, -1, dtype=np.int64)
        for row, lane in enumerate(lanes):
            row_of[no_topic if lane == NO_TOPIC else self.topic_names.index(lane)] = row
        start = pairs.get_column("start").to_numpy()
        end = pairs.get_column("end").to_numpy()
        lane = row_of[pairs.get_column("code").to_numpy().astype(np.int64)]
        inside = (start <= end) & (lane >= 0)
        low = np.clip(((start - first) / width).astype(np.int64), 0, buckets - 1)
        high = np.clip(((end - first) / width).astype(np.int64), 0, buckets - 1)
        steps = np.zeros((len(lanes), buckets + 1), dtype=np.int64)
        np.add.at(steps, (lane[inside], low[inside]), 1)
        np.add.at(steps, (lane[inside], high[inside] + 1), -1)
        return np.cumsum(steps, axis=1)[:, :buckets]


@dataclass(frozen=True)
class Chronology:
    """Every usable event of a file as ``Event`` objects, its topics and problems: for
    callers that want the whole of a small file at once (tests, interchange)."""

    path: str
    events: tuple[Event, ...]
    topics: dict[str, Topic]
    problems: tuple[Problem, ...] = ()
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def load_chronology(path: str | Path, topics_path: str | Path | None = None) -> Chronology:
    """The file's table as whole events (in file order)."""
    table = read_table(path, topics_path)
    events = tuple(table.all_events())
    return Chronology(str(path), events, table.topics, table.problems, table.rows)


class EventSource:
    """An events file as a server reads it: its table, read again whenever the file or its
    topics change. Reading happens in a thread of its own, so that a caller that must not
    wait (the page) can say "loading" and ask again, while others wait for it."""

    def __init__(self, path: str | Path, topics_path: str | Path | None = None) -> None:
        self.path = Path(path)
        self.topics_path = Path(topics_path) if topics_path else None
        self._table: Table | None = None
        self._read_at: tuple | None = None
        self._reading: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._changed = threading.Condition()

    def _stamps(self) -> tuple:
        topics = self.topics_path or topics_path_for(self.path)
        beside = (sources_path_for(self.path), reports_path_for(self.path))
        return Stamp.of(self.path), Stamp.of(topics), *(Stamp.of(path) for path in beside)

    def table(self) -> Table:
        """The table as the files are now, read first if need be."""
        table = self.ready(None)
        assert table is not None
        return table

    def ready(self, wait: float | None = 0.0) -> Table | None:
        """The table as the files are now, waiting at most ``wait`` seconds (None: as long
        as it takes) for it to be read; else the last one read (None before the first). A
        reading begun before the files last changed is waited for, then the files are read
        again: its table is not the files as they are now."""
        deadline = None if wait is None else time.monotonic() + wait
        with self._changed:
            while True:
                stamps = self._stamps()
                if self._table is not None and stamps == self._read_at:
                    return self._table
                if self._reading is None:
                    self._failure = None
                    self._reading = threading.Thread(
                        target=self._read, args=(stamps,), name=f"read {self.path.name}",
                        daemon=True,
                    )  # fmt: skip
                    self._reading.start()
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                if not self._changed.wait_for(lambda: self._reading is None, left):
                    return self._table
                if self._failure is not None:  # the file's fault (OSError) or a bug's
                    kind = FileUnreadable if isinstance(self._failure, OSError) else TimelineError
                    raise kind(f"{self.path}: could not be read: {self._failure}")
                if self._read_at == stamps or left == 0.0:
                    return self._table

    def status(self) -> str | None:
        """What is being read, when something is ("Reading events.csv (121 MB)…")."""
        with self._changed:
            if self._reading is None:
                return None
        stamp = Stamp.of(self.path)
        size = f" ({stamp.size / 1e6:,.0f} MB)" if stamp and stamp.size >= 1e6 else ""
        return f"Reading {self.path.name}{size}…"

    def _read(self, stamps: tuple) -> None:
        table: Table | None = None
        failure: BaseException | None = None
        try:
            table = read_table(self.path, self.topics_path)
        except BaseException as error:  # handed to whoever waits for this reading
            failure = error
        with self._changed:
            if table is not None:
                self._table, self._read_at = table, stamps
            self._failure = failure
            self._reading = None
            self._changed.notify_all()


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows by start, then end, then file order; an open or unknown start comes first and an
    open or unknown end last."""
    return frame.sort(
        ["start", "end", "line"], nulls_last=[False, True, False], maintain_order=True
    )


class _LineIndex:
    """Where each line of the events file starts, to read the other cells of some rows.

    It reads the file the table was read from, opened before the table was read: a file
    renamed over it since (every save) leaves the old one to whoever holds it open. Its bytes
    are read as they are asked for, never mapped: a file cut short in place since (an editor
    saving over it) is then an error for this table, not a crash of the process.
    """

    def __init__(self, data: _FileBytes) -> None:
        self.path = data.path
        self.data = data

    @classmethod
    def opened(cls, path: Path) -> tuple[_LineIndex, Stamp] | None:
        """The file at ``path`` opened, with its stamp; None when it cannot be opened."""
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None
        status = os.fstat(descriptor)
        stamp = Stamp(status.st_size, status.st_mtime_ns, status.st_ino)
        return cls(_FileBytes(path, descriptor, status.st_size)), stamp

    @classmethod
    def of_stamp(cls, path: Path, stamp: Stamp | None) -> _LineIndex:
        """The file at ``path`` opened now, if it is still the one ``stamp`` describes."""
        opened = cls.opened(path)
        if opened is None or (stamp is not None and opened[1] != stamp):
            raise FileUnreadable(f"{path} changed while it was read; read it again")
        return opened[0]

    @functools.cached_property
    def starts(self) -> np.ndarray:
        return line_starts(self.data)

    @functools.cached_property
    def header(self) -> list[str]:
        return column_names(next(read_records(self._text(1, 1), str(self.path))).cells)

    def _text(self, line: int, count: int) -> str:
        start = int(self.starts[line - 1])
        stop_index = line - 1 + count
        stop = int(self.starts[stop_index]) if stop_index < len(self.starts) else len(self.data)
        return self.data.read(start, stop).decode("utf-8-sig" if line == 1 else "utf-8")

    def details(self, lines: list[int]) -> list[dict[str, str]]:
        """The detail cells of the records that start on ``lines``: a record read whole
        from its one line, or read on until it is whole (a quoted cell holds a break)."""
        found = []
        for line in lines:
            cells = _one_line_record(self._text(line, 1)) or self._record(line)
            row = dict(zip(self.header, cells + [""] * len(self.header), strict=False))
            found.append({name: row.get(name, "") for name in DETAILS})
        return found

    def _record(self, line: int) -> list[str]:
        span = 1
        while True:
            try:
                return next(read_records(self._text(line, span), str(self.path))).cells
            except (FileProblemsError, StopIteration):
                if line - 1 + span >= len(self.starts):
                    raise
                span *= 2  # a quoted cell holds line breaks: read on


class _FileBytes:
    """The first ``size`` bytes of an open file, read as they are sliced (all that
    ``line_starts`` and ``_LineIndex`` ask of bytes); the file is closed with this object."""

    def __init__(self, path: Path, descriptor: int, size: int) -> None:
        self.path, self.descriptor, self.size = path, descriptor, size
        weakref.finalize(self, os.close, descriptor)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _ = part.indices(self.size)
        return self.read(start, stop) if stop > start else b""

    def read(self, start: int, stop: int) -> bytes:
        """Bytes ``start`` to ``stop`` (within the size)."""
        data = os.pread(self.descriptor, stop - start, start)
        if len(data) < stop - start:  # cut short since the table was read
            raise FileUnreadable(f"{self.path} changed while it was read; read it again")
        return data

    def find(self, wanted: bytes, chunk: int = 1 << 24) -> int:
        for offset in range(0, self.size, chunk):
            found = self[offset : offset + chunk + len(wanted) - 1].find(wanted)
            if found >= 0:
                return offset + found
        return -1


def _topic_list(cell: pl.Expr) -> pl.Expr:
    """A ``;``-separated cell as the list of its trimmed, non-empty items (``split_list``)."""
    items = cell.str.split(";").list.eval(pl.element().str.strip_chars())
    return items.list.eval(pl.element().filter(pl.element() != ""))


def _one_line_record(text: str) -> list[str] | None:
    """The cells of ``text`` when it is one whole record, else None."""
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


# --- reading a file -------------------------------------------------------------------------


def read_table(path: str | Path, topics_path: str | Path | None = None) -> Table:
    """The table of an events file, from its cache when that is still the file's."""
    path = Path(path)
    topics_file = Path(topics_path) if topics_path else topics_path_for(path)
    reading = Reading(str(path))
    vocabulary = read_vocabulary(topics_file, reading) if topics_file.exists() else None
    if topics_path and not topics_file.exists():
        reading.problem(0, "", str(topics_file), "topics file not found")
    opened = _LineIndex.opened(path)  # before reading: the file the table is of
    lines, stamp = opened if opened is not None else (None, None)
    key = _key(stamp, topics_file)
    parsed = _from_cache(path, topics_file, key) if stamp and stamp.size >= _cache_min() else None
    if parsed is None:
        parsed, digest = _parse(path, vocabulary)
        if stamp is not None and digest is not None and stamp.size >= _cache_min():
            _write_cache(path, key, digest, parsed)
    names = parsed.topic_names
    topics = vocabulary if vocabulary is not None else _fallback_topics(names)
    sources = read_sources(sources_path_for(path), reading)
    reports = read_reports(reports_path_for(path), reading, sources)
    problems = tuple(reading.problems) + tuple(parsed.problems)
    if Stamp.of(path) != stamp:  # changed while read: the rows may be of the new file
        lines = None
    table = Table(
        path, parsed.frame, names, topics, problems, parsed.rows, stamp, parsed.unusable_ids,
        sources, reports, lines,
    )  # fmt: skip
    if any(source.file is not None for source in sources.values()):
        table.problems += tuple(quote_problems(str(path), table.all_events(), sources))
    table.problems += tuple(_reports_of_nothing(reports, table))
    return table


def _reports_of_nothing(reports: dict[str, tuple[Report, ...]], table: Table) -> list[Problem]:
    """A problem for each report whose event the events file does not hold (as a usable row)."""
    if not reports:
        return []
    known = set(table.frame.get_column("id").to_list())
    return [
        Problem(
            str(reports_path_for(table.path)),
            report.line,
            "event",
            report.event,
            f"no usable event with this id in {table.path.name}",
        )  # fmt: skip
        for event, told in reports.items()
        if event not in known
        for report in told
    ]


@dataclass(frozen=True)
class _Parsed:
    """What reading and checking a file gives, and what its cache keeps."""

    frame: pl.DataFrame
    topic_names: tuple[str, ...]
    unusable_ids: tuple[str, ...]
    problems: list[Problem]
    rows: int


def _parse(path: Path, vocabulary) -> tuple[_Parsed, str | None]:
    """Read and check the file; and the hash of what was read (None when nothing was)."""
    reading = Reading(str(path))
    read = _read_cells(path, reading)
    if read is None:
        return _Parsed(_empty_frame(), tuple(vocabulary or ()), (), reading.problems, 0), None
    cells, digest = read
    found: list[tuple] = [(p.line, -1, n, p) for n, p in enumerate(reading.problems)]
    frame, names, unusable = _check(str(path), cells, vocabulary, found)
    problems = [problem for *_, problem in sorted(found, key=lambda item: item[:3])]
    return _Parsed(frame, names, unusable, problems, cells.height), digest


def _read_cells(path: Path, reading: Reading):
    """Every non-blank record after the header as string columns with its ``line``, and
    the hash of the bytes read; None after recording why the file cannot be read."""
    data = read_bytes_within_limit(path, reading)
    if data is None:
        return None
    digest = _digest(data)
    if not _utf8_head(data):  # the exact reader says where the text is not UTF-8
        return _read_exact(path, reading), digest
    names = _header(data, path, reading)
    if names is None:
        return None
    fast = _read_fast(data, names) if _fast_enough(data) else None
    return (fast if fast is not None else _read_exact(path, reading)), digest


def _utf8_head(data: bytes) -> bool:
    """Whether the first 64 KB are UTF-8 (but for a character cut at the end)."""
    try:
        data[: 1 << 16].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= min(len(data), 1 << 16) - 3
    return True


def _header(data: bytes, path: Path, reading: Reading) -> list[str] | None:
    """The header's column names, or None after recording why it cannot be used."""
    head = data[: 1 << 16].decode("utf-8-sig", errors="replace")
    try:
        first = next((r for r in read_records(head, str(path)) if not r.blank), None)
    except FileProblemsError:
        first = None  # a header cut by the 64 KB look: the exact reader reads it whole
    if first is None and len(data) <= len(head.encode()):
        reading.problem(1, "", "", f"empty file; the header must be {','.join(COLUMNS)}")
        return None
    if first is None:
        return list(COLUMNS)
    problems = header_problems(first.cells, first.line, str(path))
    reading.problems.extend(problems)
    return None if problems else column_names(first.cells)


def _fast_enough(data: bytes) -> bool:
    """Whether Polars may read the file: it knows no line break but \\n and \\r\\n (a lone
    \\r, even inside a quoted cell, it does not keep as our reader does), and the header
    must be the first line."""
    head = data[: 1 << 16].removeprefix(b"\xef\xbb\xbf")
    if b"\n" not in head or head.startswith((b"\n", b"\r", b",")):
        return False
    return data.find(b"\r") < 0 or _LONE_CR.search(data) is None


_LONE_CR = re.compile(rb"\r(?!\n)")


def _read_fast(data: bytes, names: list[str]) -> pl.DataFrame | None:
    """The records as Polars reads them, or None when it cannot read them as we do."""
    try:
        frame = pl.read_csv(
            data,
            infer_schema=False,
            empty_string_is_null=False,
            new_columns=names,
            truncate_ragged_lines=False,
        )
    except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError):
        return None
    if frame.width != len(names):
        return None
    frame = frame.select(pl.col(name).fill_null("") for name in COLUMNS)
    longest = frame.select(pl.max_horizontal(pl.all().str.len_bytes().max())).item()
    if longest is not None and longest > MAX_CELL_CHARS:
        return None  # perhaps too long: the exact reader counts its characters
    if data.count(b"\n") - data.endswith(b"\n") == frame.height:
        lines = pl.int_range(pl.len(), dtype=pl.UInt32) + 2  # every record one line
    else:
        breaks = pl.sum_horizontal(pl.col(c).str.count_matches(_NEWLINES) for c in COLUMNS)
        before = breaks.cum_sum().shift(1, fill_value=0)
        lines = pl.int_range(pl.len(), dtype=pl.UInt32) + 2 + before
    frame = frame.with_columns(lines.cast(pl.UInt32).alias("line"))
    return _without_blank_records(frame)


def _without_blank_records(frame: pl.DataFrame) -> pl.DataFrame:
    """Drop records whose every cell is blank (an empty line, a line of commas)."""
    maybe = pl.col("id").str.contains(_BLANK)
    if not frame.select(maybe.any()).item():
        return frame
    blank = pl.all_horizontal(pl.col(name).str.contains(_BLANK) for name in COLUMNS)
    return frame.filter(~blank)


def _read_exact(path: Path, reading: Reading) -> pl.DataFrame:
    """The records as our own CSV reader reads them (what Polars cannot read exactly)."""
    rows = list(read_rows(path, reading))
    columns: dict[str, list] = {name: [row[name] for _, row in rows] for name in COLUMNS}
    columns["line"] = [line for line, _ in rows]
    return pl.DataFrame(columns, schema=_CELLS_SCHEMA)


_CELLS_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    **dict.fromkeys(COLUMNS, pl.String),
    "line": pl.UInt32,
}


def _empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=_CORE_SCHEMA)


# --- checking rows, once per distinct value ----------------------------------------------------


def _check(where: str, cells: pl.DataFrame, vocabulary, problems: list[tuple]):
    """The usable rows, as the table holds them, the topic names their codes stand for, and
    the ids of the unusable rows (which a new row must not take either). Each unusable
    row's problems are recorded as (line, step, place, problem), so that they can be put
    in the order the row-by-row rules give them: the required cells, the date, the topics,
    then a repeated id."""
    bad = _missing_required(where, cells, problems)
    dates, date_errors = _dates(cells.get_column("date"))
    bad |= _report(where, cells, "date", 1, date_errors, problems)
    topics, names, unknown = _topics(cells.get_column("topics"), vocabulary)
    bad |= _report(where, cells, "topics", 2, unknown, problems)
    frame = cells.with_columns(dates).with_columns(topics)
    unusable = ()
    if bad.any():
        unusable = tuple(frame.filter(pl.Series(bad)).get_column("id").str.strip_chars())
        frame = frame.filter(pl.Series(~bad))
    frame = _without_duplicate_ids(
        frame.with_columns(pl.col("id").str.strip_chars()), where, problems
    )
    search = pl.concat_str(["title", "summary", "quote"], separator=SEARCH_SEPARATOR)
    frame = frame.select(
        "line",
        "id",
        "date",
        pl.col("title").str.strip_chars(),
        "topics",
        "start",
        "end",
        "precision",
        "approximate",
        "uncertain",
        search.str.to_lowercase().alias("search"),
    )
    return frame, names, unusable


def _missing_required(where: str, cells: pl.DataFrame, problems: list[tuple]) -> np.ndarray:
    """Rows with a required cell blank, each blank cell a problem."""
    bad = np.zeros(cells.height, dtype=bool)
    # a blank cell is empty or starts with a space: look closer only if there is one
    maybe = pl.any_horizontal(
        (pl.col(n).str.len_bytes() == 0) | pl.col(n).str.contains(r"^\s") for n in REQUIRED
    )
    if not cells.select(maybe.any()).item():
        return bad
    blank = cells.select(pl.col(n).str.strip_chars().str.len_bytes() == 0 for n in REQUIRED)
    for name in REQUIRED:
        for index in np.flatnonzero(blank.get_column(name).to_numpy()):
            value, line = cells.get_column(name)[int(index)], _line(cells, index)
            problem = Problem(where, line, name, value, f"{name} is required")
            problems.append((line, 0, REQUIRED.index(name), problem))
            bad[index] = True
    return bad


def _report(where: str, cells: pl.DataFrame, column: str, step: int, reasons, problems):
    """Record a problem for each row whose cell has reasons (a list per distinct cell);
    return which rows had any."""
    bad = np.zeros(cells.height, dtype=bool)
    if not reasons:
        return bad
    found = cells.select(pl.int_range(pl.len()).alias("index"), "line", column).filter(
        pl.col(column).is_in(list(reasons))
    )
    for index, line, cell in found.iter_rows():
        for place, (value, reason) in enumerate(reasons[cell]):
            problems.append((line, step, place, Problem(where, line, column, value, reason)))
        bad[index] = True
    return bad


def _line(frame: pl.DataFrame, index) -> int:
    return int(frame.get_column("line")[int(index)])


_DATE_COLUMNS = {
    "start": pl.Int32,
    "end": pl.Int32,
    "precision": pl.Int8,
    "approximate": pl.Boolean,
    "uncertain": pl.Boolean,
}


def _dates(values: pl.Series) -> tuple[list[pl.Series], dict[str, list[tuple[str, str]]]]:
    """The date columns of every row, each distinct date cell read once, and the reason
    each unreadable cell gives (a blank one is left to "date is required")."""
    distinct = values.unique()
    parts: dict[str, list] = {name: [] for name in _DATE_COLUMNS}
    errors: dict[str, list[tuple[str, str]]] = {}
    for value in distinct.to_list():
        fuzzy = None
        if value.strip():
            try:
                fuzzy = parse_edtf(value)
            except DateError as error:
                errors[value] = [(value, error.reason)]
        parts["start"].append(fuzzy.start.toordinal() if fuzzy and fuzzy.start else None)
        parts["end"].append(fuzzy.end.toordinal() if fuzzy and fuzzy.end else None)
        parts["precision"].append(PRECISIONS.index(fuzzy.precision) if fuzzy else None)
        parts["approximate"].append(bool(fuzzy and fuzzy.approximate))
        parts["uncertain"].append(bool(fuzzy and fuzzy.uncertain))
    index = _index_of(values, distinct)
    columns = [
        pl.Series(name, parts[name], dtype=kind).gather(index)
        for name, kind in _DATE_COLUMNS.items()
    ]
    return columns, errors


def _index_of(values: pl.Series, distinct: pl.Series) -> pl.Series:
    """For each value, its place in ``distinct`` (one join on the distinct values)."""
    places = pl.DataFrame({"value": distinct, "place": pl.int_range(len(distinct), eager=True)})
    found = values.to_frame("value").join(places, on="value", how="left", maintain_order="left")
    return found.get_column("place")


def _topics(cells: pl.Series, vocabulary):
    """The topics of every row as codes into the names (the vocabulary's, in its order, or
    every topic used, in order of appearance), each distinct cell read once; and the
    topics each cell names that the vocabulary lacks."""
    distinct = cells.unique(maintain_order=True)
    names: dict[str, int] = {name: i for i, name in enumerate(vocabulary or ())}
    codes, unknown = [], {}
    known = ", ".join(vocabulary or ())
    for cell in distinct.to_list():
        listed = split_list(cell)
        missing = [n for n in listed if vocabulary is not None and n not in vocabulary]
        if missing:
            unknown[cell] = [(n, f"unknown topic; known topics: {known}") for n in missing]
        codes.append([names.setdefault(n, len(names)) for n in listed if n not in missing])
    column = pl.Series("topics", codes, dtype=pl.List(pl.UInt16))
    return column.gather(_index_of(cells, distinct)), tuple(names), unknown


def _without_duplicate_ids(frame: pl.DataFrame, where: str, problems) -> pl.DataFrame:
    """Keep the first row of each id; every later one is a problem naming the first."""
    if frame.select(pl.col("id").hash().n_unique()).item() == frame.height:
        return frame
    marked = frame.with_columns(pl.col("line").first().over("id").alias("first"))
    repeated = marked.filter(pl.col("line") != pl.col("first"))
    for event_id, line, first in repeated.select("id", "line", "first").iter_rows():
        message = f"duplicate id; first used on line {first}"
        problems.append((line, 3, 0, Problem(where, line, "id", event_id, message)))
    return marked.filter(pl.col("line") == pl.col("first")).drop("first")


def _cache_min() -> int:
    """Smaller files are read faster than a cache is written (a setting)."""
    return current().cache_min_bytes


def _fallback_topics(names: Sequence[str]) -> dict[str, Topic]:
    """Without a topics.csv: every topic used, in order of appearance, in palette colours."""
    return {
        name: Topic(name, colour)
        for name, colour in zip(names, topic_colours(len(names)), strict=True)
    }


# --- the cache --------------------------------------------------------------------------------


def cache_path_for(path: Path) -> Path:
    """The cache's description (key, hash, problems, and the name of its data file)."""
    return path.with_name(f".{path.name}.timeline-cache.json")


def _key(stamp: Stamp | None, topics_file: Path) -> list:
    topics = Stamp.of(topics_file)
    return [
        f"{CACHE_VERSION} polars {pl.__version__}",  # the layout is polars' own
        stamp.key() if stamp else None,
        topics.key() if topics else None,
        _topics_digest(topics_file),
    ]


def _topics_digest(topics_file: Path) -> str | None:
    """The vocabulary is small: its content is part of the key, so no stamp can fool it."""
    try:
        return hashlib.sha256(topics_file.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _from_cache(path: Path, topics_file: Path, key: list):
    """The cached frame, topic names, problems and record count, if the cache is this
    file's. Its data is Arrow IPC, memory-mapped rather than read."""
    try:
        meta = json.loads(cache_path_for(path).read_text(encoding="utf-8"))
        if meta.get("key") != key and not _same_content(path, key, meta):
            return None
        frame = pl.read_ipc(path.with_name(meta["data"]))
        problems = [Problem(**p) for p in meta["problems"]]
        return _Parsed(
            frame,
            tuple(meta["topic_names"]),
            tuple(meta["unusable_ids"]),
            problems,
            int(meta["rows"]),
        )
    except (OSError, pl.exceptions.PolarsError, ValueError, KeyError, TypeError):
        return None  # no cache, or a damaged or old one: the file is read again


def _same_content(path: Path, key: list, meta: dict) -> bool:
    """A file touched, copied or restored keeps its cache when its bytes are the same."""
    stored = meta.get("key") or [None] * 4
    if stored[0] != key[0] or stored[3] != key[3]:
        return False
    return meta.get("digest") == _digest(path.read_bytes())


def _write_cache(path: Path, key: list, digest: str, parsed: _Parsed) -> None:
    """Best effort: a folder we cannot write to only means no cache. The data goes to a
    file of its own name first, then the description naming it replaces the old one, so a
    reader never pairs one with the other's; older data files are then removed."""
    meta_path = cache_path_for(path)
    data = path.with_name(f".{path.name}.timeline-cache.{digest[:12]}.{os.getpid()}.arrow")
    temporary = meta_path.with_name(f"{meta_path.name}.{os.getpid()}.tmp")
    meta = {
        "key": key,
        "digest": digest,
        "data": data.name,
        "rows": parsed.rows,
        "topic_names": list(parsed.topic_names),
        "unusable_ids": list(parsed.unusable_ids),
        "problems": [p.__dict__ for p in parsed.problems],
    }
    try:
        # polars' own layout (string views): written and mapped back without conversion
        parsed.frame.write_ipc(data, compat_level=pl.CompatLevel.newest())
        temporary.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(temporary, meta_path)
    except (OSError, pl.exceptions.PolarsError):
        temporary.unlink(missing_ok=True)
        data.unlink(missing_ok=True)
        return
    for old in path.parent.glob(f".{path.name}.timeline-cache.*.arrow"):
        if old != data:
            old.unlink(missing_ok=True)
