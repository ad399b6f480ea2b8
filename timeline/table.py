"""Events as columns (numpy arrays) for large files: fast filters, counts and a disk cache.

A row's date becomes two day numbers (``date.toordinal()``; open or unknown ends are the
smallest and largest int32), its topics a bit mask. Text search runs over one lower-cased
string of every row's title, summary and quote. The columns are cached beside the file
(``.<name>.timeline-cache.npz``), keyed by the file's size, modification time and a hash of
its content, so that a second start reads them instead of parsing the CSV again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from timeline.dates import PRECISIONS, parse_edtf
from timeline.errors import Problem
from timeline.events import REQUIRED, Event, Topic, split_list
from timeline.query import Filters
from timeline.store import (
    FALLBACK_COLOURS,
    _read_rows,
    _read_topics,
    _Reading,
    check_row,
    load_topics,
    topics_path_for,
)

NO_START = np.iinfo(np.int32).min
NO_END = np.iinfo(np.int32).max
MAX_TOPICS = 64  # one bit each
CACHE_VERSION = 1
LARGE_BYTES = 64 * 1024  # files larger than this (a few hundred events) go through the table
_SEPARATOR = "\x1f"
MAX_ROW_LINES = 64  # a row read back may span at most this many lines
_COLUMNS = ("ids", "titles", "dates", "lines", "start", "end", "precision", "topics", "search")


@dataclass
class EventTable:
    """The usable rows of an events file, column by column, and the problems of the rest."""

    path: str
    ids: list[str]
    titles: list[str]
    dates: list[str]
    lines: np.ndarray  # line where each row starts in the file
    start: np.ndarray  # int32 day numbers; NO_START when open or unknown
    end: np.ndarray  # NO_END when open or unknown
    precision: np.ndarray  # int8 index into dates.PRECISIONS
    topics: np.ndarray  # uint64 bit mask over topic_names
    topic_names: tuple[str, ...]
    search: str  # lower-cased "title summary quote" of every row, joined by _SEPARATOR
    search_starts: np.ndarray  # where each row's text starts in ``search``
    problems: list[Problem]

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, filters: Filters) -> np.ndarray:
        """Which rows pass the filters (a year range overlaps, any topic, text anywhere)."""
        keep = np.ones(len(self), dtype=bool)
        if filters.years:
            first = date(filters.years[0], 1, 1).toordinal()
            last = date(filters.years[1], 12, 31).toordinal()
            keep &= (self.start <= last) & (self.end >= first)
        if filters.topics:
            wanted = self.topic_bits(filters.topics)
            keep &= (self.topics & np.uint64(wanted)) != 0
        if filters.text:
            keep &= self._text_mask(filters.text)
        return keep

    def topic_bits(self, names) -> int:
        bits = 0
        for name in names:
            if name in self.topic_names:
                bits |= 1 << self.topic_names.index(name)
        return bits

    def _text_mask(self, text: str) -> np.ndarray:
        needle = text.casefold()
        found = np.zeros(len(self), dtype=bool)
        if _SEPARATOR in needle:
            return found
        positions = [m.start() for m in re.finditer(re.escape(needle), self.search)]
        if positions:
            rows = np.searchsorted(self.search_starts, np.asarray(positions), side="right") - 1
            found[rows] = True
        return found

    def counts(self, keep: np.ndarray, first: int, last: int, buckets: int) -> np.ndarray:
        """Events overlapping each of ``buckets`` equal stretches of days [first, last], per
        topic (rows: topic_names, then one for rows without a topic)."""
        width = max(1, (last - first + 1) / buckets)
        start = np.clip(self.start[keep].astype(np.int64), first, last + 1)
        end = np.clip(self.end[keep].astype(np.int64), first - 1, last)
        inside = start <= end
        low = ((start - first) / width).astype(np.int64)
        high = ((end - first) / width).astype(np.int64)
        result = np.zeros((len(self.topic_names) + 1, buckets), dtype=np.int64)
        masks = self.topics[keep]
        for row in range(len(self.topic_names) + 1):
            if row < len(self.topic_names):
                chosen = inside & ((masks & np.uint64(1 << row)) != 0)
            else:
                chosen = inside & (masks == 0)
            steps = np.zeros(buckets + 1, dtype=np.int64)
            np.add.at(steps, np.clip(low[chosen], 0, buckets - 1), 1)
            np.add.at(steps, np.clip(high[chosen], 0, buckets - 1) + 1, -1)
            result[row] = np.cumsum(steps)[:buckets]
        return result


def load_table(path: str | Path, use_cache: bool = True) -> EventTable:
    """The columns of an events file, from the cache beside it when it is still valid."""
    path = Path(path)
    key = _cache_key(path)
    cache = cache_path_for(path)
    if use_cache and key and cache.exists():
        table = _read_cache(cache, path, key)
        if table is not None:
            return table
    table = _parse(path)
    if use_cache and key:
        _write_cache(cache, table, key)
    return table


def cache_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.timeline-cache.npz")


def _cache_key(path: Path) -> str | None:
    try:
        status = path.stat()
        digest = hashlib.blake2b(digest_size=16)
        for paths in (path, topics_path_for(path)):
            if paths.exists():
                with paths.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 22), b""):
                        digest.update(block)
    except OSError:
        return None
    return f"{CACHE_VERSION}:{status.st_size}:{status.st_mtime_ns}:{digest.hexdigest()}"


def _parse(path: Path) -> EventTable:
    reading = _Reading(str(path))
    topics_file = topics_path_for(path)
    vocabulary = _read_topics(topics_file, reading) if topics_file.exists() else None
    names: dict[str, int] = {name: i for i, name in enumerate(vocabulary or {})}
    columns: dict[str, list] = {name: [] for name in _COLUMNS}
    seen: set[str] = set()
    # most rows repeat a date or a topics cell seen before: remember them, and check a row
    # in full (recording its problems) only when something about it is new or missing
    dates: dict[str, tuple[str, int, int, int]] = {}
    topic_bits: dict[str, int] = {}
    for line, row in _read_rows(path, reading):
        dated, bits = dates.get(row["date"]), topic_bits.get(row["topics"])
        if dated is None or bits is None or not _has_required(row):
            checked = check_row(line, row, vocabulary, reading)
            if checked is None:
                continue
            fuzzy, topics = checked
            dated = dates.setdefault(row["date"], _date_columns(fuzzy))
            bits = topic_bits.setdefault(row["topics"], _bits(topics, names))
        row_id = row["id"].strip()
        if row_id in seen:
            reading.problem(line, "id", row_id, "duplicate id")
            continue
        seen.add(row_id)
        columns["ids"].append(row_id)
        columns["titles"].append(row["title"].strip())
        columns["dates"].append(dated[0])
        columns["lines"].append(line)
        columns["start"].append(dated[1])
        columns["end"].append(dated[2])
        columns["precision"].append(dated[3])
        columns["topics"].append(bits)
        columns["search"].append(f"{row['title']} {row['summary']} {row['quote']}".casefold())
    return _assemble(str(path), columns, tuple(names)[:MAX_TOPICS], reading.problems)


def _has_required(row: dict[str, str]) -> bool:
    return all(row[name].strip() for name in REQUIRED)


def _date_columns(fuzzy) -> tuple[str, int, int, int]:
    start = fuzzy.start.toordinal() if fuzzy.start else NO_START
    end = fuzzy.end.toordinal() if fuzzy.end else NO_END
    return fuzzy.edtf, start, end, PRECISIONS.index(fuzzy.precision)


def _bits(topics: tuple[str, ...], names: dict[str, int]) -> int:
    """Known topics keep their place in the vocabulary; others are added in order."""
    bits = 0
    for topic in topics:
        bits |= 1 << names.setdefault(topic, len(names))
    return bits


def _assemble(path: str, columns: dict[str, list], topic_names, problems) -> EventTable:
    search_texts = [text.replace(_SEPARATOR, " ") for text in columns["search"]]
    lengths = np.fromiter(
        (len(t) + 1 for t in search_texts), dtype=np.int64, count=len(search_texts)
    )
    starts = (
        np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else np.zeros(0, np.int64)
    )
    return EventTable(
        path=path,
        ids=columns["ids"],
        titles=columns["titles"],
        dates=columns["dates"],
        lines=np.asarray(columns["lines"], dtype=np.int64),
        start=np.asarray(columns["start"], dtype=np.int32),
        end=np.asarray(columns["end"], dtype=np.int32),
        precision=np.asarray(columns["precision"], dtype=np.int8),
        topics=np.asarray(columns["topics"], dtype=np.uint64),
        topic_names=topic_names,
        search=_SEPARATOR.join(search_texts) + _SEPARATOR,
        search_starts=starts.astype(np.int64),
        problems=list(problems),
    )


def _write_cache(cache: Path, table: EventTable, key: str) -> None:
    """Best effort: a folder we cannot write to only means no cache."""
    texts = {name: _SEPARATOR.join(getattr(table, name)) for name in ("ids", "titles", "dates")}
    meta = {
        "key": key,
        "topic_names": list(table.topic_names),
        "problems": [p.__dict__ for p in table.problems],
    }
    temporary = cache.with_name(cache.name + f".{os.getpid()}.tmp.npz")
    try:
        np.savez(
            temporary,
            meta=_bytes(json.dumps(meta)),
            search=_bytes(table.search),
            search_starts=table.search_starts,
            lines=table.lines,
            start=table.start,
            end=table.end,
            precision=table.precision,
            topics=table.topics,
            ids=_bytes(texts["ids"]),
            titles=_bytes(texts["titles"]),
            dates=_bytes(texts["dates"]),
        )
        os.replace(temporary, cache)
    except OSError:
        temporary.unlink(missing_ok=True)


def _read_cache(cache: Path, path: Path, key: str) -> EventTable | None:
    try:
        with np.load(cache) as data:
            meta = json.loads(_text(data["meta"]))
            if meta.get("key") != key:
                return None
            count = len(data["start"])
            lists = {name: _split(_text(data[name]), count) for name in ("ids", "titles", "dates")}
            return EventTable(
                path=str(path),
                **lists,
                lines=data["lines"],
                start=data["start"],
                end=data["end"],
                precision=data["precision"],
                topics=data["topics"],
                topic_names=tuple(meta["topic_names"]),
                search=_text(data["search"]),
                search_starts=data["search_starts"],
                problems=[Problem(**p) for p in meta["problems"]],
            )
    except (OSError, ValueError, KeyError):
        return None  # a damaged or old cache is parsed again


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return array.tobytes().decode("utf-8")


def _split(text: str, count: int) -> list[str]:
    return text.split(_SEPARATOR) if count else []


class TableFile:
    """An events file seen through its table, that can give back whole events for a few rows."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.table = load_table(self.path)
        self._data = self.path.read_bytes()
        newlines = np.flatnonzero(np.frombuffer(self._data, dtype=np.uint8) == 10)
        self._line_starts = np.concatenate(([0], newlines + 1))
        self._header = next(csv.reader([self._data[: self._line_starts[1]].decode("utf-8-sig")]))
        self._row_of: dict[str, int] | None = None
        self._by_start: np.ndarray | None = None

    def by_start(self, keep: np.ndarray | None = None) -> np.ndarray:
        """Row indexes in date order (by start, unknown starts first; stable), only the kept
        ones if ``keep`` is given. The order is sorted once per file, not per question."""
        if self._by_start is None:
            self._by_start = np.argsort(self.table.start, kind="stable")
        return self._by_start if keep is None else self._by_start[keep[self._by_start]]

    def events(self, rows) -> list[Event]:
        """The events of the given row indexes, read again from the file."""
        found = []
        for row in rows:
            line = int(self.table.lines[row])
            start = int(self._line_starts[line - 1])
            last = line - 1 + MAX_ROW_LINES
            stop = (
                int(self._line_starts[last]) if last < len(self._line_starts) else len(self._data)
            )
            text = self._data[start:stop].decode("utf-8", errors="replace")
            cells = next(csv.reader(io.StringIO(text, newline="")))
            record = dict(zip(self._header, cells + [""] * len(self._header), strict=False))
            found.append(_event(record, self.table, row, line))
        return found

    def row_of(self, event_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {event_id: i for i, event_id in enumerate(self.table.ids)}
        return self._row_of.get(event_id)


def _event(record: dict[str, str], table: EventTable, row: int, line: int) -> Event:
    bits = int(table.topics[row])
    topics = tuple(name for i, name in enumerate(table.topic_names) if bits >> i & 1)
    return Event(
        id=table.ids[row],
        date=parse_edtf(table.dates[row]),
        title=table.titles[row],
        topics=topics,
        actors=split_list(record.get("actors", "")),
        summary=record.get("summary", "").strip(),
        quote=record.get("quote", ""),
        source=record.get("source", "").strip(),
        note=record.get("note", "").strip(),
        line=line,
    )


class TableSource:
    """A large events file, read again (through its cache) whenever it changes on disk."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._file: TableFile | None = None

    def current(self) -> TableFile:
        status = self.path.stat()
        stamp = (status.st_size, status.st_mtime_ns)
        if self._file is None or stamp != self._stamp:
            self._file, self._stamp = TableFile(self.path), stamp
        return self._file


def known_span(table: EventTable, keep: np.ndarray | None = None) -> tuple[date, date] | None:
    """The first and last known day of the (kept) rows."""
    starts = table.start if keep is None else table.start[keep]
    ends = table.end if keep is None else table.end[keep]
    known = np.concatenate((starts[starts != NO_START], ends[ends != NO_END]))
    if not len(known):
        return None
    return date.fromordinal(int(known.min())), date.fromordinal(int(known.max()))


def is_large(path: Path) -> bool:
    """Whether to serve a file through its table (only its size is looked at)."""
    try:
        return path.stat().st_size > LARGE_BYTES
    except OSError:
        return False


def table_topics(file: TableFile) -> dict[str, Topic]:
    """The vocabulary beside the file, or the table's topics in the fallback colours."""
    vocabulary = topics_path_for(file.path)
    if vocabulary.exists():
        return load_topics(vocabulary)
    names = file.table.topic_names
    return {n: Topic(n, FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)]) for i, n in enumerate(names)}
